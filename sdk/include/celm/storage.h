/* storage.h: the storage kind, where release records live (Helm's storage drivers). */
#ifndef CELM_STORAGE_H
#define CELM_STORAGE_H

#include <stddef.h>
#include <stdint.h>

#include "celm/arena.h"
#include "celm/error.h"
#include "celm/value.h"

#define CELM_STORAGE_OPS_VERSION 1

/* One stored revision of a release. `key` is Helm's object name `sh.helm.release.v1.NAME.vREV`.
 * `labels` is a map of string values (name, owner, status, version and custom labels) that the
 * storage keeps as given and matches selectors against. `body` is the release as Helm's Go-JSON
 * document (not compressed; a driver encodes it as its format requires).
 * Records passed to a plugin are borrowed for the call; records a plugin returns are allocated in
 * the arena the caller passed and die with it. */
typedef struct celm_release_record {
    const char *key;
    const char *name;
    const char *release_namespace;
    int64_t revision;
    const char *status;
    const celm_value *labels;
    const char *body;
    size_t body_len;
} celm_release_record;

/* Errors every implementation reports the same way (the contract suite checks them):
 * get/update/remove of a missing key -> CELM_ENOTFOUND "release: not found";
 * create of an existing key          -> CELM_EEXISTS "release: already exists".
 * `release_namespace` "" in list means every namespace. */
typedef struct celm_storage_ops {
    uint32_t version;           /* CELM_STORAGE_OPS_VERSION the plugin was built with */
    const char *driver_name;    /* the HELM_DRIVER value that selects it, e.g. "memory" */

    int (*get)(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
               celm_release_record *out, celm_error *err);
    /* Every record whose labels contain all entries of `selector` (a map of strings, or NULL for
     * all records). Order is unspecified. *out is an arena array of *out_count records. */
    int (*list)(void *instance, celm_arena *arena, const char *release_namespace,
                const celm_value *selector, celm_release_record **out, size_t *out_count,
                celm_error *err);
    int (*create)(void *instance, const celm_release_record *record, celm_error *err);
    int (*update)(void *instance, const celm_release_record *record, celm_error *err);
    /* Removes the record and returns it in *out (allocated in `arena`); `out` may be NULL. */
    int (*remove)(void *instance, celm_arena *arena, const char *release_namespace, const char *key,
                  celm_release_record *out, celm_error *err);
} celm_storage_ops;

#endif
