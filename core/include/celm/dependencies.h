/* dependencies.h: Helm's processing of a chart's declared dependencies before rendering. */
#ifndef CELM_DEPENDENCIES_H
#define CELM_DEPENDENCIES_H

#include "celm/chart.h"
#include "celm/coalesce.h"

/* Helm's CheckDependencies: every dependency Chart.yaml declares must be loaded under charts/.
 * Fails with "found in Chart.yaml, but missing in charts/ directory: a, b". */
int celm_chart_check_dependencies(const celm_chart *chart, celm_error *err);

/* Helm's ProcessDependencies, in place on the loaded tree: declared dependencies matched to the
 * loaded subcharts by name and version range, copied under their aliases, enabled or disabled by
 * tags and conditions over the coalesced values (user values over defaults), disabled ones
 * removed, recursively; then import-values merged bottom-up into each parent's default values.
 * Metadata dependencies end up as Helm stores them (enabled: true, aliases as names, import-values
 * as {child, parent} maps). `warn` receives Helm's warnings (may be NULL). */
int celm_chart_process_dependencies(celm_chart *chart, const celm_value *user_values, celm_warning_fn warn,
                                    void *payload, celm_error *err);

#endif
