/* gotmpl_unicode.h: UTF-8 decoding and the rune classes of Go's unicode package that templates need. */
#ifndef CELM_GOTMPL_UNICODE_H
#define CELM_GOTMPL_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#define CELM_GOTMPL_RUNE_ERROR 0xFFFD
#define CELM_GOTMPL_RUNE_MAX 0x10FFFF

typedef struct celm_gotmpl_rune_range {
    uint32_t low;
    uint32_t high;
} celm_gotmpl_rune_range;

typedef struct celm_gotmpl_rune_table {
    const celm_gotmpl_rune_range *ranges;
    size_t count;
} celm_gotmpl_rune_table;

extern const celm_gotmpl_rune_table celm_gotmpl_letter_table;
extern const celm_gotmpl_rune_table celm_gotmpl_digit_table;
extern const celm_gotmpl_rune_table celm_gotmpl_print_table;
extern const celm_gotmpl_rune_table celm_gotmpl_space_table;

/* Decodes the rune at text[0..len) like Go's utf8.DecodeRune: an invalid or truncated sequence
 * yields CELM_GOTMPL_RUNE_ERROR with width 1. `len` must be at least 1. Returns the rune and stores
 * its width in *width. */
uint32_t celm_gotmpl_utf8_decode(const char *text, size_t len, size_t *width);
/* The width of the rune that ends at text[len] (Go's utf8.DecodeLastRune); `len` must be >= 1. */
size_t celm_gotmpl_utf8_last_width(const char *text, size_t len);
/* Appends the UTF-8 encoding of `rune` to out (at least 4 bytes of room); invalid runes (surrogates,
 * beyond U+10FFFF) encode as U+FFFD like Go's utf8.AppendRune. Returns the bytes written. */
size_t celm_gotmpl_utf8_encode(uint32_t rune, char *out);
/* Whether text[0..len) is entirely valid UTF-8 (Go's utf8.ValidString). */
int celm_gotmpl_utf8_valid(const char *text, size_t len);

int celm_gotmpl_rune_is_letter(uint32_t rune);  /* unicode.IsLetter */
int celm_gotmpl_rune_is_digit(uint32_t rune);   /* unicode.IsDigit */
int celm_gotmpl_rune_is_print(uint32_t rune);   /* strconv.IsPrint */
int celm_gotmpl_rune_is_space(uint32_t rune);   /* unicode.IsSpace */

#endif
