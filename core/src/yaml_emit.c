/* yaml_emit.c: values to YAML bytes identical to Helm's toYaml (Go JSON, then go-yaml v2 Marshal).
 *
 * The value is first seen as the JSON text Go would write (strings cleaned the way go-yaml reads
 * that text back), then written by an emitter that follows go-yaml v2's writer rules: block style,
 * 2-space indent, unindented sequences under keys, folding past column 80. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"
#include "celm/celm.h"
#include "key_order.h"
#include "utf8.h"
#include "yaml_resolve.h"
#include "yaml_scalar.h"

#define YAML_BEST_WIDTH 80
#define YAML_BEST_INDENT 2
#define YAML_SIMPLE_KEY_BYTES 128
#define YAML_MAX_DEPTH 10000

typedef enum scalar_style { STYLE_PLAIN, STYLE_SINGLE, STYLE_DOUBLE, STYLE_LITERAL } scalar_style;

typedef struct emitter {
    celm_buffer out;
    celm_arena *arena;
    celm_error *err;
    int status;
    int indent;         /* current indentation; -1 before the root node */
    size_t column;      /* in runes */
    int whitespace;     /* the last character written was whitespace */
    int indention;      /* only indentation written on this line so far */
    int depth;
} emitter;

static void put_char(emitter *e, char c)
{
    celm_buffer_append_char(&e->out, c);
    e->column++;
}

static void put_break(emitter *e)
{
    celm_buffer_append_char(&e->out, '\n');
    e->column = 0;
}

/* Copies the rune at text[*at] and advances. */
static void write_rune(emitter *e, const char *text, size_t len, size_t *at)
{
    uint32_t rune;
    int width = celm_utf8_decode((const unsigned char *)text + *at, len - *at, &rune);
    celm_buffer_append(&e->out, text + *at, (size_t)width);
    e->column++;
    *at += (size_t)width;
}

static void write_indicator(emitter *e, const char *indicator, int need_whitespace, int is_whitespace,
                            int is_indention)
{
    if (need_whitespace && !e->whitespace)
        put_char(e, ' ');
    for (const char *c = indicator; *c; c++)
        put_char(e, *c);
    e->whitespace = is_whitespace;
    e->indention = e->indention && is_indention;
}

static void write_indent(emitter *e)
{
    size_t indent = e->indent >= 0 ? (size_t)e->indent : 0;
    if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
        put_break(e);
    while (e->column < indent)
        put_char(e, ' ');
    e->whitespace = 1;
    e->indention = 1;
}

/* A line break in the sense of YAML: \r, \n, NEL, LS or PS. */
static int break_width(const char *s, size_t len, size_t at)
{
    const unsigned char *u = (const unsigned char *)s + at;
    if (u[0] == '\r' || u[0] == '\n')
        return 1;
    if (len - at >= 2 && u[0] == 0xC2 && u[1] == 0x85)
        return 2;
    if (len - at >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
        return 3;
    return 0;
}

static void write_break(emitter *e, const char *text, size_t len, size_t *at)
{
    if (text[*at] == '\n') {
        put_break(e);
        (*at)++;
        return;
    }
    write_rune(e, text, len, at);
    e->column = 0;
}

/* A space inside a scalar: past the line width go-yaml breaks the line there instead of writing
 * it; in double quotes a following space is then kept by escaping the line start. */
static void write_space(emitter *e, const char *text, size_t len, size_t *at, int fold, int escape_next_space)
{
    if (!fold) {
        write_rune(e, text, len, at);
        return;
    }
    write_indent(e);
    if (escape_next_space && *at + 1 < len && text[*at + 1] == ' ')
        put_char(e, '\\');
    (*at)++;
}

static void write_plain(emitter *e, const char *text, size_t len, int allow_breaks)
{
    int spaces = 0;
    if (len > 0 && !e->whitespace)
        put_char(e, ' ');
    for (size_t at = 0; at < len;) {
        if (text[at] == ' ') {
            int next_is_space = at + 1 < len && text[at + 1] == ' ';
            write_space(e, text, len, &at, allow_breaks && !spaces && e->column > YAML_BEST_WIDTH && !next_is_space, 0);
            spaces = 1;
        } else {
            write_rune(e, text, len, &at);
            e->indention = 0;
            spaces = 0;
        }
    }
    e->whitespace = 0;
    e->indention = 0;
}

static void write_single_quoted(emitter *e, const char *text, size_t len, int allow_breaks)
{
    int spaces = 0, breaks = 0;
    write_indicator(e, "'", 1, 0, 0);
    for (size_t at = 0; at < len;) {
        if (text[at] == ' ') {
            int next_is_space = at + 1 < len && text[at + 1] == ' ';
            int inside = at > 0 && at < len - 1;
            write_space(e, text, len, &at, allow_breaks && !spaces && e->column > YAML_BEST_WIDTH && inside && !next_is_space, 0);
            spaces = 1;
        } else if (break_width(text, len, at)) {
            if (!breaks && text[at] == '\n')
                put_break(e);
            write_break(e, text, len, &at);
            e->indention = 1;
            breaks = 1;
        } else {
            if (breaks)
                write_indent(e);
            if (text[at] == '\'')
                put_char(e, '\'');
            write_rune(e, text, len, &at);
            e->indention = 0;
            spaces = breaks = 0;
        }
    }
    write_indicator(e, "'", 0, 0, 0);
    e->whitespace = 0;
    e->indention = 0;
}

static void write_escape(emitter *e, uint32_t rune)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *named = NULL;
    switch (rune) {
    case 0x00: named = "0"; break;
    case 0x07: named = "a"; break;
    case 0x08: named = "b"; break;
    case 0x09: named = "t"; break;
    case 0x0A: named = "n"; break;
    case 0x0B: named = "v"; break;
    case 0x0C: named = "f"; break;
    case 0x0D: named = "r"; break;
    case 0x1B: named = "e"; break;
    case 0x22: named = "\""; break;
    case 0x5C: named = "\\"; break;
    case 0x85: named = "N"; break;
    case 0xA0: named = "_"; break;
    case 0x2028: named = "L"; break;
    case 0x2029: named = "P"; break;
    }
    put_char(e, '\\');
    if (named) {
        put_char(e, named[0]);
        return;
    }
    int digits = rune <= 0xFF ? 2 : rune <= 0xFFFF ? 4 : 8;
    put_char(e, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        put_char(e, hex[(rune >> shift) & 0xF]);
}

static void write_double_quoted(emitter *e, const char *text, size_t len, int allow_breaks)
{
    /* go-yaml tests for a BOM at the start of the string, not at each position: a leading BOM
     * makes it escape every character. */
    int starts_with_bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    int spaces = 0;
    write_indicator(e, "\"", 1, 0, 0);
    for (size_t at = 0; at < len;) {
        char c = text[at];
        if (starts_with_bom || !celm_yaml_is_printable(text, len, at) || break_width(text, len, at) ||
            c == '"' || c == '\\') {
            uint32_t rune;
            at += (size_t)celm_utf8_decode((const unsigned char *)text + at, len - at, &rune);
            write_escape(e, rune);
            spaces = 0;
        } else if (c == ' ') {
            int inside = at > 0 && at < len - 1;
            write_space(e, text, len, &at, allow_breaks && !spaces && e->column > YAML_BEST_WIDTH && inside, 1);
            spaces = 1;
        } else {
            write_rune(e, text, len, &at);
            spaces = 0;
        }
    }
    write_indicator(e, "\"", 0, 0, 0);
    e->whitespace = 0;
    e->indention = 0;
}

static void write_block_hints(emitter *e, const char *text, size_t len)
{
    if (len > 0 && (text[0] == ' ' || break_width(text, len, 0)))
        write_indicator(e, "2", 0, 0, 0);
    const char *chomp = NULL;
    if (len == 0) {
        chomp = "-";
    } else {
        size_t last = len - 1;
        while (last > 0 && ((unsigned char)text[last] & 0xC0) == 0x80)
            last--;
        if (!break_width(text, len, last)) {
            chomp = "-";
        } else if (last == 0) {
            chomp = "+";
        } else {
            size_t before = last - 1;
            while (before > 0 && ((unsigned char)text[before] & 0xC0) == 0x80)
                before--;
            if (break_width(text, len, before))
                chomp = "+";
        }
    }
    if (chomp)
        write_indicator(e, chomp, 0, 0, 0);
}

static void write_literal(emitter *e, const char *text, size_t len)
{
    write_indicator(e, "|", 1, 0, 0);
    write_block_hints(e, text, len);
    put_break(e);
    e->indention = 1;
    e->whitespace = 1;
    int breaks = 1;
    for (size_t at = 0; at < len;) {
        if (break_width(text, len, at)) {
            write_break(e, text, len, &at);
            e->indention = 1;
            breaks = 1;
        } else {
            if (breaks)
                write_indent(e);
            write_rune(e, text, len, &at);
            e->indention = 0;
            breaks = 0;
        }
    }
}

static scalar_style choose_style(const yaml_scalar_analysis *analysis, scalar_style requested, int simple_key,
                                 size_t len)
{
    scalar_style style = requested;
    if (simple_key && analysis->multiline)
        style = STYLE_DOUBLE;
    if (style == STYLE_PLAIN && (!analysis->block_plain_allowed || (len == 0 && simple_key)))
        style = STYLE_SINGLE;
    if (style == STYLE_SINGLE && !analysis->single_quoted_allowed)
        style = STYLE_DOUBLE;
    if (style == STYLE_LITERAL && (!analysis->block_allowed || simple_key))
        style = STYLE_DOUBLE;
    return style;
}

static void emit_scalar(emitter *e, const char *text, size_t len, scalar_style requested, int simple_key)
{
    yaml_scalar_analysis analysis;
    celm_yaml_analyze_scalar(text, len, &analysis);
    scalar_style style = choose_style(&analysis, requested, simple_key, len);
    int saved_indent = e->indent;
    e->indent = e->indent < 0 ? YAML_BEST_INDENT : e->indent + YAML_BEST_INDENT;
    switch (style) {
    case STYLE_PLAIN: write_plain(e, text, len, !simple_key); break;
    case STYLE_SINGLE: write_single_quoted(e, text, len, !simple_key); break;
    case STYLE_DOUBLE: write_double_quoted(e, text, len, !simple_key); break;
    case STYLE_LITERAL: write_literal(e, text, len); break;
    }
    e->indent = saved_indent;
}

static scalar_style string_style(const char *text, size_t len)
{
    if (memchr(text, '\n', len))
        return STYLE_LITERAL;
    yaml_resolved resolved;
    celm_yaml_resolve_plain(text, len, &resolved);
    if (resolved.kind == YAML_RESOLVED_STRING && !celm_yaml_is_base60_float(text, len))
        return STYLE_PLAIN;
    return STYLE_DOUBLE;
}

static int fail(emitter *e, int code, const char *message)
{
    if (e->status == CELM_OK)
        e->status = celm_error_set(e->err, code, "%s", message);
    return e->status;
}

/* The string as go-yaml reads it back from Go's JSON text, or NULL (status set) if it cannot. */
static const char *reread_string(emitter *e, const celm_string *value, size_t *len)
{
    celm_string reread;
    int status = celm_yaml_json_reread(e->arena, value->data, value->len, &reread, e->err);
    if (status != CELM_OK) {
        e->status = status;
        return NULL;
    }
    *len = reread.len;
    return reread.data;
}

static void emit_string(emitter *e, const celm_string *value)
{
    size_t len;
    const char *text = reread_string(e, value, &len);
    if (text)
        emit_scalar(e, text, len, string_style(text, len), 0);
}

/* A float goes out as Go JSON text and comes back through go-yaml's resolver. */
static void emit_float(emitter *e, double real)
{
    char text[40];
    if (isnan(real) || isinf(real)) {
        celm_format_float_g(real, text);
        e->status = celm_error_set(e->err, CELM_EINVAL, "json: unsupported value: %s", text);
        return;
    }
    size_t len = celm_format_float_json(real, text);
    yaml_resolved resolved;
    celm_yaml_resolve_plain(text, len, &resolved);
    if (resolved.kind == YAML_RESOLVED_INT)
        len = (size_t)snprintf(text, sizeof text, "%lld", (long long)resolved.integer);
    else if (resolved.kind == YAML_RESOLVED_UINT)
        len = (size_t)snprintf(text, sizeof text, "%llu", (unsigned long long)resolved.unsigned_integer);
    else
        len = celm_format_float_g(resolved.real, text);
    emit_scalar(e, text, len, STYLE_PLAIN, 0);
}

static int compare_natural(const void *left, const void *right)
{
    const celm_map_entry *a = *(const celm_map_entry *const *)left;
    const celm_map_entry *b = *(const celm_map_entry *const *)right;
    if (celm_key_natural_less(&a->key, &b->key))
        return -1;
    return celm_key_natural_less(&b->key, &a->key) ? 1 : 0;
}

static void emit_value(emitter *e, const celm_value *value, int mapping_context);

static void emit_key_and_value(emitter *e, const celm_map_entry *entry)
{
    size_t len;
    const char *key = reread_string(e, &entry->key, &len);
    if (!key)
        return;
    yaml_scalar_analysis analysis;
    celm_yaml_analyze_scalar(key, len, &analysis);
    write_indent(e);
    if (!analysis.multiline && len <= YAML_SIMPLE_KEY_BYTES) {
        emit_scalar(e, key, len, string_style(key, len), 1);
        write_indicator(e, ":", 0, 0, 0);
    } else {
        write_indicator(e, "?", 1, 0, 1);
        emit_scalar(e, key, len, string_style(key, len), 0);
        write_indent(e);
        write_indicator(e, ":", 1, 0, 1);
    }
    emit_value(e, entry->value, 1);
}

static void emit_map(emitter *e, const celm_value *map)
{
    size_t count = map->as.map.count;
    if (count == 0) {
        write_indicator(e, "{", 1, 1, 0);
        write_indicator(e, "}", 0, 0, 0);
        return;
    }
    const celm_map_entry **sorted = celm_arena_alloc(e->arena, count * sizeof *sorted);
    if (!sorted) {
        fail(e, CELM_ENOMEM, "out of memory writing YAML");
        return;
    }
    for (size_t i = 0; i < count; i++) {
        sorted[i] = &map->as.map.entries[i];
        if (celm_yaml_json_key_too_long(&sorted[i]->key)) {
            fail(e, CELM_EINVAL, "yaml: did not find expected ',' or '}'");
            return;
        }
    }
    qsort(sorted, count, sizeof *sorted, compare_natural);
    int saved_indent = e->indent;
    e->indent = e->indent < 0 ? 0 : e->indent + YAML_BEST_INDENT;
    for (size_t i = 0; i < count && e->status == CELM_OK; i++)
        emit_key_and_value(e, sorted[i]);
    e->indent = saved_indent;
}

static void emit_list(emitter *e, const celm_value *list, int mapping_context)
{
    if (list->as.list.count == 0) {
        write_indicator(e, "[", 1, 1, 0);
        write_indicator(e, "]", 0, 0, 0);
        return;
    }
    int saved_indent = e->indent;
    int indentless = mapping_context && !e->indention;
    e->indent = e->indent < 0 ? 0 : indentless ? e->indent : e->indent + YAML_BEST_INDENT;
    for (size_t i = 0; i < list->as.list.count && e->status == CELM_OK; i++) {
        write_indent(e);
        write_indicator(e, "-", 1, 0, 1);
        emit_value(e, list->as.list.items[i], 0);
    }
    e->indent = saved_indent;
}

static void emit_value(emitter *e, const celm_value *value, int mapping_context)
{
    char text[32];
    if (e->status != CELM_OK)
        return;
    if (++e->depth > YAML_MAX_DEPTH) {
        fail(e, CELM_ELIMIT, "yaml: value nesting is too deep");
        return;
    }
    switch (value->kind) {
    case CELM_VALUE_NULL: emit_scalar(e, "null", 4, STYLE_PLAIN, 0); break;
    case CELM_VALUE_BOOL:
        emit_scalar(e, value->as.boolean ? "true" : "false", value->as.boolean ? 4 : 5, STYLE_PLAIN, 0);
        break;
    case CELM_VALUE_INT:
        emit_scalar(e, text, (size_t)snprintf(text, sizeof text, "%lld", (long long)value->as.integer), STYLE_PLAIN, 0);
        break;
    case CELM_VALUE_FLOAT: emit_float(e, value->as.real); break;
    case CELM_VALUE_STRING: emit_string(e, &value->as.string); break;
    case CELM_VALUE_LIST: emit_list(e, value, mapping_context); break;
    case CELM_VALUE_MAP: emit_map(e, value); break;
    }
    e->depth--;
}

int celm_yaml_emit(celm_arena *arena, const celm_value *value, celm_string *out, celm_error *err)
{
    emitter e;
    memset(&e, 0, sizeof e);
    e.arena = arena;
    e.err = err;
    e.indent = -1;
    e.whitespace = 1;
    e.indention = 1;
    celm_buffer_init(&e.out);
    emit_value(&e, value, 0);
    if (e.status == CELM_OK) {
        e.indent = -1;
        write_indent(&e); /* the document end: finish the last line */
    }
    if (e.status != CELM_OK) {
        celm_buffer_free(&e.out);
        return e.status;
    }
    if (celm_buffer_finish(&e.out, arena, out) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory writing YAML");
    return CELM_OK;
}
