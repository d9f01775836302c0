/* strvals_scan.c: reading a --set flag value rune by rune, as Helm's strvals scanner does. */
#include <string.h>

#include "strvals.h"
#include "utf8.h"

size_t celm_strvals_next_rune(strvals_scanner *scanner, uint32_t *rune)
{
    if (scanner->at >= scanner->len)
        return 0;
    const unsigned char *at = (const unsigned char *)scanner->text + scanner->at;
    size_t width = (size_t)celm_utf8_decode(at, scanner->len - scanner->at, rune);
    scanner->at += width;
    return width;
}

static int is_stop(uint32_t rune, const char *stops)
{
    return rune != 0 && rune < 0x80 && strchr(stops, (int)rune) != NULL;
}

static void append_rune(celm_buffer *buffer, uint32_t rune)
{
    char bytes[4];
    celm_buffer_append(buffer, bytes, (size_t)celm_utf8_encode(rune, bytes));
}

static int finish_token(celm_arena *arena, celm_buffer *buffer, celm_string *token, int status)
{
    if (buffer->len == 0 && !buffer->failed) {
        celm_buffer_free(buffer);
        token->data = "";
        token->len = 0;
        return status;
    }
    return celm_buffer_finish(buffer, arena, token) == CELM_OK ? status : CELM_ENOMEM;
}

int celm_strvals_read_until(celm_arena *arena, strvals_scanner *scanner, const char *stops,
                            int escapes, celm_string *token, uint32_t *last)
{
    celm_buffer buffer;
    celm_buffer_init(&buffer);
    uint32_t rune;
    *last = 0;
    for (;;) {
        if (!celm_strvals_next_rune(scanner, &rune))
            return finish_token(arena, &buffer, token, STRVALS_EOF);
        if (is_stop(rune, stops)) {
            *last = rune;
            return finish_token(arena, &buffer, token, CELM_OK);
        }
        /* A backslash at the very end escapes nothing and ends the input. */
        if (escapes && rune == '\\' && !celm_strvals_next_rune(scanner, &rune))
            return finish_token(arena, &buffer, token, STRVALS_EOF);
        append_rune(&buffer, rune);
    }
}

int celm_strvals_is_space(uint32_t rune)
{
    switch (rune) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000:
        return 1;
    default:
        return rune >= 0x2000 && rune <= 0x200A;
    }
}

int celm_strvals_skip_empty_value(strvals_scanner *scanner)
{
    for (;;) {
        size_t before = scanner->at;
        uint32_t rune;
        if (!celm_strvals_next_rune(scanner, &rune) || rune == ',')
            return 1;
        if (!celm_strvals_is_space(rune)) {
            scanner->at = before;
            return 0;
        }
    }
}

void celm_strvals_trim_space(const char *text, size_t len, size_t *start, size_t *trimmed_len)
{
    strvals_scanner scanner = {text, len, 0};
    size_t first = len, end = 0;
    uint32_t rune;
    for (;;) {
        size_t before = scanner.at;
        if (!celm_strvals_next_rune(&scanner, &rune))
            break;
        if (celm_strvals_is_space(rune))
            continue;
        if (first == len)
            first = before;
        end = scanner.at;
    }
    *start = first < end ? first : 0;
    *trimmed_len = first < end ? end - first : 0;
}
