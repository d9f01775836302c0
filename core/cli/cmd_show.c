/* cmd_show.c: `celm show all|chart|values|readme|crds`: what a chart holds, printed as helm does. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

enum show_part { SHOW_CHART = 1, SHOW_VALUES = 2, SHOW_README = 4, SHOW_CRDS = 8 };

static void print_chart(FILE *out, celm_arena *arena, const celm_chart *chart)
{
    celm_string yaml = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    celm_chart_metadata_yaml(arena, chart, 0, &yaml, &err);
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
