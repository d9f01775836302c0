/* kube_status.c: an object's readiness as kstatus computes it (helm 4's --wait=watcher): its status
 * (Current, InProgress, Failed, Terminating) and the message helm quotes. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "kube_internal.h"




/* The condition of `type`, or NULL. */


static kube_status result(celm_arena *arena, const char *status, const char *format, ...) CELM_PRINTF(3, 4);
static kube_status result(celm_arena *arena, const char *status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char text[256];
    vsnprintf(text, sizeof text, format, args);
    va_end(args);
    return (kube_status){status, celm_arena_strndup(arena, text, strlen(text))};
}

static kube_status statefulset(celm_arena *arena, const celm_value *o)
{
    if (!strcmp(kube_field_text(o, "spec.updateStrategy.type", ""), "OnDelete"))
        return result(arena, "Current", "StatefulSet is using the ondelete update strategy");
    long long spec = kube_field_int(o, "spec.replicas", 1), ready = kube_field_int(o, "status.readyReplicas", 0);
    long long current = kube_field_int(o, "status.currentReplicas", 0), updated = kube_field_int(o, "status.updatedReplicas", 0);
    long long replicas = kube_field_int(o, "status.replicas", 0);
    long long partition = kube_field_int(o, "spec.updateStrategy.rollingUpdate.partition", -1);
    if (spec > replicas)
        return result(arena, "InProgress", "Replicas: %lld/%lld", replicas, spec);
    if (spec > ready)
        return result(arena, "InProgress", "Ready: %lld/%lld", ready, spec);
    if (replicas > spec)
        return result(arena, "InProgress", "Pending termination: %lld", replicas - spec);
    if (partition != -1) {
        if (updated < spec - partition)
            return result(arena, "InProgress", "updated: %lld/%lld", updated, spec - partition);
        return result(arena, "Current", "Partition rollout complete. updated: %lld", updated);
    }
    if (spec > current)
        return result(arena, "InProgress", "current: %lld/%lld", current, spec);
    if (strcmp(kube_field_text(o, "status.currentRevision", ""), kube_field_text(o, "status.updateRevision", "")) != 0)
        return result(arena, "InProgress", "Waiting for updated revision to match current");
    return result(arena, "Current", "All replicas scheduled as expected. Replicas: %lld", replicas);
}

static kube_status deployment(celm_arena *arena, const celm_value *o)
{
    int progressing = kube_field_int(o, "spec.progressDeadlineSeconds", INT32_MAX) == INT32_MAX;
    const celm_value *p = kube_condition(o, "Progressing");
    if (p && !strcmp(kube_field_text(p, "reason", ""), "ProgressDeadlineExceeded"))
        return result(arena, "Failed", "Progress deadline exceeded");
    progressing |= p && !strcmp(kube_field_text(p, "status", ""), "True") &&
                   !strcmp(kube_field_text(p, "reason", ""), "NewReplicaSetAvailable");
    int available = kube_condition_is(o, "Available", "True");
    long long spec = kube_field_int(o, "spec.replicas", 1), replicas = kube_field_int(o, "status.replicas", 0);
    long long updated = kube_field_int(o, "status.updatedReplicas", 0), ready = kube_field_int(o, "status.readyReplicas", 0);
    long long avail = kube_field_int(o, "status.availableReplicas", 0);
    if (spec > replicas)
        return result(arena, "InProgress", "Replicas: %lld/%lld", replicas, spec);
    if (spec > updated)
        return result(arena, "InProgress", "Updated: %lld/%lld", updated, spec);
    if (replicas > spec)
        return result(arena, "InProgress", "Pending termination: %lld", replicas - spec);
    if (updated > avail)
        return result(arena, "InProgress", "Available: %lld/%lld", avail, updated);
    if (spec > ready)
        return result(arena, "InProgress", "Ready: %lld/%lld", ready, spec);
    if (!progressing)
        return result(arena, "InProgress", "ReplicaSet not Available");
    if (!available)
        return result(arena, "InProgress", "Deployment not Available");
    return result(arena, "Current", "Deployment is available. Replicas: %lld", replicas);
}

static kube_status replicaset(celm_arena *arena, const celm_value *o)
{
    if (kube_condition_is(o, "ReplicaFailure", "True"))
        return result(arena, "InProgress", "Replica Failure condition. Check Pods");
    long long spec = kube_field_int(o, "spec.replicas", 1), replicas = kube_field_int(o, "status.replicas", 0);
    long long ready = kube_field_int(o, "status.readyReplicas", 0), avail = kube_field_int(o, "status.availableReplicas", 0);
    long long labelled = kube_field_int(o, "status.fullyLabeledReplicas", 0);
    if (spec > labelled)
        return result(arena, "InProgress", "Labelled: %lld/%lld", labelled, spec);
    if (spec > avail)
        return result(arena, "InProgress", "Available: %lld/%lld", avail, spec);
    if (spec > ready)
        return result(arena, "InProgress", "Ready: %lld/%lld", ready, spec);
    if (replicas > spec)
        return result(arena, "InProgress", "Pending termination: %lld", replicas - spec);
    return result(arena, "Current", "ReplicaSet is available. Replicas: %lld", replicas);
}

static kube_status daemonset(celm_arena *arena, const celm_value *o)
{
    if (!kube_field(o, "metadata.generation"))
        return result(arena, "InProgress", "DaemonSet metadata.generation not found");
    if (!kube_field(o, "status.observedGeneration"))
        return result(arena, "InProgress", "DaemonSet status.observedGeneration not found");
    long long desired = kube_field_int(o, "status.desiredNumberScheduled", -1);
    long long current = kube_field_int(o, "status.currentNumberScheduled", 0);
    long long updated = kube_field_int(o, "status.updatedNumberScheduled", 0);
    long long avail = kube_field_int(o, "status.numberAvailable", 0), ready = kube_field_int(o, "status.numberReady", 0);
    if (desired == -1)
        return result(arena, "InProgress", "Missing .status.desiredNumberScheduled");
    if (desired > current)
        return result(arena, "InProgress", "Current: %lld/%lld", current, desired);
    if (desired > updated)
        return result(arena, "InProgress", "Updated: %lld/%lld", updated, desired);
    if (desired > avail)
        return result(arena, "InProgress", "Available: %lld/%lld", avail, desired);
    if (desired > ready)
        return result(arena, "InProgress", "Ready: %lld/%lld", ready, desired);
    return result(arena, "Current", "All replicas scheduled as expected. Replicas: %lld", desired);
}

static kube_status pod(celm_arena *arena, const celm_value *o)
{
    const char *phase = kube_field_text(o, "status.phase", "");
    if (!strcmp(phase, "Succeeded"))
        return result(arena, "Current", "Pod has completed successfully");
    if (!strcmp(phase, "Failed"))
        return result(arena, "Current", "Pod has completed, but not successfully");
    if (!strcmp(phase, "Running")) {
        if (kube_condition_is(o, "Ready", "True"))
            return result(arena, "Current", "Pod is Ready");
        return result(arena, "InProgress", "Pod is running but is not Ready");
    }
    if (!strcmp(phase, "Pending")) {
        const celm_value *scheduled = kube_condition(o, "PodScheduled");
        if (scheduled && !strcmp(kube_field_text(scheduled, "status", ""), "False") &&
            !strcmp(kube_field_text(scheduled, "reason", ""), "Unschedulable"))
            return result(arena, "InProgress", "Pod has not been scheduled");
        return result(arena, "InProgress", "Pod is in the Pending phase");
    }
    return result(arena, "InProgress", "Pod phase not available");
}

/* kstatus' Job rule, or helm's stricter one for --wait-for-jobs (Current only once complete). */
static kube_status job(celm_arena *arena, const celm_value *o, int until_complete)
{
    long long parallelism = kube_field_int(o, "spec.parallelism", 1);
    long long completions = kube_field_int(o, "spec.completions", parallelism);
    long long succeeded = kube_field_int(o, "status.succeeded", 0), failed = kube_field_int(o, "status.failed", 0);
    long long active = kube_field_int(o, "status.active", 0);
    if (kube_condition_is(o, "Complete", "True"))
        return result(arena, "Current", "Job Completed. succeeded: %lld/%lld", succeeded, completions);
    if (kube_condition_is(o, "Failed", "True"))
        return result(arena, "Failed", "Job Failed. failed: %lld/%lld", failed, completions);
    if (until_complete)
        return result(arena, "InProgress", "Job in progress");
    if (!*kube_field_text(o, "status.startTime", ""))
        return result(arena, "InProgress", "Job not started");
    return result(arena, "Current", "Job in progress. success:%lld, active: %lld, failed: %lld", succeeded, active,
                  failed);
}

static kube_status custom_resource_definition(celm_arena *arena, const celm_value *o)
{
    const celm_value *conditions = kube_field(o, "status.conditions");
    for (size_t i = 0; conditions && conditions->kind == CELM_VALUE_LIST && i < conditions->as.list.count; i++) {
        const celm_value *c = conditions->as.list.items[i];
        const char *type = kube_field_text(c, "type", ""), *status = kube_field_text(c, "status", "");
        if (!strcmp(type, "NamesAccepted") && !strcmp(status, "False"))
            return result(arena, "Failed", "%s", kube_field_text(c, "message", ""));
        if (!strcmp(type, "Established") && !strcmp(status, "False") && strcmp(kube_field_text(c, "reason", ""), "Installing"))
            return result(arena, "Failed", "%s", kube_field_text(c, "message", ""));
        if (!strcmp(type, "Established") && !strcmp(status, "True"))
            return result(arena, "Current", "CRD is established");
    }
    return result(arena, "InProgress", "Install in progress");
}

/* Deletion, generation and the Reconciling/Stalled conditions, common to every kind. */
static int generic(celm_arena *arena, const celm_value *o, kube_status *out)
{
    if (*kube_field_text(o, "metadata.deletionTimestamp", "")) {
        *out = result(arena, "Terminating", "Resource scheduled for deletion");
        return 1;
    }
    const celm_value *generation = kube_field(o, "metadata.generation"), *observed = kube_field(o, "status.observedGeneration");
    if (generation && observed && kube_field_int(o, "metadata.generation", 0) != kube_field_int(o, "status.observedGeneration", 0)) {
        *out = result(arena, "InProgress", "%s generation is %lld, but latest observed generation is %lld",
                      kube_field_text(o, "kind", ""), kube_field_int(o, "metadata.generation", 0),
                      kube_field_int(o, "status.observedGeneration", 0));
        return 1;
    }
    const celm_value *conditions = kube_field(o, "status.conditions");
    for (size_t i = 0; conditions && conditions->kind == CELM_VALUE_LIST && i < conditions->as.list.count; i++) {
        const celm_value *c = conditions->as.list.items[i];
        const char *type = kube_field_text(c, "type", ""), *status = kube_field_text(c, "status", "");
        if (!strcmp(type, "Reconciling") && !strcmp(status, "True")) {
            *out = result(arena, "InProgress", "%s", kube_field_text(c, "message", ""));
            return 1;
        }
        if (!strcmp(type, "Stalled") && !strcmp(status, "True")) {
            *out = result(arena, "Failed", "%s", kube_field_text(c, "message", ""));
            return 1;
        }
    }
    return 0;
}

kube_status kube_status_compute(celm_arena *arena, const celm_value *o, int jobs_until_complete)
{
    kube_status out;
    if (generic(arena, o, &out))
        return out;
    const char *api_version = kube_field_text(o, "apiVersion", ""), *kind = kube_field_text(o, "kind", "");
    const char *slash = strchr(api_version, '/');
    size_t group_len = slash ? (size_t)(slash - api_version) : 0;
    char group[128] = "";
    if (group_len < sizeof group)
        memcpy(group, api_version, group_len), group[group_len] = 0;
    int apps = !strcmp(group, "apps") || !strcmp(group, "extensions");
    if (!*group && !strcmp(kind, "Service"))
        return !strcmp(kube_field_text(o, "spec.type", "ClusterIP"), "LoadBalancer") && !*kube_field_text(o, "spec.clusterIP", "")
                   ? result(arena, "InProgress", "ClusterIP not set. Service type: LoadBalancer")
                   : result(arena, "Current", "Service is ready");
    if (!*group && !strcmp(kind, "Pod"))
        return pod(arena, o);
    if ((!*group && (!strcmp(kind, "Secret") || !strcmp(kind, "ConfigMap"))) ||
        (!strcmp(group, "batch") && !strcmp(kind, "CronJob")))
        return result(arena, "Current", "Resource is always ready");
    if (!*group && !strcmp(kind, "PersistentVolumeClaim")) {
        const char *phase = kube_field_text(o, "status.phase", "unknown");
        return strcmp(phase, "Bound") ? result(arena, "InProgress", "PVC is not Bound. phase: %s", phase)
                                       : result(arena, "Current", "PVC is Bound");
    }
    if (!strcmp(group, "apps") && !strcmp(kind, "StatefulSet"))
        return statefulset(arena, o);
    if (apps && !strcmp(kind, "DaemonSet"))
        return daemonset(arena, o);
    if (apps && !strcmp(kind, "Deployment"))
        return deployment(arena, o);
    if (apps && !strcmp(kind, "ReplicaSet"))
        return replicaset(arena, o);
    if (!strcmp(group, "policy") && !strcmp(kind, "PodDisruptionBudget"))
        return result(arena, "Current", "AllowedDisruptions has been computed.");
    if (!strcmp(group, "batch") && !strcmp(kind, "Job"))
        return job(arena, o, jobs_until_complete);
    if (!strcmp(group, "apiextensions.k8s.io") && !strcmp(kind, "CustomResourceDefinition"))
        return custom_resource_definition(arena, o);
    const celm_value *ready = kube_condition(o, "Ready");
    if (ready && !strcmp(kube_field_text(ready, "status", ""), "True"))
        return result(arena, "Current", "Resource is Ready");
    if (ready && (!strcmp(kube_field_text(ready, "status", ""), "False") || !strcmp(kube_field_text(ready, "status", ""), "Unknown")))
        return result(arena, "InProgress", "%s", kube_field_text(ready, "message", ""));
    return result(arena, "Current", "Resource is current");
}
