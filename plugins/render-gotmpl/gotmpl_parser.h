/* gotmpl_parser.h: the parser's state, shared by the files that parse templates and pipelines. */
#ifndef CELM_GOTMPL_PARSER_H
#define CELM_GOTMPL_PARSER_H

#include <setjmp.h>

#include "gotmpl.h"
#include "gotmpl_lex.h"

/* Keeps a helper out of the recursive parsing functions it is called from, so its locals do not
 * grow every level of nesting (deep templates recurse once per level). */
#if defined(__GNUC__)
#define CELM_GOTMPL_LEAF __attribute__((noinline))
#else
#define CELM_GOTMPL_LEAF
#endif

/* What Go keeps per *Tree while parsing it: {{define}} and {{block}} bodies get a fresh one. */
typedef struct celm_gotmpl_tree_state {
    celm_gotmpl_tree *tree;
    celm_gotmpl_item token[3];  /* three-token lookahead; token[0] is the last one lexed */
    int peek_count;
    uint32_t action_line;       /* line of the `{{` of the action being parsed, 0 outside */
    uint32_t range_depth;
    uint32_t paren_depth;
    size_t vars_base;           /* where this tree's variables start on the variable stack */
} celm_gotmpl_tree_state;

/* A growable stack of pointers or slices, malloc'd, reused for every list the parser builds. */
typedef struct celm_gotmpl_stack {
    void *items;
    size_t count;
    size_t capacity;
} celm_gotmpl_stack;

typedef struct celm_gotmpl_parser {
    const celm_host *host;
    celm_arena *arena;
    celm_gotmpl_parse_options options;
    celm_gotmpl_lexer lexer;
    celm_gotmpl_slice text;         /* the arena copy of the file */
    celm_gotmpl_slice parse_name;
    celm_gotmpl_tree_state *state;  /* the tree being parsed */
    uint32_t nesting_depth;
    celm_gotmpl_node *terminator;   /* the {{end}} or {{else}} that ended the last item list */
    celm_gotmpl_stack nodes;        /* celm_gotmpl_node *: children of lists being built */
    celm_gotmpl_stack names;        /* celm_gotmpl_slice: field names of a chain being built */
    celm_gotmpl_stack variables;    /* celm_gotmpl_slice: the variables in scope */
    celm_gotmpl_stack trees;        /* celm_gotmpl_tree *: the file's trees, in definition order */
    jmp_buf failure;
    int failure_code;
    uint32_t failure_line;
    char message[CELM_ERROR_MESSAGE_SIZE];
    /* Room for building error messages, kept off the C stack that deep nesting uses. */
    char scratch[2][CELM_ERROR_MESSAGE_SIZE];
} celm_gotmpl_parser;

/* Stops parsing: Go's errorf, "template: NAME:LINE: " + message, LINE being the line of the
 * last token lexed for the current tree. Never returns. */
_Noreturn void celm_gotmpl_parser_fail(celm_gotmpl_parser *p, const char *format, ...) CELM_PRINTF(2, 3);
/* Stops parsing because memory ran out. Never returns. */
_Noreturn void celm_gotmpl_parser_out_of_memory(celm_gotmpl_parser *p);
/* Go's unexpected(): an error token's own message, or "unexpected <token> in <context>". */
_Noreturn void celm_gotmpl_parser_unexpected(celm_gotmpl_parser *p, const celm_gotmpl_item *token,
                                             const char *context);

void *celm_gotmpl_parser_alloc(celm_gotmpl_parser *p, size_t size);
celm_gotmpl_node *celm_gotmpl_parser_node_at(celm_gotmpl_parser *p, size_t size,
                                             celm_gotmpl_node_kind kind, uint32_t offset, uint32_t line);
/* A new, zeroed node placed where `at` starts. */
celm_gotmpl_node *celm_gotmpl_parser_node(celm_gotmpl_parser *p, size_t size, celm_gotmpl_node_kind kind,
                                          const celm_gotmpl_item *at);
void celm_gotmpl_parser_push(celm_gotmpl_parser *p, celm_gotmpl_stack *stack, const void *item,
                             size_t item_size);
/* Pushes a child onto p->nodes (by value, so callers keep no addressable locals). */
void celm_gotmpl_parser_push_node(celm_gotmpl_parser *p, celm_gotmpl_node *node);
/* Moves the items of `stack` above `base` into an exact-sized arena array and pops them. */
void *celm_gotmpl_parser_pop_array(celm_gotmpl_parser *p, celm_gotmpl_stack *stack, size_t base,
                                   size_t item_size, uint32_t *count);

/* Token lookahead, as Go's next/peek/backup/backup2/backup3 on the current tree. The tokens live
 * in the tree's lookahead buffer: a returned pointer is good until the next call that lexes
 * (next or peek with nothing pushed back); copy a token that must outlive that. They run for
 * every token, hence inline. */
static inline const celm_gotmpl_item *celm_gotmpl_parser_next(celm_gotmpl_parser *p)
{
    celm_gotmpl_tree_state *t = p->state;
    if (t->peek_count > 0)
        t->peek_count--;
    else
        celm_gotmpl_lex_next(&p->lexer, &t->token[0]);
    return &t->token[t->peek_count];
}

static inline const celm_gotmpl_item *celm_gotmpl_parser_peek(celm_gotmpl_parser *p)
{
    celm_gotmpl_tree_state *t = p->state;
    if (t->peek_count > 0)
        return &t->token[t->peek_count - 1];
    t->peek_count = 1;
    celm_gotmpl_lex_next(&p->lexer, &t->token[0]);
    return &t->token[0];
}

static inline void celm_gotmpl_parser_backup(celm_gotmpl_parser *p)
{
    p->state->peek_count++;
}

/* Pushes back `first` and the token already in token[0]. */
static inline void celm_gotmpl_parser_backup2(celm_gotmpl_parser *p, const celm_gotmpl_item *first)
{
    p->state->token[1] = *first;
    p->state->peek_count = 2;
}

/* Pushes back `first`, `second` and the token already in token[0]. */
static inline void celm_gotmpl_parser_backup3(celm_gotmpl_parser *p, const celm_gotmpl_item *first,
                                              const celm_gotmpl_item *second)
{
    p->state->token[1] = *second;
    p->state->token[2] = *first;
    p->state->peek_count = 3;
}

static inline const celm_gotmpl_item *celm_gotmpl_parser_next_non_space(celm_gotmpl_parser *p)
{
    const celm_gotmpl_item *token;
    do
        token = celm_gotmpl_parser_next(p);
    while (token->type == CELM_GOTMPL_ITEM_SPACE);
    return token;
}

static inline const celm_gotmpl_item *celm_gotmpl_parser_peek_non_space(celm_gotmpl_parser *p)
{
    const celm_gotmpl_item *token = celm_gotmpl_parser_next_non_space(p);
    celm_gotmpl_parser_backup(p);
    return token;
}

/* The same, giving only the token's type. */
static inline celm_gotmpl_item_type celm_gotmpl_parser_next_type(celm_gotmpl_parser *p)
{
    return (celm_gotmpl_item_type)celm_gotmpl_parser_next(p)->type;
}

static inline celm_gotmpl_item_type celm_gotmpl_parser_next_non_space_type(celm_gotmpl_parser *p)
{
    return (celm_gotmpl_item_type)celm_gotmpl_parser_next_non_space(p)->type;
}

static inline celm_gotmpl_item_type celm_gotmpl_parser_peek_type(celm_gotmpl_parser *p)
{
    return (celm_gotmpl_item_type)celm_gotmpl_parser_peek(p)->type;
}

static inline celm_gotmpl_item_type celm_gotmpl_parser_peek_non_space_type(celm_gotmpl_parser *p)
{
    return (celm_gotmpl_item_type)celm_gotmpl_parser_peek_non_space(p)->type;
}

/* The token the last next() returned. */
static inline const celm_gotmpl_item *celm_gotmpl_parser_current(const celm_gotmpl_parser *p)
{
    return &p->state->token[p->state->peek_count];
}

/* A new node placed at the next non-space token (which stays unread). */
celm_gotmpl_node *celm_gotmpl_parser_node_here(celm_gotmpl_parser *p, size_t size,
                                               celm_gotmpl_node_kind kind);
/* unexpected() for the token the last next() returned. */
_Noreturn void celm_gotmpl_parser_unexpected_current(celm_gotmpl_parser *p, const char *context);

/* Go's pipeline(): declarations, then commands up to the `end` token. */
celm_gotmpl_pipe *celm_gotmpl_parse_pipeline(celm_gotmpl_parser *p, const char *context,
                                             celm_gotmpl_item_type end);
/* A string literal token's unquoted value (Go's strconv.Unquote), or parsing stops. */
celm_gotmpl_slice celm_gotmpl_parse_unquote(celm_gotmpl_parser *p, const celm_gotmpl_item *token);

#endif
