/* chart_directory.c: reading a chart directory as Helm's LoadDir walks it (internal/sympath). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart_internal.h"

typedef struct walk_directory {
    dev_t device;
    ino_t inode;
} walk_directory;

typedef struct walker {
    chart_loader *loader;
    const chart_ignore *rules;
    chart_file_list *files;
    celm_buffer path;           /* absolute path of the entry being visited */
    size_t root_len;            /* path.data + root_len is the chart-relative name */
    const char *root_real;      /* the chart root with its symlinks resolved */
    walk_directory stack[CELM_CHART_MAX_DIRECTORY_DEPTH + 1];
    int depth;
} walker;

static const char *relative_name(const walker *w)
{
    return w->path.data + w->root_len;
}

static celm_chart_time file_time(const struct stat *info)
{
    celm_chart_time time = {(int64_t)info->st_mtim.tv_sec, (int32_t)info->st_mtim.tv_nsec, 1};
    return time;
}

/* os.ReadFile into the arena, BOM stripped, NUL-terminated. */
static int read_file(walker *w, const struct stat *info)
{
    chart_loader *loader = w->loader;
    size_t size = (size_t)info->st_size;
    int status = chart_take_bytes(loader, (int64_t)size);
    if (status != CELM_OK)
        return status;
    char *data = celm_arena_alloc(loader->arena, size + 1);
    if (!data)
        return chart_fail(loader, CELM_ENOMEM, "out of memory reading %s", relative_name(w));
    int fd = open(w->path.data, O_RDONLY | O_CLOEXEC);
    size_t got = 0;
    while (fd >= 0 && got < size) {
        ssize_t n = read(fd, data + got, size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    int read_errno = errno;
    if (fd >= 0)
        close(fd);
    if (fd < 0 || got < size) {
        chart_fail_errno(loader, fd < 0 ? "open" : "read", w->path.data, fd < 0 ? read_errno : EIO);
        return chart_wrap(loader->err, "error reading %s", relative_name(w));
    }
    data[size] = 0;
    celm_chart_file file = {NULL, data, size, file_time(info)};
    if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        file.data += 3, file.len -= 3;
    file.name = celm_arena_strndup(loader->arena, relative_name(w), strlen(relative_name(w)));
    if (!file.name)
        return chart_fail(loader, CELM_ENOMEM, "out of memory");
    return chart_files_append(loader, w->files, &file);
}

/* The walk function's checks for a file (not a directory); `info` is the symlink's target's. */
static int visit_file(walker *w, const struct stat *info, const char *base_name)
{
    if (chart_ignore_match(w->rules, relative_name(w), 0))
        return CELM_OK;
    if (!S_ISREG(info->st_mode))
        return chart_fail(w->loader, CELM_EINVAL,
                          "cannot load irregular file %s as it has file mode type bits set",
                          w->path.data);
    if (info->st_size > CELM_CHART_MAX_FILE_SIZE) {
        const char *quoted = chart_quoted(w->loader->arena, base_name, strlen(base_name));
        return chart_fail(w->loader, CELM_ELIMIT,
                          "chart file %s is larger than the maximum file size %d",
                          quoted ? quoted : base_name, CELM_CHART_MAX_FILE_SIZE);
    }
    return read_file(w, info);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* readDirNames: the entries of the directory at w->path, sorted bytewise; malloc'd. */
static int read_names(walker *w, char ***out, size_t *out_count)
{
    DIR *directory = opendir(w->path.data);
    if (!directory)
        return chart_fail_errno(w->loader, "open", w->path.data, errno);
    char **names = NULL;
    size_t count = 0, capacity = 0;
    int status = CELM_OK;
    struct dirent *entry;
    while (status == CELM_OK && (entry = readdir(directory)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        status = chart_take_entry(w->loader);
        if (status == CELM_OK && count == capacity) {
            capacity = capacity ? capacity * 2 : 16;
            char **grown = realloc(names, capacity * sizeof *grown);
            status = grown ? CELM_OK : chart_fail(w->loader, CELM_ENOMEM, "out of memory");
            names = grown ? grown : names;
        }
        if (status == CELM_OK && !(names[count++] = strdup(entry->d_name)))
            status = chart_fail(w->loader, CELM_ENOMEM, "out of memory");
    }
    closedir(directory);
    if (count > 1)
        qsort(names, count, sizeof *names, compare_names);
    *out = names;
    *out_count = count;
    return status;
}

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

static int visit(walker *w, const struct stat *info, const char *base_name);

/* Visits every entry of the directory at w->path, in lexical order. */
static int walk_children(walker *w)
{
    char **names = NULL;
    size_t count = 0;
    int status = read_names(w, &names, &count);
    size_t length = w->path.len;
    for (size_t i = 0; status == CELM_OK && i < count; i++) {
        w->path.len = length;
        if (w->path.data[length - 1] != '/')
            celm_buffer_append_char(&w->path, '/');
        celm_buffer_append_str(&w->path, names[i]);
        struct stat info;
        if (w->path.failed)
            status = chart_fail(w->loader, CELM_ENOMEM, "out of memory");
        else if (lstat(w->path.data, &info) != 0)
            status = chart_fail_errno(w->loader, "lstat", w->path.data, errno);
        else
            status = visit(w, &info, names[i]);
    }
    w->path.len = length;
    w->path.data[length] = 0;
    free_names(names, count);
    return status;
}

static int on_walk_stack(const walker *w, const struct stat *info)
{
    for (int i = 0; i <= w->depth; i++)
        if (w->stack[i].device == info->st_dev && w->stack[i].inode == info->st_ino)
            return 1;
    return 0;
}

static int visit_directory(walker *w, const struct stat *info)
{
    if (chart_ignore_match(w->rules, relative_name(w), 1))
        return CELM_OK;
    if (on_walk_stack(w, info))
        return chart_fail(w->loader, CELM_ELIMIT,
                          "refusing symlink %s: it leads back into a directory being loaded",
                          w->path.data);
    if (w->depth >= CELM_CHART_MAX_DIRECTORY_DEPTH)
        return chart_fail(w->loader, CELM_ELIMIT,
                          "chart directory %s is nested more than %d levels deep (celm's limit)",
                          w->path.data, CELM_CHART_MAX_DIRECTORY_DEPTH);
    w->depth++;
    w->stack[w->depth].device = info->st_dev;
    w->stack[w->depth].inode = info->st_ino;
    int status = walk_children(w);
    w->depth--;
    return status;
}

/* Helm follows symlinks anywhere; celm follows them only inside the chart directory (a link
 * that .helmignore skips is not followed, but Helm still resolves it first and fails when it
 * cannot). */
static int visit_symlink(walker *w)
{
    char *resolved;
    int status = chart_path_resolve(w->loader, w->path.data, &resolved);
    if (status != CELM_OK)
        return status;
    struct stat info;
    if (lstat(resolved, &info) != 0)
        return chart_fail_errno(w->loader, "lstat", resolved, errno);
    if (chart_ignore_match(w->rules, relative_name(w), S_ISDIR(info.st_mode)))
        return CELM_OK;
    size_t root_len = strlen(w->root_real);
    int inside = strncmp(resolved, w->root_real, root_len) == 0 &&
                 (resolved[root_len] == '/' || resolved[root_len] == 0 || root_len == 1);
    if (!inside)
        return chart_fail(w->loader, CELM_EINVAL,
                          "refusing symlink %s: it resolves to %s, outside the chart directory %s",
                          w->path.data, resolved, w->root_real);
    const char *base;
    size_t base_len;
    chart_path_base(resolved, strlen(resolved), &base, &base_len);
    return visit(w, &info, base);
}

/* symwalk for one entry; `base_name` is what Go's FileInfo.Name() gives (the target's name for a
 * symlink, which Helm prints in its size error). */
static int visit(walker *w, const struct stat *info, const char *base_name)
{
    if (S_ISLNK(info->st_mode))
        return visit_symlink(w);
    if (S_ISDIR(info->st_mode))
        return visit_directory(w, info);
    return visit_file(w, info, base_name);
}

/* Reads the .helmignore at `path`. One over the file size limit is refused as the walk would
 * refuse it (Helm reads it first, then fails on it unless it ignores itself). */
static int read_ignore_file(chart_loader *loader, const char *path, celm_buffer *text)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return chart_fail_errno(loader, "open", path, errno);
    char chunk[65536];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0 && text->len <= CELM_CHART_MAX_FILE_SIZE)
        celm_buffer_append(text, chunk, (size_t)n);
    int read_errno = errno;
    close(fd);
    if (n < 0)
        return chart_fail_errno(loader, "read", path, read_errno);
    if (text->len > CELM_CHART_MAX_FILE_SIZE)
        return chart_fail(loader, CELM_ELIMIT,
                          "chart file \".helmignore\" is larger than the maximum file size %d",
                          CELM_CHART_MAX_FILE_SIZE);
    return text->failed ? chart_fail(loader, CELM_ENOMEM, "out of memory") : CELM_OK;
}

/* The rules of <root>/.helmignore when it exists (os.Stat follows links), else only the default. */
static int load_rules(chart_loader *loader, const char *root, const chart_ignore **out)
{
    const char *path = celm_arena_printf(loader->arena, "%s/.helmignore", root);
    if (!path)
        return chart_fail(loader, CELM_ENOMEM, "out of memory");
    struct stat info;
    celm_buffer text;
    celm_buffer_init(&text);
    int status = stat(path, &info) == 0 ? read_ignore_file(loader, path, &text) : CELM_OK;
    chart_ignore *rules = NULL;
    if (status == CELM_OK)
        status = chart_ignore_parse(loader, text.data ? text.data : "", text.len, &rules);
    celm_buffer_free(&text);
    *out = rules;
    return status;
}

int chart_read_directory(chart_loader *loader, const char *directory, chart_file_list *out)
{
    char *root;
    int status = chart_path_absolute(loader, directory, &root);
    walker w;
    memset(&w, 0, sizeof w);
    w.loader = loader;
    w.files = out;
    if (status == CELM_OK)
        status = load_rules(loader, root, &w.rules);
    char *root_real = NULL;
    if (status == CELM_OK)
        status = chart_path_resolve(loader, root, &root_real);
    struct stat info;
    if (status == CELM_OK && stat(root, &info) != 0)
        status = chart_fail_errno(loader, "lstat", root, errno);
    if (status != CELM_OK)
        return status;
    w.root_real = root_real;
    w.stack[0].device = info.st_dev;
    w.stack[0].inode = info.st_ino;
    celm_buffer_init(&w.path);
    celm_buffer_append_str(&w.path, root);
    w.root_len = strlen(root) + (strcmp(root, "/") != 0);
    status = w.path.failed ? chart_fail(loader, CELM_ENOMEM, "out of memory") : walk_children(&w);
    celm_buffer_free(&w.path);
    return status;
}
