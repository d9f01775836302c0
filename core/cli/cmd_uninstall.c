/* cmd_uninstall.c: `celm uninstall`: delete a release's resources and its records (or keep them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "release_hooks.h"

typedef struct uninstall_run {
    const cli_invocation *invocation;
    release_session *session;
    celm_arena *arena;
    const char *name;
    celm_stored_release *history;
    size_t count;
} uninstall_run;

static int purge(uninstall_run *run, celm_error *err)
{
    for (size_t i = 0; i < run->count; i++)
        if (celm_release_store_delete(&run->session->store, run->arena, run->history[i].document, err) != CELM_OK)
            return err->code;
    return CELM_OK;
}

static int keep_history(uninstall_run *run, celm_value *latest, celm_error *err)
{
    for (size_t i = 0; i + 1 < run->count; i++) {
        const char *status = celm_release_text(run->history[i].document, "info", "status");
        if (!status || strcmp(status, "deployed") != 0)
            continue;
        celm_release_set_info(run->arena, run->history[i].document, "status", "superseded");
        if (celm_release_store_write(&run->session->store, run->arena, run->history[i].document,
                                     celm_release_custom_labels(run->arena, run->history[i].labels), 0, err) != CELM_OK)
            return err->code;
    }
    return celm_release_store_write(&run->session->store, run->arena, latest,
                                    celm_release_custom_labels(run->arena, run->history[run->count - 1].labels), 0, err);
}

static const char *propagation(const cli_invocation *invocation)
{
    const char *cascade = cli_flag_string(invocation, "cascade");
    if (cascade && !strcmp(cascade, "foreground"))
        return "Foreground";
    if (cascade && !strcmp(cascade, "orphan"))
        return "Orphan";
    return "Background";
}

static int delete_resources(uninstall_run *run, celm_value *latest, celm_error *err)
{
    const char *manifest = celm_release_text(latest, NULL, "manifest");
    celm_kube_object_list objects;
    celm_string kept;
    int status = celm_kube_objects(run->session->kube, run->arena, manifest ? manifest : "",
                                   celm_release_text(latest, NULL, "namespace"), &objects, err);
    if (status == CELM_OK)
        status = celm_kube_delete_objects(run->session->kube, run->arena, &objects, propagation(run->invocation), &kept, err);
    if (status == CELM_OK && kept.len)
        printf("These resources were kept due to the resource policy:\n%s\n", kept.data);
    return status;
}

/* helm's Uninstall.Run for one release whose history is loaded; helm's error text in `err`. */
static int uninstall_release(uninstall_run *run, int keep, celm_error *err)
{
    celm_value *latest = run->history[run->count - 1].document;
    const char *status = celm_release_text(latest, "info", "status");
    if (status && !strcmp(status, "uninstalled")) {
        if (keep)
            return celm_error_set(err, CELM_EINVAL, "the release named \"%s\" is already deleted", run->name);
        return purge(run, err);
    }
    celm_release_set_info(run->arena, latest, "status", "uninstalling");
    celm_release_set_info(run->arena, latest, "deleted", celm_release_time_now(run->arena));
    celm_release_set_info(run->arena, latest, "description", "Deletion in progress (or silently failed)");
    const celm_value *labels = celm_release_custom_labels(run->arena, run->history[run->count - 1].labels);
    release_hooks_run hooks = {run->invocation, run->session, run->arena, latest, labels, 1, 0};
    int code = release_hooks_execute(&hooks, "pre-delete", err);
    if (code == CELM_OK)
        code = celm_release_store_write(&run->session->store, run->arena, latest, labels, 0, err);
    if (code != CELM_OK)
        return code;
    if (delete_resources(run, latest, err) != CELM_OK)
        return celm_error_set(err, CELM_EFAIL, "uninstallation completed with 1 error(s): %s", err->message);
    celm_error post_delete = CELM_ERROR_INIT;
    int post_failed = release_hooks_execute(&hooks, "post-delete", &post_delete) != CELM_OK;
    celm_release_set_info(run->arena, latest, "status", "uninstalled");
    const char *description = cli_flag_string(run->invocation, "description");
    celm_release_set_info(run->arena, latest, "description",
                          description && *description ? description : "Uninstallation complete");
    code = keep ? keep_history(run, latest, err) : purge(run, err);
    if (code != CELM_OK)
        return code;
    if (post_failed)
        return celm_error_set(err, CELM_EFAIL, "uninstallation completed with 1 error(s): %s", post_delete.message);
    return CELM_OK;
}

int cli_uninstall_release(const cli_invocation *invocation, release_session *session, const char *name, int keep,
                          celm_error *err)
{
    uninstall_run run = {invocation, session, invocation->arena, name, NULL, 0};
    int code = celm_release_store_query(&session->store, run.arena, session->namespace_name, name, NULL, &run.history,
                                        &run.count, err);
    if (code == CELM_OK && run.count == 0)
        return celm_error_set(err, CELM_ENOTFOUND, "uninstall: Release not loaded: %s: release: not found", name);
    return code == CELM_OK ? uninstall_release(&run, keep, err) : code;
}

int cli_uninstall_command(const cli_invocation *invocation)
{
    const char *wait = cli_flag_string(invocation, "wait");
    if (wait && *wait && strcmp(wait, "hookOnly") != 0)
        return cli_fail("--wait is not implemented in celm yet");
    release_session session;
    int status = release_session_open(invocation, &session, "");
    for (size_t i = 0; !status && i < invocation->argument_count; i++) {
        const char *name = invocation->arguments[i];
        celm_error err = CELM_ERROR_INIT;
        int code = cli_uninstall_release(invocation, &session, name, cli_flag_is_true(invocation, "keep-history"), &err);
        if (code == CELM_ENOTFOUND && cli_flag_is_true(invocation, "ignore-not-found"))
            continue;
        if (code != CELM_OK)
            status = cli_fail("%s", err.message);
        else
            printf("release \"%s\" uninstalled\n", name);
    }
    release_session_close(&session);
    return status;
}
