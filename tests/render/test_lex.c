/* test_lex.c: the template lexer's tokens, positions and lines (Go's lex_test.go cases, ported). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "gotmpl_lex.h"

#define ALL_KEYWORDS (CELM_GOTMPL_LEX_EMIT_COMMENTS | CELM_GOTMPL_LEX_BREAK_KEYWORD | CELM_GOTMPL_LEX_CONTINUE_KEYWORD)

enum {
    ERR = CELM_GOTMPL_ITEM_ERROR, BOOL = CELM_GOTMPL_ITEM_BOOL, CHAR = CELM_GOTMPL_ITEM_CHAR,
    CHARCONST = CELM_GOTMPL_ITEM_CHAR_CONSTANT, COMMENT = CELM_GOTMPL_ITEM_COMMENT,
    COMPLEX = CELM_GOTMPL_ITEM_COMPLEX, DECLARE = CELM_GOTMPL_ITEM_DECLARE, EOF_ = CELM_GOTMPL_ITEM_EOF,
    FIELD = CELM_GOTMPL_ITEM_FIELD, IDENT = CELM_GOTMPL_ITEM_IDENTIFIER, LEFT = CELM_GOTMPL_ITEM_LEFT_DELIM,
    LPAREN = CELM_GOTMPL_ITEM_LEFT_PAREN, NUMBER = CELM_GOTMPL_ITEM_NUMBER, PIPE = CELM_GOTMPL_ITEM_PIPE,
    RAW = CELM_GOTMPL_ITEM_RAW_STRING, RIGHT = CELM_GOTMPL_ITEM_RIGHT_DELIM,
    RPAREN = CELM_GOTMPL_ITEM_RIGHT_PAREN, SPACE = CELM_GOTMPL_ITEM_SPACE, STRING = CELM_GOTMPL_ITEM_STRING,
    TEXT = CELM_GOTMPL_ITEM_TEXT, VAR = CELM_GOTMPL_ITEM_VARIABLE, BLOCK = CELM_GOTMPL_ITEM_BLOCK,
    DOT = CELM_GOTMPL_ITEM_DOT, ELSE = CELM_GOTMPL_ITEM_ELSE, END = CELM_GOTMPL_ITEM_END,
    IF = CELM_GOTMPL_ITEM_IF, NIL = CELM_GOTMPL_ITEM_NIL, RANGE = CELM_GOTMPL_ITEM_RANGE,
    WITH = CELM_GOTMPL_ITEM_WITH, BREAK = CELM_GOTMPL_ITEM_BREAK
};

typedef struct expected_item {
    int type;
    const char *text;   /* NULL: not checked (EOF) */
    int offset;         /* -1: not checked */
    int line;           /* 0: not checked */
} expected_item;

#define END_OF_ITEMS {-1, NULL, -1, 0}

static celm_gotmpl_item lex(celm_gotmpl_lexer *lexer)
{
    celm_gotmpl_item item;
    celm_gotmpl_lex_next(lexer, &item);
    return item;
}

/* Lexes input and compares each token; the list ends at END_OF_ITEMS. */
static void expect_items_with(const char *input, const char *left, const char *right, unsigned options,
                              const expected_item *expected)
{
    celm_gotmpl_lexer lexer;
    celm_gotmpl_lex_init(&lexer, input, strlen(input), left, right, options);
    for (size_t i = 0; expected[i].type >= 0; i++) {
        celm_gotmpl_item item = lex(&lexer);
        if (item.type != expected[i].type)
            check_fail(__FILE__, __LINE__, "%s: item %zu is type %d, expected %d (%.*s)", input, i,
                       item.type, expected[i].type, (int)item.len, item.text);
        if (expected[i].text)
            CHECK_MEM(item.text, item.len, expected[i].text, strlen(expected[i].text));
        if (expected[i].offset >= 0)
            CHECK_INT(item.offset, expected[i].offset);
        if (expected[i].line > 0)
            CHECK_INT(item.line, expected[i].line);
        if (item.type == EOF_ || item.type == ERR)
            return;
    }
}

static void expect_items(const char *input, const expected_item *expected)
{
    expect_items_with(input, NULL, NULL, ALL_KEYWORDS, expected);
}

#define I(type, text) {type, text, -1, 0}
#define EOI {EOF_, NULL, -1, 0}

static void text_and_comments(void)
{
    expect_items("", (expected_item[]){EOI, END_OF_ITEMS});
    expect_items(" \t\n", (expected_item[]){I(TEXT, " \t\n"), EOI, END_OF_ITEMS});
    expect_items("now is the time", (expected_item[]){I(TEXT, "now is the time"), EOI, END_OF_ITEMS});
    expect_items("hello-{{/* this is a comment */}}-world",
                 (expected_item[]){I(TEXT, "hello-"), I(COMMENT, "/* this is a comment */"),
                                   I(TEXT, "-world"), EOI, END_OF_ITEMS});
    expect_items("hello-{.}}-world", (expected_item[]){I(TEXT, "hello-{.}}-world"), EOI, END_OF_ITEMS});
}

static void punctuation_and_parens(void)
{
    expect_items("{{,@% }}", (expected_item[]){I(LEFT, "{{"), I(CHAR, ","), I(CHAR, "@"), I(CHAR, "%"),
                                               I(SPACE, " "), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{((3))}}", (expected_item[]){I(LEFT, "{{"), I(LPAREN, "("), I(LPAREN, "("),
                                                I(NUMBER, "3"), I(RPAREN, ")"), I(RPAREN, ")"),
                                                I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{}}", (expected_item[]){I(LEFT, "{{"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{for}}", (expected_item[]){I(LEFT, "{{"), I(IDENT, "for"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{|||||}}", (expected_item[]){I(LEFT, "{{"), I(PIPE, "|"), I(PIPE, "|"), I(PIPE, "|"),
                                                I(PIPE, "|"), I(PIPE, "|"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
}

static void quotes(void)
{
    expect_items("{{block \"foo\" .}}", (expected_item[]){I(LEFT, "{{"), I(BLOCK, "block"), I(SPACE, " "),
                                                          I(STRING, "\"foo\""), I(SPACE, " "), I(DOT, "."),
                                                          I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{\"abc \\n\\t\\\" \"}}", (expected_item[]){I(LEFT, "{{"), I(STRING, "\"abc \\n\\t\\\" \""),
                                                              I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{`abc\\n\\t\\\" `}}", (expected_item[]){I(LEFT, "{{"), I(RAW, "`abc\\n\\t\\\" `"),
                                                           I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{`now is{{\n}}the time`}}", (expected_item[]){I(LEFT, "{{"), I(RAW, "`now is{{\n}}the time`"),
                                                                 I(RIGHT, "}}"), EOI, END_OF_ITEMS});
}

static void numbers(void)
{
    expect_items("{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}",
                 (expected_item[]){I(LEFT, "{{"), I(NUMBER, "1"), I(SPACE, " "), I(NUMBER, "02"), I(SPACE, " "),
                                   I(NUMBER, "0x14"), I(SPACE, " "), I(NUMBER, "0X14"), I(SPACE, " "),
                                   I(NUMBER, "-7.2i"), I(SPACE, " "), I(NUMBER, "1e3"), I(SPACE, " "),
                                   I(NUMBER, "1E3"), I(SPACE, " "), I(NUMBER, "+1.2e-4"), I(SPACE, " "),
                                   I(NUMBER, "4.2i"), I(SPACE, " "), I(COMPLEX, "1+2i"), I(SPACE, " "),
                                   I(NUMBER, "1_2"), I(SPACE, " "), I(NUMBER, "0x1.e_fp4"), I(SPACE, " "),
                                   I(NUMBER, "0X1.E_FP4"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
}

static void characters(void)
{
    expect_items("{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}",
                 (expected_item[]){I(LEFT, "{{"), I(CHARCONST, "'a'"), I(SPACE, " "), I(CHARCONST, "'\\n'"),
                                   I(SPACE, " "), I(CHARCONST, "'\\''"), I(SPACE, " "), I(CHARCONST, "'\\\\'"),
                                   I(SPACE, " "), I(CHARCONST, "'\\u00FF'"), I(SPACE, " "),
                                   I(CHARCONST, "'\\xFF'"), I(SPACE, " "), I(CHARCONST, "'本'"),
                                   I(RIGHT, "}}"), EOI, END_OF_ITEMS});
}

static void bools_dots_and_keywords(void)
{
    expect_items("{{true false}}", (expected_item[]){I(LEFT, "{{"), I(BOOL, "true"), I(SPACE, " "),
                                                     I(BOOL, "false"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{.}}", (expected_item[]){I(LEFT, "{{"), I(DOT, "."), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{nil}}", (expected_item[]){I(LEFT, "{{"), I(NIL, "nil"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{.x . .2 .x.y.z}}", (expected_item[]){I(LEFT, "{{"), I(FIELD, ".x"), I(SPACE, " "),
                                                         I(DOT, "."), I(SPACE, " "), I(NUMBER, ".2"),
                                                         I(SPACE, " "), I(FIELD, ".x"), I(FIELD, ".y"),
                                                         I(FIELD, ".z"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{range if else end with}}",
                 (expected_item[]){I(LEFT, "{{"), I(RANGE, "range"), I(SPACE, " "), I(IF, "if"), I(SPACE, " "),
                                   I(ELSE, "else"), I(SPACE, " "), I(END, "end"), I(SPACE, " "),
                                   I(WITH, "with"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
}

static void break_is_an_identifier_when_a_function_has_its_name(void)
{
    expect_items_with("{{break}}", NULL, NULL, ALL_KEYWORDS,
                      (expected_item[]){I(LEFT, "{{"), I(BREAK, "break"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items_with("{{break}}", NULL, NULL, CELM_GOTMPL_LEX_EMIT_COMMENTS,
                      (expected_item[]){I(LEFT, "{{"), I(IDENT, "break"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
}

static void variables_and_declarations(void)
{
    expect_items("{{$c := printf $ $hello $23 $ $var.Field .Method}}",
                 (expected_item[]){I(LEFT, "{{"), I(VAR, "$c"), I(SPACE, " "), I(DECLARE, ":="), I(SPACE, " "),
                                   I(IDENT, "printf"), I(SPACE, " "), I(VAR, "$"), I(SPACE, " "),
                                   I(VAR, "$hello"), I(SPACE, " "), I(VAR, "$23"), I(SPACE, " "), I(VAR, "$"),
                                   I(SPACE, " "), I(VAR, "$var"), I(FIELD, ".Field"), I(SPACE, " "),
                                   I(FIELD, ".Method"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{$v , $w := 3}}", (expected_item[]){I(LEFT, "{{"), I(VAR, "$v"), I(SPACE, " "), I(CHAR, ","),
                                                       I(SPACE, " "), I(VAR, "$w"), I(SPACE, " "),
                                                       I(DECLARE, ":="), I(SPACE, " "), I(NUMBER, "3"),
                                                       I(RIGHT, "}}"), EOI, END_OF_ITEMS});
    expect_items("{{(.X).Y}}", (expected_item[]){I(LEFT, "{{"), I(LPAREN, "("), I(FIELD, ".X"), I(RPAREN, ")"),
                                                 I(FIELD, ".Y"), I(RIGHT, "}}"), EOI, END_OF_ITEMS});
}

static void pipeline(void)
{
    expect_items("intro {{echo hi 1.2 |noargs|args 1 \"hi\"}} outro",
                 (expected_item[]){I(TEXT, "intro "), I(LEFT, "{{"), I(IDENT, "echo"), I(SPACE, " "),
                                   I(IDENT, "hi"), I(SPACE, " "), I(NUMBER, "1.2"), I(SPACE, " "), I(PIPE, "|"),
                                   I(IDENT, "noargs"), I(PIPE, "|"), I(IDENT, "args"), I(SPACE, " "),
                                   I(NUMBER, "1"), I(SPACE, " "), I(STRING, "\"hi\""), I(RIGHT, "}}"),
                                   I(TEXT, " outro"), EOI, END_OF_ITEMS});
}

static void trim_markers(void)
{
    expect_items("hello- {{- 3 -}} -world", (expected_item[]){I(TEXT, "hello-"), I(LEFT, "{{"), I(NUMBER, "3"),
                                                              I(RIGHT, "}}"), I(TEXT, "-world"), EOI, END_OF_ITEMS});
    expect_items("hello- {{- /* hello */ -}} -world",
                 (expected_item[]){I(TEXT, "hello-"), I(COMMENT, "/* hello */"), I(TEXT, "-world"), EOI, END_OF_ITEMS});
    /* "{{-3" is a negative number, not a trim marker */
    expect_items("a {{-3}}", (expected_item[]){I(TEXT, "a "), I(LEFT, "{{"), I(NUMBER, "-3"), I(RIGHT, "}}"),
                                               EOI, END_OF_ITEMS});
}

static void errors(void)
{
    expect_items("#{{\x01}}", (expected_item[]){I(TEXT, "#"), I(LEFT, "{{"),
                                                I(ERR, "unrecognized character in action: U+0001"), END_OF_ITEMS});
    expect_items("{{", (expected_item[]){I(LEFT, "{{"), I(ERR, "unclosed action"), END_OF_ITEMS});
    expect_items("{{range", (expected_item[]){I(LEFT, "{{"), I(RANGE, "range"), I(ERR, "unclosed action"), END_OF_ITEMS});
    expect_items("{{\"\n\"}}", (expected_item[]){I(LEFT, "{{"), I(ERR, "unterminated quoted string"), END_OF_ITEMS});
    expect_items("{{`xx}}", (expected_item[]){I(LEFT, "{{"), I(ERR, "unterminated raw quoted string"), END_OF_ITEMS});
    expect_items("{{'\n}}", (expected_item[]){I(LEFT, "{{"), I(ERR, "unterminated character constant"), END_OF_ITEMS});
    expect_items("{{3k}}", (expected_item[]){I(LEFT, "{{"), I(ERR, "bad number syntax: \"3k\""), END_OF_ITEMS});
    expect_items("{{(3}}", (expected_item[]){I(LEFT, "{{"), I(LPAREN, "("), I(NUMBER, "3"),
                                             I(ERR, "unclosed left paren"), END_OF_ITEMS});
    expect_items("{{3)}}", (expected_item[]){I(LEFT, "{{"), I(NUMBER, "3"), I(ERR, "unexpected right paren"), END_OF_ITEMS});
    expect_items("hello-{{/*/}}-world", (expected_item[]){I(TEXT, "hello-"), I(ERR, "unclosed comment"), END_OF_ITEMS});
    expect_items("hello-{{/* */ }}-world",
                 (expected_item[]){I(TEXT, "hello-"), I(ERR, "comment ends before closing delimiter"), END_OF_ITEMS});
    expect_items("{{.a→}}", (expected_item[]){I(LEFT, "{{"), I(ERR, "bad character U+2192 '→'"), END_OF_ITEMS});
}

static void an_error_ends_the_input(void)
{
    celm_gotmpl_lexer lexer;
    celm_gotmpl_lex_init(&lexer, "{{3k}} more", 11, NULL, NULL, 0);
    lex(&lexer);
    CHECK_INT(lex(&lexer).type, ERR);
    CHECK_INT(lex(&lexer).type, ERR);  /* still inside the action: "unclosed action" */
}

static void other_delimiters(void)
{
    expect_items_with("$$,@%{{}}@@", "$$", "@@", ALL_KEYWORDS,
                      (expected_item[]){I(LEFT, "$$"), I(CHAR, ","), I(CHAR, "@"), I(CHAR, "%"), I(CHAR, "{"),
                                        I(CHAR, "{"), I(CHAR, "}"), I(CHAR, "}"), I(RIGHT, "@@"), EOI, END_OF_ITEMS});
    expect_items_with("$$for@@", "$$", "@@", ALL_KEYWORDS,
                      (expected_item[]){I(LEFT, "$$"), I(IDENT, "for"), I(RIGHT, "@@"), EOI, END_OF_ITEMS});
    expect_items_with("{{hub .host hub}}", "{{hub", "hub}}", ALL_KEYWORDS,
                      (expected_item[]){I(LEFT, "{{hub"), I(SPACE, " "), I(FIELD, ".host"), I(SPACE, " "),
                                        I(RIGHT, "hub}}"), EOI, END_OF_ITEMS});
    expect_items_with("{{- .x -}} {{- - .x - -}}", "{{- ", " -}}", ALL_KEYWORDS,
                      (expected_item[]){I(LEFT, "{{- "), I(FIELD, ".x"), I(RIGHT, " -}}"), I(LEFT, "{{- "),
                                        I(FIELD, ".x"), I(RIGHT, " -}}"), EOI, END_OF_ITEMS});
}

#define P(type, offset, text, line) {type, text, offset, line}

static void positions_and_lines(void)
{
    expect_items("", (expected_item[]){P(EOF_, 0, NULL, 1), END_OF_ITEMS});
    expect_items("{{,@%#}}", (expected_item[]){P(LEFT, 0, "{{", 1), P(CHAR, 2, ",", 1), P(CHAR, 3, "@", 1),
                                               P(CHAR, 4, "%", 1), P(CHAR, 5, "#", 1), P(RIGHT, 6, "}}", 1),
                                               P(EOF_, 8, NULL, 1), END_OF_ITEMS});
    expect_items("0123{{hello}}xyz", (expected_item[]){P(TEXT, 0, "0123", 1), P(LEFT, 4, "{{", 1),
                                                       P(IDENT, 6, "hello", 1), P(RIGHT, 11, "}}", 1),
                                                       P(TEXT, 13, "xyz", 1), P(EOF_, 16, NULL, 1), END_OF_ITEMS});
    expect_items("{{x -}}\n{{y}}", (expected_item[]){P(LEFT, 0, "{{", 1), P(IDENT, 2, "x", 1),
                                                     P(RIGHT, 5, "}}", 1), P(LEFT, 8, "{{", 2), P(IDENT, 10, "y", 2),
                                                     P(RIGHT, 11, "}}", 2), P(EOF_, 13, NULL, 2), END_OF_ITEMS});
    expect_items("{{x}}\n{{- y}}", (expected_item[]){P(LEFT, 0, "{{", 1), P(IDENT, 2, "x", 1),
                                                     P(RIGHT, 3, "}}", 1), P(LEFT, 6, "{{", 2), P(IDENT, 10, "y", 2),
                                                     P(RIGHT, 11, "}}", 2), P(EOF_, 13, NULL, 2), END_OF_ITEMS});
    expect_items("{{/*\n*/}}\n{{undefinedFunction \"test\"}}",
                 (expected_item[]){P(COMMENT, 2, "/*\n*/", 1), P(TEXT, 9, "\n", 2), P(LEFT, 10, "{{", 3),
                                   P(IDENT, 12, "undefinedFunction", 3), P(SPACE, 29, " ", 3),
                                   P(STRING, 30, "\"test\"", 3), P(RIGHT, 36, "}}", 3), P(EOF_, 38, NULL, 3),
                                   END_OF_ITEMS});
}

static void lines_inside_actions_count_newlines(void)
{
    expect_items("{{`a\nb`\n.x}}", (expected_item[]){P(LEFT, 0, "{{", 1), P(RAW, 2, "`a\nb`", 1),
                                                     P(SPACE, 7, "\n", 2), P(FIELD, 8, ".x", 3),
                                                     P(RIGHT, 10, "}}", 3), END_OF_ITEMS});
    expect_items("a\r\n{{-\n3\n-}}\n\nb", (expected_item[]){P(TEXT, 0, "a", 1), P(LEFT, 3, "{{", 2),
                                                           P(NUMBER, 7, "3", 3), P(RIGHT, 10, "}}", 4),
                                                           P(TEXT, 14, "b", 6), END_OF_ITEMS});
}

CHECK_CASES(CASE(text_and_comments), CASE(punctuation_and_parens), CASE(quotes), CASE(numbers),
            CASE(characters), CASE(bools_dots_and_keywords),
            CASE(break_is_an_identifier_when_a_function_has_its_name), CASE(variables_and_declarations),
            CASE(pipeline), CASE(trim_markers), CASE(errors), CASE(an_error_ends_the_input),
            CASE(other_delimiters), CASE(positions_and_lines), CASE(lines_inside_actions_count_newlines))
