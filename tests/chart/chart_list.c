/* chart_list.c: prints what celm loaded from a chart the way `helm package` lays a chart out, so
 * tests/chart/compare_with_helm.sh can compare celm's loader with helm's.
 *
 * usage: chart_list [--v2] [--dump DIR] CHART
 * Prints one line per file helm package would write: <chart>/Chart.yaml, <chart>/Chart.lock (v2
 * with a lock), <chart>/values.yaml, <chart>/values.schema.json, the templates and the other files
 * in load order, then each subchart under <chart>/charts/<name>/. With --dump, also writes each
 * file's loaded bytes under DIR at that path. On a load error prints "Error: <message>", exits 1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "celm/celm.h"

static const char *dump_root;

static int make_parents(char *path)
{
    for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = 0;
        int failed = mkdir(path, 0755) != 0 && errno != EEXIST;
        *slash = '/';
        if (failed)
            return -1;
    }
    return 0;
}

static int dump(const char *name, const char *data, size_t len)
{
    if (!dump_root)
        return 0;
    size_t size = strlen(dump_root) + strlen(name) + 2;
    char *path = malloc(size);
    if (!path)
        return -1;
    snprintf(path, size, "%s/%s", dump_root, name);
    FILE *out = make_parents(path) == 0 ? fopen(path, "wb") : NULL;
    int status = out && fwrite(data, 1, len, out) == len ? 0 : -1;
    if (out && fclose(out) != 0)
        status = -1;
    free(path);
    return status;
}

/* a + b + c in a malloc'd string. */
static char *join(const char *a, const char *b, const char *c)
{
    size_t size = strlen(a) + strlen(b) + strlen(c) + 1;
    char *joined = malloc(size);
    if (joined)
        snprintf(joined, size, "%s%s%s", a, b, c);
    return joined;
}

static int emit(const char *base, const char *name, const celm_chart_file *file)
{
    char *path = join(base, "/", name);
    if (!path)
        return -1;
    printf("%s\n", path);
    int status = file ? dump(path, file->data, file->len) : 0;
    free(path);
    return status;
}

static int emit_files(const char *base, const celm_chart_file *files, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (emit(base, files[i].name, &files[i]) != 0)
            return -1;
    return 0;
}

static int list_chart(const celm_chart *chart, const char *prefix)
{
    char *base = join(prefix, chart->name, "");
    if (!base)
        return -1;
    const celm_value *api = celm_map_cget(chart->metadata, "apiVersion");
    int v2 = api && api->kind == CELM_VALUE_STRING && strcmp(api->as.string.data, "v2") == 0;
    int status = emit(base, "Chart.yaml", NULL);
    if (v2 && chart->lock)
        status |= emit(base, "Chart.lock", NULL);
    if (chart->values_file)
        status |= emit(base, "values.yaml", chart->values_file);
    if (chart->schema)
        status |= emit(base, "values.schema.json", chart->schema);
    status |= emit_files(base, chart->templates, chart->template_count);
    status |= emit_files(base, chart->files, chart->file_count);
    char *sub_prefix = join(base, "/charts/", "");
    for (size_t i = 0; sub_prefix && i < chart->dependency_count; i++)
        status |= list_chart(chart->dependencies[i], sub_prefix);
    status |= sub_prefix ? 0 : -1;
    free(sub_prefix);
    free(base);
    return status;
}

int main(int argc, char **argv)
{
    int v2 = 0;
    int at = 1;
    for (; at < argc && argv[at][0] == '-'; at++) {
        if (strcmp(argv[at], "--v2") == 0)
            v2 = 1;
        else if (strcmp(argv[at], "--dump") == 0 && at + 1 < argc)
            dump_root = argv[++at];
        else
            break;
    }
    if (at + 1 != argc) {
        fprintf(stderr, "usage: chart_list [--v2] [--dump DIR] CHART\n");
        return 2;
    }
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status = v2 ? celm_chart_load_v2(&chart, argv[at], &err) : celm_chart_load(&chart, argv[at], &err);
    if (status != CELM_OK) {
        printf("Error: %s\n", err.message);
        return 1;
    }
    status = list_chart(chart, "");
    celm_chart_free(chart);
    return status ? 3 : 0;
}
