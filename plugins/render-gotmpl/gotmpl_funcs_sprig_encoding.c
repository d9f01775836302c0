/* gotmpl_funcs_sprig_encoding.c: Sprig's b64enc, b64dec, b32enc, b32dec: Go's padded standard encodings;
 * a decoding error comes back as the result text ("illegal base64 data at input byte 4"). */
#include <stdio.h>
#include <string.h>

#include "gotmpl_sprig.h"

static const char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char base32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static int finish(gotmpl_call *call, gotmpl_sprig_text *text, gotmpl_value *out)
{
    if (gotmpl_sprig_text_finish(text, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

/* The value of an alphabet character, or -1. */
static int symbol_value(const char *alphabet, unsigned char c)
{
    const char *found = c ? strchr(alphabet, c) : NULL;
    return found ? (int)(found - alphabet) : -1;
}

static int corrupt_input(gotmpl_call *call, const char *encoding, size_t offset, gotmpl_value *out)
{
    char message[64];
    int len = snprintf(message, sizeof message, "illegal %s data at input byte %zu", encoding, offset);
    *out = gotmpl_string_copy(gotmpl_call_runtime(call), message, (size_t)len);
    return out->type == GT_STRING ? CELM_OK : gotmpl_sprig_out_of_memory(call);
}

/* --- base64 ------------------------------------------------------------------------------------ */
static int b64enc_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const unsigned char *in = (const unsigned char *)args[0].as.string.data;
    size_t len = args[0].as.string.len;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, gotmpl_call_runtime(call));
    for (size_t i = 0; i < len; i += 3) {
        uint32_t chunk = (uint32_t)in[i] << 16 | (i + 1 < len ? (uint32_t)in[i + 1] << 8 : 0) |
                         (i + 2 < len ? in[i + 2] : 0);
        char quad[4] = {base64_alphabet[chunk >> 18 & 63], base64_alphabet[chunk >> 12 & 63],
                        base64_alphabet[chunk >> 6 & 63], base64_alphabet[chunk & 63]};
        if (i + 2 >= len)
            quad[3] = '=';
        if (i + 1 >= len)
            quad[2] = '=';
        gotmpl_sprig_text_put(&text, quad, 4);
    }
    return finish(call, &text, out);
}

static size_t skip_newlines(const char *src, size_t len, size_t at)
{
    while (at < len && (src[at] == '\n' || src[at] == '\r'))
        at++;
    return at;
}

/* encoding/base64's decodeQuantum: up to four symbols (newlines skipped) into up to three bytes;
 * *done once the input or its padding has ended. Returns 0, or the CorruptInputError offset + 1. */
static size_t decode_quantum(gotmpl_sprig_text *text, const char *src, size_t len, size_t *at, int *done)
{
    unsigned char symbols[4] = {0};
    size_t have = 4, si = *at;
    for (size_t j = 0; j < 4; j++) {
        if (si == len) {
            if (j == 0) {
                *done = 1;
                return 0;
            }
            return si - j + 1;     /* every quantum needs its padding */
        }
        unsigned char in = (unsigned char)src[si++];
        int value = symbol_value(base64_alphabet, in);
        if (value >= 0) {
            symbols[j] = (unsigned char)value;
            continue;
        }
        if (in == '\n' || in == '\r') {
            j--;
            continue;
        }
        if (in != '=' || j < 2)
            return si;             /* si - 1, plus one */
        if (j == 2) {
            si = skip_newlines(src, len, si);
            if (si == len)
                return len + 1;
            if (src[si] != '=')
                return si;
            si++;
        }
        si = skip_newlines(src, len, si);
        have = j;
        *done = 1;
        if (si < len) {
            *at = si;
            return si + 1;         /* trailing garbage: reported after the bytes are kept */
        }
        break;
    }
    uint32_t value = (uint32_t)symbols[0] << 18 | (uint32_t)symbols[1] << 12 | (uint32_t)symbols[2] << 6 | symbols[3];
    char bytes[3] = {(char)(value >> 16), (char)(value >> 8), (char)value};
    gotmpl_sprig_text_put(text, bytes, have - 1);
    *at = si;
    return 0;
}

static int b64dec_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    const char *src = args[0].as.string.data;
    size_t len = args[0].as.string.len, at = 0;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, gotmpl_call_runtime(call));
    for (int done = 0; !done;) {
        size_t bad = decode_quantum(&text, src, len, &at, &done);
        if (bad)
            return corrupt_input(call, "base64", bad - 1, out);
    }
    return finish(call, &text, out);
}

/* --- base32 ------------------------------------------------------------------------------------ */
static int b32enc_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    static const size_t symbols_for_bytes[6] = {0, 2, 4, 5, 7, 8};
    const unsigned char *in = (const unsigned char *)args[0].as.string.data;
    size_t len = args[0].as.string.len;
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, gotmpl_call_runtime(call));
    for (size_t i = 0; i < len; i += 5) {
        size_t take = len - i < 5 ? len - i : 5;
        uint64_t chunk = 0;
        for (size_t k = 0; k < 5; k++)
            chunk = chunk << 8 | (k < take ? in[i + k] : 0);
        char group[8];
        for (size_t k = 0; k < 8; k++)
            group[k] = k < symbols_for_bytes[take] ? base32_alphabet[chunk >> (35 - 5 * k) & 31] : '=';
        gotmpl_sprig_text_put(&text, group, 8);
    }
    return finish(call, &text, out);
}

/* encoding/base32's decode on the text with newlines removed: quanta of eight symbols; padding
 * may only end the text, and only in the lengths RFC 4648 allows. Returns 0 or the
 * CorruptInputError offset + 1. */
static size_t base32_decode(gotmpl_sprig_text *text, const char *src, size_t total)
{
    size_t at = 0;
    for (int end = 0; at < total && !end;) {
        unsigned char symbols[8] = {0};
        size_t have = 8;
        for (size_t j = 0; j < 8;) {
            if (at == total)
                return total - j + 1;
            unsigned char in = (unsigned char)src[at++];
            size_t left = total - at;
            if (in == '=' && j >= 2 && left < 8) {
                if (left + j < 7)
                    return total + 1;
                for (size_t k = 0; k < 7 - j; k++)
                    if (src[at + k] != '=')
                        return at + k - 1 + 1;
                have = j;
                end = 1;
                if (have == 1 || have == 3 || have == 6)
                    return at - 1 + 1;
                break;
            }
            int value = symbol_value(base32_alphabet, in);
            if (value < 0)
                return at - 1 + 1;
            symbols[j++] = (unsigned char)value;
        }
        uint64_t chunk = 0;
        for (size_t k = 0; k < 8; k++)
            chunk = chunk << 5 | symbols[k];
        static const size_t bytes_for_symbols[9] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
        char bytes[5];
        for (size_t k = 0; k < 5; k++)
            bytes[k] = (char)(chunk >> (32 - 8 * k));
        gotmpl_sprig_text_put(text, bytes, bytes_for_symbols[have]);
    }
    return 0;
}

static int b32dec_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_runtime *runtime = gotmpl_call_runtime(call);
    const celm_string *in = &args[0].as.string;
    char *stripped = gotmpl_runtime_host(runtime)->arena_alloc(gotmpl_runtime_arena(runtime), in->len + 1);
    if (!stripped)
        return gotmpl_sprig_out_of_memory(call);
    size_t len = 0;
    for (size_t i = 0; i < in->len; i++)
        if (in->data[i] != '\n' && in->data[i] != '\r')
            stripped[len++] = in->data[i];
    gotmpl_sprig_text text;
    gotmpl_sprig_text_init(&text, runtime);
    size_t bad = base32_decode(&text, stripped, len);
    if (bad)
        return corrupt_input(call, "base32", bad - 1, out);
    return finish(call, &text, out);
}

#define ENCODING_FUNC(name, impl) {name, impl, 1, 0, {GT_STRING}, GT_STRING, 0}

static const gotmpl_func encoding_functions[] = {
    ENCODING_FUNC("b64enc", b64enc_impl),
    ENCODING_FUNC("b64dec", b64dec_impl),
    ENCODING_FUNC("b32enc", b32enc_impl),
    ENCODING_FUNC("b32dec", b32dec_impl),
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_encoding = {"sprig/encoding", encoding_functions};
