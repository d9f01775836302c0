/* test_number_format.c: float64 text as Go's %v (strconv 'g') and encoding/json print it. */
#include <math.h>

#include "celm/celm.h"
#include "check.h"

static void check_g(double value, const char *expected)
{
    char text[40];
    celm_format_float_g(value, text);
    CHECK_STR(text, expected);
}

static void check_json(double value, const char *expected)
{
    char text[40];
    celm_format_float_json(value, text);
    CHECK_STR(text, expected);
}

static void go_percent_v_switches_to_exponent_at_a_million(void)
{
    check_g(1, "1");
    check_g(100000, "100000");
    check_g(999999, "999999");
    check_g(1000000, "1e+06");
    check_g(1234567, "1.234567e+06");
    check_g(1500000, "1.5e+06");
    check_g(123456789, "1.23456789e+08");
    check_g(1e100, "1e+100");
    check_g(1e21, "1e+21");
}

static void go_percent_v_small_numbers(void)
{
    check_g(0.5, "0.5");
    check_g(0.0001, "0.0001");
    check_g(0.00001, "1e-05");
    check_g(-2.5e-07, "-2.5e-07");
    check_g(0.1 + 0.2, "0.30000000000000004");
    check_g(5e-324, "5e-324");
}

static void go_percent_v_specials(void)
{
    check_g(0.0, "0");
    check_g(-0.0, "-0");
    check_g(NAN, "NaN");
    check_g(INFINITY, "+Inf");
    check_g(-INFINITY, "-Inf");
    check_g(1.7976931348623157e308, "1.7976931348623157e+308");
}

static void json_uses_plain_notation_below_1e21(void)
{
    check_json(1000000, "1000000");
    check_json(1e20, "100000000000000000000");
    check_json(123456789.25, "123456789.25");
    check_json(1e21, "1e+21");
    check_json(0.000001, "0.000001");
    check_json(1e-7, "1e-7");
    check_json(1.5e-10, "1.5e-10");
    check_json(-0.0, "-0");
    check_json(0.1 + 0.2, "0.30000000000000004");
}

CHECK_CASES(CASE(go_percent_v_switches_to_exponent_at_a_million), CASE(go_percent_v_small_numbers),
            CASE(go_percent_v_specials), CASE(json_uses_plain_notation_below_1e21))
