/* release_store.c: release documents kept through a storage plugin, queried as Helm's Storage does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"

static celm_value *selector_of(celm_arena *arena, const char *name, const char *status)
{
    celm_value *selector = celm_value_map(arena, 3);
    celm_map_set(arena, selector, "owner", 5, celm_value_cstring(arena, "helm"));
    if (name)
        celm_map_set(arena, selector, "name", 4, celm_value_cstring(arena, name));
    if (status)
        celm_map_set(arena, selector, "status", 6, celm_value_cstring(arena, status));
    return selector;
}

static int by_version(const void *a, const void *b)
{
    int64_t x = celm_release_version(*(celm_value *const *)a), y = celm_release_version(*(celm_value *const *)b);
    return x < y ? -1 : x > y;
}

/* Decodes each record; records whose document does not parse are skipped, as Helm skips them. */
static int decode_records(celm_arena *arena, const celm_release_record *records, size_t count,
                          celm_stored_release **out, size_t *out_count, celm_error *err)
{
    celm_stored_release *releases = celm_arena_alloc(arena, (count + 1) * sizeof *releases);
    if (!releases)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading releases");
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        celm_error ignored = CELM_ERROR_INIT;
        celm_value *document;
        if (celm_release_parse(arena, records[i].body, records[i].body_len, &document, &ignored) != CELM_OK)
            continue;
        releases[kept].document = document;
        releases[kept].labels = records[i].labels;
        kept++;
    }
    qsort(releases, kept, sizeof *releases, by_version);
    *out = releases;
    *out_count = kept;
    return CELM_OK;
}

int celm_release_store_query(const celm_release_store *store, celm_arena *arena, const char *release_namespace,
                             const char *name, const char *status, celm_stored_release **out, size_t *count,
                             celm_error *err)
{
    celm_release_record *records;
    size_t record_count;
    int result = store->ops->list(store->instance, arena, release_namespace, selector_of(arena, name, status),
                                  &records, &record_count, err);
    if (result != CELM_OK)
        return result;
    return decode_records(arena, records, record_count, out, count, err);
}

static const char *status_of(const celm_value *release)
{
    const char *status = celm_release_text(release, "info", "status");
    return status ? status : "unknown";
}

static celm_release_record record_of(celm_arena *arena, const celm_value *release, const celm_value *custom_labels,
                                     const celm_string *body)
{
    const char *name = celm_release_text(release, NULL, "name");
    const char *release_namespace = celm_release_text(release, NULL, "namespace");
    int64_t version = celm_release_version(release);
    celm_value *labels = celm_value_map(arena, 6);
    for (size_t i = 0; custom_labels && custom_labels->kind == CELM_VALUE_MAP && i < custom_labels->as.map.count; i++)
        celm_map_set(arena, labels, custom_labels->as.map.entries[i].key.data, custom_labels->as.map.entries[i].key.len,
                     custom_labels->as.map.entries[i].value);
    celm_map_set(arena, labels, "name", 4, celm_value_cstring(arena, name ? name : ""));
    celm_map_set(arena, labels, "owner", 5, celm_value_cstring(arena, "helm"));
    celm_map_set(arena, labels, "status", 6, celm_value_cstring(arena, status_of(release)));
    celm_map_set(arena, labels, "version", 7, celm_value_cstring(arena, celm_arena_printf(arena, "%lld", (long long)version)));
    return (celm_release_record){
        .key = celm_arena_printf(arena, "sh.helm.release.v1.%s.v%lld", name ? name : "", (long long)version),
        .name = name ? name : "",
        .release_namespace = release_namespace ? release_namespace : "default",
        .revision = version,
        .status = status_of(release),
        .labels = labels,
        .body = body->data,
        .body_len = body->len,
    };
}

/* Labels a record carries besides the system ones are the release's custom labels. */
const celm_value *celm_release_custom_labels(celm_arena *arena, const celm_value *labels)
{
    static const char *const system[] = {"name", "owner", "status", "version", "createdAt", "modifiedAt", NULL};
    celm_value *custom = celm_value_map(arena, 4);
    for (size_t i = 0; labels && labels->kind == CELM_VALUE_MAP && i < labels->as.map.count; i++) {
        const celm_map_entry *entry = &labels->as.map.entries[i];
        int reserved = 0;
        for (size_t s = 0; system[s]; s++)
            reserved |= strcmp(entry->key.data, system[s]) == 0;
        if (!reserved)
            celm_map_set(arena, custom, entry->key.data, entry->key.len, entry->value);
    }
    return custom;
}

int celm_release_store_write(const celm_release_store *store, celm_arena *arena, const celm_value *release,
                             const celm_value *custom_labels, int create, celm_error *err)
{
    celm_string body;
    int status = celm_release_json(arena, release, &body, err);
    if (status != CELM_OK)
        return status;
    celm_release_record record = record_of(arena, release, custom_labels, &body);
    return create ? store->ops->create(store->instance, &record, err) : store->ops->update(store->instance, &record, err);
}

int celm_release_store_delete(const celm_release_store *store, celm_arena *arena, const celm_value *release,
                              celm_error *err)
{
    const char *release_namespace = celm_release_text(release, NULL, "namespace");
    const char *key = celm_arena_printf(arena, "sh.helm.release.v1.%s.v%lld", celm_release_text(release, NULL, "name"),
                                        (long long)celm_release_version(release));
    return store->ops->remove(store->instance, arena, release_namespace ? release_namespace : "default", key, NULL, err);
}

/* Helm's Storage.Create pruning: with max_history > 0, delete the oldest revisions (never the
 * deployed one) until a new revision fits; several failures are counted like helm counts them. */
int celm_release_store_prune(const celm_release_store *store, celm_arena *arena, const char *release_namespace,
                             const char *name, long long max_history, celm_error *err)
{
    if (max_history <= 0)
        return CELM_OK;
    size_t keep = (size_t)(max_history - 1), count;
    celm_stored_release *history;
    int status = celm_release_store_query(store, arena, release_namespace, name, NULL, &history, &count, err);
    if (status != CELM_OK || count <= keep)
        return status;
    int64_t deployed = -1;
    for (size_t i = 0; i < count; i++) {
        const char *state = celm_release_text(history[i].document, "info", "status");
        if (state && !strcmp(state, "deployed"))
            deployed = celm_release_version(history[i].document);
    }
    size_t chosen = 0, failures = 0;
    celm_error first = CELM_ERROR_INIT;
    for (size_t i = 0; i < count && count - chosen > keep; i++) {
        if (celm_release_version(history[i].document) == deployed)
            continue;
        chosen++;
        celm_error one = CELM_ERROR_INIT;
        if (celm_release_store_delete(store, arena, history[i].document, &one) != CELM_OK && failures++ == 0)
            first = one;
    }
    if (failures == 1)
        return celm_error_set(err, first.code, "%s", first.message);
    if (failures > 1)
        return celm_error_set(err, CELM_EFAIL, "encountered %zu deletion errors. First is: %s", failures, first.message);
    return CELM_OK;
}
