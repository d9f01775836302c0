/* gotmpl_fmt_printf_verbs.c: Go's fmt formatting of one bool, integer, float, string or rune under
 * the flags, width and precision of a verb (the behaviour of fmt/format.go). */
#include <string.h>

#include "gotmpl_fmt_printf.h"
#include "gotmpl_unicode.h"

static const char lower_digits[] = "0123456789abcdefx";
static const char upper_digits[] = "0123456789ABCDEFX";

static size_t rune_count(const char *text, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; count++) {
        size_t width = 1;
        if ((unsigned char)text[i] >= 0x80)
            celm_gotmpl_utf8_decode(text + i, len - i, &width);
        i += width;
    }
    return count;
}

/* fmt's writePadding: zeros only to the left. */
static void padding(gotmpl_fmt_state *state, long count)
{
    gotmpl_fmt_flags *f = &state->flags;
    gotmpl_buffer_fill(state->out, f->zero && !f->minus ? '0' : ' ', count);
}

void gotmpl_fmt_pad(gotmpl_fmt_state *state, const char *text, size_t len)
{
    gotmpl_fmt_flags *f = &state->flags;
    if (!f->width_present || f->width == 0) {
        gotmpl_buffer_put(state->out, text, len);
        return;
    }
    long width = (long)f->width - (long)rune_count(text, len);
    if (!f->minus)
        padding(state, width);
    gotmpl_buffer_put(state->out, text, len);
    if (f->minus)
        padding(state, width);
}

/* Pads with spaces even under the zero flag (numbers place their own zeros). */
static void pad_without_zeros(gotmpl_fmt_state *state, const char *text, size_t len)
{
    uint8_t zero = state->flags.zero;
    state->flags.zero = 0;
    gotmpl_fmt_pad(state, text, len);
    state->flags.zero = zero;
}

/* Pads a scratch buffer's text; the scratch lives in the arena like everything else. */
static void pad_scratch(gotmpl_fmt_state *state, gotmpl_buffer *scratch, int zeros_allowed)
{
    celm_string text;
    if (gotmpl_buffer_finish(scratch, &text) != CELM_OK) {
        state->out->failed = 1;
        return;
    }
    if (zeros_allowed)
        gotmpl_fmt_pad(state, text.data, text.len);
    else
        pad_without_zeros(state, text.data, text.len);
}

void gotmpl_fmt_boolean(gotmpl_fmt_state *state, int value)
{
    gotmpl_fmt_pad(state, value ? "true" : "false", value ? 4 : 5);
}

void gotmpl_fmt_unicode(gotmpl_fmt_state *state, uint64_t value)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, state->out->runtime);
    int precision = state->flags.precision_present && state->flags.precision > 4 ? state->flags.precision : 4;
    char hex[16];
    int count = 0;
    for (uint64_t rest = value; count == 0 || rest; rest >>= 4)
        hex[count++] = upper_digits[rest & 0xF];
    gotmpl_buffer_puts(&text, "U+");
    gotmpl_buffer_fill(&text, '0', precision - count);
    while (count > 0)
        gotmpl_buffer_putc(&text, hex[--count]);
    if (state->flags.sharp && value <= CELM_GOTMPL_RUNE_MAX && celm_gotmpl_rune_is_print((uint32_t)value)) {
        gotmpl_buffer_puts(&text, " '");
        gotmpl_buffer_put_rune(&text, (uint32_t)value);
        gotmpl_buffer_putc(&text, '\'');
    }
    pad_scratch(state, &text, 0);
}

/* Sign, 0o for %O, then the base prefix of the sharp flag. */
static void integer_prefix(gotmpl_buffer *text, const gotmpl_fmt_flags *f, int negative, int base, uint32_t verb,
                           const char *digits, int starts_with_zero)
{
    if (negative)
        gotmpl_buffer_putc(text, '-');
    else if (f->plus)
        gotmpl_buffer_putc(text, '+');
    else if (f->space)
        gotmpl_buffer_putc(text, ' ');
    if (verb == 'O')
        gotmpl_buffer_puts(text, "0o");
    if (f->sharp && base == 2) {
        gotmpl_buffer_puts(text, "0b");
    } else if (f->sharp && base == 8 && !starts_with_zero) {
        gotmpl_buffer_putc(text, '0');
    } else if (f->sharp && base == 16) {
        gotmpl_buffer_putc(text, '0');
        gotmpl_buffer_putc(text, digits[16]);
    }
}

void gotmpl_fmt_integer(gotmpl_fmt_state *state, uint64_t value, int base, int is_signed, uint32_t verb, int upper)
{
    gotmpl_fmt_flags *f = &state->flags;
    const char *digits = upper ? upper_digits : lower_digits;
    int negative = is_signed && (int64_t)value < 0;
    if (negative)
        value = 0 - value;
    long precision = 0;
    if (f->precision_present) {
        precision = f->precision;
        if (precision == 0 && value == 0) {     /* nothing but the padding */
            gotmpl_buffer_fill(state->out, ' ', f->width);
            return;
        }
    } else if (f->zero && !f->minus && f->width_present) {
        precision = f->width;
        if (negative || f->plus || f->space)
            precision--;
    }
    char number[64];
    size_t start = sizeof number;
    do {
        number[--start] = digits[value % (uint64_t)base];
        value /= (uint64_t)base;
    } while (value);
    size_t count = sizeof number - start;
    int zero_filled = precision > (long)count;
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, state->out->runtime);
    integer_prefix(&text, f, negative, base, verb, digits, zero_filled || number[start] == '0');
    if (zero_filled)
        gotmpl_buffer_fill(&text, '0', precision - (long)count);
    gotmpl_buffer_put(&text, number + start, count);
    pad_scratch(state, &text, 0);
}

static uint32_t rune_of(uint64_t value)
{
    return value > CELM_GOTMPL_RUNE_MAX ? CELM_GOTMPL_RUNE_ERROR : (uint32_t)value;
}

void gotmpl_fmt_character(gotmpl_fmt_state *state, uint64_t value)
{
    char encoded[4];
    gotmpl_fmt_pad(state, encoded, celm_gotmpl_utf8_encode(rune_of(value), encoded));
}

void gotmpl_fmt_quoted_character(gotmpl_fmt_state *state, uint64_t value)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, state->out->runtime);
    gotmpl_buffer_quote_rune(&text, rune_of(value), state->flags.plus);
    pad_scratch(state, &text, 1);
}

/* --- floats ------------------------------------------------------------------------------------ */
/* The '#' flag: keep a decimal point, and for %g the trailing zeros up to the precision. */
static void float_alternate_form(gotmpl_buffer *number, char format, int precision)
{
    int digits = 0;
    if (format == 'g' || format == 'G' || format == 'x')
        digits = precision == -1 ? 6 : precision;
    char tail[16] = "";
    size_t tail_len = 0, end = number->len;
    int has_point = 0, seen_nonzero = 0;
    for (size_t i = 1; i < end; i++) {
        char c = number->data[i];
        if (c == '.') {
            has_point = 1;
        } else if (c == 'p' || c == 'P' || ((c == 'e' || c == 'E') && format != 'x' && format != 'X')) {
            tail_len = end - i < sizeof tail ? end - i : sizeof tail - 1;
            memcpy(tail, number->data + i, tail_len);
            end = i;
        } else {
            seen_nonzero |= c != '0';
            digits -= seen_nonzero;
        }
    }
    gotmpl_buffer_truncate(number, end);
    if (!has_point) {
        if (end == 2 && number->data[1] == '0')
            digits--;
        gotmpl_buffer_putc(number, '.');
    }
    gotmpl_buffer_fill(number, '0', digits);
    gotmpl_buffer_put(number, tail, tail_len);
}

void gotmpl_fmt_float(gotmpl_fmt_state *state, double value, char format, int precision)
{
    gotmpl_fmt_flags *f = &state->flags;
    if (f->precision_present)
        precision = f->precision;
    gotmpl_buffer number;   /* number.data[0] is always the sign */
    gotmpl_buffer_init(&number, state->out->runtime);
    gotmpl_buffer_putc(&number, '+');
    gotmpl_fmt_append_float(&number, value, format, precision);
    if (number.failed || number.len < 2) {
        state->out->failed = 1;
        return;
    }
    if (number.data[1] == '-' || number.data[1] == '+') {
        memmove(number.data, number.data + 1, number.len);     /* with the NUL */
        number.len--;
    }
    if (f->space && number.data[0] == '+' && !f->plus)
        number.data[0] = ' ';
    if (number.data[1] == 'I' || number.data[1] == 'N') {
        int skip_sign = number.data[1] == 'N' && !f->space && !f->plus;
        pad_without_zeros(state, number.data + skip_sign, number.len - (size_t)skip_sign);
        return;
    }
    if (f->sharp && format != 'b')
        float_alternate_form(&number, format, precision);
    if (number.failed) {
        state->out->failed = 1;
        return;
    }
    if (f->plus || number.data[0] != '+') {
        if (f->zero && !f->minus && f->width_present && (size_t)f->width > number.len) {
            gotmpl_buffer_putc(state->out, number.data[0]);
            padding(state, (long)(f->width - (int)number.len));
            gotmpl_buffer_put(state->out, number.data + 1, number.len - 1);
            return;
        }
        gotmpl_fmt_pad(state, number.data, number.len);
        return;
    }
    gotmpl_fmt_pad(state, number.data + 1, number.len - 1);
}

/* --- strings ----------------------------------------------------------------------------------- */
/* The first `precision` runes of text, when a precision was given. */
static size_t truncated_len(const gotmpl_fmt_flags *f, const char *text, size_t len)
{
    if (!f->precision_present)
        return len;
    size_t end = 0;
    for (int runes = 0; end < len && runes < f->precision; runes++) {
        size_t width = 1;
        if ((unsigned char)text[end] >= 0x80)
            celm_gotmpl_utf8_decode(text + end, len - end, &width);
        end += width;
    }
    return end;
}

void gotmpl_fmt_string(gotmpl_fmt_state *state, const char *text, size_t len)
{
    gotmpl_fmt_pad(state, text, truncated_len(&state->flags, text, len));
}

/* strconv.CanBackquote. */
static int can_backquote(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t width = 1;
        uint32_t rune = (unsigned char)text[i];
        if (rune >= 0x80)
            rune = celm_gotmpl_utf8_decode(text + i, len - i, &width);
        if (width > 1) {
            if (rune == 0xFEFF)
                return 0;
        } else if (rune == CELM_GOTMPL_RUNE_ERROR || (rune < ' ' && rune != '\t') || rune == '`' || rune == 0x7F) {
            return 0;
        }
        i += width;
    }
    return 1;
}

void gotmpl_fmt_quoted_string(gotmpl_fmt_state *state, const char *text, size_t len)
{
    len = truncated_len(&state->flags, text, len);
    gotmpl_buffer quoted;
    gotmpl_buffer_init(&quoted, state->out->runtime);
    if (state->flags.sharp && can_backquote(text, len)) {
        gotmpl_buffer_putc(&quoted, '`');
        gotmpl_buffer_put(&quoted, text, len);
        gotmpl_buffer_putc(&quoted, '`');
    } else {
        gotmpl_buffer_quote(&quoted, text, len, state->flags.plus);
    }
    pad_scratch(state, &quoted, 1);
}

void gotmpl_fmt_hex_string(gotmpl_fmt_state *state, const char *text, size_t len, int upper)
{
    gotmpl_fmt_flags *f = &state->flags;
    const char *digits = upper ? upper_digits : lower_digits;
    size_t length = len;
    if (f->precision_present && (size_t)(f->precision < 0 ? 0 : f->precision) < length)
        length = (size_t)f->precision;
    long width = 2 * (long)length;
    if (width <= 0) {
        if (f->width_present)
            padding(state, f->width);
        return;
    }
    if (f->space)
        width = (f->sharp ? width * 2 : width) + (long)length - 1;
    else if (f->sharp)
        width += 2;
    if (f->width_present && f->width > width && !f->minus)
        padding(state, f->width - width);
    for (size_t i = 0; i < length; i++) {
        if (f->sharp && (i == 0 || f->space)) {
            gotmpl_buffer_putc(state->out, '0');
            gotmpl_buffer_putc(state->out, digits[16]);
        }
        unsigned char c = (unsigned char)text[i];
        char pair[2] = {digits[c >> 4], digits[c & 0xF]};
        gotmpl_buffer_put(state->out, pair, 2);
        if (f->space && i + 1 < length)
            gotmpl_buffer_putc(state->out, ' ');
    }
    if (f->width_present && f->width > width && f->minus)
        padding(state, f->width - width);
}
