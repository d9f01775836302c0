/* hook_ledger.c: a hook executor that runs nothing: it writes each hook of the event, in weight
 * then name order, as "EVENT NAME" to the file $CELM_HOOK_LEDGER and records it as succeeded.
 * Built from the installed SDK alone, it shows that a third party can replace celm's executor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <celm/sdk.h>

static const celm_host *host_table;

static const celm_value *member(const celm_value *map, const char *key)
{
    for (size_t i = 0; map && map->kind == CELM_VALUE_MAP && i < map->as.map.count; i++)
        if (!strcmp(map->as.map.entries[i].key.data, key))
            return map->as.map.entries[i].value;
    return NULL;
}

static int has_event(const celm_value *hook, const char *event)
{
    const celm_value *events = member(hook, "events");
    for (size_t i = 0; events && events->kind == CELM_VALUE_LIST && i < events->as.list.count; i++)
        if (!strcmp(events->as.list.items[i]->as.string.data, event))
            return 1;
    return 0;
}

static long long weight_of(const celm_value *hook)
{
    const celm_value *weight = member(hook, "weight");
    return weight && weight->kind == CELM_VALUE_INT ? (long long)weight->as.integer : 0;
}

static int before(const celm_value *a, const celm_value *b)
{
    if (weight_of(a) != weight_of(b))
        return weight_of(a) < weight_of(b);
    return strcmp(member(a, "name")->as.string.data, member(b, "name")->as.string.data) < 0;
}

static void mark_succeeded(celm_arena *arena, celm_value *hook)
{
    const char *now = host_table->time_now(arena);
    celm_value *run = host_table->value_map(arena, 3);
    host_table->map_set(arena, run, "started_at", 10, host_table->value_string(arena, now, strlen(now)));
    host_table->map_set(arena, run, "completed_at", 12, host_table->value_string(arena, now, strlen(now)));
    host_table->map_set(arena, run, "phase", 5, host_table->value_string(arena, "Succeeded", 9));
    host_table->map_set(arena, hook, "last_run", 8, run);
}

static int ledger_execute(void *instance, celm_arena *arena, const celm_hook_request *request, celm_value **out_hooks,
                          celm_error *err)
{
    (void)instance;
    const celm_value *given = member(request->release, "hooks");
    celm_value *hooks = given ? host_table->value_copy(arena, given) : host_table->value_list(arena, 0);
    *out_hooks = hooks;
    size_t count = hooks->as.list.count, chosen = 0;
    celm_value **order = host_table->arena_alloc(arena, (count + 1) * sizeof *order);
    for (size_t i = 0; i < count; i++) {
        if (!has_event(hooks->as.list.items[i], request->event))
            continue;
        size_t at = chosen++;
        for (; at > 0 && before(hooks->as.list.items[i], order[at - 1]); at--)
            order[at] = order[at - 1];
        order[at] = hooks->as.list.items[i];
    }
    const char *path = getenv("CELM_HOOK_LEDGER");
    FILE *ledger = path ? fopen(path, "a") : NULL;
    if (!ledger)
        return host_table->error_set(err, CELM_EIO, "hook ledger: cannot open $CELM_HOOK_LEDGER");
    for (size_t i = 0; i < chosen; i++) {
        fprintf(ledger, "%s %s\n", request->event, member(order[i], "name")->as.string.data);
        mark_succeeded(arena, order[i]);
    }
    fclose(ledger);
    return request->record ? request->record(request->record_payload, hooks, err) : CELM_OK;
}

static int ledger_create(const celm_host *host, const celm_value *config, celm_error *err, void **out)
{
    (void)config;
    (void)err;
    host_table = host;
    *out = &host_table;
    return CELM_OK;
}

static void ledger_destroy(void *instance)
{
    (void)instance;
}

static const celm_hook_ops ledger_ops = {.version = CELM_HOOK_OPS_VERSION, .execute = ledger_execute};

static const celm_plugin_descriptor ledger_descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_HOOK,
    .name = "ledger",
    .version = "1.0.0",
    .description = "writes the hooks it is asked to run to a file instead of running them",
    .create = ledger_create,
    .destroy = ledger_destroy,
    .ops = &ledger_ops,
};

CELM_PLUGIN_ENTRY(hook_ledger, ledger_descriptor)
