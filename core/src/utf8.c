/* utf8.c: UTF-8 decoding and encoding with Go's rules for invalid input. */
#include "buffer.h"
#include "utf8.h"

int celm_utf8_decode(const unsigned char *s, size_t len, uint32_t *rune)
{
    unsigned char lead = s[0];
    if (lead < 0x80) {
        *rune = lead;
        return 1;
    }
    int width;
    uint32_t value, min;
    if (lead >= 0xC2 && lead <= 0xDF) {
        width = 2, value = lead & 0x1F, min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        width = 3, value = lead & 0x0F, min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        width = 4, value = lead & 0x07, min = 0x10000;
    } else {
        *rune = CELM_RUNE_ERROR;
        return 1;
    }
    if (len < (size_t)width) {
        *rune = CELM_RUNE_ERROR;
        return 1;
    }
    for (int i = 1; i < width; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *rune = CELM_RUNE_ERROR;
            return 1;
        }
        value = (value << 6) | (s[i] & 0x3F);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        *rune = CELM_RUNE_ERROR;
        return 1;
    }
    *rune = value;
    return width;
}

int celm_utf8_encode(uint32_t rune, char *out)
{
    if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        rune = CELM_RUNE_ERROR;
    if (rune < 0x80) {
        out[0] = (char)rune;
        return 1;
    }
    if (rune < 0x800) {
        out[0] = (char)(0xC0 | (rune >> 6));
        out[1] = (char)(0x80 | (rune & 0x3F));
        return 2;
    }
    if (rune < 0x10000) {
        out[0] = (char)(0xE0 | (rune >> 12));
        out[1] = (char)(0x80 | ((rune >> 6) & 0x3F));
        out[2] = (char)(0x80 | (rune & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (rune >> 18));
    out[1] = (char)(0x80 | ((rune >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((rune >> 6) & 0x3F));
    out[3] = (char)(0x80 | (rune & 0x3F));
    return 4;
}

int celm_utf8_valid(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t at = 0;
    while (at < len) {
        uint32_t rune;
        int width = celm_utf8_decode(s + at, len - at, &rune);
        if (rune == CELM_RUNE_ERROR && width == 1)
            return 0;
        at += (size_t)width;
    }
    return 1;
}

void celm_utf8_append_sanitized(celm_buffer *buffer, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    for (size_t at = 0; at < len;) {
        uint32_t rune;
        int width = celm_utf8_decode(s + at, len - at, &rune);
        if (rune == CELM_RUNE_ERROR && width == 1)
            celm_buffer_append(buffer, "\xEF\xBF\xBD", 3);
        else
            celm_buffer_append(buffer, text + at, (size_t)width);
        at += (size_t)width;
    }
}
