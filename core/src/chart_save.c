/* chart_save.c: Helm's chartutil.Save: a chart tree written to <name>-<version>.tgz. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zlib.h>

#include "buffer.h"
#include "celm/celm.h"
#include "directories.h"
#include "go_quote.h"
#include "libarchive_lazy.h"

/* Helm's gzip header: an extra field "rr" of 40 bytes, and the comment "Helm". */
static const unsigned char gzip_extra[] = "rr\x28\x00" "aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=";

typedef struct saver {
    const celm_libarchive *la;
    struct archive *tar;
    celm_buffer tar_bytes;
    celm_arena *arena;
    celm_error *err;
    int status;
} saver;

static la_ssize_t collect_tar(struct archive *archive, void *data, const void *bytes, size_t len)
{
    (void)archive;
    celm_buffer_append(&((saver *)data)->tar_bytes, bytes, len);
    return (la_ssize_t)len;
}

/* Go's tar writer rounds a file time to the nearest second; a zero time becomes now. */
static time_t tar_time(const celm_chart_time *time_value)
{
    if (!time_value->set)
        return time(NULL);
    return (time_t)(time_value->seconds + (time_value->nanoseconds >= 500000000 ? 1 : 0));
}

static void add_entry(saver *s, const char *name, const char *data, size_t len, const celm_chart_time *modtime)
{
    if (s->status != CELM_OK)
        return;
    const celm_libarchive *la = s->la;
    struct archive_entry *entry = la->archive_entry_new();
    la->archive_entry_set_pathname(entry, name);
    la->archive_entry_set_filetype(entry, AE_IFREG);
    la->archive_entry_set_perm(entry, 0644);
    la->archive_entry_set_size(entry, (la_int64_t)len);
    la->archive_entry_set_mtime(entry, tar_time(modtime), 0);
    if (la->archive_write_header(s->tar, entry) != ARCHIVE_OK || (len && la->archive_write_data(s->tar, data, len) < 0))
        s->status = celm_error_set(s->err, CELM_EIO, "writing %s: %s", name, la->archive_error_string(s->tar));
    la->archive_entry_free(entry);
}

static void add_chart(saver *s, const celm_chart *chart, const char *prefix)
{
    const char *base = *prefix ? celm_arena_printf(s->arena, "%s/%s", prefix, chart->name) : chart->name;
    const celm_value *api = celm_map_cget(chart->metadata, "apiVersion");
    int v1 = api && api->kind == CELM_VALUE_STRING && strcmp(api->as.string.data, "v1") == 0;
    celm_string chart_yaml;
    if (celm_chart_metadata_yaml(s->arena, chart, v1, &chart_yaml, s->err) != CELM_OK) {
        s->status = CELM_EFAIL;
        return;
    }
    add_entry(s, celm_arena_printf(s->arena, "%s/Chart.yaml", base), chart_yaml.data, chart_yaml.len, &chart->modtime);
    if (!v1 && chart->lock)
        add_entry(s, celm_arena_printf(s->arena, "%s/Chart.lock", base), chart->lock->data, chart->lock->len,
                  &chart->lock->modtime);
    if (chart->values_file)
        add_entry(s, celm_arena_printf(s->arena, "%s/values.yaml", base), chart->values_file->data,
                  chart->values_file->len, &chart->values_file->modtime);
    if (chart->schema)
        add_entry(s, celm_arena_printf(s->arena, "%s/values.schema.json", base), chart->schema->data, chart->schema->len,
                  &chart->schema_modtime);
    for (size_t i = 0; i < chart->template_count; i++)
        add_entry(s, celm_arena_printf(s->arena, "%s/%s", base, chart->templates[i].name), chart->templates[i].data,
                  chart->templates[i].len, &chart->templates[i].modtime);
    for (size_t i = 0; i < chart->file_count; i++)
        add_entry(s, celm_arena_printf(s->arena, "%s/%s", base, chart->files[i].name), chart->files[i].data,
                  chart->files[i].len, &chart->files[i].modtime);
    for (size_t i = 0; i < chart->dependency_count; i++)
        add_chart(s, chart->dependencies[i], celm_arena_printf(s->arena, "%s/charts", base));
}

/* gzip the tar with Go's choices: default level, no name, mtime 0, OS unknown, Helm's extra. */
static int write_gzip(const celm_buffer *tar, const char *path, celm_error *err)
{
    char reason[128];
    FILE *out = fopen(path, "wb");
    if (!out)
        return celm_error_set(err, CELM_EIO, "open %s: %s", path, celm_errno_text(errno, reason, sizeof reason));
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    gz_header header;
    memset(&header, 0, sizeof header);
    header.extra = (Bytef *)gzip_extra;
    header.extra_len = sizeof gzip_extra - 1;
    header.comment = (Bytef *)"Helm";
    header.os = 255;
    int ok = deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK &&
             deflateSetHeader(&stream, &header) == Z_OK;
    unsigned char chunk[65536];
    stream.next_in = (Bytef *)tar->data;
    stream.avail_in = (uInt)tar->len;
    for (int result = Z_OK; ok && result != Z_STREAM_END;) {
        stream.next_out = chunk;
        stream.avail_out = sizeof chunk;
        result = deflate(&stream, Z_FINISH);
        ok = result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR;
        if (ok && fwrite(chunk, 1, sizeof chunk - stream.avail_out, out) != sizeof chunk - stream.avail_out)
            ok = 0;
    }
    deflateEnd(&stream);
    if (fclose(out) != 0 || !ok) {
        remove(path);
        return celm_error_set(err, CELM_EIO, "write %s: compression failed", path);
    }
    return CELM_OK;
}

static int prepare_directory(const char *directory, celm_error *err)
{
    struct stat info;
    char reason[128];
    if (stat(directory, &info) != 0) {
        if (errno != ENOENT)
            return celm_error_set(err, CELM_EIO, "stat %s: %s", directory, celm_errno_text(errno, reason, sizeof reason));
        return celm_mkdir_all(directory, err);
    } else if (!S_ISDIR(info.st_mode)) {
        return celm_error_set(err, CELM_EINVAL, "is not a directory: %s", directory);
    }
    return CELM_OK;
}

int celm_chart_save(const celm_chart *chart, const char *directory, const char **out_path, celm_error *err)
{
    const celm_value *version = celm_map_cget(chart->metadata, "version");
    const char *path = celm_arena_printf(chart->arena, "%s/%s-%s.tgz", directory, chart->name,
                                         version && version->kind == CELM_VALUE_STRING ? version->as.string.data : "");
    int status = prepare_directory(directory, err);
    if (status != CELM_OK)
        return status;
    const char *why;
    const celm_libarchive *la = celm_libarchive_load(&why);
    if (!la)
        return celm_error_set(err, CELM_EFAIL, "cannot write chart archives: %s", why);
    saver s = {la, la->archive_write_new(), {0}, chart->arena, err, CELM_OK};
    celm_buffer_init(&s.tar_bytes);
    la->archive_write_set_format_pax_restricted(s.tar);
    la->archive_write_set_bytes_in_last_block(s.tar, 1);
    if (la->archive_write_open(s.tar, &s, NULL, collect_tar, NULL) != ARCHIVE_OK)
        s.status = celm_error_set(err, CELM_EIO, "cannot start the archive: %s", la->archive_error_string(s.tar));
    add_chart(&s, chart, "");
    la->archive_write_close(s.tar);
    la->archive_write_free(s.tar);
    if (s.status == CELM_OK && s.tar_bytes.failed)
        s.status = celm_error_set(err, CELM_ENOMEM, "out of memory writing the archive");
    if (s.status == CELM_OK)
        s.status = write_gzip(&s.tar_bytes, path, err);
    celm_buffer_free(&s.tar_bytes);
    if (s.status == CELM_OK)
        *out_path = path;
    return s.status;
}
