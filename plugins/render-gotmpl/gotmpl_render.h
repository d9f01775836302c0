/* gotmpl_render.h: Helm's engine over a chart tree: template data, parse order, execution. */
#ifndef CELM_GOTMPL_RENDER_H
#define CELM_GOTMPL_RENDER_H

#include "celm/render.h"
#include "gotmpl_exec.h"

/* Renders every template of request->chart (Helm's engine.render): templates parsed deepest path
 * first, executed in that order, partials skipped, "<no value>" removed. *out is an arena array of
 * the rendered files. Errors read as Helm's engine reports them. */
int gotmpl_render(gotmpl_exec *exec, const celm_render_request *request, celm_render_output **out, size_t *count,
                  celm_error *err);

/* The template data objects (gotmpl_object_*.c). */
gotmpl_value gotmpl_chart_object(gotmpl_runtime *runtime, const celm_value *metadata, int is_root);
gotmpl_value gotmpl_files_object(gotmpl_runtime *runtime, const celm_render_file *files, size_t count);
gotmpl_value gotmpl_capabilities_object(gotmpl_runtime *runtime, const celm_value *capabilities);
gotmpl_value gotmpl_release_object(gotmpl_runtime *runtime, const celm_value *release);
/* Marks a map as Helm's common.Values (its %T and its methods). */
void gotmpl_mark_values(gotmpl_value *value);

#endif
