/* repo_internal.h: what the repo_*.c files share about an index's shape. */
#ifndef CELM_REPO_INTERNAL_H
#define CELM_REPO_INTERNAL_H

#include "celm/celm.h"

/* IndexFile.MustAdd: a ChartVersion of `metadata` (a loaded chart's) under its name. */
int repo_index_add(celm_arena *arena, celm_value *entries, const celm_value *metadata, const char *url,
                   const char *created, const char *digest, celm_error *err);

#endif
