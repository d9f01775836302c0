/* dependency_download.c: Manager.downloadAll for local dependencies: charts/ filled through a
 * temporary directory, then outdated archives deleted (safeMoveDeps). */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chart_internal.h"
#include "dependency_internal.h"
#include "directories.h"
#include "os_file.h"

/* os.ReadDir: the entries of a directory sorted by name; arena arrays. */
typedef struct directory_listing {
    const char **names;
    int *is_directory;      /* DirEntry.IsDir: a link to a directory is not one */
    size_t count;
} directory_listing;

static int not_dots(const struct dirent *entry)
{
    return strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int read_directory(const dependency_run *run, const char *path, directory_listing *out)
{
    struct dirent **entries;
    int count = scandir(path, &entries, not_dots, by_name);
    if (count < 0)
        return celm_os_error(run->err, "open", path, errno);
    out->count = (size_t)count;
    out->names = celm_arena_alloc(run->arena, (out->count + 1) * sizeof *out->names);
    out->is_directory = celm_arena_alloc(run->arena, (out->count + 1) * sizeof *out->is_directory);
    for (int i = 0; i < count; i++) {
        struct stat info;
        const char *name = entries[i]->d_name;
        if (out->names && out->is_directory) {
            out->names[i] = celm_arena_strndup(run->arena, name, strlen(name));
            out->is_directory[i] = lstat(dependency_join(run, path, name), &info) == 0 && S_ISDIR(info.st_mode);
        }
        free(entries[i]);
    }
    free(entries);
    return out->names && out->is_directory ? CELM_OK : celm_error_set(run->err, CELM_ENOMEM, "out of memory");
}

static int remove_entry(const char *path, const struct stat *info, int kind, struct FTW *walk)
{
    (void)info, (void)kind, (void)walk;
    remove(path);
    return 0;
}

static int listed(const directory_listing *listing, const char *name)
{
    for (size_t i = 0; i < listing->count; i++)
        if (!listing->is_directory[i] && strcmp(listing->names[i], name) == 0)
            return 1;
    return 0;
}

static int is_local_dependency(const celm_value *locked, const char *name)
{
    for (size_t i = 0; i < locked->as.list.count; i++) {
        const celm_value *entry = locked->as.list.items[i];
        if (!*celm_map_string(entry, "repository") && strcmp(celm_map_string(entry, "name"), name) == 0)
            return 1;
    }
    return 0;
}

/* loader.LoadFile of an archive safeMoveDeps is about to move or delete; NULL (and Helm's message,
 * whose newline only deletion has) when it is not a chart. */
static celm_chart *verified_chart(const dependency_run *run, const char *path, const char *purpose)
{
    celm_chart *chart;
    celm_error problem = CELM_ERROR_INIT;
    if (dependency_load_archive(run, path, &chart, &problem) == CELM_OK)
        return chart;
    dependency_say(run, "Could not verify %s for %s: %s (Skipping)%s", path, purpose, problem.message,
                   strcmp(purpose, "deletion") == 0 ? "\n" : "");
    return NULL;
}

static void move_verified(const dependency_run *run, const char *source, const char *destination)
{
    char reason[128];
    celm_chart *chart = verified_chart(run, source, "moving");
    if (!chart)
        return;
    celm_chart_free(chart);
    if (rename(source, destination) != 0)
        dependency_say(run, "Unable to move %s to charts dir rename %s %s: %s (Skipping)", source, source, destination,
                       celm_errno_text(errno, reason, sizeof reason));
}

static void delete_outdated(const dependency_run *run, const celm_value *locked, const char *path)
{
    char reason[128];
    celm_chart *chart = verified_chart(run, path, "deletion");
    if (!chart)
        return;
    int keep = is_local_dependency(locked, chart->name);
    celm_chart_free(chart);
    if (!keep && remove(path) != 0)
        dependency_say(run, "Could not delete %s: remove %s: %s (Skipping)", path, path,
                       celm_errno_text(errno, reason, sizeof reason));
}

/* safeMoveDeps: every archive of `source` that loads moves into `destination`; archives that
 * were in `destination` before and are not charts/ dependencies are deleted. */
static int move_dependencies(const dependency_run *run, const celm_value *locked, const char *source,
                             const char *destination)
{
    directory_listing sources, existing;
    int status = read_directory(run, source, &sources);
    if (status == CELM_OK)
        status = read_directory(run, destination, &existing);
    if (status != CELM_OK)
        return status;
    for (size_t i = 0; i < sources.count; i++)
        if (!sources.is_directory[i])
            move_verified(run, dependency_join(run, source, sources.names[i]),
                          dependency_join(run, destination, sources.names[i]));
    dependency_say(run, "Deleting outdated charts\n");
    for (size_t i = 0; i < existing.count; i++)
        if (!existing.is_directory[i] && !listed(&sources, existing.names[i]))
            delete_outdated(run, locked, dependency_join(run, destination, existing.names[i]));
    return CELM_OK;
}

/* A dependency without a repository must already be in charts/ at a fitting version. Returns
 * CELM_OK, a failure that ends downloadAll at once (*save_error 0), or one that is a save error. */
static int check_in_charts(const dependency_run *run, const celm_value *entry, const char *charts, int *save_error)
{
    const char *name = celm_map_string(entry, "name"), *constraint = celm_map_string(entry, "version");
    const char *path = dependency_join(run, charts, name);
    celm_chart *chart;
    celm_error detail = CELM_ERROR_INIT;
    dependency_say(run, "Dependency %s did not declare a repository. Assuming it exists in the charts directory\n", name);
    if (celm_chart_load_v2(&chart, path, &detail) != CELM_OK)
        return celm_error_set(run->err, detail.code, "unable to load chart '%s': %s", path, detail.message);
    const char *version = celm_arena_printf(run->arena, "%s", celm_map_string(chart->metadata, "version"));
    celm_chart_free(chart);
    switch (dependency_check_version(run, constraint, version, &detail)) {
    case DEPENDENCY_CONSTRAINT_INVALID:
        return celm_error_set(run->err, CELM_EINVAL, "dependency %s has an invalid version/constraint format: %s",
                              name, detail.message);
    case DEPENDENCY_VERSION_INVALID:
        return celm_error_set(run->err, CELM_EINVAL, "invalid version %s for dependency %s: %s", constraint, name,
                              detail.message);
    case DEPENDENCY_VERSION_OUTSIDE:
        *save_error = 1;
        return celm_error_set(run->err, CELM_ECONFLICT, "dependency %s at version %s does not satisfy the constraint %s",
                              name, version, constraint);
    default:
        return CELM_OK;
    }
}

/* tarFromLocalDir: the file:// chart packaged into `into` when its version fits; the entry's
 * version becomes the chart's. */
static int package_local(const dependency_run *run, celm_value *entry, const char *into)
{
    const char *name = celm_map_string(entry, "name"), *constraint = celm_map_string(entry, "version");
    const char *path, *saved;
    celm_chart *chart = NULL;
    celm_error detail = CELM_ERROR_INIT;
    int status = dependency_local_path(run, celm_map_string(entry, "repository"), &path);
    if (status == CELM_OK)
        status = celm_chart_load_v2(&chart, path, run->err);
    dependency_version check = status == CELM_OK ? dependency_check_version(run, constraint,
                                                   celm_map_string(chart->metadata, "version"), &detail)
                                                 : DEPENDENCY_VERSION_SATISFIES;
    if (check == DEPENDENCY_CONSTRAINT_INVALID)
        status = celm_error_set(run->err, CELM_EINVAL, "dependency %s has an invalid version/constraint format: %s",
                                name, detail.message);
    else if (check == DEPENDENCY_VERSION_INVALID)
        status = celm_error_set(run->err, CELM_EINVAL, "%s", detail.message);
    else if (check == DEPENDENCY_VERSION_OUTSIDE)
        status = celm_error_set(run->err, CELM_ENOTFOUND, "can't get a valid version for dependency %s", name);
    if (status == CELM_OK)
        status = celm_chart_save(chart, into, &saved, run->err);
    if (status == CELM_OK) {
        celm_value *version = celm_value_cstring(run->arena, celm_map_string(chart->metadata, "version"));
        status = version ? celm_map_set(run->arena, entry, "version", 7, version) : CELM_ENOMEM;
    }
    celm_chart_free(chart);
    return status;
}

/* Each locked dependency in turn; the first save error is printed as Helm prints it. */
static int save_all(const dependency_run *run, celm_value *locked, const char *charts, const char *temporary)
{
    for (size_t i = 0; i < locked->as.list.count; i++) {
        celm_value *entry = locked->as.list.items[i];
        const char *repository = celm_map_string(entry, "repository");
        int save_error = 1, status;
        if (entry->kind != CELM_VALUE_MAP) {
            status = celm_error_set(run->err, CELM_EINVAL, "dependency %zu of the lock is empty", i + 1);
        } else if (!*repository) {
            save_error = 0;
            status = check_in_charts(run, entry, charts, &save_error);
        } else {
            if (run->options->debug)
                dependency_say(run, "Archiving %s from repo %s\n", celm_map_string(entry, "name"), repository);
            status = package_local(run, entry, temporary);
        }
        if (status != CELM_OK && save_error)
            dependency_say(run, "Save error occurred:  %s\n", run->err->message);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}

static int prepare_charts(const dependency_run *run, const char *charts)
{
    struct stat info;
    char reason[128];
    if (stat(charts, &info) == 0)
        return S_ISDIR(info.st_mode) ? CELM_OK
                                     : celm_error_set(run->err, CELM_EINVAL, "%s is not a directory",
                                                      chart_quoted(run->arena, charts, strlen(charts)));
    if (errno != ENOENT)
        return celm_error_set(run->err, CELM_EIO, "unable to retrieve file info for '%s': stat %s: %s", charts, charts,
                              celm_errno_text(errno, reason, sizeof reason));
    return celm_mkdir_all(charts, run->err);
}

int dependency_download_all(const dependency_run *run, celm_value *locked)
{
    const char *charts = dependency_join(run, run->options->chart_path, "charts");
    const char *temporary = dependency_join(run, run->options->chart_path,
                                            celm_arena_printf(run->arena, "tmpcharts-%ld", (long)getpid()));
    int status = dependency_read_indexes(run);
    if (status == CELM_OK)
        status = prepare_charts(run, charts);
    if (status == CELM_OK)
        status = celm_mkdir_all(temporary, run->err);
    if (status != CELM_OK)
        return status;
    dependency_say(run, "Saving %zu charts\n", locked->as.list.count);
    status = save_all(run, locked, charts, temporary);
    if (status == CELM_OK)
        status = move_dependencies(run, locked, temporary, charts);
    nftw(temporary, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return status;
}
