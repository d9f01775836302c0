/* jsonschema_json.c: schema documents read as Go's json.Decoder with UseNumber reads them. */
#include <stdio.h>
#include <string.h>

#include "go_quote.h"
#include "jsonschema_internal.h"
#include "utf8.h"

typedef struct json_reader {
    celm_arena *arena;
    const unsigned char *text;
    size_t len;
    size_t at;
    const char *message;
    int depth;
} json_reader;

/* Go's quoteChar: the byte as a rune in single quotes. */
static const char *quote_byte(celm_arena *arena, unsigned char byte)
{
    if (byte == '\'')
        return "'\\''";
    if (byte == '"')
        return "'\"'";
    celm_buffer quoted;
    celm_buffer_init(&quoted);
    char utf8[4];
    int width = celm_utf8_encode(byte, utf8);
    celm_go_quote(&quoted, utf8, (size_t)width);
    celm_string text;
    if (celm_buffer_finish(&quoted, arena, &text) != 0)
        return "'?'";
    return celm_arena_printf(arena, "'%.*s'", (int)text.len - 2, text.data + 1);
}

static int fail_at(json_reader *reader, const char *context)
{
    if (reader->at >= reader->len)
        reader->message = "unexpected EOF";
    else
        reader->message = celm_arena_printf(reader->arena, "invalid character %s %s",
                                            quote_byte(reader->arena, reader->text[reader->at]), context);
    return -1;
}

static void skip_space(json_reader *reader)
{
    while (reader->at < reader->len) {
        unsigned char c = reader->text[reader->at];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        reader->at++;
    }
}

static jsonschema_node *new_node(json_reader *reader, jsonschema_kind kind)
{
    jsonschema_node *node = celm_arena_alloc(reader->arena, sizeof *node);
    if (node) {
        memset(node, 0, sizeof *node);
        node->kind = kind;
    }
    return node;
}

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_hex4(json_reader *reader, uint32_t *out)
{
    uint32_t value = 0;
    for (int i = 0; i < 4; i++) {
        if (reader->at >= reader->len || hex_value(reader->text[reader->at]) < 0)
            return fail_at(reader, "in \\u hexadecimal character escape");
        value = value * 16 + (uint32_t)hex_value(reader->text[reader->at++]);
    }
    *out = value;
    return 0;
}

static int read_unicode_escape(json_reader *reader, celm_buffer *out)
{
    uint32_t rune;
    if (read_hex4(reader, &rune) != 0)
        return -1;
    if (rune >= 0xD800 && rune < 0xDC00 && reader->at + 1 < reader->len &&
        reader->text[reader->at] == '\\' && reader->text[reader->at + 1] == 'u') {
        size_t mark = reader->at;
        reader->at += 2;
        uint32_t low;
        if (read_hex4(reader, &low) != 0)
            return -1;
        if (low >= 0xDC00 && low < 0xE000)
            rune = 0x10000 + ((rune - 0xD800) << 10) + (low - 0xDC00);
        else
            reader->at = mark, rune = CELM_RUNE_ERROR;
    } else if (rune >= 0xD800 && rune < 0xE000) {
        rune = CELM_RUNE_ERROR;
    }
    char utf8[4];
    celm_buffer_append(out, utf8, (size_t)celm_utf8_encode(rune, utf8));
    return 0;
}

static int read_escape(json_reader *reader, celm_buffer *out)
{
    if (reader->at >= reader->len)
        return fail_at(reader, "");
    unsigned char c = reader->text[reader->at++];
    static const char simple[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
    for (size_t i = 0; i + 1 < sizeof simple; i += 2) {
        if (c == (unsigned char)simple[i]) {
            celm_buffer_append_char(out, simple[i + 1]);
            return 0;
        }
    }
    if (c == 'u')
        return read_unicode_escape(reader, out);
    reader->at--;
    return fail_at(reader, "in string escape code");
}

static int read_string(json_reader *reader, celm_string *out)
{
    celm_buffer text;
    celm_buffer_init(&text);
    reader->at++;
    for (;;) {
        if (reader->at >= reader->len) {
            celm_buffer_free(&text);
            return fail_at(reader, "");
        }
        unsigned char c = reader->text[reader->at];
        if (c == '"')
            break;
        if (c < 0x20) {
            celm_buffer_free(&text);
            return fail_at(reader, "in string literal");
        }
        if (c == '\\') {
            reader->at++;
            if (read_escape(reader, &text) != 0) {
                celm_buffer_free(&text);
                return -1;
            }
            continue;
        }
        uint32_t rune;
        int width = celm_utf8_decode(reader->text + reader->at, reader->len - reader->at, &rune);
        if (rune == CELM_RUNE_ERROR && width == 1)
            celm_buffer_append(&text, "\xef\xbf\xbd", 3);
        else
            celm_buffer_append(&text, (const char *)reader->text + reader->at, (size_t)width);
        reader->at += (size_t)width;
    }
    reader->at++;
    return celm_buffer_finish(&text, reader->arena, out) == 0 ? 0 : (reader->message = "out of memory", -1);
}

static int is_digit(json_reader *reader)
{
    return reader->at < reader->len && reader->text[reader->at] >= '0' && reader->text[reader->at] <= '9';
}

static int read_digits(json_reader *reader)
{
    if (!is_digit(reader))
        return fail_at(reader, "in numeric literal");
    while (is_digit(reader))
        reader->at++;
    return 0;
}

static int read_number(json_reader *reader, jsonschema_node *node)
{
    size_t start = reader->at;
    if (reader->text[reader->at] == '-')
        reader->at++;
    if (reader->at < reader->len && reader->text[reader->at] == '0')
        reader->at++;
    else if (read_digits(reader) != 0)
        return -1;
    if (reader->at < reader->len && reader->text[reader->at] == '.') {
        reader->at++;
        if (read_digits(reader) != 0)
            return -1;
    }
    if (reader->at < reader->len && (reader->text[reader->at] == 'e' || reader->text[reader->at] == 'E')) {
        reader->at++;
        if (reader->at < reader->len && (reader->text[reader->at] == '+' || reader->text[reader->at] == '-'))
            reader->at++;
        if (read_digits(reader) != 0)
            return -1;
    }
    node->text.data = celm_arena_strndup(reader->arena, (const char *)reader->text + start, reader->at - start);
    node->text.len = reader->at - start;
    return 0;
}

static int read_literal(json_reader *reader, const char *word)
{
    for (size_t i = 0; word[i]; i++) {
        if (reader->at >= reader->len || reader->text[reader->at] != (unsigned char)word[i]) {
            if (i == 0)
                return fail_at(reader, "looking for beginning of value");
            return fail_at(reader, celm_arena_printf(reader->arena, "in literal %s (expecting %s)", word,
                                                     quote_byte(reader->arena, (unsigned char)word[i])));
        }
        reader->at++;
    }
    return 0;
}

static int read_value(json_reader *reader, jsonschema_node **out);

static int add_member(json_reader *reader, jsonschema_node *object, celm_string key, jsonschema_node *value)
{
    for (size_t i = 0; i < object->count; i++) {
        if (object->members[i].key.len == key.len && memcmp(object->members[i].key.data, key.data, key.len) == 0) {
            object->members[i].value = value;
            return 0;
        }
    }
    object->members = jsonschema_grow(reader->arena, object->members, object->count, sizeof *object->members);
    if (!object->members)
        return reader->message = "out of memory", -1;
    object->members[object->count].key = key;
    object->members[object->count++].value = value;
    return 0;
}

static int read_object(json_reader *reader, jsonschema_node *node)
{
    reader->at++;
    skip_space(reader);
    if (reader->at < reader->len && reader->text[reader->at] == '}')
        return reader->at++, 0;
    for (;;) {
        if (reader->at >= reader->len || reader->text[reader->at] != '"')
            return fail_at(reader, "looking for beginning of object key string");
        celm_string key;
        if (read_string(reader, &key) != 0)
            return -1;
        skip_space(reader);
        if (reader->at >= reader->len || reader->text[reader->at] != ':')
            return fail_at(reader, "after object key");
        reader->at++;
        jsonschema_node *value;
        if (read_value(reader, &value) != 0 || add_member(reader, node, key, value) != 0)
            return -1;
        skip_space(reader);
        if (reader->at < reader->len && reader->text[reader->at] == '}')
            return reader->at++, 0;
        if (reader->at >= reader->len || reader->text[reader->at] != ',')
            return fail_at(reader, "after object key:value pair");
        reader->at++;
        skip_space(reader);
    }
}

static int read_array(json_reader *reader, jsonschema_node *node)
{
    reader->at++;
    skip_space(reader);
    if (reader->at < reader->len && reader->text[reader->at] == ']')
        return reader->at++, 0;
    for (;;) {
        jsonschema_node *item;
        if (read_value(reader, &item) != 0)
            return -1;
        node->items = jsonschema_grow(reader->arena, node->items, node->count, sizeof *node->items);
        if (!node->items)
            return reader->message = "out of memory", -1;
        node->items[node->count++] = item;
        skip_space(reader);
        if (reader->at < reader->len && reader->text[reader->at] == ']')
            return reader->at++, 0;
        if (reader->at >= reader->len || reader->text[reader->at] != ',')
            return fail_at(reader, "after array element");
        reader->at++;
    }
}

static int read_value(json_reader *reader, jsonschema_node **out)
{
    skip_space(reader);
    if (reader->at >= reader->len)
        return fail_at(reader, "");
    if (++reader->depth > 10000)
        return reader->message = "exceeded max depth", -1;
    unsigned char c = reader->text[reader->at];
    jsonschema_node *node = NULL;
    int status = 0;
    if (c == '{') {
        node = new_node(reader, JSONSCHEMA_OBJECT);
        status = node ? read_object(reader, node) : -1;
    } else if (c == '[') {
        node = new_node(reader, JSONSCHEMA_ARRAY);
        status = node ? read_array(reader, node) : -1;
    } else if (c == '"') {
        node = new_node(reader, JSONSCHEMA_STRING);
        status = node ? read_string(reader, &node->text) : -1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        node = new_node(reader, JSONSCHEMA_NUMBER);
        status = node ? read_number(reader, node) : -1;
    } else if (c == 't' || c == 'f') {
        node = new_node(reader, JSONSCHEMA_BOOL);
        status = node ? read_literal(reader, c == 't' ? "true" : "false") : -1;
        if (node)
            node->boolean = c == 't';
    } else if (c == 'n') {
        node = new_node(reader, JSONSCHEMA_NULL);
        status = node ? read_literal(reader, "null") : -1;
    } else {
        return fail_at(reader, "looking for beginning of value");
    }
    reader->depth--;
    if (!node && !reader->message)
        reader->message = "out of memory";
    *out = node;
    return node ? status : -1;
}

int jsonschema_json_parse(celm_arena *arena, const char *text, size_t len, jsonschema_node **out,
                          const char **message)
{
    json_reader reader = {arena, (const unsigned char *)text, len, 0, NULL, 0};
    skip_space(&reader);
    if (reader.at >= len) {
        *message = "EOF";
        return -1;
    }
    if (read_value(&reader, out) != 0) {
        *message = reader.message;
        return -1;
    }
    skip_space(&reader);
    if (reader.at < len) {
        *message = "invalid character after top-level value";
        return -1;
    }
    return 0;
}

jsonschema_node *jsonschema_node_string(celm_arena *arena, const char *text, size_t len)
{
    jsonschema_node *node = celm_arena_alloc(arena, sizeof *node);
    if (!node)
        return NULL;
    memset(node, 0, sizeof *node);
    node->kind = JSONSCHEMA_STRING;
    node->text.data = celm_arena_strndup(arena, text, len);
    node->text.len = len;
    return node->text.data ? node : NULL;
}

static jsonschema_node *number_node(celm_arena *arena, const celm_value *value)
{
    char digits[40];
    size_t len;
    if (value->kind == CELM_VALUE_INT)
        len = (size_t)snprintf(digits, sizeof digits, "%lld", (long long)value->as.integer);
    else
        len = celm_format_float_g(value->as.real, digits);
    jsonschema_node *node = jsonschema_node_string(arena, digits, len);
    if (node)
        node->kind = JSONSCHEMA_NUMBER;
    return node;
}

static jsonschema_node *container_node(celm_arena *arena, const celm_value *value)
{
    jsonschema_node *node = celm_arena_alloc(arena, sizeof *node);
    if (!node)
        return NULL;
    memset(node, 0, sizeof *node);
    if (value->kind == CELM_VALUE_LIST) {
        node->kind = JSONSCHEMA_ARRAY;
        node->count = value->as.list.count;
        node->items = celm_arena_alloc(arena, (node->count + 1) * sizeof *node->items);
        for (size_t i = 0; node->items && i < node->count; i++)
            if (!(node->items[i] = jsonschema_node_from_value(arena, value->as.list.items[i])))
                return NULL;
        return node->items ? node : NULL;
    }
    node->kind = JSONSCHEMA_OBJECT;
    node->count = value->as.map.count;
    node->members = celm_arena_alloc(arena, (node->count + 1) * sizeof *node->members);
    for (size_t i = 0; node->members && i < node->count; i++) {
        node->members[i].key = value->as.map.entries[i].key;
        if (!(node->members[i].value = jsonschema_node_from_value(arena, value->as.map.entries[i].value)))
            return NULL;
    }
    return node->members ? node : NULL;
}

jsonschema_node *jsonschema_node_from_value(celm_arena *arena, const celm_value *value)
{
    jsonschema_node *node;
    switch (value ? value->kind : CELM_VALUE_NULL) {
    case CELM_VALUE_BOOL:
        node = celm_arena_alloc(arena, sizeof *node);
        if (node) {
            memset(node, 0, sizeof *node);
            node->kind = JSONSCHEMA_BOOL;
            node->boolean = value->as.boolean != 0;
        }
        return node;
    case CELM_VALUE_INT:
    case CELM_VALUE_FLOAT:
        return number_node(arena, value);
    case CELM_VALUE_STRING:
        return jsonschema_node_string(arena, value->as.string.data, value->as.string.len);
    case CELM_VALUE_LIST:
    case CELM_VALUE_MAP:
        return container_node(arena, value);
    default:
        node = celm_arena_alloc(arena, sizeof *node);
        if (node)
            memset(node, 0, sizeof *node);
        return node;
    }
}

jsonschema_node *jsonschema_member_get(const jsonschema_node *object, const char *key)
{
    if (!object || object->kind != JSONSCHEMA_OBJECT)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < object->count; i++)
        if (object->members[i].key.len == len && memcmp(object->members[i].key.data, key, len) == 0)
            return object->members[i].value;
    return NULL;
}

/* The library's equals(): numbers by exact value, objects regardless of order. */
int jsonschema_node_equal(const jsonschema_node *a, const jsonschema_node *b)
{
    if (a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case JSONSCHEMA_NULL:
        return 1;
    case JSONSCHEMA_BOOL:
        return a->boolean == b->boolean;
    case JSONSCHEMA_STRING:
        return a->text.len == b->text.len && memcmp(a->text.data, b->text.data, a->text.len) == 0;
    case JSONSCHEMA_NUMBER: {
        jsonschema_decimal x, y;
        celm_arena *scratch = celm_arena_create();
        int equal = scratch && jsonschema_decimal_parse(scratch, a->text.data, a->text.len, &x) == 0 &&
                    jsonschema_decimal_parse(scratch, b->text.data, b->text.len, &y) == 0 &&
                    jsonschema_decimal_compare(&x, &y) == 0;
        celm_arena_destroy(scratch);
        return equal;
    }
    case JSONSCHEMA_ARRAY:
        if (a->count != b->count)
            return 0;
        for (size_t i = 0; i < a->count; i++)
            if (!jsonschema_node_equal(a->items[i], b->items[i]))
                return 0;
        return 1;
    case JSONSCHEMA_OBJECT:
        if (a->count != b->count)
            return 0;
        for (size_t i = 0; i < a->count; i++) {
            const jsonschema_node *other = NULL;
            for (size_t j = 0; j < b->count; j++)
                if (b->members[j].key.len == a->members[i].key.len &&
                    memcmp(b->members[j].key.data, a->members[i].key.data, a->members[i].key.len) == 0)
                    other = b->members[j].value;
            if (!other || !jsonschema_node_equal(a->members[i].value, other))
                return 0;
        }
        return 1;
    }
    return 0;
}

void *jsonschema_grow(celm_arena *arena, void *items, size_t count, size_t item_size)
{
    /* capacities are powers of two: grow when count reaches one */
    if (count != 0 && (count & (count - 1)) != 0)
        return items;
    size_t capacity = count == 0 ? 4 : count * 2;
    if (count != 0 && count < 4)
        return items;
    void *bigger = celm_arena_alloc(arena, capacity * item_size);
    if (bigger && count)
        memcpy(bigger, items, count * item_size);
    return bigger;
}
