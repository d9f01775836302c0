/* key_order.c: go-yaml v2's "natural" map key order, used when writing YAML (item9 < item10). */
#include <stdlib.h>
#include <string.h>

#include "key_order.h"
#include "unicode_tables.h"
#include "utf8.h"

/* Decodes a key into runes (Go's []rune(s)); returns the count. `runes` has len entries. */
static size_t key_runes(const celm_string *key, uint32_t *runes)
{
    size_t count = 0;
    const unsigned char *s = (const unsigned char *)key->data;
    for (size_t at = 0; at < key->len;)
        at += (size_t)celm_utf8_decode(s + at, key->len - at, &runes[count++]);
    return count;
}

/* Go's int64 arithmetic on runes minus '0', wrapping like Go does for exotic digits. */
static int64_t digit_run(const uint32_t *runes, size_t count, size_t from, int64_t start, size_t *end)
{
    uint64_t value = (uint64_t)start;
    size_t at = from;
    for (; at < count && celm_unicode_is_digit(runes[at]); at++)
        value = value * 10 + (uint64_t)((int64_t)runes[at] - '0');
    *end = at;
    return (int64_t)value;
}

static int runes_less(const uint32_t *a, size_t a_count, const uint32_t *b, size_t b_count)
{
    for (size_t i = 0; i < a_count && i < b_count; i++) {
        if (a[i] == b[i])
            continue;
        int a_letter = celm_unicode_is_letter(a[i]);
        int b_letter = celm_unicode_is_letter(b[i]);
        if (a_letter && b_letter)
            return a[i] < b[i];
        if (a_letter || b_letter)
            return b_letter;
        int64_t a_number = 0, b_number = 0;
        if (a[i] == '0' || b[i] == '0') {
            for (size_t j = i; j-- > 0 && celm_unicode_is_digit(a[j]);) {
                if (a[j] != '0') {
                    a_number = b_number = 1;
                    break;
                }
            }
        }
        size_t a_end, b_end;
        a_number = digit_run(a, a_count, i, a_number, &a_end);
        b_number = digit_run(b, b_count, i, b_number, &b_end);
        if (a_number != b_number)
            return a_number < b_number;
        if (a_end != b_end)
            return a_end < b_end;
        return a[i] < b[i];
    }
    return a_count < b_count;
}

int celm_key_natural_less(const celm_string *a, const celm_string *b)
{
    uint32_t a_small[64], b_small[64];
    uint32_t *a_runes = a->len <= 64 ? a_small : malloc(a->len * sizeof *a_runes);
    uint32_t *b_runes = b->len <= 64 ? b_small : malloc(b->len * sizeof *b_runes);
    int less = 0;
    if (a_runes && b_runes) {
        size_t a_count = key_runes(a, a_runes);
        size_t b_count = key_runes(b, b_runes);
        less = runes_less(a_runes, a_count, b_runes, b_count);
    }
    if (a_runes != a_small)
        free(a_runes);
    if (b_runes != b_small)
        free(b_runes);
    return less;
}
