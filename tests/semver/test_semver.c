/* test_semver.c: versions and constraints as Masterminds semver v3.5.0 (Helm v4.2.4) reads them. */
#include <stdlib.h>

#include "celm/celm.h"
#include "check.h"

static celm_semver parse(const char *text)
{
    celm_semver v;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_semver_parse(&v, text, strlen(text), &err), CELM_OK);
    return v;
}

static const char *parse_error(const char *text, int code)
{
    static celm_error err;
    celm_semver v;
    celm_error_clear(&err);
    CHECK_INT(celm_semver_parse(&v, text, strlen(text), &err), code);
    return err.message;
}

static const char *strict_error(const char *text)
{
    static celm_error err;
    celm_semver v;
    celm_error_clear(&err);
    CHECK_INT(celm_semver_parse_strict(&v, text, strlen(text), &err), CELM_EPARSE);
    return err.message;
}

static const char *format(const celm_semver *v)
{
    static char text[CELM_SEMVER_FORMAT_SIZE];
    celm_semver_format(v, text, sizeof text);
    return text;
}

/* 1, 0, or the negative error code, with the error text in *message when not NULL. */
static int satisfies(const char *constraint, const char *version, const char **message)
{
    static celm_error err;
    celm_error_clear(&err);
    int rc = celm_semver_satisfies(constraint, strlen(constraint), version, strlen(version), &err);
    if (message)
        *message = err.message;
    return rc;
}

static const char *constraint_error(const char *constraint, int code)
{
    const char *message = "";
    CHECK_INT(satisfies(constraint, "1.0.0", &message), code);
    return message;
}

typedef struct reasons {
    char text[4][CELM_ERROR_MESSAGE_SIZE];
    size_t count;
} reasons;

static void collect_reason(void *context, const char *reason)
{
    reasons *collected = context;
    if (collected->count < 4)
        snprintf(collected->text[collected->count], CELM_ERROR_MESSAGE_SIZE, "%s", reason);
    collected->count++;
}

/* Validate's reasons for `version` against `constraint`; `answer` is Validate's return. */
static reasons validate(const char *constraint, const char *version, int answer)
{
    reasons collected = {.count = 0};
    celm_arena *arena = celm_arena_create();
    celm_semver_constraints *constraints = NULL;
    celm_error err = CELM_ERROR_INIT;
    celm_semver v = parse(version);
    CHECK_INT(celm_semver_constraints_parse(arena, constraint, strlen(constraint), &constraints,
                                            &err), CELM_OK);
    if (constraints) {
        CHECK_INT(celm_semver_constraints_validate(constraints, &v, collect_reason, &collected),
                  answer);
        CHECK_INT(celm_semver_constraints_check(constraints, &v), answer);
    }
    celm_arena_destroy(arena);
    return collected;
}

static const char *only_reason(const char *constraint, const char *version)
{
    static reasons collected;
    collected = validate(constraint, version, 0);
    CHECK_INT(collected.count, 1);
    return collected.text[0];
}

static void parse_fills_every_part_and_borrows_the_text(void)
{
    const char text[] = "v1.22.333-rc.1+build.5";
    celm_semver v = parse(text);
    CHECK_INT(v.major, 1);
    CHECK_INT(v.minor, 22);
    CHECK_INT(v.patch, 333);
    CHECK_MEM(v.prerelease, v.prerelease_len, "rc.1", 4);
    CHECK_MEM(v.metadata, v.metadata_len, "build.5", 7);
    CHECK(v.original == text);
    CHECK_INT(v.original_len, sizeof text - 1);
    CHECK(v.prerelease == text + 10);
    CHECK_STR(format(&v), "1.22.333-rc.1+build.5");
}

static void parse_coerces_missing_parts_and_leading_zeros(void)
{
    celm_semver v = parse("1");
    CHECK_STR(format(&v), "1.0.0");
    v = parse("01.002");
    CHECK_STR(format(&v), "1.2.0");
    CHECK_MEM(v.original, v.original_len, "01.002", 6);
    v = parse("1-rc.1");
    CHECK_STR(format(&v), "1.0.0-rc.1");
    v = parse("18446744073709551615.0.0+0001");
    CHECK_STR(format(&v), "18446744073709551615.0.0+0001");
}

static void parse_errors_read_like_go(void)
{
    CHECK_STR(parse_error("", CELM_EPARSE), "invalid semantic version");
    CHECK_STR(parse_error("1.2.3.4", CELM_EPARSE), "invalid semantic version");
    CHECK_STR(parse_error("V1", CELM_EPARSE), "invalid semantic version");
    CHECK_STR(parse_error("1.2.3-", CELM_EPARSE), "invalid semantic version");
    CHECK_STR(parse_error("1.2.3-a..b", CELM_EPARSE), "invalid semantic version");
    CHECK_STR(parse_error("1.2.3-01", CELM_EPARSE), "version segment starts with 0");
    CHECK_STR(parse_error("1.2.3-rc.00", CELM_EPARSE), "version segment starts with 0");
    CHECK_STR(parse_error("1.18446744073709551616", CELM_EPARSE),
              "error parsing version segment: strconv.ParseUint: parsing "
              "\"18446744073709551616\": value out of range");
}

static void parse_refuses_more_than_256_bytes(void)
{
    char text[258];
    memset(text, '1', sizeof text);
    celm_semver v;
    celm_error err = CELM_ERROR_INIT;
    text[0] = '1', text[1] = '.', text[2] = '0', text[3] = '.', text[4] = '0', text[5] = '-';
    CHECK_INT(celm_semver_parse(&v, text, 256, &err), CELM_OK);
    CHECK_INT(v.prerelease_len, 250);
    CHECK_INT(celm_semver_parse(&v, text, 257, &err), CELM_ELIMIT);
    CHECK_STR(err.message, "version string is too long (max 256 bytes)");
}

static void strict_parse_takes_only_complete_versions(void)
{
    celm_semver v;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_semver_parse_strict(&v, "1.2.3-a.b+c.d", 13, &err), CELM_OK);
    CHECK_MEM(v.prerelease, v.prerelease_len, "a.b", 3);
    CHECK_MEM(v.metadata, v.metadata_len, "c.d", 3);
    CHECK_INT(celm_semver_parse_strict(&v, "1.2.3+b-c", 9, &err), CELM_OK);
    CHECK_INT(v.prerelease_len, 0);
    CHECK_MEM(v.metadata, v.metadata_len, "b-c", 3);
    CHECK_INT(celm_semver_parse_strict(&v, "0.0.0+01", 8, &err), CELM_OK);
}

static void strict_parse_errors_read_like_go(void)
{
    CHECK_STR(strict_error(""), "version string empty");
    CHECK_STR(strict_error("1.2"), "invalid semantic version");
    CHECK_STR(strict_error("v1.2.3"), "invalid characters in version");
    CHECK_STR(strict_error("1.2.3.4"), "invalid characters in version");
    CHECK_STR(strict_error("1.2+x.3"), "invalid characters in version");
    CHECK_STR(strict_error("01.2.3"), "version segment starts with 0");
    CHECK_STR(strict_error("1.2.3-01"), "version segment starts with 0");
    CHECK_STR(strict_error("1.2.3-"), "invalid prerelease string");
    CHECK_STR(strict_error("1.2.3-a_b"), "invalid prerelease string");
    CHECK_STR(strict_error("1.2.3+"), "invalid metadata string");
    CHECK_STR(strict_error("1.2.3-+"), "invalid metadata string");
    CHECK_STR(strict_error("1..3"), "strconv.ParseUint: parsing \"\": invalid syntax");
    CHECK_STR(strict_error("18446744073709551616.0.0"),
              "strconv.ParseUint: parsing \"18446744073709551616\": value out of range");
}

static void compare_follows_semver_precedence(void)
{
    static const char *ordered[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                    "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
                                    "1.0.0", "1.0.1", "1.1.0", "2.0.0"};
    size_t count = sizeof ordered / sizeof ordered[0];
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < count; j++) {
            celm_semver a = parse(ordered[i]), b = parse(ordered[j]);
            CHECK_INT(celm_semver_compare(&a, &b), i < j ? -1 : (i > j ? 1 : 0));
        }
    }
}

static void compare_ignores_metadata_and_the_v(void)
{
    celm_semver a = parse("v1.2.3+a"), b = parse("1.2.3+b");
    CHECK_INT(celm_semver_compare(&a, &b), 0);
}

static void compare_treats_an_overflowing_number_as_text(void)
{
    celm_semver huge = parse("1.0.0-99999999999999999999");
    celm_semver small = parse("1.0.0-1"), word = parse("1.0.0-a");
    CHECK_INT(celm_semver_compare(&huge, &small), 1);
    CHECK_INT(celm_semver_compare(&huge, &word), -1);
}

static void format_reports_the_full_length_when_truncating(void)
{
    celm_semver v = parse("v10.20.30-rc");
    char small[6];
    CHECK_INT(celm_semver_format(&v, small, sizeof small), 11);
    CHECK_STR(small, "10.20");
}

static void check_reads_wildcards_tilde_and_caret(void)
{
    CHECK_INT(satisfies("1.2.x", "1.2.9", NULL), 1);
    CHECK_INT(satisfies("~1.2", "1.3.0", NULL), 0);
    CHECK_INT(satisfies("~1", "1.9.0", NULL), 1);
    CHECK_INT(satisfies("^0.2.3", "0.2.9", NULL), 1);
    CHECK_INT(satisfies("^0.2.3", "0.3.0", NULL), 0);
    CHECK_INT(satisfies("^0.0.3", "0.0.4", NULL), 0);
    CHECK_INT(satisfies("^0", "0.9.0", NULL), 1);
    CHECK_INT(satisfies("^*", "0.0.1", NULL), 0);
    CHECK_INT(satisfies("!=*", "0.0.0", NULL), 0);
    CHECK_INT(satisfies("<=1.2", "1.2.99", NULL), 1);
    CHECK_INT(satisfies(">1.2", "1.2.99", NULL), 0);
}

static void prereleases_need_a_prerelease_in_the_same_alternative(void)
{
    CHECK_INT(satisfies(">=1.20.0", "v1.30.2-gke.100", NULL), 0);
    CHECK_INT(satisfies(">=1.20.0-0", "v1.30.2-gke.100", NULL), 1);
    CHECK_INT(satisfies(">=1.0.0-0, <2.0.0", "1.5.0-beta", NULL), 1);
    CHECK_INT(satisfies("<2.0.0 || >=3.0.0-0", "1.5.0-beta", NULL), 0);
    CHECK_INT(satisfies("*", "1.0.0-0", NULL), 0);
}

static void hyphen_ranges_are_rewritten_before_alternatives_split(void)
{
    CHECK_INT(satisfies("1 - 2 || 3 - 4", "3.5.0", NULL), 1);
    CHECK_INT(satisfies("1.2 - 1.4.5", "1.4.6", NULL), 0);
    const char *message;
    CHECK_INT(satisfies("1 - 2 || >=1 - 2", "1.0.0", &message), CELM_EPARSE);
    CHECK_STR(message, "improper constraint: \" >=>= 1, <= 2 \"");
}

static void validate_gives_go_reasons_per_operator(void)
{
    CHECK_STR(only_reason("1.2.3", "1.2.4+b"), "\"1.2.4+b\" is not equal to \"1.2.3\"");
    CHECK_STR(only_reason("!=1.2.x", "1.2.4"), "\"1.2.4\" is equal to \"1.2.x\"");
    CHECK_STR(only_reason(">1.2", "1.2.5"), "\"1.2.5\" is less than or equal to \"1.2\"");
    CHECK_STR(only_reason("<1.2.3", "1.2.3"), "\"1.2.3\" is greater than or equal to \"1.2.3\"");
    CHECK_STR(only_reason(">=v1.2.3", "1.2.2"), "\"1.2.2\" is less than \"v1.2.3\"");
    CHECK_STR(only_reason("<=1.2.3", "1.2.4"), "\"1.2.4\" is greater than \"1.2.3\"");
    CHECK_STR(only_reason("~1.2.3", "1.3.0"),
              "\"1.3.0\" does not have same major and minor version as \"1.2.3\"");
    CHECK_STR(only_reason("~1.2.3", "2.0.0"),
              "\"2.0.0\" does not have same major version as \"1.2.3\"");
    CHECK_STR(only_reason("^1.2", "1.1.0"), "\"1.1.0\" is less than \"1.2\"");
    CHECK_STR(only_reason("^0.2.3", "0.3.0"),
              "\"0.3.0\" does not have same minor version as \"0.2.3\". Expected minor versions to "
              "match when constraint major version is 0");
    CHECK_STR(only_reason("^0.0.3", "0.1.0"),
              "\"0.1.0\" does not have same minor version as \"0.0.3\"");
    CHECK_STR(only_reason("^0.0.3", "0.0.4"),
              "\"0.0.4\" does not equal \"0.0.3\". Expect version and constraint to equal when "
              "major and minor versions are 0");
}

static void validate_walks_every_comparator_of_every_alternative(void)
{
    reasons collected = validate("<1.0.0 >0.5.0 || >2.0.0", "0.1.0", 0);
    CHECK_INT(collected.count, 2);
    CHECK_STR(collected.text[0], "\"0.1.0\" is less than or equal to \"0.5.0\"");
    CHECK_STR(collected.text[1], "\"0.1.0\" is less than or equal to \"2.0.0\"");
    CHECK_INT(validate(">=1 <2 || 5", "1.5.0", 1).count, 0);
}

static void validate_reports_a_refused_prerelease_once(void)
{
    reasons collected = validate(">1.0 <2.0 || <3.0", "1.5.0-beta", 0);
    CHECK_INT(collected.count, 1);
    CHECK_STR(collected.text[0], "\"1.5.0-beta\" is a prerelease version and the constraint is "
                                 "only looking for release versions");
    collected = validate(">0.0.0-0", "0.0.0-0+b", 0);
    CHECK_STR(collected.text[0], "\"0.0.0-0+b\" is less than or equal to \"0.0.0-0\"");
}

static void constraint_errors_read_like_go(void)
{
    CHECK_STR(constraint_error("", CELM_EPARSE), "improper constraint: \"\"");
    CHECK_STR(constraint_error(">=1.0 ||", CELM_EPARSE), "improper constraint: \"\"");
    CHECK_STR(constraint_error("1|2", CELM_EPARSE), "constraint parser error");
    CHECK_STR(constraint_error(">=1.2.3-01", CELM_EPARSE), "constraint parser error");
    char text[600];
    memset(text, ' ', sizeof text);
    memcpy(text, ">=1", 3);
    text[513] = '\0';
    CHECK_STR(constraint_error(text, CELM_ELIMIT), "constraint string is too long (max 512 bytes)");
    text[512] = '\0';
    CHECK_INT(satisfies(text, "1.0.0", NULL), 1);
    strcpy(text, "1");
    for (int i = 1; i < 33; i++)
        strcat(text, "||1");
    CHECK_STR(constraint_error(text, CELM_ELIMIT), "too many constraint groups (max 32)");
}

static void improper_constraints_are_quoted_like_go(void)
{
    CHECK_STR(constraint_error("a\tb\x01\x7f\a", CELM_EPARSE),
              "improper constraint: \"a\\tb\\x01\\x7f\\a\"");
    CHECK_STR(constraint_error("\"\\", CELM_EPARSE), "improper constraint: \"\\\"\\\\\"");
    CHECK_STR(constraint_error("\xc3\xa9\xff", CELM_EPARSE),
              "improper constraint: \"\xc3\xa9\\xff\"");
    CHECK_STR(constraint_error("\xe2\x80\x8b\xc2\xa0", CELM_EPARSE),
              "improper constraint: \"\\u200b\\u00a0\"");
    CHECK_STR(constraint_error("\xef\xbb\xbf\xcd\xb8\xcd\xbe", CELM_EPARSE),
              "improper constraint: \"\\ufeff\\u0378\xcd\xbe\"");
    CHECK_STR(constraint_error("\xf0\x9f\x98\x80\xf3\xa0\x80\x81", CELM_EPARSE),
              "improper constraint: \"\xf0\x9f\x98\x80\\U000e0001\"");
}

static void satisfies_reports_the_constraint_before_the_version(void)
{
    const char *message;
    CHECK_INT(satisfies("1.2.3-01", "x", &message), CELM_EPARSE);
    CHECK_STR(message, "constraint parser error");
    CHECK_INT(satisfies(">=1", "x", &message), CELM_EPARSE);
    CHECK_STR(message, "invalid semantic version");
}

static void constraints_do_not_borrow_their_text(void)
{
    char *text = strdup(">= 1.2.x-0, <2");
    celm_arena *arena = celm_arena_create();
    celm_semver_constraints *constraints = NULL;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_semver_constraints_parse(arena, text, strlen(text), &constraints, &err),
              CELM_OK);
    memset(text, 'z', strlen(text));
    free(text);
    celm_semver v = parse("1.9.0-rc.1");
    CHECK_INT(celm_semver_constraints_check(constraints, &v), 1);
    reasons collected = {.count = 0};
    v = parse("2.0.0");
    CHECK_INT(celm_semver_constraints_validate(constraints, &v, collect_reason, &collected), 0);
    CHECK_STR(collected.text[0], "\"2.0.0\" is greater than or equal to \"2\"");
    celm_arena_destroy(arena);
}

CHECK_CASES(CASE(parse_fills_every_part_and_borrows_the_text),
            CASE(parse_coerces_missing_parts_and_leading_zeros),
            CASE(parse_errors_read_like_go),
            CASE(parse_refuses_more_than_256_bytes),
            CASE(strict_parse_takes_only_complete_versions),
            CASE(strict_parse_errors_read_like_go),
            CASE(compare_follows_semver_precedence),
            CASE(compare_ignores_metadata_and_the_v),
            CASE(compare_treats_an_overflowing_number_as_text),
            CASE(format_reports_the_full_length_when_truncating),
            CASE(check_reads_wildcards_tilde_and_caret),
            CASE(prereleases_need_a_prerelease_in_the_same_alternative),
            CASE(hyphen_ranges_are_rewritten_before_alternatives_split),
            CASE(validate_gives_go_reasons_per_operator),
            CASE(validate_walks_every_comparator_of_every_alternative),
            CASE(validate_reports_a_refused_prerelease_once),
            CASE(constraint_errors_read_like_go),
            CASE(improper_constraints_are_quoted_like_go),
            CASE(satisfies_reports_the_constraint_before_the_version),
            CASE(constraints_do_not_borrow_their_text))
