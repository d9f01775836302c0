/* release_session.c: what commands that act on releases open: the cluster, plugins and storage. */
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

int release_session_open(const cli_invocation *invocation, release_session *session)
{
    memset(session, 0, sizeof *session);
    celm_kube_options options;
    kube_options(invocation->settings, &options);
    celm_error err = CELM_ERROR_INIT;
    if (celm_kube_open(&options, &session->kube, &err) != CELM_OK)
        return cli_fail("Kubernetes cluster unreachable: %s", err.message);
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

void release_session_close(release_session *session)
{
    if (session->storage.descriptor)
        celm_plugin_instance_destroy(&session->storage);
    celm_registry_close(session->registry);
    celm_host_set_kube(NULL);
    celm_kube_close(session->kube);
}
