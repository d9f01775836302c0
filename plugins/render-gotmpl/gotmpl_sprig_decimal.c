/* gotmpl_sprig_decimal.c: shopspring/decimal's exact arithmetic behind Sprig's addf, subf, mulf, divf.
 *
 * A decimal is coefficient * 10^exponent with an unbounded coefficient. Operands enter as the
 * shortest decimal that reads back as the same float64 (decimal.NewFromFloat), sums and products
 * are exact, a quotient is rounded half away from zero to 16 decimal places (Decimal.Div), and the
 * result leaves as the float64 nearest to it (Decimal.Float64). Coefficients are kept as decimal
 * digits, least significant first: operands are short, and the rare long ones (1e300 + 1e-300)
 * only cost a few hundred digits. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_sprig.h"

#define DIVISION_PRECISION 16

typedef struct decimal {
    unsigned char *digits;      /* least significant first; no leading (most significant) zeros */
    size_t count;               /* 0 for zero */
    int negative;
    int64_t exponent;
} decimal;

typedef struct decimal_context {
    gotmpl_runtime *runtime;
    int failed;
} decimal_context;

static unsigned char *digits_alloc(decimal_context *context, size_t count)
{
    const celm_host *host = gotmpl_runtime_host(context->runtime);
    unsigned char *digits = host->arena_alloc(gotmpl_runtime_arena(context->runtime), count ? count : 1);
    if (!digits)
        context->failed = 1;
    else
        memset(digits, 0, count ? count : 1);
    return digits;
}

static void trim(decimal *number)
{
    while (number->count && number->digits[number->count - 1] == 0)
        number->count--;
}

/* decimal.NewFromFloat: the fewest significant digits that read back as `real`. */
static decimal from_float(decimal_context *context, double real)
{
    decimal number = {NULL, 0, real < 0, 0};
    if (real == 0)
        return number;
    char text[40];
    for (int precision = 0; precision < 17; precision++) {
        snprintf(text, sizeof text, "%.*e", precision, fabs(real));
        if (strtod(text, NULL) == fabs(real))
            break;
    }
    char *exponent_mark = strchr(text, 'e');
    size_t digit_count = 0;
    for (const char *p = text; p < exponent_mark; p++)
        digit_count += *p >= '0' && *p <= '9';
    number.digits = digits_alloc(context, digit_count);
    if (!number.digits)
        return number;
    size_t at = digit_count;
    for (const char *p = text; p < exponent_mark; p++)
        if (*p >= '0' && *p <= '9')
            number.digits[--at] = (unsigned char)(*p - '0');
    number.count = digit_count;
    number.exponent = strtol(exponent_mark + 1, NULL, 10) - (int64_t)(digit_count - 1);
    trim(&number);
    return number;
}

/* The coefficient times 10^shift (shift >= 0). */
static decimal scaled(decimal_context *context, decimal number, int64_t shift)
{
    if (number.count == 0 || shift == 0)
        return number;
    unsigned char *digits = digits_alloc(context, number.count + (size_t)shift);
    if (!digits)
        return number;
    memcpy(digits + shift, number.digits, number.count);
    number.digits = digits;
    number.count += (size_t)shift;
    number.exponent -= shift;
    return number;
}

static int compare_magnitudes(const decimal *left, const decimal *right)
{
    if (left->count != right->count)
        return left->count < right->count ? -1 : 1;
    for (size_t i = left->count; i > 0; i--)
        if (left->digits[i - 1] != right->digits[i - 1])
            return left->digits[i - 1] < right->digits[i - 1] ? -1 : 1;
    return 0;
}

static decimal add_magnitudes(decimal_context *context, const decimal *left, const decimal *right)
{
    size_t count = (left->count > right->count ? left->count : right->count) + 1;
    decimal sum = {digits_alloc(context, count), count, left->negative, left->exponent};
    if (!sum.digits)
        return sum;
    int carry = 0;
    for (size_t i = 0; i < count; i++) {
        int digit = carry + (i < left->count ? left->digits[i] : 0) + (i < right->count ? right->digits[i] : 0);
        sum.digits[i] = (unsigned char)(digit % 10);
        carry = digit / 10;
    }
    trim(&sum);
    return sum;
}

/* |larger| - |smaller|, with larger's sign. */
static decimal subtract_magnitudes(decimal_context *context, const decimal *larger, const decimal *smaller)
{
    decimal difference = {digits_alloc(context, larger->count), larger->count, larger->negative, larger->exponent};
    if (!difference.digits)
        return difference;
    int borrow = 0;
    for (size_t i = 0; i < larger->count; i++) {
        int digit = larger->digits[i] - borrow - (i < smaller->count ? smaller->digits[i] : 0);
        borrow = digit < 0;
        difference.digits[i] = (unsigned char)(digit + (borrow ? 10 : 0));
    }
    trim(&difference);
    return difference;
}

/* Decimal.Add: both operands brought to the smaller exponent, then added exactly. */
static decimal add(decimal_context *context, decimal left, decimal right)
{
    if (left.count == 0)
        return right;
    if (right.count == 0)
        return left;
    if (left.exponent > right.exponent)
        left = scaled(context, left, left.exponent - right.exponent);
    else
        right = scaled(context, right, right.exponent - left.exponent);
    if (left.negative == right.negative)
        return add_magnitudes(context, &left, &right);
    int order = compare_magnitudes(&left, &right);
    if (order == 0)
        return (decimal){NULL, 0, 0, 0};
    return order > 0 ? subtract_magnitudes(context, &left, &right) : subtract_magnitudes(context, &right, &left);
}

static decimal multiply(decimal_context *context, decimal left, decimal right)
{
    decimal product = {NULL, 0, left.negative != right.negative, left.exponent + right.exponent};
    if (left.count == 0 || right.count == 0)
        return (decimal){NULL, 0, 0, 0};
    size_t count = left.count + right.count;
    const celm_host *host = gotmpl_runtime_host(context->runtime);
    unsigned *columns = host->arena_alloc(gotmpl_runtime_arena(context->runtime), count * sizeof *columns);
    product.digits = digits_alloc(context, count);
    if (!columns || !product.digits) {
        context->failed = 1;
        return product;
    }
    memset(columns, 0, count * sizeof *columns);
    for (size_t i = 0; i < left.count; i++) {
        unsigned carry = 0;
        for (size_t j = 0; j < right.count; j++) {
            unsigned cell = columns[i + j] + (unsigned)left.digits[i] * right.digits[j] + carry;
            columns[i + j] = cell % 10;
            carry = cell / 10;
        }
        for (size_t k = i + right.count; carry; k++) {
            unsigned cell = columns[k] + carry;
            columns[k] = cell % 10;
            carry = cell / 10;
        }
    }
    for (size_t i = 0; i < count; i++)
        product.digits[i] = (unsigned char)columns[i];
    product.count = count;
    trim(&product);
    return product;
}

/* remainder = remainder * 10 + digit, in place (the array has room for one more digit). */
static void shift_in(decimal *remainder, unsigned char digit)
{
    if (remainder->count == 0 && digit == 0)
        return;
    memmove(remainder->digits + 1, remainder->digits, remainder->count);
    remainder->digits[0] = digit;
    remainder->count++;
}

static void subtract_in_place(decimal *from, const decimal *amount)
{
    int borrow = 0;
    for (size_t i = 0; i < from->count; i++) {
        int digit = from->digits[i] - borrow - (i < amount->count ? amount->digits[i] : 0);
        borrow = digit < 0;
        from->digits[i] = (unsigned char)(digit + (borrow ? 10 : 0));
    }
    trim(from);
}

/* Schoolbook long division of magnitudes, one decimal digit of the quotient at a time. */
static decimal divide_magnitudes(decimal_context *context, const decimal *dividend, const decimal *divisor,
                                 decimal *remainder)
{
    decimal quotient = {digits_alloc(context, dividend->count), dividend->count, 0, 0};
    *remainder = (decimal){digits_alloc(context, divisor->count + 2), 0, 0, 0};
    if (!quotient.digits || !remainder->digits)
        return quotient;
    for (size_t i = dividend->count; i > 0; i--) {
        shift_in(remainder, dividend->digits[i - 1]);
        unsigned char digit = 0;
        while (compare_magnitudes(remainder, divisor) >= 0) {
            subtract_in_place(remainder, divisor);
            digit++;
        }
        quotient.digits[i - 1] = digit;
    }
    trim(&quotient);
    return quotient;
}

/* Decimal.DivRound(divisor, 16): the quotient truncated to 16 places, then rounded half away from
 * zero by comparing twice the remainder with the divisor. */
static decimal divide(decimal_context *context, decimal dividend, decimal divisor)
{
    int64_t shift = dividend.exponent - divisor.exponent + DIVISION_PRECISION;
    decimal top = dividend, bottom = divisor, remainder;
    if (shift >= 0)
        top = scaled(context, dividend, shift);
    else
        bottom = scaled(context, divisor, -shift);
    decimal quotient = divide_magnitudes(context, &top, &bottom, &remainder);
    if (context->failed)
        return quotient;
    decimal twice = add_magnitudes(context, &remainder, &remainder);
    if (!context->failed && compare_magnitudes(&twice, &bottom) >= 0) {
        unsigned char one_digit = 1;
        decimal one = {&one_digit, 1, 0, 0};
        quotient = add_magnitudes(context, &quotient, &one);
    }
    quotient.negative = quotient.count && dividend.negative != divisor.negative;
    quotient.exponent = -DIVISION_PRECISION;
    return quotient;
}

/* Decimal.Float64: the nearest float64, which strtod finds from the exact digits. */
static double to_float(decimal_context *context, const decimal *number)
{
    if (number->count == 0)
        return 0;
    const celm_host *host = gotmpl_runtime_host(context->runtime);
    char *text = host->arena_alloc(gotmpl_runtime_arena(context->runtime), number->count + 32);
    if (!text) {
        context->failed = 1;
        return 0;
    }
    size_t at = 0;
    if (number->negative)
        text[at++] = '-';
    for (size_t i = number->count; i > 0; i--)
        text[at++] = (char)('0' + number->digits[i - 1]);
    snprintf(text + at, 32, "e%lld", (long long)number->exponent);
    return strtod(text, NULL);
}

static const char *unrepresentable(double real)
{
    if (isnan(real))
        return "Cannot create a Decimal from NaN";
    if (isinf(real))
        return real > 0 ? "Cannot create a Decimal from +Inf" : "Cannot create a Decimal from -Inf";
    return NULL;
}

int gotmpl_sprig_decimal_fold(gotmpl_runtime *runtime, double first, const double *operands, size_t count,
                              gotmpl_sprig_decimal_op op, double *out, const char **panic_text)
{
    decimal_context context = {runtime, 0};
    if ((*panic_text = unrepresentable(first)) != NULL)
        return CELM_EINVAL;
    decimal result = from_float(&context, first);
    for (size_t i = 0; i < count && !context.failed; i++) {
        if ((*panic_text = unrepresentable(operands[i])) != NULL)
            return CELM_EINVAL;
        decimal operand = from_float(&context, operands[i]);
        switch (op) {
        case GOTMPL_SPRIG_DECIMAL_ADD: result = add(&context, result, operand); break;
        case GOTMPL_SPRIG_DECIMAL_SUB:
            operand.negative = !operand.negative;
            result = add(&context, result, operand);
            break;
        case GOTMPL_SPRIG_DECIMAL_MUL: result = multiply(&context, result, operand); break;
        case GOTMPL_SPRIG_DECIMAL_DIV:
            if (operand.count == 0) {
                *panic_text = "decimal division by 0";
                return CELM_EINVAL;
            }
            result = divide(&context, result, operand);
            break;
        }
    }
    *out = context.failed ? 0 : to_float(&context, &result);
    return context.failed ? CELM_ENOMEM : CELM_OK;
}
