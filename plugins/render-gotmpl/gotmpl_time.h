/* gotmpl_time.h: Go's time.Time for templates: now, formatting with Go layouts, parsing, JSON. */
#ifndef CELM_GOTMPL_TIME_H
#define CELM_GOTMPL_TIME_H

#include <stddef.h>

#include "gotmpl_value.h"

/* time.Now() in the local zone (TZ, as Go reads it), with a monotonic reading. */
gotmpl_time gotmpl_time_now(void);
/* t.String(): "2006-01-02 15:04:05.999999999 -0700 MST" and " m=+1.000000001" when monotonic. */
int gotmpl_time_string(gotmpl_runtime *runtime, const gotmpl_time *time, celm_string *out);
/* t.Format(layout) with Go's layout language. */
int gotmpl_time_format(gotmpl_runtime *runtime, const gotmpl_time *time, const char *layout, size_t len,
                       celm_string *out);
/* time.Parse / ParseInLocation(layout, value) with Go's error texts. */
int gotmpl_time_parse(gotmpl_runtime *runtime, const char *layout, size_t layout_len, const char *value,
                      size_t value_len, const char *zone, gotmpl_time *out, celm_string *error_text);
/* What encoding/json writes for a time.Time (RFC 3339 with nanoseconds). */
celm_value *gotmpl_time_plain(gotmpl_runtime *runtime, const gotmpl_time *time);

#endif
