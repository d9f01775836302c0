/* chart_create_starter.c: helm create --starter (chartutil.CreateFrom): a new chart copied from a starter. */
#include <string.h>

#include "celm/create.h"
#include "chart_internal.h"

#define PLACEHOLDER "<CHARTNAME>"

/* strings.ReplaceAll(text, "<CHARTNAME>", name) into the arena; NULL when memory runs out. */
static const char *transform(celm_arena *arena, const char *text, size_t len, const char *name, size_t *out_len)
{
    celm_buffer out;
    celm_buffer_init(&out);
    const char *end = text + len;
    for (const char *at = text; at < end;) {
        const char *found = memmem(at, (size_t)(end - at), PLACEHOLDER, sizeof PLACEHOLDER - 1);
        const char *stop = found ? found : end;
        celm_buffer_append(&out, at, (size_t)(stop - at));
        if (found)
            celm_buffer_append_str(&out, name);
        at = found ? found + sizeof PLACEHOLDER - 1 : end;
    }
    celm_string result;
    if (celm_buffer_finish(&out, arena, &result) != CELM_OK)
        return NULL;
    *out_len = result.len;
    return result.data ? result.data : "";
}

static int set_text(celm_arena *arena, celm_value *map, const char *key, const char *text)
{
    celm_value *value = celm_value_cstring(arena, text);
    return value ? celm_map_set(arena, map, key, strlen(key), value) : CELM_ENOMEM;
}

/* The Metadata helm create writes for every new chart. */
static int replace_metadata(celm_chart *chart, const char *name)
{
    celm_value *metadata = celm_value_map(chart->arena, 6);
    if (!metadata || set_text(chart->arena, metadata, "name", name) != CELM_OK ||
        set_text(chart->arena, metadata, "description", "A Helm chart for Kubernetes") != CELM_OK ||
        set_text(chart->arena, metadata, "type", "application") != CELM_OK ||
        set_text(chart->arena, metadata, "version", "0.1.0") != CELM_OK ||
        set_text(chart->arena, metadata, "appVersion", "0.1.0") != CELM_OK ||
        set_text(chart->arena, metadata, "apiVersion", "v2") != CELM_OK)
        return CELM_ENOMEM;
    chart->metadata = metadata;
    chart->name = metadata->as.map.entries[0].value->as.string.data;
    return CELM_OK;
}

static int transform_file(celm_arena *arena, celm_chart_file *file, const char *name)
{
    file->data = transform(arena, file->data, file->len, name, &file->len);
    return file->data ? CELM_OK : CELM_ENOMEM;
}

/* CreateFrom's check that the values still read as a map once the name is in them: yaml.Marshal,
 * the replacement, yaml.Unmarshal (whose result SaveDir then ignores). */
static int check_values(celm_chart *chart, const char *name, celm_error *err)
{
    celm_string text;
    celm_value *parsed;
    celm_error problem = CELM_ERROR_INIT;
    if (celm_yaml_emit(chart->arena, chart->values, &text, err) != CELM_OK)
        return chart_wrap(err, "reading values file");
    size_t len;
    const char *replaced = transform(chart->arena, text.data, text.len, name, &len);
    if (!replaced)
        return CELM_ENOMEM;
    if (celm_yaml_parse(chart->arena, replaced, len, "values.yaml", 0, &parsed, &problem) != CELM_OK)
        return celm_error_set(err, CELM_EPARSE, "transforming values file: error converting YAML to JSON: %s",
                              problem.message);
    if (parsed->kind != CELM_VALUE_MAP && parsed->kind != CELM_VALUE_NULL)
        return celm_error_set(err, CELM_EPARSE, "transforming values file: error unmarshaling JSON: while "
                              "decoding JSON: json: cannot unmarshal %s into Go value of type map[string]interface {}",
                              parsed->kind == CELM_VALUE_LIST ? "array" : "string");
    return CELM_OK;
}

static int transform_starter(celm_chart *chart, const char *name, celm_error *err)
{
    int status = replace_metadata(chart, name);
    for (size_t i = 0; status == CELM_OK && i < chart->template_count; i++)
        status = transform_file(chart->arena, &chart->templates[i], name);
    if (status == CELM_OK && (status = check_values(chart, name, err)) != CELM_OK)
        return status;
    if (status == CELM_OK && chart->values_file) {
        celm_chart_file *values = celm_arena_alloc(chart->arena, sizeof *values);
        if (!values)
            return celm_error_set(err, CELM_ENOMEM, "out of memory creating a chart");
        *values = *chart->values_file;
        status = transform_file(chart->arena, values, name);
        chart->values_file = values;
    }
    return status == CELM_ENOMEM ? celm_error_set(err, CELM_ENOMEM, "out of memory creating a chart") : status;
}

int celm_chart_create_from(const char *directory, const char *name, const char *starter, celm_error *err)
{
    celm_chart *chart = NULL;
    if (celm_chart_load_v2(&chart, starter, err) != CELM_OK)
        return chart_wrap(err, "could not load %s", starter);
    int status = transform_starter(chart, name, err);
    if (status == CELM_OK)
        status = celm_chart_save_dir(chart, directory, err);
    celm_chart_free(chart);
    return status;
}
