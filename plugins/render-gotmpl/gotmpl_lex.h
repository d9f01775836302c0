/* gotmpl_lex.h: the template lexer's tokens and state (Go's text/template/parse lexer). */
#ifndef CELM_GOTMPL_LEX_H
#define CELM_GOTMPL_LEX_H

#include <stddef.h>
#include <stdint.h>

/* Token types, in the order of Go's itemType; every keyword sorts after ITEM_KEYWORD. */
typedef enum celm_gotmpl_item_type {
    CELM_GOTMPL_ITEM_ERROR,         /* the text is the error message */
    CELM_GOTMPL_ITEM_BOOL,
    CELM_GOTMPL_ITEM_CHAR,          /* printable ASCII punctuation such as ',' */
    CELM_GOTMPL_ITEM_CHAR_CONSTANT,
    CELM_GOTMPL_ITEM_COMMENT,
    CELM_GOTMPL_ITEM_COMPLEX,
    CELM_GOTMPL_ITEM_ASSIGN,        /* = */
    CELM_GOTMPL_ITEM_DECLARE,       /* := */
    CELM_GOTMPL_ITEM_EOF,
    CELM_GOTMPL_ITEM_FIELD,
    CELM_GOTMPL_ITEM_IDENTIFIER,
    CELM_GOTMPL_ITEM_LEFT_DELIM,
    CELM_GOTMPL_ITEM_LEFT_PAREN,
    CELM_GOTMPL_ITEM_NUMBER,
    CELM_GOTMPL_ITEM_PIPE,
    CELM_GOTMPL_ITEM_RAW_STRING,
    CELM_GOTMPL_ITEM_RIGHT_DELIM,
    CELM_GOTMPL_ITEM_RIGHT_PAREN,
    CELM_GOTMPL_ITEM_SPACE,
    CELM_GOTMPL_ITEM_STRING,
    CELM_GOTMPL_ITEM_TEXT,
    CELM_GOTMPL_ITEM_VARIABLE,
    CELM_GOTMPL_ITEM_KEYWORD,       /* only a boundary */
    CELM_GOTMPL_ITEM_BLOCK,
    CELM_GOTMPL_ITEM_BREAK,
    CELM_GOTMPL_ITEM_CONTINUE,
    CELM_GOTMPL_ITEM_DOT,
    CELM_GOTMPL_ITEM_DEFINE,
    CELM_GOTMPL_ITEM_ELSE,
    CELM_GOTMPL_ITEM_END,
    CELM_GOTMPL_ITEM_IF,
    CELM_GOTMPL_ITEM_NIL,
    CELM_GOTMPL_ITEM_RANGE,
    CELM_GOTMPL_ITEM_TEMPLATE,
    CELM_GOTMPL_ITEM_WITH
} celm_gotmpl_item_type;

/* One token. `text` points into the lexer's input, or into its message buffer for an error, and
 * stays valid while the lexer and its input do. */
typedef struct celm_gotmpl_item {
    uint8_t type;
    uint32_t offset;    /* byte offset of the token in the input */
    uint32_t line;      /* line the token starts on */
    const char *text;
    size_t len;
} celm_gotmpl_item;

enum celm_gotmpl_lex_options {
    CELM_GOTMPL_LEX_EMIT_COMMENTS = 1u << 0,
    CELM_GOTMPL_LEX_BREAK_KEYWORD = 1u << 1,     /* "break" is a keyword (no such function) */
    CELM_GOTMPL_LEX_CONTINUE_KEYWORD = 1u << 2   /* "continue" is a keyword */
};

#define CELM_GOTMPL_LEX_MESSAGE_SIZE 1024

/* The lexer runs on demand: each celm_gotmpl_lex_next call scans exactly one token. */
typedef struct celm_gotmpl_lexer {
    const char *input;
    size_t len;
    const char *left_delim;
    size_t left_len;
    const char *right_delim;
    size_t right_len;
    size_t pos;             /* current position */
    size_t start;           /* start of the token being scanned */
    uint32_t line;          /* 1 + newlines before pos */
    uint32_t start_line;    /* line of start */
    int at_eof;             /* scanning hit the end of input */
    int inside_action;
    int paren_depth;
    unsigned options;       /* celm_gotmpl_lex_options */
    celm_gotmpl_item *out;  /* where the token being scanned goes */
    char message[CELM_GOTMPL_LEX_MESSAGE_SIZE];
} celm_gotmpl_lexer;

/* Prepares `lexer` to scan input[0..len) (borrowed until lexing ends); NULL delimiters mean the
 * defaults "{{" and "}}". */
void celm_gotmpl_lex_init(celm_gotmpl_lexer *lexer, const char *input, size_t len,
                          const char *left_delim, const char *right_delim, unsigned options);
/* Scans the next token into *out. After an error token, the input is exhausted. */
void celm_gotmpl_lex_next(celm_gotmpl_lexer *lexer, celm_gotmpl_item *out);

/* Whether a rune may appear in identifiers, fields and variables (Go's isAlphaNumeric). */
int celm_gotmpl_is_alphanumeric(int32_t rune);

#endif
