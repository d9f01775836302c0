/* release_output.h: a release as install, upgrade and status print it (helm's statusPrinter). */
#ifndef CELM_CLI_RELEASE_OUTPUT_H
#define CELM_CLI_RELEASE_OUTPUT_H

#include <stdio.h>

#include "cli.h"

typedef struct release_print_options {
    int show_metadata;      /* status --show-metadata... helm's CHART/VERSION/APP_VERSION lines */
    int hide_notes;         /* --hide-notes */
} release_print_options;

void release_print_status(FILE *out, celm_arena *arena, const celm_value *release, const release_print_options *options);
/* Go's time.ANSIC of an RFC 3339 time in local time; NULL when absent or unreadable. */
const char *release_time_ansic(celm_arena *arena, const char *rfc3339);

#endif
