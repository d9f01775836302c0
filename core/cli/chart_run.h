/* chart_run.h: what template, install and upgrade share on the way from a chart to manifests. */
#ifndef CELM_CLI_CHART_RUN_H
#define CELM_CLI_CHART_RUN_H

#include "cli.h"

typedef struct chart_run {
    const cli_invocation *invocation;
    celm_arena *arena;
    const char *release_name;
    const char *chart_path;
    celm_chart *chart;
    celm_value *user_values;    /* -f and the --set family, merged */
    celm_value *values;         /* coalesced with the chart's defaults */
    const char *failure_prefix; /* before errors of values and chart loading ("INSTALLATION FAILED: "), or NULL */
} chart_run;

/* Each returns 0, or prints helm's error and returns 1. */
int chart_run_load_user_values(chart_run *run);
/* Loads run->chart_path; refuses non-application charts, warns for deprecated ones, checks that
 * Chart.yaml's dependencies are present. */
int chart_run_load_chart(chart_run *run);
/* Dependencies (conditions, tags, import-values), coalescing, then the schemas unless
 * --skip-schema-validation. */
int chart_run_prepare_values(chart_run *run);

typedef enum cli_dry_run {
    CLI_DRY_RUN_NONE,
    CLI_DRY_RUN_CLIENT,
    CLI_DRY_RUN_SERVER
} cli_dry_run;

/* helm's cmdGetDryRunFlagStrategy: --dry-run's value (with its deprecation warnings); `template`
 * refuses "none" and false, as helm template does. Returns 0, or prints the error and returns 1. */
int cli_dry_run_strategy(const cli_invocation *invocation, int template, cli_dry_run *out);

/* Prints a warning line on stderr (the payload is unused). */
void cli_print_warning(void *payload, const char *message);
/* The registry over --plugin-dir, CELM_PLUGIN_PATH and the default directories; NULL on failure. */
celm_registry *cli_open_registry(const cli_invocation *invocation);

#endif
