/* chart_expand.c: chartutil.Expand: a chart archive's files written verbatim under <dir>/<name>. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart_internal.h"
#include "os_file.h"

/* The chart's name from Chart.yaml, refused as helm refuses it; NULL when err was set. */
static const char *chart_name(chart_loader *loader, const chart_file_list *files)
{
    const char *name = "";
    for (size_t i = 0; i < files->count; i++) {
        if (strcmp(files->items[i].name, "Chart.yaml") != 0)
            continue;
        celm_value *metadata = NULL;
        if (celm_chartfile_decode(loader->arena, &files->items[i], 0, &metadata, loader->err) != CELM_OK) {
            chart_wrap(loader->err, "cannot load Chart.yaml");
            return NULL;
        }
        name = celm_map_string(metadata, "name");
    }
    if (!*name)
        chart_fail(loader, CELM_EINVAL, "chart name not specified");
    else if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        chart_fail(loader, CELM_EINVAL, "chart name %s is not allowed", chart_quoted(loader->arena, name, strlen(name)));
    else if (strchr(name, '/'))
        chart_fail(loader, CELM_EINVAL, "chart name %s must not contain path separators",
                   chart_quoted(loader->arena, name, strlen(name)));
    else
        return name;
    return NULL;
}

/* os.MkdirAll of every parent of `path` (modifies and restores it). */
static int make_parents(char *path, celm_error *err)
{
    for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        int failed = mkdir(path, 0755) != 0 && errno != EEXIST;
        int saved = errno;
        *slash = '/';
        if (failed)
            return celm_os_error(err, "mkdir", path, saved);
    }
    return CELM_OK;
}

static int write_file(celm_arena *arena, const char *chart_dir, const celm_chart_file *file, celm_error *err)
{
    if (strstr(file->name, "..") || file->name[0] == '/')
        return celm_error_set(err, CELM_EINVAL, "illegal file path in chart archive: %s", file->name);
    char *path = celm_arena_printf(arena, "%s/%s", chart_dir, file->name);
    if (!path)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    int status = make_parents(path, err);
    if (status != CELM_OK)
        return status;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return celm_os_error(err, "open", path, errno);
    size_t done = 0;
    while (done < file->len) {
        ssize_t wrote = write(fd, file->data + done, file->len - done);
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0) {
            int saved = errno;
            close(fd);
            return celm_os_error(err, "write", path, saved);
        }
        done += (size_t)wrote;
    }
    return close(fd) == 0 ? CELM_OK : celm_os_error(err, "close", path, errno);
}

int celm_chart_expand(const char *directory, const void *data, size_t len, celm_error *err)
{
    celm_arena *arena = celm_arena_create();
    if (!arena)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    chart_loader loader;
    chart_loader_init(&loader, arena, err);
    chart_file_list files = {NULL, 0, 0};
    int status = chart_read_archive(&loader, data, len, &files);
    const char *name = status == CELM_OK ? chart_name(&loader, &files) : NULL;
    char *chart_dir = name ? celm_arena_printf(arena, "%s/%s", directory, name) : NULL;
    if (name && !chart_dir)
        status = celm_error_set(err, CELM_ENOMEM, "out of memory");
    else if (!name && status == CELM_OK)
        status = err->code ? err->code : CELM_EINVAL;
    for (size_t i = 0; status == CELM_OK && i < files.count; i++)
        status = write_file(arena, chart_dir, &files.items[i], err);
    celm_arena_destroy(arena);
    return status;
}
