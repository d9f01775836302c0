/* release_crds.c: a chart's crds/ objects put on the cluster before the rest of an install. */
#include <stdio.h>
#include <string.h>

#include "release_crds.h"

#define ESTABLISH_SECONDS 60

typedef struct crd_files {
    celm_arena *arena;
    const char **paths;
    celm_string *texts;
    size_t count;
    size_t capacity;
} crd_files;

static void collect(void *payload, const char *path, const char *data, size_t len)
{
    crd_files *files = payload;
    if (files->count == files->capacity) {
        size_t capacity = files->capacity ? files->capacity * 2 : 8;
        const char **paths = celm_arena_alloc(files->arena, capacity * sizeof *paths);
        celm_string *texts = celm_arena_alloc(files->arena, capacity * sizeof *texts);
        if (!paths || !texts)
            return;
        for (size_t i = 0; i < files->count; i++) {
            paths[i] = files->paths[i];
            texts[i] = files->texts[i];
        }
        files->paths = paths;
        files->texts = texts;
        files->capacity = capacity;
    }
    files->paths[files->count] = path;
    files->texts[files->count++] = (celm_string){celm_arena_strndup(files->arena, data, len), len};
}

/* helm names a CRD file by its path inside the chart ("crds/widgets.yaml"). */
static const char *crd_name(const char *path)
{
    const char *at = strstr(path, "/crds/");
    return at ? at + 1 : path;
}

static int create_file(release_session *session, celm_arena *arena, const char *path, const celm_string *text,
                       const celm_apply_options *apply, celm_kube_object_list *all, celm_error *err)
{
    celm_kube_object_list objects;
    int status = celm_kube_objects(session->kube, arena, text->data, session->namespace_name, &objects, err);
    if (status == CELM_OK && objects.count == 0)
        return celm_error_set(err, CELM_EINVAL, "failed to install CRD %s: resources are empty", crd_name(path));
    if (status == CELM_OK)
        status = celm_kube_create_objects(session->kube, arena, &objects, apply, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "failed to install CRD %s: %s", crd_name(path), err->message);
    return celm_kube_object_list_append(arena, all, &objects);
}

int release_install_crds(const chart_run *chart, release_session *session, cli_dry_run dry_run, int server_side,
                         int update, const char *failed)
{
    crd_files files = {.arena = chart->arena};
    celm_chart_each_crd(chart->arena, chart->chart, collect, &files);
    if (!files.count || dry_run == CLI_DRY_RUN_CLIENT || cli_flag_is_true(chart->invocation, "skip-crds"))
        return 0;
    if (dry_run == CLI_DRY_RUN_SERVER) {
        fprintf(stderr, "%s\n", celm_slog_line(chart->arena, "WARN", "This chart or one of its subcharts contains "
                                               "CRDs. Rendering may fail or contain inaccuracies.", (const char *[]){NULL}));
        return 0;
    }
    celm_apply_options apply = {
        .client_side = !server_side && !update,
        .force_conflicts = cli_flag_is_true(chart->invocation, "force-conflicts"),
    };
    celm_kube_object_list all = {NULL, 0};
    celm_error err = CELM_ERROR_INIT;
    for (size_t i = 0; i < files.count; i++)
        if (create_file(session, chart->arena, files.paths[i], &files.texts[i], &apply, &all, &err) != CELM_OK)
            return cli_fail("%s%s", failed, err.message);
    celm_wait_options established = {.timeout_seconds = ESTABLISH_SECONDS};
    if (celm_kube_wait_ready(session->kube, chart->arena, &all, &established, &err) != CELM_OK)
        return cli_fail("%s%s", failed, err.message);
    celm_kube_forget_discovery(session->kube);     /* the new kinds map from here on */
    return 0;
}
