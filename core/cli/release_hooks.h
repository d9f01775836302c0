/* release_hooks.h: a release's hooks run for one event through the hook-executor plugin. */
#ifndef CELM_CLI_RELEASE_HOOKS_H
#define CELM_CLI_RELEASE_HOOKS_H

#include "release_session.h"

/* What an event's run needs: the release (its "hooks" replaced by the executor's result, also on
 * failure) and the labels to record it with when the executor asks mid-event. */
typedef struct release_hooks_run {
    const cli_invocation *invocation;
    release_session *session;
    celm_arena *arena;
    celm_value *release;
    const celm_value *labels;
    int server_side;
    int wait_for_delete;    /* deletions wait until the objects are gone (helm test's watcher) */
} release_hooks_run;

/* Runs `event`'s hooks ("pre-install", ...) unless --no-hooks, through the executor named by
 * $CELM_HOOK_EXECUTOR (default "helm"). A release without hooks for the event loads nothing.
 * Returns CELM_OK, or the executor's error in `err` (helm's text). */
int release_hooks_execute(const release_hooks_run *run, const char *event, celm_error *err);

/* helm's Uninstall.Run for `name` (cmd_uninstall.c), printing nothing: hooks unless --no-hooks,
 * objects deleted, records purged or (keep) marked uninstalled. helm's error text in `err`;
 * CELM_ENOTFOUND when there is no such release. */
int cli_uninstall_release(const cli_invocation *invocation, release_session *session, const char *name, int keep,
                          celm_error *err);
/* helm's Rollback.Run for `name` to `revision` (0: the one before the last) (cmd_rollback.c),
 * printing nothing; keeps at most max_history revisions (0: all). helm's error text in `err`. */
int cli_rollback_release(const cli_invocation *invocation, release_session *session, const char *name,
                         long long revision, long long max_history, celm_error *err);

#endif
