/* manifest_write.c: `helm template --output-dir`: rendered documents written to files. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buffer.h"
#include "celm/celm.h"
#include "directories.h"
#include "manifest_internal.h"

typedef struct file_writer {
    celm_arena *arena;
    const char *output_dir;
    celm_buffer wrote;
    const char **written;           /* paths written by this run (helm's fileWritten map) */
    size_t written_count, written_capacity;
    celm_error *err;
    int status;
} file_writer;

static int was_written(const file_writer *w, const char *path)
{
    for (size_t i = 0; i < w->written_count; i++)
        if (strcmp(w->written[i], path) == 0)
            return 1;
    return 0;
}

static void remember(file_writer *w, const char *path)
{
    if (was_written(w, path))
        return;
    if (w->written_count == w->written_capacity) {
        size_t capacity = w->written_capacity ? 2 * w->written_capacity : 16;
        const char **grown = celm_arena_alloc(w->arena, capacity * sizeof *grown);
        if (!grown) {
            w->status = celm_error_set(w->err, CELM_ENOMEM, "out of memory writing templates");
            return;
        }
        if (w->written_count)
            memcpy(grown, w->written, w->written_count * sizeof *grown);
        w->written = grown;
        w->written_capacity = capacity;
    }
    w->written[w->written_count++] = path;
}

static int system_error(file_writer *w, const char *operation, const char *path)
{
    char reason[128];
    return w->status = celm_error_set(w->err, CELM_EIO, "%s %s: %s", operation, path,
                                      celm_errno_text(errno, reason, sizeof reason));
}

/* The directory part of a file name, as filepath.Dir gives it (not cleaned further). */
static const char *directory_of(celm_arena *arena, const char *file)
{
    const char *slash = strrchr(file, '/');
    return slash ? celm_arena_strndup(arena, file, slash == file ? 1 : (size_t)(slash - file)) : ".";
}

static int ensure_directory(file_writer *w, const char *file)
{
    const char *directory = directory_of(w->arena, file);
    struct stat info;
    if (stat(directory, &info) != 0 && errno != ENOENT)
        return system_error(w, "stat", directory);
    if (celm_mkdir_all(directory, w->err) != CELM_OK)
        return w->status = CELM_EIO;
    return CELM_OK;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n, len -= (size_t)n;
    }
    return 0;
}

/* helm's writeToFile: "<dir>/<name>" created (or appended to) with one "# Source:" document. */
static void write_document(file_writer *w, const char *dir, const char *name, const char *data, size_t len,
                           int append)
{
    if (w->status != CELM_OK)
        return;
    const char *file = celm_arena_printf(w->arena, "%s/%s", dir, name);
    if (!file || ensure_directory(w, file) != CELM_OK)
        return;
    int fd = append ? open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
                    : open(file, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        system_error(w, "open", file);
        return;
    }
    int failed = write_all(fd, "---\n# Source: ", 14) || write_all(fd, name, strlen(name)) ||
                 write_all(fd, "\n", 1) || write_all(fd, data, len) || write_all(fd, "\n", 1);
    if (failed)
        system_error(w, "write", file);
    close(fd);
    if (!failed) {
        celm_buffer_append_str(&w->wrote, "wrote ");
        celm_buffer_append_str(&w->wrote, file);
        celm_buffer_append_char(&w->wrote, '\n');
    }
}

static void write_crd(void *payload, const char *path, const char *data, size_t len)
{
    file_writer *w = payload;
    write_document(w, w->output_dir, path, data, len, was_written(w, path));
    remember(w, path);
}

/* template.go writes hooks after the action's manifests, appending to any file already there. */
static void write_hooks(file_writer *w, const celm_sorted_release *release, const celm_template_output_options *options,
                        const char *dir)
{
    for (size_t i = 0; !options->no_hooks && i < release->hook_count && w->status == CELM_OK; i++) {
        const celm_hook *hook = &release->hooks[i];
        if (options->skip_tests && manifest_hook_is_test(hook))
            continue;
        struct stat info;
        int exists = stat(celm_arena_printf(w->arena, "%s/%s", dir, hook->path), &info) == 0;
        write_document(w, dir, hook->path, hook->manifest.data, hook->manifest.len, exists);
    }
}

int celm_template_write_files(celm_arena *arena, const celm_sorted_release *release, const celm_chart *crd_chart,
                              const celm_template_output_options *options, celm_string *wrote, celm_error *err)
{
    file_writer w = {arena, options->output_dir, {0}, NULL, 0, 0, err, CELM_OK};
    celm_buffer_init(&w.wrote);
    const char *dir = options->output_dir;
    if (options->release_dir) { /* filepath.Join, which cleans */
        const char *joined = celm_arena_printf(arena, "%s/%s", options->output_dir, options->release_dir);
        dir = joined ? celm_path_clean(arena, joined, strlen(joined)) : NULL;
    }
    if (!dir)
        return celm_error_set(err, CELM_ENOMEM, "out of memory writing templates");
    if (crd_chart)
        celm_chart_each_crd(arena, crd_chart, write_crd, &w);
    for (size_t i = 0; i < release->manifest_count && w.status == CELM_OK; i++) {
        const celm_manifest *m = &release->manifests[i];
        write_document(&w, dir, m->path, m->content.data, m->content.len, was_written(&w, m->path));
        remember(&w, m->path);
    }
    write_hooks(&w, release, options, dir);
    if (celm_buffer_finish(&w.wrote, arena, wrote) != CELM_OK && w.status == CELM_OK)
        w.status = celm_error_set(err, CELM_ENOMEM, "out of memory writing templates");
    return w.status;
}
