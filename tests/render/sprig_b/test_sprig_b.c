/* test_sprig_b.c: Sprig's dates, crypto, random, semver, network and URL functions and Helm's data
 * functions, against Go's answers (expected.txt, recorded by gohelm/main.go) and, where the output
 * is random, against the properties it must have; with --emit-certs, it writes the certificates it
 * makes for gohelm to compare with Go's (compare-certs-with-go). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_eval.h"
#include "celm/celm.h"
#include "check.h"
#include "test_sprig_b.h"

static const char *expected_path;

/* Every line of expected.txt: "CASE<TAB>=> ANSWER", the answer Go gave. */
static void golden_cases_match_go(void)
{
    FILE *file = fopen(expected_path, "rb");
    CHECK(file != NULL);
    if (!file)
        return;
    static char line[1 << 20];
    size_t cases = 0;
    while (fgets(line, sizeof line, file)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        char *arrow = strstr(line, "\t=> ");
        if (!arrow) {
            check_fail(expected_path, (int)cases + 1, "no answer on the line");
            continue;
        }
        *arrow = '\0';
        const char *expected = arrow + 4;
        celm_arena *arena = celm_arena_create();
        gotmpl_runtime *runtime;
        gotmpl_runtime_create(celm_host_table(), arena, &runtime);
        celm_string answer = case_evaluate(runtime, line);
        if (strlen(expected) != answer.len || memcmp(expected, answer.data, answer.len) != 0)
            check_fail(expected_path, (int)cases + 1, "%s\n  go:   %s\n  celm: %s", line, expected, answer.data);
        celm_arena_destroy(arena);
        cases++;
    }
    fclose(file);
    CHECK(cases >= 300);
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "--emit-certs") == 0 && argc < 3)) {
        fprintf(stderr, "usage: %s expected.txt | --emit-certs FILE\n", argv[0]);
        return 2;
    }
    /* The same local zone as gohelm sets for Go. */
    setenv("TZ", "America/Sao_Paulo", 1);
    if (strcmp(argv[1], "--emit-certs") == 0)
        return emit_certificates(argv[2]);
    expected_path = argv[1];
    static const check_case cases[] = {
        CASE(golden_cases_match_go),
        SPRIG_B_PROPERTY_CASES
    };
    return check_run(cases, sizeof cases / sizeof cases[0]);
}
