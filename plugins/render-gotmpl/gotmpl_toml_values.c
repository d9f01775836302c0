/* gotmpl_toml_values.c: BurntSushi/toml's scalar values: strings and their escapes, integers, floats,
 * booleans and the seven datetime layouts, with the library's checks and error texts. */
#include <math.h>
#include <string.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_sprig.h"
#include "gotmpl_time.h"
#include "gotmpl_toml_parse.h"
#include "gotmpl_unicode.h"

/* --- strings ------------------------------------------------------------------------------------------ */
static celm_string strip_first_newline(celm_string s)
{
    if (s.len > 0 && s.data[0] == '\n')
        return (celm_string){s.data + 1, s.len - 1};
    if (s.len > 1 && s.data[0] == '\r' && s.data[1] == '\n')
        return (celm_string){s.data + 2, s.len - 2};
    return s;
}

/* stripEscapedNewlines: a backslash ending a line takes all white space up to the next text with it. */
static celm_string strip_escaped_newlines(toml_parser *p, celm_string s)
{
    gotmpl_buffer out;
    gotmpl_buffer_init(&out, p->runtime);
    size_t i = 0;
    for (;;) {
        const char *slash = i < s.len ? memchr(s.data + i, '\\', s.len - i) : NULL;
        if (!slash) {
            gotmpl_buffer_put(&out, s.data, s.len);
            break;
        }
        i = (size_t)(slash - s.data);
        if (s.len > i + 1 && s.data[i + 1] == '\\') {
            i += 2;
            continue;
        }
        size_t j = i + 1;
        while (j < s.len && strchr(" \t\r\n", s.data[j]) && s.data[j])
            j++;
        if (j == i + 1 || !memchr(s.data + i, '\n', j - i)) {
            i++;
            continue;
        }
        gotmpl_buffer_put(&out, s.data, i);
        s = (celm_string){s.data + j, s.len - j};
        i = 0;
    }
    celm_string text = {"", 0};
    gotmpl_buffer_finish(&out, &text);
    return text;
}

static int hex_value(char c)
{
    return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* asciiEscapeToUnicode: the code point of n hex digits, which must be a valid rune. */
static int escaped_rune(toml_parser *p, const toml_item *item, const char *digits, size_t n, uint32_t *out)
{
    uint64_t value = 0;
    for (size_t k = 0; k < n; k++)
        value = value << 4 | (uint64_t)hex_value(digits[k]);
    if (value >= 0xD800 && (value <= 0xDFFF || value > 0x10FFFF))
        return gotmpl_toml_fail(p, item->line, "Escaped character '\\u%.*s' is not valid UTF-8.", (int)n, digits);
    *out = (uint32_t)value;
    return 0;
}

static int replace_escapes(toml_parser *p, const toml_item *item, celm_string s, celm_string *out)
{
    static const char from[] = "btnfre\"\\", to[] = "\b\t\n\f\r\x1b\"\\";
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, p->runtime);
    for (size_t i = 0; i < s.len; i++) {
        if (s.data[i] != '\\' || i + 1 >= s.len) {
            gotmpl_buffer_putc(&buffer, s.data[i]);
            continue;
        }
        char code = s.data[i + 1];
        const char *simple = code ? strchr(from, code) : NULL;
        size_t digits = code == 'x' ? 2 : code == 'u' ? 4 : code == 'U' ? 8 : 0;
        uint32_t rune = 0;
        if (code == ' ' || code == '\t')
            return gotmpl_toml_fail(p, item->line, "invalid escape: '\\%c'", code);
        if (simple) {
            gotmpl_buffer_putc(&buffer, to[simple - from]);
            i++;
        } else if (digits && i + 2 + digits <= s.len) {
            if (escaped_rune(p, item, s.data + i + 2, digits, &rune) != 0)
                return -1;
            gotmpl_buffer_put_rune(&buffer, rune);
            i += 1 + digits;
        }
    }
    *out = (celm_string){"", 0};
    return gotmpl_buffer_finish(&buffer, out) == CELM_OK ? 0 : (p->out_of_memory = 1, -1);
}

/* --- numbers ------------------------------------------------------------------------------------------- */
static int is_hex_char(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* numUnderscoresOK: every underscore between two (hex) digits. */
static int underscores_ok(const char *s, size_t len)
{
    static const char *const specials[] = {"nan", "+nan", "-nan", "inf", "-inf", "+inf"};
    for (size_t i = 0; i < 6; i++)
        if (strlen(specials[i]) == len && memcmp(specials[i], s, len) == 0)
            return 1;
    int accept = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_' && !accept)
            return 0;
        accept = is_hex_char(s[i]);
    }
    return accept;
}

static int leading_zero(const char *s, size_t len)
{
    if (len > 1 && s[0] == '0' && !(s[1] == 'b' || s[1] == 'o' || s[1] == 'x'))
        return 1;
    return len > 2 && (s[0] == '-' || s[0] == '+') && s[1] == '0';
}

static const char *quoted(toml_parser *p, celm_string text)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, p->runtime);
    gotmpl_buffer_quote(&buffer, text.data, text.len, 0);
    celm_string out = {"\"\"", 2};
    gotmpl_buffer_finish(&buffer, &out);
    return out.data;
}

static int integer_value(toml_parser *p, const toml_item *item, gotmpl_value *out)
{
    celm_string text = item->value;
    if (!underscores_ok(text.data, text.len))
        return gotmpl_toml_fail(p, item->line, "Invalid integer %s: underscores must be surrounded by digits",
                                quoted(p, text));
    if (leading_zero(text.data, text.len))
        return gotmpl_toml_fail(p, item->line, "Invalid integer %s: cannot have leading zeroes", quoted(p, text));
    int64_t number;
    gotmpl_sprig_parse_status status = gotmpl_sprig_parse_int(text.data, text.len, 0, &number);
    if (status == GOTMPL_SPRIG_RANGE_ERROR)
        return gotmpl_toml_fail(p, item->line, "%.*s is out of range for int64", (int)text.len, text.data);
    if (status != GOTMPL_SPRIG_PARSED)
        return gotmpl_toml_fail(p, item->line, "BUG: Expected integer value, but got '%.*s'.", (int)text.len,
                                text.data);
    *out = gotmpl_int(GT_INT64, number);
    return 0;
}

/* numPeriodsOK: a digit after every period. */
static int periods_ok(const char *s, size_t len)
{
    int period = 0;
    for (size_t i = 0; i < len; i++) {
        if (period && !(s[i] >= '0' && s[i] <= '9'))
            return 0;
        period = s[i] == '.';
    }
    return !period;
}

/* The float's parts between '.', 'e' and 'E' each pass the underscore rule; the first has no leading zero. */
static int float_parts_ok(toml_parser *p, const toml_item *item)
{
    celm_string text = item->value;
    size_t start = 0, part = 0;
    for (size_t i = 0; i <= text.len; i++) {
        if (i < text.len && !strchr(".eE", text.data[i]))
            continue;
        if (i > start) {
            if (!underscores_ok(text.data + start, i - start))
                return gotmpl_toml_fail(p, item->line, "Invalid float %s: underscores must be surrounded by digits",
                                        quoted(p, text));
            if (part++ == 0 && leading_zero(text.data + start, i - start))
                return gotmpl_toml_fail(p, item->line, "Invalid float %s: cannot have leading zeroes", quoted(p, text));
        }
        start = i + 1;
    }
    return 0;
}

static int float_value(toml_parser *p, const toml_item *item, gotmpl_value *out)
{
    celm_string text = item->value;
    if (float_parts_ok(p, item) != 0)
        return -1;
    if (!periods_ok(text.data, text.len))
        return gotmpl_toml_fail(p, item->line, "Invalid float %s: '.' must be followed by one or more digits",
                                quoted(p, text));
    const celm_host *host = gotmpl_runtime_host(p->runtime);
    char *clean = host->arena_alloc(gotmpl_runtime_arena(p->runtime), text.len + 1);
    size_t n = 0;
    if (!clean) {
        p->out_of_memory = 1;
        return -1;
    }
    for (size_t i = 0; i < text.len; i++)
        if (text.data[i] != '_')
            clean[n++] = text.data[i];
    int negative_nan = n == 4 && memcmp(clean, "-nan", 4) == 0;
    const char *number = (n == 4 && (negative_nan || memcmp(clean, "+nan", 4) == 0)) ? "nan" : clean;
    size_t number_len = number == clean ? n : 3;
    double value;
    gotmpl_sprig_parse_status status = gotmpl_sprig_parse_float(number, number_len, &value);
    if (status == GOTMPL_SPRIG_RANGE_ERROR)
        return gotmpl_toml_fail(p, item->line, "%.*s is out of range for float64", (int)text.len, text.data);
    if (status != GOTMPL_SPRIG_PARSED)
        return gotmpl_toml_fail(p, item->line, "Invalid float value: %s", quoted(p, text));
    *out = gotmpl_float(negative_nan ? copysign(value, -1.0) : value);
    return 0;
}

/* --- datetimes -------------------------------------------------------------------------------------------- */
/* missingLeadingZero: the layout's separators must sit where the text has them. */
static int missing_leading_zero(celm_string text, const char *layout)
{
    for (size_t i = 0; layout[i]; i++) {
        char c = layout[i];
        if (c == '.' || c == 'Z')
            return 0;
        if ((c < '0' || c > '9') && (i >= text.len || text.data[i] != c))
            return 1;
    }
    return 0;
}

static int datetime_error(toml_parser *p, const toml_item *item, celm_string text)
{
    return gotmpl_toml_fail(p, item->line, "invalid datetime: %s", quoted(p, text));
}

/* The datetime layouts in the library's order, each with its zone. */
static int datetime_value(toml_parser *p, const toml_item *item, gotmpl_value *out)
{
    const struct { const char *layout; const gotmpl_location *zone; } layouts[] = {
        {"2006-01-02T15:04:05.999999999Z07:00", gotmpl_location_local()},
        {"2006-01-02T15:04:05.999999999", p->local_datetime},
        {"2006-01-02", p->local_date},
        {"15:04:05.999999999", p->local_time},
        {"2006-01-02T15:04Z07:00", gotmpl_location_local()},
        {"2006-01-02T15:04", p->local_datetime},
        {"15:04", p->local_time}};
    /* z, t and a space read as Z, T and T. */
    gotmpl_value copy = gotmpl_string_copy(p->runtime, item->value.data, item->value.len);
    if (copy.type != GT_STRING) {
        p->out_of_memory = 1;
        return -1;
    }
    char *text = (char *)copy.as.string.data;
    for (size_t i = 0; i < copy.as.string.len; i++)
        text[i] = text[i] == 'z' ? 'Z' : text[i] == 't' || text[i] == ' ' ? 'T' : text[i];
    for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        gotmpl_time time;
        celm_string ignored;
        if (gotmpl_time_parse_in(p->runtime, layouts[i].layout, strlen(layouts[i].layout), text, copy.as.string.len,
                                 layouts[i].zone, &time, &ignored) != CELM_OK)
            continue;
        if (missing_leading_zero(copy.as.string, layouts[i].layout))
            return datetime_error(p, item, copy.as.string);
        *out = gotmpl_time_value(p->runtime, &time);
        return 0;
    }
    return datetime_error(p, item, copy.as.string);
}

int gotmpl_toml_scalar(toml_parser *p, const toml_item *item, gotmpl_value *out, toml_type *type)
{
    celm_string text = item->value;
    *type = TOML_TYPE_STRING;
    switch (item->type) {
    case ITEM_STRING: case ITEM_RAW_STRING: break;
    case ITEM_RAW_MULTILINE_STRING: text = strip_first_newline(text); break;
    case ITEM_STRING_ESC:
        if (replace_escapes(p, item, text, &text) != 0)
            return -1;
        break;
    case ITEM_MULTILINE_STRING:
        if (replace_escapes(p, item, strip_escaped_newlines(p, strip_first_newline(text)), &text) != 0)
            return -1;
        break;
    case ITEM_INTEGER: *type = TOML_TYPE_INTEGER; return integer_value(p, item, out);
    case ITEM_FLOAT: *type = TOML_TYPE_FLOAT; return float_value(p, item, out);
    case ITEM_DATETIME: *type = TOML_TYPE_DATETIME; return datetime_value(p, item, out);
    case ITEM_BOOL:
        *type = TOML_TYPE_BOOL;
        *out = gotmpl_bool(text.len == 4);
        return 0;
    default: return gotmpl_toml_fail(p, item->line, "BUG: Unexpected value type");
    }
    /* Items are slices of the document: the value gets a NUL-terminated copy. */
    *out = gotmpl_string_copy(p->runtime, text.data, text.len);
    return out->type == GT_STRING ? 0 : (p->out_of_memory = 1, -1);
}
