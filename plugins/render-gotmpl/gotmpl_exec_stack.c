/* gotmpl_exec_stack.c: a deep stack for executions. Go lets a template call templates 100000 deep
 * (its goroutine stacks grow); a recursive C executor needs a stack that size, so the outermost
 * execution runs on a thread whose stack is reserved large (only touched pages cost memory).
 * Charts rarely nest templates more than a few levels, so with caller_stack_first the main
 * thread's own stack is tried first and the thread is only made when that runs out. */
#include <pthread.h>
#include <stdint.h>
#include <sys/resource.h>
#include <unistd.h>

#include "gotmpl_exec_internal.h"

/* What 100000 nested {{template}} calls need, with room for ASan's larger frames. */
static const size_t stack_sizes[] = {(size_t)1 << 30, (size_t)256 << 20, (size_t)64 << 20};
/* Kept free below the limit for one more level's frames and the functions it calls. */
#define STACK_RESERVE ((size_t)512 << 10)
/* Assumed of a caller's own stack when no thread could be made, and used of the main thread's
 * when its limit is at least MAIN_STACK_LIMIT (Linux's default). */
#define CALLER_STACK ((size_t)4 << 20)
#define MAIN_STACK_LIMIT ((rlim_t)8 << 20)

typedef struct stack_job {
    gotmpl_exec *exec;
    int (*body)(void *payload);
    void *payload;
    size_t size;
    int status;
} stack_job;

static void set_limit(gotmpl_exec *exec, size_t usable)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    exec->stack_limit = (const char *)(here > usable ? here - usable : 0);
}

static void *run_job(void *argument)
{
    stack_job *job = argument;
    set_limit(job->exec, job->size - STACK_RESERVE);
    job->status = job->body(job->payload);
    return NULL;
}

static int start_thread(stack_job *job, pthread_t *thread)
{
    pthread_attr_t attributes;
    if (pthread_attr_init(&attributes) != 0)
        return -1;
    int started = pthread_attr_setstacksize(&attributes, job->size) == 0 &&
                  pthread_create(thread, &attributes, run_job, job) == 0;
    pthread_attr_destroy(&attributes);
    return started ? 0 : -1;
}

/* The main thread's stack grows on demand up to its limit, of which little is used here. */
static int on_roomy_main_thread(void)
{
    struct rlimit limit;
    return getpid() == gettid() && getrlimit(RLIMIT_STACK, &limit) == 0 &&
           (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= MAIN_STACK_LIMIT);
}

static int run_on_caller_stack(gotmpl_exec *exec, int (*body)(void *payload), void *payload)
{
    set_limit(exec, CALLER_STACK - STACK_RESERVE);
    exec->on_caller_stack = 1;
    int status = body(payload);
    exec->on_caller_stack = 0;
    exec->stack_limit = NULL;
    return status;
}

int gotmpl_exec_on_large_stack(gotmpl_exec *exec, int (*body)(void *payload), void *payload)
{
    if (exec->stack_limit)
        return body(payload);
    if (exec->options.caller_stack_first && on_roomy_main_thread())
        return run_on_caller_stack(exec, body, payload);
    stack_job job = {exec, body, payload, 0, CELM_OK};
    pthread_t thread;
    for (size_t i = 0; i < sizeof stack_sizes / sizeof stack_sizes[0]; i++) {
        job.size = stack_sizes[i];
        if (start_thread(&job, &thread) == 0) {
            pthread_join(thread, NULL);
            exec->stack_limit = NULL;
            return job.status;
        }
    }
    set_limit(exec, CALLER_STACK - STACK_RESERVE);
    job.status = body(payload);
    exec->stack_limit = NULL;
    return job.status;
}

int gotmpl_exec_stack_ok(gotmpl_exec *exec)
{
    if (!exec->stack_limit || (uintptr_t)__builtin_frame_address(0) > (uintptr_t)exec->stack_limit)
        return 1;
    exec->stack_exhausted |= exec->on_caller_stack;
    return 0;
}

int gotmpl_exec_stack_exhausted(const gotmpl_exec *exec)
{
    return exec->stack_exhausted;
}
