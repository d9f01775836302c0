/* strvals_scalar.c: what a --set value means (Helm's typedVal) and how list indexes are read (Atoi). */
#include <string.h>

#include "go_quote.h"
#include "strvals.h"
#include "utf8.h"

/* Go's strings.EqualFold against a lower-case ASCII word: ASCII letters in either case, and the
 * runes that simple case folding maps onto ASCII letters (U+017F long s, U+212A Kelvin sign). */
static int equal_fold(const celm_string *text, const char *word)
{
    const unsigned char *bytes = (const unsigned char *)text->data;
    size_t at = 0;
    for (; *word; word++) {
        if (at >= text->len)
            return 0;
        uint32_t rune;
        at += (size_t)celm_utf8_decode(bytes + at, text->len - at, &rune);
        if (rune >= 'A' && rune <= 'Z')
            rune += 'a' - 'A';
        else if (rune == 0x17F)
            rune = 's';
        else if (rune == 0x212A)
            rune = 'k';
        if (rune != (uint32_t)*word)
            return 0;
    }
    return at == text->len;
}

/* Go's ParseUint digits loop for base 10. Returns 1 when all are digits without overflow; 0 with
 * *overflow set when the value passed max before the end (Go stops there); 0 on a bad byte. */
static int parse_digits(const char *text, size_t len, uint64_t max, uint64_t *out, int *overflow)
{
    uint64_t value = 0;
    *overflow = 0;
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return 0;
        unsigned digit = (unsigned)(text[i] - '0');
        if (value > (max - digit) / 10) {
            *overflow = 1;
            return 0;
        }
        value = value * 10 + digit;
    }
    *out = value;
    return 1;
}

/* strconv.ParseInt(text, 10, 64): 1 on success, 0 on a syntax error, -1 when out of range. */
static int parse_int64(const char *text, size_t len, int64_t *out)
{
    int negative = len > 0 && text[0] == '-';
    size_t skip = len > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    uint64_t magnitude, limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    int overflow;
    if (len == 0)
        return 0;
    if (!parse_digits(text + skip, len - skip, UINT64_MAX, &magnitude, &overflow))
        return overflow ? -1 : 0;
    if (magnitude > limit)
        return -1;
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return 1;
}

int celm_strvals_parse_int64(const char *text, size_t len, int64_t *out)
{
    return parse_int64(text, len, out) == 1;
}

celm_value *celm_strvals_typed_value(celm_arena *arena, const celm_string *text)
{
    int64_t integer;
    if (equal_fold(text, "true"))
        return celm_value_bool(arena, 1);
    if (equal_fold(text, "false"))
        return celm_value_bool(arena, 0);
    if (equal_fold(text, "null"))
        return celm_value_null(arena);
    if (text->len == 1 && text->data[0] == '0')
        return celm_value_int(arena, 0);
    if (text->len > 0 && text->data[0] != '0' && celm_strvals_parse_int64(text->data, text->len, &integer))
        return celm_value_int(arena, integer);
    return celm_value_string(arena, text->data, text->len);
}

static int atoi_failed(const celm_string *text, const char *reason, celm_error *err)
{
    celm_buffer message;
    celm_buffer_init(&message);
    celm_buffer_append_str(&message, "strconv.Atoi: parsing ");
    celm_go_quote(&message, text->data, text->len);
    celm_buffer_append_str(&message, ": ");
    celm_buffer_append_str(&message, reason);
    if (message.failed)
        celm_error_set(err, CELM_ENOMEM, "out of memory");
    else
        celm_error_set(err, CELM_EPARSE, "%.*s", (int)message.len, message.data);
    celm_buffer_free(&message);
    return err ? err->code : CELM_EPARSE;
}

/* Go's Atoi takes a short text (under 19 bytes) on a fast path that only knows signs and digits,
 * and a longer one through ParseInt; both accept exactly the same texts. */
int celm_strvals_atoi(const celm_string *text, int64_t *out, celm_error *err)
{
    int result = parse_int64(text->data, text->len, out);
    if (result == 1)
        return CELM_OK;
    return atoi_failed(text, result < 0 ? "value out of range" : "invalid syntax", err);
}
