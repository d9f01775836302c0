/* lint_crds.c: helm lint's crds/ rule (rules/crds.go): plain YAML documents, each an
 * apiextensions.k8s.io CustomResourceDefinition. */
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lint_internal.h"

#define CRDS "crds/"

typedef struct crd_check {
    linter *l;
    const char *file;
} crd_check;

static void check_crd(void *payload, const lint_object *object)
{
    const crd_check *check = payload;
    if (strncmp(object->api_version, "apiextensions.k8s.io", 20) != 0)
        lint_rule(check->l, CELM_LINT_ERROR, check->file, "apiVersion is not in 'apiextensions.k8s.io'");
    if (strcmp(object->kind, "CustomResourceDefinition") != 0)
        lint_rule(check->l, CELM_LINT_ERROR, check->file, "object kind is not 'CustomResourceDefinition'");
}

static int has_manifest_extension(const char *name)
{
    const char *ext = celm_path_ext(name);
    return strcasecmp(ext, ".yaml") == 0 || strcasecmp(ext, ".yml") == 0 || strcasecmp(ext, ".json") == 0;
}

/* chart.CRDObjects: crds/ manifests of the chart, then of its subcharts. Returns 0 when a file
 * failed to parse, which ends the rule. */
static int check_files(linter *l, const celm_chart *chart)
{
    for (size_t i = 0; i < chart->file_count; i++) {
        const celm_chart_file *file = &chart->files[i];
        if (strncmp(file->name, CRDS, strlen(CRDS)) != 0 || !has_manifest_extension(file->name))
            continue;
        crd_check check = {l, file->name};
        char *text = celm_arena_strndup(l->arena, file->data, file->len);
        const char *failure = text ? lint_decode_objects(l, text, file->len, check_crd, &check) : NULL;
        if (failure)
            return lint_fail(l, CELM_LINT_ERROR, file->name, "unable to parse YAML: %s", failure);
    }
    for (size_t i = 0; i < chart->dependency_count; i++)
        if (!check_files(l, chart->dependencies[i]))
            return 0;
    return 1;
}

void lint_crds(linter *l)
{
    const char *path = lint_path(l, l->chart_dir, "crds");
    struct stat info;
    if (!path || stat(path, &info) != 0) {
        if (errno != ENOENT)
            lint_fail(l, CELM_LINT_ERROR, CRDS, "stat %s: %s", path ? path : "", strerror(errno));
        return;
    }
    if (!S_ISDIR(info.st_mode)) {
        lint_rule(l, CELM_LINT_ERROR, CRDS, "not a directory");
        return;
    }
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load_v2(&chart, l->chart_dir, &err) != CELM_OK) {
        lint_fail(l, CELM_LINT_ERROR, CRDS, "%s", err.message);
        return;
    }
    check_files(l, chart);
    celm_chart_free(chart);
}
