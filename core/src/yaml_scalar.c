/* yaml_scalar.c: go-yaml v2's scalar analysis and its re-reading of strings from Go's JSON text. */
#include <string.h>

#include "buffer.h"
#include "utf8.h"
#include "yaml_scalar.h"

#define YAML_SIMPLE_KEY_RUNES 1024

int celm_yaml_is_printable(const char *text, size_t len, size_t at)
{
    const unsigned char *b = (const unsigned char *)text + at;
    size_t left = len - at;
    unsigned char second = left > 1 ? b[1] : 0, third = left > 2 ? b[2] : 0;
    return b[0] == 0x0A || (b[0] >= 0x20 && b[0] <= 0x7E) || (b[0] == 0xC2 && second >= 0xA0) ||
           (b[0] > 0xC2 && b[0] < 0xED) || (b[0] == 0xED && second < 0xA0) || b[0] == 0xEE ||
           (b[0] == 0xEF && !(second == 0xBB && third == 0xBF) && !(second == 0xBF && (third == 0xBE || third == 0xBF)));
}

static int is_break_at(const char *s, size_t len, size_t at)
{
    const unsigned char *u = (const unsigned char *)s + at;
    return u[0] == '\r' || u[0] == '\n' || (len - at >= 2 && u[0] == 0xC2 && u[1] == 0x85) ||
           (len - at >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9));
}

typedef struct scan_flags {
    int block_indicators, special, leading_space, leading_break, trailing_space, trailing_break;
    int break_space, space_break, line_breaks;
} scan_flags;

static void note_indicator(const char *text, size_t len, size_t at, int width, int preceded_by_whitespace,
                           scan_flags *flags)
{
    char c = text[at];
    int followed_by_whitespace = at + (size_t)width >= len || text[at + width] == ' ' || text[at + width] == '\t';
    if (at == 0) {
        if (strchr("#,[]{}&*!|>'\"%@`", c) && c)
            flags->block_indicators = 1;
        else if ((c == '?' || c == ':' || c == '-') && followed_by_whitespace)
            flags->block_indicators = 1;
    } else if ((c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace)) {
        flags->block_indicators = 1;
    }
}

static void scan_scalar(const char *text, size_t len, scan_flags *flags)
{
    int previous_space = 0, previous_break = 0, preceded_by_whitespace = 1;
    if (len >= 3 && (memcmp(text, "---", 3) == 0 || memcmp(text, "...", 3) == 0))
        flags->block_indicators = 1;
    for (size_t at = 0; at < len;) {
        uint32_t rune;
        int width = celm_utf8_decode((const unsigned char *)text + at, len - at, &rune);
        note_indicator(text, len, at, width, preceded_by_whitespace, flags);
        if (!celm_yaml_is_printable(text, len, at))
            flags->special = 1;
        int last = at + (size_t)width == len;
        if (text[at] == ' ') {
            flags->leading_space |= at == 0;
            flags->trailing_space |= last;
            flags->break_space |= previous_break;
            previous_space = 1, previous_break = 0;
        } else if (is_break_at(text, len, at)) {
            flags->line_breaks = 1;
            flags->leading_break |= at == 0;
            flags->trailing_break |= last;
            flags->space_break |= previous_space;
            previous_space = 0, previous_break = 1;
        } else {
            previous_space = previous_break = 0;
        }
        preceded_by_whitespace = text[at] == ' ' || text[at] == '\t' || text[at] == '\0' || is_break_at(text, len, at);
        at += (size_t)width;
    }
}

void celm_yaml_analyze_scalar(const char *text, size_t len, yaml_scalar_analysis *out)
{
    if (len == 0) {
        *out = (yaml_scalar_analysis){0, 1, 1, 0};
        return;
    }
    scan_flags flags;
    memset(&flags, 0, sizeof flags);
    scan_scalar(text, len, &flags);
    *out = (yaml_scalar_analysis){flags.line_breaks, 1, 1, 1};
    if (flags.leading_space || flags.leading_break || flags.trailing_space || flags.trailing_break)
        out->block_plain_allowed = 0;
    if (flags.trailing_space)
        out->block_allowed = 0;
    if (flags.break_space)
        out->block_plain_allowed = out->single_quoted_allowed = 0;
    if (flags.space_break || flags.special)
        out->block_plain_allowed = out->single_quoted_allowed = out->block_allowed = 0;
    if (flags.line_breaks || flags.block_indicators)
        out->block_plain_allowed = 0;
}

/* Characters go-yaml's reader refuses; Go's JSON writes them raw. */
static int unreadable(uint32_t rune)
{
    return rune == 0x7F || (rune >= 0x80 && rune <= 0x9F && rune != 0x85) || rune == 0xFFFE || rune == 0xFFFF;
}

static int is_nel(const char *text, size_t len, size_t at)
{
    return len - at >= 2 && (unsigned char)text[at] == 0xC2 && (unsigned char)text[at + 1] == 0x85;
}

static int document_marker_at(const char *text, size_t len, size_t at)
{
    if (len - at < 4 || (memcmp(text + at, "---", 3) != 0 && memcmp(text + at, "...", 3) != 0))
        return 0;
    return text[at + 3] == ' ' || is_nel(text, len, at + 3);
}

/* A run of spaces and NELs, as a double-quoted scalar folds it: without a NEL it stays; with one
 * it becomes a space, with more, one newline per further NEL. Returns the end of the run. */
static size_t fold_run(celm_buffer *out, const char *text, size_t len, size_t at, int *ended_on_break)
{
    size_t start = at, breaks = 0;
    int after_break = 0;
    while (at < len && (text[at] == ' ' || is_nel(text, len, at))) {
        if (text[at] == ' ') {
            at++;
            after_break = 0;
        } else {
            breaks++;
            at += 2;
            after_break = 1;
        }
    }
    *ended_on_break = after_break;
    if (breaks == 0)
        celm_buffer_append(out, text + start, at - start);
    else if (breaks == 1)
        celm_buffer_append_char(out, ' ');
    else
        for (size_t i = 1; i < breaks; i++)
            celm_buffer_append_char(out, '\n');
    return at;
}

int celm_yaml_json_reread(celm_arena *arena, const char *text, size_t len, celm_string *out, celm_error *err)
{
    int simple = 1;
    for (size_t at = 0; at < len;) {
        uint32_t rune;
        int width = celm_utf8_decode((const unsigned char *)text + at, len - at, &rune);
        if (unreadable(rune))
            return celm_error_set(err, CELM_EINVAL, "yaml: control characters are not allowed");
        if (rune == 0x85 || (rune == CELM_RUNE_ERROR && width == 1))
            simple = 0;
        at += (size_t)width;
    }
    if (simple) {
        out->data = text;
        out->len = len;
        return CELM_OK;
    }
    celm_buffer clean;
    celm_buffer_init(&clean);
    for (size_t at = 0; at < len;) {
        if (text[at] == ' ' || is_nel(text, len, at)) {
            int ended_on_break;
            at = fold_run(&clean, text, len, at, &ended_on_break);
            if (ended_on_break && document_marker_at(text, len, at)) {
                celm_buffer_free(&clean);
                return celm_error_set(err, CELM_EINVAL, "yaml: found unexpected document indicator");
            }
            continue;
        }
        size_t run = at;
        while (run < len && text[run] != ' ' && !is_nel(text, len, run))
            run++;
        celm_utf8_append_sanitized(&clean, text + at, run - at);
        at = run;
    }
    if (celm_buffer_finish(&clean, arena, out) != CELM_OK)
        return celm_error_set(err, CELM_ENOMEM, "out of memory writing YAML");
    return CELM_OK;
}

int celm_yaml_json_key_too_long(const celm_string *key)
{
    const unsigned char *s = (const unsigned char *)key->data;
    size_t runes = 2;
    for (size_t at = 0; at < key->len;) {
        uint32_t rune;
        int width = celm_utf8_decode(s + at, key->len - at, &rune);
        if (rune == '\n' || rune == '\r' || rune == '\t' || rune == '\b' || rune == '\f' || rune == '"' || rune == '\\')
            runes += 2;
        else if (rune < 0x20 || rune == '<' || rune == '>' || rune == '&' || rune == 0x2028 || rune == 0x2029 ||
                 (rune == CELM_RUNE_ERROR && width == 1))
            runes += 6;
        else
            runes += 1;
        at += (size_t)width;
    }
    return runes > YAML_SIMPLE_KEY_RUNES;
}
