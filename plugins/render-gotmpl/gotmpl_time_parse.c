/* gotmpl_time_parse.c: Go's time.Parse, ParseInLocation and ParseDuration, with Go's error texts. */
#include <string.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_time.h"
#include "gotmpl_time_ops.h"

static const char *const short_day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const long_day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                              "Thursday", "Friday", "Saturday"};
static const char *const short_month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const long_month_names[] = {"January", "February", "March", "April", "May", "June", "July",
                                               "August", "September", "October", "November", "December"};

/* The text still to read. */
typedef struct text_span {
    const char *at;
    size_t len;
} text_span;

static void advance(text_span *s, size_t n)
{
    s->at += n;
    s->len -= n;
}

static int is_digit_at(const text_span *s, size_t i)
{
    return i < s->len && s->at[i] >= '0' && s->at[i] <= '9';
}

/* leadingInt: the leading [0-9]* as an integer; -1 on overflow. */
static int leading_int(text_span *s, uint64_t *out)
{
    uint64_t x = 0;
    size_t i = 0;
    for (; i < s->len && s->at[i] >= '0' && s->at[i] <= '9'; i++) {
        if (x > (UINT64_C(1) << 63) / 10)
            return -1;
        x = x * 10 + (uint64_t)(s->at[i] - '0');
        if (x > UINT64_C(1) << 63)
            return -1;
    }
    advance(s, i);
    *out = x;
    return 0;
}

/* format.go's atoi: an optional sign, then digits only. */
static int parse_int(const char *text, size_t len, int64_t *out)
{
    text_span s = {text, len};
    int negative = 0;
    uint64_t x;
    if (s.len && (s.at[0] == '-' || s.at[0] == '+'))
        negative = s.at[0] == '-', advance(&s, 1);
    if (leading_int(&s, &x) != 0 || s.len)
        return -1;
    *out = negative ? -(int64_t)x : (int64_t)x;
    return 0;
}

/* getnum / getnum3: one to `max_digits` digits (exactly that many when fixed). */
static int get_number(text_span *s, int fixed, int max_digits, int *out)
{
    int n = 0, i = 0;
    for (; i < max_digits && is_digit_at(s, (size_t)i); i++)
        n = n * 10 + (s->at[i] - '0');
    *out = 0;
    if (i == 0 || (fixed && i != max_digits))
        return -1;
    advance(s, (size_t)i);
    *out = n;
    return 0;
}

static int match_fold(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x != y) {
            x |= 'a' - 'A', y |= 'a' - 'A';
            if (x != y || x < 'a' || x > 'z')
                return 0;
        }
    }
    return 1;
}

static int lookup_name(const char *const *table, size_t count, text_span *s, int *out)
{
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(table[i]);
        if (s->len >= n && match_fold(s->at, table[i], n)) {
            advance(s, n);
            *out = (int)i;
            return 0;
        }
    }
    return -1;
}

/* skip: the layout's literal prefix, where runs of spaces match runs of spaces. */
static int skip_prefix(text_span *value, const char *prefix, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if (prefix[i] == ' ') {
            if (value->len && value->at[0] != ' ')
                return -1;
            while (i < len && prefix[i] == ' ')
                i++;
            while (value->len && value->at[0] == ' ')
                advance(value, 1);
            continue;
        }
        if (!value->len || value->at[0] != prefix[i])
            return -1;
        i++;
        advance(value, 1);
    }
    return 0;
}

/* parseNanoseconds: value starts with the separator; nbytes counts it. */
static int parse_nanoseconds(const char *value, size_t nbytes, int *out, const char **range_error)
{
    if (value[0] != '.' && value[0] != ',')
        return -1;
    if (nbytes > 10)
        nbytes = 10;
    int64_t ns;
    if (parse_int(value + 1, nbytes - 1, &ns) != 0)
        return -1;
    if (ns < 0) {
        *range_error = "fractional second";
        return 0;
    }
    for (size_t i = 0; i < 10 - nbytes; i++)
        ns *= 10;
    *out = (int)ns;
    return 0;
}

/* parseSignedOffset: "+3", "-07" up to 23; the length consumed or 0. */
static size_t signed_offset_len(const char *value, size_t len)
{
    if (!len || (value[0] != '-' && value[0] != '+'))
        return 0;
    text_span rest = {value + 1, len - 1};
    uint64_t x;
    if (leading_int(&rest, &x) != 0 || rest.len == len - 1 || x > 23)
        return 0;
    return len - rest.len;
}

/* parseTimeZone: the length of a zone abbreviation at the start of value, or 0. */
static size_t time_zone_len(const char *value, size_t len)
{
    if (len < 3)
        return 0;
    if (len >= 4 && (memcmp(value, "ChST", 4) == 0 || memcmp(value, "MeST", 4) == 0))
        return 4;
    if (memcmp(value, "GMT", 3) == 0)
        return 3 + (len > 3 ? signed_offset_len(value + 3, len - 3) : 0);
    if (value[0] == '+' || value[0] == '-')
        return signed_offset_len(value, len);
    size_t upper = 0;
    while (upper < 6 && upper < len && value[upper] >= 'A' && value[upper] <= 'Z')
        upper++;
    if (upper == 5 && value[4] == 'T')
        return 5;
    if (upper == 4 && (value[3] == 'T' || memcmp(value, "WITA", 4) == 0))
        return 4;
    return upper == 3 ? 3 : 0;
}

/* --- the parse state ------------------------------------------------------------------------------- */
typedef struct parse_state {
    int64_t year;
    int month, day, year_day, hour, minute, second, nanosecond;
    int am, pm;
    int zone_is_utc;
    int zone_offset;                /* -1: none */
    const char *zone_name;
    size_t zone_name_len;
    const char *range_error;
} parse_state;

static int two_digits(const char *text, int *out)
{
    text_span span = {text, 2};
    return get_number(&span, 1, 2, out);
}

/* The numeric zone elements: -0700, -07:00, -07, -070000, -07:00:00 (and their Z forms). */
static int parse_zone_offset(text_span *value, gotmpl_layout_element element, parse_state *st)
{
    int colon = element == LAYOUT_ISO8601_COLON_TZ || element == LAYOUT_NUM_COLON_TZ;
    int colon_seconds = element == LAYOUT_ISO8601_COLON_SECONDS_TZ || element == LAYOUT_NUM_COLON_SECONDS_TZ;
    int seconds = element == LAYOUT_ISO8601_SECONDS_TZ || element == LAYOUT_NUM_SECONDS_TZ;
    int shorter = element == LAYOUT_NUM_SHORT_TZ || element == LAYOUT_ISO8601_SHORT_TZ;
    size_t need = colon ? 6 : shorter ? 3 : colon_seconds ? 9 : seconds ? 7 : 5;
    if (value->len < need || ((colon || colon_seconds) && value->at[3] != ':') ||
        (colon_seconds && value->at[6] != ':'))
        return -1;
    const char *v = value->at;
    const char *minutes = colon || colon_seconds ? v + 4 : v + 3, *secs = colon_seconds ? v + 7 : v + 5;
    advance(value, need);
    int hour, minute = 0, second = 0;
    int status = two_digits(v + 1, &hour);
    if (status == 0 && !shorter)
        status = two_digits(minutes, &minute);
    if (status == 0 && (seconds || colon_seconds))
        status = two_digits(secs, &second);
    /* Go checks with > rather than >=: offsets of 24 hours or 60 minutes are written by some. */
    if (hour > 24)
        st->range_error = "time zone offset hour";
    if (minute > 60)
        st->range_error = "time zone offset minute";
    if (second > 60)
        st->range_error = "time zone offset second";
    st->zone_offset = (hour * 60 + minute) * 60 + second;
    if (v[0] == '-')
        st->zone_offset = -st->zone_offset;
    else if (v[0] != '+')
        status = -1;
    return status;
}

static int parse_am_pm(text_span *value, const char *am, const char *pm, parse_state *st)
{
    if (value->len < 2)
        return -1;
    int is_pm = memcmp(value->at, pm, 2) == 0, is_am = memcmp(value->at, am, 2) == 0;
    advance(value, 2);
    if (is_pm)
        st->pm = 1;
    else if (is_am)
        st->am = 1;
    else
        return -1;
    return 0;
}

static int parse_year(text_span *value, int short_form, parse_state *st)
{
    if (short_form) {
        if (value->len < 2 || parse_int(value->at, 2, &st->year) != 0)
            return -1;
        advance(value, 2);
        st->year += st->year >= 69 ? 1900 : 2000;
        return 0;
    }
    if (value->len < 4 || !is_digit_at(value, 0))
        return -1;
    int status = parse_int(value->at, 4, &st->year);
    advance(value, 4);
    return status;
}

/* The seconds element; a fraction in the value but not in the layout is read here, as Go does. */
static int parse_seconds(text_span *value, const char *layout_rest, size_t rest_len, int fixed, parse_state *st)
{
    if (get_number(value, fixed, 2, &st->second) != 0)
        return -1;
    if (st->second >= 60) {
        st->range_error = "second";
        return 0;
    }
    if (value->len >= 2 && (value->at[0] == '.' || value->at[0] == ',') && is_digit_at(value, 1)) {
        gotmpl_layout_chunk next;
        gotmpl_layout_next(layout_rest, rest_len, &next);
        if (next.element == LAYOUT_FRACTION_ZEROS || next.element == LAYOUT_FRACTION_NINES)
            return 0;
        size_t n = 2;
        while (is_digit_at(value, n))
            n++;
        int status = parse_nanoseconds(value->at, n, &st->nanosecond, &st->range_error);
        advance(value, n);
        return status;
    }
    return 0;
}

static int parse_fraction(text_span *value, const gotmpl_layout_chunk *c, parse_state *st)
{
    if (c->element == LAYOUT_FRACTION_ZEROS) {
        size_t digits = 1 + (size_t)c->digits;
        if (value->len < digits)
            return -1;
        int status = parse_nanoseconds(value->at, digits, &st->nanosecond, &st->range_error);
        advance(value, digits);
        return status;
    }
    if (value->len < 2 || (value->at[0] != '.' && value->at[0] != ',') || !is_digit_at(value, 1))
        return 0;
    size_t i = 0;
    while (is_digit_at(value, i + 1))
        i++;
    int status = parse_nanoseconds(value->at, 1 + i, &st->nanosecond, &st->range_error);
    advance(value, 1 + i);
    return status;
}

static int parse_zone_name(text_span *value, parse_state *st)
{
    if (value->len >= 3 && memcmp(value->at, "UTC", 3) == 0) {
        st->zone_is_utc = 1;
        advance(value, 3);
        return 0;
    }
    size_t n = time_zone_len(value->at, value->len);
    if (!n)
        return -1;
    st->zone_name = value->at, st->zone_name_len = n;
    advance(value, n);
    return 0;
}

static int parse_clock_element(text_span *value, gotmpl_layout_element element, parse_state *st)
{
    int status;
    switch (element) {
    case LAYOUT_HOUR:
        status = get_number(value, 0, 2, &st->hour);
        if (st->hour >= 24)
            st->range_error = "hour";
        return status;
    case LAYOUT_HOUR12: case LAYOUT_ZERO_HOUR12:
        status = get_number(value, element == LAYOUT_ZERO_HOUR12, 2, &st->hour);
        if (st->hour > 12)
            st->range_error = "hour";
        return status;
    case LAYOUT_MINUTE: case LAYOUT_ZERO_MINUTE:
        status = get_number(value, element == LAYOUT_ZERO_MINUTE, 2, &st->minute);
        if (st->minute >= 60)
            st->range_error = "minute";
        return status;
    case LAYOUT_PM: return parse_am_pm(value, "AM", "PM", st);
    case LAYOUT_LOWER_PM: return parse_am_pm(value, "am", "pm", st);
    case LAYOUT_TZ: return parse_zone_name(value, st);
    default:
        if (element >= LAYOUT_ISO8601_TZ && element <= LAYOUT_ISO8601_COLON_SECONDS_TZ && value->len &&
            value->at[0] == 'Z') {
            advance(value, 1);
            st->zone_is_utc = 1;
            return 0;
        }
        return parse_zone_offset(value, element, st);
    }
}

static int parse_element(text_span *value, const gotmpl_layout_chunk *c, const char *rest, size_t rest_len,
                         parse_state *st)
{
    int index, status;
    switch (c->element) {
    case LAYOUT_YEAR: return parse_year(value, 1, st);
    case LAYOUT_LONG_YEAR: return parse_year(value, 0, st);
    case LAYOUT_MONTH: case LAYOUT_LONG_MONTH:
        status = lookup_name(c->element == LAYOUT_MONTH ? short_month_names : long_month_names, 12, value, &index);
        st->month = status == 0 ? index + 1 : 0;
        return status;
    case LAYOUT_NUM_MONTH: case LAYOUT_ZERO_MONTH:
        status = get_number(value, c->element == LAYOUT_ZERO_MONTH, 2, &st->month);
        if (status == 0 && (st->month <= 0 || st->month > 12))
            st->range_error = "month";
        return status;
    case LAYOUT_WEEKDAY: return lookup_name(short_day_names, 7, value, &index);
    case LAYOUT_LONG_WEEKDAY: return lookup_name(long_day_names, 7, value, &index);
    case LAYOUT_DAY: case LAYOUT_UNDER_DAY: case LAYOUT_ZERO_DAY:
        if (c->element == LAYOUT_UNDER_DAY && value->len && value->at[0] == ' ')
            advance(value, 1);
        return get_number(value, c->element == LAYOUT_ZERO_DAY, 2, &st->day);
    case LAYOUT_UNDER_YEAR_DAY: case LAYOUT_ZERO_YEAR_DAY:
        for (int i = 0; i < 2; i++)
            if (c->element == LAYOUT_UNDER_YEAR_DAY && value->len && value->at[0] == ' ')
                advance(value, 1);
        return get_number(value, c->element == LAYOUT_ZERO_YEAR_DAY, 3, &st->year_day);
    case LAYOUT_SECOND: case LAYOUT_ZERO_SECOND:
        return parse_seconds(value, rest, rest_len, c->element == LAYOUT_ZERO_SECOND, st);
    case LAYOUT_FRACTION_ZEROS: case LAYOUT_FRACTION_NINES: return parse_fraction(value, c, st);
    default: return parse_clock_element(value, c->element, st);
    }
}

/* --- errors ----------------------------------------------------------------------------------------- */
typedef struct parse_error_context {
    gotmpl_runtime *runtime;
    const char *layout, *value;
    size_t layout_len, value_len;
    celm_string *error_text;
} parse_error_context;

/* ParseError.Error(): "parsing time V as L: cannot parse E as F", or "parsing time V" + message. */
static int parse_error(const parse_error_context *ctx, const char *layout_element, size_t layout_element_len,
                       const text_span *value_element, const char *message)
{
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, ctx->runtime);
    celm_string value = gotmpl_time_quote(ctx->runtime, ctx->value, ctx->value_len);
    gotmpl_buffer_puts(&output, "parsing time ");
    gotmpl_buffer_put(&output, value.data, value.len);
    if (message) {
        gotmpl_buffer_puts(&output, message);
    } else {
        celm_string layout = gotmpl_time_quote(ctx->runtime, ctx->layout, ctx->layout_len);
        celm_string element = gotmpl_time_quote(ctx->runtime, value_element->at, value_element->len);
        celm_string expected = gotmpl_time_quote(ctx->runtime, layout_element, layout_element_len);
        gotmpl_buffer_printf(&output, " as %s: cannot parse %s as %s", layout.data, element.data, expected.data);
    }
    gotmpl_buffer_finish(&output, ctx->error_text);
    return CELM_EINVAL;
}

static int message_error(const parse_error_context *ctx, const char *prefix, const char *what)
{
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, ctx->runtime);
    gotmpl_buffer_puts(&output, prefix);
    gotmpl_buffer_puts(&output, what);
    celm_string message = {"", 0};
    gotmpl_buffer_finish(&output, &message);
    text_span none = {"", 0};
    return parse_error(ctx, "", 0, &none, message.data);
}

/* --- from fields to a time --------------------------------------------------------------------------- */
static int days_before(int month)
{
    static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    return before[month - 1];
}

/* Turns a day of the year into month and day, checking them against any given ones. */
static int resolve_year_day(const parse_error_context *ctx, parse_state *st)
{
    int month = 0, day = 0, year_day = st->year_day;
    if (gotmpl_time_is_leap(st->year)) {
        if (year_day == 31 + 29)
            month = 2, day = 29;
        else if (year_day > 31 + 29)
            year_day--;
    }
    if (year_day < 1 || year_day > 365)
        return message_error(ctx, ": ", "day-of-year out of range");
    if (month == 0) {
        month = (year_day - 1) / 31 + 1;
        if (days_before(month + 1) < year_day)
            month++;
        day = year_day - days_before(month);
    }
    if (st->month >= 0 && st->month != month)
        return message_error(ctx, ": ", "day-of-year does not match month");
    st->month = month;
    if (st->day >= 0 && st->day != day)
        return message_error(ctx, ": ", "day-of-year does not match day");
    st->day = day;
    return CELM_OK;
}

static gotmpl_time fixed_zone_time(gotmpl_runtime *runtime, const parse_state *st, int32_t offset, int64_t unix_seconds)
{
    gotmpl_value name = gotmpl_string_copy(runtime, st->zone_name ? st->zone_name : "", st->zone_name_len);
    return gotmpl_time_fixed(unix_seconds, st->nanosecond, name.type == GT_STRING ? name.as.string.data : "", offset);
}

static gotmpl_time zoned_time(gotmpl_runtime *runtime, const parse_state *st, const gotmpl_location *default_location,
                              const gotmpl_location *local)
{
    if (st->zone_is_utc)
        return gotmpl_time_date(st->year, st->month, st->day, st->hour, st->minute, st->second, st->nanosecond,
                                gotmpl_location_utc());
    if (st->zone_offset == -1 && !st->zone_name)
        return gotmpl_time_date(st->year, st->month, st->day, st->hour, st->minute, st->second, st->nanosecond,
                                default_location);
    gotmpl_time utc = gotmpl_time_date(st->year, st->month, st->day, st->hour, st->minute, st->second, st->nanosecond,
                                       gotmpl_location_utc());
    if (st->zone_offset != -1) {
        utc.unix_seconds -= st->zone_offset;
        gotmpl_zone_info zone;
        gotmpl_location_lookup(local, utc.unix_seconds, &zone);
        if (zone.offset == st->zone_offset &&
            (!st->zone_name || (strlen(zone.name) == st->zone_name_len &&
                                memcmp(zone.name, st->zone_name, st->zone_name_len) == 0)))
            return gotmpl_time_in(&utc, local);
        return fixed_zone_time(runtime, st, st->zone_offset, utc.unix_seconds);
    }
    int32_t offset = 0;
    if (gotmpl_location_lookup_name(local, st->zone_name, st->zone_name_len, utc.unix_seconds, &offset)) {
        utc.unix_seconds -= offset;
        return gotmpl_time_in(&utc, local);
    }
    if (st->zone_name_len > 3 && memcmp(st->zone_name, "GMT", 3) == 0) {
        int64_t hours = 0;
        parse_int(st->zone_name + 3, st->zone_name_len - 3, &hours);
        offset = (int32_t)(hours * 3600);
    }
    return fixed_zone_time(runtime, st, offset, utc.unix_seconds);
}

/* --- the parse loop ------------------------------------------------------------------------------------ */
static int parse_fields(const parse_error_context *ctx, parse_state *st)
{
    text_span layout = {ctx->layout, ctx->layout_len}, value = {ctx->value, ctx->value_len};
    for (;;) {
        gotmpl_layout_chunk c;
        gotmpl_layout_next(layout.at, layout.len, &c);
        if (skip_prefix(&value, layout.at, c.prefix_len) != 0)
            return parse_error(ctx, layout.at, c.prefix_len, &value, NULL);
        if (c.element == LAYOUT_NONE) {
            if (value.len == 0)
                return CELM_OK;
            celm_string extra = gotmpl_time_quote(ctx->runtime, value.at, value.len);
            return message_error(ctx, ": extra text: ", extra.data);
        }
        const char *element = layout.at + c.prefix_len;
        advance(&layout, c.prefix_len + c.element_len);
        text_span hold = value;
        int status = parse_element(&value, &c, layout.at, layout.len, st);
        if (st->range_error) {
            gotmpl_buffer output;
            gotmpl_buffer_init(&output, ctx->runtime);
            gotmpl_buffer_printf(&output, ": %s out of range", st->range_error);
            celm_string message = {"", 0};
            gotmpl_buffer_finish(&output, &message);
            return parse_error(ctx, element, c.element_len, &value, message.data);
        }
        if (status != 0)
            return parse_error(ctx, element, c.element_len, &hold, NULL);
    }
}

static int parse_layout(const parse_error_context *ctx, const gotmpl_location *default_location,
                        const gotmpl_location *local, gotmpl_time *out)
{
    parse_state st;
    memset(&st, 0, sizeof st);
    st.month = st.day = st.year_day = -1;
    st.zone_offset = -1;
    int status = parse_fields(ctx, &st);
    if (status != CELM_OK)
        return status;
    if (st.pm && st.hour < 12)
        st.hour += 12;
    else if (st.am && st.hour == 12)
        st.hour = 0;
    if (st.year_day >= 0) {
        if ((status = resolve_year_day(ctx, &st)) != CELM_OK)
            return status;
    } else {
        if (st.month < 0)
            st.month = 1;
        if (st.day < 0)
            st.day = 1;
    }
    if (st.day < 1 || st.day > gotmpl_time_days_in(st.month, st.year))
        return message_error(ctx, ": ", "day out of range");
    *out = zoned_time(ctx->runtime, &st, default_location, local);
    return CELM_OK;
}

/* parseRFC3339: Go's fast path for the two RFC 3339 layouts; 0 when it does not apply. */
static int parse_rfc3339(const char *s, size_t len, const gotmpl_location *local, gotmpl_time *out)
{
    int ok = 1;
    int values[6];
    static const int at[6] = {0, 5, 8, 11, 14, 17}, width[6] = {4, 2, 2, 2, 2, 2};
    static const int low[6] = {0, 1, 1, 0, 0, 0}, high[6] = {9999, 12, 31, 23, 59, 59};
    if (len < 19)
        return 0;
    for (int i = 0; i < 6; i++) {
        int x = 0;
        for (int j = 0; j < width[i]; j++) {
            char c = s[at[i] + j];
            if (c < '0' || c > '9') {
                ok = 0;
                break;
            }
            x = x * 10 + (c - '0');
        }
        int limit = i == 2 ? gotmpl_time_days_in(values[1], values[0]) : high[i];
        values[i] = x < low[i] || x > limit ? (ok = 0, low[i]) : x;
    }
    if (!ok || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return 0;
    size_t rest = 19;
    int nanoseconds = 0;
    if (len - rest >= 2 && s[rest] == '.' && s[rest + 1] >= '0' && s[rest + 1] <= '9') {
        size_t n = 2;
        while (rest + n < len && s[rest + n] >= '0' && s[rest + n] <= '9')
            n++;
        const char *ignored = NULL;
        parse_nanoseconds(s + rest, n, &nanoseconds, &ignored);
        rest += n;
    }
    gotmpl_time t = gotmpl_time_date(values[0], values[1], values[2], values[3], values[4], values[5], nanoseconds,
                                     gotmpl_location_utc());
    if (len - rest == 1 && s[rest] == 'Z') {
        *out = t;
        return 1;
    }
    const char *z = s + rest;
    if (len - rest != 6 || (z[0] != '-' && z[0] != '+') || z[3] != ':')
        return 0;
    int hour, minute;
    if (two_digits(z + 1, &hour) != 0 || two_digits(z + 4, &minute) != 0 || hour > 23 || minute > 59)
        return 0;
    int offset = (hour * 60 + minute) * 60 * (z[0] == '-' ? -1 : 1);
    t.unix_seconds -= offset;
    gotmpl_zone_info zone;
    gotmpl_location_lookup(local, t.unix_seconds, &zone);
    *out = zone.offset == offset ? gotmpl_time_in(&t, local)
                                 : gotmpl_time_fixed(t.unix_seconds, t.nanoseconds, "", offset);
    return 1;
}

int gotmpl_time_parse_in(gotmpl_runtime *runtime, const char *layout, size_t layout_len, const char *value,
                         size_t value_len, const gotmpl_location *location, gotmpl_time *out, celm_string *error_text)
{
    static const char rfc3339[] = "2006-01-02T15:04:05Z07:00", rfc3339_nano[] = "2006-01-02T15:04:05.999999999Z07:00";
    if (((layout_len == sizeof rfc3339 - 1 && memcmp(layout, rfc3339, layout_len) == 0) ||
         (layout_len == sizeof rfc3339_nano - 1 && memcmp(layout, rfc3339_nano, layout_len) == 0)) &&
        parse_rfc3339(value, value_len, location, out))
        return CELM_OK;
    parse_error_context ctx = {runtime, layout, value, layout_len, value_len, error_text};
    return parse_layout(&ctx, location, location, out);
}

int gotmpl_time_parse(gotmpl_runtime *runtime, const char *layout, size_t layout_len, const char *value,
                      size_t value_len, const char *zone, gotmpl_time *out, celm_string *error_text)
{
    if (zone) {
        const gotmpl_location *location = gotmpl_location_load(zone, strlen(zone));
        return gotmpl_time_parse_in(runtime, layout, layout_len, value, value_len,
                                    location ? location : gotmpl_location_utc(), out, error_text);
    }
    /* time.Parse: UTC by default, zones matched against Local. */
    static const char rfc3339[] = "2006-01-02T15:04:05Z07:00", rfc3339_nano[] = "2006-01-02T15:04:05.999999999Z07:00";
    const gotmpl_location *local = gotmpl_location_local();
    if (((layout_len == sizeof rfc3339 - 1 && memcmp(layout, rfc3339, layout_len) == 0) ||
         (layout_len == sizeof rfc3339_nano - 1 && memcmp(layout, rfc3339_nano, layout_len) == 0)) &&
        parse_rfc3339(value, value_len, local, out))
        return CELM_OK;
    parse_error_context ctx = {runtime, layout, value, layout_len, value_len, error_text};
    return parse_layout(&ctx, gotmpl_location_utc(), local, out);
}

/* --- ParseDuration --------------------------------------------------------------------------------------- */
/* "time: <message> <quoted duration>", or for an unknown unit "time: unknown unit "x" in duration ...". */
static int duration_error(gotmpl_runtime *runtime, const char *message, const char *text, size_t len,
                          celm_string *error_text)
{
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, runtime);
    celm_string original = gotmpl_time_quote(runtime, text, len);
    gotmpl_buffer_puts(&output, "time: ");
    gotmpl_buffer_puts(&output, message);
    gotmpl_buffer_putc(&output, ' ');
    gotmpl_buffer_put(&output, original.data, original.len);
    gotmpl_buffer_finish(&output, error_text);
    return -1;
}

static int unit_error(gotmpl_runtime *runtime, const char *unit, size_t unit_len, const char *text, size_t len,
                      celm_string *error_text)
{
    gotmpl_buffer message;
    gotmpl_buffer_init(&message, runtime);
    celm_string quoted_unit = gotmpl_time_quote(runtime, unit, unit_len);
    gotmpl_buffer_puts(&message, "unknown unit ");
    gotmpl_buffer_put(&message, quoted_unit.data, quoted_unit.len);
    gotmpl_buffer_puts(&message, " in duration");
    celm_string prefix = {"unknown unit", 12};
    gotmpl_buffer_finish(&message, &prefix);
    return duration_error(runtime, prefix.data, text, len, error_text);
}

static uint64_t unit_nanoseconds(const char *unit, size_t len)
{
    static const struct { const char *name; uint64_t ns; } units[] = {
        {"ns", 1}, {"us", 1000}, {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000}, {"ms", 1000000},
        {"s", UINT64_C(1000000000)}, {"m", UINT64_C(60000000000)}, {"h", UINT64_C(3600000000000)}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i].name) == len && memcmp(units[i].name, unit, len) == 0)
            return units[i].ns;
    return 0;
}

/* leadingFraction: digits after the point, stopping (not failing) once precision overflows. */
static uint64_t leading_fraction(text_span *s, double *scale)
{
    uint64_t x = 0;
    int overflow = 0;
    *scale = 1;
    size_t i = 0;
    for (; i < s->len && s->at[i] >= '0' && s->at[i] <= '9'; i++) {
        if (overflow)
            continue;
        if (x > (uint64_t)INT64_MAX / 10) {
            overflow = 1;
            continue;
        }
        uint64_t y = x * 10 + (uint64_t)(s->at[i] - '0');
        if (y > UINT64_C(1) << 63) {
            overflow = 1;
            continue;
        }
        x = y;
        *scale *= 10;
    }
    advance(s, i);
    return x;
}

/* One "1.5h" component of a duration, added to *total. Returns 0, or -1 with the error set. */
static int duration_component(gotmpl_runtime *runtime, text_span *s, uint64_t *total, const char *text, size_t len,
                              celm_string *error_text)
{
    if (!(s->at[0] == '.' || (s->at[0] >= '0' && s->at[0] <= '9')))
        return duration_error(runtime, "invalid duration", text, len, error_text);
    size_t before = s->len;
    uint64_t whole, fraction = 0;
    double scale = 1;
    if (leading_int(s, &whole) != 0)
        return duration_error(runtime, "invalid duration", text, len, error_text);
    int pre = before != s->len, post = 0;
    if (s->len && s->at[0] == '.') {
        advance(s, 1);
        size_t at_fraction = s->len;
        fraction = leading_fraction(s, &scale);
        post = at_fraction != s->len;
    }
    if (!pre && !post)
        return duration_error(runtime, "invalid duration", text, len, error_text);
    size_t i = 0;
    while (i < s->len && s->at[i] != '.' && (s->at[i] < '0' || s->at[i] > '9'))
        i++;
    if (i == 0)
        return duration_error(runtime, "missing unit in duration", text, len, error_text);
    uint64_t unit = unit_nanoseconds(s->at, i);
    if (!unit)
        return unit_error(runtime, s->at, i, text, len, error_text);
    advance(s, i);
    if (whole > (UINT64_C(1) << 63) / unit)
        return duration_error(runtime, "invalid duration", text, len, error_text);
    whole *= unit;
    if (fraction > 0) {
        whole += (uint64_t)((double)fraction * ((double)unit / scale));
        if (whole > UINT64_C(1) << 63)
            return duration_error(runtime, "invalid duration", text, len, error_text);
    }
    *total += whole;
    if (*total > UINT64_C(1) << 63)
        return duration_error(runtime, "invalid duration", text, len, error_text);
    return 0;
}

int gotmpl_duration_parse(gotmpl_runtime *runtime, const char *text, size_t len, int64_t *out, celm_string *error_text)
{
    text_span s = {text, len};
    int negative = 0;
    uint64_t total = 0;
    if (s.len && (s.at[0] == '-' || s.at[0] == '+'))
        negative = s.at[0] == '-', advance(&s, 1);
    if (s.len == 1 && s.at[0] == '0') {
        *out = 0;
        return 0;
    }
    if (s.len == 0)
        return duration_error(runtime, "invalid duration", text, len, error_text);
    while (s.len)
        if (duration_component(runtime, &s, &total, text, len, error_text) != 0)
            return -1;
    if (negative) {
        *out = (int64_t)(0 - total);
        return 0;
    }
    if (total > (uint64_t)INT64_MAX)
        return duration_error(runtime, "invalid duration", text, len, error_text);
    *out = (int64_t)total;
    return 0;
}
