/* semver_range.c: hyphen ranges, "1.2 - 1.4.5" rewritten to ">= 1.2, <= 1.4.5 " before parsing. */
#include <string.h>

#include "semver_internal.h"

/* Upstream finds \s*(V)\s+-\s+(V)\s* with Go's leftmost-first regexp over the whole constraint
 * (before the `||` split), then textually replaces the first occurrence of each whole match in
 * the text rewritten so far. Both steps are copied as such, so odd inputs such as ">=1 - 2"
 * (rewritten to ">=>= 1, <= 2 ") fail exactly as they do in Helm. */

typedef struct range_match {
    size_t start;       /* the whole match, leading and trailing spaces included */
    size_t end;
    size_t low_start;   /* the version before " - " */
    size_t low_end;
    size_t high_start;  /* the version after it */
    size_t high_end;
} range_match;

static size_t skip_spaces(const char *text, size_t len, size_t at)
{
    while (at < len && celm_semver_is_space(text[at]))
        at++;
    return at;
}

/* The match starting exactly at `at`, if any. The low version must reach the next space (the
 * pattern needs spaces right after it); the high one is the greedy match, unconstrained after. */
static int match_range_at(const char *text, size_t len, size_t at, range_match *match)
{
    size_t low = skip_spaces(text, len, at), low_end = low;
    while (low_end < len && !celm_semver_is_space(text[low_end]))
        low_end++;
    if (low_end == low || low_end == len)
        return 0;
    if (celm_semver_match_constraint_version(text, len, low) != low_end)
        return 0;
    size_t dash = skip_spaces(text, len, low_end);
    if (dash >= len || text[dash] != '-')
        return 0;
    size_t high = skip_spaces(text, len, dash + 1);
    if (high == dash + 1)
        return 0;
    size_t high_end = celm_semver_match_constraint_version(text, len, high);
    if (high_end == high)
        return 0;
    *match = (range_match){at, skip_spaces(text, len, high_end), low, low_end, high, high_end};
    return 1;
}

/* FindAllStringSubmatch: non-overlapping leftmost matches, each search resuming at the end of
 * the previous match. `matches` has room for len / 5 + 1 (a match is at least "1 - 2"). */
static size_t find_ranges(const char *text, size_t len, range_match *matches)
{
    size_t count = 0;
    for (size_t at = 0; at < len; at++) {
        if (match_range_at(text, len, at, &matches[count])) {
            at = matches[count].end - 1;
            count++;
        }
    }
    return count;
}

static const char *find_bytes(const char *haystack, size_t haystack_len, const char *needle,
                              size_t needle_len)
{
    for (size_t at = 0; at + needle_len <= haystack_len; at++)
        if (memcmp(haystack + at, needle, needle_len) == 0)
            return haystack + at;
    return NULL;
}

static char *append_bytes(char *to, const char *bytes, size_t len)
{
    if (len)
        memcpy(to, bytes, len);
    return to + len;
}

/* strings.Replace(current, whole match, ">= LOW, <= HIGH ", 1) into a new arena string. */
static int replace_first(celm_arena *arena, const char *text, const range_match *match,
                         char **current, size_t *current_len)
{
    const char *whole = text + match->start;
    size_t whole_len = match->end - match->start;
    const char *found = find_bytes(*current, *current_len, whole, whole_len);
    if (!found)
        return CELM_OK;
    size_t low_len = match->low_end - match->low_start;
    size_t high_len = match->high_end - match->high_start;
    size_t before = (size_t)(found - *current), after = *current_len - before - whole_len;
    size_t next_len = before + low_len + high_len + after + sizeof ">= , <=  " - 1;
    char *next = celm_arena_alloc(arena, next_len + 1);
    if (!next)
        return CELM_ENOMEM;
    char *at = append_bytes(next, *current, before);
    at = append_bytes(at, ">= ", 3);
    at = append_bytes(at, text + match->low_start, low_len);
    at = append_bytes(at, ", <= ", 5);
    at = append_bytes(at, text + match->high_start, high_len);
    at = append_bytes(at, " ", 1);
    at = append_bytes(at, found + whole_len, after);
    *at = '\0';
    *current = next;
    *current_len = next_len;
    return CELM_OK;
}

int celm_semver_rewrite_ranges(celm_arena *arena, const char *text, size_t len, char **out,
                               size_t *out_len)
{
    *out = celm_arena_strndup(arena, text, len);
    *out_len = len;
    range_match *matches = celm_arena_alloc(arena, (len / 5 + 1) * sizeof *matches);
    if (!*out || !matches)
        return CELM_ENOMEM;
    size_t count = find_ranges(text, len, matches);
    for (size_t i = 0; i < count; i++) {
        int rc = replace_first(arena, text, &matches[i], out, out_len);
        if (rc != CELM_OK)
            return rc;
    }
    return CELM_OK;
}
