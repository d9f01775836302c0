/* dependency_manager.h: helm dependency update and build (pkg/downloader's Manager) for dependencies
 * kept in charts/ or in file:// directories. */
#ifndef CELM_DEPENDENCY_MANAGER_H
#define CELM_DEPENDENCY_MANAGER_H

#include "celm/sdk.h"

#define CELM_DEPENDENCY_OPTIONS_VERSION 1

/* Receives what Helm writes to the Manager's Out, exactly, newlines included. */
typedef void (*celm_dependency_output_fn)(void *payload, const char *text);

/* The caller owns every string; they are borrowed for the duration of the call. */
typedef struct celm_dependency_options {
    unsigned version;                   /* CELM_DEPENDENCY_OPTIONS_VERSION */
    const char *chart_path;             /* an unpacked chart, cleaned as Helm cleans it */
    const char *repository_config;      /* repositories.yaml; a missing file lists no repository */
    const char *repository_cache;       /* where each repository's <name>-index.yaml is cached */
    int skip_refresh;                   /* --skip-refresh: the repositories are not refreshed */
    int debug;                          /* --debug: also the "Archiving ..." lines */
    celm_dependency_output_fn output;   /* NULL discards, as `helm package -u` does */
    celm_dependency_output_fn log;      /* Helm's log lines (its stderr), one line each, no newline */
    void *payload;                      /* passed to output and log */
} celm_dependency_options;

/* Helm's Manager.Update: each declared dependency resolved (charts/<name> as it is, file://
 * directories to their chart's version), file:// charts packaged into charts/NAME-VERSION.tgz,
 * outdated archives deleted, and the lock (Chart.lock; requirements.lock for apiVersion v1)
 * written unless its digest is unchanged. A dependency on a remote repository (http, https,
 * oci, a repository name) fails with CELM_EUNSUPPORTED naming the repository. Errors read as
 * Helm's; a lock file that is a symbolic link is never written through. */
int celm_dependency_update(const celm_dependency_options *options, celm_error *err);

/* Helm's Manager.Build: charts/ rebuilt from the lock; without a lock, celm_dependency_update.
 * Fails when the lock's digest does not match the declared dependencies. */
int celm_dependency_build(const celm_dependency_options *options, celm_error *err);

#endif
