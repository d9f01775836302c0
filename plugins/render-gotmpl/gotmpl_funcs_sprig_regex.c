/* gotmpl_funcs_sprig_regex.c: Sprig's regular expression functions (regexMatch ... regexQuoteMeta) with
 * Go's regexp semantics on top of the host's RE2-syntax search: FindAll's and ReplaceAll's rules
 * for empty matches, Split, and $1 / ${name} expansion in replacements. */
#include <string.h>

#include "gotmpl_sprig.h"
#include "gotmpl_unicode.h"

/* What a pattern that does not compile leads to: MustCompile's panic, the error of the must* forms,
 * or (regexMatch) a quiet false. */
typedef enum failure_mode { PANICS = 0, RETURNS_ERROR = 1, SWALLOWS = 2 } failure_mode;

typedef struct compiled {
    const celm_host *host;
    celm_regex *regex;
    size_t groups;              /* capturing groups, group 0 not counted */
    celm_string *names;         /* names[i] of group i (1..groups); empty when unnamed */
    size_t *offsets;            /* 2 * (groups + 1) match offsets */
} compiled;

static gotmpl_runtime *runtime_of(gotmpl_call *call)
{
    return gotmpl_call_runtime(call);
}

static void *arena_alloc(gotmpl_call *call, size_t size)
{
    gotmpl_runtime *runtime = runtime_of(call);
    return gotmpl_runtime_host(runtime)->arena_alloc(gotmpl_runtime_arena(runtime), size ? size : 1);
}

/* --- group names --------------------------------------------------------------------------------- */
/* The end of a character class that starts at pattern[at] == '['. */
static size_t skip_class(const char *pattern, size_t len, size_t at)
{
    at++;
    if (at < len && pattern[at] == '^')
        at++;
    if (at < len && pattern[at] == ']')
        at++;
    while (at < len && pattern[at] != ']') {
        if (pattern[at] == '\\') {
            at += 2;
        } else if (pattern[at] == '[' && at + 1 < len && pattern[at + 1] == ':') {
            const char *end = strstr(pattern + at + 2, ":]");
            at = end ? (size_t)(end - pattern) + 2 : at + 1;
        } else {
            at++;
        }
    }
    return at + 1;
}

/* A capture group's name when pattern[at..] opens one with (?P<name> or (?<name>. */
static int group_name(const char *pattern, size_t len, size_t at, celm_string *name)
{
    size_t start = 0;
    if (at + 3 < len && pattern[at + 2] == 'P' && pattern[at + 3] == '<')
        start = at + 4;
    else if (at + 2 < len && pattern[at + 2] == '<')
        start = at + 3;
    if (!start)
        return 0;
    const char *end = memchr(pattern + start, '>', len - start);
    name->data = pattern + start;
    name->len = end ? (size_t)(end - pattern) - start : 0;
    return 1;
}

/* Regexp.SubexpNames, read from the pattern (which compiled, so it is well formed). */
static void read_group_names(const char *pattern, size_t len, compiled *re)
{
    size_t group = 0;
    for (size_t at = 0; at < len && group < re->groups;) {
        if (pattern[at] == '\\' && at + 1 < len && pattern[at + 1] == 'Q') {
            const char *end = strstr(pattern + at + 2, "\\E");
            at = end ? (size_t)(end - pattern) + 2 : len;
        } else if (pattern[at] == '\\') {
            at += 2;
        } else if (pattern[at] == '[') {
            at = skip_class(pattern, len, at);
        } else if (pattern[at] == '(' && at + 1 < len && pattern[at + 1] == '?') {
            celm_string name;
            if (group_name(pattern, len, at, &name))
                re->names[++group] = name;
            at++;
        } else {
            if (pattern[at] == '(')
                group++;
            at++;
        }
    }
}

/* --- compiling ----------------------------------------------------------------------------------- */
static void put_pattern_quoted(gotmpl_sprig_text *text, const celm_string *pattern);

/* regexp.Compile; on failure the error (must* forms) or MustCompile's panic. */
static int compile(gotmpl_call *call, const celm_string *pattern, failure_mode mode, compiled *re)
{
    celm_error err = CELM_ERROR_INIT;
    memset(re, 0, sizeof *re);
    re->host = gotmpl_runtime_host(runtime_of(call));
    char *copy = re->host->arena_strndup(gotmpl_runtime_arena(runtime_of(call)), pattern->data, pattern->len);
    if (!copy)
        return gotmpl_sprig_out_of_memory(call);
    re->regex = re->host->regex_compile(gotmpl_runtime_arena(runtime_of(call)), copy, pattern->len, &err);
    if (!re->regex) {
        if (mode == SWALLOWS)
            return CELM_EINVAL;
        if (mode == RETURNS_ERROR)
            return gotmpl_call_error(call, "%s", err.message);
        gotmpl_sprig_text text;
        gotmpl_sprig_text_init(&text, runtime_of(call));
        put_pattern_quoted(&text, pattern);
        return gotmpl_call_panic(call, "regexp: Compile(%s): %s", text.failed ? "" : text.data, err.message);
    }
    re->groups = re->host->regex_group_count(re->regex);
    re->names = arena_alloc(call, (re->groups + 1) * sizeof *re->names);
    re->offsets = arena_alloc(call, 2 * (re->groups + 1) * sizeof *re->offsets);
    if (!re->names || !re->offsets)
        return gotmpl_sprig_out_of_memory(call);
    memset(re->names, 0, (re->groups + 1) * sizeof *re->names);
    read_group_names(copy, pattern->len, re);
    return CELM_OK;
}

/* strconv.CanBackquote: no control characters but tab, no backquote, valid UTF-8, no BOM. */
static int can_backquote(const celm_string *s)
{
    for (size_t at = 0, width; at < s->len; at += width) {
        uint32_t rune = celm_gotmpl_utf8_decode(s->data + at, s->len - at, &width);
        if (width > 1) {
            if (rune == 0xFEFF)
                return 0;
            continue;
        }
        if (rune == CELM_GOTMPL_RUNE_ERROR || (rune < ' ' && rune != '\t') || rune == '`' || rune == 0x7F)
            return 0;
    }
    return 1;
}

/* regexp's quote: `pattern` when it can be, else strconv.Quote. */
static void put_pattern_quoted(gotmpl_sprig_text *text, const celm_string *pattern)
{
    if (!can_backquote(pattern)) {
        gotmpl_sprig_text_put_quoted(text, pattern->data, pattern->len);
        return;
    }
    gotmpl_sprig_text_put(text, "`", 1);
    gotmpl_sprig_text_put(text, pattern->data, pattern->len);
    gotmpl_sprig_text_put(text, "`", 1);
}

/* --- matching ------------------------------------------------------------------------------------ */
static int search(compiled *re, const celm_string *s, size_t from)
{
    return re->host->regex_search(re->regex, s->data, s->len, from, re->offsets, 2 * (re->groups + 1)) > 0;
}

static size_t rune_width_at(const celm_string *s, size_t at)
{
    size_t width = 0;
    if (at < s->len)
        celm_gotmpl_utf8_decode(s->data + at, s->len - at, &width);
    return width;
}

typedef int (*match_visitor)(gotmpl_call *call, void *state, const compiled *re);

/* regexp's allMatches: up to `limit` matches (all when negative); an empty match right where the
 * previous match ended does not count, and the search always moves on by at least one rune. */
static int each_match(gotmpl_call *call, compiled *re, const celm_string *s, int64_t limit, match_visitor visit,
                      void *state)
{
    size_t position = 0, previous_end = SIZE_MAX;
    uint64_t wanted = limit < 0 ? (uint64_t)s->len + 1 : (uint64_t)limit, found = 0;
    while (found < wanted && position <= s->len && search(re, s, position)) {
        size_t start = re->offsets[0], end = re->offsets[1];
        int accept = 1;
        if (end == position) {
            accept = start != previous_end;
            size_t width = rune_width_at(s, position);
            position = width ? position + width : s->len + 1;
        } else {
            position = end;
        }
        previous_end = end;
        if (accept) {
            if (visit(call, state, re) != CELM_OK)
                return CELM_ENOMEM;
            found++;
        }
    }
    return CELM_OK;
}

typedef struct match_list {
    const celm_string *text;
    gotmpl_value strings;       /* []string of the matched texts */
    size_t *bounds;             /* start, end of each match (Split) */
    size_t count, capacity;
} match_list;

static int collect_text(gotmpl_call *call, void *state, const compiled *re)
{
    match_list *list = state;
    gotmpl_value match = gotmpl_string(list->text->data + re->offsets[0], re->offsets[1] - re->offsets[0]);
    return gotmpl_list_append(runtime_of(call), list->strings.as.list, match);
}

static int collect_bounds(gotmpl_call *call, void *state, const compiled *re)
{
    match_list *list = state;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        size_t *bounds = arena_alloc(call, 2 * capacity * sizeof *bounds);
        if (!bounds)
            return CELM_ENOMEM;
        if (list->count)
            memcpy(bounds, list->bounds, 2 * list->count * sizeof *bounds);
        list->bounds = bounds;
        list->capacity = capacity;
    }
    list->bounds[2 * list->count] = re->offsets[0];
    list->bounds[2 * list->count + 1] = re->offsets[1];
    list->count++;
    return CELM_OK;
}

static int new_strings(gotmpl_call *call, gotmpl_value *out)
{
    *out = gotmpl_list_new(runtime_of(call), GT_STRING_LIST, 0);
    return out->type == GT_STRING_LIST ? CELM_OK : gotmpl_sprig_out_of_memory(call);
}

static int add_string(gotmpl_call *call, gotmpl_value *list, const char *data, size_t len)
{
    if (gotmpl_list_append(runtime_of(call), list->as.list, gotmpl_string(data, len)) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

/* Regexp.Split: the texts between up to n matches (all when negative, nil for 0). */
static int split(gotmpl_call *call, compiled *re, const celm_string *pattern, const celm_string *s, int64_t n,
                 gotmpl_value *out)
{
    match_list matches = {s, {0}, NULL, 0, 0};
    if (new_strings(call, out) != CELM_OK || n == 0)
        return n == 0 ? CELM_OK : CELM_ENOMEM;
    if (pattern->len > 0 && s->len == 0)
        return add_string(call, out, "", 0);
    if (each_match(call, re, s, n, collect_bounds, &matches) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    size_t begin = 0, end = 0, pieces = 0;
    for (size_t i = 0; i < matches.count; i++) {
        if (n > 0 && pieces >= (uint64_t)n - 1)
            break;
        end = matches.bounds[2 * i];
        if (matches.bounds[2 * i + 1] != 0) {
            if (add_string(call, out, s->data + begin, end - begin) != CELM_OK)
                return CELM_ENOMEM;
            pieces++;
        }
        begin = matches.bounds[2 * i + 1];
    }
    if (end != s->len)
        return add_string(call, out, s->data + begin, s->len - begin);
    return CELM_OK;
}

/* --- replacing ----------------------------------------------------------------------------------- */
/* regexp's extract: a group reference after '$': a name or number, optionally in braces. Returns
 * the bytes used, 0 when there is none; *number is -1 for a name. */
static size_t group_reference(const char *text, size_t len, celm_string *name, long *number)
{
    size_t at = len && text[0] == '{', start = at;
    while (at < len) {
        size_t width;
        uint32_t rune = celm_gotmpl_utf8_decode(text + at, len - at, &width);
        if (!celm_gotmpl_rune_is_letter(rune) && !celm_gotmpl_rune_is_digit(rune) && rune != '_')
            break;
        at += width;
    }
    if (at == start)
        return 0;
    name->data = text + start;
    name->len = at - start;
    if (start == 1) {
        if (at >= len || text[at] != '}')
            return 0;
        at++;
    }
    *number = 0;
    for (size_t i = 0; i < name->len; i++) {
        if (name->data[i] < '0' || name->data[i] > '9' || *number >= 100000000) {
            *number = -1;
            break;
        }
        *number = *number * 10 + (name->data[i] - '0');
    }
    if (name->data[0] == '0' && name->len > 1)
        *number = -1;
    return at;
}

static void put_group(gotmpl_sprig_text *out, const compiled *re, const celm_string *s, size_t group)
{
    size_t start = re->offsets[2 * group], end = re->offsets[2 * group + 1];
    if (start != SIZE_MAX)
        gotmpl_sprig_text_put(out, s->data + start, end - start);
}

/* Regexp.Expand: $$ is a dollar, $1 / ${1} / $name / ${name} a group (nothing when absent), a
 * malformed reference stays as written. */
static void expand(gotmpl_sprig_text *out, const compiled *re, const celm_string *s, const celm_string *template_)
{
    const char *text = template_->data, *end = text + template_->len;
    for (const char *dollar; (dollar = memchr(text, '$', (size_t)(end - text))) != NULL;) {
        gotmpl_sprig_text_put(out, text, (size_t)(dollar - text));
        text = dollar + 1;
        if (text < end && *text == '$') {
            gotmpl_sprig_text_put(out, "$", 1);
            text++;
            continue;
        }
        celm_string name;
        long number;
        size_t used = group_reference(text, (size_t)(end - text), &name, &number);
        if (!used) {
            gotmpl_sprig_text_put(out, "$", 1);
            continue;
        }
        text += used;
        for (size_t group = 0; group <= re->groups; group++) {
            int wanted = number >= 0 ? (size_t)number == group
                                     : re->names[group].len == name.len && name.len &&
                                           !memcmp(re->names[group].data, name.data, name.len);
            if (wanted && re->offsets[2 * group] != SIZE_MAX) {
                put_group(out, re, s, group);
                break;
            }
        }
    }
    gotmpl_sprig_text_put(out, text, (size_t)(end - text));
}

/* regexp's replaceAll: no replacement for an empty match right after the previous match. */
static void replace_all(gotmpl_sprig_text *out, compiled *re, const celm_string *s, const celm_string *replacement,
                        int literal)
{
    size_t last_end = 0, position = 0;
    while (position <= s->len && search(re, s, position)) {
        size_t start = re->offsets[0], end = re->offsets[1];
        gotmpl_sprig_text_put(out, s->data + last_end, start - last_end);
        if (end > last_end || start == 0) {
            if (literal)
                gotmpl_sprig_text_put(out, replacement->data, replacement->len);
            else
                expand(out, re, s, replacement);
        }
        last_end = end;
        size_t width = rune_width_at(s, position);
        if (position + width > end)
            position += width;
        else if (position + 1 > end)
            position++;
        else
            position = end;
    }
    gotmpl_sprig_text_put(out, s->data + last_end, s->len - last_end);
}

/* --- the functions ------------------------------------------------------------------------------- */
static const celm_string *text_arg(const gotmpl_value *args, size_t i)
{
    return &args[i].as.string;
}

static int regex_match(gotmpl_call *call, const gotmpl_value *args, failure_mode mode, gotmpl_value *out)
{
    compiled re;
    *out = gotmpl_bool(0);
    int status = compile(call, text_arg(args, 0), mode == PANICS ? SWALLOWS : mode, &re);
    if (status != CELM_OK)
        return mode == RETURNS_ERROR || status == CELM_ENOMEM ? status : CELM_OK;
    *out = gotmpl_bool(search(&re, text_arg(args, 1), 0));
    return CELM_OK;
}

static int regex_find_all(gotmpl_call *call, const gotmpl_value *args, failure_mode mode, gotmpl_value *out)
{
    compiled re;
    if (new_strings(call, out) != CELM_OK || compile(call, text_arg(args, 0), mode, &re) != CELM_OK)
        return CELM_EINVAL;
    match_list matches = {text_arg(args, 1), *out, NULL, 0, 0};
    if (each_match(call, &re, text_arg(args, 1), args[2].as.integer, collect_text, &matches) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

static int regex_find(gotmpl_call *call, const gotmpl_value *args, failure_mode mode, gotmpl_value *out)
{
    compiled re;
    *out = gotmpl_string("", 0);
    if (compile(call, text_arg(args, 0), mode, &re) != CELM_OK)
        return CELM_EINVAL;
    if (search(&re, text_arg(args, 1), 0))
        *out = gotmpl_string(args[1].as.string.data + re.offsets[0], re.offsets[1] - re.offsets[0]);
    return CELM_OK;
}

static int regex_replace(gotmpl_call *call, const gotmpl_value *args, failure_mode mode, int literal,
                         gotmpl_value *out)
{
    compiled re;
    *out = gotmpl_string("", 0);
    if (compile(call, text_arg(args, 0), mode, &re) != CELM_OK)
        return CELM_EINVAL;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    replace_all(&text, &re, text_arg(args, 1), text_arg(args, 2), literal);
    if (gotmpl_sprig_text_finish(&text, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

static int regex_split(gotmpl_call *call, const gotmpl_value *args, failure_mode mode, gotmpl_value *out)
{
    compiled re;
    if (new_strings(call, out) != CELM_OK || compile(call, text_arg(args, 0), mode, &re) != CELM_OK)
        return CELM_EINVAL;
    return split(call, &re, text_arg(args, 0), text_arg(args, 1), args[2].as.integer, out);
}

#define PLAIN_AND_MUST(name, body) \
    static int name##_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out) \
    { (void)count; { const failure_mode mode = PANICS; return body; } } \
    static int must_##name##_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out) \
    { (void)count; { const failure_mode mode = RETURNS_ERROR; return body; } }

PLAIN_AND_MUST(match, regex_match(call, args, mode, out))
PLAIN_AND_MUST(find_all, regex_find_all(call, args, mode, out))
PLAIN_AND_MUST(find, regex_find(call, args, mode, out))
PLAIN_AND_MUST(replace_all, regex_replace(call, args, mode, 0, out))
PLAIN_AND_MUST(replace_all_literal, regex_replace(call, args, mode, 1, out))
PLAIN_AND_MUST(split, regex_split(call, args, mode, out))

/* regexp.QuoteMeta: a backslash before each of \.+*?()|[]{}^$ */
static int quote_meta_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime_of(call));
    for (size_t i = 0; i < args[0].as.string.len; i++) {
        char c = args[0].as.string.data[i];
        if (c && strchr("\\.+*?()|[]{}^$", c))
            gotmpl_sprig_text_put(&text, "\\", 1);
        gotmpl_sprig_text_put(&text, &c, 1);
    }
    if (gotmpl_sprig_text_finish(&text, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

#define REGEX_PAIR(name, must_name, impl, params, result, ...) \
    {name, impl##_impl, params, 0, {__VA_ARGS__}, result, 0}, \
    {must_name, must_##impl##_impl, params, 0, {__VA_ARGS__}, result, 1}

static const gotmpl_func regex_functions[] = {
    REGEX_PAIR("regexMatch", "mustRegexMatch", match, 2, GT_BOOL, GT_STRING, GT_STRING),
    REGEX_PAIR("regexFindAll", "mustRegexFindAll", find_all, 3, GT_STRING_LIST, GT_STRING, GT_STRING, GT_INT),
    REGEX_PAIR("regexFind", "mustRegexFind", find, 2, GT_STRING, GT_STRING, GT_STRING),
    REGEX_PAIR("regexReplaceAll", "mustRegexReplaceAll", replace_all, 3, GT_STRING, GT_STRING, GT_STRING,
               GT_STRING),
    REGEX_PAIR("regexReplaceAllLiteral", "mustRegexReplaceAllLiteral", replace_all_literal, 3, GT_STRING, GT_STRING,
               GT_STRING, GT_STRING),
    REGEX_PAIR("regexSplit", "mustRegexSplit", split, 3, GT_STRING_LIST, GT_STRING, GT_STRING, GT_INT),
    {"regexQuoteMeta", quote_meta_impl, 1, 0, {GT_STRING}, GT_STRING, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_regex = {"sprig/regex", regex_functions};
