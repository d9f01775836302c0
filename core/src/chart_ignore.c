/* chart_ignore.c: .helmignore rules, parsed and matched as Helm's pkg/ignore does. */
#include <string.h>

#include "chart_internal.h"
#include "path_match.h"
#include "utf8.h"

#define SCANNER_MAX_LINE 65536      /* bufio.MaxScanTokenSize: longer lines fail the scan */

typedef enum rule_scope {
    RULE_BASE_NAME,     /* no '/' in the pattern: matched against the path's last element */
    RULE_FULL_PATH      /* a '/' in it, or a leading one (stripped): against the whole path */
} rule_scope;

/* Most .helmignore lines are a plain name or "*.ext"; those skip path.Match. */
typedef enum rule_shape {
    SHAPE_PATTERN,      /* anything else */
    SHAPE_LITERAL,      /* no * ? [ \ at all: equal names */
    SHAPE_SUFFIX        /* "*" then such text without '/': a name without '/' ending in it */
} rule_shape;

typedef struct ignore_rule {
    const char *pattern;    /* without its '!', trailing '/' and leading '/' */
    int negate;
    int directory_only;
    rule_scope scope;
    rule_shape shape;
} ignore_rule;

struct chart_ignore {
    ignore_rule *rules;
    size_t count;
    size_t capacity;
};

/* One element of a [...] class, with its escape: Go's getEsc. 0 when malformed. */
static int class_element_valid(const char **at, const char *end)
{
    const char *p = *at;
    if (p >= end || *p == '-' || *p == ']')
        return 0;
    if (*p == '\\' && ++p >= end)
        return 0;
    uint32_t rune;
    int width = celm_utf8_decode((const unsigned char *)p, (size_t)(end - p), &rune);
    if (rune == CELM_RUNE_ERROR && width == 1)
        return 0;
    p += width;
    *at = p;
    return p < end;
}

/* A [...] class starting after its '['; *at moves past the ']'. */
static int class_valid(const char **at, const char *end)
{
    if (*at < end && **at == '^')
        (*at)++;
    for (int ranges = 0;; ranges++) {
        if (*at < end && **at == ']' && ranges > 0) {
            (*at)++;
            return 1;
        }
        if (!class_element_valid(at, end))
            return 0;
        if (**at == '-') {
            (*at)++;
            if (!class_element_valid(at, end))
                return 0;
        }
    }
}

/* Go's matchChunk reports ErrBadPattern for the same chunk whatever the name. */
static int chunk_valid(const char *chunk, const char *end)
{
    while (chunk < end) {
        if (*chunk == '[') {
            chunk++;
            if (!class_valid(&chunk, end))
                return 0;
        } else if (*chunk == '\\') {
            if (chunk + 1 >= end)
                return 0;
            chunk += 2;
        } else {
            chunk++;
        }
    }
    return 1;
}

/* Go's scanChunk: the chunk after a run of '*', up to the next '*' outside a class. */
static const char *chunk_end(const char *chunk, const char *end)
{
    int in_class = 0;
    for (; chunk < end; chunk++) {
        if (*chunk == '\\') {
            if (chunk + 1 < end)
                chunk++;
        } else if (*chunk == '[') {
            in_class = 1;
        } else if (*chunk == ']') {
            in_class = 0;
        } else if (*chunk == '*' && !in_class) {
            break;
        }
    }
    return chunk;
}

/* Whether filepath.Match(pattern, "abc") returns ErrBadPattern: Go checks the whole pattern. */
static int pattern_valid(const char *pattern, size_t len)
{
    const char *at = pattern, *end = pattern + len;
    while (at < end) {
        while (at < end && *at == '*')
            at++;
        const char *stop = chunk_end(at, end);
        if (!chunk_valid(at, stop))
            return 0;
        at = stop;
    }
    return 1;
}

static int add_rule(chart_loader *loader, chart_ignore *rules, const ignore_rule *rule)
{
    if (rules->count == rules->capacity) {
        size_t capacity = rules->capacity ? rules->capacity * 2 : 8;
        ignore_rule *grown = celm_arena_alloc(loader->arena, capacity * sizeof *grown);
        if (!grown)
            return chart_fail(loader, CELM_ENOMEM, "out of memory reading .helmignore");
        if (rules->count)
            memcpy(grown, rules->rules, rules->count * sizeof *grown);
        rules->rules = grown;
        rules->capacity = capacity;
    }
    rules->rules[rules->count++] = *rule;
    return CELM_OK;
}

static rule_shape shape_of(const char *pattern)
{
    int starred = pattern[0] == '*';
    const char *rest = pattern + starred;
    if (strpbrk(rest, "*?[\\") || (starred && strchr(rest, '/')))
        return SHAPE_PATTERN;
    return starred ? SHAPE_SUFFIX : SHAPE_LITERAL;
}

/* Rules.parseRule for one line. */
static int parse_rule(chart_loader *loader, chart_ignore *rules, const char *line, size_t len)
{
    size_t start, end;
    chart_trim_space(line, len, &start, &end);
    const char *text = line + start;
    len = end - start;
    if (len == 0 || text[0] == '#')
        return CELM_OK;
    for (size_t i = 0; i + 1 < len; i++)
        if (text[i] == '*' && text[i + 1] == '*')
            return chart_fail(loader, CELM_EPARSE, "double-star (**) syntax is not supported");
    if (!pattern_valid(text, len))
        return chart_fail(loader, CELM_EPARSE, "syntax error in pattern");
    ignore_rule rule = {NULL, 0, 0, RULE_BASE_NAME, SHAPE_PATTERN};
    if (text[0] == '!')
        rule.negate = 1, text++, len--;
    if (len > 0 && text[len - 1] == '/')
        rule.directory_only = 1, len--;
    if (len > 0 && text[0] == '/')
        rule.scope = RULE_FULL_PATH, text++, len--;
    else if (memchr(text, '/', len))
        rule.scope = RULE_FULL_PATH;
    rule.pattern = celm_arena_strndup(loader->arena, text, len);
    if (!rule.pattern)
        return chart_fail(loader, CELM_ENOMEM, "out of memory reading .helmignore");
    rule.shape = shape_of(rule.pattern);
    return add_rule(loader, rules, &rule);
}

/* bufio.Scanner with ScanLines: '\n'-separated, one '\r' dropped before it, BOM off line 1. */
static int parse_lines(chart_loader *loader, chart_ignore *rules, const char *text, size_t len)
{
    size_t at = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        at = 3;
    while (at < len) {
        const char *newline = memchr(text + at, '\n', len - at);
        size_t line_end = newline ? (size_t)(newline - text) : len;
        size_t line_len = line_end - at;
        if (line_len >= SCANNER_MAX_LINE)
            return chart_fail(loader, CELM_ELIMIT, "bufio.Scanner: token too long");
        if (line_len > 0 && text[line_end - 1] == '\r')
            line_len--;
        int status = parse_rule(loader, rules, text + at, line_len);
        if (status != CELM_OK)
            return status;
        at = line_end + 1;
    }
    return CELM_OK;
}

int chart_ignore_parse(chart_loader *loader, const char *text, size_t len, chart_ignore **out)
{
    chart_ignore *rules = celm_arena_alloc(loader->arena, sizeof *rules);
    if (!rules)
        return chart_fail(loader, CELM_ENOMEM, "out of memory reading .helmignore");
    memset(rules, 0, sizeof *rules);
    int status = parse_lines(loader, rules, text, len);
    if (status == CELM_OK)
        status = parse_rule(loader, rules, "templates/.?*", strlen("templates/.?*"));
    *out = status == CELM_OK ? rules : NULL;
    return status;
}

static int shape_matches(const ignore_rule *rule, const char *name)
{
    if (rule->shape == SHAPE_LITERAL)
        return strcmp(rule->pattern, name) == 0;
    if (rule->shape == SHAPE_PATTERN)
        return celm_path_match(rule->pattern, name);
    size_t name_len = strlen(name), suffix_len = strlen(rule->pattern + 1);
    return name_len >= suffix_len && !strchr(name, '/') &&
           memcmp(name + name_len - suffix_len, rule->pattern + 1, suffix_len) == 0;
}

static int rule_matches(const ignore_rule *rule, const char *path)
{
    if (rule->scope == RULE_FULL_PATH)
        return shape_matches(rule, path);
    const char *slash = strrchr(path, '/');
    return shape_matches(rule, slash ? slash + 1 : path);
}

/* Rules.Ignore: the first rule that decides wins; a negated rule decides when it does NOT match
 * (Helm's quirk: `!keep.txt` ignores everything else) and passes when it matches. */
int chart_ignore_match(const chart_ignore *rules, const char *path, int is_directory)
{
    if (path[0] == 0 || strcmp(path, ".") == 0 || strcmp(path, "./") == 0)
        return 0;
    for (size_t i = 0; i < rules->count; i++) {
        const ignore_rule *rule = &rules->rules[i];
        if (rule->negate) {
            if (rule->directory_only && !is_directory)
                return 1;
            if (!rule_matches(rule, path))
                return 1;
            continue;
        }
        if (rule->directory_only && !is_directory)
            continue;
        if (rule_matches(rule, path))
            return 1;
    }
    return 0;
}
