/* strvals_parse.c: Helm's grammar of --set, --set-string, --set-json, --set-file and --set-literal. */
#include <stdarg.h>
#include <stdio.h>

#include "go_quote.h"
#include "strvals.h"

#define MAX_NESTED_NAME_LEVEL 30    /* Helm's MaxNestedNameLevel: dots in one name */
#define MAX_INDEX 65536             /* Helm's MaxIndex */
/* celm's own guard: list indexes (a[0][0]..., a[0].b[0]...) nest without Helm's dot limit, and
 * each level costs C stack. Helm has no such limit; nothing real comes near it. */
#define MAX_RECURSION 2000

typedef struct parser {
    celm_arena *arena;
    strvals_scanner scanner;
    celm_strvals_kind kind;
    celm_strvals_read_fn read_file;
    void *payload;
    celm_error *err;
    int recursion;
} parser;

static int parse_key(parser *p, celm_value *data, int level);
static int parse_list_item(parser *p, celm_value *list, int64_t index, int level, celm_value **out);

static int fail(parser *p, int code, const char *format, ...) CELM_PRINTF(3, 4);
static int fail(parser *p, int code, const char *format, ...)
{
    char message[CELM_ERROR_MESSAGE_SIZE];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    return celm_error_set(p->err, code, "%s", message);
}

/* A message holding `text` as Go's %q shows a string (or, with `as_runes`, a []rune). */
static int fail_quoted(parser *p, const char *before, const celm_string *text, const char *after,
                       int as_runes)
{
    celm_buffer message;
    celm_buffer_init(&message);
    celm_buffer_append_str(&message, before);
    if (as_runes)
        celm_go_quote_runes(&message, text->data, text->len);
    else
        celm_go_quote(&message, text->data, text->len);
    celm_buffer_append_str(&message, after);
    int code = message.failed ? fail(p, CELM_ENOMEM, "out of memory")
                              : fail(p, CELM_EPARSE, "%.*s", (int)message.len, message.data);
    celm_buffer_free(&message);
    return code;
}

/* Helm recovers the panic of a failed type assertion on an existing value into this text. */
static int fail_type(parser *p, const celm_value *found, const char *wanted)
{
    return fail(p, CELM_EPARSE, "unable to parse key: interface conversion: interface {} is %s, not %s",
                celm_go_type_name(found), wanted);
}

static int no_memory(parser *p)
{
    return fail(p, CELM_ENOMEM, "out of memory");
}

static int read_until(parser *p, const char *stops, celm_string *token, uint32_t *last)
{
    int status = celm_strvals_read_until(p->arena, &p->scanner, stops,
                                         p->kind != CELM_STRVALS_LITERAL, token, last);
    return status == CELM_ENOMEM ? no_memory(p) : status;
}

/* Helm's set: an empty key is silently dropped. */
static int set_key(parser *p, celm_value *data, const celm_string *key, celm_value *value)
{
    if (!value)
        return no_memory(p);
    if (key->len == 0)
        return CELM_OK;
    return celm_map_set(p->arena, data, key->data, key->len, value) == CELM_OK ? CELM_OK : no_memory(p);
}

/* Helm's setIndex: grows the list into a new one (null padded) or replaces the item in place. */
static int set_index(parser *p, celm_value *list, int64_t index, celm_value *value, celm_value **out)
{
    *out = list;
    if (!value)
        return no_memory(p);
    if (index < 0)
        return fail(p, CELM_EPARSE, "negative %lld index not allowed", (long long)index);
    if (index > MAX_INDEX)
        return fail(p, CELM_ELIMIT, "index of %lld is greater than maximum supported index of %d",
                    (long long)index, MAX_INDEX);
    size_t count = list ? list->as.list.count : 0;
    if ((size_t)index < count) {
        list->as.list.items[index] = value;
        return CELM_OK;
    }
    celm_value *grown = celm_value_list(p->arena, (size_t)index + 1);
    for (size_t i = 0; grown && i <= (size_t)index; i++) {
        celm_value *item = i < count ? list->as.list.items[i]
                         : i == (size_t)index ? value : celm_value_null(p->arena);
        if (!item || celm_list_append(p->arena, grown, item) != CELM_OK)
            grown = NULL;
    }
    if (!grown)
        return no_memory(p);
    *out = grown;
    return CELM_OK;
}

/* Helm's keyIndex: the text up to `]` as an int; a cut-off index is an EOF. */
static int read_index(parser *p, int64_t *index)
{
    celm_string text;
    uint32_t last;
    int status = read_until(p, "]", &text, &last);
    if (status != CELM_OK)
        return status;
    if (celm_strvals_atoi(&text, index, p->err) == CELM_OK)
        return CELM_OK;
    char reason[CELM_ERROR_MESSAGE_SIZE];
    snprintf(reason, sizeof reason, "%s", p->err->message);
    return fail(p, CELM_EPARSE, "error parsing index: %s", reason);
}

/* The reader of the flag kind: typed, string, or the file reader. */
static int read_scalar(parser *p, const celm_string *text, celm_value **out)
{
    switch (p->kind) {
    case CELM_STRVALS_TYPED:
        *out = celm_strvals_typed_value(p->arena, text);
        return *out ? CELM_OK : no_memory(p);
    case CELM_STRVALS_FILE:
        *out = NULL;
        if (!p->read_file)
            return fail(p, CELM_EINVAL, "no file reader given for --set-file values");
        return p->read_file(p->payload, p->arena, text->data, text->len, out, p->err);
    default:
        *out = celm_value_string(p->arena, text->data, text->len);
        return *out ? CELM_OK : no_memory(p);
    }
}

static int append_scalar(parser *p, celm_value *list, const celm_string *text)
{
    celm_value *value;
    int status = read_scalar(p, text, &value);
    if (status != CELM_OK)
        return status;
    return celm_list_append(p->arena, list, value) == CELM_OK ? CELM_OK : no_memory(p);
}

/* Helm's valList: `{a,b}` is a list whose items are read one by one; anything else is not. */
static int read_value_list(parser *p, celm_value **out)
{
    uint32_t rune;
    size_t before = p->scanner.at;
    if (!celm_strvals_next_rune(&p->scanner, &rune))
        return STRVALS_EOF;
    if (rune != '{') {
        p->scanner.at = before;
        return STRVALS_NOT_LIST;
    }
    if (!(*out = celm_value_list(p->arena, 0)))
        return no_memory(p);
    for (;;) {
        celm_string text;
        uint32_t last;
        int status = read_until(p, ",}", &text, &last);
        if (status == STRVALS_EOF)
            return fail(p, CELM_EPARSE, "list must terminate with '}'");
        if (status != CELM_OK)
            return status;
        if (last == '}') {
            before = p->scanner.at;     /* a comma right after `}` belongs to the list */
            if (celm_strvals_next_rune(&p->scanner, &rune) && rune != ',')
                p->scanner.at = before;
            return append_scalar(p, *out, &text);
        }
        if ((status = append_scalar(p, *out, &text)) != CELM_OK)
            return status;
    }
}

/* The value after `=` for --set, --set-string and --set-file: a list, or text up to a comma. */
static int read_plain_value(parser *p, celm_value **out)
{
    celm_string text;
    uint32_t last;
    *out = NULL;
    int status = read_value_list(p, out);
    if (status == STRVALS_EOF) {
        *out = celm_value_string(p->arena, "", 0);
        return *out ? STRVALS_EOF : no_memory(p);
    }
    if (status != STRVALS_NOT_LIST)
        return status;
    status = read_until(p, ",", &text, &last);
    if (status != CELM_OK && status != STRVALS_EOF)
        return status;
    return read_scalar(p, &text, out);
}

/* The JSON value after `=`; the caller has checked that it is not empty. */
static int read_json_value(parser *p, celm_value **out)
{
    size_t consumed;
    strvals_scanner *s = &p->scanner;
    int status = celm_strvals_json_decode(p->arena, s->text + s->at, s->len - s->at, out, &consumed, p->err);
    if (status == CELM_OK)
        s->at += consumed;
    return status;
}

/* Everything after the `=` of --set-literal. */
static int read_literal_value(parser *p, celm_value **out)
{
    celm_string text;
    uint32_t last;
    int status = read_until(p, "", &text, &last);
    if (status != CELM_OK && status != STRVALS_EOF)
        return status;
    *out = celm_value_string(p->arena, text.data, text.len);
    return *out ? CELM_OK : no_memory(p);
}

/* `key=...` */
static int assign_key(parser *p, celm_value *data, const celm_string *key)
{
    celm_value *value = NULL;
    int status;
    if (p->kind == CELM_STRVALS_JSON) {
        /* Empty means null; after a value come optional spaces and a comma. */
        if (celm_strvals_skip_empty_value(&p->scanner))
            return set_key(p, data, key, celm_value_null(p->arena));
        if ((status = read_json_value(p, &value)) != CELM_OK)
            return status;
        status = set_key(p, data, key, value);
        celm_strvals_skip_empty_value(&p->scanner);
        return status;
    }
    if (p->kind == CELM_STRVALS_LITERAL) {
        if ((status = read_literal_value(p, &value)) != CELM_OK)
            return status;
        return set_key(p, data, key, value);
    }
    status = read_plain_value(p, &value);
    if (value && (status == CELM_OK || status == STRVALS_EOF)) {
        int set = set_key(p, data, key, value);
        return set != CELM_OK ? set : status;
    }
    return status;
}

/* `key[index]...` */
static int key_list_item(parser *p, celm_value *data, const celm_string *key, int level)
{
    int64_t index;
    int status = read_index(p, &index);
    if (status != CELM_OK)
        return status;
    celm_value *list = celm_map_get(data, key->data, key->len);
    if (list && list->kind != CELM_VALUE_LIST)
        return fail_type(p, list, "[]interface {}");
    if (!list && !(list = celm_value_list(p->arena, 0)))
        return no_memory(p);
    celm_value *result = list;
    status = parse_list_item(p, list, index, level, &result);
    int set = set_key(p, data, key, result);    /* Helm stores the list whatever happened */
    return set != CELM_OK ? set : status;
}

/* `key.rest`: the rest goes into the map under key, which is created only if it gets keys. */
static int key_nested_map(parser *p, celm_value *data, const celm_string *key, int level)
{
    if (++level > MAX_NESTED_NAME_LEVEL)
        return fail(p, CELM_ELIMIT, "value name nested level is greater than maximum supported "
                    "nested level of %d", MAX_NESTED_NAME_LEVEL);
    celm_value *inner = celm_map_get(data, key->data, key->len);
    if (inner && inner->kind != CELM_VALUE_MAP)
        return fail_type(p, inner, "map[string]interface {}");
    if (!inner && !(inner = celm_value_map(p->arena, 0)))
        return no_memory(p);
    int status = parse_key(p, inner, level);
    if (status == CELM_OK && inner->as.map.count == 0)
        return fail_quoted(p, "key map ", key, " has no value", 0);
    if (inner->as.map.count != 0) {
        int set = set_key(p, data, key, inner);
        if (set != CELM_OK)
            return set;
    }
    return status;
}

static int parse_key_body(parser *p, celm_value *data, int level)
{
    celm_string key;
    uint32_t last;
    int status = read_until(p, p->kind == CELM_STRVALS_LITERAL ? "=[." : "=[,.", &key, &last);
    if (status == STRVALS_EOF && key.len > 0)
        return fail_quoted(p, "key ", &key, " has no value", 0);
    if (status != CELM_OK)
        return status;
    switch (last) {
    case '[':
        return key_list_item(p, data, &key, level);
    case '=':
        return assign_key(p, data, &key);
    case ',':
        status = set_key(p, data, &key, celm_value_string(p->arena, "", 0));
        return status != CELM_OK ? status : fail_quoted(p, "key ", &key, " has no value (cannot end with ,)", 0);
    default:
        return key_nested_map(p, data, &key, level);
    }
}

static int parse_key(parser *p, celm_value *data, int level)
{
    if (p->recursion >= MAX_RECURSION)
        return fail(p, CELM_ELIMIT, "value name nests more than %d keys and list indexes deep", MAX_RECURSION);
    p->recursion++;
    int status = parse_key_body(p, data, level);
    p->recursion--;
    return status;
}

/* `[index]=value` */
static int item_assign(parser *p, celm_value *list, int64_t index, celm_value **out)
{
    celm_value *value = NULL;
    int status;
    if (p->kind == CELM_STRVALS_JSON) {
        if (celm_strvals_skip_empty_value(&p->scanner))
            return set_index(p, list, index, celm_value_null(p->arena), out);
        if ((status = read_json_value(p, &value)) != CELM_OK)
            return status;
        if ((status = set_index(p, list, index, value, out)) == CELM_OK)
            celm_strvals_skip_empty_value(&p->scanner);
        return status;
    }
    if (p->kind == CELM_STRVALS_LITERAL)
        status = read_literal_value(p, &value);
    else
        status = read_plain_value(p, &value);
    if (status != CELM_OK && status != STRVALS_EOF)
        return status;
    return set_index(p, list, index, value, out);
}

/* `[index][next]...`: the item at index must be a list (or null) to go on into. */
static int item_nested_list(parser *p, celm_value *list, int64_t index, int level, celm_value **out)
{
    int64_t next;
    int status = read_index(p, &next);
    if (status != CELM_OK)
        return status;
    celm_value *current = NULL;
    if (list && (size_t)index < list->as.list.count) {
        celm_value *existing = list->as.list.items[index];
        if (existing->kind != CELM_VALUE_NULL && existing->kind != CELM_VALUE_LIST)
            return fail_type(p, existing, "[]interface {}");
        if (existing->kind == CELM_VALUE_LIST)
            current = existing;
    }
    celm_value *nested = current;
    if ((status = parse_list_item(p, current, next, level, &nested)) != CELM_OK)
        return status;
    return set_index(p, list, index, nested, out);
}

/* `[index].key...`: an existing item that is not a map is replaced by an empty map first. */
static int item_nested_map(parser *p, celm_value *list, int64_t index, int level, celm_value **out)
{
    celm_value *inner = NULL;
    if (list && (size_t)index < list->as.list.count) {
        inner = list->as.list.items[index];
        if (inner->kind != CELM_VALUE_MAP) {
            if (!(inner = celm_value_map(p->arena, 0)))
                return no_memory(p);
            list->as.list.items[index] = inner;
        }
    } else if (!(inner = celm_value_map(p->arena, 0))) {
        return no_memory(p);
    }
    int status = parse_key(p, inner, level);
    if (status != CELM_OK)
        return status;
    return set_index(p, list, index, inner, out);
}

/* Helm's listItem: what follows `[index]`. `list` may be NULL (Go's nil slice); *out is the
 * list to store back, `list` itself unless it had to grow. */
static int list_item_body(parser *p, celm_value *list, int64_t index, int level, celm_value **out)
{
    celm_string rest;
    uint32_t last;
    *out = list;
    if (index < 0)
        return fail(p, CELM_EPARSE, "negative %lld index not allowed", (long long)index);
    int status = read_until(p, "[.=", &rest, &last);
    if (rest.len > 0 && status != CELM_ENOMEM)
        return fail_quoted(p, "unexpected data at end of array index: ", &rest, "", 1);
    if (status != CELM_OK)
        return status;
    switch (last) {
    case '=':
        return item_assign(p, list, index, out);
    case '[':
        return item_nested_list(p, list, index, level, out);
    default:
        return item_nested_map(p, list, index, level, out);
    }
}

static int parse_list_item(parser *p, celm_value *list, int64_t index, int level, celm_value **out)
{
    if (p->recursion >= MAX_RECURSION) {
        *out = list;
        return fail(p, CELM_ELIMIT, "value name nests more than %d keys and list indexes deep", MAX_RECURSION);
    }
    p->recursion++;
    int status = list_item_body(p, list, index, level, out);
    p->recursion--;
    return status;
}

int celm_strvals_parse(celm_arena *arena, celm_value *dest, const char *line, size_t len,
                       celm_strvals_kind kind, celm_strvals_read_fn read_file, void *payload,
                       celm_error *err)
{
    if (!arena || !dest || dest->kind != CELM_VALUE_MAP || (!line && len))
        return celm_error_set(err, CELM_EINVAL, "celm_strvals_parse needs an arena, a map and a line");
    celm_error scratch = CELM_ERROR_INIT;
    parser p = {arena, {line ? line : "", len, 0}, kind, read_file, payload, err ? err : &scratch, 0};
    for (;;) {
        int status = parse_key(&p, dest, 0);
        if (status == STRVALS_EOF)
            return CELM_OK;
        if (status != CELM_OK)
            return status;
    }
}
