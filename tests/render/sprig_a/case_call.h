/* case_call.h: one line of cases.txt, read into a function call and answered the way gosprig/main.go
 * answers it: `TYPE "%v"`, `error "text"` or `panic "text"`, then `<TAB>arg0 TYPE "%v"`. */
#ifndef CELM_TEST_SPRIG_A_CASE_CALL_H
#define CELM_TEST_SPRIG_A_CASE_CALL_H

#include "gotmpl_func.h"

/* Sprig's functions of this group, by name; NULL when none has it. */
const gotmpl_func *case_find_function(const char *name, size_t len);

/* Calls the case's function and writes its answer (an arena string) to *answer. Returns 0, or -1
 * with *answer saying why the line could not be run (bad literal, unknown function, arguments
 * that do not fit the declared signature, a result of another type than declared). */
int case_call(gotmpl_runtime *runtime, const char *line, celm_string *answer);

#endif
