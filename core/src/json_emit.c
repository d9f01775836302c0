/* json_emit.c: values to JSON bytes identical to Go's encoding/json Marshal (and MarshalIndent). */
#include <math.h>
#include <string.h>

#include "buffer.h"
#include "celm/celm.h"
#include "utf8.h"

typedef struct json_writer {
    celm_buffer out;
    celm_arena *arena;
    unsigned flags;
    celm_error *err;
    int status;
} json_writer;

static const char hex_digits[] = "0123456789abcdef";

static void write_unicode_escape(celm_buffer *out, uint32_t code)
{
    char text[6] = {'\\', 'u', hex_digits[(code >> 12) & 0xF], hex_digits[(code >> 8) & 0xF],
                    hex_digits[(code >> 4) & 0xF], hex_digits[code & 0xF]};
    celm_buffer_append(out, text, sizeof text);
}

static int needs_escape(unsigned char c, int escape_html)
{
    return c < 0x20 || c == '"' || c == '\\' || c >= 0x80 ||
           (escape_html && (c == '<' || c == '>' || c == '&'));
}

static void write_ascii_escape(celm_buffer *out, unsigned char c)
{
    switch (c) {
    case '"': celm_buffer_append(out, "\\\"", 2); break;
    case '\\': celm_buffer_append(out, "\\\\", 2); break;
    case '\b': celm_buffer_append(out, "\\b", 2); break;
    case '\f': celm_buffer_append(out, "\\f", 2); break;
    case '\n': celm_buffer_append(out, "\\n", 2); break;
    case '\r': celm_buffer_append(out, "\\r", 2); break;
    case '\t': celm_buffer_append(out, "\\t", 2); break;
    default: write_unicode_escape(out, c); break;
    }
}

void celm_json_write_string(celm_buffer *out, const char *text, size_t len, int escape_html);

void celm_json_write_string(celm_buffer *out, const char *text, size_t len, int escape_html)
{
    const unsigned char *s = (const unsigned char *)text;
    celm_buffer_append_char(out, '"');
    size_t start = 0, at = 0;
    while (at < len) {
        if (!needs_escape(s[at], escape_html)) {
            at++;
            continue;
        }
        celm_buffer_append(out, text + start, at - start);
        if (s[at] < 0x80) {
            write_ascii_escape(out, s[at]);
            start = ++at;
            continue;
        }
        uint32_t rune;
        int width = celm_utf8_decode(s + at, len - at, &rune);
        if (rune == CELM_RUNE_ERROR && width == 1)
            celm_buffer_append(out, "\\ufffd", 6);
        else if (rune == 0x2028 || rune == 0x2029)
            write_unicode_escape(out, rune);
        else
            celm_buffer_append(out, text + at, (size_t)width);
        at += (size_t)width;
        start = at;
    }
    celm_buffer_append(out, text + start, at - start);
    celm_buffer_append_char(out, '"');
}

static void write_newline(json_writer *writer, int depth)
{
    celm_buffer_append_char(&writer->out, '\n');
    for (int i = 0; i < depth; i++)
        celm_buffer_append(&writer->out, "  ", 2);
}

static void write_value(json_writer *writer, const celm_value *value, int depth);

static void write_list(json_writer *writer, const celm_value *list, int depth)
{
    int indent = (writer->flags & CELM_JSON_INDENT) != 0;
    celm_buffer_append_char(&writer->out, '[');
    for (size_t i = 0; i < list->as.list.count; i++) {
        if (i)
            celm_buffer_append_char(&writer->out, ',');
        if (indent)
            write_newline(writer, depth + 1);
        write_value(writer, list->as.list.items[i], depth + 1);
    }
    if (indent && list->as.list.count)
        write_newline(writer, depth);
    celm_buffer_append_char(&writer->out, ']');
}

/* The entries in insertion order: a Go struct's fields, written in declaration order. */
static const celm_map_entry **in_order(celm_arena *arena, const celm_value *map)
{
    const celm_map_entry **entries = celm_arena_alloc(arena, (map->as.map.count + 1) * sizeof *entries);
    for (size_t i = 0; entries && i < map->as.map.count; i++)
        entries[i] = &map->as.map.entries[i];
    return entries;
}

static void write_map(json_writer *writer, const celm_value *map, int depth)
{
    int indent = (writer->flags & CELM_JSON_INDENT) != 0;
    int escape_html = !(writer->flags & CELM_JSON_NO_HTML_ESCAPE);
    const celm_map_entry **sorted = (writer->flags & CELM_JSON_KEEP_ORDER) ? in_order(writer->arena, map)
                                                                          : celm_map_sorted(writer->arena, map);
    if (!sorted) {
        writer->out.failed = 1;
        return;
    }
    celm_buffer_append_char(&writer->out, '{');
    for (size_t i = 0; i < map->as.map.count; i++) {
        if (i)
            celm_buffer_append_char(&writer->out, ',');
        if (indent)
            write_newline(writer, depth + 1);
        celm_json_write_string(&writer->out, sorted[i]->key.data, sorted[i]->key.len, escape_html);
        celm_buffer_append(&writer->out, indent ? ": " : ":", indent ? 2 : 1);
        write_value(writer, sorted[i]->value, depth + 1);
    }
    if (indent && map->as.map.count)
        write_newline(writer, depth);
    celm_buffer_append_char(&writer->out, '}');
}

static void write_float(json_writer *writer, double real)
{
    if (isnan(real) || isinf(real)) {
        char text[32];
        celm_format_float_g(real, text);
        writer->status = celm_error_set(writer->err, CELM_EINVAL, "json: unsupported value: %s", text);
        return;
    }
    char text[32];
    size_t len = celm_format_float_json(real, text);
    celm_buffer_append(&writer->out, text, len);
}

static void write_value(json_writer *writer, const celm_value *value, int depth)
{
    if (writer->status != CELM_OK)
        return;
    switch (value->kind) {
    case CELM_VALUE_NULL: celm_buffer_append(&writer->out, "null", 4); break;
    case CELM_VALUE_BOOL: celm_buffer_append_str(&writer->out, value->as.boolean ? "true" : "false"); break;
    case CELM_VALUE_INT: celm_buffer_printf(&writer->out, "%lld", (long long)value->as.integer); break;
    case CELM_VALUE_FLOAT: write_float(writer, value->as.real); break;
    case CELM_VALUE_STRING:
        celm_json_write_string(&writer->out, value->as.string.data, value->as.string.len,
                               !(writer->flags & CELM_JSON_NO_HTML_ESCAPE));
        break;
    case CELM_VALUE_LIST: write_list(writer, value, depth); break;
    case CELM_VALUE_MAP: write_map(writer, value, depth); break;
    }
}

int celm_json_emit(celm_arena *arena, const celm_value *value, unsigned flags, celm_string *out,
                   celm_error *err)
{
    json_writer writer = {.arena = arena, .flags = flags, .err = err, .status = CELM_OK};
    celm_buffer_init(&writer.out);
    write_value(&writer, value, 0);
    if (writer.status != CELM_OK) {
        celm_buffer_free(&writer.out);
        return writer.status;
    }
    if (celm_buffer_finish(&writer.out, arena, out) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory writing JSON");
    return CELM_OK;
}
