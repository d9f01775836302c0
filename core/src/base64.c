/* base64.c: the standard base64 alphabet with padding (Go's base64.StdEncoding). */
#include <string.h>

#include "celm/celm.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int celm_base64_encode(celm_arena *arena, const void *data, size_t len, celm_string *out)
{
    const unsigned char *in = data;
    char *text = celm_arena_alloc(arena, (len + 2) / 3 * 4 + 1);
    if (!text)
        return CELM_ENOMEM;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        unsigned chunk = (unsigned)in[i] << 16;
        if (i + 1 < len)
            chunk |= (unsigned)in[i + 1] << 8;
        if (i + 2 < len)
            chunk |= in[i + 2];
        text[o++] = alphabet[chunk >> 18 & 63];
        text[o++] = alphabet[chunk >> 12 & 63];
        text[o++] = i + 1 < len ? alphabet[chunk >> 6 & 63] : '=';
        text[o++] = i + 2 < len ? alphabet[chunk & 63] : '=';
    }
    text[o] = 0;
    out->data = text;
    out->len = o;
    return CELM_OK;
}

static int sextet(unsigned char c)
{
    const char *at = c ? strchr(alphabet, c) : NULL;
    return at ? (int)(at - alphabet) : -1;
}

/* Go's StdEncoding.DecodeString: padding required, newlines skipped, anything else refused. */
int celm_base64_decode(celm_arena *arena, const char *text, size_t len, celm_string *out, celm_error *err)
{
    char *bytes = celm_arena_alloc(arena, len / 4 * 3 + 4);
    if (!bytes)
        return celm_error_set(err, CELM_ENOMEM, "out of memory decoding base64");
    size_t o = 0, have = 0, pad = 0;
    unsigned chunk = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n' || c == '\r')
            continue;
        int v = c == '=' ? 0 : sextet(c);
        if (v < 0 || (pad && c != '='))
            return celm_error_set(err, CELM_EPARSE, "illegal base64 data at input byte %zu", i);
        pad += c == '=';
        chunk = chunk << 6 | (unsigned)v;
        if (++have == 4) {
            bytes[o++] = (char)(chunk >> 16);
            bytes[o++] = (char)(chunk >> 8);
            bytes[o++] = (char)chunk;
            have = 0;
            chunk = 0;
        }
    }
    if (have || pad > 2)
        return celm_error_set(err, CELM_EPARSE, "illegal base64 data at input byte %zu", len);
    o -= pad;
    bytes[o] = 0;
    out->data = bytes;
    out->len = o;
    return CELM_OK;
}
