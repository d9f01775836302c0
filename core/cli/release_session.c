/* release_session.c: what commands that act on releases open: the cluster, plugins and storage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_run.h"
#include "release_session.h"

/* HELM_DRIVER as Helm reads it: secret(s) or empty, configmap(s), memory. */
static const char *storage_driver(void)
{
    const char *driver = getenv("HELM_DRIVER");
    if (!driver || !*driver || !strcmp(driver, "secret") || !strcmp(driver, "secrets"))
        return "secret";
    if (!strcmp(driver, "configmap") || !strcmp(driver, "configmaps"))
        return "configmap";
    return driver;
}

static void kube_options(const cli_settings *settings, celm_kube_options *options)
{
    memset(options, 0, sizeof *options);
    options->kubeconfig = settings->kubeconfig;
    options->context = settings->kube_context;
    options->namespace_name = settings->namespace_name;
    options->apiserver = settings->kube_apiserver;
    options->ca_file = settings->kube_ca_file;
    options->token = settings->kube_token;
    options->as_user = settings->kube_as_user;
    options->as_groups = settings->kube_as_groups;
    options->as_group_count = settings->kube_as_group_count;
    options->tls_server_name = settings->kube_tls_server_name;
    options->insecure_skip_tls_verify = settings->kube_insecure_skip_tls_verify;
    options->qps = settings->qps;
    options->burst = (long)settings->burst_limit;
}

/* Helm's IsReachable: why the cluster cannot be reached (after "kubernetes cluster unreachable"),
 * or NULL when its /version answers. 401 and 403 read as client-go words them when it cannot
 * decode the answer; a missing configuration gives "" (helm says no more). */
static const char *unreachable_reason(release_session *session, celm_arena *arena, int opened, const celm_error *open_err)
{
    if (!opened)
        return strstr(open_err->message, "no configuration has been provided") ? ""
               : celm_arena_printf(arena, ": %s", open_err->message);
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = "/version"};
    celm_kube_response response;
    celm_error err = CELM_ERROR_INIT;
    if (celm_kube_send(session->kube, arena, &request, &response, &err) == CELM_OK) {
        celm_value *version;
        if (celm_json_parse(arena, response.body, response.body_len, "/version", &version, &err) == CELM_OK)
            session->server_version = celm_release_text(version, NULL, "gitVersion");
        return NULL;
    }
    return celm_arena_printf(arena, ": %s", response.status == 401 ? "the server has asked for the client to provide credentials"
                                          : response.status == 403 ? "the server does not allow access to the requested resource"
                                          : err.message);
}

static int open_storage(const cli_invocation *invocation, release_session *session)
{
    celm_error err = CELM_ERROR_INIT;
    celm_host_set_kube(session->kube);
    session->namespace_name = celm_kube_namespace(session->kube);
    session->registry = cli_open_registry(invocation);
    const char *driver = storage_driver();
    if (!session->registry)
        return cli_fail("cannot open the plugin registry");
    if (strcmp(driver, "secret") && strcmp(driver, "configmap") && strcmp(driver, "memory"))
        return cli_fail("unknown driver \"%s\"", driver);
    if (celm_registry_create_storage(session->registry, driver, &session->storage, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    session->store.ops = session->storage.descriptor->ops;
    session->store.instance = session->storage.instance;
    return 0;
}

/* Opens the kube client; *reason is set when the cluster is unreachable (checked when `check`). */
static void open_kube(const cli_invocation *invocation, release_session *session, int check, const char **reason)
{
    memset(session, 0, sizeof *session);
    celm_kube_options options;
    kube_options(invocation->settings, &options);
    celm_error err = CELM_ERROR_INIT;
    int opened = celm_kube_open(&options, &session->kube, &err) == CELM_OK;
    *reason = opened && !check ? NULL : unreachable_reason(session, invocation->arena, opened, &err);
}

int release_session_open(const cli_invocation *invocation, release_session *session, const char *reachable_prefix)
{
    const char *reason;
    open_kube(invocation, session, reachable_prefix != NULL, &reason);
    if (reason)
        return cli_fail("%skubernetes cluster unreachable%s", reachable_prefix ? reachable_prefix : "", reason);
    return open_storage(invocation, session);
}

int release_session_open_installing(const cli_invocation *invocation, release_session *session, const char *failed)
{
    const char *reason;
    open_kube(invocation, session, 1, &reason);
    if (reason) {
        const char *message = celm_arena_printf(invocation->arena, "cluster reachability check failed: kubernetes "
                                                "cluster unreachable%s", reason);
        fprintf(stderr, "%s\n", celm_slog_line(invocation->arena, "ERROR", message, (const char *[]){NULL}));
        return cli_fail("%s%s", failed, message);
    }
    return open_storage(invocation, session);
}

int release_session_history(const cli_invocation *invocation, release_session *session, celm_stored_release **out,
                            size_t *count)
{
    *out = NULL;
    *count = 0;
    if (release_session_open(invocation, session, ""))
        return 1;
    celm_error err = CELM_ERROR_INIT;
    if (celm_release_store_query(&session->store, invocation->arena, session->namespace_name, invocation->arguments[0],
                                 NULL, out, count, &err) != CELM_OK)
        return cli_fail("%s", err.message);
    return 0;
}

const celm_stored_release *release_session_revision(const cli_invocation *invocation, release_session *session)
{
    const char *revision_text = cli_flag_string(invocation, "revision");
    long long revision = revision_text ? atoll(revision_text) : 0;
    celm_stored_release *history;
    size_t count;
    if (release_session_history(invocation, session, &history, &count))
        return NULL;
    for (size_t i = count; i > 0; i--)
        if (!revision || celm_release_version(history[i - 1].document) == revision)
            return &history[i - 1];
    cli_fail("release: not found");
    return NULL;
}

void release_session_close(release_session *session)
{
    if (session->storage.descriptor)
        celm_plugin_instance_destroy(&session->storage);
    celm_registry_close(session->registry);
    celm_host_set_kube(NULL);
    celm_kube_close(session->kube);
}
