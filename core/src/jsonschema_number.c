/* jsonschema_number.c: exact decimal numbers, as big.Rat holds the library's JSON numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonschema_internal.h"

/* big.Rat.SetString refuses decimal exponents beyond a million (after the fraction digits). */
#define EXPONENT_LIMIT 1000000

static int parse_exponent(const char *text, size_t len, size_t *at, int64_t *out)
{
    int negative = 0;
    if (*at < len && (text[*at] == '+' || text[*at] == '-'))
        negative = text[(*at)++] == '-';
    if (*at >= len)
        return -1;
    int64_t value = 0;
    for (; *at < len; (*at)++) {
        if (text[*at] < '0' || text[*at] > '9')
            return -1;
        if (value > (INT64_MAX - 9) / 10)
            return -1;
        value = value * 10 + (text[*at] - '0');
    }
    *out = negative ? -value : value;
    return 0;
}

int jsonschema_decimal_parse(celm_arena *arena, const char *text, size_t len, jsonschema_decimal *out)
{
    size_t at = 0;
    int negative = 0;
    if (at < len && (text[at] == '+' || text[at] == '-'))
        negative = text[at++] == '-';
    char *digits = celm_arena_alloc(arena, len + 1);
    if (!digits)
        return -1;
    size_t count = 0, fraction = 0, seen = 0;
    int in_fraction = 0;
    for (; at < len && text[at] != 'e' && text[at] != 'E'; at++) {
        if (text[at] == '.' && !in_fraction) {
            in_fraction = 1;
            continue;
        }
        if (text[at] < '0' || text[at] > '9')
            return -1;
        seen++;
        if (in_fraction)
            fraction++;
        if (count || text[at] != '0')
            digits[count++] = text[at];
        else if (in_fraction)
            continue;
    }
    int64_t exponent = 0;
    if (seen == 0)
        return -1;
    if (at < len) {
        at++;
        if (parse_exponent(text, len, &at, &exponent) != 0)
            return -1;
    }
    exponent -= (int64_t)fraction;
    if (exponent > EXPONENT_LIMIT || exponent < -EXPONENT_LIMIT)
        return -1;
    while (count && digits[count - 1] == '0')
        count--, exponent++;
    digits[count] = 0;
    out->negative = count ? negative : 0;
    out->digits = digits;
    out->digit_count = count;
    out->exponent = count ? exponent : 0;
    return 0;
}

static int compare_magnitude(const jsonschema_decimal *a, const jsonschema_decimal *b)
{
    if (!a->digit_count || !b->digit_count)
        return (a->digit_count != 0) - (b->digit_count != 0);
    int64_t a_top = (int64_t)a->digit_count + a->exponent, b_top = (int64_t)b->digit_count + b->exponent;
    if (a_top != b_top)
        return a_top < b_top ? -1 : 1;
    size_t longest = a->digit_count > b->digit_count ? a->digit_count : b->digit_count;
    for (size_t i = 0; i < longest; i++) {
        char x = i < a->digit_count ? a->digits[i] : '0';
        char y = i < b->digit_count ? b->digits[i] : '0';
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

int jsonschema_decimal_compare(const jsonschema_decimal *a, const jsonschema_decimal *b)
{
    if (a->negative != b->negative)
        return a->negative ? -1 : 1;
    int magnitude = compare_magnitude(a, b);
    return a->negative ? -magnitude : magnitude;
}

int jsonschema_decimal_is_integer(const jsonschema_decimal *value)
{
    return value->digit_count == 0 || value->exponent >= 0;
}

/* remainder (little-endian digits, room for divisor_len + 1) = remainder * 10 + digit, reduced. */
static void remainder_push(unsigned char *remainder, size_t room, unsigned digit,
                           const unsigned char *divisor, size_t divisor_len)
{
    memmove(remainder + 1, remainder, room - 1);
    remainder[0] = (unsigned char)digit;
    for (;;) {
        int at_least = 1;
        for (size_t i = room; i-- > 0;) {
            unsigned char d = i < divisor_len ? divisor[i] : 0;
            if (remainder[i] != d) {
                at_least = remainder[i] > d;
                break;
            }
        }
        if (!at_least)
            return;
        int borrow = 0;
        for (size_t i = 0; i < room; i++) {
            int d = (i < divisor_len ? divisor[i] : 0) + borrow;
            borrow = remainder[i] < d;
            remainder[i] = (unsigned char)(remainder[i] + (borrow ? 10 : 0) - d);
        }
    }
}

int jsonschema_decimal_divisible(const jsonschema_decimal *value, const jsonschema_decimal *divisor)
{
    if (!value->digit_count)
        return 1;
    int64_t shift = value->exponent - divisor->exponent;
    if (shift < 0)
        return 0;   /* value's digits end in a non-zero digit, so 10^-shift cannot divide them */
    /* the divisor's factors of 2 and 5 number at most 4 per digit; more zeros change nothing */
    int64_t cap = 4 * (int64_t)divisor->digit_count + 4;
    if (shift > cap)
        shift = cap;
    size_t room = divisor->digit_count + 1;
    unsigned char *remainder = calloc(room, 1), *digits = malloc(divisor->digit_count);
    if (!remainder || !digits) {
        free(remainder);
        free(digits);
        return 0;
    }
    for (size_t i = 0; i < divisor->digit_count; i++)
        digits[i] = (unsigned char)(divisor->digits[divisor->digit_count - 1 - i] - '0');
    for (size_t i = 0; i < value->digit_count; i++)
        remainder_push(remainder, room, (unsigned)(value->digits[i] - '0'), digits, divisor->digit_count);
    for (int64_t i = 0; i < shift; i++)
        remainder_push(remainder, room, 0, digits, divisor->digit_count);
    int zero = 1;
    for (size_t i = 0; i < room; i++)
        zero &= remainder[i] == 0;
    free(remainder);
    free(digits);
    return zero;
}

double jsonschema_decimal_to_double(const jsonschema_decimal *value)
{
    if (!value->digit_count)
        return 0.0;
    size_t size = value->digit_count + 32;
    char *text = malloc(size);
    if (!text)
        return 0.0;
    snprintf(text, size, "%s%se%lld", value->negative ? "-" : "", value->digits, (long long)value->exponent);
    double result = strtod(text, NULL);
    free(text);
    return result;
}

int64_t jsonschema_decimal_to_int64(const jsonschema_decimal *value)
{
    uint64_t result = 0;
    for (size_t i = 0; i < value->digit_count; i++)
        result = result * 10u + (uint64_t)(value->digits[i] - '0');
    for (int64_t i = 0; i < value->exponent && result != 0 && i < 64; i++)
        result *= 10u;
    if (value->exponent >= 64)
        result = 0;   /* 10^64 is a multiple of 2^64 */
    return value->negative ? (int64_t)(0u - result) : (int64_t)result;
}
