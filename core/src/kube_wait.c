/* kube_wait.c: waiting on the server until objects are ready by kstatus' rules (--wait=watcher). */
#include <string.h>
#include <time.h>

#include "kube_internal.h"

#define POLL_NANOSECONDS 100000000L

double kube_seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

void kube_wait_report(const celm_wait_options *options, const char **shown, const char *waiting)
{
    if (options->progress && (waiting ? !*shown || strcmp(*shown, waiting) : *shown != NULL))
        options->progress(options->payload, waiting);
    *shown = waiting;
}

typedef struct wait_round {
    celm_kube *kube;
    celm_arena *arena;
    const celm_kube_object_list *list;
    const celm_wait_options *options;
    int *waited;                /* objects taken into account (paused Deployments are not) */
    kube_status *states;
} wait_round;

static int paused(const kube_object *object)
{
    const celm_value *spec = celm_map_cget(object->body, "spec");
    const celm_value *value = spec && spec->kind == CELM_VALUE_MAP ? celm_map_cget(spec, "paused") : NULL;
    return !strcmp(object->kind, "Deployment") && value && value->kind == CELM_VALUE_BOOL && value->as.boolean;
}

/* One poll of every object not Current yet, all requests at once; the answers live in a scratch
 * arena of the round, so a long wait does not grow memory with every poll. */
static int poll_states(wait_round *round)
{
    size_t count = round->list->count;
    celm_arena *arena = celm_arena_create();
    kube_batch batch;
    if (!arena || kube_batch_init(arena, count, &batch) != CELM_OK) {
        celm_arena_destroy(arena);
        return CELM_ENOMEM;
    }
    for (size_t i = 0; i < count; i++) {
        const kube_object *object = &round->list->objects[i];
        if (!round->waited[i] || !strcmp(round->states[i].status, "Current"))
            continue;
        *kube_batch_add(&batch, i) = (celm_kube_request){.size = sizeof(celm_kube_request), .method = "GET",
            .path = celm_kube_resource_path(arena, &object->resource, object->namespace_name, object->name)};
    }
    kube_batch_send(round->kube, arena, &batch);
    for (size_t n = 0; n < batch.count; n++) {
        celm_value *live = NULL;
        const celm_kube_response *response = &batch.responses[n];
        if (batch.statuses[n] == CELM_ENOTFOUND)
            round->states[batch.index[n]] = (kube_status){"NotFound", "Resource not found"};
        else if (batch.statuses[n] == CELM_OK &&
                 celm_json_parse(arena, response->body, response->body_len, "object", &live, &batch.errors[n]) == CELM_OK)
            round->states[batch.index[n]] = kube_status_compute(round->arena, live, round->options->jobs);
    }
    celm_arena_destroy(arena);
    return CELM_OK;
}

/* The first object (by name) not Current yet, for the progress display; NULL when none. */
static const char *first_waiting(const wait_round *round)
{
    const kube_object *first = NULL;
    size_t at = 0;
    for (size_t i = 0; i < round->list->count; i++) {
        const kube_object *object = &round->list->objects[i];
        const char *status = round->states[i].status;
        if (round->waited[i] && strcmp(status, "Current") && strcmp(status, "Failed") &&
            (!first || strcmp(object->name, first->name) < 0)) {
            first = object;
            at = i;
        }
    }
    if (!first)
        return NULL;
    return celm_arena_printf(round->arena, "%s/%s/%s: %s", first->kind, first->namespace_name, first->name,
                             round->states[at].message);
}

static int not_ready_error(const wait_round *round, int timed_out, celm_error *err)
{
    const char *text = NULL;
    for (size_t i = 0; i < round->list->count; i++) {
        const kube_object *object = &round->list->objects[i];
        if (!round->waited[i] || !strcmp(round->states[i].status, "Current"))
            continue;
        const char *line = celm_arena_printf(round->arena, "resource %s/%s/%s not ready. status: %s, message: %s",
                                             object->kind, object->namespace_name, object->name,
                                             round->states[i].status, round->states[i].message);
        text = text ? celm_arena_printf(round->arena, "%s\n%s", text, line) : line;
    }
    if (timed_out)
        text = text ? celm_arena_printf(round->arena, "%s\ncontext deadline exceeded", text) : "context deadline exceeded";
    return text ? celm_error_set(err, CELM_EFAIL, "%s", text) : CELM_OK;
}

int celm_kube_wait_ready(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list,
                         const celm_wait_options *options, celm_error *err)
{
    size_t count = list->count;
    wait_round round = {kube, arena, list, options, celm_arena_alloc(arena, (count + 1) * sizeof(int)),
                        celm_arena_alloc(arena, (count + 1) * sizeof(kube_status))};
    if (!round.waited || !round.states)
        return celm_error_set(err, CELM_ENOMEM, "out of memory waiting for resources");
    for (size_t i = 0; i < count; i++) {
        round.waited[i] = !paused(&list->objects[i]);
        round.states[i] = (kube_status){"Unknown", ""};
    }
    double deadline = kube_seconds_now() + (options->timeout_seconds > 0 ? options->timeout_seconds : 30);
    const char *shown = NULL;
    for (;;) {
        if (poll_states(&round) != CELM_OK)
            return celm_error_set(err, CELM_ENOMEM, "out of memory waiting for resources");
        const char *waiting = first_waiting(&round);
        kube_wait_report(options, &shown, waiting);
        if (!waiting)
            return not_ready_error(&round, 0, err);
        if (kube_seconds_now() >= deadline)
            return not_ready_error(&round, 1, err);
        struct timespec pause = {0, POLL_NANOSECONDS * 2};
        nanosleep(&pause, NULL);
    }
}
