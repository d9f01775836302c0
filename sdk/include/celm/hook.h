/* hook.h: the hook-executor kind, which runs a release's lifecycle hooks for one event. */
#ifndef CELM_HOOK_H
#define CELM_HOOK_H

#include <stddef.h>
#include <stdint.h>

#include "celm/arena.h"
#include "celm/error.h"
#include "celm/value.h"

#define CELM_HOOK_OPS_VERSION 1

/* One run of one event: `release` is the release document (Helm's JSON schema as a value map,
 * including "hooks"); `options` is a map: "timeout" (seconds, int) and "server_side" (bool).
 * Borrowed for the call. */
typedef struct celm_hook_request {
    const char *event;              /* "pre-install", ..., "test" */
    const celm_value *release;
    const celm_value *options;
    /* ABI 1.2: called with the whole hooks list as it stands each time helm would record the
     * release mid-event (a hook marked Running just before its objects are created); the host
     * stores the release with those hooks. The list is borrowed for the call. */
    int (*record)(void *payload, const celm_value *hooks, celm_error *err);
    void *record_payload;
    /* ABI 1.2: where the logs of hook pods go (helm.sh/hook-output-log-policy), as helm's hook
     * output writer takes them; NULL drops them. */
    void (*output)(void *payload, const char *text, size_t len);
    void *output_payload;
} celm_hook_request;

typedef struct celm_hook_ops {
    uint32_t version;
    /* Runs the event's hooks in weight then name order and returns the hooks list with last_run
     * (and delete policies) updated, as Helm records them, in *out_hooks (arena) - also when a
     * hook fails, so the host can record how far it got; `err` then holds helm's message. */
    int (*execute)(void *instance, celm_arena *arena, const celm_hook_request *request,
                   celm_value **out_hooks, celm_error *err);
} celm_hook_ops;

#endif
