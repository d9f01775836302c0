/* kube_client.h: libcelm's Kubernetes client: kubeconfig, one reused connection, REST mapping. */
#ifndef CELM_KUBE_CLIENT_H
#define CELM_KUBE_CLIENT_H

#include <stddef.h>

#include "celm/sdk.h"

/* helm's --kube-* flags (and HELM_KUBE* variables, which the CLI folds in). NULL or "" means not
 * given; a given value overrides what the kubeconfig says. */
typedef struct celm_kube_options {
    const char *kubeconfig;         /* --kubeconfig; else the $KUBECONFIG list; else ~/.kube/config */
    const char *context;            /* --kube-context */
    const char *namespace_name;     /* -n */
    const char *apiserver;          /* --kube-apiserver */
    const char *ca_file;            /* --kube-ca-file */
    const char *token;              /* --kube-token */
    const char *as_user;            /* --kube-as-user */
    const char *const *as_groups;   /* --kube-as-group */
    size_t as_group_count;
    const char *tls_server_name;    /* --kube-tls-server-name */
    int insecure_skip_tls_verify;   /* --kube-insecure-skip-tls-verify */
    double qps;                     /* --qps; 0 = unlimited */
    long burst;                     /* --burst-limit */
} celm_kube_options;

typedef struct celm_kube celm_kube;

/* Reads the kubeconfig and resolves the context; touches no network. Errors read like client-go's. */
int celm_kube_open(const celm_kube_options *options, celm_kube **out, celm_error *err);
void celm_kube_close(celm_kube *kube);
/* -n, else the context's namespace, else "default". */
const char *celm_kube_namespace(const celm_kube *kube);
/* The server URL without a trailing slash, e.g. "https://127.0.0.1:6443". */
const char *celm_kube_server(const celm_kube *kube);
/* One request over the client's connection; see kube_request in host.h for the contract. */
int celm_kube_send(celm_kube *kube, celm_arena *arena, const celm_kube_request *request,
                      celm_kube_response *out, celm_error *err);
/* Several requests at once, multiplexed over the client's connection; each gets its own
 * response, status (CELM_OK or a CELM_E*) and error. Returns CELM_OK unless the transfers could
 * not run at all (then every status carries that error). Arrays have `count` entries. */
int celm_kube_send_batch(celm_kube *kube, celm_arena *arena, const celm_kube_request *requests, size_t count,
                         celm_kube_response *responses, int *statuses, celm_error *errors);
/* GET of `path` parsed as JSON into *out. */
int celm_kube_get_json(celm_kube *kube, celm_arena *arena, const char *path, celm_value **out,
                       celm_error *err);
/* The client behind the host table's kube_request (NULL: plugins get "no cluster configured"). */
void celm_host_set_kube(celm_kube *kube);

/* --- REST mapping (kube_discovery.c) ------------------------------------------------------ */
typedef struct celm_kube_resource {
    const char *group_version;      /* "v1", "apps/v1" */
    const char *resource;           /* plural, e.g. "deployments" */
    const char *kind;
    int namespaced;
} celm_kube_resource;

/* Maps apiVersion and kind to the resource through the server's discovery documents (fetched once
 * per client). CELM_ENOTFOUND with client-go's text when the server has no such kind. */
int celm_kube_resource_for(celm_kube *kube, const char *api_version, const char *kind,
                           celm_kube_resource *out, celm_error *err);
/* The URL path of an object (or of the collection when name is NULL); namespace ignored for
 * cluster-scoped resources. Arena string. */
const char *celm_kube_resource_path(celm_arena *arena, const celm_kube_resource *resource,
                                    const char *namespace_name, const char *name);
/* Forgets discovered resources, e.g. after CRDs were created. */
void celm_kube_forget_discovery(celm_kube *kube);

/* --- applying manifests (kube_apply.c) ---------------------------------------------------- */
/* The objects of a manifest, parsed and mapped to resources (opaque to callers). */
typedef struct celm_kube_object_list {
    struct celm_kube_object *objects;
    size_t count;
} celm_kube_object_list;

typedef struct celm_apply_options {
    const char *release_name;
    const char *release_namespace;
    const char *operation;      /* "install" or "update", for helm's "unable to continue with ..." */
    int take_ownership;         /* --take-ownership: adopt objects without checking their metadata */
    int force_conflicts;        /* --force-conflicts: force server-side apply conflicts */
    int client_side;            /* --server-side=false: POST creates and three-way patches */
    int force_replace;          /* --force-replace: existing objects are replaced (PUT) */
    int three_way_unstructured; /* client-side patches of custom resources are three-way too */
    /* The current release was applied client-side (helm 3, or helm 4 with --server-side=false):
     * fields its "helm" updates own move to the "helm" apply manager before applying, so the
     * server-side apply can remove what the chart no longer sets. */
    int upgrade_client_side;
    /* For updates: the objects of the release's current manifest. Objects in it are not checked
     * for ownership, and those no longer in the target are deleted afterwards (unless kept by
     * helm.sh/resource-policy: keep). NULL for installs. */
    const celm_kube_object_list *current;
    /* helm's warnings as slog lines (e.g. an object patched against the cluster's state); may be NULL. */
    void (*warn)(void *payload, const char *line);
    void *warn_payload;
} celm_apply_options;

/* Splits `manifest` (Helm's stored manifest text), parses each document and maps it; objects of
 * namespaced kinds without a namespace get `default_namespace`. */
int celm_kube_objects(celm_kube *kube, celm_arena *arena, const char *manifest, const char *default_namespace,
                      celm_kube_object_list *out, celm_error *err);
/* Appends the objects of `more` to `list` (arena copies of the entries). */
int celm_kube_object_list_append(celm_arena *arena, celm_kube_object_list *list, const celm_kube_object_list *more);
/* Adds Helm's ownership label and annotations and checks that existing objects new to the release
 * belong to it (unless take_ownership): "unable to continue with <operation>: ...". */
int celm_kube_check_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                            const celm_apply_options *options, celm_error *err);
/* Creates or updates each checked object with field manager "helm" as helm does: an install
 * where nothing exists yet creates each kind's objects at once; otherwise objects go in order,
 * missing ones created, existing ones server-side applied, patched client-side or replaced; then
 * the current objects the target no longer has are deleted. Marks the objects it created. */
int celm_kube_apply_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                            const celm_apply_options *options, celm_error *err);
/* helm status's RESOURCES text: each object (and the pods of workloads, as "v1/Pod(related)") as
 * the server's Table, printed like kubectl, grouped under "==> <version>/<Kind>". */
int celm_kube_resource_tables(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list, celm_string *out,
                              celm_error *err);
/* The same objects as they are (helm status -o json|yaml: info.resources), keyed the same way. */
int celm_kube_resource_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list, celm_value **out,
                               celm_error *err);
/* For the object at `path`: folds the managed-fields entry of client-side "helm" updates into the
 * "helm" apply entry (client-go's csaupgrade), retrying on conflicts. Nothing to do is CELM_OK. */
int celm_kube_upgrade_client_side_fields(celm_kube *kube, celm_arena *arena, const char *path, celm_error *err);
/* Creates each object as given (no ownership metadata): server-side applied, or client-side
 * POSTed with objects that already exist left alone - helm's CRD install. */
int celm_kube_create_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                             const celm_apply_options *options, celm_error *err);
/* --wait=watcher: polls the objects until each is Current by kstatus' rules (Failed ones stop
 * being waited for), up to timeout_seconds. Paused Deployments are skipped. On failure `err`
 * holds helm's lines, "resource Kind/ns/name not ready. status: S, message: M" for each object
 * not Current, then "context deadline exceeded" when time ran out. */
typedef struct celm_wait_options {
    double timeout_seconds;
    int jobs;                   /* --wait-for-jobs: Jobs count only once complete */
    /* what is not ready yet and why ("Deployment/ns/web: Available: 1/2"), or NULL when all is */
    void (*progress)(void *payload, const char *line);
    void *payload;
} celm_wait_options;
int celm_kube_wait_ready(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                         const celm_wait_options *options, celm_error *err);
/* --wait=legacy: helm 3's readiness rules (kube_ready.c), polled every two seconds; on timeout
 * "context deadline exceeded", a failed Job (with `jobs`) "job is failed: ns/name". */
int celm_kube_wait_legacy(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                          const celm_wait_options *options, celm_error *err);
/* --cleanup-on-fail: deletes the objects the last apply created (background propagation);
 * failures joined by ", ". */
int celm_kube_delete_created(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list, celm_error *err);
/* Deletes the objects in reverse order with the given propagation ("background", ...); objects
 * annotated helm.sh/resource-policy: keep are left and listed in *kept ("[Kind] name\n" each);
 * objects already gone are fine. */
int celm_kube_delete_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                             const char *propagation, celm_string *kept, celm_error *err);

#endif
