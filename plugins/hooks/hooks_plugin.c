/* hooks_plugin.c: the hook executor helm has: one event's hooks in weight then name order, each
 * created, watched until done and deleted by its policies, with last_run recorded as helm does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celm/hook.h"
#include "celm/plugin.h"
#include "hook_objects.h"

typedef struct hooks_instance {
    const celm_host *host;
} hooks_instance;

/* One event's run over a private copy of the release's hooks list. */
typedef struct hook_run {
    const celm_host *host;
    celm_arena *arena;
    const celm_hook_request *request;
    const char *release_namespace;
    double timeout_seconds;
    int server_side;
    int wait_for_delete;
    celm_value *hooks;
    size_t *order;          /* indices into hooks of this event's hooks, in execution order */
    size_t count;
} hook_run;

static const char *text_of(const celm_value *map, const char *key)
{
    const celm_value *value = hook_member(map, key);
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : "";
}

static int64_t weight_of(const celm_value *hook)
{
    const celm_value *weight = hook_member(hook, "weight");
    if (weight && weight->kind == CELM_VALUE_INT)
        return weight->as.integer;
    return weight && weight->kind == CELM_VALUE_FLOAT ? (int64_t)weight->as.real : 0;
}

static int list_holds(const celm_value *list, const char *wanted)
{
    for (size_t i = 0; list && list->kind == CELM_VALUE_LIST && i < list->as.list.count; i++)
        if (list->as.list.items[i]->kind == CELM_VALUE_STRING && !strcmp(list->as.list.items[i]->as.string.data, wanted))
            return 1;
    return 0;
}

static celm_value *hook_at(const hook_run *run, size_t n)
{
    return run->hooks->as.list.items[run->order[n]];
}

static int runs_before(const celm_value *a, const celm_value *b)
{
    int64_t wa = weight_of(a), wb = weight_of(b);
    return wa != wb ? wa < wb : strcmp(text_of(a, "name"), text_of(b, "name")) < 0;
}

/* The event's hooks, stably sorted by weight then name over the stored (kind) order. */
static int select_hooks(hook_run *run)
{
    const celm_value *hooks = run->hooks;
    run->order = run->host->arena_alloc(run->arena, (hooks->as.list.count + 1) * sizeof *run->order);
    if (!run->order)
        return CELM_ENOMEM;
    for (size_t i = 0; i < hooks->as.list.count; i++) {
        if (!list_holds(hook_member(hooks->as.list.items[i], "events"), run->request->event))
            continue;
        size_t at = run->count++;
        while (at > 0 && runs_before(hooks->as.list.items[i], hook_at(run, at - 1))) {
            run->order[at] = run->order[at - 1];
            at--;
        }
        run->order[at] = i;
    }
    return CELM_OK;
}

static celm_value *text_value(const hook_run *run, const char *text)
{
    return run->host->value_string(run->arena, text, strlen(text));
}

static void set_member(const hook_run *run, celm_value *map, const char *key, celm_value *value)
{
    run->host->map_set(run->arena, map, key, strlen(key), value);
}

/* last_run as helm sets it: started_at and phase, then completed_at and the final phase. */
static void set_last_run(const hook_run *run, celm_value *hook, const char *started_at, const char *completed_at,
                         const char *phase)
{
    celm_value *last_run = run->host->value_map(run->arena, 3);
    if (started_at)
        set_member(run, last_run, "started_at", text_value(run, started_at));
    if (completed_at)
        set_member(run, last_run, "completed_at", text_value(run, completed_at));
    set_member(run, last_run, "phase", text_value(run, phase));
    set_member(run, hook, "last_run", last_run);
}

static int has_delete_policy(const celm_value *hook, const char *policy)
{
    return strcmp(text_of(hook, "kind"), "CustomResourceDefinition") != 0 &&
           list_holds(hook_member(hook, "delete_policies"), policy);
}

static int delete_by_policy(hook_run *run, const celm_value *hook, const char *policy, celm_error *err)
{
    if (!has_delete_policy(hook, policy))
        return CELM_OK;
    hook_object object;
    int status = hook_object_build(run->host, run->arena, text_of(hook, "manifest"), run->release_namespace, &object, err);
    if (status != CELM_OK)
        return run->host->error_set(err, status, "unable to build kubernetes object for deleting hook %s: %s",
                                    text_of(hook, "path"), err->message);
    double wait = run->wait_for_delete ? (run->timeout_seconds > 0 ? run->timeout_seconds : 30) : 0;
    return hook_object_delete(run->host, run->arena, &object, wait, err);
}

/* helm's log.Printf, which its slog handler prints as `level=INFO msg="..."`. */
static void log_line(const hook_run *run, const char *text)
{
    const celm_hook_request *request = run->request;
    if (!request->output)
        return;
    char line[1024] = "level=INFO msg=\"";
    size_t used = strlen(line);
    for (const char *c = text; *c && used + 4 < sizeof line; c++) {
        if (*c == '"' || *c == '\\')
            line[used++] = '\\';
        line[used++] = *c;
    }
    line[used++] = '"';
    line[used++] = '\n';
    request->output(request->output_payload, line, used);
}

/* helm's outputLogsByPolicy: the logs of a Job's or Pod's containers when the hook asks for
 * them under `policy`; a log helm cannot read ends it with one logged line. */
static void output_logs(hook_run *run, const celm_value *hook, const char *policy)
{
    const char *kind = text_of(hook, "kind"), *name = text_of(hook, "name");
    if (!list_holds(hook_member(hook, "output_log_policies"), policy) || (strcmp(kind, "Job") && strcmp(kind, "Pod")))
        return;
    char message[512];
    int status = hook_pod_logs(run->host, run->arena, text_of(hook, "manifest"), run->release_namespace,
                               !strcmp(kind, "Job"), name, run->request->output, run->request->output_payload,
                               message, sizeof message);
    if (status != CELM_OK) {
        char line[640];
        snprintf(line, sizeof line, "error outputting logs for hook failure: %s", message);
        log_line(run, line);
    }
}

static int record(hook_run *run, celm_error *err)
{
    const celm_hook_request *request = run->request;
    return request->record ? request->record(request->record_payload, run->hooks, err) : CELM_OK;
}

/* A hook failed: its logs when asked, its own hook-failed deletion, then the earlier hooks'
 * hook-succeeded ones. */
static int fail_hook(hook_run *run, size_t n, int status, celm_error *err)
{
    celm_error ignored = CELM_ERROR_INIT;
    output_logs(run, hook_at(run, n), "hook-failed");
    if (delete_by_policy(run, hook_at(run, n), "hook-failed", &ignored) != CELM_OK)
        run->host->log(CELM_LOG_WARNING, "hooks", "error deleting the hook resource on hook failure: %s",
                       ignored.message);
    for (size_t i = 0; i < n; i++)
        if (delete_by_policy(run, hook_at(run, i), "hook-succeeded", err) != CELM_OK)
            return CELM_EFAIL;
    return status;
}

static int run_one(hook_run *run, size_t n, celm_error *err)
{
    const celm_host *host = run->host;
    celm_value *hook = hook_at(run, n);
    const celm_value *policies = hook_member(hook, "delete_policies");
    if (!policies || policies->kind != CELM_VALUE_LIST || policies->as.list.count == 0) {
        celm_value *defaults = host->value_list(run->arena, 1);
        host->list_append(run->arena, defaults, text_value(run, "before-hook-creation"));
        set_member(run, hook, "delete_policies", defaults);
    }
    int status = delete_by_policy(run, hook, "before-hook-creation", err);
    if (status != CELM_OK)
        return status;
    hook_object object;
    status = hook_object_build(host, run->arena, text_of(hook, "manifest"), run->release_namespace, &object, err);
    if (status != CELM_OK)
        return host->error_set(err, status, "unable to build kubernetes object for %s hook %s: %s", run->request->event,
                               text_of(hook, "path"), err->message);
    const char *started_at = host->time_now(run->arena);
    set_last_run(run, hook, started_at, NULL, "Running");
    if ((status = record(run, err)) != CELM_OK)
        return status;
    status = hook_object_create(host, run->arena, &object, run->server_side, err);
    if (status != CELM_OK) {
        set_last_run(run, hook, started_at, host->time_now(run->arena), "Failed");
        return host->error_set(err, status, "warning: Hook %s %s failed: %s", run->request->event,
                               text_of(hook, "path"), err->message);
    }
    status = hook_object_wait(host, &object, run->timeout_seconds, err);
    set_last_run(run, hook, started_at, host->time_now(run->arena), status == CELM_OK ? "Succeeded" : "Failed");
    return status == CELM_OK ? CELM_OK : fail_hook(run, n, status, err);
}

static double option_number(const celm_value *options, const char *key)
{
    const celm_value *value = hook_member(options, key);
    if (value && value->kind == CELM_VALUE_INT)
        return (double)value->as.integer;
    return value && value->kind == CELM_VALUE_FLOAT ? value->as.real : 0;
}

static int option_true(const celm_value *options, const char *key)
{
    const celm_value *value = hook_member(options, key);
    return value && value->kind == CELM_VALUE_BOOL && value->as.boolean;
}

static int hooks_execute(void *instance, celm_arena *arena, const celm_hook_request *request, celm_value **out_hooks,
                         celm_error *err)
{
    const celm_host *host = ((hooks_instance *)instance)->host;
    const celm_value *hooks = hook_member(request->release, "hooks");
    hook_run run = {
        .host = host,
        .arena = arena,
        .request = request,
        .release_namespace = text_of(request->release, "namespace"),
        .timeout_seconds = option_number(request->options, "timeout"),
        .server_side = option_true(request->options, "server_side"),
        .wait_for_delete = option_true(request->options, "wait_for_delete"),
        .hooks = hooks && hooks->kind == CELM_VALUE_LIST ? host->value_copy(arena, hooks) : host->value_list(arena, 0),
    };
    *out_hooks = run.hooks;
    int status = select_hooks(&run);
    for (size_t n = 0; status == CELM_OK && n < run.count; n++)
        status = run_one(&run, n, err);
    for (size_t n = run.count; status == CELM_OK && n > 0; n--) {
        output_logs(&run, hook_at(&run, n - 1), "hook-succeeded");
        status = delete_by_policy(&run, hook_at(&run, n - 1), "hook-succeeded", err);
    }
    return status;
}

static int hooks_create(const celm_host *host, const celm_value *config, celm_error *err, void **out)
{
    (void)config;
    hooks_instance *instance = calloc(1, sizeof *instance);
    if (!instance)
        return host->error_set(err, CELM_ENOMEM, "out of memory creating the hook executor");
    instance->host = host;
    *out = instance;
    return CELM_OK;
}

static void hooks_destroy(void *instance)
{
    free(instance);
}

static const celm_hook_ops hooks_ops = {
    .version = CELM_HOOK_OPS_VERSION,
    .execute = hooks_execute,
};

static const celm_plugin_descriptor hooks_descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_HOOK,
    .name = "helm",
    .version = "0.1.0",
    .description = "runs a release's hooks as helm v4 does: weights, delete policies, Jobs and Pods watched",
    .create = hooks_create,
    .destroy = hooks_destroy,
    .ops = &hooks_ops,
};

CELM_PLUGIN_ENTRY(hook_helm, hooks_descriptor)
