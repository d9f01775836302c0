/* gotmpl_funcs_sprig_lists.c: Sprig's list functions (list ... chunk, sortAlpha, seq, until, untilStep).
 *
 * Most take any slice ([]interface{}, []string, []int, []byte) and return a new []interface{};
 * the plain forms panic where the must* forms return the error ("Cannot find first on type
 * string"), and both panic on nil as Go's reflect.TypeOf(nil).Kind() does. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_sprig.h"

typedef enum failure_mode { PANICS = 0, RETURNS_ERROR = 1 } failure_mode;

static gotmpl_runtime *runtime_of(gotmpl_call *call)
{
    return gotmpl_call_runtime(call);
}

/* The kind check every list function starts with; `message` is a format with one %s (the kind). */
static int require_slice(gotmpl_call *call, const gotmpl_value *value, failure_mode mode, const char *message)
{
    if (value->type == GT_NIL)
        return gotmpl_sprig_nil_panic(call);
    if (gotmpl_sprig_is_slice(value))
        return CELM_OK;
    if (mode == RETURNS_ERROR)
        return gotmpl_call_error(call, message, gotmpl_sprig_kind_name(value));
    return gotmpl_call_panic(call, message, gotmpl_sprig_kind_name(value));
}

static int new_list(gotmpl_call *call, size_t capacity, gotmpl_value *out)
{
    *out = gotmpl_list_new(runtime_of(call), GT_LIST, capacity);
    return out->type == GT_LIST ? CELM_OK : gotmpl_sprig_out_of_memory(call);
}

static int append_item(gotmpl_call *call, gotmpl_value *list, gotmpl_value item)
{
    if (gotmpl_list_append(runtime_of(call), list->as.list, item) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

/* Copies items [from, to) of a slice into `list`. */
static int append_items(gotmpl_call *call, gotmpl_value *list, const gotmpl_value *slice, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (append_item(call, list, gotmpl_sprig_slice_item(runtime_of(call), slice, i)) != CELM_OK)
            return CELM_ENOMEM;
    return CELM_OK;
}

/* A new []interface{} holding items [from, to) of the slice. */
static int copy_range(gotmpl_call *call, const gotmpl_value *slice, size_t from, size_t to, gotmpl_value *out)
{
    if (new_list(call, to - from, out) != CELM_OK)
        return CELM_ENOMEM;
    return append_items(call, out, slice, from, to);
}

static int list_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    if (new_list(call, count, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i++)
        if (append_item(call, out, args[i]) != CELM_OK)
            return CELM_ENOMEM;
    return CELM_OK;
}

/* --- the plain / must pairs ---------------------------------------------------------------------- */
static int push(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot push on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    if (copy_range(call, &args[0], 0, len, out) != CELM_OK)
        return CELM_ENOMEM;
    return append_item(call, out, args[1]);
}

static int prepend(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot prepend on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    if (new_list(call, len + 1, out) != CELM_OK || append_item(call, out, args[1]) != CELM_OK)
        return CELM_ENOMEM;
    return append_items(call, out, &args[0], 0, len);
}

static int first(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot find first on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    *out = len ? gotmpl_sprig_slice_item(runtime_of(call), &args[0], 0) : gotmpl_nil();
    return CELM_OK;
}

static int last(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot find last on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    *out = len ? gotmpl_sprig_slice_item(runtime_of(call), &args[0], len - 1) : gotmpl_nil();
    return CELM_OK;
}

static int rest(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot find rest on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    return copy_range(call, &args[0], len ? 1 : 0, len, out);
}

static int initial(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot find initial on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    return copy_range(call, &args[0], 0, len ? len - 1 : 0, out);
}

static int reverse(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot find reverse on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    if (new_list(call, len, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = len; i > 0; i--)
        if (append_item(call, out, gotmpl_sprig_slice_item(runtime_of(call), &args[0], i - 1)) != CELM_OK)
            return CELM_ENOMEM;
    return CELM_OK;
}

static int compact(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot compact on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    if (new_list(call, 0, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < len; i++) {
        gotmpl_value item = gotmpl_sprig_slice_item(runtime_of(call), &args[0], i);
        if (!gotmpl_sprig_empty(runtime_of(call), &item) && append_item(call, out, item) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

/* Sprig's inList: reflect.DeepEqual against each element. */
static int in_values(gotmpl_runtime *runtime, const gotmpl_value *values, size_t count, const gotmpl_value *needle)
{
    for (size_t i = 0; i < count; i++)
        if (gotmpl_sprig_deep_equal(runtime, needle, &values[i]))
            return 1;
    return 0;
}

static int in_slice(gotmpl_runtime *runtime, const gotmpl_value *slice, const gotmpl_value *needle)
{
    for (size_t i = 0; i < gotmpl_sprig_slice_len(slice); i++) {
        gotmpl_value item = gotmpl_sprig_slice_item(runtime, slice, i);
        if (gotmpl_sprig_deep_equal(runtime, needle, &item))
            return 1;
    }
    return 0;
}

static int uniq(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[0], mode, "Cannot find uniq on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    if (new_list(call, 0, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < len; i++) {
        gotmpl_value item = gotmpl_sprig_slice_item(runtime_of(call), &args[0], i);
        if (!in_slice(runtime_of(call), out, &item) && append_item(call, out, item) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int without(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    if (require_slice(call, &args[0], mode, "Cannot find without on type %s") != CELM_OK)
        return CELM_EINVAL;
    size_t len = gotmpl_sprig_slice_len(&args[0]);
    if (new_list(call, 0, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < len; i++) {
        gotmpl_value item = gotmpl_sprig_slice_item(runtime_of(call), &args[0], i);
        if (!in_values(runtime_of(call), args + 1, count - 1, &item) && append_item(call, out, item) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

/* has NEEDLE HAYSTACK: false for a nil haystack. */
static int has(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (args[1].type == GT_NIL) {
        *out = gotmpl_bool(0);
        return CELM_OK;
    }
    if (require_slice(call, &args[1], mode, "Cannot find has on type %s") != CELM_OK)
        return CELM_EINVAL;
    *out = gotmpl_bool(in_slice(runtime_of(call), &args[1], &args[0]));
    return CELM_OK;
}

/* The part [start, end) of a slice, of the slice's own type. */
static int sub_slice(gotmpl_call *call, const gotmpl_value *slice, size_t start, size_t end, gotmpl_value *out)
{
    if (slice->type == GT_BYTES) {
        *out = gotmpl_bytes(slice->as.string.data + start, end - start);
        return CELM_OK;
    }
    *out = gotmpl_list_new(runtime_of(call), (gotmpl_type)slice->type, end - start);
    if (out->type != slice->type)
        return gotmpl_sprig_out_of_memory(call);
    return append_items(call, out, slice, start, end);
}

/* slice LIST [START [END]]: nil for an empty list; bounds outside it panic, as reflect's Slice. */
static int slice(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    if (require_slice(call, &args[0], mode, "list should be type of slice or array but %s") != CELM_OK)
        return CELM_EINVAL;
    int64_t len = (int64_t)gotmpl_sprig_slice_len(&args[0]);
    if (len == 0) {
        *out = gotmpl_nil();
        return CELM_OK;
    }
    int64_t start = count > 1 ? gotmpl_sprig_to_int64(&args[1]) : 0;
    int64_t end = count > 2 ? gotmpl_sprig_to_int64(&args[2]) : len;
    if (start < 0 || end < start || end > len)
        return gotmpl_call_panic(call, "reflect.Value.Slice: slice index out of bounds");
    return sub_slice(call, &args[0], (size_t)start, (size_t)end, out);
}

/* chunk SIZE LIST: Sprig computes the chunk count and the last chunk's length in float64, so
 * sizes below 1 end in Go's makeslice panic. */
static int chunk(gotmpl_call *call, const gotmpl_value *args, size_t count, failure_mode mode, gotmpl_value *out)
{
    (void)count;
    if (require_slice(call, &args[1], mode, "Cannot chunk type %s") != CELM_OK)
        return CELM_EINVAL;
    int64_t size = args[0].as.integer, len = (int64_t)gotmpl_sprig_slice_len(&args[1]);
    int64_t chunks = gotmpl_sprig_float_to_int64(floor((double)(len - 1) / (double)size) + 1);
    if (chunks < 0)
        return gotmpl_call_panic(call, "runtime error: makeslice: len out of range");
    if (new_list(call, (size_t)chunks, out) != CELM_OK)
        return CELM_ENOMEM;
    for (int64_t i = 0; i < chunks; i++) {
        int64_t chunk_len = size;
        if (i == chunks - 1) {
            chunk_len = gotmpl_sprig_float_to_int64(floor(fmod((double)len, (double)size)));
            if (chunk_len == 0)
                chunk_len = size;
        }
        if (chunk_len < 0)
            return gotmpl_call_panic(call, "runtime error: makeslice: len out of range");
        gotmpl_value piece;
        if (copy_range(call, &args[1], (size_t)(i * size), (size_t)(i * size + chunk_len), &piece) != CELM_OK ||
            append_item(call, out, piece) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

#define PLAIN_AND_MUST(operation) \
    static int operation##_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out) \
    { return operation(call, args, count, PANICS, out); } \
    static int must_##operation##_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out) \
    { return operation(call, args, count, RETURNS_ERROR, out); }

PLAIN_AND_MUST(push)
PLAIN_AND_MUST(prepend)
PLAIN_AND_MUST(first)
PLAIN_AND_MUST(last)
PLAIN_AND_MUST(rest)
PLAIN_AND_MUST(initial)
PLAIN_AND_MUST(reverse)
PLAIN_AND_MUST(compact)
PLAIN_AND_MUST(uniq)
PLAIN_AND_MUST(without)
PLAIN_AND_MUST(has)
PLAIN_AND_MUST(slice)
PLAIN_AND_MUST(chunk)

/* --- the rest ---------------------------------------------------------------------------------- */
/* concat LIST...: every argument must be a slice; the plain panic message is Sprig's own. */
static int concat_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    if (new_list(call, 0, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        if (require_slice(call, &args[i], PANICS, "Cannot concat type %s as list") != CELM_OK)
            return CELM_EINVAL;
        if (append_items(call, out, &args[i], 0, gotmpl_sprig_slice_len(&args[i])) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int compare_strings(const void *left, const void *right)
{
    const gotmpl_value *a = left, *b = right;
    size_t shorter = a->as.string.len < b->as.string.len ? a->as.string.len : b->as.string.len;
    int order = shorter ? memcmp(a->as.string.data, b->as.string.data, shorter) : 0;
    return order ? order : (a->as.string.len > b->as.string.len) - (a->as.string.len < b->as.string.len);
}

/* sortAlpha: the strings of a slice sorted bytewise (a []string is sorted in place, as Sprig's
 * sort.StringSlice does); anything else becomes a one-element list. */
static int sort_alpha_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = runtime_of(call);
    if (!gotmpl_sprig_is_slice(&args[0])) {
        celm_string text;
        *out = gotmpl_list_new(runtime, GT_STRING_LIST, 1);
        if (out->type != GT_STRING_LIST || gotmpl_sprig_strval(runtime, &args[0], &text) != CELM_OK ||
            gotmpl_list_append(runtime, out->as.list, gotmpl_string(text.data, text.len)) != CELM_OK)
            return gotmpl_sprig_out_of_memory(call);
        return CELM_OK;
    }
    if (gotmpl_sprig_strslice(runtime, &args[0], out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    size_t len = out->as.list ? gotmpl_list_len(out->as.list) : 0;
    const celm_host *host = gotmpl_runtime_host(runtime);
    gotmpl_value *items = host->arena_alloc(gotmpl_runtime_arena(runtime), (len + 1) * sizeof *items);
    if (!items)
        return gotmpl_sprig_out_of_memory(call);
    for (size_t i = 0; i < len; i++)
        items[i] = gotmpl_list_get(runtime, out->as.list, i);
    qsort(items, len, sizeof *items, compare_strings);
    for (size_t i = 0; i < len; i++)
        if (gotmpl_list_set(runtime, out->as.list, i, items[i]) != CELM_OK)
            return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

/* Sprig's untilStep: start, start+step, ... while below stop (above it for a negative step); a step
 * that never gets there gives []. Go's int arithmetic wraps. */
static int until_step(gotmpl_call *call, int64_t start, int64_t stop, int64_t step, gotmpl_value *out)
{
    *out = gotmpl_list_new(runtime_of(call), GT_INT_LIST, 0);
    if (out->type != GT_INT_LIST)
        return gotmpl_sprig_out_of_memory(call);
    int downwards = stop < start;
    if ((downwards && step >= 0) || (!downwards && step <= 0))
        return CELM_OK;
    uint64_t items = 0;
    for (int64_t i = start; downwards ? i > stop : i < stop; i = (int64_t)((uint64_t)i + (uint64_t)step)) {
        if (++items > GOTMPL_SPRIG_MAX_ITEMS)
            return gotmpl_sprig_out_of_memory(call);
        if (gotmpl_list_append(runtime_of(call), out->as.list, gotmpl_int(GT_INT, i)) != CELM_OK)
            return gotmpl_sprig_out_of_memory(call);
    }
    return CELM_OK;
}

static int until_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int64_t stop = args[0].as.integer;
    return until_step(call, 0, stop, stop < 0 ? -1 : 1, out);
}

static int until_step_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return until_step(call, args[0].as.integer, args[1].as.integer, args[2].as.integer, out);
}

/* seq: like the seq command: seq LAST, seq FIRST LAST, seq FIRST STEP LAST, space-separated. */
static int seq_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    int64_t start = 1, end = 0, step = 1;
    if (count == 1)
        end = args[0].as.integer;
    else if (count == 2)
        start = args[0].as.integer, end = args[1].as.integer;
    else if (count == 3)
        start = args[0].as.integer, step = args[1].as.integer, end = args[2].as.integer;
    if (count == 0 || count > 3 || (count == 3 && end < start && step > 0)) {
        *out = gotmpl_string("", 0);
        return CELM_OK;
    }
    int64_t toward = end < start ? -1 : 1;
    if (count != 3)
        step = toward;
    gotmpl_value numbers;
    int status = until_step(call, start, (int64_t)((uint64_t)end + (uint64_t)toward), step, &numbers);
    if (status != CELM_OK)
        return status;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    for (size_t i = 0; i < gotmpl_list_len(numbers.as.list); i++) {
        char number[24];
        int len = snprintf(number, sizeof number, i ? " %lld" : "%lld",
                           (long long)gotmpl_list_get(runtime_of(call), numbers.as.list, i).as.integer);
        gotmpl_sprig_text_put(&text, number, (size_t)len);
    }
    if (gotmpl_sprig_text_finish(&text, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

#define LIST_PAIR(name, must_name, impl, params, variadic, ...) \
    {name, impl##_impl, params, variadic, {__VA_ARGS__}, GT_LIST, 0}, \
    {must_name, must_##impl##_impl, params, variadic, {__VA_ARGS__}, GT_LIST, 1}

static const gotmpl_func list_functions[] = {
    {"list", list_impl, 1, 1, {GT_ANY}, GT_LIST, 0},
    {"tuple", list_impl, 1, 1, {GT_ANY}, GT_LIST, 0},
    LIST_PAIR("append", "mustAppend", push, 2, 0, GT_ANY, GT_ANY),
    LIST_PAIR("push", "mustPush", push, 2, 0, GT_ANY, GT_ANY),
    LIST_PAIR("prepend", "mustPrepend", prepend, 2, 0, GT_ANY, GT_ANY),
    {"first", first_impl, 1, 0, {GT_ANY}, GT_ANY, 0},
    {"mustFirst", must_first_impl, 1, 0, {GT_ANY}, GT_ANY, 1},
    LIST_PAIR("rest", "mustRest", rest, 1, 0, GT_ANY),
    {"last", last_impl, 1, 0, {GT_ANY}, GT_ANY, 0},
    {"mustLast", must_last_impl, 1, 0, {GT_ANY}, GT_ANY, 1},
    LIST_PAIR("initial", "mustInitial", initial, 1, 0, GT_ANY),
    LIST_PAIR("reverse", "mustReverse", reverse, 1, 0, GT_ANY),
    LIST_PAIR("uniq", "mustUniq", uniq, 1, 0, GT_ANY),
    LIST_PAIR("without", "mustWithout", without, 2, 1, GT_ANY, GT_ANY),
    {"has", has_impl, 2, 0, {GT_ANY, GT_ANY}, GT_BOOL, 0},
    {"mustHas", must_has_impl, 2, 0, {GT_ANY, GT_ANY}, GT_BOOL, 1},
    LIST_PAIR("compact", "mustCompact", compact, 1, 0, GT_ANY),
    {"slice", slice_impl, 2, 1, {GT_ANY, GT_ANY}, GT_ANY, 0},
    {"mustSlice", must_slice_impl, 2, 1, {GT_ANY, GT_ANY}, GT_ANY, 1},
    {"concat", concat_impl, 1, 1, {GT_ANY}, GT_ANY, 0},
    {"chunk", chunk_impl, 2, 0, {GT_INT, GT_ANY}, GT_LIST, 0},
    {"mustChunk", must_chunk_impl, 2, 0, {GT_INT, GT_ANY}, GT_LIST, 1},
    {"sortAlpha", sort_alpha_impl, 1, 0, {GT_ANY}, GT_STRING_LIST, 0},
    {"seq", seq_impl, 1, 1, {GT_INT}, GT_STRING, 0},
    {"until", until_impl, 1, 0, {GT_INT}, GT_INT_LIST, 0},
    {"untilStep", until_step_impl, 3, 0, {GT_INT, GT_INT, GT_INT}, GT_INT_LIST, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_lists = {"sprig/lists", list_functions};
