/* release_wait.c: --wait and --wait-for-jobs after a release's objects are applied, with a live
 * progress line on a terminal and plain lines otherwise. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "release_wait.h"

const char *release_wait_strategy(const cli_invocation *invocation)
{
    const char *strategy = cli_flag_string(invocation, "wait");
    if (!strategy || !*strategy)
        strategy = "hookOnly";
    if (!strcmp(strategy, "hookOnly") &&
        (cli_flag_is_true(invocation, "rollback-on-failure") || cli_flag_is_true(invocation, "atomic")))
        return "watcher";
    return strategy;
}

static void show_progress(void *payload, const char *line)
{
    int terminal = *(int *)payload;
    if (terminal)
        fprintf(stderr, "\r\033[K%s%s", line ? "waiting for " : "", line ? line : "");
    else if (line)
        fprintf(stderr, "waiting for %s\n", line);
    fflush(stderr);
}

int release_wait(const cli_invocation *invocation, release_session *session, celm_arena *arena,
                 const celm_kube_object_list *objects, celm_error *err)
{
    const char *strategy = release_wait_strategy(invocation);
    if (!strcmp(strategy, "hookOnly"))
        return CELM_OK;
    const char *timeout = cli_flag_string(invocation, "timeout");
    int terminal = isatty(STDERR_FILENO);
    celm_wait_options options = {
        .timeout_seconds = cli_duration_seconds(timeout ? timeout : "5m"),
        .jobs = cli_flag_is_true(invocation, "wait-for-jobs"),
        .progress = show_progress,
        .payload = &terminal,
    };
    int status = !strcmp(strategy, "legacy") ? celm_kube_wait_legacy(session->kube, arena, objects, &options, err)
                                             : celm_kube_wait_ready(session->kube, arena, objects, &options, err);
    if (terminal)
        show_progress(&terminal, NULL);
    return status;
}
