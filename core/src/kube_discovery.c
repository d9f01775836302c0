/* kube_discovery.c: REST mapping of apiVersion and kind through the aggregated discovery documents. */
#include <stdlib.h>
#include <string.h>

#include "kube_internal.h"

#define AGGREGATED_DISCOVERY "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"

struct kube_discovery {
    celm_arena *arena;
    celm_kube_resource *resources;
    size_t count;
    size_t capacity;
    int fresh;          /* the lists are current; stale ones are refetched into the same arena, so
                         * resources handed out earlier stay valid until the client closes */
};

void kube_discovery_free(kube_discovery *discovery)
{
    if (!discovery)
        return;
    celm_arena_destroy(discovery->arena);
    free(discovery);
}

void celm_kube_forget_discovery(celm_kube *kube)
{
    kube_discovery *d = *kube_discovery_slot(kube);
    if (d)
        d->fresh = 0;
}

static const celm_value *list_of(const celm_value *map, const char *key)
{
    const celm_value *value = map && map->kind == CELM_VALUE_MAP ? celm_map_cget(map, key) : NULL;
    return value && value->kind == CELM_VALUE_LIST ? value : NULL;
}

static int add_resource(kube_discovery *d, const char *group_version, const celm_value *resource)
{
    const celm_value *response_kind = celm_map_cget(resource, "responseKind");
    if (!response_kind || response_kind->kind != CELM_VALUE_MAP)
        return CELM_OK;
    if (d->count == d->capacity) {
        size_t capacity = d->capacity ? d->capacity * 2 : 256;
        celm_kube_resource *grown = celm_arena_alloc(d->arena, capacity * sizeof *grown);
        if (!grown)
            return CELM_ENOMEM;
        if (d->count)
            memcpy(grown, d->resources, d->count * sizeof *grown);
        d->resources = grown;
        d->capacity = capacity;
    }
    d->resources[d->count++] = (celm_kube_resource){
        .group_version = group_version,
        .resource = celm_arena_printf(d->arena, "%s", celm_map_string(resource, "resource")),
        .kind = celm_arena_printf(d->arena, "%s", celm_map_string(response_kind, "kind")),
        .namespaced = !strcmp(celm_map_string(resource, "scope"), "Namespaced"),
    };
    return CELM_OK;
}

/* One APIGroupDiscoveryList: groups, their versions, each version's resources. */
static int add_groups(kube_discovery *d, const celm_value *document)
{
    const celm_value *groups = list_of(document, "items");
    for (size_t g = 0; groups && g < groups->as.list.count; g++) {
        const celm_value *group = groups->as.list.items[g];
        const char *group_name = celm_map_string(celm_map_cget(group, "metadata"), "name");
        const celm_value *versions = list_of(group, "versions");
        for (size_t v = 0; versions && v < versions->as.list.count; v++) {
            const char *version = celm_map_string(versions->as.list.items[v], "version");
            const char *group_version = *group_name ? celm_arena_printf(d->arena, "%s/%s", group_name, version)
                                                    : celm_arena_printf(d->arena, "%s", version);
            const celm_value *resources = list_of(versions->as.list.items[v], "resources");
            for (size_t r = 0; resources && r < resources->as.list.count; r++)
                if (add_resource(d, group_version, resources->as.list.items[r]) != CELM_OK)
                    return CELM_ENOMEM;
        }
    }
    return CELM_OK;
}

static int fetch_list(celm_kube *kube, kube_discovery *d, const char *path, celm_error *err)
{
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = path, .accept = AGGREGATED_DISCOVERY};
    celm_kube_response response;
    celm_arena *scratch = celm_arena_create();
    celm_value *document;
    int status = celm_kube_send(kube, scratch, &request, &response, err);
    if (status == CELM_OK)
        status = celm_json_parse(scratch, response.body, response.body_len, path, &document, err);
    if (status == CELM_OK && add_groups(d, document) != CELM_OK)
        status = celm_error_set(err, CELM_ENOMEM, "out of memory reading discovery");
    celm_arena_destroy(scratch);
    return status;
}

static int discover(celm_kube *kube, celm_error *err)
{
    kube_discovery **slot = kube_discovery_slot(kube);
    if (*slot && (*slot)->fresh)
        return CELM_OK;
    if (!*slot) {
        kube_discovery *d = calloc(1, sizeof *d);
        if (!d || !(d->arena = celm_arena_create())) {
            free(d);
            return celm_error_set(err, CELM_ENOMEM, "out of memory reading discovery");
        }
        *slot = d;
    }
    kube_discovery *d = *slot;
    d->count = d->capacity = 0;
    d->resources = NULL;
    int status = fetch_list(kube, d, "/api", err);
    if (status == CELM_OK)
        status = fetch_list(kube, d, "/apis", err);
    d->fresh = status == CELM_OK;
    return status;
}

static const celm_kube_resource *find(const kube_discovery *d, const char *api_version, const char *kind)
{
    for (size_t i = 0; i < d->count; i++)
        if (!strcmp(d->resources[i].kind, kind) && !strcmp(d->resources[i].group_version, api_version) &&
            !strchr(d->resources[i].resource, '/'))
            return &d->resources[i];
    return NULL;
}

int celm_kube_resource_for(celm_kube *kube, const char *api_version, const char *kind,
                           celm_kube_resource *out, celm_error *err)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        int status = discover(kube, err);
        if (status != CELM_OK)
            return status;
        const celm_kube_resource *found = find(*kube_discovery_slot(kube), api_version, kind);
        if (found) {
            *out = *found;
            return CELM_OK;
        }
        if (attempt == 0)
            celm_kube_forget_discovery(kube);
    }
    return celm_error_set(err, CELM_ENOTFOUND, "no matches for kind \"%s\" in version \"%s\"", kind, api_version);
}

const char *celm_kube_resource_path(celm_arena *arena, const celm_kube_resource *resource,
                                    const char *namespace_name, const char *name)
{
    const char *root = strchr(resource->group_version, '/') ? "/apis/" : "/api/";
    const char *scope = resource->namespaced && namespace_name && *namespace_name
                            ? celm_arena_printf(arena, "/namespaces/%s", namespace_name) : "";
    return celm_arena_printf(arena, "%s%s%s/%s%s%s", root, resource->group_version, scope, resource->resource,
                             name ? "/" : "", name ? name : "");
}
