/* gotmpl_toml_lex_values.c: BurntSushi/toml's lexing of values: arrays, inline tables, the four kinds
 * of strings and their escapes, numbers in every base, datetimes, booleans and comments. */
#include <string.h>

#include "gotmpl_toml_lexer.h"
#include "gotmpl_unicode.h"

/* --- values -------------------------------------------------------------------------------------------- */
static lex_state lex_quote_start(lexer *lx, uint32_t quote, lex_state single, lex_state triple)
{
    if (toml_lexer_accept(lx, quote)) {
        if (toml_lexer_accept(lx, quote)) {
            toml_lexer_ignore(lx);
            return triple;
        }
        toml_lexer_backup(lx);
    }
    toml_lexer_ignore(lx);
    return single;
}

lex_state toml_lex_value(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_whitespace(r)) {
        toml_lexer_ignore(lx);
        return S_VALUE;
    }
    if (is_digit(r)) {
        toml_lexer_backup(lx);
        return S_NUMBER_OR_DATE_START;
    }
    switch (r) {
    case '[':
        toml_lexer_ignore(lx);
        toml_lexer_emit(lx, ITEM_ARRAY);
        return S_ARRAY_VALUE;
    case '{':
        toml_lexer_ignore(lx);
        toml_lexer_emit(lx, ITEM_INLINE_TABLE_START);
        return S_INLINE_VALUE;
    case '"': return lex_quote_start(lx, '"', S_STRING, S_MULTILINE_STRING);
    case '\'': return lex_quote_start(lx, '\'', S_RAW_STRING, S_MULTILINE_RAW_STRING);
    case '.': return toml_lexer_errorf(lx, "floats must start with a digit, not '.'");
    case 'i': case 'n':
        /* the order of these reads matters: each failed one backs up only its own rune */
        if ((toml_lexer_accept(lx, 'n') && toml_lexer_accept(lx, 'f')) ||
            (toml_lexer_accept(lx, 'a') && toml_lexer_accept(lx, 'n'))) {
            toml_lexer_emit(lx, ITEM_FLOAT);
            return toml_lexer_pop(lx);
        }
        break;
    case '-': case '+': return S_DECIMAL_NUMBER_START;
    }
    if (celm_gotmpl_rune_is_letter(r)) {
        toml_lexer_backup(lx);
        return S_BOOL;
    }
    if (r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected EOF; expected value");
    if (r == '\n')
        return toml_lexer_error_previous_line(lx, "expected value but found %s instead", toml_lexer_quoted_rune(lx, r));
    return toml_lexer_errorf(lx, "expected value but found %s instead", toml_lexer_quoted_rune(lx, r));
}

lex_state toml_lex_array_value(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_whitespace(r) || is_nl(r)) {
        toml_lexer_ignore(lx);
        return S_ARRAY_VALUE;
    }
    if (r == '#') {
        toml_lexer_push(lx, S_ARRAY_VALUE);
        return S_COMMENT_START;
    }
    if (r == ',')
        return toml_lexer_errorf(lx, "unexpected comma");
    if (r == ']')
        return S_ARRAY_END;
    toml_lexer_backup(lx);
    toml_lexer_push(lx, S_ARRAY_VALUE_END);
    return S_VALUE;
}

lex_state toml_lex_array_value_end(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_whitespace(r) || is_nl(r)) {
        toml_lexer_ignore(lx);
        return S_ARRAY_VALUE_END;
    }
    if (r == '#') {
        toml_lexer_push(lx, S_ARRAY_VALUE_END);
        return S_COMMENT_START;
    }
    if (r == ',') {
        toml_lexer_ignore(lx);
        return S_ARRAY_VALUE;
    }
    if (r == ']')
        return S_ARRAY_END;
    return toml_lexer_errorf(lx, "expected a comma (',') or array terminator (']'), but got %s",
                             toml_lexer_rune_or_eof(lx, r));
}

/* lexArrayEnd and lexInlineTableEnd. */
lex_state toml_lex_close(lexer *lx, toml_item_type type)
{
    toml_lexer_ignore(lx);
    toml_lexer_emit(lx, type);
    return toml_lexer_pop(lx);
}

lex_state toml_lex_inline_value(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_whitespace(r) || is_nl(r)) {
        toml_lexer_ignore(lx);
        return S_INLINE_VALUE;
    }
    if (r == '#') {
        toml_lexer_push(lx, S_INLINE_VALUE);
        return S_COMMENT_START;
    }
    if (r == ',')
        return toml_lexer_errorf(lx, "unexpected comma");
    if (r == '}')
        return S_INLINE_END;
    toml_lexer_backup(lx);
    toml_lexer_push(lx, S_INLINE_VALUE_END);
    return S_KEY_START;
}

lex_state toml_lex_inline_value_end(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_whitespace(r) || is_nl(r)) {
        toml_lexer_ignore(lx);
        return S_INLINE_VALUE_END;
    }
    if (r == '#') {
        toml_lexer_push(lx, S_INLINE_VALUE_END);
        return S_COMMENT_START;
    }
    if (r == ',') {
        toml_lexer_ignore(lx);
        toml_lexer_skip_whitespace(lx);
        return toml_lexer_peek(lx) == '}' ? S_INLINE_VALUE_END : S_INLINE_VALUE;
    }
    if (r == '}')
        return S_INLINE_END;
    return toml_lexer_errorf(lx, "expected a comma or an inline table terminator '}', but got %s instead",
                             toml_lexer_rune_or_eof(lx, r));
}

/* --- strings ---------------------------------------------------------------------------------------------- */
lex_state toml_lex_string(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected EOF; expected '\"'");
    if (is_nl(r))
        return toml_lexer_error_previous_line(lx, "strings cannot contain newlines");
    if (r == '\\') {
        toml_lexer_push(lx, S_STRING);
        return S_STRING_ESCAPE;
    }
    if (r == '"') {
        toml_lexer_backup(lx);
        toml_lexer_emit(lx, lx->esc ? ITEM_STRING_ESC : ITEM_STRING);
        lx->esc = 0;
        toml_lexer_next(lx);
        toml_lexer_ignore(lx);
        return toml_lexer_pop(lx);
    }
    return S_STRING;
}

lex_state toml_lex_raw_string(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected EOF; expected \"'\"");
    if (is_nl(r))
        return toml_lexer_error_previous_line(lx, "strings cannot contain newlines");
    if (r == '\'') {
        toml_lexer_backup(lx);
        toml_lexer_emit(lx, ITEM_RAW_STRING);
        toml_lexer_next(lx);
        toml_lexer_ignore(lx);
        return toml_lexer_pop(lx);
    }
    return S_RAW_STRING;
}

static int current_ends_with(lexer *lx, const char *suffix)
{
    size_t n = strlen(suffix), len = lx->pos - lx->start;
    return len >= n && memcmp(lx->input + lx->pos - n, suffix, n) == 0;
}

/* The closing quotes of """...""" and '''...''': up to two extra quotes belong to the text. */
static lex_state lex_multiline_quote(lexer *lx, uint32_t quote, lex_state self, toml_item_type type)
{
    if (toml_lexer_accept(lx, quote)) {
        if (toml_lexer_accept(lx, quote)) {
            if (toml_lexer_peek(lx) == quote) {
                if (quote == '"' && current_ends_with(lx, "\"\"\"\"\"") && !current_ends_with(lx, "\\\"\"\"\"\""))
                    return toml_lexer_errorf(lx, "unexpected '\"\"\"\"\"\"'");
                if (quote == '\'' && current_ends_with(lx, "'''''"))
                    return toml_lexer_errorf(lx, "unexpected \"''''''\"");
                toml_lexer_backup(lx);
                toml_lexer_backup(lx);
                return self;
            }
            toml_lexer_backup(lx);
            toml_lexer_backup(lx);
            toml_lexer_backup(lx);
            if (quote == '"')
                lx->esc = 0;
            toml_lexer_emit(lx, type);
            toml_lexer_next(lx);
            toml_lexer_next(lx);
            toml_lexer_next(lx);
            toml_lexer_ignore(lx);
            return toml_lexer_pop(lx);
        }
        toml_lexer_backup(lx);
    }
    return self;
}

lex_state toml_lex_multiline_string(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected EOF; expected '\"\"\"'");
    if (r == '\\')
        return S_MULTILINE_ESCAPE;
    if (r == '"')
        return lex_multiline_quote(lx, '"', S_MULTILINE_STRING, ITEM_MULTILINE_STRING);
    return S_MULTILINE_STRING;
}

lex_state toml_lex_multiline_raw_string(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected EOF; expected \"'''\"");
    if (r == '\'')
        return lex_multiline_quote(lx, '\'', S_MULTILINE_RAW_STRING, ITEM_RAW_MULTILINE_STRING);
    return S_MULTILINE_RAW_STRING;
}

lex_state toml_lex_string_escape(lexer *lx)
{
    lx->esc = 1;
    uint32_t r = toml_lexer_next(lx);
    if (r && r < 0x80 && strchr("ebtnfr\" \t\\", (int)r))
        return toml_lexer_pop(lx);
    if (r == 'x')
        return S_HEX_ESCAPE;
    if (r == 'u')
        return S_SHORT_UNICODE;
    if (r == 'U')
        return S_LONG_UNICODE;
    return toml_lexer_error(lx, "invalid escape in string '\\%s'", toml_lexer_rune_text(lx, r));
}

lex_state toml_lex_multiline_escape(lexer *lx)
{
    if (is_nl(toml_lexer_next(lx)))
        return S_MULTILINE_STRING;
    toml_lexer_backup(lx);
    toml_lexer_push(lx, S_MULTILINE_STRING);
    return toml_lex_string_escape(lx);
}

lex_state toml_lex_hex_digits(lexer *lx, int digits, const char *what, char letter)
{
    for (int i = 0; i < digits; i++)
        if (!is_hex(toml_lexer_next(lx)))
            return toml_lexer_errorf(lx, "expected %s hexadecimal digits after '\\%c', but got %s instead", what,
                                     letter, toml_lexer_current(lx));
    return toml_lexer_pop(lx);
}

/* --- numbers, dates, booleans, comments ----------------------------------------------------------------- */
static lex_state lex_emit_pop(lexer *lx, toml_item_type type)
{
    toml_lexer_backup(lx);
    toml_lexer_emit(lx, type);
    return toml_lexer_pop(lx);
}

lex_state toml_lex_number_or_date(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_digit(r))
        return S_NUMBER_OR_DATE;
    if (r == '-' || r == ':')
        return S_DATETIME;
    if (r == '_')
        return S_DECIMAL_NUMBER;
    if (r == '.' || r == 'e' || r == 'E')
        return S_FLOAT;
    return lex_emit_pop(lx, ITEM_INTEGER);
}

lex_state toml_lex_datetime(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_digit(r) || (r && r < 0x80 && strchr("-:Tt .Zz+", (int)r)))
        return S_DATETIME;
    toml_lexer_backup(lx);
    toml_lexer_emit_trimmed(lx, ITEM_DATETIME);
    return toml_lexer_pop(lx);
}

/* Hexadecimal, octal and binary integers after their prefix. */
lex_state toml_lex_based_integer(lexer *lx, int base, lex_state self)
{
    uint32_t r = toml_lexer_next(lx);
    int digit = base == 16 ? is_hex(r) : base == 8 ? (r >= '0' && r <= '7') : (r == '0' || r == '1');
    if (digit || r == '_')
        return self;
    return lex_emit_pop(lx, ITEM_INTEGER);
}

lex_state toml_lex_decimal_number(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_digit(r) || r == '_')
        return S_DECIMAL_NUMBER;
    if (r == '.' || r == 'e' || r == 'E')
        return S_FLOAT;
    return lex_emit_pop(lx, ITEM_INTEGER);
}

lex_state toml_lex_decimal_number_start(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r == 'i' || r == 'n') {
        int ok = r == 'i' ? toml_lexer_accept(lx, 'n') && toml_lexer_accept(lx, 'f')
                          : toml_lexer_accept(lx, 'a') && toml_lexer_accept(lx, 'n');
        if (!ok)
            return toml_lexer_errorf(lx, "invalid float: '%s'", toml_lexer_current_raw(lx));
        toml_lexer_emit(lx, ITEM_FLOAT);
        return toml_lexer_pop(lx);
    }
    if (r == '0') {
        uint32_t p = toml_lexer_peek(lx);
        if (p == 'b' || p == 'o' || p == 'x')
            return toml_lexer_errorf(lx, "cannot use sign with non-decimal numbers: '%s%c'", toml_lexer_current_raw(lx),
                                     (char)p);
    }
    if (r == '.')
        return toml_lexer_errorf(lx, "floats must start with a digit, not '.'");
    if (is_digit(r))
        return S_DECIMAL_NUMBER;
    return toml_lexer_errorf(lx, "expected a digit but got %s", toml_lexer_quoted_rune(lx, r));
}

lex_state toml_lex_base_number_or_date(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_digit(r))
        return S_NUMBER_OR_DATE;
    if (r == '_')
        return S_DECIMAL_NUMBER;
    if (r == '.' || r == 'e' || r == 'E')
        return S_FLOAT;
    if (r == 'b' || r == 'o' || r == 'x') {
        uint32_t p = toml_lexer_peek(lx);
        int base = r == 'b' ? 2 : r == 'o' ? 8 : 16;
        int digit = base == 16 ? is_hex(p) : base == 8 ? (p >= '0' && p <= '7') : (p == '0' || p == '1');
        const char *name = base == 2 ? "a binary" : base == 8 ? "an octal" : "a hexadecimal";
        /* the library reports the error and lexes on; its error item comes first */
        if (!digit)
            toml_lexer_errorf(lx, "not %s number: '%s%s'", name, toml_lexer_current_raw(lx),
                              toml_lexer_rune_text(lx, p));
        return base == 2 ? S_BINARY_INTEGER : base == 8 ? S_OCTAL_INTEGER : S_HEX_INTEGER;
    }
    return lex_emit_pop(lx, ITEM_INTEGER);
}

lex_state toml_lex_float(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_digit(r) || (r && r < 0x80 && strchr("_.-+eE", (int)r)))
        return S_FLOAT;
    return lex_emit_pop(lx, ITEM_FLOAT);
}

lex_state toml_lex_bool(lexer *lx)
{
    size_t begin = lx->pos;
    while (celm_gotmpl_rune_is_letter(toml_lexer_next(lx)))
        ;
    toml_lexer_backup(lx);
    size_t len = lx->pos - begin;
    const char *word = lx->input + begin;
    if ((len == 4 && memcmp(word, "true", 4) == 0) || (len == 5 && memcmp(word, "false", 5) == 0)) {
        toml_lexer_emit(lx, ITEM_BOOL);
        return toml_lexer_pop(lx);
    }
    return toml_lexer_errorf(lx, "expected value but found %s instead", toml_lexer_quoted_text(lx, word, len));
}

lex_state toml_lex_comment(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_nl(r) || r == LEX_EOF)
        return lex_emit_pop(lx, ITEM_TEXT);
    return S_COMMENT;
}

