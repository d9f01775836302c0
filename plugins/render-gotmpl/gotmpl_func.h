/* gotmpl_func.h: template functions: their Go signatures, how they are called, and their tables.
 *
 * A function is declared with its Go signature; the executor checks and converts arguments the
 * way text/template's reflect-based call does (argument count, assignability, number constants
 * converted to the parameter's type) and wraps a returned error as `error calling NAME: ...`.
 * The implementation therefore receives arguments already of the declared types (GT_ANY
 * parameters receive any value, including GT_NIL; never GT_INVALID). */
#ifndef CELM_GOTMPL_FUNC_H
#define CELM_GOTMPL_FUNC_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_value.h"

#define GOTMPL_MAX_PARAMS 6

typedef struct gotmpl_call gotmpl_call;

/* Computes the result into *out. Returns 0, or a negative CELM_E* code after setting the Go error
 * text with gotmpl_call_error (the executor adds "error calling NAME: "); a panic-like failure
 * (sprig functions that panic, Helm's fail/required) uses gotmpl_call_panic instead. */
typedef int (*gotmpl_func_impl)(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out);

struct gotmpl_func {
    const char *name;
    gotmpl_func_impl impl;
    uint8_t param_count;        /* declared parameters, the variadic one included */
    uint8_t variadic;           /* the last parameter is ...T (receives 0 or more values) */
    uint8_t params[GOTMPL_MAX_PARAMS]; /* gotmpl_type of each parameter; GT_ANY for interface{} */
    uint8_t result;             /* gotmpl_type of the (first) result; GT_ANY for interface{} */
    uint8_t returns_error;      /* Go signature (T, error) */
};

/* The arguments of the call: the render runtime (arena, host, values), and the executor, for
 * functions that run templates (include, tpl) or read render state (lookup, .Files). */
typedef struct gotmpl_exec gotmpl_exec;

gotmpl_runtime *gotmpl_call_runtime(gotmpl_call *call);
gotmpl_exec *gotmpl_call_exec(gotmpl_call *call);
const char *gotmpl_call_name(const gotmpl_call *call);
/* Sets the function's Go error text (printf-style); returns CELM_EINVAL for convenience. */
int gotmpl_call_error(gotmpl_call *call, const char *format, ...) CELM_PRINTF(2, 3);
/* Like a Go panic inside the function: the executor reports it as text/template does for
 * panicking functions. */
int gotmpl_call_panic(gotmpl_call *call, const char *format, ...) CELM_PRINTF(2, 3);

/* A table of functions, terminated by an entry with name NULL. Each group of Sprig or Helm
 * functions exports one (gotmpl_funcs_<group>.c). */
typedef struct gotmpl_func_table {
    const char *group;
    const gotmpl_func *functions;
} gotmpl_func_table;

/* Finds a function by name in the executor's map (builtins, Sprig, Helm, chart functions). */
const gotmpl_func *gotmpl_func_find(const gotmpl_exec *exec, const char *name, size_t len);

#endif
