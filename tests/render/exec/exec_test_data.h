/* exec_test_data.h: the data sets and functions the executor's cases run with, built with the value
 * API exactly as goexec/data.go builds them in Go. */
#ifndef CELM_EXEC_TEST_DATA_H
#define CELM_EXEC_TEST_DATA_H

#include "gotmpl_func.h"
#include "gotmpl_value.h"

/* A data set by name ("main", "none", "string", "int", "list", "obj"); GT_INVALID when unknown. */
gotmpl_value exec_test_data(gotmpl_runtime *runtime, const char *name);

/* The functions of goexec/data.go's testFuncs. */
extern const gotmpl_func_table exec_test_functions;

#endif
