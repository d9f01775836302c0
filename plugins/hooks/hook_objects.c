/* hook_objects.c: one hook's object on the cluster: created, watched until done, deleted. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hook_objects.h"

#define POLL_NANOSECONDS 100000000L

const celm_value *hook_member(const celm_value *map, const char *key)
{
    size_t len = strlen(key);
    for (size_t i = 0; map && map->kind == CELM_VALUE_MAP && i < map->as.map.count; i++)
        if (map->as.map.entries[i].key.len == len && !memcmp(map->as.map.entries[i].key.data, key, len))
            return map->as.map.entries[i].value;
    return NULL;
}

static const char *text_of(const celm_value *map, const char *key)
{
    const celm_value *value = hook_member(map, key);
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : NULL;
}

static long number_of(const celm_value *map, const char *key, long fallback)
{
    const celm_value *value = hook_member(map, key);
    if (value && value->kind == CELM_VALUE_INT)
        return (long)value->as.integer;
    if (value && value->kind == CELM_VALUE_FLOAT)
        return (long)value->as.real;
    return fallback;
}

int hook_object_build(const celm_host *host, celm_arena *arena, const char *manifest, const char *release_namespace,
                      hook_object *out, celm_error *err)
{
    memset(out, 0, sizeof *out);
    int status = host->yaml_parse(arena, manifest, strlen(manifest), "hook", CELM_YAML_KEEP_INTEGERS, &out->body, err);
    if (status != CELM_OK)
        return status;
    const celm_value *metadata = hook_member(out->body, "metadata");
    out->api_version = text_of(out->body, "apiVersion");
    out->kind = text_of(out->body, "kind");
    out->name = text_of(metadata, "name");
    if (!out->api_version || !out->kind || !out->name || !metadata)
        return host->error_set(err, CELM_EINVAL, "the hook has no apiVersion, kind or metadata.name");
    const char *given = text_of(metadata, "namespace");
    const char *ns = given && *given ? given : release_namespace;
    status = host->kube_resource_path(arena, out->api_version, out->kind, ns, out->name, &out->path, err);
    if (status == CELM_OK)
        status = host->kube_resource_path(arena, out->api_version, out->kind, ns, NULL, &out->collection, err);
    if (status != CELM_OK)
        return host->error_set(err, status, "resource mapping not found for name: \"%s\" namespace: \"%s\" from \"\": "
                               "%s\nensure CRDs are installed first", out->name, given ? given : "", err->message);
    int namespaced = strstr(out->path, "/namespaces/") != NULL;
    out->namespace_name = namespaced ? ns : "";
    if (namespaced && !(given && *given))
        host->map_set(arena, (celm_value *)metadata, "namespace", 9, host->value_string(arena, ns, strlen(ns)));
    return CELM_OK;
}

/* client-go's GroupVersionKind.String(): "batch/v1, Kind=Job", "/v1, Kind=Pod". */
static const char *gvk_text(const celm_host *host, celm_arena *arena, const hook_object *object)
{
    const char *slash = strchr(object->api_version, '/') ? "" : "/";
    size_t len = strlen(slash) + strlen(object->api_version) + strlen(object->kind) + 8;
    char *text = host->arena_alloc(arena, len);
    if (text)
        snprintf(text, len, "%s%s, Kind=%s", slash, object->api_version, object->kind);
    return text ? text : "";
}

static const char *with_query(const celm_host *host, celm_arena *arena, const char *path, const char *query)
{
    size_t len = strlen(path) + strlen(query) + 2;
    char *text = host->arena_alloc(arena, len);
    if (text)
        snprintf(text, len, "%s?%s", path, query);
    return text;
}

int hook_object_create(const celm_host *host, celm_arena *arena, const hook_object *object, int server_side,
                       celm_error *err)
{
    celm_string body;
    int status = host->json_emit(arena, object->body, CELM_JSON_NO_HTML_ESCAPE, &body, err);
    if (status != CELM_OK)
        return status;
    celm_kube_request request = {
        .size = sizeof request,
        .method = server_side ? "PATCH" : "POST",
        .path = server_side ? with_query(host, arena, object->path, "fieldManager=helm&fieldValidation=Strict&force=false")
                            : with_query(host, arena, object->collection, "fieldManager=helm"),
        .content_type = server_side ? "application/apply-patch+yaml" : "application/json",
        .body = body.data,
        .body_len = body.len,
    };
    celm_kube_response response;
    status = host->kube_request(arena, &request, &response, err);
    if (status == CELM_OK || !server_side)
        return status;
    return host->error_set(err, status, "%s %s/%s %s: %s",
                           status == CELM_ECONFLICT ? "conflict occurred while applying object"
                                                    : "server-side apply failed for object",
                           object->namespace_name, object->name, gvk_text(host, arena, object), err->message);
}

typedef enum { HOOK_IN_PROGRESS, HOOK_DONE, HOOK_FAILED } hook_state;

static int condition_true(const celm_value *live, const char *type)
{
    const celm_value *conditions = hook_member(hook_member(live, "status"), "conditions");
    for (size_t i = 0; conditions && conditions->kind == CELM_VALUE_LIST && i < conditions->as.list.count; i++) {
        const celm_value *c = conditions->as.list.items[i];
        const char *t = text_of(c, "type"), *s = text_of(c, "status");
        if (t && s && !strcmp(t, type) && !strcmp(s, "True"))
            return 1;
    }
    return 0;
}

/* helm's custom Job and Pod status readers (kstatus): the state and its message. */
static hook_state read_state(const celm_host *host, celm_arena *arena, const hook_object *object,
                             const celm_value *live, const char **message)
{
    char *text = host->arena_alloc(arena, 160 + strlen(object->name));
    if (!strcmp(object->kind, "Job")) {
        long parallelism = number_of(hook_member(live, "spec"), "parallelism", 1);
        long completions = number_of(hook_member(live, "spec"), "completions", parallelism);
        if (condition_true(live, "Complete"))
            return HOOK_DONE;
        if (condition_true(live, "Failed")) {
            snprintf(text, 160, "Job Failed. failed: %ld/%ld", number_of(hook_member(live, "status"), "failed", 0), completions);
            *message = text;
            return HOOK_FAILED;
        }
        *message = "Job in progress";
        return HOOK_IN_PROGRESS;
    }
    if (!strcmp(object->kind, "Pod")) {
        const char *phase = text_of(hook_member(live, "status"), "phase");
        if (phase && !strcmp(phase, "Succeeded"))
            return HOOK_DONE;
        if (phase && !strcmp(phase, "Failed")) {
            snprintf(text, 160 + strlen(object->name), "pod %s failed", object->name);
            *message = text;
            return HOOK_FAILED;
        }
        *message = "Pod in progress";
        return HOOK_IN_PROGRESS;
    }
    return HOOK_DONE;
}

static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

int hook_object_wait(const celm_host *host, const hook_object *object, double timeout_seconds, celm_error *err)
{
    if (strcmp(object->kind, "Job") != 0 && strcmp(object->kind, "Pod") != 0)
        return CELM_OK;
    double deadline = seconds_now() + (timeout_seconds > 0 ? timeout_seconds : 30);
    const char *status_text = "InProgress", *message = "";
    for (;;) {
        celm_arena *poll = host->arena_create();    /* this poll's answer only */
        if (!poll)
            return host->error_set(err, CELM_ENOMEM, "out of memory watching a hook");
        celm_kube_request request = {.size = sizeof request, .method = "GET", .path = object->path};
        celm_kube_response response;
        celm_value *live = NULL;
        int status = host->kube_request(poll, &request, &response, err);
        if (status == CELM_OK)
            status = host->json_parse(poll, response.body, response.body_len, object->path, &live, err);
        hook_state state = status == CELM_OK ? read_state(host, poll, object, live, &message) : HOOK_IN_PROGRESS;
        if (state == HOOK_FAILED)
            status = host->error_set(err, CELM_EFAIL, "resource %s/%s/%s not ready. status: Failed, message: %s",
                                     object->kind, object->namespace_name, object->name, message);
        host->arena_destroy(poll);      /* in-progress messages are static text */
        if (state == HOOK_DONE || state == HOOK_FAILED || (status != CELM_OK && status != CELM_ENOTFOUND))
            return state == HOOK_DONE ? CELM_OK : status;
        if (seconds_now() >= deadline)
            return host->error_set(err, CELM_EFAIL, "resource %s/%s/%s not ready. status: %s, message: %s\n"
                                   "context deadline exceeded", object->kind, object->namespace_name, object->name,
                                   status_text, message);
        struct timespec pause = {0, POLL_NANOSECONDS};
        nanosleep(&pause, NULL);
    }
}

static int wait_gone(const celm_host *host, celm_arena *arena, const hook_object *object, double wait_seconds,
                     celm_error *err)
{
    double deadline = seconds_now() + wait_seconds;
    for (;;) {
        celm_kube_request request = {.size = sizeof request, .method = "GET", .path = object->path};
        celm_kube_response response;
        int status = host->kube_request(arena, &request, &response, err);
        if (status == CELM_ENOTFOUND)
            return CELM_OK;
        if (status != CELM_OK)
            return status;
        if (seconds_now() >= deadline)
            return host->error_set(err, CELM_EFAIL, "resource %s/%s/%s still exists. status: Current, message: "
                                   "Resource is current\ncontext deadline exceeded", object->kind,
                                   object->namespace_name, object->name);
        struct timespec pause = {0, POLL_NANOSECONDS};
        nanosleep(&pause, NULL);
    }
}

int hook_object_delete(const celm_host *host, celm_arena *arena, const hook_object *object, double wait_seconds,
                       celm_error *err)
{
    static const char body[] = "{\"propagationPolicy\":\"Background\"}";
    celm_kube_request request = {.size = sizeof request, .method = "DELETE", .path = object->path,
                                 .body = body, .body_len = sizeof body - 1};
    celm_kube_response response;
    int status = host->kube_request(arena, &request, &response, err);
    if (status == CELM_ENOTFOUND)
        return CELM_OK;
    return status == CELM_OK && wait_seconds > 0 ? wait_gone(host, arena, object, wait_seconds, err) : status;
}

static const char *manifest_namespace(const celm_host *host, celm_arena *arena, const char *manifest,
                                      const char *release_namespace)
{
    celm_value *body = NULL;
    celm_error ignored = CELM_ERROR_INIT;
    if (host->yaml_parse(arena, manifest, strlen(manifest), "hook", 0, &body, &ignored) != CELM_OK)
        return release_namespace;
    const char *given = text_of(hook_member(body, "metadata"), "namespace");
    return given && *given ? given : release_namespace;
}

int hook_pod_logs(const celm_host *host, celm_arena *arena, const char *manifest, const char *release_namespace,
                  int job, const char *name, void (*output)(void *, const char *, size_t), void *payload,
                  char *message, size_t message_size)
{
    const char *ns = manifest_namespace(host, arena, manifest, release_namespace);
    size_t len = strlen(ns) + strlen(name) + 96;
    char *path = host->arena_alloc(arena, len);
    snprintf(path, len, "/api/v1/namespaces/%s/pods?%s%s", ns, job ? "labelSelector=job-name%3D" :
             "fieldSelector=metadata.name%3D", name);
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = path};
    celm_kube_response response;
    celm_value *list = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status = host->kube_request(arena, &request, &response, &err);
    if (status == CELM_OK)
        status = host->json_parse(arena, response.body, response.body_len, "pods", &list, &err);
    if (status != CELM_OK) {
        snprintf(message, message_size, "%s", err.message);
        return status;
    }
    const celm_value *items = hook_member(list, "items");
    for (size_t i = 0; items && items->kind == CELM_VALUE_LIST && i < items->as.list.count; i++) {
        const char *pod = text_of(hook_member(items->as.list.items[i], "metadata"), "name");
        const celm_value *containers = hook_member(hook_member(items->as.list.items[i], "spec"), "containers");
        for (size_t c = 0; pod && containers && containers->kind == CELM_VALUE_LIST && c < containers->as.list.count; c++) {
            const char *container = text_of(containers->as.list.items[c], "name");
            if (!container)
                continue;
            size_t log_len = strlen(ns) + strlen(pod) + strlen(container) + 64;
            char *log_path = host->arena_alloc(arena, log_len);
            snprintf(log_path, log_len, "/api/v1/namespaces/%s/pods/%s/log?container=%s", ns, pod, container);
            celm_kube_request logs = {.size = sizeof logs, .method = "GET", .path = log_path, .accept = "*/*"};
            if (host->kube_request(arena, &logs, &response, &err) != CELM_OK) {
                snprintf(message, message_size, "failed to stream pod logs for pod: %s, container: %s", pod, container);
                return CELM_EFAIL;
            }
            if (output)
                output(payload, response.body, response.body_len);
        }
    }
    return CELM_OK;
}
