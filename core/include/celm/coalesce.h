/* coalesce.h: Helm's coalescing of user values over a chart tree's default values. */
#ifndef CELM_COALESCE_H
#define CELM_COALESCE_H

#include "celm/chart.h"
#include "celm/sdk.h"

/* Receives each warning Helm would log (e.g. "warning: skipped value for x.y: Not a table."). */
typedef void (*celm_warning_fn)(void *payload, const char *message);

/* Helm's CoalesceValues (merge = 0: a null removes a default, chart-default nulls are dropped) or
 * MergeValues (merge = 1: nulls are kept). `user` is left unchanged; *out is a new map in `arena`
 * holding the values of the top chart, with each subchart's values under its name and globals
 * copied down. `warn` may be NULL. Fails only on a non-map under a subchart's name. */
int celm_values_coalesce(celm_arena *arena, const celm_chart *chart, const celm_value *user, int merge,
                         celm_warning_fn warn, void *payload, celm_value **out, celm_error *err);

/* Helm's CoalesceTables (merge = 0) / MergeTables (merge = 1): src merged under dst, in place
 * (src may be changed too); dst is authoritative. Does nothing unless both are maps. */
int celm_values_coalesce_tables(celm_arena *arena, celm_value *dst, celm_value *src, int merge, celm_warning_fn warn,
                                void *payload);

#endif
