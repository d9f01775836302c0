/* check.c: running test cases and reporting failures for celm's C tests. */
#include <stdarg.h>
#include <stdio.h>

#include "check.h"

static int current_failed;

void check_fail(const char *file, int line, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "%s:%d: ", file, line);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    current_failed = 1;
}

static void print_escaped(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n')
            fputs("\\n\n    ", stderr);
        else if (c < 0x20 || c == 0x7f)
            fprintf(stderr, "\\x%02x", c);
        else
            fputc(c, stderr);
    }
}

void check_string_equal(const char *file, int line, const char *expression, const char *actual,
                        size_t actual_len, const char *expected, size_t expected_len)
{
    if (actual_len == expected_len && memcmp(actual, expected, actual_len) == 0)
        return;
    check_fail(file, line, "%s differs", expression);
    fputs("  expected: ", stderr);
    print_escaped(expected, expected_len);
    fputs("\n  actual:   ", stderr);
    print_escaped(actual, actual_len);
    fputc('\n', stderr);
}

int check_run(const check_case *cases, size_t count)
{
    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < count; i++) {
        current_failed = 0;
        cases[i].run();
        if (current_failed) {
            fprintf(stderr, "FAIL %s\n", cases[i].name);
            failed++;
        } else {
            passed++;
        }
    }
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed ? 1 : 0;
}
