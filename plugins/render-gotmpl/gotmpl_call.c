/* gotmpl_call.c: the context a template function is called with, and the errors it reports. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_call.h"

void gotmpl_call_init(gotmpl_call *call, gotmpl_runtime *runtime, gotmpl_exec *exec, const gotmpl_func *func)
{
    memset(call, 0, sizeof *call);
    call->runtime = runtime;
    call->exec = exec;
    call->func = func;
}

gotmpl_runtime *gotmpl_call_runtime(gotmpl_call *call)
{
    return call->runtime;
}

gotmpl_exec *gotmpl_call_exec(gotmpl_call *call)
{
    return call->exec;
}

const char *gotmpl_call_name(const gotmpl_call *call)
{
    return call->func ? call->func->name : "";
}

static int call_fail(gotmpl_call *call, int panicked, const char *format, va_list args)
{
    va_list copy;
    va_copy(copy, args);
    int needed = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    const celm_host *host = gotmpl_runtime_host(call->runtime);
    char *text = needed >= 0 ? host->arena_alloc(gotmpl_runtime_arena(call->runtime), (size_t)needed + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)needed + 1, format, args);
    call->message.data = text ? text : "out of memory";
    call->message.len = text ? (size_t)needed : strlen("out of memory");
    call->panicked = panicked;
    return CELM_EINVAL;
}

int gotmpl_call_error(gotmpl_call *call, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int status = call_fail(call, 0, format, args);
    va_end(args);
    return status;
}

int gotmpl_call_panic(gotmpl_call *call, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int status = call_fail(call, 1, format, args);
    va_end(args);
    return status;
}
