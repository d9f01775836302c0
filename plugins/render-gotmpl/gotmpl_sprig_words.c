/* gotmpl_sprig_words.c: the word algorithms Sprig borrows from goutils and xstrings, rule for rule.
 *
 * Their quirks are part of the behaviour charts see: goutils' Initials and DeleteWhiteSpace walk
 * bytes, not runes (a byte of a multi-byte character is written back as the Latin-1 rune of that
 * value); xstrings skips invalid UTF-8 while it groups words. */
#include <string.h>

#include "gotmpl_sprig.h"
#include "gotmpl_unicode.h"

static uint32_t decode(const char *text, size_t len, size_t *width)
{
    return celm_gotmpl_utf8_decode(text, len, width);
}

static int is_connector(uint32_t rune)
{
    return rune == '-' || rune == '_' || celm_gotmpl_rune_is_space(rune);
}

/* xstrings' isAlphabet: a letter, but not one of the CJK ideographs. */
static int is_alphabet(uint32_t rune)
{
    if (!celm_gotmpl_rune_is_letter(rune))
        return 0;
    if (rune < 0x3400)
        return 1;
    if ((rune >= 0x4E00 && rune <= 0x9FCC) || (rune >= 0x3400 && rune <= 0x4D85) ||
        (rune >= 0x20000 && rune <= 0x2B81D))
        return 0;
    return 1;
}

/* --- snakecase and kebabcase: xstrings' camelCaseToLowerCase ------------------------------------ */
typedef enum word_type { INVALID_WORD, NUMBER_WORD, UPPER_CASE_WORD, ALPHABET_WORD, CONNECTOR_WORD, PUNCT_WORD,
                         OTHER_WORD } word_type;

typedef struct word_scanner {
    const char *text;
    size_t len, at;             /* text[at..len) is what remains */
    word_type type;             /* the word just read: text[word..word + word_len) */
    size_t word, word_len;
} word_scanner;

/* xstrings' nextValidRune: the next rune that decodes, counting the invalid bytes before it into
 * *size; `previous` when only invalid bytes remain. */
static uint32_t next_valid_rune(const char *text, size_t len, uint32_t previous, size_t *size)
{
    *size = 0;
    while (*size < len) {
        size_t width;
        uint32_t rune = decode(text + *size, len - *size, &width);
        *size += width;
        if (rune != CELM_GOTMPL_RUNE_ERROR)
            return rune;
    }
    return previous;
}

typedef int (*rune_test)(uint32_t rune);

static int is_alphabet_not_upper(uint32_t rune)
{
    return is_alphabet(rune) && !gotmpl_sprig_rune_is_upper(rune);
}

static int is_other(uint32_t rune)
{
    return !(is_connector(rune) || is_alphabet(rune) || gotmpl_sprig_rune_is_number(rune) ||
             gotmpl_sprig_rune_is_punct(rune));
}

/* Extends the word over the following runes that pass `test`; returns the first that did not (or
 * the last one read). `*end` is the word's end offset. */
static uint32_t extend_word(const word_scanner *s, size_t *end, uint32_t rune, rune_test test, size_t *last_size)
{
    while (*end < s->len) {
        size_t size;
        rune = next_valid_rune(s->text + *end, s->len - *end, rune, &size);
        if (!test(rune))
            break;
        *end += size;
        if (last_size)
            *last_size = size;
    }
    return rune;
}

static void upper_case_word(word_scanner *s, size_t *end, uint32_t rune)
{
    if (*end >= s->len)
        return;
    size_t size;
    rune = next_valid_rune(s->text + *end, s->len - *end, rune, &size);
    if (gotmpl_sprig_rune_is_upper(rune)) {
        size_t last_size = size;
        *end += size;
        rune = extend_word(s, end, rune, gotmpl_sprig_rune_is_upper, &last_size);
        /* "HTTPStatus" is "HTTP" then "Status": the last capital starts the next word. */
        if (*end < s->len && is_alphabet(rune))
            *end -= last_size;
    } else if (is_alphabet(rune)) {
        *end += size;
        extend_word(s, end, rune, is_alphabet_not_upper, NULL);
    }
}

static void next_word(word_scanner *s)
{
    s->word = s->at;
    s->word_len = 0;
    s->type = INVALID_WORD;
    if (s->at >= s->len)
        return;
    size_t size, end;
    uint32_t rune = next_valid_rune(s->text + s->at, s->len - s->at, CELM_GOTMPL_RUNE_ERROR, &size);
    end = s->at + size;
    if (rune == CELM_GOTMPL_RUNE_ERROR) {
        s->type = INVALID_WORD;
    } else if (is_connector(rune)) {
        s->type = CONNECTOR_WORD;
        extend_word(s, &end, rune, is_connector, NULL);
    } else if (gotmpl_sprig_rune_is_punct(rune)) {
        s->type = PUNCT_WORD;
        extend_word(s, &end, rune, gotmpl_sprig_rune_is_punct, NULL);
    } else if (gotmpl_sprig_rune_is_upper(rune)) {
        s->type = UPPER_CASE_WORD;
        upper_case_word(s, &end, rune);
    } else if (is_alphabet(rune)) {
        s->type = ALPHABET_WORD;
        extend_word(s, &end, rune, is_alphabet_not_upper, NULL);
    } else if (gotmpl_sprig_rune_is_number(rune)) {
        s->type = NUMBER_WORD;
        extend_word(s, &end, rune, gotmpl_sprig_rune_is_number, NULL);
    } else {
        s->type = OTHER_WORD;
        extend_word(s, &end, rune, is_other, NULL);
    }
    s->word_len = end - s->at;
    s->at = end;
}

/* xstrings' toLower: capitals lowered and connectors replaced in upper-case and connector words. */
static void put_lowered(gotmpl_sprig_text *out, word_type type, const char *word, size_t len, char connector)
{
    if (type != UPPER_CASE_WORD && type != CONNECTOR_WORD) {
        gotmpl_sprig_text_put(out, word, len);
        return;
    }
    for (size_t at = 0, width; at < len; at += width) {
        uint32_t rune = decode(word + at, len - at, &width);
        if (is_connector(rune))
            gotmpl_sprig_text_put(out, &connector, 1);
        else if (gotmpl_sprig_rune_is_upper(rune))
            gotmpl_sprig_text_put_rune(out, gotmpl_sprig_rune_to_lower(rune));
        else
            gotmpl_sprig_text_put_rune(out, rune);
    }
}

static void put_word(gotmpl_sprig_text *out, const word_scanner *s, word_type type, char connector)
{
    put_lowered(out, type, s->text + s->word, s->word_len, connector);
}

static int ends_run(word_type type)
{
    return type != INVALID_WORD && type != PUNCT_WORD && type != CONNECTOR_WORD;
}

/* After a word of letters: a number that letters follow starts a new word ("HTTP2xx" is
 * "http_2xx"), one that does not belongs to the word before ("Bld4Floor" is "bld4_floor"). */
static void after_letters(gotmpl_sprig_text *out, word_scanner *s, char connector)
{
    if (s->type != NUMBER_WORD) {
        if (s->type != CONNECTOR_WORD && s->type != PUNCT_WORD)
            gotmpl_sprig_text_put(out, &connector, 1);
        return;
    }
    if (s->at >= s->len)
        return;
    size_t number = s->word, number_len = s->word_len;
    next_word(s);
    if (s->type != ALPHABET_WORD) {
        put_lowered(out, NUMBER_WORD, s->text + number, number_len, connector);
        if (s->type != CONNECTOR_WORD && s->type != PUNCT_WORD)
            gotmpl_sprig_text_put(out, &connector, 1);
        return;
    }
    gotmpl_sprig_text_put(out, &connector, 1);
    put_lowered(out, NUMBER_WORD, s->text + number, number_len, connector);
    while (s->type == ALPHABET_WORD || s->type == NUMBER_WORD) {
        put_word(out, s, s->type, connector);
        next_word(s);
    }
    if (ends_run(s->type))
        gotmpl_sprig_text_put(out, &connector, 1);
}

void gotmpl_sprig_snake_case(gotmpl_sprig_text *out, const char *text, size_t len, char connector)
{
    word_scanner s = {text, len, 0, INVALID_WORD, 0, 0};
    if (len == 0)
        return;
    next_word(&s);
    while (s.at < s.len) {
        if (s.type != CONNECTOR_WORD)
            put_word(out, &s, s.type, connector);
        word_type previous = s.type;
        size_t previous_word = s.word, previous_len = s.word_len;
        next_word(&s);
        if (previous == NUMBER_WORD) {
            while (s.type == ALPHABET_WORD || s.type == NUMBER_WORD) {
                put_word(out, &s, s.type, connector);
                next_word(&s);
            }
            if (ends_run(s.type))
                gotmpl_sprig_text_put(out, &connector, 1);
        } else if (previous == CONNECTOR_WORD) {
            put_lowered(out, previous, text + previous_word, previous_len, connector);
        } else if (previous != PUNCT_WORD) {
            after_letters(out, &s, connector);
        }
    }
    put_word(out, &s, s.type, connector);
}

/* --- camelcase: xstrings' ToPascalCase ----------------------------------------------------------- */
void gotmpl_sprig_pascal_case(gotmpl_sprig_text *out, const char *text, size_t len)
{
    size_t at = 0, width = 0;
    uint32_t current = 0, previous;
    int first_was_upper = 0;
    /* Leading connectors are kept; the first other rune is capitalised. */
    while (at < len) {
        current = decode(text + at, len - at, &width);
        at += width;
        if (!is_connector(current)) {
            first_was_upper = gotmpl_sprig_rune_is_upper(current);
            current = gotmpl_sprig_rune_to_upper(current);
            break;
        }
        gotmpl_sprig_text_put_rune(out, current);
    }
    if (at >= len) {
        if (width != 0)
            gotmpl_sprig_text_put_rune(out, current);
        return;
    }
    while (at < len) {
        previous = current;
        current = decode(text + at, len - at, &width);
        at += width;
        if (is_connector(current) && is_connector(previous)) {
            gotmpl_sprig_text_put_rune(out, previous);
            continue;
        }
        if (is_connector(previous)) {
            first_was_upper = gotmpl_sprig_rune_is_upper(current);
            current = gotmpl_sprig_rune_to_upper(current);
        } else {
            if (first_was_upper) {
                if (gotmpl_sprig_rune_is_upper(current))
                    current = gotmpl_sprig_rune_to_lower(current);
                else
                    first_was_upper = 0;
            }
            gotmpl_sprig_text_put_rune(out, previous);
        }
    }
    gotmpl_sprig_text_put_rune(out, current);
}

/* --- goutils' word functions ---------------------------------------------------------------------- */
/* goutils.SwapCase: upper and title case to lower; lower case to title case at the start of a
 * word, to upper case inside one. */
void gotmpl_sprig_swap_case(gotmpl_sprig_text *out, const char *text, size_t len)
{
    int at_word_start = 1;
    for (size_t at = 0, width; at < len; at += width) {
        uint32_t rune = decode(text + at, len - at, &width);
        if (gotmpl_sprig_rune_is_upper(rune) || gotmpl_sprig_rune_is_title(rune)) {
            rune = gotmpl_sprig_rune_to_lower(rune);
            at_word_start = 0;
        } else if (gotmpl_sprig_rune_is_lower(rune)) {
            rune = at_word_start ? gotmpl_sprig_rune_to_title(rune) : gotmpl_sprig_rune_to_upper(rune);
            at_word_start = 0;
        } else {
            at_word_start = celm_gotmpl_rune_is_space(rune);
        }
        gotmpl_sprig_text_put_rune(out, rune);
    }
}

/* goutils.Uncapitalize: the first rune of every space-separated word lowered. */
void gotmpl_sprig_uncapitalize(gotmpl_sprig_text *out, const char *text, size_t len)
{
    int at_word_start = 1;
    for (size_t at = 0, width; at < len; at += width) {
        uint32_t rune = decode(text + at, len - at, &width);
        if (celm_gotmpl_rune_is_space(rune)) {
            at_word_start = 1;
        } else if (at_word_start) {
            rune = gotmpl_sprig_rune_to_lower(rune);
            at_word_start = 0;
        }
        gotmpl_sprig_text_put_rune(out, rune);
    }
}

/* goutils.Initials: the first byte after each run of white space, byte by byte. */
void gotmpl_sprig_initials(gotmpl_sprig_text *out, const char *text, size_t len)
{
    int after_gap = 1;
    for (size_t i = 0; i < len; i++) {
        uint32_t byte_rune = (unsigned char)text[i];
        if (celm_gotmpl_rune_is_space(byte_rune)) {
            after_gap = 1;
        } else if (after_gap) {
            gotmpl_sprig_text_put_rune(out, byte_rune);
            after_gap = 0;
        }
    }
}

/* goutils.DeleteWhiteSpace: bytes that are not white space (0x85 and 0xA0 count as such); the
 * text is returned unchanged when it had none. */
void gotmpl_sprig_delete_white_space(gotmpl_sprig_text *out, const char *text, size_t len)
{
    size_t spaces = 0;
    for (size_t i = 0; i < len; i++)
        spaces += celm_gotmpl_rune_is_space((unsigned char)text[i]) != 0;
    if (spaces == 0) {
        gotmpl_sprig_text_put(out, text, len);
        return;
    }
    for (size_t i = 0; i < len; i++)
        if (!celm_gotmpl_rune_is_space((unsigned char)text[i]))
            gotmpl_sprig_text_put_rune(out, (unsigned char)text[i]);
}

static long last_space(const char *text, size_t from, size_t to)
{
    for (size_t i = to; i > from; i--)
        if (text[i - 1] == ' ')
            return (long)(i - 1);
    return -1;
}

/* goutils.WrapCustom: breaks at the last space that keeps a line within `width` bytes; a longer
 * word is cut (wrap_long_words) or left whole up to the next space. */
void gotmpl_sprig_wrap(gotmpl_sprig_text *out, const char *text, size_t len, int64_t width, const char *newline,
                       size_t newline_len, int wrap_long_words)
{
    if (len == 0)
        return;
    if (newline_len == 0)
        newline = "\n", newline_len = 1;
    size_t line = width < 1 ? 1 : (uint64_t)width > len ? len : (size_t)width;
    size_t offset = 0;
    while (len - offset > line) {
        if (text[offset] == ' ') {
            offset++;
            continue;
        }
        long space = last_space(text, offset, offset + line + 1);
        if (space >= 0) {
            gotmpl_sprig_text_put(out, text + offset, (size_t)space - offset);
            gotmpl_sprig_text_put(out, newline, newline_len);
            offset = (size_t)space + 1;
        } else if (wrap_long_words) {
            gotmpl_sprig_text_put(out, text + offset, line);
            gotmpl_sprig_text_put(out, newline, newline_len);
            offset += line;
        } else {
            const char *next = memchr(text + offset + line, ' ', len - offset - line);
            if (!next) {
                gotmpl_sprig_text_put(out, text + offset, len - offset);
                offset = len;
            } else {
                gotmpl_sprig_text_put(out, text + offset, (size_t)(next - text) - offset);
                gotmpl_sprig_text_put(out, newline, newline_len);
                offset = (size_t)(next - text) + 1;
            }
        }
    }
    gotmpl_sprig_text_put(out, text + offset, len - offset);
}

/* goutils.AbbreviateFull: at most `width` bytes with "..." marking what was cut; `offset` is a
 * byte that must stay visible. Its error cases (width under 4, or under 7 with an offset) give
 * "", as goutils returns beside the error. */
void gotmpl_sprig_abbreviate(gotmpl_sprig_text *out, const char *text, size_t len, int64_t offset, int64_t width)
{
    if (len == 0 || width < 4)
        return;
    int64_t length = (int64_t)len;
    if (length <= width) {
        gotmpl_sprig_text_put(out, text, len);
        return;
    }
    if (offset > length)
        offset = length;
    if (length - offset < width - 3)
        offset = length - (width - 3);
    if (offset <= 4) {
        gotmpl_sprig_text_put(out, text, (size_t)(width - 3));
        gotmpl_sprig_text_put(out, "...", 3);
        return;
    }
    if (width < 7)
        return;
    gotmpl_sprig_text_put(out, "...", 3);
    if (offset + width - 3 < length) {
        gotmpl_sprig_abbreviate(out, text + offset, len - (size_t)offset, 0, width - 3);
        return;
    }
    gotmpl_sprig_text_put(out, text + (len - (size_t)(width - 3)), (size_t)(width - 3));
}
