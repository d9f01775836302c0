/* release_output.h: a release as install, upgrade and status print it (helm's statusPrinter). */
#ifndef CELM_CLI_RELEASE_OUTPUT_H
#define CELM_CLI_RELEASE_OUTPUT_H

#include <stdio.h>

#include "cli.h"

typedef struct release_print_options {
    int show_metadata;      /* status --show-metadata... helm's CHART/VERSION/APP_VERSION lines */
    int hide_notes;         /* --hide-notes */
    int debug;              /* helm's debug block: user-supplied and computed values, hooks, manifest */
    const char *resources;  /* the RESOURCES text (helm status), or NULL */
} release_print_options;

/* helm get values: the release's user values, or with `all` its chart values coalesced under
 * them (CoalesceValues over the stored top chart). */
const celm_value *release_values(celm_arena *arena, const celm_value *release, int all);
/* yaml.Marshal output of a value (helm's EncodeYAML): "null\n" for none. */
void release_print_yaml(FILE *out, celm_arena *arena, const celm_value *value);

void release_print_status(FILE *out, celm_arena *arena, const celm_value *release, const release_print_options *options);
/* Go's time.ANSIC of an RFC 3339 time in local time; NULL when absent or unreadable. */
const char *release_time_ansic(celm_arena *arena, const char *rfc3339);

#endif
