/* gotmpl_render.h: Helm's engine over a chart tree: template data, parse order, execution. */
#ifndef CELM_GOTMPL_RENDER_H
#define CELM_GOTMPL_RENDER_H

#include "celm/render.h"
#include "gotmpl_exec.h"

/* A render whose templates are parsed: Helm's engine.render up to execution. */
typedef struct gotmpl_prepared gotmpl_prepared;

/* Collects every template of request->chart with its chart's dot and parses them deepest path
 * first. *out lives in the executor's arena; parse errors read as Helm's engine reports them. */
int gotmpl_render_prepare(gotmpl_exec *exec, const celm_render_request *request, gotmpl_prepared **out,
                          celm_error *err);
/* Executes the prepared templates in parse order, partials skipped, "<no value>" removed. *out is
 * an arena array of the rendered files. Errors read as Helm's engine reports them. */
int gotmpl_render_execute(gotmpl_prepared *prepared, celm_render_output **out, size_t *count, celm_error *err);
gotmpl_exec *gotmpl_prepared_exec(const gotmpl_prepared *prepared);
/* 1 and *out when `full_path` names a chart of the tree: the dot its templates see. */
int gotmpl_prepared_chart_dot(const gotmpl_prepared *prepared, const char *full_path, gotmpl_value *out);
/* strings.ReplaceAll(text, "<no value>", "") in place; returns the new length. */
size_t gotmpl_strip_no_value(char *text, size_t len);

/* The template data objects (gotmpl_object_*.c). */
gotmpl_value gotmpl_chart_object(gotmpl_runtime *runtime, const celm_value *metadata, int is_root);
gotmpl_value gotmpl_files_object(gotmpl_runtime *runtime, const celm_render_file *files, size_t count);
gotmpl_value gotmpl_capabilities_object(gotmpl_runtime *runtime, const celm_value *capabilities);
gotmpl_value gotmpl_release_object(gotmpl_runtime *runtime, const celm_value *release);
/* Marks a map as Helm's common.Values (its %T and its methods). */
void gotmpl_mark_values(gotmpl_value *value);

#endif
