/* case_eval.h: evaluating one case of cases.txt (a function call in a small notation) with celm's
 * functions, and printing its answer in the notation gohelm/main.go prints Go's answers in. */
#ifndef CELM_TEST_CASE_EVAL_H
#define CELM_TEST_CASE_EVAL_H

#include "gotmpl_func.h"
#include "gotmpl_value.h"

/* Evaluates `line` (NAME ARG...) in the runtime; the answer is an arena string. */
celm_string case_evaluate(gotmpl_runtime *runtime, const char *line);

/* Calls the function `name` (or ".Method" of args[0]) directly; *message gets the error or panic
 * text, *panicked which of the two. Returns 0, or -1 when the call failed, -2 when there is no such
 * function or method, -3 when there are more arguments than it takes. */
int case_call(gotmpl_runtime *runtime, const char *name, const gotmpl_value *args, size_t count, gotmpl_value *out,
              celm_string *message, int *panicked);

/* The answer's notation of one value. */
celm_string case_dump(gotmpl_runtime *runtime, const gotmpl_value *value);

#endif
