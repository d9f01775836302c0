/* gotmpl_text.h: bounded text output and Go's quoting rules (strconv.Quote, Unquote, fmt's %q and %#U). */
#ifndef CELM_GOTMPL_TEXT_H
#define CELM_GOTMPL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "celm/abi.h"

/* Writes into a caller-owned buffer, never past `capacity` (which keeps room for a final NUL), and
 * counts what a big enough buffer would have received in `len`. */
typedef struct celm_gotmpl_sink {
    char *data;
    size_t capacity;
    size_t len;
} celm_gotmpl_sink;

celm_gotmpl_sink celm_gotmpl_sink_over(char *buffer, size_t capacity);
void celm_gotmpl_sink_write(celm_gotmpl_sink *sink, const char *bytes, size_t len);
void celm_gotmpl_sink_puts(celm_gotmpl_sink *sink, const char *text);
void celm_gotmpl_sink_putc(celm_gotmpl_sink *sink, char c);
void celm_gotmpl_sink_printf(celm_gotmpl_sink *sink, const char *format, ...) CELM_PRINTF(2, 3);
/* The NUL-terminated text written so far (truncated to the capacity). */
const char *celm_gotmpl_sink_text(celm_gotmpl_sink *sink);

/* strconv.Quote: a double-quoted Go literal, escaping non-printable runes and invalid bytes. */
void celm_gotmpl_quote(celm_gotmpl_sink *sink, const char *text, size_t len);
/* fmt's %.Nq: the first `max_runes` runes of text, quoted. */
void celm_gotmpl_quote_prefix(celm_gotmpl_sink *sink, const char *text, size_t len, size_t max_runes);
/* fmt's %#U: "U+0041 'A'", the character shown only when printable. */
void celm_gotmpl_format_rune(celm_gotmpl_sink *sink, uint32_t rune);

/* strconv.UnquoteChar: decodes the first character or escape of text (quote is the enclosing
 * quote character). Returns 0 and sets *rune, *is_multibyte and *consumed, or -1 (syntax error). */
int celm_gotmpl_unquote_char(const char *text, size_t len, char quote, uint32_t *rune,
                             int *is_multibyte, size_t *consumed);
/* strconv.Unquote for "..." and `...` literals. The result either points into `literal` (no
 * change needed) or into `scratch`, which must hold 3 * len bytes (an invalid byte becomes U+FFFD).
 * Returns 0 or -1 (syntax error). */
int celm_gotmpl_unquote(const char *literal, size_t len, char *scratch, const char **out,
                        size_t *out_len);

#endif
