/* gotmpl_exec_buffer.c: a growing arena text, and Go's strconv quoting into it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_unicode.h"

static const char lower_hex[] = "0123456789abcdef";

void gotmpl_buffer_init(gotmpl_buffer *buffer, gotmpl_runtime *runtime)
{
    memset(buffer, 0, sizeof *buffer);
    buffer->runtime = runtime;
}

static int reserve(gotmpl_buffer *buffer, size_t more)
{
    if (buffer->failed)
        return 0;
    if (more > SIZE_MAX / 4 - buffer->len) {
        buffer->failed = 1;
        return 0;
    }
    if (buffer->len + more + 1 <= buffer->capacity)
        return 1;
    size_t capacity = buffer->capacity ? buffer->capacity * 2 : 128;
    while (capacity < buffer->len + more + 1)
        capacity *= 2;
    const celm_host *host = gotmpl_runtime_host(buffer->runtime);
    char *grown = host->arena_alloc(gotmpl_runtime_arena(buffer->runtime), capacity);
    if (!grown) {
        buffer->failed = 1;
        return 0;
    }
    if (buffer->len)
        memcpy(grown, buffer->data, buffer->len);
    buffer->data = grown;
    buffer->capacity = capacity;
    return 1;
}

void gotmpl_buffer_put(gotmpl_buffer *buffer, const char *bytes, size_t len)
{
    if (!len || !reserve(buffer, len))
        return;
    memcpy(buffer->data + buffer->len, bytes, len);
    buffer->len += len;
    buffer->data[buffer->len] = '\0';
}

void gotmpl_buffer_puts(gotmpl_buffer *buffer, const char *text)
{
    gotmpl_buffer_put(buffer, text, strlen(text));
}

void gotmpl_buffer_putc(gotmpl_buffer *buffer, char c)
{
    gotmpl_buffer_put(buffer, &c, 1);
}

void gotmpl_buffer_fill(gotmpl_buffer *buffer, char c, long count)
{
    if (count <= 0 || !reserve(buffer, (size_t)count))
        return;
    memset(buffer->data + buffer->len, c, (size_t)count);
    buffer->len += (size_t)count;
    buffer->data[buffer->len] = '\0';
}

void gotmpl_buffer_printf(gotmpl_buffer *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int needed = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (needed <= 0 || !reserve(buffer, (size_t)needed))
        return;
    va_start(args, format);
    vsnprintf(buffer->data + buffer->len, (size_t)needed + 1, format, args);
    va_end(args);
    buffer->len += (size_t)needed;
}

void gotmpl_buffer_put_rune(gotmpl_buffer *buffer, uint32_t rune)
{
    char encoded[4];
    gotmpl_buffer_put(buffer, encoded, celm_gotmpl_utf8_encode(rune, encoded));
}

void gotmpl_buffer_truncate(gotmpl_buffer *buffer, size_t len)
{
    if (len < buffer->len) {
        buffer->len = len;
        buffer->data[len] = '\0';
    }
}

int gotmpl_buffer_finish(gotmpl_buffer *buffer, celm_string *out)
{
    if (buffer->failed)
        return CELM_ENOMEM;
    out->data = buffer->data ? buffer->data : "";
    out->len = buffer->len;
    return CELM_OK;
}

/* --- quoting ----------------------------------------------------------------------------------- */
static void put_hex_escape(gotmpl_buffer *buffer, char kind, uint32_t value, int digits)
{
    char text[10] = {'\\', kind};
    for (int i = 0; i < digits; i++)
        text[2 + i] = lower_hex[(value >> (4 * (digits - 1 - i))) & 0xF];
    gotmpl_buffer_put(buffer, text, (size_t)digits + 2);
}

/* strconv's escaping of one valid rune inside `quote` characters. */
static void put_escaped_rune(gotmpl_buffer *buffer, uint32_t rune, char quote, int ascii_only)
{
    static const char named[] = "\aa\bb\ff\nn\rr\tt\vv";
    if (rune == (uint32_t)quote || rune == '\\') {
        char text[2] = {'\\', (char)rune};
        gotmpl_buffer_put(buffer, text, 2);
        return;
    }
    if (ascii_only ? rune < 0x80 && celm_gotmpl_rune_is_print(rune) : celm_gotmpl_rune_is_print(rune)) {
        gotmpl_buffer_put_rune(buffer, rune);
        return;
    }
    for (size_t i = 0; rune < 0x80 && named[i]; i += 2) {
        if ((uint32_t)(unsigned char)named[i] == rune) {
            char text[2] = {'\\', named[i + 1]};
            gotmpl_buffer_put(buffer, text, 2);
            return;
        }
    }
    if (rune < ' ' || rune == 0x7F)
        put_hex_escape(buffer, 'x', rune, 2);
    else if (rune > CELM_GOTMPL_RUNE_MAX || (rune >= 0xD800 && rune <= 0xDFFF))
        put_hex_escape(buffer, 'u', CELM_GOTMPL_RUNE_ERROR, 4);
    else if (rune < 0x10000)
        put_hex_escape(buffer, 'u', rune, 4);
    else
        put_hex_escape(buffer, 'U', rune, 8);
}

void gotmpl_buffer_quote(gotmpl_buffer *buffer, const char *text, size_t len, int ascii_only)
{
    gotmpl_buffer_putc(buffer, '"');
    for (size_t i = 0; i < len;) {
        size_t width = 1;
        uint32_t rune = (unsigned char)text[i];
        if (rune >= 0x80)
            rune = celm_gotmpl_utf8_decode(text + i, len - i, &width);
        if (rune == CELM_GOTMPL_RUNE_ERROR && width == 1)
            put_hex_escape(buffer, 'x', (unsigned char)text[i], 2);
        else
            put_escaped_rune(buffer, rune, '"', ascii_only);
        i += width;
    }
    gotmpl_buffer_putc(buffer, '"');
}

void gotmpl_buffer_quote_rune(gotmpl_buffer *buffer, uint32_t rune, int ascii_only)
{
    if (rune > CELM_GOTMPL_RUNE_MAX || (rune >= 0xD800 && rune <= 0xDFFF))
        rune = CELM_GOTMPL_RUNE_ERROR;
    gotmpl_buffer_putc(buffer, '\'');
    put_escaped_rune(buffer, rune, '\'', ascii_only);
    gotmpl_buffer_putc(buffer, '\'');
}
