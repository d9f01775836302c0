/* gotmpl_toml_lex.c: BurntSushi/toml v1.6.0's lexer as a state machine, so that every item, line number
 * and error text (including where the library reports them) comes out as the library's: its items,
 * errors and reading of runes, the top level, tables and keys, and the machine itself (values are
 * lexed in gotmpl_toml_lex_values.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_toml_lexer.h"
#include "gotmpl_unicode.h"

/* --- items ------------------------------------------------------------------------------------------ */
static void push_item(lexer *lx, toml_item item)
{
    if (lx->count == lx->capacity) {
        size_t capacity = lx->capacity ? lx->capacity * 2 : 64;
        const celm_host *host = gotmpl_runtime_host(lx->runtime);
        toml_item *grown = host->arena_alloc(gotmpl_runtime_arena(lx->runtime), capacity * sizeof *grown);
        if (!grown) {
            lx->out_of_memory = lx->failed = 1;
            return;
        }
        if (lx->count)
            memcpy(grown, lx->items, lx->count * sizeof *grown);
        lx->items = grown;
        lx->capacity = capacity;
    }
    lx->items[lx->count++] = item;
}

static void fail_with(lexer *lx, int line, const char *format, va_list args)
{
    if (lx->failed)
        return;
    va_list copy;
    va_copy(copy, args);
    int needed = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    const celm_host *host = gotmpl_runtime_host(lx->runtime);
    char *message = needed >= 0 ? host->arena_alloc(gotmpl_runtime_arena(lx->runtime), (size_t)needed + 1) : NULL;
    if (!message) {
        lx->out_of_memory = lx->failed = 1;
        return;
    }
    vsnprintf(message, (size_t)needed + 1, format, args);
    toml_item item = {ITEM_ERROR, {message, (size_t)needed}, line};
    push_item(lx, item);
    lx->failed = 1;
}

static void error_on_line(lexer *lx, int line, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fail_with(lx, line, format, args);
    va_end(args);
}

/* lx.error: at the end of input the error is put on the previous line. */
lex_state toml_lexer_error(lexer *lx, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fail_with(lx, lx->at_eof ? lx->line - 1 : lx->line, format, args);
    va_end(args);
    return S_DONE;
}

/* lx.errorPrevLine. */
lex_state toml_lexer_error_previous_line(lexer *lx, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fail_with(lx, lx->line - 1, format, args);
    va_end(args);
    return S_DONE;
}

/* lx.errorf: at the end of input, the previous line only when the input ends with a newline. */
lex_state toml_lexer_errorf(lexer *lx, const char *format, ...)
{
    int line = lx->line;
    if (lx->at_eof && lx->pos >= 1 && lx->input[lx->pos - 1] == '\n')
        line--;
    va_list args;
    va_start(args, format);
    fail_with(lx, line, format, args);
    va_end(args);
    return S_DONE;
}

static void emit_text(lexer *lx, toml_item_type type, const char *text, size_t len)
{
    if (lx->failed)
        return;
    toml_item item = {type, {text, len}, lx->line};
    push_item(lx, item);
    lx->start = lx->pos;
}

void toml_lexer_emit(lexer *lx, toml_item_type type)
{
    if (lx->failed)
        return;
    if (lx->start > lx->pos) {
        toml_lexer_error(lx, "invalid UTF-8 byte: 0x%02x", (unsigned char)lx->input[lx->pos]);
        return;
    }
    emit_text(lx, type, lx->input + lx->start, lx->pos - lx->start);
}

/* emitTrim: the item's text without surrounding white space. */
void toml_lexer_emit_trimmed(lexer *lx, toml_item_type type)
{
    const char *text = lx->input + lx->start;
    size_t len = lx->pos - lx->start;
    while (len && (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r' || *text == '\v' || *text == '\f'))
        text++, len--;
    while (len && strchr(" \t\n\r\v\f", text[len - 1]))
        len--;
    emit_text(lx, type, text, len);
}

/* --- reading runes --------------------------------------------------------------------------------------- */
static int is_control(uint32_t r)
{
    return r != '\t' && r != '\r' && r != '\n' && (r <= 0x1f || r == 0x7f);
}

uint32_t toml_lexer_next(lexer *lx)
{
    if (lx->failed)
        return LEX_EOF;
    if (lx->pos >= lx->len) {
        lx->at_eof = 1;
        return LEX_EOF;
    }
    if (lx->input[lx->pos] == '\n')
        lx->line++;
    memmove(lx->widths + 1, lx->widths, 3 * sizeof lx->widths[0]);
    if (lx->previous < 4)
        lx->previous++;
    size_t width;
    uint32_t r = celm_gotmpl_utf8_decode(lx->input + lx->pos, lx->len - lx->pos, &width);
    if (r == CELM_GOTMPL_RUNE_ERROR && width == 1) {
        toml_lexer_error(lx, "invalid UTF-8 byte: 0x%02x", (unsigned char)lx->input[lx->pos]);
        return CELM_GOTMPL_RUNE_ERROR;
    }
    if (is_control(r) || (r == '\r' && (lx->pos + 1 == lx->len || lx->input[lx->pos + 1] != '\n'))) {
        error_on_line(lx, lx->line, "TOML files cannot contain control characters: '0x%02x'", (unsigned)r);
        return CELM_GOTMPL_RUNE_ERROR;
    }
    lx->widths[0] = width;
    lx->pos += width;
    return r;
}

/* backup: one rune back; up to four times between reads. */
void toml_lexer_backup(lexer *lx)
{
    if (lx->failed)
        return;
    if (lx->at_eof) {
        lx->at_eof = 0;
        return;
    }
    if (lx->previous < 1)
        return;
    size_t width = lx->widths[0];
    memmove(lx->widths, lx->widths + 1, 3 * sizeof lx->widths[0]);
    lx->previous--;
    lx->pos -= width;
    if (lx->pos < lx->len && lx->input[lx->pos] == '\n')
        lx->line--;
}

int toml_lexer_accept(lexer *lx, uint32_t valid)
{
    if (toml_lexer_next(lx) == valid)
        return 1;
    toml_lexer_backup(lx);
    return 0;
}

uint32_t toml_lexer_peek(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    toml_lexer_backup(lx);
    return r;
}

void toml_lexer_ignore(lexer *lx)
{
    lx->start = lx->pos;
}

void toml_lexer_skip_whitespace(lexer *lx)
{
    while (is_whitespace(toml_lexer_next(lx)))
        ;
    toml_lexer_backup(lx);
    toml_lexer_ignore(lx);
}

void toml_lexer_push(lexer *lx, lex_state state)
{
    if (lx->depth == lx->stack_capacity) {
        size_t capacity = lx->stack_capacity ? lx->stack_capacity * 2 : 16;
        const celm_host *host = gotmpl_runtime_host(lx->runtime);
        lex_state *grown = capacity <= MAX_STACK
                               ? host->arena_alloc(gotmpl_runtime_arena(lx->runtime), capacity * sizeof *grown) : NULL;
        if (!grown) {
            lx->out_of_memory = lx->failed = 1;
            return;
        }
        if (lx->depth)
            memcpy(grown, lx->stack, lx->depth * sizeof *grown);
        lx->stack = grown;
        lx->stack_capacity = capacity;
    }
    lx->stack[lx->depth++] = state;
}

lex_state toml_lexer_pop(lexer *lx)
{
    return lx->depth ? lx->stack[--lx->depth] : S_DONE;
}

/* Go's %q of a rune, for error texts. */
const char *toml_lexer_quoted_rune(lexer *lx, uint32_t r)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, lx->runtime);
    gotmpl_buffer_quote_rune(&buffer, r, 0);
    celm_string text = {"''", 2};
    gotmpl_buffer_finish(&buffer, &text);
    return text.data;
}

const char *toml_lexer_quoted_text(lexer *lx, const char *text, size_t len)
{
    gotmpl_buffer buffer;
    gotmpl_buffer_init(&buffer, lx->runtime);
    gotmpl_buffer_quote(&buffer, text, len, 0);
    celm_string quoted = {"\"\"", 2};
    gotmpl_buffer_finish(&buffer, &quoted);
    return quoted.data;
}

/* runeOrEOF: 'r' (unescaped) or "end of file". */
const char *toml_lexer_rune_or_eof(lexer *lx, uint32_t r)
{
    if (r == LEX_EOF)
        return "end of file";
    char bytes[8] = {'\''};
    size_t width = celm_gotmpl_utf8_encode(r, bytes + 1);
    bytes[width + 1] = '\'';
    gotmpl_value text = gotmpl_string_copy(lx->runtime, bytes, width + 2);
    return text.type == GT_STRING ? text.as.string.data : "''";
}

const char *toml_lexer_current(lexer *lx)
{
    return toml_lexer_quoted_text(lx, lx->input + lx->start, lx->pos - lx->start);
}

const char *toml_lexer_current_raw(lexer *lx)
{
    gotmpl_value text = gotmpl_string_copy(lx->runtime, lx->input + lx->start, lx->pos - lx->start);
    return text.type == GT_STRING ? text.as.string.data : "";
}

/* The rune as UTF-8 text, for %c in error texts. */
const char *toml_lexer_rune_text(lexer *lx, uint32_t r)
{
    char bytes[4];
    size_t width = celm_gotmpl_utf8_encode(r, bytes);
    gotmpl_value text = gotmpl_string_copy(lx->runtime, bytes, width);
    return text.type == GT_STRING ? text.as.string.data : "";
}

/* --- the top level, tables and keys ------------------------------------------------------------------ */
static lex_state lex_top(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (is_whitespace(r) || is_nl(r)) {
        toml_lexer_ignore(lx);
        return S_TOP;
    }
    switch (r) {
    case '#':
        toml_lexer_push(lx, S_TOP);
        return S_COMMENT_START;
    case '[': return S_TABLE_START;
    case LEX_EOF:
        if (lx->pos > lx->start)
            return toml_lexer_errorf(lx, "unexpected EOF");
        toml_lexer_emit(lx, ITEM_EOF);
        return S_DONE;
    }
    toml_lexer_backup(lx);
    toml_lexer_push(lx, S_TOP_END);
    return S_KEY_START;
}

static lex_state lex_top_end(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r == '#') {
        toml_lexer_push(lx, S_TOP);
        return S_COMMENT_START;
    }
    if (is_whitespace(r))
        return S_TOP_END;
    if (is_nl(r)) {
        toml_lexer_ignore(lx);
        return S_TOP;
    }
    if (r == LEX_EOF) {
        toml_lexer_emit(lx, ITEM_EOF);
        return S_DONE;
    }
    return toml_lexer_errorf(lx, "expected a top-level item to end with a newline, comment, or EOF, but got %s instead",
                  toml_lexer_quoted_rune(lx, r));
}

static lex_state lex_table_start(lexer *lx)
{
    if (toml_lexer_peek(lx) == '[') {
        toml_lexer_next(lx);
        toml_lexer_emit(lx, ITEM_ARRAY_TABLE_START);
        toml_lexer_push(lx, S_ARRAY_TABLE_END);
    } else {
        toml_lexer_emit(lx, ITEM_TABLE_START);
        toml_lexer_push(lx, S_TABLE_END);
    }
    return S_TABLE_NAME_START;
}

static lex_state lex_array_table_end(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r != ']')
        return toml_lexer_errorf(lx, "expected end of table array name delimiter ']', but got %s instead",
                                 toml_lexer_quoted_rune(lx, r));
    toml_lexer_emit(lx, ITEM_ARRAY_TABLE_END);
    return S_TOP_END;
}

static lex_state lex_table_name_start(lexer *lx)
{
    toml_lexer_skip_whitespace(lx);
    uint32_t r = toml_lexer_peek(lx);
    if (r == ']' || r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected end of table name (table names cannot be empty)");
    if (r == '.')
        return toml_lexer_errorf(lx, "unexpected table separator (table names cannot be empty)");
    toml_lexer_push(lx, S_TABLE_NAME_END);
    if (r == '"' || r == '\'') {
        toml_lexer_ignore(lx);
        return S_QUOTED_NAME;
    }
    return S_BARE_NAME;
}

static lex_state lex_table_name_end(lexer *lx)
{
    toml_lexer_skip_whitespace(lx);
    uint32_t r = toml_lexer_next(lx);
    if (r == '.') {
        toml_lexer_ignore(lx);
        return S_TABLE_NAME_START;
    }
    if (r == ']')
        return toml_lexer_pop(lx);
    return toml_lexer_errorf(lx, "expected '.' or ']' to end table name, but got %s instead",
                             toml_lexer_quoted_rune(lx, r));
}

static lex_state lex_bare_name(lexer *lx)
{
    if (is_bare_key_char(toml_lexer_next(lx)))
        return S_BARE_NAME;
    toml_lexer_backup(lx);
    toml_lexer_emit(lx, ITEM_TEXT);
    return toml_lexer_pop(lx);
}

static lex_state lex_quoted_name(lexer *lx)
{
    uint32_t r = toml_lexer_next(lx);
    if (r == '"' || r == '\'') {
        toml_lexer_ignore(lx);
        return r == '"' ? S_STRING : S_RAW_STRING;
    }
    if (is_whitespace(r)) {
        toml_lexer_ignore(lx);
        return S_VALUE;
    }
    if (r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected EOF; expected value");
    return toml_lexer_errorf(lx, "expected value but found %s instead", toml_lexer_quoted_rune(lx, r));
}

static lex_state lex_key_start(lexer *lx)
{
    toml_lexer_skip_whitespace(lx);
    uint32_t r = toml_lexer_peek(lx);
    if (r == '=' || r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected '=': key name appears blank");
    if (r == '.')
        return toml_lexer_errorf(lx, "unexpected '.': keys cannot start with a '.'");
    if (r == '"' || r == '\'')
        toml_lexer_ignore(lx);
    toml_lexer_emit(lx, ITEM_KEY_START);
    return S_KEY_NAME_START;
}

static lex_state lex_key_name_start(lexer *lx)
{
    toml_lexer_skip_whitespace(lx);
    uint32_t r = toml_lexer_peek(lx);
    if (r == '"' || r == '\'') {
        toml_lexer_ignore(lx);
        toml_lexer_push(lx, S_KEY_END);
        return S_QUOTED_NAME;
    }
    if (r == '=' || r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected '='");
    if (r == '.')
        return toml_lexer_errorf(lx, "unexpected '.'");
    toml_lexer_push(lx, S_KEY_END);
    return S_BARE_NAME;
}

static lex_state lex_key_end(lexer *lx)
{
    toml_lexer_skip_whitespace(lx);
    uint32_t r = toml_lexer_next(lx);
    if (is_whitespace(r)) {
        toml_lexer_ignore(lx);
        return S_KEY_END;
    }
    if (r == LEX_EOF)
        return toml_lexer_errorf(lx, "unexpected EOF; expected key separator '='");
    if (r == '.') {
        toml_lexer_ignore(lx);
        return S_KEY_NAME_START;
    }
    if (r == '=') {
        toml_lexer_emit(lx, ITEM_KEY_END);
        toml_lexer_ignore(lx);
        return S_VALUE;
    }
    if (r == '\n')
        return toml_lexer_error_previous_line(lx, "expected '.' or '=', but got %s instead",
                                              toml_lexer_quoted_rune(lx, r));
    return toml_lexer_errorf(lx, "expected '.' or '=', but got %s instead", toml_lexer_quoted_rune(lx, r));
}

/* --- the machine ---------------------------------------------------------------------------------------------- */
static lex_state step(lexer *lx, lex_state state)
{
    switch (state) {
    case S_TOP: return lex_top(lx);
    case S_TOP_END: return lex_top_end(lx);
    case S_TABLE_START: return lex_table_start(lx);
    case S_TABLE_END: toml_lexer_emit(lx, ITEM_TABLE_END); return S_TOP_END;
    case S_ARRAY_TABLE_END: return lex_array_table_end(lx);
    case S_TABLE_NAME_START: return lex_table_name_start(lx);
    case S_TABLE_NAME_END: return lex_table_name_end(lx);
    case S_BARE_NAME: return lex_bare_name(lx);
    case S_QUOTED_NAME: return lex_quoted_name(lx);
    case S_KEY_START: return lex_key_start(lx);
    case S_KEY_NAME_START: return lex_key_name_start(lx);
    case S_KEY_END: return lex_key_end(lx);
    case S_VALUE: return toml_lex_value(lx);
    case S_ARRAY_VALUE: return toml_lex_array_value(lx);
    case S_ARRAY_VALUE_END: return toml_lex_array_value_end(lx);
    case S_ARRAY_END: return toml_lex_close(lx, ITEM_ARRAY_END);
    case S_INLINE_VALUE: return toml_lex_inline_value(lx);
    case S_INLINE_VALUE_END: return toml_lex_inline_value_end(lx);
    case S_INLINE_END: return toml_lex_close(lx, ITEM_INLINE_TABLE_END);
    case S_STRING: return toml_lex_string(lx);
    case S_MULTILINE_STRING: return toml_lex_multiline_string(lx);
    case S_RAW_STRING: return toml_lex_raw_string(lx);
    case S_MULTILINE_RAW_STRING: return toml_lex_multiline_raw_string(lx);
    case S_MULTILINE_ESCAPE: return toml_lex_multiline_escape(lx);
    case S_STRING_ESCAPE: return toml_lex_string_escape(lx);
    case S_HEX_ESCAPE: return toml_lex_hex_digits(lx, 2, "two", 'x');
    case S_SHORT_UNICODE: return toml_lex_hex_digits(lx, 4, "four", 'u');
    case S_LONG_UNICODE: return toml_lex_hex_digits(lx, 8, "eight", 'U');
    case S_NUMBER_OR_DATE_START: return toml_lexer_next(lx) == '0' ? S_BASE_NUMBER_OR_DATE : S_NUMBER_OR_DATE;
    case S_NUMBER_OR_DATE: return toml_lex_number_or_date(lx);
    case S_DATETIME: return toml_lex_datetime(lx);
    case S_HEX_INTEGER: return toml_lex_based_integer(lx, 16, S_HEX_INTEGER);
    case S_OCTAL_INTEGER: return toml_lex_based_integer(lx, 8, S_OCTAL_INTEGER);
    case S_BINARY_INTEGER: return toml_lex_based_integer(lx, 2, S_BINARY_INTEGER);
    case S_DECIMAL_NUMBER: return toml_lex_decimal_number(lx);
    case S_DECIMAL_NUMBER_START: return toml_lex_decimal_number_start(lx);
    case S_BASE_NUMBER_OR_DATE: return toml_lex_base_number_or_date(lx);
    case S_FLOAT: return toml_lex_float(lx);
    case S_BOOL: return toml_lex_bool(lx);
    case S_COMMENT_START: toml_lexer_ignore(lx); toml_lexer_emit(lx, ITEM_COMMENT_START); return S_COMMENT;
    case S_COMMENT: return toml_lex_comment(lx);
    default: return S_DONE;
    }
}

int gotmpl_toml_lex(gotmpl_runtime *runtime, const char *text, size_t len, toml_item **items, size_t *count)
{
    lexer lx;
    memset(&lx, 0, sizeof lx);
    lx.runtime = runtime;
    lx.input = text;
    lx.len = len;
    lx.line = 1;
    lex_state state = S_TOP;
    while (state != S_DONE && !lx.failed)
        state = step(&lx, state);
    if (lx.out_of_memory)
        return CELM_ENOMEM;
    *items = lx.items;
    *count = lx.count;
    return CELM_OK;
}
