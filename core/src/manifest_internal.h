/* manifest_internal.h: what the manifest output and file writing share inside libcelm. */
#ifndef CELM_MANIFEST_INTERNAL_H
#define CELM_MANIFEST_INTERNAL_H

#include "celm/celm.h"


/* Whether a hook runs on the "test" event. */
int manifest_hook_is_test(const celm_hook *hook);

#endif
