/* gotmpl.h: the Go template front end: parsing files into trees, template sets, and Go's textual
 * forms of nodes and parse errors. Uses only the plugin SDK (a host table and its arena). */
#ifndef CELM_GOTMPL_H
#define CELM_GOTMPL_H

#include <stddef.h>
#include <stdint.h>

#include "celm/host.h"
#include "gotmpl_ast.h"

/* Tells whether a function named name[0..len) exists. Returns 1 and may store an opaque handle in
 * *function (kept in the identifier node for the executor), or 0 when it is not defined. Go checks
 * function names while parsing, so the executor's function table is needed here, including
 * text/template's builtins (and, call, html, index, slice, js, len, not, or, print, printf, println,
 * urlquery, eq, ge, gt, le, lt, ne), which Go hands its parser too. A function named "break" or
 * "continue" makes that word a function name instead of a keyword, as in Go. */
typedef int (*celm_gotmpl_function_lookup)(void *payload, const char *name, size_t len,
                                           const void **function);

enum celm_gotmpl_parse_flags {
    CELM_GOTMPL_PARSE_COMMENTS = 1u << 0,       /* keep comments as nodes (Go's ParseComments) */
    CELM_GOTMPL_SKIP_FUNCTION_CHECK = 1u << 1,  /* undefined functions are no error (SkipFuncCheck) */
    CELM_GOTMPL_BORROW_TEXT = 1u << 2           /* the trees point into `text` instead of a copy, so it
                                                 * must stay valid and unchanged as long as they do */
};

#define CELM_GOTMPL_PARSE_OPTIONS_VERSION 1
#define CELM_GOTMPL_MAX_PAREN_DEPTH 10000       /* Go's maxStackDepth */
#define CELM_GOTMPL_MAX_NESTING_DEPTH 10000

typedef struct celm_gotmpl_parse_options {
    uint32_t version;                   /* CELM_GOTMPL_PARSE_OPTIONS_VERSION */
    unsigned flags;                     /* celm_gotmpl_parse_flags */
    celm_gotmpl_function_lookup lookup; /* NULL: no function exists */
    void *lookup_payload;
    const char *left_delimiter;         /* NULL or "": "{{" */
    const char *right_delimiter;        /* NULL or "": "}}" */
    uint32_t max_paren_depth;           /* 0: CELM_GOTMPL_MAX_PAREN_DEPTH */
    /* Nested if/range/with/block bodies; 0: CELM_GOTMPL_MAX_NESTING_DEPTH. Go has no such limit
     * (its stack grows); celm stops with "max nesting depth exceeded" instead of overflowing.
     * At the default limits the parser needs up to 2 MiB of C stack (3.5 MiB under ASan). */
    uint32_t max_nesting_depth;
} celm_gotmpl_parse_options;

#define CELM_GOTMPL_PARSE_OPTIONS_INIT {CELM_GOTMPL_PARSE_OPTIONS_VERSION, 0, NULL, NULL, NULL, NULL, 0, 0}

/* The templates one file defines: its main body (named after the file) and every {{define}} and
 * {{block}}, with Go's rule that a non-empty definition replaces an empty one of the same name. */
typedef struct celm_gotmpl_file {
    celm_gotmpl_tree **trees;
    size_t count;
} celm_gotmpl_file;

/* Parses text[0..len) as the template file `name` (Go's parse.Parse). Everything, including a copy
 * of `text` unless CELM_GOTMPL_BORROW_TEXT, is allocated in `arena` (transfer none: it lives as
 * long as the arena). On failure
 * returns CELM_EPARSE with err->message holding Go's error text, e.g.
 * `template: x.yaml:3: function "foo" not defined`, err->line its line and err->origin `name`;
 * or CELM_ENOMEM, or CELM_ELIMIT for input over 4 GiB. `options` may be NULL. */
int celm_gotmpl_parse(const celm_host *host, celm_arena *arena, const char *name, const char *text,
                      size_t len, const celm_gotmpl_parse_options *options, celm_gotmpl_file *out,
                      celm_error *err);

/* Helm's cleanupParseError: turns Go's parse error text into `parse error at (x.yaml:3): msg`
 * (the location and the last ": "-separated part), or `parse error in (file): text` when the text
 * has no ": ". Writes at most capacity-1 bytes and a NUL; returns the full length. */
size_t celm_gotmpl_helm_parse_error(const char *file, const char *go_message, char *out,
                                    size_t capacity);

/* Go's parse.IsEmptyTree: nothing but spaces and comments. */
int celm_gotmpl_is_empty(const celm_gotmpl_node *node);

/* Go's ErrorContext: the 1-based line and 0-based byte column of a node in its tree's text. */
void celm_gotmpl_error_context(const celm_gotmpl_tree *tree, const celm_gotmpl_node *node,
                               uint32_t *line, uint32_t *column);

enum celm_gotmpl_format_flags {
    CELM_GOTMPL_FORMAT_QUOTE_TEXT = 1u << 0   /* text as a Go "quoted" string, as Go's tests print it */
};

/* Writes Go's String() of a node (what `executing ... at <...>` shows) into out, at most
 * capacity-1 bytes and a NUL; returns the full length, so a caller can retry with more room. */
size_t celm_gotmpl_node_format(const celm_gotmpl_node *node, unsigned flags, char *out,
                               size_t capacity);

/* All templates visible to an executor, by name, across files (text/template's associate rule:
 * an empty tree never replaces an existing one). Lives in the arena it was created in. */
typedef struct celm_gotmpl_set celm_gotmpl_set;

int celm_gotmpl_set_create(const celm_host *host, celm_arena *arena, celm_gotmpl_set **out);
/* Adds every tree of a parsed file; trees are borrowed and must live as long as the set. */
int celm_gotmpl_set_add(celm_gotmpl_set *set, const celm_gotmpl_file *file);
/* The tree named name[0..len), or NULL. */
const celm_gotmpl_tree *celm_gotmpl_set_find(const celm_gotmpl_set *set, const char *name, size_t len);
size_t celm_gotmpl_set_count(const celm_gotmpl_set *set);

#endif
