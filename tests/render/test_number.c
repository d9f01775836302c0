/* test_number.c: number constants' values and flags (Go's numberTests from parse_test.go, ported). */
#include <stdio.h>

#include "check.h"
#include "gotmpl_number.h"

enum { I = CELM_GOTMPL_NUMBER_INT, U = CELM_GOTMPL_NUMBER_UINT, F = CELM_GOTMPL_NUMBER_FLOAT,
       C = CELM_GOTMPL_NUMBER_COMPLEX, ERROR = -1 };
enum { PLAIN = CELM_GOTMPL_NUMBER_PLAIN, CHARACTER = CELM_GOTMPL_NUMBER_CHARACTER, PAIR = CELM_GOTMPL_NUMBER_PAIR };

typedef struct number_case {
    const char *text;
    int syntax;
    int flags;          /* ERROR: evaluation fails */
    int64_t int64;
    uint64_t uint64;
    double float64;
    double real, imag;
} number_case;

static const number_case go_cases[] = {
    {"0", PLAIN, I | U | F, 0, 0, 0, 0, 0},
    {"-0", PLAIN, I | U | F, 0, 0, 0, 0, 0},
    {"73", PLAIN, I | U | F, 73, 73, 73, 0, 0},
    {"7_3", PLAIN, I | U | F, 73, 73, 73, 0, 0},
    {"0b10_010_01", PLAIN, I | U | F, 73, 73, 73, 0, 0},
    {"0B10_010_01", PLAIN, I | U | F, 73, 73, 73, 0, 0},
    {"073", PLAIN, I | U | F, 073, 073, 073, 0, 0},
    {"0o73", PLAIN, I | U | F, 073, 073, 073, 0, 0},
    {"0O73", PLAIN, I | U | F, 073, 073, 073, 0, 0},
    {"0x73", PLAIN, I | U | F, 0x73, 0x73, 0x73, 0, 0},
    {"0X73", PLAIN, I | U | F, 0x73, 0x73, 0x73, 0, 0},
    {"0x7_3", PLAIN, I | U | F, 0x73, 0x73, 0x73, 0, 0},
    {"-73", PLAIN, I | F, -73, 0, -73, 0, 0},
    {"+73", PLAIN, I | F, 73, 0, 73, 0, 0},
    {"100", PLAIN, I | U | F, 100, 100, 100, 0, 0},
    {"1e9", PLAIN, I | U | F, 1000000000, 1000000000, 1e9, 0, 0},
    {"-1e9", PLAIN, I | F, -1000000000, 0, -1e9, 0, 0},
    {"-1.2", PLAIN, F, 0, 0, -1.2, 0, 0},
    {"1e19", PLAIN, U | F, 0, 10000000000000000000u, 1e19, 0, 0},
    {"1e1_9", PLAIN, U | F, 0, 10000000000000000000u, 1e19, 0, 0},
    {"1E19", PLAIN, U | F, 0, 10000000000000000000u, 1e19, 0, 0},
    {"-1e19", PLAIN, F, 0, 0, -1e19, 0, 0},
    {"0x_1p4", PLAIN, I | U | F, 16, 16, 16, 0, 0},
    {"0X_1P4", PLAIN, I | U | F, 16, 16, 16, 0, 0},
    {"0x_1p-4", PLAIN, F, 0, 0, 1 / 16., 0, 0},
    {"4i", PLAIN, C, 0, 0, 0, 0, 4},
    {"-1.2+4.2i", PAIR, C, 0, 0, 0, -1.2, 4.2},
    {"073i", PLAIN, C, 0, 0, 0, 0, 73},
    {"0i", PLAIN, I | U | F | C, 0, 0, 0, 0, 0},
    {"-1.2+0i", PAIR, F | C, 0, 0, -1.2, -1.2, 0},
    {"-12+0i", PAIR, I | F | C, -12, 0, -12, -12, 0},
    {"13+0i", PAIR, I | U | F | C, 13, 13, 13, 13, 0},
    {"0123", PLAIN, I | U | F, 0123, 0123, 0123, 0, 0},
    {"-0x0", PLAIN, I | U | F, 0, 0, 0, 0, 0},
    {"0xdeadbeef", PLAIN, I | U | F, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0, 0},
    {"'a'", CHARACTER, I | U | F, 'a', 'a', 'a', 0, 0},
    {"'\\n'", CHARACTER, I | U | F, '\n', '\n', '\n', 0, 0},
    {"'\\\\'", CHARACTER, I | U | F, '\\', '\\', '\\', 0, 0},
    {"'\\''", CHARACTER, I | U | F, '\'', '\'', '\'', 0, 0},
    {"'\\xFF'", CHARACTER, I | U | F, 0xFF, 0xFF, 0xFF, 0, 0},
    {"'パ'", CHARACTER, I | U | F, 0x30d1, 0x30d1, 0x30d1, 0, 0},
    {"'\\u30d1'", CHARACTER, I | U | F, 0x30d1, 0x30d1, 0x30d1, 0, 0},
    {"'\\U000030d1'", CHARACTER, I | U | F, 0x30d1, 0x30d1, 0x30d1, 0, 0},
    {"+-2", PLAIN, ERROR, 0, 0, 0, 0, 0},
    {"0x123.", PLAIN, ERROR, 0, 0, 0, 0, 0},
    {"1e.", PLAIN, ERROR, 0, 0, 0, 0, 0},
    {"0xi.", PLAIN, ERROR, 0, 0, 0, 0, 0},
    {"1+2.", PLAIN, ERROR, 0, 0, 0, 0, 0},
    {"'x", CHARACTER, ERROR, 0, 0, 0, 0, 0},
    {"'xx'", CHARACTER, ERROR, 0, 0, 0, 0, 0},
    {"'433937734937734969526500969526500'", CHARACTER, ERROR, 0, 0, 0, 0, 0},
    {"0xef", PLAIN, I | U | F, 0xef, 0xef, 0xef, 0, 0},
};

static void check_number(const number_case *c)
{
    celm_gotmpl_number number;
    char message[256];
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(message, sizeof message);
    int status = celm_gotmpl_number_evaluate(&number, c->text, strlen(c->text), c->syntax, &sink);
    if (c->flags == ERROR) {
        if (status == 0)
            check_fail(__FILE__, __LINE__, "%s: expected an error", c->text);
        return;
    }
    if (status != 0) {
        check_fail(__FILE__, __LINE__, "%s: unexpected error %s", c->text, message);
        return;
    }
    if (number.flags != c->flags)
        check_fail(__FILE__, __LINE__, "%s: flags %d, expected %d", c->text, number.flags, c->flags);
    if ((c->flags & I) && number.int64 != c->int64)
        check_fail(__FILE__, __LINE__, "%s: int64 %lld", c->text, (long long)number.int64);
    if ((c->flags & U) && number.uint64 != c->uint64)
        check_fail(__FILE__, __LINE__, "%s: uint64 %llu", c->text, (unsigned long long)number.uint64);
    if ((c->flags & F) && number.float64 != c->float64)
        check_fail(__FILE__, __LINE__, "%s: float64 %g", c->text, number.float64);
    if ((c->flags & C) && (number.complex_real != c->real || number.complex_imag != c->imag))
        check_fail(__FILE__, __LINE__, "%s: complex (%g,%g)", c->text, number.complex_real, number.complex_imag);
}

static void go_number_tests(void)
{
    for (size_t i = 0; i < sizeof go_cases / sizeof go_cases[0]; i++)
        check_number(&go_cases[i]);
}

static void error_messages_are_go_s(void)
{
    static const struct {
        const char *text;
        int syntax;
        const char *message;
    } errors[] = {
        {"'xx'", CHARACTER, "malformed character constant: 'xx'"},
        {"''", CHARACTER, "invalid syntax"},
        {"99999999999999999999", PLAIN, "integer overflow: \"99999999999999999999\""},
        {"1e400", PLAIN, "illegal number syntax: \"1e400\""},
        {"1i+2i", PAIR, "syntax error scanning complex number"},
        {"1_+2i", PAIR, "strconv.ParseFloat: parsing \"1_\": invalid syntax"},
        {"1+1e400i", PAIR, "strconv.ParseFloat: parsing \"+1e400\": value out of range"},
    };
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        celm_gotmpl_number number;
        char message[256];
        celm_gotmpl_sink sink = celm_gotmpl_sink_over(message, sizeof message);
        CHECK_INT(celm_gotmpl_number_evaluate(&number, errors[i].text, strlen(errors[i].text),
                                              errors[i].syntax, &sink), -1);
        CHECK_STR(message, errors[i].message);
    }
}

static void strconv_integer_rules(void)
{
    uint64_t u;
    int64_t i;
    CHECK_INT(celm_gotmpl_parse_uint64("18446744073709551615", 20, &u), 0);
    CHECK(u == UINT64_MAX);
    CHECK_INT(celm_gotmpl_parse_uint64("18446744073709551616", 20, &u), -2);
    CHECK_INT(celm_gotmpl_parse_int64("-9223372036854775808", 20, &i), 0);
    CHECK(i == INT64_MIN);
    CHECK_INT(celm_gotmpl_parse_int64("9223372036854775808", 19, &i), -2);
    CHECK_INT(celm_gotmpl_parse_uint64("0_7", 3, &u), 0);
    CHECK_INT(u, 7);
    CHECK_INT(celm_gotmpl_parse_uint64("1__0", 4, &u), -1);
    CHECK_INT(celm_gotmpl_parse_uint64("0x", 2, &u), -1);
    CHECK_INT(celm_gotmpl_parse_uint64("08", 2, &u), -1);
}

static void strconv_float_rules(void)
{
    double f;
    CHECK_INT(celm_gotmpl_parse_float64("0x1.8p1", 7, &f), 0);
    CHECK(f == 3.0);
    CHECK_INT(celm_gotmpl_parse_float64("0x1.8", 5, &f), -1);   /* hex needs a 'p' exponent */
    CHECK_INT(celm_gotmpl_parse_float64("1e1_9", 5, &f), 0);
    CHECK_INT(celm_gotmpl_parse_float64("1_e5", 4, &f), -1);
    CHECK_INT(celm_gotmpl_parse_float64("1e400", 5, &f), -2);
    CHECK_INT(celm_gotmpl_parse_float64("1e-400", 6, &f), 0);   /* underflow is no error */
    CHECK(f == 0);
    CHECK_INT(celm_gotmpl_parse_float64("inf", 3, &f), 0);
    CHECK_INT(celm_gotmpl_parse_float64("+Infinity", 9, &f), 0);
    CHECK_INT(celm_gotmpl_parse_float64("infin", 5, &f), -1);
    CHECK_INT(celm_gotmpl_parse_float64(".", 1, &f), -1);
}

CHECK_CASES(CASE(go_number_tests), CASE(error_messages_are_go_s), CASE(strconv_integer_rules),
            CASE(strconv_float_rules))
