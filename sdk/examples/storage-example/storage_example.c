/* storage_example.c: a small, complete storage plugin written against the installed celm SDK only.
 * Records live in a singly linked list for the life of the instance (HELM_DRIVER=example). */
#include <stdlib.h>
#include <string.h>

#include <celm/sdk.h>

typedef struct entry {
    struct entry *next;
    celm_arena *arena;              /* owns the record's strings and labels */
    celm_release_record record;
} entry;

typedef struct store {
    const celm_host *host;
    entry *first;
} store;

static const char *namespace_or_default(const char *ns)
{
    return ns && *ns ? ns : "default";
}

static entry **find(store *s, const char *ns, const char *key)
{
    entry **link = &s->first;
    for (; *link; link = &(*link)->next)
        if (strcmp((*link)->record.key, key) == 0 &&
            strcmp((*link)->record.release_namespace, namespace_or_default(ns)) == 0)
            return link;
    return link;
}

static const char *dup_text(const celm_host *host, celm_arena *arena, const char *text)
{
    return host->arena_strndup(arena, text ? text : "", text ? strlen(text) : 0);
}

static int copy_record(const celm_host *host, celm_arena *arena, const celm_release_record *from,
                       celm_release_record *to)
{
    to->key = dup_text(host, arena, from->key);
    to->name = dup_text(host, arena, from->name);
    to->release_namespace = dup_text(host, arena, namespace_or_default(from->release_namespace));
    to->status = dup_text(host, arena, from->status);
    to->revision = from->revision;
    to->labels = from->labels ? host->value_copy(arena, from->labels) : host->value_map(arena, 0);
    to->body = host->arena_strndup(arena, from->body ? from->body : "", from->body_len);
    to->body_len = from->body_len;
    return to->key && to->name && to->release_namespace && to->status && to->labels && to->body;
}

static int not_found(store *s, celm_error *err)
{
    return s->host->error_set(err, CELM_ENOTFOUND, "release: not found");
}

static int example_get(void *instance, celm_arena *arena, const char *ns, const char *key,
                       celm_release_record *out, celm_error *err)
{
    store *s = instance;
    entry *found = *find(s, ns, key);
    if (!found)
        return not_found(s, err);
    return copy_record(s->host, arena, &found->record, out) ? CELM_OK : s->host->error_set(err, CELM_ENOMEM, "out of memory");
}

static int matches(const celm_host *host, const celm_value *labels, const celm_value *selector)
{
    for (size_t i = 0; selector && i < selector->as.map.count; i++) {
        const celm_map_entry *want = &selector->as.map.entries[i];
        const celm_value *have = host->map_get(labels, want->key.data, want->key.len);
        if (!have || have->kind != CELM_VALUE_STRING || want->value->kind != CELM_VALUE_STRING ||
            strcmp(have->as.string.data, want->value->as.string.data) != 0)
            return 0;
    }
    return 1;
}

static int example_list(void *instance, celm_arena *arena, const char *ns, const celm_value *selector,
                        celm_release_record **out, size_t *out_count, celm_error *err)
{
    store *s = instance;
    size_t total = 0, count = 0;
    for (entry *e = s->first; e; e = e->next)
        total++;
    celm_release_record *records = s->host->arena_alloc(arena, (total + 1) * sizeof *records);
    if (!records)
        return s->host->error_set(err, CELM_ENOMEM, "out of memory");
    for (entry *e = s->first; e; e = e->next) {
        if (ns && *ns && strcmp(e->record.release_namespace, ns) != 0)
            continue;
        if (matches(s->host, e->record.labels, selector) && !copy_record(s->host, arena, &e->record, &records[count++]))
            return s->host->error_set(err, CELM_ENOMEM, "out of memory");
    }
    *out = records;
    *out_count = count;
    return CELM_OK;
}

static int store_into(store *s, entry *e, const celm_release_record *record, celm_error *err)
{
    celm_arena *arena = s->host->arena_create();
    celm_release_record copy;
    if (!arena || !copy_record(s->host, arena, record, &copy)) {
        s->host->arena_destroy(arena);
        return s->host->error_set(err, CELM_ENOMEM, "out of memory");
    }
    if (e->arena)
        s->host->arena_destroy(e->arena);
    e->arena = arena;
    e->record = copy;
    return CELM_OK;
}

static int example_create(void *instance, const celm_release_record *record, celm_error *err)
{
    store *s = instance;
    if (*find(s, record->release_namespace, record->key))
        return s->host->error_set(err, CELM_EEXISTS, "release: already exists");
    entry *e = calloc(1, sizeof *e);
    if (!e)
        return s->host->error_set(err, CELM_ENOMEM, "out of memory");
    int status = store_into(s, e, record, err);
    if (status != CELM_OK) {
        free(e);
        return status;
    }
    e->next = s->first;
    s->first = e;
    return CELM_OK;
}

static int example_update(void *instance, const celm_release_record *record, celm_error *err)
{
    store *s = instance;
    entry *found = *find(s, record->release_namespace, record->key);
    return found ? store_into(s, found, record, err) : not_found(s, err);
}

static int example_remove(void *instance, celm_arena *arena, const char *ns, const char *key,
                          celm_release_record *out, celm_error *err)
{
    store *s = instance;
    entry **link = find(s, ns, key);
    entry *found = *link;
    if (!found)
        return not_found(s, err);
    if (out && !copy_record(s->host, arena, &found->record, out))
        return s->host->error_set(err, CELM_ENOMEM, "out of memory");
    *link = found->next;
    s->host->arena_destroy(found->arena);
    free(found);
    return CELM_OK;
}

static int example_new(const celm_host *host, const celm_value *config, celm_error *err, void **out)
{
    (void)config;
    if (!CELM_HOST_HAS(host, value_copy))
        return host->error_set(err, CELM_EABI, "this celm is too old for the example plugin");
    store *s = calloc(1, sizeof *s);
    if (!s)
        return host->error_set(err, CELM_ENOMEM, "out of memory");
    s->host = host;
    *out = s;
    return CELM_OK;
}

static void example_free(void *instance)
{
    store *s = instance;
    while (s->first) {
        entry *next = s->first->next;
        s->host->arena_destroy(s->first->arena);
        free(s->first);
        s->first = next;
    }
    free(s);
}

static const celm_storage_ops example_ops = {
    .version = CELM_STORAGE_OPS_VERSION,
    .driver_name = "example",
    .get = example_get,
    .list = example_list,
    .create = example_create,
    .update = example_update,
    .remove = example_remove,
};

static const celm_plugin_descriptor example_descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_STORAGE,
    .name = "example",
    .version = "1.0.0",
    .description = "Example out-of-tree storage plugin (records kept in memory)",
    .create = example_new,
    .destroy = example_free,
    .ops = &example_ops,
};

CELM_PLUGIN_ENTRY(storage_example, example_descriptor)
