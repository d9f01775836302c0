/* gotmpl_toml_decode.c: BurntSushi/toml's parser: tables, arrays of tables, dotted and inline keys, the
 * implicit-table and redefinition rules, and ParseError's "toml: line N (last key ...)" texts. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_toml.h"
#include "gotmpl_time.h"
#include "gotmpl_toml_parse.h"

#define MAX_DEPTH 10000

static int value(toml_parser *p, const toml_item *item, int parent_is_array, gotmpl_value *out, toml_type *type);

/* --- keys ----------------------------------------------------------------------------------------------- */
static int bare(const celm_string *part)
{
    for (size_t i = 0; i < part->len; i++) {
        char c = part->data[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

/* dblQuotedReplacer, for quoted key parts. */
static void put_escaped(gotmpl_buffer *out, const celm_string *part)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < part->len; i++) {
        unsigned char c = (unsigned char)part->data[i];
        const char *named = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\b' ? "\\b" : c == '\t' ? "\\t"
                          : c == '\n' ? "\\n" : c == '\f' ? "\\f" : c == '\r' ? "\\r" : NULL;
        if (named) {
            gotmpl_buffer_puts(out, named);
        } else if (c < 0x20 || c == 0x7f) {
            char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            gotmpl_buffer_put(out, escape, 6);
        } else {
            gotmpl_buffer_putc(out, (char)c);
        }
    }
}

celm_string gotmpl_toml_key_string(toml_parser *p, const toml_key *key)
{
    gotmpl_buffer out;
    gotmpl_buffer_init(&out, p->runtime);
    for (size_t i = 0; i < key->count; i++) {
        const celm_string *part = &key->parts[i];
        if (i)
            gotmpl_buffer_putc(&out, '.');
        if (part->len == 0) {
            gotmpl_buffer_puts(&out, "\"\"");
        } else if (bare(part)) {
            gotmpl_buffer_put(&out, part->data, part->len);
        } else {
            gotmpl_buffer_putc(&out, '"');
            put_escaped(&out, part);
            gotmpl_buffer_putc(&out, '"');
        }
    }
    celm_string text = {"", 0};
    gotmpl_buffer_finish(&out, &text);
    return text;
}

static toml_key key_with(toml_parser *p, const toml_key *key, const celm_string *part)
{
    const celm_host *host = gotmpl_runtime_host(p->runtime);
    toml_key longer = {host->arena_alloc(gotmpl_runtime_arena(p->runtime), (key->count + 1) * sizeof(celm_string)),
                       key->count + 1};
    if (!longer.parts) {
        p->out_of_memory = p->failed = 1;
        return *key;
    }
    if (key->count)
        memcpy(longer.parts, key->parts, key->count * sizeof(celm_string));
    longer.parts[key->count] = *part;
    return longer;
}

/* p.current(): the context, then the current key (unquoted). */
static celm_string current_key_text(toml_parser *p)
{
    celm_string context = gotmpl_toml_key_string(p, &p->context);
    if (p->current_key.len == 0)
        return context;
    if (p->context.count == 0)
        return p->current_key;
    gotmpl_buffer out;
    gotmpl_buffer_init(&out, p->runtime);
    gotmpl_buffer_put(&out, context.data, context.len);
    gotmpl_buffer_putc(&out, '.');
    gotmpl_buffer_put(&out, p->current_key.data, p->current_key.len);
    celm_string text = {"", 0};
    gotmpl_buffer_finish(&out, &text);
    return text;
}

int gotmpl_toml_fail(toml_parser *p, int line, const char *format, ...)
{
    if (p->failed)
        return -1;
    va_list args;
    va_start(args, format);
    int needed = vsnprintf(NULL, 0, format, args);
    va_end(args);
    const celm_host *host = gotmpl_runtime_host(p->runtime);
    char *message = needed >= 0 ? host->arena_alloc(gotmpl_runtime_arena(p->runtime), (size_t)needed + 1) : NULL;
    if (message) {
        va_start(args, format);
        vsnprintf(message, (size_t)needed + 1, format, args);
        va_end(args);
    }
    p->message = message ? (celm_string){message, (size_t)needed} : (celm_string){"out of memory", 13};
    p->last_key = current_key_text(p);
    p->line = line;
    p->failed = 1;
    return -1;
}

/* --- the items ------------------------------------------------------------------------------------------- */
/* p.next(): the next item; an error item raises its error. */
static const toml_item *next_item(toml_parser *p)
{
    const toml_item *item = &p->items[p->at < p->count ? p->at++ : p->count - 1];
    if (item->type == ITEM_ERROR) {
        gotmpl_toml_fail(p, item->line, "%.*s", (int)item->value.len, item->value.data);
        return NULL;
    }
    return item;
}

static const toml_item *next_position(toml_parser *p)
{
    const toml_item *item = next_item(p);
    if (item)
        p->position_line = item->line;
    return item;
}

/* keyString: the text of a bare or quoted key part. */
static int key_part(toml_parser *p, const toml_item *item, celm_string *out)
{
    if (item->type == ITEM_TEXT) {
        *out = item->value;
        return 0;
    }
    gotmpl_value text;
    toml_type type;
    if (gotmpl_toml_scalar(p, item, &text, &type) != 0)
        return -1;
    *out = text.as.string;
    return 0;
}

/* The parts of a key up to the item that ends it. */
static int read_key(toml_parser *p, const toml_item *first, toml_item_type end, toml_key *key)
{
    key->parts = NULL;
    key->count = 0;
    for (const toml_item *item = first; item; item = next_item(p)) {
        if (item->type == end || item->type == ITEM_EOF)
            return 0;
        celm_string part;
        if (key_part(p, item, &part) != 0)
            return -1;
        *key = key_with(p, key, &part);
    }
    return -1;
}

/* --- bookkeeping: types, implicit tables, arrays of tables ------------------------------------------------ */
static void set_type(toml_parser *p, const celm_string *key, toml_type type)
{
    toml_key context = p->context;
    if (key->len)
        context = key_with(p, &context, key);
    celm_string name = context.count ? gotmpl_toml_key_string(p, &context) : (celm_string){"\"\"", 2};
    gotmpl_map_set(p->runtime, p->key_types.as.map, name.data, name.len, gotmpl_int(GT_INT, type));
}

static int is_array(toml_parser *p, const toml_key *key)
{
    celm_string name = gotmpl_toml_key_string(p, key);
    gotmpl_value type;
    return gotmpl_map_get(p->runtime, p->key_types.as.map, name.data, name.len, &type) &&
           type.as.integer == TOML_TYPE_ARRAY;
}

static void set_implicit(toml_parser *p, const toml_key *key, int implicit)
{
    celm_string name = gotmpl_toml_key_string(p, key);
    if (implicit)
        gotmpl_map_set(p->runtime, p->implicits.as.map, name.data, name.len, gotmpl_bool(1));
    else
        gotmpl_map_delete(p->runtime, p->implicits.as.map, name.data, name.len);
}

static int is_implicit(toml_parser *p, const toml_key *key)
{
    celm_string name = gotmpl_toml_key_string(p, key);
    gotmpl_value found;
    return gotmpl_map_get(p->runtime, p->implicits.as.map, name.data, name.len, &found);
}

static int is_table_array(const toml_parser *p, const gotmpl_value *value)
{
    for (size_t i = 0; value->type == GT_LIST && i < p->table_array_count; i++)
        if (p->table_arrays[i] == value->as.list)
            return 1;
    return 0;
}

static gotmpl_value new_table_array(toml_parser *p)
{
    gotmpl_value list = gotmpl_list_new(p->runtime, GT_LIST, 4);
    if (p->table_array_count == p->table_array_capacity) {
        size_t capacity = p->table_array_capacity ? p->table_array_capacity * 2 : 8;
        const celm_host *host = gotmpl_runtime_host(p->runtime);
        gotmpl_list **grown = host->arena_alloc(gotmpl_runtime_arena(p->runtime), capacity * sizeof *grown);
        if (!grown) {
            p->out_of_memory = p->failed = 1;
            return list;
        }
        if (p->table_array_count)
            memcpy(grown, p->table_arrays, p->table_array_count * sizeof *grown);
        p->table_arrays = grown;
        p->table_array_capacity = capacity;
    }
    if (list.type == GT_LIST)
        p->table_arrays[p->table_array_count++] = list.as.list;
    return list;
}

/* The table a value stands for when a key walks through it: a table itself, or the last table of an
 * array of tables; 0 when the value is something else. */
static int table_of(toml_parser *p, const gotmpl_value *value, gotmpl_value *table)
{
    if (value->type == GT_MAP) {
        *table = *value;
        return 1;
    }
    if (is_table_array(p, value) && gotmpl_list_len(value->as.list) > 0) {
        *table = gotmpl_list_get(p->runtime, value->as.list, gotmpl_list_len(value->as.list) - 1);
        return 1;
    }
    return 0;
}

/* --- contexts and values --------------------------------------------------------------------------------- */
/* Walks p->context from the document's root to the table in scope (setValue's first half). */
static int context_table(toml_parser *p, gotmpl_value *table, toml_key *walked)
{
    *table = p->mapping;
    walked->parts = NULL;
    walked->count = 0;
    for (size_t i = 0; i < p->context.count; i++) {
        gotmpl_value found;
        *walked = key_with(p, walked, &p->context.parts[i]);
        const celm_string *part = &p->context.parts[i];
        if (!gotmpl_map_get(p->runtime, table->as.map, part->data, part->len, &found))
            return gotmpl_toml_fail(p, p->position_line, "BUG: Context for key '%s' has not been established.",
                                    gotmpl_toml_key_string(p, walked).data);
        if (!table_of(p, &found, table))
            return gotmpl_toml_fail(p, p->position_line, "Key '%s' has already been defined.",
                                    gotmpl_toml_key_string(p, walked).data);
    }
    return 0;
}

static int set_value(toml_parser *p, const celm_string *key, gotmpl_value item)
{
    gotmpl_value table, existing;
    toml_key walked;
    if (context_table(p, &table, &walked) != 0)
        return -1;
    toml_key full = key_with(p, &walked, key);
    if (!gotmpl_map_get(p->runtime, table.as.map, key->data, key->len, &existing))
        return gotmpl_map_set(p->runtime, table.as.map, key->data, key->len, item) == CELM_OK ? 0 : -1;
    if (is_array(p, &full)) {
        if (!is_implicit(p, &full))
            return gotmpl_toml_fail(p, p->position_line, "Key '%s' has already been defined.",
                                    gotmpl_toml_key_string(p, &full).data);
        set_implicit(p, &full, 0);
        return gotmpl_map_set(p->runtime, table.as.map, key->data, key->len, item) == CELM_OK ? 0 : -1;
    }
    if (is_implicit(p, &full)) {
        set_implicit(p, &full, 0);
        return 0;
    }
    return gotmpl_toml_fail(p, p->position_line, "Key '%s' has already been defined.",
                            gotmpl_toml_key_string(p, &full).data);
}

/* addContext: makes key the table in scope, creating implicit parents and, for [[key]], a new table. */
static int add_context(toml_parser *p, const toml_key *key, int array)
{
    gotmpl_value table = p->mapping, found;
    toml_key walked = {NULL, 0};
    for (size_t i = 0; i + 1 < key->count; i++) {
        const celm_string *part = &key->parts[i];
        walked = key_with(p, &walked, part);
        if (!gotmpl_map_get(p->runtime, table.as.map, part->data, part->len, &found)) {
            set_implicit(p, &walked, 1);
            found = gotmpl_map_new(p->runtime, GT_MAP, 0);
            gotmpl_map_set(p->runtime, table.as.map, part->data, part->len, found);
        }
        if (!table_of(p, &found, &table))
            return gotmpl_toml_fail(p, p->position_line, "Key '%s' was already created as a hash.",
                                    gotmpl_toml_key_string(p, &walked).data);
    }
    p->context = walked;
    const celm_string *last = &key->parts[key->count - 1];
    if (array) {
        if (!gotmpl_map_get(p->runtime, table.as.map, last->data, last->len, &found)) {
            found = new_table_array(p);
            gotmpl_map_set(p->runtime, table.as.map, last->data, last->len, found);
        }
        if (!is_table_array(p, &found))
            return gotmpl_toml_fail(p, p->position_line, "Key '%s' was already created and cannot be used as an array.",
                                    gotmpl_toml_key_string(p, key).data);
        gotmpl_list_append(p->runtime, found.as.list, gotmpl_map_new(p->runtime, GT_MAP, 0));
    } else if (set_value(p, last, gotmpl_map_new(p->runtime, GT_MAP, 0)) != 0) {
        return -1;
    }
    p->context = key_with(p, &p->context, last);
    return 0;
}

/* addImplicitContext for each parent of a dotted key, one level deeper each time. */
static int add_dotted_parents(toml_parser *p, const toml_key *key)
{
    for (size_t i = 0; i + 1 < key->count; i++) {
        toml_key deeper = key_with(p, &p->context, &key->parts[i]);
        set_implicit(p, &deeper, 1);
        if (add_context(p, &deeper, 0) != 0)
            return -1;
    }
    return 0;
}

static int expect_comment_text(toml_parser *p)
{
    return next_item(p) ? 0 : -1;
}

static int value_array(toml_parser *p, gotmpl_value *out)
{
    set_type(p, &p->current_key, TOML_TYPE_ARRAY);
    *out = gotmpl_list_new(p->runtime, GT_LIST, 2);
    for (const toml_item *item = next_item(p); item; item = next_item(p)) {
        if (item->type == ITEM_ARRAY_END)
            return 0;
        if (item->type == ITEM_COMMENT_START) {
            if (expect_comment_text(p) != 0)
                return -1;
            continue;
        }
        gotmpl_value element;
        toml_type type;
        if (value(p, item, 1, &element, &type) != 0 || gotmpl_list_append(p->runtime, out->as.list, element) != CELM_OK)
            return -1;
    }
    return -1;
}

/* hash[c...] of an inline table's own result: the parents of a dotted key, created as needed. */
static int inline_parent(toml_parser *p, gotmpl_value top, const toml_key *key, gotmpl_value *parent)
{
    *parent = top;
    for (size_t i = 0; i + 1 < key->count; i++) {
        const celm_string *part = &key->parts[i];
        gotmpl_value found;
        if (!gotmpl_map_get(p->runtime, parent->as.map, part->data, part->len, &found)) {
            found = gotmpl_map_new(p->runtime, GT_MAP, 0);
            gotmpl_map_set(p->runtime, parent->as.map, part->data, part->len, found);
        }
        if (found.type != GT_MAP) {
            celm_string context = gotmpl_toml_key_string(p, &p->context);
            gotmpl_buffer quoted;
            gotmpl_buffer_init(&quoted, p->runtime);
            gotmpl_buffer_quote(&quoted, context.data, context.len, 0);
            celm_string text = {"\"\"", 2};
            gotmpl_buffer_finish(&quoted, &text);
            return gotmpl_toml_fail(p, p->position_line, "%s is not a table", text.data);
        }
        *parent = found;
    }
    return 0;
}

/* One "key = value" of an inline table; `start` is its KeyStart item. */
static int inline_pair(toml_parser *p, const toml_item *start, gotmpl_value top, const toml_key *inner_context)
{
    (void)start;
    toml_key key;
    const toml_item *first = next_position(p);
    if (!first || read_key(p, first, ITEM_KEY_END, &key) != 0 || key.count == 0)
        return -1;
    p->current_key = key.parts[key.count - 1];
    if (add_dotted_parents(p, &key) != 0)
        return -1;
    const toml_item *item = next_item(p);
    gotmpl_value result, parent;
    toml_type type;
    if (!item || value(p, item, 0, &result, &type) != 0 || set_value(p, &p->current_key, result) != 0)
        return -1;
    set_type(p, &p->current_key, type);
    if (inline_parent(p, top, &key, &parent) != 0)
        return -1;
    gotmpl_map_set(p->runtime, parent.as.map, p->current_key.data, p->current_key.len, result);
    p->context = *inner_context;
    return 0;
}

static int value_inline_table(toml_parser *p, int parent_is_array, gotmpl_value *out)
{
    toml_key outer_context = p->context;
    celm_string outer_key = p->current_key;
    gotmpl_value top = gotmpl_map_new(p->runtime, GT_MAP, 0);
    p->context = key_with(p, &p->context, &p->current_key);
    toml_key inner_context = p->context;
    p->current_key = (celm_string){"", 0};
    set_implicit(p, &p->context, 1);
    if (add_context(p, &inner_context, parent_is_array) != 0)
        return -1;
    for (const toml_item *item = next_item(p); item; item = next_item(p)) {
        if (item->type == ITEM_INLINE_TABLE_END) {
            p->context = outer_context;
            p->current_key = outer_key;
            *out = top;
            return 0;
        }
        int status = item->type == ITEM_COMMENT_START ? expect_comment_text(p)
                                                      : inline_pair(p, item, top, &inner_context);
        if (status != 0)
            return -1;
    }
    return -1;
}

static int value(toml_parser *p, const toml_item *item, int parent_is_array, gotmpl_value *out, toml_type *type)
{
    if (++p->depth > MAX_DEPTH)
        return gotmpl_toml_fail(p, item->line, "nesting too deep");
    int status;
    if (item->type == ITEM_ARRAY) {
        *type = TOML_TYPE_ARRAY;
        status = value_array(p, out);
    } else if (item->type == ITEM_INLINE_TABLE_START) {
        *type = TOML_TYPE_HASH;
        status = value_inline_table(p, parent_is_array, out);
    } else {
        status = gotmpl_toml_scalar(p, item, out, type);
    }
    p->depth--;
    return status;
}

/* --- the top level ------------------------------------------------------------------------------------------- */
static int table_header(toml_parser *p, int array)
{
    toml_key key;
    const toml_item *first = next_position(p);
    if (!first || read_key(p, first, array ? ITEM_ARRAY_TABLE_END : ITEM_TABLE_END, &key) != 0 || key.count == 0)
        return -1;
    if (add_context(p, &key, array) != 0)
        return -1;
    celm_string none = {"", 0};
    set_type(p, &none, array ? TOML_TYPE_ARRAY_HASH : TOML_TYPE_HASH);
    return 0;
}

static int key_value(toml_parser *p)
{
    toml_key outer_context = p->context, key;
    const toml_item *first = next_position(p);
    if (!first || read_key(p, first, ITEM_KEY_END, &key) != 0 || key.count == 0)
        return -1;
    p->current_key = key.parts[key.count - 1];
    if (add_dotted_parents(p, &key) != 0)
        return -1;
    const toml_item *item = next_item(p);
    gotmpl_value result;
    toml_type type;
    if (!item || value(p, item, 0, &result, &type) != 0 || set_value(p, &p->current_key, result) != 0)
        return -1;
    set_type(p, &p->current_key, type);
    p->context = outer_context;
    p->current_key = (celm_string){"", 0};
    return 0;
}

static int top_level(toml_parser *p, const toml_item *item)
{
    switch (item->type) {
    case ITEM_COMMENT_START: return expect_comment_text(p);
    case ITEM_TABLE_START: return table_header(p, 0);
    case ITEM_ARRAY_TABLE_START: return table_header(p, 1);
    case ITEM_KEY_START: return key_value(p);
    default: return gotmpl_toml_fail(p, item->line, "BUG: Unexpected type at top level");
    }
}

static int parse_error_text(toml_parser *p, celm_string *error_text)
{
    gotmpl_buffer out;
    gotmpl_buffer_init(&out, p->runtime);
    gotmpl_buffer_printf(&out, "toml: line %d", p->line);
    if (p->last_key.len) {
        gotmpl_buffer_puts(&out, " (last key ");
        gotmpl_buffer_quote(&out, p->last_key.data, p->last_key.len, 0);
        gotmpl_buffer_putc(&out, ')');
    }
    gotmpl_buffer_puts(&out, ": ");
    gotmpl_buffer_put(&out, p->message.data, p->message.len);
    *error_text = (celm_string){"", 0};
    return gotmpl_buffer_finish(&out, error_text) == CELM_OK ? CELM_EINVAL : CELM_ENOMEM;
}

static int parser_init(toml_parser *p, gotmpl_runtime *runtime)
{
    memset(p, 0, sizeof *p);
    p->runtime = runtime;
    p->mapping = gotmpl_map_new(runtime, GT_MAP, 8);
    p->key_types = gotmpl_map_new(runtime, GT_MAP, 8);
    p->implicits = gotmpl_map_new(runtime, GT_MAP, 8);
    /* The library's local kinds are fixed zones at the local offset of the moment it starts. */
    gotmpl_time now = gotmpl_time_now();
    p->local_datetime = gotmpl_location_fixed("datetime-local", now.zone_offset);
    p->local_date = gotmpl_location_fixed("date-local", now.zone_offset);
    p->local_time = gotmpl_location_fixed("time-local", now.zone_offset);
    int ready = p->mapping.type == GT_MAP && p->key_types.type == GT_MAP && p->implicits.type == GT_MAP;
    return ready ? CELM_OK : CELM_ENOMEM;
}

int gotmpl_toml_decode(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_value *out,
                       celm_string *error_text)
{
    toml_parser p;
    if (parser_init(&p, runtime) != CELM_OK)
        return CELM_ENOMEM;
    *out = gotmpl_map_new(runtime, GT_MAP, 0);
    if (len >= 2 && (memcmp(text, "\xff\xfe", 2) == 0 || memcmp(text, "\xfe\xff", 2) == 0))
        text += 2, len -= 2;
    else if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
        text += 3, len -= 3;
    if (memchr(text, 0, len < 6 ? len : 6)) {
        p.line = 1;
        static const char nul_message[] =
            "files cannot contain NULL bytes; probably using UTF-16; TOML files must be UTF-8";
        p.message = (celm_string){nul_message, sizeof nul_message - 1};
        return parse_error_text(&p, error_text);
    }
    toml_item *items;
    if (gotmpl_toml_lex(runtime, text, len, &items, &p.count) != CELM_OK)
        return CELM_ENOMEM;
    p.items = items;
    for (const toml_item *item = next_item(&p); item && item->type != ITEM_EOF; item = next_item(&p))
        if (top_level(&p, item) != 0)
            break;
    if (p.out_of_memory)
        return CELM_ENOMEM;
    if (p.failed)
        return parse_error_text(&p, error_text);
    *out = p.mapping;
    return CELM_OK;
}
