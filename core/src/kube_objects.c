/* kube_objects.c: a release's manifests as objects: parsing and mapping, Helm's ownership metadata,
 * and the checks before anything is applied. */
#include <string.h>

#include "celm/celm.h"
#include "kube_internal.h"

#define MANAGED_BY "app.kubernetes.io/managed-by"
#define RELEASE_NAME "meta.helm.sh/release-name"
#define RELEASE_NAMESPACE "meta.helm.sh/release-namespace"


static const char *text_at(const celm_value *map, const char *section, const char *key)
{
    const celm_value *where = section ? celm_map_cget(map, section) : map;
    const celm_value *value = where && where->kind == CELM_VALUE_MAP ? celm_map_cget(where, key) : NULL;
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : NULL;
}

static celm_value *child_map(celm_arena *arena, celm_value *map, const char *key)
{
    celm_value *child = celm_map_cget(map, key);
    if (!child || child->kind != CELM_VALUE_MAP) {
        child = celm_value_map(arena, 4);
        celm_map_set(arena, map, key, strlen(key), child);
    }
    return child;
}

static int parse_object(celm_kube *kube, celm_arena *arena, const celm_string *document, const char *default_namespace,
                        kube_object *out, celm_error *err)
{
    int status = celm_yaml_parse(arena, document->data, document->len, "manifest", CELM_YAML_KEEP_INTEGERS, &out->body,
                                 err);
    out->live = NULL;
    out->created = 0;
    if (status != CELM_OK)
        return status;
    if (!out->body || out->body->kind != CELM_VALUE_MAP)
        return CELM_ENOTFOUND;  /* an empty document */
    const char *api_version = text_at(out->body, NULL, "apiVersion");
    out->kind = text_at(out->body, NULL, "kind");
    out->name = text_at(out->body, "metadata", "name");
    if (!api_version || !out->kind || !out->name)
        return celm_error_set(err, CELM_EINVAL, "object has no apiVersion, kind or metadata.name");
    status = celm_kube_resource_for(kube, api_version, out->kind, &out->resource, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "resource mapping not found for name: \"%s\" namespace: \"%s\" from \"\": "
                              "%s\nensure CRDs are installed first", out->name,
                              text_at(out->body, "metadata", "namespace") ? text_at(out->body, "metadata", "namespace") : "",
                              err->message);
    const char *given = text_at(out->body, "metadata", "namespace");
    out->namespace_name = !out->resource.namespaced ? "" : given && *given ? given : default_namespace;
    if (out->resource.namespaced && !(given && *given))
        celm_map_set(arena, child_map(arena, out->body, "metadata"), "namespace", 9,
                     celm_value_cstring(arena, out->namespace_name));
    return CELM_OK;
}

/* Every document of `manifest` that holds an object, parsed and mapped. */
int celm_kube_objects(celm_kube *kube, celm_arena *arena, const char *manifest, const char *default_namespace,
                      celm_kube_object_list *out, celm_error *err)
{
    celm_string *documents;
    size_t count = celm_manifest_split(arena, manifest, strlen(manifest), &documents);
    kube_object *objects = celm_arena_alloc(arena, (count + 1) * sizeof *objects);
    if (!objects)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading the manifest");
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        int status = parse_object(kube, arena, &documents[i], default_namespace, &objects[kept], err);
        if (status == CELM_ENOTFOUND && !objects[kept].body)
            continue;
        if (status != CELM_OK)
            return status;
        kept++;
    }
    out->objects = objects;
    out->count = kept;
    return CELM_OK;
}

int celm_kube_object_list_append(celm_arena *arena, celm_kube_object_list *list, const celm_kube_object_list *more)
{
    kube_object *objects = celm_arena_alloc(arena, (list->count + more->count + 1) * sizeof *objects);
    if (!objects)
        return CELM_ENOMEM;
    for (size_t i = 0; i < list->count; i++)
        objects[i] = list->objects[i];
    for (size_t i = 0; i < more->count; i++)
        objects[list->count + i] = more->objects[i];
    list->objects = objects;
    list->count += more->count;
    return CELM_OK;
}

static void set_ownership(celm_arena *arena, kube_object *object, const char *release, const char *release_namespace)
{
    celm_value *metadata = child_map(arena, object->body, "metadata");
    celm_map_set(arena, child_map(arena, metadata, "labels"), MANAGED_BY, strlen(MANAGED_BY),
                 celm_value_cstring(arena, "Helm"));
    celm_value *annotations = child_map(arena, metadata, "annotations");
    celm_map_set(arena, annotations, RELEASE_NAME, strlen(RELEASE_NAME), celm_value_cstring(arena, release));
    celm_map_set(arena, annotations, RELEASE_NAMESPACE, strlen(RELEASE_NAMESPACE),
                 celm_value_cstring(arena, release_namespace));
}


static const char *object_path(celm_arena *arena, const kube_object *object)
{
    return celm_kube_resource_path(arena, &object->resource, object->namespace_name, object->name);
}

/* Helm's requireValue: "" when meta[key] is value, else why not. */
static const char *require_value(celm_arena *arena, const celm_value *meta, const char *key, const char *value)
{
    const char *actual = text_at(meta, NULL, key);
    if (!actual)
        return celm_arena_printf(arena, "missing key \"%s\": must be set to \"%s\"", key, value);
    if (strcmp(actual, value) != 0)
        return celm_arena_printf(arena, "key \"%s\" must equal \"%s\": current value is \"%s\"", key, value, actual);
    return "";
}

/* Helm's checkOwnership: the live object must carry this release's label and annotations. */
static int check_ownership(celm_arena *arena, const kube_object *object, const char *release,
                           const char *release_namespace, celm_error *err)
{
    const celm_value *metadata = celm_map_cget(object->live, "metadata");
    const celm_value *labels = metadata ? celm_map_cget(metadata, "labels") : NULL;
    const celm_value *annotations = metadata ? celm_map_cget(metadata, "annotations") : NULL;
    const char *checks[][2] = {
        {"label", require_value(arena, labels, MANAGED_BY, "Helm")},
        {"annotation", require_value(arena, annotations, RELEASE_NAME, release)},
        {"annotation", require_value(arena, annotations, RELEASE_NAMESPACE, release_namespace)},
    };
    const char *problems = NULL;
    for (size_t i = 0; i < 3; i++)
        if (*checks[i][1])
            problems = celm_arena_printf(arena, "%s%s%s validation error: %s", problems ? problems : "",
                                         problems ? "; " : "", checks[i][0], checks[i][1]);
    if (!problems)
        return CELM_OK;
    return celm_error_set(err, CELM_ECONFLICT, "%s \"%s\" in namespace \"%s\" exists and cannot be imported into "
                          "the current release: invalid ownership metadata; %s", object->kind, object->name,
                          object->namespace_name, problems);
}

/* Reads every object from the server at once into object->live (NULL when absent). */
static int read_live(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list, celm_error *err)
{
    size_t count = list->count;
    kube_batch batch;
    if (kube_batch_init(arena, count, &batch) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading resources");
    for (size_t i = 0; i < count; i++)
        *kube_batch_add(&batch, i) = (celm_kube_request){.size = sizeof(celm_kube_request), .method = "GET",
                                                         .path = object_path(arena, &list->objects[i])};
    kube_batch_send(kube, arena, &batch);
    for (size_t i = 0; i < count; i++) {
        kube_object *object = &list->objects[i];
        object->live = NULL;
        object->created = 0;
        int status = batch.statuses[i];
        if (status == CELM_OK)
            status = celm_json_parse(arena, batch.responses[i].body, batch.responses[i].body_len, batch.requests[i].path,
                                     &object->live, &batch.errors[i]);
        if (status != CELM_OK && status != CELM_ENOTFOUND)
            return celm_error_set(err, status, "could not get information about the resource %s \"%s\" in namespace "
                                  "\"%s\": %s", object->kind, object->name, object->namespace_name,
                                  batch.errors[i].message);
    }
    return CELM_OK;
}

int celm_kube_check_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                            const celm_apply_options *options, celm_error *err)
{
    kube_object *objects = list->objects;
    for (size_t i = 0; i < list->count; i++)
        set_ownership(arena, &objects[i], options->release_name, options->release_namespace);
    int status = read_live(kube, arena, list, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "unable to continue with %s: %s", options->operation, err->message);
    for (size_t i = 0; !options->take_ownership && i < list->count; i++) {
        if (!objects[i].live || kube_find_object(options->current, &objects[i]))
            continue;
        status = check_ownership(arena, &objects[i], options->release_name, options->release_namespace, err);
        if (status != CELM_OK)
            return celm_error_set(err, status, "unable to continue with %s: %s", options->operation, err->message);
    }
    return CELM_OK;
}

/* Helm's objectKey: group/version, kind, namespace and name. */
const kube_object *kube_find_object(const celm_kube_object_list *list, const kube_object *object)
{
    for (size_t i = 0; list && i < list->count; i++) {
        const kube_object *other = &list->objects[i];
        if (!strcmp(other->resource.group_version, object->resource.group_version) && !strcmp(other->kind, object->kind) &&
            !strcmp(other->namespace_name, object->namespace_name) && !strcmp(other->name, object->name))
            return other;
    }
    return NULL;
}
