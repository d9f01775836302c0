/* buffer.h: a growable byte buffer for building output text inside libcelm. */
#ifndef CELM_BUFFER_H
#define CELM_BUFFER_H

#include <stddef.h>

#include "celm/celm.h"

/* Memory is malloc'd; `failed` sticks once an allocation fails so callers check once at the end. */
typedef struct celm_buffer {
    char *data;
    size_t len;
    size_t capacity;
    int failed;
} celm_buffer;

void celm_buffer_init(celm_buffer *buffer);
void celm_buffer_free(celm_buffer *buffer);
void celm_buffer_append(celm_buffer *buffer, const char *bytes, size_t len);
void celm_buffer_append_str(celm_buffer *buffer, const char *text);
void celm_buffer_append_char(celm_buffer *buffer, char c);
void celm_buffer_printf(celm_buffer *buffer, const char *format, ...) CELM_PRINTF(2, 3);
/* Copies the contents into `arena` as a celm_string and frees the buffer. */
int celm_buffer_finish(celm_buffer *buffer, celm_arena *arena, celm_string *out);

#endif
