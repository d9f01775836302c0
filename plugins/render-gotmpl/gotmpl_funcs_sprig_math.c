/* gotmpl_funcs_sprig_math.c: Sprig's arithmetic: int64 math with Go's wrapping and divide-by-zero panic
 * (add ... min), float math with Go's math package rules (floor, ceil, round, maxf, minf), and the
 * decimal-exact addf, subf, mulf, divf. */
#include <math.h>
#include <stdlib.h>

#include "gotmpl_sprig.h"

static int64_t int_of(const gotmpl_value *value)
{
    return gotmpl_sprig_to_int64(value);
}

static int64_t wrapping_add(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}

static int64_t wrapping_mul(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a * (uint64_t)b);
}

static int int_result(gotmpl_value *out, int64_t value)
{
    *out = gotmpl_int(GT_INT64, value);
    return CELM_OK;
}

static int float_result(gotmpl_value *out, double value)
{
    *out = gotmpl_float(value);
    return CELM_OK;
}

/* --- int64 ------------------------------------------------------------------------------------- */
static int add1_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    return int_result(out, wrapping_add(int_of(&args[0]), 1));
}

static int add_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call;
    int64_t sum = 0;
    for (size_t i = 0; i < count; i++)
        sum = wrapping_add(sum, int_of(&args[i]));
    return int_result(out, sum);
}

static int sub_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    return int_result(out, (int64_t)((uint64_t)int_of(&args[0]) - (uint64_t)int_of(&args[1])));
}

static int mul_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call;
    int64_t product = int_of(&args[0]);
    for (size_t i = 1; i < count; i++)
        product = wrapping_mul(product, int_of(&args[i]));
    return int_result(out, product);
}

/* Go's / and % on int64: a zero divisor panics; MinInt64 / -1 wraps to MinInt64 (remainder 0). */
static int divide(gotmpl_call *call, const gotmpl_value *args, int remainder, gotmpl_value *out)
{
    int64_t a = int_of(&args[0]), b = int_of(&args[1]);
    if (b == 0)
        return gotmpl_call_panic(call, "runtime error: integer divide by zero");
    if (b == -1)
        return int_result(out, remainder ? 0 : (int64_t)(0 - (uint64_t)a));
    return int_result(out, remainder ? a % b : a / b);
}

static int div_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return divide(call, args, 0, out);
}

static int mod_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return divide(call, args, 1, out);
}

static int max_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call;
    int64_t best = int_of(&args[0]);
    for (size_t i = 1; i < count; i++)
        if (int_of(&args[i]) > best)
            best = int_of(&args[i]);
    return int_result(out, best);
}

static int min_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call;
    int64_t best = int_of(&args[0]);
    for (size_t i = 1; i < count; i++)
        if (int_of(&args[i]) < best)
            best = int_of(&args[i]);
    return int_result(out, best);
}

/* --- float64 ----------------------------------------------------------------------------------- */
/* math.Max: +Inf wins over NaN, NaN over numbers, +0 over -0. */
static double go_max(double x, double y)
{
    if (isinf(x) && x > 0)
        return x;
    if (isinf(y) && y > 0)
        return y;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0 && x == y)
        return signbit(x) ? y : x;
    return x > y ? x : y;
}

/* math.Min: -Inf wins over NaN, NaN over numbers, -0 over +0. */
static double go_min(double x, double y)
{
    if (isinf(x) && x < 0)
        return x;
    if (isinf(y) && y < 0)
        return y;
    if (isnan(x) || isnan(y))
        return NAN;
    if (x == 0 && x == y)
        return signbit(x) ? x : y;
    return x < y ? x : y;
}

static int maxf_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call;
    double best = gotmpl_sprig_to_float64(&args[0]);
    for (size_t i = 1; i < count; i++)
        best = go_max(best, gotmpl_sprig_to_float64(&args[i]));
    return float_result(out, best);
}

static int minf_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call;
    double best = gotmpl_sprig_to_float64(&args[0]);
    for (size_t i = 1; i < count; i++)
        best = go_min(best, gotmpl_sprig_to_float64(&args[i]));
    return float_result(out, best);
}

static int floor_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    return float_result(out, floor(gotmpl_sprig_to_float64(&args[0])));
}

static int ceil_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    return float_result(out, ceil(gotmpl_sprig_to_float64(&args[0])));
}

/* math.Pow(10, places) for a whole number of places, computed as Go does: successive squarings of
 * frexp(10) with the powers of two kept apart, then one ldexp. */
static double power_of_ten(int64_t places)
{
    if (places == 0)
        return 1;
    if (places == 1)
        return 10;
    if (places == INT64_MIN)
        return 0;
    uint64_t remaining = (uint64_t)(places < 0 ? -places : places);
    int exponent;
    double mantissa = frexp(10.0, &exponent), result = 1;
    int64_t result_exponent = 0, square_exponent = exponent;
    for (; remaining != 0; remaining >>= 1) {
        if (square_exponent < -(1 << 12) || (1 << 12) < square_exponent) {
            result_exponent += square_exponent;
            break;
        }
        if (remaining & 1) {
            result *= mantissa;
            result_exponent += square_exponent;
        }
        mantissa *= mantissa;
        square_exponent <<= 1;
        if (mantissa < 0.5) {
            mantissa += mantissa;
            square_exponent--;
        }
    }
    if (places < 0) {
        result = 1 / result;
        result_exponent = -result_exponent;
    }
    if (result_exponent > 1 << 20)
        return INFINITY;
    if (result_exponent < -(1 << 20))
        return 0;
    return ldexp(result, (int)result_exponent);
}

/* round VALUE PLACES [ROUND_ON]: up when the fraction at that many places is at least ROUND_ON
 * (0.5), else down; Go's math.Modf keeps the fraction's sign, so -2.5 rounds to -3. */
static int round_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call;
    double round_on = count > 2 ? args[2].as.real : 0.5;
    double value = gotmpl_sprig_to_float64(&args[0]);
    double power = power_of_ten(args[1].as.integer);
    double digits = power * value, whole;
    double fraction = modf(digits, &whole);
    double rounded = fraction >= round_on ? ceil(digits) : floor(digits);
    return float_result(out, rounded / power);
}

/* --- decimal ----------------------------------------------------------------------------------- */
static int decimal_fold(gotmpl_call *call, double first, const gotmpl_value *operands, size_t count,
                        gotmpl_sprig_decimal_op op, gotmpl_value *out)
{
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    double *numbers = host->arena_alloc(gotmpl_runtime_arena(runtime), (count + 1) * sizeof *numbers);
    if (!numbers)
        return gotmpl_sprig_out_of_memory(call);
    for (size_t i = 0; i < count; i++)
        numbers[i] = gotmpl_sprig_to_float64(&operands[i]);
    const char *panic_text = NULL;
    double result = 0;
    int status = gotmpl_sprig_decimal_fold(runtime, first, numbers, count, op, &result, &panic_text);
    if (status == CELM_ENOMEM)
        return gotmpl_sprig_out_of_memory(call);
    if (status != CELM_OK)
        return gotmpl_call_panic(call, "%s", panic_text);
    return float_result(out, result);
}

static int add1f_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_value one = gotmpl_int(GT_INT, 1);
    return decimal_fold(call, gotmpl_sprig_to_float64(&args[0]), &one, 1, GOTMPL_SPRIG_DECIMAL_ADD, out);
}

static int addf_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return decimal_fold(call, 0, args, count, GOTMPL_SPRIG_DECIMAL_ADD, out);
}

static int subf_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return decimal_fold(call, gotmpl_sprig_to_float64(&args[0]), args + 1, count - 1, GOTMPL_SPRIG_DECIMAL_SUB, out);
}

static int mulf_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return decimal_fold(call, gotmpl_sprig_to_float64(&args[0]), args + 1, count - 1, GOTMPL_SPRIG_DECIMAL_MUL, out);
}

static int divf_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return decimal_fold(call, gotmpl_sprig_to_float64(&args[0]), args + 1, count - 1, GOTMPL_SPRIG_DECIMAL_DIV, out);
}

#define ONE_ANY(name, impl, result) {name, impl, 1, 0, {GT_ANY}, result, 0}
#define TWO_ANY(name, impl, result) {name, impl, 2, 0, {GT_ANY, GT_ANY}, result, 0}
#define ANY_THEN_MORE(name, impl, result) {name, impl, 2, 1, {GT_ANY, GT_ANY}, result, 0}

static const gotmpl_func math_functions[] = {
    ONE_ANY("add1", add1_impl, GT_INT64),
    {"add", add_impl, 1, 1, {GT_ANY}, GT_INT64, 0},
    TWO_ANY("sub", sub_impl, GT_INT64),
    TWO_ANY("div", div_impl, GT_INT64),
    TWO_ANY("mod", mod_impl, GT_INT64),
    ANY_THEN_MORE("mul", mul_impl, GT_INT64),
    ANY_THEN_MORE("biggest", max_impl, GT_INT64),
    ANY_THEN_MORE("max", max_impl, GT_INT64),
    ANY_THEN_MORE("min", min_impl, GT_INT64),
    ANY_THEN_MORE("maxf", maxf_impl, GT_FLOAT64),
    ANY_THEN_MORE("minf", minf_impl, GT_FLOAT64),
    ONE_ANY("ceil", ceil_impl, GT_FLOAT64),
    ONE_ANY("floor", floor_impl, GT_FLOAT64),
    {"round", round_impl, 3, 1, {GT_ANY, GT_INT, GT_FLOAT64}, GT_FLOAT64, 0},
    ONE_ANY("add1f", add1f_impl, GT_FLOAT64),
    {"addf", addf_impl, 1, 1, {GT_ANY}, GT_FLOAT64, 0},
    ANY_THEN_MORE("subf", subf_impl, GT_FLOAT64),
    ANY_THEN_MORE("divf", divf_impl, GT_FLOAT64),
    ANY_THEN_MORE("mulf", mulf_impl, GT_FLOAT64),
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_math = {"sprig/math", math_functions};
