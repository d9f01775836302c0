/* gotmpl_fmt_printf_float.c: Go's strconv.AppendFloat for float64: shortest and fixed-precision
 * decimal forms (%e %f %g), the binary-exponent form (%b) and hexadecimal floats (%x). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_fmt_printf.h"
#include "gotmpl_number.h"

/* A double's exact decimal expansion has at most 767 significant digits, so rounding to more
 * than this many digits only adds zeros, which are trimmed anyway. */
#define MAX_DIGITS 800

/* Decimal digits d[0..count) meaning 0.d * 10^point, without trailing zeros (Go's decimalSlice). */
typedef struct decimal {
    char digits[MAX_DIGITS + 8];
    int count;
    int point;
} decimal;

/* Reads C's "%.Ne" text (D.DDDDe±XX) into a decimal. */
static void decimal_from_text(decimal *d, const char *text)
{
    d->count = 0;
    const char *p = text;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && d->count < MAX_DIGITS)
            d->digits[d->count++] = *p;
    int exponent = 0, negative = 0;
    if (*p == 'e') {
        p++;
        negative = *p == '-';
        if (*p == '-' || *p == '+')
            p++;
        for (; *p >= '0' && *p <= '9'; p++)
            exponent = exponent * 10 + (*p - '0');
    }
    while (d->count > 0 && d->digits[d->count - 1] == '0')
        d->count--;
    d->point = d->count ? (negative ? -exponent : exponent) + 1 : 0;
}

/* |value| correctly rounded (half to even) to `significant` digits. */
static void decimal_rounded(decimal *d, double magnitude, int significant)
{
    char text[MAX_DIGITS + 32];
    if (significant > MAX_DIGITS)
        significant = MAX_DIGITS;
    snprintf(text, sizeof text, "%.*e", significant - 1, magnitude);
    decimal_from_text(d, text);
}

/* The fewest digits that read back as exactly |value|. */
static void decimal_shortest(decimal *d, double magnitude)
{
    char text[40];
    for (int significant = 1; significant <= 17; significant++) {
        int len = snprintf(text, sizeof text, "%.*e", significant - 1, magnitude);
        double back = 0;
        if (celm_gotmpl_parse_float64(text, (size_t)len, &back) == 0 && back == magnitude)
            break;
    }
    decimal_from_text(d, text);
}

/* d.ddddde±dd with `precision` digits after the point. */
static void write_exponent_form(gotmpl_buffer *out, int negative, const decimal *d, int precision, char format)
{
    if (negative)
        gotmpl_buffer_putc(out, '-');
    gotmpl_buffer_putc(out, d->count ? d->digits[0] : '0');
    if (precision > 0) {
        gotmpl_buffer_putc(out, '.');
        int available = d->count - 1 < precision ? d->count - 1 : precision;
        if (available > 0)
            gotmpl_buffer_put(out, d->digits + 1, (size_t)available);
        gotmpl_buffer_fill(out, '0', precision - (available > 0 ? available : 0));
    }
    int exponent = d->count ? d->point - 1 : 0;
    gotmpl_buffer_printf(out, "%c%c%02d", format, exponent < 0 ? '-' : '+', exponent < 0 ? -exponent : exponent);
}

/* ddd.ddd with `precision` digits after the point. */
static void write_fixed_form(gotmpl_buffer *out, int negative, const decimal *d, int precision)
{
    if (negative)
        gotmpl_buffer_putc(out, '-');
    if (d->point > 0) {
        int integer_digits = d->count < d->point ? d->count : d->point;
        gotmpl_buffer_put(out, d->digits, (size_t)integer_digits);
        gotmpl_buffer_fill(out, '0', d->point - integer_digits);
    } else {
        gotmpl_buffer_putc(out, '0');
    }
    if (precision > 0) {
        gotmpl_buffer_putc(out, '.');
        for (int i = 0; i < precision; i++) {
            int at = d->point + i;
            gotmpl_buffer_putc(out, at >= 0 && at < d->count ? d->digits[at] : '0');
        }
    }
}

/* strconv's formatDigits: %e, %f, or %g's choice between them. */
static void write_digits(gotmpl_buffer *out, int shortest, int negative, const decimal *d, int precision, char format)
{
    if (format == 'e' || format == 'E') {
        write_exponent_form(out, negative, d, precision, format);
    } else if (format == 'f') {
        write_fixed_form(out, negative, d, precision);
    } else {
        int exponent_precision = precision;
        if (exponent_precision > d->count && d->count >= d->point)
            exponent_precision = d->count;
        if (shortest)
            exponent_precision = 6;
        int exponent = d->point - 1;
        if (exponent < -4 || exponent >= exponent_precision) {
            if (precision > d->count)
                precision = d->count;
            write_exponent_form(out, negative, d, precision - 1, (char)(format + 'e' - 'g'));
            return;
        }
        if (precision > d->point)
            precision = d->count;
        write_fixed_form(out, negative, d, precision - d->point > 0 ? precision - d->point : 0);
    }
}

/* mantissa p exponent, the exact binary value (%b). */
static void write_binary_form(gotmpl_buffer *out, int negative, uint64_t mantissa, int exponent)
{
    gotmpl_buffer_printf(out, "%s%llup%s%d", negative ? "-" : "", (unsigned long long)mantissa, exponent - 52 >= 0 ? "+" : "",
                         exponent - 52);
}

/* Rounds the 60-bit-aligned mantissa to `precision` hex digits, half to even. */
static void round_hex_mantissa(uint64_t *mantissa, int *exponent, int precision)
{
    unsigned shift = (unsigned)precision * 4;
    uint64_t extra = (*mantissa << shift) & ((UINT64_C(1) << 60) - 1);
    *mantissa >>= 60 - shift;
    if ((extra | (*mantissa & 1)) > (UINT64_C(1) << 59))
        (*mantissa)++;
    *mantissa <<= 60 - shift;
    if (*mantissa & (UINT64_C(1) << 61)) {
        *mantissa >>= 1;
        (*exponent)++;
    }
}

/* -0x1.8p+01 (%x, %X). */
static void write_hex_form(gotmpl_buffer *out, int negative, uint64_t mantissa, int exponent, int precision, char format)
{
    const char *hex = format == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    if (mantissa == 0)
        exponent = 0;
    mantissa <<= 60 - 52;
    while (mantissa != 0 && (mantissa & (UINT64_C(1) << 60)) == 0) {
        mantissa <<= 1;
        exponent--;
    }
    if (precision >= 0 && precision < 15)
        round_hex_mantissa(&mantissa, &exponent, precision);
    gotmpl_buffer_printf(out, "%s0%c%c", negative ? "-" : "", format, (char)('0' + ((mantissa >> 60) & 1)));
    mantissa <<= 4;
    if (precision < 0 && mantissa != 0) {
        gotmpl_buffer_putc(out, '.');
        for (; mantissa != 0; mantissa <<= 4)
            gotmpl_buffer_putc(out, hex[(mantissa >> 60) & 15]);
    } else if (precision > 0) {
        gotmpl_buffer_putc(out, '.');
        for (int i = 0; i < precision; i++, mantissa <<= 4)
            gotmpl_buffer_putc(out, hex[(mantissa >> 60) & 15]);
    }
    gotmpl_buffer_printf(out, "%c%c%02d", format == 'X' ? 'P' : 'p', exponent < 0 ? '-' : '+',
                         exponent < 0 ? -exponent : exponent);
}

void gotmpl_fmt_append_float(gotmpl_buffer *out, double value, char format, int precision)
{
    if (isnan(value)) {
        gotmpl_buffer_puts(out, "NaN");
        return;
    }
    int negative = signbit(value) != 0;
    if (isinf(value)) {
        gotmpl_buffer_puts(out, negative ? "-Inf" : "+Inf");
        return;
    }
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    int biased = (int)((bits >> 52) & 0x7FF);
    uint64_t mantissa = bits & ((UINT64_C(1) << 52) - 1);
    int exponent = biased ? biased - 1023 : 1 - 1023;
    if (biased)
        mantissa |= UINT64_C(1) << 52;
    if (format == 'b') {
        write_binary_form(out, negative, mantissa, exponent);
        return;
    }
    if (format == 'x' || format == 'X') {
        write_hex_form(out, negative, mantissa, exponent, precision, format);
        return;
    }
    int shortest = precision < 0;
    decimal d;
    d.count = d.point = 0;
    if (mantissa == 0) {
        write_digits(out, shortest, negative, &d, precision, format);
        return;
    }
    double magnitude = fabs(value);
    if (shortest) {
        decimal_shortest(&d, magnitude);
        if (format == 'e' || format == 'E')
            precision = d.count - 1 > 0 ? d.count - 1 : 0;
        else if (format == 'f')
            precision = d.count - d.point > 0 ? d.count - d.point : 0;
        else
            precision = d.count;
    } else if (format == 'f') {
        /* C's %.Nf rounds exactly as strconv does (half to even on the exact binary value). */
        gotmpl_buffer_printf(out, "%s%.*f", negative ? "-" : "", precision, magnitude);
        return;
    } else {
        if ((format == 'g' || format == 'G') && precision == 0)
            precision = 1;
        int significant = format == 'e' || format == 'E' ? precision + 1 : format == 'g' || format == 'G' ? precision : 1;
        decimal_rounded(&d, magnitude, significant);
    }
    write_digits(out, shortest, negative, &d, precision, format);
}
