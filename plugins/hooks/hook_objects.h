/* hook_objects.h: one hook's object on the cluster: created, watched until done, deleted. */
#ifndef CELM_HOOK_OBJECTS_H
#define CELM_HOOK_OBJECTS_H

#include "celm/host.h"

/* map[key], or NULL (also when map is not a map). */
const celm_value *hook_member(const celm_value *map, const char *key);

/* A hook's manifest parsed and mapped: the body to send and where it lives. */
typedef struct hook_object {
    celm_value *body;
    const char *api_version;
    const char *kind;
    const char *name;
    const char *namespace_name;     /* the manifest's, else the release's ("" when cluster-scoped) */
    const char *path;               /* the object's URL path */
    const char *collection;         /* its collection's URL path */
} hook_object;

/* Parses `manifest` and maps it through the cluster's discovery. */
int hook_object_build(const celm_host *host, celm_arena *arena, const char *manifest, const char *release_namespace,
                      hook_object *out, celm_error *err);
/* Server-side applies (field manager "helm") or, client-side, POSTs the object; helm's errors. */
int hook_object_create(const celm_host *host, celm_arena *arena, const hook_object *object, int server_side,
                       celm_error *err);
/* Waits up to `timeout_seconds` until a Job completes or a Pod succeeds (other kinds are done at
 * once), with helm's "resource Kind/ns/name not ready. status: ..., message: ..." errors. */
int hook_object_wait(const celm_host *host, const hook_object *object, double timeout_seconds, celm_error *err);
/* Deletes it with background propagation; an object already gone is fine. With `wait_seconds`
 * above 0 it then waits until the object is gone (helm's watcher strategy). */
int hook_object_delete(const celm_host *host, celm_arena *arena, const hook_object *object, double wait_seconds,
                       celm_error *err);

/* The logs of a hook's pods (a Job's, by label job-name, or the Pod itself) in the manifest's
 * namespace (else the release's), each container's written to `output`. On a failure helm's
 * text goes to `message` and a negative CELM_E* is returned. */
int hook_pod_logs(const celm_host *host, celm_arena *arena, const char *manifest, const char *release_namespace,
                  int job, const char *name, void (*output)(void *, const char *, size_t), void *payload,
                  char *message, size_t message_size);

#endif
