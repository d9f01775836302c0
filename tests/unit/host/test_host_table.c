/* test_host_table.c: the host table's semver and regex entries, as plugins call them. */
#include <stdint.h>

#include "celm/celm.h"
#include "check.h"

static void regex_search_reports_groups(void)
{
    const celm_host *host = celm_host_table();
    celm_arena *arena = celm_arena_create();
    celm_error err = CELM_ERROR_INIT;
    celm_regex *regex = host->regex_compile(arena, "a(b)?(c)", 8, &err);
    CHECK(regex != NULL);
    CHECK_INT(host->regex_group_count(regex), 2);
    size_t groups[6];
    CHECK_INT(host->regex_search(regex, "xxacab", 6, 0, groups, 6), 3);
    CHECK_INT(groups[0], 2);
    CHECK_INT(groups[1], 4);
    CHECK(groups[2] == SIZE_MAX && groups[3] == SIZE_MAX);
    CHECK_INT(groups[4], 3);
    CHECK_INT(host->regex_search(regex, "xxacab", 6, 4, groups, 6), 0);
    CHECK(host->regex_compile(arena, "a(?=b)", 6, &err) == NULL);
    CHECK(strncmp(err.message, "error parsing regexp: ", 22) == 0);
    celm_arena_destroy(arena);
}

static void semver_entries(void)
{
    const celm_host *host = celm_host_table();
    celm_error err = CELM_ERROR_INIT;
    celm_semver a, b;
    CHECK_INT(host->semver_parse(&a, "v1.2.3-rc.1", 11, &err), CELM_OK);
    CHECK_INT(host->semver_parse(&b, "1.2.3", 5, &err), CELM_OK);
    CHECK_INT(a.major, 1);
    CHECK_INT(host->semver_compare(&a, &b), -1);
    CHECK_INT(host->semver_satisfies(">=1.2.0", 7, "1.3.0", 5, &err), 1);
    CHECK_INT(host->semver_satisfies(">=1.2.0", 7, "1.2.3-rc.1", 10, &err), 0);
    CHECK(host->semver_satisfies(">=1", 3, "one", 3, &err) < 0);
    CHECK(CELM_HOST_HAS(host, regex_group_count));
}

CHECK_CASES(CASE(regex_search_reports_groups), CASE(semver_entries))
