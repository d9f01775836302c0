/* gotmpl_yaml_pretty.c: Helm's toYamlPretty: go-yaml v3's encoder (indent 2, no line folding) over
 * Go values: its representer's choices (key order, quoting what would resolve to another type) and
 * its emitter's layout (indentation, block sequences under keys, scalar styles and escapes). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_yaml_pretty.h"
#include "gotmpl_yaml_emitter.h"

size_t gotmpl_yaml_char_width(unsigned char lead)
{
    return (lead & 0x80) == 0 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
}

/* --- writing ------------------------------------------------------------------------------------------ */
void gotmpl_yaml_put(yaml_emitter *e, char c)
{
    gotmpl_buffer_putc(&e->out, c);
    e->column++;
}

void gotmpl_yaml_put_break(yaml_emitter *e)
{
    gotmpl_buffer_putc(&e->out, '\n');
    e->column = 0;
    e->indention = 1;
}

/* One character (a whole UTF-8 sequence) of value at *i. */
void gotmpl_yaml_write(yaml_emitter *e, const char *value, size_t *i)
{
    size_t width = gotmpl_yaml_char_width((unsigned char)value[*i]);
    gotmpl_buffer_put(&e->out, value + *i, width);
    e->column++;
    *i += width;
}

void gotmpl_yaml_write_break(yaml_emitter *e, const char *value, size_t *i)
{
    if (value[*i] == '\n') {
        gotmpl_yaml_put_break(e);
        (*i)++;
        return;
    }
    gotmpl_yaml_write(e, value, i);
    e->column = 0;
    e->indention = 1;
}

void gotmpl_yaml_write_indent(yaml_emitter *e)
{
    int indent = e->indent < 0 ? 0 : e->indent;
    if (!e->indention || e->column > indent || (e->column == indent && !e->whitespace))
        gotmpl_yaml_put_break(e);
    while (e->column < indent)
        gotmpl_yaml_put(e, ' ');
    e->whitespace = 1;
}

void gotmpl_yaml_write_indicator(yaml_emitter *e, const char *indicator, int need_whitespace, int is_whitespace,
                                 int is_indention)
{
    if (need_whitespace && !e->whitespace)
        gotmpl_yaml_put(e, ' ');
    for (size_t i = 0; indicator[i];)
        gotmpl_yaml_write(e, indicator, &i);
    e->whitespace = is_whitespace;
    e->indention = e->indention && is_indention;
    e->open_ended = 0;
}

/* --- indentation ---------------------------------------------------------------------------------------- */
void gotmpl_yaml_increase_indent(yaml_emitter *e, int flow)
{
    if (e->indent_count == e->indent_capacity) {
        size_t capacity = e->indent_capacity ? e->indent_capacity * 2 : 16;
        const celm_host *host = gotmpl_runtime_host(e->runtime);
        int *grown = host->arena_alloc(gotmpl_runtime_arena(e->runtime), capacity * sizeof *grown);
        if (!grown) {
            e->failed = 1;
            return;
        }
        if (e->indent_count)
            memcpy(grown, e->indents, e->indent_count * sizeof *grown);
        e->indents = grown;
        e->indent_capacity = capacity;
    }
    e->indents[e->indent_count++] = e->indent;
    if (e->indent < 0)
        e->indent = flow ? BEST_INDENT : 0;
    else if (e->parent == PARENT_SEQUENCE_ITEM)
        e->indent += 2;     /* the first indent inside a sequence just skips "- " */
    else
        e->indent = BEST_INDENT * ((e->indent + BEST_INDENT) / BEST_INDENT);
}

void gotmpl_yaml_restore_indent(yaml_emitter *e)
{
    if (e->indent_count)
        e->indent = e->indents[--e->indent_count];
}

/* --- nodes ------------------------------------------------------------------------------------------------ */
static void emit_node(yaml_emitter *e, const gotmpl_value *value, int parent, int root, int simple_key);

static void emit_scalar(yaml_emitter *e, const yaml_scalar *scalar, int parent, int root, int simple_key)
{
    e->parent = parent;
    e->root_context = root;
    e->simple_key_context = simple_key;
    gotmpl_yaml_scalar(e, scalar);
}

/* An empty sequence or mapping: go-yaml writes it in flow style, [] or {}. */
static void emit_empty(yaml_emitter *e, const char *open, const char *close)
{
    gotmpl_yaml_write_indicator(e, open, 1, 1, 0);
    gotmpl_yaml_increase_indent(e, 1);
    gotmpl_yaml_restore_indent(e);
    gotmpl_yaml_write_indicator(e, close, 0, 0, 0);
}

static size_t value_len(const gotmpl_value *list)
{
    return list->type == GT_BYTES ? list->as.string.len : gotmpl_list_len(list->as.list);
}

static void emit_sequence(yaml_emitter *e, const gotmpl_value *list, int parent)
{
    size_t count = value_len(list);
    e->parent = parent;
    if (count == 0) {
        emit_empty(e, "[", "]");
        return;
    }
    gotmpl_yaml_increase_indent(e, 0);
    for (size_t i = 0; i < count && !e->failed; i++) {
        gotmpl_value item = list->type == GT_BYTES ? gotmpl_int(GT_UINT8, (unsigned char)list->as.string.data[i])
                                                   : gotmpl_list_get(e->runtime, list->as.list, i);
        gotmpl_yaml_write_indent(e);
        gotmpl_yaml_write_indicator(e, "-", 1, 0, 1);
        emit_node(e, &item, PARENT_SEQUENCE_ITEM, 0, 0);
    }
    gotmpl_yaml_restore_indent(e);
}

static void emit_pair(yaml_emitter *e, const celm_string *key, const gotmpl_value *value)
{
    yaml_scalar scalar;
    gotmpl_yaml_string_scalar(e->runtime, key->data, key->len, &scalar);
    gotmpl_yaml_write_indent(e);
    if (gotmpl_yaml_simple_key(&scalar)) {
        emit_scalar(e, &scalar, PARENT_OTHER, 0, 1);
        gotmpl_yaml_write_indicator(e, ":", 0, 0, 0);
    } else {
        gotmpl_yaml_write_indicator(e, "?", 1, 0, 1);
        emit_scalar(e, &scalar, PARENT_OTHER, 0, 0);
        gotmpl_yaml_write_indent(e);
        gotmpl_yaml_write_indicator(e, ":", 1, 0, 1);
    }
    emit_node(e, value, PARENT_OTHER, 0, 0);
}

static void emit_mapping(yaml_emitter *e, gotmpl_map *map, int parent)
{
    size_t count;
    const celm_string *keys = gotmpl_map_keys(e->runtime, map, &count);
    e->parent = parent;
    if (!keys || count == 0) {
        emit_empty(e, "{", "}");
        return;
    }
    const celm_string *sorted = gotmpl_yaml_sort_keys(e->runtime, keys, count);
    gotmpl_yaml_increase_indent(e, 0);
    for (size_t i = 0; sorted && i < count && !e->failed; i++) {
        gotmpl_value value;
        gotmpl_map_get(e->runtime, map, sorted[i].data, sorted[i].len, &value);
        emit_pair(e, &sorted[i], &value);
    }
    gotmpl_yaml_restore_indent(e);
}

/* A struct (Sprig's certificate): its fields in order, named in lower case by go-yaml. */
static void emit_certificate(yaml_emitter *e, const gotmpl_object *object, int parent)
{
    static const struct { const char *field, *key; } fields[] = {{"Cert", "cert"}, {"Key", "key"}};
    e->parent = parent;
    gotmpl_yaml_increase_indent(e, 0);
    for (size_t i = 0; i < 2; i++) {
        gotmpl_value value = gotmpl_string("", 0);
        object->class_->field(e->runtime, object, fields[i].field, strlen(fields[i].field), &value);
        celm_string key = {fields[i].key, strlen(fields[i].key)};
        emit_pair(e, &key, &value);
    }
    gotmpl_yaml_restore_indent(e);
}

static void emit_node(yaml_emitter *e, const gotmpl_value *value, int parent, int root, int simple_key)
{
    yaml_scalar scalar;
    switch (value->type) {
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: case GT_BYTES: emit_sequence(e, value, parent); return;
    case GT_MAP: case GT_STRING_MAP: emit_mapping(e, value->as.map, parent); return;
    case GT_OBJECT:
        if (strcmp(value->as.object->class_->type_name, "sprig.certificate") == 0) {
            emit_certificate(e, value->as.object, parent);
            return;
        }
        break;
    default: break;
    }
    if (gotmpl_yaml_value_scalar(e->runtime, value, &scalar) != CELM_OK) {
        e->failed = 1;
        return;
    }
    emit_scalar(e, &scalar, parent, root, simple_key);
}

int gotmpl_yaml_pretty(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out)
{
    yaml_emitter e;
    memset(&e, 0, sizeof e);
    e.runtime = runtime;
    e.indent = -1;
    e.whitespace = e.indention = 1;
    gotmpl_buffer_init(&e.out, runtime);
    emit_node(&e, value, PARENT_DOCUMENT, 1, 0);
    /* the implicit document end: a final line break */
    e.indent = -1;
    gotmpl_yaml_write_indent(&e);
    if (e.failed)
        return CELM_EINVAL;
    *out = (celm_string){"", 0};
    return gotmpl_buffer_finish(&e.out, out);
}
