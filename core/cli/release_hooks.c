/* release_hooks.c: a release's hooks run for one event through the hook-executor plugin, the
 * release recorded whenever the executor asks, as helm records it between hooks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "release_hooks.h"

static int has_event(const celm_value *release, const char *event)
{
    const celm_value *hooks = celm_map_cget(release, "hooks");
    for (size_t i = 0; hooks && hooks->kind == CELM_VALUE_LIST && i < hooks->as.list.count; i++)
        if (celm_release_hook_has_event(hooks->as.list.items[i], event))
            return 1;
    return 0;
}

static int record_hooks(void *payload, const celm_value *hooks, celm_error *err)
{
    const release_hooks_run *run = payload;
    celm_map_set(run->arena, run->release, "hooks", 5, (celm_value *)hooks);
    return celm_release_store_write(&run->session->store, run->arena, run->release, run->labels, 0, err);
}

/* helm writes hook pods' logs through Go's log package: stderr. */
static void write_output(void *payload, const char *text, size_t len)
{
    (void)payload;
    fwrite(text, 1, len, stderr);
}

static celm_value *executor_options(const release_hooks_run *run)
{
    const char *timeout = cli_flag_string(run->invocation, "timeout");
    celm_value *options = celm_value_map(run->arena, 3);
    celm_map_set(run->arena, options, "wait_for_delete", 15, celm_value_bool(run->arena, run->wait_for_delete));
    celm_map_set(run->arena, options, "timeout", 7, celm_value_float(run->arena, cli_duration_seconds(timeout ? timeout : "5m")));
    celm_map_set(run->arena, options, "server_side", 11, celm_value_bool(run->arena, run->server_side));
    return options;
}

int release_hooks_execute(const release_hooks_run *run, const char *event, celm_error *err)
{
    if (cli_flag_is_true(run->invocation, "no-hooks") || !has_event(run->release, event))
        return CELM_OK;
    const char *name = getenv("CELM_HOOK_EXECUTOR");
    celm_plugin_instance executor;
    int status = celm_registry_create(run->session->registry, "hook", name && *name ? name : "helm", NULL, &executor,
                                      err);
    if (status != CELM_OK)
        return status;
    const celm_hook_ops *ops = executor.descriptor->ops;
    celm_hook_request request = {
        .event = event,
        .release = run->release,
        .options = executor_options(run),
        .record = record_hooks,
        .record_payload = (void *)run,
        .output = write_output,
    };
    celm_value *hooks = NULL;
    status = ops->execute(executor.instance, run->arena, &request, &hooks, err);
    if (hooks)
        celm_map_set(run->arena, run->release, "hooks", 5, hooks);
    celm_plugin_instance_destroy(&executor);
    return status;
}
