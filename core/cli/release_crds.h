/* release_crds.h: a chart's crds/ objects put on the cluster before the rest of an install. */
#ifndef CELM_CLI_RELEASE_CRDS_H
#define CELM_CLI_RELEASE_CRDS_H

#include "chart_run.h"
#include "release_session.h"

/* helm's installCRDs: each crds/ file of the chart and its subcharts created in order (existing
 * ones left as they are), unless --skip-crds; then celm waits until they are Established (helm 4
 * by default does not). A server dry run only warns. `update` applies them server-side even when
 * they exist (upgrade --upgrade-crds). Returns 0, or prints the error after `failed` and returns 1. */
int release_install_crds(const chart_run *chart, release_session *session, cli_dry_run dry_run, int server_side,
                         int update, const char *failed);

#endif
