/* strvals_json.c: one JSON value read exactly as Go's json.Decoder reads it, for --set-json. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "go_quote.h"
#include "strvals.h"
#include "utf8.h"

#define JSON_MAX_DEPTH 10000    /* Go's maxNestingDepth */

typedef struct json_frame {
    celm_value *container;      /* the list or map being filled */
    celm_string key;            /* for a map: the key of the value being read */
} json_frame;

typedef struct json_reader {
    celm_arena *arena;
    const unsigned char *text;
    size_t len;
    size_t at;
    json_frame *frames;
    size_t depth;
    size_t capacity;
    celm_error *err;
} json_reader;

/* Go's quoteChar: the byte as a rune (so 0xE9 is 'é'), quoted with single quotes. */
static void append_quoted_byte(celm_buffer *out, unsigned char byte)
{
    if (byte == '\'' || byte == '"') {
        celm_buffer_append_str(out, byte == '\'' ? "'\\''" : "'\"'");
        return;
    }
    char bytes[4];
    celm_buffer quoted;
    celm_buffer_init(&quoted);
    celm_go_quote(&quoted, bytes, (size_t)celm_utf8_encode(byte, bytes));
    celm_buffer_append_char(out, '\'');
    if (!quoted.failed)
        celm_buffer_append(out, quoted.data + 1, quoted.len - 2);
    celm_buffer_append_char(out, '\'');
    celm_buffer_free(&quoted);
}

/* Go's SyntaxError for the byte at the read position, or io.ErrUnexpectedEOF at the end. */
static int syntax_error(json_reader *r, const char *context)
{
    if (r->at >= r->len)
        return celm_error_set(r->err, CELM_EPARSE, "unexpected EOF");
    celm_buffer message;
    celm_buffer_init(&message);
    celm_buffer_append_str(&message, "invalid character ");
    append_quoted_byte(&message, r->text[r->at]);
    celm_buffer_append_char(&message, ' ');
    celm_buffer_append_str(&message, context);
    if (message.failed)
        celm_error_set(r->err, CELM_ENOMEM, "out of memory");
    else
        celm_error_set(r->err, CELM_EPARSE, "%.*s", (int)message.len, message.data);
    celm_buffer_free(&message);
    return r->err ? r->err->code : CELM_EPARSE;
}

static int out_of_memory(json_reader *r)
{
    return celm_error_set(r->err, CELM_ENOMEM, "out of memory reading JSON");
}

static void skip_spaces(json_reader *r)
{
    while (r->at < r->len && (r->text[r->at] == ' ' || r->text[r->at] == '\t' ||
                              r->text[r->at] == '\r' || r->text[r->at] == '\n'))
        r->at++;
}

static int peek_is(const json_reader *r, char c)
{
    return r->at < r->len && r->text[r->at] == (unsigned char)c;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Checks the string starting at the opening quote and returns the index of its closing quote. */
static int scan_string(json_reader *r, size_t *close)
{
    r->at++;
    for (;;) {
        if (r->at >= r->len)
            return syntax_error(r, "");
        unsigned char c = r->text[r->at];
        if (c == '"') {
            *close = r->at++;
            return CELM_OK;
        }
        if (c < 0x20)
            return syntax_error(r, "in string literal");
        r->at++;
        if (c != '\\')
            continue;
        if (r->at >= r->len)
            return syntax_error(r, "");
        if (!r->text[r->at] || !strchr("bfnrt\\/\"u", r->text[r->at]))
            return syntax_error(r, "in string escape code");
        if (r->text[r->at++] != 'u')
            continue;
        for (int i = 0; i < 4; i++, r->at++)
            if (r->at >= r->len || hex_value(r->text[r->at]) < 0)
                return syntax_error(r, "in \\u hexadecimal character escape");
    }
}

/* A \uXXXX escape at text[at] (already checked to be well formed when `at` is inside the string). */
static int32_t read_u4(const unsigned char *text, size_t at, size_t end)
{
    if (at + 6 > end || text[at] != '\\' || text[at + 1] != 'u')
        return -1;
    int32_t value = 0;
    for (size_t i = at + 2; i < at + 6; i++) {
        int digit = hex_value(text[i]);
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

static size_t unescape_u(const unsigned char *text, size_t at, size_t end, uint32_t *rune)
{
    int32_t first = read_u4(text, at, end);
    if (first < 0xD800 || first >= 0xE000) {
        *rune = (uint32_t)first;
        return 6;
    }
    int32_t second = read_u4(text, at + 6, end);
    if (first < 0xDC00 && second >= 0xDC00 && second < 0xE000) {
        *rune = 0x10000 + (((uint32_t)first - 0xD800) << 10) + ((uint32_t)second - 0xDC00);
        return 12;
    }
    *rune = CELM_RUNE_ERROR;
    return 6;
}

static char simple_escape(unsigned char c)
{
    switch (c) {
    case 'b': return '\b';
    case 'f': return '\f';
    case 'n': return '\n';
    case 'r': return '\r';
    case 't': return '\t';
    default: return (char)c;     /* \\ \/ \" */
    }
}

/* Go's unquote of text[start, end): escapes resolved, invalid UTF-8 and lone surrogates U+FFFD. */
static int unquote(json_reader *r, size_t start, size_t end, celm_string *out)
{
    celm_buffer buffer;
    celm_buffer_init(&buffer);
    for (size_t at = start; at < end;) {
        uint32_t rune;
        char bytes[4];
        if (r->text[at] == '\\' && r->text[at + 1] == 'u') {
            at += unescape_u(r->text, at, end, &rune);
            celm_buffer_append(&buffer, bytes, (size_t)celm_utf8_encode(rune, bytes));
        } else if (r->text[at] == '\\') {
            celm_buffer_append_char(&buffer, simple_escape(r->text[at + 1]));
            at += 2;
        } else {
            int width = celm_utf8_decode(r->text + at, end - at, &rune);
            celm_buffer_append(&buffer, bytes, (size_t)celm_utf8_encode(rune, bytes));
            at += (size_t)width;
        }
    }
    if (buffer.len == 0 && !buffer.failed) {
        out->data = "";
        out->len = 0;
        return CELM_OK;
    }
    return celm_buffer_finish(&buffer, r->arena, out) == CELM_OK ? CELM_OK : out_of_memory(r);
}

static int read_string(json_reader *r, celm_string *out)
{
    size_t start = r->at + 1, close = 0;
    int status = scan_string(r, &close);
    return status != CELM_OK ? status : unquote(r, start, close, out);
}

static void skip_digits(json_reader *r)
{
    while (r->at < r->len && r->text[r->at] >= '0' && r->text[r->at] <= '9')
        r->at++;
}

static int digit_follows(const json_reader *r)
{
    return r->at < r->len && r->text[r->at] >= '0' && r->text[r->at] <= '9';
}

/* The longest number Go's scanner accepts, converted as Go converts it into a float64. */
static int read_number(json_reader *r, celm_value **out)
{
    size_t start = r->at;
    if (peek_is(r, '-')) {
        r->at++;
        if (!digit_follows(r))
            return syntax_error(r, "in numeric literal");
    }
    if (peek_is(r, '0'))
        r->at++;
    else
        skip_digits(r);
    if (peek_is(r, '.')) {
        r->at++;
        if (!digit_follows(r))
            return syntax_error(r, "after decimal point in numeric literal");
        skip_digits(r);
    }
    if (peek_is(r, 'e') || peek_is(r, 'E')) {
        r->at++;
        if (peek_is(r, '+') || peek_is(r, '-'))
            r->at++;
        if (!digit_follows(r))
            return syntax_error(r, "in exponent of numeric literal");
        skip_digits(r);
    }
    char *number = celm_arena_strndup(r->arena, (const char *)r->text + start, r->at - start);
    if (!number)
        return out_of_memory(r);
    double real = strtod(number, NULL);
    if (isinf(real))
        return celm_error_set(r->err, CELM_EPARSE,
                              "json: cannot unmarshal number %s into Go value of type float64", number);
    *out = celm_value_float(r->arena, real);
    return *out ? CELM_OK : out_of_memory(r);
}

static int read_literal(json_reader *r, const char *word, celm_value *value, celm_value **out)
{
    r->at++;
    for (const char *expected = word + 1; *expected; expected++, r->at++) {
        if (!peek_is(r, *expected)) {
            char context[64];
            snprintf(context, sizeof context, "in literal %s (expecting '%c')", word, *expected);
            return syntax_error(r, context);
        }
    }
    *out = value;
    return value ? CELM_OK : out_of_memory(r);
}

static int read_scalar(json_reader *r, celm_value **out)
{
    celm_string text;
    int status;
    switch (r->at < r->len ? r->text[r->at] : 0) {
    case '"':
        if ((status = read_string(r, &text)) != CELM_OK)
            return status;
        *out = celm_value_string(r->arena, text.data, text.len);
        return *out ? CELM_OK : out_of_memory(r);
    case 't': return read_literal(r, "true", celm_value_bool(r->arena, 1), out);
    case 'f': return read_literal(r, "false", celm_value_bool(r->arena, 0), out);
    case 'n': return read_literal(r, "null", celm_value_null(r->arena), out);
    case '-': case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
    case '8': case '9':
        return read_number(r, out);
    default:
        return syntax_error(r, "looking for beginning of value");
    }
}

/* Reads `"key" :` inside an object, leaving the key in the top frame. */
static int read_key(json_reader *r)
{
    skip_spaces(r);
    if (!peek_is(r, '"'))
        return syntax_error(r, "looking for beginning of object key string");
    int status = read_string(r, &r->frames[r->depth - 1].key);
    if (status != CELM_OK)
        return status;
    skip_spaces(r);
    if (!peek_is(r, ':'))
        return syntax_error(r, "after object key");
    r->at++;
    return CELM_OK;
}

static int push_container(json_reader *r, celm_value *container)
{
    if (!container)
        return out_of_memory(r);
    if (r->depth == JSON_MAX_DEPTH)
        return syntax_error(r, "exceeded max depth");
    if (r->depth == r->capacity) {
        size_t capacity = r->capacity ? r->capacity * 2 : 16;
        json_frame *frames = realloc(r->frames, capacity * sizeof *frames);
        if (!frames)
            return out_of_memory(r);
        r->frames = frames;
        r->capacity = capacity;
    }
    r->frames[r->depth].container = container;
    r->frames[r->depth].key.data = "";
    r->frames[r->depth].key.len = 0;
    r->depth++;
    r->at++;
    return CELM_OK;
}

/* Opens `[` or `{`. Sets *value to the finished container when it is empty (`[]`, `{}`). */
static int open_container(json_reader *r, celm_value **value)
{
    int is_map = r->text[r->at] == '{';
    celm_value *container = is_map ? celm_value_map(r->arena, 0) : celm_value_list(r->arena, 0);
    int status = push_container(r, container);
    *value = NULL;
    if (status != CELM_OK)
        return status;
    skip_spaces(r);
    if (peek_is(r, is_map ? '}' : ']')) {
        r->at++;
        r->depth--;
        *value = container;
        return CELM_OK;
    }
    return is_map ? read_key(r) : CELM_OK;
}

static int attach(json_reader *r, celm_value *value)
{
    json_frame *top = &r->frames[r->depth - 1];
    int status = top->container->kind == CELM_VALUE_MAP
                     ? celm_map_set(r->arena, top->container, top->key.data, top->key.len, value)
                     : celm_list_append(r->arena, top->container, value);
    return status == CELM_OK ? CELM_OK : out_of_memory(r);
}

/* After a value inside a container: `,` (then *more is set) or the closing bracket, which
 * finishes the container into *value. */
static int after_value(json_reader *r, celm_value **value, int *more)
{
    json_frame *top = &r->frames[r->depth - 1];
    int is_map = top->container->kind == CELM_VALUE_MAP;
    skip_spaces(r);
    *more = 0;
    if (peek_is(r, ',')) {
        r->at++;
        *more = 1;
        return is_map ? read_key(r) : CELM_OK;
    }
    if (peek_is(r, is_map ? '}' : ']')) {
        r->at++;
        *value = top->container;
        r->depth--;
        return CELM_OK;
    }
    return syntax_error(r, is_map ? "after object key:value pair" : "after array element");
}

/* Reads values until the outermost one is complete; containers are kept on a frame stack so
 * deep nesting costs no C stack. */
static int decode_value(json_reader *r, celm_value **out)
{
    for (;;) {
        celm_value *value = NULL;
        int status, more = 0;
        skip_spaces(r);
        if (peek_is(r, '[') || peek_is(r, '{'))
            status = open_container(r, &value);
        else
            status = read_scalar(r, &value);
        if (status != CELM_OK)
            return status;
        while (value && !more) {
            if (r->depth == 0) {
                *out = value;
                return CELM_OK;
            }
            if ((status = attach(r, value)) != CELM_OK)
                return status;
            value = NULL;
            if ((status = after_value(r, &value, &more)) != CELM_OK)
                return status;
        }
    }
}

int celm_strvals_json_decode(celm_arena *arena, const char *text, size_t len, celm_value **out,
                             size_t *consumed, celm_error *err)
{
    json_reader r = {arena, (const unsigned char *)text, len, 0, NULL, 0, 0, err};
    int status = decode_value(&r, out);
    free(r.frames);
    *consumed = r.at;
    return status;
}

int celm_strvals_json_object(celm_arena *arena, const char *text, size_t len, celm_value **out,
                             celm_error *err)
{
    size_t consumed;
    int status = celm_strvals_json_decode(arena, text, len, out, &consumed, err);
    if (status != CELM_OK)
        return status;
    json_reader rest = {arena, (const unsigned char *)text, len, consumed, NULL, 0, 0, err};
    skip_spaces(&rest);
    if (rest.at < len)
        return syntax_error(&rest, "after top-level value");
    if ((*out)->kind != CELM_VALUE_MAP)
        return celm_error_set(err, CELM_EPARSE, "json: cannot unmarshal %s into Go value of type "
                              "map[string]interface {}", (*out)->kind == CELM_VALUE_LIST ? "array"
                              : (*out)->kind == CELM_VALUE_STRING ? "string"
                              : (*out)->kind == CELM_VALUE_FLOAT ? "number" : "bool");
    return CELM_OK;
}
