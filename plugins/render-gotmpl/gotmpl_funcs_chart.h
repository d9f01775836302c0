/* gotmpl_funcs_chart.h: functions other renderers lend, as a function table of the executor. */
#ifndef CELM_GOTMPL_FUNCS_CHART_H
#define CELM_GOTMPL_FUNCS_CHART_H

#include "celm/render.h"
#include "gotmpl_func.h"

/* *out: `base` (NULL-terminated) with a table of the lent functions in front, so that any
 * function of `base` with the same name replaces a lent one (gotmpl_chart_function_clash finds
 * those). Everything lives in `arena`; `lent` must outlive the executor. */
int gotmpl_chart_function_tables(const celm_host *host, celm_arena *arena, const celm_render_function *lent,
                                 size_t count, const gotmpl_func_table *const *base,
                                 const gotmpl_func_table *const **out);

/* The first lent function the executor does not call under its own name (a builtin, Sprig or
 * Helm function has it), or NULL. */
const celm_render_function *gotmpl_chart_function_clash(const gotmpl_exec *exec, const gotmpl_func_table *table);

#endif
