/* lint_internal.h: what the lint_*.c rule files share: the linter and its rule reporting. */
#ifndef CELM_LINT_INTERNAL_H
#define CELM_LINT_INTERNAL_H

#include "buffer.h"
#include "celm/celm.h"
#include "celm/lint.h"

typedef struct linter {
    celm_arena *arena;
    const char *chart_dir;          /* filepath.Abs of the linted path */
    const celm_lint_options *options;
    celm_lint_message *messages;
    size_t count, capacity;
    int out_of_memory;
} linter;

/* support.Linter.RunLinterRule: records `failure` (NULL when the rule passed) under `path`;
 * returns 1 when the rule passed. */
int lint_rule(linter *l, celm_lint_severity severity, const char *path, const char *failure);
/* The same with a printf-formatted failure. */
int lint_fail(linter *l, celm_lint_severity severity, const char *path, const char *format, ...) CELM_PRINTF(4, 5);
/* `dir`/`name` in the linter's arena (NULL when out of memory). */
const char *lint_path(linter *l, const char *dir, const char *name);

/* The rules, in RunAll's order. */
void lint_chartfile(linter *l);
void lint_values(linter *l);
void lint_templates(linter *l);
void lint_dependencies(linter *l);
void lint_crds(linter *l);

/* k8sYamlStruct: what the template and CRD rules read of each document. */
typedef struct lint_object {
    const char *api_version;
    const char *kind;
    const char *name;
} lint_object;

/* k8s.io/apimachinery's YAMLOrJSONDecoder over `text`, each document decoded into k8sYamlStruct
 * (sigs.k8s.io/yaml rules). Calls `visit` for each non-null document; on the first document that
 * fails, returns its error text ("error converting YAML to JSON: ...") and stops. Returns NULL
 * when every document decoded. */
typedef void (*lint_object_fn)(void *payload, const lint_object *object);
const char *lint_decode_objects(linter *l, const char *text, size_t len, lint_object_fn visit, void *payload);

/* validateMetadataName: NULL, or helm's "object name does not conform ..." text. */
const char *lint_metadata_name(linter *l, const lint_object *object);
/* validateNoDeprecations against `kube_version` ("1.36" style major/minor, NULL: the default). */
const char *lint_deprecation(linter *l, const lint_object *object, int major, int minor);

#endif
