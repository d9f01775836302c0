/* fixture.c: building chart fixtures for the chart tests: directories, links and .tgz archives. */
#define _XOPEN_SOURCE 700
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixture.h"

char *fixture_directory(void)
{
    const char *base = getenv("TMPDIR");
    char *path = fixture_path(base && base[0] ? base : "/tmp", "celm-chart-test-XXXXXX");
    if (path && !mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *walk)
{
    (void)info, (void)flag, (void)walk;
    return remove(path);
}

void fixture_remove(const char *root)
{
    if (root)
        nftw(root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *fixture_path(const char *root, const char *path)
{
    size_t size = strlen(root) + strlen(path) + 2;
    char *joined = malloc(size);
    if (joined)
        snprintf(joined, size, "%s/%s", root, path);
    return joined;
}

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

int fixture_write(const char *root, const char *path, const char *data, size_t len)
{
    char *full = fixture_path(root, path);
    FILE *out = full && make_parents(full) == 0 ? fopen(full, "wb") : NULL;
    int status = out && (len == 0 || fwrite(data, 1, len, out) == len) ? 0 : -1;
    if (out && fclose(out) != 0)
        status = -1;
    free(full);
    return status;
}

int fixture_write_text(const char *root, const char *path, const char *text)
{
    return fixture_write(root, path, text, strlen(text));
}

int fixture_symlink(const char *root, const char *path, const char *target)
{
    char *full = fixture_path(root, path);
    int status = full && make_parents(full) == 0 && symlink(target, full) == 0 ? 0 : -1;
    free(full);
    return status;
}

int fixture_fifo(const char *root, const char *path)
{
    char *full = fixture_path(root, path);
    int status = full && make_parents(full) == 0 && mkfifo(full, 0644) == 0 ? 0 : -1;
    free(full);
    return status;
}

int fixture_mkdir(const char *root, const char *path)
{
    char *full = fixture_path(root, path);
    int status = full && make_parents(full) == 0 && (mkdir(full, 0755) == 0 || errno == EEXIST) ? 0 : -1;
    free(full);
    return status;
}

int fixture_chart_yaml(const char *root, const char *directory, const char *name)
{
    char text[512], path[512];
    snprintf(text, sizeof text, "apiVersion: v2\nname: %s\nversion: 0.1.0\n", name);
    snprintf(path, sizeof path, "%s%sChart.yaml", directory, directory[0] ? "/" : "");
    return fixture_write_text(root, path, text);
}

static int write_zeros(struct archive *archive, size_t len)
{
    static const char zeros[65536];
    while (len > 0) {
        size_t chunk = len < sizeof zeros ? len : sizeof zeros;
        if (archive_write_data(archive, zeros, chunk) != (la_ssize_t)chunk)
            return -1;
        len -= chunk;
    }
    return 0;
}

static int write_entry(struct archive *archive, const fixture_entry *item)
{
    struct archive_entry *entry = archive_entry_new();
    if (!entry)
        return -1;
    archive_entry_set_pathname(entry, item->name);
    archive_entry_set_mtime(entry, 1700000000, 0);
    int status = 0;
    switch (item->type) {
    case FIXTURE_FILE:
        archive_entry_set_filetype(entry, AE_IFREG);
        archive_entry_set_perm(entry, 0644);
        archive_entry_set_size(entry, (la_int64_t)item->len);
        break;
    case FIXTURE_DIRECTORY:
        archive_entry_set_filetype(entry, AE_IFDIR);
        archive_entry_set_perm(entry, 0755);
        break;
    case FIXTURE_SYMLINK:
        archive_entry_set_filetype(entry, AE_IFLNK);
        archive_entry_set_symlink(entry, item->data);
        break;
    case FIXTURE_FIFO:
        archive_entry_set_filetype(entry, AE_IFIFO);
        break;
    }
    if (archive_write_header(archive, entry) != ARCHIVE_OK)
        status = -1;
    else if (item->type == FIXTURE_FILE && item->data && item->len &&
             archive_write_data(archive, item->data, item->len) != (la_ssize_t)item->len)
        status = -1;
    else if (item->type == FIXTURE_FILE && !item->data)
        status = write_zeros(archive, item->len);
    archive_entry_free(entry);
    return status;
}

int fixture_tgz(const fixture_entry *entries, size_t count, char **out, size_t *out_len)
{
    size_t capacity = 1 << 20;
    for (size_t i = 0; i < count; i++)
        capacity += entries[i].len / 64 + 1024;
    char *buffer = malloc(capacity);
    struct archive *archive = archive_write_new();
    size_t used = 0;
    int status = buffer && archive ? 0 : -1;
    if (status == 0 && (archive_write_add_filter_gzip(archive) != ARCHIVE_OK ||
                        archive_write_set_filter_option(archive, "gzip", "compression-level", "1") != ARCHIVE_OK ||
                        archive_write_set_format_pax_restricted(archive) != ARCHIVE_OK ||
                        archive_write_open_memory(archive, buffer, capacity, &used) != ARCHIVE_OK))
        status = -1;
    for (size_t i = 0; status == 0 && i < count; i++)
        status = write_entry(archive, &entries[i]);
    if (archive && archive_write_close(archive) != ARCHIVE_OK)
        status = -1;
    archive_write_free(archive);
    if (status != 0) {
        free(buffer);
        return -1;
    }
    *out = buffer;
    *out_len = used;
    return 0;
}

int fixture_write_tgz(const char *root, const char *path, const fixture_entry *entries, size_t count)
{
    char *data;
    size_t len;
    if (fixture_tgz(entries, count, &data, &len) != 0)
        return -1;
    int status = fixture_write(root, path, data, len);
    free(data);
    return status;
}
