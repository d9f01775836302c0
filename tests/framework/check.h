/* check.h: the small test framework of celm's C tests (cases, assertions, a summary line). */
#ifndef CELM_CHECK_H
#define CELM_CHECK_H

#include <stddef.h>
#include <string.h>

typedef struct check_case {
    const char *name;
    void (*run)(void);
} check_case;

void check_fail(const char *file, int line, const char *format, ...);
void check_string_equal(const char *file, int line, const char *expression, const char *actual,
                        size_t actual_len, const char *expected, size_t expected_len);
/* Runs every case, prints one line per failure and "N passed, N failed"; returns the exit code. */
int check_run(const check_case *cases, size_t count);

#define CHECK(condition) \
    do { if (!(condition)) check_fail(__FILE__, __LINE__, "CHECK(%s) failed", #condition); } while (0)
#define CHECK_INT(actual, expected) \
    do { long long a_ = (long long)(actual), e_ = (long long)(expected); \
         if (a_ != e_) check_fail(__FILE__, __LINE__, "%s is %lld, expected %lld", #actual, a_, e_); } while (0)
#define CHECK_STR(actual, expected) \
    check_string_equal(__FILE__, __LINE__, #actual, (actual), strlen(actual), (expected), strlen(expected))
#define CHECK_MEM(actual, actual_len, expected, expected_len) \
    check_string_equal(__FILE__, __LINE__, #actual, (actual), (actual_len), (expected), (expected_len))
#define CHECK_CASES(...) \
    int main(void) { static const check_case cases[] = {__VA_ARGS__}; \
                     return check_run(cases, sizeof cases / sizeof cases[0]); }
#define CASE(function) {#function, function}

#endif
