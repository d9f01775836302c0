/* gotmpl_exec_call.c: calling functions and methods as Go's evalCall does: argument counts,
 * arguments for each parameter, the pipeline's final value, the short-circuit and/or, the call
 * builtin, and wrapping a failure as "error calling NAME: ...". */
#include <string.h>

#include "gotmpl_exec_internal.h"

/* Calls with up to this many arguments keep them on the stack rather than in the arena. */
#define GOTMPL_SMALL_CALL 8

/* A call in the making: the function's declared parameters (a method's without its receiver). */
typedef struct call_plan {
    const gotmpl_func *func;
    celm_gotmpl_slice name;
    const uint8_t *params;
    size_t param_count;
    celm_gotmpl_node *const *args;  /* the arguments after the function's own node */
    size_t arg_count;
    const gotmpl_exec_value *final;
} call_plan;

static int name_is(celm_gotmpl_slice name, const char *text)
{
    return name.len == strlen(text) && memcmp(name.data, text, name.len) == 0;
}

static int check_count(gotmpl_exec_state *state, const call_plan *plan)
{
    size_t given = plan->arg_count + (plan->final ? 1 : 0);
    if (plan->func->variadic) {
        if (given < plan->param_count - 1)
            return gotmpl_exec_fail(state, "wrong number of args for %.*s: want at least %zu got %zu",
                                    (int)plan->name.len, plan->name.data, plan->param_count - 1, plan->arg_count);
    } else if (given != plan->param_count) {
        return gotmpl_exec_fail(state, "wrong number of args for %.*s: want %zu got %zu", (int)plan->name.len,
                                plan->name.data, plan->param_count, given);
    }
    return CELM_OK;
}

/* and/or: the first argument that decides, evaluated lazily, else the last one. */
static int short_circuit(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const call_plan *plan,
                         gotmpl_exec_value *out)
{
    int want = name_is(plan->name, "or");
    gotmpl_exec_value value = {gotmpl_invalid(), 0};
    for (size_t i = 0; i < plan->arg_count; i++) {
        int status = gotmpl_exec_argument(state, dot, GOTMPL_PARAM_REFLECT, plan->args[i], &value);
        if (status != CELM_OK)
            return status;
        gotmpl_exec_value tested = gotmpl_exec_unboxed(&value);
        if (gotmpl_exec_truth(state->exec->runtime, &tested.value) == want) {
            *out = value;
            return CELM_OK;
        }
    }
    if (plan->final)
        value = *plan->final;
    *out = value;
    return CELM_OK;
}

/* reflect.Value.String(): the text of a string, else "<T Value>". */
static void put_value_string(gotmpl_buffer *text, const gotmpl_exec_value *value)
{
    if (value->value.type == GT_STRING && !value->boxed)
        gotmpl_buffer_put(text, value->value.as.string.data, value->value.as.string.len);
    else if (value->value.type == GT_INVALID)
        gotmpl_buffer_puts(text, "<invalid Value>");
    else
        gotmpl_buffer_printf(text, "<%s Value>", value->boxed ? "interface {}" : gotmpl_type_name(&value->value));
}

/* The call builtin: templates hold no function values, so it can only fail as Go's does. */
static int call_builtin(gotmpl_exec_state *state, const celm_gotmpl_node *node, const call_plan *plan,
                        const gotmpl_exec_value *argv)
{
    gotmpl_exec_value function = gotmpl_exec_unboxed(&argv[0]);
    gotmpl_buffer message;
    gotmpl_buffer_init(&message, state->exec->runtime);
    if (function.value.type == GT_INVALID) {
        gotmpl_buffer_puts(&message, "call of nil");
    } else {
        gotmpl_buffer_puts(&message, "non-function ");
        if (plan->arg_count == 0)
            put_value_string(&message, plan->final);
        else
            gotmpl_buffer_puts(&message, gotmpl_exec_node_string(state, plan->args[0]));
        gotmpl_buffer_printf(&message, " of type %s", gotmpl_type_name(&function.value));
    }
    celm_string text;
    if (gotmpl_buffer_finish(&message, &text) != CELM_OK)
        return gotmpl_exec_out_of_memory(state->exec);
    state->node = node;
    return gotmpl_exec_fail_call(state, "call", &text, NULL);
}

/* The arguments for each parameter: fixed ones, variadic ones, then the final value. */
static int evaluate_arguments(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const call_plan *plan,
                              gotmpl_exec_value *argv)
{
    size_t fixed = plan->func->variadic ? plan->param_count - 1 : plan->arg_count;
    size_t i = 0;
    for (; i < fixed && i < plan->arg_count; i++) {
        int status = gotmpl_exec_argument(state, dot, plan->params[i], plan->args[i], &argv[i]);
        if (status != CELM_OK)
            return status;
    }
    uint8_t element = plan->func->variadic ? plan->params[plan->param_count - 1] : GT_ANY;
    for (; plan->func->variadic && i < plan->arg_count; i++) {
        int status = gotmpl_exec_argument(state, dot, element, plan->args[i], &argv[i]);
        if (status != CELM_OK)
            return status;
    }
    if (!plan->final)
        return CELM_OK;
    uint8_t type = plan->params[plan->param_count - 1];
    if (plan->func->variadic && i < fixed)
        type = plan->params[i];
    return gotmpl_exec_check_type(state, plan->final, type, &argv[i]);
}

static int invoke(gotmpl_exec_state *state, const celm_gotmpl_node *node, const call_plan *plan,
                  const gotmpl_value *receiver, const gotmpl_exec_value *argv, size_t count, gotmpl_exec_value *out)
{
    gotmpl_exec *exec = state->exec;
    size_t total = count + (receiver ? 1 : 0);
    gotmpl_value small[GOTMPL_SMALL_CALL];
    gotmpl_value *values = total <= GOTMPL_SMALL_CALL ? small : exec->host->arena_alloc(exec->arena, total * sizeof *values);
    if (!values)
        return gotmpl_exec_out_of_memory(exec);
    uint8_t boxed_small[GOTMPL_SMALL_CALL];
    uint8_t *boxed = total <= GOTMPL_SMALL_CALL ? boxed_small : exec->host->arena_alloc(exec->arena, total);
    if (!boxed)
        return gotmpl_exec_out_of_memory(exec);
    size_t at = 0;
    if (receiver)
        values[at] = *receiver, boxed[at++] = 0;
    for (size_t i = 0; i < count; i++)
        values[at] = argv[i].value, boxed[at++] = argv[i].boxed;
    gotmpl_call call;
    gotmpl_call_init(&call, exec->runtime, exec, plan->func);
    exec->call_chain.count = 0;
    gotmpl_value result = gotmpl_invalid();
    const uint8_t *outer_boxed = exec->argument_boxed;
    size_t outer_count = exec->argument_count;
    exec->argument_boxed = boxed;
    exec->argument_count = total;
    int status = plan->func->impl(&call, values, total, &result);
    exec->argument_boxed = outer_boxed;
    exec->argument_count = outer_count;
    if (status == CELM_ENOMEM && !call.message.len)
        return gotmpl_exec_out_of_memory(exec);
    if (status != CELM_OK) {
        state->node = node;
        char name[128];
        size_t len = plan->name.len < sizeof name - 1 ? plan->name.len : sizeof name - 1;
        memcpy(name, plan->name.data, len);
        name[len] = '\0';
        gotmpl_error_chain inner = exec->call_chain;
        exec->call_chain.count = 0;
        return gotmpl_exec_fail_call(state, name, &call.message, &inner);
    }
    out->value = result;
    out->boxed = plan->func->result == GT_ANY;
    return CELM_OK;
}

int gotmpl_exec_call_fail_text(gotmpl_call *call, const celm_string *text)
{
    call->message = *text;
    call->panicked = 0;
    return CELM_EINVAL;
}

int gotmpl_exec_argument_boxed(gotmpl_call *call, size_t i)
{
    const gotmpl_exec *exec = call->exec;
    return exec && exec->argument_boxed && i < exec->argument_count && exec->argument_boxed[i];
}

int gotmpl_exec_call(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const gotmpl_func *func, int is_builtin,
                     const celm_gotmpl_node *node, celm_gotmpl_slice name, celm_gotmpl_node *const *args,
                     size_t count, const gotmpl_exec_value *final, const gotmpl_value *receiver,
                     gotmpl_exec_value *out)
{
    size_t skip = receiver ? 1 : 0;
    call_plan plan = {func, name, func->params + skip, func->param_count - skip, args ? args + 1 : NULL,
                      args && count ? count - 1 : 0, final};
    int status = check_count(state, &plan);
    if (status != CELM_OK)
        return status;
    if (is_builtin && (name_is(name, "and") || name_is(name, "or")))
        return short_circuit(state, dot, &plan, out);
    size_t given = plan.arg_count + (final ? 1 : 0);
    gotmpl_exec_value small[GOTMPL_SMALL_CALL];
    gotmpl_exec_value *argv = given <= GOTMPL_SMALL_CALL ? small
                                                         : state->exec->host->arena_alloc(state->exec->arena,
                                                                                          given * sizeof *argv);
    if (!argv)
        return gotmpl_exec_out_of_memory(state->exec);
    status = evaluate_arguments(state, dot, &plan, argv);
    if (status != CELM_OK)
        return status;
    if (is_builtin && name_is(name, "call"))
        return call_builtin(state, node, &plan, argv);
    return invoke(state, node, &plan, receiver, argv, given, out);
}
