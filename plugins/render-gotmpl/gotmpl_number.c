/* gotmpl_number.c: number and character constants, valued the way Go's parse.newNumber does it
 * (strconv's integer and float syntax, fmt's complex scanning, Go's "ideal constant" flags). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_number.h"

#define TWO_TO_63 9223372036854775808.0
#define TWO_TO_64 18446744073709551616.0

static char lower(char c)
{
    return (char)(c | 0x20);
}

/* strconv's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
static int underscores_ok(const char *s, size_t len)
{
    char saw = '^';
    size_t i = 0;
    if (len >= 1 && (s[0] == '-' || s[0] == '+')) {
        s++;
        len--;
    }
    int hex = 0;
    if (len >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
        i = 2;
        saw = '0';
        hex = lower(s[1]) == 'x';
    }
    for (; i < len; i++) {
        if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
            saw = '0';
        } else if (s[i] == '_') {
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

/* Returns 0, -1 (syntax) or -2 (range). */
int celm_gotmpl_parse_uint64(const char *text, size_t len, uint64_t *out)
{
    const char *s = text;
    size_t n = len;
    unsigned base = 10;
    *out = 0;
    if (len == 0)
        return -1;
    if (s[0] == '0') {
        char prefix = n >= 3 ? lower(s[1]) : 0;
        size_t prefix_len = 2;
        if (prefix == 'b')
            base = 2;
        else if (prefix == 'o')
            base = 8;
        else if (prefix == 'x')
            base = 16;
        else
            base = 8, prefix_len = 1;   /* a leading 0 alone means octal */
        s += prefix_len;
        n -= prefix_len;
    }
    uint64_t cutoff = UINT64_MAX / base + 1, value = 0;
    int underscores = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned digit;
        if (s[i] == '_') {
            underscores = 1;
            continue;
        } else if (s[i] >= '0' && s[i] <= '9') {
            digit = (unsigned)(s[i] - '0');
        } else if (lower(s[i]) >= 'a' && lower(s[i]) <= 'z') {
            digit = (unsigned)(lower(s[i]) - 'a' + 10);
        } else {
            return -1;
        }
        if (digit >= base)
            return -1;
        if (value >= cutoff)
            return -2;
        uint64_t shifted = value * base;
        if (shifted + digit < shifted)
            return -2;
        value = shifted + digit;
    }
    if (underscores && !underscores_ok(text, len))
        return -1;
    *out = value;
    return 0;
}

int celm_gotmpl_parse_int64(const char *text, size_t len, int64_t *out)
{
    int negative = len > 0 && text[0] == '-';
    size_t skip = len > 0 && (text[0] == '-' || text[0] == '+');
    uint64_t magnitude;
    *out = 0;
    int status = celm_gotmpl_parse_uint64(text + skip, len - skip, &magnitude);
    if (status == -1)
        return -1;
    if (status == -2 || (!negative && magnitude >= (uint64_t)1 << 63) ||
        (negative && magnitude > (uint64_t)1 << 63))
        return -2;
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return 0;
}

/* strconv's special(): "inf", "infinity" (signed) and "nan", any case; returns bytes matched. */
static size_t special_float(const char *s, size_t len, double *out)
{
    size_t sign = len > 0 && (s[0] == '+' || s[0] == '-');
    if (len > 0 && (s[0] == 'n' || s[0] == 'N')) {
        if (len >= 3 && lower(s[1]) == 'a' && lower(s[2]) == 'n') {
            *out = NAN;
            return 3;
        }
        return 0;
    }
    static const char infinity[] = "infinity";
    size_t n = 0;
    while (n < 8 && sign + n < len && lower(s[sign + n]) == infinity[n])
        n++;
    if (n > 3 && n < 8)
        n = 3;
    if (n != 3 && n != 8)
        return 0;
    *out = sign && s[0] == '-' ? -INFINITY : INFINITY;
    return sign + n;
}

/* strconv's readFloat grammar without the arithmetic: returns the bytes that form a float, 0 if none. */
static size_t float_syntax_length(const char *s, size_t len)
{
    size_t i = 0;
    int hex = 0, saw_digits = 0, saw_dot = 0, underscores = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i + 2 < len && s[i] == '0' && lower(s[i + 1]) == 'x') {
        hex = 1;
        i += 2;
    }
    for (; i < len; i++) {
        char c = s[i];
        if (c == '_')
            underscores = 1;
        else if (c == '.' && !saw_dot)
            saw_dot = 1;
        else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f'))
            saw_digits = 1;
        else
            break;
    }
    if (!saw_digits)
        return 0;
    if (i < len && lower(s[i]) == (hex ? 'p' : 'e')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= len || s[i] < '0' || s[i] > '9')
            return 0;
        for (; i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            underscores |= s[i] == '_';
    } else if (hex) {
        return 0;   /* a hexadecimal mantissa needs a 'p' exponent */
    }
    if (underscores && !underscores_ok(s, i))
        return 0;
    return i;
}

int celm_gotmpl_parse_float64(const char *text, size_t len, double *out)
{
    *out = 0;
    if (len == 0)
        return -1;
    if (special_float(text, len, out) == len)
        return 0;
    if (float_syntax_length(text, len) != len)
        return -1;
    char small[128];
    char *digits = len < sizeof small ? small : malloc(len + 1);
    if (!digits)
        return -1;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '_')
            digits[n++] = text[i];
    digits[n] = '\0';
    *out = strtod(digits, NULL);
    if (digits != small)
        free(digits);
    return isinf(*out) ? -2 : 0;
}

static int exact_int64(double value, int64_t *out)
{
    if (!(value >= -TWO_TO_63 && value < TWO_TO_63) || (double)(int64_t)value != value)
        return 0;
    *out = (int64_t)value;
    return 1;
}

static int exact_uint64(double value, uint64_t *out)
{
    if (!(value >= 0 && value < TWO_TO_64) || (double)(uint64_t)value != value)
        return 0;
    *out = (uint64_t)value;
    return 1;
}

/* Go's simplifyComplex: a complex number with no imaginary part is also a float, maybe an integer. */
static void simplify_complex(celm_gotmpl_number *number)
{
    number->flags = CELM_GOTMPL_NUMBER_COMPLEX;
    if (number->complex_imag != 0)
        return;
    number->flags |= CELM_GOTMPL_NUMBER_FLOAT;
    number->float64 = number->complex_real;
    if (exact_int64(number->float64, &number->int64))
        number->flags |= CELM_GOTMPL_NUMBER_INT;
    if (exact_uint64(number->float64, &number->uint64))
        number->flags |= CELM_GOTMPL_NUMBER_UINT;
}

static int evaluate_character(celm_gotmpl_number *number, const char *text, size_t len,
                              celm_gotmpl_sink *error)
{
    uint32_t rune;
    int is_multibyte;
    size_t consumed;
    if (celm_gotmpl_unquote_char(text + 1, len - 1, '\'', &rune, &is_multibyte, &consumed) < 0) {
        celm_gotmpl_sink_puts(error, "invalid syntax");
        return -1;
    }
    if (len - 1 - consumed != 1 || text[len - 1] != '\'') {
        celm_gotmpl_sink_puts(error, "malformed character constant: ");
        celm_gotmpl_sink_write(error, text, len);
        return -1;
    }
    number->flags = CELM_GOTMPL_NUMBER_INT | CELM_GOTMPL_NUMBER_UINT | CELM_GOTMPL_NUMBER_FLOAT;
    number->int64 = rune;
    number->uint64 = rune;
    number->float64 = rune;
    return 0;
}

/* fmt's scanner state for one complex number: the input and the token read so far. */
typedef struct complex_scan {
    const char *text;
    size_t len;
    size_t pos;
    size_t token_start;
} complex_scan;

static int scan_accept(complex_scan *scan, const char *valid)
{
    if (scan->pos >= scan->len || scan->text[scan->pos] == '\0' || !strchr(valid, scan->text[scan->pos]))
        return 0;
    scan->pos++;
    return 1;
}

/* fmt's floatToken: NaN, a signed Inf, or digits with fraction and exponent. */
static void scan_float_token(complex_scan *scan)
{
    scan->token_start = scan->pos;
    if (scan_accept(scan, "nN") && scan_accept(scan, "aA") && scan_accept(scan, "nN"))
        return;
    scan_accept(scan, "+-");
    if (scan_accept(scan, "iI") && scan_accept(scan, "nN") && scan_accept(scan, "fF"))
        return;
    const char *digits = "0123456789_", *exponent = "eEpP";
    if (scan_accept(scan, "0") && scan_accept(scan, "xX")) {
        digits = "0123456789aAbBcCdDeEfF_";
        exponent = "pP";
    }
    while (scan_accept(scan, digits))
        ;
    if (scan_accept(scan, "."))
        while (scan_accept(scan, digits))
            ;
    if (scan_accept(scan, exponent)) {
        scan_accept(scan, "+-");
        while (scan_accept(scan, "0123456789_"))
            ;
    }
}

/* fmt's convertFloat (the lexer never lets a decimal number carry a 'p' exponent). */
static int convert_float(const char *text, size_t len, double *out, celm_gotmpl_sink *error)
{
    int status = celm_gotmpl_parse_float64(text, len, out);
    if (status == 0)
        return 0;
    celm_gotmpl_sink_puts(error, "strconv.ParseFloat: parsing ");
    celm_gotmpl_quote(error, text, len);
    celm_gotmpl_sink_puts(error, status == -2 ? ": value out of range" : ": invalid syntax");
    return -1;
}

/* "1+2i" as fmt.Sscan reads a complex128. */
static int evaluate_pair(celm_gotmpl_number *number, const char *text, size_t len,
                         celm_gotmpl_sink *error)
{
    complex_scan scan = {text, len, 0, 0};
    int parens = scan_accept(&scan, "(");
    scan_float_token(&scan);
    size_t real_start = scan.token_start, real_end = scan.pos;
    size_t sign = scan.pos;
    if (!scan_accept(&scan, "+-"))
        goto syntax_error;
    scan_float_token(&scan);
    size_t imag_end = scan.pos;
    if (!scan_accept(&scan, "i") || (parens && !scan_accept(&scan, ")")))
        goto syntax_error;
    /* The imaginary part is its sign and the float token right after it. */
    const char *imaginary = text + sign;
    size_t imag_len = imag_end - sign;
    if (convert_float(text + real_start, real_end - real_start, &number->complex_real, error) < 0 ||
        convert_float(imaginary, imag_len, &number->complex_imag, error) < 0)
        return -1;
    simplify_complex(number);
    return 0;
syntax_error:
    celm_gotmpl_sink_puts(error, "syntax error scanning complex number");
    return -1;
}

static int contains_any(const char *text, size_t len, const char *set)
{
    for (size_t i = 0; i < len; i++)
        if (strchr(set, text[i]))
            return 1;
    return 0;
}

/* A float that is not an integer literal; huge integers without '.', 'e' or 'p' overflow. */
static int evaluate_float(celm_gotmpl_number *number, const char *text, size_t len,
                          celm_gotmpl_sink *error)
{
    double value;
    if (celm_gotmpl_parse_float64(text, len, &value) != 0)
        return 0;
    if (!contains_any(text, len, ".eEpP")) {
        celm_gotmpl_sink_puts(error, "integer overflow: ");
        celm_gotmpl_quote(error, text, len);
        return -1;
    }
    number->flags |= CELM_GOTMPL_NUMBER_FLOAT;
    number->float64 = value;
    if (!(number->flags & CELM_GOTMPL_NUMBER_INT) && exact_int64(value, &number->int64))
        number->flags |= CELM_GOTMPL_NUMBER_INT;
    if (!(number->flags & CELM_GOTMPL_NUMBER_UINT) && exact_uint64(value, &number->uint64))
        number->flags |= CELM_GOTMPL_NUMBER_UINT;
    return 0;
}

static int evaluate_plain(celm_gotmpl_number *number, const char *text, size_t len,
                          celm_gotmpl_sink *error)
{
    double imaginary;
    if (len > 0 && text[len - 1] == 'i' && celm_gotmpl_parse_float64(text, len - 1, &imaginary) == 0) {
        number->complex_real = 0;
        number->complex_imag = imaginary;
        simplify_complex(number);
        return 0;
    }
    if (celm_gotmpl_parse_uint64(text, len, &number->uint64) == 0)
        number->flags |= CELM_GOTMPL_NUMBER_UINT;
    if (celm_gotmpl_parse_int64(text, len, &number->int64) == 0) {
        number->flags |= CELM_GOTMPL_NUMBER_INT;
        if (number->int64 == 0) {   /* "-0" is an unsigned zero too */
            number->flags |= CELM_GOTMPL_NUMBER_UINT;
            number->uint64 = 0;
        }
    }
    if (number->flags & CELM_GOTMPL_NUMBER_INT) {
        number->flags |= CELM_GOTMPL_NUMBER_FLOAT;
        number->float64 = (double)number->int64;
    } else if (number->flags & CELM_GOTMPL_NUMBER_UINT) {
        number->flags |= CELM_GOTMPL_NUMBER_FLOAT;
        number->float64 = (double)number->uint64;
    } else if (evaluate_float(number, text, len, error) < 0) {
        return -1;
    }
    if (!number->flags) {
        celm_gotmpl_sink_puts(error, "illegal number syntax: ");
        celm_gotmpl_quote(error, text, len);
        return -1;
    }
    return 0;
}

int celm_gotmpl_number_evaluate(celm_gotmpl_number *number, const char *text, size_t len,
                                celm_gotmpl_number_syntax syntax, celm_gotmpl_sink *error)
{
    number->flags = 0;
    number->int64 = 0;
    number->uint64 = 0;
    number->float64 = 0;
    number->complex_real = number->complex_imag = 0;
    number->text.data = text;
    number->text.len = len;
    switch (syntax) {
    case CELM_GOTMPL_NUMBER_CHARACTER:
        return evaluate_character(number, text, len, error);
    case CELM_GOTMPL_NUMBER_PAIR:
        return evaluate_pair(number, text, len, error);
    case CELM_GOTMPL_NUMBER_PLAIN:
        break;
    }
    return evaluate_plain(number, text, len, error);
}
