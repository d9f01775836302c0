/* kube_apply.c: checked objects created or updated on the server as helm's Create and Update do:
 * server-side apply, client-side creates and three-way patches, or replacement. */
#include <string.h>

#include "kube_internal.h"

#define FIELD_MANAGER "fieldManager=helm"

typedef struct apply_run {
    celm_kube *kube;
    celm_arena *arena;
    const celm_apply_options *options;
} apply_run;

static const char *object_path(celm_arena *arena, const kube_object *object)
{
    return celm_kube_resource_path(arena, &object->resource, object->namespace_name, object->name);
}

/* client-go's GroupVersionKind.String(): "apps/v1, Kind=Deployment", "/v1, Kind=Pod". */
static const char *gvk_text(celm_arena *arena, const kube_object *object)
{
    const char *gv = object->resource.group_version;
    return celm_arena_printf(arena, "%s%s, Kind=%s", strchr(gv, '/') ? "" : "/", gv, object->kind);
}

static int emit_json(celm_arena *arena, const celm_value *value, celm_string *out, celm_error *err)
{
    return celm_json_emit(arena, value, CELM_JSON_NO_HTML_ESCAPE, out, err);
}

static celm_kube_request apply_request(apply_run *run, const kube_object *object, celm_string body)
{
    return (celm_kube_request){
        .size = sizeof(celm_kube_request),
        .method = "PATCH",
        .path = celm_arena_printf(run->arena, "%s?" FIELD_MANAGER "&fieldValidation=Strict%s",
                                  object_path(run->arena, object), run->options->force_conflicts ? "&force=true" : ""),
        .content_type = "application/apply-patch+yaml",
        .body = body.data,
        .body_len = body.len,
    };
}

static celm_kube_request create_request(apply_run *run, const kube_object *object, celm_string body)
{
    const char *collection = celm_kube_resource_path(run->arena, &object->resource, object->namespace_name, NULL);
    return (celm_kube_request){.size = sizeof(celm_kube_request), .method = "POST",
                               .path = celm_arena_printf(run->arena, "%s?" FIELD_MANAGER, collection),
                               .body = body.data, .body_len = body.len};
}

/* The request that creates `object`: a server-side apply, or a POST client-side. */
static int creation(apply_run *run, const kube_object *object, celm_kube_request *out, celm_error *err)
{
    celm_string body;
    int status = emit_json(run->arena, object->body, &body, err);
    if (status == CELM_OK)
        *out = run->options->client_side ? create_request(run, object, body) : apply_request(run, object, body);
    return status;
}

/* helm's wording for a failed server-side apply; client-side failures keep the server's text. */
static int creation_error(apply_run *run, const kube_object *object, int status, celm_error *err)
{
    if (run->options->client_side)
        return status;
    const char *what = status == CELM_ECONFLICT ? "conflict occurred while applying object"
                                                : "server-side apply failed for object";
    return celm_error_set(err, status, "%s %s/%s %s: %s", what, object->namespace_name, object->name,
                          gvk_text(run->arena, object), err->message);
}

static void note_created(kube_object *object, const celm_kube_response *response, int client_side)
{
    object->created = client_side || response->status == 201;
}

/* Nothing of the release exists yet: each kind's objects created at once, kinds in order. */
static int create_batch(apply_run *run, kube_object *objects, size_t count, const char **failures, celm_error *err)
{
    celm_arena *arena = run->arena;
    kube_batch batch;
    if (kube_batch_init(arena, count, &batch) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory creating resources");
    for (size_t i = 0; i < count; i++) {
        int status = creation(run, &objects[i], kube_batch_add(&batch, i), err);
        if (status != CELM_OK)
            return status;
    }
    kube_batch_send(run->kube, arena, &batch);
    for (size_t i = 0; i < count; i++) {
        if (batch.statuses[i] == CELM_OK) {
            note_created(&objects[i], &batch.responses[i], run->options->client_side);
            continue;
        }
        creation_error(run, &objects[i], batch.statuses[i], &batch.errors[i]);
        *failures = *failures ? celm_arena_printf(arena, "%s\n%s", *failures, batch.errors[i].message)
                              : batch.errors[i].message;
    }
    return CELM_OK;
}

static int create_all(apply_run *run, const celm_kube_object_list *list, celm_error *err)
{
    const char *failures = NULL;
    for (size_t start = 0; start < list->count;) {
        size_t end = start + 1;
        while (end < list->count && !strcmp(list->objects[end].kind, list->objects[start].kind))
            end++;
        int status = create_batch(run, list->objects + start, end - start, &failures, err);
        if (status != CELM_OK)
            return status;
        start = end;
    }
    return failures ? celm_error_set(err, CELM_EFAIL, "%s", failures) : CELM_OK;
}

static int create_one(apply_run *run, kube_object *object, celm_error *err)
{
    celm_kube_request request;
    celm_kube_response response;
    int status = creation(run, object, &request, err);
    if (status == CELM_OK)
        status = celm_kube_send(run->kube, run->arena, &request, &response, err);
    if (status != CELM_OK) {
        creation_error(run, object, status, err);
        return celm_error_set(err, status, "failed to create resource: %s", err->message);
    }
    note_created(object, &response, run->options->client_side);
    return CELM_OK;
}

static int body_request(apply_run *run, const char *method, const char *path, const char *content_type,
                        const celm_value *body, celm_kube_request *out, celm_error *err)
{
    celm_string text;
    int status = emit_json(run->arena, body, &text, err);
    if (status == CELM_OK)
        *out = (celm_kube_request){.size = sizeof *out, .method = method, .path = path, .content_type = content_type,
                                   .body = text.data, .body_len = text.len};
    return status;
}

/* The live object has managed fields of a client-side "helm" update to fold into the apply entry. */
static int has_client_side_fields(const kube_object *object)
{
    const celm_value *metadata = celm_map_cget(object->live, "metadata");
    const celm_value *entries = metadata && metadata->kind == CELM_VALUE_MAP ? celm_map_cget(metadata, "managedFields")
                                                                               : NULL;
    for (size_t i = 0; entries && entries->kind == CELM_VALUE_LIST && i < entries->as.list.count; i++) {
        const celm_value *entry = entries->as.list.items[i];
        const celm_value *manager = entry->kind == CELM_VALUE_MAP ? celm_map_cget(entry, "manager") : NULL;
        const celm_value *operation = entry->kind == CELM_VALUE_MAP ? celm_map_cget(entry, "operation") : NULL;
        if (manager && manager->kind == CELM_VALUE_STRING && !strcmp(manager->as.string.data, "helm") && operation &&
            operation->kind == CELM_VALUE_STRING && !strcmp(operation->as.string.data, "Update"))
            return 1;
    }
    return 0;
}

/* --force-replace: a PUT over the live object, at its resource version. */
static int replace_request(apply_run *run, const kube_object *object, celm_kube_request *out, celm_error *err)
{
    celm_arena *arena = run->arena;
    const celm_value *live_meta = celm_map_cget(object->live, "metadata");
    const celm_value *version = live_meta ? celm_map_cget(live_meta, "resourceVersion") : NULL;
    celm_value *body = celm_value_copy(arena, object->body);
    celm_value *metadata = celm_map_cget(body, "metadata");
    if (version && metadata)
        celm_map_set(arena, metadata, "resourceVersion", 15, (celm_value *)version);
    const char *path = celm_arena_printf(arena, "%s?" FIELD_MANAGER "&fieldValidation=Strict", object_path(arena, object));
    return body_request(run, "PUT", path, "application/json", body, out, err);
}

/* The baseline of a three-way patch: the object in the current release, the target itself when
 * an install adopts it, else (with helm's warning) what the cluster holds. */
static const kube_object *original_of(apply_run *run, const kube_object *object, kube_object *scratch)
{
    const celm_apply_options *options = run->options;
    if (!options->current)
        return object;
    const kube_object *found = kube_find_object(options->current, object);
    if (found)
        return found;
    if (options->warn) {
        const char *attributes[] = {"namespace", object->namespace_name, "name", object->name, "kind", object->kind, NULL};
        options->warn(options->warn_payload, celm_slog_line(run->arena, "WARN", "resource exists on cluster but not in "
                                                            "original release, using cluster state as baseline",
                                                            attributes));
    }
    *scratch = *object;
    scratch->body = object->live;
    return scratch;
}

/* Client-side: a strategic merge patch for Kubernetes' own kinds, a JSON merge patch otherwise
 * (three-way only when helm asks for it, else from the original alone). *skip when empty. */
static int patch_request(apply_run *run, const kube_object *object, celm_kube_request *out, int *skip, celm_error *err)
{
    kube_object scratch;
    const kube_object *original = original_of(run, object, &scratch);
    kube_schema schema;
    int status = kube_openapi_schema(run->kube, &object->resource, &schema, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "failed to create patch: %s", err->message);
    int strategic = schema.node != NULL;
    const celm_value *current = strategic || run->options->three_way_unstructured ? object->live : original->body;
    celm_value *patch;
    status = kube_three_way_patch(run->arena, original->body, object->body, current, &schema, &patch, err);
    *skip = status == CELM_OK && !patch->as.map.count;
    if (status != CELM_OK || *skip)
        return status;
    const char *type = strategic ? "application/strategic-merge-patch+json" : "application/merge-patch+json";
    const char *path = celm_arena_printf(run->arena, "%s?" FIELD_MANAGER, object_path(run->arena, object));
    return body_request(run, "PATCH", path, type, patch, out, err);
}

/* The request that brings an existing object up to date; *skip when there is nothing to send. */
static int update_request(apply_run *run, const kube_object *object, celm_kube_request *out, int *skip,
                          celm_error *err)
{
    *skip = 0;
    if (run->options->force_replace)
        return replace_request(run, object, out, err);
    if (run->options->client_side)
        return patch_request(run, object, out, skip, err);
    if (run->options->upgrade_client_side && has_client_side_fields(object)) {
        int status = celm_kube_upgrade_client_side_fields(run->kube, run->arena, object_path(run->arena, object), err);
        if (status != CELM_OK)
            return status;
    }
    return creation(run, object, out, err);
}

static void update_error(apply_run *run, const kube_object *object, int status, celm_error *err)
{
    if (run->options->force_replace)
        celm_error_set(err, status, "failed to replace object: %s", err->message);
    else if (run->options->client_side)
        celm_error_set(err, status, "cannot patch \"%s\" with kind %s: %s", object->name, object->kind, err->message);
    else
        creation_error(run, object, status, err);
}

/* Existing objects updated at once; each failure is appended to *failures in object order. */
static int update_batch(apply_run *run, kube_object *objects, size_t count, const char **failures)
{
    celm_arena *arena = run->arena;
    kube_batch batch;
    const char **messages = celm_arena_alloc(arena, (count + 1) * sizeof *messages);
    if (kube_batch_init(arena, count, &batch) != CELM_OK || !messages)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        int skip;
        celm_error prepared = CELM_ERROR_INIT;
        messages[i] = NULL;
        if (update_request(run, &objects[i], &batch.requests[batch.count], &skip, &prepared) != CELM_OK)
            messages[i] = celm_arena_printf(arena, "%s", prepared.message);
        else if (!skip)
            kube_batch_add(&batch, i);
    }
    kube_batch_send(run->kube, arena, &batch);
    for (size_t n = 0; n < batch.count; n++)
        if (batch.statuses[n] != CELM_OK) {
            update_error(run, &objects[batch.index[n]], batch.statuses[n], &batch.errors[n]);
            messages[batch.index[n]] = batch.errors[n].message;
        }
    for (size_t i = 0; i < count; i++)
        if (messages[i])
            *failures = *failures ? celm_arena_printf(arena, "%s && %s", *failures, messages[i]) : messages[i];
    return CELM_OK;
}

static int any_live(const celm_kube_object_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->objects[i].live)
            return 1;
    return 0;
}

/* helm's Update: objects in order, the missing ones created (a failure stops there), existing ones
 * updated with failures collected. A kind whose objects all exist is updated at once. */
static int update_all(apply_run *run, const celm_kube_object_list *list, celm_error *err)
{
    const char *failures = NULL;
    for (size_t start = 0; start < list->count;) {
        size_t end = start + 1, missing = !list->objects[start].live;
        while (end < list->count && !strcmp(list->objects[end].kind, list->objects[start].kind))
            missing += !list->objects[end++].live;
        for (size_t i = start; i < end; i++) {
            kube_object *object = &list->objects[i];
            int status = CELM_OK;
            if (!missing)
                status = update_batch(run, object, end - start, &failures);
            else if (!object->live)
                status = create_one(run, object, err);
            else
                status = update_batch(run, object, 1, &failures);
            if (status == CELM_ENOMEM)
                return celm_error_set(err, status, "out of memory updating resources");
            if (status != CELM_OK)
                return status;
            if (!missing)
                break;
        }
        start = end;
    }
    return failures ? celm_error_set(err, CELM_EFAIL, "%s", failures) : CELM_OK;
}

/* Objects of the current release that the target dropped, unless kept; errors joined like helm's. */
static int delete_dropped(apply_run *run, const celm_kube_object_list *target, celm_error *err)
{
    const celm_kube_object_list *current = run->options->current;
    const char *failures = NULL;
    for (size_t i = 0; current && i < current->count; i++) {
        const kube_object *object = &current->objects[i];
        celm_error one = CELM_ERROR_INIT;
        if (kube_find_object(target, object) || kube_keeps_resource(object))
            continue;
        if (kube_delete_one(run->kube, run->arena, object, "Background", &one) == CELM_OK)
            continue;
        const char *line = celm_arena_printf(run->arena, "failed to delete resource namespace=%s, name=%s, kind=%s: %s",
                                             object->namespace_name, object->name, object->kind, one.message);
        failures = failures ? celm_arena_printf(run->arena, "%s && %s", failures, line) : line;
    }
    return failures ? celm_error_set(err, CELM_EFAIL, "%s", failures) : CELM_OK;
}

int celm_kube_create_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                             const celm_apply_options *options, celm_error *err)
{
    apply_run run = {kube, arena, options};
    for (size_t i = 0; i < list->count; i++) {
        celm_kube_request request;
        celm_kube_response response;
        int status = creation(&run, &list->objects[i], &request, err);
        if (status == CELM_OK)
            status = celm_kube_send(kube, arena, &request, &response, err);
        if (status == CELM_EEXISTS)
            continue;
        if (status != CELM_OK)
            return creation_error(&run, &list->objects[i], status, err);
    }
    return CELM_OK;
}

int celm_kube_apply_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                            const celm_apply_options *options, celm_error *err)
{
    apply_run run = {kube, arena, options};
    if (!options->current && !any_live(list))
        return create_all(&run, list, err);
    if (options->force_replace && !options->client_side)
        return celm_error_set(err, CELM_EINVAL, "invalid operation: cannot use server-side apply and force replace "
                              "together");
    int status = update_all(&run, list, err);
    return status == CELM_OK ? delete_dropped(&run, list, err) : status;
}
