/* lint.h: helm lint's rules over one chart directory (pkg/chart/v2/lint of helm v4.2.4). */
#ifndef CELM_LINT_H
#define CELM_LINT_H

#include <stddef.h>

#include "celm/coalesce.h"
#include "celm/render_chart.h"

/* support.Linter's severities; a message prints as "[WARNING] path: text". */
typedef enum celm_lint_severity {
    CELM_LINT_UNKNOWN,
    CELM_LINT_INFO,
    CELM_LINT_WARNING,
    CELM_LINT_ERROR
} celm_lint_severity;

typedef struct celm_lint_message {
    celm_lint_severity severity;
    const char *path;       /* "Chart.yaml", "templates/x.yaml", "templates/", the chart's absolute path */
    const char *text;       /* helm's error text, which may span lines */
} celm_lint_message;

typedef struct celm_lint_options {
    const celm_value *values;           /* the user's values (-f, --set, ...) */
    const char *namespace;
    const char *kube_version;           /* --kube-version; NULL: helm's default capabilities */
    int skip_schema_validation;
    celm_registry *registry;            /* the render plugins */
    /* What the lint-mode render logs instead of failing (required, fail): level, message, text. */
    void (*render_log)(void *payload, const char *level, const char *message, const char *detail);
    void *render_log_payload;
    /* Coalescing's warnings, as lines helm logs ("level=INFO msg=..."); may be NULL. */
    celm_warning_fn warning;
    void *warning_payload;
} celm_lint_options;

/* lint.RunAll over the chart in `chart_dir`: Chart.yaml, values, templates (rendered in lint mode
 * as "test-release"), dependencies, crds, in helm's order. Messages live in `arena`. Fails only
 * when out of memory. */
int celm_lint_run(celm_arena *arena, const char *chart_dir, const celm_lint_options *options,
                  celm_lint_message **messages, size_t *count, celm_error *err);

/* "[SEVERITY] path: text", as support.Message's Error() prints it. */
const char *celm_lint_message_text(celm_arena *arena, const celm_lint_message *message);

#endif
