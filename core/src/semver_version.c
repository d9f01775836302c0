/* semver_version.c: reading, ordering and printing one version (Masterminds semver v3.5.0). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "semver_internal.h"

typedef struct span {
    const char *data;   /* NULL when the part is absent */
    size_t len;
} span;

/* The parts of a version in the loose grammar, numbers without their dots. */
typedef struct loose_parts {
    span major;
    span minor;
    span patch;
    span prerelease;
    span metadata;
} loose_parts;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int celm_semver_is_identifier_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

static int all_digits(span part)
{
    for (size_t i = 0; i < part.len; i++)
        if (!is_digit(part.data[i]))
            return 0;
    return 1;
}

static int all_identifier_chars(span part)
{
    for (size_t i = 0; i < part.len; i++)
        if (!celm_semver_is_identifier_char(part.data[i]))
            return 0;
    return 1;
}

static size_t skip_digits(const char *text, size_t len, size_t at)
{
    while (at < len && is_digit(text[at]))
        at++;
    return at;
}

size_t celm_semver_skip_identifiers(const char *text, size_t len, size_t at)
{
    size_t end = at;
    while (end < len && celm_semver_is_identifier_char(text[end]))
        end++;
    if (end == at)
        return at;
    while (end + 1 < len && text[end] == '.' && celm_semver_is_identifier_char(text[end + 1])) {
        end++;
        while (end < len && celm_semver_is_identifier_char(text[end]))
            end++;
    }
    return end;
}

/* Decimal digits to uint64 as strconv.ParseUint(s, 10, 64); -1 when empty or out of range. */
static int parse_number(span digits, uint64_t *out)
{
    if (digits.len == 0)
        return -1;
    uint64_t value = 0;
    for (size_t i = 0; i < digits.len; i++) {
        uint64_t digit = (uint64_t)(digits.data[i] - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return -1;
        value = value * 10 + digit;
    }
    *out = value;
    return 0;
}

/* The loose grammar v?N(.N)?(.N)?(-IDS)?(+IDS)? over the whole text. */
static int match_loose(const char *text, size_t len, loose_parts *parts)
{
    memset(parts, 0, sizeof *parts);
    size_t at = len > 0 && text[0] == 'v' ? 1 : 0;
    size_t end = skip_digits(text, len, at);
    if (end == at)
        return 0;
    parts->major = (span){text + at, end - at};
    at = end;
    span *numbers[2] = {&parts->minor, &parts->patch};
    for (size_t i = 0; i < 2 && at < len && text[at] == '.'; i++) {
        end = skip_digits(text, len, at + 1);
        if (end == at + 1)
            return 0;
        *numbers[i] = (span){text + at + 1, end - at - 1};
        at = end;
    }
    span *extras[2] = {&parts->prerelease, &parts->metadata};
    const char leads[2] = {'-', '+'};
    for (size_t i = 0; i < 2; i++) {
        if (at >= len || text[at] != leads[i])
            continue;
        end = celm_semver_skip_identifiers(text, len, at + 1);
        if (end == at + 1)
            return 0;
        *extras[i] = (span){text + at + 1, end - at - 1};
        at = end;
    }
    return at == len;
}

static int set_parse_error(celm_error *err, const char *message)
{
    return celm_error_set(err, CELM_EPARSE, "%s", message);
}

/* Each dot-separated identifier must be non-empty, of [0-9A-Za-z-], and not a zero-led number. */
static int validate_prerelease(span text, celm_error *err)
{
    size_t start = 0;
    for (size_t i = 0; i <= text.len; i++) {
        if (i < text.len && text.data[i] != '.')
            continue;
        span part = {text.data + start, i - start};
        if (part.len == 0)
            return set_parse_error(err, "invalid prerelease string");
        if (all_digits(part) && part.len > 1 && part.data[0] == '0')
            return set_parse_error(err, "version segment starts with 0");
        if (!all_identifier_chars(part))
            return set_parse_error(err, "invalid prerelease string");
        start = i + 1;
    }
    return CELM_OK;
}

static int validate_metadata(span text, celm_error *err)
{
    size_t start = 0;
    for (size_t i = 0; i <= text.len; i++) {
        if (i < text.len && text.data[i] != '.')
            continue;
        span part = {text.data + start, i - start};
        if (part.len == 0 || !all_identifier_chars(part))
            return set_parse_error(err, "invalid metadata string");
        start = i + 1;
    }
    return CELM_OK;
}

/* A loose-form number; absent parts are 0. Overflow reads as Go's wrapped ParseUint error. */
static int loose_number(span digits, uint64_t *out, celm_error *err)
{
    *out = 0;
    if (!digits.data || parse_number(digits, out) == 0)
        return CELM_OK;
    return celm_error_set(err, CELM_EPARSE,
                          "error parsing version segment: strconv.ParseUint: parsing \"%.*s\": "
                          "value out of range", (int)digits.len, digits.data);
}

static void fill_version(celm_semver *out, const char *text, size_t len, span prerelease,
                         span metadata)
{
    out->prerelease = prerelease.data ? prerelease.data : text + len;
    out->prerelease_len = prerelease.len;
    out->metadata = metadata.data ? metadata.data : text + len;
    out->metadata_len = metadata.len;
    out->original = text;
    out->original_len = len;
}

int celm_semver_parse(celm_semver *out, const char *text, size_t len, celm_error *err)
{
    if (len > CELM_SEMVER_MAX_LENGTH)
        return celm_error_set(err, CELM_ELIMIT, "version string is too long (max %d bytes)",
                              CELM_SEMVER_MAX_LENGTH);
    if (!text)
        text = "";
    loose_parts parts;
    if (!match_loose(text, len, &parts))
        return set_parse_error(err, "invalid semantic version");
    celm_semver version;
    int rc = loose_number(parts.major, &version.major, err);
    if (rc == CELM_OK)
        rc = loose_number(parts.minor, &version.minor, err);
    if (rc == CELM_OK)
        rc = loose_number(parts.patch, &version.patch, err);
    if (rc == CELM_OK && parts.prerelease.len)
        rc = validate_prerelease(parts.prerelease, err);
    if (rc == CELM_OK && parts.metadata.len)
        rc = validate_metadata(parts.metadata, err);
    if (rc != CELM_OK)
        return rc;
    fill_version(&version, text, len, parts.prerelease, parts.metadata);
    *out = version;
    return CELM_OK;
}

/* Splits "a+b" at the first `mark`: *head becomes "a" and the tail "b" is returned (absent when
 * there is no mark). */
static span split_off(span *head, char mark)
{
    const char *found = head->len ? memchr(head->data, mark, head->len) : NULL;
    if (!found)
        return (span){NULL, 0};
    span tail = {found + 1, (size_t)(head->data + head->len - found - 1)};
    head->len = (size_t)(found - head->data);
    return tail;
}

static int strict_number(span digits, uint64_t *out, celm_error *err)
{
    if (parse_number(digits, out) == 0)
        return CELM_OK;
    return celm_error_set(err, CELM_EPARSE, "strconv.ParseUint: parsing \"%.*s\": %s",
                          (int)digits.len, digits.data,
                          digits.len ? "value out of range" : "invalid syntax");
}

static int strict_check_numbers(span numbers[3], celm_error *err)
{
    for (size_t i = 0; i < 3; i++) {
        if (!all_digits(numbers[i]))
            return set_parse_error(err, "invalid characters in version");
        if (numbers[i].len > 1 && numbers[i].data[0] == '0')
            return set_parse_error(err, "version segment starts with 0");
    }
    return CELM_OK;
}

int celm_semver_parse_strict(celm_semver *out, const char *text, size_t len, celm_error *err)
{
    if (len == 0)
        return set_parse_error(err, "version string empty");
    if (len > CELM_SEMVER_MAX_LENGTH)
        return celm_error_set(err, CELM_ELIMIT, "version string is too long (max %d bytes)",
                              CELM_SEMVER_MAX_LENGTH);
    const char *first_dot = memchr(text, '.', len);
    const char *second_dot = first_dot ? memchr(first_dot + 1, '.',
                                                (size_t)(text + len - first_dot - 1)) : NULL;
    if (!second_dot)
        return set_parse_error(err, "invalid semantic version");
    span numbers[3] = {{text, (size_t)(first_dot - text)},
                       {first_dot + 1, (size_t)(second_dot - first_dot - 1)},
                       {second_dot + 1, (size_t)(text + len - second_dot - 1)}};
    span metadata = split_off(&numbers[2], '+');
    int rc = metadata.data ? validate_metadata(metadata, err) : CELM_OK;
    span prerelease = split_off(&numbers[2], '-');
    if (rc == CELM_OK && prerelease.data)
        rc = validate_prerelease(prerelease, err);
    if (rc == CELM_OK)
        rc = strict_check_numbers(numbers, err);
    celm_semver version;
    uint64_t *fields[3] = {&version.major, &version.minor, &version.patch};
    for (size_t i = 0; i < 3 && rc == CELM_OK; i++)
        rc = strict_number(numbers[i], fields[i], err);
    if (rc != CELM_OK)
        return rc;
    fill_version(&version, text, len, prerelease, metadata);
    *out = version;
    return CELM_OK;
}

/* Walks dot-separated identifiers; an empty text is one empty identifier, and a walk that has
 * run out keeps giving empty identifiers, as Go's index-padded loop does. */
typedef struct identifier_walk {
    const char *text;
    size_t len;
    size_t at;
    int done;
} identifier_walk;

static span next_identifier(identifier_walk *walk)
{
    if (walk->done)
        return (span){"", 0};
    const char *start = walk->text + walk->at;
    size_t rest = walk->len - walk->at;
    const char *dot = rest ? memchr(start, '.', rest) : NULL;
    if (!dot) {
        walk->done = 1;
        return (span){start, rest};
    }
    walk->at += (size_t)(dot - start) + 1;
    return (span){start, (size_t)(dot - start)};
}

static int compare_bytes(span a, span b)
{
    size_t shorter = a.len < b.len ? a.len : b.len;
    int order = shorter ? memcmp(a.data, b.data, shorter) : 0;
    if (order != 0)
        return order < 0 ? -1 : 1;
    return a.len == b.len ? 0 : (a.len < b.len ? -1 : 1);
}

/* Go's comparePrePart, including its answer of -1 for numerically equal different texts. */
static int compare_identifier(span a, span b)
{
    if (compare_bytes(a, b) == 0)
        return 0;
    if (a.len == 0)
        return -1;
    if (b.len == 0)
        return 1;
    uint64_t a_number = 0, b_number = 0;
    int a_numeric = all_digits(a) && parse_number(a, &a_number) == 0;
    int b_numeric = all_digits(b) && parse_number(b, &b_number) == 0;
    if (!a_numeric && !b_numeric)
        return compare_bytes(a, b) > 0 ? 1 : -1;
    if (!b_numeric)
        return -1;
    if (!a_numeric)
        return 1;
    return a_number > b_number ? 1 : -1;
}

int celm_semver_compare_prerelease(const char *a, size_t a_len, const char *b, size_t b_len)
{
    identifier_walk walk_a = {a, a_len, 0, 0};
    identifier_walk walk_b = {b, b_len, 0, 0};
    while (!walk_a.done || !walk_b.done) {
        span part_a = next_identifier(&walk_a);
        span part_b = next_identifier(&walk_b);
        int order = compare_identifier(part_a, part_b);
        if (order != 0)
            return order;
    }
    return 0;
}

static int compare_number(uint64_t a, uint64_t b)
{
    return a < b ? -1 : (a > b ? 1 : 0);
}

int celm_semver_compare(const celm_semver *a, const celm_semver *b)
{
    int order = compare_number(a->major, b->major);
    if (order == 0)
        order = compare_number(a->minor, b->minor);
    if (order == 0)
        order = compare_number(a->patch, b->patch);
    if (order != 0)
        return order;
    if (a->prerelease_len == 0 && b->prerelease_len == 0)
        return 0;
    if (a->prerelease_len == 0)
        return 1;
    if (b->prerelease_len == 0)
        return -1;
    return celm_semver_compare_prerelease(a->prerelease, a->prerelease_len, b->prerelease,
                                          b->prerelease_len);
}

size_t celm_semver_format(const celm_semver *version, char *buffer, size_t size)
{
    int written = snprintf(buffer, size, "%" PRIu64 ".%" PRIu64 ".%" PRIu64 "%s%.*s%s%.*s",
                           version->major, version->minor, version->patch,
                           version->prerelease_len ? "-" : "", (int)version->prerelease_len,
                           version->prerelease, version->metadata_len ? "+" : "",
                           (int)version->metadata_len, version->metadata);
    return written < 0 ? 0 : (size_t)written;
}
