/* jsonschema_helm.c: the public schema API: helm's single-schema check and its chart-tree walk. */
#include <string.h>

#include "jsonschema_internal.h"

#define SCHEMA_URL "file:///values.schema.json"
#define SCHEMA_PREFIX "jsonschema validation failed with '" SCHEMA_URL "#'\n"

struct celm_schema {
    jsonschema_compiler *compiler;
    jsonschema_schema *schema;
};

static int set_message(celm_arena *arena, celm_string *message, const char *text)
{
    message->data = celm_arena_strndup(arena, text, strlen(text));
    message->len = message->data ? strlen(text) : 0;
    if (!message->data)
        message->data = "";
    return CELM_EINVAL;
}

int celm_schema_compile(celm_arena *arena, const char *bytes, size_t len, const celm_schema_options *options,
                        celm_schema **out, celm_string *message)
{
    const char *problem = NULL;
    jsonschema_node *doc;
    *out = NULL;
    if (jsonschema_json_parse(arena, bytes, len, &doc, &problem) != 0)
        return set_message(arena, message, problem);
    celm_schema *schema = celm_arena_alloc(arena, sizeof *schema);
    if (!schema || !(schema->compiler = jsonschema_compiler_create(arena, options)))
        return CELM_ENOMEM;
    if (jsonschema_compiler_add(schema->compiler, SCHEMA_URL, doc) != 0)
        return CELM_ENOMEM;
    schema->schema = jsonschema_compiler_compile(schema->compiler, SCHEMA_URL, &problem);
    if (!schema->schema)
        return set_message(arena, message, problem ? problem : "out of memory");
    *out = schema;
    return 0;
}

int celm_schema_validate(celm_arena *arena, const celm_schema *schema, const celm_value *values, celm_string *message)
{
    jsonschema_node *instance = jsonschema_node_from_value(arena, values);
    if (!instance)
        return CELM_ENOMEM;
    jsonschema_error *error = jsonschema_validate(schema->compiler, arena, schema->schema, instance);
    const char *limit = jsonschema_compiler_limit_message(schema->compiler);
    if (limit)
        return set_message(arena, message, limit);
    if (!error)
        return 0;
    celm_buffer out;
    celm_buffer_init(&out);
    jsonschema_error_print(&out, error);
    celm_buffer_append_char(&out, '\n');
    celm_string text;
    if (celm_buffer_finish(&out, arena, &text) != 0)
        return CELM_ENOMEM;
    size_t prefix = strlen(SCHEMA_PREFIX);
    if (text.len >= prefix && memcmp(text.data, SCHEMA_PREFIX, prefix) == 0) {
        text.data += prefix;
        text.len -= prefix;
    }
    *message = text;
    return CELM_EINVAL;
}

int celm_schema_check(celm_arena *arena, const char *bytes, size_t len, const celm_schema_options *options,
                      const celm_value *values, celm_string *message)
{
    celm_schema *schema;
    int status = celm_schema_compile(arena, bytes, len, options, &schema, message);
    return status != 0 ? status : celm_schema_validate(arena, schema, values, message);
}

/* Go's %T of a values-tree value. */
static const char *go_type_name(const celm_value *value)
{
    switch (value->kind) {
    case CELM_VALUE_BOOL: return "bool";
    case CELM_VALUE_INT: return "int64";
    case CELM_VALUE_FLOAT: return "float64";
    case CELM_VALUE_STRING: return "string";
    case CELM_VALUE_LIST: return "[]interface {}";
    default: return "map[string]interface {}";
    }
}

static int validate_chart(celm_arena *arena, const celm_schema_chart *charts, size_t count, size_t index,
                          const celm_value *values, celm_buffer *out, int depth)
{
    const celm_schema_chart *chart = &charts[index];
    if (depth > 64)
        return CELM_ELIMIT;
    if (chart->schema) {
        celm_string message = {"", 0};
        int status = celm_schema_check(arena, chart->schema, chart->schema_len, chart->options, values, &message);
        if (status == CELM_ENOMEM)
            return status;
        if (status != 0) {
            celm_buffer_printf(out, "%s:\n", chart->name);
            celm_buffer_append(out, message.data, message.len);
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (charts[i].parent != (int)index)
            continue;
        const celm_value *raw = values && values->kind == CELM_VALUE_MAP ? celm_map_cget(values, charts[i].name) : NULL;
        if (!raw || raw->kind == CELM_VALUE_NULL)
            continue;
        if (raw->kind != CELM_VALUE_MAP) {
            celm_buffer_printf(out, "%s:\ninvalid type for values: expected object (map), got %s\n", charts[i].name,
                               go_type_name(raw));
            continue;
        }
        int status = validate_chart(arena, charts, count, i, raw, out, depth + 1);
        if (status != 0)
            return status;
    }
    return 0;
}

int celm_schema_validate_charts(celm_arena *arena, const celm_schema_chart *charts, size_t count,
                                const celm_value *values, celm_string *message, celm_error *err)
{
    for (size_t i = 0; i < count; i++) {
        if (!charts[i].name || (i == 0) != (charts[i].parent < 0) || charts[i].parent >= (int)i)
            return celm_error_set(err, CELM_EINVAL, "schema chart list: entry %zu has no name or a bad parent", i);
    }
    if (count == 0)
        return 0;
    celm_buffer out;
    celm_buffer_init(&out);
    celm_buffer_append_str(&out, "values don't meet the specifications of the schema(s) in the following chart(s):\n");
    size_t header = out.len;
    int status = validate_chart(arena, charts, count, 0, values, &out, 0);
    if (status != 0) {
        celm_buffer_free(&out);
        return celm_error_set(err, status, status == CELM_ELIMIT ? "chart tree nests too deeply" : "out of memory");
    }
    if (out.len == header) {
        celm_buffer_free(&out);
        return 0;
    }
    if (celm_buffer_finish(&out, arena, message) != 0)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    return CELM_EINVAL;
}

typedef struct schema_list {
    celm_schema_chart *charts;
    size_t count;
} schema_list;

/* The tree depth first, parents before children, as ValidateAgainstSchema walks it. */
static void collect_schemas(const celm_chart *chart, int parent, schema_list *list)
{
    int index = (int)list->count;
    celm_schema_chart *entry = &list->charts[list->count++];
    memset(entry, 0, sizeof *entry);
    entry->name = chart->name;
    entry->schema = chart->schema ? chart->schema->data : NULL;
    entry->schema_len = chart->schema ? chart->schema->len : 0;
    entry->parent = parent;
    for (size_t i = 0; i < chart->dependency_count; i++)
        collect_schemas(chart->dependencies[i], index, list);
}

static size_t chart_count(const celm_chart *chart)
{
    size_t count = 1;
    for (size_t i = 0; i < chart->dependency_count; i++)
        count += chart_count(chart->dependencies[i]);
    return count;
}

int celm_schema_validate_tree(celm_arena *arena, const celm_chart *chart, const celm_value *values,
                              celm_string *message, celm_error *err)
{
    schema_list list = {celm_arena_alloc(arena, chart_count(chart) * sizeof(celm_schema_chart)), 0};
    if (!list.charts)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    collect_schemas(chart, -1, &list);
    return celm_schema_validate_charts(arena, list.charts, list.count, values, message, err);
}
