/* storage_kube.c: release records kept as Secrets or ConfigMaps, in Helm's exact record format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "storage_kube.h"

#define RELEASE_NOT_FOUND "release: not found"
#define RELEASE_EXISTS "release: already exists"
#define GZIP_BEST_COMPRESSION 9

typedef struct storage_kube {
    const celm_host *host;
    const storage_kube_kind *kind;
} storage_kube;

int storage_kube_create(const celm_host *host, const storage_kube_kind *kind, void **out_instance, celm_error *err)
{
    if (!CELM_HOST_HAS(host, kube_request))
        return host->error_set(err, CELM_EABI, "the core is older than ABI 1.1 and cannot reach a cluster");
    storage_kube *store = calloc(1, sizeof *store);
    if (!store)
        return host->error_set(err, CELM_ENOMEM, "out of memory");
    store->host = host;
    store->kind = kind;
    *out_instance = store;
    return CELM_OK;
}

void storage_kube_destroy(void *instance)
{
    free(instance);
}

static const char *record_namespace(const char *release_namespace)
{
    return release_namespace && *release_namespace ? release_namespace : "default";
}

static char *format(const celm_host *host, celm_arena *arena, const char *pattern, const char *a, const char *b,
                    const char *c)
{
    int len = snprintf(NULL, 0, pattern, a, b, c);
    char *text = host->arena_alloc(arena, (size_t)len + 1);
    if (text)
        snprintf(text, (size_t)len + 1, pattern, a, b, c);
    return text;
}

static const char *collection_path(const storage_kube *store, celm_arena *arena, const char *release_namespace)
{
    if (!release_namespace || !*release_namespace)
        return format(store->host, arena, "/api/v1/%s%s%s", store->kind->resource, "", "");
    return format(store->host, arena, "/api/v1/namespaces/%s/%s%s", release_namespace, store->kind->resource, "");
}

static const char *object_path(const storage_kube *store, celm_arena *arena, const char *release_namespace,
                               const char *key)
{
    return format(store->host, arena, "/api/v1/namespaces/%s/%s/%s", record_namespace(release_namespace),
                  store->kind->resource, key);
}

static int send(const storage_kube *store, celm_arena *arena, const char *method, const char *path,
                const celm_string *body, celm_kube_response *response, celm_error *err)
{
    celm_kube_request request = {
        .size = sizeof request,
        .method = method,
        .path = path,
        .body = body ? body->data : NULL,
        .body_len = body ? body->len : 0,
    };
    return store->host->kube_request(arena, &request, response, err);
}

/* --- decoding an object into a record ------------------------------------------------------ */

static const celm_value *member(const celm_host *host, const celm_value *map, const char *key)
{
    return map && map->kind == CELM_VALUE_MAP ? host->map_get(map, key, strlen(key)) : NULL;
}

static const char *member_text(const celm_host *host, const celm_value *map, const char *key)
{
    const celm_value *value = member(host, map, key);
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : "";
}

/* data.release: base64 (twice for Secrets), then gunzip when it starts with gzip's magic. */
static int decode_payload(const storage_kube *store, celm_arena *arena, const char *text, celm_string *out,
                          celm_error *err)
{
    const celm_host *host = store->host;
    celm_string bytes = {text, strlen(text)};
    if (store->kind->binary_data && host->base64_decode(arena, bytes.data, bytes.len, &bytes, err) != CELM_OK)
        return err->code;
    if (host->base64_decode(arena, bytes.data, bytes.len, &bytes, err) != CELM_OK)
        return err->code;
    const unsigned char *b = (const unsigned char *)bytes.data;
    if (bytes.len > 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 0x08)
        return host->gzip_decompress(arena, bytes.data, bytes.len, out, err);
    *out = bytes;
    return CELM_OK;
}

static int decode_object(const storage_kube *store, celm_arena *arena, const celm_value *object,
                         celm_release_record *out, celm_error *err)
{
    const celm_host *host = store->host;
    const celm_value *metadata = member(host, object, "metadata");
    const celm_value *labels = member(host, metadata, "labels");
    celm_string body;
    int status = decode_payload(store, arena, member_text(host, member(host, object, "data"), "release"), &body, err);
    if (status != CELM_OK)
        return status;
    memset(out, 0, sizeof *out);
    out->key = member_text(host, metadata, "name");
    out->release_namespace = member_text(host, metadata, "namespace");
    out->name = member_text(host, labels, "name");
    out->status = member_text(host, labels, "status");
    out->revision = strtoll(member_text(host, labels, "version"), NULL, 10);
    out->labels = labels && labels->kind == CELM_VALUE_MAP ? labels : host->value_map(arena, 0);
    out->body = body.data;
    out->body_len = body.len;
    return CELM_OK;
}

static int parse_response(const celm_host *host, celm_arena *arena, const celm_kube_response *response,
                          celm_value **out, celm_error *err)
{
    return host->json_parse(arena, response->body, response->body_len, "the API server's response", out, err);
}

int storage_kube_get(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
                     celm_release_record *out, celm_error *err)
{
    storage_kube *store = instance;
    celm_kube_response response;
    celm_value *object;
    int status = send(store, arena, "GET", object_path(store, arena, release_namespace, key), NULL, &response, err);
    if (status == CELM_ENOTFOUND)
        return store->host->error_set(err, CELM_ENOTFOUND, RELEASE_NOT_FOUND);
    if (status != CELM_OK)
        return store->host->error_set(err, status, "get: failed to get \"%s\": %s", key, err->message);
    status = parse_response(store->host, arena, &response, &object, err);
    return status == CELM_OK ? decode_object(store, arena, object, out, err) : status;
}

/* --- listing by label selector ---------------------------------------------------------------- */

static void append_escaped(char *out, size_t *len, const char *text, size_t text_len)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < text_len; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-._~", c)) {
            out[(*len)++] = (char)c;
        } else {
            out[(*len)++] = '%';
            out[(*len)++] = hex[c >> 4];
            out[(*len)++] = hex[c & 15];
        }
    }
}

/* "?labelSelector=k%3Dv%2Ck%3Dv" from a map of strings. */
static const char *selector_query(const celm_host *host, celm_arena *arena, const celm_value *selector)
{
    size_t room = 32;
    size_t count = selector && selector->kind == CELM_VALUE_MAP ? selector->as.map.count : 0;
    for (size_t i = 0; i < count; i++) {
        const celm_value *value = selector->as.map.entries[i].value;
        room += 3 * (selector->as.map.entries[i].key.len + (value->kind == CELM_VALUE_STRING ? value->as.string.len : 0)) + 6;
    }
    char *query = host->arena_alloc(arena, room);
    if (!query)
        return NULL;
    size_t len = 0;
    for (size_t i = 0; i < count; i++) {
        const celm_map_entry *entry = &selector->as.map.entries[i];
        memcpy(query + len, i ? "%2C" : "?labelSelector=", i ? 3 : 15);
        len += i ? 3 : 15;
        append_escaped(query, &len, entry->key.data, entry->key.len);
        memcpy(query + len, "%3D", 3);
        len += 3;
        if (entry->value->kind == CELM_VALUE_STRING)
            append_escaped(query, &len, entry->value->as.string.data, entry->value->as.string.len);
    }
    query[len] = 0;
    return query;
}

/* Helm's drivers word failures of List (owner=helm only) and Query (more labels) differently. */
static int is_query(const celm_value *selector)
{
    return selector && selector->kind == CELM_VALUE_MAP && selector->as.map.count > 1;
}

static int decode_items(const storage_kube *store, celm_arena *arena, const celm_value *items,
                        celm_release_record **out, size_t *out_count, celm_error *err)
{
    size_t count = items && items->kind == CELM_VALUE_LIST ? items->as.list.count : 0;
    celm_release_record *records = store->host->arena_alloc(arena, (count + 1) * sizeof *records);
    if (!records)
        return store->host->error_set(err, CELM_ENOMEM, "out of memory listing releases");
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        celm_error skipped = CELM_ERROR_INIT;
        if (decode_object(store, arena, items->as.list.items[i], &records[kept], &skipped) == CELM_OK)
            kept++;
        else
            store->host->log(CELM_LOG_DEBUG, "storage", "list: failed to decode release: %s", skipped.message);
    }
    *out = records;
    *out_count = kept;
    return CELM_OK;
}

int storage_kube_list(void *instance, celm_arena *arena, const char *release_namespace,
                      const celm_value *selector, celm_release_record **out, size_t *out_count, celm_error *err)
{
    storage_kube *store = instance;
    const celm_host *host = store->host;
    const char *query = selector_query(host, arena, selector);
    const char *base = collection_path(store, arena, release_namespace);
    if (!query || !base)
        return host->error_set(err, CELM_ENOMEM, "out of memory listing releases");
    celm_kube_response response;
    celm_value *list;
    int status = send(store, arena, "GET", format(host, arena, "%s%s%s", base, query, ""), NULL, &response, err);
    if (status != CELM_OK)
        return host->error_set(err, status, "%s: %s", is_query(selector) ? "query: failed to query with labels" :
                               "list: failed to list", err->message);
    status = parse_response(host, arena, &response, &list, err);
    if (status != CELM_OK)
        return status;
    return decode_items(store, arena, member(host, list, "items"), out, out_count, err);
}

/* --- writing ---------------------------------------------------------------------------------- */

static celm_value *text_value(const celm_host *host, celm_arena *arena, const char *text)
{
    return host->value_string(arena, text, strlen(text));
}

static void set_text(const celm_host *host, celm_arena *arena, celm_value *map, const char *key, const char *text)
{
    host->map_set(arena, map, key, strlen(key), text_value(host, arena, text));
}

/* Helm's label set: the record's labels, the time stamp, then the four system labels on top. */
static celm_value *object_labels(const celm_host *host, celm_arena *arena, const celm_release_record *record,
                                 const char *stamp_label)
{
    celm_value *labels = host->value_map(arena, 8);
    const celm_value *given = record->labels;
    for (size_t i = 0; given && given->kind == CELM_VALUE_MAP && i < given->as.map.count; i++)
        host->map_set(arena, labels, given->as.map.entries[i].key.data, given->as.map.entries[i].key.len,
                      given->as.map.entries[i].value);
    char number[32];
    snprintf(number, sizeof number, "%lld", (long long)time(NULL));
    set_text(host, arena, labels, stamp_label, number);
    set_text(host, arena, labels, "name", record->name);
    set_text(host, arena, labels, "owner", "helm");
    set_text(host, arena, labels, "status", record->status);
    snprintf(number, sizeof number, "%lld", (long long)record->revision);
    set_text(host, arena, labels, "version", number);
    return labels;
}

/* base64(gzip(json)), and base64 once more where the object's data holds bytes. */
static int encode_payload(const storage_kube *store, celm_arena *arena, const celm_release_record *record,
                          celm_string *out, celm_error *err)
{
    const celm_host *host = store->host;
    celm_string compressed;
    if (host->gzip_compress(arena, record->body, record->body_len, GZIP_BEST_COMPRESSION, &compressed, err) != CELM_OK)
        return err->code;
    if (host->base64_encode(arena, compressed.data, compressed.len, out) != CELM_OK)
        return host->error_set(err, CELM_ENOMEM, "out of memory encoding the release");
    if (store->kind->binary_data && host->base64_encode(arena, out->data, out->len, out) != CELM_OK)
        return host->error_set(err, CELM_ENOMEM, "out of memory encoding the release");
    return CELM_OK;
}

static int object_json(const storage_kube *store, celm_arena *arena, const celm_release_record *record,
                       const char *stamp_label, celm_string *out, celm_error *err)
{
    const celm_host *host = store->host;
    celm_string payload;
    int status = encode_payload(store, arena, record, &payload, err);
    if (status != CELM_OK)
        return status;
    celm_value *object = host->value_map(arena, 5);
    celm_value *metadata = host->value_map(arena, 3);
    celm_value *data = host->value_map(arena, 1);
    set_text(host, arena, object, "apiVersion", "v1");
    set_text(host, arena, object, "kind", store->kind->kind);
    set_text(host, arena, metadata, "name", record->key);
    set_text(host, arena, metadata, "namespace", record_namespace(record->release_namespace));
    host->map_set(arena, metadata, "labels", 6, object_labels(host, arena, record, stamp_label));
    host->map_set(arena, object, "metadata", 8, metadata);
    if (store->kind->type)
        set_text(host, arena, object, "type", store->kind->type);
    host->map_set(arena, data, "release", 7, host->value_string(arena, payload.data, payload.len));
    host->map_set(arena, object, "data", 4, data);
    return host->json_emit(arena, object, 0, out, err);
}

static int write_record(storage_kube *store, const celm_release_record *record, int create, celm_error *err)
{
    const celm_host *host = store->host;
    celm_arena *arena = host->arena_create();
    if (!arena)
        return host->error_set(err, CELM_ENOMEM, "out of memory storing the release");
    celm_string body;
    celm_kube_response response;
    int status = object_json(store, arena, record, create ? "createdAt" : "modifiedAt", &body, err);
    if (status == CELM_OK && create)
        status = send(store, arena, "POST", collection_path(store, arena, record_namespace(record->release_namespace)),
                      &body, &response, err);
    else if (status == CELM_OK)
        status = send(store, arena, "PUT", object_path(store, arena, record->release_namespace, record->key), &body,
                      &response, err);
    host->arena_destroy(arena);
    if (status == CELM_EEXISTS && create)
        return host->error_set(err, CELM_EEXISTS, RELEASE_EXISTS);
    if (status == CELM_ENOTFOUND && !create)
        return host->error_set(err, CELM_ENOTFOUND, RELEASE_NOT_FOUND);
    if (status != CELM_OK)
        return host->error_set(err, status, "%s: failed to %s: %s", create ? "create" : "update",
                               create ? "create" : "update", err->message);
    return CELM_OK;
}

int storage_kube_create_record(void *instance, const celm_release_record *record, celm_error *err)
{
    return write_record(instance, record, 1, err);
}

int storage_kube_update(void *instance, const celm_release_record *record, celm_error *err)
{
    return write_record(instance, record, 0, err);
}

int storage_kube_remove(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
                        celm_release_record *out, celm_error *err)
{
    storage_kube *store = instance;
    celm_release_record found;
    int status = storage_kube_get(store, arena, release_namespace, key, &found, err);
    if (status != CELM_OK)
        return status;
    celm_kube_response response;
    status = send(store, arena, "DELETE", object_path(store, arena, release_namespace, key), NULL, &response, err);
    if (status == CELM_ENOTFOUND)
        return store->host->error_set(err, CELM_ENOTFOUND, RELEASE_NOT_FOUND);
    if (status == CELM_OK && out)
        *out = found;
    return status;
}
