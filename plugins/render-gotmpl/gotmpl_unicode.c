/* gotmpl_unicode.c: UTF-8 decoding with Go's error rules, and rune class lookups in the generated tables. */
#include "gotmpl_unicode.h"

/* Valid second bytes depend on the first byte (no overlongs, no surrogates, nothing past U+10FFFF). */
static int second_byte_ok(unsigned char first, unsigned char second)
{
    if (first == 0xE0)
        return second >= 0xA0 && second <= 0xBF;
    if (first == 0xED)
        return second >= 0x80 && second <= 0x9F;
    if (first == 0xF0)
        return second >= 0x90 && second <= 0xBF;
    if (first == 0xF4)
        return second >= 0x80 && second <= 0x8F;
    return second >= 0x80 && second <= 0xBF;
}

static size_t sequence_length(unsigned char first)
{
    if (first >= 0xC2 && first <= 0xDF)
        return 2;
    if (first >= 0xE0 && first <= 0xEF)
        return 3;
    if (first >= 0xF0 && first <= 0xF4)
        return 4;
    return 0;
}

uint32_t celm_gotmpl_utf8_decode(const char *text, size_t len, size_t *width)
{
    const unsigned char *bytes = (const unsigned char *)text;
    *width = 1;
    if (bytes[0] < 0x80)
        return bytes[0];
    size_t need = sequence_length(bytes[0]);
    if (need == 0 || len < need || !second_byte_ok(bytes[0], bytes[1]))
        return CELM_GOTMPL_RUNE_ERROR;
    uint32_t rune = bytes[0] & (0xFF >> (need + 1));
    rune = (rune << 6) | (bytes[1] & 0x3F);
    for (size_t i = 2; i < need; i++) {
        if ((bytes[i] & 0xC0) != 0x80)
            return CELM_GOTMPL_RUNE_ERROR;
        rune = (rune << 6) | (bytes[i] & 0x3F);
    }
    *width = need;
    return rune;
}

size_t celm_gotmpl_utf8_last_width(const char *text, size_t len)
{
    size_t start = len - 1;
    size_t limit = len >= 4 ? len - 4 : 0;
    while (start > limit && ((unsigned char)text[start] & 0xC0) == 0x80)
        start--;
    size_t width;
    celm_gotmpl_utf8_decode(text + start, len - start, &width);
    return start + width == len ? width : 1;
}

size_t celm_gotmpl_utf8_encode(uint32_t rune, char *out)
{
    unsigned char *bytes = (unsigned char *)out;
    if (rune < 0x80) {
        bytes[0] = (unsigned char)rune;
        return 1;
    }
    if (rune < 0x800) {
        bytes[0] = (unsigned char)(0xC0 | (rune >> 6));
        bytes[1] = (unsigned char)(0x80 | (rune & 0x3F));
        return 2;
    }
    if ((rune >= 0xD800 && rune <= 0xDFFF) || rune > CELM_GOTMPL_RUNE_MAX)
        rune = CELM_GOTMPL_RUNE_ERROR;
    if (rune < 0x10000) {
        bytes[0] = (unsigned char)(0xE0 | (rune >> 12));
        bytes[1] = (unsigned char)(0x80 | ((rune >> 6) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | (rune & 0x3F));
        return 3;
    }
    bytes[0] = (unsigned char)(0xF0 | (rune >> 18));
    bytes[1] = (unsigned char)(0x80 | ((rune >> 12) & 0x3F));
    bytes[2] = (unsigned char)(0x80 | ((rune >> 6) & 0x3F));
    bytes[3] = (unsigned char)(0x80 | (rune & 0x3F));
    return 4;
}

int celm_gotmpl_utf8_valid(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t width;
        uint32_t rune = celm_gotmpl_utf8_decode(text + i, len - i, &width);
        if (rune == CELM_GOTMPL_RUNE_ERROR && width == 1)
            return 0;
        i += width;
    }
    return 1;
}

static int table_contains(const celm_gotmpl_rune_table *table, uint32_t rune)
{
    size_t low = 0, high = table->count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (rune > table->ranges[middle].high)
            low = middle + 1;
        else if (rune < table->ranges[middle].low)
            high = middle;
        else
            return 1;
    }
    return 0;
}

int celm_gotmpl_rune_is_letter(uint32_t rune)
{
    if (rune < 0x80)
        return (rune | 0x20) >= 'a' && (rune | 0x20) <= 'z';
    return table_contains(&celm_gotmpl_letter_table, rune);
}

int celm_gotmpl_rune_is_digit(uint32_t rune)
{
    if (rune < 0x80)
        return rune >= '0' && rune <= '9';
    return table_contains(&celm_gotmpl_digit_table, rune);
}

int celm_gotmpl_rune_is_print(uint32_t rune)
{
    if (rune < 0x80)
        return rune >= 0x20 && rune < 0x7F;
    return table_contains(&celm_gotmpl_print_table, rune);
}

int celm_gotmpl_rune_is_space(uint32_t rune)
{
    return table_contains(&celm_gotmpl_space_table, rune);
}
