/* go_regex.c: Go (RE2) regular expressions checked as Go's parser does, run by PCRE2. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "go_regex.h"
#include "utf8.h"

struct celm_regex {
    const char *source;
    pcre2_code *code;
    pcre2_match_data *match;
};

typedef struct translator {
    celm_arena *arena;
    const char *whole;      /* the Go regexp */
    const char *at;
    const char *end;
    celm_buffer out;        /* the PCRE2 pattern */
    int depth;              /* open groups */
    int have_operand;       /* something a repetition can apply to precedes */
    const char *last_repeat;
    const char *message;
} translator;

static int fail(translator *t, const char *code, const char *from, size_t len)
{
    t->message = celm_arena_printf(t->arena, "error parsing regexp: %s: `%.*s`", code, (int)len, from);
    return -1;
}

static void emit_rune(translator *t, uint32_t rune)
{
    if (rune < 0x80 && isalnum((int)rune))
        celm_buffer_append_char(&t->out, (char)rune);
    else
        celm_buffer_printf(&t->out, "\\x{%x}", (unsigned)rune);
}

static uint32_t next_rune(translator *t)
{
    uint32_t rune;
    t->at += celm_utf8_decode((const unsigned char *)t->at, (size_t)(t->end - t->at), &rune);
    return rune;
}

static int is_octal(char c)
{
    return c >= '0' && c <= '7';
}

static int hex_digit(char c)
{
    return isxdigit((unsigned char)c) ? (isdigit((unsigned char)c) ? c - '0' : tolower((unsigned char)c) - 'a' + 10) : -1;
}

/* Go's parseEscape: one escaped rune (octal, hex, control or punctuation). */
static int parse_escape(translator *t, const char *start, uint32_t *rune)
{
    t->at = start + 1;
    if (t->at >= t->end)
        return fail(t, "trailing backslash at end of expression", "", 0);
    char c = *t->at;
    if (c >= '1' && c <= '7' && !(t->at + 1 < t->end && is_octal(t->at[1])))
        return next_rune(t), fail(t, "invalid escape sequence", start, (size_t)(t->at - start));
    if (is_octal(c)) {
        uint32_t value = 0;
        for (int i = 0; i < 3 && t->at < t->end && is_octal(*t->at); i++)
            value = value * 8 + (uint32_t)(*t->at++ - '0');
        return *rune = value, 0;
    }
    if (c == 'x') {
        t->at++;
        if (t->at < t->end && *t->at == '{') {
            uint32_t value = 0;
            int digits = 0;
            for (t->at++; t->at < t->end && hex_digit(*t->at) >= 0; t->at++, digits++)
                if ((value = value * 16 + (uint32_t)hex_digit(*t->at)) > 0x10FFFF)
                    break;
            if (t->at >= t->end || *t->at != '}' || digits == 0 || value > 0x10FFFF) {
                if (t->at < t->end)
                    next_rune(t);
                return fail(t, "invalid escape sequence", start, (size_t)(t->at - start));
            }
            t->at++;
            return *rune = value, 0;
        }
        if (t->end - t->at < 2 || hex_digit(t->at[0]) < 0 || hex_digit(t->at[1]) < 0) {
            for (int i = 0; i < 2 && t->at < t->end; i++)
                next_rune(t);
            return fail(t, "invalid escape sequence", start, (size_t)(t->at - start));
        }
        *rune = (uint32_t)(hex_digit(t->at[0]) * 16 + hex_digit(t->at[1]));
        t->at += 2;
        return 0;
    }
    static const char controls[] = "a\af\fn\nr\rt\tv\v";
    for (size_t i = 0; i + 1 < sizeof controls; i += 2)
        if (c == controls[i])
            return t->at++, *rune = (unsigned char)controls[i + 1], 0;
    uint32_t r = next_rune(t);
    if (r < 0x80 && !isalnum((int)r))
        return *rune = r, 0;
    return fail(t, "invalid escape sequence", start, (size_t)(t->at - start));
}

/* \pN, \p{Name}, \PN, \P{^Name}: passed to PCRE2, which knows the same names. */
static int unicode_class(translator *t, int *handled)
{
    *handled = 0;
    if (t->end - t->at < 2 || t->at[0] != '\\' || (t->at[1] != 'p' && t->at[1] != 'P'))
        return 0;
    const char *start = t->at;
    t->at += 2;
    if (t->at >= t->end)
        return fail(t, "invalid character class range", start, (size_t)(t->at - start));
    if (*t->at == '{') {
        const char *close = memchr(t->at, '}', (size_t)(t->end - t->at));
        if (!close)
            return fail(t, "invalid character class range", start, (size_t)(t->end - start));
        t->at = close + 1;
    } else {
        next_rune(t);
    }
    celm_buffer_append(&t->out, start, (size_t)(t->at - start));
    *handled = 1;
    return 0;
}

static const char *const posix_classes[] = {"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower",
                                            "print", "punct", "space", "upper", "word", "xdigit", NULL};

static int named_class(translator *t, int *handled)
{
    *handled = 0;
    if (t->end - t->at <= 2 || t->at[0] != '[' || t->at[1] != ':')
        return 0;
    const char *close = NULL;
    for (const char *c = t->at + 2; c + 1 < t->end; c++)
        if (c[0] == ':' && c[1] == ']') {
            close = c;
            break;
        }
    if (!close)
        return 0;
    const char *name = t->at + 2;
    size_t len = (size_t)(close - name);
    size_t plain = len && name[0] == '^' ? 1 : 0;
    int known = 0;
    for (const char *const *n = posix_classes; *n; n++)
        known |= strlen(*n) == len - plain && strncmp(*n, name + plain, len - plain) == 0;
    if (!known)
        return fail(t, "invalid character class range", t->at, (size_t)(close + 2 - t->at));
    celm_buffer_append(&t->out, t->at, (size_t)(close + 2 - t->at));
    t->at = close + 2;
    *handled = 1;
    return 0;
}

static int class_char(translator *t, const char *whole_class, uint32_t *rune)
{
    if (t->at >= t->end)
        return fail(t, "missing closing ]", whole_class, (size_t)(t->end - whole_class));
    if (*t->at == '\\')
        return parse_escape(t, t->at, rune);
    *rune = next_rune(t);
    return 0;
}

static int class_perl_escape(translator *t)
{
    if (t->end - t->at < 2 || t->at[0] != '\\' || !strchr("dDsSwW", t->at[1]) || !t->at[1])
        return 0;
    char c = t->at[1];
    if (c == 's')
        celm_buffer_append_str(&t->out, "\\x{9}\\x{a}\\x{c}\\x{d}\\x{20}");
    else
        celm_buffer_printf(&t->out, "\\%c", c);
    t->at += 2;
    return 1;
}

static int parse_class(translator *t)
{
    const char *whole_class = t->at;
    t->at++;
    celm_buffer_append_char(&t->out, '[');
    if (t->at < t->end && *t->at == '^') {
        celm_buffer_append_char(&t->out, '^');
        t->at++;
    }
    for (int first = 1; t->at >= t->end || *t->at != ']' || first; first = 0) {
        int handled;
        if (t->at >= t->end)
            return fail(t, "missing closing ]", whole_class, (size_t)(t->end - whole_class));
        if (named_class(t, &handled) != 0 || unicode_class(t, &handled) != 0)
            return -1;
        if (handled || class_perl_escape(t))
            continue;
        const char *range = t->at;
        uint32_t low, high;
        if (class_char(t, whole_class, &low) != 0)
            return -1;
        high = low;
        if (t->end - t->at >= 2 && t->at[0] == '-' && t->at[1] != ']') {
            t->at++;
            if (class_char(t, whole_class, &high) != 0)
                return -1;
            if (high < low)
                return fail(t, "invalid character class range", range, (size_t)(t->at - range));
        }
        emit_rune(t, low);
        if (high != low) {
            celm_buffer_append_char(&t->out, '-');
            emit_rune(t, high);
        }
    }
    t->at++;
    celm_buffer_append_char(&t->out, ']');
    return 0;
}

static int valid_capture_name(const char *name, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (name[i] != '_' && !isalnum((unsigned char)name[i]))
            return 0;
    return 1;
}

/* After "(?": a named capture, or flags ending in ':' or ')'. */
static int parse_group_flags(translator *t)
{
    const char *start = t->at;
    size_t rest = (size_t)(t->end - start);
    if ((rest > 4 && start[2] == 'P' && start[3] == '<') || (rest > 3 && start[2] == '<')) {
        const char *name = start + (start[2] == 'P' ? 4 : 3);
        const char *close = memchr(start, '>', rest);
        if (!close)
            return fail(t, "invalid named capture", start, rest);
        if (!valid_capture_name(name, (size_t)(close - name)))
            return fail(t, "invalid named capture", start, (size_t)(close + 1 - start));
        t->at = close + 1;
        celm_buffer_append_char(&t->out, '(');
        t->depth++;
        t->have_operand = 0;
        return 0;
    }
    t->at += 2;
    int negated = 0, saw_flag = 0;
    while (t->at < t->end) {
        uint32_t c = next_rune(t);
        if (c == 'i' || c == 'm' || c == 's' || c == 'U') {
            saw_flag = 1;
        } else if (c == '-' && !negated) {
            negated = 1;
            saw_flag = 0;
        } else if ((c == ':' || c == ')') && !(negated && !saw_flag)) {
            celm_buffer_append_str(&t->out, "(?");
            celm_buffer_append(&t->out, start + 2, (size_t)(t->at - start - 2));
            if (c == ':') {
                t->depth++;
                t->have_operand = 0;
            }
            return 0;
        } else {
            break;
        }
    }
    return fail(t, "invalid or unsupported Perl syntax", start, (size_t)(t->at - start));
}

static int parse_repeat_braces(translator *t, long *min, long *max)
{
    const char *c = t->at + 1;
    if (c >= t->end || !isdigit((unsigned char)*c))
        return 0;
    *min = 0;
    for (; c < t->end && isdigit((unsigned char)*c); c++)
        *min = *min > 100000000 ? 100000000 : *min * 10 + (*c - '0');
    *max = *min;
    if (c < t->end && *c == ',') {
        c++;
        *max = -1;
        if (c < t->end && isdigit((unsigned char)*c)) {
            *max = 0;
            for (; c < t->end && isdigit((unsigned char)*c); c++)
                *max = *max > 100000000 ? 100000000 : *max * 10 + (*c - '0');
        }
    }
    if (c >= t->end || *c != '}')
        return 0;
    return (int)(c + 1 - t->at);
}

static int parse_repetition(translator *t)
{
    const char *before = t->at;
    if (*t->at == '{') {
        long min, max;
        int len = parse_repeat_braces(t, &min, &max);
        if (!len) {
            celm_buffer_append_str(&t->out, "\\{");
            t->at++;
            t->have_operand = 1;
            t->last_repeat = NULL;
            return 0;
        }
        if (min > 1000 || max > 1000 || (max >= 0 && min > max))
            return fail(t, "invalid repeat count", before, (size_t)len);
        t->at += len;
    } else {
        t->at++;
    }
    if (t->at < t->end && *t->at == '?')
        t->at++;
    if (t->last_repeat)
        return fail(t, "invalid nested repetition operator", t->last_repeat, (size_t)(t->at - t->last_repeat));
    if (!t->have_operand)
        return fail(t, "missing argument to repetition operator", before, (size_t)(t->at - before));
    celm_buffer_append(&t->out, before, (size_t)(t->at - before));
    t->last_repeat = before;
    return 0;
}

static int parse_backslash(translator *t)
{
    const char *start = t->at;
    if (t->at + 1 < t->end) {
        char c = t->at[1];
        static const char *const assertions = "AbBz";
        if (strchr(assertions, c) && c) {
            celm_buffer_printf(&t->out, "(?:\\%c)", c);
            t->at += 2;
            return 0;
        }
        if (c == 'Q') {
            t->at += 2;
            const char *stop = t->at;
            while (stop < t->end && !(stop + 1 < t->end && stop[0] == '\\' && stop[1] == 'E'))
                stop++;
            while (t->at < stop)
                emit_rune(t, next_rune(t));
            if (t->at < t->end)
                t->at += 2;
            return 0;
        }
        if (c == 's' || c == 'S') {
            celm_buffer_append_str(&t->out, c == 's' ? "[\\x{9}\\x{a}\\x{c}\\x{d}\\x{20}]" : "[^\\x{9}\\x{a}\\x{c}\\x{d}\\x{20}]");
            t->at += 2;
            return 0;
        }
        if (strchr("dDwW", c) && c) {
            celm_buffer_printf(&t->out, "\\%c", c);
            t->at += 2;
            return 0;
        }
    }
    int handled;
    if (unicode_class(t, &handled) != 0)
        return -1;
    if (handled)
        return 0;
    uint32_t rune;
    if (parse_escape(t, start, &rune) != 0)
        return -1;
    emit_rune(t, rune);
    return 0;
}

static int translate_one(translator *t)
{
    char c = *t->at;
    const char *repeat_before = t->last_repeat;
    t->last_repeat = NULL;
    switch (c) {
    case '(':
        if (t->at + 1 < t->end && t->at[1] == '?') {
            t->have_operand = 0;
            if (parse_group_flags(t) != 0)
                return -1;
            return 0;
        }
        celm_buffer_append_char(&t->out, '(');
        t->at++;
        t->depth++;
        t->have_operand = 0;
        return 0;
    case ')':
        if (t->depth == 0)
            return fail(t, "unexpected )", t->whole, (size_t)(t->end - t->whole));
        t->depth--;
        celm_buffer_append_char(&t->out, ')');
        t->at++;
        t->have_operand = 1;
        return 0;
    case '|':
        celm_buffer_append_char(&t->out, '|');
        t->at++;
        t->have_operand = 0;
        return 0;
    case '*': case '+': case '?': case '{':
        t->last_repeat = repeat_before;
        return parse_repetition(t);
    case '[':
        t->have_operand = 1;
        return parse_class(t);
    case '^': case '$':
        celm_buffer_printf(&t->out, "(?:%c)", c);
        t->at++;
        t->have_operand = 1;
        return 0;
    case '.':
        celm_buffer_append_char(&t->out, '.');
        t->at++;
        t->have_operand = 1;
        return 0;
    case '\\':
        t->have_operand = 1;
        return parse_backslash(t);
    default:
        emit_rune(t, next_rune(t));
        t->have_operand = 1;
        return 0;
    }
}

static int translate(translator *t)
{
    while (t->at < t->end)
        if (translate_one(t) != 0)
            return -1;
    if (t->depth > 0)
        return fail(t, "missing closing )", t->whole, (size_t)(t->end - t->whole));
    return 0;
}

static void *arena_malloc(size_t size, void *arena)
{
    return celm_arena_alloc(arena, size);
}

static void arena_free(void *memory, void *arena)
{
    (void)memory;
    (void)arena;   /* freed with the arena */
}

static int compile_pcre(celm_arena *arena, const celm_buffer *pattern, celm_regex *regex)
{
    pcre2_general_context *general = pcre2_general_context_create(arena_malloc, arena_free, arena);
    pcre2_compile_context *context = general ? pcre2_compile_context_create(general) : NULL;
    if (!context)
        return -1;
    pcre2_set_newline(context, PCRE2_NEWLINE_LF);
    int code;
    PCRE2_SIZE offset;
    regex->code = pcre2_compile((PCRE2_SPTR)pattern->data, pattern->len,
                                PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_INVALID_UTF, &code, &offset, context);
    if (!regex->code)
        return -1;
    regex->match = pcre2_match_data_create_from_pattern(regex->code, general);
    return regex->match ? 0 : -1;
}

celm_regex *celm_go_regex_compile(celm_arena *arena, const char *source, size_t len, const char **message)
{
    translator t;
    memset(&t, 0, sizeof t);
    t.arena = arena;
    t.whole = source;
    t.at = source;
    t.end = source + len;
    celm_buffer_init(&t.out);
    celm_regex *regex = celm_arena_alloc(arena, sizeof *regex);
    if (!regex || translate(&t) != 0) {
        celm_buffer_free(&t.out);
        *message = t.message ? t.message : "out of memory";
        return NULL;
    }
    celm_buffer_append_char(&t.out, 0);
    t.out.len--;
    regex->source = celm_arena_strndup(arena, source, len);
    int status = t.out.failed ? -1 : compile_pcre(arena, &t.out, regex);
    celm_buffer_free(&t.out);
    if (status != 0) {
        *message = celm_arena_printf(arena, "error parsing regexp: invalid or unsupported Perl syntax: `%.*s`",
                                     (int)len, source);
        return NULL;
    }
    return regex;
}

int celm_go_regex_match(const celm_regex *regex, const char *text, size_t len)
{
    int result = pcre2_match(regex->code, (PCRE2_SPTR)text, len, 0, 0, regex->match, NULL);
    return result >= 0;
}

const char *celm_go_regex_source(const celm_regex *regex)
{
    return regex->source;
}

size_t celm_go_regex_search(const celm_regex *regex, const char *text, size_t len, size_t start, size_t *groups,
                            size_t group_slots)
{
    int result = pcre2_match(regex->code, (PCRE2_SPTR)text, len, start, 0, regex->match, NULL);
    if (result <= 0)
        return 0;
    const PCRE2_SIZE *vector = pcre2_get_ovector_pointer(regex->match);
    size_t pairs = pcre2_get_ovector_count(regex->match);
    size_t written = 0;
    for (size_t i = 0; i < pairs && 2 * i + 1 < group_slots; i++, written++) {
        int unset = i >= (size_t)result || vector[2 * i] == PCRE2_UNSET;
        groups[2 * i] = unset ? SIZE_MAX : vector[2 * i];
        groups[2 * i + 1] = unset ? SIZE_MAX : vector[2 * i + 1];
    }
    return written;
}

size_t celm_go_regex_group_count(const celm_regex *regex)
{
    uint32_t count = 0;
    pcre2_pattern_info(regex->code, PCRE2_INFO_CAPTURECOUNT, &count);
    return count;
}

celm_regex *celm_host_regex_compile(celm_arena *arena, const char *pattern, size_t len, celm_error *err)
{
    const char *message = NULL;
    celm_regex *regex = celm_go_regex_compile(arena, pattern, len, &message);
    if (!regex)
        celm_error_set(err, CELM_EPARSE, "%s", message ? message : "error parsing regexp");
    return regex;
}
