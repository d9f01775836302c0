/* gotmpl_exec_args.c: function arguments as Go's reflect-based calls see them: evaluating an
 * argument for a parameter type (evalArg), constants converted to it, and assignability
 * (validateType), with Go's error texts. */
#include <string.h>

#include "gotmpl_exec_internal.h"

static gotmpl_exec_value plain(gotmpl_value value)
{
    gotmpl_exec_value out = {value, 0};
    return out;
}

const char *gotmpl_exec_type_text(uint8_t type)
{
    const char *basic = gotmpl_basic_type_name(type);
    if (basic)
        return basic;
    return type == GT_OBJECT ? "*struct" : type == GOTMPL_PARAM_REFLECT ? "reflect.Value" : "interface {}";
}

static int is_list_type(uint8_t type)
{
    return type == GT_LIST || type == GT_STRING_LIST || type == GT_INT_LIST;
}

/* canBeNil: interfaces, slices and maps. */
static int can_be_nil(uint8_t type)
{
    return type == GT_ANY || type == GOTMPL_PARAM_REFLECT || type == GOTMPL_PARAM_UNTYPED || type == GT_BYTES ||
           is_list_type(type) || type == GT_MAP || type == GT_STRING_MAP;
}

/* reflect.Zero of a nil-able type. A nil slice or map is given as an empty one. */
static gotmpl_exec_value zero_of(gotmpl_exec_state *state, uint8_t type)
{
    gotmpl_runtime *runtime = state->exec->runtime;
    if (type == GT_ANY)
        return (gotmpl_exec_value){gotmpl_nil(), 1};
    if (type == GT_BYTES)
        return plain(gotmpl_bytes("", 0));
    if (is_list_type(type))
        return plain(gotmpl_list_new(runtime, (gotmpl_type)type, 0));
    if (type == GT_MAP || type == GT_STRING_MAP)
        return plain(gotmpl_map_new(runtime, (gotmpl_type)type, 0));
    return plain(gotmpl_invalid());
}

static int assignable(const gotmpl_value *value, uint8_t type)
{
    return type == GT_ANY || value->type == type;
}

int gotmpl_exec_check_type(gotmpl_exec_state *state, const gotmpl_exec_value *value, uint8_t type,
                           gotmpl_exec_value *out)
{
    *out = *value;
    if (value->value.type == GT_INVALID) {
        if (type == GOTMPL_PARAM_UNTYPED)
            return CELM_OK;
        if (can_be_nil(type)) {
            *out = zero_of(state, type);
            return out->value.type == GT_INVALID && type != GOTMPL_PARAM_REFLECT ? gotmpl_exec_out_of_memory(state->exec)
                                                                                  : CELM_OK;
        }
        return gotmpl_exec_fail(state, "invalid value; expected %s", gotmpl_exec_type_text(type));
    }
    if (type == GOTMPL_PARAM_REFLECT || type == GOTMPL_PARAM_UNTYPED || assignable(&value->value, type))
        return CELM_OK;
    int nil_interface = value->value.type == GT_NIL;
    if (value->boxed && !nil_interface) {
        *out = plain(value->value);
        if (assignable(&value->value, type))
            return CELM_OK;
    }
    return gotmpl_exec_fail(state, "wrong type for value; expected %s; got %s", gotmpl_exec_type_text(type),
                            nil_interface ? "interface {}" : gotmpl_type_name(&value->value));
}

/* --- constants for typed parameters -------------------------------------------------------------------- */
static int number_node(const celm_gotmpl_node *node, unsigned flag)
{
    return node->kind == CELM_GOTMPL_NODE_NUMBER && (((const celm_gotmpl_number *)node)->flags & flag);
}

static int expected(gotmpl_exec_state *state, const char *what, const celm_gotmpl_node *node)
{
    return gotmpl_exec_fail(state, "expected %s; found %s", what, gotmpl_exec_node_string(state, node));
}

/* evalBool, evalString, evalInteger, evalUnsignedInteger and evalFloat. Returns 1 when `type` is one
 * of theirs (with *status set), 0 otherwise. */
static int typed_constant(gotmpl_exec_state *state, uint8_t type, const celm_gotmpl_node *node, gotmpl_exec_value *out,
                          int *status)
{
    const celm_gotmpl_number *number = (const celm_gotmpl_number *)node;
    *status = CELM_OK;
    switch (type) {
    case GT_BOOL:
        if (node->kind != CELM_GOTMPL_NODE_BOOL)
            *status = expected(state, "bool", node);
        else
            *out = plain(gotmpl_bool(((const celm_gotmpl_bool *)node)->value));
        return 1;
    case GT_STRING:
        if (node->kind != CELM_GOTMPL_NODE_STRING)
            *status = expected(state, "string", node);
        else
            *out = plain(gotmpl_string(((const celm_gotmpl_string *)node)->value.data,
                                       ((const celm_gotmpl_string *)node)->value.len));
        return 1;
    case GT_INT: case GT_INT64: case GT_INT32:
        if (!number_node(node, CELM_GOTMPL_NUMBER_INT))
            *status = expected(state, "integer", node);
        else   /* reflect's SetInt keeps the low bits, as Go does */
            *out = plain(gotmpl_int((gotmpl_type)type, type == GT_INT32 ? (int32_t)number->int64 : number->int64));
        return 1;
    case GT_UINT8: case GT_UINT32: case GT_UINT64:
        if (!number_node(node, CELM_GOTMPL_NUMBER_UINT))
            *status = expected(state, "unsigned integer", node);
        else if (type == GT_UINT8)
            *out = plain(gotmpl_int(GT_UINT8, (uint8_t)number->uint64));
        else
            *out = plain(gotmpl_uint((gotmpl_type)type, type == GT_UINT32 ? (uint32_t)number->uint64 : number->uint64));
        return 1;
    case GT_FLOAT64:
        if (!number_node(node, CELM_GOTMPL_NUMBER_FLOAT))
            *status = expected(state, "float", node);
        else
            *out = plain(gotmpl_float(number->float64));
        return 1;
    default: return 0;
    }
}

/* evalEmptyInterface: a constant for an interface{} parameter. */
static int empty_interface(gotmpl_exec_state *state, const celm_gotmpl_node *node, gotmpl_exec_value *out)
{
    state->node = node;
    switch (node->kind) {
    case CELM_GOTMPL_NODE_BOOL: *out = plain(gotmpl_bool(((const celm_gotmpl_bool *)node)->value)); return CELM_OK;
    case CELM_GOTMPL_NODE_NUMBER: return gotmpl_exec_ideal_constant(state, (const celm_gotmpl_number *)node, out);
    case CELM_GOTMPL_NODE_STRING: {
        const celm_gotmpl_string *text = (const celm_gotmpl_string *)node;
        *out = plain(gotmpl_string(text->value.data, text->value.len));
        return CELM_OK;
    }
    default:
        return gotmpl_exec_fail(state, "can't handle assignment of %s to empty interface argument",
                                gotmpl_exec_node_string(state, node));
    }
}

/* The value of an operand that computes something (field, variable, pipeline, function, chain). */
static int computed_operand(gotmpl_exec_state *state, const gotmpl_exec_value *dot, celm_gotmpl_node *const *node,
                            gotmpl_exec_value *out, int *handled)
{
    *handled = 1;
    switch ((*node)->kind) {
    case CELM_GOTMPL_NODE_FIELD:
        return gotmpl_exec_field_node(state, dot, (const celm_gotmpl_field *)*node, node, 1, NULL, out);
    case CELM_GOTMPL_NODE_VARIABLE:
        return gotmpl_exec_variable_node(state, dot, (const celm_gotmpl_variable *)*node, NULL, 0, NULL, out);
    case CELM_GOTMPL_NODE_PIPE: return gotmpl_exec_pipeline(state, dot, (const celm_gotmpl_pipe *)*node, out);
    case CELM_GOTMPL_NODE_IDENTIFIER:
        return gotmpl_exec_function_node(state, dot, (const celm_gotmpl_identifier *)*node, *node, NULL, 0, NULL, out);
    case CELM_GOTMPL_NODE_CHAIN:
        return gotmpl_exec_chain_node(state, dot, (const celm_gotmpl_chain *)*node, NULL, 0, NULL, out);
    default: *handled = 0; return CELM_OK;
    }
}

int gotmpl_exec_argument(gotmpl_exec_state *state, const gotmpl_exec_value *dot, uint8_t type,
                         const celm_gotmpl_node *node, gotmpl_exec_value *out)
{
    state->node = node;
    if (node->kind == CELM_GOTMPL_NODE_DOT)
        return gotmpl_exec_check_type(state, dot, type, out);
    if (node->kind == CELM_GOTMPL_NODE_NIL) {
        if (!can_be_nil(type))
            return gotmpl_exec_fail(state, "cannot assign nil to %s", gotmpl_exec_type_text(type));
        *out = type == GOTMPL_PARAM_REFLECT ? plain(gotmpl_invalid()) : zero_of(state, type);
        return CELM_OK;
    }
    int handled, status;
    gotmpl_exec_value value;
    celm_gotmpl_node *operand = (celm_gotmpl_node *)node;
    status = computed_operand(state, dot, &operand, &value, &handled);
    if (handled)
        return status != CELM_OK ? status : gotmpl_exec_check_type(state, &value, type, out);
    if (typed_constant(state, type, node, out, &status))
        return status;
    if (type == GT_ANY || type == GOTMPL_PARAM_REFLECT)
        return empty_interface(state, node, out);
    return gotmpl_exec_fail(state, "can't handle %s for arg of type %s", gotmpl_exec_node_string(state, node),
                            gotmpl_exec_type_text(type));
}
