/* gotmpl_time.c: Go's time.Time as text: the calendar, layouts, Format, String, JSON and durations. */
#include <string.h>
#include <time.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_time.h"
#include "gotmpl_time_ops.h"

#define ABSOLUTE_YEARS UINT64_C(292277022400)
#define UNIX_TO_ABSOLUTE UINT64_C(9223372028741760000)
#define MARCH_THRU_DECEMBER 306

static const char *const long_day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                              "Thursday", "Friday", "Saturday"};
static const char *const long_month_names[] = {"January", "February", "March", "April", "May", "June", "July",
                                               "August", "September", "October", "November", "December"};

/* --- the calendar (time.go's absolute days, March-based years) ------------------------------------- */
uint64_t gotmpl_time_absolute_seconds(int64_t unix_seconds, int32_t offset)
{
    return (uint64_t)unix_seconds + (uint64_t)(int64_t)offset + UNIX_TO_ABSOLUTE;
}

void gotmpl_time_civil(uint64_t absolute_days, int64_t *year, int *month, int *day, int *year_day)
{
    uint64_t d = 4 * absolute_days + 3;
    uint64_t century = d / 146097;
    uint32_t century_day = (uint32_t)(d % 146097) | 3;
    uint64_t product = (uint64_t)2939745 * century_day;
    uint32_t century_year = (uint32_t)(product >> 32);
    int march_day = (int)((uint32_t)product / 2939745 / 4);
    uint32_t month_day = 2141 * (uint32_t)march_day + 197913;
    int jan_feb = march_day >= MARCH_THRU_DECEMBER;
    int leap = century_year % 4 == 0 && (century_year != 0 || century % 4 == 0);
    *year = (int64_t)(century * 100 - ABSOLUTE_YEARS) + century_year + jan_feb;
    *month = (int)(month_day >> 16) - jan_feb * 12;
    *day = 1 + (int)((month_day & 0xFFFF) / 2141);
    *year_day = march_day + 1 + 31 + 28 + (leap & !jan_feb) - 365 * jan_feb;
}

uint64_t gotmpl_time_absolute_days(int64_t year, int month, int64_t day)
{
    uint32_t march_month = (uint32_t)month;
    uint32_t jan_feb = march_month < 3;
    march_month += 12 * jan_feb;
    uint64_t years = (uint64_t)year - jan_feb + ABSOLUTE_YEARS;
    uint32_t march_day = (979 * march_month - 2919) >> 5;
    uint64_t century = years / 100;
    uint32_t century_year = (uint32_t)(years % 100);
    uint32_t century_day = 1461 * century_year / 4;
    uint64_t century_days = 146097 * century / 4;
    return century_days + (uint64_t)((int64_t)(century_day + march_day) + day - 1);
}

int gotmpl_time_is_leap(int64_t year)
{
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int gotmpl_time_days_in(int month, int64_t year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 31;
    if (month == 2 && gotmpl_time_is_leap(year))
        return 29;
    return days[month - 1];
}

/* --- layouts (format.go's nextStdChunk) --------------------------------------------------------------- */
static int starts_lower(const char *text, size_t len)
{
    return len > 0 && text[0] >= 'a' && text[0] <= 'z';
}

static int has(const char *layout, size_t len, size_t at, const char *word)
{
    size_t n = strlen(word);
    return len - at >= n && memcmp(layout + at, word, n) == 0;
}

static int chunk(gotmpl_layout_chunk *out, size_t at, gotmpl_layout_element element, size_t element_len)
{
    out->prefix_len = at;
    out->element = element;
    out->element_len = element_len;
    return 1;
}

static int zone_chunk(const char *layout, size_t len, size_t i, gotmpl_layout_chunk *out)
{
    static const struct { const char *text; gotmpl_layout_element element; } zones[] = {
        {"-070000", LAYOUT_NUM_SECONDS_TZ}, {"-07:00:00", LAYOUT_NUM_COLON_SECONDS_TZ}, {"-0700", LAYOUT_NUM_TZ},
        {"-07:00", LAYOUT_NUM_COLON_TZ}, {"-07", LAYOUT_NUM_SHORT_TZ},
        {"Z070000", LAYOUT_ISO8601_SECONDS_TZ}, {"Z07:00:00", LAYOUT_ISO8601_COLON_SECONDS_TZ},
        {"Z0700", LAYOUT_ISO8601_TZ}, {"Z07:00", LAYOUT_ISO8601_COLON_TZ}, {"Z07", LAYOUT_ISO8601_SHORT_TZ}};
    for (size_t k = 0; k < sizeof zones / sizeof zones[0]; k++)
        if (zones[k].text[0] == layout[i] && has(layout, len, i, zones[k].text))
            return chunk(out, i, zones[k].element, strlen(zones[k].text));
    return 0;
}

static int fraction_chunk(const char *layout, size_t len, size_t i, gotmpl_layout_chunk *out)
{
    if (i + 1 >= len || (layout[i + 1] != '0' && layout[i + 1] != '9'))
        return 0;
    size_t j = i + 1;
    while (j < len && layout[j] == layout[i + 1])
        j++;
    if (j < len && layout[j] >= '0' && layout[j] <= '9')
        return 0;
    chunk(out, i, layout[i + 1] == '0' ? LAYOUT_FRACTION_ZEROS : LAYOUT_FRACTION_NINES, j - i);
    out->digits = (int)((j - i - 1) & 0xfff);
    out->separator = layout[i];
    return 1;
}

static int letter_chunk(const char *layout, size_t len, size_t i, gotmpl_layout_chunk *out)
{
    switch (layout[i]) {
    case 'J':
        if (has(layout, len, i, "January"))
            return chunk(out, i, LAYOUT_LONG_MONTH, 7);
        if (has(layout, len, i, "Jan") && !starts_lower(layout + i + 3, len - i - 3))
            return chunk(out, i, LAYOUT_MONTH, 3);
        return 0;
    case 'M':
        if (has(layout, len, i, "Monday"))
            return chunk(out, i, LAYOUT_LONG_WEEKDAY, 6);
        if (has(layout, len, i, "Mon") && !starts_lower(layout + i + 3, len - i - 3))
            return chunk(out, i, LAYOUT_WEEKDAY, 3);
        if (has(layout, len, i, "MST"))
            return chunk(out, i, LAYOUT_TZ, 3);
        return 0;
    case 'P': return has(layout, len, i, "PM") && chunk(out, i, LAYOUT_PM, 2);
    case 'p': return has(layout, len, i, "pm") && chunk(out, i, LAYOUT_LOWER_PM, 2);
    default: return 0;
    }
}

static int digit_chunk(const char *layout, size_t len, size_t i, gotmpl_layout_chunk *out)
{
    static const gotmpl_layout_element zero_x[] = {LAYOUT_ZERO_MONTH, LAYOUT_ZERO_DAY, LAYOUT_ZERO_HOUR12,
                                                   LAYOUT_ZERO_MINUTE, LAYOUT_ZERO_SECOND, LAYOUT_YEAR};
    switch (layout[i]) {
    case '0':
        if (i + 1 < len && layout[i + 1] >= '1' && layout[i + 1] <= '6')
            return chunk(out, i, zero_x[layout[i + 1] - '1'], 2);
        return has(layout, len, i, "002") && chunk(out, i, LAYOUT_ZERO_YEAR_DAY, 3);
    case '1': return has(layout, len, i, "15") ? chunk(out, i, LAYOUT_HOUR, 2) : chunk(out, i, LAYOUT_NUM_MONTH, 1);
    case '2': return has(layout, len, i, "2006") ? chunk(out, i, LAYOUT_LONG_YEAR, 4) : chunk(out, i, LAYOUT_DAY, 1);
    case '_':
        if (has(layout, len, i, "_2")) {
            /* "_2006" is a literal underscore, then the year. */
            if (has(layout, len, i, "_2006"))
                return chunk(out, i + 1, LAYOUT_LONG_YEAR, 4);
            return chunk(out, i, LAYOUT_UNDER_DAY, 2);
        }
        return has(layout, len, i, "__2") && chunk(out, i, LAYOUT_UNDER_YEAR_DAY, 3);
    case '3': return chunk(out, i, LAYOUT_HOUR12, 1);
    case '4': return chunk(out, i, LAYOUT_MINUTE, 1);
    case '5': return chunk(out, i, LAYOUT_SECOND, 1);
    default: return 0;
    }
}

void gotmpl_layout_next(const char *layout, size_t len, gotmpl_layout_chunk *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < len; i++) {
        char c = layout[i];
        if ((c == '-' || c == 'Z') && zone_chunk(layout, len, i, out))
            return;
        if ((c == '.' || c == ',') && fraction_chunk(layout, len, i, out))
            return;
        if (letter_chunk(layout, len, i, out) || digit_chunk(layout, len, i, out))
            return;
    }
    out->prefix_len = len;
    out->element = LAYOUT_NONE;
}

/* --- Format ---------------------------------------------------------------------------------------- */
/* format.go's appendInt: decimal, zero-padded to width (the sign not counted). */
static void put_int(gotmpl_buffer *output, int64_t value, int width)
{
    char digits[24];
    int n = 0;
    uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
    if (value < 0)
        gotmpl_buffer_putc(output, '-');
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    for (int pad = width - n; pad > 0; pad--)
        gotmpl_buffer_putc(output, '0');
    while (n)
        gotmpl_buffer_putc(output, digits[--n]);
}

static void put_fraction(gotmpl_buffer *output, int32_t nanoseconds, const gotmpl_layout_chunk *c)
{
    int trim = c->element == LAYOUT_FRACTION_NINES;
    if (trim && (c->digits == 0 || nanoseconds == 0))
        return;
    char text[10];
    int n = c->digits < 9 ? c->digits : 9;
    for (int i = 8, value = nanoseconds; i >= 0; i--, value /= 10)
        text[i] = (char)('0' + value % 10);
    if (trim)
        while (n > 0 && text[n - 1] == '0')
            n--;
    if (n == 0 && trim)
        return;
    gotmpl_buffer_putc(output, c->separator);
    gotmpl_buffer_put(output, text, (size_t)n);
    /* Go keeps the digits it has; more than nine zeros in the layout add nothing. */
}

static int is_iso_zone(gotmpl_layout_element element)
{
    return element == LAYOUT_ISO8601_TZ || element == LAYOUT_ISO8601_COLON_TZ || element == LAYOUT_ISO8601_SECONDS_TZ ||
           element == LAYOUT_ISO8601_SHORT_TZ || element == LAYOUT_ISO8601_COLON_SECONDS_TZ;
}

static void put_offset(gotmpl_buffer *output, gotmpl_layout_element element, int32_t offset)
{
    if (offset == 0 && is_iso_zone(element)) {
        gotmpl_buffer_putc(output, 'Z');
        return;
    }
    int zone = offset / 60, absolute = offset;
    gotmpl_buffer_putc(output, zone < 0 ? '-' : '+');
    if (zone < 0)
        zone = -zone, absolute = -absolute;
    put_int(output, zone / 60, 2);
    int colon = element == LAYOUT_ISO8601_COLON_TZ || element == LAYOUT_NUM_COLON_TZ ||
                element == LAYOUT_ISO8601_COLON_SECONDS_TZ || element == LAYOUT_NUM_COLON_SECONDS_TZ;
    if (colon)
        gotmpl_buffer_putc(output, ':');
    if (element != LAYOUT_NUM_SHORT_TZ && element != LAYOUT_ISO8601_SHORT_TZ)
        put_int(output, zone % 60, 2);
    if (element == LAYOUT_ISO8601_SECONDS_TZ || element == LAYOUT_NUM_SECONDS_TZ ||
        element == LAYOUT_NUM_COLON_SECONDS_TZ || element == LAYOUT_ISO8601_COLON_SECONDS_TZ) {
        if (colon)
            gotmpl_buffer_putc(output, ':');
        put_int(output, absolute % 60, 2);
    }
}

typedef struct broken_down {
    int64_t year;
    int month, day, year_day, weekday, hour, minute, second;
} broken_down;

static void break_down(const gotmpl_time *time, broken_down *out)
{
    uint64_t absolute = gotmpl_time_absolute_seconds(time->unix_seconds, time->zone_offset);
    uint64_t days = absolute / GOTMPL_SECONDS_PER_DAY;
    int second = (int)(absolute % GOTMPL_SECONDS_PER_DAY);
    gotmpl_time_civil(days, &out->year, &out->month, &out->day, &out->year_day);
    out->weekday = (int)((days + 3) % 7);
    out->hour = second / 3600;
    out->minute = second / 60 % 60;
    out->second = second % 60;
}

static void put_zone_name(gotmpl_buffer *output, const gotmpl_time *time)
{
    const char *name = time->zone_name ? time->zone_name : "UTC";
    if (*name) {
        gotmpl_buffer_puts(output, name);
        return;
    }
    int zone = time->zone_offset / 60;
    gotmpl_buffer_putc(output, zone < 0 ? '-' : '+');
    if (zone < 0)
        zone = -zone;
    put_int(output, zone / 60, 2);
    put_int(output, zone % 60, 2);
}

static void put_clock(gotmpl_buffer *output, const broken_down *t, gotmpl_layout_element element)
{
    int hour12 = t->hour % 12 ? t->hour % 12 : 12;
    switch (element) {
    case LAYOUT_HOUR: put_int(output, t->hour, 2); break;
    case LAYOUT_HOUR12: put_int(output, hour12, 0); break;
    case LAYOUT_ZERO_HOUR12: put_int(output, hour12, 2); break;
    case LAYOUT_MINUTE: put_int(output, t->minute, 0); break;
    case LAYOUT_ZERO_MINUTE: put_int(output, t->minute, 2); break;
    case LAYOUT_SECOND: put_int(output, t->second, 0); break;
    case LAYOUT_ZERO_SECOND: put_int(output, t->second, 2); break;
    case LAYOUT_PM: gotmpl_buffer_puts(output, t->hour >= 12 ? "PM" : "AM"); break;
    case LAYOUT_LOWER_PM: gotmpl_buffer_puts(output, t->hour >= 12 ? "pm" : "am"); break;
    default: break;
    }
}

static void put_element(gotmpl_buffer *output, const gotmpl_time *time, const broken_down *t,
                        const gotmpl_layout_chunk *c)
{
    switch (c->element) {
    case LAYOUT_YEAR: put_int(output, (t->year < 0 ? -t->year : t->year) % 100, 2); break;
    case LAYOUT_LONG_YEAR: put_int(output, t->year, 4); break;
    case LAYOUT_MONTH: gotmpl_buffer_put(output, long_month_names[t->month - 1], 3); break;
    case LAYOUT_LONG_MONTH: gotmpl_buffer_puts(output, long_month_names[t->month - 1]); break;
    case LAYOUT_NUM_MONTH: put_int(output, t->month, 0); break;
    case LAYOUT_ZERO_MONTH: put_int(output, t->month, 2); break;
    case LAYOUT_WEEKDAY: gotmpl_buffer_put(output, long_day_names[t->weekday], 3); break;
    case LAYOUT_LONG_WEEKDAY: gotmpl_buffer_puts(output, long_day_names[t->weekday]); break;
    case LAYOUT_DAY: put_int(output, t->day, 0); break;
    case LAYOUT_UNDER_DAY:
        if (t->day < 10)
            gotmpl_buffer_putc(output, ' ');
        put_int(output, t->day, 0);
        break;
    case LAYOUT_ZERO_DAY: put_int(output, t->day, 2); break;
    case LAYOUT_UNDER_YEAR_DAY:
        if (t->year_day < 100)
            gotmpl_buffer_puts(output, t->year_day < 10 ? "  " : " ");
        put_int(output, t->year_day, 0);
        break;
    case LAYOUT_ZERO_YEAR_DAY: put_int(output, t->year_day, 3); break;
    case LAYOUT_TZ: put_zone_name(output, time); break;
    case LAYOUT_FRACTION_ZEROS: case LAYOUT_FRACTION_NINES: put_fraction(output, time->nanoseconds, c); break;
    default:
        if (c->element >= LAYOUT_ISO8601_TZ && c->element <= LAYOUT_NUM_COLON_SECONDS_TZ)
            put_offset(output, c->element, time->zone_offset);
        else
            put_clock(output, t, c->element);
        break;
    }
}

static void format_into(gotmpl_buffer *output, const gotmpl_time *time, const char *layout, size_t len)
{
    broken_down t;
    break_down(time, &t);
    while (len) {
        gotmpl_layout_chunk c;
        gotmpl_layout_next(layout, len, &c);
        gotmpl_buffer_put(output, layout, c.prefix_len);
        if (c.element == LAYOUT_NONE)
            break;
        put_element(output, time, &t, &c);
        layout += c.prefix_len + c.element_len;
        len -= c.prefix_len + c.element_len;
    }
}

int gotmpl_time_format(gotmpl_runtime *runtime, const gotmpl_time *time, const char *layout, size_t len,
                       celm_string *out)
{
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, runtime);
    format_into(&output, time, layout, len);
    return gotmpl_buffer_finish(&output, out);
}

/* --- String, now, JSON ------------------------------------------------------------------------------- */
static const char string_layout[] = "2006-01-02 15:04:05.999999999 -0700 MST";

int gotmpl_time_string(gotmpl_runtime *runtime, const gotmpl_time *time, celm_string *out)
{
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, runtime);
    format_into(&output, time, string_layout, sizeof string_layout - 1);
    if (time->monotonic >= 0) {
        uint64_t reading = (uint64_t)time->monotonic;
        uint64_t nanoseconds = reading % 1000000000, seconds = reading / 1000000000;
        uint64_t giga = seconds / 1000000000;
        gotmpl_buffer_puts(&output, " m=+");
        if (giga)
            put_int(&output, (int64_t)giga, 0);
        put_int(&output, (int64_t)(seconds % 1000000000), giga ? 9 : 0);
        gotmpl_buffer_putc(&output, '.');
        put_int(&output, (int64_t)nanoseconds, 9);
    }
    return gotmpl_buffer_finish(&output, out);
}

static int64_t process_start;

/* Go's monotonic readings count from process start; the plugin's load is the nearest moment. */
__attribute__((constructor)) static void note_process_start(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    process_start = (int64_t)now.tv_sec * GOTMPL_NANOSECONDS_PER_SECOND + now.tv_nsec - 1;
}

gotmpl_time gotmpl_time_now(void)
{
    struct timespec wall, monotonic;
    clock_gettime(CLOCK_REALTIME, &wall);
    clock_gettime(CLOCK_MONOTONIC, &monotonic);
    gotmpl_time now = gotmpl_time_fixed((int64_t)wall.tv_sec, (int32_t)wall.tv_nsec, "UTC", 0);
    now = gotmpl_time_in(&now, gotmpl_location_local());
    now.monotonic = (int64_t)monotonic.tv_sec * GOTMPL_NANOSECONDS_PER_SECOND + monotonic.tv_nsec - process_start;
    return now;
}

celm_value *gotmpl_time_plain(gotmpl_runtime *runtime, const gotmpl_time *time)
{
    static const char rfc3339_nano[] = "2006-01-02T15:04:05.999999999Z07:00";
    celm_string text;
    if (gotmpl_time_format(runtime, time, rfc3339_nano, sizeof rfc3339_nano - 1, &text) != CELM_OK)
        return NULL;
    const celm_host *host = gotmpl_runtime_host(runtime);
    return host->value_string(gotmpl_runtime_arena(runtime), text.data, text.len);
}

/* --- durations -------------------------------------------------------------------------------------- */
/* fmtFrac: the fraction of value/10^precision without trailing zeros, written backwards. */
static size_t put_fraction_back(char *buf, size_t at, uint64_t *value, int precision)
{
    int print = 0;
    for (int i = 0; i < precision; i++) {
        uint64_t digit = *value % 10;
        print = print || digit != 0;
        if (print)
            buf[--at] = (char)('0' + digit);
        *value /= 10;
    }
    if (print)
        buf[--at] = '.';
    return at;
}

static size_t put_int_back(char *buf, size_t at, uint64_t value)
{
    do {
        buf[--at] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    return at;
}

static size_t format_small(char *buf, size_t at, uint64_t u)
{
    int precision;
    buf[--at] = 's';
    if (u == 0) {
        buf[--at] = '0';
        return at;
    }
    if (u < 1000) {
        precision = 0;
        buf[--at] = 'n';
    } else if (u < 1000000) {
        precision = 3;
        buf[--at] = '\xb5';     /* U+00B5 MICRO SIGN in UTF-8 */
        buf[--at] = '\xc2';
    } else {
        precision = 6;
        buf[--at] = 'm';
    }
    at = put_fraction_back(buf, at, &u, precision);
    return put_int_back(buf, at, u);
}

size_t gotmpl_duration_format(int64_t duration, char *buf)
{
    char scratch[GOTMPL_DURATION_TEXT_MAX];
    size_t at = sizeof scratch;
    uint64_t u = duration < 0 ? 0 - (uint64_t)duration : (uint64_t)duration;
    if (u < 1000000000) {
        at = format_small(scratch, at, u);
    } else {
        scratch[--at] = 's';
        at = put_fraction_back(scratch, at, &u, 9);
        at = put_int_back(scratch, at, u % 60);
        u /= 60;
        if (u > 0) {
            scratch[--at] = 'm';
            at = put_int_back(scratch, at, u % 60);
            u /= 60;
            if (u > 0) {
                scratch[--at] = 'h';
                at = put_int_back(scratch, at, u);
            }
        }
    }
    if (duration < 0)
        scratch[--at] = '-';
    size_t len = sizeof scratch - at;
    memcpy(buf, scratch + at, len);
    buf[len] = '\0';
    return len;
}

celm_string gotmpl_time_quote(gotmpl_runtime *runtime, const char *text, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    gotmpl_buffer output;
    gotmpl_buffer_init(&output, runtime);
    gotmpl_buffer_putc(&output, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80 || c < ' ') {
            char escape[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            gotmpl_buffer_put(&output, escape, 4);
            continue;
        }
        if (c == '"' || c == '\\')
            gotmpl_buffer_putc(&output, '\\');
        gotmpl_buffer_putc(&output, (char)c);
    }
    gotmpl_buffer_putc(&output, '"');
    celm_string quoted = {"\"\"", 2};
    gotmpl_buffer_finish(&output, &quoted);
    return quoted;
}
