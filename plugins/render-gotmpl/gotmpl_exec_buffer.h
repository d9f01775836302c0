/* gotmpl_exec_buffer.h: a growing text in the runtime's arena, for template output, fmt and errors. */
#ifndef CELM_GOTMPL_EXEC_BUFFER_H
#define CELM_GOTMPL_EXEC_BUFFER_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_value.h"

/* Bytes appended in the arena; an outgrown array is left to the arena (it dies with the render).
 * After an allocation failure every later write is dropped and gotmpl_buffer_finish reports it. */
typedef struct gotmpl_buffer {
    gotmpl_runtime *runtime;
    char *data;
    size_t len, capacity;
    int failed;
} gotmpl_buffer;

void gotmpl_buffer_init(gotmpl_buffer *buffer, gotmpl_runtime *runtime);
void gotmpl_buffer_put(gotmpl_buffer *buffer, const char *bytes, size_t len);
void gotmpl_buffer_puts(gotmpl_buffer *buffer, const char *text);
void gotmpl_buffer_putc(gotmpl_buffer *buffer, char c);
/* `count` copies of `c` (nothing when count <= 0), as fmt's padding. */
void gotmpl_buffer_fill(gotmpl_buffer *buffer, char c, long count);
void gotmpl_buffer_printf(gotmpl_buffer *buffer, const char *format, ...) CELM_PRINTF(2, 3);
/* The UTF-8 encoding of a rune (invalid runes as U+FFFD, as Go's utf8.AppendRune). */
void gotmpl_buffer_put_rune(gotmpl_buffer *buffer, uint32_t rune);
/* Drops everything after the first `len` bytes. */
void gotmpl_buffer_truncate(gotmpl_buffer *buffer, size_t len);
/* The text so far, NUL-terminated, in the arena (transfer none); CELM_ENOMEM after a failure. */
int gotmpl_buffer_finish(gotmpl_buffer *buffer, celm_string *out);

/* strconv.Quote / QuoteToASCII of text (a "quoted" Go literal) appended to the buffer. */
void gotmpl_buffer_quote(gotmpl_buffer *buffer, const char *text, size_t len, int ascii_only);
/* strconv.QuoteRune / QuoteRuneToASCII: a 'c' literal. */
void gotmpl_buffer_quote_rune(gotmpl_buffer *buffer, uint32_t rune, int ascii_only);

#endif
