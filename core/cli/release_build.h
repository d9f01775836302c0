/* release_build.h: what install, upgrade and rollback share: rendering against the cluster,
 * building release documents, applying them and recording the outcome. */
#ifndef CELM_CLI_RELEASE_BUILD_H
#define CELM_CLI_RELEASE_BUILD_H

#include "chart_run.h"
#include "release_session.h"

/* The processed chart of `run` rendered for the cluster (its version as .Capabilities; helm's
 * defaults when the session has no cluster, as for --dry-run=client), sorted.
 * `failed` prefixes errors ("INSTALLATION FAILED: "). Returns 0, or prints the error and returns 1. */
int release_render(chart_run *run, const release_session *session, int64_t revision, int is_upgrade,
                   const char *failed, celm_sorted_release *out);

/* A new release document: name, info (times, status, description, notes), the chart, user
 * values, manifest, hooks, version, namespace and apply method ("ssa" or "csa"). */
celm_value *release_document(const chart_run *run, const char *release_namespace, const celm_sorted_release *sorted,
                             int64_t revision, const char *status, const char *description, const char *apply_method);

/* Sets info.status and info.description and stores the document (update) with its custom
 * labels. Returns CELM_OK or the storage error in err. */
int release_record(const release_session *session, celm_arena *arena, celm_value *release, const celm_value *labels,
                   const char *status, const char *description, celm_error *err);

/* Refuses flags of install and upgrade whose feature celm does not have yet (1 after printing why). */
int release_refuse_unbuilt(const cli_invocation *invocation);

/* The release was applied client-side: helm 3's records (no apply method) and "csa" ones. */
int release_applied_client_side(const celm_value *release);
/* Whether an install applies server-side: --server-side is a bool for install and "true",
 * "false" or "auto" for upgrade --install; only "false" means client-side. */
int release_install_server_side(const cli_invocation *invocation);
/* helm's getUpgradeServerSideValue for upgrade and rollback: --server-side "true" or "false", or
 * "auto": server-side when `previous` (the revision upgraded or rolled back from) was. */
int release_server_side(const cli_invocation *invocation, const celm_value *previous);
/* The release's apply_method for that choice: "ssa" or "csa". */
const char *release_apply_method(int server_side);
/* --force-replace (or its old name --force). */
int release_force_replace(const cli_invocation *invocation);
/* Prints a warning line the Kubernetes client reports (celm_apply_options.warn). */
void release_print_warning(void *payload, const char *line);

/* --labels as a map of strings; a system label name (name, owner, status, version, createdAt,
 * modifiedAt) is refused with helm's message after `failed`. Returns 0, or prints and returns 1. */
int release_labels(const cli_invocation *invocation, const char *failed, const celm_value **out);

#endif
