/* tree_dump.c: the structural dump of a template tree that tests compare with Go's (gotree/main.go). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tree_dump.h"

static void dump_list(celm_gotmpl_sink *sink, const celm_gotmpl_list *list)
{
    if (!list) {
        celm_gotmpl_sink_puts(sink, "nil");
        return;
    }
    tree_dump(sink, &list->node);
}

static void at(celm_gotmpl_sink *sink, const char *kind, const celm_gotmpl_node *node)
{
    celm_gotmpl_sink_printf(sink, "%s@%" PRIu32 ":%" PRIu32, kind, node->offset, node->line);
}

static void open_node(celm_gotmpl_sink *sink, const char *kind, const celm_gotmpl_node *node)
{
    celm_gotmpl_sink_putc(sink, '(');
    at(sink, kind, node);
}

static void names(celm_gotmpl_sink *sink, const celm_gotmpl_slice *list, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++) {
        if (i > 0)
            celm_gotmpl_sink_putc(sink, '|');
        celm_gotmpl_sink_write(sink, list[i].data, list[i].len);
    }
}

static uint64_t bits(double value)
{
    uint64_t out;
    memcpy(&out, &value, sizeof out);
    return out;
}

static void dump_number(celm_gotmpl_sink *sink, const celm_gotmpl_number *number)
{
    open_node(sink, "number", &number->node);
    celm_gotmpl_sink_putc(sink, ' ');
    celm_gotmpl_sink_write(sink, number->text.data, number->text.len);
    celm_gotmpl_sink_putc(sink, ' ');
    if (number->flags & CELM_GOTMPL_NUMBER_INT)
        celm_gotmpl_sink_putc(sink, 'I');
    if (number->flags & CELM_GOTMPL_NUMBER_UINT)
        celm_gotmpl_sink_putc(sink, 'U');
    if (number->flags & CELM_GOTMPL_NUMBER_FLOAT)
        celm_gotmpl_sink_putc(sink, 'F');
    if (number->flags & CELM_GOTMPL_NUMBER_COMPLEX)
        celm_gotmpl_sink_putc(sink, 'C');
    celm_gotmpl_sink_printf(sink, " int=%" PRId64 " uint=%" PRIu64 " float=%016" PRIx64
                            " complex=%016" PRIx64 ",%016" PRIx64 ")",
                            number->int64, number->uint64, bits(number->float64),
                            bits(number->complex_real), bits(number->complex_imag));
}

static void dump_pipe(celm_gotmpl_sink *sink, const celm_gotmpl_pipe *pipe)
{
    open_node(sink, "pipe", &pipe->node);
    celm_gotmpl_sink_puts(sink, pipe->decl_count == 0 ? " - (" : pipe->is_assign ? " = (" : " := (");
    for (uint32_t i = 0; i < pipe->decl_count; i++) {
        if (i > 0)
            celm_gotmpl_sink_putc(sink, ' ');
        tree_dump(sink, &pipe->decls[i]->node);
    }
    celm_gotmpl_sink_putc(sink, ')');
    for (uint32_t i = 0; i < pipe->command_count; i++) {
        celm_gotmpl_sink_putc(sink, ' ');
        tree_dump(sink, &pipe->commands[i]->node);
    }
    celm_gotmpl_sink_putc(sink, ')');
}

static void dump_branch(celm_gotmpl_sink *sink, const char *kind, const celm_gotmpl_branch *branch)
{
    open_node(sink, kind, &branch->node);
    celm_gotmpl_sink_putc(sink, ' ');
    dump_pipe(sink, branch->pipe);
    celm_gotmpl_sink_putc(sink, ' ');
    dump_list(sink, branch->list);
    celm_gotmpl_sink_putc(sink, ' ');
    dump_list(sink, branch->else_list);
    celm_gotmpl_sink_putc(sink, ')');
}

static void dump_children(celm_gotmpl_sink *sink, const char *kind, const celm_gotmpl_node *node,
                          celm_gotmpl_node *const *children, uint32_t count)
{
    open_node(sink, kind, node);
    for (uint32_t i = 0; i < count; i++) {
        celm_gotmpl_sink_putc(sink, ' ');
        tree_dump(sink, children[i]);
    }
    celm_gotmpl_sink_putc(sink, ')');
}

static void dump_text(celm_gotmpl_sink *sink, const char *kind, const celm_gotmpl_node *node)
{
    const celm_gotmpl_text *text = (const celm_gotmpl_text *)node;
    open_node(sink, kind, node);
    celm_gotmpl_sink_putc(sink, ' ');
    celm_gotmpl_quote(sink, text->text.data, text->text.len);
    celm_gotmpl_sink_putc(sink, ')');
}

static void dump_leaf(celm_gotmpl_sink *sink, const celm_gotmpl_node *node)
{
    switch (node->kind) {
    case CELM_GOTMPL_NODE_DOT: at(sink, "dot", node); break;
    case CELM_GOTMPL_NODE_NIL: at(sink, "nil", node); break;
    case CELM_GOTMPL_NODE_BREAK: at(sink, "break", node); break;
    case CELM_GOTMPL_NODE_CONTINUE: at(sink, "continue", node); break;
    case CELM_GOTMPL_NODE_BOOL:
        open_node(sink, "bool", node);
        celm_gotmpl_sink_puts(sink, ((const celm_gotmpl_bool *)node)->value ? " true)" : " false)");
        break;
    case CELM_GOTMPL_NODE_NUMBER: dump_number(sink, (const celm_gotmpl_number *)node); break;
    case CELM_GOTMPL_NODE_STRING: {
        const celm_gotmpl_string *string = (const celm_gotmpl_string *)node;
        open_node(sink, "string", node);
        celm_gotmpl_sink_putc(sink, ' ');
        celm_gotmpl_sink_write(sink, string->quoted.data, string->quoted.len);
        celm_gotmpl_sink_putc(sink, ' ');
        celm_gotmpl_quote(sink, string->value.data, string->value.len);
        celm_gotmpl_sink_putc(sink, ')');
        break;
    }
    case CELM_GOTMPL_NODE_IDENTIFIER: {
        const celm_gotmpl_identifier *identifier = (const celm_gotmpl_identifier *)node;
        open_node(sink, "identifier", node);
        celm_gotmpl_sink_putc(sink, ' ');
        celm_gotmpl_sink_write(sink, identifier->name.data, identifier->name.len);
        celm_gotmpl_sink_putc(sink, ')');
        break;
    }
    default: celm_gotmpl_sink_printf(sink, "(unknown kind %d)", node->kind); break;
    }
}

void tree_dump(celm_gotmpl_sink *sink, const celm_gotmpl_node *node)
{
    switch (node->kind) {
    case CELM_GOTMPL_NODE_LIST: {
        const celm_gotmpl_list *list = (const celm_gotmpl_list *)node;
        dump_children(sink, "list", node, list->items, list->count);
        break;
    }
    case CELM_GOTMPL_NODE_COMMAND: {
        const celm_gotmpl_command *command = (const celm_gotmpl_command *)node;
        dump_children(sink, "command", node, command->args, command->arg_count);
        break;
    }
    case CELM_GOTMPL_NODE_TEXT: dump_text(sink, "text", node); break;
    case CELM_GOTMPL_NODE_COMMENT: dump_text(sink, "comment", node); break;
    case CELM_GOTMPL_NODE_ACTION:
        open_node(sink, "action", node);
        celm_gotmpl_sink_putc(sink, ' ');
        dump_pipe(sink, ((const celm_gotmpl_action *)node)->pipe);
        celm_gotmpl_sink_putc(sink, ')');
        break;
    case CELM_GOTMPL_NODE_PIPE: dump_pipe(sink, (const celm_gotmpl_pipe *)node); break;
    case CELM_GOTMPL_NODE_VARIABLE: {
        const celm_gotmpl_variable *variable = (const celm_gotmpl_variable *)node;
        open_node(sink, "variable", node);
        celm_gotmpl_sink_putc(sink, ' ');
        names(sink, variable->names, variable->name_count);
        celm_gotmpl_sink_putc(sink, ')');
        break;
    }
    case CELM_GOTMPL_NODE_FIELD: {
        const celm_gotmpl_field *field = (const celm_gotmpl_field *)node;
        open_node(sink, "field", node);
        celm_gotmpl_sink_putc(sink, ' ');
        names(sink, field->names, field->name_count);
        celm_gotmpl_sink_putc(sink, ')');
        break;
    }
    case CELM_GOTMPL_NODE_CHAIN: {
        const celm_gotmpl_chain *chain = (const celm_gotmpl_chain *)node;
        open_node(sink, "chain", node);
        celm_gotmpl_sink_putc(sink, ' ');
        tree_dump(sink, chain->operand);
        celm_gotmpl_sink_putc(sink, ' ');
        names(sink, chain->fields, chain->field_count);
        celm_gotmpl_sink_putc(sink, ')');
        break;
    }
    case CELM_GOTMPL_NODE_IF: dump_branch(sink, "if", (const celm_gotmpl_branch *)node); break;
    case CELM_GOTMPL_NODE_RANGE: dump_branch(sink, "range", (const celm_gotmpl_branch *)node); break;
    case CELM_GOTMPL_NODE_WITH: dump_branch(sink, "with", (const celm_gotmpl_branch *)node); break;
    case CELM_GOTMPL_NODE_TEMPLATE: {
        const celm_gotmpl_template_call *call = (const celm_gotmpl_template_call *)node;
        open_node(sink, "template", node);
        celm_gotmpl_sink_putc(sink, ' ');
        celm_gotmpl_quote(sink, call->name.data, call->name.len);
        celm_gotmpl_sink_putc(sink, ' ');
        if (call->pipe)
            dump_pipe(sink, call->pipe);
        else
            celm_gotmpl_sink_puts(sink, "nil");
        celm_gotmpl_sink_putc(sink, ')');
        break;
    }
    default: dump_leaf(sink, node); break;
    }
}

void test_text_append(test_text *text, const char *bytes, size_t len)
{
    char *data = realloc(text->data, text->len + len + 1);
    if (!data)
        abort();
    memcpy(data + text->len, bytes, len);
    text->data = data;
    text->len += len;
    text->data[text->len] = '\0';
}

void test_text_append_quoted(test_text *text, const char *bytes, size_t len)
{
    size_t capacity = 10 * len + 3;
    char *buffer = malloc(capacity);
    if (!buffer)
        abort();
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(buffer, capacity);
    celm_gotmpl_quote(&sink, bytes, len);
    test_text_append(text, buffer, sink.len);
    free(buffer);
}

void test_text_append_node(test_text *text, const celm_gotmpl_node *node, int as_dump, unsigned flags)
{
    size_t capacity = 4096;
    for (;;) {
        char *buffer = malloc(capacity);
        if (!buffer)
            abort();
        size_t needed;
        if (as_dump) {
            celm_gotmpl_sink sink = celm_gotmpl_sink_over(buffer, capacity);
            tree_dump(&sink, node);
            needed = sink.len;
        } else {
            needed = celm_gotmpl_node_format(node, flags, buffer, capacity);
        }
        if (needed < capacity) {
            test_text_append(text, buffer, needed);
            free(buffer);
            return;
        }
        free(buffer);
        capacity = needed + 1;
    }
}

void test_text_free(test_text *text)
{
    free(text->data);
    text->data = NULL;
    text->len = 0;
}
