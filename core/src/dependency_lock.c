/* dependency_lock.c: the lock file: Helm's digest of the dependencies and Chart.lock as Helm writes it. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "chart_internal.h"
#include "dependency_internal.h"
#include "os_file.h"
#include "sha256.h"

/* v2.Dependency's JSON fields in declaration order; name and repository have no omitempty. */
static const char *const dependency_fields[] = {
    "name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias",
};

/* encoding/json's Marshal of one value (HTML-escaped, map keys sorted). */
static void write_json(celm_buffer *out, celm_arena *arena, const celm_value *value)
{
    celm_string text;
    celm_error ignored = CELM_ERROR_INIT;
    if (celm_json_emit(arena, value, 0, &text, &ignored) == CELM_OK)
        celm_buffer_append(out, text.data, text.len);
    else
        out->failed = 1;
}

/* A *v2.Dependency as encoding/json writes the struct: its field order, omitempty, nil as null. */
static void write_dependency(celm_buffer *out, celm_arena *arena, const celm_value *dependency)
{
    if (!dependency || dependency->kind != CELM_VALUE_MAP) {
        celm_buffer_append_str(out, "null");
        return;
    }
    celm_buffer_append_char(out, '{');
    size_t written = 0;
    for (size_t i = 0; i < sizeof dependency_fields / sizeof dependency_fields[0]; i++) {
        const char *field = dependency_fields[i];
        const celm_value *value = celm_map_cget(dependency, field);
        int required = strcmp(field, "name") == 0 || strcmp(field, "repository") == 0;
        if (!required && celm_value_is_empty(value))
            continue;
        celm_buffer_printf(out, "%s\"%s\":", written++ ? "," : "", field);
        if (value)
            write_json(out, arena, value);
        else
            celm_buffer_append_str(out, "\"\"");
    }
    celm_buffer_append_char(out, '}');
}

static void write_dependencies(celm_buffer *out, celm_arena *arena, const celm_value *list)
{
    if (!list || list->kind != CELM_VALUE_LIST) {
        celm_buffer_append_str(out, "null");
        return;
    }
    celm_buffer_append_char(out, '[');
    for (size_t i = 0; i < list->as.list.count; i++) {
        celm_buffer_append_str(out, i ? "," : "");
        write_dependency(out, arena, list->as.list.items[i]);
    }
    celm_buffer_append_char(out, ']');
}

/* provenance.Digest of the bytes, as "sha256:<hex>" in the arena. */
static const char *digest_of(const dependency_run *run, celm_buffer *json)
{
    char hex[CELM_SHA256_HEX_SIZE];
    const char *digest = NULL;
    if (!json->failed) {
        celm_sha256_hex(json->data ? json->data : "", json->len, hex);
        digest = celm_arena_printf(run->arena, "sha256:%s", hex);
    }
    celm_buffer_free(json);
    return digest;
}

const char *dependency_digest(const dependency_run *run, const celm_value *requirements, const celm_value *locked)
{
    celm_buffer json;
    celm_buffer_init(&json);
    celm_buffer_append_char(&json, '[');
    write_dependencies(&json, run->arena, requirements);
    celm_buffer_append_char(&json, ',');
    write_dependencies(&json, run->arena, locked);
    celm_buffer_append_char(&json, ']');
    return digest_of(run, &json);
}

const char *dependency_digest_v2(const dependency_run *run, const celm_value *requirements)
{
    celm_buffer json;
    celm_buffer_init(&json);
    celm_buffer_append_str(&json, "{\"dependencies\":");
    write_dependencies(&json, run->arena, requirements);
    celm_buffer_append_char(&json, '}');
    return digest_of(run, &json);
}

/* time.Now() as encoding/json writes a time.Time: RFC 3339 with nanoseconds, trailing zeros cut,
 * in the local zone ("Z" when its offset is zero). */
static const char *generated_now(celm_arena *arena)
{
    struct timespec now;
    struct tm local;
    clock_gettime(CLOCK_REALTIME, &now);
    localtime_r(&now.tv_sec, &local);
    char date[64], fraction[16] = "", zone[32] = "Z";
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &local);
    if (now.tv_nsec) {
        snprintf(fraction, sizeof fraction, ".%09ld", now.tv_nsec);
        for (size_t len = strlen(fraction); fraction[len - 1] == '0'; len--)
            fraction[len - 1] = '\0';
    }
    int offset_minutes = (int)(local.tm_gmtoff / 60);
    if (offset_minutes)
        snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', abs(offset_minutes) / 60,
                 abs(offset_minutes) % 60);
    return celm_arena_printf(arena, "%s%s%s", date, fraction, zone);
}

static int set_field(celm_arena *arena, celm_value *map, const char *key, celm_value *value)
{
    return value ? celm_map_set(arena, map, key, strlen(key), value) : CELM_ENOMEM;
}

/* Refuses a lock file that is a symbolic link, as writeLock does. */
static int refuse_link(const dependency_run *run, const char *path, const char *file_name)
{
    struct stat info;
    char target[PATH_MAX], reason[128];
    if (lstat(path, &info) != 0)
        return errno == ENOENT ? CELM_OK
                               : celm_error_set(run->err, CELM_EIO, "error getting info for %s: lstat %s: %s",
                                                chart_quoted(run->arena, path, strlen(path)), path,
                                                celm_errno_text(errno, reason, sizeof reason));
    if (!S_ISLNK(info.st_mode))
        return CELM_OK;
    ssize_t len = readlink(path, target, sizeof target - 1);
    if (len < 0)
        return celm_error_set(run->err, CELM_EIO, "error reading symlink for %s: readlink %s: %s",
                              chart_quoted(run->arena, path, strlen(path)), path,
                              celm_errno_text(errno, reason, sizeof reason));
    return celm_error_set(run->err, CELM_EINVAL, "the %s file is a symlink to %s", file_name,
                          chart_quoted(run->arena, target, (size_t)len));
}

int dependency_write_lock(const dependency_run *run, const celm_value *locked, const char *digest)
{
    celm_arena *arena = run->arena;
    celm_value *lock = celm_value_map(arena, 3);
    if (!lock || set_field(arena, lock, "generated", celm_value_cstring(arena, generated_now(arena))) != CELM_OK ||
        set_field(arena, lock, "digest", celm_value_cstring(arena, digest)) != CELM_OK ||
        set_field(arena, lock, "dependencies", (celm_value *)locked) != CELM_OK)
        return celm_error_set(run->err, CELM_ENOMEM, "out of memory writing the lock file");
    celm_string text;
    int status = celm_yaml_emit(arena, lock, &text, run->err);
    if (status != CELM_OK)
        return status;
    int legacy = strcmp(celm_map_string(run->chart->metadata, "apiVersion"), "v1") == 0;
    const char *file_name = legacy ? "requirements.lock" : "Chart.lock";
    const char *path = dependency_join(run, run->options->chart_path, file_name);
    if ((status = refuse_link(run, path, file_name)) != CELM_OK)
        return status;
    return celm_os_write_file(path, text.data, text.len, run->err);
}
