/* chart_create.c: helm create's chartutil.Create: name checks, then the scaffold written to disk. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>
#include <sys/stat.h>

#include "buffer.h"
#include "celm/celm.h"
#include "celm/create.h"
#include "create_scaffold.h"
#include "directories.h"
#include "go_quote.h"

#define MAX_CHART_NAME 250

static int valid_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

static int check_name(const char *name, celm_error *err)
{
    size_t len = strlen(name);
    if (len == 0 || len > MAX_CHART_NAME)
        return celm_error_set(err, CELM_EINVAL, "chart name must be between 1 and %d characters", MAX_CHART_NAME);
    for (size_t i = 0; i < len; i++)
        if (!valid_name_char(name[i]))
            return celm_error_set(err, CELM_EINVAL, "chart name must match the regular expression \"^[a-zA-Z0-9._-]+$\"");
    return CELM_OK;
}

static int write_scaffold_file(const char *chart_dir, const celm_scaffold_file *file, const char *name,
                               celm_create_notice_fn notice, void *payload, celm_error *err)
{
    char path[PATH_MAX + 64], reason[128];
    snprintf(path, sizeof path, "%.*s/%s", PATH_MAX - 1, chart_dir, file->path);
    struct stat info;
    if (stat(path, &info) == 0 && notice) {
        char message[PATH_MAX + 128];
        snprintf(message, sizeof message, "WARNING: File \"%s\" already exists. Overwriting.", path);
        notice(payload, message);
    }
    char *slash = strrchr(path, '/');
    *slash = '\0';
    int status = celm_mkdir_all(path, err);
    *slash = '/';
    if (status != CELM_OK)
        return status;
    FILE *out = fopen(path, "wb");
    if (!out)
        return celm_error_set(err, CELM_EIO, "open %s: %s", path, celm_errno_text(errno, reason, sizeof reason));
    for (const char *at = file->text; *at; at++) {
        if (*at == CELM_SCAFFOLD_NAME[0])
            fputs(name, out);
        else
            fputc(*at, out);
    }
    if (fclose(out) != 0)
        return celm_error_set(err, CELM_EIO, "write %s: %s", path, celm_errno_text(errno, reason, sizeof reason));
    return CELM_OK;
}

/* Whether --lua replaces a recorded file: templates/X.yaml when templates/X.lua is scaffolded. */
static int replaced_by_lua(const celm_scaffold_file *file)
{
    size_t len = strlen(file->path);
    if (len < 5 || strcmp(file->path + len - 5, ".yaml") != 0)
        return 0;
    for (size_t i = 0; i < celm_scaffold_lua_file_count; i++)
        if (strncmp(celm_scaffold_lua_files[i].path, file->path, len - 4) == 0 &&
            strcmp(celm_scaffold_lua_files[i].path + len - 4, "lua") == 0)
            return 1;
    return 0;
}

int celm_chart_create(const char *directory, const char *name, celm_create_notice_fn notice, void *payload,
                      celm_error *err)
{
    return celm_chart_create_dialect(directory, name, 0, notice, payload, err);
}

int celm_chart_create_dialect(const char *directory, const char *name, int lua, celm_create_notice_fn notice,
                              void *payload, celm_error *err)
{
    int status = check_name(name, err);
    if (status != CELM_OK)
        return status;
    char absolute[PATH_MAX], reason[128];
    if (!realpath(directory, absolute)) {
        int error_number = errno;
        char joined[PATH_MAX * 2];
        if (directory[0] == '/' || !getcwd(absolute, sizeof absolute))
            snprintf(joined, sizeof joined, "%s", directory);
        else
            snprintf(joined, sizeof joined, "%s/%s", absolute, directory);
        return celm_error_set(err, CELM_ENOTFOUND, "stat %s: %s", joined,
                              celm_errno_text(error_number, reason, sizeof reason));
    }
    struct stat info;
    if (stat(absolute, &info) != 0 || !S_ISDIR(info.st_mode))
        return celm_error_set(err, CELM_EINVAL, "no such directory %s", absolute);
    char chart_dir[PATH_MAX + MAX_CHART_NAME + 2];
    snprintf(chart_dir, sizeof chart_dir, "%s/%s", strcmp(absolute, "/") ? absolute : "", name);
    if (stat(chart_dir, &info) == 0 && !S_ISDIR(info.st_mode))
        return celm_error_set(err, CELM_EEXISTS, "file %s already exists and is not a directory", chart_dir);
    for (size_t i = 0; i < celm_scaffold_file_count; i++)
        if (!(lua && replaced_by_lua(&celm_scaffold_files[i])) &&
            (status = write_scaffold_file(chart_dir, &celm_scaffold_files[i], name, notice, payload, err)) != CELM_OK)
            return status;
    for (size_t i = 0; lua && i < celm_scaffold_lua_file_count; i++)
        if ((status = write_scaffold_file(chart_dir, &celm_scaffold_lua_files[i], name, notice, payload, err)) != CELM_OK)
            return status;
    char charts[sizeof chart_dir + 8];
    snprintf(charts, sizeof charts, "%s/charts", chart_dir);
    return celm_mkdir_all(charts, err);
}
