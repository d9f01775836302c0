/* cmd_lint.c: `celm lint`: helm lint's rules over each chart path, with helm's report layout. */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "celm/lint.h"
#include "celm/values.h"
#include "chart_run.h"

typedef struct path_list {
    const char **items;
    size_t count, capacity;
    celm_arena *arena;
} path_list;

typedef struct lint_run {
    const cli_invocation *invocation;
    celm_lint_options options;
    int strict, quiet;
    FILE *report;   /* helm prints the whole report at the end */
    char *report_text;
    size_t report_len;
} lint_run;

static int has_archive_suffix(const char *path)
{
    size_t len = strlen(path);
    return (len >= 4 && strcmp(path + len - 4, ".tgz") == 0) || (len >= 7 && strcmp(path + len - 7, ".tar.gz") == 0);
}

static void add_path(path_list *list, const char *path)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        const char **items = celm_arena_alloc(list->arena, capacity * sizeof *items);
        if (!items)
            return;
        if (list->count)
            memcpy(items, list->items, list->count * sizeof *items);
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = celm_arena_strndup(list->arena, path, strlen(path));
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* filepath.Walk of `directory`: a Chart.yaml adds its folder, a .tgz or .tar.gz itself. */
static void walk_charts(path_list *list, const char *directory, int depth)
{
    struct dirent **entries;
    int count = depth < 64 ? scandir(directory, &entries, NULL, by_name) : -1;
    for (int i = 0; i < count; i++) {
        const char *name = entries[i]->d_name;
        char path[4096];
        struct stat info;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0 &&
            (size_t)snprintf(path, sizeof path, "%s/%s", directory, name) < sizeof path && lstat(path, &info) == 0) {
            if (strcmp(name, "Chart.yaml") == 0)
                add_path(list, directory);
            else if (has_archive_suffix(path))
                add_path(list, path);
            if (S_ISDIR(info.st_mode))
                walk_charts(list, path, depth + 1);
        }
        free(entries[i]);
    }
    if (count >= 0)
        free(entries);
}

static void print_render_log(void *payload, const char *level, const char *message, const char *detail)
{
    (void)payload;
    const char *attributes[] = {"message", detail, NULL};
    celm_arena *arena = celm_arena_create();
    const char *line = arena ? celm_slog_line(arena, level, message, attributes) : NULL;
    if (line)
        fprintf(stderr, "%s\n", line);
    celm_arena_destroy(arena);
}

static int remove_entry(const char *path, const struct stat *info, int type, struct FTW *where)
{
    (void)info, (void)type, (void)where;
    remove(path);
    return 0;
}

/* lintChart's archive branch: the archive expanded into a fresh temporary folder; the chart is
 * the first entry there. Returns the chart's folder, or NULL with *failure set. */
static const char *expand_archive(celm_arena *arena, const char *path, char *temporary, const char **failure)
{
    celm_string bytes;
    celm_error err = CELM_ERROR_INIT;
    char reason[128];
    const char *base = getenv("TMPDIR");
    snprintf(temporary, 4096, "%s/helm-lintXXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(temporary)) {
        *failure = celm_arena_printf(arena, "unable to create temp dir to extract tarball: mkdir %s: %s", temporary,
                                     celm_errno_text(errno, reason, sizeof reason));
        temporary[0] = '\0';
        return NULL;
    }
    if (celm_values_read_source(arena, path, NULL, &bytes, &err) != CELM_OK) {
        *failure = celm_arena_printf(arena, "unable to open tarball: %s", err.message);
        return NULL;
    }
    if (celm_chart_expand(temporary, bytes.data, bytes.len, &err) != CELM_OK) {
        *failure = celm_arena_printf(arena, "unable to extract tarball: %s", err.message);
        return NULL;
    }
    struct dirent **entries;
    int count = scandir(temporary, &entries, NULL, by_name);
    const char *chart = NULL;
    for (int i = 0; i < count; i++) {
        if (!chart && entries[i]->d_name[0] != '.')
            chart = celm_arena_printf(arena, "%s/%s", temporary, entries[i]->d_name);
        free(entries[i]);
    }
    if (count >= 0)
        free(entries);
    return chart;
}

/* lintChart: the chart at `path` (a folder, or an archive expanded into a temporary folder)
 * linted into *messages; returns the error that stopped it before the rules ran, or NULL. */
static const char *lint_chart(lint_run *run, const char *path, celm_lint_message **messages, size_t *count)
{
    celm_arena *arena = run->invocation->arena;
    const char *failure = NULL;
    char temporary[4096] = "";
    const char *chart = has_archive_suffix(path) ? expand_archive(arena, path, temporary, &failure) : path;
    const char *guard = chart ? celm_arena_printf(arena, "%s/Chart.yaml", chart) : NULL;
    guard = guard ? celm_path_clean(arena, guard, strlen(guard)) : NULL;
    struct stat info;
    celm_error err = CELM_ERROR_INIT;
    char reason[128];
    if (!failure && guard && stat(guard, &info) != 0)
        failure = celm_arena_printf(arena, "unable to check Chart.yaml file in chart: stat %s: %s", guard,
                                    celm_errno_text(errno, reason, sizeof reason));
    else if (!failure && guard && celm_lint_run(arena, chart, &run->options, messages, count, &err) != CELM_OK)
        failure = celm_arena_strndup(arena, err.message, strlen(err.message));
    if (temporary[0])
        nftw(temporary, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return failure;
}

/* One chart's report block; returns 1 when the chart failed (an error, or a warning with
 * --strict). *had_problems tells whether it had warnings or errors at all. */
static int lint_one(lint_run *run, const char *path, int *had_problems)
{
    celm_lint_message *messages = NULL;
    size_t count = 0;
    const char *failure = lint_chart(run, path, &messages, &count);
    size_t errors = failure ? 1 : 0;
    int problems = failure != NULL;
    for (size_t i = 0; i < count; i++) {
        problems |= messages[i].severity > CELM_LINT_INFO;
        errors += messages[i].severity >= (run->strict ? CELM_LINT_WARNING : CELM_LINT_ERROR);
    }
    *had_problems = problems;
    if (run->quiet && !problems)
        return errors ? 1 : 0;
    fprintf(run->report, "==> Linting %s\n", path);
    if (failure)
        fprintf(run->report, "Error %s\n", failure);
    for (size_t i = 0; i < count; i++)
        if (!run->quiet || messages[i].severity > CELM_LINT_INFO)
            fprintf(run->report, "%s\n", celm_lint_message_text(run->invocation->arena, &messages[i]));
    fputc('\n', run->report);
    return errors ? 1 : 0;
}

static int kube_version_option(lint_run *run)
{
    const char *given = cli_flag_string(run->invocation, "kube-version");
    if (!given || !*given)
        return 0;
    celm_value *parsed;
    celm_error err = CELM_ERROR_INIT;
    if (celm_kube_version_parse(run->invocation->arena, given, &parsed, &err) != CELM_OK)
        return cli_fail("invalid kube version '%s': %s", given, err.message);
    run->options.kube_version = given;
    return 0;
}

static int report_all(lint_run *run, const path_list *paths)
{
    size_t failed = 0, with_problems = 0;
    for (size_t i = 0; i < paths->count; i++) {
        int problems = 0;
        failed += (size_t)lint_one(run, paths->items[i], &problems);
        with_problems += (size_t)problems;
    }
    fclose(run->report);
    fwrite(run->report_text, 1, run->report_len, stdout);
    free(run->report_text);
    if (failed)
        return cli_fail("%zu chart(s) linted, %zu chart(s) failed", paths->count, failed);
    if (!run->quiet || with_problems)
        printf("%zu chart(s) linted, 0 chart(s) failed\n", paths->count);
    return 0;
}

int cli_lint_command(const cli_invocation *invocation)
{
    lint_run run;
    memset(&run, 0, sizeof run);
    run.invocation = invocation;
    run.strict = cli_flag_is_true(invocation, "strict");
    run.quiet = cli_flag_is_true(invocation, "quiet");
    run.options.namespace = cli_settings_namespace(invocation->settings);
    run.options.skip_schema_validation = cli_flag_is_true(invocation, "skip-schema-validation");
    run.options.render_log = print_render_log;
    run.options.warning = cli_print_warning;
    path_list paths = {NULL, 0, 0, invocation->arena};
    for (size_t i = 0; i < invocation->argument_count; i++)
        add_path(&paths, invocation->arguments[i]);
    if (cli_flag_is_true(invocation, "with-subcharts"))
        for (size_t i = 0, given = paths.count; i < given; i++) {
            const char *charts = celm_arena_printf(invocation->arena, "%s/charts", paths.items[i]);
            if (charts)
                walk_charts(&paths, celm_path_clean(invocation->arena, charts, strlen(charts)), 0);
        }
    chart_run values = {0};
    values.invocation = invocation;
    values.arena = invocation->arena;
    int status = kube_version_option(&run);
    if (!status)
        status = chart_run_load_user_values(&values);
    if (status)
        return status;
    run.options.values = values.user_values;
    run.options.registry = cli_open_registry(invocation);
    run.report = open_memstream(&run.report_text, &run.report_len);
    status = run.report ? report_all(&run, &paths) : cli_fail("out of memory");
    celm_registry_close(run.options.registry);
    return status;
}
