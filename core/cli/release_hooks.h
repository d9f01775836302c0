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

#endif
