/* kube_openapi.c: patch metadata of built-in kinds from the server's OpenAPI v3 documents. */
#include <stdlib.h>
#include <string.h>

#include "kube_internal.h"

/* Documents fetched so far, one per group-version, parsed into the cache's arena. */
typedef struct openapi_document {
    const char *group_version;
    const celm_value *schemas;      /* components.schemas */
} openapi_document;

struct kube_openapi {
    celm_arena *arena;
    const celm_value *paths;        /* the /openapi/v3 index */
    openapi_document documents[32];
    size_t count;
};

void kube_openapi_free(kube_openapi *openapi)
{
    if (!openapi)
        return;
    celm_arena_destroy(openapi->arena);
    free(openapi);
}

static const celm_value *member(const celm_value *map, const char *key, celm_value_kind kind)
{
    const celm_value *value = map && map->kind == CELM_VALUE_MAP ? celm_map_cget(map, key) : NULL;
    return value && value->kind == kind ? value : NULL;
}

static int fetch_json(celm_kube *kube, kube_openapi *openapi, const char *path, celm_value **out, celm_error *err)
{
    return celm_kube_get_json(kube, openapi->arena, path, out, err);
}

static int open_cache(celm_kube *kube, kube_openapi **out, celm_error *err)
{
    kube_openapi **slot = kube_openapi_slot(kube);
    if (!*slot) {
        kube_openapi *openapi = calloc(1, sizeof *openapi);
        if (!openapi || !(openapi->arena = celm_arena_create())) {
            free(openapi);
            return celm_error_set(err, CELM_ENOMEM, "out of memory reading the OpenAPI schema");
        }
        *slot = openapi;
    }
    kube_openapi *openapi = *slot;
    if (!openapi->paths) {
        celm_value *index;
        int status = fetch_json(kube, openapi, "/openapi/v3", &index, err);
        if (status != CELM_OK)
            return status;
        openapi->paths = member(index, "paths", CELM_VALUE_MAP);
    }
    *out = openapi;
    return CELM_OK;
}

static int load_document(celm_kube *kube, kube_openapi *openapi, const char *group_version,
                         const celm_value **schemas, celm_error *err)
{
    for (size_t i = 0; i < openapi->count; i++)
        if (!strcmp(openapi->documents[i].group_version, group_version)) {
            *schemas = openapi->documents[i].schemas;
            return CELM_OK;
        }
    const char *key = celm_arena_printf(openapi->arena, "%s%s", strchr(group_version, '/') ? "apis/" : "api/",
                                        group_version);
    const char *url = kube_field_text(member(openapi->paths, key, CELM_VALUE_MAP), "serverRelativeURL", NULL);
    *schemas = NULL;
    if (!url)
        return CELM_OK;
    celm_value *document;
    int status = fetch_json(kube, openapi, url, &document, err);
    if (status != CELM_OK)
        return status;
    *schemas = member(member(document, "components", CELM_VALUE_MAP), "schemas", CELM_VALUE_MAP);
    if (openapi->count < sizeof openapi->documents / sizeof openapi->documents[0])
        openapi->documents[openapi->count++] = (openapi_document){
            celm_arena_printf(openapi->arena, "%s", group_version), *schemas};
    return CELM_OK;
}

static int names_kind(const celm_value *schema, const char *group, const char *version, const char *kind)
{
    const celm_value *kinds = member(schema, "x-kubernetes-group-version-kind", CELM_VALUE_LIST);
    for (size_t i = 0; kinds && i < kinds->as.list.count; i++) {
        const celm_value *gvk = kinds->as.list.items[i];
        const char *g = kube_field_text(gvk, "group", NULL), *v = kube_field_text(gvk, "version", NULL);
        const char *k = kube_field_text(gvk, "kind", NULL);
        if (g && v && k && !strcmp(g, group) && !strcmp(v, version) && !strcmp(k, kind))
            return 1;
    }
    return 0;
}

/* Kubernetes' own types (k8s.io/api and the CRD type itself): the kinds client-go knows, and so
 * the ones helm patches with strategic merge. */
static int built_in(const celm_string *component)
{
    return !strncmp(component->data, "io.k8s.api.", 11) ||
           !strncmp(component->data, "io.k8s.apiextensions-apiserver.", 31);
}

int kube_openapi_schema(celm_kube *kube, const celm_kube_resource *resource, kube_schema *out, celm_error *err)
{
    kube_openapi *openapi = NULL;
    memset(out, 0, sizeof *out);
    int status = open_cache(kube, &openapi, err);
    const celm_value *schemas = NULL;
    if (status == CELM_OK)
        status = load_document(kube, openapi, resource->group_version, &schemas, err);
    if (status != CELM_OK || !schemas)
        return status;
    const char *slash = strchr(resource->group_version, '/');
    const char *group = slash ? celm_arena_strndup(openapi->arena, resource->group_version,
                                                   (size_t)(slash - resource->group_version)) : "";
    const char *version = slash ? slash + 1 : resource->group_version;
    for (size_t i = 0; i < schemas->as.map.count; i++) {
        const celm_map_entry *entry = &schemas->as.map.entries[i];
        if (names_kind(entry->value, group, version, resource->kind)) {
            if (built_in(&entry->key))
                *out = (kube_schema){schemas, entry->value};
            return CELM_OK;
        }
    }
    return CELM_OK;
}

/* Follows $ref and a lone allOf[$ref] to the schema that holds properties or items. */
static const celm_value *resolve(const kube_schema *where, const celm_value *node)
{
    for (int depth = 0; node && depth < 16; depth++) {
        const char *ref = kube_field_text(node, "$ref", NULL);
        const celm_value *all_of = member(node, "allOf", CELM_VALUE_LIST);
        if (!ref && all_of && all_of->as.list.count == 1)
            ref = kube_field_text(all_of->as.list.items[0], "$ref", NULL);
        if (!ref)
            return node;
        const char *name = strrchr(ref, '/');
        node = name ? celm_map_cget(where->schemas, name + 1) : NULL;
    }
    return NULL;
}

kube_schema kube_schema_field(const kube_schema *parent, const char *key)
{
    const celm_value *type = resolve(parent, parent->node);
    const celm_value *field = member(member(type, "properties", CELM_VALUE_MAP), key, CELM_VALUE_MAP);
    if (!field)
        field = member(type, "additionalProperties", CELM_VALUE_MAP);
    return (kube_schema){parent->schemas, field};
}

kube_schema kube_schema_items(const kube_schema *list)
{
    const celm_value *type = resolve(list, list->node);
    return (kube_schema){list->schemas, member(type, "items", CELM_VALUE_MAP)};
}

const char *kube_schema_patch_strategy(const kube_schema *field)
{
    const char *strategy = kube_field_text(field->node, "x-kubernetes-patch-strategy", NULL);
    return strategy ? strategy : "";
}

const char *kube_schema_merge_key(const kube_schema *field)
{
    return kube_field_text(field->node, "x-kubernetes-patch-merge-key", NULL);
}
