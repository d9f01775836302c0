/* storage_configmap.c: Helm's ConfigMap release driver (HELM_DRIVER=configmap). */
#include "storage_kube.h"

static const storage_kube_kind configmap_kind = {
    .resource = "configmaps",
    .kind = "ConfigMap",
    .type = NULL,
    .binary_data = 0,
};

static int configmap_create_instance(const celm_host *host, const celm_value *config, celm_error *err, void **out)
{
    (void)config;
    return storage_kube_create(host, &configmap_kind, out, err);
}

static const celm_storage_ops configmap_ops = STORAGE_KUBE_OPS("configmap");

static const celm_plugin_descriptor configmap_descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_STORAGE,
    .name = "configmap",
    .version = "0.1.0",
    .description = "release records as ConfigMaps, as Helm's configmap driver stores them",
    .create = configmap_create_instance,
    .destroy = storage_kube_destroy,
    .ops = &configmap_ops,
};

CELM_PLUGIN_ENTRY(storage_configmap, configmap_descriptor)
