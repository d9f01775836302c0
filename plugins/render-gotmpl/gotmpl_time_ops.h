/* gotmpl_time_ops.h: Go's time internals the date functions share: locations, the calendar,
 * durations and time arithmetic (gotmpl_time.h is the public face: now, format, parse, JSON).
 *
 * A gotmpl_time carries its zone for display only (offset and abbreviation). Go's time.Time also
 * carries a *Location, so that t.Add across a daylight-saving change shows the new offset. Here the
 * abbreviation pointer doubles as that link: a time put into a location by this module points its
 * zone_name at a name owned by the loaded location, and gotmpl_time_location finds the location
 * again from it. Any other zone_name (UTC literal, a parsed "-0700") is a fixed zone.
 *
 * Locations are read from the system's zoneinfo files once per process and kept for its lifetime
 * (as Go keeps time.Local); they are immutable once loaded and shared between renders. */
#ifndef CELM_GOTMPL_TIME_OPS_H
#define CELM_GOTMPL_TIME_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_value.h"

#define GOTMPL_NANOSECONDS_PER_SECOND INT64_C(1000000000)
#define GOTMPL_SECONDS_PER_DAY INT64_C(86400)

typedef struct gotmpl_location gotmpl_location;

/* The zone in effect at an instant and the span [start, end) of Unix seconds it covers. */
typedef struct gotmpl_zone_info {
    const char *name;
    int32_t offset;
    int is_dst;
    int64_t start, end;
} gotmpl_zone_info;

/* --- locations (gotmpl_time_zone.c) -------------------------------------------------------------- */
const gotmpl_location *gotmpl_location_utc(void);
/* time.Local: TZ as Go reads it (unset: /etc/localtime, "": UTC, "Area/City", ":path"). */
const gotmpl_location *gotmpl_location_local(void);
/* time.LoadLocation(name): "" and "UTC" give UTC, "Local" gives Local; NULL where Go fails. */
const gotmpl_location *gotmpl_location_load(const char *name, size_t len);
/* Location.lookup(sec). */
void gotmpl_location_lookup(const gotmpl_location *location, int64_t unix_seconds, gotmpl_zone_info *out);
/* Location.lookupName(name, unix): 1 and *offset when a zone of that abbreviation exists. */
int gotmpl_location_lookup_name(const gotmpl_location *location, const char *name, size_t len,
                                int64_t unix_seconds, int32_t *offset);
/* time.FixedZone(name, offset) as a location (one per name and offset, kept like the others). */
const gotmpl_location *gotmpl_location_fixed(const char *name, int32_t offset);
/* The location a time was placed in by this module, or NULL when its zone is fixed. */
const gotmpl_location *gotmpl_time_location(const gotmpl_time *time);

/* --- times (gotmpl_time_zone.c) ------------------------------------------------------------------ */
/* t.In(location): the same instant shown in location; drops the monotonic reading as Go does. */
gotmpl_time gotmpl_time_in(const gotmpl_time *time, const gotmpl_location *location);
/* A time in a fixed zone (Go's FixedZone(name, offset)); `name` must outlive the time. */
gotmpl_time gotmpl_time_fixed(int64_t unix_seconds, int32_t nanoseconds, const char *name, int32_t offset);
/* time.Date(year, month, day, hour, minute, second, nanosecond, location) with Go's normalisation. */
gotmpl_time gotmpl_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t minute,
                             int64_t second, int64_t nanosecond, const gotmpl_location *location);
/* The zero time.Time: January 1, year 1, 00:00:00 UTC. */
gotmpl_time gotmpl_time_zero(void);
/* t.Add(d), keeping the location (and the monotonic reading while it fits, as Go does). */
gotmpl_time gotmpl_time_add(const gotmpl_time *time, int64_t duration);
/* time.Since(t) in nanoseconds, saturating like Go's Sub. */
int64_t gotmpl_time_since(const gotmpl_time *time);

/* time.ParseInLocation(layout, value, location) (gotmpl_time_parse.c). */
int gotmpl_time_parse_in(gotmpl_runtime *runtime, const char *layout, size_t layout_len, const char *value,
                         size_t value_len, const gotmpl_location *location, gotmpl_time *out, celm_string *error_text);

/* --- the calendar (gotmpl_time.c) ------------------------------------------------------------------ */
/* Go's absolute days and seconds count from March 1 of year -292277022399; Unix seconds convert to
 * them with wrapping uint64 arithmetic, exactly as Go's (so even absurd times print as Go's do). */
uint64_t gotmpl_time_absolute_seconds(int64_t unix_seconds, int32_t offset);
void gotmpl_time_civil(uint64_t absolute_days, int64_t *year, int *month, int *day, int *year_day);
uint64_t gotmpl_time_absolute_days(int64_t year, int month, int64_t day);
int gotmpl_time_is_leap(int64_t year);
int gotmpl_time_days_in(int month, int64_t year);

/* --- layouts (gotmpl_time.c) ---------------------------------------------------------------------- */
/* The elements of Go's layout language (format.go's std values, without their packed arguments). */
typedef enum gotmpl_layout_element {
    LAYOUT_NONE = 0,
    LAYOUT_LONG_MONTH, LAYOUT_MONTH, LAYOUT_NUM_MONTH, LAYOUT_ZERO_MONTH,        /* January Jan 1 01 */
    LAYOUT_LONG_WEEKDAY, LAYOUT_WEEKDAY,                                         /* Monday Mon */
    LAYOUT_DAY, LAYOUT_UNDER_DAY, LAYOUT_ZERO_DAY,                               /* 2 _2 02 */
    LAYOUT_UNDER_YEAR_DAY, LAYOUT_ZERO_YEAR_DAY,                                 /* __2 002 */
    LAYOUT_HOUR, LAYOUT_HOUR12, LAYOUT_ZERO_HOUR12,                              /* 15 3 03 */
    LAYOUT_MINUTE, LAYOUT_ZERO_MINUTE, LAYOUT_SECOND, LAYOUT_ZERO_SECOND,        /* 4 04 5 05 */
    LAYOUT_LONG_YEAR, LAYOUT_YEAR,                                               /* 2006 06 */
    LAYOUT_PM, LAYOUT_LOWER_PM,                                                  /* PM pm */
    LAYOUT_TZ,                                                                   /* MST */
    LAYOUT_ISO8601_TZ, LAYOUT_ISO8601_SECONDS_TZ, LAYOUT_ISO8601_SHORT_TZ,       /* Z0700 Z070000 Z07 */
    LAYOUT_ISO8601_COLON_TZ, LAYOUT_ISO8601_COLON_SECONDS_TZ,                    /* Z07:00 Z07:00:00 */
    LAYOUT_NUM_TZ, LAYOUT_NUM_SECONDS_TZ, LAYOUT_NUM_SHORT_TZ,                   /* -0700 -070000 -07 */
    LAYOUT_NUM_COLON_TZ, LAYOUT_NUM_COLON_SECONDS_TZ,                            /* -07:00 -07:00:00 */
    LAYOUT_FRACTION_ZEROS, LAYOUT_FRACTION_NINES                                 /* .000 .999 */
} gotmpl_layout_element;

typedef struct gotmpl_layout_chunk {
    size_t prefix_len;          /* literal text before the element */
    gotmpl_layout_element element;
    size_t element_len;         /* the element's bytes in the layout */
    int digits;                 /* fractions: how many digits */
    char separator;             /* fractions: '.' or ',' */
} gotmpl_layout_chunk;

/* nextStdChunk: the first element of layout[0..len) (LAYOUT_NONE: all of it is literal text). */
void gotmpl_layout_next(const char *layout, size_t len, gotmpl_layout_chunk *out);

/* --- durations (gotmpl_time.c) -------------------------------------------------------------------- */
#define GOTMPL_DURATION_TEXT_MAX 40
/* Duration.String() into buf (GOTMPL_DURATION_TEXT_MAX bytes); returns the length. */
size_t gotmpl_duration_format(int64_t duration, char *buf);
/* time.ParseDuration. Returns 0, or -1 with Go's error text in *error_text (arena). */
int gotmpl_duration_parse(gotmpl_runtime *runtime, const char *text, size_t len, int64_t *out,
                          celm_string *error_text);

/* time's own quote() for error texts: non-ASCII and control bytes as \xNN. Arena text. */
celm_string gotmpl_time_quote(gotmpl_runtime *runtime, const char *text, size_t len);

#endif
