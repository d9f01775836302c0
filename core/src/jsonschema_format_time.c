/* jsonschema_format_time.c: the date, time, date-time, duration and period formats. */
#include <string.h>

#include "go_quote.h"
#include "jsonschema_internal.h"

/* time.quote: bytes outside printable ASCII as \xNN. */
static void time_quote(celm_buffer *out, const char *text, size_t len)
{
    celm_buffer_append_char(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80 || c < ' ')
            celm_buffer_printf(out, "\\x%02x", c);
        else if (c == '"' || c == '\\')
            celm_buffer_printf(out, "\\%c", c);
        else
            celm_buffer_append_char(out, (char)c);
    }
    celm_buffer_append_char(out, '"');
}

static const char *finish(celm_arena *arena, celm_buffer *out)
{
    celm_string text;
    return celm_buffer_finish(out, arena, &text) == 0 ? text.data : "out of memory";
}

static const char *cannot_parse(celm_arena *arena, const char *value, size_t len, const char *rest, size_t rest_len,
                                const char *element)
{
    celm_buffer out;
    celm_buffer_init(&out);
    celm_buffer_append_str(&out, "parsing time ");
    time_quote(&out, value, len);
    celm_buffer_append_str(&out, " as \"2006-01-02\": cannot parse ");
    time_quote(&out, rest, rest_len);
    celm_buffer_printf(&out, " as \"%s\"", element);
    return finish(arena, &out);
}

static const char *parse_problem(celm_arena *arena, const char *value, size_t len, const char *message,
                                 const char *extra, size_t extra_len)
{
    celm_buffer out;
    celm_buffer_init(&out);
    celm_buffer_append_str(&out, "parsing time ");
    time_quote(&out, value, len);
    celm_buffer_append_str(&out, message);
    if (extra)
        time_quote(&out, extra, extra_len);
    return finish(arena, &out);
}

static int digit_at(const char *text, size_t len, size_t at)
{
    return at < len && text[at] >= '0' && text[at] <= '9';
}

static int days_in(int month, int year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* time.Parse("2006-01-02", text) */
const char *jsonschema_format_date(celm_arena *arena, const char *text, size_t len)
{
    size_t at = 0;
    if (len < 4 || !digit_at(text, len, 0) || !digit_at(text, len, 1) || !digit_at(text, len, 2) || !digit_at(text, len, 3))
        return cannot_parse(arena, text, len, text, len, "2006");
    int year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
    at = 4;
    int parts[2];
    for (int part = 0; part < 2; part++) {
        if (at >= len || text[at] != '-')
            return cannot_parse(arena, text, len, text + at, len - at, "-");
        at++;
        if (!digit_at(text, len, at) || !digit_at(text, len, at + 1))
            return cannot_parse(arena, text, len, text + at, len - at, part == 0 ? "01" : "02");
        parts[part] = (text[at] - '0') * 10 + (text[at + 1] - '0');
        at += 2;
        if (part == 0 && (parts[0] < 1 || parts[0] > 12))
            return parse_problem(arena, text, len, ": month out of range", NULL, 0);
    }
    if (at < len)
        return parse_problem(arena, text, len, ": extra text: ", text + at, len - at);
    if (parts[1] < 1 || parts[1] > days_in(parts[0], year))
        return parse_problem(arena, text, len, ": day out of range", NULL, 0);
    return NULL;
}

static int two_digits(const char *text, int *out)
{
    if (text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9')
        return -1;
    *out = (text[0] - '0') * 10 + (text[1] - '0');
    return 0;
}

static const char *time_offset(const char *text, size_t len, int *hour, int *minute)
{
    if (len == 1 && (text[0] == 'z' || text[0] == 'Z'))
        return NULL;
    if (len != 6)
        return "offset must be 6 characters long";
    int sign;
    if (text[0] == '+')
        sign = -1;
    else if (text[0] == '-')
        sign = 1;
    else
        return "offset must begin with plus/minus";
    if (text[3] != ':')
        return "missing colon in offset in correct place";
    int zone_hour, zone_minute;
    if (two_digits(text + 1, &zone_hour) != 0 || two_digits(text + 4, &zone_minute) != 0)
        return "invalid hour/min in offset";
    if (zone_hour > 23 || zone_minute > 59)
        return "hour/min in offset out of range";
    int total = *hour * 60 + *minute + sign * (zone_hour * 60 + zone_minute);
    if (total < 0)
        total += 24 * 60;
    *hour = total / 60;
    *minute = total % 60;
    return NULL;
}

const char *jsonschema_format_time(celm_arena *arena, const char *text, size_t len)
{
    (void)arena;
    if (len < 9)
        return "less than 9 characters long";
    if (text[2] != ':' || text[5] != ':')
        return "missing colon in correct place";
    int hour, minute, second;
    if (two_digits(text, &hour) != 0 || two_digits(text + 3, &minute) != 0 || two_digits(text + 6, &second) != 0)
        return "invalid hour/min/sec";
    if (hour > 23 || minute > 59 || second > 60)
        return "hour/min/sec out of range";
    size_t at = 8;
    if (text[at] == '.') {
        size_t digits = 0;
        while (digit_at(text, len, at + 1 + digits))
            digits++;
        if (!digits)
            return "no digits in second fraction";
        at += 1 + digits;
    }
    const char *problem = time_offset(text + at, len - at, &hour, &minute);
    if (problem)
        return problem;
    if (second >= 60 && (hour != 23 || minute != 59))
        return "invalid leap second";
    return NULL;
}

const char *jsonschema_format_date_time(celm_arena *arena, const char *text, size_t len)
{
    if (len < 20)
        return "less than 20 characters long";
    if (text[10] != 't' && text[10] != 'T')
        return "11th character must be t or T";
    const char *problem = jsonschema_format_date(arena, text, 10);
    if (problem)
        return celm_arena_printf(arena, "invalid date element: %s", problem);
    problem = jsonschema_format_time(arena, text + 11, len - 11);
    if (problem)
        return celm_arena_printf(arena, "invalid time element: %s", problem);
    return NULL;
}

static const char *duration_units(celm_arena *arena, const char *text, size_t len, const char *all_units)
{
    const char *units = all_units;
    size_t at = 0;
    while (at < len) {
        size_t digits = 0;
        while (digit_at(text, len, at + digits))
            digits++;
        if (!digits)
            return "missing number";
        at += digits;
        if (at >= len)
            return "missing unit";
        char unit = text[at++];
        const char *found = strchr(units, unit);
        if (!found || unit == 0) {
            celm_buffer out;
            celm_buffer_init(&out);
            celm_buffer_append_str(&out, strchr(all_units, unit) && unit ? "unit " : "invalid unit ");
            celm_go_quote_rune(&out, (unsigned char)unit);
            if (strchr(all_units, unit) && unit)
                celm_buffer_append_str(&out, " out of order");
            return finish(arena, &out);
        }
        units = found + 1;
    }
    return NULL;
}

const char *jsonschema_format_duration(celm_arena *arena, const char *text, size_t len)
{
    if (len == 0 || text[0] != 'P')
        return "must start with P";
    text++, len--;
    if (len == 0)
        return "nothing after P";
    if (text[len - 1] == 'W') {
        if (len == 1)
            return "no number in week";
        for (size_t i = 0; i + 1 < len; i++)
            if (text[i] < '0' || text[i] > '9')
                return "invalid week";
        return NULL;
    }
    static const char *const all_units[] = {"YMD", "HMS"};
    size_t start = 0;
    for (int part = 0; start <= len; part++) {
        const char *t = memchr(text + start, 'T', len - start);
        size_t piece = t ? (size_t)(t - (text + start)) : len - start;
        if (part != 0 && piece == 0)
            return "no time elements";
        if (part >= 2)
            return "more than one T";
        const char *problem = duration_units(arena, text + start, piece, all_units[part]);
        if (problem)
            return problem;
        start += piece + 1;
    }
    return NULL;
}

const char *jsonschema_format_period(celm_arena *arena, const char *text, size_t len)
{
    const char *slash = memchr(text, '/', len);
    if (!slash)
        return "missing slash";
    size_t start_len = (size_t)(slash - text), end_len = len - start_len - 1;
    const char *end = slash + 1, *problem;
    if (start_len && text[0] == 'P') {
        if ((problem = jsonschema_format_duration(arena, text, start_len)) != NULL)
            return celm_arena_printf(arena, "invalid start duration: %s", problem);
        if ((problem = jsonschema_format_date_time(arena, end, end_len)) != NULL)
            return celm_arena_printf(arena, "invalid end date-time: %s", problem);
        return NULL;
    }
    if ((problem = jsonschema_format_date_time(arena, text, start_len)) != NULL)
        return celm_arena_printf(arena, "invalid start date-time: %s", problem);
    if (end_len && end[0] == 'P') {
        if ((problem = jsonschema_format_duration(arena, end, end_len)) != NULL)
            return celm_arena_printf(arena, "invalid end duration: %s", problem);
    } else if ((problem = jsonschema_format_date_time(arena, end, end_len)) != NULL) {
        return celm_arena_printf(arena, "invalid end date-time: %s", problem);
    }
    return NULL;
}
