/* gotmpl_text.c: bounded text output and Go's quoting rules (strconv.Quote, Unquote, fmt's %q and %#U). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_text.h"
#include "gotmpl_unicode.h"

static const char lower_hex[] = "0123456789abcdef";

celm_gotmpl_sink celm_gotmpl_sink_over(char *buffer, size_t capacity)
{
    celm_gotmpl_sink sink = {buffer, capacity, 0};
    if (capacity)
        buffer[0] = '\0';
    return sink;
}

void celm_gotmpl_sink_write(celm_gotmpl_sink *sink, const char *bytes, size_t len)
{
    if (sink->len + 1 < sink->capacity) {
        size_t room = sink->capacity - 1 - sink->len;
        size_t n = len < room ? len : room;
        memcpy(sink->data + sink->len, bytes, n);
        sink->data[sink->len + n] = '\0';
    }
    sink->len += len;
}

void celm_gotmpl_sink_puts(celm_gotmpl_sink *sink, const char *text)
{
    celm_gotmpl_sink_write(sink, text, strlen(text));
}

void celm_gotmpl_sink_putc(celm_gotmpl_sink *sink, char c)
{
    celm_gotmpl_sink_write(sink, &c, 1);
}

void celm_gotmpl_sink_printf(celm_gotmpl_sink *sink, const char *format, ...)
{
    char small[256];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(small, sizeof small, format, args);
    va_end(args);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        celm_gotmpl_sink_write(sink, small, (size_t)n);
        return;
    }
    /* Longer than the scratch buffer: format straight into the sink's remaining room. */
    size_t room = sink->len + 1 < sink->capacity ? sink->capacity - sink->len : 0;
    if (room) {
        va_start(args, format);
        vsnprintf(sink->data + sink->len, room, format, args);
        va_end(args);
    }
    sink->len += (size_t)n;
}

const char *celm_gotmpl_sink_text(celm_gotmpl_sink *sink)
{
    return sink->capacity ? sink->data : "";
}

static void write_hex_escape(celm_gotmpl_sink *sink, char kind, uint32_t value, int digits)
{
    char out[10];
    out[0] = '\\';
    out[1] = kind;
    for (int i = 0; i < digits; i++)
        out[2 + i] = lower_hex[(value >> (4 * (digits - 1 - i))) & 0xF];
    celm_gotmpl_sink_write(sink, out, (size_t)(2 + digits));
}

/* strconv's appendEscapedRune for a valid rune inside double quotes. */
static void write_escaped_rune(celm_gotmpl_sink *sink, uint32_t rune)
{
    static const char named[] = "\aa\bb\ff\nn\rr\tt\vv";
    if (rune == '"' || rune == '\\') {
        char out[2] = {'\\', (char)rune};
        celm_gotmpl_sink_write(sink, out, 2);
        return;
    }
    if (celm_gotmpl_rune_is_print(rune)) {
        char out[4];
        celm_gotmpl_sink_write(sink, out, celm_gotmpl_utf8_encode(rune, out));
        return;
    }
    for (size_t i = 0; rune < 0x80 && named[i]; i += 2) {
        if ((uint32_t)(unsigned char)named[i] == rune) {
            char out[2] = {'\\', named[i + 1]};
            celm_gotmpl_sink_write(sink, out, 2);
            return;
        }
    }
    if (rune < ' ' || rune == 0x7F)
        write_hex_escape(sink, 'x', rune, 2);
    else if (rune < 0x10000)
        write_hex_escape(sink, 'u', rune, 4);
    else
        write_hex_escape(sink, 'U', rune, 8);
}

void celm_gotmpl_quote(celm_gotmpl_sink *sink, const char *text, size_t len)
{
    celm_gotmpl_sink_putc(sink, '"');
    for (size_t i = 0; i < len;) {
        size_t width;
        uint32_t rune = celm_gotmpl_utf8_decode(text + i, len - i, &width);
        if (rune == CELM_GOTMPL_RUNE_ERROR && width == 1)
            write_hex_escape(sink, 'x', (unsigned char)text[i], 2);
        else
            write_escaped_rune(sink, rune);
        i += width;
    }
    celm_gotmpl_sink_putc(sink, '"');
}

void celm_gotmpl_quote_prefix(celm_gotmpl_sink *sink, const char *text, size_t len, size_t max_runes)
{
    size_t end = 0;
    for (size_t runes = 0; end < len && runes < max_runes; runes++) {
        size_t width;
        celm_gotmpl_utf8_decode(text + end, len - end, &width);
        end += width;
    }
    celm_gotmpl_quote(sink, text, end);
}

void celm_gotmpl_format_rune(celm_gotmpl_sink *sink, uint32_t rune)
{
    celm_gotmpl_sink_printf(sink, "U+%04X", (unsigned)rune);
    if (celm_gotmpl_rune_is_print(rune)) {
        char out[4];
        celm_gotmpl_sink_puts(sink, " '");
        celm_gotmpl_sink_write(sink, out, celm_gotmpl_utf8_encode(rune, out));
        celm_gotmpl_sink_putc(sink, '\'');
    }
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        return (c | 0x20) - 'a' + 10;
    return -1;
}

/* \x, \u and \U: exactly `digits` hex digits; \u and \U must name a valid rune. */
static int unquote_hex(const char *text, size_t len, int digits, uint32_t *rune)
{
    if (len < (size_t)digits)
        return -1;
    uint32_t value = 0;
    for (int i = 0; i < digits; i++) {
        int digit = hex_value(text[i]);
        if (digit < 0)
            return -1;
        value = (value << 4) | (uint32_t)digit;
    }
    if (digits > 2 && (value > CELM_GOTMPL_RUNE_MAX || (value >= 0xD800 && value <= 0xDFFF)))
        return -1;
    *rune = value;
    return 0;
}

/* The escape after a backslash; text starts at the character that follows it. */
static int unquote_escape(const char *text, size_t len, char quote, uint32_t *rune,
                          int *is_multibyte, size_t *consumed)
{
    static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\";
    char c = text[0];
    for (size_t i = 0; simple[i]; i += 2) {
        if (simple[i] == c) {
            *rune = (unsigned char)simple[i + 1];
            *consumed = 1;
            return 0;
        }
    }
    if (c == 'x' || c == 'u' || c == 'U') {
        int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
        if (unquote_hex(text + 1, len - 1, digits, rune) < 0)
            return -1;
        *is_multibyte = c != 'x';
        *consumed = 1 + (size_t)digits;
        return 0;
    }
    if (c >= '0' && c <= '7') {
        if (len < 3 || text[1] < '0' || text[1] > '7' || text[2] < '0' || text[2] > '7')
            return -1;
        uint32_t value = (uint32_t)((c - '0') << 6 | (text[1] - '0') << 3 | (text[2] - '0'));
        if (value > 255)
            return -1;
        *rune = value;
        *consumed = 3;
        return 0;
    }
    if ((c == '\'' || c == '"') && c == quote) {
        *rune = (unsigned char)c;
        *consumed = 1;
        return 0;
    }
    return -1;
}

int celm_gotmpl_unquote_char(const char *text, size_t len, char quote, uint32_t *rune,
                             int *is_multibyte, size_t *consumed)
{
    *is_multibyte = 0;
    if (len == 0)
        return -1;
    unsigned char c = (unsigned char)text[0];
    if (c == (unsigned char)quote && (quote == '\'' || quote == '"'))
        return -1;
    if (c >= 0x80) {
        *rune = celm_gotmpl_utf8_decode(text, len, consumed);
        *is_multibyte = 1;
        return 0;
    }
    if (c != '\\') {
        *rune = c;
        *consumed = 1;
        return 0;
    }
    if (len <= 1)
        return -1;
    if (unquote_escape(text + 1, len - 1, quote, rune, is_multibyte, consumed) < 0)
        return -1;
    *consumed += 1;
    return 0;
}

static int unquote_raw(const char *literal, size_t len, char *scratch, const char **out,
                       size_t *out_len)
{
    const char *body = literal + 1;
    size_t body_len = len - 2;
    if (memchr(body, '`', body_len))
        return -1;
    if (!memchr(body, '\r', body_len)) {
        *out = body;
        *out_len = body_len;
        return 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < body_len; i++)
        if (body[i] != '\r')
            scratch[n++] = body[i];
    *out = scratch;
    *out_len = n;
    return 0;
}

/* A double-quoted literal that needs decoding: escapes, or bytes that are not UTF-8. */
static int unquote_escaped(const char *body, size_t body_len, char *scratch, size_t *out_len)
{
    size_t n = 0;
    for (size_t i = 0; i < body_len;) {
        uint32_t rune;
        int is_multibyte;
        size_t consumed;
        if (body[i] == '\n' ||
            celm_gotmpl_unquote_char(body + i, body_len - i, '"', &rune, &is_multibyte, &consumed) < 0)
            return -1;
        i += consumed;
        if (rune < 0x80 || !is_multibyte)
            scratch[n++] = (char)rune;
        else
            n += celm_gotmpl_utf8_encode(rune, scratch + n);
    }
    *out_len = n;
    return 0;
}

int celm_gotmpl_unquote(const char *literal, size_t len, char *scratch, const char **out,
                        size_t *out_len)
{
    if (len < 2 || literal[len - 1] != literal[0])
        return -1;
    if (literal[0] == '`')
        return unquote_raw(literal, len, scratch, out, out_len);
    if (literal[0] != '"')
        return -1;
    const char *body = literal + 1;
    size_t body_len = len - 2;
    /* The body may not hold an unescaped quote: Go stops at the first one. */
    for (size_t i = 0; i < body_len; i++) {
        if (body[i] == '\\')
            i++;
        else if (body[i] == '"')
            return -1;
    }
    if (!memchr(body, '\\', body_len) && !memchr(body, '\n', body_len) &&
        celm_gotmpl_utf8_valid(body, body_len)) {
        *out = body;
        *out_len = body_len;
        return 0;
    }
    *out = scratch;
    return unquote_escaped(body, body_len, scratch, out_len);
}
