/* chart_archive.c: reading gzip+tar chart bytes as Helm's LoadArchiveFiles does (via libarchive). */
#include <string.h>

#include "chart_internal.h"
#include "libarchive_lazy.h"

#define GZIP_HEADER_SIZE 10

/* libarchive, for the functions below chart_read_archive, which has loaded it. */
static const celm_libarchive *libarchive(void)
{
    const char *why;
    return celm_libarchive_load(&why);
}

/* Go's text for a broken gzip stream, from libarchive's description of it; NULL if not one. */
static const char *gzip_failure(const char *message)
{
    if (strstr(message, "runcated") || strstr(message, "remature end"))
        return "unexpected EOF";
    if (strstr(message, "CRC") || strstr(message, "checksum error") || strstr(message, "ISIZE"))
        return "gzip: invalid checksum";
    if (strstr(message, "ecompression") || strstr(message, "zlib") || strstr(message, "gzip"))
        return "flate: corrupt input";
    return NULL;
}

/* libarchive found no tar in the gunzipped bytes; Go's tar reader tells apart a stream that
 * ends early, a short first block, no block at all and a bad header. Gunzips again to see. */
static const char *unrecognized_failure(const unsigned char *data, size_t len)
{
    const celm_libarchive *la = libarchive();
    struct archive *raw = la->archive_read_new();
    if (!raw)
        return "archive/tar: invalid tar header";
    la->archive_read_support_filter_gzip(raw);
    la->archive_read_support_format_raw(raw);
    const char *text = NULL;
    int64_t total = 0;
    struct archive_entry *entry;
    if (la->archive_read_open_memory(raw, data, len) == ARCHIVE_OK &&
        la->archive_read_next_header(raw, &entry) == ARCHIVE_OK) {
        if (la->archive_filter_count(raw) < 2)  /* too short for libarchive to start gunzipping */
            text = "unexpected EOF";
        char block[4096];
        la_ssize_t n = 0;
        while (!text && (n = la->archive_read_data(raw, block, sizeof block)) > 0 && total < 512)
            total += n;
        if (n < 0)
            text = gzip_failure(la->archive_error_string(raw) ? la->archive_error_string(raw) : "");
    }
    la->archive_read_free(raw);
    if (text)
        return text;
    return total == 0 ? "no files in chart archive" : total < 512 ? "unexpected EOF"
                                                          : "archive/tar: invalid tar header";
}

static int archive_failure(chart_loader *loader, struct archive *archive, const unsigned char *data,
                           size_t len)
{
    const celm_libarchive *la = libarchive();
    const char *message = la->archive_error_string(archive);
    const char *text = gzip_failure(message ? message : "");
    if (!text && message && strstr(message, "Unrecognized archive format"))
        text = unrecognized_failure(data, len);
    return chart_fail(loader, CELM_EPARSE, "%s", text ? text : "archive/tar: invalid tar header");
}

/* gzip.NewReader's header check, which libarchive would not make (it reads plain tar too). */
static int check_gzip_header(chart_loader *loader, const unsigned char *data, size_t len)
{
    if (len == 0)
        return chart_fail(loader, CELM_EPARSE, "EOF");
    if (len < GZIP_HEADER_SIZE)
        return chart_fail(loader, CELM_EPARSE, "unexpected EOF");
    if (data[0] != 0x1F || data[1] != 0x8B || data[2] != 8) {
        loader->gzip_header_error = 1;
        return chart_fail(loader, CELM_EPARSE, "gzip: invalid header");
    }
    return CELM_OK;
}

static int starts_with_drive(const char *name)
{
    char c = name[0];
    return ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && name[1] == ':' && name[2] == '/';
}

/* The chart-relative name of an entry (its first element dropped), or Helm's refusal of it. */
static int entry_name(chart_loader *loader, const char *raw, const char **out)
{
    char delimiter = strchr(raw, '\\') ? '\\' : '/';
    const char *split = strchr(raw, delimiter);
    size_t first_len = split ? (size_t)(split - raw) : strlen(raw);
    char *name = celm_arena_strndup(loader->arena, split ? split + 1 : "", split ? strlen(split + 1) : 0);
    if (!name)
        return chart_fail(loader, CELM_ENOMEM, "out of memory");
    for (char *at = name; *at; at++)
        if (*at == delimiter)
            *at = '/';
    if (name[0] == '/')
        return chart_fail(loader, CELM_EINVAL, "chart illegally contains absolute paths");
    const char *clean = chart_path_clean(loader->arena, name, strlen(name));
    if (!clean)
        return chart_fail(loader, CELM_ENOMEM, "out of memory");
    if (strcmp(clean, ".") == 0) {
        const char *quoted = chart_quoted(loader->arena, raw, strlen(raw));
        return chart_fail(loader, CELM_EINVAL,
                          "chart illegally contains content outside the base directory: %s",
                          quoted ? quoted : raw);
    }
    if (strncmp(clean, "..", 2) == 0)
        return chart_fail(loader, CELM_EINVAL, "chart illegally references parent directory");
    if (starts_with_drive(clean))
        return chart_fail(loader, CELM_EINVAL, "chart contains illegally named files");
    if (first_len == strlen("Chart.yaml") && strncmp(raw, "Chart.yaml", first_len) == 0)
        return chart_fail(loader, CELM_EINVAL, "chart yaml not in base directory");
    *out = clean;
    return CELM_OK;
}

static int too_large(chart_loader *loader)
{
    return chart_fail(loader, CELM_ELIMIT, "decompressed chart is larger than the maximum size %d",
                      CELM_CHART_MAX_ARCHIVE_SIZE);
}

/* Reads the entry's data; `remaining` is what is left of the archive's size limit. */
static int entry_data(chart_loader *loader, struct archive *archive, struct archive_entry *entry,
                      const char *raw_name, int64_t *remaining, celm_chart_file *file)
{
    const celm_libarchive *la = libarchive();
    int64_t size = la->archive_entry_size(entry);
    if (size > *remaining)
        return too_large(loader);
    if (size > CELM_CHART_MAX_FILE_SIZE) {
        const char *quoted = chart_quoted(loader->arena, raw_name, strlen(raw_name));
        return chart_fail(loader, CELM_ELIMIT,
                          "decompressed chart file %s is larger than the maximum file size %d",
                          quoted ? quoted : raw_name, CELM_CHART_MAX_FILE_SIZE);
    }
    int status = chart_take_bytes(loader, size);
    char *data = status == CELM_OK ? celm_arena_alloc(loader->arena, (size_t)size + 1) : NULL;
    if (status == CELM_OK && !data)
        status = chart_fail(loader, CELM_ENOMEM, "out of memory reading the chart archive");
    int64_t got = 0;
    while (status == CELM_OK && got < size) {
        la_ssize_t n = la->archive_read_data(archive, data + got, (size_t)(size - got));
        if (n < 0)
            status = archive_failure(loader, archive, NULL, 0);
        if (n <= 0)
            break;
        got += n;
    }
    if (status != CELM_OK)
        return status;
    *remaining -= got;
    if (got < size || *remaining <= 0)
        return too_large(loader);
    data[got] = 0;
    file->data = data;
    file->len = (size_t)got;
    if (got >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        file->data += 3, file->len -= 3;
    return CELM_OK;
}

/* Go's tar reader gets exactly one gzip layer; libarchive would unwrap more. */
static int check_one_filter(chart_loader *loader, struct archive *archive)
{
    const celm_libarchive *la = libarchive();
    if (la->archive_filter_count(archive) > 2)
        return chart_fail(loader, CELM_EPARSE, "archive/tar: invalid tar header");
    return CELM_OK;
}

static int read_entry(chart_loader *loader, struct archive *archive, struct archive_entry *entry,
                      int64_t *remaining, chart_file_list *out)
{
    const celm_libarchive *la = libarchive();
    int status = chart_take_entry(loader);
    if (status != CELM_OK || la->archive_entry_filetype(entry) == AE_IFDIR)
        return status;
    const char *raw = la->archive_entry_pathname(entry);
    if (!raw)
        raw = la->archive_entry_pathname_utf8(entry);
    if (!raw)
        raw = "";
    celm_chart_file file;
    memset(&file, 0, sizeof file);
    file.modtime.seconds = (int64_t)la->archive_entry_mtime(entry);
    file.modtime.nanoseconds = (int32_t)la->archive_entry_mtime_nsec(entry);
    file.modtime.set = 1;
    status = entry_name(loader, raw, &file.name);
    if (status == CELM_OK)
        status = entry_data(loader, archive, entry, raw, remaining, &file);
    if (status == CELM_OK)
        status = chart_files_append(loader, out, &file);
    return status;
}

static int read_entries(chart_loader *loader, struct archive *archive, const unsigned char *data,
                        size_t len, chart_file_list *out)
{
    const celm_libarchive *la = libarchive();
    int64_t remaining = CELM_CHART_MAX_ARCHIVE_SIZE;
    int status = CELM_OK;
    for (int first = 1; status == CELM_OK; first = 0) {
        struct archive_entry *entry;
        int result = la->archive_read_next_header(archive, &entry);
        if (result == ARCHIVE_EOF)
            break;
        if (result < ARCHIVE_WARN)
            return archive_failure(loader, archive, data, len);
        if (first)
            status = check_one_filter(loader, archive);
        if (status == CELM_OK)
            status = read_entry(loader, archive, entry, &remaining, out);
    }
    return status;
}

int chart_read_archive(chart_loader *loader, const unsigned char *data, size_t len,
                       chart_file_list *out)
{
    memset(out, 0, sizeof *out);
    int status = check_gzip_header(loader, data, len);
    if (status != CELM_OK)
        return status;
    const char *why;
    const celm_libarchive *la = celm_libarchive_load(&why);
    if (!la)
        return chart_fail(loader, CELM_EFAIL, "cannot read chart archives: %s", why);
    struct archive *archive = la->archive_read_new();
    if (!archive)
        return chart_fail(loader, CELM_ENOMEM, "out of memory opening the chart archive");
    la->archive_read_support_filter_gzip(archive);
    la->archive_read_support_format_tar(archive);
    la->archive_read_support_format_empty(archive);
    if (la->archive_read_open_memory(archive, data, len) != ARCHIVE_OK)
        status = archive_failure(loader, archive, data, len);
    else
        status = read_entries(loader, archive, data, len, out);
    la->archive_read_free(archive);
    if (status == CELM_OK && out->count == 0)
        status = chart_fail(loader, CELM_EINVAL, "no files in chart archive");
    return status;
}

static int ends_with(const char *text, const char *suffix)
{
    size_t len = strlen(text), suffix_len = strlen(suffix);
    return len >= suffix_len && strcmp(text + len - suffix_len, suffix) == 0;
}

int chart_ensure_archive(chart_loader *loader, const char *name, const unsigned char *data,
                         size_t len)
{
    unsigned char head[512];
    memset(head, 0, sizeof head);
    if (len)
        memcpy(head, data, len < sizeof head ? len : sizeof head);
    if (memcmp(head, "\x1F\x8B\x08", 3) == 0)
        return CELM_OK;
    if (ends_with(name, ".yml") || ends_with(name, ".yaml"))
        return chart_fail(loader, CELM_EINVAL,
                          "file '%s' seems to be a YAML file, but expected a gzipped archive", name);
    return chart_fail(loader, CELM_EINVAL, "file '%s' does not appear to be a gzipped archive; got '%s'",
                      name, chart_detect_content_type(head, sizeof head));
}
