/* gotmpl_glob.c: gobwas/glob (v0.2.3) syntax and matching with '/' as the separator. */
#include <stdlib.h>
#include <string.h>

#include "gotmpl_glob.h"
#include "gotmpl_unicode.h"

typedef enum glob_kind { GLOB_TEXT, GLOB_ANY, GLOB_SUPER, GLOB_SINGLE, GLOB_RANGE, GLOB_LIST, GLOB_ANY_OF } glob_kind;

typedef struct glob_node glob_node;

/* A sequence of nodes (a pattern, or one alternative of {a,b}). */
typedef struct glob_sequence {
    glob_node *nodes;
    size_t count, capacity;
} glob_sequence;

struct glob_node {
    glob_kind kind;
    uint32_t *runes;            /* TEXT and LIST */
    size_t rune_count;
    uint32_t low, high;         /* RANGE */
    int negated;                /* RANGE and LIST */
    glob_sequence *alternatives;    /* ANY_OF */
    size_t alternative_count;
};

struct gotmpl_glob {
    glob_sequence root;
};

typedef struct glob_parser {
    const celm_host *host;
    celm_arena *arena;
    uint32_t *runes;
    size_t count, at;
    int depth;                  /* open {terms */
    int failed;
} glob_parser;

static void *alloc(glob_parser *p, size_t size)
{
    void *memory = p->host->arena_alloc(p->arena, size ? size : 1);
    if (!memory)
        p->failed = 1;
    return memory;
}

static glob_node *append_node(glob_parser *p, glob_sequence *sequence, glob_kind kind)
{
    if (sequence->count == sequence->capacity) {
        size_t capacity = sequence->capacity ? sequence->capacity * 2 : 8;
        glob_node *nodes = alloc(p, capacity * sizeof *nodes);
        if (!nodes)
            return NULL;
        if (sequence->count)
            memcpy(nodes, sequence->nodes, sequence->count * sizeof *nodes);
        sequence->nodes = nodes;
        sequence->capacity = capacity;
    }
    glob_node *node = &sequence->nodes[sequence->count++];
    memset(node, 0, sizeof *node);
    node->kind = kind;
    return node;
}

static int is_breaker(uint32_t rune, int in_terms)
{
    return rune == '?' || rune == '*' || rune == '[' || rune == '{' || (in_terms && (rune == '}' || rune == ','));
}

/* Literal text up to a breaker, with backslash escapes. */
static void parse_text(glob_parser *p, glob_sequence *sequence, int in_range)
{
    glob_node *node = append_node(p, sequence, in_range ? GLOB_LIST : GLOB_TEXT);
    uint32_t *runes = alloc(p, (p->count - p->at + 1) * sizeof *runes);
    if (!node || !runes)
        return;
    size_t n = 0;
    int escaped = 0;
    for (; p->at < p->count; p->at++) {
        uint32_t rune = p->runes[p->at];
        if (!escaped && rune == '\\') {
            escaped = 1;
            continue;
        }
        if (!escaped && (in_range ? rune == ']' : is_breaker(rune, p->depth > 0)))
            break;
        runes[n++] = rune;
        escaped = 0;
    }
    node->runes = runes;
    node->rune_count = n;
}

/* [..]: "!"?, then either one "lo-hi" range or a list of characters, then "]". */
static void parse_range(glob_parser *p, glob_sequence *sequence)
{
    int negated = 0;
    if (p->at < p->count && p->runes[p->at] == '!')
        negated = 1, p->at++;
    if (p->at + 1 < p->count && p->runes[p->at + 1] == '-') {
        if (p->at + 2 >= p->count)
            return (void)(p->failed = 1);
        glob_node *node = append_node(p, sequence, GLOB_RANGE);
        if (!node)
            return;
        node->low = p->runes[p->at], node->high = p->runes[p->at + 2], node->negated = negated;
        p->at += 3;
        if (node->high < node->low || node->low == 0 || node->high == 0)
            p->failed = 1;
    } else {
        parse_text(p, sequence, 1);
        if (!p->failed && sequence->nodes[sequence->count - 1].rune_count == 0)
            p->failed = 1;
        else if (!p->failed)
            sequence->nodes[sequence->count - 1].negated = negated;
    }
    if (p->at >= p->count || p->runes[p->at] != ']')
        p->failed = 1;
    p->at++;
}

static glob_sequence *add_alternative(glob_parser *p, glob_node *any_of)
{
    glob_sequence *alternatives = alloc(p, (any_of->alternative_count + 1) * sizeof *alternatives);
    if (!alternatives)
        return NULL;
    if (any_of->alternative_count)
        memcpy(alternatives, any_of->alternatives, any_of->alternative_count * sizeof *alternatives);
    memset(&alternatives[any_of->alternative_count], 0, sizeof *alternatives);
    any_of->alternatives = alternatives;
    return &alternatives[any_of->alternative_count++];
}

/* Parses into `sequence` until the end, or the "}" closing the current terms. */
static void parse_sequence(glob_parser *p, glob_sequence *sequence)
{
    while (p->at < p->count && !p->failed) {
        uint32_t rune = p->runes[p->at];
        if (p->depth > 0 && (rune == '}' || rune == ','))
            return;
        if (rune == '*' && p->at + 1 < p->count && p->runes[p->at + 1] == '*') {
            append_node(p, sequence, GLOB_SUPER), p->at += 2;
        } else if (rune == '*' || rune == '?') {
            append_node(p, sequence, rune == '*' ? GLOB_ANY : GLOB_SINGLE), p->at++;
        } else if (rune == '[') {
            p->at++;
            parse_range(p, sequence);
        } else if (rune == '{') {
            glob_node *any_of = append_node(p, sequence, GLOB_ANY_OF);
            p->at++, p->depth++;
            for (glob_sequence *alternative; any_of && (alternative = add_alternative(p, any_of));) {
                parse_sequence(p, alternative);
                if (p->at >= p->count || p->runes[p->at] == '}')
                    break;
                p->at++; /* the comma */
            }
            p->depth--, p->at++;
        } else {
            parse_text(p, sequence, 0);
        }
    }
}

gotmpl_glob *gotmpl_glob_compile(const celm_host *host, celm_arena *arena, const char *pattern, size_t len)
{
    glob_parser p = {host, arena, NULL, 0, 0, 0, 0};
    gotmpl_glob *glob = alloc(&p, sizeof *glob);
    p.runes = alloc(&p, (len + 1) * sizeof *p.runes);
    if (!glob || !p.runes)
        return NULL;
    for (size_t at = 0; at < len;) {
        size_t width;
        uint32_t rune = celm_gotmpl_utf8_decode(pattern + at, len - at, &width);
        if (rune == 0xFFFD && width == 1)
            return NULL;    /* gobwas: "could not read rune" */
        p.runes[p.count++] = rune;
        at += width;
    }
    memset(glob, 0, sizeof *glob);
    parse_sequence(&p, &glob->root);
    return p.failed ? NULL : glob;
}

static int match_sequence(const glob_sequence *sequence, size_t index, const uint32_t *text, size_t count);

static int contains(const glob_node *node, uint32_t rune)
{
    for (size_t i = 0; i < node->rune_count; i++)
        if (node->runes[i] == rune)
            return 1;
    return 0;
}

static int match_node(const glob_sequence *sequence, size_t index, const uint32_t *text, size_t count)
{
    const glob_node *node = &sequence->nodes[index];
    switch (node->kind) {
    case GLOB_TEXT:
        if (count < node->rune_count || memcmp(text, node->runes, node->rune_count * sizeof *text) != 0)
            return 0;
        return match_sequence(sequence, index + 1, text + node->rune_count, count - node->rune_count);
    case GLOB_ANY:
    case GLOB_SUPER:
        for (size_t take = 0; take <= count; take++) {
            if (match_sequence(sequence, index + 1, text + take, count - take))
                return 1;
            if (take < count && node->kind == GLOB_ANY && text[take] == '/')
                return 0;
        }
        return 0;
    case GLOB_SINGLE:
        return count > 0 && text[0] != '/' && match_sequence(sequence, index + 1, text + 1, count - 1);
    case GLOB_RANGE:
        return count > 0 && ((text[0] >= node->low && text[0] <= node->high) != node->negated) &&
               match_sequence(sequence, index + 1, text + 1, count - 1);
    case GLOB_LIST:
        return count > 0 && contains(node, text[0]) != node->negated &&
               match_sequence(sequence, index + 1, text + 1, count - 1);
    case GLOB_ANY_OF:
        for (size_t a = 0; a < node->alternative_count; a++) {
            /* Try every split: the alternative must match a prefix, the rest the remainder. */
            for (size_t take = 0; take <= count; take++)
                if (match_sequence(&node->alternatives[a], 0, text, take) &&
                    match_sequence(sequence, index + 1, text + take, count - take))
                    return 1;
        }
        return 0;
    }
    return 0;
}

static int match_sequence(const glob_sequence *sequence, size_t index, const uint32_t *text, size_t count)
{
    if (index == sequence->count)
        return count == 0;
    return match_node(sequence, index, text, count);
}

int gotmpl_glob_match(const gotmpl_glob *glob, const char *name, size_t len)
{
    uint32_t small[256];
    uint32_t *runes = len <= 256 ? small : malloc(len * sizeof *runes);
    if (!runes)
        return 0;
    size_t count = 0;
    for (size_t at = 0; at < len;) {
        size_t width;
        runes[count++] = celm_gotmpl_utf8_decode(name + at, len - at, &width);
        at += width;
    }
    int matched = match_sequence(&glob->root, 0, runes, count);
    if (runes != small)
        free(runes);
    return matched;
}
