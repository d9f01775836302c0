/* yaml_emit.c: values to YAML bytes identical to Helm's toYaml (Go JSON, then go-yaml v2 Marshal). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buffer.h"
#include "celm/celm.h"
#include "key_order.h"
#include "utf8.h"
#include "yaml_resolve.h"

#define YAML_LINE_WIDTH 80
/* go-yaml re-reads the JSON text; a simple key longer than this makes its scanner give up. */
#define YAML_SIMPLE_KEY_LIMIT 1024

typedef struct writer {
    yaml_emitter_t emitter;
    yaml_event_t event;
    celm_buffer out;
    celm_arena *arena;
    celm_error *err;
    int status;
} writer;

static int write_handler(void *data, unsigned char *bytes, size_t size)
{
    celm_buffer_append(&((writer *)data)->out, (const char *)bytes, size);
    return 1;
}

static int emit(writer *w)
{
    if (w->status != CELM_OK)
        return w->status;
    if (!yaml_emitter_emit(&w->emitter, &w->event))
        w->status = celm_error_set(w->err, CELM_EFAIL, "yaml: %s",
                                   w->emitter.problem ? w->emitter.problem : "emitter failed");
    return w->status;
}

static void emit_scalar(writer *w, const char *text, size_t len, yaml_scalar_style_t style)
{
    if (w->status != CELM_OK)
        return;
    if (!yaml_scalar_event_initialize(&w->event, NULL, NULL, (yaml_char_t *)text, (int)len, 1, 1, style)) {
        w->status = celm_error_set(w->err, CELM_ENOMEM, "out of memory writing YAML");
        return;
    }
    emit(w);
}

/* Characters libyaml's reader refuses; Go's JSON writes them raw, so go-yaml fails on them. */
static int yaml_unreadable(uint32_t rune)
{
    return rune == 0x7F || (rune >= 0x80 && rune <= 0x9F && rune != 0x85) || rune == 0xFFFE || rune == 0xFFFF;
}

/* The string as JSON would carry it (invalid UTF-8 as U+FFFD); NULL when go-yaml could not read it. */
static const char *json_clean_string(writer *w, const celm_string *text, size_t *len)
{
    const unsigned char *s = (const unsigned char *)text->data;
    int clean = 1;
    for (size_t at = 0; at < text->len;) {
        uint32_t rune;
        int width = celm_utf8_decode(s + at, text->len - at, &rune);
        if (yaml_unreadable(rune)) {
            w->status = celm_error_set(w->err, CELM_EINVAL, "yaml: control characters are not allowed");
            return NULL;
        }
        if (rune == CELM_RUNE_ERROR && width == 1)
            clean = 0;
        at += (size_t)width;
    }
    *len = text->len;
    if (clean)
        return text->data;
    celm_buffer fixed;
    celm_buffer_init(&fixed);
    for (size_t at = 0; at < text->len;) {
        uint32_t rune;
        int width = celm_utf8_decode(s + at, text->len - at, &rune);
        if (rune == CELM_RUNE_ERROR && width == 1)
            celm_buffer_append(&fixed, "\xEF\xBF\xBD", 3);
        else
            celm_buffer_append(&fixed, text->data + at, (size_t)width);
        at += (size_t)width;
    }
    celm_string result;
    if (celm_buffer_finish(&fixed, w->arena, &result) != CELM_OK) {
        w->status = celm_error_set(w->err, CELM_ENOMEM, "out of memory writing YAML");
        return NULL;
    }
    *len = result.len;
    return result.data;
}

static void emit_string(writer *w, const celm_string *value)
{
    size_t len;
    const char *text = json_clean_string(w, value, &len);
    if (!text)
        return;
    yaml_resolved resolved;
    celm_yaml_resolve_plain(text, len, &resolved);
    int can_use_plain = resolved.kind == YAML_RESOLVED_STRING && !celm_yaml_is_base60_float(text, len);
    yaml_scalar_style_t style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (memchr(text, '\n', len))
        style = YAML_LITERAL_SCALAR_STYLE;
    else if (can_use_plain)
        style = YAML_PLAIN_SCALAR_STYLE;
    emit_scalar(w, text, len, style);
}

/* A float goes out as Go JSON text and comes back through go-yaml's resolver. */
static void emit_float(writer *w, double real)
{
    char text[40];
    if (isnan(real) || isinf(real)) {
        celm_format_float_g(real, text);
        w->status = celm_error_set(w->err, CELM_EINVAL, "json: unsupported value: %s", text);
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
    emit_scalar(w, text, len, YAML_PLAIN_SCALAR_STYLE);
}

/* Runes of the key as Go's JSON writes it, quotes included. */
static size_t json_key_runes(const celm_string *key)
{
    const unsigned char *s = (const unsigned char *)key->data;
    size_t runes = 2;
    for (size_t at = 0; at < key->len;) {
        uint32_t rune;
        int width = celm_utf8_decode(s + at, key->len - at, &rune);
        if (rune < 0x20 || rune == '<' || rune == '>' || rune == '&' || rune == 0x2028 || rune == 0x2029)
            runes += (rune == '\n' || rune == '\r' || rune == '\t' || rune == '\b' || rune == '\f') ? 2 : 6;
        else if (rune == '"' || rune == '\\')
            runes += 2;
        else
            runes += (rune == CELM_RUNE_ERROR && width == 1) ? 6 : 1;
        at += (size_t)width;
    }
    return runes;
}

static int compare_natural(const void *left, const void *right)
{
    const celm_map_entry *a = *(const celm_map_entry *const *)left;
    const celm_map_entry *b = *(const celm_map_entry *const *)right;
    if (celm_key_natural_less(&a->key, &b->key))
        return -1;
    return celm_key_natural_less(&b->key, &a->key) ? 1 : 0;
}

static void emit_value(writer *w, const celm_value *value);

static void emit_map(writer *w, const celm_value *map)
{
    size_t count = map->as.map.count;
    const celm_map_entry **sorted = celm_arena_alloc(w->arena, (count ? count : 1) * sizeof *sorted);
    if (!sorted) {
        w->status = celm_error_set(w->err, CELM_ENOMEM, "out of memory writing YAML");
        return;
    }
    for (size_t i = 0; i < count; i++) {
        sorted[i] = &map->as.map.entries[i];
        if (json_key_runes(&sorted[i]->key) > YAML_SIMPLE_KEY_LIMIT) {
            w->status = celm_error_set(w->err, CELM_EINVAL, "yaml: did not find expected ',' or '}'");
            return;
        }
    }
    qsort(sorted, count, sizeof *sorted, compare_natural);
    yaml_mapping_start_event_initialize(&w->event, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    emit(w);
    for (size_t i = 0; i < count && w->status == CELM_OK; i++) {
        emit_string(w, &sorted[i]->key);
        emit_value(w, sorted[i]->value);
    }
    yaml_mapping_end_event_initialize(&w->event);
    emit(w);
}

static void emit_value(writer *w, const celm_value *value)
{
    char text[32];
    if (w->status != CELM_OK)
        return;
    switch (value->kind) {
    case CELM_VALUE_NULL: emit_scalar(w, "null", 4, YAML_PLAIN_SCALAR_STYLE); break;
    case CELM_VALUE_BOOL:
        emit_scalar(w, value->as.boolean ? "true" : "false", value->as.boolean ? 4 : 5, YAML_PLAIN_SCALAR_STYLE);
        break;
    case CELM_VALUE_INT: {
        int len = snprintf(text, sizeof text, "%lld", (long long)value->as.integer);
        emit_scalar(w, text, (size_t)len, YAML_PLAIN_SCALAR_STYLE);
        break;
    }
    case CELM_VALUE_FLOAT: emit_float(w, value->as.real); break;
    case CELM_VALUE_STRING: emit_string(w, &value->as.string); break;
    case CELM_VALUE_LIST:
        yaml_sequence_start_event_initialize(&w->event, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
        emit(w);
        for (size_t i = 0; i < value->as.list.count; i++)
            emit_value(w, value->as.list.items[i]);
        yaml_sequence_end_event_initialize(&w->event);
        emit(w);
        break;
    case CELM_VALUE_MAP: emit_map(w, value); break;
    }
}

static void emit_document(writer *w, const celm_value *value)
{
    yaml_stream_start_event_initialize(&w->event, YAML_UTF8_ENCODING);
    emit(w);
    yaml_document_start_event_initialize(&w->event, NULL, NULL, NULL, 1);
    emit(w);
    emit_value(w, value);
    yaml_document_end_event_initialize(&w->event, 1);
    emit(w);
    yaml_stream_end_event_initialize(&w->event);
    emit(w);
}

/* libyaml closes a stream whose last block scalar kept its trailing breaks (|+) with "...";
 * go-yaml's Marshal never writes it. */
static void drop_stream_end_marker(celm_buffer *out)
{
    if (out->len >= 4 && memcmp(out->data + out->len - 4, "...\n", 4) == 0 &&
        (out->len == 4 || out->data[out->len - 5] == '\n')) {
        out->len -= 4;
        out->data[out->len] = '\0';
    }
}

int celm_yaml_emit(celm_arena *arena, const celm_value *value, celm_string *out, celm_error *err)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.arena = arena;
    w.err = err;
    w.status = CELM_OK;
    celm_buffer_init(&w.out);
    if (!yaml_emitter_initialize(&w.emitter))
        return celm_error_set(err, CELM_ENOMEM, "out of memory starting the YAML emitter");
    yaml_emitter_set_output(&w.emitter, write_handler, &w);
    yaml_emitter_set_unicode(&w.emitter, 1);
    yaml_emitter_set_width(&w.emitter, YAML_LINE_WIDTH);
    yaml_emitter_set_indent(&w.emitter, 2);
    emit_document(&w, value);
    yaml_emitter_delete(&w.emitter);
    drop_stream_end_marker(&w.out);
    if (w.status != CELM_OK) {
        celm_buffer_free(&w.out);
        return w.status;
    }
    if (celm_buffer_finish(&w.out, arena, out) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory writing YAML");
    return CELM_OK;
}
