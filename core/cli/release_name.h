/* release_name.h: the release name of template and install: --name-template and helm's name check. */
#ifndef CELM_CLI_RELEASE_NAME_H
#define CELM_CLI_RELEASE_NAME_H

#include "cli.h"

/* Helm's NameAndChart: NAME CHART; or CHART named by --name-template (executed with Sprig's
 * functions, helm's TemplateName), else by `default_name` (template's "release-name") when not
 * NULL, else by --generate-name. Returns 0, or prints helm's error after `prefix` (install's
 * "INSTALLATION FAILED: ") and returns 1. */
int release_name_and_chart(const cli_invocation *invocation, const char *prefix, const char *default_name,
                           const char **name, const char **chart);

/* Why helm's availableName refuses `name` (empty, or not a DNS-1123 subdomain of at most 53
 * characters), as arena text; NULL when it is acceptable. */
const char *release_name_problem(celm_arena *arena, const char *name);

/* helm's availableName failure: its slog ERROR line, then `Error: PREFIXrelease name check
 * failed: REASON`. Returns 1. */
int release_name_check_failed(celm_arena *arena, const char *prefix, const char *reason);

#endif
