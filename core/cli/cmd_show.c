/* cmd_show.c: `celm show all|chart|values|readme|crds`: what a chart holds, printed as helm does. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

enum show_part { SHOW_CHART = 1, SHOW_VALUES = 2, SHOW_README = 4, SHOW_CRDS = 8 };

static int is_empty(const celm_value *value)
{
    switch (value->kind) {
    case CELM_VALUE_NULL: return 1;
    case CELM_VALUE_BOOL: return !value->as.boolean;
    case CELM_VALUE_STRING: return value->as.string.len == 0;
    case CELM_VALUE_LIST: return value->as.list.count == 0;
    case CELM_VALUE_MAP: return value->as.map.count == 0;
    default: return 0;
    }
}

/* A Metadata-shaped map as encoding/json writes it: omitempty fields dropped, except a
 * dependency's name and repository, which have no omitempty. */
static celm_value *omit_empty(celm_arena *arena, const celm_value *source, int is_dependency)
{
    if (source->kind == CELM_VALUE_LIST) {
        celm_value *list = celm_value_list(arena, source->as.list.count);
        for (size_t i = 0; list && i < source->as.list.count; i++)
            celm_list_append(arena, list, omit_empty(arena, source->as.list.items[i], is_dependency));
        return list;
    }
    if (source->kind != CELM_VALUE_MAP)
        return (celm_value *)source;
    celm_value *map = celm_value_map(arena, source->as.map.count);
    for (size_t i = 0; map && i < source->as.map.count; i++) {
        const celm_map_entry *entry = &source->as.map.entries[i];
        int required = is_dependency && (!strcmp(entry->key.data, "name") || !strcmp(entry->key.data, "repository"));
        int nested_dependencies = strcmp(entry->key.data, "dependencies") == 0;
        if (!required && is_empty(entry->value))
            continue;
        celm_value *value = nested_dependencies || !strcmp(entry->key.data, "maintainers")
                                ? omit_empty(arena, entry->value, nested_dependencies)
                                : entry->value;
        celm_map_set(arena, map, entry->key.data, entry->key.len, value);
    }
    if (is_dependency && map) {
        if (!celm_map_cget(map, "name"))
            celm_map_set(arena, map, "name", 4, celm_value_cstring(arena, ""));
        if (!celm_map_cget(map, "repository"))
            celm_map_set(arena, map, "repository", 10, celm_value_cstring(arena, ""));
    }
    return map;
}

static void print_chart(FILE *out, celm_arena *arena, const celm_chart *chart)
{
    celm_string yaml = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    celm_yaml_emit(arena, omit_empty(arena, chart->metadata, 0), &yaml, &err);
    fprintf(out, "%.*s\n", (int)yaml.len, yaml.data);
}

/* helm's findReadme: the first file (in load order) named README.md, README.txt or README,
 * ignoring case. */
static const celm_chart_file *find_readme(const celm_chart *chart)
{
    static const char *const names[] = {"readme.md", "readme.txt", "readme"};
    for (size_t i = 0; i < chart->file_count; i++)
        for (size_t n = 0; n < 3; n++)
            if (strcasecmp(chart->files[i].name, names[n]) == 0)
                return &chart->files[i];
    return NULL;
}

static int has_manifest_extension(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && !strchr(dot, '/') &&
           (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0 || strcasecmp(dot, ".json") == 0);
}

static void print_crds(FILE *out, const celm_chart *chart)
{
    for (size_t i = 0; i < chart->file_count; i++) {
        const celm_chart_file *file = &chart->files[i];
        if (strncmp(file->name, "crds/", 5) != 0 || !has_manifest_extension(file->name))
            continue;
        if (file->len < 3 || memcmp(file->data, "---", 3) != 0)
            fputs("---\n", out);
        fwrite(file->data, 1, file->len, out);
        fputc('\n', out);
    }
    for (size_t i = 0; i < chart->dependency_count; i++)
        print_crds(out, chart->dependencies[i]);
}

static void print_parts(FILE *out, celm_arena *arena, const celm_chart *chart, unsigned parts)
{
    int all = parts == (SHOW_CHART | SHOW_VALUES | SHOW_README | SHOW_CRDS);
    if (parts & SHOW_CHART)
        print_chart(out, arena, chart);
    if ((parts & SHOW_VALUES) && chart->values) {
        if (all)
            fputs("---\n", out);
        if (chart->values_file)
            fprintf(out, "%.*s\n", (int)chart->values_file->len, chart->values_file->data);
    }
    const celm_chart_file *readme = (parts & SHOW_README) ? find_readme(chart) : NULL;
    if (readme) {
        if (all)
            fputs("---\n", out);
        fprintf(out, "%.*s\n", (int)readme->len, readme->data);
    }
    if (parts & SHOW_CRDS)
        print_crds(out, chart);
}

static int show(const cli_invocation *invocation, unsigned parts)
{
    char absolute[PATH_MAX];
    const char *path = invocation->arguments[0];
    if (realpath(path, absolute))
        path = absolute;
    celm_chart *chart;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load_v2(&chart, path, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    print_parts(stdout, invocation->arena, chart, parts);
    celm_chart_free(chart);
    return 0;
}

int cli_show_all_command(const cli_invocation *invocation)
{
    return show(invocation, SHOW_CHART | SHOW_VALUES | SHOW_README | SHOW_CRDS);
}

int cli_show_chart_command(const cli_invocation *invocation)
{
    return show(invocation, SHOW_CHART);
}

int cli_show_values_command(const cli_invocation *invocation)
{
    const char *jsonpath = cli_flag_string(invocation, "jsonpath");
    if (jsonpath && *jsonpath)
        return cli_fail("--jsonpath is not implemented in celm yet");
    return show(invocation, SHOW_VALUES);
}

int cli_show_readme_command(const cli_invocation *invocation)
{
    return show(invocation, SHOW_README);
}

int cli_show_crds_command(const cli_invocation *invocation)
{
    return show(invocation, SHOW_CRDS);
}
