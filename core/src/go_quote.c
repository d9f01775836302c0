/* go_quote.c: Go's %q quoting (strconv.Quote and QuoteRune) and Go type names, for error texts. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "go_quote.h"
#include "utf8.h"

static void append_hex(celm_buffer *out, const char *prefix, uint32_t value, int digits)
{
    static const char hex[] = "0123456789abcdef";
    celm_buffer_append_str(out, prefix);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        celm_buffer_append_char(out, hex[(value >> shift) & 0xF]);
}

/* strconv's appendEscapedRune: one rune inside quotes of kind `quote`. */
static void append_escaped_rune(celm_buffer *out, uint32_t rune, char quote)
{
    char bytes[4];
    if (rune == (uint32_t)quote || rune == '\\') {
        celm_buffer_append_char(out, '\\');
        celm_buffer_append_char(out, (char)rune);
        return;
    }
    if (celm_go_is_printable(rune)) {
        celm_buffer_append(out, bytes, (size_t)celm_utf8_encode(rune, bytes));
        return;
    }
    switch (rune) {
    case '\a': celm_buffer_append_str(out, "\\a"); return;
    case '\b': celm_buffer_append_str(out, "\\b"); return;
    case '\f': celm_buffer_append_str(out, "\\f"); return;
    case '\n': celm_buffer_append_str(out, "\\n"); return;
    case '\r': celm_buffer_append_str(out, "\\r"); return;
    case '\t': celm_buffer_append_str(out, "\\t"); return;
    case '\v': celm_buffer_append_str(out, "\\v"); return;
    default: break;
    }
    if (rune < ' ' || rune == 0x7F)
        append_hex(out, "\\x", rune, 2);
    else if (rune < 0x10000)
        append_hex(out, "\\u", rune, 4);
    else
        append_hex(out, "\\U", rune, 8);
}

void celm_go_quote(celm_buffer *out, const char *text, size_t len)
{
    const unsigned char *bytes = (const unsigned char *)text;
    celm_buffer_append_char(out, '"');
    for (size_t at = 0; at < len;) {
        uint32_t rune;
        int width = celm_utf8_decode(bytes + at, len - at, &rune);
        if (width == 1 && rune == CELM_RUNE_ERROR)
            append_hex(out, "\\x", bytes[at], 2);
        else
            append_escaped_rune(out, rune, '"');
        at += (size_t)width;
    }
    celm_buffer_append_char(out, '"');
}

void celm_go_quote_rune(celm_buffer *out, uint32_t rune)
{
    celm_buffer_append_char(out, '\'');
    append_escaped_rune(out, rune, '\'');
    celm_buffer_append_char(out, '\'');
}

void celm_go_quote_runes(celm_buffer *out, const char *text, size_t len)
{
    const unsigned char *bytes = (const unsigned char *)text;
    celm_buffer_append_char(out, '[');
    for (size_t at = 0; at < len;) {
        uint32_t rune;
        if (at > 0)
            celm_buffer_append_char(out, ' ');
        at += (size_t)celm_utf8_decode(bytes + at, len - at, &rune);
        celm_go_quote_rune(out, rune);
    }
    celm_buffer_append_char(out, ']');
}

const char *celm_go_type_name(const celm_value *value)
{
    switch (value ? value->kind : CELM_VALUE_NULL) {
    case CELM_VALUE_BOOL: return "bool";
    case CELM_VALUE_INT: return "int64";
    case CELM_VALUE_FLOAT: return "float64";
    case CELM_VALUE_STRING: return "string";
    case CELM_VALUE_LIST: return "[]interface {}";
    case CELM_VALUE_MAP: return "map[string]interface {}";
    default: return "nil";
    }
}

const char *celm_go_json_kind(const celm_value *value)
{
    switch (value ? value->kind : CELM_VALUE_NULL) {
    case CELM_VALUE_BOOL: return "bool";
    case CELM_VALUE_INT:
    case CELM_VALUE_FLOAT: return "number";
    case CELM_VALUE_STRING: return "string";
    case CELM_VALUE_LIST: return "array";
    case CELM_VALUE_MAP: return "object";
    default: return "null";
    }
}

const char *celm_errno_text(int errnum, char *buffer, size_t size)
{
    snprintf(buffer, size, "%s", strerror(errnum));
    if (buffer[0])
        buffer[0] = (char)tolower((unsigned char)buffer[0]);
    return buffer;
}
