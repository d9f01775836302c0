/* storage_kube.h: release records kept as Kubernetes objects, shared by storage-secret and
 * storage-configmap, which differ only in the object they write. */
#ifndef CELM_STORAGE_KUBE_H
#define CELM_STORAGE_KUBE_H

#include "celm/sdk.h"

typedef struct storage_kube_kind {
    const char *resource;       /* "secrets" */
    const char *kind;           /* "Secret" */
    const char *type;           /* the object's `type`, or NULL (ConfigMaps have none) */
    int binary_data;            /* data values are bytes, so base64 once more on the wire */
} storage_kube_kind;

/* The storage callbacks both plugins put in their vtables; the instance remembers its kind. */
int storage_kube_get(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
                     celm_release_record *out, celm_error *err);
int storage_kube_list(void *instance, celm_arena *arena, const char *release_namespace,
                      const celm_value *selector, celm_release_record **out, size_t *out_count, celm_error *err);
int storage_kube_create_record(void *instance, const celm_release_record *record, celm_error *err);
int storage_kube_update(void *instance, const celm_release_record *record, celm_error *err);
int storage_kube_remove(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
                        celm_release_record *out, celm_error *err);

#define STORAGE_KUBE_OPS(driver)                                                                    \
    {                                                                                               \
        .version = CELM_STORAGE_OPS_VERSION, .driver_name = driver, .get = storage_kube_get,       \
        .list = storage_kube_list, .create = storage_kube_create_record,                            \
        .update = storage_kube_update, .remove = storage_kube_remove,                               \
    }

int storage_kube_create(const celm_host *host, const storage_kube_kind *kind, void **out_instance,
                        celm_error *err);
void storage_kube_destroy(void *instance);

#endif
