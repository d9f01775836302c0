/* kube_ready.c: helm 3's readiness rules (--wait=legacy): pods ready, the new ReplicaSet of a
 * Deployment ready enough, claims bound, Services with addresses, Jobs complete (--wait-for-jobs). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kube_internal.h"

typedef struct ready_check {
    celm_kube *kube;
    celm_arena *arena;
    int jobs;
    int *errors;            /* consecutive retryable errors per object */
    long refused;           /* HTTP status of the last answer that was an error, -1 for none */
} ready_check;

#define RETRIES 30





static int generation_observed(const celm_value *o)
{
    return kube_field_int(o, "status.observedGeneration", 0) == kube_field_int(o, "metadata.generation", 0);
}

/* intstr.GetScaledValueFromIntOrPercent: an int, or a percentage of `total` rounded as asked. */
static long long scaled(const celm_value *value, long long total, int round_up, long long fallback)
{
    if (!value)
        return fallback;
    if (value->kind == CELM_VALUE_INT || value->kind == CELM_VALUE_FLOAT)
        return value->kind == CELM_VALUE_INT ? value->as.integer : (long long)value->as.real;
    if (value->kind != CELM_VALUE_STRING || !strchr(value->as.string.data, '%'))
        return fallback;
    double share = atof(value->as.string.data) * (double)total / 100.0;
    return (long long)(round_up ? ceil(share) : floor(share));
}

static int get(ready_check *check, const char *path, celm_value **out, celm_error *err)
{
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = path};
    celm_kube_response response;
    int status = celm_kube_send(check->kube, check->arena, &request, &response, err);
    if (status != CELM_OK) {
        check->refused = response.status;
        return status;
    }
    return celm_json_parse(check->arena, response.body, response.body_len, path, out, err);
}

/* The pods matching a selector's matchLabels, all Ready. */
static int pods_ready(ready_check *check, const char *ns, const celm_value *match_labels, int *ready, celm_error *err)
{
    const char *selector = "";
    for (size_t i = 0; match_labels && match_labels->kind == CELM_VALUE_MAP && i < match_labels->as.map.count; i++) {
        const celm_map_entry *entry = &match_labels->as.map.entries[i];
        selector = celm_arena_printf(check->arena, "%s%s%s%%3D%s", selector, *selector ? "," : "", entry->key.data,
                                     entry->value->kind == CELM_VALUE_STRING ? entry->value->as.string.data : "");
    }
    celm_value *list;
    int status = get(check, celm_arena_printf(check->arena, "/api/v1/namespaces/%s/pods?labelSelector=%s", ns, selector),
                     &list, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "failed to list pods: %s", err->message);
    const celm_value *items = celm_map_cget(list, "items");
    *ready = 1;
    for (size_t i = 0; items && items->kind == CELM_VALUE_LIST && i < items->as.list.count; i++)
        *ready &= kube_condition_is(items->as.list.items[i], "Ready", "True");
    return CELM_OK;
}

/* The Deployment's current ReplicaSet: owned by it, at the Deployment's revision. */
static int new_replicaset(ready_check *check, const kube_object *object, const celm_value *deployment,
                          const celm_value **out, celm_error *err)
{
    celm_value *list;
    int status = get(check, celm_arena_printf(check->arena, "/apis/apps/v1/namespaces/%s/replicasets",
                                              object->namespace_name), &list, err);
    const char *uid = kube_field_text(deployment, "metadata.uid", "");
    const celm_value *annotations = kube_field(deployment, "metadata.annotations");
    const celm_value *wanted = annotations ? celm_map_cget(annotations, "deployment.kubernetes.io/revision") : NULL;
    const celm_value *items = status == CELM_OK ? celm_map_cget(list, "items") : NULL;
    *out = NULL;
    for (size_t i = 0; items && items->kind == CELM_VALUE_LIST && i < items->as.list.count; i++) {
        const celm_value *rs = items->as.list.items[i];
        const celm_value *owners = kube_field(rs, "metadata.ownerReferences");
        int owned = 0;
        for (size_t o = 0; owners && owners->kind == CELM_VALUE_LIST && o < owners->as.list.count; o++)
            owned |= !strcmp(kube_field_text(owners->as.list.items[o], "uid", ""), uid);
        const celm_value *rs_annotations = kube_field(rs, "metadata.annotations");
        const celm_value *rs_revision = rs_annotations ? celm_map_cget(rs_annotations, "deployment.kubernetes.io/revision")
                                                       : NULL;
        if (owned && wanted && rs_revision && celm_value_equal(wanted, rs_revision))
            *out = rs;
    }
    return status;
}

static int deployment_ready(ready_check *check, const kube_object *object, const celm_value *o, int *ready,
                            celm_error *err)
{
    const celm_value *paused = kube_field(o, "spec.paused");
    if (paused && paused->kind == CELM_VALUE_BOOL && paused->as.boolean) {
        *ready = 1;
        return CELM_OK;
    }
    const celm_value *rs;
    int status = new_replicaset(check, object, o, &rs, err);
    if (status != CELM_OK || !rs) {
        *ready = 0;
        return status;
    }
    long long replicas = kube_field_int(o, "spec.replicas", 1);
    long long unavailable = 0;
    if (!strcmp(kube_field_text(o, "spec.strategy.type", "RollingUpdate"), "RollingUpdate") && replicas > 0) {
        /* deploymentutil.MaxUnavailable with ResolveFenceposts: surge rounds up, unavailable down,
         * and both at 0 means one may be unavailable */
        long long surge = scaled(kube_field(o, "spec.strategy.rollingUpdate.maxSurge"), replicas, 1,
                                 (long long)ceil((double)replicas * 0.25));
        unavailable = scaled(kube_field(o, "spec.strategy.rollingUpdate.maxUnavailable"), replicas, 0,
                             (long long)floor((double)replicas * 0.25));
        if (surge == 0 && unavailable == 0)
            unavailable = 1;
        unavailable = unavailable > replicas ? replicas : unavailable;
    }
    *ready = generation_observed(rs) && generation_observed(o) &&
             kube_field_int(rs, "status.readyReplicas", 0) >= replicas - unavailable;
    return CELM_OK;
}

static int statefulset_ready(const celm_value *o)
{
    if (!generation_observed(o))
        return 0;
    if (strcmp(kube_field_text(o, "spec.updateStrategy.type", "RollingUpdate"), "RollingUpdate") != 0)
        return 1;
    long long partition = kube_field_int(o, "spec.updateStrategy.rollingUpdate.partition", 0);
    long long replicas = kube_field_int(o, "spec.replicas", 1);
    if (kube_field_int(o, "status.updatedReplicas", 0) < replicas - partition || kube_field_int(o, "status.readyReplicas", 0) != replicas)
        return 0;
    return partition != 0 || !strcmp(kube_field_text(o, "status.currentRevision", ""), kube_field_text(o, "status.updateRevision", ""));
}

static int daemonset_ready(const celm_value *o)
{
    if (!generation_observed(o))
        return 0;
    if (strcmp(kube_field_text(o, "spec.updateStrategy.type", "RollingUpdate"), "RollingUpdate") != 0)
        return 1;
    long long desired = kube_field_int(o, "status.desiredNumberScheduled", 0);
    if (kube_field_int(o, "status.updatedNumberScheduled", 0) != desired)
        return 0;
    long long unavailable = scaled(kube_field(o, "spec.updateStrategy.rollingUpdate.maxUnavailable"), desired, 1, desired);
    return kube_field_int(o, "status.numberReady", 0) >= desired - unavailable;
}

static int service_ready(const celm_value *o)
{
    const char *type = kube_field_text(o, "spec.type", "ClusterIP");
    if (!strcmp(type, "ExternalName"))
        return 1;
    if (!*kube_field_text(o, "spec.clusterIP", ""))
        return 0;
    const celm_value *external = kube_field(o, "spec.externalIPs");
    if (strcmp(type, "LoadBalancer") != 0 || (external && external->kind == CELM_VALUE_LIST && external->as.list.count))
        return 1;
    return kube_field(o, "status.loadBalancer.ingress") != NULL;
}

/* helm's ReadyChecker.IsReady for one object; *ready stays 1 for kinds it does not check. */
static int is_ready(ready_check *check, const kube_object *object, int *ready, celm_error *err)
{
    const char *kind = object->kind, *gv = object->resource.group_version;
    int core = !strchr(gv, '/'), apps = !strncmp(gv, "apps/", 5);
    int checked = (core && (!strcmp(kind, "Pod") || !strcmp(kind, "PersistentVolumeClaim") || !strcmp(kind, "Service") ||
                            !strcmp(kind, "ReplicationController"))) ||
                  (apps && (!strcmp(kind, "Deployment") || !strcmp(kind, "DaemonSet") || !strcmp(kind, "StatefulSet") ||
                            !strcmp(kind, "ReplicaSet"))) ||
                  (!strncmp(gv, "batch/", 6) && !strcmp(kind, "Job") && check->jobs) ||
                  (!strncmp(gv, "apiextensions.k8s.io/", 21) && !strcmp(kind, "CustomResourceDefinition"));
    *ready = 1;
    if (!checked)
        return CELM_OK;
    celm_value *o;
    int status = get(check, celm_kube_resource_path(check->arena, &object->resource, object->namespace_name,
                                                    object->name), &o, err);
    if (status != CELM_OK) {
        *ready = 0;
        return status;
    }
    if (!strcmp(kind, "Pod"))
        *ready = kube_condition_is(o, "Ready", "True");
    else if (!strcmp(kind, "Job")) {
        if (kube_field_int(o, "status.failed", 0) > kube_field_int(o, "spec.backoffLimit", 6))
            return celm_error_set(err, CELM_EFAIL, "job is failed: %s/%s", object->namespace_name, object->name);
        *ready = !kube_field(o, "spec.completions") || kube_field_int(o, "status.succeeded", 0) >= kube_field_int(o, "spec.completions", 0);
    } else if (!strcmp(kind, "Deployment"))
        return deployment_ready(check, object, o, ready, err);
    else if (!strcmp(kind, "PersistentVolumeClaim"))
        *ready = !strcmp(kube_field_text(o, "status.phase", ""), "Bound");
    else if (!strcmp(kind, "Service"))
        *ready = service_ready(o);
    else if (!strcmp(kind, "DaemonSet"))
        *ready = daemonset_ready(o);
    else if (!strcmp(kind, "CustomResourceDefinition"))
        *ready = kube_condition_is(o, "Established", "True") || kube_condition_is(o, "NamesAccepted", "False");
    else if (!strcmp(kind, "StatefulSet"))
        *ready = statefulset_ready(o);
    else {
        *ready = generation_observed(o);
        if (*ready)
            return pods_ready(check, object->namespace_name, kube_field(o, !strcmp(kind, "ReplicaSet") ? "spec.selector.matchLabels"
                                                                                            : "spec.selector"), ready, err);
    }
    return CELM_OK;
}


/* helm's isRetryableError: an error answer from the server is retried only for no status, 429 and
 * 5xx but 501; anything else (a failed Job, a lost connection) is retried up to 30 times in a row. */
static int retryable(const ready_check *check)
{
    long code = check->refused;
    return code < 0 || code == 0 || code == 429 || (code >= 500 && code != 501);
}

/* The first object not ready yet ("Kind/ns/name: not ready"), NULL when all are. */
static int first_not_ready(ready_check *check, const celm_kube_object_list *list, const char **waiting, celm_error *err)
{
    *waiting = NULL;
    for (size_t i = 0; i < list->count; i++) {
        int ready;
        check->refused = -1;
        int status = is_ready(check, &list->objects[i], &ready, err);
        if (status != CELM_OK && retryable(check) && ++check->errors[i] <= RETRIES)
            status = CELM_OK, ready = 0;
        else if (status == CELM_OK)
            check->errors[i] = 0;
        if (status != CELM_OK)
            return status;
        if (!ready) {
            const kube_object *object = &list->objects[i];
            *waiting = celm_arena_printf(check->arena, "%s/%s/%s: not ready", object->kind, object->namespace_name,
                                         object->name);
            return CELM_OK;
        }
    }
    return CELM_OK;
}

int celm_kube_wait_legacy(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                          const celm_wait_options *options, celm_error *err)
{
    ready_check check = {kube, arena, options->jobs, celm_arena_alloc(arena, (list->count + 1) * sizeof(int)), -1};
    if (!check.errors)
        return celm_error_set(err, CELM_ENOMEM, "out of memory waiting for resources");
    memset(check.errors, 0, (list->count + 1) * sizeof(int));
    double deadline = kube_seconds_now() + (options->timeout_seconds > 0 ? options->timeout_seconds : 300);
    const char *shown = NULL;
    for (;;) {
        const char *waiting;
        check.arena = celm_arena_create();      /* this poll's answers only */
        if (!check.arena)
            return celm_error_set(err, CELM_ENOMEM, "out of memory waiting for resources");
        int status = first_not_ready(&check, list, &waiting, err);
        waiting = waiting ? celm_arena_printf(arena, "%s", waiting) : NULL;
        celm_arena_destroy(check.arena);
        if (status != CELM_OK)
            return status;
        kube_wait_report(options, &shown, waiting);
        if (!waiting)
            return CELM_OK;
        double left = deadline - kube_seconds_now();
        if (left > 0) {
            double nap = left < 2 ? left : 2;
            struct timespec pause = {(time_t)nap, (long)((nap - (double)(time_t)nap) * 1e9)};
            nanosleep(&pause, NULL);
        }
        if (kube_seconds_now() >= deadline)
            return celm_error_set(err, CELM_EFAIL, "context deadline exceeded");
    }
}
