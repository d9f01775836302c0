/* slog_line.c: log lines as helm prints them (log/slog's text handler, without the time). */
#include "celm/celm.h"

#include <string.h>

#include "buffer.h"
#include "go_quote.h"
#include "unicode_tables.h"
#include "utf8.h"

/* slog's needsQuoting: empty, or holding a space, '=', '"', a control character, an invalid
 * byte or a rune Go does not print. */
static int needs_quoting(const char *text)
{
    size_t len = strlen(text);
    if (len == 0)
        return 1;
    for (size_t at = 0; at < len;) {
        unsigned char byte = (unsigned char)text[at];
        if (byte < 0x80) {
            if (byte <= ' ' || byte == '=' || byte == '"')
                return 1;
            at++;
            continue;
        }
        uint32_t rune;
        int width = celm_utf8_decode((const unsigned char *)text + at, len - at, &rune);
        if ((rune == CELM_RUNE_ERROR && width == 1) || celm_unicode_is_space(rune) || !celm_go_is_printable(rune))
            return 1;
        at += (size_t)width;
    }
    return 0;
}

static void append_value(celm_buffer *out, const char *value)
{
    if (needs_quoting(value))
        celm_go_quote(out, value, strlen(value));
    else
        celm_buffer_append_str(out, value);
}

const char *celm_slog_line(celm_arena *arena, const char *level, const char *message, const char *const *attributes)
{
    celm_buffer line;
    celm_buffer_init(&line);
    celm_buffer_append_str(&line, "level=");
    celm_buffer_append_str(&line, level);
    celm_buffer_append_str(&line, " msg=");
    append_value(&line, message);
    for (size_t i = 0; attributes && attributes[i] && attributes[i + 1]; i += 2) {
        celm_buffer_append_char(&line, ' ');
        celm_buffer_append_str(&line, attributes[i]);
        celm_buffer_append_char(&line, '=');
        append_value(&line, attributes[i + 1]);
    }
    celm_string text;
    return celm_buffer_finish(&line, arena, &text) == CELM_OK ? text.data : NULL;
}
