/* gotmpl_funcs_sprig_reflect.c: Sprig's reflection functions (typeOf, kindOf, typeIs, kindIs, typeIsLike,
 * deepEqual) and the reflect rules other groups share: kinds, slices, emptiness, DeepEqual. */
#include <string.h>

#include "gotmpl_sprig.h"

/* --- shared reflect rules ---------------------------------------------------------------------- */
const char *gotmpl_sprig_kind_name(const gotmpl_value *value)
{
    switch (value->type) {
    case GT_BOOL: return "bool";
    case GT_INT: return "int";
    case GT_INT64: return "int64";
    case GT_INT32: return "int32";
    case GT_UINT8: return "uint8";
    case GT_UINT32: return "uint32";
    case GT_UINT64: return "uint64";
    case GT_FLOAT64: return "float64";
    case GT_STRING: return "string";
    case GT_BYTES: case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return "slice";
    case GT_MAP: case GT_STRING_MAP: return "map";
    case GT_TIME: return "struct";
    case GT_OBJECT:
        /* Objects are either pointers (*chart.Metadata, *semver.Version) or structs. */
        return value->as.object->class_->type_name[0] == '*' ? "ptr" : "struct";
    default: return "invalid";
    }
}

int gotmpl_sprig_is_slice(const gotmpl_value *value)
{
    switch (value->type) {
    case GT_BYTES: case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return 1;
    default: return 0;
    }
}

size_t gotmpl_sprig_slice_len(const gotmpl_value *value)
{
    if (value->type == GT_BYTES)
        return value->as.string.len;
    if (gotmpl_sprig_is_slice(value) && value->as.list)
        return gotmpl_list_len(value->as.list);
    return 0;
}

gotmpl_value gotmpl_sprig_slice_item(gotmpl_runtime *runtime, const gotmpl_value *value, size_t i)
{
    if (value->type == GT_BYTES)
        return gotmpl_int(GT_UINT8, (unsigned char)value->as.string.data[i]);
    return gotmpl_list_get(runtime, value->as.list, i);
}

static size_t map_len(const gotmpl_value *value)
{
    return value->as.map ? gotmpl_map_len(value->as.map) : 0;
}

int gotmpl_sprig_empty(gotmpl_runtime *runtime, const gotmpl_value *value)
{
    (void)runtime;
    switch (value->type) {
    case GT_BOOL: return !value->as.boolean;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: return value->as.integer == 0;
    case GT_UINT32: case GT_UINT64: return value->as.unsigned_integer == 0;
    case GT_FLOAT64: return value->as.real == 0;
    case GT_STRING: case GT_BYTES: return value->as.string.len == 0;
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return gotmpl_sprig_slice_len(value) == 0;
    case GT_MAP: case GT_STRING_MAP: return map_len(value) == 0;
    case GT_TIME: case GT_OBJECT: return 0;     /* structs, and pointers that are not nil */
    default: return 1;
    }
}

static int lists_deep_equal(gotmpl_runtime *runtime, const gotmpl_value *left, const gotmpl_value *right)
{
    if (left->as.list == right->as.list)
        return 1;
    if (!left->as.list || !right->as.list)
        return 0;      /* a nil slice never equals a non-nil one */
    size_t count = gotmpl_list_len(left->as.list);
    if (count != gotmpl_list_len(right->as.list))
        return 0;
    for (size_t i = 0; i < count; i++) {
        gotmpl_value a = gotmpl_list_get(runtime, left->as.list, i);
        gotmpl_value b = gotmpl_list_get(runtime, right->as.list, i);
        if (!gotmpl_sprig_deep_equal(runtime, &a, &b))
            return 0;
    }
    return 1;
}

static int maps_deep_equal(gotmpl_runtime *runtime, const gotmpl_value *left, const gotmpl_value *right)
{
    if (left->as.map == right->as.map)
        return 1;
    if (!left->as.map || !right->as.map)
        return 0;
    size_t count;
    const celm_string *keys = gotmpl_map_keys(runtime, left->as.map, &count);
    if (!keys || count != gotmpl_map_len(right->as.map))
        return 0;
    for (size_t i = 0; i < count; i++) {
        gotmpl_value a, b;
        gotmpl_map_get(runtime, left->as.map, keys[i].data, keys[i].len, &a);
        if (!gotmpl_map_get(runtime, right->as.map, keys[i].data, keys[i].len, &b) ||
            !gotmpl_sprig_deep_equal(runtime, &a, &b))
            return 0;
    }
    return 1;
}

static int times_equal(const gotmpl_time *a, const gotmpl_time *b)
{
    return a->unix_seconds == b->unix_seconds && a->nanoseconds == b->nanoseconds &&
           a->zone_offset == b->zone_offset && a->monotonic == b->monotonic &&
           (a->zone_name == b->zone_name || (a->zone_name && b->zone_name && !strcmp(a->zone_name, b->zone_name)));
}

int gotmpl_sprig_deep_equal(gotmpl_runtime *runtime, const gotmpl_value *left, const gotmpl_value *right)
{
    if (left->type != right->type)
        return 0;
    switch (left->type) {
    case GT_BOOL: return left->as.boolean == right->as.boolean;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: return left->as.integer == right->as.integer;
    case GT_UINT32: case GT_UINT64: return left->as.unsigned_integer == right->as.unsigned_integer;
    case GT_FLOAT64: return left->as.real == right->as.real;
    case GT_STRING: case GT_BYTES:
        return left->as.string.len == right->as.string.len &&
               (left->as.string.len == 0 || !memcmp(left->as.string.data, right->as.string.data, left->as.string.len));
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return lists_deep_equal(runtime, left, right);
    case GT_MAP: case GT_STRING_MAP: return maps_deep_equal(runtime, left, right);
    case GT_TIME: return times_equal(left->as.time, right->as.time);
    case GT_OBJECT:
        return left->as.object == right->as.object ||
               (left->as.object->class_ == right->as.object->class_ && left->as.object->data == right->as.object->data);
    default: return 1;
    }
}

/* --- the functions ----------------------------------------------------------------------------- */
static int bool_result(gotmpl_value *out, int truth)
{
    *out = gotmpl_bool(truth);
    return CELM_OK;
}

static int string_is(const gotmpl_value *text, const char *expected)
{
    size_t len = strlen(expected);
    return text->as.string.len == len && memcmp(text->as.string.data, expected, len) == 0;
}

static int type_of_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    const char *name = gotmpl_type_name(&args[0]);
    *out = gotmpl_string(name, strlen(name));
    return CELM_OK;
}

static int kind_of_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    const char *name = gotmpl_sprig_kind_name(&args[0]);
    *out = gotmpl_string(name, strlen(name));
    return CELM_OK;
}

static int type_is_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    return bool_result(out, string_is(&args[0], gotmpl_type_name(&args[1])));
}

/* typeIsLike: the type, or a pointer to it. */
static int type_is_like_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    const char *name = gotmpl_type_name(&args[1]);
    const celm_string *target = &args[0].as.string;
    int pointer_to = name[0] == '*' && strlen(name + 1) == target->len && !memcmp(name + 1, target->data, target->len);
    return bool_result(out, string_is(&args[0], name) || pointer_to);
}

static int kind_is_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    return bool_result(out, string_is(&args[0], gotmpl_sprig_kind_name(&args[1])));
}

static int deep_equal_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return bool_result(out, gotmpl_sprig_deep_equal(gotmpl_call_runtime(call), &args[0], &args[1]));
}

static const gotmpl_func reflect_functions[] = {
    {"typeOf", type_of_impl, 1, 0, {GT_ANY}, GT_STRING, 0},
    {"typeIs", type_is_impl, 2, 0, {GT_STRING, GT_ANY}, GT_BOOL, 0},
    {"typeIsLike", type_is_like_impl, 2, 0, {GT_STRING, GT_ANY}, GT_BOOL, 0},
    {"kindOf", kind_of_impl, 1, 0, {GT_ANY}, GT_STRING, 0},
    {"kindIs", kind_is_impl, 2, 0, {GT_STRING, GT_ANY}, GT_BOOL, 0},
    {"deepEqual", deep_equal_impl, 2, 0, {GT_ANY, GT_ANY}, GT_BOOL, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_reflect = {"sprig/reflect", reflect_functions};
