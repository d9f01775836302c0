/* semver_internal.h: what the semver files share: the parsed constraint model and helpers. */
#ifndef CELM_SEMVER_INTERNAL_H
#define CELM_SEMVER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "celm/semver.h"

/* [0-9A-Za-z-], the characters of prerelease and metadata identifiers. */
int celm_semver_is_identifier_char(char c);
/* Skips IDENTIFIER(.IDENTIFIER)* greedily from `at`, as the regular expressions behind
 * Masterminds semver do; returns `at` when no identifier starts there. */
size_t celm_semver_skip_identifiers(const char *text, size_t len, size_t at);

/* Go's comparePrerelease on two prerelease texts, either possibly empty (an empty text is one
 * empty identifier, as strings.Split gives it). */
int celm_semver_compare_prerelease(const char *a, size_t a_len, const char *b, size_t b_len);

/* Go regexp's \s: space, \t, \n, \f, \r. */
int celm_semver_is_space(char c);
/* The first-preference match of the constraint version pattern v?A(.A)?(.A)?(-IDS)?(+IDS)?, A a
 * run of [0-9xX*|], at `at`: returns its end, or `at` when nothing matches there. */
size_t celm_semver_match_constraint_version(const char *text, size_t len, size_t at);

/* Go's rewriteRange: every "A - B" found in `text` becomes ">= A, <= B ". *out is a NUL-terminated
 * copy in `arena`, made even when nothing is rewritten. Returns CELM_OK or CELM_ENOMEM. */
int celm_semver_rewrite_ranges(celm_arena *arena, const char *text, size_t len, char **out,
                               size_t *out_len);

/* The operator a comparator was written with; "=" and "" are the same operator, as are ">=" and
 * "=>", "<=" and "=<", "~" and "~>". */
typedef enum semver_operator {
    SEMVER_OP_TILDE_OR_EQUAL,
    SEMVER_OP_NOT_EQUAL,
    SEMVER_OP_GREATER,
    SEMVER_OP_LESS,
    SEMVER_OP_GREATER_EQUAL,
    SEMVER_OP_LESS_EQUAL,
    SEMVER_OP_TILDE,
    SEMVER_OP_CARET
} semver_operator;

/* One comparator such as ">= 1.2.x". `bound` is the version with wildcards and missing parts as 0
 * (its texts live in the constraints' arena); `text` is the version as written, for messages.
 * `dirty` marks any wildcard or missing part, `minor_dirty` one from the minor on, `patch_dirty`
 * one at the patch only. */
typedef struct semver_comparator {
    semver_operator op;
    celm_semver bound;
    const char *text;
    size_t text_len;
    unsigned char dirty;
    unsigned char minor_dirty;
    unsigned char patch_dirty;
} semver_comparator;

/* One `||` alternative: comparators that must all hold. `has_prerelease` is set when some
 * comparator's bound has a prerelease, which lets prerelease versions match the alternative. */
typedef struct semver_group {
    semver_comparator *comparators;
    size_t count;
    int has_prerelease;
} semver_group;

struct celm_semver_constraints {
    semver_group *groups;
    size_t count;
};

#endif
