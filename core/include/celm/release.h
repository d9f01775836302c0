/* release.h: releases as Helm records them: the Go-JSON document, its storage, its time stamps. */
#ifndef CELM_RELEASE_H
#define CELM_RELEASE_H

#include <stddef.h>
#include <stdint.h>

#include "celm/chart.h"
#include "celm/sdk.h"

/* Go's zero time.Time as JSON writes it. */
#define CELM_GO_ZERO_TIME "0001-01-01T00:00:00Z"

/* A release is a map shaped like Helm's release.Release JSON (name, info, chart, config, manifest,
 * hooks, version, namespace, apply_method); times are RFC 3339 strings. Releases read from storage
 * are the parsed document, so fields celm does not know survive a rewrite. */

/* The document as Helm v4.2.4 writes it: fields in struct order, omitempty/omitzero as tagged. */
int celm_release_json(celm_arena *arena, const celm_value *release, celm_string *out, celm_error *err);
/* One Chart.yaml dependency as Go JSON writes chart.Dependency (struct field order). */
int celm_chart_dependency_json(celm_arena *arena, const celm_value *dependency, celm_string *out, celm_error *err);
/* Reads a stored document (numbers become float64, as Go's any does). */
int celm_release_parse(celm_arena *arena, const char *json, size_t len, celm_value **out, celm_error *err);

/* Now as Go's time.Now() marshals: RFC 3339 with nanoseconds, trailing zeros dropped, local offset. */
const char *celm_release_time_now(celm_arena *arena);
/* The same for a given moment. */
const char *celm_release_time_format(celm_arena *arena, int64_t seconds, int32_t nanoseconds);
/* Parses RFC 3339 text into seconds since the epoch; 0 on success, -1 when it does not parse. */
int celm_release_time_parse(const char *text, int64_t *seconds, int32_t *nanoseconds);

/* The top chart as the release embeds it (metadata, lock, templates, values, schema, files, times). */
celm_value *celm_release_chart(celm_arena *arena, const celm_chart *chart);

/* Shortcuts into a release document; NULL or 0 when absent. */
const char *celm_release_text(const celm_value *release, const char *section, const char *key);
int64_t celm_release_version(const celm_value *release);
/* A stored hook's events include `event`; its weight (0 when absent). */
int celm_release_hook_has_event(const celm_value *hook, const char *event);
int64_t celm_release_hook_weight(const celm_value *hook);
/* Sets info.<key> (creating info) to a string. */
int celm_release_set_info(celm_arena *arena, celm_value *release, const char *key, const char *text);

/* --- storage (release_store.c) --------------------------------------------------------------- */
typedef struct celm_release_store {
    const celm_storage_ops *ops;
    void *instance;
} celm_release_store;

/* A stored revision: the document and the labels of its storage object. */
typedef struct celm_stored_release {
    celm_value *document;
    const celm_value *labels;
} celm_stored_release;

/* Releases with owner=helm and, when given, that name and status, sorted by version (oldest
 * first); `release_namespace` "" means every namespace. Undecodable records are skipped. */
int celm_release_store_query(const celm_release_store *store, celm_arena *arena, const char *release_namespace,
                             const char *name, const char *status, celm_stored_release **out, size_t *count,
                             celm_error *err);
/* Stores (create) or replaces (update) the record of `release` under Helm's key and labels. */
int celm_release_store_write(const celm_release_store *store, celm_arena *arena, const celm_value *release,
                             const celm_value *custom_labels, int create, celm_error *err);
int celm_release_store_delete(const celm_release_store *store, celm_arena *arena, const celm_value *release,
                              celm_error *err);
/* Makes room for one more revision of `name` when max_history > 0 (Helm's removeLeastRecent). */
int celm_release_store_prune(const celm_release_store *store, celm_arena *arena, const char *release_namespace,
                             const char *name, long long max_history, celm_error *err);
/* The labels of a storage object without the system ones (name, owner, status, version, times). */
const celm_value *celm_release_custom_labels(celm_arena *arena, const celm_value *labels);

#endif
