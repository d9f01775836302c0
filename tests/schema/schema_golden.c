/* schema_golden.c: validates each golden chart's values with libcelm and compares with helm's bytes. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "celm/celm.h"

#define MAX_CHARTS 16

static char *read_file(const char *path, size_t *len)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    size_t capacity = 4096, used = 0;
    char *data = malloc(capacity + 1);
    size_t n;
    while (data && (n = fread(data + used, 1, capacity - used, file)) > 0) {
        used += n;
        if (used == capacity) {
            char *bigger = realloc(data, capacity * 2 + 1);
            if (!bigger) {
                free(data);
                data = NULL;
                break;
            }
            data = bigger;
            capacity *= 2;
        }
    }
    fclose(file);
    if (data) {
        data[used] = 0;
        *len = used;
    }
    return data;
}

static char *read_in(celm_arena *arena, const char *dir, const char *name, size_t *len)
{
    char *path = celm_arena_printf(arena, "%s/%s", dir, name);
    char *data = read_file(path, len);
    if (!data)
        return NULL;
    char *copy = celm_arena_strndup(arena, data, *len);
    free(data);
    return copy;
}

static celm_value *read_yaml(celm_arena *arena, const char *dir, const char *name)
{
    size_t len;
    char *text = read_in(arena, dir, name, &len);
    celm_value *value = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (!text || celm_yaml_parse(arena, text, len, name, 0, &value, &err) != 0 || !value ||
        value->kind != CELM_VALUE_MAP)
        return celm_value_map(arena, 0);
    return value;
}

/* Helm's coalescing of a chart's own defaults drops map entries whose value is null. */
static celm_value *without_nulls(celm_arena *arena, const celm_value *value)
{
    if (value->kind != CELM_VALUE_MAP)
        return (celm_value *)value;
    celm_value *copy = celm_value_map(arena, value->as.map.count);
    for (size_t i = 0; i < value->as.map.count; i++) {
        const celm_map_entry *entry = &value->as.map.entries[i];
        if (entry->value->kind != CELM_VALUE_NULL)
            celm_map_set(arena, copy, entry->key.data, entry->key.len, without_nulls(arena, entry->value));
    }
    return copy;
}

/* dest wins; defaults fill what dest lacks, maps merged recursively (CoalesceTables). */
static celm_value *coalesce(celm_arena *arena, const celm_value *dest, const celm_value *defaults)
{
    celm_value *out = celm_value_copy(arena, dest);
    for (size_t i = 0; i < defaults->as.map.count; i++) {
        const celm_map_entry *entry = &defaults->as.map.entries[i];
        celm_value *mine = celm_map_get(out, entry->key.data, entry->key.len);
        if (!mine)
            celm_map_set(arena, out, entry->key.data, entry->key.len, entry->value);
        else if (mine->kind == CELM_VALUE_MAP && entry->value->kind == CELM_VALUE_MAP)
            celm_map_set(arena, out, entry->key.data, entry->key.len, coalesce(arena, mine, entry->value));
    }
    return out;
}

static const char *chart_name(celm_arena *arena, const char *dir)
{
    celm_value *chart = read_yaml(arena, dir, "Chart.yaml");
    celm_value *name = celm_map_cget(chart, "name");
    return name && name->kind == CELM_VALUE_STRING ? name->as.string.data : "?";
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t list_dirs(const char *path, char **names, size_t max)
{
    DIR *dir = opendir(path);
    size_t count = 0;
    struct dirent *entry;
    while (dir && (entry = readdir(dir)) != NULL && count < max) {
        char full[4096];
        struct stat info;
        snprintf(full, sizeof full, "%s/%s", path, entry->d_name);
        if (entry->d_name[0] != '.' && stat(full, &info) == 0 && S_ISDIR(info.st_mode))
            names[count++] = strdup(entry->d_name);
    }
    if (dir)
        closedir(dir);
    qsort(names, count, sizeof *names, compare_names);
    return count;
}

/* The top chart and the subcharts under charts/, with the values each gets after coalescing. */
static celm_value *build_charts(celm_arena *arena, const char *dir, celm_schema_chart *charts, size_t *count)
{
    celm_value *values = without_nulls(arena, read_yaml(arena, dir, "values.yaml"));
    memset(&charts[0], 0, sizeof charts[0]);
    charts[0].name = chart_name(arena, dir);
    charts[0].schema = read_in(arena, dir, "values.schema.json", &charts[0].schema_len);
    charts[0].parent = -1;
    *count = 1;
    char *subs[MAX_CHARTS];
    const char *charts_dir = celm_arena_printf(arena, "%s/charts", dir);
    size_t sub_count = list_dirs(charts_dir, subs, MAX_CHARTS - 1);
    for (size_t i = 0; i < sub_count; i++) {
        const char *sub_dir = celm_arena_printf(arena, "%s/%s", charts_dir, subs[i]);
        celm_schema_chart *chart = &charts[(*count)++];
        memset(chart, 0, sizeof *chart);
        chart->name = chart_name(arena, sub_dir);
        chart->schema = read_in(arena, sub_dir, "values.schema.json", &chart->schema_len);
        chart->parent = 0;
        celm_value *mine = celm_map_cget(values, chart->name);
        celm_value *base = mine && mine->kind == CELM_VALUE_MAP ? mine : celm_value_map(arena, 0);
        celm_value *merged = coalesce(arena, base, without_nulls(arena, read_yaml(arena, sub_dir, "values.yaml")));
        if (!celm_map_cget(merged, "global"))
            celm_map_set(arena, merged, "global", 6, celm_value_map(arena, 0));
        if (!mine || mine->kind == CELM_VALUE_MAP)
            celm_map_set(arena, values, chart->name, strlen(chart->name), merged);
        free(subs[i]);
    }
    return values;
}

static int run_case(const char *root, const char *name)
{
    celm_arena *arena = celm_arena_create();
    const char *dir = celm_arena_printf(arena, "%s/%s", root, name);
    celm_schema_chart charts[MAX_CHARTS];
    size_t count;
    celm_value *values = build_charts(arena, dir, charts, &count);
    size_t stderr_len = 0, status_len = 0;
    char *expected = read_in(arena, dir, "helm.stderr", &stderr_len);
    char *status_text = read_in(arena, dir, "helm.status", &status_len);
    celm_string message = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    int status = celm_schema_validate_charts(arena, charts, count, values, &message, &err);
    int failed = 0;
    if (!expected || !status_text) {
        fprintf(stderr, "%s: helm.stderr or helm.status missing (run tests/schema/record)\n", name);
        failed = 1;
    } else if (atoi(status_text) == 0) {
        if (status != 0) {
            fprintf(stderr, "%s: helm accepts the values, celm says (%d):\n%.*s\n", name, status, (int)message.len,
                    message.data);
            failed = 1;
        }
    } else {
        const char *want = celm_arena_printf(arena, "Error: %.*s\n", (int)message.len, message.data);
        if (status != CELM_EINVAL || strlen(want) != stderr_len || memcmp(want, expected, stderr_len) != 0) {
            fprintf(stderr, "%s: differs (status %d)\n--- helm\n%s--- celm\n%s---\n", name, status, expected, want);
            failed = 1;
        }
    }
    celm_arena_destroy(arena);
    return failed;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: schema_golden <golden-dir> [case...]\n");
        return 2;
    }
    char *names[1024];
    size_t count = 0;
    if (argc > 2) {
        for (int i = 2; i < argc && count < 1024; i++)
            names[count++] = strdup(argv[i]);
    } else {
        count = list_dirs(argv[1], names, 1024);
    }
    size_t failed = 0;
    for (size_t i = 0; i < count; i++) {
        failed += (size_t)run_case(argv[1], names[i]);
        free(names[i]);
    }
    printf("%zu passed, %zu failed\n", count - failed, failed);
    return failed || count == 0 ? 1 : 0;
}
