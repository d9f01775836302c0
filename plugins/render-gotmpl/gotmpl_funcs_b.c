/* gotmpl_funcs_b.c: helpers shared by the dates, crypto, random, semver, network and data functions. */
#include <string.h>

#include "gotmpl_funcs_b.h"

const gotmpl_func *gotmpl_func_table_find(const gotmpl_func_table *table, const char *name)
{
    for (const gotmpl_func *func = table->functions; func->name; func++)
        if (strcmp(func->name, name) == 0)
            return func;
    return NULL;
}

int gotmpl_string_result(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_value *out)
{
    *out = gotmpl_string_copy(runtime, text, len);
    return out->type == GT_STRING ? CELM_OK : CELM_ENOMEM;
}

celm_string gotmpl_go_quote(gotmpl_runtime *runtime, const char *text, size_t len)
{
    celm_string quoted = {"\"\"", 2};
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, runtime);
    gotmpl_buffer_quote(&buffer, text, len, 0);
    gotmpl_buffer_finish(&buffer, &quoted);
    return quoted;
}

static const char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void gotmpl_base64_append(gotmpl_buffer *output, const unsigned char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i += 3) {
        uint32_t chunk = (uint32_t)bytes[i] << 16;
        if (i + 1 < len)
            chunk |= (uint32_t)bytes[i + 1] << 8;
        if (i + 2 < len)
            chunk |= bytes[i + 2];
        char quad[4] = {base64_alphabet[(chunk >> 18) & 63], base64_alphabet[(chunk >> 12) & 63],
                        i + 1 < len ? base64_alphabet[(chunk >> 6) & 63] : '=',
                        i + 2 < len ? base64_alphabet[chunk & 63] : '='};
        gotmpl_buffer_put(output, quad, 4);
    }
}

static int base64_digit(unsigned char c)
{
    const char *at = c ? strchr(base64_alphabet, c) : NULL;
    return at ? (int)(at - base64_alphabet) : -1;
}

static size_t skip_newlines(const char *text, size_t len, size_t at)
{
    while (at < len && (text[at] == '\n' || text[at] == '\r'))
        at++;
    return at;
}

/* One quantum of Go's decodeQuantum: returns the bytes written (0..3), or -1 with *bad_at. */
static int decode_quantum(const char *text, size_t len, size_t *at, unsigned char *out, size_t *bad_at)
{
    int digits[4] = {0, 0, 0, 0}, count = 0;
    while (count < 4) {
        if (*at == len) {
            if (count == 0)
                return 0;
            *bad_at = *at - (size_t)count;
            return -1;
        }
        unsigned char c = (unsigned char)text[(*at)++];
        int digit = base64_digit(c);
        if (digit >= 0) {
            digits[count++] = digit;
            continue;
        }
        if (c == '\n' || c == '\r')
            continue;
        if (c != '=' || count < 2) {
            *bad_at = *at - 1;
            return -1;
        }
        if (count == 2) {
            *at = skip_newlines(text, len, *at);
            if (*at == len || text[*at] != '=') {
                *bad_at = *at == len ? len : *at - 1;
                return -1;
            }
            (*at)++;
        }
        *at = skip_newlines(text, len, *at);
        if (*at < len) {
            *bad_at = *at;
            return -1;
        }
        break;
    }
    uint32_t value = (uint32_t)digits[0] << 18 | (uint32_t)digits[1] << 12 | (uint32_t)digits[2] << 6 |
                     (uint32_t)digits[3];
    out[0] = (unsigned char)(value >> 16);
    out[1] = (unsigned char)(value >> 8);
    out[2] = (unsigned char)value;
    return count - 1;
}

long gotmpl_base64_decode(const char *text, size_t len, unsigned char *out, size_t *bad_at)
{
    size_t at = 0, written = 0;
    while (at < len) {
        int n = decode_quantum(text, len, &at, out + written, bad_at);
        if (n < 0)
            return -1;
        written += (size_t)n;
        if (n < 3)
            break;
    }
    return (long)written;
}
