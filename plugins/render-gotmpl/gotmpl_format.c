/* gotmpl_format.c: Go's textual forms: node String(), error positions (ErrorContext), empty trees,
 * and Helm's rewording of parse errors. */
#include <string.h>

#include "gotmpl.h"
#include "gotmpl_text.h"
#include "gotmpl_unicode.h"

static void write_node(celm_gotmpl_sink *sink, const celm_gotmpl_node *node, unsigned flags);

static void write_slice(celm_gotmpl_sink *sink, celm_gotmpl_slice slice)
{
    celm_gotmpl_sink_write(sink, slice.data, slice.len);
}

static void write_list(celm_gotmpl_sink *sink, const celm_gotmpl_list *list, unsigned flags)
{
    for (uint32_t i = 0; i < list->count; i++)
        write_node(sink, list->items[i], flags);
}

static void write_pipe(celm_gotmpl_sink *sink, const celm_gotmpl_pipe *pipe, unsigned flags)
{
    for (uint32_t i = 0; i < pipe->decl_count; i++) {
        if (i > 0)
            celm_gotmpl_sink_puts(sink, ", ");
        write_node(sink, &pipe->decls[i]->node, flags);
    }
    if (pipe->decl_count > 0)
        celm_gotmpl_sink_puts(sink, pipe->is_assign ? " = " : " := ");
    for (uint32_t i = 0; i < pipe->command_count; i++) {
        if (i > 0)
            celm_gotmpl_sink_puts(sink, " | ");
        write_node(sink, &pipe->commands[i]->node, flags);
    }
}

/* A pipeline used as an operand prints in parentheses. */
static void write_operand(celm_gotmpl_sink *sink, const celm_gotmpl_node *node, unsigned flags)
{
    if (node->kind != CELM_GOTMPL_NODE_PIPE) {
        write_node(sink, node, flags);
        return;
    }
    celm_gotmpl_sink_putc(sink, '(');
    write_pipe(sink, (const celm_gotmpl_pipe *)node, flags);
    celm_gotmpl_sink_putc(sink, ')');
}

static void write_names(celm_gotmpl_sink *sink, const celm_gotmpl_slice *names, uint32_t count,
                        int dot_first)
{
    for (uint32_t i = 0; i < count; i++) {
        if (i > 0 || dot_first)
            celm_gotmpl_sink_putc(sink, '.');
        write_slice(sink, names[i]);
    }
}

static void write_branch(celm_gotmpl_sink *sink, const celm_gotmpl_branch *branch, unsigned flags)
{
    const char *keyword = branch->node.kind == CELM_GOTMPL_NODE_IF      ? "{{if "
                          : branch->node.kind == CELM_GOTMPL_NODE_RANGE ? "{{range "
                                                                        : "{{with ";
    celm_gotmpl_sink_puts(sink, keyword);
    write_pipe(sink, branch->pipe, flags);
    celm_gotmpl_sink_puts(sink, "}}");
    write_list(sink, branch->list, flags);
    if (branch->else_list) {
        celm_gotmpl_sink_puts(sink, "{{else}}");
        write_list(sink, branch->else_list, flags);
    }
    celm_gotmpl_sink_puts(sink, "{{end}}");
}

static void write_template_call(celm_gotmpl_sink *sink, const celm_gotmpl_template_call *call,
                                unsigned flags)
{
    celm_gotmpl_sink_puts(sink, "{{template ");
    celm_gotmpl_quote(sink, call->name.data, call->name.len);
    if (call->pipe) {
        celm_gotmpl_sink_putc(sink, ' ');
        write_pipe(sink, call->pipe, flags);
    }
    celm_gotmpl_sink_puts(sink, "}}");
}

static void write_command(celm_gotmpl_sink *sink, const celm_gotmpl_command *command, unsigned flags)
{
    for (uint32_t i = 0; i < command->arg_count; i++) {
        if (i > 0)
            celm_gotmpl_sink_putc(sink, ' ');
        write_operand(sink, command->args[i], flags);
    }
}

static void write_leaf(celm_gotmpl_sink *sink, const celm_gotmpl_node *node, unsigned flags)
{
    switch (node->kind) {
    case CELM_GOTMPL_NODE_TEXT: {
        const celm_gotmpl_text *text = (const celm_gotmpl_text *)node;
        if (flags & CELM_GOTMPL_FORMAT_QUOTE_TEXT)
            celm_gotmpl_quote(sink, text->text.data, text->text.len);
        else
            write_slice(sink, text->text);
        break;
    }
    case CELM_GOTMPL_NODE_COMMENT:
        celm_gotmpl_sink_puts(sink, "{{");
        write_slice(sink, ((const celm_gotmpl_text *)node)->text);
        celm_gotmpl_sink_puts(sink, "}}");
        break;
    case CELM_GOTMPL_NODE_BOOL:
        celm_gotmpl_sink_puts(sink, ((const celm_gotmpl_bool *)node)->value ? "true" : "false");
        break;
    case CELM_GOTMPL_NODE_NUMBER: write_slice(sink, ((const celm_gotmpl_number *)node)->text); break;
    case CELM_GOTMPL_NODE_STRING: write_slice(sink, ((const celm_gotmpl_string *)node)->quoted); break;
    case CELM_GOTMPL_NODE_DOT: celm_gotmpl_sink_putc(sink, '.'); break;
    case CELM_GOTMPL_NODE_NIL: celm_gotmpl_sink_puts(sink, "nil"); break;
    case CELM_GOTMPL_NODE_END: celm_gotmpl_sink_puts(sink, "{{end}}"); break;
    case CELM_GOTMPL_NODE_ELSE: celm_gotmpl_sink_puts(sink, "{{else}}"); break;
    case CELM_GOTMPL_NODE_BREAK: celm_gotmpl_sink_puts(sink, "{{break}}"); break;
    case CELM_GOTMPL_NODE_CONTINUE: celm_gotmpl_sink_puts(sink, "{{continue}}"); break;
    case CELM_GOTMPL_NODE_IDENTIFIER:
        write_slice(sink, ((const celm_gotmpl_identifier *)node)->name);
        break;
    default: break;
    }
}

static void write_node(celm_gotmpl_sink *sink, const celm_gotmpl_node *node, unsigned flags)
{
    switch (node->kind) {
    case CELM_GOTMPL_NODE_LIST: write_list(sink, (const celm_gotmpl_list *)node, flags); break;
    case CELM_GOTMPL_NODE_ACTION:
        celm_gotmpl_sink_puts(sink, "{{");
        write_pipe(sink, ((const celm_gotmpl_action *)node)->pipe, flags);
        celm_gotmpl_sink_puts(sink, "}}");
        break;
    case CELM_GOTMPL_NODE_PIPE: write_pipe(sink, (const celm_gotmpl_pipe *)node, flags); break;
    case CELM_GOTMPL_NODE_COMMAND: write_command(sink, (const celm_gotmpl_command *)node, flags); break;
    case CELM_GOTMPL_NODE_VARIABLE: {
        const celm_gotmpl_variable *variable = (const celm_gotmpl_variable *)node;
        write_names(sink, variable->names, variable->name_count, 0);
        break;
    }
    case CELM_GOTMPL_NODE_FIELD: {
        const celm_gotmpl_field *field = (const celm_gotmpl_field *)node;
        write_names(sink, field->names, field->name_count, 1);
        break;
    }
    case CELM_GOTMPL_NODE_CHAIN: {
        const celm_gotmpl_chain *chain = (const celm_gotmpl_chain *)node;
        write_operand(sink, chain->operand, flags);
        write_names(sink, chain->fields, chain->field_count, 1);
        break;
    }
    case CELM_GOTMPL_NODE_IF:
    case CELM_GOTMPL_NODE_RANGE:
    case CELM_GOTMPL_NODE_WITH: write_branch(sink, (const celm_gotmpl_branch *)node, flags); break;
    case CELM_GOTMPL_NODE_TEMPLATE:
        write_template_call(sink, (const celm_gotmpl_template_call *)node, flags);
        break;
    default: write_leaf(sink, node, flags); break;
    }
}

size_t celm_gotmpl_node_format(const celm_gotmpl_node *node, unsigned flags, char *out, size_t capacity)
{
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(out, capacity);
    write_node(&sink, node, flags);
    return sink.len;
}

void celm_gotmpl_error_context(const celm_gotmpl_tree *tree, const celm_gotmpl_node *node,
                               uint32_t *line, uint32_t *column)
{
    uint32_t newlines = 0, line_start = 0;
    for (uint32_t i = 0; i < node->offset && i < tree->text.len; i++) {
        if (tree->text.data[i] == '\n') {
            newlines++;
            line_start = i + 1;
        }
    }
    *line = 1 + newlines;
    *column = node->offset - line_start;
}

/* bytes.TrimSpace(text) is empty: every rune is Unicode white space. */
static int is_blank(celm_gotmpl_slice text)
{
    for (size_t i = 0; i < text.len;) {
        size_t width;
        uint32_t rune = celm_gotmpl_utf8_decode(text.data + i, text.len - i, &width);
        if ((rune == CELM_GOTMPL_RUNE_ERROR && width == 1) || !celm_gotmpl_rune_is_space(rune))
            return 0;
        i += width;
    }
    return 1;
}

int celm_gotmpl_is_empty(const celm_gotmpl_node *node)
{
    if (!node)
        return 1;
    switch (node->kind) {
    case CELM_GOTMPL_NODE_COMMENT:
        return 1;
    case CELM_GOTMPL_NODE_TEXT:
        return is_blank(((const celm_gotmpl_text *)node)->text);
    case CELM_GOTMPL_NODE_LIST: {
        const celm_gotmpl_list *list = (const celm_gotmpl_list *)node;
        for (uint32_t i = 0; i < list->count; i++)
            if (!celm_gotmpl_is_empty(list->items[i]))
                return 0;
        return 1;
    }
    default:
        return 0;
    }
}

size_t celm_gotmpl_helm_parse_error(const char *file, const char *go_message, char *out, size_t capacity)
{
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(out, capacity);
    const char *first = strstr(go_message, ": ");
    if (!first) {
        celm_gotmpl_sink_printf(&sink, "parse error in (%s): %s", file, go_message);
        return sink.len;
    }
    /* The location is the second ": "-separated part, the message the last one. */
    const char *location = first + 2;
    const char *location_end = strstr(location, ": ");
    size_t location_len = location_end ? (size_t)(location_end - location) : strlen(location);
    const char *last = first;
    for (const char *hit = first; hit; hit = strstr(hit + 2, ": "))
        last = hit;
    celm_gotmpl_sink_puts(&sink, "parse error at (");
    celm_gotmpl_sink_write(&sink, location, location_len);
    celm_gotmpl_sink_puts(&sink, "): ");
    celm_gotmpl_sink_puts(&sink, last + 2);
    return sink.len;
}
