/* gotmpl_json_decode.c: Go's json.Unmarshal: its scanner's syntax errors, then decoding into
 * interface{} values (objects as maps, numbers as float64, strings with Go's UTF-8 repairs). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_json_decode.h"
#include "gotmpl_unicode.h"

#define MAX_NESTING_DEPTH 10000

typedef struct json_reader {
    gotmpl_runtime *runtime;
    const unsigned char *text;
    size_t len, at;
    int depth;
    const char *syntax_error;       /* the scanner's message, once it failed */
    celm_string first_error;        /* decoding's first saved error (numbers out of range) */
    int out_of_memory;
} json_reader;

/* --- the scanner's errors ------------------------------------------------------------------------- */
/* Go's quoteChar: the byte as a rune, in single quotes. */
static void put_quoted_char(gotmpl_buffer *buffer, unsigned char c)
{
    if (c == '\'') {
        gotmpl_buffer_puts(buffer, "'\\''");
        return;
    }
    if (c == '"') {
        gotmpl_buffer_puts(buffer, "'\"'");
        return;
    }
    gotmpl_buffer quoted;
    gotmpl_buffer_init(&quoted, buffer->runtime);
    char rune[4];
    size_t width = celm_gotmpl_utf8_encode(c, rune);
    gotmpl_buffer_quote(&quoted, rune, width, 0);
    celm_string text = {"\"\"", 2};
    gotmpl_buffer_finish(&quoted, &text);
    gotmpl_buffer_putc(buffer, '\'');
    gotmpl_buffer_put(buffer, text.data + 1, text.len - 2);
    gotmpl_buffer_putc(buffer, '\'');
}

/* A syntax error at the current byte. At the end of the input Go's scanner feeds a space: where a
 * space is allowed the input simply ended too soon, elsewhere the space itself is the culprit. */
static int fail(json_reader *r, const char *context, int space_allowed)
{
    if (r->syntax_error)
        return -1;
    int at_end = r->at >= r->len;
    if (at_end && space_allowed) {
        r->syntax_error = "unexpected end of JSON input";
        return -1;
    }
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, r->runtime);
    gotmpl_buffer_puts(&buffer, "invalid character ");
    put_quoted_char(&buffer, at_end ? ' ' : r->text[r->at]);
    gotmpl_buffer_putc(&buffer, ' ');
    gotmpl_buffer_puts(&buffer, context);
    celm_string message = {"out of memory", 13};
    gotmpl_buffer_finish(&buffer, &message);
    r->syntax_error = message.data;
    return -1;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void skip_space(json_reader *r)
{
    while (r->at < r->len && is_space(r->text[r->at]))
        r->at++;
}

static int peek(const json_reader *r)
{
    return r->at < r->len ? r->text[r->at] : -1;
}

/* --- values --------------------------------------------------------------------------------------- */
static int read_value(json_reader *r, gotmpl_value *out);

static int expect_literal(json_reader *r, const char *word, const char *name, gotmpl_value value, gotmpl_value *out)
{
    char context[64];
    for (size_t i = 1; word[i]; i++) {
        r->at++;
        if (peek(r) != word[i]) {
            snprintf(context, sizeof context, "in literal %s (expecting '%c')", name, word[i]);
            return fail(r, context, 0);
        }
    }
    r->at++;
    *out = value;
    return 0;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int read_number(json_reader *r, gotmpl_value *out)
{
    size_t start = r->at;
    if (peek(r) == '-') {
        r->at++;
        if (!is_digit(peek(r)))
            return fail(r, "in numeric literal", 0);
    }
    if (peek(r) == '0')
        r->at++;
    else
        while (is_digit(peek(r)))
            r->at++;
    if (peek(r) == '.') {
        r->at++;
        if (!is_digit(peek(r)))
            return fail(r, "after decimal point in numeric literal", 0);
        while (is_digit(peek(r)))
            r->at++;
    }
    if (peek(r) == 'e' || peek(r) == 'E') {
        r->at++;
        if (peek(r) == '+' || peek(r) == '-')
            r->at++;
        if (!is_digit(peek(r)))
            return fail(r, "in exponent of numeric literal", 0);
        while (is_digit(peek(r)))
            r->at++;
    }
    const celm_host *host = gotmpl_runtime_host(r->runtime);
    char *literal = host->arena_strndup(gotmpl_runtime_arena(r->runtime), (const char *)r->text + start, r->at - start);
    if (!literal) {
        r->out_of_memory = 1;
        return -1;
    }
    double real = strtod(literal, NULL);
    if (isinf(real)) {
        /* encoding/json saves the error, stores nil and decodes on. */
        if (!r->first_error.data) {
            gotmpl_buffer buffer;
            gotmpl_buffer_init(&buffer, r->runtime);
            gotmpl_buffer_printf(&buffer, "json: cannot unmarshal number %s into Go value of type float64", literal);
            gotmpl_buffer_finish(&buffer, &r->first_error);
        }
        *out = gotmpl_nil();
        return 0;
    }
    *out = gotmpl_float(real);
    return 0;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_hex4(json_reader *r, uint32_t *out)
{
    uint32_t value = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_value(peek(r));
        if (digit < 0)
            return fail(r, "in \\u hexadecimal character escape", 0);
        value = value << 4 | (uint32_t)digit;
        r->at++;
    }
    *out = value;
    return 0;
}

/* \uXXXX, joining a surrogate pair when a second escape completes it (Go's unquote). */
static int read_unicode_escape(json_reader *r, gotmpl_buffer *buffer)
{
    uint32_t rune;
    if (read_hex4(r, &rune) != 0)
        return -1;
    if (rune >= 0xD800 && rune < 0xDC00 && r->at + 1 < r->len && r->text[r->at] == '\\' && r->text[r->at + 1] == 'u') {
        size_t saved = r->at;
        uint32_t low;
        r->at += 2;
        if (read_hex4(r, &low) != 0)
            return -1;
        if (low >= 0xDC00 && low < 0xE000) {
            gotmpl_buffer_put_rune(buffer, 0x10000 + ((rune - 0xD800) << 10) + (low - 0xDC00));
            return 0;
        }
        r->at = saved;
    }
    gotmpl_buffer_put_rune(buffer, rune >= 0xD800 && rune < 0xE000 ? CELM_GOTMPL_RUNE_ERROR : rune);
    return 0;
}

static int read_escape(json_reader *r, gotmpl_buffer *buffer)
{
    static const char from[] = "bfnrt\\/\"", to[] = "\b\f\n\r\t\\/\"";
    int c = peek(r);
    const char *at = c > 0 ? strchr(from, c) : NULL;
    if (at && *at) {
        gotmpl_buffer_putc(buffer, to[at - from]);
        r->at++;
        return 0;
    }
    if (c != 'u')
        return fail(r, "in string escape code", 0);
    r->at++;
    return read_unicode_escape(r, buffer);
}

static int read_string(json_reader *r, celm_string *out)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, r->runtime);
    r->at++;
    for (;;) {
        int c = peek(r);
        if (c < 0)
            return fail(r, "in string literal", 1);
        if (c == '"')
            break;
        if (c == '\\') {
            r->at++;
            if (read_escape(r, &buffer) != 0)
                return -1;
            continue;
        }
        if (c < 0x20)
            return fail(r, "in string literal", 0);
        size_t width = 1;
        uint32_t rune = c < 0x80 ? (uint32_t)c
                                 : celm_gotmpl_utf8_decode((const char *)r->text + r->at, r->len - r->at, &width);
        if (rune == CELM_GOTMPL_RUNE_ERROR && width == 1)
            gotmpl_buffer_put_rune(&buffer, CELM_GOTMPL_RUNE_ERROR);
        else
            gotmpl_buffer_put(&buffer, (const char *)r->text + r->at, width);
        r->at += width;
    }
    r->at++;
    out->data = "";
    out->len = 0;
    if (gotmpl_buffer_finish(&buffer, out) != CELM_OK) {
        r->out_of_memory = 1;
        return -1;
    }
    return 0;
}

static int enter(json_reader *r)
{
    if (++r->depth > MAX_NESTING_DEPTH)
        return fail(r, "exceeded max depth", 0);
    r->at++;
    return 0;
}

static int read_object(json_reader *r, gotmpl_value *out)
{
    if (enter(r) != 0)
        return -1;
    *out = gotmpl_map_new(r->runtime, GT_MAP, 0);
    skip_space(r);
    if (peek(r) == '}') {
        r->at++;
        r->depth--;
        return 0;
    }
    for (;;) {
        skip_space(r);
        if (peek(r) != '"')
            return fail(r, "looking for beginning of object key string", 1);
        celm_string key;
        gotmpl_value item;
        if (read_string(r, &key) != 0)
            return -1;
        skip_space(r);
        if (peek(r) != ':')
            return fail(r, "after object key", 1);
        r->at++;
        if (read_value(r, &item) != 0)
            return -1;
        if (gotmpl_map_set(r->runtime, out->as.map, key.data, key.len, item) != CELM_OK) {
            r->out_of_memory = 1;
            return -1;
        }
        skip_space(r);
        if (peek(r) == '}')
            break;
        if (peek(r) != ',')
            return fail(r, "after object key:value pair", 1);
        r->at++;
    }
    r->at++;
    r->depth--;
    return 0;
}

static int read_array(json_reader *r, gotmpl_value *out)
{
    if (enter(r) != 0)
        return -1;
    *out = gotmpl_list_new(r->runtime, GT_LIST, 0);
    skip_space(r);
    if (peek(r) == ']') {
        r->at++;
        r->depth--;
        return 0;
    }
    for (;;) {
        gotmpl_value item;
        if (read_value(r, &item) != 0)
            return -1;
        if (gotmpl_list_append(r->runtime, out->as.list, item) != CELM_OK) {
            r->out_of_memory = 1;
            return -1;
        }
        skip_space(r);
        if (peek(r) == ']')
            break;
        if (peek(r) != ',')
            return fail(r, "after array element", 1);
        r->at++;
    }
    r->at++;
    r->depth--;
    return 0;
}

static int read_value(json_reader *r, gotmpl_value *out)
{
    skip_space(r);
    celm_string text;
    switch (peek(r)) {
    case '{': return read_object(r, out);
    case '[': return read_array(r, out);
    case '"':
        if (read_string(r, &text) != 0)
            return -1;
        *out = gotmpl_string(text.data, text.len);
        return 0;
    case 't': return expect_literal(r, "true", "true", gotmpl_bool(1), out);
    case 'f': return expect_literal(r, "false", "false", gotmpl_bool(0), out);
    case 'n': return expect_literal(r, "null", "null", gotmpl_nil(), out);
    default:
        if (peek(r) == '-' || is_digit(peek(r)))
            return read_number(r, out);
        return fail(r, "looking for beginning of value", 1);
    }
}

/* --- the target's type ------------------------------------------------------------------------------- */
static const char *json_kind(const gotmpl_value *value)
{
    switch (value->type) {
    case GT_MAP: return "object";
    case GT_LIST: return "array";
    case GT_STRING: return "string";
    case GT_BOOL: return "bool";
    default: return "number";
    }
}

static int type_error(gotmpl_runtime *runtime, const char *kind, const char *type, celm_string *error_text)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_printf(&buffer, "json: cannot unmarshal %s into Go value of type %s", kind, type);
    gotmpl_buffer_finish(&buffer, error_text);
    return CELM_EINVAL;
}

static gotmpl_value empty_target(gotmpl_runtime *runtime, gotmpl_json_target target)
{
    if (target == GOTMPL_JSON_MAP)
        return gotmpl_map_new(runtime, GT_MAP, 0);
    if (target == GOTMPL_JSON_LIST)
        return gotmpl_list_new(runtime, GT_LIST, 0);
    return gotmpl_nil();
}

int gotmpl_json_decode(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_json_target target,
                       gotmpl_value *out, celm_string *error_text)
{
    json_reader r;
    memset(&r, 0, sizeof r);
    r.runtime = runtime;
    r.text = (const unsigned char *)text;
    r.len = len;
    gotmpl_value value = gotmpl_nil();
    *out = empty_target(runtime, target);
    if (read_value(&r, &value) == 0) {
        skip_space(&r);
        if (r.at < r.len)
            fail(&r, "after top-level value", 0);
    }
    if (r.out_of_memory)
        return CELM_ENOMEM;
    if (r.syntax_error) {
        error_text->data = r.syntax_error;
        error_text->len = strlen(r.syntax_error);
        return CELM_EINVAL;
    }
    /* null leaves a map or list target as it was; other mismatches are type errors. */
    if (target == GOTMPL_JSON_MAP && value.type != GT_MAP && value.type != GT_NIL)
        return type_error(runtime, json_kind(&value), "map[string]interface {}", error_text);
    if (target == GOTMPL_JSON_LIST && value.type != GT_LIST && value.type != GT_NIL)
        return type_error(runtime, json_kind(&value), "[]interface {}", error_text);
    if (value.type != GT_NIL || target == GOTMPL_JSON_ANY)
        *out = value;
    if (r.first_error.data) {
        *error_text = r.first_error;
        return CELM_EINVAL;
    }
    return CELM_OK;
}
