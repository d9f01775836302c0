/* lint_values.c: helm lint's values.yaml rule (rules/values.go): it parses, and the top-level
 * values with the user's on top conform to values.schema.json. */
#include <string.h>
#include <sys/stat.h>

#include "celm/coalesce.h"
#include "celm/schema.h"
#include "go_quote.h"
#include "lint_internal.h"
#include "os_file.h"

static const char *copy_text(linter *l, const char *text, size_t len)
{
    const char *copy = celm_arena_strndup(l->arena, text, len);
    if (!copy)
        l->out_of_memory = 1;
    return copy;
}

/* common.ReadValuesFile: sigs.k8s.io/yaml's Unmarshal of the first document into Values. */
static const char *read_values(linter *l, const char *values_path, celm_value **values)
{
    celm_string bytes;
    celm_error err = CELM_ERROR_INIT;
    celm_buffer text;
    celm_buffer_init(&text);
    if (celm_os_read_file(l->arena, values_path, &bytes, &err) != CELM_OK)
        celm_buffer_printf(&text, "unable to parse YAML: %s", err.message);
    else if (celm_yaml_parse(l->arena, bytes.data, bytes.len, values_path, 0, values, &err) != CELM_OK)
        celm_buffer_printf(&text, "unable to parse YAML: error converting YAML to JSON: %s", err.message);
    else if ((*values)->kind == CELM_VALUE_NULL)
        *values = celm_value_map(l->arena, 0);
    else if ((*values)->kind != CELM_VALUE_MAP)
        celm_buffer_printf(&text, "unable to parse YAML: error unmarshaling JSON: while decoding JSON: json: "
                                  "cannot unmarshal %s into Go value of type common.Values", celm_go_json_kind(*values));
    const char *failure = text.len ? copy_text(l, text.data, text.len) : NULL;
    celm_buffer_free(&text);
    return failure;
}

/* validateValuesFile: NULL, or the failure's text. */
static const char *values_failure(linter *l, const char *values_path)
{
    celm_value *values = NULL;
    celm_error err = CELM_ERROR_INIT;
    const char *failure = read_values(l, values_path, &values);
    if (failure || !values)
        return failure;
    celm_value *coalesced = celm_value_map(l->arena, 0);
    const celm_value *user = l->options->values;
    celm_value *overrides = user ? celm_value_copy(l->arena, user) : celm_value_map(l->arena, 0);
    if (!coalesced || !overrides)
        return l->out_of_memory = 1, NULL;
    celm_values_coalesce_tables(l->arena, coalesced, overrides, 0, l->options->warning, l->options->warning_payload);
    celm_values_coalesce_tables(l->arena, coalesced, values, 0, l->options->warning, l->options->warning_payload);
    const char *schema_path = lint_path(l, l->chart_dir, "values.schema.json");
    celm_string schema;
    if (!schema_path || celm_os_read_file(l->arena, schema_path, &schema, &err) != CELM_OK || schema.len == 0 ||
        l->options->skip_schema_validation)
        return NULL;
    celm_string message = {"", 0};
    if (celm_schema_check(l->arena, schema.data, schema.len, NULL, coalesced, &message) == CELM_OK)
        return NULL;
    return copy_text(l, message.data, message.len);
}

void lint_values(linter *l)
{
    const char *path = lint_path(l, l->chart_dir, "values.yaml");
    struct stat info;
    if (!path || stat(path, &info) != 0) {
        lint_rule(l, CELM_LINT_INFO, "values.yaml", "file does not exist");
        return;
    }
    lint_rule(l, CELM_LINT_ERROR, "values.yaml", values_failure(l, path));
}
