/* gotmpl_toml_encode.c: TOML as BurntSushi/toml v1.6.0's Encoder writes Go values: direct keys before
 * tables, sorted keys, [tables] and [[arrays of tables]] indented by depth, inline tables in arrays. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_time.h"
#include "gotmpl_time_ops.h"
#include "gotmpl_toml.h"

typedef enum toml_kind { TOML_NONE, TOML_SCALAR, TOML_ARRAY, TOML_TABLE, TOML_TABLE_ARRAY } toml_kind;

typedef struct encoder {
    gotmpl_runtime *runtime;
    gotmpl_buffer out;
    int has_written;
    const char *error;          /* the library's error, once one is raised */
} encoder;

/* A key path: the parts of a table name. */
typedef struct key_path {
    const celm_string *parts;
    size_t count;
} key_path;

static void write_text(encoder *e, const char *text, size_t len)
{
    gotmpl_buffer_put(&e->out, text, len);
    e->has_written = 1;
}

static void write_str(encoder *e, const char *text)
{
    write_text(e, text, strlen(text));
}

static void newline(encoder *e)
{
    if (e->has_written)
        gotmpl_buffer_putc(&e->out, '\n');
}

/* --- quoting ---------------------------------------------------------------------------------------- */
/* dblQuotedReplacer: quotes, backslashes and control characters escaped. */
static void write_escaped(encoder *e, const char *text, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\t' ? "\\t"
                          : c == '\n' ? "\\n" : c == '\f' ? "\\f" : c == '\r' ? "\\r" : NULL;
        if (named) {
            write_str(e, named);
        } else if (c < 0x20 || c == 0x7f) {
            char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            write_text(e, escape, 6);
        } else {
            write_text(e, (const char *)&c, 1);
        }
    }
}

static void write_quoted(encoder *e, const char *text, size_t len)
{
    write_str(e, "\"");
    write_escaped(e, text, len);
    write_str(e, "\"");
}

static int bare_key(const celm_string *key)
{
    for (size_t i = 0; i < key->len; i++) {
        char c = key->data[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* Key.maybeQuoted: bare when it can be, "" for the empty key, else a basic string. */
static void write_key_part(encoder *e, const celm_string *key)
{
    if (key->len && bare_key(key))
        write_text(e, key->data, key->len);
    else
        write_quoted(e, key->data, key->len);
}

static void write_indent(encoder *e, const key_path *key)
{
    for (size_t i = 1; i < key->count; i++)
        write_str(e, "  ");
}

static void write_key_path(encoder *e, const key_path *key)
{
    for (size_t i = 0; i < key->count; i++) {
        if (i)
            write_str(e, ".");
        write_key_part(e, &key->parts[i]);
    }
}

/* --- Go types as TOML types ---------------------------------------------------------------------------- */
static int is_nil(const gotmpl_value *value)
{
    return value->type == GT_NIL || value->type == GT_INVALID;
}

static int is_list(const gotmpl_value *value)
{
    return value->type == GT_LIST || value->type == GT_STRING_LIST || value->type == GT_INT_LIST ||
           value->type == GT_BYTES;
}

static int is_table_value(const gotmpl_value *value)
{
    return value->type == GT_MAP || value->type == GT_STRING_MAP ||
           (value->type == GT_OBJECT && strcmp(value->as.object->class_->type_name, "sprig.certificate") == 0);
}

static gotmpl_value list_item(encoder *e, const gotmpl_value *list, size_t i)
{
    if (list->type == GT_BYTES)
        return gotmpl_int(GT_UINT8, (unsigned char)list->as.string.data[i]);
    return gotmpl_list_get(e->runtime, list->as.list, i);
}

static size_t list_len(const gotmpl_value *list)
{
    return list->type == GT_BYTES ? list->as.string.len : gotmpl_list_len(list->as.list);
}

static toml_kind kind_of(encoder *e, const gotmpl_value *value);

/* isTableArray: every element a table; a nil element anywhere is an error. */
static int table_array(encoder *e, const gotmpl_value *list)
{
    size_t count = list_len(list);
    int all_tables = count > 0;
    for (size_t i = 0; i < count; i++) {
        gotmpl_value item = list_item(e, list, i);
        toml_kind kind = kind_of(e, &item);
        if (kind == TOML_NONE && !e->error)
            e->error = "toml: cannot encode array with nil element";
        if (kind != TOML_TABLE)
            all_tables = 0;
    }
    return all_tables;
}

/* tomlTypeOfGo. */
static toml_kind kind_of(encoder *e, const gotmpl_value *value)
{
    if (is_nil(value))
        return TOML_NONE;
    if (is_table_value(value))
        return TOML_TABLE;
    if (is_list(value))
        return table_array(e, value) ? TOML_TABLE_ARRAY : TOML_ARRAY;
    return TOML_SCALAR;
}

/* --- elements --------------------------------------------------------------------------------------------- */
static void write_element(encoder *e, const gotmpl_value *value);
static void write_table_body(encoder *e, const key_path *key, const gotmpl_value *table, int inline_table);

static void write_float(encoder *e, double real)
{
    if (isnan(real) || isinf(real)) {
        write_str(e, signbit(real) ? "-" : "");
        write_str(e, isnan(real) ? "nan" : "inf");
        return;
    }
    const celm_host *host = gotmpl_runtime_host(e->runtime);
    celm_arena *arena = gotmpl_runtime_arena(e->runtime);
    celm_string text = {"", 0};
    celm_value *plain = host->value_float(arena, real);
    if (plain)
        host->format_go(arena, plain, &text);
    write_text(e, text.data, text.len);
    /* TOML floats need a fraction or an exponent. */
    if (!memchr(text.data, '.', text.len) && !memchr(text.data, 'e', text.len))
        write_str(e, ".0");
}

/* Times: RFC 3339 with nanoseconds; the library's local kinds in their own layouts, shown in UTC. */
static void write_time(encoder *e, const gotmpl_time *time)
{
    static const struct { const char *zone, *layout; } local_kinds[] = {
        {"datetime-local", "2006-01-02T15:04:05.999999999"}, {"date-local", "2006-01-02"},
        {"time-local", "15:04:05.999999999"}};
    const char *layout = "2006-01-02T15:04:05.999999999Z07:00";
    gotmpl_time shown = *time;
    for (size_t i = 0; i < 3; i++)
        if (time->zone_name && strcmp(time->zone_name, local_kinds[i].zone) == 0) {
            layout = local_kinds[i].layout;
            shown = gotmpl_time_in(time, gotmpl_location_utc());
        }
    celm_string text = {"", 0};
    gotmpl_time_format(e->runtime, &shown, layout, strlen(layout), &text);
    write_text(e, text.data, text.len);
}

static void write_array(encoder *e, const gotmpl_value *list)
{
    size_t count = list_len(list);
    write_str(e, "[");
    for (size_t i = 0; i < count; i++) {
        gotmpl_value item = list_item(e, list, i);
        write_element(e, &item);
        if (i + 1 != count)
            write_str(e, ", ");
    }
    write_str(e, "]");
}

static void write_element(encoder *e, const gotmpl_value *value)
{
    char number[32];
    celm_string text = {"", 0};
    switch (value->type) {
    case GT_TIME: write_time(e, value->as.time); break;
    case GT_STRING: write_quoted(e, value->as.string.data, value->as.string.len); break;
    case GT_BOOL: write_str(e, value->as.boolean ? "true" : "false"); break;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8:
        snprintf(number, sizeof number, "%lld", (long long)value->as.integer);
        write_str(e, number);
        break;
    case GT_UINT32: case GT_UINT64:
        snprintf(number, sizeof number, "%llu", (unsigned long long)value->as.unsigned_integer);
        write_str(e, number);
        break;
    case GT_FLOAT64: write_float(e, value->as.real); break;
    case GT_OBJECT:
        if (is_table_value(value)) {
            write_table_body(e, NULL, value, 1);
            break;
        }
        /* a TextMarshaler (*semver.Version): its text, quoted */
        value->as.object->class_->format(e->runtime, value->as.object, &text);
        write_quoted(e, text.data, text.len);
        break;
    default:
        if (is_list(value))
            write_array(e, value);
        else if (is_table_value(value))
            write_table_body(e, NULL, value, 1);
        break;
    }
}

/* writeKeyValue: "indent key = value", then a newline outside inline tables. */
static void write_key_value(encoder *e, const key_path *key, const gotmpl_value *value, int inline_table)
{
    if (key->count == 0) {
        write_element(e, value);
        return;
    }
    write_indent(e, key);
    write_key_part(e, &key->parts[key->count - 1]);
    write_str(e, " = ");
    write_element(e, value);
    if (!inline_table)
        newline(e);
}

/* --- tables ---------------------------------------------------------------------------------------------- */
static void encode_value(encoder *e, const key_path *key, const gotmpl_value *value);

/* A certificate is written as the struct it is in Go: fields Cert and Key. */
static gotmpl_value table_of(encoder *e, const gotmpl_value *value)
{
    if (value->type != GT_OBJECT)
        return *value;
    gotmpl_value map = gotmpl_map_new(e->runtime, GT_MAP, 2), field;
    const gotmpl_object *object = value->as.object;
    if (map.type == GT_MAP && object->class_->field(e->runtime, object, "Cert", 4, &field))
        gotmpl_map_set(e->runtime, map.as.map, "Cert", 4, field);
    if (map.type == GT_MAP && object->class_->field(e->runtime, object, "Key", 3, &field))
        gotmpl_map_set(e->runtime, map.as.map, "Key", 3, field);
    return map;
}

static key_path extend(encoder *e, const key_path *key, const celm_string *part)
{
    const celm_host *host = gotmpl_runtime_host(e->runtime);
    celm_string *parts = host->arena_alloc(gotmpl_runtime_arena(e->runtime), (key->count + 1) * sizeof *parts);
    key_path longer = {parts, key->count + 1};
    if (!parts) {
        e->error = "out of memory";
        return *key;
    }
    if (key->count)
        memcpy(parts, key->parts, key->count * sizeof *parts);
    parts[key->count] = *part;
    return longer;
}

/* One group of eMap's keys (the direct ones, then the tables), in sorted order. */
static void write_group(encoder *e, const key_path *key, gotmpl_map *map, const celm_string *keys, size_t count,
                        int want_tables, int inline_table, int trailing_comma)
{
    size_t members = 0, written = 0;
    gotmpl_value value;
    for (size_t i = 0; i < count; i++) {
        gotmpl_map_get(e->runtime, map, keys[i].data, keys[i].len, &value);
        toml_kind kind = kind_of(e, &value);
        members += (kind == TOML_TABLE || kind == TOML_TABLE_ARRAY) == want_tables;
    }
    for (size_t i = 0; i < count && !e->error; i++) {
        gotmpl_map_get(e->runtime, map, keys[i].data, keys[i].len, &value);
        toml_kind kind = kind_of(e, &value);
        if ((kind == TOML_TABLE || kind == TOML_TABLE_ARRAY) != want_tables)
            continue;
        written++;
        if (is_nil(&value))
            continue;
        key_path inner = extend(e, key, &keys[i]);
        if (inline_table) {
            key_path single = {&keys[i], 1};
            write_key_value(e, &single, &value, 1);
            if (trailing_comma || written != members)
                write_str(e, ", ");
        } else {
            encode_value(e, &inner, &value);
        }
    }
}

static void write_table_body(encoder *e, const key_path *key, const gotmpl_value *table, int inline_table)
{
    key_path none = {NULL, 0};
    gotmpl_value map = table_of(e, table);
    size_t count = 0;
    const celm_string *keys = map.type == GT_MAP || map.type == GT_STRING_MAP
                                  ? gotmpl_map_keys(e->runtime, map.as.map, &count) : NULL;
    if (!key)
        key = &none;
    int has_tables = 0;
    for (size_t i = 0; keys && i < count; i++) {
        gotmpl_value value;
        gotmpl_map_get(e->runtime, map.as.map, keys[i].data, keys[i].len, &value);
        toml_kind kind = kind_of(e, &value);
        has_tables |= kind == TOML_TABLE || kind == TOML_TABLE_ARRAY;
    }
    if (inline_table)
        write_str(e, "{");
    if (keys) {
        write_group(e, key, map.as.map, keys, count, 0, inline_table, has_tables);
        write_group(e, key, map.as.map, keys, count, 1, inline_table, 0);
    }
    if (inline_table)
        write_str(e, "}");
}

/* eTable: a blank line before each top-level table, then its [header]. */
static void write_table(encoder *e, const key_path *key, const gotmpl_value *table)
{
    if (key->count == 1)
        newline(e);
    if (key->count > 0) {
        write_indent(e, key);
        write_str(e, "[");
        write_key_path(e, key);
        write_str(e, "]");
        newline(e);
    }
    write_table_body(e, key, table, 0);
}

static void write_table_array(encoder *e, const key_path *key, const gotmpl_value *list)
{
    if (key->count == 0) {
        e->error = "toml: top-level values must be Go maps or structs";
        return;
    }
    for (size_t i = 0; i < list_len(list) && !e->error; i++) {
        gotmpl_value item = list_item(e, list, i);
        if (is_nil(&item))
            continue;
        newline(e);
        write_indent(e, key);
        write_str(e, "[[");
        write_key_path(e, key);
        write_str(e, "]]");
        newline(e);
        write_table_body(e, key, &item, 0);
    }
}

/* Encoder.encode. */
static void encode_value(encoder *e, const key_path *key, const gotmpl_value *value)
{
    if (is_nil(value) || e->error)
        return;
    toml_kind kind = kind_of(e, value);
    if (e->error)
        return;
    if (kind == TOML_TABLE)
        write_table(e, key, value);
    else if (kind == TOML_TABLE_ARRAY)
        write_table_array(e, key, value);
    else
        write_key_value(e, key, value, 0);
}

int gotmpl_toml_encode(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out, celm_string *error_text)
{
    encoder e;
    memset(&e, 0, sizeof e);
    e.runtime = runtime;
    gotmpl_buffer_init(&e.out, runtime);
    key_path top = {NULL, 0};
    if (is_nil(value)) {
        /* Go's encoder asks the zero reflect.Value for its type: a runtime panic, not an error. */
        static const char panic_text[] = "reflect: call of reflect.Value.Type on zero Value";
        error_text->data = panic_text;
        error_text->len = sizeof panic_text - 1;
        return CELM_EFAIL;
    }
    encode_value(&e, &top, value);
    if (e.error) {
        error_text->data = e.error;
        error_text->len = strlen(e.error);
        return strcmp(e.error, "out of memory") == 0 ? CELM_ENOMEM : CELM_EINVAL;
    }
    *out = (celm_string){"", 0};
    return gotmpl_buffer_finish(&e.out, out);
}
