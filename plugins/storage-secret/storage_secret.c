/* storage_secret.c: Helm's default release driver (HELM_DRIVER=secret): records kept as Secrets. */
#include "storage_kube.h"

static const storage_kube_kind secret_kind = {
    .resource = "secrets",
    .kind = "Secret",
    .type = "helm.sh/release.v1",
    .binary_data = 1,
};

static int secret_create_instance(const celm_host *host, const celm_value *config, celm_error *err, void **out)
{
    (void)config;
    return storage_kube_create(host, &secret_kind, out, err);
}

static const celm_storage_ops secret_ops = STORAGE_KUBE_OPS("secret");

static const celm_plugin_descriptor secret_descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_STORAGE,
    .name = "secret",
    .version = "0.1.0",
    .description = "release records as Secrets of type helm.sh/release.v1, as Helm stores them",
    .create = secret_create_instance,
    .destroy = storage_kube_destroy,
    .ops = &secret_ops,
};

CELM_PLUGIN_ENTRY(storage_secret, secret_descriptor)
