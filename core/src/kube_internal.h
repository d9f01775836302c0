/* kube_internal.h: what the kube client files share: the resolved connection target. */
#ifndef CELM_KUBE_INTERNAL_H
#define CELM_KUBE_INTERNAL_H

#include "celm/celm.h"

/* Where and how to connect, after kubeconfig merging and the --kube-* overrides. Strings live in
 * the client's arena; NULL means unset. *_data are decoded bytes. */
typedef struct kube_target {
    const char *server;
    celm_string ca_data;
    const char *ca_file;
    celm_string cert_data;
    const char *cert_file;
    celm_string key_data;
    const char *key_file;
    const char *token;
    const char *token_file;
    const char *username;
    const char *password;
    const char *tls_server_name;
    const char *proxy_url;
    const char *namespace_name;
    const char *as_user;
    const char **as_groups;
    size_t as_group_count;
    const celm_value *exec;     /* the user's exec credential plugin stanza, or NULL */
    int insecure;
} kube_target;

/* Reads the kubeconfig files the options name and fills `target` (kube_config.c). */
int kube_target_resolve(celm_arena *arena, const celm_kube_options *options, kube_target *target,
                        celm_error *err);

/* Runs the exec credential plugin and fills token or client certificate (kube_exec.c). */
int kube_exec_credentials(celm_arena *arena, kube_target *target, celm_error *err);

/* One document of a manifest, parsed, with its REST mapping. */
typedef struct celm_kube_object {
    celm_value *body;
    celm_kube_resource resource;
    const char *kind;
    const char *name;
    const char *namespace_name;     /* "" for cluster-scoped objects */
    celm_value *live;               /* the object on the server when last read, NULL if absent */
    int created;                    /* this operation created it */
} kube_object;

/* The client's cache of discovered resources (kube_discovery.c). */
typedef struct kube_discovery kube_discovery;
kube_discovery **kube_discovery_slot(celm_kube *kube);
void kube_discovery_free(kube_discovery *discovery);

/* The object of `list` with the same group/version, kind, namespace and name, or NULL
 * (kube_objects.c). */
const kube_object *kube_find_object(const celm_kube_object_list *list, const kube_object *object);

/* Deletion (kube_delete.c): the keep policy, one object (already gone is fine), and a list of
 * objects one kind at a time with each kind's objects at once, failures joined by `separator`. */
int kube_keeps_resource(const kube_object *object);
int kube_delete_one(celm_kube *kube, celm_arena *arena, const kube_object *object, const char *propagation,
                    celm_error *err);
int kube_delete_by_kind(celm_kube *kube, celm_arena *arena, kube_object *const *objects, size_t count,
                        const char *propagation, const char *separator, celm_error *err);

/* Waiting (kube_wait.c): a monotonic clock in seconds, and the progress callback called only when
 * what is being waited for changes (`shown` keeps the last line; NULL once all is ready). */
double kube_seconds_now(void);
void kube_wait_report(const celm_wait_options *options, const char **shown, const char *waiting);

/* Requests sent together with celm_kube_send_batch, and what came back; `index` says which of the
 * caller's objects each request is for (kube_client.c). */
typedef struct kube_batch {
    celm_kube_request *requests;
    celm_kube_response *responses;
    int *statuses;
    celm_error *errors;
    size_t *index;
    size_t count;                   /* requests added so far */
} kube_batch;
/* Room for `capacity` requests in `arena`; CELM_ENOMEM when there is none. */
int kube_batch_init(celm_arena *arena, size_t capacity, kube_batch *out);
/* Adds the request for the caller's object `index`; the slot to fill is returned. */
celm_kube_request *kube_batch_add(kube_batch *batch, size_t index);
void kube_batch_send(celm_kube *kube, celm_arena *arena, kube_batch *batch);

/* Fields of server objects by dotted path ("status.readyReplicas"; no escaping, so keys with
 * dots need celm_map_cget); numbers may be ints or floats (kube_fields.c). */
const celm_value *kube_field(const celm_value *object, const char *dotted);
long long kube_field_int(const celm_value *object, const char *dotted, long long fallback);
const char *kube_field_text(const celm_value *object, const char *dotted, const char *fallback);
const celm_value *kube_condition(const celm_value *object, const char *type);
int kube_condition_is(const celm_value *object, const char *type, const char *status);

/* kstatus' verdict on an object (kube_status.c): "Current", "InProgress", "Failed" or
 * "Terminating", and the message helm quotes; arena strings. With `jobs_until_complete` a Job is
 * Current only once complete (helm's --wait-for-jobs reader). */
typedef struct kube_status {
    const char *status;
    const char *message;
} kube_status;
kube_status kube_status_compute(celm_arena *arena, const celm_value *object, int jobs_until_complete);

/* The client's cache of OpenAPI v3 documents (kube_openapi.c). */
typedef struct kube_openapi kube_openapi;
kube_openapi **kube_openapi_slot(celm_kube *kube);
void kube_openapi_free(kube_openapi *openapi);

/* A place in an OpenAPI schema: `node` is the field's own schema (where the patch extensions
 * live), NULL when unknown. Borrowed from the client's cache; valid until the client closes. */
typedef struct kube_schema {
    const celm_value *schemas;      /* components.schemas of the document */
    const celm_value *node;
} kube_schema;

/* The schema of a built-in kind; node NULL for kinds client-go does not know (custom resources),
 * which helm patches with JSON merge patches. */
int kube_openapi_schema(celm_kube *kube, const celm_kube_resource *resource, kube_schema *out, celm_error *err);
kube_schema kube_schema_field(const kube_schema *parent, const char *key);
kube_schema kube_schema_items(const kube_schema *list);
/* x-kubernetes-patch-strategy ("" when none) and x-kubernetes-patch-merge-key (NULL when none). */
const char *kube_schema_patch_strategy(const kube_schema *field);
const char *kube_schema_merge_key(const kube_schema *field);

/* The patch that turns `current` into `modified` while removing what `original` set and
 * `modified` dropped: a strategic merge patch guided by `schema` (node non-NULL), else a JSON
 * merge patch. An empty map when nothing changes. Arena values (kube_patch.c). */
int kube_three_way_patch(celm_arena *arena, const celm_value *original, const celm_value *modified,
                         const celm_value *current, const kube_schema *schema, celm_value **out, celm_error *err);

#endif
