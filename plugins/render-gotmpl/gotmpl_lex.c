/* gotmpl_lex.c: the template lexer: text, actions, trim markers, comments and every token inside
 * actions, with Go's line counting and error texts (text/template/parse/lex.go semantics). */
#include <stddef.h>
#include <string.h>

#include "gotmpl_lex.h"
#include "gotmpl_text.h"
#include "gotmpl_unicode.h"

#define END_OF_INPUT (-1)
#define TRIM_MARKER_LEN 2   /* the '-' plus the space before or after it */

/* Each state scans some input and names the state to run next; STATE_DONE means a token is ready. */
typedef enum lex_state {
    STATE_DONE,
    STATE_TEXT,
    STATE_LEFT_DELIM,
    STATE_COMMENT,
    STATE_RIGHT_DELIM,
    STATE_INSIDE_ACTION,
    STATE_SPACE,
    STATE_IDENTIFIER,
    STATE_FIELD,
    STATE_VARIABLE,
    STATE_CHAR,
    STATE_NUMBER,
    STATE_QUOTE,
    STATE_RAW_QUOTE
} lex_state;

static int is_space(int32_t rune)
{
    return rune == ' ' || rune == '\t' || rune == '\r' || rune == '\n';
}

static inline int is_alphanumeric(int32_t rune)
{
    if (rune < 0x80)
        return rune == '_' || (rune >= '0' && rune <= '9') || ((rune | 0x20) >= 'a' && (rune | 0x20) <= 'z');
    return celm_gotmpl_rune_is_letter((uint32_t)rune) || celm_gotmpl_rune_is_digit((uint32_t)rune);
}

int celm_gotmpl_is_alphanumeric(int32_t rune)
{
    return is_alphanumeric(rune);
}

static int has_prefix(const celm_gotmpl_lexer *l, size_t at, const char *prefix, size_t len)
{
    if (at > l->len || l->len - at < len)
        return 0;
    for (size_t i = 0; i < len; i++)    /* delimiters are a few bytes: no memcmp call */
        if (l->input[at + i] != prefix[i])
            return 0;
    return 1;
}

static int has_left_trim_marker(const celm_gotmpl_lexer *l, size_t at)
{
    return at <= l->len && l->len - at >= 2 && l->input[at] == '-' && is_space(l->input[at + 1]);
}

static int has_right_trim_marker(const celm_gotmpl_lexer *l, size_t at)
{
    return at <= l->len && l->len - at >= 2 && is_space(l->input[at]) && l->input[at + 1] == '-';
}

static uint32_t count_newlines(const char *text, size_t len)
{
    uint32_t count = 0;
    if (len < 16) {     /* the common case: the few bytes between two tokens */
        for (size_t i = 0; i < len; i++)
            count += text[i] == '\n';
        return count;
    }
    for (const char *p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL; p++)
        count++;
    return count;
}

static int is_trim_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int32_t next_rune(celm_gotmpl_lexer *l)
{
    if (l->pos >= l->len) {
        l->at_eof = 1;
        return END_OF_INPUT;
    }
    unsigned char byte = (unsigned char)l->input[l->pos];
    if (byte < 0x80) {
        l->pos++;
        l->line += byte == '\n';
        return byte;
    }
    size_t width;
    uint32_t rune = celm_gotmpl_utf8_decode(l->input + l->pos, l->len - l->pos, &width);
    l->pos += width;
    if (rune == '\n')
        l->line++;
    return (int32_t)rune;
}

/* Steps back over the rune before pos (a no-op once the end of input was reached). */
static void backup(celm_gotmpl_lexer *l)
{
    if (l->at_eof || l->pos == 0)
        return;
    size_t width = (unsigned char)l->input[l->pos - 1] < 0x80 ? 1
                                                              : celm_gotmpl_utf8_last_width(l->input, l->pos);
    l->pos -= width;
    if (width == 1 && l->input[l->pos] == '\n')
        l->line--;
}

/* next_rune then backup, without moving: only reaching the end leaves a trace (at_eof). */
static int32_t peek_rune(celm_gotmpl_lexer *l)
{
    if (l->pos >= l->len) {
        l->at_eof = 1;
        return END_OF_INPUT;
    }
    unsigned char byte = (unsigned char)l->input[l->pos];
    if (byte < 0x80)
        return byte;
    size_t width;
    return (int32_t)celm_gotmpl_utf8_decode(l->input + l->pos, l->len - l->pos, &width);
}

/* Consumes letters, digits and underscores (next_rune until another rune, then backup); returns
 * the rune that ended the run, which stays unread. */
static int32_t skip_alphanumerics(celm_gotmpl_lexer *l)
{
    for (;;) {
        while (l->pos < l->len && (unsigned char)l->input[l->pos] < 0x80 &&
               is_alphanumeric((unsigned char)l->input[l->pos]))
            l->pos++;
        int32_t rune = peek_rune(l);
        if (!is_alphanumeric(rune))
            return rune;
        if (rune < 0x80) {
            l->pos++;
        } else {
            size_t width;
            celm_gotmpl_utf8_decode(l->input + l->pos, l->len - l->pos, &width);
            l->pos += width;
        }
    }
}

static celm_gotmpl_item this_item(celm_gotmpl_lexer *l, celm_gotmpl_item_type type)
{
    celm_gotmpl_item item = {(uint8_t)type, (uint32_t)l->start, l->start_line, l->input + l->start,
                             l->pos - l->start};
    l->start = l->pos;
    l->start_line = l->line;
    return item;
}

static lex_state emit(celm_gotmpl_lexer *l, celm_gotmpl_item_type type)
{
    *l->out = this_item(l, type);
    return STATE_DONE;
}

/* Skips input[start..pos), counting the newlines in it. */
static void ignore(celm_gotmpl_lexer *l)
{
    l->line += count_newlines(l->input + l->start, l->pos - l->start);
    l->start = l->pos;
    l->start_line = l->line;
}

static int accept(celm_gotmpl_lexer *l, const char *valid)
{
    int32_t rune = next_rune(l);
    if (rune > 0 && rune < 0x80 && strchr(valid, (int)rune))
        return 1;
    backup(l);
    return 0;
}

static void accept_run(celm_gotmpl_lexer *l, const char *valid)
{
    for (int32_t rune = next_rune(l); rune > 0 && rune < 0x80 && strchr(valid, (int)rune);)
        rune = next_rune(l);
    backup(l);
}

/* Ends lexing with an error token: the message is the token text and the input is dropped. */
static lex_state error_message(celm_gotmpl_lexer *l, const char *message)
{
    size_t len = strlen(message);
    if (len >= sizeof l->message)
        len = sizeof l->message - 1;
    memcpy(l->message, message, len);
    l->message[len] = '\0';
    *l->out = (celm_gotmpl_item){CELM_GOTMPL_ITEM_ERROR, (uint32_t)l->start, l->start_line,
                                 l->message, len};
    l->start = l->pos = l->len = 0;
    return STATE_DONE;
}

static lex_state error_with_rune(celm_gotmpl_lexer *l, const char *prefix, int32_t rune)
{
    char buffer[64];
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(buffer, sizeof buffer);
    celm_gotmpl_sink_puts(&sink, prefix);
    celm_gotmpl_format_rune(&sink, (uint32_t)rune);
    return error_message(l, celm_gotmpl_sink_text(&sink));
}

static lex_state error_bad_number(celm_gotmpl_lexer *l)
{
    char buffer[CELM_GOTMPL_LEX_MESSAGE_SIZE];
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(buffer, sizeof buffer);
    celm_gotmpl_sink_puts(&sink, "bad number syntax: ");
    celm_gotmpl_quote(&sink, l->input + l->start, l->pos - l->start);
    return error_message(l, celm_gotmpl_sink_text(&sink));
}

/* memchr for the needle's first byte, then compare: glibc's memmem goes a byte at a time for
 * short needles, and most of a template is text between delimiters. */
static size_t find(const celm_gotmpl_lexer *l, size_t from, const char *needle, size_t needle_len)
{
    if (needle_len == 0)
        return from;
    const char *at = l->input + from, *end = l->input + l->len;
    while (end - at >= (ptrdiff_t)needle_len && (at = memchr(at, needle[0], (size_t)(end - at) - needle_len + 1))) {
        if (memcmp(at, needle, needle_len) == 0)
            return (size_t)(at - l->input);
        at++;
    }
    return (size_t)-1;
}

/* Text up to the next left delimiter, less the spaces a `{{- ` trims from its end. */
static lex_state lex_text(celm_gotmpl_lexer *l)
{
    size_t delim = find(l, l->pos, l->left_delim, l->left_len);
    if (delim == (size_t)-1) {
        l->pos = l->len;
        if (l->pos > l->start) {
            l->line += count_newlines(l->input + l->start, l->pos - l->start);
            return emit(l, CELM_GOTMPL_ITEM_TEXT);
        }
        return emit(l, CELM_GOTMPL_ITEM_EOF);
    }
    if (delim > l->pos) {
        l->pos = delim;
        size_t trim = 0;
        if (has_left_trim_marker(l, delim + l->left_len))
            while (trim < l->pos - l->start && is_trim_space(l->input[l->pos - trim - 1]))
                trim++;
        l->pos -= trim;
        l->line += count_newlines(l->input + l->start, l->pos - l->start);
        celm_gotmpl_item text = this_item(l, CELM_GOTMPL_ITEM_TEXT);
        l->pos += trim;
        ignore(l);
        if (text.len > 0) {
            *l->out = text;
            return STATE_DONE;
        }
    }
    return STATE_LEFT_DELIM;
}

/* Whether pos is at the right delimiter, and whether a ` -` trim marker comes before it. */
static int at_right_delim(const celm_gotmpl_lexer *l, int *trim)
{
    *trim = 0;
    if (has_right_trim_marker(l, l->pos) &&
        has_prefix(l, l->pos + TRIM_MARKER_LEN, l->right_delim, l->right_len)) {
        *trim = 1;
        return 1;
    }
    return has_prefix(l, l->pos, l->right_delim, l->right_len);
}

static void skip_leading_spaces(celm_gotmpl_lexer *l)
{
    while (l->pos < l->len && is_trim_space(l->input[l->pos]))
        l->pos++;
}

static lex_state lex_left_delim(celm_gotmpl_lexer *l)
{
    l->pos += l->left_len;
    size_t after_marker = has_left_trim_marker(l, l->pos) ? TRIM_MARKER_LEN : 0;
    if (has_prefix(l, l->pos + after_marker, "/*", 2)) {
        l->pos += after_marker;
        ignore(l);
        return STATE_COMMENT;
    }
    celm_gotmpl_item delim = this_item(l, CELM_GOTMPL_ITEM_LEFT_DELIM);
    l->inside_action = 1;
    l->pos += after_marker;
    ignore(l);
    l->paren_depth = 0;
    *l->out = delim;
    return STATE_DONE;
}

static lex_state lex_comment(celm_gotmpl_lexer *l)
{
    l->pos += 2;
    size_t close = find(l, l->pos, "*/", 2);
    if (close == (size_t)-1)
        return error_message(l, "unclosed comment");
    l->pos = close + 2;
    int trim;
    if (!at_right_delim(l, &trim))
        return error_message(l, "comment ends before closing delimiter");
    l->line += count_newlines(l->input + l->start, l->pos - l->start);
    celm_gotmpl_item comment = this_item(l, CELM_GOTMPL_ITEM_COMMENT);
    l->pos += (trim ? TRIM_MARKER_LEN : 0) + l->right_len;
    if (trim)
        skip_leading_spaces(l);
    ignore(l);
    if (l->options & CELM_GOTMPL_LEX_EMIT_COMMENTS) {
        *l->out = comment;
        return STATE_DONE;
    }
    return STATE_TEXT;
}

static lex_state lex_right_delim(celm_gotmpl_lexer *l)
{
    int trim;
    at_right_delim(l, &trim);
    if (trim) {
        l->pos += TRIM_MARKER_LEN;
        ignore(l);
    }
    l->pos += l->right_len;
    celm_gotmpl_item delim = this_item(l, CELM_GOTMPL_ITEM_RIGHT_DELIM);
    if (trim) {
        skip_leading_spaces(l);
        ignore(l);
    }
    l->inside_action = 0;
    *l->out = delim;
    return STATE_DONE;
}

/* Punctuation that is a token by itself; returns STATE_TEXT when `rune` is none of it. */
static lex_state lex_punctuation(celm_gotmpl_lexer *l, int32_t rune)
{
    switch (rune) {
    case '=':
        return emit(l, CELM_GOTMPL_ITEM_ASSIGN);
    case ':':
        if (next_rune(l) != '=')
            return error_message(l, "expected :=");
        return emit(l, CELM_GOTMPL_ITEM_DECLARE);
    case '|':
        return emit(l, CELM_GOTMPL_ITEM_PIPE);
    case '(':
        l->paren_depth++;
        return emit(l, CELM_GOTMPL_ITEM_LEFT_PAREN);
    case ')':
        if (--l->paren_depth < 0)
            return error_message(l, "unexpected right paren");
        return emit(l, CELM_GOTMPL_ITEM_RIGHT_PAREN);
    case '"':
        return STATE_QUOTE;
    case '`':
        return STATE_RAW_QUOTE;
    case '$':
        return STATE_VARIABLE;
    case '\'':
        return STATE_CHAR;
    default:
        return STATE_TEXT;
    }
}

static lex_state lex_inside_action(celm_gotmpl_lexer *l)
{
    int trim;
    if (at_right_delim(l, &trim)) {
        if (l->paren_depth == 0)
            return STATE_RIGHT_DELIM;
        return error_message(l, "unclosed left paren");
    }
    int32_t rune = next_rune(l);
    if (rune == END_OF_INPUT)
        return error_message(l, "unclosed action");
    if (is_space(rune)) {
        backup(l);  /* the space may start a " -}}" */
        return STATE_SPACE;
    }
    lex_state state = lex_punctuation(l, rune);
    if (state != STATE_TEXT)
        return state;
    if (rune == '.' && l->pos < l->len && (l->input[l->pos] < '0' || l->input[l->pos] > '9'))
        return STATE_FIELD;
    if (rune == '.' || rune == '+' || rune == '-' || (rune >= '0' && rune <= '9')) {
        backup(l);
        return STATE_NUMBER;
    }
    if (is_alphanumeric(rune)) {
        backup(l);
        return STATE_IDENTIFIER;
    }
    if (rune < 0x80 && celm_gotmpl_rune_is_print((uint32_t)rune))
        return emit(l, CELM_GOTMPL_ITEM_CHAR);
    return error_with_rune(l, "unrecognized character in action: ", rune);
}

/* A run of spaces; a single space that starts " -}}" belongs to the delimiter instead. */
static lex_state lex_space(celm_gotmpl_lexer *l)
{
    int spaces = 0;
    for (int32_t rune; is_space(rune = peek_rune(l)); spaces++) {
        l->pos++;
        l->line += rune == '\n';
    }
    if (has_right_trim_marker(l, l->pos - 1) &&
        has_prefix(l, l->pos - 1 + TRIM_MARKER_LEN, l->right_delim, l->right_len)) {
        backup(l);
        if (spaces == 1)
            return STATE_RIGHT_DELIM;
    }
    return emit(l, CELM_GOTMPL_ITEM_SPACE);
}

/* Whether the input may end an identifier here: "$x+2" and ".a#" are errors, ".a.b" two fields. */
static int at_terminator(celm_gotmpl_lexer *l)
{
    int32_t rune = peek_rune(l);
    if (is_space(rune))
        return 1;
    switch (rune) {
    case END_OF_INPUT: case '.': case ',': case '|': case ':': case ')': case '(':
        return 1;
    default:
        return has_prefix(l, l->pos, l->right_delim, l->right_len);
    }
}

static celm_gotmpl_item_type keyword_type(const celm_gotmpl_lexer *l, const char *word, size_t len)
{
    static const struct {
        const char *word;
        size_t len;
        celm_gotmpl_item_type type;
    } keywords[] = {
        {"block", 5, CELM_GOTMPL_ITEM_BLOCK}, {"break", 5, CELM_GOTMPL_ITEM_BREAK},
        {"continue", 8, CELM_GOTMPL_ITEM_CONTINUE}, {"define", 6, CELM_GOTMPL_ITEM_DEFINE},
        {"else", 4, CELM_GOTMPL_ITEM_ELSE}, {"end", 3, CELM_GOTMPL_ITEM_END}, {"if", 2, CELM_GOTMPL_ITEM_IF},
        {"range", 5, CELM_GOTMPL_ITEM_RANGE}, {"nil", 3, CELM_GOTMPL_ITEM_NIL},
        {"template", 8, CELM_GOTMPL_ITEM_TEMPLATE}, {"with", 4, CELM_GOTMPL_ITEM_WITH},
        {"true", 4, CELM_GOTMPL_ITEM_BOOL}, {"false", 5, CELM_GOTMPL_ITEM_BOOL},
    };
    if (len > 8)
        return CELM_GOTMPL_ITEM_IDENTIFIER;
    for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
        if (keywords[i].len != len || keywords[i].word[0] != word[0] ||
            memcmp(keywords[i].word, word, len) != 0)
            continue;
        if ((keywords[i].type == CELM_GOTMPL_ITEM_BREAK && !(l->options & CELM_GOTMPL_LEX_BREAK_KEYWORD)) ||
            (keywords[i].type == CELM_GOTMPL_ITEM_CONTINUE &&
             !(l->options & CELM_GOTMPL_LEX_CONTINUE_KEYWORD)))
            return CELM_GOTMPL_ITEM_IDENTIFIER;
        return keywords[i].type;
    }
    return CELM_GOTMPL_ITEM_IDENTIFIER;
}

static lex_state lex_identifier(celm_gotmpl_lexer *l)
{
    int32_t rune = skip_alphanumerics(l);
    if (!at_terminator(l))
        return error_with_rune(l, "bad character ", rune);
    return emit(l, keyword_type(l, l->input + l->start, l->pos - l->start));
}

/* `.name` or `$name`; the '.' or '$' is already consumed. */
static lex_state lex_field_or_variable(celm_gotmpl_lexer *l, celm_gotmpl_item_type type)
{
    if (at_terminator(l))
        return emit(l, type == CELM_GOTMPL_ITEM_VARIABLE ? CELM_GOTMPL_ITEM_VARIABLE : CELM_GOTMPL_ITEM_DOT);
    int32_t rune = skip_alphanumerics(l);
    if (!at_terminator(l))
        return error_with_rune(l, "bad character ", rune);
    return emit(l, type);
}

/* A quoted constant whose closing quote is `quote`; a backslash escapes any character but a newline. */
static lex_state lex_quoted(celm_gotmpl_lexer *l, int32_t quote, celm_gotmpl_item_type type,
                            const char *unterminated)
{
    for (;;) {
        int32_t rune = next_rune(l);
        if (rune == '\\')
            rune = next_rune(l);
        else if (rune == quote)
            return emit(l, type);
        if (rune == END_OF_INPUT || rune == '\n')
            return error_message(l, unterminated);
    }
}

static lex_state lex_raw_quote(celm_gotmpl_lexer *l)
{
    for (;;) {
        int32_t rune = next_rune(l);
        if (rune == END_OF_INPUT)
            return error_message(l, "unterminated raw quoted string");
        if (rune == '`')
            return emit(l, CELM_GOTMPL_ITEM_RAW_STRING);
    }
}

/* Scans a number loosely (the parser validates it): sign, base prefix, digits, fraction, exponent,
 * imaginary 'i'. Fails when a letter or digit follows. */
static int scan_number(celm_gotmpl_lexer *l)
{
    accept(l, "+-");
    const char *digits = "0123456789_";
    if (accept(l, "0")) {
        if (accept(l, "xX"))
            digits = "0123456789abcdefABCDEF_";
        else if (accept(l, "oO"))
            digits = "01234567_";
        else if (accept(l, "bB"))
            digits = "01_";
    }
    accept_run(l, digits);
    if (accept(l, "."))
        accept_run(l, digits);
    size_t digit_count = strlen(digits);
    if ((digit_count == 11 && accept(l, "eE")) || (digit_count == 23 && accept(l, "pP"))) {
        accept(l, "+-");
        accept_run(l, "0123456789_");
    }
    accept(l, "i");
    if (is_alphanumeric(peek_rune(l))) {
        next_rune(l);
        return 0;
    }
    return 1;
}

static lex_state lex_number(celm_gotmpl_lexer *l)
{
    if (!scan_number(l))
        return error_bad_number(l);
    int32_t sign = peek_rune(l);
    if (sign == '+' || sign == '-') {
        if (!scan_number(l) || l->input[l->pos - 1] != 'i')
            return error_bad_number(l);
        return emit(l, CELM_GOTMPL_ITEM_COMPLEX);
    }
    return emit(l, CELM_GOTMPL_ITEM_NUMBER);
}

static lex_state run_state(celm_gotmpl_lexer *l, lex_state state)
{
    switch (state) {
    case STATE_TEXT: return lex_text(l);
    case STATE_LEFT_DELIM: return lex_left_delim(l);
    case STATE_COMMENT: return lex_comment(l);
    case STATE_RIGHT_DELIM: return lex_right_delim(l);
    case STATE_INSIDE_ACTION: return lex_inside_action(l);
    case STATE_SPACE: return lex_space(l);
    case STATE_IDENTIFIER: return lex_identifier(l);
    case STATE_FIELD: return lex_field_or_variable(l, CELM_GOTMPL_ITEM_FIELD);
    case STATE_VARIABLE:
        if (at_terminator(l))
            return emit(l, CELM_GOTMPL_ITEM_VARIABLE);
        return lex_field_or_variable(l, CELM_GOTMPL_ITEM_VARIABLE);
    case STATE_CHAR:
        return lex_quoted(l, '\'', CELM_GOTMPL_ITEM_CHAR_CONSTANT, "unterminated character constant");
    case STATE_NUMBER: return lex_number(l);
    case STATE_QUOTE:
        return lex_quoted(l, '"', CELM_GOTMPL_ITEM_STRING, "unterminated quoted string");
    case STATE_RAW_QUOTE: return lex_raw_quote(l);
    case STATE_DONE: break;
    }
    return STATE_DONE;
}

void celm_gotmpl_lex_init(celm_gotmpl_lexer *lexer, const char *input, size_t len,
                          const char *left_delim, const char *right_delim, unsigned options)
{
    memset(lexer, 0, sizeof *lexer);
    lexer->input = input;
    lexer->len = len;
    lexer->left_delim = left_delim && *left_delim ? left_delim : "{{";
    lexer->right_delim = right_delim && *right_delim ? right_delim : "}}";
    lexer->left_len = strlen(lexer->left_delim);
    lexer->right_len = strlen(lexer->right_delim);
    lexer->line = lexer->start_line = 1;
    lexer->options = options;
}

void celm_gotmpl_lex_next(celm_gotmpl_lexer *l, celm_gotmpl_item *out)
{
    l->out = out;
    *out = (celm_gotmpl_item){CELM_GOTMPL_ITEM_EOF, (uint32_t)l->pos, l->start_line, "EOF", 3};
    lex_state state = l->inside_action ? STATE_INSIDE_ACTION : STATE_TEXT;
    while (state != STATE_DONE)
        state = run_state(l, state);
    l->out = NULL;
}
