/* chart_load.c: libcelm's chart loading API: Helm's loaders for a directory, a .tgz file or bytes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart_internal.h"

/* What the loader does with the chart's apiVersion: pkg/chart/loader's dispatch, or none (the
 * v2 loader called directly, as `helm show` and `helm dependency` do). */
typedef enum load_mode {
    LOAD_DISPATCH,
    LOAD_V2
} load_mode;

void chart_loader_init(chart_loader *loader, celm_arena *arena, celm_error *err)
{
    memset(loader, 0, sizeof *loader);
    loader->arena = arena;
    loader->err = err;
    loader->entries_left = CELM_CHART_MAX_ENTRIES;
    loader->bytes_left = CELM_CHART_MAX_TREE_SIZE;
}

/* Reads a whole file into the arena (NUL-terminated); `limit` guards memory. A fifo reads as
 * empty instead of blocking. */
static int read_file(chart_loader *loader, const char *path, int64_t limit, unsigned char **data,
                     size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return chart_fail_errno(loader, "open", path, errno);
    struct stat info;
    int status = fstat(fd, &info) == 0 ? CELM_OK : chart_fail_errno(loader, "stat", path, errno);
    if (status == CELM_OK && S_ISDIR(info.st_mode))
        status = chart_fail_errno(loader, "read", path, EISDIR);
    if (status == CELM_OK && info.st_size > limit)
        status = chart_fail(loader, CELM_ELIMIT, "%s is larger than %lld bytes (celm's limit)", path,
                            (long long)limit);
    size_t size = status == CELM_OK ? (size_t)info.st_size : 0, got = 0;
    unsigned char *buffer = status == CELM_OK ? celm_arena_alloc(loader->arena, size + 1) : NULL;
    if (status == CELM_OK && !buffer)
        status = chart_fail(loader, CELM_ENOMEM, "out of memory reading %s", path);
    while (status == CELM_OK && got < size) {
        ssize_t n = read(fd, buffer + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            status = chart_fail_errno(loader, "read", path, errno);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (status == CELM_OK) {
        buffer[got] = 0;
        *data = buffer;
        *len = got;
    }
    return status;
}

static const char *archive_where(chart_loader *loader, const char *name)
{
    const char *where = celm_arena_printf(loader->arena, "%s:", name);
    return where ? where : name;
}

/* The apiVersion switch of pkg/chart/loader: CELM_OK when the v2 loader takes the chart. */
static int dispatch_api_version(chart_loader *loader, const celm_chart_file *chart_yaml,
                                const char *origin)
{
    celm_value *base = NULL;
    if (chart_decode_document(loader, CHART_DOCUMENT_API_VERSION, chart_yaml, origin, &base) != CELM_OK)
        return chart_wrap(loader->err, "cannot load Chart.yaml");
    const char *version = celm_map_string(base, "apiVersion");
    if (!version[0] || strcmp(version, "v1") == 0 || strcmp(version, "v2") == 0)
        return CELM_OK;
    if (strcmp(version, "v3") == 0)   /* Helm's experimental v3 charts: not supported */
        return chart_fail(loader, CELM_EUNSUPPORTED, "invalid chart apiVersion");
    return chart_fail(loader, CELM_EUNSUPPORTED, "unsupported chart version");
}

/* v2 LoadDir. */
static int load_directory_v2(chart_loader *loader, const char *path, celm_chart **out)
{
    chart_file_list files = {NULL, 0, 0};
    char *root;
    int status = chart_path_absolute(loader, path, &root);
    if (status == CELM_OK)
        status = chart_read_directory(loader, path, &files);
    const char *where = status == CELM_OK ? celm_arena_printf(loader->arena, "%s/", root) : NULL;
    if (status == CELM_OK)
        status = chart_from_files(loader, &files, where ? where : root, 0, out);
    return status;
}

/* pkg/chart/loader.LoadDir: Chart.yaml is read for its apiVersion before anything else. */
static int load_directory(chart_loader *loader, const char *path, load_mode mode, celm_chart **out)
{
    if (mode == LOAD_V2)
        return load_directory_v2(loader, path, out);
    char *root;
    int status = chart_path_absolute(loader, path, &root);
    const char *name = status == CELM_OK ? celm_arena_printf(loader->arena, "%s/Chart.yaml", root) : NULL;
    if (status != CELM_OK || !name)
        return status != CELM_OK ? status : chart_fail(loader, CELM_ENOMEM, "out of memory");
    celm_chart_file chart_yaml;
    memset(&chart_yaml, 0, sizeof chart_yaml);
    unsigned char *data;
    status = read_file(loader, name, CELM_CHART_MAX_FILE_SIZE, &data, &chart_yaml.len);
    if (status == CELM_ELIMIT)  /* too big to read here: the walk refuses it with Helm's text */
        return load_directory_v2(loader, path, out);
    if (status != CELM_OK)
        return chart_wrap(loader->err, "unable to detect chart at %s", name);
    chart_yaml.data = (const char *)data;
    status = dispatch_api_version(loader, &chart_yaml, name);
    return status == CELM_OK ? load_directory_v2(loader, path, out) : status;
}

/* LoadFile's errors.Is(err, gzip.ErrHeader) case: the file is named around the cause. */
static int name_gzip_header_error(chart_loader *loader, const char *name, int status)
{
    if (!loader->gzip_header_error)
        return status;
    const char *before = celm_arena_printf(
        loader->arena, "file '%s' does not appear to be a valid chart file (details: ", name);
    chart_wrap_around(loader->err, before ? before : "", ")");
    return status;
}

/* v2 LoadFile's tail: LoadFiles on the archive's files. */
static int load_archive_v2(chart_loader *loader, const char *name, const chart_file_list *files,
                           celm_chart **out)
{
    int status = chart_from_files(loader, files, archive_where(loader, name), 0, out);
    return status == CELM_OK ? status : name_gzip_header_error(loader, name, status);
}

/* EnsureArchive, then LoadArchiveFiles; the dispatching loader hides the cause of most errors. */
static int read_archive_files(chart_loader *loader, const char *name, const unsigned char *data,
                              size_t len, load_mode mode, chart_file_list *files)
{
    int status = chart_ensure_archive(loader, name, data, len);
    if (status != CELM_OK)
        return status;
    status = chart_read_archive(loader, data, len, files);
    if (status == CELM_OK || status == CELM_ENOMEM)
        return status;
    if (loader->gzip_header_error)
        return name_gzip_header_error(loader, name, status);
    if (mode == LOAD_DISPATCH)
        chart_fail(loader, status, "unable to load chart archive");
    return status;
}

/* pkg/chart/loader.LoadFile: the archive's Chart.yaml decides the loader, then v2 LoadFile. */
static int load_archive(chart_loader *loader, const char *name, const unsigned char *data, size_t len,
                        load_mode mode, celm_chart **out)
{
    chart_file_list files = {NULL, 0, 0};
    int status = read_archive_files(loader, name, data, len, mode, &files);
    if (status != CELM_OK || mode == LOAD_V2)
        return status == CELM_OK ? load_archive_v2(loader, name, &files, out) : status;
    for (size_t i = 0; i < files.count; i++) {
        if (strcmp(files.items[i].name, "Chart.yaml") != 0)
            continue;
        const char *origin = celm_arena_printf(loader->arena, "%s:Chart.yaml", name);
        status = dispatch_api_version(loader, &files.items[i], origin ? origin : name);
        return status == CELM_OK ? load_archive_v2(loader, name, &files, out) : status;
    }
    return chart_fail(loader, CELM_EINVAL, "unable to detect chart version, no Chart.yaml found");
}

static int load_path(chart_loader *loader, const char *path, load_mode mode, celm_chart **out)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return chart_fail_errno(loader, "stat", path, errno);
    if (S_ISDIR(info.st_mode))
        return load_directory(loader, path, mode, out);
    unsigned char *data;
    size_t len;
    int status = read_file(loader, path, CELM_CHART_MAX_TREE_SIZE, &data, &len);
    if (status == CELM_OK)
        status = chart_take_bytes(loader, (int64_t)len);
    return status == CELM_OK ? load_archive(loader, path, data, len, mode, out) : status;
}

/* Hands the chart (which owns the arena) to the caller, or frees the arena on failure. */
static int finish_load(celm_arena *arena, int status, celm_chart *chart, const char *origin,
                  celm_chart **out, celm_error *err)
{
    if (status == CELM_OK) {
        *out = chart;
        return CELM_OK;
    }
    if (err && !err->origin[0])
        snprintf(err->origin, sizeof err->origin, "%s", origin);
    celm_arena_destroy(arena);
    return status;
}

static int load_with_mode(celm_chart **out, const char *path, load_mode mode, celm_error *err)
{
    *out = NULL;
    celm_error_clear(err);
    celm_arena *arena = celm_arena_create();
    if (!arena)
        return celm_error_set(err, CELM_ENOMEM, "out of memory loading %s", path);
    chart_loader loader;
    chart_loader_init(&loader, arena, err);
    celm_chart *chart = NULL;
    int status = load_path(&loader, path, mode, &chart);
    return finish_load(arena, status, chart, path, out, err);
}

int celm_chart_load(celm_chart **out, const char *path, celm_error *err)
{
    return load_with_mode(out, path, LOAD_DISPATCH, err);
}

int celm_chart_load_v2(celm_chart **out, const char *path, celm_error *err)
{
    return load_with_mode(out, path, LOAD_V2, err);
}

int celm_chart_load_archive(celm_chart **out, const void *data, size_t len, const char *origin,
                            celm_error *err)
{
    *out = NULL;
    celm_error_clear(err);
    celm_arena *arena = celm_arena_create();
    unsigned char *copy = arena ? celm_arena_alloc(arena, len + 1) : NULL;
    if (!copy) {
        celm_arena_destroy(arena);
        return celm_error_set(err, CELM_ENOMEM, "out of memory loading %s", origin);
    }
    if (len)
        memcpy(copy, data, len);
    chart_loader loader;
    chart_loader_init(&loader, arena, err);
    celm_chart *chart = NULL;
    int status = chart_take_bytes(&loader, (int64_t)len);
    if (status == CELM_OK)
        status = load_archive(&loader, origin, copy, len, LOAD_DISPATCH, &chart);
    return finish_load(arena, status, chart, origin, out, err);
}

void celm_chart_free(celm_chart *chart)
{
    if (chart)
        celm_arena_destroy(chart->arena);
}

const char *celm_chart_full_path(const celm_chart *chart)
{
    if (!chart->parent)
        return chart->name;
    const char *parent = celm_chart_full_path(chart->parent);
    const char *path = celm_arena_printf(chart->arena, "%s/charts/%s", parent, chart->name);
    return path ? path : chart->name;
}

int celm_chartfile_decode(celm_arena *arena, const celm_chart_file *file, int strict, celm_value **out,
                          celm_error *err)
{
    chart_loader loader;
    chart_loader_init(&loader, arena, err);
    *out = NULL;
    return chart_decode_document(&loader, strict ? CHART_DOCUMENT_METADATA_STRICT : CHART_DOCUMENT_METADATA, file,
                                 file->name, out);
}
