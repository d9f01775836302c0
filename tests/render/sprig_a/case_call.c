/* case_call.c: reads a case line's literals into Go-typed values (the notation of gosprig/main.go),
 * calls the function directly, and answers in gosprig's words. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_call.h"
#include "gotmpl_call.h"
#include "gotmpl_fmt.h"
#include "gotmpl_sprig.h"
#include "gotmpl_text.h"

#define MAX_ARGS 16

typedef struct literal_reader {
    gotmpl_runtime *runtime;
    const char *text;
    size_t at, len;
    const char *problem;
} literal_reader;

static void *alloc(gotmpl_runtime *runtime, size_t size)
{
    return gotmpl_runtime_host(runtime)->arena_alloc(gotmpl_runtime_arena(runtime), size ? size : 1);
}

static char peek(literal_reader *r)
{
    while (r->at < r->len && (r->text[r->at] == ' ' || r->text[r->at] == '\t'))
        r->at++;
    return r->at < r->len ? r->text[r->at] : '\0';
}

static int fail(literal_reader *r, const char *problem)
{
    if (!r->problem)
        r->problem = problem;
    return -1;
}

static int is_word_char(char c)
{
    return c == '_' || c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

static celm_string read_word(literal_reader *r)
{
    peek(r);
    celm_string word = {r->text + r->at, 0};
    while (r->at < r->len && is_word_char(r->text[r->at]))
        r->at++, word.len++;
    return word;
}

/* A Go "..." or `...` literal, unquoted. */
static int read_quoted(literal_reader *r, celm_string *out)
{
    char quote = peek(r);
    if (quote != '"' && quote != '`')
        return fail(r, "expected a string literal");
    size_t start = r->at++;
    while (r->at < r->len && r->text[r->at] != quote)
        r->at += quote == '"' && r->text[r->at] == '\\' ? 2 : 1;
    if (r->at >= r->len)
        return fail(r, "unterminated string literal");
    r->at++;
    size_t len = r->at - start;
    char *scratch = alloc(r->runtime, 3 * len + 1);
    if (celm_gotmpl_unquote(r->text + start, len, scratch, &out->data, &out->len) != 0)
        return fail(r, "bad string literal");
    char *copy = alloc(r->runtime, out->len + 1);
    memcpy(copy, out->data, out->len);
    copy[out->len] = '\0';
    out->data = copy;
    return 0;
}

static int expect(literal_reader *r, char c)
{
    if (peek(r) != c)
        return fail(r, "unexpected character");
    r->at++;
    return 0;
}

static int read_value(literal_reader *r, gotmpl_value *out);

static int read_items(literal_reader *r, gotmpl_type type, gotmpl_value *out)
{
    *out = gotmpl_list_new(r->runtime, type, 0);
    while (peek(r) != ']') {
        gotmpl_value item;
        if (peek(r) == '\0' || read_value(r, &item) != 0)
            return fail(r, "unterminated list");
        gotmpl_type wanted = type == GT_STRING_LIST ? GT_STRING : type == GT_INT_LIST ? GT_INT : item.type;
        if (item.type != wanted)
            return fail(r, "list item of the wrong type");
        gotmpl_list_append(r->runtime, out->as.list, item);
    }
    r->at++;
    return 0;
}

static int read_entries(literal_reader *r, gotmpl_type type, gotmpl_value *out)
{
    *out = gotmpl_map_new(r->runtime, type, 0);
    while (peek(r) != '}') {
        celm_string key;
        gotmpl_value value;
        if (read_quoted(r, &key) != 0 || expect(r, ':') != 0 || read_value(r, &value) != 0)
            return fail(r, "bad map entry");
        if (type == GT_STRING_MAP && value.type != GT_STRING)
            return fail(r, "smap values are strings");
        gotmpl_map_set(r->runtime, out->as.map, key.data, key.len, value);
    }
    r->at++;
    return 0;
}

static int word_is(celm_string word, const char *text)
{
    return word.len == strlen(text) && memcmp(word.data, text, word.len) == 0;
}

/* int64(5), int32(5), uint8(5), uint32(5), uint64(5), float64(5), bytes("x"). */
static int read_conversion(literal_reader *r, celm_string kind, gotmpl_value *out)
{
    if (word_is(kind, "bytes")) {
        celm_string text;
        if (read_quoted(r, &text) != 0)
            return -1;
        *out = gotmpl_bytes(text.data, text.len);
        return expect(r, ')');
    }
    celm_string word = read_word(r);
    char number[64];
    snprintf(number, sizeof number, "%.*s", (int)word.len, word.data);
    if (expect(r, ')') != 0)
        return -1;
    if (word_is(kind, "float64"))
        *out = gotmpl_float(strtod(number, NULL));
    else if (word_is(kind, "uint64") || word_is(kind, "uint32"))
        *out = gotmpl_uint(word_is(kind, "uint64") ? GT_UINT64 : GT_UINT32, strtoull(number, NULL, 0));
    else if (word_is(kind, "int64") || word_is(kind, "int32") || word_is(kind, "uint8"))
        *out = gotmpl_int(word_is(kind, "int64") ? GT_INT64 : word_is(kind, "int32") ? GT_INT32 : GT_UINT8,
                          strtoll(number, NULL, 0));
    else
        return fail(r, "unknown conversion");
    return 0;
}

static int read_word_value(literal_reader *r, gotmpl_value *out)
{
    celm_string word = read_word(r);
    if (word.len == 0)
        return fail(r, "unexpected character");
    char next = r->at < r->len ? r->text[r->at] : '\0';
    if (next == '(' || next == '[' || next == '{') {
        r->at++;
        if (next == '(')
            return read_conversion(r, word, out);
        if (next == '{')
            return word_is(word, "smap") ? read_entries(r, GT_STRING_MAP, out) : fail(r, "unknown map kind");
        if (word_is(word, "strings") || word_is(word, "ints"))
            return read_items(r, word_is(word, "strings") ? GT_STRING_LIST : GT_INT_LIST, out);
        return fail(r, "unknown list kind");
    }
    char number[64];
    snprintf(number, sizeof number, "%.*s", (int)word.len, word.data);
    if (word_is(word, "nil"))
        *out = gotmpl_nil();
    else if (word_is(word, "true") || word_is(word, "false"))
        *out = gotmpl_bool(word_is(word, "true"));
    else if (strpbrk(number, ".eEIN") && strncmp(number, "0x", 2) != 0)
        *out = gotmpl_float(strtod(number, NULL));
    else
        *out = gotmpl_int(GT_INT, strtoll(number, NULL, 0));
    return 0;
}

static int read_value(literal_reader *r, gotmpl_value *out)
{
    switch (peek(r)) {
    case '"': case '`': {
        celm_string text;
        if (read_quoted(r, &text) != 0)
            return -1;
        *out = gotmpl_string(text.data, text.len);
        return 0;
    }
    case '[': r->at++; return read_items(r, GT_LIST, out);
    case '{': r->at++; return read_entries(r, GT_MAP, out);
    default: return read_word_value(r, out);
    }
}

/* --- the functions ----------------------------------------------------------------------------- */
const gotmpl_func *case_find_function(const char *name, size_t len)
{
    const gotmpl_func_table *tables[] = {
        &gotmpl_funcs_sprig_strings, &gotmpl_funcs_sprig_lists,   &gotmpl_funcs_sprig_dicts,
        &gotmpl_funcs_sprig_defaults, &gotmpl_funcs_sprig_convert, &gotmpl_funcs_sprig_math,
        &gotmpl_funcs_sprig_regex,   &gotmpl_funcs_sprig_paths,   &gotmpl_funcs_sprig_reflect,
        &gotmpl_funcs_sprig_encoding,
    };
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const gotmpl_func *f = tables[t]->functions; f->name; f++)
            if (strlen(f->name) == len && memcmp(f->name, name, len) == 0)
                return f;
    return NULL;
}

/* --- answers ----------------------------------------------------------------------------------- */
typedef struct answer_text {
    gotmpl_runtime *runtime;
    char *data;
    size_t len;
} answer_text;

static void put(answer_text *a, const char *format, ...)
{
    va_list args, copy;
    va_start(args, format);
    va_copy(copy, args);
    int needed = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    char *grown = alloc(a->runtime, a->len + (size_t)needed + 1);
    memcpy(grown, a->data, a->len);
    vsnprintf(grown + a->len, (size_t)needed + 1, format, args);
    va_end(args);
    a->data = grown;
    a->len += (size_t)needed;
}

static void put_quoted(answer_text *a, const char *text, size_t len)
{
    celm_gotmpl_sink measure = celm_gotmpl_sink_over(NULL, 0);
    celm_gotmpl_quote(&measure, text, len);
    char *quoted = alloc(a->runtime, measure.len + 1);
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(quoted, measure.len + 1);
    celm_gotmpl_quote(&sink, text, len);
    put(a, "%s", quoted);
}

/* gosprig's describe: %T, then %v quoted. */
static void put_value(answer_text *a, const gotmpl_value *value)
{
    celm_string text = {"", 0};
    gotmpl_fmt_value(a->runtime, value, &text);
    put(a, "%s ", gotmpl_type_name(value));
    put_quoted(a, text.data, text.len);
}

static int refuse(answer_text *a, celm_string *answer, const char *why)
{
    put(a, "!! %s", why);
    answer->data = a->data;
    answer->len = a->len;
    return -1;
}

/* The arguments must be what the declaration promises the implementation: gosprig checked they
 * fit Sprig's Go signature, so this checks the declaration against Go's too. */
static const char *signature_problem(const gotmpl_func *f, const gotmpl_value *args, size_t count)
{
    if (f->variadic ? count + 1 < f->param_count : count != f->param_count)
        return "argument count does not fit the declaration";
    for (size_t i = 0; i < count; i++) {
        size_t param = i < f->param_count ? i : (size_t)f->param_count - 1;
        uint8_t declared = f->params[param];
        if (declared != GT_ANY && args[i].type != declared)
            return "argument type does not fit the declaration";
    }
    return NULL;
}

int case_call(gotmpl_runtime *runtime, const char *line, celm_string *answer)
{
    answer_text a = {runtime, "", 0};
    size_t len = strlen(line);
    const char *marker = strstr(line, "| arg0");
    int show_arg0 = marker && marker[6] == '\0';
    literal_reader r = {runtime, line, 0, show_arg0 ? (size_t)(marker - line) : len, NULL};
    celm_string name = read_word(&r);
    const gotmpl_func *f = case_find_function(name.data, name.len);
    if (!f)
        return refuse(&a, answer, "no such function in sprig_a's tables");
    gotmpl_value args[MAX_ARGS];
    size_t count = 0;
    while (peek(&r) != '\0' && count < MAX_ARGS)
        if (read_value(&r, &args[count++]) != 0)
            return refuse(&a, answer, r.problem);
    const char *problem = signature_problem(f, args, count);
    if (problem)
        return refuse(&a, answer, problem);
    gotmpl_call call;
    gotmpl_value out = gotmpl_invalid();
    gotmpl_call_init(&call, runtime, NULL, f);
    if (f->impl(&call, args, count, &out) != 0) {
        if (!call.panicked && !f->returns_error)
            return refuse(&a, answer, "an error from a function declared without one");
        put(&a, "%s ", call.panicked ? "panic" : "error");
        put_quoted(&a, call.message.data, call.message.len);
    } else {
        if (f->result != GT_ANY && out.type != f->result)
            return refuse(&a, answer, "a result of another type than declared");
        put_value(&a, &out);
    }
    if (show_arg0) {
        put(&a, "\targ0 ");
        put_value(&a, &args[0]);
    }
    answer->data = a.data;
    answer->len = a.len;
    return 0;
}
