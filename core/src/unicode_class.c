/* unicode_class.c: Go's unicode.IsLetter, unicode.IsDigit and unicode.IsSpace for single runes. */
#include "unicode_tables.h"

static int in_ranges(const celm_rune_range *ranges, size_t count, uint32_t rune)
{
    size_t low = 0, high = count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (rune < ranges[middle].low)
            high = middle;
        else if (rune > ranges[middle].high)
            low = middle + 1;
        else
            return 1;
    }
    return 0;
}

int celm_unicode_is_letter(uint32_t rune)
{
    if (rune < 0x80)
        return (rune | 0x20) >= 'a' && (rune | 0x20) <= 'z';
    return in_ranges(celm_unicode_letters, celm_unicode_letters_count, rune);
}

int celm_unicode_is_digit(uint32_t rune)
{
    if (rune < 0x80)
        return rune >= '0' && rune <= '9';
    return in_ranges(celm_unicode_digits, celm_unicode_digits_count, rune);
}

/* unicode.IsSpace: Latin-1 spaces plus the White_Space runes above it. */
int celm_unicode_is_space(uint32_t rune)
{
    switch (rune) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return 1;
    default:
        return rune >= 0x2000 && rune <= 0x200A;
    }
}
