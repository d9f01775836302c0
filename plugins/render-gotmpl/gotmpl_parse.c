/* gotmpl_parse.c: parsing a template file: text and actions, if/range/with/else, define, block,
 * template, break and continue, and the file's set of trees (Go's Tree.Parse and its controls). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_parser.h"
#include "gotmpl_text.h"

static celm_gotmpl_list *parse_item_list(celm_gotmpl_parser *p);

static celm_gotmpl_tree *new_tree(celm_gotmpl_parser *p, celm_gotmpl_slice name)
{
    celm_gotmpl_tree *tree = celm_gotmpl_parser_alloc(p, sizeof *tree);
    tree->name = name;
    tree->parse_name = p->parse_name;
    tree->text = p->text;
    tree->root = NULL;
    return tree;
}

/* Starts parsing a new tree with its own lookahead and a scope holding only `$` (startParse). */
static celm_gotmpl_tree_state *enter_tree(celm_gotmpl_parser *p, celm_gotmpl_tree_state *state,
                                          celm_gotmpl_tree *tree)
{
    static const celm_gotmpl_slice root_variable = {"$", 1};
    celm_gotmpl_tree_state *outer = p->state;
    memset(state, 0, sizeof *state);
    state->tree = tree;
    state->vars_base = p->variables.count;
    p->state = state;
    celm_gotmpl_parser_push(p, &p->variables, &root_variable, sizeof root_variable);
    return outer;
}

static void leave_tree(celm_gotmpl_parser *p, celm_gotmpl_tree_state *outer)
{
    p->variables.count = p->state->vars_base;
    p->state = outer;
}

static int slice_equal(celm_gotmpl_slice a, celm_gotmpl_slice b)
{
    return a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
}

/* Go's Tree.add: a tree replaces an empty one of its name; two non-empty ones are an error. */
static void add_tree(celm_gotmpl_parser *p, celm_gotmpl_tree *tree)
{
    celm_gotmpl_tree **trees = p->trees.items;
    for (size_t i = 0; i < p->trees.count; i++) {
        if (!slice_equal(trees[i]->name, tree->name))
            continue;
        if (celm_gotmpl_is_empty(&trees[i]->root->node)) {
            trees[i] = tree;
            return;
        }
        if (celm_gotmpl_is_empty(&tree->root->node))
            return;
        celm_gotmpl_sink sink = celm_gotmpl_sink_over(p->scratch[0], sizeof p->scratch[0]);
        celm_gotmpl_quote(&sink, tree->name.data, tree->name.len);
        celm_gotmpl_parser_fail(p, "template: multiple definition of template %s",
                                celm_gotmpl_sink_text(&sink));
    }
    celm_gotmpl_parser_push(p, &p->trees, &tree, sizeof tree);
}

static const celm_gotmpl_item *expect(celm_gotmpl_parser *p, celm_gotmpl_item_type type, const char *context)
{
    const celm_gotmpl_item *token = celm_gotmpl_parser_next_non_space(p);
    if (token->type != type)
        celm_gotmpl_parser_unexpected(p, token, context);
    return token;
}

/* The node's Go String() for messages such as "unexpected {{end}}". */
static const char *node_text(celm_gotmpl_parser *p, const celm_gotmpl_node *node)
{
    celm_gotmpl_node_format(node, 0, p->scratch[1], sizeof p->scratch[1]);
    return p->scratch[1];
}

/* {{define "name"}} ... {{end}}; the `define` keyword is past. */
static void parse_definition(celm_gotmpl_parser *p)
{
    static const char context[] = "define clause";
    celm_gotmpl_tree_state state;
    celm_gotmpl_tree *tree = new_tree(p, (celm_gotmpl_slice){"definition", 10});
    celm_gotmpl_tree_state *outer = enter_tree(p, &state, tree);
    const celm_gotmpl_item *name = celm_gotmpl_parser_next_non_space(p);
    if (name->type != CELM_GOTMPL_ITEM_STRING && name->type != CELM_GOTMPL_ITEM_RAW_STRING)
        celm_gotmpl_parser_unexpected(p, name, context);
    tree->name = celm_gotmpl_parse_unquote(p, name);
    expect(p, CELM_GOTMPL_ITEM_RIGHT_DELIM, context);
    tree->root = parse_item_list(p);
    if (p->terminator->kind != CELM_GOTMPL_NODE_END)
        celm_gotmpl_parser_fail(p, "unexpected %s in %s", node_text(p, p->terminator), context);
    add_tree(p, tree);
    leave_tree(p, outer);
}

static celm_gotmpl_node *parse_action(celm_gotmpl_parser *p);

/* Text or a comment (the token just read), or the error for anything else. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *text_or_comment(celm_gotmpl_parser *p)
{
    const celm_gotmpl_item *token = celm_gotmpl_parser_current(p);
    if (token->type != CELM_GOTMPL_ITEM_TEXT && token->type != CELM_GOTMPL_ITEM_COMMENT)
        celm_gotmpl_parser_unexpected(p, token, "input");
    celm_gotmpl_node_kind kind = token->type == CELM_GOTMPL_ITEM_TEXT ? CELM_GOTMPL_NODE_TEXT
                                                                      : CELM_GOTMPL_NODE_COMMENT;
    celm_gotmpl_text *text = (celm_gotmpl_text *)celm_gotmpl_parser_node(p, sizeof *text, kind, token);
    text->text.data = token->text;
    text->text.len = token->len;
    return &text->node;
}

/* text | comment | action */
static celm_gotmpl_node *parse_text_or_action(celm_gotmpl_parser *p)
{
    if (celm_gotmpl_parser_next_non_space_type(p) != CELM_GOTMPL_ITEM_LEFT_DELIM)
        return text_or_comment(p);
    celm_gotmpl_tree_state *state = p->state;
    state->action_line = state->token[state->peek_count].line;
    celm_gotmpl_node *node = parse_action(p);
    state->action_line = 0;
    return node;
}

/* textOrAction* up to an {{end}} or {{else}}, which is left in p->terminator. */
static celm_gotmpl_list *parse_item_list(celm_gotmpl_parser *p)
{
    uint32_t limit = p->options.max_nesting_depth ? p->options.max_nesting_depth
                                                  : CELM_GOTMPL_MAX_NESTING_DEPTH;
    if (++p->nesting_depth > limit)
        celm_gotmpl_parser_fail(p, "max nesting depth exceeded");
    celm_gotmpl_list *list = (celm_gotmpl_list *)celm_gotmpl_parser_node_here(p, sizeof *list,
                                                                             CELM_GOTMPL_NODE_LIST);
    size_t base = p->nodes.count;
    while (celm_gotmpl_parser_peek_non_space_type(p) != CELM_GOTMPL_ITEM_EOF) {
        celm_gotmpl_node *node = parse_text_or_action(p);
        if (node->kind == CELM_GOTMPL_NODE_END || node->kind == CELM_GOTMPL_NODE_ELSE) {
            list->items = celm_gotmpl_parser_pop_array(p, &p->nodes, base, sizeof node, &list->count);
            p->terminator = node;
            p->nesting_depth--;
            return list;
        }
        celm_gotmpl_parser_push_node(p, node);
    }
    celm_gotmpl_parser_fail(p, "unexpected EOF");
}

/* The list after a plain {{else}}, which only {{end}} may close. */
static celm_gotmpl_list *parse_else_list(celm_gotmpl_parser *p)
{
    celm_gotmpl_list *list = parse_item_list(p);
    if (p->terminator->kind != CELM_GOTMPL_NODE_END)
        celm_gotmpl_parser_fail(p, "expected end; found %s", node_text(p, p->terminator));
    return list;
}

/* The else list that holds just the branch of an `{{else if ...}}` or `{{else with ...}}`. */
CELM_GOTMPL_LEAF static celm_gotmpl_list *chained_else_list(celm_gotmpl_parser *p,
                                                          const celm_gotmpl_node *else_node,
                                                          celm_gotmpl_node *branch)
{
    celm_gotmpl_list *list = (celm_gotmpl_list *)celm_gotmpl_parser_node_at(
        p, sizeof *list, CELM_GOTMPL_NODE_LIST, else_node->offset, else_node->line);
    list->items = celm_gotmpl_parser_alloc(p, sizeof *list->items);
    list->items[0] = branch;
    list->count = 1;
    return list;
}

/* The pipeline of an if, range or with, and the branch node placed where it starts. */
CELM_GOTMPL_LEAF static celm_gotmpl_branch *new_branch(celm_gotmpl_parser *p, celm_gotmpl_node_kind kind,
                                                     const char *context)
{
    celm_gotmpl_pipe *pipe = celm_gotmpl_parse_pipeline(p, context, CELM_GOTMPL_ITEM_RIGHT_DELIM);
    celm_gotmpl_branch *branch = (celm_gotmpl_branch *)celm_gotmpl_parser_node_at(
        p, sizeof *branch, kind, pipe->node.offset, pipe->node.line);
    branch->pipe = pipe;
    return branch;
}

/* {{if|range|with pipeline}} list [{{else}} list] {{end}}; the keyword is past. `{{else if ...}}`
 * (and `{{else with ...}}` in a with) opens a branch nested in the else list that the same {{end}}
 * closes: Go recurses for it, this loops. Variables declared inside go out of scope at the end. */
static celm_gotmpl_node *parse_branch(celm_gotmpl_parser *p, celm_gotmpl_node_kind kind, const char *context)
{
    size_t scope = p->variables.count;
    celm_gotmpl_branch *first = NULL, *previous = NULL;
    for (;;) {
        celm_gotmpl_branch *branch = new_branch(p, kind, context);
        if (previous)
            previous->else_list = chained_else_list(p, p->terminator, &branch->node);
        else
            first = branch;
        p->state->range_depth += kind == CELM_GOTMPL_NODE_RANGE;
        branch->list = parse_item_list(p);
        p->state->range_depth -= kind == CELM_GOTMPL_NODE_RANGE;
        if (p->terminator->kind == CELM_GOTMPL_NODE_END)
            break;
        celm_gotmpl_item_type next = celm_gotmpl_parser_peek_type(p);
        if (!(kind == CELM_GOTMPL_NODE_IF && next == CELM_GOTMPL_ITEM_IF) &&
            !(kind == CELM_GOTMPL_NODE_WITH && next == CELM_GOTMPL_ITEM_WITH)) {
            branch->else_list = parse_else_list(p);
            break;
        }
        celm_gotmpl_parser_next_type(p);
        previous = branch;
    }
    p->variables.count = scope;
    return &first->node;
}

/* {{else}}, or the `else` of `{{else if` / `{{else with`, whose keyword is left for the branch. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *parse_else_marker(celm_gotmpl_parser *p)
{
    const celm_gotmpl_item *peek = celm_gotmpl_parser_peek_non_space(p);
    if (peek->type == CELM_GOTMPL_ITEM_IF || peek->type == CELM_GOTMPL_ITEM_WITH)
        return celm_gotmpl_parser_node(p, sizeof(celm_gotmpl_node), CELM_GOTMPL_NODE_ELSE, peek);
    const celm_gotmpl_item *token = expect(p, CELM_GOTMPL_ITEM_RIGHT_DELIM, "else");
    return celm_gotmpl_parser_node(p, sizeof(celm_gotmpl_node), CELM_GOTMPL_NODE_ELSE, token);
}

CELM_GOTMPL_LEAF static celm_gotmpl_node *parse_end_marker(celm_gotmpl_parser *p)
{
    const celm_gotmpl_item *close = expect(p, CELM_GOTMPL_ITEM_RIGHT_DELIM, "end");
    return celm_gotmpl_parser_node(p, sizeof(celm_gotmpl_node), CELM_GOTMPL_NODE_END, close);
}

/* {{break}} and {{continue}}: only directly inside a range body. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *parse_loop_control(celm_gotmpl_parser *p)
{
    celm_gotmpl_item keyword = *celm_gotmpl_parser_current(p);
    int is_break = keyword.type == CELM_GOTMPL_ITEM_BREAK;
    const celm_gotmpl_item *token = celm_gotmpl_parser_next_non_space(p);
    if (token->type != CELM_GOTMPL_ITEM_RIGHT_DELIM)
        celm_gotmpl_parser_unexpected(p, token, is_break ? "{{break}}" : "{{continue}}");
    if (p->state->range_depth == 0)
        celm_gotmpl_parser_fail(p, "%s outside {{range}}", is_break ? "{{break}}" : "{{continue}}");
    return celm_gotmpl_parser_node(p, sizeof(celm_gotmpl_node),
                                   is_break ? CELM_GOTMPL_NODE_BREAK : CELM_GOTMPL_NODE_CONTINUE, &keyword);
}

static celm_gotmpl_slice template_name(celm_gotmpl_parser *p, const celm_gotmpl_item *token,
                                       const char *context)
{
    if (token->type != CELM_GOTMPL_ITEM_STRING && token->type != CELM_GOTMPL_ITEM_RAW_STRING)
        celm_gotmpl_parser_unexpected(p, token, context);
    return celm_gotmpl_parse_unquote(p, token);
}

static celm_gotmpl_node *new_template_call(celm_gotmpl_parser *p, const celm_gotmpl_item *at,
                                           celm_gotmpl_slice name, celm_gotmpl_pipe *pipe)
{
    celm_gotmpl_template_call *call = (celm_gotmpl_template_call *)celm_gotmpl_parser_node(
        p, sizeof *call, CELM_GOTMPL_NODE_TEMPLATE, at);
    call->name = name;
    call->pipe = pipe;
    return &call->node;
}

/* {{template "name" [pipeline]}} */
CELM_GOTMPL_LEAF static celm_gotmpl_node *parse_template_call(celm_gotmpl_parser *p)
{
    celm_gotmpl_item token = *celm_gotmpl_parser_next_non_space(p);
    celm_gotmpl_slice name = template_name(p, &token, "template clause");
    celm_gotmpl_pipe *pipe = NULL;
    if (celm_gotmpl_parser_next_non_space_type(p) != CELM_GOTMPL_ITEM_RIGHT_DELIM) {
        celm_gotmpl_parser_backup(p);
        pipe = celm_gotmpl_parse_pipeline(p, "template clause", CELM_GOTMPL_ITEM_RIGHT_DELIM);
    }
    return new_template_call(p, &token, name, pipe);
}

/* {{block "name" pipeline}} list {{end}}: defines the tree and calls it in place. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *parse_block(celm_gotmpl_parser *p)
{
    static const char context[] = "block clause";
    celm_gotmpl_item token = *celm_gotmpl_parser_next_non_space(p);
    celm_gotmpl_slice name = template_name(p, &token, context);
    celm_gotmpl_pipe *pipe = celm_gotmpl_parse_pipeline(p, context, CELM_GOTMPL_ITEM_RIGHT_DELIM);
    celm_gotmpl_tree_state state;
    celm_gotmpl_tree *tree = new_tree(p, name);
    celm_gotmpl_tree_state *outer = enter_tree(p, &state, tree);
    tree->root = parse_item_list(p);
    if (p->terminator->kind != CELM_GOTMPL_NODE_END) {
        p->state = outer;   /* Go reports this one at the outer tree's position */
        celm_gotmpl_parser_fail(p, "unexpected %s in %s", node_text(p, p->terminator), context);
    }
    add_tree(p, tree);
    leave_tree(p, outer);
    return new_template_call(p, &token, name, pipe);
}

/* {{pipeline}}: the first token is still unread. */
static celm_gotmpl_node *parse_print_action(celm_gotmpl_parser *p)
{
    celm_gotmpl_action *action = (celm_gotmpl_action *)celm_gotmpl_parser_node_here(
        p, sizeof *action, CELM_GOTMPL_NODE_ACTION);
    action->pipe = celm_gotmpl_parse_pipeline(p, "command", CELM_GOTMPL_ITEM_RIGHT_DELIM);
    return &action->node;
}

/* What follows a left delimiter: a control keyword, or a pipeline to print. */
static celm_gotmpl_node *parse_action(celm_gotmpl_parser *p)
{
    switch (celm_gotmpl_parser_next_non_space_type(p)) {
    case CELM_GOTMPL_ITEM_BLOCK: return parse_block(p);
    case CELM_GOTMPL_ITEM_BREAK:
    case CELM_GOTMPL_ITEM_CONTINUE: return parse_loop_control(p);
    case CELM_GOTMPL_ITEM_ELSE: return parse_else_marker(p);
    case CELM_GOTMPL_ITEM_END: return parse_end_marker(p);
    case CELM_GOTMPL_ITEM_IF: return parse_branch(p, CELM_GOTMPL_NODE_IF, "if");
    case CELM_GOTMPL_ITEM_RANGE: return parse_branch(p, CELM_GOTMPL_NODE_RANGE, "range");
    case CELM_GOTMPL_ITEM_TEMPLATE: return parse_template_call(p);
    case CELM_GOTMPL_ITEM_WITH: return parse_branch(p, CELM_GOTMPL_NODE_WITH, "with");
    default: break;
    }
    celm_gotmpl_parser_backup(p);
    return parse_print_action(p);
}

/* The file's main body: like an item list, but running to EOF and taking {{define}}s. */
static void parse_main(celm_gotmpl_parser *p, celm_gotmpl_tree *tree)
{
    const celm_gotmpl_item *first = celm_gotmpl_parser_peek(p);
    tree->root = (celm_gotmpl_list *)celm_gotmpl_parser_node(p, sizeof *tree->root,
                                                            CELM_GOTMPL_NODE_LIST, first);
    size_t base = p->nodes.count;
    while (celm_gotmpl_parser_peek_type(p) != CELM_GOTMPL_ITEM_EOF) {
        if (celm_gotmpl_parser_peek_type(p) == CELM_GOTMPL_ITEM_LEFT_DELIM) {
            celm_gotmpl_item delim = *celm_gotmpl_parser_next(p);
            if (celm_gotmpl_parser_next_non_space_type(p) == CELM_GOTMPL_ITEM_DEFINE) {
                parse_definition(p);
                continue;
            }
            celm_gotmpl_parser_backup2(p, &delim);
        }
        celm_gotmpl_node *node = parse_text_or_action(p);
        if (node->kind == CELM_GOTMPL_NODE_END || node->kind == CELM_GOTMPL_NODE_ELSE)
            celm_gotmpl_parser_fail(p, "unexpected %s", node_text(p, node));
        celm_gotmpl_parser_push_node(p, node);
    }
    tree->root->items = celm_gotmpl_parser_pop_array(p, &p->nodes, base, sizeof(celm_gotmpl_node *),
                                                     &tree->root->count);
}

static int has_function(const celm_gotmpl_parser *p, const char *name)
{
    const void *function = NULL;
    return p->options.lookup && p->options.lookup(p->options.lookup_payload, name, strlen(name), &function);
}

static int parse_protected(celm_gotmpl_parser *p, celm_gotmpl_tree *main_tree)
{
    if (setjmp(p->failure))
        return p->failure_code;
    celm_gotmpl_tree_state state;
    enter_tree(p, &state, main_tree);
    /* As in Go, a function named break or continue turns the keyword into a function name. */
    unsigned lex_options = (has_function(p, "break") ? 0 : CELM_GOTMPL_LEX_BREAK_KEYWORD) |
                           (has_function(p, "continue") ? 0 : CELM_GOTMPL_LEX_CONTINUE_KEYWORD);
    if (p->options.flags & CELM_GOTMPL_PARSE_COMMENTS)
        lex_options |= CELM_GOTMPL_LEX_EMIT_COMMENTS;
    celm_gotmpl_lex_init(&p->lexer, p->text.data, p->text.len, p->options.left_delimiter,
                         p->options.right_delimiter, lex_options);
    parse_main(p, main_tree);
    add_tree(p, main_tree);
    return 0;
}

static void report_failure(const celm_gotmpl_parser *p, int code, const char *name, celm_error *err)
{
    if (!err)
        return;
    p->host->error_set(err, code, "%s", p->message);
    err->line = code == CELM_EPARSE ? (int)p->failure_line : 0;
    err->column = 0;
    snprintf(err->origin, sizeof err->origin, "%s", name);
}

static char *copy_text(const celm_host *host, celm_arena *arena, const char *text, size_t len)
{
    char *copy = host->arena_alloc(arena, len + 1);
    if (copy) {
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return copy;
}

int celm_gotmpl_parse(const celm_host *host, celm_arena *arena, const char *name, const char *text,
                      size_t len, const celm_gotmpl_parse_options *options, celm_gotmpl_file *out,
                      celm_error *err)
{
    static const celm_gotmpl_parse_options defaults = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    out->trees = NULL;
    out->count = 0;
    if (len >= UINT32_MAX)
        return host->error_set(err, CELM_ELIMIT, "template %s is larger than 4 GiB", name);
    /* The message buffers at the end are written before they are read: only the rest starts zeroed. */
    celm_gotmpl_parser *p = malloc(sizeof *p);
    if (p)
        memset(p, 0, offsetof(celm_gotmpl_parser, message));
    if (p)
        p->options = options ? *options : defaults;
    int borrow = p && (p->options.flags & CELM_GOTMPL_BORROW_TEXT);
    const char *text_used = borrow ? text : copy_text(host, arena, text, len);
    char *name_copy = copy_text(host, arena, name, strlen(name));
    if (!p || !text_used || !name_copy) {
        free(p);
        return host->error_set(err, CELM_ENOMEM, "out of memory while parsing %s", name);
    }
    p->message[0] = '\0';
    p->host = host;
    p->arena = arena;
    p->text = (celm_gotmpl_slice){text_used, len};
    p->parse_name = (celm_gotmpl_slice){name_copy, strlen(name)};
    celm_gotmpl_tree *main_tree = host->arena_alloc(arena, sizeof *main_tree);
    int code = CELM_ENOMEM;
    if (main_tree) {
        *main_tree = (celm_gotmpl_tree){p->parse_name, p->parse_name, p->text, NULL};
        code = parse_protected(p, main_tree);
    }
    if (code == 0) {
        out->count = p->trees.count;
        out->trees = host->arena_alloc(arena, p->trees.count * sizeof *out->trees);
        if (out->trees)
            memcpy(out->trees, p->trees.items, p->trees.count * sizeof *out->trees);
        else
            code = CELM_ENOMEM;
    }
    if (code != 0)
        report_failure(p, code, name, err);
    free(p->nodes.items);
    free(p->names.items);
    free(p->variables.items);
    free(p->trees.items);
    free(p);
    return code;
}
