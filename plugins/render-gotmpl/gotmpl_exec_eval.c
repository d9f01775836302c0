/* gotmpl_exec_eval.c: evaluating pipelines, commands, fields, variables and number constants as
 * Go's exec.go does (evalPipeline, evalCommand, evalField and their helpers). */
#include <string.h>

#include "gotmpl_exec_internal.h"

static gotmpl_exec_value plain(gotmpl_value value)
{
    gotmpl_exec_value out = {value, 0};
    return out;
}

gotmpl_exec_value gotmpl_exec_unboxed(const gotmpl_exec_value *value)
{
    gotmpl_exec_value out = *value;
    out.boxed = 0;
    if (out.value.type == GT_NIL)
        out.value.type = GT_INVALID;
    return out;
}

const char *gotmpl_exec_node_string(gotmpl_exec_state *state, const celm_gotmpl_node *node)
{
    return gotmpl_exec_node_text(state->exec, node).data;
}

/* Go's %q of a name, for messages. */
static const char *quoted(gotmpl_exec_state *state, celm_gotmpl_slice name)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, state->exec->runtime);
    gotmpl_buffer_quote(&text, name.data, name.len, 0);
    return text.failed || !text.data ? "\"\"" : text.data;
}

/* notAFunction: a value that is not a function takes no arguments. */
static int not_a_function(gotmpl_exec_state *state, celm_gotmpl_node *const *args, size_t count,
                          const gotmpl_exec_value *final)
{
    if (count > 1 || final)
        return gotmpl_exec_fail(state, "can't give argument to non-function %s", gotmpl_exec_node_string(state, args[0]));
    return CELM_OK;
}

/* --- number constants ------------------------------------------------------------------------------ */
static int is_hex_integer(celm_gotmpl_slice text)
{
    return text.len > 2 && text.data[0] == '0' && (text.data[1] == 'x' || text.data[1] == 'X') &&
           !memchr(text.data, 'p', text.len) && !memchr(text.data, 'P', text.len);
}

static int looks_like_float(celm_gotmpl_slice text)
{
    for (size_t i = 0; i < text.len; i++)
        if (strchr(".eEpP", text.data[i]) && text.data[i])
            return 1;
    return 0;
}

int gotmpl_exec_ideal_constant(gotmpl_exec_state *state, const celm_gotmpl_number *number, gotmpl_exec_value *out)
{
    state->node = &number->node;
    *out = plain(gotmpl_invalid());
    if (number->flags & CELM_GOTMPL_NUMBER_COMPLEX)
        return gotmpl_exec_fail(state, "complex constant %.*s is not supported by celm", (int)number->text.len,
                                number->text.data);
    if ((number->flags & CELM_GOTMPL_NUMBER_FLOAT) && !is_hex_integer(number->text) &&
        !(number->text.len && number->text.data[0] == '\'') && looks_like_float(number->text)) {
        *out = plain(gotmpl_float(number->float64));
    } else if (number->flags & CELM_GOTMPL_NUMBER_INT) {
        *out = plain(gotmpl_int(GT_INT, number->int64));
    } else if (number->flags & CELM_GOTMPL_NUMBER_UINT) {
        return gotmpl_exec_fail(state, "%.*s overflows int", (int)number->text.len, number->text.data);
    }
    return CELM_OK;
}

/* A command whose first word is a constant, dot, nil or a parenthesized pipeline. */
static int literal_command(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_command *command,
                           const gotmpl_exec_value *final, gotmpl_exec_value *out)
{
    const celm_gotmpl_node *first = command->args[0];
    if (first->kind == CELM_GOTMPL_NODE_PIPE) {
        int status = not_a_function(state, command->args, command->arg_count, final);
        return status ? status : gotmpl_exec_pipeline(state, dot, (const celm_gotmpl_pipe *)first, out);
    }
    state->node = first;
    int status = not_a_function(state, command->args, command->arg_count, final);
    if (status != CELM_OK)
        return status;
    switch (first->kind) {
    case CELM_GOTMPL_NODE_BOOL: *out = plain(gotmpl_bool(((const celm_gotmpl_bool *)first)->value)); return CELM_OK;
    case CELM_GOTMPL_NODE_DOT: *out = *dot; return CELM_OK;
    case CELM_GOTMPL_NODE_NIL: return gotmpl_exec_fail(state, "nil is not a command");
    case CELM_GOTMPL_NODE_NUMBER:
        return gotmpl_exec_ideal_constant(state, (const celm_gotmpl_number *)first, out);
    case CELM_GOTMPL_NODE_STRING: {
        const celm_gotmpl_string *text = (const celm_gotmpl_string *)first;
        *out = plain(gotmpl_string(text->value.data, text->value.len));
        return CELM_OK;
    }
    default: {
        celm_string text = gotmpl_exec_node_text(state->exec, first);
        celm_gotmpl_slice slice = {text.data, text.len};
        return gotmpl_exec_fail(state, "can't evaluate command %s", quoted(state, slice));
    }
    }
}

static int command(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_command *command,
                   const gotmpl_exec_value *final, gotmpl_exec_value *out)
{
    celm_gotmpl_node *first = command->args[0];
    celm_gotmpl_node *const *args = command->args;
    size_t count = command->arg_count;
    switch (first->kind) {
    case CELM_GOTMPL_NODE_FIELD:
        return gotmpl_exec_field_node(state, dot, (const celm_gotmpl_field *)first, args, count, final, out);
    case CELM_GOTMPL_NODE_CHAIN:
        return gotmpl_exec_chain_node(state, dot, (const celm_gotmpl_chain *)first, args, count, final, out);
    case CELM_GOTMPL_NODE_IDENTIFIER:
        return gotmpl_exec_function_node(state, dot, (const celm_gotmpl_identifier *)first, &command->node, args,
                                         count, final, out);
    case CELM_GOTMPL_NODE_VARIABLE:
        return gotmpl_exec_variable_node(state, dot, (const celm_gotmpl_variable *)first, args, count, final, out);
    default: return literal_command(state, dot, command, final, out);
    }
}

int gotmpl_exec_pipeline(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_pipe *pipe,
                         gotmpl_exec_value *out)
{
    *out = plain(gotmpl_invalid());
    if (!pipe)
        return CELM_OK;
    state->node = &pipe->node;
    gotmpl_exec_value value = plain(gotmpl_invalid());
    for (uint32_t i = 0; i < pipe->command_count; i++) {
        gotmpl_exec_value next;
        int status = command(state, dot, pipe->commands[i], i ? &value : NULL, &next);
        if (status != CELM_OK)
            return status;
        value = gotmpl_exec_unboxed(&next);   /* "dig down one level to the thing inside" */
    }
    for (uint32_t i = 0; i < pipe->decl_count; i++) {
        int status = pipe->is_assign ? gotmpl_variable_set(state, pipe->decls[i]->names[0], &value)
                                     : gotmpl_variable_push(state, pipe->decls[i]->names[0], &value);
        if (status != CELM_OK)
            return status;
    }
    *out = value;
    return CELM_OK;
}

/* --- fields ------------------------------------------------------------------------------------------ */
/* The method `name` of a value's class (objects, named lists and maps such as common.Values, times). */
static const gotmpl_func *find_method(const gotmpl_value *value, celm_gotmpl_slice name)
{
    const gotmpl_class *class_ = NULL;
    const gotmpl_object *object = NULL;
    if (value->type == GT_TIME)
        return gotmpl_exec_time_method(name.data, name.len);
    if (value->type == GT_OBJECT) {
        object = value->as.object;
        class_ = object->class_;
    } else if (value->type == GT_LIST || value->type == GT_STRING_LIST || value->type == GT_INT_LIST) {
        class_ = gotmpl_list_class(value->as.list);
    } else if (value->type == GT_MAP || value->type == GT_STRING_MAP) {
        class_ = gotmpl_map_class(value->as.map);
    }
    return class_ && class_->method ? class_->method(object, name.data, name.len) : NULL;
}

static int map_field(gotmpl_exec_state *state, const gotmpl_value *map, celm_gotmpl_slice name, int has_args,
                     gotmpl_exec_value *out)
{
    if (has_args)
        return gotmpl_exec_fail(state, "%.*s is not a method but has arguments", (int)name.len, name.data);
    gotmpl_value found;
    if (gotmpl_map_get(state->exec->runtime, map->as.map, name.data, name.len, &found)) {
        out->value = found;
        out->boxed = map->type == GT_MAP;
        return CELM_OK;
    }
    if (state->exec->options.missing_key_error)
        return gotmpl_exec_fail(state, "map has no entry for key %s", quoted(state, name));
    /* missingkey=zero: the zero of the element type */
    *out = map->type == GT_MAP ? (gotmpl_exec_value){gotmpl_nil(), 1} : plain(gotmpl_string("", 0));
    return CELM_OK;
}

/* evalField: .name on `receiver`, a method call when it is one. */
static int field(gotmpl_exec_state *state, const gotmpl_exec_value *dot, celm_gotmpl_slice name,
                 const celm_gotmpl_node *node, celm_gotmpl_node *const *args, size_t count,
                 const gotmpl_exec_value *final, const gotmpl_exec_value *receiver, gotmpl_exec_value *out)
{
    *out = plain(gotmpl_invalid());
    if (receiver->value.type == GT_INVALID) {
        if (state->exec->options.missing_key_error)
            return gotmpl_exec_fail(state, "nil data; no entry for key %s", quoted(state, name));
        return CELM_OK;
    }
    int in_interface = receiver->boxed || receiver->value.type == GT_NIL;
    const char *type = in_interface ? "interface {}" : gotmpl_type_name(&receiver->value);
    gotmpl_exec_value value = gotmpl_exec_unboxed(receiver);
    if (value.value.type == GT_INVALID)
        return gotmpl_exec_fail(state, "nil pointer evaluating %s.%.*s", type, (int)name.len, name.data);
    const gotmpl_func *method = find_method(&value.value, name);
    if (method)
        return gotmpl_exec_call(state, dot, method, 0, node, name, args, count, final, &value.value, out);
    int has_args = count > 1 || final;
    if (value.value.type == GT_MAP || value.value.type == GT_STRING_MAP)
        return map_field(state, &value.value, name, has_args, out);
    if (value.value.type == GT_OBJECT) {
        const gotmpl_object *object = value.value.as.object;
        gotmpl_value found;
        if (object->class_->field && object->class_->field(state->exec->runtime, object, name.data, name.len, &found)) {
            if (has_args)
                return gotmpl_exec_fail(state, "%.*s has arguments but cannot be invoked as function", (int)name.len,
                                        name.data);
            *out = plain(found);
            return CELM_OK;
        }
    }
    return gotmpl_exec_fail(state, "can't evaluate field %.*s in type %s", (int)name.len, name.data, type);
}

/* evalFieldChain: .a.b.c, where only the last name gets the arguments. */
static int field_chain(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const gotmpl_exec_value *receiver,
                       const celm_gotmpl_node *node, const celm_gotmpl_slice *names, size_t name_count,
                       celm_gotmpl_node *const *args, size_t count, const gotmpl_exec_value *final,
                       gotmpl_exec_value *out)
{
    gotmpl_exec_value current = *receiver;
    for (size_t i = 0; i + 1 < name_count; i++) {
        gotmpl_exec_value next;
        int status = field(state, dot, names[i], node, NULL, 0, NULL, &current, &next);
        if (status != CELM_OK)
            return status;
        current = next;
    }
    return field(state, dot, names[name_count - 1], node, args, count, final, &current, out);
}

int gotmpl_exec_field_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_field *node,
                           celm_gotmpl_node *const *args, size_t count, const gotmpl_exec_value *final,
                           gotmpl_exec_value *out)
{
    state->node = &node->node;
    return field_chain(state, dot, dot, &node->node, node->names, node->name_count, args, count, final, out);
}

int gotmpl_exec_chain_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot, const celm_gotmpl_chain *chain,
                           celm_gotmpl_node *const *args, size_t count, const gotmpl_exec_value *final,
                           gotmpl_exec_value *out)
{
    state->node = &chain->node;
    if (chain->field_count == 0)
        return gotmpl_exec_fail(state, "internal error: no fields in evalChainNode");
    if (chain->operand->kind == CELM_GOTMPL_NODE_NIL)
        return gotmpl_exec_fail(state, "indirection through explicit nil in %s",
                                gotmpl_exec_node_string(state, &chain->node));
    gotmpl_exec_value operand;
    int status = gotmpl_exec_argument(state, dot, GOTMPL_PARAM_UNTYPED, chain->operand, &operand);
    if (status != CELM_OK)
        return status;
    return field_chain(state, dot, &operand, &chain->node, chain->fields, chain->field_count, args, count, final, out);
}

int gotmpl_exec_variable_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot,
                              const celm_gotmpl_variable *variable, celm_gotmpl_node *const *args, size_t count,
                              const gotmpl_exec_value *final, gotmpl_exec_value *out)
{
    state->node = &variable->node;
    gotmpl_exec_value value;
    int status = gotmpl_variable_get(state, variable->names[0], &value);
    if (status != CELM_OK)
        return status;
    if (variable->name_count == 1) {
        status = args ? not_a_function(state, args, count, final) : CELM_OK;
        *out = value;
        return status;
    }
    return field_chain(state, dot, &value, &variable->node, variable->names + 1, variable->name_count - 1, args,
                       count, final, out);
}

int gotmpl_exec_function_node(gotmpl_exec_state *state, const gotmpl_exec_value *dot,
                              const celm_gotmpl_identifier *name, const celm_gotmpl_node *command,
                              celm_gotmpl_node *const *args, size_t count, const gotmpl_exec_value *final,
                              gotmpl_exec_value *out)
{
    state->node = &name->node;
    const gotmpl_function_entry *entry = name->function;
    if (!entry)
        entry = gotmpl_exec_find_function(state->exec, name->name.data, name->name.len);
    if (!entry)
        return gotmpl_exec_fail(state, "%s is not a defined function", quoted(state, name->name));
    return gotmpl_exec_call(state, dot, entry->func, entry->is_builtin, command, name->name, args, count, final, NULL,
                            out);
}
