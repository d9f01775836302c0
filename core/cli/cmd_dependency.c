/* cmd_dependency.c: `celm dependency list`, `build` and `update`: a chart's declared dependencies and charts/. */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* The version test Helm applies when the versions differ: "ok" when the constraint holds. */
static const char *version_status(celm_arena *arena, const char *constraint, const char *version, const char *ok)
{
    if (strcmp(constraint, version) == 0)
        return ok;
    celm_semver_constraints *constraints;
    celm_semver parsed;
    celm_error err = CELM_ERROR_INIT;
    if (celm_semver_constraints_parse(arena, constraint, strlen(constraint), &constraints, &err) != CELM_OK ||
        celm_semver_parse(&parsed, version, strlen(version), &err) != CELM_OK)
        return "invalid version";
    return celm_semver_constraints_check(constraints, &parsed) ? ok : "wrong version";
}

static const char *archive_status(celm_arena *arena, const char *archive, const celm_value *dependency)
{
    celm_chart *chart;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load(&chart, archive, &err) != CELM_OK)
        return "corrupt";
    const char *status = strcmp(chart->name, celm_map_string(dependency, "name")) != 0
                             ? "misnamed"
                             : version_status(arena, celm_map_string(dependency, "version"), celm_map_string(chart->metadata, "version"), "ok");
    celm_chart_free(chart);
    return status;
}

/* The archives charts/<name>-*.tgz, keeping only strict versions when there are several. */
static const char *archives_status(celm_arena *arena, const char *chart_path, const celm_value *dependency, int *decided)
{
    const char *name = celm_map_string(dependency, "name");
    glob_t found;
    *decided = 0;
    if (glob(celm_arena_printf(arena, "%s/charts/%s-*.tgz", chart_path, name), 0, NULL, &found) != 0)
        return NULL;
    const char *chosen = NULL, *status = NULL;
    size_t strict = 0;
    for (size_t i = 0; found.gl_pathc > 1 && i < found.gl_pathc; i++) {
        const char *base = strrchr(found.gl_pathv[i], '/') + 1 + strlen(name) + 1;
        celm_semver version;
        celm_error err = CELM_ERROR_INIT;
        if (celm_semver_parse_strict(&version, base, strlen(base) - 4, &err) == CELM_OK)
            chosen = found.gl_pathv[i], strict++;
    }
    if (found.gl_pathc == 1)
        chosen = found.gl_pathv[0], strict = 1;
    if (strict > 1)
        status = "too many matches", *decided = 1;
    else if (strict == 1)
        status = archive_status(arena, chosen, dependency), *decided = 1;
    status = status ? celm_arena_strndup(arena, status, strlen(status)) : NULL;
    globfree(&found);
    return status;
}

static const char *dependency_status(celm_arena *arena, const char *chart_path, const celm_value *dependency,
                                     const celm_chart *parent)
{
    int decided;
    const char *status = archives_status(arena, chart_path, dependency, &decided);
    if (decided)
        return status;
    const celm_chart *loaded = NULL;
    for (size_t i = 0; i < parent->dependency_count; i++)
        if (strcmp(parent->dependencies[i]->name, celm_map_string(dependency, "name")) == 0)
            loaded = parent->dependencies[i];
    if (!loaded)
        return "missing";
    return version_status(arena, celm_map_string(dependency, "version"), celm_map_string(loaded->metadata, "version"), "unpacked");
}

/* Files in charts/ that are charts but not declared. */
static void print_undeclared(const char *chart_path, const celm_value *declared)
{
    glob_t found;
    char pattern[4200];
    snprintf(pattern, sizeof pattern, "%s/charts/*", chart_path);
    if (glob(pattern, 0, NULL, &found) != 0)
        return;
    for (size_t i = 0; i < found.gl_pathc; i++) {
        const char *path = found.gl_pathv[i];
        struct stat info;
        size_t len = strlen(path);
        if (stat(path, &info) == 0 && !S_ISDIR(info.st_mode) && (len < 4 || strcmp(path + len - 4, ".tgz") != 0))
            continue;
        celm_chart *chart;
        celm_error err = CELM_ERROR_INIT;
        if (celm_chart_load(&chart, path, &err) != CELM_OK) {
            printf("WARNING: \"%s\" is not a chart.\n", path);
            continue;
        }
        int known = 0;
        for (size_t d = 0; d < declared->as.list.count && !known; d++)
            known = strcmp(celm_map_string(declared->as.list.items[d], "name"), chart->name) == 0;
        if (!known)
            printf("WARNING: \"%s\" is not in Chart.yaml.\n", path);
        celm_chart_free(chart);
    }
    globfree(&found);
}

int cli_dependency_list_command(const cli_invocation *invocation)
{
    const char *given = invocation->argument_count ? invocation->arguments[0] : ".";
    /* Helm prints paths made with filepath.Join, which cleans them. */
    const char *chart_path = celm_path_clean(invocation->arena, given, strlen(given));
    celm_chart *chart;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load(&chart, chart_path, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    const celm_value *declared = celm_map_cget(chart->metadata, "dependencies");
    if (!declared || declared->kind != CELM_VALUE_LIST) {
        printf("WARNING: no dependencies at %s/charts\n", chart_path);
        celm_chart_free(chart);
        return 0;
    }
    cli_table table;
    cli_table_init(&table, invocation->arena, 4);
    static const char *const header[] = {"NAME", "VERSION", "REPOSITORY", "STATUS"};
    cli_table_add_row(&table, header);
    for (size_t i = 0; i < declared->as.list.count; i++) {
        const celm_value *dependency = declared->as.list.items[i];
        const char *row[] = {celm_map_string(dependency, "name"), celm_map_string(dependency, "version"),
                             celm_map_string(dependency, "repository"),
                             dependency_status(invocation->arena, chart_path, dependency, chart)};
        cli_table_add_row(&table, row);
    }
    cli_table_print(stdout, &table);
    printf("\n");
    print_undeclared(chart_path, declared);
    celm_chart_free(chart);
    return 0;
}

static void print_output(void *payload, const char *text)
{
    (void)payload;
    fputs(text, stdout);
}

static void print_log_line(void *payload, const char *line)
{
    (void)payload;
    fflush(stdout);
    fprintf(stderr, "%s\n", line);
}

celm_dependency_options cli_dependency_options(const cli_invocation *invocation, const char *chart_path)
{
    const cli_settings *settings = invocation->settings;
    return (celm_dependency_options){
        .version = CELM_DEPENDENCY_OPTIONS_VERSION,
        .chart_path = chart_path,
        .repository_config = settings->repository_config,
        .repository_cache = settings->repository_cache,
        .skip_refresh = cli_flag_is_true(invocation, "skip-refresh"),
        .debug = settings->debug,
        .output = print_output,
        .log = print_log_line,
    };
}

static int manage_dependencies(const cli_invocation *invocation,
                               int (*step)(const celm_dependency_options *, celm_error *))
{
    const char *given = invocation->argument_count ? invocation->arguments[0] : ".";
    celm_dependency_options options =
        cli_dependency_options(invocation, celm_path_clean(invocation->arena, given, strlen(given)));
    celm_error err = CELM_ERROR_INIT;
    int status = step(&options, &err);
    fflush(stdout);
    return status == CELM_OK ? 0 : cli_fail("%s", err.message);
}

int cli_dependency_build_command(const cli_invocation *invocation)
{
    return manage_dependencies(invocation, celm_dependency_build);
}

int cli_dependency_update_command(const cli_invocation *invocation)
{
    return manage_dependencies(invocation, celm_dependency_update);
}
