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
 * including "hooks"); `options` holds timeout and policies as helm's flags name them.
 * Borrowed for the call. */
typedef struct celm_hook_request {
    const char *event;              /* "pre-install", ..., "test" */
    const celm_value *release;
    const celm_value *options;
} celm_hook_request;

typedef struct celm_hook_ops {
    uint32_t version;
    /* Runs the event's hooks in weight then name order and returns the hooks list with last_run
     * (and delete policies) updated, as Helm records them, in *out_hooks (arena). */
    int (*execute)(void *instance, celm_arena *arena, const celm_hook_request *request,
                   celm_value **out_hooks, celm_error *err);
} celm_hook_ops;

#endif
