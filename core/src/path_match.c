/* path_match.c: Go's path.Match: shell patterns over '/'-separated paths (* ? [...] and \ escapes). */
#include <string.h>

#include "path_match.h"
#include "utf8.h"

static uint32_t next_rune(const char **cursor, const char *end)
{
    uint32_t rune;
    int width = celm_utf8_decode((const unsigned char *)*cursor, (size_t)(end - *cursor), &rune);
    *cursor += width;
    return rune;
}

/* One character of a [...] class (with its escape); 0 when the pattern ends too early. */
static int class_char(const char **p, const char *end, uint32_t *out)
{
    if (*p >= end || **p == '-' || **p == ']')
        return 0;
    if (**p == '\\' && ++*p >= end)
        return 0;
    *out = next_rune(p, end);
    return 1;
}

/* Matches the class starting after '['; sets *matched; returns 0 on a malformed class. */
static int match_class(const char **p, const char *end, uint32_t c, int *matched)
{
    int negated = *p < end && **p == '^';
    if (negated)
        (*p)++;
    int found = 0, first = 1;
    while (*p < end && (first || **p != ']')) {
        uint32_t low, high;
        if (!class_char(p, end, &low))
            return 0;
        high = low;
        if (*p < end && **p == '-') {
            (*p)++;
            if (!class_char(p, end, &high))
                return 0;
        }
        if (low <= c && c <= high)
            found = 1;
        first = 0;
    }
    if (*p >= end)
        return 0;
    (*p)++;
    *matched = found != negated;
    return 1;
}

/* Matches one chunk (no '*') against the start of name; returns the rest of name or NULL. */
static const char *match_chunk(const char *p, const char *p_end, const char *n, const char *n_end, int *bad)
{
    while (p < p_end) {
        if (*p == '[') {
            if (n >= n_end)
                return NULL;
            uint32_t c = next_rune(&n, n_end);
            int matched;
            p++;
            if (!match_class(&p, p_end, c, &matched)) {
                *bad = 1;
                return NULL;
            }
            if (!matched)
                return NULL;
        } else if (*p == '?') {
            if (n >= n_end || *n == '/')
                return NULL;
            next_rune(&n, n_end);
            p++;
        } else {
            if (*p == '\\' && ++p >= p_end) {
                *bad = 1;
                return NULL;
            }
            if (n >= n_end || *n != *p)
                return NULL;
            n++, p++;
        }
    }
    return n;
}

/* The next chunk of the pattern: a run of '*' and then literal text up to the next '*'. */
static const char *scan_chunk(const char *p, const char *end, int *star, const char **chunk_end)
{
    *star = 0;
    while (p < end && *p == '*')
        p++, *star = 1;
    const char *chunk = p;
    int in_class = 0;
    for (; p < end; p++) {
        if (*p == '\\' && p + 1 < end)
            p++;
        else if (*p == '[')
            in_class = 1;
        else if (*p == ']')
            in_class = 0;
        else if (*p == '*' && !in_class)
            break;
    }
    *chunk_end = p;
    return chunk;
}

int celm_path_match(const char *pattern, const char *name)
{
    const char *p = pattern, *p_end = pattern + strlen(pattern);
    const char *n = name, *n_end = name + strlen(name);
    int bad = 0;
    while (p < p_end) {
        int star;
        const char *chunk_end;
        const char *chunk = scan_chunk(p, p_end, &star, &chunk_end);
        p = chunk_end;
        if (star && chunk == chunk_end)
            return !memchr(n, '/', (size_t)(n_end - n));
        const char *rest = match_chunk(chunk, chunk_end, n, n_end, &bad);
        if (rest && (rest == n_end || p < p_end)) {
            n = rest;
            continue;
        }
        if (bad)
            return 0;
        if (!star)
            return 0;
        int found = 0;
        for (const char *try = n; try < n_end && *try != '/'; try++) {
            rest = match_chunk(chunk, chunk_end, try + 1, n_end, &bad);
            if (rest && (p == p_end ? rest == n_end : 1)) {
                n = rest;
                found = 1;
                break;
            }
            if (bad)
                return 0;
        }
        if (!found)
            return 0;
    }
    return n == n_end;
}
