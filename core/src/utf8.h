/* utf8.h: decoding UTF-8 the way Go does (an invalid byte is U+FFFD of width 1). */
#ifndef CELM_UTF8_H
#define CELM_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define CELM_RUNE_ERROR 0xFFFD

/* Decodes the rune at text[0..len) into *rune and returns its width (1..4); an invalid or
 * truncated sequence gives CELM_RUNE_ERROR with width 1. len must be > 0. */
int celm_utf8_decode(const unsigned char *text, size_t len, uint32_t *rune);
/* Writes rune as UTF-8 into out (4 bytes room) and returns the width. */
int celm_utf8_encode(uint32_t rune, char *out);
int celm_utf8_valid(const char *text, size_t len);
/* Appends text to buffer with every invalid byte replaced by U+FFFD, as Go's JSON encoder does. */
struct celm_buffer;
void celm_utf8_append_sanitized(struct celm_buffer *buffer, const char *text, size_t len);

#endif
