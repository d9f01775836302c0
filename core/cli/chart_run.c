/* chart_run.c: what template, install and upgrade share: user values, chart loading, dependency
 * processing, coalescing and schema validation, and the plugin registry. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_run.h"

void cli_print_warning(void *payload, const char *message)
{
    (void)payload;
    fprintf(stderr, "%s\n", message);
}

int chart_run_load_user_values(chart_run *run)
{
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.value_files = cli_flag_list(run->invocation, "values", &options.value_file_count);
    options.json_values = cli_flag_list(run->invocation, "set-json", &options.json_value_count);
    options.values = cli_flag_list(run->invocation, "set", &options.value_count);
    options.string_values = cli_flag_list(run->invocation, "set-string", &options.string_value_count);
    options.file_values = cli_flag_list(run->invocation, "set-file", &options.file_value_count);
    options.literal_values = cli_flag_list(run->invocation, "set-literal", &options.literal_value_count);
    celm_error err = CELM_ERROR_INIT;
    if (celm_values_merge_user(run->arena, &options, &run->user_values, &err) != CELM_OK)
        return cli_fail("%s%s", run->failure_prefix ? run->failure_prefix : "", err.message);
    return 0;
}

int chart_run_load_chart(chart_run *run)
{
    celm_error err = CELM_ERROR_INIT;
    char absolute[PATH_MAX];
    const char *path = realpath(run->chart_path, absolute) ? absolute : run->chart_path;
    const char *prefix = run->failure_prefix ? run->failure_prefix : "";
    if (celm_chart_load(&run->chart, path, &err) != CELM_OK)
        return cli_fail("%s%s", prefix, err.message);
    const celm_value *type = celm_map_cget(run->chart->metadata, "type");
    if (type && type->kind == CELM_VALUE_STRING && type->as.string.len && strcmp(type->as.string.data, "application") != 0)
        return cli_fail("%s%s charts are not installable", prefix, type->as.string.data);
    const celm_value *deprecated = celm_map_cget(run->chart->metadata, "deprecated");
    if (deprecated && deprecated->kind == CELM_VALUE_BOOL && deprecated->as.boolean)
        fputs("level=WARN msg=\"this chart is deprecated\"\n", stderr);
    if (celm_chart_check_dependencies(run->chart, &err) != CELM_OK)
        return cli_fail("%san error occurred while checking for chart dependencies. You may need to run 'helm "
                        "dependency build' to fetch missing dependencies: %s", prefix, err.message);
    return 0;
}

static int validate_schemas(chart_run *run)
{
    celm_string message = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    int status = celm_schema_validate_tree(run->arena, run->chart, run->values, &message, &err);
    if (status == CELM_EINVAL && message.len)
        return cli_fail("%s", message.data);
    return status == CELM_OK ? 0 : cli_fail("%s", err.message);
}

/* Dependencies, coalescing and the schema, as Install.RunWithContext and ToRenderValues do. */
int chart_run_prepare_values(chart_run *run)
{
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_process_dependencies(run->chart, run->user_values, cli_print_warning, NULL, &err) != CELM_OK)
        return cli_fail("chart dependencies processing failed: %s", err.message);
    if (celm_values_coalesce(run->arena, run->chart, run->user_values, 0, cli_print_warning, NULL, &run->values, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    return cli_flag_is_true(run->invocation, "skip-schema-validation") ? 0 : validate_schemas(run);
}

celm_registry *cli_open_registry(const cli_invocation *invocation)
{
    char **path = celm_plugin_search_path((const char *const *)invocation->settings->plugin_dirs,
                                          invocation->settings->plugin_dir_count);
    size_t count = 0;
    while (path && path[count])
        count++;
    celm_registry *registry = NULL;
    celm_error err = CELM_ERROR_INIT;
    celm_registry_open(&registry, (const char *const *)path, count, &err);
    celm_plugin_search_path_free(path);
    return registry;
}


/* Go's strconv.ParseBool: 1 or 0, -1 when text is not a boolean. */
static int parse_go_bool(const char *text)
{
    static const char *const truths[] = {"1", "t", "T", "TRUE", "true", "True", NULL};
    static const char *const lies[] = {"0", "f", "F", "FALSE", "false", "False", NULL};
    for (size_t i = 0; truths[i]; i++) {
        if (strcmp(text, truths[i]) == 0)
            return 1;
        if (strcmp(text, lies[i]) == 0)
            return 0;
    }
    return -1;
}

int cli_dry_run_strategy(const cli_invocation *invocation, int template, cli_dry_run *out)
{
    const char *value = cli_flag_string(invocation, "dry-run");
    *out = template ? CLI_DRY_RUN_CLIENT : CLI_DRY_RUN_NONE;
    if (!value || strcmp(value, "client") == 0)
        return value ? (*out = CLI_DRY_RUN_CLIENT, 0) : 0;
    if (strcmp(value, "unset") == 0) {
        fputs("level=WARN msg=\"--dry-run is deprecated and should be replaced with '--dry-run=client'\"\n", stderr);
        *out = CLI_DRY_RUN_CLIENT;
        return 0;
    }
    if (strcmp(value, "server") == 0)
        return *out = CLI_DRY_RUN_SERVER, 0;
    if (strcmp(value, "none") == 0) {
        *out = CLI_DRY_RUN_NONE;
        return template ? cli_fail("invalid dry-run value (\"%s\"). Must be \"server\" or \"client\"", value) : 0;
    }
    int truth = parse_go_bool(value);
    if (truth < 0)
        return cli_fail("invalid dry-run value (\"%s\"). Must be \"none\", \"server\", or \"client\"", value);
    if (template && !truth)
        return cli_fail("invalid dry-run value (\"%s\"). Must be \"server\" or \"client\"", value);
    *out = truth ? CLI_DRY_RUN_CLIENT : CLI_DRY_RUN_NONE;
    fprintf(stderr, "level=WARN msg=\"boolean '--dry-run=%s' flag is deprecated and must be replaced with "
                    "'--dry-run=%s'\"\n", value, truth ? "client" : "none");
    return 0;
}
