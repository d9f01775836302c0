/* unicode_tables.h: the Unicode classes go-yaml's key order needs (letters, decimal digits). */
#ifndef CELM_UNICODE_TABLES_H
#define CELM_UNICODE_TABLES_H

#include <stddef.h>
#include <stdint.h>

typedef struct celm_rune_range {
    uint32_t low;
    uint32_t high;
} celm_rune_range;

extern const celm_rune_range celm_unicode_letters[];
extern const size_t celm_unicode_letters_count;
extern const celm_rune_range celm_unicode_digits[];
extern const size_t celm_unicode_digits_count;

int celm_unicode_is_letter(uint32_t rune);
int celm_unicode_is_digit(uint32_t rune);
int celm_unicode_is_space(uint32_t rune);

#endif
