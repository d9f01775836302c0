/* chart_text.c: Go's text rules the chart loader's messages need: %q into the arena, TrimSpace, errno. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "chart_internal.h"
#include "go_quote.h"
#include "unicode_tables.h"
#include "utf8.h"

const char *chart_quoted(celm_arena *arena, const char *text, size_t len)
{
    celm_buffer buffer;
    celm_string quoted;
    celm_buffer_init(&buffer);
    celm_go_quote(&buffer, text, len);
    if (celm_buffer_finish(&buffer, arena, &quoted) != CELM_OK)
        return NULL;
    return quoted.data;
}

/* The width of the Unicode space rune at `at`, or 0 when there is none. */
static int space_width(const char *at, size_t left)
{
    uint32_t rune;
    int width = celm_utf8_decode((const unsigned char *)at, left, &rune);
    return celm_unicode_is_space(rune) ? width : 0;
}

void chart_trim_space(const char *text, size_t len, size_t *start, size_t *end)
{
    size_t first = 0, last = len;
    int width;
    while (first < len && (width = space_width(text + first, len - first)) > 0)
        first += (size_t)width;
    while (last > first) {
        size_t back = last - 1;
        while (back > first && ((unsigned char)text[back] & 0xC0) == 0x80 && last - back < 4)
            back--;
        width = space_width(text + back, last - back);
        if (width == 0 || back + (size_t)width != last)
            break;
        last = back;
    }
    *start = first;
    *end = last;
}
