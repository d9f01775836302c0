/* gotmpl_builtins_compare.c: text/template's comparison builtins eq, ne, lt, le, gt and ge, with
 * funcs.go's rules: basic kinds compare by value, signed against unsigned integers too, anything
 * else only for (non-)identity, and Go's error texts. */
#include <string.h>

#include "gotmpl_builtins.h"
#include "gotmpl_exec_internal.h"
#include "gotmpl_fmt.h"

typedef enum basic_kind { KIND_INVALID, KIND_BOOL, KIND_INT, KIND_FLOAT, KIND_STRING, KIND_UINT } basic_kind;

static gotmpl_value unboxed(const gotmpl_value *value)
{
    gotmpl_value out = *value;
    if (out.type == GT_NIL)
        out.type = GT_INVALID;
    return out;
}

static basic_kind kind_of(const gotmpl_value *value)
{
    switch (value->type) {
    case GT_BOOL: return KIND_BOOL;
    case GT_INT: case GT_INT64: case GT_INT32: return KIND_INT;
    case GT_UINT8: case GT_UINT32: case GT_UINT64: return KIND_UINT;
    case GT_FLOAT64: return KIND_FLOAT;
    case GT_STRING: return KIND_STRING;
    default: return KIND_INVALID;
    }
}

static uint64_t unsigned_of(const gotmpl_value *value)
{
    return value->type == GT_UINT8 ? (uint64_t)value->as.integer : value->as.unsigned_integer;
}

/* reflect's Kind, for the types that are not basic: what canCompare looks at. */
static int reflect_kind(const gotmpl_value *value)
{
    switch (value->type) {
    case GT_INVALID: return 0;
    case GT_BYTES: case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return 1;  /* slice */
    case GT_MAP: case GT_STRING_MAP: return 2;
    case GT_TIME: return 3;                                                         /* struct */
    case GT_OBJECT: return value->as.object->class_->type_name[0] == '*' ? 4 : 3;   /* pointer or struct */
    default: return 5;
    }
}

static int string_compare(const gotmpl_value *a, const gotmpl_value *b)
{
    size_t shorter = a->as.string.len < b->as.string.len ? a->as.string.len : b->as.string.len;
    int order = shorter ? memcmp(a->as.string.data, b->as.string.data, shorter) : 0;
    return order ? order : (a->as.string.len > b->as.string.len) - (a->as.string.len < b->as.string.len);
}

/* fmt's text of a value under one verb, appended (it may hold NUL bytes). */
static void put_formatted(gotmpl_call *call, gotmpl_buffer *out, const char *format, const gotmpl_value *value)
{
    celm_string text = {"", 0};
    gotmpl_fmt_sprintf(gotmpl_call_runtime(call), format, strlen(format), value, 1, &text);
    gotmpl_buffer_put(out, text.data, text.len);
}

/* "non-comparable types A: TA, TB: B" (both given) or "non-comparable type B: TB" (a NULL). */
static int non_comparable(gotmpl_call *call, const gotmpl_value *a, const gotmpl_value *b)
{
    gotmpl_buffer message;
    gotmpl_buffer_init(&message, gotmpl_call_runtime(call));
    gotmpl_buffer_puts(&message, a ? "non-comparable types " : "non-comparable type ");
    if (a) {
        put_formatted(call, &message, "%s", a);
        gotmpl_buffer_printf(&message, ": %s, %s: ", gotmpl_type_name(a), gotmpl_type_name(b));
        put_formatted(call, &message, "%v", b);
    } else {
        put_formatted(call, &message, "%s", b);
        gotmpl_buffer_printf(&message, ": %s", gotmpl_type_name(b));
    }
    celm_string text;
    if (gotmpl_buffer_finish(&message, &text) != CELM_OK)
        return CELM_ENOMEM;
    return gotmpl_exec_call_fail_text(call, &text);
}

/* a == b for values that are not basic: identity of times and objects, nil against nil. */
static int equal_other(gotmpl_call *call, const gotmpl_value *a, const gotmpl_value *b, int *truth)
{
    if (reflect_kind(a) != reflect_kind(b) && a->type != GT_INVALID && b->type != GT_INVALID)
        return non_comparable(call, a, b);
    if (a->type == GT_INVALID || b->type == GT_INVALID) {
        *truth = a->type == b->type;
        return CELM_OK;
    }
    if (reflect_kind(b) <= 2)
        return non_comparable(call, NULL, b);
    if (a->type == GT_TIME && b->type == GT_TIME)
        *truth = memcmp(a->as.time, b->as.time, sizeof *a->as.time) == 0;
    else
        *truth = a->type == b->type && a->as.object->class_ == b->as.object->class_ &&
                 a->as.object->data == b->as.object->data;
    return CELM_OK;
}

/* One a == b of eq; returns an error status or 0 with *truth. */
static int equal(gotmpl_call *call, const gotmpl_value *a, const gotmpl_value *b, int *truth)
{
    basic_kind ka = kind_of(a), kb = kind_of(b);
    *truth = 0;
    if (ka != kb) {
        if (ka == KIND_INT && kb == KIND_UINT)
            *truth = a->as.integer >= 0 && (uint64_t)a->as.integer == unsigned_of(b);
        else if (ka == KIND_UINT && kb == KIND_INT)
            *truth = b->as.integer >= 0 && unsigned_of(a) == (uint64_t)b->as.integer;
        else if (a->type != GT_INVALID && b->type != GT_INVALID)
            return gotmpl_call_error(call, "incompatible types for comparison: %s and %s", gotmpl_type_name(a),
                                     gotmpl_type_name(b));
        return CELM_OK;
    }
    switch (ka) {
    case KIND_BOOL: *truth = a->as.boolean == b->as.boolean; return CELM_OK;
    case KIND_FLOAT: *truth = a->as.real == b->as.real; return CELM_OK;
    case KIND_INT: *truth = a->as.integer == b->as.integer; return CELM_OK;
    case KIND_STRING: *truth = string_compare(a, b) == 0; return CELM_OK;
    case KIND_UINT: *truth = unsigned_of(a) == unsigned_of(b); return CELM_OK;
    default: return equal_other(call, a, b, truth);
    }
}

int gotmpl_builtin_eq(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_value a = unboxed(&args[0]);
    if (count < 2)
        return gotmpl_call_error(call, "missing argument for comparison");
    for (size_t i = 1; i < count; i++) {
        gotmpl_value b = unboxed(&args[i]);
        int truth, status = equal(call, &a, &b, &truth);
        if (status != CELM_OK)
            return status;
        if (truth) {
            *out = gotmpl_bool(1);
            return CELM_OK;
        }
    }
    *out = gotmpl_bool(0);
    return CELM_OK;
}

int gotmpl_builtin_ne(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    int status = gotmpl_builtin_eq(call, args, count, out);
    if (status == CELM_OK)
        out->as.boolean = !out->as.boolean;
    return status;
}

/* a < b; returns an error status or 0 with *truth. */
static int less(gotmpl_call *call, const gotmpl_value *args, int *truth)
{
    gotmpl_value a = unboxed(&args[0]), b = unboxed(&args[1]);
    basic_kind ka = kind_of(&a), kb = kind_of(&b);
    *truth = 0;
    if (ka == KIND_INVALID || kb == KIND_INVALID)
        return gotmpl_call_error(call, "invalid type for comparison");
    if (ka != kb) {
        if (ka == KIND_INT && kb == KIND_UINT)
            *truth = a.as.integer < 0 || (uint64_t)a.as.integer < unsigned_of(&b);
        else if (ka == KIND_UINT && kb == KIND_INT)
            *truth = b.as.integer >= 0 && unsigned_of(&a) < (uint64_t)b.as.integer;
        else
            return gotmpl_call_error(call, "incompatible types for comparison: %s and %s", gotmpl_type_name(&a),
                                     gotmpl_type_name(&b));
        return CELM_OK;
    }
    switch (ka) {
    case KIND_FLOAT: *truth = a.as.real < b.as.real; return CELM_OK;
    case KIND_INT: *truth = a.as.integer < b.as.integer; return CELM_OK;
    case KIND_STRING: *truth = string_compare(&a, &b) < 0; return CELM_OK;
    case KIND_UINT: *truth = unsigned_of(&a) < unsigned_of(&b); return CELM_OK;
    default: return gotmpl_call_error(call, "invalid type for comparison");
    }
}

/* a <= b: less, else equal. */
static int less_or_equal(gotmpl_call *call, const gotmpl_value *args, int *truth)
{
    int status = less(call, args, truth);
    if (status != CELM_OK || *truth)
        return status;
    gotmpl_value equal_result;
    status = gotmpl_builtin_eq(call, args, 2, &equal_result);
    *truth = status == CELM_OK && equal_result.as.boolean;
    return status;
}

int gotmpl_builtin_lt(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int truth, status = less(call, args, &truth);
    *out = gotmpl_bool(truth);
    return status;
}

int gotmpl_builtin_le(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int truth, status = less_or_equal(call, args, &truth);
    *out = gotmpl_bool(truth);
    return status;
}

int gotmpl_builtin_gt(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int truth, status = less_or_equal(call, args, &truth);
    *out = gotmpl_bool(status == CELM_OK && !truth);
    return status;
}

int gotmpl_builtin_ge(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int truth, status = less(call, args, &truth);
    *out = gotmpl_bool(status == CELM_OK && !truth);
    return status;
}
