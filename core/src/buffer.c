/* buffer.c: the growable byte buffer used by the writers (JSON, YAML, Go formatting). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"

void celm_buffer_init(celm_buffer *buffer)
{
    memset(buffer, 0, sizeof *buffer);
}

void celm_buffer_free(celm_buffer *buffer)
{
    free(buffer->data);
    celm_buffer_init(buffer);
}

static int buffer_reserve(celm_buffer *buffer, size_t extra)
{
    if (buffer->failed)
        return 0;
    if (buffer->len + extra + 1 <= buffer->capacity)
        return 1;
    size_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (capacity < buffer->len + extra + 1)
        capacity *= 2;
    char *data = realloc(buffer->data, capacity);
    if (!data) {
        buffer->failed = 1;
        return 0;
    }
    buffer->data = data;
    buffer->capacity = capacity;
    return 1;
}

void celm_buffer_append(celm_buffer *buffer, const char *bytes, size_t len)
{
    if (!buffer_reserve(buffer, len))
        return;
    if (len)
        memcpy(buffer->data + buffer->len, bytes, len);
    buffer->len += len;
    buffer->data[buffer->len] = '\0';
}

void celm_buffer_append_str(celm_buffer *buffer, const char *text)
{
    celm_buffer_append(buffer, text, strlen(text));
}

void celm_buffer_append_char(celm_buffer *buffer, char c)
{
    celm_buffer_append(buffer, &c, 1);
}

void celm_buffer_printf(celm_buffer *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int needed = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (needed < 0 || !buffer_reserve(buffer, (size_t)needed))
        return;
    va_start(args, format);
    vsnprintf(buffer->data + buffer->len, (size_t)needed + 1, format, args);
    va_end(args);
    buffer->len += (size_t)needed;
}

int celm_buffer_finish(celm_buffer *buffer, celm_arena *arena, celm_string *out)
{
    int failed = buffer->failed;
    char *copy = failed ? NULL : celm_arena_strndup(arena, buffer->data ? buffer->data : "", buffer->len);
    out->data = copy;
    out->len = copy ? buffer->len : 0;
    celm_buffer_free(buffer);
    return copy ? CELM_OK : CELM_ENOMEM;
}
