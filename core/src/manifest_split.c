/* manifest_split.c: Helm v4.2's SplitManifests: a rendered file cut into YAML documents at "---". */
#include <string.h>

#include "celm/celm.h"
#include "unicode_tables.h"
#include "utf8.h"

/* Bytes of Unicode white space (Go's unicode.IsSpace) at the start of text. */
static size_t leading_space(const char *text, size_t len)
{
    size_t at = 0;
    while (at < len) {
        uint32_t rune;
        int width = celm_utf8_decode((const unsigned char *)text + at, len - at, &rune);
        if (!celm_unicode_is_space(rune) || (rune == CELM_RUNE_ERROR && width == 1))
            break;
        at += (size_t)width;
    }
    return at;
}

static int all_space(const char *text, size_t len)
{
    return leading_space(text, len) == len;
}

/* The separator "(?m)^---[ \t]*" at `at` (a line start): its length, or 0. */
static size_t separator_at(const char *text, size_t len, size_t at)
{
    if (len - at < 3 || memcmp(text + at, "---", 3) != 0)
        return 0;
    size_t end = at + 3;
    while (end < len && (text[end] == ' ' || text[end] == '\t'))
        end++;
    return end - at;
}

static int add_document(celm_arena *arena, const char *piece, size_t len, celm_string *docs, size_t *count)
{
    if (all_space(piece, len))
        return 1;
    size_t skip = leading_space(piece, len);
    char *copy = celm_arena_strndup(arena, piece + skip, len - skip);
    if (!copy)
        return 0;
    docs[*count].data = copy;
    docs[*count].len = len - skip;
    (*count)++;
    return 1;
}

size_t celm_manifest_split(celm_arena *arena, const char *text, size_t len, celm_string **out)
{
    size_t skip = leading_space(text, len);
    text += skip, len -= skip;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    celm_string *docs = celm_arena_alloc(arena, (lines + 1) * sizeof *docs);
    size_t count = 0, piece = 0;
    if (!docs)
        return 0;
    for (size_t at = 0; at <= len; at++) {
        if (at != 0 && text[at - 1] != '\n')
            continue;
        size_t separator = at < len ? separator_at(text, len, at) : 0;
        if (!separator)
            continue;
        if (!add_document(arena, text + piece, at - piece, docs, &count))
            return 0;
        piece = at + separator;
        at = piece - 1;
    }
    if (!add_document(arena, text + piece, len - piece, docs, &count))
        return 0;
    *out = docs;
    return count;
}
