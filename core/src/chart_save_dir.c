/* chart_save_dir.c: Helm's chartutil.SaveDir: a chart written out as files in <dest>/<name>. */
#include <string.h>
#include <sys/stat.h>

#include "chart_internal.h"
#include "directories.h"
#include "os_file.h"

/* A chart file name that stays inside the chart: relative, without ".." elements. */
static int stays_inside(const char *name)
{
    if (name[0] == '/' || name[0] == '\0')
        return 0;
    for (const char *element = name; element;) {
        size_t len = strcspn(element, "/");
        if (len == 2 && element[0] == '.' && element[1] == '.')
            return 0;
        element = element[len] ? element + len + 1 : NULL;
    }
    return 1;
}

/* chartutil's writeFile: the parent directories, then the bytes with mode 0644. */
static int write_chart_file(celm_arena *arena, const char *outdir, const char *name, const char *data,
                            size_t len, celm_error *err)
{
    if (!stays_inside(name))
        return celm_error_set(err, CELM_EINVAL, "refusing to write %s: the name leaves the chart directory %s",
                              name, outdir);
    const char *path = celm_arena_printf(arena, "%s/%s", outdir, name);
    const char *slash = strrchr(path, '/');
    int status = celm_mkdir_all(celm_arena_strndup(arena, path, (size_t)(slash - path)), err);
    return status == CELM_OK ? celm_os_write_file(path, data, len, err) : status;
}

static int write_file_list(celm_arena *arena, const char *outdir, const celm_chart_file *files, size_t count,
                           celm_error *err)
{
    int status = CELM_OK;
    for (size_t i = 0; status == CELM_OK && i < count; i++)
        status = write_chart_file(arena, outdir, files[i].name, files[i].data, files[i].len, err);
    return status;
}

static int save_dependencies(const celm_chart *chart, const char *outdir, celm_error *err)
{
    const char *charts = celm_arena_printf(chart->arena, "%s/charts", outdir);
    for (size_t i = 0; i < chart->dependency_count; i++) {
        const char *saved;
        if (celm_chart_save(chart->dependencies[i], charts, &saved, err) != CELM_OK)
            return chart_wrap(err, "saving %s", celm_chart_full_path(chart->dependencies[i]));
    }
    return CELM_OK;
}

int celm_chart_save_dir(const celm_chart *chart, const char *dest, celm_error *err)
{
    celm_arena *arena = chart->arena;
    if (!*chart->name || strchr(chart->name, '/'))
        return celm_error_set(err, CELM_EINVAL, "%s is not a valid chart name",
                              chart_quoted(arena, chart->name, strlen(chart->name)));
    const char *joined = celm_arena_printf(arena, "%s/%s", dest, chart->name);
    const char *outdir = celm_path_clean(arena, joined, strlen(joined));
    struct stat info;
    if (stat(outdir, &info) == 0 && !S_ISDIR(info.st_mode))
        return celm_error_set(err, CELM_EEXISTS, "file %s already exists and is not a directory", outdir);
    const celm_value *api = celm_map_cget(chart->metadata, "apiVersion");
    int v1 = api && api->kind == CELM_VALUE_STRING && strcmp(api->as.string.data, "v1") == 0;
    celm_string chart_yaml;
    int status = celm_mkdir_all(outdir, err);
    if (status == CELM_OK)
        status = celm_chart_metadata_yaml(arena, chart, v1, &chart_yaml, err);
    if (status == CELM_OK)
        status = write_chart_file(arena, outdir, "Chart.yaml", chart_yaml.data, chart_yaml.len, err);
    if (status == CELM_OK && chart->values_file)
        status = write_chart_file(arena, outdir, "values.yaml", chart->values_file->data, chart->values_file->len, err);
    if (status == CELM_OK && chart->schema)
        status = write_chart_file(arena, outdir, "values.schema.json", chart->schema->data, chart->schema->len, err);
    if (status == CELM_OK)
        status = write_file_list(arena, outdir, chart->templates, chart->template_count, err);
    if (status == CELM_OK)
        status = write_file_list(arena, outdir, chart->files, chart->file_count, err);
    return status == CELM_OK ? save_dependencies(chart, outdir, err) : status;
}
