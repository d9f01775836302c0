/* gotmpl_exec_time.c: the methods of time.Time that templates call on a time (`now.Unix`,
 * `(now).Format "2006"`), as Go's time package defines them. */
#include <string.h>

#include "gotmpl_exec_internal.h"
#include "gotmpl_time.h"

#define NANOSECONDS INT64_C(1000000000)
/* Unix seconds of Go's zero time, January 1, year 1, 00:00:00 UTC. */
#define ZERO_TIME_UNIX INT64_C(-62135596800)

static const gotmpl_time *receiver(const gotmpl_value *args)
{
    return args[0].as.time;
}

static int time_string(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text;
    int status = gotmpl_time_string(gotmpl_call_runtime(call), receiver(args), &text);
    *out = gotmpl_string(text.data, text.len);
    return status;
}

static int time_format(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    celm_string text;
    int status = gotmpl_time_format(gotmpl_call_runtime(call), receiver(args), args[1].as.string.data,
                                    args[1].as.string.len, &text);
    *out = gotmpl_string(text.data, text.len);
    return status;
}

/* Unix, UnixMilli, UnixMicro and UnixNano: the instant in units of 10^-digits seconds. */
static int time_unix(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const gotmpl_time *t = receiver(args);
    const char *name = gotmpl_call_name(call);
    int64_t per_second = strcmp(name, "UnixMilli") == 0   ? 1000
                         : strcmp(name, "UnixMicro") == 0 ? 1000000
                         : strcmp(name, "UnixNano") == 0  ? NANOSECONDS
                                                          : 1;
    /* Go computes these with wrapping int64 arithmetic. */
    uint64_t whole = (uint64_t)t->unix_seconds * (uint64_t)per_second;
    *out = gotmpl_int(GT_INT64, (int64_t)(whole + (uint64_t)(t->nanoseconds / (NANOSECONDS / per_second))));
    return CELM_OK;
}

static int time_nanosecond(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    *out = gotmpl_int(GT_INT, receiver(args)->nanoseconds);
    return CELM_OK;
}

static int time_is_zero(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)call, (void)count;
    const gotmpl_time *t = receiver(args);
    *out = gotmpl_bool(t->unix_seconds == ZERO_TIME_UNIX && t->nanoseconds == 0);
    return CELM_OK;
}

/* UTC: the same instant shown in UTC, without the monotonic reading (Go's setLoc). */
static int time_utc(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_time utc = *receiver(args);
    utc.zone_offset = 0;
    utc.zone_name = "UTC";
    utc.monotonic = -1;
    *out = gotmpl_time_value(gotmpl_call_runtime(call), &utc);
    return out->type ? CELM_OK : CELM_ENOMEM;
}

static const gotmpl_func time_methods[] = {
    {"Format", time_format, 2, 0, {GT_TIME, GT_STRING}, GT_STRING, 0},
    {"IsZero", time_is_zero, 1, 0, {GT_TIME}, GT_BOOL, 0},
    {"Nanosecond", time_nanosecond, 1, 0, {GT_TIME}, GT_INT, 0},
    {"String", time_string, 1, 0, {GT_TIME}, GT_STRING, 0},
    {"UTC", time_utc, 1, 0, {GT_TIME}, GT_TIME, 0},
    {"Unix", time_unix, 1, 0, {GT_TIME}, GT_INT64, 0},
    {"UnixMicro", time_unix, 1, 0, {GT_TIME}, GT_INT64, 0},
    {"UnixMilli", time_unix, 1, 0, {GT_TIME}, GT_INT64, 0},
    {"UnixNano", time_unix, 1, 0, {GT_TIME}, GT_INT64, 0},
};

const gotmpl_func *gotmpl_exec_time_method(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof time_methods / sizeof time_methods[0]; i++)
        if (strlen(time_methods[i].name) == len && memcmp(time_methods[i].name, name, len) == 0)
            return &time_methods[i];
    return NULL;
}
