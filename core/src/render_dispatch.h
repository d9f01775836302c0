/* render_dispatch.h: handing each template to the render plugin that claims its suffix. */
#ifndef CELM_RENDER_DISPATCH_H
#define CELM_RENDER_DISPATCH_H

#include "celm/celm.h"

/* Renders `request` (whose chart tree holds every template) through the render plugins of the
 * search path: a template goes to the plugin claiming its suffix (ops->suffixes), the rest to the
 * suffix-less one. That one is lent the others' functions and lends them its named templates.
 * *out is one arena array of every plugin's outputs. Render plugins are configured from the
 * environment: CELM_RENDER_<NAME>_<KEY>=VALUE gives plugin NAME the setting key = "VALUE". */
int celm_render_dispatch(celm_registry *registry, celm_arena *arena, const celm_render_request *request,
                         celm_render_output **out, size_t *count, celm_error *err);

#endif
