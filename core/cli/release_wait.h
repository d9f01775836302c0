/* release_wait.h: --wait and --wait-for-jobs after a release's objects are applied. */
#ifndef CELM_CLI_RELEASE_WAIT_H
#define CELM_CLI_RELEASE_WAIT_H

#include "release_session.h"

/* Waits as --wait says ("watcher", bare --wait; "legacy", helm 3's rules; "hookOnly" waits for
 * nothing) for `objects`, up
 * to --timeout, Jobs until complete with --wait-for-jobs. What is not ready yet shows on stderr:
 * one live line on a terminal, plain "waiting for KIND/NS/NAME: WHY" lines otherwise. Returns
 * CELM_OK, or helm's "resource ... not ready" lines in `err`. */
int release_wait(const cli_invocation *invocation, release_session *session, celm_arena *arena,
                 const celm_kube_object_list *objects, celm_error *err);
/* The strategy in effect: --wait's value, "watcher" when --rollback-on-failure/--atomic asks for
 * a wait helm's way. */
const char *release_wait_strategy(const cli_invocation *invocation);

#endif
