/* semver_constraint.c: a constraint text read into alternatives of comparators (NewConstraint). */
#include <string.h>

#include "go_quote.h"
#include "semver_internal.h"

typedef struct text_part {
    const char *data;
    size_t len;     /* 0 when the part is absent */
} text_part;

/* The version of a comparator as the constraint grammar splits it: v?A(.A)?(.A)?(-IDS)?(+IDS)?
 * where A is a run of [0-9xX*|]. `minor` and `patch` keep their dot, `prerelease` its dash. */
typedef struct constraint_version {
    text_part major;
    text_part minor;
    text_part patch;
    text_part prerelease;
} constraint_version;

/* One comparator as written: the operator and the version text after it. */
typedef struct comparator_text {
    semver_operator op;
    const char *version;
    size_t version_len;
} comparator_text;

static const struct {
    const char *text;
    semver_operator op;
} operators[] = {
    {"", SEMVER_OP_TILDE_OR_EQUAL},  {"=", SEMVER_OP_TILDE_OR_EQUAL},
    {"!=", SEMVER_OP_NOT_EQUAL},     {">", SEMVER_OP_GREATER},
    {"<", SEMVER_OP_LESS},           {">=", SEMVER_OP_GREATER_EQUAL},
    {"=>", SEMVER_OP_GREATER_EQUAL}, {"<=", SEMVER_OP_LESS_EQUAL},
    {"=<", SEMVER_OP_LESS_EQUAL},    {"~", SEMVER_OP_TILDE},
    {"~>", SEMVER_OP_TILDE},         {"^", SEMVER_OP_CARET},
};

int celm_semver_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* The class [0-9|x|X|\*] of the upstream pattern, which also admits '|'. */
static int is_wildcard_digit(char c)
{
    return (c >= '0' && c <= '9') || c == 'x' || c == 'X' || c == '*' || c == '|';
}

static int is_operator_char(char c)
{
    return c != '\0' && strchr("=!<>~^", c) != NULL;
}

static size_t skip_spaces(const char *text, size_t len, size_t at)
{
    while (at < len && celm_semver_is_space(text[at]))
        at++;
    return at;
}

static size_t skip_wildcard_digits(const char *text, size_t len, size_t at)
{
    while (at < len && is_wildcard_digit(text[at]))
        at++;
    return at;
}

/* An optional part made of `lead` and a non-empty run that `skip` accepts after it. Returns the
 * end of the part, or `at` (leaving *part alone) when it is not there. */
static size_t match_led_part(const char *text, size_t len, size_t at, char lead,
                             size_t (*skip)(const char *, size_t, size_t), text_part *part)
{
    if (at + 1 >= len || text[at] != lead)
        return at;
    size_t end = skip(text, len, at + 1);
    if (end == at + 1)
        return at;
    *part = (text_part){text + at, end - at};
    return end;
}

/* The first-preference (greedy) match of the constraint version grammar at `at`; returns its end,
 * or `at` when nothing matches there. Fills `parts` when it is not NULL. */
static size_t match_version(const char *text, size_t len, size_t at, constraint_version *parts)
{
    constraint_version found;
    memset(&found, 0, sizeof found);
    size_t start = at;
    if (at + 1 < len && text[at] == 'v' && is_wildcard_digit(text[at + 1]))
        at++;
    size_t end = skip_wildcard_digits(text, len, at);
    if (end == at)
        return start;
    found.major = (text_part){text + at, end - at};
    at = match_led_part(text, len, end, '.', skip_wildcard_digits, &found.minor);
    at = match_led_part(text, len, at, '.', skip_wildcard_digits, &found.patch);
    at = match_led_part(text, len, at, '-', celm_semver_skip_identifiers, &found.prerelease);
    text_part metadata;
    at = match_led_part(text, len, at, '+', celm_semver_skip_identifiers, &metadata);
    if (parts)
        *parts = found;
    return at;
}

size_t celm_semver_match_constraint_version(const char *text, size_t len, size_t at)
{
    return match_version(text, len, at, NULL);
}

static int lookup_operator(const char *text, size_t len, semver_operator *op)
{
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        if (strlen(operators[i].text) == len && memcmp(operators[i].text, text, len) == 0) {
            *op = operators[i].op;
            return 1;
        }
    }
    return 0;
}

/* Reads the comparator at *at (operator, spaces, version) and the separator after it. Returns 1
 * and advances *at, or 0 when the text is not what upstream's validating pattern accepts. Sets
 * *last when the comparator ends the text. */
static int scan_comparator(const char *text, size_t len, size_t *at, comparator_text *item,
                           int *last)
{
    size_t pos = *at, op_start = pos;
    while (pos < len && is_operator_char(text[pos]))
        pos++;
    if (!lookup_operator(text + op_start, pos - op_start, &item->op))
        return 0;
    size_t version_start = pos = skip_spaces(text, len, pos);
    while (pos < len && !celm_semver_is_space(text[pos]) && text[pos] != ',')
        pos++;
    if (pos == version_start || match_version(text, len, version_start, NULL) != pos)
        return 0;
    item->version = text + version_start;
    item->version_len = pos - version_start;
    pos = skip_spaces(text, len, pos);
    *last = pos == len;
    if (pos < len && text[pos] == ',')
        pos = skip_spaces(text, len, pos + 1);
    *at = pos;
    return 1;
}

/* Checks one `||` alternative and counts its comparators; fills `items` when not NULL. Returns
 * 0 when the alternative is improper. */
static int scan_group(const char *text, size_t len, comparator_text *items, size_t *count)
{
    size_t at = skip_spaces(text, len, 0);
    *count = 0;
    for (int last = 0; !last;) {
        comparator_text item;
        if (!scan_comparator(text, len, &at, &item, &last))
            return 0;
        if (items)
            items[*count] = item;
        (*count)++;
    }
    return 1;
}

static int is_wildcard(const char *text, size_t len)
{
    return len == 1 && (text[0] == 'x' || text[0] == 'X' || text[0] == '*');
}

/* The bound's text: the version with wildcards and missing parts zeroed, the 'v' and metadata
 * dropped when anything was zeroed. Sets the dirty flags as upstream's parseConstraint does. */
static char *bound_text(celm_arena *arena, const comparator_text *item, semver_comparator *out)
{
    constraint_version parts;
    match_version(item->version, item->version_len, 0, &parts);
    text_part major = parts.major, minor = parts.minor, prerelease = parts.prerelease;
    int prerelease_len = (int)prerelease.len;
    const char *prerelease_text = prerelease.len ? prerelease.data : "";
    out->dirty = 1;
    if (is_wildcard(major.data, major.len))
        return celm_arena_printf(arena, "0.0.0%.*s", prerelease_len, prerelease_text);
    if (minor.len == 0 || is_wildcard(minor.data + 1, minor.len - 1)) {
        out->minor_dirty = 1;
        return celm_arena_printf(arena, "%.*s.0.0%.*s", (int)major.len, major.data,
                                 prerelease_len, prerelease_text);
    }
    if (parts.patch.len == 0 || is_wildcard(parts.patch.data + 1, parts.patch.len - 1)) {
        out->patch_dirty = 1;
        return celm_arena_printf(arena, "%.*s%.*s.0%.*s", (int)major.len, major.data,
                                 (int)minor.len, minor.data, prerelease_len, prerelease_text);
    }
    out->dirty = 0;
    return celm_arena_strndup(arena, item->version, item->version_len);
}

static int build_comparator(celm_arena *arena, const comparator_text *item,
                            semver_comparator *out, celm_error *err)
{
    memset(out, 0, sizeof *out);
    out->op = item->op;
    out->text = item->version;
    out->text_len = item->version_len;
    char *text = bound_text(arena, item, out);
    if (!text)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    if (celm_semver_parse(&out->bound, text, strlen(text), NULL) != CELM_OK)
        return celm_error_set(err, CELM_EPARSE, "constraint parser error");
    return CELM_OK;
}

static int improper_constraint(const char *text, size_t len, celm_error *err)
{
    celm_buffer quoted;
    celm_buffer_init(&quoted);
    celm_go_quote(&quoted, text, len);
    int rc = quoted.failed
                 ? celm_error_set(err, CELM_ENOMEM, "out of memory")
                 : celm_error_set(err, CELM_EPARSE, "improper constraint: %.*s", (int)quoted.len,
                                  quoted.data);
    celm_buffer_free(&quoted);
    return rc;
}

static int parse_group(celm_arena *arena, const char *text, size_t len, semver_group *group,
                       celm_error *err)
{
    size_t count;
    if (!scan_group(text, len, NULL, &count))
        return improper_constraint(text, len, err);
    comparator_text *items = celm_arena_alloc(arena, count * sizeof *items);
    group->comparators = celm_arena_alloc(arena, count * sizeof *group->comparators);
    if (!items || !group->comparators)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    scan_group(text, len, items, &count);
    group->count = count;
    group->has_prerelease = 0;
    for (size_t i = 0; i < count; i++) {
        int rc = build_comparator(arena, &items[i], &group->comparators[i], err);
        if (rc != CELM_OK)
            return rc;
        if (group->comparators[i].bound.prerelease_len)
            group->has_prerelease = 1;
    }
    return CELM_OK;
}

/* strings.Split(text, "||"): the alternatives, counted or (with `starts`) located. */
static size_t split_alternatives(const char *text, size_t len, size_t *starts, size_t *lens)
{
    size_t count = 0, start = 0;
    for (size_t at = 0; at <= len; at++) {
        int bar = at + 1 < len && text[at] == '|' && text[at + 1] == '|';
        if (!bar && at < len)
            continue;
        if (starts)
            starts[count] = start, lens[count] = at - start;
        count++;
        start = at + 2;
        at++;
    }
    return count;
}

int celm_semver_constraints_parse(celm_arena *arena, const char *text, size_t len,
                                  celm_semver_constraints **out, celm_error *err)
{
    if (len > CELM_SEMVER_CONSTRAINT_MAX_LENGTH)
        return celm_error_set(err, CELM_ELIMIT, "constraint string is too long (max %d bytes)",
                              CELM_SEMVER_CONSTRAINT_MAX_LENGTH);
    char *rewritten;
    size_t rewritten_len;
    int rc = celm_semver_rewrite_ranges(arena, text ? text : "", len, &rewritten, &rewritten_len);
    if (rc != CELM_OK)
        return celm_error_set(err, rc, "out of memory");
    size_t count = split_alternatives(rewritten, rewritten_len, NULL, NULL);
    if (count > CELM_SEMVER_CONSTRAINT_MAX_GROUPS)
        return celm_error_set(err, CELM_ELIMIT, "too many constraint groups (max %d)",
                              CELM_SEMVER_CONSTRAINT_MAX_GROUPS);
    size_t starts[CELM_SEMVER_CONSTRAINT_MAX_GROUPS], lens[CELM_SEMVER_CONSTRAINT_MAX_GROUPS];
    split_alternatives(rewritten, rewritten_len, starts, lens);
    celm_semver_constraints *constraints = celm_arena_alloc(arena, sizeof *constraints);
    semver_group *groups = celm_arena_alloc(arena, count * sizeof *groups);
    if (!constraints || !groups)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    for (size_t i = 0; i < count; i++) {
        rc = parse_group(arena, rewritten + starts[i], lens[i], &groups[i], err);
        if (rc != CELM_OK)
            return rc;
    }
    constraints->groups = groups;
    constraints->count = count;
    *out = constraints;
    return CELM_OK;
}
