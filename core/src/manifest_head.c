/* manifest_head.c: the head of a manifest document (apiVersion, kind, metadata), read as Helm does. */
#include <string.h>

#include "celm/celm.h"
#include "manifest_head.h"

#define HEAD_TYPE "util.SimpleHead"
#define METADATA_TYPE "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }"

static const char *json_type(const celm_value *value)
{
    switch (value->kind) {
    case CELM_VALUE_STRING: return "string";
    case CELM_VALUE_LIST: return "array";
    case CELM_VALUE_MAP: return "object";
    case CELM_VALUE_BOOL: return "bool";
    default: return "number";
    }
}

static int type_error(celm_error *err, const char *path, const celm_value *value, const char *field, const char *type)
{
    if (!field)
        return celm_error_set(err, CELM_EPARSE,
                              "YAML parse error on %s: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type %s",
                              path, json_type(value), type);
    return celm_error_set(err, CELM_EPARSE,
                          "YAML parse error on %s: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s of type %s",
                          path, json_type(value), field, type);
}

/* sigs.k8s.io/yaml turns scalars into strings for string fields: ints in decimal, floats at
 * float32 precision, bools as words; null leaves the field empty. NULL for lists and maps. */
static const char *string_field(celm_arena *arena, const celm_value *value)
{
    char number[40];
    switch (value->kind) {
    case CELM_VALUE_NULL: return "";
    case CELM_VALUE_STRING: return value->as.string.data;
    case CELM_VALUE_BOOL: return value->as.boolean ? "true" : "false";
    case CELM_VALUE_INT: return celm_arena_printf(arena, "%lld", (long long)value->as.integer);
    case CELM_VALUE_FLOAT:
        celm_format_float32_g(value->as.real, number);
        return celm_arena_strndup(arena, number, strlen(number));
    default: return NULL;
    }
}

static int read_string(celm_arena *arena, const char *path, const celm_value *map, const char *key,
                       const char *field, const char **out, celm_error *err)
{
    const celm_value *value = celm_map_cget(map, key);
    *out = "";
    if (!value)
        return CELM_OK;
    if (!(*out = string_field(arena, value)))
        return type_error(err, path, value, field, "string");
    return CELM_OK;
}

static int read_annotations(celm_arena *arena, const char *path, const celm_value *metadata, manifest_head *head,
                            celm_error *err)
{
    const celm_value *annotations = celm_map_cget(metadata, "annotations");
    if (!annotations || annotations->kind == CELM_VALUE_NULL)
        return CELM_OK;
    if (annotations->kind != CELM_VALUE_MAP)
        return type_error(err, path, annotations, ".metadata.annotations", "map[string]string");
    celm_value *strings = celm_value_map(arena, annotations->as.map.count);
    if (!strings)
        return CELM_ENOMEM;
    for (size_t i = 0; i < annotations->as.map.count; i++) {
        const celm_map_entry *entry = &annotations->as.map.entries[i];
        const char *text = string_field(arena, entry->value);
        if (!text)
            return type_error(err, path, entry->value, ".metadata.annotations", "string");
        if (celm_map_set(arena, strings, entry->key.data, entry->key.len, celm_value_cstring(arena, text)) != CELM_OK)
            return CELM_ENOMEM;
    }
    head->annotations = strings;
    return CELM_OK;
}

static int read_metadata(celm_arena *arena, const char *path, const celm_value *document, manifest_head *head,
                         celm_error *err)
{
    const celm_value *metadata = celm_map_cget(document, "metadata");
    if (!metadata || metadata->kind == CELM_VALUE_NULL)
        return CELM_OK;
    if (metadata->kind != CELM_VALUE_MAP)
        return type_error(err, path, metadata, "SimpleHead.metadata", METADATA_TYPE);
    int status = read_string(arena, path, metadata, "name", ".metadata.name", &head->name, err);
    return status == CELM_OK ? read_annotations(arena, path, metadata, head, err) : status;
}

int celm_manifest_head_read(celm_arena *arena, const char *path, const celm_string *document, manifest_head *head,
                            celm_error *err)
{
    memset(head, 0, sizeof *head);
    head->api_version = head->kind = head->name = "";
    celm_value *value;
    celm_error parse_err = CELM_ERROR_INIT;
    if (celm_yaml_parse(arena, document->data, document->len, path, CELM_YAML_KEEP_INTEGERS, &value, &parse_err) != CELM_OK)
        return celm_error_set(err, CELM_EPARSE, "YAML parse error on %s: error converting YAML to JSON: %s", path,
                              parse_err.message);
    if (value->kind == CELM_VALUE_NULL)
        return CELM_OK;
    if (value->kind != CELM_VALUE_MAP)
        return type_error(err, path, value, NULL, HEAD_TYPE);
    int status = read_string(arena, path, value, "apiVersion", "SimpleHead.apiVersion", &head->api_version, err);
    if (status == CELM_OK)
        status = read_string(arena, path, value, "kind", "SimpleHead.kind", &head->kind, err);
    if (status == CELM_OK)
        status = read_metadata(arena, path, value, head, err);
    return status;
}
