/* gotmpl_parser.c: the parser's machinery: token lookahead, error exits with Go's texts, and
 * arena allocation of nodes and exact-sized child arrays. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gotmpl_parser.h"
#include "gotmpl_text.h"
#include "gotmpl_unicode.h"

static _Noreturn void stop(celm_gotmpl_parser *p, int code)
{
    p->failure_code = code;
    longjmp(p->failure, 1);
}

void celm_gotmpl_parser_fail(celm_gotmpl_parser *p, const char *format, ...)
{
    uint32_t line = p->state->token[0].line;
    int prefix = snprintf(p->message, sizeof p->message, "template: %.*s:%u: ",
                          (int)p->parse_name.len, p->parse_name.data, (unsigned)line);
    if (prefix > 0 && (size_t)prefix < sizeof p->message) {
        va_list args;
        va_start(args, format);
        vsnprintf(p->message + prefix, sizeof p->message - (size_t)prefix, format, args);
        va_end(args);
    }
    p->failure_line = line;
    stop(p, CELM_EPARSE);
}

void celm_gotmpl_parser_out_of_memory(celm_gotmpl_parser *p)
{
    snprintf(p->message, sizeof p->message, "out of memory while parsing %.*s",
             (int)p->parse_name.len, p->parse_name.data);
    stop(p, CELM_ENOMEM);
}

/* Go's item.String(). */
static void write_item(celm_gotmpl_sink *sink, const celm_gotmpl_item *token)
{
    celm_gotmpl_item item = *token;
    if (item.type == CELM_GOTMPL_ITEM_EOF) {
        celm_gotmpl_sink_puts(sink, "EOF");
    } else if (item.type == CELM_GOTMPL_ITEM_ERROR) {
        celm_gotmpl_sink_write(sink, item.text, item.len);
    } else if (item.type > CELM_GOTMPL_ITEM_KEYWORD) {
        celm_gotmpl_sink_putc(sink, '<');
        celm_gotmpl_sink_write(sink, item.text, item.len);
        celm_gotmpl_sink_putc(sink, '>');
    } else if (item.len > 10) {
        celm_gotmpl_quote_prefix(sink, item.text, item.len, 10);
        celm_gotmpl_sink_puts(sink, "...");
    } else {
        celm_gotmpl_quote(sink, item.text, item.len);
    }
}

static int ends_with(const char *text, size_t len, const char *suffix)
{
    size_t suffix_len = strlen(suffix);
    return len >= suffix_len && memcmp(text + len - suffix_len, suffix, suffix_len) == 0;
}

void celm_gotmpl_parser_unexpected(celm_gotmpl_parser *p, const celm_gotmpl_item *token, const char *context)
{
    celm_gotmpl_sink sink = celm_gotmpl_sink_over(p->scratch[0], sizeof p->scratch[0]);
    if (token->type == CELM_GOTMPL_ITEM_ERROR) {
        write_item(&sink, token);
        uint32_t action_line = p->state->action_line;
        if (action_line != 0 && action_line != token->line) {
            /* "unclosed action started at", not "unclosed action in action started at" */
            if (!ends_with(token->text, token->len, " action"))
                celm_gotmpl_sink_puts(&sink, " in action");
            celm_gotmpl_sink_printf(&sink, " started at %.*s:%u", (int)p->parse_name.len,
                                    p->parse_name.data, (unsigned)action_line);
        }
    } else {
        celm_gotmpl_sink_puts(&sink, "unexpected ");
        write_item(&sink, token);
        celm_gotmpl_sink_printf(&sink, " in %s", context);
    }
    celm_gotmpl_parser_fail(p, "%s", celm_gotmpl_sink_text(&sink));
}

void *celm_gotmpl_parser_alloc(celm_gotmpl_parser *p, size_t size)
{
    void *memory = p->host->arena_alloc(p->arena, size ? size : 1);
    if (!memory)
        celm_gotmpl_parser_out_of_memory(p);
    return memory;
}

celm_gotmpl_node *celm_gotmpl_parser_node_at(celm_gotmpl_parser *p, size_t size,
                                             celm_gotmpl_node_kind kind, uint32_t offset, uint32_t line)
{
    celm_gotmpl_node *node = celm_gotmpl_parser_alloc(p, size);
    memset(node, 0, size);
    node->kind = (uint8_t)kind;
    node->offset = offset;
    node->line = line;
    return node;
}

celm_gotmpl_node *celm_gotmpl_parser_node(celm_gotmpl_parser *p, size_t size, celm_gotmpl_node_kind kind,
                                          const celm_gotmpl_item *at)
{
    return celm_gotmpl_parser_node_at(p, size, kind, at->offset, at->line);
}

void celm_gotmpl_parser_push(celm_gotmpl_parser *p, celm_gotmpl_stack *stack, const void *item,
                             size_t item_size)
{
    if (stack->count == stack->capacity) {
        size_t capacity = stack->capacity ? stack->capacity * 2 : 64;
        void *items = realloc(stack->items, capacity * item_size);
        if (!items)
            celm_gotmpl_parser_out_of_memory(p);
        stack->items = items;
        stack->capacity = capacity;
    }
    memcpy((char *)stack->items + stack->count * item_size, item, item_size);
    stack->count++;
}

void celm_gotmpl_parser_push_node(celm_gotmpl_parser *p, celm_gotmpl_node *node)
{
    celm_gotmpl_parser_push(p, &p->nodes, &node, sizeof node);
}

void *celm_gotmpl_parser_pop_array(celm_gotmpl_parser *p, celm_gotmpl_stack *stack, size_t base,
                                   size_t item_size, uint32_t *count)
{
    size_t n = stack->count - base;
    *count = (uint32_t)n;
    if (n == 0)
        return NULL;
    void *array = celm_gotmpl_parser_alloc(p, n * item_size);
    memcpy(array, (char *)stack->items + base * item_size, n * item_size);
    stack->count = base;
    return array;
}

celm_gotmpl_node *celm_gotmpl_parser_node_here(celm_gotmpl_parser *p, size_t size, celm_gotmpl_node_kind kind)
{
    return celm_gotmpl_parser_node(p, size, kind, celm_gotmpl_parser_peek_non_space(p));
}

void celm_gotmpl_parser_unexpected_current(celm_gotmpl_parser *p, const char *context)
{
    celm_gotmpl_parser_unexpected(p, celm_gotmpl_parser_current(p), context);
}

celm_gotmpl_slice celm_gotmpl_parse_unquote(celm_gotmpl_parser *p, const celm_gotmpl_item *token)
{
    /* Only escapes, carriage returns in raw strings and invalid UTF-8 make the value differ. */
    int verbatim = !memchr(token->text, '\\', token->len) && !memchr(token->text, '\r', token->len) &&
                   celm_gotmpl_utf8_valid(token->text, token->len);
    char *scratch = verbatim ? NULL : celm_gotmpl_parser_alloc(p, 3 * token->len + 1);
    celm_gotmpl_slice value;
    if (celm_gotmpl_unquote(token->text, token->len, scratch, &value.data, &value.len) < 0)
        celm_gotmpl_parser_fail(p, "invalid syntax");
    return value;
}
