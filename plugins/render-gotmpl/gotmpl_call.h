/* gotmpl_call.h: the call context behind gotmpl_call (for the executor and for tests). */
#ifndef CELM_GOTMPL_CALL_H
#define CELM_GOTMPL_CALL_H

#include "gotmpl_func.h"

struct gotmpl_call {
    gotmpl_runtime *runtime;
    gotmpl_exec *exec;          /* NULL when a function is called outside an executor (tests) */
    const gotmpl_func *func;
    celm_string message;        /* the Go error or panic text, when the call failed */
    int panicked;
};

void gotmpl_call_init(gotmpl_call *call, gotmpl_runtime *runtime, gotmpl_exec *exec, const gotmpl_func *func);

#endif
