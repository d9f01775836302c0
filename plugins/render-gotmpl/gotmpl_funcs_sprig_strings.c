/* gotmpl_funcs_sprig_strings.c: Sprig's string functions (abbrev ... wrapWith, split, join) with Go's
 * strings package rules: runes decoded with invalid bytes read as U+FFFD, slicing panics word for word. */
#include <stdio.h>
#include <string.h>

#include "gotmpl_fmt.h"
#include "gotmpl_sprig.h"
#include "gotmpl_unicode.h"

#define UNUSED_ARGS (void)count

static gotmpl_runtime *runtime_of(gotmpl_call *call)
{
    return gotmpl_call_runtime(call);
}

static int finish(gotmpl_call *call, gotmpl_sprig_text *text, gotmpl_value *out)
{
    if (gotmpl_sprig_text_finish(text, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

static int string_result(gotmpl_value *out, const char *data, size_t len)
{
    *out = gotmpl_string(data, len);
    return CELM_OK;
}

static int bool_result(gotmpl_value *out, int truth)
{
    *out = gotmpl_bool(truth);
    return CELM_OK;
}

static const celm_string *text_arg(const gotmpl_value *args, size_t i)
{
    return &args[i].as.string;
}

/* --- cutting ----------------------------------------------------------------------------------- */
static int abbrev_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    const celm_string *s = text_arg(args, 1);
    if (args[0].as.integer < 4)
        return string_result(out, s->data, s->len);
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    gotmpl_sprig_abbreviate(&text, s->data, s->len, 0, args[0].as.integer);
    return finish(call, &text, out);
}

static int abbrevboth_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    int64_t left = args[0].as.integer, right = args[1].as.integer;
    const celm_string *s = text_arg(args, 2);
    if (right < 4 || (left > 0 && right < 7))
        return string_result(out, s->data, s->len);
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    gotmpl_sprig_abbreviate(&text, s->data, s->len, left, right);
    return finish(call, &text, out);
}

/* trunc: the first c bytes, or the last -c. */
static int trunc_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    int64_t c = args[0].as.integer, len = (int64_t)args[1].as.string.len;
    const char *data = args[1].as.string.data;
    if (c < 0 && len + c > 0)
        return string_result(out, data + len + c, (size_t)-c);
    if (c >= 0 && len > c)
        return string_result(out, data, (size_t)c);
    return string_result(out, data, (size_t)len);
}

/* substr: s[:end] when start < 0, s[start:] when end is negative or past the end, else
 * s[start:end]; out-of-range bounds panic as Go's slicing does. */
static int substr_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    int64_t start = args[0].as.integer, end = args[1].as.integer, len = (int64_t)args[2].as.string.len;
    const char *data = args[2].as.string.data;
    const char *prefix = "runtime error: slice bounds out of range";
    if (start < 0) {
        if (end < 0)
            return gotmpl_call_panic(call, "%s [:%lld]", prefix, (long long)end);
        if (end > len)
            return gotmpl_call_panic(call, "%s [:%lld] with length %lld", prefix, (long long)end, (long long)len);
        return string_result(out, data, (size_t)end);
    }
    if (end < 0 || end > len) {
        if (start > len)
            return gotmpl_call_panic(call, "%s [%lld:%lld]", prefix, (long long)start, (long long)len);
        return string_result(out, data + start, (size_t)(len - start));
    }
    if (start > end)
        return gotmpl_call_panic(call, "%s [%lld:%lld]", prefix, (long long)start, (long long)end);
    return string_result(out, data + start, (size_t)(end - start));
}

/* strings.TrimSpace: Unicode white space off both ends. */
static int trim_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    const char *data = args[0].as.string.data;
    size_t start = 0, end = args[0].as.string.len, width;
    while (start < end && celm_gotmpl_rune_is_space(celm_gotmpl_utf8_decode(data + start, end - start, &width)))
        start += width;
    while (end > start) {
        width = celm_gotmpl_utf8_last_width(data + start, end - start);
        if (!celm_gotmpl_rune_is_space(celm_gotmpl_utf8_decode(data + end - width, width, &width)))
            break;
        end -= width;
    }
    return string_result(out, data + start, end - start);
}

static int cutset_contains(const celm_string *cutset, uint32_t rune)
{
    for (size_t at = 0, width; at < cutset->len; at += width)
        if (celm_gotmpl_utf8_decode(cutset->data + at, cutset->len - at, &width) == rune)
            return 1;
    return 0;
}

/* trimAll CUTSET S: strings.Trim(s, cutset), rune by rune from both ends. */
static int trim_all_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    const celm_string *cutset = text_arg(args, 0);
    const char *data = args[1].as.string.data;
    size_t start = 0, end = args[1].as.string.len, width;
    while (start < end && cutset_contains(cutset, celm_gotmpl_utf8_decode(data + start, end - start, &width)))
        start += width;
    while (end > start) {
        width = celm_gotmpl_utf8_last_width(data + start, end - start);
        if (!cutset_contains(cutset, celm_gotmpl_utf8_decode(data + end - width, width, &width)))
            break;
        end -= width;
    }
    return string_result(out, data + start, end - start);
}

static int has_prefix(const celm_string *s, const celm_string *prefix)
{
    return s->len >= prefix->len && memcmp(s->data, prefix->data, prefix->len) == 0;
}

static int has_suffix(const celm_string *s, const celm_string *suffix)
{
    return s->len >= suffix->len && memcmp(s->data + s->len - suffix->len, suffix->data, suffix->len) == 0;
}

static int trim_suffix_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    const celm_string *suffix = text_arg(args, 0), *s = text_arg(args, 1);
    return string_result(out, s->data, has_suffix(s, suffix) ? s->len - suffix->len : s->len);
}

static int trim_prefix_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    const celm_string *prefix = text_arg(args, 0), *s = text_arg(args, 1);
    size_t skip = has_prefix(s, prefix) ? prefix->len : 0;
    return string_result(out, s->data + skip, s->len - skip);
}

/* --- letter case and words --------------------------------------------------------------------- */
typedef uint32_t (*rune_mapping)(uint32_t rune);

/* strings.Map with a case mapping, as ToUpper and ToLower use it. */
static int map_runes(gotmpl_call *call, const celm_string *s, rune_mapping mapping, gotmpl_value *out)
{
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    for (size_t at = 0, width; at < s->len; at += width)
        gotmpl_sprig_text_put_rune(&text, mapping(celm_gotmpl_utf8_decode(s->data + at, s->len - at, &width)));
    return finish(call, &text, out);
}

static int upper_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return map_runes(call, text_arg(args, 0), gotmpl_sprig_rune_to_upper, out);
}

static int lower_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return map_runes(call, text_arg(args, 0), gotmpl_sprig_rune_to_lower, out);
}

/* strings.Title's isSeparator: ASCII other than letters, digits and '_'; beyond ASCII, only
 * white space. */
static int is_word_separator(uint32_t rune)
{
    if (rune < 0x80)
        return !((rune >= '0' && rune <= '9') || (rune >= 'a' && rune <= 'z') || (rune >= 'A' && rune <= 'Z') ||
                 rune == '_');
    if (celm_gotmpl_rune_is_letter(rune) || celm_gotmpl_rune_is_digit(rune))
        return 0;
    return celm_gotmpl_rune_is_space(rune);
}

static int title_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    const celm_string *s = text_arg(args, 0);
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    uint32_t previous = ' ';
    for (size_t at = 0, width; at < s->len; at += width) {
        uint32_t rune = celm_gotmpl_utf8_decode(s->data + at, s->len - at, &width);
        gotmpl_sprig_text_put_rune(&text, is_word_separator(previous) ? gotmpl_sprig_rune_to_title(rune) : rune);
        previous = rune;
    }
    return finish(call, &text, out);
}

typedef void (*word_algorithm)(gotmpl_sprig_text *out, const char *text, size_t len);

static int apply_words(gotmpl_call *call, const gotmpl_value *args, word_algorithm algorithm, gotmpl_value *out)
{
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    algorithm(&text, args[0].as.string.data, args[0].as.string.len);
    return finish(call, &text, out);
}

static int untitle_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return apply_words(call, args, gotmpl_sprig_uncapitalize, out);
}

static int nospace_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return apply_words(call, args, gotmpl_sprig_delete_white_space, out);
}

static int initials_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return apply_words(call, args, gotmpl_sprig_initials, out);
}

static int swapcase_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return apply_words(call, args, gotmpl_sprig_swap_case, out);
}

static int camelcase_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return apply_words(call, args, gotmpl_sprig_pascal_case, out);
}

static int connect_words(gotmpl_call *call, const gotmpl_value *args, char connector, gotmpl_value *out)
{
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    gotmpl_sprig_snake_case(&text, args[0].as.string.data, args[0].as.string.len, connector);
    return finish(call, &text, out);
}

static int snakecase_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return connect_words(call, args, '_', out);
}

static int kebabcase_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return connect_words(call, args, '-', out);
}

static int wrap_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    gotmpl_sprig_wrap(&text, args[1].as.string.data, args[1].as.string.len, args[0].as.integer, "", 0, 0);
    return finish(call, &text, out);
}

static int wrap_with_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    gotmpl_sprig_wrap(&text, args[2].as.string.data, args[2].as.string.len, args[0].as.integer,
                      args[1].as.string.data, args[1].as.string.len, 1);
    return finish(call, &text, out);
}

/* --- searching --------------------------------------------------------------------------------- */
/* strings.Index: the first occurrence of `needle` at or after `from`, or -1. */
static long find(const celm_string *haystack, size_t from, const celm_string *needle)
{
    if (needle->len == 0)
        return (long)from;
    for (size_t at = from; at + needle->len <= haystack->len; at++)
        if (memcmp(haystack->data + at, needle->data, needle->len) == 0)
            return (long)at;
    return -1;
}

static int contains_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    return bool_result(out, find(text_arg(args, 1), 0, text_arg(args, 0)) >= 0);
}

static int has_prefix_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    return bool_result(out, has_prefix(text_arg(args, 1), text_arg(args, 0)));
}

static int has_suffix_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    return bool_result(out, has_suffix(text_arg(args, 1), text_arg(args, 0)));
}

/* --- building ---------------------------------------------------------------------------------- */
/* strings.Repeat, with its panics; the output is built in the arena. */
static int repeat_into(gotmpl_call *call, gotmpl_sprig_text *text, const char *data, size_t len, int64_t count)
{
    if (count < 0)
        return gotmpl_call_panic(call, "strings: negative Repeat count");
    if (len && (uint64_t)count > (uint64_t)INT64_MAX / len)
        return gotmpl_call_panic(call, "strings: Repeat output length overflow");
    if (len && (uint64_t)count * len > GOTMPL_SPRIG_MAX_BYTES)
        return gotmpl_sprig_out_of_memory(call);
    for (int64_t i = 0; i < count && len && !text->failed; i++)
        gotmpl_sprig_text_put(text, data, len);
    return text->failed ? gotmpl_sprig_out_of_memory(call) : CELM_OK;
}

static int repeat_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    int status = repeat_into(call, &text, args[1].as.string.data, args[1].as.string.len, args[0].as.integer);
    return status != CELM_OK ? status : finish(call, &text, out);
}

/* strings.Replace(s, old, new, -1); an empty `old` matches before every rune and at the end. */
static void replace_all(gotmpl_sprig_text *text, const celm_string *s, const celm_string *old,
                        const celm_string *replacement)
{
    size_t at = 0;
    if (old->len == 0) {
        for (size_t width; at < s->len; at += width) {
            gotmpl_sprig_text_put(text, replacement->data, replacement->len);
            celm_gotmpl_utf8_decode(s->data + at, s->len - at, &width);
            gotmpl_sprig_text_put(text, s->data + at, width);
        }
        gotmpl_sprig_text_put(text, replacement->data, replacement->len);
        return;
    }
    for (long found; (found = find(s, at, old)) >= 0; at = (size_t)found + old->len) {
        gotmpl_sprig_text_put(text, s->data + at, (size_t)found - at);
        gotmpl_sprig_text_put(text, replacement->data, replacement->len);
    }
    gotmpl_sprig_text_put(text, s->data + at, s->len - at);
}

static int replace_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    replace_all(&text, text_arg(args, 2), text_arg(args, 0), text_arg(args, 1));
    return finish(call, &text, out);
}

static int indent_into(gotmpl_call *call, gotmpl_sprig_text *text, int64_t spaces, const celm_string *s)
{
    gotmpl_sprig_text pad;
    gotmpl_sprig_text_init(&pad, runtime_of(call));
    gotmpl_sprig_text_put(&pad, "\n", 1);
    int status = repeat_into(call, &pad, " ", 1, spaces);
    if (status != CELM_OK)
        return status;
    celm_string newline_pad = {pad.data, pad.len};
    celm_string newline = {"\n", 1};
    gotmpl_sprig_text_put(text, pad.data + 1, pad.len - 1);
    replace_all(text, s, &newline, &newline_pad);
    return CELM_OK;
}

static int indent_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    int status = indent_into(call, &text, args[0].as.integer, text_arg(args, 1));
    return status != CELM_OK ? status : finish(call, &text, out);
}

static int nindent_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    gotmpl_sprig_text_put(&text, "\n", 1);
    int status = indent_into(call, &text, args[0].as.integer, text_arg(args, 1));
    return status != CELM_OK ? status : finish(call, &text, out);
}

static int plural_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, UNUSED_ARGS;
    *out = args[2].as.integer == 1 ? args[0] : args[1];
    return CELM_OK;
}

static int hello_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)args, UNUSED_ARGS;
    return string_result(out, "Hello!", 6);
}

/* --- quoting and joining values ---------------------------------------------------------------- */
typedef enum join_style { JOIN_QUOTED, JOIN_SINGLE_QUOTED, JOIN_PLAIN } join_style;

/* quote (%q of strval), squote ('%v') and cat (%v): the non-nil values, space-separated. */
static int join_values(gotmpl_call *call, const gotmpl_value *args, size_t count, join_style style,
                       gotmpl_value *out)
{
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    int first = 1;
    for (size_t i = 0; i < count; i++) {
        celm_string s;
        if (args[i].type == GT_NIL)
            continue;
        int status = style == JOIN_QUOTED ? gotmpl_sprig_strval(runtime_of(call), &args[i], &s)
                                          : gotmpl_fmt_value(runtime_of(call), &args[i], &s);
        if (status != CELM_OK)
            return gotmpl_sprig_out_of_memory(call);
        if (!first)
            gotmpl_sprig_text_put(&text, " ", 1);
        first = 0;
        if (style == JOIN_QUOTED)
            gotmpl_sprig_text_put_quoted(&text, s.data, s.len);
        if (style == JOIN_SINGLE_QUOTED)
            gotmpl_sprig_text_put(&text, "'", 1);
        if (style != JOIN_QUOTED)
            gotmpl_sprig_text_put(&text, s.data, s.len);
        if (style == JOIN_SINGLE_QUOTED)
            gotmpl_sprig_text_put(&text, "'", 1);
    }
    return finish(call, &text, out);
}

static int quote_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return join_values(call, args, count, JOIN_QUOTED, out);
}

static int squote_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return join_values(call, args, count, JOIN_SINGLE_QUOTED, out);
}

static int cat_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return join_values(call, args, count, JOIN_PLAIN, out);
}

/* join SEP LIST: strings.Join(strslice(list), sep). */
static int join_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    gotmpl_value strings;
    if (gotmpl_sprig_strslice(runtime_of(call), &args[1], &strings) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    for (size_t i = 0; i < gotmpl_list_len(strings.as.list); i++) {
        gotmpl_value item = gotmpl_list_get(runtime_of(call), strings.as.list, i);
        if (i)
            gotmpl_sprig_text_put(&text, args[0].as.string.data, args[0].as.string.len);
        gotmpl_sprig_text_put(&text, item.as.string.data, item.as.string.len);
    }
    return finish(call, &text, out);
}

/* --- splitting --------------------------------------------------------------------------------- */
/* strings.SplitN(s, sep, limit) into a []string; limit < 0 means no limit, 0 gives nil. An empty
 * separator splits after each rune. */
static int split_into(gotmpl_runtime *runtime, const celm_string *s, const celm_string *sep, int64_t limit,
                      gotmpl_value *out)
{
    *out = gotmpl_list_new(runtime, GT_STRING_LIST, 0);
    if (out->type != GT_STRING_LIST)
        return CELM_ENOMEM;
    size_t at = 0;
    int64_t pieces = 0;
    while (limit != 0 && (limit < 0 || pieces < limit - 1)) {
        size_t piece_end, next;
        if (sep->len == 0) {
            if (at >= s->len)
                break;
            celm_gotmpl_utf8_decode(s->data + at, s->len - at, &piece_end);
            piece_end += at;
            next = piece_end;
        } else {
            long found = find(s, at, sep);
            if (found < 0)
                break;
            piece_end = (size_t)found;
            next = piece_end + sep->len;
        }
        if (gotmpl_list_append(runtime, out->as.list, gotmpl_string(s->data + at, piece_end - at)) != CELM_OK)
            return CELM_ENOMEM;
        at = next;
        pieces++;
    }
    if (limit != 0 && (sep->len != 0 || at < s->len) &&
        gotmpl_list_append(runtime, out->as.list, gotmpl_string(s->data + at, s->len - at)) != CELM_OK)
        return CELM_ENOMEM;
    return CELM_OK;
}

static int split_list_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    if (split_into(runtime_of(call), text_arg(args, 1), text_arg(args, 0), -1, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

/* split and splitn: the pieces as a map[string]string keyed _0, _1, ... */
static int split_map(gotmpl_call *call, const celm_string *s, const celm_string *sep, int64_t limit,
                     gotmpl_value *out)
{
    gotmpl_runtime *runtime = runtime_of(call);
    gotmpl_value pieces;
    if (split_into(runtime, s, sep, limit, &pieces) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    *out = gotmpl_map_new(runtime, GT_STRING_MAP, gotmpl_list_len(pieces.as.list));
    if (out->type != GT_STRING_MAP)
        return gotmpl_sprig_out_of_memory(call);
    for (size_t i = 0; i < gotmpl_list_len(pieces.as.list); i++) {
        char key[32];
        int key_len = snprintf(key, sizeof key, "_%zu", i);
        if (gotmpl_map_set(runtime, out->as.map, key, (size_t)key_len, gotmpl_list_get(runtime, pieces.as.list, i)) !=
            CELM_OK)
            return gotmpl_sprig_out_of_memory(call);
    }
    return CELM_OK;
}

static int split_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return split_map(call, text_arg(args, 1), text_arg(args, 0), -1, out);
}

static int splitn_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    UNUSED_ARGS;
    return split_map(call, text_arg(args, 2), text_arg(args, 0), args[1].as.integer, out);
}

#define STRING_FUNC(name, impl) {name, impl, 1, 0, {GT_STRING}, GT_STRING, 0}
#define PAIR_FUNC(name, impl, result) {name, impl, 2, 0, {GT_STRING, GT_STRING}, result, 0}

static const gotmpl_func string_functions[] = {
    {"abbrev", abbrev_impl, 2, 0, {GT_INT, GT_STRING}, GT_STRING, 0},
    {"abbrevboth", abbrevboth_impl, 3, 0, {GT_INT, GT_INT, GT_STRING}, GT_STRING, 0},
    {"trunc", trunc_impl, 2, 0, {GT_INT, GT_STRING}, GT_STRING, 0},
    STRING_FUNC("trim", trim_impl),
    STRING_FUNC("upper", upper_impl),
    STRING_FUNC("lower", lower_impl),
    STRING_FUNC("title", title_impl),
    STRING_FUNC("untitle", untitle_impl),
    {"substr", substr_impl, 3, 0, {GT_INT, GT_INT, GT_STRING}, GT_STRING, 0},
    {"repeat", repeat_impl, 2, 0, {GT_INT, GT_STRING}, GT_STRING, 0},
    PAIR_FUNC("trimall", trim_all_impl, GT_STRING),
    PAIR_FUNC("trimAll", trim_all_impl, GT_STRING),
    PAIR_FUNC("trimSuffix", trim_suffix_impl, GT_STRING),
    PAIR_FUNC("trimPrefix", trim_prefix_impl, GT_STRING),
    STRING_FUNC("nospace", nospace_impl),
    STRING_FUNC("initials", initials_impl),
    STRING_FUNC("swapcase", swapcase_impl),
    STRING_FUNC("snakecase", snakecase_impl),
    STRING_FUNC("camelcase", camelcase_impl),
    STRING_FUNC("kebabcase", kebabcase_impl),
    {"wrap", wrap_impl, 2, 0, {GT_INT, GT_STRING}, GT_STRING, 0},
    {"wrapWith", wrap_with_impl, 3, 0, {GT_INT, GT_STRING, GT_STRING}, GT_STRING, 0},
    PAIR_FUNC("contains", contains_impl, GT_BOOL),
    PAIR_FUNC("hasPrefix", has_prefix_impl, GT_BOOL),
    PAIR_FUNC("hasSuffix", has_suffix_impl, GT_BOOL),
    {"quote", quote_impl, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"squote", squote_impl, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"cat", cat_impl, 1, 1, {GT_ANY}, GT_STRING, 0},
    {"indent", indent_impl, 2, 0, {GT_INT, GT_STRING}, GT_STRING, 0},
    {"nindent", nindent_impl, 2, 0, {GT_INT, GT_STRING}, GT_STRING, 0},
    {"replace", replace_impl, 3, 0, {GT_STRING, GT_STRING, GT_STRING}, GT_STRING, 0},
    {"plural", plural_impl, 3, 0, {GT_STRING, GT_STRING, GT_INT}, GT_STRING, 0},
    PAIR_FUNC("split", split_impl, GT_STRING_MAP),
    PAIR_FUNC("splitList", split_list_impl, GT_STRING_LIST),
    {"splitn", splitn_impl, 3, 0, {GT_STRING, GT_INT, GT_STRING}, GT_STRING_MAP, 0},
    {"join", join_impl, 2, 0, {GT_STRING, GT_ANY}, GT_STRING, 0},
    {"hello", hello_impl, 0, 0, {0}, GT_STRING, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_strings = {"sprig/strings", string_functions};
