/* semver_quote.c: Go's %q quoting (strconv.Quote), for the constraint text in semver errors. */
#include <stdint.h>

#include "semver_internal.h"
#include "utf8.h"

/* strconv.IsPrint: above ASCII, a binary search of the generated table of rejected runes. */
static int is_printable(uint32_t rune)
{
    if (rune < 0x80)
        return rune >= 0x20 && rune < 0x7F;
    size_t low = 0, high = celm_semver_not_printable_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        if (rune > celm_semver_not_printable[middle][1])
            low = middle + 1;
        else
            high = middle;
    }
    return !(low < celm_semver_not_printable_count && rune >= celm_semver_not_printable[low][0]);
}

static void append_escaped_rune(celm_buffer *out, uint32_t rune)
{
    static const char short_escapes[] = "\aa\bb\ff\nn\rr\tt\vv";
    for (size_t i = 0; i + 1 < sizeof short_escapes; i += 2) {
        if (rune == (unsigned char)short_escapes[i]) {
            celm_buffer_append_char(out, '\\');
            celm_buffer_append_char(out, short_escapes[i + 1]);
            return;
        }
    }
    if (rune < 0x20 || rune == 0x7F)
        celm_buffer_printf(out, "\\x%02x", (unsigned)rune);
    else if (rune < 0x10000)
        celm_buffer_printf(out, "\\u%04x", (unsigned)rune);
    else
        celm_buffer_printf(out, "\\U%08x", (unsigned)rune);
}

void celm_semver_go_quote(celm_buffer *out, const char *text, size_t len)
{
    const unsigned char *bytes = (const unsigned char *)text;
    celm_buffer_append_char(out, '"');
    for (size_t at = 0; at < len;) {
        uint32_t rune;
        int width = celm_utf8_decode(bytes + at, len - at, &rune);
        if (width == 1 && rune == CELM_RUNE_ERROR) {
            celm_buffer_printf(out, "\\x%02x", bytes[at]);
        } else if (rune == '"' || rune == '\\') {
            celm_buffer_append_char(out, '\\');
            celm_buffer_append_char(out, (char)rune);
        } else if (is_printable(rune)) {
            celm_buffer_append(out, text + at, (size_t)width);
        } else {
            append_escaped_rune(out, rune);
        }
        at += (size_t)width;
    }
    celm_buffer_append_char(out, '"');
}
