/* gotmpl_funcs_sprig_dates.c: Sprig's date functions (date.go): now, date, dateInZone, dateModify, ago,
 * duration, durationRound, htmlDate, toDate, unixEpoch, with Go's layouts and zones. */
#include <string.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_time.h"
#include "gotmpl_time_ops.h"

static int time_result(gotmpl_call *call, const gotmpl_time *time, gotmpl_value *out)
{
    *out = gotmpl_time_value(gotmpl_call_runtime(call), time);
    return out->type == GT_TIME ? CELM_OK : CELM_ENOMEM;
}

static int text_result(gotmpl_call *call, const char *text, size_t len, gotmpl_value *out)
{
    return gotmpl_string_result(gotmpl_call_runtime(call), text, len, out);
}

/* The time sprig's dateInZone makes of its interface{} argument: a time, seconds since the epoch
 * as int, int32 or int64, and time.Now() for anything else (float64 from values included). */
static gotmpl_time time_of(const gotmpl_value *value, int accept_int32)
{
    switch (value->type) {
    case GT_TIME: return *value->as.time;
    case GT_INT64: case GT_INT: return gotmpl_time_fixed(value->as.integer, 0, "UTC", 0);
    case GT_INT32:
        if (accept_int32)
            return gotmpl_time_fixed(value->as.integer, 0, "UTC", 0);
        return gotmpl_time_now();
    default: return gotmpl_time_now();
    }
}

static int format_in_zone(gotmpl_call *call, const celm_string *layout, const gotmpl_value *date,
                          const celm_string *zone, gotmpl_value *out)
{
    gotmpl_time time = time_of(date, 1);
    const gotmpl_location *location = gotmpl_location_load(zone->data, zone->len);
    if (!location)
        location = gotmpl_location_utc();
    gotmpl_time shown = gotmpl_time_in(&time, location);
    celm_string text;
    int status = gotmpl_time_format(gotmpl_call_runtime(call), &shown, layout->data, layout->len, &text);
    if (status != CELM_OK)
        return status;
    *out = gotmpl_string(text.data, text.len);
    return CELM_OK;
}

static const celm_string local_zone = {"Local", 5};
static const celm_string html_layout = {"2006-01-02", 10};

static int fn_now(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)args, (void)count;
    gotmpl_time now = gotmpl_time_now();
    return time_result(call, &now, out);
}

static int fn_date(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return format_in_zone(call, &args[0].as.string, &args[1], &local_zone, out);
}

static int fn_date_in_zone(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return format_in_zone(call, &args[0].as.string, &args[1], &args[2].as.string, out);
}

static int fn_html_date(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return format_in_zone(call, &html_layout, &args[0], &local_zone, out);
}

static int fn_html_date_in_zone(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    return format_in_zone(call, &html_layout, &args[0], &args[1].as.string, out);
}

static int fn_date_modify(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int64_t duration;
    celm_string error_text;
    const celm_string *text = &args[0].as.string;
    if (gotmpl_duration_parse(gotmpl_call_runtime(call), text->data, text->len, &duration, &error_text) != 0)
        return time_result(call, args[1].as.time, out);
    gotmpl_time moved = gotmpl_time_add(args[1].as.time, duration);
    return time_result(call, &moved, out);
}

static int fn_must_date_modify(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int64_t duration;
    celm_string error_text;
    const celm_string *text = &args[0].as.string;
    if (gotmpl_duration_parse(gotmpl_call_runtime(call), text->data, text->len, &duration, &error_text) != 0) {
        gotmpl_time zero = gotmpl_time_zero();
        time_result(call, &zero, out);
        return gotmpl_call_error(call, "%s", error_text.data);
    }
    gotmpl_time moved = gotmpl_time_add(args[1].as.time, duration);
    return time_result(call, &moved, out);
}

/* Duration.Round(m): Go computes the candidates with wrapping arithmetic and saturates when they wrap. */
static int64_t round_duration(int64_t d, int64_t m)
{
    int64_t r = d % m;
    if (d < 0) {
        r = -r;
        if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
            return d + r;
        int64_t rounded = (int64_t)((uint64_t)d - (uint64_t)m + (uint64_t)r);
        return rounded < d ? rounded : INT64_MIN;
    }
    if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
        return d - r;
    int64_t rounded = (int64_t)((uint64_t)d + (uint64_t)m - (uint64_t)r);
    return rounded > d ? rounded : INT64_MAX;
}

static int fn_ago(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_time then = time_of(&args[0], 0);
    char text[GOTMPL_DURATION_TEXT_MAX];
    size_t len = gotmpl_duration_format(round_duration(gotmpl_time_since(&then), GOTMPL_NANOSECONDS_PER_SECOND), text);
    return text_result(call, text, len, out);
}

/* strconv.ParseInt(text, 10, 64) as sprig uses it: the error ignored, so a syntax error gives 0
 * and a range error the nearest limit. */
static int64_t parse_int_ignoring_errors(const celm_string *text)
{
    size_t i = 0;
    int negative = 0;
    uint64_t magnitude = 0, limit;
    if (i < text->len && (text->data[i] == '+' || text->data[i] == '-'))
        negative = text->data[i++] == '-';
    if (i == text->len)
        return 0;
    limit = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    int overflow = 0;
    for (; i < text->len; i++) {
        char c = text->data[i];
        if (c < '0' || c > '9')
            return 0;
        if (!overflow && (magnitude > (limit - (uint64_t)(c - '0')) / 10))
            overflow = 1;
        if (!overflow)
            magnitude = magnitude * 10 + (uint64_t)(c - '0');
    }
    if (overflow)
        return negative ? INT64_MIN : INT64_MAX;
    return negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
}

static int fn_duration(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int64_t seconds = 0;
    if (args[0].type == GT_STRING)
        seconds = parse_int_ignoring_errors(&args[0].as.string);
    else if (args[0].type == GT_INT64)
        seconds = args[0].as.integer;
    char text[GOTMPL_DURATION_TEXT_MAX];
    /* time.Duration(n) * time.Second wraps on overflow in Go. */
    size_t len = gotmpl_duration_format((int64_t)((uint64_t)seconds * (uint64_t)GOTMPL_NANOSECONDS_PER_SECOND), text);
    return text_result(call, text, len, out);
}

static int fn_duration_round(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    int64_t d = 0;
    celm_string ignored;
    if (args[0].type == GT_STRING) {
        if (gotmpl_duration_parse(gotmpl_call_runtime(call), args[0].as.string.data, args[0].as.string.len, &d,
                                  &ignored) != 0)
            d = 0;
    } else if (args[0].type == GT_INT64) {
        d = args[0].as.integer;
    } else if (args[0].type == GT_TIME) {
        d = gotmpl_time_since(args[0].as.time);
    }
    static const struct { uint64_t size; const char *suffix; } units[] = {
        {UINT64_C(3600000000000) * 24 * 365, "y"}, {UINT64_C(3600000000000) * 24 * 30, "mo"},
        {UINT64_C(3600000000000) * 24, "d"}, {UINT64_C(3600000000000), "h"}, {UINT64_C(60000000000), "m"},
        {UINT64_C(1000000000), "s"}};
    uint64_t u = d < 0 ? 0 - (uint64_t)d : (uint64_t)d;
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, gotmpl_call_runtime(call));
    size_t i = 0;
    while (i < sizeof units / sizeof units[0] && !(u > units[i].size))
        i++;
    if (i == sizeof units / sizeof units[0])
        gotmpl_buffer_puts(&output, "0s");
    else
        gotmpl_buffer_printf(&output, "%llu%s", (unsigned long long)(u / units[i].size), units[i].suffix);
    celm_string text;
    int status = gotmpl_buffer_finish(&output, &text);
    *out = gotmpl_string(text.data, text.len);
    return status;
}

static int to_date(gotmpl_call *call, const gotmpl_value *args, gotmpl_time *time, celm_string *error_text)
{
    const celm_string *layout = &args[0].as.string, *text = &args[1].as.string;
    int status = gotmpl_time_parse(gotmpl_call_runtime(call), layout->data, layout->len, text->data, text->len, "Local",
                                   time, error_text);
    if (status != CELM_OK)
        *time = gotmpl_time_zero();
    return status;
}

static int fn_to_date(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_time time;
    celm_string ignored;
    to_date(call, args, &time, &ignored);
    return time_result(call, &time, out);
}

static int fn_must_to_date(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_time time;
    celm_string error_text;
    int status = to_date(call, args, &time, &error_text);
    int result = time_result(call, &time, out);
    if (status != CELM_OK)
        return gotmpl_call_error(call, "%s", error_text.data);
    return result;
}

static int fn_unix_epoch(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, gotmpl_call_runtime(call));
    gotmpl_buffer_printf(&output, "%lld", (long long)args[0].as.time->unix_seconds);
    celm_string text;
    int status = gotmpl_buffer_finish(&output, &text);
    *out = gotmpl_string(text.data, text.len);
    return status;
}

#define S GT_STRING
#define A GT_ANY
#define T GT_TIME

static const gotmpl_func date_functions[] = {
    {"now", fn_now, 0, 0, {0}, T, 0},
    {"date", fn_date, 2, 0, {S, A}, S, 0},
    {"dateInZone", fn_date_in_zone, 3, 0, {S, A, S}, S, 0},
    {"date_in_zone", fn_date_in_zone, 3, 0, {S, A, S}, S, 0},
    {"dateModify", fn_date_modify, 2, 0, {S, T}, T, 0},
    {"date_modify", fn_date_modify, 2, 0, {S, T}, T, 0},
    {"mustDateModify", fn_must_date_modify, 2, 0, {S, T}, T, 1},
    {"must_date_modify", fn_must_date_modify, 2, 0, {S, T}, T, 1},
    {"ago", fn_ago, 1, 0, {A}, S, 0},
    {"duration", fn_duration, 1, 0, {A}, S, 0},
    {"durationRound", fn_duration_round, 1, 0, {A}, S, 0},
    {"htmlDate", fn_html_date, 1, 0, {A}, S, 0},
    {"htmlDateInZone", fn_html_date_in_zone, 2, 0, {A, S}, S, 0},
    {"toDate", fn_to_date, 2, 0, {S, S}, T, 0},
    {"mustToDate", fn_must_to_date, 2, 0, {S, S}, T, 1},
    {"unixEpoch", fn_unix_epoch, 1, 0, {T}, S, 0},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_dates = {"sprig-dates", date_functions};
