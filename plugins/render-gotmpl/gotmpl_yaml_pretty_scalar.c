/* gotmpl_yaml_pretty_scalar.c: scalars in go-yaml v3's encoder: what the representer makes of Go values
 * (quoting text that would resolve to another type), the emitter's analysis and choice of style, and
 * its plain, quoted and literal writers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_funcs_b.h"
#include "gotmpl_sprig.h"
#include "gotmpl_time.h"
#include "gotmpl_unicode.h"
#include "gotmpl_yaml_emitter.h"

/* --- the resolver (resolve.go): would the text, unquoted, read back as a string? ----------------------- */
static int text_is(const char *text, size_t len, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == len && memcmp(*words, text, len) == 0)
            return 1;
    return 0;
}

/* isBase60Float: [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)? */
static int base60_float(const char *s, size_t len)
{
    size_t i = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
    if (i >= len || s[i] < '0' || s[i] > '9')
        return 0;
    while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
        i++;
    int groups = 0;
    while (i < len && s[i] == ':') {
        i++;
        size_t digits = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9' && digits < 2)
            i++, digits++;
        if (digits == 0 || (digits == 2 && s[i - 2] > '5'))
            return 0;
        groups++;
    }
    if (!groups)
        return 0;
    if (i < len && s[i] == '.')
        for (i++; i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
            ;
    return i == len;
}

/* yamlStyleFloat: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int yaml_style_float(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    if (i < len && (s[i] == '-' || s[i] == '+'))
        i++;
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
        if (!digits)
            return 0;
    } else {
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
        if (!digits)
            return 0;
        if (i < len && s[i] == '.')
            for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
                ;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t exponent = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            exponent++;
        if (!exponent)
            return 0;
    }
    return i == len;
}

/* parseTimestamp: four digits, a dash, then one of go-yaml's layouts. */
static int timestamp(gotmpl_runtime *runtime, const char *s, size_t len)
{
    static const char *const layouts[] = {"2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00",
                                          "2006-1-2 15:4:5.999999999", "2006-1-2"};
    size_t i = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i != 4 || i == len || s[i] != '-')
        return 0;
    for (size_t k = 0; k < 4; k++) {
        gotmpl_time parsed;
        celm_string ignored;
        if (gotmpl_time_parse(runtime, layouts[k], strlen(layouts[k]), s, len, NULL, &parsed, &ignored) == CELM_OK)
            return 1;
    }
    return 0;
}

/* strconv.ParseUint(text, 0, 64) succeeds: Go's base prefixes, no sign, within 64 bits. */
static int fits_uint64(const char *s, size_t len)
{
    unsigned base = 10;
    size_t i = 0;
    if (len > 1 && s[0] == '0') {
        char p = (char)(s[1] | 0x20);
        base = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 8;
        i = p == 'x' || p == 'o' || p == 'b' ? 2 : 1;
    }
    if (i >= len)
        return 0;
    uint64_t value = 0;
    for (; i < len; i++) {
        char c = (char)(s[i] | 0x20);
        unsigned digit = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                         : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                                                : 99;
        if (digit >= base || value > (UINT64_MAX - digit) / base)
            return 0;
        value = value * base + digit;
    }
    return 1;
}

/* The numbers resolve reads, after dropping underscores: ParseInt and ParseUint with base 0, YAML-style
 * floats, and 0b/0o forms with an optional minus. */
static int numeric(const char *plain, size_t len)
{
    int64_t integer;
    double real;
    if (gotmpl_sprig_parse_int(plain, len, 0, &integer) == GOTMPL_SPRIG_PARSED || fits_uint64(plain, len))
        return 1;
    if (yaml_style_float(plain, len) && gotmpl_sprig_parse_float(plain, len, &real) == GOTMPL_SPRIG_PARSED)
        return 1;
    int negative = len > 0 && plain[0] == '-';
    size_t at = negative ? 1 : 0;
    if (len > at + 2 && plain[at] == '0' && (plain[at + 1] == 'b' || plain[at + 1] == 'o')) {
        int base = plain[at + 1] == 'b' ? 2 : 8;
        char digits[80];
        size_t n = len - at - 2;
        if (n + 2 > sizeof digits)
            return 0;
        digits[0] = '-';
        memcpy(digits + 1, plain + at + 2, n);
        const char *text = negative ? digits : digits + 1;
        size_t text_len = negative ? n + 1 : n;
        return gotmpl_sprig_parse_int(text, text_len, base, &integer) == GOTMPL_SPRIG_PARSED ||
               (!negative && fits_uint64(plain, len));
    }
    return 0;
}

/* resolve("", s) == !!str, and not a YAML 1.1 boolean or base-60 float: safe to write plain. */
static int plain_string(gotmpl_runtime *runtime, const char *s, size_t len)
{
    static const char *const special[] = {"true", "True", "TRUE", "false", "False", "FALSE", "", "~", "null", "Null",
                                          "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf",
                                          "+.INF", "-.inf", "-.Inf", "-.INF", NULL};
    static const char *const old_booleans[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No",
                                               "NO", "off", "Off", "OFF", NULL};
    if (text_is(s, len, old_booleans) || base60_float(s, len))
        return 0;
    char hint = len == 0 ? 'N' : s[0] == '+' || s[0] == '-' ? 'S' : s[0] >= '0' && s[0] <= '9' ? 'D'
              : s[0] && strchr("yYnNtTfFoO~", s[0]) ? 'M' : s[0] == '.' ? '.' : 0;
    if (!hint)
        return 1;
    if (text_is(s, len, special))
        return 0;
    double real;
    if (hint == '.')
        return gotmpl_sprig_parse_float(s, len, &real) != GOTMPL_SPRIG_PARSED;
    if (hint != 'D' && hint != 'S')
        return 1;
    if (timestamp(runtime, s, len))
        return 0;
    char *plain = malloc(len + 1);
    size_t n = 0;
    for (size_t i = 0; plain && i < len; i++)
        if (s[i] != '_')
            plain[n++] = s[i];
    int number = plain && numeric(plain, n);
    free(plain);
    return !number;
}

/* --- the emitter's analysis (yaml_emitter_analyze_scalar) --------------------------------------------- */
static int is_break_at(const unsigned char *b, size_t i, size_t len)
{
    if (b[i] == '\r' || b[i] == '\n')
        return 1;
    if (b[i] == 0xC2 && i + 1 < len && b[i + 1] == 0x85)
        return 1;
    return b[i] == 0xE2 && i + 2 < len && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9);
}

static int is_printable_at(const unsigned char *b, size_t i, size_t len)
{
    unsigned char next = i + 1 < len ? b[i + 1] : 0, after = i + 2 < len ? b[i + 2] : 0;
    return b[i] == 0x0A || (b[i] >= 0x20 && b[i] <= 0x7E) || (b[i] == 0xC2 && next >= 0xA0) ||
           (b[i] > 0xC2 && b[i] < 0xED) || (b[i] == 0xED && next < 0xA0) || b[i] == 0xEE ||
           (b[i] == 0xEF && !(next == 0xBB && after == 0xBF) && !(next == 0xBF && (after == 0xBE || after == 0xBF)));
}

static int is_blank_at(const unsigned char *b, size_t i, size_t len)
{
    return i < len && (b[i] == ' ' || b[i] == '\t');
}

static void indicator_flags(const unsigned char *b, size_t i, size_t len, int preceded, int followed, int *flow,
                            int *block)
{
    unsigned char c = b[i];
    if (i == 0) {
        if (strchr("#,[]{}&*!|>'\"%@`", c) && c) {
            *flow = *block = 1;
        } else if (c == '?' || c == ':') {
            *flow = 1;
            *block |= followed;
        } else if (c == '-' && followed) {
            *flow = *block = 1;
        }
        return;
    }
    (void)len;
    if (c && strchr(",?[]{}", c))
        *flow = 1;
    else if (c == ':') {
        *flow = 1;
        *block |= followed;
    } else if (c == '#' && preceded) {
        *flow = *block = 1;
    }
}

static void analyze(yaml_scalar *scalar)
{
    const unsigned char *b = (const unsigned char *)scalar->value;
    size_t len = scalar->len;
    int flow = 0, block = 0, breaks = 0, special = 0, tabs = 0;
    int leading_space = 0, leading_break = 0, trailing_space = 0, trailing_break = 0, break_space = 0, space_break = 0;
    int preceded = 1, previous_space = 0, previous_break = 0;
    if (len == 0) {
        scalar->multiline = scalar->flow_plain_allowed = scalar->block_allowed = 0;
        scalar->block_plain_allowed = scalar->single_quoted_allowed = 1;
        return;
    }
    if (len >= 3 && (memcmp(b, "---", 3) == 0 || memcmp(b, "...", 3) == 0))
        flow = block = 1;
    for (size_t i = 0, w; i < len; i += w) {
        w = gotmpl_yaml_char_width(b[i]);
        int followed = i + w >= len || is_blank_at(b, i + w, len);
        indicator_flags(b, i, len, preceded, followed, &flow, &block);
        if (b[i] == '\t')
            tabs = 1;
        else if (!is_printable_at(b, i, len))
            special = 1;
        if (b[i] == ' ') {
            leading_space |= i == 0, trailing_space |= i + w == len, break_space |= previous_break;
            previous_space = 1, previous_break = 0;
        } else if (is_break_at(b, i, len)) {
            breaks = 1, leading_break |= i == 0, trailing_break |= i + w == len, space_break |= previous_space;
            previous_space = 0, previous_break = 1;
        } else {
            previous_space = previous_break = 0;
        }
        preceded = b[i] == ' ' || b[i] == '\t' || b[i] == 0 || is_break_at(b, i, len);
    }
    int plain = !(leading_space || leading_break || trailing_space || trailing_break || break_space || space_break ||
                  tabs || special || breaks);
    scalar->multiline = breaks;
    scalar->flow_plain_allowed = plain && !flow;
    scalar->block_plain_allowed = plain && !block;
    scalar->single_quoted_allowed = !(break_space || space_break || tabs || special);
    scalar->block_allowed = !(trailing_space || space_break || special);
}

int gotmpl_yaml_simple_key(const yaml_scalar *scalar)
{
    size_t length = scalar->len + (scalar->tag ? strlen(scalar->tag) : 0);
    return !scalar->multiline && length <= 128;
}

/* --- the representer ------------------------------------------------------------------------------------ */
/* encodeBase64: lines of 70 characters, each ended by a newline when there is more than one. */
static int binary_text(gotmpl_runtime *runtime, const char *text, size_t len, celm_string *out)
{
    gotmpl_buffer encoded, lines;
    gotmpl_buffer_init(&encoded, runtime);
    gotmpl_base64_append(&encoded, (const unsigned char *)text, len);
    celm_string all = {"", 0};
    if (gotmpl_buffer_finish(&encoded, &all) != CELM_OK)
        return CELM_ENOMEM;
    size_t count = all.len / 70 + 1;
    gotmpl_buffer_init(&lines, runtime);
    for (size_t at = 0; at < all.len; at += 70) {
        gotmpl_buffer_put(&lines, all.data + at, all.len - at < 70 ? all.len - at : 70);
        if (count > 1)
            gotmpl_buffer_putc(&lines, '\n');
    }
    *out = (celm_string){"", 0};
    return gotmpl_buffer_finish(&lines, out);
}

int gotmpl_yaml_string_scalar(gotmpl_runtime *runtime, const char *text, size_t len, yaml_scalar *out)
{
    memset(out, 0, sizeof *out);
    int plain = 1;
    celm_string value = {text, len};
    if (!celm_gotmpl_utf8_valid(text, len)) {
        /* not representable as YAML text: a !!binary scalar of its base64 */
        out->tag = "!!binary";
        if (binary_text(runtime, text, len, &value) != CELM_OK)
            return CELM_ENOMEM;
    } else {
        plain = plain_string(runtime, text, len);
    }
    out->value = value.data;
    out->len = value.len;
    out->style = memchr(value.data, '\n', value.len) ? STYLE_LITERAL : plain ? STYLE_PLAIN : STYLE_DOUBLE_QUOTED;
    analyze(out);
    return CELM_OK;
}

static int plain_scalar(gotmpl_runtime *runtime, const char *text, size_t len, yaml_scalar *out)
{
    gotmpl_value copy = gotmpl_string_copy(runtime, text, len);
    if (copy.type != GT_STRING)
        return CELM_ENOMEM;
    memset(out, 0, sizeof *out);
    out->value = copy.as.string.data;
    out->len = len;
    out->style = STYLE_PLAIN;
    analyze(out);
    return CELM_OK;
}

static int float_scalar(gotmpl_runtime *runtime, double real, yaml_scalar *out)
{
    if (isnan(real) || isinf(real))
        return plain_scalar(runtime, isnan(real) ? ".nan" : real > 0 ? ".inf" : "-.inf",
                            isnan(real) ? 4 : real > 0 ? 4 : 5, out);
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_value *plain = host->value_float(gotmpl_runtime_arena(runtime), real);
    celm_string text = {"", 0};
    if (!plain || host->format_go(gotmpl_runtime_arena(runtime), plain, &text) != CELM_OK)
        return CELM_ENOMEM;
    return plain_scalar(runtime, text.data, text.len, out);
}

int gotmpl_yaml_value_scalar(gotmpl_runtime *runtime, const gotmpl_value *value, yaml_scalar *out)
{
    char number[32];
    celm_string text = {"", 0};
    switch (value->type) {
    case GT_BOOL: return plain_scalar(runtime, value->as.boolean ? "true" : "false", value->as.boolean ? 4 : 5, out);
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8:
        snprintf(number, sizeof number, "%lld", (long long)value->as.integer);
        return plain_scalar(runtime, number, strlen(number), out);
    case GT_UINT32: case GT_UINT64:
        snprintf(number, sizeof number, "%llu", (unsigned long long)value->as.unsigned_integer);
        return plain_scalar(runtime, number, strlen(number), out);
    case GT_FLOAT64: return float_scalar(runtime, value->as.real, out);
    case GT_STRING: return gotmpl_yaml_string_scalar(runtime, value->as.string.data, value->as.string.len, out);
    case GT_TIME:
        if (gotmpl_time_format(runtime, value->as.time, "2006-01-02T15:04:05.999999999Z07:00", 35, &text) != CELM_OK)
            return CELM_ENOMEM;
        return plain_scalar(runtime, text.data, text.len, out);
    case GT_OBJECT:
        /* a TextMarshaler (*semver.Version): its text, as a string */
        value->as.object->class_->format(runtime, value->as.object, &text);
        return gotmpl_yaml_string_scalar(runtime, text.data, text.len, out);
    default: return plain_scalar(runtime, "null", 4, out);
    }
}

/* --- styles and writers ---------------------------------------------------------------------------------- */
static int select_style(const yaml_emitter *e, const yaml_scalar *scalar)
{
    int style = scalar->style;
    if (e->simple_key_context && scalar->multiline)
        style = STYLE_DOUBLE_QUOTED;
    if (style == STYLE_PLAIN) {
        if ((e->flow_level > 0 && !scalar->flow_plain_allowed) || (e->flow_level == 0 && !scalar->block_plain_allowed))
            style = STYLE_SINGLE_QUOTED;
        if (scalar->len == 0 && (e->flow_level > 0 || e->simple_key_context))
            style = STYLE_SINGLE_QUOTED;
    }
    if (style == STYLE_SINGLE_QUOTED && !scalar->single_quoted_allowed)
        style = STYLE_DOUBLE_QUOTED;
    if (style == STYLE_LITERAL && (!scalar->block_allowed || e->flow_level > 0 || e->simple_key_context))
        style = STYLE_DOUBLE_QUOTED;
    return style;
}

static void write_plain(yaml_emitter *e, const char *value, size_t len)
{
    int breaks = 0;
    if (len && !e->whitespace)
        gotmpl_yaml_put(e, ' ');
    for (size_t i = 0; i < len;) {
        if (is_break_at((const unsigned char *)value, i, len)) {
            if (!breaks && value[i] == '\n')
                gotmpl_yaml_put_break(e);
            gotmpl_yaml_write_break(e, value, &i);
            breaks = 1;
            continue;
        }
        if (breaks && value[i] != ' ')
            gotmpl_yaml_write_indent(e);
        gotmpl_yaml_write(e, value, &i);
        if (value[i - 1] != ' ')
            e->indention = 0, breaks = 0;
    }
    if (len)
        e->whitespace = 0;
    e->indention = 0;
    if (e->root_context)
        e->open_ended = 1;
}

static void write_single_quoted(yaml_emitter *e, const char *value, size_t len)
{
    int breaks = 0;
    gotmpl_yaml_write_indicator(e, "'", 1, 0, 0);
    for (size_t i = 0; i < len;) {
        if (value[i] == ' ') {
            gotmpl_yaml_write(e, value, &i);
        } else if (is_break_at((const unsigned char *)value, i, len)) {
            if (!breaks && value[i] == '\n')
                gotmpl_yaml_put_break(e);
            gotmpl_yaml_write_break(e, value, &i);
            breaks = 1;
        } else {
            if (breaks)
                gotmpl_yaml_write_indent(e);
            if (value[i] == '\'')
                gotmpl_yaml_put(e, '\'');
            gotmpl_yaml_write(e, value, &i);
            e->indention = 0;
            breaks = 0;
        }
    }
    gotmpl_yaml_write_indicator(e, "'", 0, 0, 0);
    e->whitespace = 0;
    e->indention = 0;
}

static void write_escape(yaml_emitter *e, uint32_t rune)
{
    static const struct { uint32_t rune; char code; } named[] = {
        {0x00, '0'}, {0x07, 'a'}, {0x08, 'b'}, {0x09, 't'}, {0x0A, 'n'}, {0x0B, 'v'}, {0x0C, 'f'}, {0x0D, 'r'},
        {0x1B, 'e'}, {0x22, '"'}, {0x5C, '\\'}, {0x85, 'N'}, {0xA0, '_'}, {0x2028, 'L'}, {0x2029, 'P'}};
    gotmpl_yaml_put(e, '\\');
    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
        if (named[k].rune == rune) {
            gotmpl_yaml_put(e, named[k].code);
            return;
        }
    int digits = rune <= 0xFF ? 2 : rune <= 0xFFFF ? 4 : 8;
    gotmpl_yaml_put(e, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        gotmpl_yaml_put(e, "0123456789ABCDEF"[(rune >> shift) & 15]);
}

static void write_double_quoted(yaml_emitter *e, const char *value, size_t len)
{
    const unsigned char *b = (const unsigned char *)value;
    /* go-yaml's is_bom looks at the first character whatever the position */
    int bom = len >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
    gotmpl_yaml_write_indicator(e, "\"", 1, 0, 0);
    for (size_t i = 0; i < len;) {
        if (!is_printable_at(b, i, len) || bom || is_break_at(b, i, len) || b[i] == '"' || b[i] == '\\') {
            size_t width;
            uint32_t rune = celm_gotmpl_utf8_decode(value + i, len - i, &width);
            i += width;
            write_escape(e, rune);
        } else {
            gotmpl_yaml_write(e, value, &i);
        }
    }
    gotmpl_yaml_write_indicator(e, "\"", 0, 0, 0);
    e->whitespace = 0;
    e->indention = 0;
}

/* The indentation and chomping indicators of a block scalar. */
static void write_block_hints(yaml_emitter *e, const char *value, size_t len)
{
    const unsigned char *b = (const unsigned char *)value;
    if (len && (b[0] == ' ' || is_break_at(b, 0, len)))
        gotmpl_yaml_write_indicator(e, "2", 0, 0, 0);
    e->open_ended = 0;
    const char *chomp = NULL;
    if (len == 0) {
        chomp = "-";
    } else {
        size_t i = len - 1;
        while (i > 0 && (b[i] & 0xC0) == 0x80)
            i--;
        if (!is_break_at(b, i, len)) {
            chomp = "-";
        } else if (i == 0) {
            chomp = "+", e->open_ended = 1;
        } else {
            i--;
            while (i > 0 && (b[i] & 0xC0) == 0x80)
                i--;
            if (is_break_at(b, i, len))
                chomp = "+", e->open_ended = 1;
        }
    }
    if (chomp)
        gotmpl_yaml_write_indicator(e, chomp, 0, 0, 0);
}

static void write_literal(yaml_emitter *e, const char *value, size_t len)
{
    gotmpl_yaml_write_indicator(e, "|", 1, 0, 0);
    write_block_hints(e, value, len);
    gotmpl_yaml_put_break(e);
    e->whitespace = 1;
    int breaks = 1;
    for (size_t i = 0; i < len;) {
        if (is_break_at((const unsigned char *)value, i, len)) {
            gotmpl_yaml_write_break(e, value, &i);
            breaks = 1;
        } else {
            if (breaks)
                gotmpl_yaml_write_indent(e);
            gotmpl_yaml_write(e, value, &i);
            e->indention = 0;
            breaks = 0;
        }
    }
}

void gotmpl_yaml_scalar(yaml_emitter *e, const yaml_scalar *scalar)
{
    int style = select_style(e, scalar);
    if (scalar->tag) {
        /* !!binary: the handle "!!", then the suffix */
        if (!e->whitespace)
            gotmpl_yaml_put(e, ' ');
        for (size_t i = 0; scalar->tag[i];)
            gotmpl_yaml_write(e, scalar->tag, &i);
        e->whitespace = 0;
        e->indention = 0;
    }
    gotmpl_yaml_increase_indent(e, 1);
    switch (style) {
    case STYLE_PLAIN: write_plain(e, scalar->value, scalar->len); break;
    case STYLE_SINGLE_QUOTED: write_single_quoted(e, scalar->value, scalar->len); break;
    case STYLE_DOUBLE_QUOTED: write_double_quoted(e, scalar->value, scalar->len); break;
    default: write_literal(e, scalar->value, scalar->len); break;
    }
    gotmpl_yaml_restore_indent(e);
}

/* --- key order (keyList.Less) ------------------------------------------------------------------------------- */
typedef struct rune_text {
    uint32_t *runes;
    size_t count;
} rune_text;

static int key_less(const rune_text *a, const rune_text *b)
{
    int digits = 0;
    for (size_t i = 0; i < a->count && i < b->count; i++) {
        uint32_t x = a->runes[i], y = b->runes[i];
        if (x == y) {
            digits = celm_gotmpl_rune_is_digit(x);
            continue;
        }
        int x_letter = celm_gotmpl_rune_is_letter(x), y_letter = celm_gotmpl_rune_is_letter(y);
        if (x_letter && y_letter)
            return x < y;
        if (x_letter || y_letter)
            return digits ? x_letter : y_letter;
        int64_t an = 0, bn = 0;
        size_t ai, bi;
        if (x == '0' || y == '0')
            for (size_t j = i; j-- > 0 && celm_gotmpl_rune_is_digit(a->runes[j]);)
                if (a->runes[j] != '0') {
                    an = bn = 1;
                    break;
                }
        for (ai = i; ai < a->count && celm_gotmpl_rune_is_digit(a->runes[ai]); ai++)
            an = an * 10 + (int64_t)(a->runes[ai] - '0');
        for (bi = i; bi < b->count && celm_gotmpl_rune_is_digit(b->runes[bi]); bi++)
            bn = bn * 10 + (int64_t)(b->runes[bi] - '0');
        if (an != bn)
            return an < bn;
        if (ai != bi)
            return ai < bi;
        return x < y;
    }
    return a->count < b->count;
}

typedef struct sortable_key {
    celm_string key;
    rune_text runes;
} sortable_key;

static int compare_keys(const void *left, const void *right)
{
    const sortable_key *a = left, *b = right;
    return key_less(&a->runes, &b->runes) ? -1 : key_less(&b->runes, &a->runes) ? 1 : 0;
}

const celm_string *gotmpl_yaml_sort_keys(gotmpl_runtime *runtime, const celm_string *keys, size_t count)
{
    const celm_host *host = gotmpl_runtime_host(runtime);
    celm_arena *arena = gotmpl_runtime_arena(runtime);
    sortable_key *items = host->arena_alloc(arena, count * sizeof *items);
    celm_string *sorted = host->arena_alloc(arena, count * sizeof *sorted);
    if (!items || !sorted)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        items[i].key = keys[i];
        items[i].runes.runes = host->arena_alloc(arena, (keys[i].len + 1) * sizeof(uint32_t));
        if (!items[i].runes.runes)
            return NULL;
        size_t n = 0;
        for (size_t at = 0, width; at < keys[i].len; at += width)
            items[i].runes.runes[n++] = celm_gotmpl_utf8_decode(keys[i].data + at, keys[i].len - at, &width);
        items[i].runes.count = n;
    }
    qsort(items, count, sizeof *items, compare_keys);
    for (size_t i = 0; i < count; i++)
        sorted[i] = items[i].key;
    return sorted;
}
