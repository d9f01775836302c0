/* label_selector.c: Kubernetes label selectors (key=value, key==value, key!=value, key, !key,
 * key in (a,b), key notin (a,b)) as `helm list --selector` evaluates them on release labels. */
#include <ctype.h>
#include <string.h>

#include "label_selector.h"

typedef enum requirement_operator {
    OP_EQUALS,
    OP_NOT_EQUALS,
    OP_EXISTS,
    OP_NOT_EXISTS,
    OP_IN,
    OP_NOT_IN
} requirement_operator;

struct label_requirement {
    const char *key;
    requirement_operator op;
    const char **values;
    size_t value_count;
};

static const char *skip_space(const char *at)
{
    while (*at && isspace((unsigned char)*at))
        at++;
    return at;
}

static const char *word(celm_arena *arena, const char **at)
{
    const char *start = *at = skip_space(*at);
    while (**at && !isspace((unsigned char)**at) && !strchr("=!,()", **at))
        (*at)++;
    return celm_arena_strndup(arena, start, (size_t)(*at - start));
}

static int starts_with_word(const char *at, const char *keyword)
{
    size_t len = strlen(keyword);
    return !strncmp(at, keyword, len) && (isspace((unsigned char)at[len]) || at[len] == '(');
}

/* "(a, b)" after in/notin. */
static int parse_set(celm_arena *arena, const char **at, label_requirement *r)
{
    *at = skip_space(*at);
    if (**at != '(')
        return -1;
    (*at)++;
    r->values = celm_arena_alloc(arena, (strlen(*at) + 1) * sizeof *r->values);
    for (;;) {
        r->values[r->value_count++] = word(arena, at);
        *at = skip_space(*at);
        if (**at == ')')
            return (*at)++, 0;
        if (**at != ',')
            return -1;
        (*at)++;
    }
}

static int parse_operator(celm_arena *arena, const char **at, label_requirement *r)
{
    *at = skip_space(*at);
    if (!strncmp(*at, "!=", 2) || !strncmp(*at, "==", 2) || **at == '=') {
        r->op = **at == '!' ? OP_NOT_EQUALS : OP_EQUALS;
        *at += (**at == '=' && (*at)[1] != '=') ? 1 : 2;
        r->values = celm_arena_alloc(arena, sizeof *r->values);
        r->values[0] = word(arena, at);
        r->value_count = 1;
        return 0;
    }
    if (starts_with_word(*at, "notin") || starts_with_word(*at, "in")) {
        r->op = (*at)[0] == 'n' ? OP_NOT_IN : OP_IN;
        *at += r->op == OP_IN ? 2 : 5;
        return parse_set(arena, at, r);
    }
    r->op = OP_EXISTS;
    return 0;
}

int label_selector_parse(celm_arena *arena, const char *text, label_selector *out, const char **error)
{
    memset(out, 0, sizeof *out);
    out->requirements = celm_arena_alloc(arena, (strlen(text) + 1) * sizeof *out->requirements);
    const char *at = skip_space(text);
    while (*at) {
        label_requirement *r = &out->requirements[out->count];
        memset(r, 0, sizeof *r);
        int negated = *at == '!';
        at += negated;
        r->key = word(arena, &at);
        if (!*r->key || (negated ? (r->op = OP_NOT_EXISTS, 0) : parse_operator(arena, &at, r)) != 0) {
            *error = celm_arena_printf(arena, "unable to parse requirement: found '%s', expected: identifier", at);
            return -1;
        }
        out->count++;
        at = skip_space(at);
        if (*at == ',')
            at = skip_space(at + 1);
        else if (*at) {
            *error = celm_arena_printf(arena, "found '%c', expected: ',' or 'end of string'", *at);
            return -1;
        }
    }
    return 0;
}

static int one_of(const char *value, const label_requirement *r)
{
    for (size_t i = 0; i < r->value_count; i++)
        if (!strcmp(value, r->values[i]))
            return 1;
    return 0;
}

static int requirement_matches(const label_requirement *r, const celm_value *labels)
{
    const celm_value *found = labels && labels->kind == CELM_VALUE_MAP ? celm_map_cget(labels, r->key) : NULL;
    const char *value = found && found->kind == CELM_VALUE_STRING ? found->as.string.data : NULL;
    switch (r->op) {
    case OP_EQUALS: return value && !strcmp(value, r->values[0]);
    case OP_NOT_EQUALS: return !value || strcmp(value, r->values[0]) != 0;
    case OP_EXISTS: return value != NULL;
    case OP_NOT_EXISTS: return value == NULL;
    case OP_IN: return value && one_of(value, r);
    case OP_NOT_IN: return !value || !one_of(value, r);
    }
    return 0;
}

int label_selector_matches(const label_selector *selector, const celm_value *labels)
{
    for (size_t i = 0; i < selector->count; i++)
        if (!requirement_matches(&selector->requirements[i], labels))
            return 0;
    return 1;
}
