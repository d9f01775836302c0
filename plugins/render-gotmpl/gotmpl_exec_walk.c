/* gotmpl_exec_walk.c: walking a template's tree as Go's exec.go does: text, actions, if, with,
 * range, break and continue, template calls, and the variable stack. */
#include <string.h>

#include "gotmpl_exec_internal.h"
#include "gotmpl_fmt.h"

/* --- variables ----------------------------------------------------------------------------------- */
int gotmpl_variable_push(gotmpl_exec_state *state, celm_gotmpl_slice name, const gotmpl_exec_value *value)
{
    gotmpl_exec *exec = state->exec;
    if (exec->variable_count == exec->variable_capacity) {
        size_t capacity = exec->variable_capacity ? exec->variable_capacity * 2 : 64;
        gotmpl_variable *grown = exec->host->arena_alloc(exec->arena, capacity * sizeof *grown);
        if (!grown)
            return gotmpl_exec_out_of_memory(exec);
        if (exec->variable_count)
            memcpy(grown, exec->variables, exec->variable_count * sizeof *grown);
        exec->variables = grown;
        exec->variable_capacity = capacity;
    }
    gotmpl_variable *variable = &exec->variables[exec->variable_count++];
    variable->name = name;
    variable->value = *value;
    return CELM_OK;
}

/* The last declared variable of that name in this execution, or NULL. */
static gotmpl_variable *find_variable(gotmpl_exec_state *state, celm_gotmpl_slice name)
{
    gotmpl_exec *exec = state->exec;
    for (size_t i = exec->variable_count; i > state->variable_base; i--) {
        gotmpl_variable *variable = &exec->variables[i - 1];
        if (variable->name.len == name.len && memcmp(variable->name.data, name.data, name.len) == 0)
            return variable;
    }
    return NULL;
}

int gotmpl_variable_set(gotmpl_exec_state *state, celm_gotmpl_slice name, const gotmpl_exec_value *value)
{
    gotmpl_variable *variable = find_variable(state, name);
    if (!variable)
        return gotmpl_exec_fail(state, "undefined variable: %.*s", (int)name.len, name.data);
    variable->value = *value;
    return CELM_OK;
}

int gotmpl_variable_get(gotmpl_exec_state *state, celm_gotmpl_slice name, gotmpl_exec_value *out)
{
    gotmpl_variable *variable = find_variable(state, name);
    if (!variable)
        return gotmpl_exec_fail(state, "undefined variable: %.*s", (int)name.len, name.data);
    *out = variable->value;
    return CELM_OK;
}

/* --- actions -------------------------------------------------------------------------------------- */
/* printValue: what {{pipeline}} writes; a missing value is "<no value>". */
static int print_value(gotmpl_exec_state *state, const celm_gotmpl_node *node, const gotmpl_exec_value *value)
{
    state->node = node;
    gotmpl_exec_value shown = gotmpl_exec_unboxed(value);
    if (shown.value.type == GT_INVALID) {
        gotmpl_buffer_puts(state->out, "<no value>");
    } else if (shown.value.type == GT_STRING) {     /* the common case, without a copy */
        gotmpl_buffer_put(state->out, shown.value.as.string.data, shown.value.as.string.len);
    } else {
        celm_string text;
        if (gotmpl_fmt_value(state->exec->runtime, &shown.value, &text) != CELM_OK)
            return gotmpl_exec_out_of_memory(state->exec);
        gotmpl_buffer_put(state->out, text.data, text.len);
    }
    return state->out->failed ? gotmpl_exec_out_of_memory(state->exec) : CELM_OK;
}

static int walk_action(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_action *action)
{
    gotmpl_exec_value value;
    int status = gotmpl_exec_pipeline(state, dot, action->pipe, &value);
    if (status == CELM_OK && action->pipe->decl_count == 0)
        status = print_value(state, &action->node, &value);
    return status;
}

static int walk_if_or_with(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_branch *branch)
{
    size_t mark = state->exec->variable_count;
    gotmpl_exec_value value;
    int status = gotmpl_exec_pipeline(state, dot, branch->pipe, &value);
    if (status == CELM_OK) {
        gotmpl_exec_value tested = gotmpl_exec_unboxed(&value);
        if (gotmpl_exec_truth(state->exec->runtime, &tested.value))
            status = gotmpl_exec_walk(state, branch->node.kind == CELM_GOTMPL_NODE_WITH ? &value : dot,
                                      &branch->list->node);
        else if (branch->else_list)
            status = gotmpl_exec_walk(state, dot, &branch->else_list->node);
    }
    state->exec->variable_count = mark;
    return status;
}

/* --- range ---------------------------------------------------------------------------------------- */
typedef struct range_loop {
    gotmpl_exec_state *state;
    const celm_gotmpl_branch *range;
    size_t mark;            /* the variable stack before the body's own variables */
} range_loop;

/* One pass of the body, with the range's variables set to index and element. Returns 0 to go
 * on, GOTMPL_WALK_BREAK to stop, or an error. */
static int range_iteration(range_loop *loop, const gotmpl_exec_value *index, const gotmpl_exec_value *element)
{
    gotmpl_exec_state *state = loop->state;
    const celm_gotmpl_pipe *pipe = loop->range->pipe;
    gotmpl_variable *top = &state->exec->variables[loop->mark - 1];
    int status = CELM_OK;
    if (pipe->decl_count > 0) {
        if (pipe->is_assign)
            status = gotmpl_variable_set(state, pipe->decls[0]->names[0], pipe->decl_count > 1 ? index : element);
        else
            top->value = *element;
    }
    if (status == CELM_OK && pipe->decl_count > 1) {
        if (pipe->is_assign)
            status = gotmpl_variable_set(state, pipe->decls[1]->names[0], element);
        else
            top[-1].value = *index;
    }
    if (status == CELM_OK)
        status = gotmpl_exec_walk(state, element, &loop->range->list->node);
    state->exec->variable_count = loop->mark;
    return status == GOTMPL_WALK_CONTINUE ? CELM_OK : status;
}

static gotmpl_exec_value exec_value(gotmpl_value value, int boxed)
{
    gotmpl_exec_value out = {value, (uint8_t)boxed};
    return out;
}

/* Go 1.22's range over an integer: 0 .. n-1, of n's type. Returns 1 when the body ran. */
static int range_integer(range_loop *loop, const gotmpl_value *count, int *status)
{
    int is_unsigned = count->type == GT_UINT32 || count->type == GT_UINT64;
    uint64_t limit = is_unsigned ? count->as.unsigned_integer : count->as.integer > 0 ? (uint64_t)count->as.integer : 0;
    gotmpl_exec_value index = exec_value(gotmpl_invalid(), 0);
    for (uint64_t i = 0; i < limit && *status == CELM_OK; i++) {
        gotmpl_exec_value element = exec_value(is_unsigned ? gotmpl_uint((gotmpl_type)count->type, i)
                                                            : gotmpl_int((gotmpl_type)count->type, (int64_t)i), 0);
        *status = range_iteration(loop, &index, &element);
    }
    return limit > 0;
}

static gotmpl_value list_item(gotmpl_runtime *runtime, const gotmpl_value *list, size_t i)
{
    if (list->type == GT_BYTES)
        return gotmpl_int(GT_UINT8, (unsigned char)list->as.string.data[i]);
    return gotmpl_list_get(runtime, list->as.list, i);
}

static int range_list(range_loop *loop, const gotmpl_value *list, int *status)
{
    gotmpl_runtime *runtime = loop->state->exec->runtime;
    size_t count = list->type == GT_BYTES ? list->as.string.len : gotmpl_list_len(list->as.list);
    for (size_t i = 0; i < count && *status == CELM_OK; i++) {
        gotmpl_exec_value index = exec_value(gotmpl_int(GT_INT, (int64_t)i), 0);
        gotmpl_exec_value element = exec_value(list_item(runtime, list, i), list->type == GT_LIST);
        *status = range_iteration(loop, &index, &element);
    }
    return count > 0;
}

/* Maps go in sorted key order, over a snapshot taken before the first pass (fmtsort.Sort). */
static int range_map(range_loop *loop, const gotmpl_value *map, int *status)
{
    gotmpl_exec *exec = loop->state->exec;
    size_t count = 0;
    const celm_string *keys = gotmpl_map_keys(exec->runtime, map->as.map, &count);
    gotmpl_value *values = count ? exec->host->arena_alloc(exec->arena, count * sizeof *values) : NULL;
    if (count && (!keys || !values)) {
        *status = gotmpl_exec_out_of_memory(exec);
        return 1;
    }
    for (size_t i = 0; i < count; i++)
        if (!gotmpl_map_get(exec->runtime, map->as.map, keys[i].data, keys[i].len, &values[i]))
            values[i] = gotmpl_nil();
    for (size_t i = 0; i < count && *status == CELM_OK; i++) {
        gotmpl_exec_value key = exec_value(gotmpl_string(keys[i].data, keys[i].len), 0);
        gotmpl_exec_value element = exec_value(values[i], map->type == GT_MAP);
        *status = range_iteration(loop, &key, &element);
    }
    return count > 0;
}

/* prefix VALUE suffix as an error message, the value's text taken as it is. */
static int fail_with_value(gotmpl_exec_state *state, const char *prefix, const celm_string *value, const char *suffix)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, state->exec->runtime);
    gotmpl_buffer_put(&text, value->data, value->len);
    gotmpl_buffer_puts(&text, suffix);
    celm_string message;
    if (gotmpl_buffer_finish(&text, &message) != CELM_OK)
        return gotmpl_exec_out_of_memory(state->exec);
    return gotmpl_exec_fail_text(state, prefix, &message);
}

static int range_over(range_loop *loop, const gotmpl_value *value, int *status)
{
    gotmpl_exec_state *state = loop->state;
    switch (value->type) {
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: case GT_UINT32: case GT_UINT64:
        if (loop->range->pipe->decl_count > 1) {
            celm_string text = {"", 0};
            gotmpl_fmt_value(state->exec->runtime, value, &text);
            *status = fail_with_value(state, "can't use ", &text, " to iterate over more than one variable");
            return 1;
        }
        return range_integer(loop, value, status);
    case GT_BYTES: case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return range_list(loop, value, status);
    case GT_MAP: case GT_STRING_MAP: return range_map(loop, value, status);
    case GT_INVALID: return 0;
    default: {
        celm_string text = {"", 0};
        gotmpl_fmt_value(state->exec->runtime, value, &text);
        *status = gotmpl_exec_fail_text(state, "range can't iterate over ", &text);
        return 1;
    }
    }
}

static int walk_range(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_branch *range)
{
    state->node = &range->node;
    size_t outer_mark = state->exec->variable_count;
    gotmpl_exec_value value;
    int status = gotmpl_exec_pipeline(state, dot, range->pipe, &value);
    if (status == CELM_OK) {
        gotmpl_exec_value collection = gotmpl_exec_unboxed(&value);
        range_loop loop = {state, range, state->exec->variable_count};
        int ran = range_over(&loop, &collection.value, &status);
        if (status == GOTMPL_WALK_BREAK)
            status = CELM_OK;
        else if (status == CELM_OK && !ran && range->else_list)
            status = gotmpl_exec_walk(state, dot, &range->else_list->node);
    }
    state->exec->variable_count = outer_mark;
    return status;
}

/* --- template calls ------------------------------------------------------------------------------- */
static int walk_template(gotmpl_exec_state *state, const gotmpl_exec_value *dot,
                         const celm_gotmpl_template_call *call)
{
    gotmpl_exec *exec = state->exec;
    state->node = &call->node;
    const celm_gotmpl_tree *tree = gotmpl_namespace_find(exec->namespace, call->name.data, call->name.len);
    if (!tree) {
        gotmpl_buffer quoted;
        gotmpl_buffer_init(&quoted, exec->runtime);
        gotmpl_buffer_quote(&quoted, call->name.data, call->name.len, 0);
        return gotmpl_exec_fail(state, "template %s not defined", quoted.data ? quoted.data : "\"\"");
    }
    /* Go's limit; celm's stack may end first (then the same message, a little earlier). */
    if (state->depth == GOTMPL_MAX_EXEC_DEPTH || !gotmpl_exec_stack_ok(exec))
        return gotmpl_exec_fail(state, "exceeded maximum template depth (%d)", GOTMPL_MAX_EXEC_DEPTH);
    gotmpl_exec_value value = {gotmpl_invalid(), 0};
    int status = call->pipe ? gotmpl_exec_pipeline(state, dot, call->pipe, &value) : CELM_OK;
    if (status != CELM_OK)
        return status;
    gotmpl_exec_state inner = {exec, tree, NULL, exec->variable_count, state->depth + 1, state->out};
    static const celm_gotmpl_slice dollar = {"$", 1};
    status = gotmpl_variable_push(&inner, dollar, &value);
    if (status == CELM_OK)
        status = gotmpl_exec_walk(&inner, &value, &tree->root->node);
    exec->variable_count = inner.variable_base;
    return status < 0 ? status : CELM_OK;
}

static int walk_list(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_list *list)
{
    for (uint32_t i = 0; i < list->count; i++) {
        int status = gotmpl_exec_walk(state, dot, list->items[i]);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}

int gotmpl_exec_walk(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_node *node)
{
    state->node = node;
    switch (node->kind) {
    case CELM_GOTMPL_NODE_ACTION: return walk_action(state, dot, (const celm_gotmpl_action *)node);
    case CELM_GOTMPL_NODE_BREAK: return GOTMPL_WALK_BREAK;
    case CELM_GOTMPL_NODE_CONTINUE: return GOTMPL_WALK_CONTINUE;
    case CELM_GOTMPL_NODE_COMMENT: return CELM_OK;
    case CELM_GOTMPL_NODE_IF:
    case CELM_GOTMPL_NODE_WITH: return walk_if_or_with(state, dot, (const celm_gotmpl_branch *)node);
    case CELM_GOTMPL_NODE_LIST: return walk_list(state, dot, (const celm_gotmpl_list *)node);
    case CELM_GOTMPL_NODE_RANGE: return walk_range(state, dot, (const celm_gotmpl_branch *)node);
    case CELM_GOTMPL_NODE_TEMPLATE: return walk_template(state, dot, (const celm_gotmpl_template_call *)node);
    case CELM_GOTMPL_NODE_TEXT: {
        const celm_gotmpl_text *text = (const celm_gotmpl_text *)node;
        gotmpl_buffer_put(state->out, text->text.data, text->text.len);
        return state->out->failed ? gotmpl_exec_out_of_memory(state->exec) : CELM_OK;
    }
    default: {
        celm_string text = gotmpl_exec_node_text(state->exec, node);
        return gotmpl_exec_fail(state, "unknown node: %s", text.data);
    }
    }
}
