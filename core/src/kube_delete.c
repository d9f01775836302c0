/* kube_delete.c: a release's objects deleted from the cluster, one kind at a time, each kind's
 * objects at once (helm's batches), honouring helm.sh/resource-policy: keep. */
#include <string.h>

#include "kube_internal.h"

int kube_keeps_resource(const kube_object *object)
{
    const celm_value *metadata = celm_map_cget(object->body, "metadata");
    const celm_value *annotations = metadata && metadata->kind == CELM_VALUE_MAP ? celm_map_cget(metadata, "annotations")
                                                                                   : NULL;
    const celm_value *policy = annotations && annotations->kind == CELM_VALUE_MAP
                                   ? celm_map_cget(annotations, "helm.sh/resource-policy") : NULL;
    return policy && policy->kind == CELM_VALUE_STRING && !strcmp(policy->as.string.data, "keep");
}

static celm_kube_request delete_request(celm_arena *arena, const kube_object *object, const char *propagation)
{
    const char *body = celm_arena_printf(arena, "{\"propagationPolicy\":\"%s\"}", propagation);
    return (celm_kube_request){.size = sizeof(celm_kube_request), .method = "DELETE",
                               .path = celm_kube_resource_path(arena, &object->resource, object->namespace_name,
                                                               object->name),
                               .body = body, .body_len = strlen(body)};
}

int kube_delete_one(celm_kube *kube, celm_arena *arena, const kube_object *object, const char *propagation,
                    celm_error *err)
{
    celm_kube_request request = delete_request(arena, object, propagation);
    celm_kube_response response;
    int status = celm_kube_send(kube, arena, &request, &response, err);
    return status == CELM_ENOTFOUND ? CELM_OK : status;
}

/* Deletes objects[0..count) at once; failures are appended to *failures joined by `separator`. */
static void delete_batch(celm_kube *kube, celm_arena *arena, kube_object *const *objects, size_t count,
                         const char *propagation, const char *separator, const char **failures)
{
    kube_batch batch;
    if (kube_batch_init(arena, count, &batch) != CELM_OK) {
        *failures = "out of memory deleting resources";
        return;
    }
    for (size_t i = 0; i < count; i++)
        *kube_batch_add(&batch, i) = delete_request(arena, objects[i], propagation);
    kube_batch_send(kube, arena, &batch);
    for (size_t i = 0; i < count; i++)
        if (batch.statuses[i] != CELM_OK && batch.statuses[i] != CELM_ENOTFOUND)
            *failures = *failures ? celm_arena_printf(arena, "%s%s%s", *failures, separator, batch.errors[i].message)
                                  : batch.errors[i].message;
}

int kube_delete_by_kind(celm_kube *kube, celm_arena *arena, kube_object *const *objects, size_t count,
                        const char *propagation, const char *separator, celm_error *err)
{
    const char *failures = NULL;
    for (size_t start = 0; start < count;) {
        size_t end = start + 1;
        while (end < count && !strcmp(objects[end]->kind, objects[start]->kind))
            end++;
        delete_batch(kube, arena, objects + start, end - start, propagation, separator, &failures);
        start = end;
    }
    return failures ? celm_error_set(err, CELM_EFAIL, "%s", failures) : CELM_OK;
}

int celm_kube_delete_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                             const char *propagation, celm_string *kept, celm_error *err)
{
    kube_object **order = celm_arena_alloc(arena, (list->count + 1) * sizeof *order);
    if (!order)
        return celm_error_set(err, CELM_ENOMEM, "out of memory deleting resources");
    const char *kept_text = "";
    size_t count = 0;
    for (size_t n = list->count; n > 0; n--) {
        kube_object *object = &list->objects[n - 1];
        if (kube_keeps_resource(object))
            kept_text = celm_arena_printf(arena, "%s[%s] %s\n", kept_text, object->kind, object->name);
        else
            order[count++] = object;
    }
    *kept = (celm_string){kept_text, strlen(kept_text)};
    return kube_delete_by_kind(kube, arena, order, count, propagation, "; ", err);
}

int celm_kube_delete_created(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list, celm_error *err)
{
    kube_object **order = celm_arena_alloc(arena, (list->count + 1) * sizeof *order);
    if (!order)
        return celm_error_set(err, CELM_ENOMEM, "out of memory deleting resources");
    size_t count = 0;
    for (size_t i = 0; i < list->count; i++)
        if (list->objects[i].created)
            order[count++] = &list->objects[i];
    return kube_delete_by_kind(kube, arena, order, count, "Background", ", ", err);
}
