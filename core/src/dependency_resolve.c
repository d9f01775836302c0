/* dependency_resolve.c: resolver.Resolve for local dependencies: each declared dependency locked to a version. */
#include <string.h>

#include "buffer.h"
#include "chart_internal.h"
#include "dependency_internal.h"

dependency_version dependency_check_version(const dependency_run *run, const char *constraint, const char *version,
                                            celm_error *detail)
{
    celm_semver_constraints *constraints;
    celm_semver parsed;
    if (celm_semver_constraints_parse(run->arena, constraint, strlen(constraint), &constraints, detail) != CELM_OK)
        return DEPENDENCY_CONSTRAINT_INVALID;
    if (celm_semver_parse(&parsed, version, strlen(version), detail) != CELM_OK)
        return DEPENDENCY_VERSION_INVALID;
    return celm_semver_constraints_check(constraints, &parsed) ? DEPENDENCY_VERSION_SATISFIES
                                                                 : DEPENDENCY_VERSION_OUTSIDE;
}

static celm_value *locked_entry(const dependency_run *run, const char *name, const char *repository, const char *version)
{
    celm_value *entry = celm_value_map(run->arena, 3);
    celm_value *name_value = celm_value_cstring(run->arena, name);
    celm_value *repository_value = celm_value_cstring(run->arena, repository);
    celm_value *version_value = celm_value_cstring(run->arena, version);
    if (!entry || !name_value || !repository_value || !version_value ||
        celm_map_set(run->arena, entry, "name", 4, name_value) != CELM_OK ||
        celm_map_set(run->arena, entry, "repository", 10, repository_value) != CELM_OK ||
        (*version && celm_map_set(run->arena, entry, "version", 7, version_value) != CELM_OK))
        return NULL;
    return entry;
}

/* The chart version of a file:// dependency; *version stays NULL when it is not semantic. */
static int file_version(const dependency_run *run, const char *repository, const char **version)
{
    const char *path;
    celm_chart *chart = NULL;
    *version = NULL;
    int status = dependency_local_path(run, repository, &path);
    if (status == CELM_OK)
        status = celm_chart_load_v2(&chart, path, run->err);
    if (status == CELM_OK) {
        const char *text = celm_map_string(chart->metadata, "version");
        *version = celm_arena_strndup(run->arena, text, strlen(text));
    }
    celm_chart_free(chart);
    return status;
}

static void add_missing(const dependency_run *run, celm_buffer *missing, const celm_value *dependency)
{
    const char *name = celm_map_string(dependency, "name"), *repository = celm_map_string(dependency, "repository");
    const char *constraint = celm_map_string(dependency, "version");
    celm_buffer_printf(missing, "%s%s (repository %s, version %s)", missing->len ? ", " : "",
                       chart_quoted(run->arena, name, strlen(name)),
                       chart_quoted(run->arena, repository, strlen(repository)),
                       chart_quoted(run->arena, constraint, strlen(constraint)));
}

/* One declared dependency: *entry is its lock entry, or NULL (missing or not a semantic version). */
static int resolve_one(const dependency_run *run, const celm_value *dependency, celm_buffer *missing,
                       celm_value **entry)
{
    const char *name = celm_map_string(dependency, "name"), *repository = celm_map_string(dependency, "repository");
    const char *constraint = celm_map_string(dependency, "version"), *path, *version;
    celm_error detail = CELM_ERROR_INIT;
    *entry = NULL;
    if (dependency_check_version(run, constraint, "0.0.0", &detail) == DEPENDENCY_CONSTRAINT_INVALID)
        return celm_error_set(run->err, CELM_EINVAL, "dependency %s has an invalid version/constraint format: %s",
                              chart_quoted(run->arena, name, strlen(name)), detail.message);
    if (!*repository) {
        int status = dependency_local_path(run, dependency_join(run, "charts", name), &path);
        *entry = status == CELM_OK ? locked_entry(run, name, "", constraint) : NULL;
        return status;
    }
    int status = file_version(run, repository, &version);
    dependency_version check = status == CELM_OK ? dependency_check_version(run, constraint, version, &detail)
                                                 : DEPENDENCY_VERSION_INVALID;
    if (check == DEPENDENCY_VERSION_OUTSIDE)
        add_missing(run, missing, dependency);
    if (check == DEPENDENCY_VERSION_SATISFIES)
        *entry = locked_entry(run, name, repository, version);
    return status;
}

int dependency_resolve(const dependency_run *run, const celm_value *requirements, celm_value **locked)
{
    celm_buffer missing;
    celm_buffer_init(&missing);
    size_t missing_count = 0;
    *locked = celm_value_list(run->arena, requirements->as.list.count);
    int status = *locked ? CELM_OK : CELM_ENOMEM;
    for (size_t i = 0; status == CELM_OK && i < requirements->as.list.count; i++) {
        celm_value *entry;
        size_t before = missing.len;
        status = resolve_one(run, requirements->as.list.items[i], &missing, &entry);
        missing_count += missing.len != before;
        if (status == CELM_OK)
            status = celm_list_append(run->arena, *locked, entry ? entry : celm_value_null(run->arena));
    }
    if (status == CELM_OK && missing_count)
        status = celm_error_set(run->err, CELM_ENOTFOUND, "can't get a valid version for %zu subchart(s): %.*s. Make "
                                "sure a matching chart version exists in the repo, or change the version "
                                "constraint in Chart.yaml", missing_count, (int)missing.len, missing.data);
    if (status == CELM_ENOMEM || missing.failed)
        status = celm_error_set(run->err, CELM_ENOMEM, "out of memory resolving dependencies");
    celm_buffer_free(&missing);
    return status;
}
