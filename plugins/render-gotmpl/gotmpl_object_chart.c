/* gotmpl_object_chart.c: .Chart, .Release and common.Values as Helm v4's engine builds them. */
#include <string.h>

#include "gotmpl_func.h"
#include "gotmpl_render.h"

typedef struct field_name {
    const char *yaml;   /* the key in Chart.yaml */
    const char *go;     /* the Go field name structToMap uses */
    gotmpl_type type;   /* GT_STRING, GT_BOOL, GT_LIST (of plain items), GT_STRING_MAP, or GT_OBJECT for
                         * a list of structs described by `nested` */
    const struct field_name *nested;
    size_t nested_count;
} field_name;

static const field_name maintainer_fields[] = {
    {"name", "Name", GT_STRING, NULL, 0}, {"email", "Email", GT_STRING, NULL, 0}, {"url", "URL", GT_STRING, NULL, 0},
};

static const field_name dependency_fields[] = {
    {"name", "Name", GT_STRING, NULL, 0}, {"version", "Version", GT_STRING, NULL, 0},
    {"repository", "Repository", GT_STRING, NULL, 0}, {"condition", "Condition", GT_STRING, NULL, 0},
    {"tags", "Tags", GT_LIST, NULL, 0}, {"enabled", "Enabled", GT_BOOL, NULL, 0},
    {"import-values", "ImportValues", GT_LIST, NULL, 0}, {"alias", "Alias", GT_STRING, NULL, 0},
};

static const field_name metadata_fields[] = {
    {"name", "Name", GT_STRING, NULL, 0}, {"home", "Home", GT_STRING, NULL, 0},
    {"sources", "Sources", GT_LIST, NULL, 0}, {"version", "Version", GT_STRING, NULL, 0},
    {"description", "Description", GT_STRING, NULL, 0}, {"keywords", "Keywords", GT_LIST, NULL, 0},
    {"maintainers", "Maintainers", GT_OBJECT, maintainer_fields, 3}, {"icon", "Icon", GT_STRING, NULL, 0},
    {"apiVersion", "APIVersion", GT_STRING, NULL, 0}, {"condition", "Condition", GT_STRING, NULL, 0},
    {"tags", "Tags", GT_STRING, NULL, 0}, {"appVersion", "AppVersion", GT_STRING, NULL, 0},
    {"deprecated", "Deprecated", GT_BOOL, NULL, 0}, {"annotations", "Annotations", GT_STRING_MAP, NULL, 0},
    {"kubeVersion", "KubeVersion", GT_STRING, NULL, 0}, {"dependencies", "Dependencies", GT_OBJECT, dependency_fields, 8},
    {"type", "Type", GT_STRING, NULL, 0},
};

static const celm_value *lookup(gotmpl_runtime *runtime, const celm_value *map, const char *key)
{
    return map ? gotmpl_runtime_host(runtime)->map_get(map, key, strlen(key)) : NULL;
}

static gotmpl_value struct_map(gotmpl_runtime *runtime, const celm_value *source, const field_name *fields, size_t count);

static gotmpl_value string_map(gotmpl_runtime *runtime, const celm_value *source)
{
    gotmpl_value map = gotmpl_map_new(runtime, GT_STRING_MAP, 0);
    for (size_t i = 0; map.type && source && source->kind == CELM_VALUE_MAP && i < source->as.map.count; i++) {
        const celm_map_entry *entry = &source->as.map.entries[i];
        gotmpl_map_set(runtime, map.as.map, entry->key.data, entry->key.len, gotmpl_from_celm(runtime, entry->value));
    }
    return map;
}

/* A slice as structToMap leaves it: a []interface{}, of struct maps when `nested` describes one. */
static gotmpl_value items(gotmpl_runtime *runtime, const celm_value *source, const field_name *nested, size_t count)
{
    gotmpl_value list = gotmpl_list_new(runtime, GT_LIST, 0);
    for (size_t i = 0; list.type && source && source->kind == CELM_VALUE_LIST && i < source->as.list.count; i++) {
        const celm_value *item = source->as.list.items[i];
        gotmpl_list_append(runtime, list.as.list,
                           nested ? struct_map(runtime, item, nested, count) : gotmpl_from_celm(runtime, item));
    }
    return list;
}

static gotmpl_value field_value(gotmpl_runtime *runtime, const field_name *field, const celm_value *value)
{
    switch (field->type) {
    case GT_BOOL: return gotmpl_bool(value && value->kind == CELM_VALUE_BOOL && value->as.boolean);
    case GT_LIST: return items(runtime, value, NULL, 0);
    case GT_OBJECT: return items(runtime, value, field->nested, field->nested_count);
    case GT_STRING_MAP: return string_map(runtime, value);
    default:
        if (value && value->kind == CELM_VALUE_STRING)
            return gotmpl_string(value->as.string.data, value->as.string.len);
        return gotmpl_string("", 0);
    }
}

static gotmpl_value struct_map(gotmpl_runtime *runtime, const celm_value *source, const field_name *fields, size_t count)
{
    gotmpl_value map = gotmpl_map_new(runtime, GT_MAP, count);
    for (size_t i = 0; map.type && i < count; i++)
        gotmpl_map_set(runtime, map.as.map, fields[i].go, strlen(fields[i].go),
                       field_value(runtime, &fields[i], lookup(runtime, source, fields[i].yaml)));
    return map;
}

gotmpl_value gotmpl_chart_object(gotmpl_runtime *runtime, const celm_value *metadata, int is_root)
{
    gotmpl_value map = struct_map(runtime, metadata, metadata_fields, sizeof metadata_fields / sizeof metadata_fields[0]);
    if (map.type)
        gotmpl_map_set(runtime, map.as.map, "IsRoot", 6, gotmpl_bool(is_root));
    return map;
}

/* .Release: Revision is a Go int there. */
gotmpl_value gotmpl_release_object(gotmpl_runtime *runtime, const celm_value *release)
{
    gotmpl_value map = gotmpl_map_new(runtime, GT_MAP, 6);
    for (size_t i = 0; map.type && release && release->kind == CELM_VALUE_MAP && i < release->as.map.count; i++) {
        const celm_map_entry *entry = &release->as.map.entries[i];
        gotmpl_value value = gotmpl_from_celm(runtime, entry->value);
        if (entry->value->kind == CELM_VALUE_INT)
            value = gotmpl_int(GT_INT, entry->value->as.integer);
        gotmpl_map_set(runtime, map.as.map, entry->key.data, entry->key.len, value);
    }
    return map;
}

/* common.Values.YAML(): the values as YAML (sigs.k8s.io/yaml), error when they cannot be. */
static int values_yaml(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_value *plain = gotmpl_to_plain(runtime, &args[0]);
    celm_string text = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    if (!plain || host->yaml_emit(gotmpl_runtime_arena(runtime), plain, &text, &err) != CELM_OK)
        return gotmpl_call_error(call, "%s", err.message);
    *out = gotmpl_string(text.data, text.len);
    return CELM_OK;
}

static int values_as_map(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = args[0];     /* the same map; only its %T would differ in Go */
    return CELM_OK;
}

static const gotmpl_func values_methods[] = {
    {"YAML", values_yaml, 1, 0, {GT_ANY}, GT_STRING, 1},
    {"AsMap", values_as_map, 1, 0, {GT_ANY}, GT_MAP, 0},
};

static const gotmpl_func *values_method(const gotmpl_object *object, const char *name, size_t len)
{
    (void)object;
    for (size_t i = 0; i < sizeof values_methods / sizeof values_methods[0]; i++)
        if (strlen(values_methods[i].name) == len && memcmp(values_methods[i].name, name, len) == 0)
            return &values_methods[i];
    return NULL;
}

static const gotmpl_class values_class = {"common.Values", NULL, values_method, NULL, NULL};

void gotmpl_mark_values(gotmpl_value *value)
{
    if (value->type == GT_MAP)
        gotmpl_map_set_class(value->as.map, &values_class);
}
