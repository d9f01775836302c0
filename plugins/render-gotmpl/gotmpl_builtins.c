/* gotmpl_builtins.c: text/template's builtin functions (funcs.go): their table, truth, not, len,
 * index and slice. and, or and call are evaluated by the executor itself. */
#include <string.h>

#include "gotmpl_builtins.h"
#include "gotmpl_exec_internal.h"

int gotmpl_exec_truth(gotmpl_runtime *runtime, const gotmpl_value *value)
{
    return gotmpl_is_true(runtime, value);
}

/* indirectInterface: a nil interface{} is no value at all. */
static gotmpl_value unboxed(const gotmpl_value *value)
{
    gotmpl_value out = *value;
    if (out.type == GT_NIL)
        out.type = GT_INVALID;
    return out;
}

/* Never called: the executor short-circuits and/or and fails call itself. */
static int evaluated_by_executor(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count, (void)out;
    return gotmpl_call_panic(call, "unreachable");
}

static int builtin_not(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_value value = unboxed(&args[0]);
    *out = gotmpl_bool(!gotmpl_exec_truth(gotmpl_call_runtime(call), &value));
    return CELM_OK;
}

/* The type after Go's indirect(): a pointer object's %T without its '*'. */
static const char *indirect_type_name(const gotmpl_value *value)
{
    const char *name = gotmpl_type_name(value);
    return value->type == GT_OBJECT && name[0] == '*' ? name + 1 : name;
}

static int is_list(const gotmpl_value *value)
{
    return value->type == GT_LIST || value->type == GT_STRING_LIST || value->type == GT_INT_LIST;
}

static int builtin_len(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const gotmpl_value *item = &args[0];
    if (item->type == GT_NIL)
        return gotmpl_call_error(call, "len of nil pointer");
    if (item->type == GT_INVALID)
        return gotmpl_call_panic(call, "reflect: call of reflect.Value.Type on zero Value");
    if (item->type == GT_STRING || item->type == GT_BYTES)
        *out = gotmpl_int(GT_INT, (int64_t)item->as.string.len);
    else if (is_list(item))
        *out = gotmpl_int(GT_INT, (int64_t)gotmpl_list_len(item->as.list));
    else if (item->type == GT_MAP || item->type == GT_STRING_MAP)
        *out = gotmpl_int(GT_INT, (int64_t)gotmpl_map_len(item->as.map));
    else
        return gotmpl_call_error(call, "len of type %s", indirect_type_name(item));
    return CELM_OK;
}

static size_t item_length(const gotmpl_value *item)
{
    return item->type == GT_STRING || item->type == GT_BYTES ? item->as.string.len : gotmpl_list_len(item->as.list);
}

/* indexArg: an integer index in [0, limit]. */
static int index_argument(gotmpl_call *call, const gotmpl_value *argument, size_t limit, size_t *out)
{
    gotmpl_value index = unboxed(argument);
    int64_t x;
    switch (index.type) {
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: x = index.as.integer; break;
    case GT_UINT32: case GT_UINT64: x = (int64_t)index.as.unsigned_integer; break;
    case GT_INVALID: return gotmpl_call_error(call, "cannot index slice/array with nil");
    default: return gotmpl_call_error(call, "cannot index slice/array with type %s", gotmpl_type_name(&index));
    }
    if (x < 0 || (uint64_t)x > limit)
        return gotmpl_call_error(call, "index out of range: %lld", (long long)x);
    *out = (size_t)x;
    return CELM_OK;
}

static int index_sequence(gotmpl_call *call, gotmpl_value *item, const gotmpl_value *argument)
{
    size_t length = item_length(item), x = 0;
    int status = index_argument(call, argument, length, &x);
    if (status != CELM_OK)
        return status;
    if (x == length)    /* indexArg allows len itself; reflect's Index then panics */
        return gotmpl_call_panic(call, item->type == GT_STRING ? "reflect: string index out of range"
                                                               : "reflect: slice index out of range");
    if (item->type == GT_STRING || item->type == GT_BYTES)
        *item = gotmpl_int(GT_UINT8, (unsigned char)item->as.string.data[x]);
    else
        *item = gotmpl_list_get(gotmpl_call_runtime(call), item->as.list, x);
    return CELM_OK;
}

/* prepareArg for a string map key, then the element or the element type's zero. */
static int index_map(gotmpl_call *call, gotmpl_value *item, const gotmpl_value *argument)
{
    gotmpl_value key = unboxed(argument);
    if (key.type == GT_INVALID)
        return gotmpl_call_error(call, "value is nil; should be of type string");
    if (key.type != GT_STRING)
        return gotmpl_call_error(call, "value has type %s; should be string", gotmpl_type_name(&key));
    gotmpl_value found;
    int is_interface_map = item->type == GT_MAP;
    if (gotmpl_map_get(gotmpl_call_runtime(call), item->as.map, key.as.string.data, key.as.string.len, &found))
        *item = found;
    else
        *item = is_interface_map ? gotmpl_nil() : gotmpl_string("", 0);
    return CELM_OK;
}

static int builtin_index(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_value item = unboxed(&args[0]);
    if (item.type == GT_INVALID)
        return gotmpl_call_error(call, "index of untyped nil");
    for (size_t i = 1; i < count; i++) {
        int status;
        if (item.type == GT_NIL)
            return gotmpl_call_error(call, "index of nil pointer");
        if (item.type == GT_STRING || item.type == GT_BYTES || is_list(&item))
            status = index_sequence(call, &item, &args[i]);
        else if (item.type == GT_MAP || item.type == GT_STRING_MAP)
            status = index_map(call, &item, &args[i]);
        else
            status = gotmpl_call_error(call, "can't index item of type %s", indirect_type_name(&item));
        if (status != CELM_OK)
            return status;
    }
    *out = item;
    return CELM_OK;
}

/* item[low:high] of a string, []byte or list (a copy for lists, of the same type). */
static int slice_of(gotmpl_call *call, const gotmpl_value *item, size_t low, size_t high, gotmpl_value *out)
{
    if (item->type == GT_STRING || item->type == GT_BYTES) {
        *out = *item;
        out->as.string.data += low;
        out->as.string.len = high - low;
        return CELM_OK;
    }
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    *out = gotmpl_list_new(runtime, (gotmpl_type)item->type, high - low);
    if (!out->type)
        return CELM_ENOMEM;
    for (size_t i = low; i < high; i++)
        if (gotmpl_list_append(runtime, out->as.list, gotmpl_list_get(runtime, item->as.list, i)) != CELM_OK)
            return CELM_ENOMEM;
    gotmpl_list_set_class(out->as.list, gotmpl_list_class(item->as.list));
    return CELM_OK;
}

static int builtin_slice(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_value item = unboxed(&args[0]);
    size_t indexes = count - 1;
    if (item.type == GT_INVALID)
        return gotmpl_call_error(call, "slice of untyped nil");
    if (indexes > 3)
        return gotmpl_call_error(call, "too many slice indexes: %zu", indexes);
    if (item.type == GT_STRING && indexes == 3)
        return gotmpl_call_error(call, "cannot 3-index slice a string");
    if (item.type != GT_STRING && item.type != GT_BYTES && !is_list(&item))
        return gotmpl_call_error(call, "can't slice item of type %s", indirect_type_name(&item));
    size_t length = item_length(&item);
    size_t bounds[3] = {0, length, length};
    for (size_t i = 0; i < indexes; i++) {
        /* slice, unlike index, does not look inside an interface{} index */
        if (gotmpl_exec_argument_boxed(call, i + 1))
            return gotmpl_call_error(call, "cannot index slice/array with type interface {}");
        int status = index_argument(call, &args[i + 1], length, &bounds[i]);
        if (status != CELM_OK)
            return status;
    }
    if (bounds[0] > bounds[1])
        return gotmpl_call_error(call, "invalid slice index: %zu > %zu", bounds[0], bounds[1]);
    if (indexes == 3 && bounds[1] > bounds[2])
        return gotmpl_call_error(call, "invalid slice index: %zu > %zu", bounds[1], bounds[2]);
    return slice_of(call, &item, bounds[0], bounds[1], out);
}

#define REFLECT GOTMPL_PARAM_REFLECT

const gotmpl_func gotmpl_builtin_functions[] = {
    {"and", evaluated_by_executor, 2, 1, {REFLECT, REFLECT}, REFLECT, 0},
    {"call", evaluated_by_executor, 2, 1, {REFLECT, REFLECT}, REFLECT, 1},
    {"html", gotmpl_builtin_html, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"index", builtin_index, 2, 1, {REFLECT, REFLECT}, REFLECT, 1},
    {"slice", builtin_slice, 2, 1, {REFLECT, REFLECT}, REFLECT, 1},
    {"js", gotmpl_builtin_js, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"len", builtin_len, 1, 0, {REFLECT}, GT_INT, 1},
    {"not", builtin_not, 1, 0, {REFLECT}, GT_BOOL, 0},
    {"or", evaluated_by_executor, 2, 1, {REFLECT, REFLECT}, REFLECT, 0},
    {"print", gotmpl_builtin_print, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"printf", gotmpl_builtin_printf, 2, 1, {GT_STRING, GT_ANY}, GT_STRING, 0},
    {"println", gotmpl_builtin_println, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"urlquery", gotmpl_builtin_urlquery, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"eq", gotmpl_builtin_eq, 2, 1, {REFLECT, REFLECT}, GT_BOOL, 1},
    {"ge", gotmpl_builtin_ge, 2, 0, {REFLECT, REFLECT}, GT_BOOL, 1},
    {"gt", gotmpl_builtin_gt, 2, 0, {REFLECT, REFLECT}, GT_BOOL, 1},
    {"le", gotmpl_builtin_le, 2, 0, {REFLECT, REFLECT}, GT_BOOL, 1},
    {"lt", gotmpl_builtin_lt, 2, 0, {REFLECT, REFLECT}, GT_BOOL, 1},
    {"ne", gotmpl_builtin_ne, 2, 0, {REFLECT, REFLECT}, GT_BOOL, 1},
};

const size_t gotmpl_builtin_count = sizeof gotmpl_builtin_functions / sizeof gotmpl_builtin_functions[0];
