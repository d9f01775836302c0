/* gotmpl_pipeline.c: parsing pipelines: variable declarations, commands, operands, field chains
 * and terms (Go's pipeline, command, operand and term). */
#include <string.h>

#include "gotmpl_number.h"
#include "gotmpl_parser.h"
#include "gotmpl_text.h"

static int is_type(const celm_gotmpl_item *token, celm_gotmpl_item_type type)
{
    return token->type == type;
}

static int slice_equal(celm_gotmpl_slice a, celm_gotmpl_slice b)
{
    return a.len == b.len && memcmp(a.data, b.data, a.len) == 0;
}

static celm_gotmpl_variable *new_variable(celm_gotmpl_parser *p, const celm_gotmpl_item *at,
                                          celm_gotmpl_slice *names, uint32_t count, uint32_t scope_slot)
{
    celm_gotmpl_variable *variable = (celm_gotmpl_variable *)celm_gotmpl_parser_node(
        p, sizeof *variable, CELM_GOTMPL_NODE_VARIABLE, at);
    variable->names = names;
    variable->name_count = count;
    variable->scope_slot = scope_slot;
    return variable;
}

/* `$x` in a declaration: it enters the scope, no matter whether it existed. */
static void declare(celm_gotmpl_parser *p, const celm_gotmpl_item *token)
{
    celm_gotmpl_slice *name = celm_gotmpl_parser_alloc(p, sizeof *name);
    name->data = token->text;
    name->len = token->len;
    uint32_t slot = (uint32_t)(p->variables.count - p->state->vars_base);
    celm_gotmpl_variable *variable = new_variable(p, token, name, 1, slot);
    celm_gotmpl_parser_push(p, &p->nodes, &variable, sizeof variable);
    celm_gotmpl_parser_push(p, &p->variables, name, sizeof *name);
}

/* The declarations that may open a pipeline: `$x :=`, `$x =`, and in range `$i, $v :=`. */
CELM_GOTMPL_LEAF static void parse_declarations(celm_gotmpl_parser *p, celm_gotmpl_pipe *pipe,
                                                const char *context)
{
    size_t base = p->nodes.count;
    for (;;) {
        if (celm_gotmpl_parser_peek_non_space_type(p) != CELM_GOTMPL_ITEM_VARIABLE)
            break;
        celm_gotmpl_item variable = *celm_gotmpl_parser_next(p);
        /* "$x foo" needs the token after the variable pushed back, space included. */
        celm_gotmpl_item after = *celm_gotmpl_parser_peek(p);
        const celm_gotmpl_item *next = celm_gotmpl_parser_peek_non_space(p);
        if (is_type(next, CELM_GOTMPL_ITEM_ASSIGN) || is_type(next, CELM_GOTMPL_ITEM_DECLARE)) {
            pipe->is_assign = is_type(next, CELM_GOTMPL_ITEM_ASSIGN);
            celm_gotmpl_parser_next_non_space(p);
            declare(p, &variable);
        } else if (is_type(next, CELM_GOTMPL_ITEM_CHAR) && next->len == 1 && next->text[0] == ',') {
            celm_gotmpl_parser_next_non_space(p);
            declare(p, &variable);
            if (strcmp(context, "range") == 0 && p->nodes.count - base < 2) {
                celm_gotmpl_item_type following = celm_gotmpl_parser_peek_non_space_type(p);
                if (following == CELM_GOTMPL_ITEM_VARIABLE || following == CELM_GOTMPL_ITEM_RIGHT_DELIM ||
                    following == CELM_GOTMPL_ITEM_RIGHT_PAREN)
                    continue;   /* the second variable of a range */
                celm_gotmpl_parser_fail(p, "range can only initialize variables");
            }
            celm_gotmpl_parser_fail(p, "too many declarations in %s", context);
        } else if (after.type == CELM_GOTMPL_ITEM_SPACE) {
            celm_gotmpl_parser_backup3(p, &variable, &after);
        } else {
            celm_gotmpl_parser_backup2(p, &variable);
        }
        break;
    }
    pipe->decls = celm_gotmpl_parser_pop_array(p, &p->nodes, base, sizeof(celm_gotmpl_node *),
                                               &pipe->decl_count);
}

/* Only the first command of a pipeline may start with a constant or dot. */
CELM_GOTMPL_LEAF static void check_pipeline(celm_gotmpl_parser *p, const celm_gotmpl_pipe *pipe,
                                            const char *context)
{
    if (pipe->command_count == 0)
        celm_gotmpl_parser_fail(p, "missing value for %s", context);
    for (uint32_t i = 1; i < pipe->command_count; i++) {
        switch (pipe->commands[i]->args[0]->kind) {
        case CELM_GOTMPL_NODE_BOOL:
        case CELM_GOTMPL_NODE_DOT:
        case CELM_GOTMPL_NODE_NIL:
        case CELM_GOTMPL_NODE_NUMBER:
        case CELM_GOTMPL_NODE_STRING:
            celm_gotmpl_parser_fail(p, "non executable command in pipeline stage %u", (unsigned)i + 1);
        default:
            break;
        }
    }
}

static int starts_operand(celm_gotmpl_item_type type)
{
    switch (type) {
    case CELM_GOTMPL_ITEM_BOOL: case CELM_GOTMPL_ITEM_CHAR_CONSTANT: case CELM_GOTMPL_ITEM_COMPLEX:
    case CELM_GOTMPL_ITEM_DOT: case CELM_GOTMPL_ITEM_FIELD: case CELM_GOTMPL_ITEM_IDENTIFIER:
    case CELM_GOTMPL_ITEM_NUMBER: case CELM_GOTMPL_ITEM_NIL: case CELM_GOTMPL_ITEM_RAW_STRING:
    case CELM_GOTMPL_ITEM_STRING: case CELM_GOTMPL_ITEM_VARIABLE: case CELM_GOTMPL_ITEM_LEFT_PAREN:
        return 1;
    default:
        return 0;
    }
}

static celm_gotmpl_command *parse_command(celm_gotmpl_parser *p);

celm_gotmpl_pipe *celm_gotmpl_parse_pipeline(celm_gotmpl_parser *p, const char *context,
                                             celm_gotmpl_item_type end)
{
    celm_gotmpl_pipe *pipe = (celm_gotmpl_pipe *)celm_gotmpl_parser_node_here(p, sizeof *pipe,
                                                                             CELM_GOTMPL_NODE_PIPE);
    parse_declarations(p, pipe, context);
    size_t base = p->nodes.count;
    for (;;) {
        celm_gotmpl_item_type type = celm_gotmpl_parser_next_non_space_type(p);
        if (type == end)
            break;
        if (!starts_operand(type))
            celm_gotmpl_parser_unexpected_current(p, context);
        celm_gotmpl_parser_backup(p);
        celm_gotmpl_parser_push_node(p, &parse_command(p)->node);
    }
    pipe->commands = celm_gotmpl_parser_pop_array(p, &p->nodes, base, sizeof(celm_gotmpl_node *),
                                                  &pipe->command_count);
    check_pipeline(p, pipe, context);
    return pipe;
}

static celm_gotmpl_node *parse_operand(celm_gotmpl_parser *p);

/* Space-separated operands up to a `|` (consumed) or a closing delimiter or paren (left). */
static celm_gotmpl_command *parse_command(celm_gotmpl_parser *p)
{
    celm_gotmpl_command *command = (celm_gotmpl_command *)celm_gotmpl_parser_node_here(
        p, sizeof *command, CELM_GOTMPL_NODE_COMMAND);
    size_t base = p->nodes.count;
    for (;;) {
        celm_gotmpl_parser_peek_non_space_type(p);
        celm_gotmpl_node *operand = parse_operand(p);
        if (operand)
            celm_gotmpl_parser_push_node(p, operand);
        celm_gotmpl_item_type type = celm_gotmpl_parser_next_type(p);
        if (type == CELM_GOTMPL_ITEM_SPACE)
            continue;
        if (type == CELM_GOTMPL_ITEM_RIGHT_DELIM || type == CELM_GOTMPL_ITEM_RIGHT_PAREN)
            celm_gotmpl_parser_backup(p);
        else if (type != CELM_GOTMPL_ITEM_PIPE)
            celm_gotmpl_parser_unexpected_current(p, "operand");
        break;
    }
    if (p->nodes.count == base)
        celm_gotmpl_parser_fail(p, "empty command");
    command->args = celm_gotmpl_parser_pop_array(p, &p->nodes, base, sizeof(celm_gotmpl_node *),
                                                 &command->arg_count);
    return command;
}

static celm_gotmpl_node *parse_term(celm_gotmpl_parser *p);

/* Concatenates a field's or variable's own names with the chain's names. */
static celm_gotmpl_slice *joined_names(celm_gotmpl_parser *p, const celm_gotmpl_slice *head,
                                       uint32_t head_count, size_t chain_base, uint32_t *count)
{
    uint32_t chain_count = (uint32_t)(p->names.count - chain_base);
    celm_gotmpl_slice *names = celm_gotmpl_parser_alloc(p, (head_count + chain_count) * sizeof *names);
    if (head_count)
        memcpy(names, head, head_count * sizeof *names);
    memcpy(names + head_count, (celm_gotmpl_slice *)p->names.items + chain_base,
           chain_count * sizeof *names);
    p->names.count = chain_base;
    *count = head_count + chain_count;
    return names;
}

/* `term.field.field`: fields go onto a field or variable, a literal takes none, anything else
 * becomes a chain. The node is placed at the first trailing field, as in Go. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *apply_fields(celm_gotmpl_parser *p, celm_gotmpl_node *term,
                                                       const celm_gotmpl_item *at, size_t chain_base)
{
    uint32_t count;
    if (term->kind == CELM_GOTMPL_NODE_FIELD) {
        celm_gotmpl_field *field = (celm_gotmpl_field *)term;
        celm_gotmpl_slice *names = joined_names(p, field->names, field->name_count, chain_base, &count);
        field = (celm_gotmpl_field *)celm_gotmpl_parser_node(p, sizeof *field, CELM_GOTMPL_NODE_FIELD, at);
        field->names = names;
        field->name_count = count;
        return &field->node;
    }
    if (term->kind == CELM_GOTMPL_NODE_VARIABLE) {
        celm_gotmpl_variable *variable = (celm_gotmpl_variable *)term;
        celm_gotmpl_slice *names = joined_names(p, variable->names, variable->name_count, chain_base, &count);
        return &new_variable(p, at, names, count, variable->scope_slot)->node;
    }
    if (term->kind == CELM_GOTMPL_NODE_BOOL || term->kind == CELM_GOTMPL_NODE_STRING ||
        term->kind == CELM_GOTMPL_NODE_NUMBER || term->kind == CELM_GOTMPL_NODE_NIL ||
        term->kind == CELM_GOTMPL_NODE_DOT) {
        char *text = p->scratch[0];
        size_t len = celm_gotmpl_node_format(term, 0, text, sizeof p->scratch[0]);
        celm_gotmpl_sink sink = celm_gotmpl_sink_over(p->scratch[1], sizeof p->scratch[1]);
        celm_gotmpl_quote(&sink, text, len < sizeof p->scratch[0] ? len : sizeof p->scratch[0] - 1);
        celm_gotmpl_parser_fail(p, "unexpected . after term %s", celm_gotmpl_sink_text(&sink));
    }
    celm_gotmpl_chain *chain = (celm_gotmpl_chain *)celm_gotmpl_parser_node(p, sizeof *chain,
                                                                           CELM_GOTMPL_NODE_CHAIN, at);
    chain->operand = term;
    chain->fields = joined_names(p, NULL, 0, chain_base, &chain->field_count);
    return &chain->node;
}

/* The fields directly after a term, applied to it. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *trailing_fields(celm_gotmpl_parser *p, celm_gotmpl_node *term)
{
    celm_gotmpl_item at = *celm_gotmpl_parser_peek(p);
    size_t chain_base = p->names.count;
    while (celm_gotmpl_parser_peek_type(p) == CELM_GOTMPL_ITEM_FIELD) {
        const celm_gotmpl_item *field = celm_gotmpl_parser_next(p);
        celm_gotmpl_slice name = {field->text + 1, field->len - 1};
        celm_gotmpl_parser_push(p, &p->names, &name, sizeof name);
    }
    return apply_fields(p, term, &at, chain_base);
}

/* A term and the fields directly after it; NULL when the next token starts no term. */
static celm_gotmpl_node *parse_operand(celm_gotmpl_parser *p)
{
    celm_gotmpl_node *term = parse_term(p);
    if (!term || celm_gotmpl_parser_peek_type(p) != CELM_GOTMPL_ITEM_FIELD)
        return term;
    return trailing_fields(p, term);
}

/* A variable reference: it must be in scope; the innermost declaration of that name wins. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *use_variable(celm_gotmpl_parser *p, const celm_gotmpl_item *token)
{
    celm_gotmpl_slice name = {token->text, token->len};
    const celm_gotmpl_slice *scope = p->variables.items;
    for (size_t i = p->variables.count; i > p->state->vars_base; i--) {
        if (slice_equal(scope[i - 1], name)) {
            celm_gotmpl_slice *names = celm_gotmpl_parser_alloc(p, sizeof *names);
            *names = name;
            return &new_variable(p, token, names, 1, (uint32_t)(i - 1 - p->state->vars_base))->node;
        }
    }
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(p->scratch[0], sizeof p->scratch[0]);
    celm_gotmpl_quote(&sink, token->text, token->len);
    celm_gotmpl_parser_fail(p, "undefined variable %s", celm_gotmpl_sink_text(&sink));
}

CELM_GOTMPL_LEAF static celm_gotmpl_node *function_name(celm_gotmpl_parser *p, const celm_gotmpl_item *token)
{
    const void *function = NULL;
    int defined = p->options.lookup &&
                  p->options.lookup(p->options.lookup_payload, token->text, token->len, &function);
    if (!defined && !(p->options.flags & CELM_GOTMPL_SKIP_FUNCTION_CHECK)) {
        celm_gotmpl_sink sink = celm_gotmpl_sink_over(p->scratch[0], sizeof p->scratch[0]);
        celm_gotmpl_quote(&sink, token->text, token->len);
        celm_gotmpl_parser_fail(p, "function %s not defined", celm_gotmpl_sink_text(&sink));
    }
    celm_gotmpl_identifier *identifier = (celm_gotmpl_identifier *)celm_gotmpl_parser_node(
        p, sizeof *identifier, CELM_GOTMPL_NODE_IDENTIFIER, token);
    identifier->name.data = token->text;
    identifier->name.len = token->len;
    identifier->function = defined ? function : NULL;
    return &identifier->node;
}

CELM_GOTMPL_LEAF static celm_gotmpl_node *number_constant(celm_gotmpl_parser *p,
                                                          const celm_gotmpl_item *token)
{
    celm_gotmpl_number *number = (celm_gotmpl_number *)celm_gotmpl_parser_node(
        p, sizeof *number, CELM_GOTMPL_NODE_NUMBER, token);
    celm_gotmpl_number_syntax syntax = CELM_GOTMPL_NUMBER_PLAIN;
    if (token->type == CELM_GOTMPL_ITEM_CHAR_CONSTANT)
        syntax = CELM_GOTMPL_NUMBER_CHARACTER;
    else if (token->type == CELM_GOTMPL_ITEM_COMPLEX)
        syntax = CELM_GOTMPL_NUMBER_PAIR;
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(p->scratch[0], sizeof p->scratch[0]);
    if (celm_gotmpl_number_evaluate(number, token->text, token->len, syntax, &sink) < 0)
        celm_gotmpl_parser_fail(p, "%s", celm_gotmpl_sink_text(&sink));
    return &number->node;
}

static celm_gotmpl_node *parenthesized(celm_gotmpl_parser *p)
{
    uint32_t limit = p->options.max_paren_depth ? p->options.max_paren_depth : CELM_GOTMPL_MAX_PAREN_DEPTH;
    if (p->state->paren_depth >= limit)
        celm_gotmpl_parser_fail(p, "max expression depth exceeded");
    p->state->paren_depth++;
    celm_gotmpl_pipe *pipe = celm_gotmpl_parse_pipeline(p, "parenthesized pipeline",
                                                        CELM_GOTMPL_ITEM_RIGHT_PAREN);
    p->state->paren_depth--;
    return &pipe->node;
}

/* Every term but a parenthesized pipeline; NULL (with the token pushed back) when none starts here. */
CELM_GOTMPL_LEAF static celm_gotmpl_node *simple_term(celm_gotmpl_parser *p)
{
    const celm_gotmpl_item *token = celm_gotmpl_parser_current(p);
    switch (token->type) {
    case CELM_GOTMPL_ITEM_IDENTIFIER:
        return function_name(p, token);
    case CELM_GOTMPL_ITEM_DOT:
        return celm_gotmpl_parser_node(p, sizeof(celm_gotmpl_node), CELM_GOTMPL_NODE_DOT, token);
    case CELM_GOTMPL_ITEM_NIL:
        return celm_gotmpl_parser_node(p, sizeof(celm_gotmpl_node), CELM_GOTMPL_NODE_NIL, token);
    case CELM_GOTMPL_ITEM_VARIABLE:
        return use_variable(p, token);
    case CELM_GOTMPL_ITEM_FIELD: {
        celm_gotmpl_field *field = (celm_gotmpl_field *)celm_gotmpl_parser_node(
            p, sizeof *field, CELM_GOTMPL_NODE_FIELD, token);
        field->names = celm_gotmpl_parser_alloc(p, sizeof *field->names);
        field->names[0] = (celm_gotmpl_slice){token->text + 1, token->len - 1};
        field->name_count = 1;
        return &field->node;
    }
    case CELM_GOTMPL_ITEM_BOOL: {
        celm_gotmpl_bool *boolean = (celm_gotmpl_bool *)celm_gotmpl_parser_node(
            p, sizeof *boolean, CELM_GOTMPL_NODE_BOOL, token);
        boolean->value = token->len == 4 && memcmp(token->text, "true", 4) == 0;
        return &boolean->node;
    }
    case CELM_GOTMPL_ITEM_CHAR_CONSTANT:
    case CELM_GOTMPL_ITEM_COMPLEX:
    case CELM_GOTMPL_ITEM_NUMBER:
        return number_constant(p, token);
    case CELM_GOTMPL_ITEM_STRING:
    case CELM_GOTMPL_ITEM_RAW_STRING: {
        celm_gotmpl_slice value = celm_gotmpl_parse_unquote(p, token);
        celm_gotmpl_string *string = (celm_gotmpl_string *)celm_gotmpl_parser_node(
            p, sizeof *string, CELM_GOTMPL_NODE_STRING, token);
        string->quoted = (celm_gotmpl_slice){token->text, token->len};
        string->value = value;
        return &string->node;
    }
    default:
        celm_gotmpl_parser_backup(p);
        return NULL;
    }
}

static celm_gotmpl_node *parse_term(celm_gotmpl_parser *p)
{
    if (celm_gotmpl_parser_next_non_space_type(p) == CELM_GOTMPL_ITEM_LEFT_PAREN)
        return parenthesized(p);
    return simple_term(p);
}
