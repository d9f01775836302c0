/* gotmpl_ast.h: the parse tree of a Go text/template, as Go 1.26's text/template/parse builds it.
 *
 * Design, for a fast tree-walking executor:
 * - One struct per node kind, each starting with `celm_gotmpl_node` (kind, line, offset), so a
 *   walker switches on `node->kind` and casts. Kinds, shapes and positions follow Go's parse
 *   package one to one (IfNode, RangeNode, ... ), so Go's executor semantics map directly; the
 *   parser-only {{else}} and {{end}} markers never appear in a finished tree.
 * - Children are exact-sized arrays (`items`/`count`), never linked lists: a walker indexes.
 * - Every node lives in the arena given to the parser, and dies with it. Nothing is freed singly.
 * - Names and texts are `celm_gotmpl_slice` views that point into the tree's copy of the file
 *   text (or into the arena when unquoting changed them); they are NOT NUL-terminated.
 * - Work Go defers to execution is done once here: numbers carry every representation Go's
 *   "ideal constant" rules allow, strings are unquoted, field chains are split into names,
 *   identifiers carry the function handle the lookup callback returned, and every variable
 *   reference carries the index its declaration had on the parser's scope stack.
 * - `offset` is Go's Pos (a byte offset into the file text) and `line` the 1-based line it is on,
 *   so an executor prints Go's `template: NAME:LINE:COL: executing "NAME" at <NODE>: ...` with
 *   celm_gotmpl_error_context() and celm_gotmpl_node_format() without rescanning anything.
 */
#ifndef CELM_GOTMPL_AST_H
#define CELM_GOTMPL_AST_H

#include <stddef.h>
#include <stdint.h>

/* A byte range borrowed from the tree's text or the arena; not NUL-terminated. */
typedef struct celm_gotmpl_slice {
    const char *data;
    size_t len;
} celm_gotmpl_slice;

/* The node kinds, in the order of Go's parse.NodeType. */
typedef enum celm_gotmpl_node_kind {
    CELM_GOTMPL_NODE_TEXT,
    CELM_GOTMPL_NODE_ACTION,
    CELM_GOTMPL_NODE_BOOL,
    CELM_GOTMPL_NODE_CHAIN,
    CELM_GOTMPL_NODE_COMMAND,
    CELM_GOTMPL_NODE_DOT,
    CELM_GOTMPL_NODE_ELSE,      /* parser-internal marker; never in a finished tree */
    CELM_GOTMPL_NODE_END,       /* parser-internal marker; never in a finished tree */
    CELM_GOTMPL_NODE_FIELD,
    CELM_GOTMPL_NODE_IDENTIFIER,
    CELM_GOTMPL_NODE_IF,
    CELM_GOTMPL_NODE_LIST,
    CELM_GOTMPL_NODE_NIL,
    CELM_GOTMPL_NODE_NUMBER,
    CELM_GOTMPL_NODE_PIPE,
    CELM_GOTMPL_NODE_RANGE,
    CELM_GOTMPL_NODE_STRING,
    CELM_GOTMPL_NODE_TEMPLATE,
    CELM_GOTMPL_NODE_VARIABLE,
    CELM_GOTMPL_NODE_WITH,
    CELM_GOTMPL_NODE_COMMENT,
    CELM_GOTMPL_NODE_BREAK,
    CELM_GOTMPL_NODE_CONTINUE
} celm_gotmpl_node_kind;

/* The header of every node. Dot, nil, break and continue are bare headers. */
typedef struct celm_gotmpl_node {
    uint8_t kind;       /* celm_gotmpl_node_kind */
    uint32_t line;      /* 1-based line of `offset` */
    uint32_t offset;    /* Go's Pos: byte offset in the file text */
} celm_gotmpl_node;

/* A sequence of nodes: a template body or a branch of if/range/with. */
typedef struct celm_gotmpl_list {
    celm_gotmpl_node node;
    uint32_t count;
    celm_gotmpl_node **items;
} celm_gotmpl_list;

/* Plain text, already trimmed by `{{-`/`-}}`. Also used for comments (kept only with
 * CELM_GOTMPL_PARSE_COMMENTS), where `text` is the comment including its slash-star markers. */
typedef struct celm_gotmpl_text {
    celm_gotmpl_node node;
    celm_gotmpl_slice text;
} celm_gotmpl_text;

typedef struct celm_gotmpl_variable celm_gotmpl_variable;
typedef struct celm_gotmpl_command celm_gotmpl_command;

/* `$a, $b := cmd | cmd`: optional declarations (or assignments, with `=`), then commands. */
typedef struct celm_gotmpl_pipe {
    celm_gotmpl_node node;
    uint8_t is_assign;          /* `=` rather than `:=` */
    uint32_t decl_count;
    uint32_t command_count;     /* >= 1 */
    celm_gotmpl_variable **decls;
    celm_gotmpl_command **commands;
} celm_gotmpl_pipe;

/* {{pipeline}}: an action that prints its value. */
typedef struct celm_gotmpl_action {
    celm_gotmpl_node node;
    celm_gotmpl_pipe *pipe;
} celm_gotmpl_action;

/* One stage of a pipeline: an operand followed by its arguments. An argument that is itself a
 * parenthesized pipeline is a celm_gotmpl_pipe node. */
struct celm_gotmpl_command {
    celm_gotmpl_node node;
    uint32_t arg_count;         /* >= 1 */
    celm_gotmpl_node **args;
};

/* A function name; `function` is what the lookup callback returned for it (NULL if none). */
typedef struct celm_gotmpl_identifier {
    celm_gotmpl_node node;
    celm_gotmpl_slice name;
    const void *function;
} celm_gotmpl_identifier;

/* `$x.a.b`: names[0] is the variable with its `$` ("$" alone is the root variable), then fields.
 * `scope_slot` is the index of the declaration on the parser's variable stack, which is also
 * where Go's executor finds it on its own stack unless a lazy `and`/`or` skipped a declaration;
 * an executor using it must still check the name there. */
struct celm_gotmpl_variable {
    celm_gotmpl_node node;
    uint32_t name_count;        /* >= 1 */
    uint32_t scope_slot;
    celm_gotmpl_slice *names;
};

/* `.a.b.c`: the field names without their dots. */
typedef struct celm_gotmpl_field {
    celm_gotmpl_node node;
    uint32_t name_count;        /* >= 1 */
    celm_gotmpl_slice *names;
} celm_gotmpl_field;

/* A term followed by field accesses, when the term is neither a field nor a variable:
 * `(pipeline).a.b` or `fn.a`. */
typedef struct celm_gotmpl_chain {
    celm_gotmpl_node node;
    celm_gotmpl_node *operand;  /* a pipe or an identifier */
    uint32_t field_count;       /* >= 1 */
    celm_gotmpl_slice *fields;
} celm_gotmpl_chain;

typedef struct celm_gotmpl_bool {
    celm_gotmpl_node node;
    uint8_t value;
} celm_gotmpl_bool;

/* Which representations a number constant has (Go's NumberNode Is* flags). */
enum celm_gotmpl_number_flags {
    CELM_GOTMPL_NUMBER_INT = 1u << 0,
    CELM_GOTMPL_NUMBER_UINT = 1u << 1,
    CELM_GOTMPL_NUMBER_FLOAT = 1u << 2,
    CELM_GOTMPL_NUMBER_COMPLEX = 1u << 3
};

/* A number or character constant, valued under every type that represents it exactly. */
typedef struct celm_gotmpl_number {
    celm_gotmpl_node node;
    uint8_t flags;              /* celm_gotmpl_number_flags */
    int64_t int64;
    uint64_t uint64;
    double float64;
    double complex_real;
    double complex_imag;
    celm_gotmpl_slice text;     /* as written: "0x1F", "'a'", "1+2i" */
} celm_gotmpl_number;

/* A string constant: `quoted` as written (with its quotes), `value` after Go's unquoting. */
typedef struct celm_gotmpl_string {
    celm_gotmpl_node node;
    celm_gotmpl_slice quoted;
    celm_gotmpl_slice value;
} celm_gotmpl_string;

/* if, range and with. `else_list` is NULL without {{else}}; `{{else if x}}` (or `else with`) is
 * an else list holding a single if (with) node, as in Go. */
typedef struct celm_gotmpl_branch {
    celm_gotmpl_node node;
    celm_gotmpl_pipe *pipe;
    celm_gotmpl_list *list;
    celm_gotmpl_list *else_list;
} celm_gotmpl_branch;

/* {{template "name" pipeline}}; {{block}} leaves one of these plus a defined tree. */
typedef struct celm_gotmpl_template_call {
    celm_gotmpl_node node;
    celm_gotmpl_slice name;     /* unquoted */
    celm_gotmpl_pipe *pipe;     /* NULL when no argument is given */
} celm_gotmpl_template_call;

/* One template: a file's main body or a {{define}}/{{block}} body. */
typedef struct celm_gotmpl_tree {
    celm_gotmpl_slice name;         /* the template's name */
    celm_gotmpl_slice parse_name;   /* the name of the file it was parsed from, for messages */
    celm_gotmpl_slice text;         /* the whole file text (shared by all trees of the file) */
    celm_gotmpl_list *root;
} celm_gotmpl_tree;

#endif
