/* yaml_resolve.c: go-yaml v2's resolution of plain scalars (bools, nulls, numbers, timestamps). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_resolve.h"

typedef struct word {
    const char *text;
    yaml_resolved_kind kind;
    int boolean;
    double real;
} word;

static const word resolve_words[] = {
    {"y", YAML_RESOLVED_BOOL, 1, 0}, {"Y", YAML_RESOLVED_BOOL, 1, 0},
    {"yes", YAML_RESOLVED_BOOL, 1, 0}, {"Yes", YAML_RESOLVED_BOOL, 1, 0},
    {"YES", YAML_RESOLVED_BOOL, 1, 0}, {"true", YAML_RESOLVED_BOOL, 1, 0},
    {"True", YAML_RESOLVED_BOOL, 1, 0}, {"TRUE", YAML_RESOLVED_BOOL, 1, 0},
    {"on", YAML_RESOLVED_BOOL, 1, 0}, {"On", YAML_RESOLVED_BOOL, 1, 0},
    {"ON", YAML_RESOLVED_BOOL, 1, 0}, {"n", YAML_RESOLVED_BOOL, 0, 0},
    {"N", YAML_RESOLVED_BOOL, 0, 0}, {"no", YAML_RESOLVED_BOOL, 0, 0},
    {"No", YAML_RESOLVED_BOOL, 0, 0}, {"NO", YAML_RESOLVED_BOOL, 0, 0},
    {"false", YAML_RESOLVED_BOOL, 0, 0}, {"False", YAML_RESOLVED_BOOL, 0, 0},
    {"FALSE", YAML_RESOLVED_BOOL, 0, 0}, {"off", YAML_RESOLVED_BOOL, 0, 0},
    {"Off", YAML_RESOLVED_BOOL, 0, 0}, {"OFF", YAML_RESOLVED_BOOL, 0, 0},
    {"~", YAML_RESOLVED_NULL, 0, 0}, {"null", YAML_RESOLVED_NULL, 0, 0},
    {"Null", YAML_RESOLVED_NULL, 0, 0}, {"NULL", YAML_RESOLVED_NULL, 0, 0},
    {".nan", YAML_RESOLVED_FLOAT, 0, NAN}, {".NaN", YAML_RESOLVED_FLOAT, 0, NAN},
    {".NAN", YAML_RESOLVED_FLOAT, 0, NAN}, {".inf", YAML_RESOLVED_FLOAT, 0, INFINITY},
    {".Inf", YAML_RESOLVED_FLOAT, 0, INFINITY}, {".INF", YAML_RESOLVED_FLOAT, 0, INFINITY},
    {"+.inf", YAML_RESOLVED_FLOAT, 0, INFINITY}, {"+.Inf", YAML_RESOLVED_FLOAT, 0, INFINITY},
    {"+.INF", YAML_RESOLVED_FLOAT, 0, INFINITY}, {"-.inf", YAML_RESOLVED_FLOAT, 0, -INFINITY},
    {"-.Inf", YAML_RESOLVED_FLOAT, 0, -INFINITY}, {"-.INF", YAML_RESOLVED_FLOAT, 0, -INFINITY},
};

#define RESOLVE_WORD_MAX 5  /* the length of the longest resolve_words text */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int digit_value(char c, int base)
{
    int value = -1;
    if (c >= '0' && c <= '9')
        value = c - '0';
    else if (c >= 'a' && c <= 'z')
        value = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z')
        value = c - 'A' + 10;
    return value < base ? value : -1;
}

/* Go's strconv.ParseUint(text, base, 64) for base 0 (prefix-detected) or 2, without sign. */
static int parse_unsigned(const char *text, size_t len, int base, uint64_t *out)
{
    if (base == 0) {
        base = 10;
        if (len >= 1 && text[0] == '0') {
            base = 8;
            if (len >= 2 && (text[1] == 'x' || text[1] == 'X'))
                base = 16, text += 2, len -= 2;
            else if (len >= 2 && (text[1] == 'o' || text[1] == 'O'))
                base = 8, text += 2, len -= 2;
            else if (len >= 2 && (text[1] == 'b' || text[1] == 'B'))
                base = 2, text += 2, len -= 2;
        }
    }
    if (len == 0)
        return 0;
    uint64_t value = 0;
    for (size_t i = 0; i < len; i++) {
        int digit = digit_value(text[i], base);
        if (digit < 0)
            return 0;
        if (value > (UINT64_MAX - (uint64_t)digit) / (uint64_t)base)
            return 0;
        value = value * (uint64_t)base + (uint64_t)digit;
    }
    *out = value;
    return 1;
}

/* Go's strconv.ParseInt(text, base, 64): optional sign, then parse_unsigned, range-checked. */
static int parse_signed(const char *text, size_t len, int base, int64_t *out)
{
    int negative = 0;
    if (len && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text++, len--;
    }
    uint64_t magnitude;
    if (!parse_unsigned(text, len, base, &magnitude))
        return 0;
    if (negative ? magnitude > (uint64_t)INT64_MAX + 1 : magnitude > (uint64_t)INT64_MAX)
        return 0;
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return 1;
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static int is_yaml_style_float(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i < len && s[i] == '.') {
        i++;
        size_t start = i;
        while (i < len && is_digit(s[i]))
            i++;
        if (i == start)
            return 0;
    } else {
        size_t start = i;
        while (i < len && is_digit(s[i]))
            i++;
        if (i == start)
            return 0;
        if (i < len && s[i] == '.') {
            i++;
            while (i < len && is_digit(s[i]))
                i++;
        }
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t start = i;
        while (i < len && is_digit(s[i]))
            i++;
        if (i == start)
            return 0;
    }
    return i == len;
}

/* Go's ParseFloat for the decimal forms that reach it here (no hex, no inf/nan words). */
static int parse_float(const char *text, size_t len, double *out)
{
    char buffer[512];
    if (len == 0 || len >= sizeof buffer)
        return 0;
    memcpy(buffer, text, len);
    buffer[len] = '\0';
    for (size_t i = 0; i < len; i++) {
        char c = buffer[i];
        if (!(is_digit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return 0;
    }
    char *end;
    errno = 0;
    double value = strtod(buffer, &end);
    if (end != buffer + len || (errno == ERANGE && isinf(value)))
        return 0;
    *out = value;
    return 1;
}

static int read_number(const char **cursor, const char *end, int min_digits, int max_digits, int *out)
{
    int count = 0, value = 0;
    while (*cursor < end && is_digit(**cursor) && count < max_digits) {
        value = value * 10 + (**cursor - '0');
        (*cursor)++, count++;
    }
    *out = value;
    return count >= min_digits;
}

static int days_in_month(int month, int year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* Go's time.Parse with layout "15:4:5.999999999" plus zone handling chosen by the caller. */
static int parse_clock(const char **cursor, const char *end)
{
    int hour, minute, second;
    if (!read_number(cursor, end, 1, 2, &hour) || hour > 23 || *cursor >= end || **cursor != ':')
        return 0;
    (*cursor)++;
    if (!read_number(cursor, end, 1, 2, &minute) || minute > 59 || *cursor >= end || **cursor != ':')
        return 0;
    (*cursor)++;
    return read_number(cursor, end, 1, 2, &second) && second <= 59;
}

static int parse_fraction(const char **cursor, const char *end)
{
    if (end - *cursor >= 2 && (**cursor == '.' || **cursor == ',') && is_digit((*cursor)[1])) {
        (*cursor)++;
        while (*cursor < end && is_digit(**cursor))
            (*cursor)++;
    }
    return 1;
}

static int parse_zone(const char **cursor, const char *end)
{
    if (*cursor < end && **cursor == 'Z') {
        (*cursor)++;
        return 1;
    }
    if (end - *cursor < 6 || (**cursor != '+' && **cursor != '-'))
        return 0;
    const char *z = *cursor;
    if (!is_digit(z[1]) || !is_digit(z[2]) || z[3] != ':' || !is_digit(z[4]) || !is_digit(z[5]))
        return 0;
    *cursor += 6;
    return 1;
}

/* go-yaml v2's parseTimestamp: the layouts "2006-1-2T15:4:5.999999999Z07:00" (also with 't'),
 * "2006-1-2 15:4:5.999999999" and "2006-1-2", as Go's time.Parse reads them. */
static int is_timestamp(const char *text, size_t len)
{
    const char *cursor = text, *end = text + len;
    int year, month, day;
    if (!read_number(&cursor, end, 4, 4, &year) || cursor >= end || *cursor != '-')
        return 0;
    if (cursor - text != 4)
        return 0;
    cursor++;
    if (!read_number(&cursor, end, 1, 2, &month) || month < 1 || month > 12)
        return 0;
    if (cursor >= end || *cursor != '-')
        return 0;
    cursor++;
    if (!read_number(&cursor, end, 1, 2, &day) || day < 1 || day > days_in_month(month, year))
        return 0;
    if (cursor == end)
        return 1;
    char separator = *cursor++;
    if (separator != 'T' && separator != 't' && separator != ' ')
        return 0;
    if (!parse_clock(&cursor, end) || !parse_fraction(&cursor, end))
        return 0;
    if (separator == ' ')
        return cursor == end;
    return parse_zone(&cursor, end) && cursor == end;
}

static int resolve_number(const char *text, size_t len, yaml_resolved *out)
{
    char plain[512];
    size_t plain_len = 0;
    if (len >= sizeof plain)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '_')
            plain[plain_len++] = text[i];
    plain[plain_len] = '\0';
    if (parse_signed(plain, plain_len, 0, &out->integer)) {
        out->kind = YAML_RESOLVED_INT;
        return 1;
    }
    if (plain_len && plain[0] != '-' && plain[0] != '+' &&
        parse_unsigned(plain, plain_len, 0, &out->unsigned_integer)) {
        out->kind = YAML_RESOLVED_UINT;
        return 1;
    }
    if (is_yaml_style_float(plain, plain_len) && parse_float(plain, plain_len, &out->real)) {
        out->kind = YAML_RESOLVED_FLOAT;
        return 1;
    }
    if (plain_len > 2 && strncmp(plain, "0b", 2) == 0 && parse_signed(plain + 2, plain_len - 2, 2, &out->integer)) {
        out->kind = YAML_RESOLVED_INT;
        return 1;
    }
    if (plain_len > 3 && strncmp(plain, "-0b", 3) == 0) {
        plain[2] = '-';
        if (parse_signed(plain + 2, plain_len - 2, 2, &out->integer)) {
            out->kind = YAML_RESOLVED_INT;
            return 1;
        }
    }
    return 0;
}

void celm_yaml_resolve_plain(const char *text, size_t len, yaml_resolved *out)
{
    memset(out, 0, sizeof *out);
    out->kind = YAML_RESOLVED_STRING;
    if (len == 0) {
        out->kind = YAML_RESOLVED_NULL;
        return;
    }
    char first = text[0];
    int hint_digit_or_sign = is_digit(first) || first == '+' || first == '-';
    if (!hint_digit_or_sign && !strchr("yYnNtTfFoO~.", first))
        return;
    for (size_t i = 0; len <= RESOLVE_WORD_MAX && i < sizeof resolve_words / sizeof resolve_words[0]; i++) {
        const word *candidate = &resolve_words[i];
        if (candidate->text[0] == first && strlen(candidate->text) == len && memcmp(candidate->text, text, len) == 0) {
            out->kind = candidate->kind;
            out->boolean = candidate->boolean;
            out->real = candidate->real;
            return;
        }
    }
    if (first == '.') {
        if (parse_float(text, len, &out->real))
            out->kind = YAML_RESOLVED_FLOAT;
        return;
    }
    if (!hint_digit_or_sign)
        return;
    if (is_timestamp(text, len)) {
        out->kind = YAML_RESOLVED_TIMESTAMP;
        return;
    }
    resolve_number(text, len, out);
}

/* ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
int celm_yaml_is_base60_float(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    char first = s[0];
    if (!(first == '+' || first == '-' || is_digit(first)) || !memchr(s, ':', len))
        return 0;
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    if (i >= len || !is_digit(s[i]))
        return 0;
    while (i < len && (is_digit(s[i]) || s[i] == '_'))
        i++;
    int groups = 0;
    while (i < len && s[i] == ':') {
        i++;
        if (i < len && s[i] >= '0' && s[i] <= '5' && i + 1 < len && is_digit(s[i + 1]))
            i += 2;
        else if (i < len && is_digit(s[i]))
            i++;
        else
            return 0;
        groups++;
    }
    if (!groups)
        return 0;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && (is_digit(s[i]) || s[i] == '_'))
            i++;
    }
    return i == len;
}
