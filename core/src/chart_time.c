/* chart_time.c: Go's time.Parse with the RFC 3339 layout, for a lock file's `generated`, and its
 * error texts (Go 1.26 decodes JSON times with Parse: its strict RFC 3339 checks are disabled). */
#include <stdio.h>
#include <string.h>

#include "chart_internal.h"

#define RFC3339_LAYOUT "2006-01-02T15:04:05Z07:00"

typedef enum element_kind {
    ELEMENT_LITERAL,
    ELEMENT_YEAR,
    ELEMENT_MONTH,
    ELEMENT_DAY,
    ELEMENT_HOUR,
    ELEMENT_MINUTE,
    ELEMENT_SECOND,
    ELEMENT_ZONE
} element_kind;

typedef struct layout_element {
    element_kind kind;
    const char *text;
} layout_element;

static const layout_element rfc3339[] = {
    {ELEMENT_YEAR, "2006"}, {ELEMENT_LITERAL, "-"}, {ELEMENT_MONTH, "01"},
    {ELEMENT_LITERAL, "-"}, {ELEMENT_DAY, "02"}, {ELEMENT_LITERAL, "T"},
    {ELEMENT_HOUR, "15"}, {ELEMENT_LITERAL, ":"}, {ELEMENT_MINUTE, "04"},
    {ELEMENT_LITERAL, ":"}, {ELEMENT_SECOND, "05"}, {ELEMENT_ZONE, "Z07:00"},
};

/* What Parse has read so far. `value`/`left` is the unread rest of the input. */
typedef struct time_parse {
    const char *input;
    size_t input_len;
    const char *value;
    size_t left;
    int year, month, day;
    const char *range_error;
} time_parse;

/* time's own quote(): bytes outside printable ASCII as \xNN. */
static void time_quote(celm_buffer *out, const char *text, size_t len)
{
    celm_buffer_append_char(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 0x80 || c < ' ')
            celm_buffer_printf(out, "\\x%02x", c);
        else {
            if (c == '"' || c == '\\')
                celm_buffer_append_char(out, '\\');
            celm_buffer_append_char(out, (char)c);
        }
    }
    celm_buffer_append_char(out, '"');
}

/* ParseError.Error(). */
static int parse_error(const time_parse *p, celm_buffer *out, const char *layout_element,
                       const char *value_element, size_t value_element_len, const char *message)
{
    celm_buffer_append_str(out, "parsing time ");
    time_quote(out, p->input, p->input_len);
    if (message) {
        celm_buffer_append_str(out, message);
        return 0;
    }
    celm_buffer_append_str(out, " as ");
    time_quote(out, RFC3339_LAYOUT, strlen(RFC3339_LAYOUT));
    celm_buffer_append_str(out, ": cannot parse ");
    time_quote(out, value_element, value_element_len);
    celm_buffer_append_str(out, " as ");
    time_quote(out, layout_element, strlen(layout_element));
    return 0;
}

static int digit_at(const char *text, size_t len, size_t at)
{
    return at < len && text[at] >= '0' && text[at] <= '9';
}

/* getnum: one or two digits (exactly two when `fixed`); -1 when there is none. */
static int take_number(time_parse *p, int fixed)
{
    if (!digit_at(p->value, p->left, 0))
        return -1;
    if (!digit_at(p->value, p->left, 1)) {
        if (fixed)
            return -1;
        p->value++, p->left--;
        return p->value[-1] - '0';
    }
    int number = (p->value[0] - '0') * 10 + (p->value[1] - '0');
    p->value += 2, p->left -= 2;
    return number;
}

static int take_year(time_parse *p)
{
    if (p->left < 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (!digit_at(p->value, p->left, (size_t)i))
            return 0;
    p->year = (p->value[0] - '0') * 1000 + (p->value[1] - '0') * 100 + (p->value[2] - '0') * 10 +
              (p->value[3] - '0');
    p->value += 4, p->left -= 4;
    return 1;
}

/* Seconds, then a fraction the layout does not mention (".123" or ",123"). */
static int take_second(time_parse *p)
{
    int second = take_number(p, 1);
    if (second < 0)
        return 0;
    if (second >= 60) {
        p->range_error = "second";
        return 1;
    }
    if (p->left >= 2 && (p->value[0] == '.' || p->value[0] == ',') && digit_at(p->value, p->left, 1)) {
        size_t n = 2;
        while (digit_at(p->value, p->left, n))
            n++;
        p->value += n, p->left -= n;
    }
    return 1;
}

/* "Z", or a sign, two digits, ':' and two digits; offsets up to 24:60 are accepted. */
static int take_zone(time_parse *p)
{
    if (p->left >= 1 && p->value[0] == 'Z') {
        p->value++, p->left--;
        return 1;
    }
    if (p->left < 6 || p->value[3] != ':')
        return 0;
    const char *zone = p->value;
    p->value += 6, p->left -= 6;
    int hours = 0, minutes = 0, ok = digit_at(zone, 3, 1) && digit_at(zone, 3, 2);
    if (ok)
        hours = (zone[1] - '0') * 10 + (zone[2] - '0');
    if (ok && (ok = digit_at(zone, 6, 4) && digit_at(zone, 6, 5)))
        minutes = (zone[4] - '0') * 10 + (zone[5] - '0');
    if (hours > 24)
        p->range_error = "time zone offset hour";
    if (minutes > 60)
        p->range_error = "time zone offset minute";
    return ok && (zone[0] == '+' || zone[0] == '-');
}

static int take_element(time_parse *p, element_kind kind)
{
    int number;
    switch (kind) {
    case ELEMENT_YEAR:
        return take_year(p);
    case ELEMENT_MONTH:
        if ((number = take_number(p, 1)) < 0)
            return 0;
        if (number == 0 || number > 12)
            p->range_error = "month";
        p->month = number;
        return 1;
    case ELEMENT_DAY:
        return (p->day = take_number(p, 1)) >= 0;
    case ELEMENT_HOUR:
        if ((number = take_number(p, 0)) >= 24)
            p->range_error = "hour";
        return number >= 0;
    case ELEMENT_MINUTE:
        if ((number = take_number(p, 1)) >= 60)
            p->range_error = "minute";
        return number >= 0;
    case ELEMENT_SECOND:
        return take_second(p);
    default:
        return take_zone(p);
    }
}

static int days_in(int month, int year)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    return month == 2 && leap ? 29 : days[month - 1];
}

static int finish(time_parse *p, celm_buffer *message)
{
    if (p->left) {
        celm_buffer extra;
        celm_buffer_init(&extra);
        celm_buffer_append_str(&extra, ": extra text: ");
        time_quote(&extra, p->value, p->left);
        parse_error(p, message, "", p->value, p->left, extra.data ? extra.data : "");
        celm_buffer_free(&extra);
        return 0;
    }
    if (p->day < 1 || p->day > days_in(p->month, p->year))
        return parse_error(p, message, "", p->value, p->left, ": day out of range");
    return 1;
}

int chart_parse_rfc3339(const char *text, size_t len, celm_buffer *message)
{
    time_parse p = {text, len, text, len, 0, 0, 0, NULL};
    for (size_t i = 0; i < sizeof rfc3339 / sizeof rfc3339[0]; i++) {
        const layout_element *element = &rfc3339[i];
        if (element->kind == ELEMENT_LITERAL) {
            if (p.left == 0 || p.value[0] != element->text[0])
                return parse_error(&p, message, element->text, p.value, p.left, NULL);
            p.value++, p.left--;
            continue;
        }
        const char *hold = p.value;
        size_t hold_left = p.left;
        int ok = take_element(&p, element->kind);
        if (p.range_error) {
            char range[64];
            snprintf(range, sizeof range, ": %s out of range", p.range_error);
            return parse_error(&p, message, element->text, p.value, p.left, range);
        }
        if (!ok)
            return parse_error(&p, message, element->text, hold, hold_left, NULL);
    }
    return finish(&p, message);
}
