/* kube_field_manager.c: moving fields that client-side "helm" updates own to the "helm" apply
 * manager before the first server-side apply (what client-go's csaupgrade does for helm 4). */
#include <string.h>

#include "celm/celm.h"

#define MANAGER "helm"

/* The first entry of manager "helm" with the operation and no subresource, or -1. */
static long find_entry(const celm_value *entries, const char *operation)
{
    for (size_t i = 0; entries && entries->kind == CELM_VALUE_LIST && i < entries->as.list.count; i++) {
        const celm_value *entry = entries->as.list.items[i];
        if (!strcmp(celm_map_string(entry, "manager"), MANAGER) && !strcmp(celm_map_string(entry, "operation"), operation) &&
            !*celm_map_string(entry, "subresource"))
            return (long)i;
    }
    return -1;
}

/* The union of two fieldsV1 trees (maps of "f:", "k:", "v:" and "." keys). */
static celm_value *union_fields(celm_arena *arena, const celm_value *a, const celm_value *b)
{
    if (!a || a->kind != CELM_VALUE_MAP)
        return b ? celm_value_copy(arena, b) : celm_value_map(arena, 0);
    celm_value *merged = celm_value_copy(arena, a);
    for (size_t i = 0; b && b->kind == CELM_VALUE_MAP && i < b->as.map.count; i++) {
        const celm_map_entry *entry = &b->as.map.entries[i];
        const celm_value *mine = celm_map_get(merged, entry->key.data, entry->key.len);
        celm_map_set(arena, merged, entry->key.data, entry->key.len, union_fields(arena, mine, entry->value));
    }
    return merged;
}

/* The managed fields with the client-side entry folded into the apply entry, or NULL when there
 * is no client-side entry. */
static celm_value *upgraded_entries(celm_arena *arena, const celm_value *entries)
{
    long update = find_entry(entries, "Update");
    if (update < 0)
        return NULL;
    long apply = find_entry(entries, "Apply");
    celm_value *result = celm_value_list(arena, entries->as.list.count);
    for (size_t i = 0; i < entries->as.list.count; i++) {
        celm_value *entry = celm_value_copy(arena, entries->as.list.items[i]);
        if ((long)i == update && apply < 0) {
            celm_map_set(arena, entry, "operation", 9, celm_value_cstring(arena, "Apply"));
        } else if ((long)i == update) {
            continue;
        } else if ((long)i == apply) {
            const celm_value *client = celm_map_cget(entries->as.list.items[update], "fieldsV1");
            celm_map_set(arena, entry, "fieldsV1", 8, union_fields(arena, celm_map_cget(entry, "fieldsV1"), client));
        }
        celm_list_append(arena, result, entry);
    }
    return result;
}

/* A JSON patch replacing managedFields, guarded by the resourceVersion it was computed from. */
static const char *patch_body(celm_arena *arena, const celm_value *entries, const char *resource_version)
{
    celm_string fields, version;
    celm_error err = CELM_ERROR_INIT;
    if (celm_json_emit(arena, entries, 0, &fields, &err) != CELM_OK ||
        celm_json_emit(arena, celm_value_cstring(arena, resource_version), 0, &version, &err) != CELM_OK)
        return NULL;
    return celm_arena_printf(arena, "[{\"op\":\"replace\",\"path\":\"/metadata/managedFields\",\"value\":%s},"
                             "{\"op\":\"replace\",\"path\":\"/metadata/resourceVersion\",\"value\":%s}]",
                             fields.data, version.data);
}

static int upgrade_once(celm_kube *kube, celm_arena *arena, const char *path, celm_error *err)
{
    celm_value *live;
    int status = celm_kube_get_json(kube, arena, path, &live, err);
    if (status == CELM_ENOTFOUND)
        return CELM_OK;
    if (status != CELM_OK)
        return status;
    const celm_value *metadata = celm_map_cget(live, "metadata");
    celm_value *entries = upgraded_entries(arena, metadata ? celm_map_cget(metadata, "managedFields") : NULL);
    if (!entries)
        return CELM_OK;
    const char *body = patch_body(arena, entries, celm_map_string(metadata, "resourceVersion"));
    if (!body)
        return celm_error_set(err, CELM_ENOMEM, "out of memory upgrading managed fields");
    celm_kube_request request = {.size = sizeof request, .method = "PATCH", .path = path,
                                 .content_type = "application/json-patch+json", .body = body, .body_len = strlen(body)};
    celm_kube_response response;
    return celm_kube_send(kube, arena, &request, &response, err);
}

int celm_kube_upgrade_client_side_fields(celm_kube *kube, celm_arena *arena, const char *path, celm_error *err)
{
    int status = CELM_ECONFLICT;
    for (int attempt = 0; attempt < 5 && (status == CELM_ECONFLICT || status == CELM_EEXISTS); attempt++)
        status = upgrade_once(kube, arena, path, err);
    return status;
}
