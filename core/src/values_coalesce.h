/* values_coalesce.h: the table merge behind coalescing, for other parts of libcelm. */
#ifndef CELM_VALUES_COALESCE_H
#define CELM_VALUES_COALESCE_H

#include "celm/celm.h"

/* Helm's CoalesceTables (merge = 0) / MergeTables (merge = 1): src merged under dst, in place;
 * dst is authoritative. Does nothing unless both are maps. */
int celm_values_coalesce_tables(celm_arena *arena, celm_value *dst, celm_value *src, int merge, celm_warning_fn warn,
                                void *payload);

#endif
