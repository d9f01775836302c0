/* gotmpl_funcs_sprig_convert.c: Sprig's conversions (atoi, int, int64, float64, toString, toDecimal,
 * toStrings) and the strval, spf13/cast and strconv rules every Sprig group converts with. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_fmt.h"
#include "gotmpl_sprig.h"

/* --- strconv ----------------------------------------------------------------------------------- */
static int lower(int c)
{
    return c | 0x20;
}

/* strconv's underscoreOK: underscores only between digits, or between a base prefix and a digit. */
static int underscores_ok(const char *text, size_t len)
{
    char saw = '^';
    size_t i = 0;
    int hex = 0;
    if (len >= 1 && (text[0] == '-' || text[0] == '+'))
        text++, len--;
    if (len >= 2 && text[0] == '0' && (lower(text[1]) == 'b' || lower(text[1]) == 'o' || lower(text[1]) == 'x')) {
        i = 2;
        saw = '0';
        hex = lower(text[1]) == 'x';
    }
    for (; i < len; i++) {
        char c = text[i];
        if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
            saw = '0';
        } else if (c == '_') {
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

/* strconv.ParseUint(text, base, 64); on overflow it stops at once with the maximum. */
static gotmpl_sprig_parse_status parse_unsigned(const char *text, size_t len, int base, uint64_t *out)
{
    const char *whole = text;
    size_t whole_len = len;
    int base_zero = base == 0, underscores = 0;
    *out = 0;
    if (len == 0)
        return GOTMPL_SPRIG_SYNTAX_ERROR;
    if (base_zero) {
        size_t prefix_len = 0;
        int prefix = len >= 3 ? lower(text[1]) : 0;
        base = 10;
        if (text[0] == '0' && (prefix == 'b' || prefix == 'o' || prefix == 'x'))
            base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : 16, prefix_len = 2;
        else if (text[0] == '0')
            base = 8, prefix_len = 1;
        text += prefix_len;
        len -= prefix_len;
    }
    uint64_t cutoff = UINT64_MAX / (uint64_t)base + 1, value = 0;
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)text[i], digit;
        if (c == '_' && base_zero) {
            underscores = 1;
            continue;
        }
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (lower(c) >= 'a' && lower(c) <= 'z')
            digit = lower(c) - 'a' + 10;
        else
            return GOTMPL_SPRIG_SYNTAX_ERROR;
        if (digit >= base)
            return GOTMPL_SPRIG_SYNTAX_ERROR;
        if (value >= cutoff || value * (uint64_t)base > UINT64_MAX - (uint64_t)digit) {
            *out = UINT64_MAX;
            return GOTMPL_SPRIG_RANGE_ERROR;
        }
        value = value * (uint64_t)base + (uint64_t)digit;
    }
    if (underscores && !underscores_ok(whole, whole_len))
        return GOTMPL_SPRIG_SYNTAX_ERROR;
    *out = value;
    return GOTMPL_SPRIG_PARSED;
}

gotmpl_sprig_parse_status gotmpl_sprig_parse_int(const char *text, size_t len, int base, int64_t *out)
{
    int negative = 0;
    uint64_t magnitude;
    *out = 0;
    if (len == 0)
        return GOTMPL_SPRIG_SYNTAX_ERROR;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        text++, len--;
    }
    gotmpl_sprig_parse_status status = parse_unsigned(text, len, base, &magnitude);
    if (status == GOTMPL_SPRIG_SYNTAX_ERROR)
        return status;
    if (!negative && magnitude >= (uint64_t)1 << 63) {
        *out = INT64_MAX;
        return GOTMPL_SPRIG_RANGE_ERROR;
    }
    if (negative && magnitude > (uint64_t)1 << 63) {
        *out = INT64_MIN;
        return GOTMPL_SPRIG_RANGE_ERROR;
    }
    *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    return status;
}

static size_t common_prefix_ignoring_case(const char *text, size_t len, const char *word)
{
    size_t n = 0;
    while (n < len && word[n] && lower((unsigned char)text[n]) == word[n])
        n++;
    return n;
}

/* strconv's special: inf, infinity (signed) and nan, which must make up the whole text. */
static int parse_special(const char *text, size_t len, double *out)
{
    size_t sign = len && (text[0] == '+' || text[0] == '-');
    size_t n = common_prefix_ignoring_case(text + sign, len - sign, "infinity");
    if (n > 3 && n < 8)
        n = 3;
    if ((n == 3 || n == 8) && sign + n == len) {
        *out = sign && text[0] == '-' ? -INFINITY : INFINITY;
        return 1;
    }
    if (!sign && len == 3 && common_prefix_ignoring_case(text, len, "nan") == 3) {
        *out = NAN;
        return 1;
    }
    return 0;
}

static size_t skip_digits(const char *text, size_t len, size_t i, int hex, int *saw_digits)
{
    for (; i < len; i++) {
        char c = text[i];
        if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f'))
            *saw_digits = 1;
        else if (c != '_')
            break;
    }
    return i;
}

/* strconv's readFloat grammar: sign, digits with one dot, an exponent (required after 0x). */
static int float_syntax_ok(const char *text, size_t len)
{
    size_t i = len && (text[0] == '+' || text[0] == '-');
    int hex = i + 2 < len && text[i] == '0' && lower(text[i + 1]) == 'x', saw_digits = 0;
    i += hex ? 2 : 0;
    i = skip_digits(text, len, i, hex, &saw_digits);
    if (i < len && text[i] == '.')
        i = skip_digits(text, len, i + 1, hex, &saw_digits);
    if (!saw_digits)
        return 0;
    if (i < len && lower(text[i]) == (hex ? 'p' : 'e')) {
        i++;
        if (i < len && (text[i] == '+' || text[i] == '-'))
            i++;
        if (i >= len || text[i] < '0' || text[i] > '9')
            return 0;
        while (i < len && ((text[i] >= '0' && text[i] <= '9') || text[i] == '_'))
            i++;
    } else if (hex) {
        return 0;
    }
    return i == len && (!memchr(text, '_', len) || underscores_ok(text, len));
}

gotmpl_sprig_parse_status gotmpl_sprig_parse_float(const char *text, size_t len, double *out)
{
    *out = 0;
    if (parse_special(text, len, out))
        return GOTMPL_SPRIG_PARSED;
    if (!float_syntax_ok(text, len))
        return GOTMPL_SPRIG_SYNTAX_ERROR;
    char digits[128], *copy = len < sizeof digits ? digits : malloc(len + 1);
    if (!copy)
        return GOTMPL_SPRIG_SYNTAX_ERROR;
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] != '_')
            copy[n++] = text[i];
    copy[n] = '\0';
    double value = strtod(copy, NULL);
    if (copy != digits)
        free(copy);
    *out = value;
    return isinf(value) ? GOTMPL_SPRIG_RANGE_ERROR : GOTMPL_SPRIG_PARSED;
}

/* --- spf13/cast -------------------------------------------------------------------------------- */
int64_t gotmpl_sprig_float_to_int64(double real)
{
    /* CVTTSD2SQ, what Go's conversion compiles to on amd64, answers 1 << 63 when it cannot. */
    if (isnan(real) || real >= 9223372036854775808.0 || real < -9223372036854775808.0)
        return INT64_MIN;
    return (int64_t)real;
}

/* cast's trimZeroDecimal: "12.000" reads as "12"; "12.50" stays. */
static size_t without_zero_decimals(const char *text, size_t len)
{
    int saw_zero = 0;
    for (size_t i = len; i > 0; i--) {
        if (text[i - 1] == '.') {
            if (saw_zero)
                return i - 1;
        } else if (text[i - 1] == '0') {
            saw_zero = 1;
        } else {
            return len;
        }
    }
    return len;
}

int64_t gotmpl_sprig_to_int64(const gotmpl_value *value)
{
    int64_t parsed;
    switch (value->type) {
    case GT_BOOL: return value->as.boolean ? 1 : 0;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: return value->as.integer;
    case GT_UINT32: case GT_UINT64: return (int64_t)value->as.unsigned_integer;
    case GT_FLOAT64: return gotmpl_sprig_float_to_int64(value->as.real);
    case GT_STRING: {
        size_t len = without_zero_decimals(value->as.string.data, value->as.string.len);
        if (gotmpl_sprig_parse_int(value->as.string.data, len, 0, &parsed) != GOTMPL_SPRIG_PARSED)
            return 0;
        return parsed;
    }
    default: return 0;
    }
}

double gotmpl_sprig_to_float64(const gotmpl_value *value)
{
    double parsed;
    switch (value->type) {
    case GT_BOOL: return value->as.boolean ? 1 : 0;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: return (double)value->as.integer;
    case GT_UINT32: case GT_UINT64: return (double)value->as.unsigned_integer;
    case GT_FLOAT64: return value->as.real;
    case GT_STRING:
        if (gotmpl_sprig_parse_float(value->as.string.data, value->as.string.len, &parsed) != GOTMPL_SPRIG_PARSED)
            return 0;
        return parsed;
    default: return 0;
    }
}

int gotmpl_sprig_strval(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out)
{
    if (value->type == GT_STRING || value->type == GT_BYTES) {
        *out = value->as.string;
        return CELM_OK;
    }
    return gotmpl_fmt_value(runtime, value, out);
}

/* Sprig's strslice: []string as it is, other slices element by element (nil elements dropped),
 * nil as an empty list, anything else as a one-element list. */
int gotmpl_sprig_strslice(gotmpl_runtime *runtime, const gotmpl_value *value, gotmpl_value *out)
{
    if (value->type == GT_STRING_LIST) {
        *out = *value;
        return CELM_OK;
    }
    size_t count = gotmpl_sprig_is_slice(value) ? gotmpl_sprig_slice_len(value) : 1;
    *out = gotmpl_list_new(runtime, GT_STRING_LIST, count);
    if (out->type != GT_STRING_LIST)
        return CELM_ENOMEM;
    if (value->type == GT_NIL)
        return CELM_OK;
    for (size_t i = 0; i < count; i++) {
        gotmpl_value item = gotmpl_sprig_is_slice(value) ? gotmpl_sprig_slice_item(runtime, value, i) : *value;
        celm_string text;
        if (item.type == GT_NIL)
            continue;
        if (gotmpl_sprig_strval(runtime, &item, &text) != CELM_OK ||
            gotmpl_list_append(runtime, out->as.list, gotmpl_string(text.data, text.len)) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

/* --- the functions ----------------------------------------------------------------------------- */
static int atoi_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    int64_t parsed;
    /* strconv.Atoi: the error is dropped, but a number out of range still comes back clamped. */
    gotmpl_sprig_parse_int(args[0].as.string.data, args[0].as.string.len, 10, &parsed);
    *out = gotmpl_int(GT_INT, parsed);
    return CELM_OK;
}

static int int_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_int(GT_INT, gotmpl_sprig_to_int64(&args[0]));
    return CELM_OK;
}

static int int64_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_int(GT_INT64, gotmpl_sprig_to_int64(&args[0]));
    return CELM_OK;
}

static int float64_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_float(gotmpl_sprig_to_float64(&args[0]));
    return CELM_OK;
}

static int to_string_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text;
    if (gotmpl_sprig_strval(gotmpl_call_runtime(call), &args[0], &text) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    *out = gotmpl_string(text.data, text.len);
    return CELM_OK;
}

/* toDecimal: fmt.Sprint of the value read as an octal number; 0 when it is not one. */
static int to_decimal_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text;
    int64_t parsed;
    if (gotmpl_fmt_value(gotmpl_call_runtime(call), &args[0], &text) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    if (gotmpl_sprig_parse_int(text.data, text.len, 8, &parsed) != GOTMPL_SPRIG_PARSED)
        parsed = 0;
    *out = gotmpl_int(GT_INT64, parsed);
    return CELM_OK;
}

static int to_strings_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    if (gotmpl_sprig_strslice(gotmpl_call_runtime(call), &args[0], out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

static const gotmpl_func convert_functions[] = {
    {"atoi", atoi_impl, 1, 0, {GT_STRING}, GT_INT, 0},
    {"int", int_impl, 1, 0, {GT_ANY}, GT_INT, 0},
    {"int64", int64_impl, 1, 0, {GT_ANY}, GT_INT64, 0},
    {"float64", float64_impl, 1, 0, {GT_ANY}, GT_FLOAT64, 0},
    {"toString", to_string_impl, 1, 0, {GT_ANY}, GT_STRING, 0},
    {"toDecimal", to_decimal_impl, 1, 0, {GT_ANY}, GT_INT64, 0},
    {"toStrings", to_strings_impl, 1, 0, {GT_ANY}, GT_STRING_LIST, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_convert = {"sprig/convert", convert_functions};
