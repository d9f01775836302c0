/* gotmpl_fmt_printf.h: the insides of Go's fmt shared by the printf files: flags, and the
 * formatting of one bool, integer, float, string or rune under them (fmt/format.go). */
#ifndef CELM_GOTMPL_FMT_PRINTF_H
#define CELM_GOTMPL_FMT_PRINTF_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_exec_buffer.h"

/* fmt's fmtFlags plus width and precision. plus_v and sharp_v are %+v and %#v (the plain plus and
 * sharp flags are cleared for the v verb). */
typedef struct gotmpl_fmt_flags {
    uint8_t width_present, precision_present;
    uint8_t minus, plus, sharp, space, zero;
    uint8_t plus_v, sharp_v;
    int width, precision;
} gotmpl_fmt_flags;

/* One formatting pass: where text goes and the flags of the verb being printed. */
typedef struct gotmpl_fmt_state {
    gotmpl_buffer *out;
    gotmpl_fmt_flags flags;
} gotmpl_fmt_state;

/* fmt's pad: text padded to the width in runes, on the left unless '-', with '0' when the zero
 * flag is set. */
void gotmpl_fmt_pad(gotmpl_fmt_state *state, const char *text, size_t len);
void gotmpl_fmt_boolean(gotmpl_fmt_state *state, int value);
/* fmtInteger: `value` is the two's complement bits when is_signed; base 2, 8, 10 or 16; verb 'O'
 * adds 0o; upper selects the hex digits. */
void gotmpl_fmt_integer(gotmpl_fmt_state *state, uint64_t value, int base, int is_signed, uint32_t verb, int upper);
void gotmpl_fmt_unicode(gotmpl_fmt_state *state, uint64_t value);          /* %U */
void gotmpl_fmt_character(gotmpl_fmt_state *state, uint64_t value);        /* %c */
void gotmpl_fmt_quoted_character(gotmpl_fmt_state *state, uint64_t value); /* %q of an integer */
/* fmtFloat: strconv's `format` ('b', 'e', 'E', 'f', 'g', 'G', 'x', 'X') at `precision` (-1:
 * shortest) unless one was given, then the sign, '#', and padding rules. */
void gotmpl_fmt_float(gotmpl_fmt_state *state, double value, char format, int precision);
void gotmpl_fmt_string(gotmpl_fmt_state *state, const char *text, size_t len);          /* %s */
void gotmpl_fmt_quoted_string(gotmpl_fmt_state *state, const char *text, size_t len);   /* %q */
void gotmpl_fmt_hex_string(gotmpl_fmt_state *state, const char *text, size_t len, int upper); /* %x */

/* strconv.AppendFloat(value, format, precision, 64): NaN, +Inf, -Inf, and the formats above. */
void gotmpl_fmt_append_float(gotmpl_buffer *out, double value, char format, int precision);

#endif
