/* gotmpl_function_tables.h: the function map Helm's engine gives chart templates. */
#ifndef CELM_GOTMPL_FUNCTION_TABLES_H
#define CELM_GOTMPL_FUNCTION_TABLES_H

#include "gotmpl_exec.h"

/* Sprig's functions first, Helm's after them, so Helm's replace Sprig's as in engine.funcMap;
 * NULL-terminated. */
extern const gotmpl_func_table *const gotmpl_helm_function_tables[];

#endif
