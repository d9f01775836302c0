/* jsonschema_text.c: text in the shapes Go's fmt, strconv, net/url and x/text/message write. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "go_quote.h"
#include "jsonschema_internal.h"
#include "utf8.h"

void jsonschema_single_quote(celm_buffer *out, const char *text, size_t len)
{
    celm_buffer quoted;
    celm_buffer_init(&quoted);
    celm_go_quote(&quoted, text, len);
    celm_buffer_append_char(out, '\'');
    /* strings.ReplaceAll(s, `\"`, `"`), then strings.ReplaceAll(s, `'`, `\'`) */
    for (size_t at = 1; quoted.data && at + 1 < quoted.len; at++) {
        char c = quoted.data[at];
        if (c == '\\' && at + 2 < quoted.len && quoted.data[at + 1] == '"') {
            celm_buffer_append_char(out, '"');
            at++;
        } else if (c == '\'') {
            celm_buffer_append(out, "\\'", 2);
        } else {
            celm_buffer_append_char(out, c);
        }
    }
    celm_buffer_append_char(out, '\'');
    if (quoted.failed)
        out->failed = 1;
    celm_buffer_free(&quoted);
}

/* Digits with English grouping: 1234567 -> 1,234,567. */
static void append_grouped(celm_buffer *out, const char *digits, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            celm_buffer_append_char(out, ',');
        celm_buffer_append_char(out, digits[i]);
    }
}

void jsonschema_print_int(celm_buffer *out, int64_t value)
{
    char digits[32];
    uint64_t magnitude = value < 0 ? 0u - (uint64_t)value : (uint64_t)value;
    int len = snprintf(digits, sizeof digits, "%" PRIu64, magnitude);
    if (value < 0)
        celm_buffer_append_char(out, '-');
    append_grouped(out, digits, (size_t)len);
}

static void append_superscript_exponent(celm_buffer *out, int exponent)
{
    static const char *const superscripts[] = {"\xe2\x81\xb0", "\xc2\xb9", "\xc2\xb2", "\xc2\xb3",
                                               "\xe2\x81\xb4", "\xe2\x81\xb5", "\xe2\x81\xb6",
                                               "\xe2\x81\xb7", "\xe2\x81\xb8", "\xe2\x81\xb9"};
    char digits[16];
    if (exponent < 0) {
        celm_buffer_append_str(out, "\xe2\x81\xbb");
        exponent = -exponent;
    }
    snprintf(digits, sizeof digits, "%02d", exponent);
    for (const char *d = digits; *d; d++)
        celm_buffer_append_str(out, superscripts[*d - '0']);
}

/* The shortest digits of a float64 and the exponent of its first digit (d.ddd x 10^exponent). */
static size_t shortest_digits(double value, char *digits, int *exponent)
{
    char text[40];
    size_t len = celm_format_float_g(value, text), count = 0, skip = 0;
    int point = -1, exp_part = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == 'e') {
            sscanf(text + i + 1, "%d", &exp_part);
            break;
        }
        if (text[i] == '.')
            point = (int)count;
        else
            digits[count++] = text[i];
    }
    if (point < 0)
        point = (int)count;
    while (skip < count && digits[skip] == '0')
        skip++;
    *exponent = point - 1 - (int)skip + exp_part;
    memmove(digits, digits + skip, count - skip);
    count -= skip;
    while (count > 1 && digits[count - 1] == '0')
        count--;
    return count;
}

void jsonschema_print_float(celm_buffer *out, double value)
{
    if (value != value) {
        celm_buffer_append_str(out, "NaN");
        return;
    }
    if (value < 0) {
        celm_buffer_append_char(out, '-');
        value = -value;
    }
    if (value == 0) {
        celm_buffer_append_char(out, '0');
        return;
    }
    if (value > 1.7976931348623157e308) {
        celm_buffer_append_str(out, "\xe2\x88\x9e");
        return;
    }
    char digits[40];
    int exponent;
    size_t count = shortest_digits(value, digits, &exponent);
    if (exponent < -4 || exponent >= 6) {
        celm_buffer_append_char(out, digits[0]);
        if (count > 1) {
            celm_buffer_append_char(out, '.');
            celm_buffer_append(out, digits + 1, count - 1);
        }
        celm_buffer_append_str(out, "\xc3\x97" "10");
        append_superscript_exponent(out, exponent);
        return;
    }
    if (exponent < 0) {
        celm_buffer_append_str(out, "0.");
        for (int i = -1; i > exponent; i--)
            celm_buffer_append_char(out, '0');
        celm_buffer_append(out, digits, count);
        return;
    }
    char integer[16];
    size_t integer_len = 0;
    for (int i = 0; i <= exponent; i++)
        integer[integer_len++] = (size_t)i < count ? digits[i] : '0';
    append_grouped(out, integer, integer_len);
    if ((size_t)exponent + 1 < count) {
        celm_buffer_append_char(out, '.');
        celm_buffer_append(out, digits + exponent + 1, count - (size_t)exponent - 1);
    }
}

void jsonschema_pointer_escape(celm_buffer *out, const char *token, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (token[i] == '~')
            celm_buffer_append(out, "~0", 2);
        else if (token[i] == '/')
            celm_buffer_append(out, "~1", 2);
        else
            celm_buffer_append_char(out, token[i]);
    }
}

const char *jsonschema_pointer_unescape(celm_arena *arena, const char *token, size_t len)
{
    char *out = celm_arena_alloc(arena, len + 1);
    size_t n = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        if (token[i] != '~') {
            out[n++] = token[i];
        } else if (i + 1 < len && (token[i + 1] == '0' || token[i + 1] == '1')) {
            out[n++] = token[++i] == '0' ? '~' : '/';
        } else {
            return NULL;
        }
    }
    out[n] = 0;
    return out;
}

/* url.PathEscape keeps unreserved characters and $ & + : = @. */
static int path_segment_keeps(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c != 0 && strchr("-_.~$&+:=@", c) != NULL;
}

void jsonschema_fragment_encode(celm_buffer *out, const char *fragment, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)fragment[i];
        if (c == '/' || path_segment_keeps(c))
            celm_buffer_append_char(out, (char)c);
        else
            celm_buffer_printf(out, "%%%02X", c);
    }
}

const char *jsonschema_quoted_text(celm_arena *arena, const char *text)
{
    celm_buffer out;
    celm_buffer_init(&out);
    celm_go_quote(&out, text, strlen(text));
    celm_string quoted;
    return celm_buffer_finish(&out, arena, &quoted) == 0 ? quoted.data : "\"\"";
}
