/* cli_flag_values.c: checking flag values the way Go's strconv, time and helm's flag types do. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_go_quote(const char *text, char *out, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    static const char escapes[] = "\a\b\f\n\r\t\v";
    static const char letters[] = "abfnrtv";
    size_t used = 0;
    char piece[8];
    if (size < 3)
        return;
    out[used++] = '"';
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        const char *escape = *c ? strchr(escapes, *c) : NULL;
        if (*c == '"' || *c == '\\')
            snprintf(piece, sizeof piece, "\\%c", *c);
        else if (escape)
            snprintf(piece, sizeof piece, "\\%c", letters[escape - escapes]);
        else if (*c < 0x20 || *c == 0x7f)
            snprintf(piece, sizeof piece, "\\x%c%c", hex[*c >> 4], hex[*c & 15]);
        else
            snprintf(piece, sizeof piece, "%c", *c);
        size_t len = strlen(piece);
        if (used + len + 2 > size)
            break;
        memcpy(out + used, piece, len);
        used += len;
    }
    out[used++] = '"';
    out[used] = '\0';
}

/* Go's "strconv.ParseX: parsing "v": why" message. */
static int strconv_failure(const char *function, const char *value, const char *why, char *reason,
                           size_t reason_size)
{
    char quoted[CLI_REASON_SIZE / 2];
    cli_go_quote(value, quoted, sizeof quoted);
    snprintf(reason, reason_size, "strconv.%s: parsing %s: %s", function, quoted, why);
    return -1;
}

int cli_parse_bool(const char *value, int *out)
{
    static const char *const true_words[] = {"1", "t", "T", "TRUE", "true", "True"};
    static const char *const false_words[] = {"0", "f", "F", "FALSE", "false", "False"};
    for (size_t i = 0; i < sizeof true_words / sizeof true_words[0]; i++) {
        if (strcmp(value, true_words[i]) == 0)
            return *out = 1, 0;
        if (strcmp(value, false_words[i]) == 0)
            return *out = 0, 0;
    }
    return -1;
}

int cli_check_bool(const char *value, char *reason, size_t reason_size)
{
    int ignored;
    if (cli_parse_bool(value, &ignored) == 0)
        return 0;
    return strconv_failure("ParseBool", value, "invalid syntax", reason, reason_size);
}

/* Go's underscoreOK: an '_' may only sit between digits, or between a base prefix and a digit. */
static int underscores_ok(const char *text)
{
    char saw = '^';
    int hex = 0;
    text += text[0] == '-' || text[0] == '+';
    if (text[0] == '0' && text[1] && strchr("bBoOxX", text[1])) {
        hex = text[1] == 'x' || text[1] == 'X';
        saw = '0';
        text += 2;
    }
    for (; *text; text++) {
        if (isdigit((unsigned char)*text) || (hex && isxdigit((unsigned char)*text))) {
            saw = '0';
        } else if (*text == '_') {
            if (saw != '0')
                return 0;
            saw = '_';
        } else {
            if (saw == '_')
                return 0;
            saw = '!';
        }
    }
    return saw != '_';
}

/* `text` without its underscores, into `out`; 0, or -1 when they are misplaced or it is too long. */
static int without_underscores(const char *text, char *out, size_t size)
{
    size_t used = 0;
    if (!underscores_ok(text))
        return -1;
    for (; *text; text++)
        if (*text != '_') {
            if (used + 1 >= size)
                return -1;
            out[used++] = *text;
        }
    out[used] = '\0';
    return 0;
}

/* Go's base-0 integer syntax: 0x, 0o, 0b or a leading 0 pick the base; underscores are gone. */
static int parse_go_unsigned(const char *text, uint64_t *out, int *overflow)
{
    int base = 10;
    if (text[0] == '0' && text[1] && strchr("xXoObB", text[1])) {
        base = strchr("xX", text[1]) ? 16 : strchr("oO", text[1]) ? 8 : 2;
        text += 2;
    } else if (text[0] == '0' && text[1]) {
        base = 8, text += 1;
    }
    uint64_t value = 0;
    int digits = 0;
    *overflow = 0;
    for (; *text; text++) {
        int digit = isdigit((unsigned char)*text) ? *text - '0'
                  : isxdigit((unsigned char)*text) ? tolower((unsigned char)*text) - 'a' + 10 : 99;
        if (digit >= base)
            return -1;
        if (value > (UINT64_MAX - (uint64_t)digit) / (uint64_t)base)
            *overflow = 1;
        value = value * (uint64_t)base + (uint64_t)digit;
        digits++;
    }
    *out = value;
    return digits ? 0 : -1;
}

int cli_parse_int(const char *text, long long *out)
{
    char value[128];
    if (without_underscores(text, value, sizeof value) != 0)
        return -1;
    const char *digits = value + (value[0] == '-' || value[0] == '+');
    uint64_t magnitude;
    int overflow;
    if (!*digits || parse_go_unsigned(digits, &magnitude, &overflow) != 0 || overflow ||
        magnitude > (uint64_t)INT64_MAX + (value[0] == '-'))
        return -1;
    *out = value[0] == '-' ? (long long)(0 - magnitude) : (long long)magnitude;
    return 0;
}

int cli_check_int(const char *value, char *reason, size_t reason_size)
{
    char clean[128];
    const char *digits = clean + (value[0] == '-' || value[0] == '+');
    uint64_t magnitude;
    int overflow;
    if (without_underscores(value, clean, sizeof clean) != 0 || !*digits ||
        parse_go_unsigned(digits, &magnitude, &overflow) != 0)
        return strconv_failure("ParseInt", value, "invalid syntax", reason, reason_size);
    uint64_t limit = value[0] == '-' ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    if (overflow || magnitude > limit)
        return strconv_failure("ParseInt", value, "value out of range", reason, reason_size);
    return 0;
}

int cli_check_uint(const char *value, char *reason, size_t reason_size)
{
    char clean[128];
    uint64_t magnitude;
    int overflow;
    if (without_underscores(value, clean, sizeof clean) != 0 || !*clean || strchr("+-", clean[0]) ||
        parse_go_unsigned(clean, &magnitude, &overflow) != 0)
        return strconv_failure("ParseUint", value, "invalid syntax", reason, reason_size);
    if (overflow)
        return strconv_failure("ParseUint", value, "value out of range", reason, reason_size);
    return 0;
}

/* strtof accepts more than Go does: leading blanks and hexadecimal without a 'p' exponent. */
static int float_syntax_is_go(const char *value)
{
    const char *body = value + (value[0] == '-' || value[0] == '+');
    if (!*body || isspace((unsigned char)value[0]))
        return 0;
    if (body[0] == '0' && (body[1] == 'x' || body[1] == 'X'))
        return strpbrk(body, "pP") != NULL;
    return 1;
}

int cli_parse_float32(const char *text, float *out)
{
    char value[128], *end;
    if (without_underscores(text, value, sizeof value) != 0 || !float_syntax_is_go(value))
        return -1;
    errno = 0;
    *out = strtof(value, &end);
    return *end ? -1 : 0;
}

int cli_check_float32(const char *value, char *reason, size_t reason_size)
{
    float parsed = 0;
    if (cli_parse_float32(value, &parsed) != 0)
        return strconv_failure("ParseFloat", value, "invalid syntax", reason, reason_size);
    if (errno == ERANGE && isinf(parsed))
        return strconv_failure("ParseFloat", value, "value out of range", reason, reason_size);
    return 0;
}

void cli_format_float32(float value, char *out, size_t size)
{
    if (isinf(value) || isnan(value)) {
        snprintf(out, size, "%s", isnan(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf");
        return;
    }
    int precision = 1;
    char digits[64];
    for (; precision < 9; precision++) {
        snprintf(digits, sizeof digits, "%.*e", precision - 1, (double)value);
        if (strtof(digits, NULL) == value)
            break;
    }
    snprintf(digits, sizeof digits, "%.*e", precision - 1, (double)value);
    int exponent = atoi(strchr(digits, 'e') + 1);
    /* FormatFloat's shortest 'g' writes an exponent below 1e-4 and from 1e6 up. */
    if (exponent < -4 || exponent >= 6)
        snprintf(out, size, "%s", digits);
    else
        snprintf(out, size, "%.*f", precision - 1 - exponent > 0 ? precision - 1 - exponent : 0,
                 (double)value);
}

static int duration_failure(const char *format, const char *detail, const char *value, char *reason,
                            size_t reason_size)
{
    char quoted_value[CLI_REASON_SIZE / 4], quoted_detail[CLI_REASON_SIZE / 4];
    cli_go_quote(value, quoted_value, sizeof quoted_value);
    cli_go_quote(detail ? detail : "", quoted_detail, sizeof quoted_detail);
    if (detail)
        snprintf(reason, reason_size, format, quoted_detail, quoted_value);
    else
        snprintf(reason, reason_size, format, quoted_value);
    return -1;
}

static int duration_unit_known(const char *unit, size_t len)
{
    static const char *const units[] = {"ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s", "m", "h"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i]) == len && strncmp(units[i], unit, len) == 0)
            return 1;
    return 0;
}

static double unit_seconds(const char *unit, size_t len)
{
    static const struct { const char *name; double seconds; } units[] = {
        {"ns", 1e-9}, {"us", 1e-6}, {"\xc2\xb5s", 1e-6}, {"\xce\xbcs", 1e-6}, {"ms", 1e-3}, {"s", 1}, {"m", 60},
        {"h", 3600}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i].name) == len && strncmp(units[i].name, unit, len) == 0)
            return units[i].seconds;
    return 0;
}

double cli_duration_seconds(const char *value)
{
    double total = 0;
    const char *cursor = value + (value[0] == '-' || value[0] == '+');
    while (*cursor) {
        char *end;
        double amount = strtod(cursor, &end);
        if (end == cursor)
            break;
        size_t unit_len = strcspn(end, ".0123456789");
        total += amount * unit_seconds(end, unit_len);
        cursor = end + unit_len;
    }
    return value[0] == '-' ? -total : total;
}

/* time.ParseDuration's grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or a bare 0. */
int cli_check_duration(const char *value, char *reason, size_t reason_size)
{
    const char *cursor = value + (value[0] == '-' || value[0] == '+');
    if (strcmp(cursor, "0") == 0)
        return 0;
    if (!*cursor)
        return duration_failure("time: invalid duration %s", NULL, value, reason, reason_size);
    while (*cursor) {
        size_t whole = strspn(cursor, "0123456789");
        cursor += whole;
        size_t fraction = 0;
        if (*cursor == '.') {
            cursor++;
            fraction = strspn(cursor, "0123456789");
            cursor += fraction;
        }
        if (!whole && !fraction)
            return duration_failure("time: invalid duration %s", NULL, value, reason, reason_size);
        size_t unit_len = strcspn(cursor, ".0123456789");
        if (unit_len == 0)
            return duration_failure("time: missing unit in duration %s", NULL, value, reason,
                                    reason_size);
        if (!duration_unit_known(cursor, unit_len)) {
            char unit[64];
            snprintf(unit, sizeof unit, "%.*s", (int)(unit_len < 63 ? unit_len : 63), cursor);
            return duration_failure("time: unknown unit %s in duration %s", unit, value, reason,
                                    reason_size);
        }
        cursor += unit_len;
    }
    return 0;
}

int cli_count_char(const char *text, char wanted)
{
    int count = 0;
    for (; *text; text++)
        count += *text == wanted;
    return count;
}

/* pflag's stringToString: one '=' makes one pair (commas stay in its value); with more, the text
 * is split at commas and every piece needs its '='. */
int cli_check_string_to_string(const char *value, char *reason, size_t reason_size)
{
    int equals = cli_count_char(value, '=');
    if (equals == 0) {
        snprintf(reason, reason_size, "%s must be formatted as key=value", value);
        return -1;
    }
    for (const char *pair = value; equals > 1;) {
        size_t len = strcspn(pair, ",");
        if (memchr(pair, '=', len) == NULL) {
            snprintf(reason, reason_size, "%.*s must be formatted as key=value", (int)len, pair);
            return -1;
        }
        if (!pair[len])
            break;
        pair += len + 1;
    }
    return 0;
}

int cli_check_output_format(const char *value, char *reason, size_t reason_size)
{
    if (strcmp(value, "table") == 0 || strcmp(value, "json") == 0 || strcmp(value, "yaml") == 0)
        return 0;
    snprintf(reason, reason_size, "invalid format type");
    return -1;
}

int cli_check_wait_strategy(const char *value, char *reason, size_t reason_size)
{
    if (strcmp(value, "watcher") == 0 || strcmp(value, "hookOnly") == 0 || strcmp(value, "legacy") == 0)
        return 0;
    char quoted[CLI_REASON_SIZE / 2];
    cli_go_quote(value, quoted, sizeof quoted);
    snprintf(reason, reason_size, "invalid wait input %s. Valid inputs are watcher, hookOnly, and legacy",
             quoted);
    return -1;
}
