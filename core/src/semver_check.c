/* semver_check.c: whether a version satisfies constraints (Check, Validate and their reasons). */
#include <stdio.h>

#include "semver_internal.h"

/* Why a comparator failed. Each reason's message is `"VERSION"<middle>"CONSTRAINT"<suffix>`, with
 * the version as Version.String() gives it and the constraint's version as written. */
typedef enum semver_reason {
    REASON_NONE = 0,
    REASON_PRERELEASE,
    REASON_EQUAL,
    REASON_LESS_OR_EQUAL,
    REASON_GREATER_OR_EQUAL,
    REASON_LESS,
    REASON_GREATER,
    REASON_MAJOR_DIFFERS,
    REASON_MAJOR_OR_MINOR_DIFFERS,
    REASON_NOT_EQUAL,
    REASON_MINOR_DIFFERS_UNDER_ZERO_MAJOR,
    REASON_MINOR_DIFFERS,
    REASON_PATCH_DIFFERS_UNDER_ZERO
} semver_reason;

static const struct {
    const char *middle;
    const char *suffix;
} reason_texts[] = {
    [REASON_PRERELEASE] = {" is a prerelease version and the constraint is only looking for "
                           "release versions", NULL},
    [REASON_EQUAL] = {" is equal to ", ""},
    [REASON_LESS_OR_EQUAL] = {" is less than or equal to ", ""},
    [REASON_GREATER_OR_EQUAL] = {" is greater than or equal to ", ""},
    [REASON_LESS] = {" is less than ", ""},
    [REASON_GREATER] = {" is greater than ", ""},
    [REASON_MAJOR_DIFFERS] = {" does not have same major version as ", ""},
    [REASON_MAJOR_OR_MINOR_DIFFERS] = {" does not have same major and minor version as ", ""},
    [REASON_NOT_EQUAL] = {" is not equal to ", ""},
    [REASON_MINOR_DIFFERS_UNDER_ZERO_MAJOR] = {" does not have same minor version as ",
                                               ". Expected minor versions to match when "
                                               "constraint major version is 0"},
    [REASON_MINOR_DIFFERS] = {" does not have same minor version as ", ""},
    [REASON_PATCH_DIFFERS_UNDER_ZERO] = {" does not equal ", ". Expect version and constraint to "
                                         "equal when major and minor versions are 0"},
};

static int has_prerelease(const celm_semver *version)
{
    return version->prerelease_len > 0;
}

static int same_prerelease(const celm_semver *a, const celm_semver *b)
{
    return celm_semver_compare_prerelease(a->prerelease, a->prerelease_len, b->prerelease,
                                          b->prerelease_len) == 0;
}

/* "!=": a wildcard excludes the whole range it stands for. */
static semver_reason check_not_equal(const celm_semver *v, const semver_comparator *c)
{
    const celm_semver *bound = &c->bound;
    if (c->dirty) {
        if (bound->major != v->major)
            return REASON_NONE;
        if (bound->minor != v->minor && !c->minor_dirty)
            return REASON_NONE;
        if (c->minor_dirty)
            return REASON_EQUAL;
        if (bound->patch != v->patch && !c->patch_dirty)
            return REASON_NONE;
        if (c->patch_dirty) {
            if ((has_prerelease(v) || has_prerelease(bound)) && !same_prerelease(v, bound))
                return REASON_NONE;
            return REASON_EQUAL;
        }
    }
    return celm_semver_compare(v, bound) == 0 ? REASON_EQUAL : REASON_NONE;
}

/* ">": above the whole range a wildcard stands for (">1.2" needs 1.3.0 or more). */
static semver_reason check_greater(const celm_semver *v, const semver_comparator *c)
{
    const celm_semver *bound = &c->bound;
    if (!c->dirty)
        return celm_semver_compare(v, bound) > 0 ? REASON_NONE : REASON_LESS_OR_EQUAL;
    if (v->major != bound->major)
        return v->major > bound->major ? REASON_NONE : REASON_LESS_OR_EQUAL;
    if (c->minor_dirty)
        return REASON_LESS_OR_EQUAL;
    if (c->patch_dirty)
        return v->minor > bound->minor ? REASON_NONE : REASON_LESS_OR_EQUAL;
    return celm_semver_compare(v, bound) > 0 ? REASON_NONE : REASON_LESS_OR_EQUAL;
}

/* "<=": anything up to the end of the range a wildcard stands for. */
static semver_reason check_less_equal(const celm_semver *v, const semver_comparator *c)
{
    const celm_semver *bound = &c->bound;
    if (!c->dirty)
        return celm_semver_compare(v, bound) <= 0 ? REASON_NONE : REASON_GREATER;
    if (v->major > bound->major)
        return REASON_GREATER;
    if (v->major == bound->major && v->minor > bound->minor && !c->minor_dirty)
        return REASON_GREATER;
    return REASON_NONE;
}

/* "~": at least the bound, same major, and same minor unless the minor is a wildcard. */
static semver_reason check_tilde(const celm_semver *v, const semver_comparator *c)
{
    const celm_semver *bound = &c->bound;
    if (celm_semver_compare(v, bound) < 0)
        return REASON_LESS;
    if (bound->major == 0 && bound->minor == 0 && bound->patch == 0 && !c->minor_dirty &&
        !c->patch_dirty)
        return REASON_NONE;
    if (v->major != bound->major)
        return REASON_MAJOR_DIFFERS;
    if (v->minor != bound->minor && !c->minor_dirty)
        return REASON_MAJOR_OR_MINOR_DIFFERS;
    return REASON_NONE;
}

/* "^": at least the bound, and the leftmost non-zero part of the bound unchanged. */
static semver_reason check_caret(const celm_semver *v, const semver_comparator *c)
{
    const celm_semver *bound = &c->bound;
    if (celm_semver_compare(v, bound) < 0)
        return REASON_LESS;
    if (bound->major > 0 || c->minor_dirty)
        return v->major == bound->major ? REASON_NONE : REASON_MAJOR_DIFFERS;
    if (v->major > 0)
        return REASON_MAJOR_DIFFERS;
    if (bound->minor > 0 || c->patch_dirty)
        return v->minor == bound->minor ? REASON_NONE : REASON_MINOR_DIFFERS_UNDER_ZERO_MAJOR;
    if (v->minor > 0)
        return REASON_MINOR_DIFFERS;
    return v->patch == bound->patch ? REASON_NONE : REASON_PATCH_DIFFERS_UNDER_ZERO;
}

static semver_reason check_comparator(const celm_semver *v, const semver_comparator *c,
                                      int include_prerelease)
{
    if (has_prerelease(v) && !include_prerelease)
        return REASON_PRERELEASE;
    switch (c->op) {
    case SEMVER_OP_TILDE_OR_EQUAL:
        if (c->dirty)
            return check_tilde(v, c);
        return celm_semver_compare(v, &c->bound) == 0 ? REASON_NONE : REASON_NOT_EQUAL;
    case SEMVER_OP_NOT_EQUAL:
        return check_not_equal(v, c);
    case SEMVER_OP_GREATER:
        return check_greater(v, c);
    case SEMVER_OP_LESS:
        return celm_semver_compare(v, &c->bound) < 0 ? REASON_NONE : REASON_GREATER_OR_EQUAL;
    case SEMVER_OP_GREATER_EQUAL:
        return celm_semver_compare(v, &c->bound) >= 0 ? REASON_NONE : REASON_LESS;
    case SEMVER_OP_LESS_EQUAL:
        return check_less_equal(v, c);
    case SEMVER_OP_TILDE:
        return check_tilde(v, c);
    case SEMVER_OP_CARET:
        return check_caret(v, c);
    }
    return REASON_NONE;
}

int celm_semver_constraints_check(const celm_semver_constraints *constraints,
                                  const celm_semver *version)
{
    for (size_t g = 0; g < constraints->count; g++) {
        const semver_group *group = &constraints->groups[g];
        size_t i = 0;
        while (i < group->count &&
               check_comparator(version, &group->comparators[i], group->has_prerelease) ==
                   REASON_NONE)
            i++;
        if (i == group->count)
            return 1;
    }
    return 0;
}

static void report(const celm_semver *version, const semver_comparator *c, semver_reason reason,
                   celm_semver_reason_fn on_reason, void *context)
{
    if (!on_reason)
        return;
    char formatted[CELM_SEMVER_FORMAT_SIZE];
    char message[CELM_ERROR_MESSAGE_SIZE];
    celm_semver_format(version, formatted, sizeof formatted);
    if (reason == REASON_PRERELEASE)
        snprintf(message, sizeof message, "\"%s\"%s", formatted, reason_texts[reason].middle);
    else
        snprintf(message, sizeof message, "\"%s\"%s\"%.*s\"%s", formatted,
                 reason_texts[reason].middle, (int)c->text_len, c->text,
                 reason_texts[reason].suffix);
    on_reason(context, message);
}

/* Validate's answer is Check's; when it is no, every comparator of every alternative is visited
 * for its reason, the prerelease reason reported only once however many alternatives it stops.
 * (Upstream also collects reasons on the way to a yes, then returns none.) */
int celm_semver_constraints_validate(const celm_semver_constraints *constraints,
                                     const celm_semver *version, celm_semver_reason_fn on_reason,
                                     void *context)
{
    if (celm_semver_constraints_check(constraints, version))
        return 1;
    int prerelease_reported = 0;
    for (size_t g = 0; g < constraints->count; g++) {
        const semver_group *group = &constraints->groups[g];
        for (size_t i = 0; i < group->count; i++) {
            const semver_comparator *c = &group->comparators[i];
            semver_reason reason = check_comparator(version, c, group->has_prerelease);
            if (reason == REASON_NONE || (reason == REASON_PRERELEASE && prerelease_reported))
                continue;
            prerelease_reported |= reason == REASON_PRERELEASE;
            report(version, c, reason, on_reason, context);
        }
    }
    return 0;
}

int celm_semver_satisfies(const char *constraint, size_t constraint_len, const char *version,
                          size_t version_len, celm_error *err)
{
    celm_arena *arena = celm_arena_create();
    if (!arena)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    celm_semver_constraints *constraints;
    celm_semver parsed;
    int rc = celm_semver_constraints_parse(arena, constraint, constraint_len, &constraints, err);
    if (rc == CELM_OK)
        rc = celm_semver_parse(&parsed, version, version_len, err);
    if (rc == CELM_OK)
        rc = celm_semver_constraints_check(constraints, &parsed);
    celm_arena_destroy(arena);
    return rc;
}
