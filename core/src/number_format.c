/* number_format.c: float64 text exactly as Go's strconv ('g', shortest) and encoding/json write it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"

/* The shortest digits that read back as `value` (|value| > 0, finite), as Go's shortest mode
 * finds them: the first precision whose correctly rounded %e text round-trips. Writes the digits
 * (no point) to digits and returns the decimal exponent of the first digit. */
static int shortest_digits(double value, int bits, char *digits, int *digit_count)
{
    char text[40];
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, value);
        int round_trips = bits == 32 ? strtof(text, NULL) == (float)value : strtod(text, NULL) == value;
        if (round_trips || precision == 17)
            break;
    }
    int count = 0;
    const char *cursor = text;
    if (*cursor == '-')
        cursor++;
    for (; *cursor && *cursor != 'e'; cursor++)
        if (*cursor >= '0' && *cursor <= '9')
            digits[count++] = *cursor;
    while (count > 1 && digits[count - 1] == '0')
        count--;
    digits[count] = '\0';
    *digit_count = count;
    return atoi(cursor + 1);
}

static size_t write_exponent_form(char *buf, size_t at, const char *digits, int count, int exponent,
                                  int min_exponent_digits)
{
    buf[at++] = digits[0];
    if (count > 1) {
        buf[at++] = '.';
        memcpy(buf + at, digits + 1, (size_t)count - 1);
        at += (size_t)count - 1;
    }
    buf[at++] = 'e';
    buf[at++] = exponent < 0 ? '-' : '+';
    int magnitude = exponent < 0 ? -exponent : exponent;
    char exponent_text[8];
    int exponent_len = snprintf(exponent_text, sizeof exponent_text, "%0*d", min_exponent_digits, magnitude);
    memcpy(buf + at, exponent_text, (size_t)exponent_len);
    return at + (size_t)exponent_len;
}

static size_t write_plain_form(char *buf, size_t at, const char *digits, int count, int exponent)
{
    if (exponent < 0) {
        buf[at++] = '0';
        buf[at++] = '.';
        for (int i = -1; i > exponent; i--)
            buf[at++] = '0';
        memcpy(buf + at, digits, (size_t)count);
        return at + (size_t)count;
    }
    for (int i = 0; i <= exponent || i < count; i++) {
        if (i == exponent + 1)
            buf[at++] = '.';
        buf[at++] = i < count ? digits[i] : '0';
    }
    return at;
}

static size_t write_special(double value, char *buf, const char *nan, const char *inf)
{
    if (isnan(value))
        return (size_t)sprintf(buf, "%s", nan);
    return (size_t)sprintf(buf, "%s%s", value < 0 ? "-" : "+", inf);
}

/* Writes value in Go's shortest form; `exponent_form` decides between 1e+06 and 1000000 from the
 * decimal exponent and the magnitude. */
static size_t format_shortest(double value, int bits, int exponent_digits,
                              int (*exponent_form)(int exponent, double magnitude), char *buf)
{
    size_t at = 0;
    if (signbit(value))
        buf[at++] = '-';
    if (value == 0) {
        buf[at++] = '0';
        buf[at] = '\0';
        return at;
    }
    char digits[24];
    int count;
    double magnitude = fabs(value);
    int exponent = shortest_digits(magnitude, bits, digits, &count);
    if (exponent_form(exponent, magnitude))
        at = write_exponent_form(buf, at, digits, count, exponent, exponent_digits);
    else
        at = write_plain_form(buf, at, digits, count, exponent);
    buf[at] = '\0';
    return at;
}

/* Go decides with precision 6 in shortest 'g' mode, hence 1000000 -> 1e+06. */
static int g_exponent_form(int exponent, double magnitude)
{
    (void)magnitude;
    return exponent < -4 || exponent >= 6;
}

static int json_exponent_form(int exponent, double magnitude)
{
    (void)exponent;
    return magnitude < 1e-6 || magnitude >= 1e21;
}

size_t celm_format_float_g(double value, char *buf)
{
    if (isnan(value) || isinf(value))
        return write_special(value, buf, "NaN", "Inf");
    return format_shortest(value, 64, 2, g_exponent_form, buf);
}

size_t celm_format_float32_g(double value, char *buf)
{
    float narrow = (float)value;
    if (isnan(narrow) || isinf(narrow))
        return write_special(narrow, buf, "NaN", "Inf");
    return format_shortest(narrow, 32, 2, g_exponent_form, buf);
}

/* NaN and infinities are the caller's error (Go's encoder refuses them). */
size_t celm_format_float_json(double value, char *buf)
{
    return format_shortest(value, 64, 1, json_exponent_form, buf);
}
