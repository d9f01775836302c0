/* chart_files.c: Helm's LoadFiles: sorting a chart's files into their roles, then its subcharts. */
#include <string.h>

#include "celm/values.h"
#include "chart_internal.h"

/* The files of one charts/<name> entry, gathered for loading as a subchart. */
typedef struct subchart_group {
    const char *name;
    chart_file_list files;
} subchart_group;

/* The chart being built, with what LoadFiles keeps beside it. */
typedef struct chart_builder {
    chart_loader *loader;
    celm_chart *chart;
    const char *where;
    chart_file_list templates;
    chart_file_list files;
    subchart_group *groups;
    size_t group_count;
    size_t group_capacity;
    celm_value *group_index;    /* group name -> position in groups */
} chart_builder;

static int nomem(chart_loader *loader)
{
    return chart_fail(loader, CELM_ENOMEM, "out of memory loading the chart");
}

static const char *origin_of(chart_builder *b, const celm_chart_file *file)
{
    const char *origin = celm_arena_printf(b->loader->arena, "%s%s", b->where, file->name);
    return origin ? origin : file->name;
}

static const char *api_version(const celm_chart *chart)
{
    return celm_map_string(chart->metadata, "apiVersion");
}

/* yaml.Unmarshal of Chart.yaml or requirements.yaml onto the one Metadata. */
static int decode_metadata(chart_builder *b, const celm_chart_file *file, const char *what)
{
    int status = chart_decode_document(b->loader, CHART_DOCUMENT_METADATA, file, origin_of(b, file),
                                       &b->chart->metadata);
    if (status != CELM_OK)
        return chart_wrap(b->loader->err, "cannot load %s", what);
    return CELM_OK;
}

static int set_default_api_version(chart_builder *b)
{
    if (api_version(b->chart)[0])
        return CELM_OK;
    celm_value *v1 = celm_value_cstring(b->loader->arena, "v1");
    if (!v1 || celm_map_set(b->loader->arena, b->chart->metadata, "apiVersion", 10, v1) != CELM_OK)
        return nomem(b->loader);
    return CELM_OK;
}

/* The first pass: every Chart.yaml, before anything needs the metadata. */
static int read_chart_yaml(chart_builder *b, const chart_file_list *files)
{
    for (size_t i = 0; i < files->count; i++) {
        const celm_chart_file *file = &files->items[i];
        if (strcmp(file->name, "Chart.yaml") != 0)
            continue;
        int status = decode_metadata(b, file, "Chart.yaml");
        if (status == CELM_OK)
            status = set_default_api_version(b);
        if (status != CELM_OK)
            return status;
        b->chart->chart_yaml = file;
        b->chart->modtime = file->modtime;
    }
    return CELM_OK;
}

static int ensure_metadata(chart_builder *b)
{
    if (!b->chart->metadata && !(b->chart->metadata = celm_value_map(b->loader->arena, 0)))
        return nomem(b->loader);
    return CELM_OK;
}

static int read_lock(chart_builder *b, const celm_chart_file *file)
{
    celm_value *lock = NULL;
    int status = chart_decode_document(b->loader, CHART_DOCUMENT_LOCK, file, origin_of(b, file), &lock);
    if (status != CELM_OK)
        return chart_wrap(b->loader->err, "cannot load %s", file->name);
    b->chart->lock = lock ? file : NULL;
    b->chart->lock_data = lock;
    return CELM_OK;
}

/* requirements.yaml fills the metadata's dependencies; for apiVersion v1 it is also a file. */
static int read_requirements(chart_builder *b, const celm_chart_file *file)
{
    int status = ensure_metadata(b);
    if (status == CELM_OK)
        status = decode_metadata(b, file, "requirements.yaml");
    if (status != CELM_OK)
        return status;
    b->chart->requirements = file;
    if (strcmp(api_version(b->chart), "v1") == 0)
        return chart_files_append(b->loader, &b->files, file);
    return CELM_OK;
}

static int read_requirements_lock(chart_builder *b, const celm_chart_file *file)
{
    int status = read_lock(b, file);
    if (status == CELM_OK)
        status = ensure_metadata(b);
    if (status == CELM_OK && strcmp(api_version(b->chart), "v1") == 0)
        status = chart_files_append(b->loader, &b->files, file);
    return status;
}

static int read_values(chart_builder *b, const celm_chart_file *file)
{
    if (celm_values_load(b->loader->arena, file->data, file->len, origin_of(b, file), &b->chart->values,
                         b->loader->err) != CELM_OK)
        return chart_wrap(b->loader->err, "cannot load values.yaml");
    b->chart->values_file = file;
    return CELM_OK;
}

/* Adds a file under charts/ (name without "charts/") to the group of its first element. */
static int group_subchart_file(chart_builder *b, const celm_chart_file *file)
{
    chart_loader *loader = b->loader;
    const char *name = file->name + strlen("charts/");
    const char *slash = strchr(name, '/');
    size_t len = slash ? (size_t)(slash - name) : strlen(name);
    celm_value *position = celm_map_get(b->group_index, name, len);
    if (!position) {
        if (b->group_count == b->group_capacity) {
            size_t capacity = b->group_capacity ? b->group_capacity * 2 : 8;
            subchart_group *grown = celm_arena_alloc(loader->arena, capacity * sizeof *grown);
            if (!grown)
                return nomem(loader);
            if (b->group_count)
                memcpy(grown, b->groups, b->group_count * sizeof *grown);
            b->groups = grown;
            b->group_capacity = capacity;
        }
        subchart_group *group = &b->groups[b->group_count];
        memset(group, 0, sizeof *group);
        group->name = celm_arena_strndup(loader->arena, name, len);
        position = celm_value_int(loader->arena, (int64_t)b->group_count++);
        if (!group->name || !position ||
            celm_map_set(loader->arena, b->group_index, name, len, position) != CELM_OK)
            return nomem(loader);
    }
    celm_chart_file renamed = *file;
    renamed.name = name;
    return chart_files_append(loader, &b->groups[position->as.integer].files, &renamed);
}

/* The second pass: each file to its role, in the order given. */
static int classify(chart_builder *b, const celm_chart_file *file)
{
    const char *name = file->name;
    if (strcmp(name, "Chart.yaml") == 0)
        return CELM_OK;
    if (strcmp(name, "Chart.lock") == 0)
        return read_lock(b, file);
    if (strcmp(name, "values.yaml") == 0)
        return read_values(b, file);
    if (strcmp(name, "values.schema.json") == 0) {
        b->chart->schema = file;
        b->chart->schema_modtime = file->modtime;
        return CELM_OK;
    }
    if (strcmp(name, "requirements.yaml") == 0)
        return read_requirements(b, file);
    if (strcmp(name, "requirements.lock") == 0)
        return read_requirements_lock(b, file);
    if (strncmp(name, "templates/", 10) == 0)
        return chart_files_append(b->loader, &b->templates, file);
    if (strncmp(name, "charts/", 7) == 0 && strcmp(chart_path_ext(name), ".prov") != 0)
        return group_subchart_file(b, file);
    return chart_files_append(b->loader, &b->files, file);
}

/* A charts/<x>/ directory: each file without its first element; a file right in charts/ that is
 * not a .tgz leaves nothing, so its "chart" has no Chart.yaml. */
static int load_directory_group(chart_builder *b, const subchart_group *group, int nesting,
                                celm_chart **out)
{
    chart_file_list inner = {NULL, 0, 0};
    for (size_t i = 0; i < group->files.count; i++) {
        celm_chart_file file = group->files.items[i];
        const char *slash = strchr(file.name, '/');
        if (!slash)
            continue;
        file.name = slash + 1;
        if (chart_files_append(b->loader, &inner, &file) != CELM_OK)
            return CELM_ENOMEM;
    }
    const char *where = celm_arena_printf(b->loader->arena, "%scharts/%s/", b->where, group->name);
    if (!where)
        return nomem(b->loader);
    return chart_from_files(b->loader, &inner, where, nesting + 1, out);
}

static int load_group(chart_builder *b, const subchart_group *group, int nesting, celm_chart **out)
{
    const char *parent = b->chart->name;
    if (strcmp(chart_path_ext(group->name), ".tgz") != 0) {
        int status = load_directory_group(b, group, nesting, out);
        if (status != CELM_OK)
            chart_wrap(b->loader->err, "error unpacking subchart %s in %s", group->name, parent);
        return status;
    }
    const celm_chart_file *file = &group->files.items[0];
    if (strcmp(file->name, group->name) != 0)
        return chart_fail(b->loader, CELM_EINVAL, "error unpacking subchart tar in %s: expected %s, got %s",
                          parent, group->name, file->name);
    const char *where = celm_arena_printf(b->loader->arena, "%scharts/%s:", b->where, group->name);
    int status = where ? chart_from_archive(b->loader, (const unsigned char *)file->data, file->len, where,
                                            nesting + 1, out)
                       : nomem(b->loader);
    if (status != CELM_OK && status != CELM_ENOMEM)
        chart_wrap(b->loader->err, "error unpacking subchart %s in %s", group->name, parent);
    return status;
}

/* Subcharts, in the order their charts/ entries were first met; `_x` and `.x` are skipped. */
static int load_subcharts(chart_builder *b, int nesting)
{
    celm_chart *chart = b->chart;
    size_t size = (b->group_count + 1) * sizeof *chart->dependencies;
    chart->dependencies = celm_arena_alloc(b->loader->arena, size);
    if (!chart->dependencies)
        return nomem(b->loader);
    for (size_t i = 0; i < b->group_count; i++) {
        const subchart_group *group = &b->groups[i];
        if (group->name[0] == '_' || group->name[0] == '.')
            continue;
        celm_chart *sub = NULL;
        int status = load_group(b, group, nesting, &sub);
        if (status != CELM_OK)
            return status;
        sub->parent = chart;
        chart->dependencies[chart->dependency_count++] = sub;
    }
    return CELM_OK;
}

static int build(chart_builder *b, const chart_file_list *files, int nesting)
{
    int status = read_chart_yaml(b, files);
    for (size_t i = 0; status == CELM_OK && i < files->count; i++)
        status = classify(b, &files->items[i]);
    if (status != CELM_OK)
        return status;
    celm_chart *chart = b->chart;
    if (!chart->metadata)
        return chart_fail(b->loader, CELM_EINVAL, "Chart.yaml file is missing");
    if ((status = chart_validate_metadata(b->loader, chart->metadata)) != CELM_OK)
        return status;
    chart->name = celm_map_string(chart->metadata, "name");
    chart->templates = b->templates.items;
    chart->template_count = b->templates.count;
    chart->files = b->files.items;
    chart->file_count = b->files.count;
    if (!chart->values && !(chart->values = celm_value_map(b->loader->arena, 0)))
        return nomem(b->loader);
    return load_subcharts(b, nesting);
}

int chart_from_files(chart_loader *loader, const chart_file_list *files, const char *where,
                     int nesting, celm_chart **out)
{
    *out = NULL;
    if (nesting > CELM_CHART_MAX_NESTING)
        return chart_fail(loader, CELM_ELIMIT, "subcharts are nested more than %d levels deep (celm's limit)",
                          CELM_CHART_MAX_NESTING);
    chart_builder b;
    memset(&b, 0, sizeof b);
    b.loader = loader;
    b.where = where;
    b.chart = celm_arena_alloc(loader->arena, sizeof *b.chart);
    b.group_index = celm_value_map(loader->arena, 0);
    if (!b.chart || !b.group_index)
        return nomem(loader);
    memset(b.chart, 0, sizeof *b.chart);
    b.chart->arena = loader->arena;
    int status = build(&b, files, nesting);
    if (status == CELM_OK)
        *out = b.chart;
    return status;
}

int chart_from_archive(chart_loader *loader, const unsigned char *data, size_t len,
                       const char *where, int nesting, celm_chart **out)
{
    chart_file_list files;
    *out = NULL;
    if (nesting > CELM_CHART_MAX_NESTING)
        return chart_fail(loader, CELM_ELIMIT, "subcharts are nested more than %d levels deep (celm's limit)",
                          CELM_CHART_MAX_NESTING);
    int status = chart_read_archive(loader, data, len, &files);
    return status == CELM_OK ? chart_from_files(loader, &files, where, nesting, out) : status;
}
