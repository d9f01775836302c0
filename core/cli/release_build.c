/* release_build.c: what install, upgrade and rollback share: rendering against the cluster,
 * building release documents and recording their outcome. */
#include <string.h>

#include "release_build.h"

static int server_version(const release_session *session, celm_arena *arena, const char *failed, const char **version)
{
    celm_value *info;
    celm_error err = CELM_ERROR_INIT;
    if (celm_kube_get_json(session->kube, arena, "/version", &info, &err) != CELM_OK)
        return cli_fail("%skubernetes cluster unreachable: %s", failed, err.message);
    *version = celm_release_text(info, NULL, "gitVersion");
    return 0;
}

int release_render(chart_run *chart, const release_session *session, int64_t revision, int is_upgrade,
                   const char *failed, celm_sorted_release *out)
{
    celm_render_options options = CELM_RENDER_OPTIONS_INIT;
    options.release_name = chart->release_name;
    options.release_namespace = session->namespace_name;
    options.revision = revision;
    options.is_install = !is_upgrade;
    options.is_upgrade = is_upgrade;
    options.kube_version = session->server_version;
    if (session->kube && !options.kube_version && server_version(session, chart->arena, failed, &options.kube_version))
        return 1;
    options.cluster = session->kube != NULL;
    celm_render_output *files = NULL;
    size_t count = 0;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_render(session->registry, chart->arena, chart->chart, chart->values, &options, &files,
                             &count, &err);
    if (status == CELM_OK)
        status = celm_manifests_sort(chart->arena, files, count, chart->chart->name, 0, cli_print_warning, NULL,
                                     out, &err);
    return status == CELM_OK ? 0 : cli_fail("%s%s", failed, err.message);
}

static celm_value *text_list(celm_arena *arena, const char *const *items, size_t count)
{
    celm_value *list = celm_value_list(arena, count);
    for (size_t i = 0; i < count; i++)
        celm_list_append(arena, list, celm_value_cstring(arena, items[i]));
    return list;
}

static celm_value *hook_value(celm_arena *arena, const celm_hook *hook)
{
    celm_value *value = celm_value_map(arena, 9);
    celm_value *last_run = celm_value_map(arena, 1);
    celm_map_set(arena, last_run, "phase", 5, celm_value_cstring(arena, ""));
    celm_map_set(arena, value, "name", 4, celm_value_cstring(arena, hook->name));
    celm_map_set(arena, value, "kind", 4, celm_value_cstring(arena, hook->kind));
    celm_map_set(arena, value, "path", 4, celm_value_cstring(arena, hook->path));
    celm_map_set(arena, value, "manifest", 8, celm_value_string(arena, hook->manifest.data, hook->manifest.len));
    celm_map_set(arena, value, "events", 6, text_list(arena, hook->events, hook->event_count));
    celm_map_set(arena, value, "last_run", 8, last_run);
    celm_map_set(arena, value, "weight", 6, celm_value_int(arena, hook->weight));
    celm_map_set(arena, value, "delete_policies", 15, text_list(arena, hook->delete_policies, hook->delete_policy_count));
    celm_map_set(arena, value, "output_log_policies", 19,
                 text_list(arena, hook->output_log_policies, hook->output_log_policy_count));
    return value;
}

celm_value *release_document(const chart_run *run, const char *release_namespace, const celm_sorted_release *sorted,
                             int64_t revision, const char *status, const char *description, const char *apply_method)
{
    celm_arena *arena = run->arena;
    celm_string manifest;
    if (celm_manifest_text(arena, sorted, NULL, &manifest) != CELM_OK)
        return NULL;
    celm_value *release = celm_value_map(arena, 9);
    const char *now = celm_release_time_now(arena);
    celm_map_set(arena, release, "name", 4, celm_value_cstring(arena, run->release_name));
    celm_release_set_info(arena, release, "first_deployed", now);
    celm_release_set_info(arena, release, "last_deployed", now);
    celm_release_set_info(arena, release, "status", status);
    celm_release_set_info(arena, release, "description", description);
    if (sorted->notes.len)
        celm_release_set_info(arena, release, "notes", celm_arena_strndup(arena, sorted->notes.data, sorted->notes.len));
    celm_map_set(arena, release, "chart", 5, celm_release_chart(arena, run->chart));
    celm_map_set(arena, release, "config", 6, run->user_values);
    celm_map_set(arena, release, "manifest", 8, celm_value_string(arena, manifest.data, manifest.len));
    celm_value *hooks = celm_value_list(arena, sorted->hook_count);
    for (size_t i = 0; i < sorted->hook_count; i++)
        celm_list_append(arena, hooks, hook_value(arena, &sorted->hooks[i]));
    celm_map_set(arena, release, "hooks", 5, hooks);
    celm_map_set(arena, release, "version", 7, celm_value_int(arena, revision));
    celm_map_set(arena, release, "namespace", 9, celm_value_cstring(arena, release_namespace));
    celm_map_set(arena, release, "apply_method", 12, celm_value_cstring(arena, apply_method));
    return release;
}

int release_record(const release_session *session, celm_arena *arena, celm_value *release, const celm_value *labels,
                   const char *status, const char *description, celm_error *err)
{
    celm_release_set_info(arena, release, "status", status);
    celm_release_set_info(arena, release, "description", description);
    return celm_release_store_write(&session->store, arena, release, labels, 0, err);
}


/* cobra's MarkFlagsMutuallyExclusive check for one pair, with its message. */
static int refuse_together(const cli_invocation *invocation, const char *first, const char *second)
{
    const cli_flag_value *a = cli_flag_find(&invocation->flags, first);
    const cli_flag_value *b = cli_flag_find(&invocation->flags, second);
    if (!a || !b || !a->changed || !b->changed)
        return 0;
    int first_sorts_first = strcmp(first, second) < 0;
    return cli_fail("if any flags in the group [%s %s] are set none of the others can be; [%s %s] were all set", first,
                    second, first_sorts_first ? first : second, first_sorts_first ? second : first);
}

/* Flags whose feature celm lacks so far: refused rather than ignored. Text flags count as given
 * unless empty or "hookOnly" (--wait's default); booleans when true. */
int release_refuse_unbuilt(const cli_invocation *invocation)
{
    if (refuse_together(invocation, "force-replace", "force-conflicts") ||
        refuse_together(invocation, "force", "force-conflicts"))
        return 1;
    static const char *const unbuilt[] = {"post-renderer", "repo", NULL};
    for (const char *const *flag = unbuilt; *flag; flag++) {
        const char *value = cli_flag_string(invocation, *flag);
        if (value && *value && strcmp(value, "hookOnly") != 0)
            return cli_fail("--%s is not implemented in celm yet", *flag);
    }
    static const char *const unbuilt_bools[] = {"verify", NULL};
    for (const char *const *flag = unbuilt_bools; *flag; flag++)
        if (cli_flag_is_true(invocation, *flag))
            return cli_fail("--%s is not implemented in celm yet", *flag);
    return 0;
}

int release_applied_client_side(const celm_value *release)
{
    const char *method = celm_release_text(release, NULL, "apply_method");
    return !method || !*method || !strcmp(method, "csa");
}

int release_install_server_side(const cli_invocation *invocation)
{
    const char *value = cli_flag_string(invocation, "server-side");
    return !(value && !strcmp(value, "false"));
}

int release_server_side(const cli_invocation *invocation, const celm_value *previous)
{
    const char *value = cli_flag_string(invocation, "server-side");
    if (value && !strcmp(value, "true"))
        return 1;
    if (value && !strcmp(value, "false"))
        return 0;
    const char *method = celm_release_text(previous, NULL, "apply_method");
    return method && !strcmp(method, "ssa");
}

const char *release_apply_method(int server_side)
{
    return server_side ? "ssa" : "csa";
}

int release_force_replace(const cli_invocation *invocation)
{
    return cli_flag_is_true(invocation, "force-replace") || cli_flag_is_true(invocation, "force");
}

void release_print_warning(void *payload, const char *line)
{
    (void)payload;
    fprintf(stderr, "%s\n", line);
}

int release_labels(const cli_invocation *invocation, const char *failed, const celm_value **out)
{
    static const char *const system[] = {"name", "owner", "status", "version", "createdAt", "modifiedAt", NULL};
    size_t count;
    const char **pairs = cli_flag_list(invocation, "labels", &count);
    celm_value *labels = celm_value_map(invocation->arena, count);
    for (size_t i = 0; i < count; i++) {
        size_t key_len = strcspn(pairs[i], "=");
        for (size_t s = 0; system[s]; s++)
            if (strlen(system[s]) == key_len && !strncmp(pairs[i], system[s], key_len))
                return cli_fail("%suser supplied labels contains system reserved label name. System labels: "
                                "[name owner status version createdAt modifiedAt]", failed ? failed : "");
        const char *value = pairs[i][key_len] ? pairs[i] + key_len + 1 : "";
        celm_map_set(invocation->arena, labels, pairs[i], key_len, celm_value_cstring(invocation->arena, value));
    }
    *out = labels;
    return 0;
}
