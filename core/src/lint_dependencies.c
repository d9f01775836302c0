/* lint_dependencies.c: helm lint's dependency rules (rules/dependencies.go): Chart.yaml's
 * dependencies against the charts loaded from charts/, and unique names or aliases. */
#include <string.h>

#include "lint_internal.h"

static const celm_value *declared(const celm_chart *chart)
{
    const celm_value *list = celm_map_cget(chart->metadata, "dependencies");
    return list && list->kind == CELM_VALUE_LIST ? list : NULL;
}

static int is_loaded(const celm_chart *chart, const char *name)
{
    for (size_t i = 0; i < chart->dependency_count; i++)
        if (strcmp(chart->dependencies[i]->name, name) == 0)
            return 1;
    return 0;
}

static int is_declared(const celm_value *list, size_t before, const char *name, int by_alias)
{
    for (size_t i = 0; list && i < before; i++) {
        const celm_value *dependency = list->as.list.items[i];
        const char *key = by_alias && *celm_map_string(dependency, "alias") ? celm_map_string(dependency, "alias")
                                                                    : celm_map_string(dependency, "name");
        if (strcmp(key, name) == 0)
            return 1;
    }
    return 0;
}

static void append_name(celm_buffer *names, const char *name)
{
    if (names->len)
        celm_buffer_append_char(names, ',');
    celm_buffer_append_str(names, name);
}

/* Reports `names` (comma-joined) after `prefix` when any were found. */
static void report(linter *l, celm_lint_severity severity, const char *prefix, celm_buffer *names)
{
    if (names->len)
        lint_fail(l, severity, l->chart_dir, "%s%s", prefix, names->data);
    celm_buffer_free(names);
}

static void check(linter *l, const celm_chart *chart)
{
    const celm_value *list = declared(chart);
    size_t count = list ? list->as.list.count : 0;
    celm_buffer names;
    celm_buffer_init(&names);
    for (size_t i = 0; i < chart->dependency_count; i++)
        if (!is_declared(list, count, chart->dependencies[i]->name, 0))
            append_name(&names, chart->dependencies[i]->name);
    report(l, CELM_LINT_ERROR, "chart metadata is missing these dependencies: ", &names);
    celm_buffer_init(&names);
    for (size_t i = 0; i < count; i++) {
        const celm_value *dependency = list->as.list.items[i];
        const char *key = *celm_map_string(dependency, "alias") ? celm_map_string(dependency, "alias") : celm_map_string(dependency, "name");
        if (is_declared(list, i, key, 1))
            append_name(&names, key);
    }
    report(l, CELM_LINT_ERROR, "multiple dependencies with name or alias: ", &names);
    celm_buffer_init(&names);
    for (size_t i = 0; i < count; i++) {
        const char *name = celm_map_string(list->as.list.items[i], "name");
        if (!is_loaded(chart, name))
            append_name(&names, name);
    }
    report(l, CELM_LINT_WARNING, "chart directory is missing these dependencies: ", &names);
}

void lint_dependencies(linter *l)
{
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load_v2(&chart, l->chart_dir, &err) != CELM_OK) {
        lint_fail(l, CELM_LINT_ERROR, "", "unable to load chart\n\t%s", err.message);
        return;
    }
    check(l, chart);
    celm_chart_free(chart);
}
