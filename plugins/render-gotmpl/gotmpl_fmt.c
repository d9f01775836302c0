/* gotmpl_fmt.c: Go's fmt %v, Sprint and Sprintln for template values (Sprintf: gotmpl_fmt_printf.c). */
#include <stdio.h>
#include <string.h>

#include "gotmpl_fmt.h"
#include "gotmpl_fmt_printf.h"
#include "gotmpl_time.h"

typedef struct text_builder {
    gotmpl_runtime *runtime;
    char *data;
    size_t len, capacity;
    int failed;
} text_builder;

static void put(text_builder *b, const char *bytes, size_t len)
{
    if (b->failed)
        return;
    if (b->len + len + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity * 2 : 64;
        while (capacity < b->len + len + 1)
            capacity *= 2;
        const celm_host *host = gotmpl_runtime_host(b->runtime);
        char *grown = host->arena_alloc(gotmpl_runtime_arena(b->runtime), capacity);
        if (!grown) {
            b->failed = 1;
            return;
        }
        if (b->len)
            memcpy(grown, b->data, b->len);
        b->data = grown;
        b->capacity = capacity;
    }
    if (len)
        memcpy(b->data + b->len, bytes, len);
    b->len += len;
    b->data[b->len] = '\0';
}

static void put_str(text_builder *b, const char *text)
{
    put(b, text, strlen(text));
}

/* strconv.FormatFloat(real, 'g', -1, 64), as %v prints a float64. */
static void put_float(text_builder *b, double real)
{
    gotmpl_buffer text;
    gotmpl_buffer_init(&text, b->runtime);
    gotmpl_fmt_append_float(&text, real, 'g', -1);
    if (text.failed)
        b->failed = 1;
    else
        put(b, text.data, text.len);
}

static void format_value(text_builder *b, const gotmpl_value *value, int nested);

static void format_list(text_builder *b, gotmpl_list *list)
{
    put_str(b, "[");
    for (size_t i = 0; i < gotmpl_list_len(list); i++) {
        if (i)
            put_str(b, " ");
        gotmpl_value item = gotmpl_list_get(b->runtime, list, i);
        format_value(b, &item, 1);
    }
    put_str(b, "]");
}

static void format_bytes(text_builder *b, const celm_string *bytes)
{
    char number[8];
    put_str(b, "[");
    for (size_t i = 0; i < bytes->len; i++)
        put(b, number, (size_t)snprintf(number, sizeof number, i ? " %u" : "%u", (unsigned char)bytes->data[i]));
    put_str(b, "]");
}

static void format_map(text_builder *b, gotmpl_map *map)
{
    size_t count;
    const celm_string *keys = gotmpl_map_keys(b->runtime, map, &count);
    put_str(b, "map[");
    for (size_t i = 0; keys && i < count; i++) {
        if (i)
            put_str(b, " ");
        put(b, keys[i].data, keys[i].len);
        put_str(b, ":");
        gotmpl_value item;
        if (gotmpl_map_get(b->runtime, map, keys[i].data, keys[i].len, &item))
            format_value(b, &item, 1);
    }
    put_str(b, "]");
}

static void format_value(text_builder *b, const gotmpl_value *value, int nested)
{
    char number[32];
    celm_string text = {"", 0};
    switch (value->type) {
    case GT_BOOL: put_str(b, value->as.boolean ? "true" : "false"); break;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8:
        put(b, number, (size_t)snprintf(number, sizeof number, "%lld", (long long)value->as.integer));
        break;
    case GT_UINT32: case GT_UINT64:
        put(b, number, (size_t)snprintf(number, sizeof number, "%llu", (unsigned long long)value->as.unsigned_integer));
        break;
    case GT_FLOAT64: put_float(b, value->as.real); break;
    case GT_STRING: put(b, value->as.string.data, value->as.string.len); break;
    case GT_BYTES: format_bytes(b, &value->as.string); break;
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: format_list(b, value->as.list); break;
    case GT_MAP: case GT_STRING_MAP: format_map(b, value->as.map); break;
    case GT_TIME:
        if (gotmpl_time_string(b->runtime, value->as.time, &text) == CELM_OK)
            put(b, text.data, text.len);
        break;
    case GT_OBJECT:
        if (value->as.object->class_->format)
            value->as.object->class_->format(b->runtime, value->as.object, &text);
        else
            text.data = gotmpl_type_name(value), text.len = strlen(text.data);
        put(b, text.data, text.len);
        break;
    default: put_str(b, nested || value->type == GT_NIL ? "<nil>" : "<invalid reflect.Value>"); break;
    }
}

static int finish(text_builder *b, celm_string *out)
{
    if (b->failed)
        return CELM_ENOMEM;
    out->data = b->data ? b->data : "";
    out->len = b->len;
    return CELM_OK;
}

int gotmpl_fmt_value(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out)
{
    text_builder b = {runtime, NULL, 0, 0, 0};
    format_value(&b, value, 0);
    return finish(&b, out);
}

static int is_string(const gotmpl_value *value)
{
    return value->type == GT_STRING;
}

int gotmpl_fmt_sprint(gotmpl_runtime *runtime, const gotmpl_value *args, size_t count, celm_string *out)
{
    text_builder b = {runtime, NULL, 0, 0, 0};
    for (size_t i = 0; i < count; i++) {
        /* Go adds a space between operands when neither is a string. */
        if (i > 0 && !is_string(&args[i - 1]) && !is_string(&args[i]))
            put_str(&b, " ");
        format_value(&b, &args[i], 0);
    }
    return finish(&b, out);
}

int gotmpl_fmt_sprintln(gotmpl_runtime *runtime, const gotmpl_value *args, size_t count, celm_string *out)
{
    text_builder b = {runtime, NULL, 0, 0, 0};
    for (size_t i = 0; i < count; i++) {
        if (i > 0)
            put_str(&b, " ");
        format_value(&b, &args[i], 0);
    }
    put_str(&b, "\n");
    return finish(&b, out);
}
