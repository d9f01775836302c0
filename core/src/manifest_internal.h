/* manifest_internal.h: what the manifest output and file writing share inside libcelm. */
#ifndef CELM_MANIFEST_INTERNAL_H
#define CELM_MANIFEST_INTERNAL_H

#include "celm/celm.h"

typedef void (*manifest_crd_visit)(void *payload, const char *path, const char *data, size_t len);

/* Helm's CRDObjects: the chart's crds/ files in load order, then each dependency's, each with
 * its path "<chart full path>/crds/<file>". */
void manifest_each_crd(celm_arena *arena, const celm_chart *chart, manifest_crd_visit visit, void *payload);

/* Whether a hook runs on the "test" event. */
int manifest_hook_is_test(const celm_hook *hook);

#endif
