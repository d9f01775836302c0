/* strvals.h: the pieces the strvals files share (scanning, Go quoting, scalars, JSON values). */
#ifndef CELM_STRVALS_H
#define CELM_STRVALS_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "celm/celm.h"
#include "celm/values.h"
#include "unicode_tables.h"

/* Statuses of the scanning and parsing steps besides CELM_OK and the negative CELM_E* codes.
 * STRVALS_EOF is any error Go wraps around io.EOF: Helm's parse loop takes it as a normal end. */
#define STRVALS_EOF 1
#define STRVALS_NOT_LIST 2

/* The unread rest of one flag value. Runes are read as Go's bytes.Buffer.ReadRune reads them:
 * an invalid byte is U+FFFD of width 1. */
typedef struct strvals_scanner {
    const char *text;
    size_t len;
    size_t at;
} strvals_scanner;

/* --- strvals_scan.c ---------------------------------------------------------------------- */
/* Reads one rune into *rune and returns its width, or 0 at the end of the text. */
size_t celm_strvals_next_rune(strvals_scanner *scanner, uint32_t *rune);
/* Helm's runesUntil: reads runes into *token (UTF-8 in `arena`) until one of the ASCII runes in
 * `stops`, which is consumed and stored in *last. With `escapes` a backslash takes the next rune
 * literally. Returns CELM_OK, STRVALS_EOF (the token then holds what was read) or CELM_ENOMEM. */
int celm_strvals_read_until(celm_arena *arena, strvals_scanner *scanner, const char *stops,
                            int escapes, celm_string *token, uint32_t *last);
/* Helm's emptyVal: skips spaces; true (1) at the end or after a consumed comma, else 0 with the
 * first other rune left unread. */
int celm_strvals_skip_empty_value(strvals_scanner *scanner);
/* Go's unicode.IsSpace, and strings.TrimSpace as the byte range [*start, *start + *trimmed_len). */
int celm_strvals_is_space(uint32_t rune);
void celm_strvals_trim_space(const char *text, size_t len, size_t *start, size_t *trimmed_len);



/* --- strvals_scalar.c -------------------------------------------------------------------- */
/* Helm's typedVal for --set: true/false/null in any case, int64 for base-10 integers that do not
 * start with 0 (but "0" itself), else the text as a string. NULL when out of memory. */
celm_value *celm_strvals_typed_value(celm_arena *arena, const celm_string *text);
/* strconv.ParseInt(text, 10, 64). Returns 1 and sets *out when the text is such an integer. */
int celm_strvals_parse_int64(const char *text, size_t len, int64_t *out);
/* strconv.Atoi on a list index. On failure err holds Go's text (`strconv.Atoi: parsing "x":
 * invalid syntax`) and the result is CELM_EPARSE. */
int celm_strvals_atoi(const celm_string *text, int64_t *out, celm_error *err);

/* --- strvals_json.c ---------------------------------------------------------------------- */
/* Decodes the one JSON value at the start of text as Go's json.Decoder.Decode into an `any`
 * does (numbers float64, invalid UTF-8 and lone surrogates U+FFFD, depth at most 10000), and
 * sets *consumed to the length of its text. Failures give CELM_EPARSE with Go's message. */
int celm_strvals_json_decode(celm_arena *arena, const char *text, size_t len, celm_value **out,
                             size_t *consumed, celm_error *err);
/* Go's json.Unmarshal of the whole text into a map[string]any. */
int celm_strvals_json_object(celm_arena *arena, const char *text, size_t len, celm_value **out,
                             celm_error *err);

#endif
