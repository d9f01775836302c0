/* cmd_upgrade.c: `celm upgrade`: a new revision of a release from a chart, as helm v4 makes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "release_build.h"
#include "release_crds.h"
#include "release_hooks.h"
#include "release_wait.h"
#include "release_output.h"

#define FAILED "UPGRADE FAILED: "

typedef struct upgrade_run {
    chart_run chart;
    release_session session;
    celm_stored_release *history;
    size_t count;
    celm_value *last;           /* the newest revision */
    celm_value *current;        /* the deployed one (or the newest failed or superseded) */
    celm_value *release;        /* the new revision */
    celm_sorted_release sorted;
    cli_dry_run dry_run;
    const celm_value *labels;   /* the new revision's: the last one's, merged with --labels */
    const celm_value *current_labels;
    int server_side;            /* this revision applies server-side (apply_method "ssa") */
    celm_kube_object_list target;
} upgrade_run;

static const char *status_of(const celm_value *release)
{
    const char *status = celm_release_text(release, "info", "status");
    return status ? status : "unknown";
}

static int load_history(upgrade_run *run)
{
    celm_error err = CELM_ERROR_INIT;
    if (celm_release_store_query(&run->session.store, run->chart.arena, run->session.namespace_name,
                                 run->chart.release_name, NULL, &run->history, &run->count, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    run->last = run->count ? run->history[run->count - 1].document : NULL;
    return 0;
}

/* helm's mergeCustomLabels: the last revision's labels, then --labels; a value "null" deletes. */
static int merge_labels(upgrade_run *run)
{
    const celm_value *given;
    if (release_labels(run->chart.invocation, FAILED, &given))
        return 1;
    celm_arena *arena = run->chart.arena;
    const celm_value *last = run->count ? run->history[run->count - 1].labels : NULL;
    celm_value *merged = last && last->kind == CELM_VALUE_MAP ? celm_value_copy(arena, last) : celm_value_map(arena, 4);
    for (size_t i = 0; i < given->as.map.count; i++) {
        const celm_map_entry *entry = &given->as.map.entries[i];
        if (!strcmp(entry->value->as.string.data, "null"))
            celm_map_remove(merged, entry->key.data, entry->key.len);
        else
            celm_map_set(arena, merged, entry->key.data, entry->key.len, entry->value);
    }
    run->labels = merged;
    return 0;
}

/* Helm's prepareUpgrade: the in-progress lock, then the release to upgrade from. */
static int choose_current(upgrade_run *run)
{
    const char *name = run->chart.release_name;
    if (!run->last)
        return cli_fail(FAILED "\"%s\" has no deployed releases", name);
    const char *last_status = status_of(run->last);
    if (!strncmp(last_status, "pending-", 8))
        return cli_fail(FAILED "another operation (install/upgrade/rollback) is in progress");
    for (size_t i = run->count; i > 0 && !run->current; i--)
        if (!strcmp(status_of(run->history[i - 1].document), "deployed")) {
            run->current = run->history[i - 1].document;
            run->current_labels = celm_release_custom_labels(run->chart.arena, run->history[i - 1].labels);
        }
    if (!run->current && (!strcmp(last_status, "failed") || !strcmp(last_status, "superseded")))
        run->current = run->last;
    return run->current ? 0 : cli_fail(FAILED "\"%s\" has no deployed releases", name);
}

static celm_value *copy_map(celm_arena *arena, const celm_value *value)
{
    return value && value->kind == CELM_VALUE_MAP ? celm_value_copy(arena, value) : celm_value_map(arena, 0);
}

/* Helm's reuseValues: which values the new revision starts from. */
static void reuse_values(upgrade_run *run)
{
    const cli_invocation *invocation = run->chart.invocation;
    celm_arena *arena = run->chart.arena;
    const celm_value *old_config = celm_map_cget(run->current, "config");
    celm_value *user = run->chart.user_values;
    if (cli_flag_is_true(invocation, "reset-values"))
        return;
    if (cli_flag_is_true(invocation, "reuse-values")) {
        celm_value *old_values = copy_map(arena, old_config);
        celm_values_coalesce_tables(arena, old_values, copy_map(arena, celm_map_cget(celm_map_cget(run->current, "chart"), "values")),
                                    0, NULL, NULL);
        celm_values_coalesce_tables(arena, user, copy_map(arena, old_config), 0, NULL, NULL);
        run->chart.chart->values = old_values;
        return;
    }
    if (cli_flag_is_true(invocation, "reset-then-reuse-values")) {
        celm_values_coalesce_tables(arena, user, copy_map(arena, old_config), 0, NULL, NULL);
        return;
    }
    if (user->as.map.count == 0 && old_config && old_config->kind == CELM_VALUE_MAP && old_config->as.map.count)
        run->chart.user_values = copy_map(arena, old_config);
}

static int build_revision(upgrade_run *run)
{
    int64_t revision = celm_release_version(run->last) + 1;
    release_session offline = run->session;     /* a client dry run renders with helm's defaults */
    if (run->dry_run == CLI_DRY_RUN_CLIENT)
        offline.kube = NULL;
    if (release_render(&run->chart, &offline, revision, 1, FAILED, &run->sorted))
        return 1;
    run->server_side = release_server_side(run->chart.invocation, run->last);
    run->release = release_document(&run->chart, run->session.namespace_name, &run->sorted, revision,
                                    "pending-upgrade", "Preparing upgrade", release_apply_method(run->server_side));
    if (!run->release)
        return cli_fail("out of memory");
    const char *first = celm_release_text(run->current, "info", "first_deployed");
    if (first)
        celm_release_set_info(run->chart.arena, run->release, "first_deployed", first);
    return 0;
}

static long long history_max(const cli_invocation *invocation)
{
    const char *text = cli_flag_string(invocation, "history-max");
    return text ? atoll(text) : invocation->settings->max_history;
}

/* --rollback-on-failure (--atomic): back to the newest revision that was deployed or superseded. */
static int roll_back_failed(upgrade_run *run, const char *message)
{
    int64_t newest = 0;
    for (size_t i = 0; i < run->count; i++) {
        const char *status = status_of(run->history[i].document);
        int64_t version = celm_release_version(run->history[i].document);
        if ((!strcmp(status, "superseded") || !strcmp(status, "deployed")) && version > newest)
            newest = version;
    }
    if (!newest)
        return cli_fail(FAILED "unable to find a previously successful release when attempting to rollback. original "
                        "upgrade error: %s", message);
    celm_error err = CELM_ERROR_INIT;
    if (cli_rollback_release(run->chart.invocation, &run->session, run->chart.release_name, newest, 0, &err) != CELM_OK)
        return cli_fail(FAILED "an error occurred while rolling back the release. original upgrade error: %s: %s",
                        message, err.message);
    return cli_fail(FAILED "release %s failed, and has been rolled back due to rollback-on-failure being set: %s",
                    run->chart.release_name, message);
}

static int fail_upgrade(upgrade_run *run, const char *message)
{
    celm_arena *arena = run->chart.arena;
    celm_error err = CELM_ERROR_INIT;
    const char *description = celm_arena_printf(arena, "Upgrade \"%s\" failed: %s", run->chart.release_name, message);
    const char *attributes[] = {"name", run->chart.release_name, "error", message, NULL};
    fprintf(stderr, "%s\n", celm_slog_line(arena, "WARN", "upgrade failed", attributes));
    if (release_record(&run->session, arena, run->release, run->labels, "failed", description, &err) != CELM_OK)
        fprintf(stderr, "%s\n", celm_slog_line(arena, "WARN", "failed to record the release", (const char *[]){"error", err.message, NULL}));
    if (cli_flag_is_true(run->chart.invocation, "cleanup-on-fail") &&
        celm_kube_delete_created(run->session.kube, arena, &run->target, &err) != CELM_OK)
        return cli_fail(FAILED "an error occurred while cleaning up resources. original upgrade error: %s: unable to "
                        "cleanup resources: %s", message, err.message);
    if (cli_flag_is_true(run->chart.invocation, "rollback-on-failure") || cli_flag_is_true(run->chart.invocation, "atomic"))
        return roll_back_failed(run, message);
    return cli_fail(FAILED "%s", message);
}

static int apply_revision(upgrade_run *run)
{
    const cli_invocation *invocation = run->chart.invocation;
    celm_arena *arena = run->chart.arena;
    celm_error err = CELM_ERROR_INIT;
    const char *ns = run->session.namespace_name;
    celm_kube_object_list current;
    celm_kube_object_list *target = &run->target;
    const char *old_manifest = celm_release_text(run->current, NULL, "manifest");
    if (celm_kube_objects(run->session.kube, arena, old_manifest ? old_manifest : "", ns, &current, &err) != CELM_OK)
        return cli_fail(FAILED "unable to build kubernetes objects from current release manifest: %s", err.message);
    if (celm_kube_objects(run->session.kube, arena, celm_release_text(run->release, NULL, "manifest"), ns, target,
                          &err) != CELM_OK)
        return cli_fail(FAILED "unable to build kubernetes objects from new release manifest: %s", err.message);
    celm_apply_options apply = {
        .release_name = run->chart.release_name,
        .release_namespace = ns,
        .operation = "update",
        .take_ownership = cli_flag_is_true(invocation, "take-ownership"),
        .force_conflicts = cli_flag_is_true(invocation, "force-conflicts"),
        .client_side = !run->server_side,
        .force_replace = release_force_replace(invocation),
        .upgrade_client_side = release_applied_client_side(run->current) && run->server_side,
        .current = &current,
        .warn = release_print_warning,
    };
    if (celm_kube_check_objects(run->session.kube, arena, target, &apply, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    if (run->dry_run != CLI_DRY_RUN_NONE)
        return 0;
    if (celm_release_store_prune(&run->session.store, arena, ns, run->chart.release_name, history_max(invocation), &err) != CELM_OK ||
        celm_release_store_write(&run->session.store, arena, run->release, run->labels, 1, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    release_hooks_run hooks = {invocation, &run->session, arena, run->release, run->labels, run->server_side, 0};
    if (release_hooks_execute(&hooks, "pre-upgrade", &err) != CELM_OK)
        return fail_upgrade(run, celm_arena_printf(arena, "pre-upgrade hooks failed: %s", err.message));
    if (celm_kube_apply_objects(run->session.kube, arena, target, &apply, &err) != CELM_OK ||
        release_wait(invocation, &run->session, arena, target, &err) != CELM_OK)
        return fail_upgrade(run, err.message);
    if (release_hooks_execute(&hooks, "post-upgrade", &err) != CELM_OK)
        return fail_upgrade(run, celm_arena_printf(arena, "post-upgrade hooks failed: %s", err.message));
    return 0;
}

static int finish(upgrade_run *run)
{
    celm_arena *arena = run->chart.arena;
    celm_error err = CELM_ERROR_INIT;
    const char *given = cli_flag_string(run->chart.invocation, "description");
    given = given && *given ? given : NULL;
    if (run->dry_run != CLI_DRY_RUN_NONE) {
        celm_release_set_info(arena, run->release, "description", given ? given : "Dry run complete");
    } else {
        const char *description = celm_release_text(run->current, "info", "description");
        if (release_record(&run->session, arena, run->current, run->current_labels, "superseded",
                           description ? description : "", &err) != CELM_OK ||
            release_record(&run->session, arena, run->release, run->labels, "deployed",
                           given ? given : "Upgrade complete", &err) != CELM_OK)
            return cli_fail(FAILED "%s", err.message);
    }
    printf("Release \"%s\" has been upgraded. Happy Helming!\n", run->chart.release_name);
    release_print_options print = {.hide_notes = cli_flag_is_true(run->chart.invocation, "hide-notes")};
    release_print_status(stdout, arena, run->release, &print);
    return 0;
}

/* upgrade --install: no release, or only an uninstalled one, means install. */
static int wants_install(const upgrade_run *run)
{
    if (!cli_flag_is_true(run->chart.invocation, "install"))
        return 0;
    return !run->last || !strcmp(status_of(run->last), "uninstalled");
}

/* The chart and the user values; helm's upgrade reads them before it asks the cluster anything. */
static int load_inputs(upgrade_run *run)
{
    int status = chart_run_load_user_values(&run->chart);
    return status ? status : chart_run_load_chart(&run->chart);
}

static int upgrade(upgrade_run *run)
{
    int status = run->chart.chart ? 0 : load_inputs(run);
    if (!status)
        status = choose_current(run);
    if (!status)
        status = merge_labels(run);
    if (!status) {
        reuse_values(run);
        status = chart_run_prepare_values(&run->chart);
    }
    /* --upgrade-crds: celm's opt-in; helm leaves crds/ alone after the first install */
    if (!status && cli_flag_is_true(run->chart.invocation, "upgrade-crds") && run->dry_run != CLI_DRY_RUN_CLIENT)
        status = release_install_crds(&run->chart, &run->session, run->dry_run, 1, 1, FAILED);
    if (!status)
        status = build_revision(run);
    if (!status)
        status = apply_revision(run);
    return status ? status : finish(run);
}

int cli_upgrade_command(const cli_invocation *invocation)
{
    upgrade_run run;
    memset(&run, 0, sizeof run);
    run.chart.invocation = invocation;
    run.chart.arena = invocation->arena;
    run.chart.release_name = invocation->arguments[0];
    run.chart.chart_path = invocation->arguments[1];
    int status = cli_dry_run_strategy(invocation, 0, &run.dry_run);
    if (!status)
        status = release_refuse_unbuilt(invocation);
    /* with --install, helm's history lookup rejects the name first, without the upgrade prefix */
    if (!status && !cli_release_name_valid(run.chart.release_name))
        status = cli_fail("%srelease name is invalid: %s", cli_flag_is_true(invocation, "install") ? "" : FAILED,
                          run.chart.release_name);
    if (!status && !cli_flag_is_true(invocation, "install"))
        status = load_inputs(&run);
    if (!status)
        status = release_session_open(invocation, &run.session, cli_flag_is_true(invocation, "install") ? "" : FAILED);
    if (!status)
        status = load_history(&run);
    int install = !status && wants_install(&run);
    int uninstalled = install && run.last;
    if (!status && !install)
        status = upgrade(&run);
    release_session_close(&run.session);
    celm_chart_free(run.chart.chart);
    if (install) {
        printf("Release \"%s\" does not exist. Installing it now.\n", run.chart.release_name);
        fflush(stdout);
        status = cli_install_release(invocation, run.chart.release_name, run.chart.chart_path, uninstalled);
    }
    return status;
}
