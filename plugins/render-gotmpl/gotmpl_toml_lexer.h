/* gotmpl_toml_lexer.h: the TOML lexer's machinery, shared by its two halves: the state, reading runes,
 * emitting items and errors (gotmpl_toml_lex.c), and the value states (gotmpl_toml_lex_values.c). */
#ifndef CELM_GOTMPL_TOML_LEXER_H
#define CELM_GOTMPL_TOML_LEXER_H

#include <stddef.h>
#include <stdint.h>

#include "gotmpl_toml_lex.h"

#define LEX_EOF 0
#define MAX_STACK 100000

typedef enum lex_state {
    S_DONE, S_TOP, S_TOP_END, S_TABLE_START, S_TABLE_END, S_ARRAY_TABLE_END, S_TABLE_NAME_START, S_TABLE_NAME_END,
    S_BARE_NAME, S_QUOTED_NAME, S_KEY_START, S_KEY_NAME_START, S_KEY_END, S_VALUE, S_ARRAY_VALUE, S_ARRAY_VALUE_END,
    S_ARRAY_END, S_INLINE_VALUE, S_INLINE_VALUE_END, S_INLINE_END, S_STRING, S_MULTILINE_STRING, S_RAW_STRING,
    S_MULTILINE_RAW_STRING, S_MULTILINE_ESCAPE, S_STRING_ESCAPE, S_HEX_ESCAPE, S_SHORT_UNICODE, S_LONG_UNICODE,
    S_NUMBER_OR_DATE_START, S_NUMBER_OR_DATE, S_DATETIME, S_HEX_INTEGER, S_OCTAL_INTEGER, S_BINARY_INTEGER,
    S_DECIMAL_NUMBER, S_DECIMAL_NUMBER_START, S_BASE_NUMBER_OR_DATE, S_FLOAT, S_BOOL, S_COMMENT_START, S_COMMENT
} lex_state;

typedef struct lexer {
    gotmpl_runtime *runtime;
    const char *input;
    size_t len, start, pos;
    int line;
    int esc;
    size_t widths[4];
    int previous;           /* how many widths are in use */
    int at_eof;
    int failed;             /* an error item was emitted: nothing more happens */
    lex_state *stack;
    size_t depth, stack_capacity;
    toml_item *items;
    size_t count, capacity;
    int out_of_memory;
} lexer;

static inline int is_whitespace(uint32_t r) { return r == '\t' || r == ' '; }
static inline int is_nl(uint32_t r) { return r == '\n' || r == '\r'; }
static inline int is_digit(uint32_t r) { return r >= '0' && r <= '9'; }
static inline int is_hex(uint32_t r) { return is_digit(r) || ((r | 0x20) >= 'a' && (r | 0x20) <= 'f'); }
static inline int is_bare_key_char(uint32_t r)
{
    return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || is_digit(r) || r == '_' || r == '-';
}

/* --- reading (the library's next, backup, accept, peek, ignore) -------------------------------------- */
uint32_t toml_lexer_next(lexer *lx);
void toml_lexer_backup(lexer *lx);
int toml_lexer_accept(lexer *lx, uint32_t valid);
uint32_t toml_lexer_peek(lexer *lx);
void toml_lexer_ignore(lexer *lx);
void toml_lexer_skip_whitespace(lexer *lx);     /* lx.skip(isWhitespace) */
void toml_lexer_push(lexer *lx, lex_state state);
lex_state toml_lexer_pop(lexer *lx);

/* --- items and errors ----------------------------------------------------------------------------------- */
void toml_lexer_emit(lexer *lx, toml_item_type type);
void toml_lexer_emit_trimmed(lexer *lx, toml_item_type type);
/* lx.error (previous line at the end of input), lx.errorPrevLine, lx.errorf; each returns S_DONE. */
lex_state toml_lexer_error(lexer *lx, const char *format, ...) CELM_PRINTF(2, 3);
lex_state toml_lexer_error_previous_line(lexer *lx, const char *format, ...) CELM_PRINTF(2, 3);
lex_state toml_lexer_errorf(lexer *lx, const char *format, ...) CELM_PRINTF(2, 3);

/* --- Go's texts of runes and strings, in the runtime's arena ------------------------------------------------ */
const char *toml_lexer_quoted_rune(lexer *lx, uint32_t r);              /* %q of a rune */
const char *toml_lexer_quoted_text(lexer *lx, const char *text, size_t len);   /* %q of a string */
const char *toml_lexer_rune_or_eof(lexer *lx, uint32_t r);              /* runeOrEOF */
const char *toml_lexer_current(lexer *lx);                              /* %q of the item so far */
const char *toml_lexer_current_raw(lexer *lx);                          /* the item so far */
const char *toml_lexer_rune_text(lexer *lx, uint32_t r);                /* %c */

/* --- the value states (gotmpl_toml_lex_values.c) ----------------------------------------------------------- */
lex_state toml_lex_value(lexer *lx);
lex_state toml_lex_array_value(lexer *lx);
lex_state toml_lex_array_value_end(lexer *lx);
lex_state toml_lex_close(lexer *lx, toml_item_type type);
lex_state toml_lex_inline_value(lexer *lx);
lex_state toml_lex_inline_value_end(lexer *lx);
lex_state toml_lex_string(lexer *lx);
lex_state toml_lex_raw_string(lexer *lx);
lex_state toml_lex_multiline_string(lexer *lx);
lex_state toml_lex_multiline_raw_string(lexer *lx);
lex_state toml_lex_multiline_escape(lexer *lx);
lex_state toml_lex_string_escape(lexer *lx);
lex_state toml_lex_hex_digits(lexer *lx, int digits, const char *what, char letter);
lex_state toml_lex_number_or_date(lexer *lx);
lex_state toml_lex_datetime(lexer *lx);
lex_state toml_lex_based_integer(lexer *lx, int base, lex_state self);
lex_state toml_lex_decimal_number(lexer *lx);
lex_state toml_lex_decimal_number_start(lexer *lx);
lex_state toml_lex_base_number_or_date(lexer *lx);
lex_state toml_lex_float(lexer *lx);
lex_state toml_lex_bool(lexer *lx);
lex_state toml_lex_comment(lexer *lx);

#endif
