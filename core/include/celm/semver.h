/* semver.h: semantic versions and version constraints, read as Helm v4.2.4 reads them. */
#ifndef CELM_SEMVER_H
#define CELM_SEMVER_H

/* The behaviour, limits and error texts are those of github.com/Masterminds/semver/v3 v3.5.0 with
 * its defaults (CoerceNewVersion on), the library behind Helm's semver, semverCompare, kubeVersion
 * checks, dependency ranges and `helm lint`'s version rules. */

#include <stddef.h>
#include <stdint.h>

#include "celm/arena.h"
#include "celm/error.h"
#include "celm/semver_info.h"

#define CELM_SEMVER_MAX_LENGTH 256             /* longer version texts are refused */
#define CELM_SEMVER_CONSTRAINT_MAX_LENGTH 512  /* longer constraint texts are refused */
#define CELM_SEMVER_CONSTRAINT_MAX_GROUPS 32   /* at most this many `||` alternatives */
/* Room for celm_semver_format of any version parsed here, with its NUL. */
#define CELM_SEMVER_FORMAT_SIZE 328


/* NewVersion: the loose form Helm accepts everywhere ("1", "1.2", "v1.2.3", "01.002.3",
 * "1.2.3-rc.1+build.5"). Missing minor and patch are 0. Errors (code CELM_EPARSE, or CELM_ELIMIT
 * when over CELM_SEMVER_MAX_LENGTH) carry Go's text, e.g. "invalid semantic version" or
 * "version segment starts with 0". Never allocates. */
int celm_semver_parse(celm_semver *out, const char *text, size_t len, celm_error *err);

/* StrictNewVersion: exactly MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA], no 'v', no leading zeros.
 * Helm uses it for `helm lint`'s SemVerV2 warning, OCI tags and plugin versions. */
int celm_semver_parse_strict(celm_semver *out, const char *text, size_t len, celm_error *err);

/* Precedence: -1, 0 or 1. Metadata is ignored; a prerelease sorts before its release; prerelease
 * identifiers compare numerically when both are numbers, numbers before words. Never allocates. */
int celm_semver_compare(const celm_semver *a, const celm_semver *b);

/* Version.String(): "MAJOR.MINOR.PATCH[-PRERELEASE][+METADATA]" (no 'v'). Writes at most `size`
 * bytes with a NUL, like snprintf, and returns the full length. */
size_t celm_semver_format(const celm_semver *version, char *buffer, size_t size);

/* A parsed constraint: `||`-separated alternatives of comparators joined by ',' or spaces, with
 * operators = != > < >= => <= =< ~ ~> ^, wildcards x X * and hyphen ranges "1.2 - 1.4.5". */
typedef struct celm_semver_constraints celm_semver_constraints;

/* NewConstraint. *out lives in `arena` and borrows nothing from `text`. Errors carry Go's text:
 * `improper constraint: ">=>= 1"` (the offending alternative, quoted like Go's %q), "constraint
 * parser error", or the length and group limits (CELM_ELIMIT). */
int celm_semver_constraints_parse(celm_arena *arena, const char *text, size_t len,
                                  celm_semver_constraints **out, celm_error *err);

/* Check: 1 when `version` satisfies some alternative, else 0. A version with a prerelease only
 * satisfies an alternative in which some comparator's version has a prerelease. Never allocates. */
int celm_semver_constraints_check(const celm_semver_constraints *constraints,
                                  const celm_semver *version);

/* Validate: the same answer as check; when it is 0, `on_reason` (may be NULL) is called once per
 * reason in Go's order, e.g. `"1.2.3" is less than "1.5"`. `reason` is valid during the call. */
typedef void (*celm_semver_reason_fn)(void *context, const char *reason);
int celm_semver_constraints_validate(const celm_semver_constraints *constraints,
                                     const celm_semver *version, celm_semver_reason_fn on_reason,
                                     void *context);

/* Sprig's semverCompare: parses the constraint, then the version, then checks. Returns 1 or 0, or
 * a negative CELM_E* code with the first parse error in `err`. Uses (and frees) an arena of its
 * own; to check many versions against one constraint, parse the constraint once instead. */
int celm_semver_satisfies(const char *constraint, size_t constraint_len, const char *version,
                          size_t version_len, celm_error *err);

#endif
