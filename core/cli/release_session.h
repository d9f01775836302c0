/* release_session.h: what commands that act on releases open: the cluster, plugins and storage. */
#ifndef CELM_CLI_RELEASE_SESSION_H
#define CELM_CLI_RELEASE_SESSION_H

#include "cli.h"

typedef struct release_session {
    celm_kube *kube;
    celm_registry *registry;
    celm_plugin_instance storage;
    celm_release_store store;
    const char *namespace_name;     /* -n, else the kubeconfig context's, else "default" */
    const char *server_version;     /* gitVersion from the reachability check, or NULL */
} release_session;

/* Opens the kube client from the settings, the plugin registry and the storage plugin that
 * HELM_DRIVER names (secret by default). With a `reachable_prefix` (the command's error prefix,
 * maybe "") it first checks that the cluster answers, as helm's IsReachable does. Returns 0, or
 * prints the error and returns 1. */
int release_session_open(const cli_invocation *invocation, release_session *session, const char *reachable_prefix);
/* The same for install, which words an unreachable cluster as helm's install does (an slog ERROR
 * line, then "<failed>cluster reachability check failed: kubernetes cluster unreachable: ..."). */
int release_session_open_installing(const cli_invocation *invocation, release_session *session, const char *failed);
/* Opens the session (checking reachability) and reads the revisions of the release named by the
 * first argument, oldest first. Returns 0, or prints the error and returns 1. */
int release_session_history(const cli_invocation *invocation, release_session *session, celm_stored_release **out,
                            size_t *count);
/* The same, then the revision --revision names (the latest without it); NULL after printing the
 * error ("release: not found" when there is no such revision). */
const celm_stored_release *release_session_revision(const cli_invocation *invocation, release_session *session);
void release_session_close(release_session *session);

#endif
