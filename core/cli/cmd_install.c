/* cmd_install.c: `celm install`: render a chart, record the release and apply it to the cluster. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_run.h"
#include "release_output.h"
#include "release_build.h"
#include "release_crds.h"
#include "release_hooks.h"
#include "release_name.h"
#include "release_wait.h"

#define FAILED "INSTALLATION FAILED: "

typedef struct install_run {
    chart_run chart;
    release_session session;
    celm_sorted_release sorted;
    celm_value *release;
    int64_t revision;
    const celm_value *previous;     /* the latest revision, when --replace reuses the name */
    int replace;                    /* --replace, or upgrade --install over an uninstalled release */
    const char *apply_method;       /* "ssa" or "csa" */
    cli_dry_run dry_run;
    const celm_value *labels;       /* --labels: the release's custom labels */
} install_run;


/* Helm's name-in-use rule; with --replace an uninstalled or failed latest revision is reused. */
static int check_name_free(install_run *run)
{
    celm_stored_release *history;
    size_t count;
    celm_error err = CELM_ERROR_INIT;
    const char *problem = release_name_problem(run->chart.arena, run->chart.release_name);
    if (problem)
        return release_name_check_failed(run->chart.arena, FAILED, problem);
    run->revision = 1;
    if (run->dry_run != CLI_DRY_RUN_NONE)
        return 0;
    /* helm's availableName treats a history it cannot read as a free name */
    if (celm_release_store_query(&run->session.store, run->chart.arena, run->session.namespace_name,
                                 run->chart.release_name, NULL, &history, &count, &err) != CELM_OK || count == 0)
        return 0;
    const celm_value *latest = history[count - 1].document;
    const char *status = celm_release_text(latest, "info", "status");
    int reusable = status && (!strcmp(status, "uninstalled") || !strcmp(status, "failed"));
    if (!run->replace || !reusable)
        return release_name_check_failed(run->chart.arena, FAILED, "cannot reuse a name that is still in use");
    run->revision = celm_release_version(latest) + 1;
    run->previous = latest;
    return 0;
}

static int render_release(install_run *run)
{
    if (release_render(&run->chart, &run->session, run->revision, 0, FAILED, &run->sorted))
        return 1;
    run->release = release_document(&run->chart, run->session.namespace_name, &run->sorted, run->revision,
                                    "pending-install", "Initial install underway", run->apply_method);
    return run->release ? 0 : cli_fail("out of memory");
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
/* --rollback-on-failure (--atomic): the failed install is uninstalled, records and all. */
static int uninstall_failed(install_run *run, const char *message)
{
    celm_error err = CELM_ERROR_INIT;
    const char *name = run->chart.release_name;
    if (cli_uninstall_release(run->chart.invocation, &run->session, name, 0, &err) != CELM_OK)
        return cli_fail(FAILED "an error occurred while uninstalling the release. original install error: %s: %s",
                        message, err.message);
    return cli_fail(FAILED "release %s failed, and has been uninstalled due to rollback-on-failure being set: %s", name,
                    message);
}

static int fail_release(install_run *run, const char *message)
{
    celm_arena *arena = run->chart.arena;
    celm_error err = CELM_ERROR_INIT;
    if (cli_flag_is_true(run->chart.invocation, "rollback-on-failure") || cli_flag_is_true(run->chart.invocation, "atomic"))
        return uninstall_failed(run, message);
    celm_release_set_info(arena, run->release, "status", "failed");
    celm_release_set_info(arena, run->release, "description",
                          celm_arena_printf(arena, "Release \"%s\" failed: %s", run->chart.release_name, message));
    if (celm_release_store_write(&run->session.store, arena, run->release, run->labels, 0, &err) != CELM_OK)
        fprintf(stderr, "level=WARN msg=\"failed to record the failed release\" error=\"%s\"\n", err.message);
    return cli_fail(FAILED "%s", message);
}

/* Runs the event's hooks; a failure fails the release with helm's "failed <event>: ..." text. */
static int run_hooks(install_run *run, const char *event)
{
    celm_error err = CELM_ERROR_INIT;
    release_hooks_run hooks = {run->chart.invocation, &run->session, run->chart.arena, run->release, run->labels,
                               !strcmp(run->apply_method, "ssa"), 0};
    if (release_hooks_execute(&hooks, event, &err) == CELM_OK)
        return 0;
    return fail_release(run, celm_arena_printf(run->chart.arena, "failed %s: %s", event, err.message));
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

/* Helm's dry run: the release as it would be stored, with its hooks and manifest printed. */
static int print_dry_run(install_run *run)
{
    celm_release_set_info(run->chart.arena, run->release, "description", "Dry run complete");
    release_print_options print = {.hide_notes = cli_flag_is_true(run->chart.invocation, "hide-notes")};
    release_print_status(stdout, run->chart.arena, run->release, &print);
    return 0;
}

static int install(install_run *run)
{
    const cli_invocation *invocation = run->chart.invocation;
    celm_arena *arena = run->chart.arena;
    celm_error err = CELM_ERROR_INIT;
    if (run->dry_run == CLI_DRY_RUN_CLIENT)
        return print_dry_run(run);
    celm_kube_object_list objects;
    celm_apply_options apply = {
        .release_name = run->chart.release_name,
        .release_namespace = run->session.namespace_name,
        .operation = "install",
        .take_ownership = cli_flag_is_true(invocation, "take-ownership"),
        .force_conflicts = cli_flag_is_true(invocation, "force-conflicts"),
        .client_side = !strcmp(run->apply_method, "csa"),
        .force_replace = release_force_replace(invocation),
        .upgrade_client_side = 1,
        .warn = release_print_warning,
    };
    apply.three_way_unstructured = apply.take_ownership && apply.client_side;
    if (celm_kube_objects(run->session.kube, arena, celm_release_text(run->release, NULL, "manifest"),
                          run->session.namespace_name, &objects, &err) != CELM_OK)
        return cli_fail(FAILED "unable to build kubernetes objects from release manifest: %s", err.message);
    if (celm_kube_check_objects(run->session.kube, arena, &objects, &apply, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    if (run->dry_run == CLI_DRY_RUN_SERVER)
        return print_dry_run(run);
    if (cli_flag_is_true(invocation, "create-namespace") && create_namespace(run))
        return 1;
    if (supersede_previous(run))
        return 1;
    if (celm_release_store_write(&run->session.store, arena, run->release, run->labels, 1, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    if (run_hooks(run, "pre-install"))
        return 1;
    if (celm_kube_apply_objects(run->session.kube, arena, &objects, &apply, &err) != CELM_OK ||
        release_wait(invocation, &run->session, arena, &objects, &err) != CELM_OK)
        return fail_release(run, err.message);
    if (run_hooks(run, "post-install"))
        return 1;
    const char *description = cli_flag_string(invocation, "description");
    celm_release_set_info(arena, run->release, "status", "deployed");
    celm_release_set_info(arena, run->release, "description", description && *description ? description : "Install complete");
    if (celm_release_store_write(&run->session.store, arena, run->release, run->labels, 0, &err) != CELM_OK)
        return cli_fail(FAILED "%s", err.message);
    release_print_options print = {.hide_notes = cli_flag_is_true(invocation, "hide-notes")};
    release_print_status(stdout, arena, run->release, &print);
    return 0;
}

/* A client dry run never talks to the cluster: plugins only, and the namespace of the settings. */
static int open_session(install_run *run)
{
    const cli_invocation *invocation = run->chart.invocation;
    if (run->dry_run != CLI_DRY_RUN_CLIENT)
        return release_session_open_installing(invocation, &run->session, FAILED);
    memset(&run->session, 0, sizeof run->session);
    run->session.registry = cli_open_registry(invocation);
    run->session.namespace_name = cli_settings_namespace(invocation->settings);
    return run->session.registry ? 0 : cli_fail("cannot open the plugin registry");
}

/* Everything after the name and chart are known; upgrade --install comes in here too. */
static int install_steps(install_run *run)
{
    int status = chart_run_load_user_values(&run->chart);
    if (!status)
        status = chart_run_load_chart(&run->chart);
    if (!status)
        status = open_session(run);
    if (!status)
        status = check_name_free(run);
    if (!status)
        status = chart_run_prepare_values(&run->chart);
    if (!status && run->dry_run != CLI_DRY_RUN_CLIENT)
        status = release_install_crds(&run->chart, &run->session, run->dry_run, !strcmp(run->apply_method, "ssa"), 0,
                                      FAILED);
    if (!status)
        status = render_release(run);
    if (!status)
        status = install(run);
    release_session_close(&run->session);
    celm_chart_free(run->chart.chart);
    return status;
}

static void install_run_init(install_run *run, const cli_invocation *invocation)
{
    memset(run, 0, sizeof *run);
    run->chart.invocation = invocation;
    run->chart.arena = invocation->arena;
}

int cli_install_release(const cli_invocation *invocation, const char *name, const char *chart_path, int replace)
{
    install_run run;
    install_run_init(&run, invocation);
    run.chart.release_name = name;
    run.chart.chart_path = chart_path;
    run.replace = replace;
    run.apply_method = release_apply_method(release_install_server_side(invocation));
    int status = release_labels(invocation, NULL, &run.labels);
    return status ? status : install_steps(&run);
}

int cli_install_command(const cli_invocation *invocation)
{
    install_run run;
    install_run_init(&run, invocation);
    int status = release_refuse_unbuilt(invocation);
    if (!status)
        status = release_name_and_chart(invocation, FAILED, NULL, &run.chart.release_name, &run.chart.chart_path);
    if (status)
        return status;
    run.replace = cli_flag_is_true(invocation, "replace");
    run.chart.failure_prefix = FAILED;
    run.apply_method = release_apply_method(release_install_server_side(invocation));
    status = cli_dry_run_strategy(invocation, 0, &run.dry_run);
    if (!status)
        status = release_labels(invocation, FAILED, &run.labels);
    return status ? status : install_steps(&run);
}
