/* cmd_template.c: `celm template`: load, process and render a chart locally and print its manifests. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

typedef struct template_run {
    const cli_invocation *invocation;
    celm_arena *arena;
    const char *release_name;
    const char *chart_path;
    celm_chart *chart;
    celm_value *user_values;
    celm_value *values;
} template_run;

static void print_warning(void *payload, const char *message)
{
    (void)payload;
    fprintf(stderr, "%s\n", message);
}

/* Helm's NameAndChart for `template`, whose default name is "release-name". */
static int name_and_chart(template_run *run)
{
    const cli_invocation *invocation = run->invocation;
    int generate = cli_flag_is_true(invocation, "generate-name");
    if (invocation->argument_count > 2)
        return cli_fail("expected at most two arguments, unexpected arguments: %s", invocation->arguments[2]);
    if (invocation->argument_count == 2) {
        run->release_name = invocation->arguments[0];
        run->chart_path = invocation->arguments[1];
        return 0;
    }
    run->chart_path = invocation->arguments[0];
    if (generate) {
        const char *base = strrchr(run->chart_path, '/');
        run->release_name = celm_arena_printf(run->arena, "%s-%lld", base ? base + 1 : run->chart_path,
                                              (long long)time(NULL));
    } else {
        run->release_name = "release-name";
    }
    return 0;
}

static int load_user_values(template_run *run)
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
        return cli_fail("%s", err.message);
    return 0;
}

static int load_chart(template_run *run)
{
    celm_error err = CELM_ERROR_INIT;
    char absolute[PATH_MAX];
    const char *path = realpath(run->chart_path, absolute) ? absolute : run->chart_path;
    if (celm_chart_load(&run->chart, path, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    const celm_value *type = celm_map_cget(run->chart->metadata, "type");
    if (type && type->kind == CELM_VALUE_STRING && type->as.string.len && strcmp(type->as.string.data, "application") != 0)
        return cli_fail("%s charts are not installable", type->as.string.data);
    if (celm_chart_check_dependencies(run->chart, &err) != CELM_OK)
        return cli_fail("an error occurred while checking for chart dependencies. You may need to run 'helm dependency "
                        "build' to fetch missing dependencies: %s", err.message);
    return 0;
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

static int validate_schemas(template_run *run)
{
    schema_list list = {celm_arena_alloc(run->arena, chart_count(run->chart) * sizeof(celm_schema_chart)), 0};
    if (!list.charts)
        return cli_fail("out of memory");
    collect_schemas(run->chart, -1, &list);
    celm_string message = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    int status = celm_schema_validate_charts(run->arena, list.charts, list.count, run->values, &message, &err);
    if (status == CELM_EINVAL && message.len)
        return cli_fail("%s", message.data);
    return status == CELM_OK ? 0 : cli_fail("%s", err.message);
}

/* Dependencies, coalescing and the schema, as Install.RunWithContext and ToRenderValues do. */
static int prepare_values(template_run *run)
{
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_process_dependencies(run->chart, run->user_values, print_warning, NULL, &err) != CELM_OK)
        return cli_fail("chart dependencies processing failed: %s", err.message);
    if (celm_values_coalesce(run->arena, run->chart, run->user_values, 0, print_warning, NULL, &run->values, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    return cli_flag_is_true(run->invocation, "skip-schema-validation") ? 0 : validate_schemas(run);
}

static celm_registry *open_registry(const cli_invocation *invocation)
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

static int render_and_print(template_run *run)
{
    const cli_invocation *invocation = run->invocation;
    celm_render_options options = CELM_RENDER_OPTIONS_INIT;
    options.release_name = run->release_name;
    options.release_namespace = cli_settings_namespace(invocation->settings);
    options.is_upgrade = cli_flag_is_true(invocation, "is-upgrade");
    options.is_install = !options.is_upgrade;
    const char *kube_version = cli_flag_string(invocation, "kube-version");
    options.kube_version = kube_version && *kube_version ? kube_version : NULL;
    options.api_versions = cli_flag_list(invocation, "api-versions", &options.api_version_count);
    celm_registry *registry = open_registry(invocation);
    celm_render_output *files = NULL;
    size_t count = 0;
    celm_error err = CELM_ERROR_INIT;
    int status = registry ? celm_render(registry, run->arena, run->chart, run->values, &options, &files, &count, &err)
                          : celm_error_set(&err, CELM_EFAIL, "cannot open the plugin registry");
    celm_sorted_release release;
    if (status == CELM_OK)
        status = celm_manifests_sort(run->arena, files, count, run->chart->name, 0, print_warning, NULL, &release, &err);
    /* Helm returns the half-built release with render and manifest errors, so its CLI adds a hint. */
    int rendered = status == CELM_OK;
    celm_string manifest, output;
    celm_template_output_options output_options = {0};
    output_options.no_hooks = cli_flag_is_true(invocation, "no-hooks");
    output_options.skip_tests = cli_flag_is_true(invocation, "skip-tests");
    output_options.show_only = cli_flag_list(invocation, "show-only", &output_options.show_only_count);
    if (status == CELM_OK)
        status = celm_manifest_text(run->arena, &release, cli_flag_is_true(invocation, "include-crds") ? run->chart : NULL,
                                    &manifest);
    if (status == CELM_OK)
        status = celm_template_output(run->arena, &release, &manifest, &output_options, &output, &err);
    celm_registry_close(registry);
    if (status != CELM_OK && (!rendered || status == CELM_EPARSE) && registry && err.code != CELM_ENOTFOUND)
        return cli_fail("%s\n\nUse --debug flag to render out invalid YAML", err.message);
    if (status != CELM_OK)
        return cli_fail("%s", err.message);
    fwrite(output.data, 1, output.len, stdout);
    return 0;
}

int cli_template_command(const cli_invocation *invocation)
{
    template_run run;
    memset(&run, 0, sizeof run);
    run.invocation = invocation;
    run.arena = invocation->arena;
    int status = name_and_chart(&run);
    if (!status)
        status = load_user_values(&run);
    if (!status)
        status = load_chart(&run);
    if (!status)
        status = prepare_values(&run);
    if (!status)
        status = render_and_print(&run);
    celm_chart_free(run.chart);
    return status;
}
