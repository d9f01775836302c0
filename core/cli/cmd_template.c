/* cmd_template.c: `celm template`: load, process and render a chart locally and print its manifests. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Helm's NameAndChart for `template`, whose default name is "release-name" (so --generate-name
 * changes nothing there). */
static int name_and_chart(template_run *run)
{
    const cli_invocation *invocation = run->invocation;
    const char *name_template = cli_flag_string(invocation, "name-template");
    int has_name_template = name_template && *name_template;
    if (invocation->argument_count > 2)
        return cli_fail("expected at most two arguments, unexpected arguments: %s", invocation->arguments[2]);
    if (invocation->argument_count == 2) {
        if (cli_flag_is_true(invocation, "generate-name"))
            return cli_fail("cannot set --generate-name and also specify a name");
        if (has_name_template)
            return cli_fail("cannot set --name-template and also specify a name");
        run->release_name = invocation->arguments[0];
        run->chart_path = invocation->arguments[1];
        return 0;
    }
    if (has_name_template)
        return cli_fail("--name-template is not implemented in celm yet");
    run->chart_path = invocation->arguments[0];
    run->release_name = "release-name";
    return 0;
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

/* cmdGetDryRunFlagStrategy for `template`, which always runs dry: 1 for "server". */
static int dry_run_is_server(const cli_invocation *invocation, int *server)
{
    const char *value = cli_flag_string(invocation, "dry-run");
    *server = 0;
    if (!value || strcmp(value, "client") == 0)
        return 0;
    if (strcmp(value, "unset") == 0) {
        fputs("level=WARN msg=\"--dry-run is deprecated and should be replaced with '--dry-run=client'\"\n", stderr);
        return 0;
    }
    if (strcmp(value, "server") == 0)
        return *server = 1, 0;
    int truth = strcmp(value, "none") == 0 ? 0 : parse_go_bool(value);
    if (truth < 0)
        return cli_fail("invalid dry-run value (\"%s\"). Must be \"none\", \"server\", or \"client\"", value);
    if (!truth)
        return cli_fail("invalid dry-run value (\"%s\"). Must be \"server\" or \"client\"", value);
    fprintf(stderr, "level=WARN msg=\"boolean '--dry-run=%s' flag is deprecated and must be replaced with "
                    "'--dry-run=client'\"\n", value);
    return 0;
}

/* Flags that need parts celm does not have yet: refused rather than ignored. */
static int refuse_unbuilt(const cli_invocation *invocation)
{
    int server, failed = dry_run_is_server(invocation, &server);
    if (failed)
        return failed;
    if (server || cli_flag_is_true(invocation, "validate"))
        return cli_fail("--dry-run=server (and --validate) is not implemented in celm yet");
    if (cli_flag_is_true(invocation, "verify"))
        return cli_fail("--verify is not implemented in celm yet");
    static const char *const unbuilt[] = {"post-renderer", "repo", NULL};
    for (const char *const *flag = unbuilt; *flag; flag++) {
        const char *value = cli_flag_string(invocation, *flag);
        if (value && *value)
            return cli_fail("--%s is not implemented in celm yet", *flag);
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
    const celm_value *deprecated = celm_map_cget(run->chart->metadata, "deprecated");
    if (deprecated && deprecated->kind == CELM_VALUE_BOOL && deprecated->as.boolean)
        fputs("level=WARN msg=\"this chart is deprecated\"\n", stderr);
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

static int render_and_sort(template_run *run, celm_sorted_release *release, celm_error *err)
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
    int status = registry ? celm_render(registry, run->arena, run->chart, run->values, &options, &files, &count, err)
                          : celm_error_set(err, CELM_EFAIL, "cannot open the plugin registry");
    if (status == CELM_OK)
        status = celm_manifests_sort(run->arena, files, count, run->chart->name, 0, print_warning, NULL, release, err);
    celm_registry_close(registry);
    return status;
}

/* --output-dir: the files are written (their "wrote" lines printed even when a later one fails);
 * what is left to print is the empty manifest, or --show-only's complaint about it. */
static int write_files(template_run *run, const celm_sorted_release *release, celm_template_output_options *options,
                       celm_string *manifest, celm_error *err)
{
    const cli_invocation *invocation = run->invocation;
    options->output_dir = cli_flag_string(invocation, "output-dir");
    options->release_dir = cli_flag_is_true(invocation, "release-name") ? run->release_name : NULL;
    celm_string wrote = {"", 0};
    int status = celm_template_write_files(run->arena, release,
                                           cli_flag_is_true(invocation, "include-crds") ? run->chart : NULL, options,
                                           &wrote, err);
    fwrite(wrote.data, 1, wrote.len, stdout);
    options->no_hooks = 1;
    *manifest = (celm_string){"", 0};
    return status;
}

static int render_and_print(template_run *run)
{
    const cli_invocation *invocation = run->invocation;
    celm_error err = CELM_ERROR_INIT;
    celm_sorted_release release;
    int status = render_and_sort(run, &release, &err);
    /* Helm returns the half-built release with render and manifest errors, so its CLI adds a hint. */
    int hint = status != CELM_OK && err.code != CELM_ENOTFOUND;
    celm_string manifest, output;
    celm_template_output_options output_options = {0};
    output_options.no_hooks = cli_flag_is_true(invocation, "no-hooks");
    output_options.skip_tests = cli_flag_is_true(invocation, "skip-tests");
    output_options.show_only = cli_flag_list(invocation, "show-only", &output_options.show_only_count);
    const char *output_dir = cli_flag_string(invocation, "output-dir");
    if (status == CELM_OK && output_dir && *output_dir)
        hint = (status = write_files(run, &release, &output_options, &manifest, &err)) != CELM_OK;
    else if (status == CELM_OK)
        status = celm_manifest_text(run->arena, &release, cli_flag_is_true(invocation, "include-crds") ? run->chart : NULL,
                                    &manifest);
    if (status == CELM_OK)
        status = celm_template_output(run->arena, &release, &manifest, &output_options, &output, &err);
    if (status != CELM_OK && (hint || status == CELM_EPARSE))
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
    int status = refuse_unbuilt(invocation);
    if (!status)
        status = name_and_chart(&run);
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
