/* slog_line.h: log lines as helm prints them (log/slog's text handler, without the time). */
#ifndef CELM_SLOG_LINE_H
#define CELM_SLOG_LINE_H

#include "celm/celm.h"

/* "level=LEVEL msg=MSG key=value ..." with slog's quoting; `attributes` holds key, value pairs
 * and ends with NULL. NULL when out of memory. */
const char *celm_slog_line(celm_arena *arena, const char *level, const char *message, const char *const *attributes);

#endif
