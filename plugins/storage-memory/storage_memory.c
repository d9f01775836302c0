/* storage_memory.c: Helm's in-memory release driver (HELM_DRIVER=memory) as a storage plugin. */
#include <stdlib.h>
#include <string.h>

#include "celm/sdk.h"

typedef struct memory_record {
    celm_arena *arena;      /* owns every field below */
    celm_release_record record;
} memory_record;

typedef struct memory_store {
    const celm_host *host;
    memory_record *records;
    size_t count;
    size_t capacity;
} memory_store;

static const char *record_namespace(const char *release_namespace)
{
    return release_namespace && *release_namespace ? release_namespace : "default";
}

static long find_record(const memory_store *store, const char *release_namespace, const char *key)
{
    const char *ns = record_namespace(release_namespace);
    for (size_t i = 0; i < store->count; i++) {
        const celm_release_record *record = &store->records[i].record;
        if (strcmp(record->key, key) == 0 && strcmp(record->release_namespace, ns) == 0)
            return (long)i;
    }
    return -1;
}

static const char *copy_text(const celm_host *host, celm_arena *arena, const char *text)
{
    return host->arena_strndup(arena, text ? text : "", text ? strlen(text) : 0);
}

/* Copies `source` into `arena`; returns 0 when memory runs out. */
static int copy_record(const celm_host *host, celm_arena *arena, const celm_release_record *source,
                       celm_release_record *out)
{
    out->key = copy_text(host, arena, source->key);
    out->name = copy_text(host, arena, source->name);
    out->release_namespace = copy_text(host, arena, record_namespace(source->release_namespace));
    out->status = copy_text(host, arena, source->status);
    out->revision = source->revision;
    out->labels = source->labels ? host->value_copy(arena, source->labels) : host->value_map(arena, 0);
    out->body = host->arena_strndup(arena, source->body ? source->body : "", source->body_len);
    out->body_len = source->body_len;
    return out->key && out->name && out->release_namespace && out->status && out->labels && out->body;
}

static int store_record(memory_store *store, const celm_release_record *source, memory_record *slot,
                        celm_error *err)
{
    celm_arena *arena = store->host->arena_create();
    celm_release_record copy;
    if (!arena || !copy_record(store->host, arena, source, &copy)) {
        store->host->arena_destroy(arena);
        return store->host->error_set(err, CELM_ENOMEM, "out of memory storing release %s", source->key);
    }
    if (slot->arena)
        store->host->arena_destroy(slot->arena);
    slot->arena = arena;
    slot->record = copy;
    return CELM_OK;
}

static int memory_get(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
                      celm_release_record *out, celm_error *err)
{
    memory_store *store = instance;
    long found = find_record(store, release_namespace, key);
    if (found < 0)
        return store->host->error_set(err, CELM_ENOTFOUND, "release: not found");
    if (!copy_record(store->host, arena, &store->records[found].record, out))
        return store->host->error_set(err, CELM_ENOMEM, "out of memory");
    return CELM_OK;
}

static int labels_match(const celm_host *host, const celm_value *labels, const celm_value *selector)
{
    if (!selector || selector->kind != CELM_VALUE_MAP)
        return 1;
    for (size_t i = 0; i < selector->as.map.count; i++) {
        const celm_map_entry *wanted = &selector->as.map.entries[i];
        const celm_value *have = host->map_get(labels, wanted->key.data, wanted->key.len);
        if (!have || have->kind != CELM_VALUE_STRING || wanted->value->kind != CELM_VALUE_STRING ||
            have->as.string.len != wanted->value->as.string.len ||
            memcmp(have->as.string.data, wanted->value->as.string.data, have->as.string.len) != 0)
            return 0;
    }
    return 1;
}

static int memory_list(void *instance, celm_arena *arena, const char *release_namespace,
                       const celm_value *selector, celm_release_record **out, size_t *out_count,
                       celm_error *err)
{
    memory_store *store = instance;
    int every_namespace = !release_namespace || !*release_namespace;
    celm_release_record *matches = store->host->arena_alloc(arena, (store->count + 1) * sizeof *matches);
    if (!matches)
        return store->host->error_set(err, CELM_ENOMEM, "out of memory");
    size_t count = 0;
    for (size_t i = 0; i < store->count; i++) {
        const celm_release_record *record = &store->records[i].record;
        if (!every_namespace && strcmp(record->release_namespace, release_namespace) != 0)
            continue;
        if (!labels_match(store->host, record->labels, selector))
            continue;
        if (!copy_record(store->host, arena, record, &matches[count++]))
            return store->host->error_set(err, CELM_ENOMEM, "out of memory");
    }
    *out = matches;
    *out_count = count;
    return CELM_OK;
}

static int memory_create(void *instance, const celm_release_record *record, celm_error *err)
{
    memory_store *store = instance;
    if (find_record(store, record->release_namespace, record->key) >= 0)
        return store->host->error_set(err, CELM_EEXISTS, "release: already exists");
    if (store->count == store->capacity) {
        size_t capacity = store->capacity ? store->capacity * 2 : 16;
        memory_record *grown = realloc(store->records, capacity * sizeof *grown);
        if (!grown)
            return store->host->error_set(err, CELM_ENOMEM, "out of memory");
        store->records = grown;
        store->capacity = capacity;
    }
    memory_record *slot = &store->records[store->count];
    memset(slot, 0, sizeof *slot);
    int status = store_record(store, record, slot, err);
    if (status == CELM_OK)
        store->count++;
    return status;
}

static int memory_update(void *instance, const celm_release_record *record, celm_error *err)
{
    memory_store *store = instance;
    long found = find_record(store, record->release_namespace, record->key);
    if (found < 0)
        return store->host->error_set(err, CELM_ENOTFOUND, "release: not found");
    return store_record(store, record, &store->records[found], err);
}

static int memory_remove(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
                         celm_release_record *out, celm_error *err)
{
    memory_store *store = instance;
    long found = find_record(store, release_namespace, key);
    if (found < 0)
        return store->host->error_set(err, CELM_ENOTFOUND, "release: not found");
    memory_record *slot = &store->records[found];
    if (out && !copy_record(store->host, arena, &slot->record, out))
        return store->host->error_set(err, CELM_ENOMEM, "out of memory");
    store->host->arena_destroy(slot->arena);
    memmove(slot, slot + 1, (store->count - (size_t)found - 1) * sizeof *slot);
    store->count--;
    return CELM_OK;
}

static int memory_create_instance(const celm_host *host, const celm_value *config, celm_error *err,
                                  void **out_instance)
{
    (void)config;
    memory_store *store = calloc(1, sizeof *store);
    if (!store)
        return host->error_set(err, CELM_ENOMEM, "out of memory");
    store->host = host;
    *out_instance = store;
    return CELM_OK;
}

static void memory_destroy_instance(void *instance)
{
    memory_store *store = instance;
    for (size_t i = 0; i < store->count; i++)
        store->host->arena_destroy(store->records[i].arena);
    free(store->records);
    free(store);
}

static const celm_storage_ops memory_ops = {
    .version = CELM_STORAGE_OPS_VERSION,
    .driver_name = "memory",
    .get = memory_get,
    .list = memory_list,
    .create = memory_create,
    .update = memory_update,
    .remove = memory_remove,
};

static const celm_plugin_descriptor memory_descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_STORAGE,
    .name = "memory",
    .version = "0.1.0",
    .description = "Helm's in-memory release storage (HELM_DRIVER=memory); records live as long as the process",
    .create = memory_create_instance,
    .destroy = memory_destroy_instance,
    .ops = &memory_ops,
};

CELM_PLUGIN_ENTRY(storage_memory, memory_descriptor)
