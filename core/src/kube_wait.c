/* kube_wait.c: waiting on the server for objects to reach a state (CRDs established). */
#include <string.h>
#include <time.h>

#include "kube_internal.h"

#define POLL_NANOSECONDS 100000000L

static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static int condition_true(const celm_value *object, const char *type)
{
    const celm_value *status = object ? celm_map_cget(object, "status") : NULL;
    const celm_value *conditions = status && status->kind == CELM_VALUE_MAP ? celm_map_cget(status, "conditions") : NULL;
    for (size_t i = 0; conditions && conditions->kind == CELM_VALUE_LIST && i < conditions->as.list.count; i++) {
        const celm_value *c = conditions->as.list.items[i];
        const celm_value *t = c->kind == CELM_VALUE_MAP ? celm_map_cget(c, "type") : NULL;
        const celm_value *s = c->kind == CELM_VALUE_MAP ? celm_map_cget(c, "status") : NULL;
        if (t && s && t->kind == CELM_VALUE_STRING && s->kind == CELM_VALUE_STRING &&
            !strcmp(t->as.string.data, type) && !strcmp(s->as.string.data, "True"))
            return 1;
    }
    return 0;
}

static int established(celm_kube *kube, celm_arena *arena, const kube_object *object, celm_error *err)
{
    celm_value *live;
    const char *path = celm_kube_resource_path(arena, &object->resource, object->namespace_name, object->name);
    int status = celm_kube_get_json(kube, arena, path, &live, err);
    if (status == CELM_ENOTFOUND)
        return 0;
    return status != CELM_OK ? status : condition_true(live, "Established");
}

int celm_kube_wait_established(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                               double timeout_seconds, celm_error *err)
{
    double deadline = seconds_now() + timeout_seconds;
    for (size_t i = 0; i < list->count; i++) {
        const kube_object *object = &list->objects[i];
        if (strcmp(object->kind, "CustomResourceDefinition") != 0)
            continue;
        int ready;
        while ((ready = established(kube, arena, object, err)) == 0) {
            if (seconds_now() >= deadline)
                return celm_error_set(err, CELM_EFAIL, "resource CustomResourceDefinition//%s not ready. status: "
                                      "InProgress, message: CRD is not established\ncontext deadline exceeded",
                                      object->name);
            struct timespec pause = {0, POLL_NANOSECONDS};
            nanosleep(&pause, NULL);
        }
        if (ready < 0)
            return ready;
    }
    celm_kube_forget_discovery(kube);
    return CELM_OK;
}
