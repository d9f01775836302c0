/* cmd_rollback.c: `celm rollback`: a new revision made of an earlier one, as helm v4 makes it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "release_build.h"
#include "release_hooks.h"
#include "release_wait.h"

typedef struct rollback_run {
    const cli_invocation *invocation;
    celm_arena *arena;
    release_session *session;
    const char *name;
    celm_stored_release *history;
    size_t count;
    celm_value *current;
    celm_value *target;     /* the revision rolled back to */
    celm_value *release;    /* the new revision */
    int server_side;        /* the new revision applies server-side */
    long long max_history;  /* revisions kept, 0 for all */
    int cleanup_on_fail;
    celm_kube_object_list applied;
} rollback_run;

static int parse_revision(const cli_invocation *invocation, long long *revision)
{
    *revision = 0;
    if (invocation->argument_count < 2)
        return 0;
    const char *text = invocation->arguments[1];
    char *end;
    errno = 0;
    *revision = strtoll(text, &end, 10);
    if (!*text || *end || errno)
        return cli_fail("could not convert revision to a number: strconv.Atoi: parsing \"%s\": %s", text,
                        errno ? "value out of range" : "invalid syntax");
    return *revision < 0 ? cli_fail("invalid release revision") : 0;
}

static int find_target(rollback_run *run, long long revision, celm_error *err)
{
    int code = celm_release_store_query(&run->session->store, run->arena, run->session->namespace_name, run->name, NULL,
                                        &run->history, &run->count, err);
    if (code != CELM_OK)
        return code;
    if (run->count == 0)
        return celm_error_set(err, CELM_ENOTFOUND, "release: not found");
    run->current = run->history[run->count - 1].document;
    long long wanted = revision ? revision : celm_release_version(run->current) - 1;
    for (size_t i = 0; i < run->count; i++)
        if (celm_release_version(run->history[i].document) == wanted)
            run->target = run->history[i].document;
    return run->target ? CELM_OK : celm_error_set(err, CELM_ENOTFOUND, "release has no %lld version", wanted);
}

static void copy_member(celm_arena *arena, celm_value *to, const celm_value *from, const char *key)
{
    celm_value *value = celm_map_cget(from, key);
    if (value)
        celm_map_set(arena, to, key, strlen(key), value);
}

static void build_revision(rollback_run *run)
{
    celm_arena *arena = run->arena;
    celm_value *release = celm_value_map(arena, 9);
    celm_map_set(arena, release, "name", 4, celm_value_cstring(arena, run->name));
    const char *first = celm_release_text(run->current, "info", "first_deployed");
    if (first)
        celm_release_set_info(arena, release, "first_deployed", first);
    celm_release_set_info(arena, release, "last_deployed", celm_release_time_now(arena));
    celm_release_set_info(arena, release, "status", "pending-rollback");
    celm_release_set_info(arena, release, "description",
                          celm_arena_printf(arena, "Rollback to %lld", (long long)celm_release_version(run->target)));
    const char *notes = celm_release_text(run->target, "info", "notes");
    if (notes)
        celm_release_set_info(arena, release, "notes", notes);
    copy_member(arena, release, run->target, "chart");
    copy_member(arena, release, run->target, "config");
    copy_member(arena, release, run->target, "manifest");
    copy_member(arena, release, run->target, "hooks");
    celm_map_set(arena, release, "version", 7, celm_value_int(arena, celm_release_version(run->current) + 1));
    copy_member(arena, release, run->current, "namespace");
    run->server_side = release_server_side(run->invocation, run->target);
    celm_map_set(arena, release, "apply_method", 12, celm_value_cstring(arena, release_apply_method(run->server_side)));
    run->release = release;
}

static const celm_value *labels_of(const rollback_run *run, const celm_value *release)
{
    for (size_t i = 0; i < run->count; i++)
        if (run->history[i].document == release)
            return celm_release_custom_labels(run->arena, run->history[i].labels);
    return NULL;
}

static int apply_target(rollback_run *run, celm_error *err)
{
    const char *ns = run->session->namespace_name;
    const char *old_manifest = celm_release_text(run->current, NULL, "manifest");
    const char *new_manifest = celm_release_text(run->release, NULL, "manifest");
    celm_kube_object_list current;
    celm_kube_object_list *target = &run->applied;
    int status = celm_kube_objects(run->session->kube, run->arena, old_manifest ? old_manifest : "", ns, &current, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "unable to build kubernetes objects from current release manifest: %s",
                              err->message);
    status = celm_kube_objects(run->session->kube, run->arena, new_manifest ? new_manifest : "", ns, target, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "unable to build kubernetes objects from new release manifest: %s",
                              err->message);
    celm_apply_options apply = {
        .release_name = run->name,
        .release_namespace = ns,
        .operation = "update",
        .force_conflicts = cli_flag_is_true(run->invocation, "force-conflicts"),
        .take_ownership = 1,
        .client_side = !run->server_side,
        .force_replace = release_force_replace(run->invocation),
        .upgrade_client_side = 1,
        .current = &current,
        .warn = release_print_warning,
    };
    status = celm_kube_check_objects(run->session->kube, run->arena, target, &apply, err);
    return status == CELM_OK ? celm_kube_apply_objects(run->session->kube, run->arena, target, &apply, err) : status;
}

static int fail_rollback(rollback_run *run, const char *error_text, celm_error *out)
{
    celm_error err = CELM_ERROR_INIT;
    const char *message = celm_arena_printf(run->arena, "%s", error_text);
    const char *description = celm_arena_printf(run->arena, "Rollback \"%s\" failed: %s", run->name, message);
    fprintf(stderr, "%s\n", celm_slog_line(run->arena, "WARN", description, (const char *[]){NULL}));
    celm_release_set_info(run->arena, run->current, "status", "superseded");
    celm_release_store_write(&run->session->store, run->arena, run->current, labels_of(run, run->current), 0, &err);
    celm_release_set_info(run->arena, run->release, "status", "failed");
    celm_release_set_info(run->arena, run->release, "description", description);
    celm_release_store_write(&run->session->store, run->arena, run->release, labels_of(run, run->target), 0, &err);
    if (run->cleanup_on_fail && celm_kube_delete_created(run->session->kube, run->arena, &run->applied, &err) != CELM_OK)
        return celm_error_set(out, CELM_EFAIL, "an error occurred while cleaning up resources. original rollback error: "
                              "unable to cleanup resources: %s", err.message);
    return celm_error_set(out, CELM_EFAIL, "%s", message);
}

static int wait_failed(rollback_run *run, const celm_value *labels, const char *error_text, celm_error *err)
{
    const char *message = celm_arena_printf(run->arena, "%s", error_text);
    celm_release_set_info(run->arena, run->release, "status", "failed");
    celm_release_set_info(run->arena, run->release, "description",
                          celm_arena_printf(run->arena, "Release \"%s\" failed: %s", run->name, message));
    celm_release_store_write(&run->session->store, run->arena, run->release, labels, 0, err);
    return celm_error_set(err, CELM_EFAIL, "release %s failed: %s", run->name, message);
}

static int supersede_deployed(rollback_run *run, celm_error *err)
{
    for (size_t i = 0; i < run->count; i++) {
        const char *status = celm_release_text(run->history[i].document, "info", "status");
        if (!status || strcmp(status, "deployed") != 0)
            continue;
        celm_release_set_info(run->arena, run->history[i].document, "status", "superseded");
        int code = celm_release_store_write(&run->session->store, run->arena, run->history[i].document,
                                            labels_of(run, run->history[i].document), 0, err);
        if (code != CELM_OK)
            return code;
    }
    return CELM_OK;
}

/* helm's Rollback.Run after the revisions are read: hooks, apply, wait, records. */
static int rollback(rollback_run *run, celm_error *err)
{
    const celm_value *labels = labels_of(run, run->target);
    int code = celm_release_store_prune(&run->session->store, run->arena, run->session->namespace_name, run->name,
                                        run->max_history, err);
    if (code == CELM_OK)
        code = celm_release_store_write(&run->session->store, run->arena, run->release, labels, 1, err);
    release_hooks_run hooks = {run->invocation, run->session, run->arena, run->release, labels, run->server_side, 0};
    if (code == CELM_OK)
        code = release_hooks_execute(&hooks, "pre-rollback", err);
    if (code != CELM_OK)
        return code;
    if (apply_target(run, err) != CELM_OK)
        return fail_rollback(run, err->message, err);
    if (release_wait(run->invocation, run->session, run->arena, &run->applied, err) != CELM_OK)
        return wait_failed(run, labels, err->message, err);
    code = release_hooks_execute(&hooks, "post-rollback", err);
    if (code == CELM_OK)
        code = supersede_deployed(run, err);
    celm_release_set_info(run->arena, run->release, "status", "deployed");
    return code == CELM_OK ? celm_release_store_write(&run->session->store, run->arena, run->release, labels, 0, err)
                           : code;
}

int cli_rollback_release(const cli_invocation *invocation, release_session *session, const char *name,
                         long long revision, long long max_history, celm_error *err)
{
    rollback_run run = {.invocation = invocation, .arena = invocation->arena, .session = session, .name = name,
                        .max_history = max_history};
    int code = find_target(&run, revision, err);
    if (code != CELM_OK)
        return code;
    build_revision(&run);
    return rollback(&run, err);
}

int cli_rollback_command(const cli_invocation *invocation)
{
    long long revision;
    cli_dry_run dry_run;
    int status = cli_dry_run_strategy(invocation, 0, &dry_run);
    if (!status)
        status = release_refuse_unbuilt(invocation);
    if (!status)
        status = parse_revision(invocation, &revision);
    if (status)
        return status;
    if (!cli_release_name_valid(invocation->arguments[0]))
        return cli_fail("prepareRollback: Release name is invalid: %s", invocation->arguments[0]);
    release_session session;
    status = release_session_open(invocation, &session, "");
    const char *text = cli_flag_string(invocation, "history-max");
    rollback_run run = {.invocation = invocation, .arena = invocation->arena, .session = &session,
                        .name = invocation->arguments[0], .cleanup_on_fail = cli_flag_is_true(invocation, "cleanup-on-fail"),
                        .max_history = text ? atoll(text) : invocation->settings->max_history};
    celm_error err = CELM_ERROR_INIT;
    if (!status && find_target(&run, revision, &err) != CELM_OK)
        status = cli_fail("%s", err.message);
    if (!status) {
        build_revision(&run);
        /* helm's dry run prepares the revision, then neither stores nor applies it */
        if (dry_run == CLI_DRY_RUN_NONE && rollback(&run, &err) != CELM_OK)
            status = cli_fail("%s", err.message);
        else
            fputs("Rollback was a success! Happy Helming!\n", stdout);
    }
    release_session_close(&session);
    return status;
}
