/* dependency_manager.c: helm dependency update and build (Manager.Update, Manager.Build) from start to end. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dependency_internal.h"

void dependency_say(const dependency_run *run, const char *format, ...)
{
    if (!run->options->output)
        return;
    va_list args;
    va_start(args, format);
    char *text = NULL;
    if (vasprintf(&text, format, args) >= 0) {
        run->options->output(run->options->payload, text);
        free(text);
    }
    va_end(args);
}

const char *dependency_join(const dependency_run *run, const char *a, const char *b)
{
    const char *joined = *a ? celm_arena_printf(run->arena, "%s/%s", a, b) : b;
    return celm_path_clean(run->arena, joined, strlen(joined));
}

int dependency_load_archive(const dependency_run *run, const char *path, celm_chart **out, celm_error *err)
{
    (void)run;
    struct stat info;
    char reason[128];
    *out = NULL;
    if (stat(path, &info) != 0)
        return celm_error_set(err, CELM_EIO, "stat %s: %s", path, celm_errno_text(errno, reason, sizeof reason));
    if (S_ISDIR(info.st_mode))
        return celm_error_set(err, CELM_EINVAL, "cannot load a directory");
    return celm_chart_load_v2(out, path, err);
}

/* The declared dependencies, or NULL when Chart.yaml (or requirements.yaml) declares none. */
static celm_value *requirements_of(const celm_chart *chart)
{
    celm_value *list = celm_map_cget(chart->metadata, "dependencies");
    return list && list->kind == CELM_VALUE_LIST ? list : NULL;
}

static int is_api_v1(const celm_chart *chart)
{
    return strcmp(celm_map_string(chart->metadata, "apiVersion"), "v1") == 0;
}

/* Manager.loadChartDir. */
static int load_chart_directory(dependency_run *run, const char *path)
{
    struct stat info;
    char reason[128];
    if (stat(path, &info) != 0)
        return celm_error_set(run->err, CELM_ENOTFOUND, "could not find %s: stat %s: %s", path, path,
                              celm_errno_text(errno, reason, sizeof reason));
    if (!S_ISDIR(info.st_mode))
        return celm_error_set(run->err, CELM_EINVAL, "only unpacked charts can be updated");
    int status = celm_chart_load_v2(&run->chart, path, run->err);
    if (status == CELM_OK)
        run->arena = run->chart->arena;
    return status;
}

static int update(dependency_run *run)
{
    celm_value *requirements = requirements_of(run->chart);
    if (!requirements)
        return CELM_OK;
    celm_value *locked = NULL;
    int status = dependency_check_requirements(run, requirements);
    if (status == CELM_OK) {
        dependency_refresh(run);
        status = dependency_resolve(run, requirements, &locked);
    }
    if (status == CELM_OK)
        status = dependency_download_all(run, locked);
    if (status != CELM_OK)
        return status;
    const char *digest = dependency_digest(run, requirements, locked);
    if (!digest)
        return celm_error_set(run->err, CELM_ENOMEM, "out of memory hashing the dependencies");
    const celm_value *old = run->chart->lock_data;
    if (old && strcmp(celm_map_string(old, "digest"), digest) == 0)
        return CELM_OK;
    return dependency_write_lock(run, locked, digest);
}

static int lock_out_of_sync(const dependency_run *run, const celm_value *requirements, const char *locked_digest)
{
    if (!is_api_v1(run->chart))
        return celm_error_set(run->err, CELM_ECONFLICT, "the lock file (Chart.lock) is out of sync with the "
                              "dependencies file (Chart.yaml). Please update the dependencies with 'helm "
                              "dependency update'");
    if (run->options->log)
        run->options->log(run->options->payload, celm_slog_line(run->arena, "INFO", "warning: a valid Helm v3 hash "
                          "was not found. Checking against Helm v2 hash...", (const char *const[]){NULL}));
    const char *helm2_digest = requirements ? dependency_digest_v2(run, requirements) : NULL;
    if (helm2_digest && strcmp(helm2_digest, locked_digest) == 0)
        return CELM_OK;
    return celm_error_set(run->err, CELM_ECONFLICT, "the lock file (requirements.lock) is out of sync with the "
                          "dependencies file (requirements.yaml). Please update the dependencies");
}

static int build(dependency_run *run)
{
    const celm_value *lock = run->chart->lock_data;
    if (!lock)
        return update(run);
    celm_value *requirements = requirements_of(run->chart);
    /* Helm 2 hashed the requirements as written, before repository aliases are resolved. */
    celm_value *as_written = requirements ? celm_value_copy(run->arena, requirements) : NULL;
    int status = dependency_check_requirements(run, requirements);
    if (status != CELM_OK)
        return status;
    celm_value *locked = celm_map_cget(lock, "dependencies");
    const char *digest = dependency_digest(run, requirements, locked);
    const char *locked_digest = celm_map_string(lock, "digest");
    if (!digest || strcmp(digest, locked_digest) != 0)
        status = lock_out_of_sync(run, as_written, locked_digest);
    if (status == CELM_OK)
        status = dependency_check_locked(run, locked);
    if (status != CELM_OK)
        return status;
    dependency_refresh(run);
    return locked && locked->kind == CELM_VALUE_LIST ? dependency_download_all(run, locked)
                                                     : dependency_download_all(run, celm_value_list(run->arena, 0));
}

static int run_manager(const celm_dependency_options *options, int (*step)(dependency_run *), celm_error *err)
{
    celm_error scratch = CELM_ERROR_INIT;
    if (!err)
        err = &scratch;
    if (!options || options->version < 1 || !options->chart_path)
        return celm_error_set(err, CELM_EINVAL, "the dependency manager needs options with a chart path");
    dependency_run run = {options, NULL, NULL, err, NULL};
    int status = load_chart_directory(&run, options->chart_path);
    if (status == CELM_OK)
        status = step(&run);
    celm_chart_free(run.chart);
    return status;
}

int celm_dependency_update(const celm_dependency_options *options, celm_error *err)
{
    return run_manager(options, update, err);
}

int celm_dependency_build(const celm_dependency_options *options, celm_error *err)
{
    return run_manager(options, build, err);
}
