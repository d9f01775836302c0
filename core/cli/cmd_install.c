/* cmd_install.c: `celm install`: render a chart, record the release and apply it to the cluster. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chart_run.h"
#include "release_output.h"
#include "release_session.h"

#define FAILED "INSTALLATION FAILED: "

typedef struct install_run {
    chart_run chart;
    release_session session;
    celm_sorted_release sorted;
    celm_value *release;
    int64_t revision;
    const celm_value *previous;     /* the latest revision, when --replace reuses the name */
} install_run;

/* helm's release-name rule (a DNS-1123 subdomain of at most 53 characters). */
int cli_release_name_valid(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > 53)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        int edge = i == 0 || i == len - 1 || name[i - 1] == '.' || name[i + 1] == '.';
        if (!alnum && !((c == '-' && !edge) || (c == '.' && i > 0 && i < len - 1 && name[i - 1] != '.')))
            return 0;
    }
    return 1;
}

/* helm's availableName failure: an slog ERROR line, then the wrapped error. */
static int name_check_failed(celm_arena *arena, const char *reason)
{
    const char *attributes[] = {"error", reason, NULL};
    fprintf(stderr, "%s\n", celm_slog_line(arena, "ERROR", "release name check failed", attributes));
    return cli_fail(FAILED "release name check failed: %s", reason);
}

static const char *release_name_problem(celm_arena *arena, const char *name)
{
    if (!*name)
        return "no name provided";
    if (cli_release_name_valid(name))
        return NULL;
    return celm_arena_printf(arena, "release name \"%s\": invalid release name, must match regex "
                             "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must "
                             "not be longer than 53", name);
}

/* helm's nameAndChart for install: NAME CHART, or CHART with --generate-name. */
static int name_and_chart(install_run *run)
{
    const cli_invocation *invocation = run->chart.invocation;
    int generate = cli_flag_is_true(invocation, "generate-name");
    const char *name_template = cli_flag_string(invocation, "name-template");
    if (name_template && *name_template)
        return cli_fail("--name-template is not implemented in celm yet");
    if (invocation->argument_count > 2)
        return cli_fail("expected at most two arguments, unexpected arguments: %s", invocation->arguments[2]);
    if (invocation->argument_count == 2) {
        if (generate)
            return cli_fail("cannot set --generate-name and also specify a name");
        run->chart.release_name = invocation->arguments[0];
        run->chart.chart_path = invocation->arguments[1];
        return 0;
    }
    if (!generate)
        return cli_fail("must either provide a name or specify --generate-name");
    const char *base = strrchr(invocation->arguments[0], '/');
    base = base && base[1] ? base + 1 : invocation->arguments[0];
    size_t len = strcspn(base, ".");
    run->chart.chart_path = invocation->arguments[0];
    run->chart.release_name = celm_arena_printf(run->chart.arena, "%.*s-%lld", (int)len, len ? base : "chart",
                                                (long long)time(NULL));
    return 0;
}

static int refuse_unbuilt(const cli_invocation *invocation)
{
    const char *dry_run = cli_flag_string(invocation, "dry-run");
    if (dry_run && *dry_run && strcmp(dry_run, "none") != 0 && strcmp(dry_run, "false") != 0)
        return cli_fail("--dry-run is not implemented for install in celm yet");
    static const char *const unbuilt[] = {"post-renderer", "repo", "wait", "description", NULL};
    for (const char *const *flag = unbuilt; *flag; flag++) {
        const char *value = cli_flag_string(invocation, *flag);
        if (value && *value && strcmp(value, "hookOnly") != 0)
            return cli_fail("--%s is not implemented in celm yet", *flag);
    }
    static const char *const unbuilt_bools[] = {"rollback-on-failure", "atomic", "verify", NULL};
    for (const char *const *flag = unbuilt_bools; *flag; flag++)
        if (cli_flag_is_true(invocation, *flag))
            return cli_fail("--%s is not implemented in celm yet", *flag);
    return 0;
}

/* Helm's name-in-use rule; with --replace an uninstalled or failed latest revision is reused. */
static int check_name_free(install_run *run)
{
    celm_stored_release *history;
    size_t count;
    celm_error err = CELM_ERROR_INIT;
    const char *problem = release_name_problem(run->chart.arena, run->chart.release_name);
    if (problem)
        return name_check_failed(run->chart.arena, problem);
    if (celm_release_store_query(&run->session.store, run->chart.arena, run->session.namespace_name,
                                 run->chart.release_name, NULL, &history, &count, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    run->revision = 1;
    if (count == 0)
        return 0;
    const celm_value *latest = history[count - 1].document;
    const char *status = celm_release_text(latest, "info", "status");
    int reusable = status && (!strcmp(status, "uninstalled") || !strcmp(status, "failed"));
    if (!cli_flag_is_true(run->chart.invocation, "replace") || !reusable)
        return name_check_failed(run->chart.arena, "cannot reuse a name that is still in use");
    run->revision = celm_release_version(latest) + 1;
    run->previous = latest;
    return 0;
}

static int server_version(install_run *run, const char **version)
{
    celm_value *info;
    celm_error err = CELM_ERROR_INIT;
    if (celm_kube_get_json(run->session.kube, run->chart.arena, "/version", &info, &err) != CELM_OK)
        return cli_fail(FAILED "Kubernetes cluster unreachable: %s", err.message);
    *version = celm_release_text(info, NULL, "gitVersion");
    return 0;
}

static int render(install_run *run)
{
    chart_run *chart = &run->chart;
    celm_render_options options = CELM_RENDER_OPTIONS_INIT;
    options.release_name = chart->release_name;
    options.release_namespace = run->session.namespace_name;
    options.revision = run->revision;
    if (server_version(run, &options.kube_version))
        return 1;
    celm_render_output *files = NULL;
    size_t count = 0;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_render(run->session.registry, chart->arena, chart->chart, chart->values, &options, &files,
                             &count, &err);
    if (status == CELM_OK)
        status = celm_manifests_sort(chart->arena, files, count, chart->chart->name, 0, cli_print_warning, NULL,
                                     &run->sorted, &err);
    return status == CELM_OK ? 0 : cli_fail(FAILED "%s", err.message);
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

static int build_release(install_run *run)
{
    celm_arena *arena = run->chart.arena;
    celm_string manifest;
    if (celm_manifest_text(arena, &run->sorted, NULL, &manifest) != CELM_OK)
        return cli_fail("out of memory");
    celm_value *release = celm_value_map(arena, 9);
    const char *now = celm_release_time_now(arena);
    celm_map_set(arena, release, "name", 4, celm_value_cstring(arena, run->chart.release_name));
    celm_release_set_info(arena, release, "first_deployed", now);
    celm_release_set_info(arena, release, "last_deployed", now);
    celm_release_set_info(arena, release, "status", "pending-install");
    celm_release_set_info(arena, release, "description", "Initial install underway");
    celm_release_set_info(arena, release, "notes", celm_arena_strndup(arena, run->sorted.notes.data, run->sorted.notes.len));
    celm_map_set(arena, release, "chart", 5, celm_release_chart(arena, run->chart.chart));
    celm_map_set(arena, release, "config", 6, run->chart.user_values);
    celm_map_set(arena, release, "manifest", 8, celm_value_string(arena, manifest.data, manifest.len));
    celm_value *hooks = celm_value_list(arena, run->sorted.hook_count);
    for (size_t i = 0; i < run->sorted.hook_count; i++)
        celm_list_append(arena, hooks, hook_value(arena, &run->sorted.hooks[i]));
    celm_map_set(arena, release, "hooks", 5, hooks);
    celm_map_set(arena, release, "version", 7, celm_value_int(arena, run->revision));
    celm_map_set(arena, release, "namespace", 9, celm_value_cstring(arena, run->session.namespace_name));
    celm_map_set(arena, release, "apply_method", 12,
                 celm_value_cstring(arena, cli_flag_is_true(run->chart.invocation, "server-side") ? "ssa" : "csa"));
    run->release = release;
    return 0;
}

static int create_namespace(install_run *run)
{
    celm_arena *arena = run->chart.arena;
    const char *name = run->session.namespace_name;
    const char *body = celm_arena_printf(arena, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":"
                                         "{\"name\":\"%s\",\"labels\":{\"name\":\"%s\"}}}", name, name);
    celm_kube_request request = {.size = sizeof request, .method = "POST", .path = "/api/v1/namespaces", .body = body,
                                 .body_len = strlen(body)};
    celm_kube_response response;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_kube_send(run->session.kube, arena, &request, &response, &err);
    return status == CELM_OK || status == CELM_EEXISTS ? 0 : cli_fail(FAILED "%s", err.message);
}

/* Marks the release failed in storage and reports helm's message. */
static int fail_release(install_run *run, const char *message)
{
    celm_arena *arena = run->chart.arena;
    celm_error err = CELM_ERROR_INIT;
    celm_release_set_info(arena, run->release, "status", "failed");
    celm_release_set_info(arena, run->release, "description",
                          celm_arena_printf(arena, "Release \"%s\" failed: %s", run->chart.release_name, message));
    if (celm_release_store_write(&run->session.store, arena, run->release, NULL, 0, &err) != CELM_OK)
        fprintf(stderr, "level=WARN msg=\"failed to record the failed release\" error=\"%s\"\n", err.message);
    return cli_fail(FAILED "%s", message);
}

static void warn_unrun_hooks(const install_run *run)
{
    if (run->sorted.hook_count && !cli_flag_is_true(run->chart.invocation, "no-hooks"))
        fputs("level=WARN msg=\"celm does not run chart hooks yet; they are recorded in the release\"\n", stderr);
}

static int supersede_previous(install_run *run)
{
    if (!run->previous)
        return 0;
    const char *status = celm_release_text(run->previous, "info", "status");
    if (status && !strcmp(status, "failed"))
        return 0;
    celm_value *previous = (celm_value *)run->previous;
    celm_error err = CELM_ERROR_INIT;
    celm_release_set_info(run->chart.arena, previous, "status", "superseded");
    celm_release_set_info(run->chart.arena, previous, "description", "superseded by new release");
    return celm_release_store_write(&run->session.store, run->chart.arena, previous, NULL, 0, &err) == CELM_OK
               ? 0 : cli_fail(FAILED "%s", err.message);
}

static int install(install_run *run)
{
    const cli_invocation *invocation = run->chart.invocation;
    celm_arena *arena = run->chart.arena;
    celm_error err = CELM_ERROR_INIT;
    if (cli_flag_is_true(invocation, "create-namespace") && create_namespace(run))
        return 1;
    if (supersede_previous(run))
        return 1;
    if (celm_release_store_write(&run->session.store, arena, run->release, NULL, 1, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    warn_unrun_hooks(run);
    celm_kube_object_list objects;
    celm_apply_options apply = {
        .release_name = run->chart.release_name,
        .release_namespace = run->session.namespace_name,
        .operation = "install",
        .take_ownership = cli_flag_is_true(invocation, "take-ownership"),
        .force_conflicts = cli_flag_is_true(invocation, "force-conflicts"),
    };
    if (celm_kube_objects(run->session.kube, arena, celm_release_text(run->release, NULL, "manifest"),
                          run->session.namespace_name, &objects, &err) != CELM_OK ||
        celm_kube_apply_objects(run->session.kube, arena, &objects, &apply, &err) != CELM_OK)
        return fail_release(run, err.message);
    celm_release_set_info(arena, run->release, "status", "deployed");
    celm_release_set_info(arena, run->release, "description", "Install complete");
    if (celm_release_store_write(&run->session.store, arena, run->release, NULL, 0, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    release_print_options print = {.hide_notes = cli_flag_is_true(invocation, "hide-notes")};
    release_print_status(stdout, arena, run->release, &print);
    return 0;
}

int cli_install_command(const cli_invocation *invocation)
{
    install_run run;
    memset(&run, 0, sizeof run);
    run.chart.invocation = invocation;
    run.chart.arena = invocation->arena;
    int status = refuse_unbuilt(invocation);
    if (!status)
        status = name_and_chart(&run);
    if (!status)
        status = chart_run_load_user_values(&run.chart);
    if (!status)
        status = chart_run_load_chart(&run.chart);
    if (!status)
        status = release_session_open(invocation, &run.session);
    if (!status)
        status = check_name_free(&run);
    if (!status)
        status = chart_run_prepare_values(&run.chart);
    if (!status)
        status = render(&run);
    if (!status)
        status = build_release(&run);
    if (!status)
        status = install(&run);
    release_session_close(&run.session);
    celm_chart_free(run.chart.chart);
    return status;
}
