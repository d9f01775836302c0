/* semver_golden.c: libcelm's semver against helm v4.2.4's answers to tests/semver/cases.txt. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"

#define FIELD_SIZE 2048
#define ANSWER_SIZE 4096

/* Undoes the escapes of cases.txt (\\ \t \n \f \r \v \xHH); returns the decoded length. */
static size_t decode_field(const char *text, size_t len, char *out)
{
    static const char escapes[] = "\\\\t\tn\nf\fr\rv\v";
    size_t written = 0;
    for (size_t i = 0; i < len; i++) {
        int backslash = i + 1 < len && text[i] == '\\' && text[i + 1] != '\0';
        const char *escape = backslash ? strchr(escapes, text[i + 1]) : NULL;
        if (escape && (escape - escapes) % 2 == 0) {
            out[written++] = escape[1];
            i++;
        } else if (i + 3 < len && text[i] == '\\' && text[i + 1] == 'x') {
            char hex[3] = {text[i + 2], text[i + 3], 0};
            out[written++] = (char)strtol(hex, NULL, 16);
            i += 3;
        } else {
            out[written++] = text[i];
        }
    }
    out[written] = '\0';
    return written;
}

/* The next tab-separated field of *line, decoded; the rest stays in *line. */
static size_t next_field(char **line, char *out)
{
    char *tab = strchr(*line, '\t');
    size_t len = tab ? (size_t)(tab - *line) : strlen(*line);
    size_t decoded = decode_field(*line, len, out);
    *line += tab ? len + 1 : len;
    return decoded;
}

static void answer_compare(char **line, char *answer)
{
    char constraint[FIELD_SIZE], version[FIELD_SIZE];
    size_t constraint_len = next_field(line, constraint);
    size_t version_len = next_field(line, version);
    celm_error err = CELM_ERROR_INIT;
    int rc = celm_semver_satisfies(constraint, constraint_len, version, version_len, &err);
    if (rc < 0)
        snprintf(answer, ANSWER_SIZE, "error\t%s", err.message);
    else
        snprintf(answer, ANSWER_SIZE, "%s", rc ? "true" : "false");
}

static void answer_parse(char **line, char *answer)
{
    char text[FIELD_SIZE], formatted[CELM_SEMVER_FORMAT_SIZE];
    size_t len = next_field(line, text);
    celm_semver v;
    celm_error err = CELM_ERROR_INIT;
    if (celm_semver_parse(&v, text, len, &err) != CELM_OK) {
        snprintf(answer, ANSWER_SIZE, "error\t%s", err.message);
        return;
    }
    celm_semver_format(&v, formatted, sizeof formatted);
    snprintf(answer, ANSWER_SIZE, "ok\t%s\t%.*s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%.*s\t%.*s",
             formatted, (int)v.original_len, v.original, v.major, v.minor, v.patch,
             (int)v.prerelease_len, v.prerelease, (int)v.metadata_len, v.metadata);
}

static void keep_first_reason(void *context, const char *reason)
{
    char *first = context;
    if (!first[0])
        snprintf(first, CELM_ERROR_MESSAGE_SIZE, "%s", reason);
}

static void append(char *answer, const char *format, const char *text)
{
    size_t used = strlen(answer);
    if (used)
        used += (size_t)snprintf(answer + used, ANSWER_SIZE - used, " | ");
    snprintf(answer + used, ANSWER_SIZE - used, format, text);
}

/* helm lint's version rules (pkg/chart/v2/lint/rules/chartfile.go): NewVersion, then Validate
 * against ">0.0.0-0" reporting its first reason, then StrictNewVersion as a warning. */
static void answer_lint(char **line, char *answer)
{
    char text[FIELD_SIZE], first_reason[CELM_ERROR_MESSAGE_SIZE] = "";
    size_t len = next_field(line, text);
    celm_semver v;
    celm_error err = CELM_ERROR_INIT;
    celm_arena *arena = celm_arena_create();
    celm_semver_constraints *above_zero = NULL;
    answer[0] = '\0';
    if (celm_semver_parse(&v, text, len, &err) != CELM_OK)
        append(answer, "[ERROR] Chart.yaml: version '%s' is not a valid SemVer", text);
    else if (celm_semver_constraints_parse(arena, ">0.0.0-0", 8, &above_zero, &err) == CELM_OK &&
             !celm_semver_constraints_validate(above_zero, &v, keep_first_reason, first_reason))
        append(answer, "[ERROR] Chart.yaml: version %s", first_reason);
    if (celm_semver_parse_strict(&v, text, len, &err) != CELM_OK)
        append(answer, "[WARNING] Chart.yaml: version '%s' is not a valid SemVerV2", text);
    if (!answer[0])
        snprintf(answer, ANSWER_SIZE, "ok");
    celm_arena_destroy(arena);
}

/* Answers one case line; returns 0 for a line that is not a case. The expected answer is what
 * follows the case's fields. */
static int answer_case(char *line, char *answer, const char **expected)
{
    char kind[FIELD_SIZE];
    next_field(&line, kind);
    if (strcmp(kind, "compare") == 0)
        answer_compare(&line, answer);
    else if (strcmp(kind, "parse") == 0)
        answer_parse(&line, answer);
    else if (strcmp(kind, "lint") == 0)
        answer_lint(&line, answer);
    else
        return 0;
    *expected = line;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: semver_golden EXPECTED.txt\n");
        return 2;
    }
    FILE *file = fopen(argv[1], "r");
    if (!file) {
        perror(argv[1]);
        return 2;
    }
    static char line[ANSWER_SIZE * 2], copy[ANSWER_SIZE * 2], answer[ANSWER_SIZE];
    int number = 0, cases = 0, failures = 0;
    while (fgets(line, sizeof line, file)) {
        number++;
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        const char *expected;
        memcpy(copy, line, sizeof line);
        if (!answer_case(copy, answer, &expected)) {
            fprintf(stderr, "%s:%d: unknown case kind: %s\n", argv[1], number, line);
            failures++;
            continue;
        }
        cases++;
        if (strcmp(answer, expected) != 0) {
            fprintf(stderr, "%s:%d: %s\n    helm:  %s\n    celm:  %s\n", argv[1], number, line,
                    expected, answer);
            failures++;
        }
    }
    fclose(file);
    printf("%d golden case(s), %d failed\n", cases, failures);
    return failures || cases == 0 ? 1 : 0;
}
