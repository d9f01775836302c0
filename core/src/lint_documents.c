/* lint_documents.c: rendered or CRD text read the way helm lint reads it: apimachinery's YAML
 * document reader, then sigs.k8s.io/yaml into k8sYamlStruct {apiVersion, Kind, Metadata{Name}}. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "go_quote.h"
#include "lint_internal.h"

/* One "---" line: 1 separator, 0 other text, -1 a separator followed by something else. */
static int separator_line(const char *line, size_t len, const char **rest, size_t *rest_len)
{
    if (len < 3 || memcmp(line, "---", 3) != 0)
        return 0;
    size_t start = 3, end = len;
    while (start < end && (line[start] == ' ' || line[start] == '\t' || line[start] == '\n' || line[start] == '\r'))
        start++;
    while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t' || line[end - 1] == '\n' ||
                           line[end - 1] == '\r'))
        end--;
    *rest = line + start;
    *rest_len = end - start;
    return start == end || line[start] == '#' ? 1 : -1;
}

/* Go's case-insensitive match of a JSON key with a field name. */
static int key_is(const celm_string *key, const char *field)
{
    return key->len == strlen(field) && strncasecmp(key->data, field, key->len) == 0;
}

typedef struct decoded {
    linter *l;
    lint_object object;
    const char *failure;
} decoded;

static void type_error(decoded *d, const celm_value *value, const char *where, const char *type)
{
    if (d->failure)
        return;
    celm_buffer text;
    celm_buffer_init(&text);
    celm_buffer_printf(&text, "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go %s of type %s",
                       celm_go_json_kind(value), where, type);
    d->failure = celm_arena_strndup(d->l->arena, text.data ? text.data : "", text.len);
    celm_buffer_free(&text);
}

/* A string field: scalars become their text (sigs.k8s.io/yaml converts them for a string
 * target), null leaves it unset, lists and maps are type errors. */
static void string_field(decoded *d, const celm_value *value, const char **field, const char *where)
{
    if (value->kind == CELM_VALUE_NULL)
        return;
    if (value->kind == CELM_VALUE_LIST || value->kind == CELM_VALUE_MAP) {
        type_error(d, value, where, "string");
        return;
    }
    celm_string text;
    if (value->kind == CELM_VALUE_STRING)
        text = value->as.string;
    else if (celm_format_go(d->l->arena, value, &text) != CELM_OK)
        text = (celm_string){"", 0};
    *field = text.data;
}

static void decode_metadata(decoded *d, const celm_value *metadata)
{
    if (metadata->kind == CELM_VALUE_NULL)
        return;
    if (metadata->kind != CELM_VALUE_MAP) {
        type_error(d, metadata, "struct field k8sYamlStruct.Metadata", "rules.k8sYamlMetadata");
        return;
    }
    const celm_map_entry **entries = celm_map_sorted(d->l->arena, metadata);
    for (size_t i = 0; entries && i < metadata->as.map.count; i++) {
        if (key_is(&entries[i]->key, "name"))
            string_field(d, entries[i]->value, &d->object.name, "struct field k8sYamlMetadata.Metadata.Name");
        else if (key_is(&entries[i]->key, "namespace")) {
            const char *ignored = NULL;
            string_field(d, entries[i]->value, &ignored, "struct field k8sYamlMetadata.Metadata.Namespace");
        }
    }
}

static void decode_object(decoded *d, const celm_value *document)
{
    if (document->kind != CELM_VALUE_MAP) {
        type_error(d, document, "value", "rules.k8sYamlStruct");
        return;
    }
    const celm_map_entry **entries = celm_map_sorted(d->l->arena, document);
    for (size_t i = 0; entries && i < document->as.map.count; i++) {
        const celm_string *key = &entries[i]->key;
        const celm_value *value = entries[i]->value;
        if (key_is(key, "apiVersion"))
            string_field(d, value, &d->object.api_version, "struct field k8sYamlStruct.apiVersion");
        else if (key_is(key, "kind"))
            string_field(d, value, &d->object.kind, "struct field k8sYamlStruct.Kind");
        else if (key_is(key, "metadata"))
            decode_metadata(d, value);
    }
}

/* Whether `key` names a string field at this level (0 the object, 1 its metadata), where
 * sigs.k8s.io/yaml turns a number into text before JSON sees it. */
static int is_string_field(const celm_string *key, int level)
{
    if (level == 0)
        return key_is(key, "apiVersion") || key_is(key, "kind");
    return level == 1 && (key_is(key, "name") || key_is(key, "namespace"));
}

/* The first NaN or infinity json.Marshal meets (keys sorted), outside string fields. */
static const celm_value *unsupported_number(linter *l, const celm_value *value, int level)
{
    if (value->kind == CELM_VALUE_FLOAT)
        return isfinite(value->as.real) ? NULL : value;
    const celm_value *found = NULL;
    for (size_t i = 0; value->kind == CELM_VALUE_LIST && !found && i < value->as.list.count; i++)
        found = unsupported_number(l, value->as.list.items[i], -1);
    const celm_map_entry **entries = value->kind == CELM_VALUE_MAP ? celm_map_sorted(l->arena, value) : NULL;
    for (size_t i = 0; entries && !found && i < value->as.map.count; i++) {
        const celm_string *key = &entries[i]->key;
        if (is_string_field(key, level) && entries[i]->value->kind == CELM_VALUE_FLOAT)
            continue;
        found = unsupported_number(l, entries[i]->value, level == 0 && key_is(key, "metadata") ? 1 : -1);
    }
    return found;
}

static const char *decode_document(linter *l, const char *text, size_t len, lint_object_fn visit, void *payload)
{
    celm_value *document;
    celm_error err = CELM_ERROR_INIT;
    celm_buffer message;
    celm_buffer_init(&message);
    if (celm_yaml_parse(l->arena, text, len, "", 0, &document, &err) != CELM_OK)
        celm_buffer_printf(&message, "error converting YAML to JSON: %s", err.message);
    const celm_value *bad = message.len ? NULL : unsupported_number(l, document, 0);
    if (bad) {
        celm_string number;
        if (celm_format_go(l->arena, bad, &number) == CELM_OK)
            celm_buffer_printf(&message, "error converting YAML to JSON: json: unsupported value: %s", number.data);
    }
    const char *failure = message.len ? celm_arena_strndup(l->arena, message.data, message.len) : NULL;
    celm_buffer_free(&message);
    if (failure || document->kind == CELM_VALUE_NULL)
        return failure;
    decoded d = {l, {"", "", ""}, NULL};
    decode_object(&d, document);
    if (!d.failure)
        visit(payload, &d.object);
    return d.failure;
}

static const char *separator_failure(linter *l, const char *rest, size_t rest_len)
{
    size_t len = rest_len + 40;
    char *text = celm_arena_alloc(l->arena, len);
    if (text)
        snprintf(text, len, "invalid Yaml document separator: %.*s", (int)rest_len, rest);
    return text ? text : "out of memory";
}

const char *lint_decode_objects(linter *l, const char *text, size_t len, lint_object_fn visit, void *payload)
{
    size_t document = 0, at = 0;
    while (at < len) {
        size_t end = at;
        while (end < len && text[end++] != '\n')
            ;
        const char *rest;
        size_t rest_len;
        int separator = separator_line(text + at, end - at, &rest, &rest_len);
        if (separator < 0)
            return separator_failure(l, rest, rest_len);
        if (separator && at > document) {
            const char *failure = decode_document(l, text + document, at - document, visit, payload);
            if (failure)
                return failure;
        }
        if (separator)
            document = end;
        at = end;
    }
    return len > document ? decode_document(l, text + document, len - document, visit, payload) : NULL;
}
