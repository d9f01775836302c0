/* gotmpl_function_tables.h: the function maps: Helm's engine's for chart templates, Sprig's alone. */
#ifndef CELM_GOTMPL_FUNCTION_TABLES_H
#define CELM_GOTMPL_FUNCTION_TABLES_H

#include "gotmpl_exec.h"

/* Sprig's functions first, Helm's after them, so Helm's replace Sprig's as in engine.funcMap;
 * NULL-terminated. */
extern const gotmpl_func_table *const gotmpl_helm_function_tables[];
/* sprig.TxtFuncMap(), as helm's --name-template sees it; NULL-terminated. */
extern const gotmpl_func_table *const gotmpl_sprig_function_tables[];

#endif
