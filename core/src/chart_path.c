/* chart_path.c: Go's path.Clean, filepath.Base/Ext/Abs and EvalSymlinks for '/' paths. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart_internal.h"

#define MAX_LINKS_WALKED 255    /* Go's EvalSymlinks gives up after this many links */

/* Appends one element of a cleaned path, resolving "..". `rooted` paths never climb above "/". */
static void clean_push(celm_buffer *out, size_t floor, int rooted, const char *element, size_t len)
{
    if (len == 1 && element[0] == '.')
        return;
    if (len == 2 && element[0] == '.' && element[1] == '.') {
        size_t last = out->len;
        while (last > floor && out->data[last - 1] != '/')
            last--;
        int top_is_dotdot = out->len - last == 2 && out->data[last] == '.' && out->data[last + 1] == '.';
        if (out->len > floor && !top_is_dotdot) {
            out->len = last > floor ? last - 1 : floor;
            return;
        }
        if (rooted)
            return;
    }
    if (out->len > floor)
        celm_buffer_append_char(out, '/');
    celm_buffer_append(out, element, len);
}

char *celm_path_clean(celm_arena *arena, const char *path, size_t len)
{
    return chart_path_clean(arena, path, len);
}

const char *celm_path_ext(const char *path)
{
    return chart_path_ext(path);
}

char *chart_path_clean(celm_arena *arena, const char *path, size_t len)
{
    celm_buffer out;
    celm_buffer_init(&out);
    int rooted = len > 0 && path[0] == '/';
    if (rooted)
        celm_buffer_append_char(&out, '/');
    size_t floor = out.len;
    for (size_t at = 0; at < len;) {
        while (at < len && path[at] == '/')
            at++;
        size_t end = at;
        while (end < len && path[end] != '/')
            end++;
        if (end > at)
            clean_push(&out, floor, rooted, path + at, end - at);
        at = end;
    }
    if (out.len == 0)
        celm_buffer_append_char(&out, '.');
    celm_string cleaned;
    if (celm_buffer_finish(&out, arena, &cleaned) != CELM_OK)
        return NULL;
    return (char *)cleaned.data;
}

void chart_path_base(const char *path, size_t len, const char **base, size_t *base_len)
{
    if (len == 0) {
        *base = ".";
        *base_len = 1;
        return;
    }
    while (len > 0 && path[len - 1] == '/')
        len--;
    if (len == 0) {
        *base = "/";
        *base_len = 1;
        return;
    }
    size_t start = len;
    while (start > 0 && path[start - 1] != '/')
        start--;
    *base = path + start;
    *base_len = len - start;
}

const char *chart_path_ext(const char *path)
{
    size_t len = strlen(path);
    for (size_t at = len; at > 0 && path[at - 1] != '/'; at--)
        if (path[at - 1] == '.')
            return path + at - 1;
    return path + len;
}

/* os.Getwd: $PWD when it names the working directory, else getcwd(3). */
static int working_directory(chart_loader *loader, char **out)
{
    const char *pwd = getenv("PWD");
    struct stat dot, named;
    if (pwd && pwd[0] == '/' && stat(".", &dot) == 0 && stat(pwd, &named) == 0 &&
        dot.st_dev == named.st_dev && dot.st_ino == named.st_ino) {
        *out = celm_arena_strndup(loader->arena, pwd, strlen(pwd));
        return *out ? CELM_OK : chart_fail(loader, CELM_ENOMEM, "out of memory");
    }
    char buffer[PATH_MAX];
    if (!getcwd(buffer, sizeof buffer))
        return chart_fail_errno(loader, "getwd", "", errno);
    *out = celm_arena_strndup(loader->arena, buffer, strlen(buffer));
    return *out ? CELM_OK : chart_fail(loader, CELM_ENOMEM, "out of memory");
}

int chart_path_absolute(chart_loader *loader, const char *path, char **out)
{
    const char *joined = path;
    if (path[0] != '/') {
        char *directory;
        int status = working_directory(loader, &directory);
        if (status != CELM_OK)
            return status;
        joined = celm_arena_printf(loader->arena, "%s/%s", directory, path);
    }
    *out = joined ? chart_path_clean(loader->arena, joined, strlen(joined)) : NULL;
    return *out ? CELM_OK : chart_fail(loader, CELM_ENOMEM, "out of memory");
}

/* The state of EvalSymlinks: the resolved prefix `dest`, and what is left to walk in `rest`. */
typedef struct resolver {
    chart_loader *loader;
    celm_buffer dest;
    char *rest;
    size_t at;
    int links;
} resolver;

static void drop_last_element(resolver *r)
{
    size_t last = r->dest.len;
    while (last > 1 && r->dest.data[last - 1] != '/')
        last--;
    r->dest.len = last > 1 ? last - 1 : 1;
    r->dest.data[r->dest.len] = 0;
}

/* A symlink at dest: continue with its target followed by what was left. */
static int follow_link(resolver *r, const char *element_end)
{
    if (++r->links > MAX_LINKS_WALKED)
        return chart_fail(r->loader, CELM_EIO, "EvalSymlinks: too many links");
    char target[PATH_MAX];
    ssize_t len = readlink(r->dest.data, target, sizeof target - 1);
    if (len < 0)
        return chart_fail_errno(r->loader, "readlink", r->dest.data, errno);
    size_t rest_len = strlen(element_end);
    char *next = malloc((size_t)len + rest_len + 1);
    if (!next)
        return chart_fail(r->loader, CELM_ENOMEM, "out of memory");
    memcpy(next, target, (size_t)len);
    memcpy(next + len, element_end, rest_len + 1);
    free(r->rest);
    r->rest = next;
    r->at = 0;
    if (len > 0 && target[0] == '/') {
        r->dest.len = 1;
        r->dest.data[1] = 0;
    } else
        drop_last_element(r);
    return CELM_OK;
}

/* Walks one path element of r->rest into r->dest; *done is set when nothing is left. */
static int resolve_element(resolver *r, int *done)
{
    const char *rest = r->rest;
    size_t start = r->at;
    while (rest[start] == '/')
        start++;
    size_t end = start;
    while (rest[end] && rest[end] != '/')
        end++;
    r->at = end;
    if (end == start) {
        *done = 1;
        return CELM_OK;
    }
    if (end - start == 1 && rest[start] == '.')
        return CELM_OK;
    if (end - start == 2 && rest[start] == '.' && rest[start + 1] == '.') {
        drop_last_element(r);
        return CELM_OK;
    }
    if (r->dest.data[r->dest.len - 1] != '/')
        celm_buffer_append_char(&r->dest, '/');
    celm_buffer_append(&r->dest, rest + start, end - start);
    if (r->dest.failed)
        return chart_fail(r->loader, CELM_ENOMEM, "out of memory");
    struct stat info;
    if (lstat(r->dest.data, &info) != 0)
        return chart_fail_errno(r->loader, "lstat", r->dest.data, errno);
    if (S_ISLNK(info.st_mode))
        return follow_link(r, rest + end);
    if (!S_ISDIR(info.st_mode) && rest[end] != 0) {
        char text[128];
        return chart_fail(r->loader, CELM_EIO, "%s", celm_errno_text(ENOTDIR, text, sizeof text));
    }
    return CELM_OK;
}

/* Our links are absolute (the walk joins them to an absolute root), so dest starts at "/". */
static int resolve_absolute(chart_loader *loader, const char *link, char **out)
{
    resolver r = {loader, {0}, NULL, 0, 0};
    celm_buffer_init(&r.dest);
    celm_buffer_append(&r.dest, "/", 1);
    r.rest = strdup(link);
    int status = r.rest ? CELM_OK : chart_fail(loader, CELM_ENOMEM, "out of memory");
    for (int done = 0; status == CELM_OK && !done;)
        status = resolve_element(&r, &done);
    if (status == CELM_OK && !r.dest.failed)
        *out = chart_path_clean(loader->arena, r.dest.data, r.dest.len);
    else if (status == CELM_OK)
        status = chart_fail(loader, CELM_ENOMEM, "out of memory");
    free(r.rest);
    celm_buffer_free(&r.dest);
    return status;
}

int chart_path_resolve(chart_loader *loader, const char *link, char **out)
{
    *out = NULL;
    int status = resolve_absolute(loader, link, out);
    if (status == CELM_OK && !*out)
        status = chart_fail(loader, CELM_ENOMEM, "out of memory");
    if (status != CELM_OK && status != CELM_ENOMEM)
        chart_wrap(loader->err, "error evaluating symlink %s", link);
    return status;
}

const char *celm_path_absolute(celm_arena *arena, const char *path)
{
    chart_loader loader;
    celm_error err = CELM_ERROR_INIT;
    chart_loader_init(&loader, arena, &err);
    char *absolute;
    return chart_path_absolute(&loader, path, &absolute) == CELM_OK ? absolute : NULL;
}
