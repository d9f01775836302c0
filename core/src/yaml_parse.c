/* yaml_parse.c: YAML text to values, read the way Helm reads values (go-yaml v2, then JSON rules). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buffer.h"
#include "celm/celm.h"
#include "go_quote.h"
#include "utf8.h"
#include "yaml_resolve.h"

#define YAML_MAX_DEPTH 5000
#define TAG_PREFIX "tag:yaml.org,2002:"

typedef struct anchor {
    char *name;
    celm_value *value;      /* NULL while the anchored node is still being read */
    size_t node_count;      /* nodes go-yaml would decode when expanding an alias to it */
} anchor;

typedef struct reader {
    yaml_parser_t parser;
    yaml_event_t event;
    int have_event;
    celm_arena *arena;
    const char *origin;
    unsigned flags;
    celm_error *err;
    anchor *anchors;
    size_t anchor_count, anchor_capacity;
    size_t decode_count;    /* go-yaml's counters for its excessive-aliasing rule */
    size_t alias_count;
    int depth;
    celm_buffer repeated;   /* CELM_YAML_UNIQUE_KEYS: go-yaml's collected "line N: key ..." texts */
} reader;

static int fail_at(reader *r, const yaml_mark_t *mark, int code, const char *format, const char *detail)
{
    celm_error_set_at(r->err, code, r->origin, (int)mark->line + 1, (int)mark->column + 1, format, detail);
    return code;
}

/* go-yaml's message: "yaml: line N: <problem>", N read the way go-yaml reads libyaml's marks. */
static int fail_parser(reader *r)
{
    const yaml_parser_t *p = &r->parser;
    size_t line = 0;
    if (p->problem_mark.line != 0)
        line = p->problem_mark.line + (p->error == YAML_SCANNER_ERROR ? 1 : 0);
    else if (p->context_mark.line != 0)
        line = p->context_mark.line;
    const char *problem = p->problem ? p->problem : "unknown problem parsing YAML content";
    const yaml_mark_t *mark = p->problem_mark.line || p->problem_mark.column ? &p->problem_mark : &p->context_mark;
    if (line)
        celm_error_set_at(r->err, CELM_EPARSE, r->origin, (int)mark->line + 1, (int)mark->column + 1,
                          "yaml: line %zu: %s", line, problem);
    else
        celm_error_set_at(r->err, CELM_EPARSE, r->origin, (int)mark->line + 1, (int)mark->column + 1,
                          "yaml: %s", problem);
    return CELM_EPARSE;
}

static int next_event(reader *r)
{
    if (r->have_event)
        yaml_event_delete(&r->event);
    r->have_event = 0;
    if (!yaml_parser_parse(&r->parser, &r->event))
        return fail_parser(r);
    r->have_event = 1;
    return CELM_OK;
}

/* go-yaml v2's allowedAliasRatio. */
static double allowed_alias_ratio(size_t decode_count)
{
    if (decode_count <= 400000)
        return 0.99;
    if (decode_count >= 4000000)
        return 0.10;
    return 0.99 - 0.89 * ((double)(decode_count - 400000) / 3600000.0);
}

static int count_nodes(reader *r, size_t nodes, int from_alias, const yaml_mark_t *mark)
{
    r->decode_count += nodes;
    if (from_alias)
        r->alias_count += nodes;
    if (r->alias_count > 100 && r->decode_count > 1000 &&
        (double)r->alias_count / (double)r->decode_count > allowed_alias_ratio(r->decode_count))
        return fail_at(r, mark, CELM_ELIMIT, "yaml: %s", "document contains excessive aliasing");
    return CELM_OK;
}

static int json_mode(const reader *r)
{
    return !(r->flags & CELM_YAML_KEEP_INTEGERS);
}

static celm_value *string_value(reader *r, const char *text, size_t len)
{
    if (celm_utf8_valid(text, len))
        return celm_value_string(r->arena, text, len);
    /* Go's JSON encoder writes invalid bytes as U+FFFD; values pass through it in Helm. */
    celm_buffer clean;
    celm_buffer_init(&clean);
    celm_utf8_append_sanitized(&clean, text, len);
    celm_string cleaned;
    if (celm_buffer_finish(&clean, r->arena, &cleaned) != CELM_OK)
        return NULL;
    return celm_value_string(r->arena, cleaned.data, cleaned.len);
}

static int base64_value(int c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Go's base64.StdEncoding.DecodeString: padding required, \r and \n ignored. */
static celm_value *binary_value(reader *r, const char *text, size_t len)
{
    char *bytes = celm_arena_alloc(r->arena, len + 1);
    unsigned char quad[4];
    size_t count = 0, out = 0, padding = 0;
    if (!bytes)
        return NULL;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '\r' || c == '\n')
            continue;
        if (c == '=' && count >= 2) {
            padding++;
            quad[count++] = 0;
        } else {
            int v = base64_value((unsigned char)c);
            if (v < 0 || padding)
                return NULL;
            quad[count++] = (unsigned char)v;
        }
        if (count == 4) {
            bytes[out++] = (char)(quad[0] << 2 | quad[1] >> 4);
            if (padding < 2)
                bytes[out++] = (char)(quad[1] << 4 | quad[2] >> 2);
            if (padding < 1)
                bytes[out++] = (char)(quad[2] << 6 | quad[3]);
            count = 0;
        }
    }
    if (count != 0)
        return NULL;
    return string_value(r, bytes, out);
}

static celm_value *number_value(reader *r, const yaml_resolved *resolved, const yaml_mark_t *mark)
{
    double real;
    switch (resolved->kind) {
    case YAML_RESOLVED_INT:
        if (!json_mode(r))
            return celm_value_int(r->arena, resolved->integer);
        real = (double)resolved->integer;
        break;
    case YAML_RESOLVED_UINT:
        real = (double)resolved->unsigned_integer;
        break;
    default:
        real = resolved->real;
        break;
    }
    if (json_mode(r) && (isnan(real) || isinf(real))) {
        char text[32];
        celm_format_float_g(real, text);
        fail_at(r, mark, CELM_EPARSE, "json: unsupported value: %s", text);
        return NULL;
    }
    return celm_value_float(r->arena, real);
}

static celm_value *resolved_value(reader *r, const yaml_resolved *resolved, const char *text, size_t len,
                                  const yaml_mark_t *mark)
{
    switch (resolved->kind) {
    case YAML_RESOLVED_NULL: return celm_value_null(r->arena);
    case YAML_RESOLVED_BOOL: return celm_value_bool(r->arena, resolved->boolean);
    case YAML_RESOLVED_INT:
    case YAML_RESOLVED_UINT:
    case YAML_RESOLVED_FLOAT: return number_value(r, resolved, mark);
    default: return string_value(r, text, len);
    }
}

static const char *short_tag(yaml_resolved_kind kind)
{
    switch (kind) {
    case YAML_RESOLVED_NULL: return "!!null";
    case YAML_RESOLVED_BOOL: return "!!bool";
    case YAML_RESOLVED_INT:
    case YAML_RESOLVED_UINT: return "!!int";
    case YAML_RESOLVED_FLOAT: return "!!float";
    case YAML_RESOLVED_TIMESTAMP: return "!!timestamp";
    default: return "!!str";
    }
}

/* A scalar with an explicit tag: go-yaml resolves it and insists on the tag's type. */
static celm_value *tagged_scalar(reader *r, const char *tag, const char *text, size_t len, const yaml_mark_t *mark)
{
    const char *name = strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0 ? tag + strlen(TAG_PREFIX) : NULL;
    if (name && strcmp(name, "binary") == 0) {
        celm_value *value = binary_value(r, text, len);
        if (!value)
            fail_at(r, mark, CELM_EPARSE, "yaml: %s", "!!binary value contains invalid base64 data");
        return value;
    }
    if (!name || strcmp(name, "str") == 0 ||
        !(strcmp(name, "bool") == 0 || strcmp(name, "int") == 0 || strcmp(name, "float") == 0 ||
          strcmp(name, "timestamp") == 0))
        return string_value(r, text, len);
    yaml_resolved resolved;
    celm_yaml_resolve_plain(text, len, &resolved);
    const char *got = short_tag(resolved.kind);
    int matches = strcmp(got + 2, name) == 0 ||
                  (strcmp(name, "float") == 0 && resolved.kind == YAML_RESOLVED_INT);
    if (!matches) {
        celm_error_set_at(r->err, CELM_EPARSE, r->origin, (int)mark->line + 1, (int)mark->column + 1,
                          "yaml: cannot decode %s `%.*s` as a !!%s", got, (int)len, text, name);
        return NULL;
    }
    if (strcmp(name, "float") == 0 && resolved.kind == YAML_RESOLVED_INT) {
        resolved.kind = YAML_RESOLVED_FLOAT;
        resolved.real = (double)resolved.integer;
    }
    return resolved_value(r, &resolved, text, len, mark);
}

static celm_value *scalar_value(reader *r, const yaml_event_t *event)
{
    const char *text = (const char *)event->data.scalar.value;
    size_t len = event->data.scalar.length;
    const yaml_mark_t *mark = &event->start_mark;
    if (event->data.scalar.tag)
        return tagged_scalar(r, (const char *)event->data.scalar.tag, text, len, mark);
    if (!event->data.scalar.plain_implicit)
        return string_value(r, text, len);
    yaml_resolved resolved;
    celm_yaml_resolve_plain(text, len, &resolved);
    return resolved_value(r, &resolved, text, len, mark);
}

static anchor *find_anchor(reader *r, const char *name)
{
    for (size_t i = r->anchor_count; i-- > 0;)
        if (strcmp(r->anchors[i].name, name) == 0)
            return &r->anchors[i];
    return NULL;
}

static anchor *add_anchor(reader *r, const char *name)
{
    if (r->anchor_count == r->anchor_capacity) {
        size_t capacity = r->anchor_capacity ? r->anchor_capacity * 2 : 8;
        anchor *grown = celm_arena_alloc(r->arena, capacity * sizeof *grown);
        if (!grown)
            return NULL;
        if (r->anchor_count)
            memcpy(grown, r->anchors, r->anchor_count * sizeof *grown);
        r->anchors = grown;
        r->anchor_capacity = capacity;
    }
    anchor *slot = &r->anchors[r->anchor_count++];
    slot->name = celm_arena_strndup(r->arena, name, strlen(name));
    slot->value = NULL;
    slot->node_count = 0;
    return slot->name ? slot : NULL;
}

static int read_node(reader *r, celm_value **out, size_t *node_count);

static int alias_value(reader *r, celm_value **out, size_t *node_count)
{
    const char *name = (const char *)r->event.data.alias.anchor;
    anchor *target = find_anchor(r, name);
    if (!target)
        return fail_at(r, &r->event.start_mark, CELM_EPARSE, "yaml: unknown anchor '%s' referenced", name);
    if (!target->value)
        return fail_at(r, &r->event.start_mark, CELM_EPARSE, "yaml: anchor '%s' value contains itself", name);
    int status = count_nodes(r, target->node_count, 1, &r->event.start_mark);
    *out = target->value;
    *node_count = target->node_count;
    return status;
}

/* The text a non-string key gets when sigs.k8s.io/yaml turns the mapping into a JSON object. */
static int key_text(reader *r, const yaml_event_t *event, celm_string *out)
{
    const char *text = (const char *)event->data.scalar.value;
    size_t len = event->data.scalar.length;
    out->data = text;
    out->len = len;
    if (event->data.scalar.tag || !event->data.scalar.plain_implicit)
        return CELM_OK;
    yaml_resolved resolved;
    celm_yaml_resolve_plain(text, len, &resolved);
    char number[40];
    switch (resolved.kind) {
    case YAML_RESOLVED_NULL:
        return fail_at(r, &event->start_mark, CELM_EPARSE,
                       "unsupported map key of type: %s, key: <nil>", "%!s(<nil>)");
    case YAML_RESOLVED_UINT:
        snprintf(number, sizeof number, "0x%llx", (unsigned long long)resolved.unsigned_integer);
        return fail_at(r, &event->start_mark, CELM_EPARSE, "unsupported map key of type: uint64, key: %s", number);
    case YAML_RESOLVED_BOOL:
        out->data = resolved.boolean ? "true" : "false";
        out->len = strlen(out->data);
        return CELM_OK;
    case YAML_RESOLVED_INT: snprintf(number, sizeof number, "%lld", (long long)resolved.integer); break;
    case YAML_RESOLVED_FLOAT:
        celm_format_float32_g(resolved.real, number);
        if (strcmp(number, "+Inf") == 0) strcpy(number, ".inf");
        else if (strcmp(number, "-Inf") == 0) strcpy(number, "-.inf");
        else if (strcmp(number, "NaN") == 0) strcpy(number, ".nan");
        break;
    default: return CELM_OK;
    }
    out->data = celm_arena_strndup(r->arena, number, strlen(number));
    out->len = strlen(number);
    return out->data ? CELM_OK : CELM_ENOMEM;
}

static int merge_into(reader *r, celm_value *map, const celm_value *source, const yaml_mark_t *mark)
{
    if (source->kind != CELM_VALUE_MAP)
        return fail_at(r, mark, CELM_EPARSE, "yaml: %s",
                       "map merge requires map or sequence of maps as the value");
    for (size_t i = 0; i < source->as.map.count; i++) {
        const celm_map_entry *entry = &source->as.map.entries[i];
        if (celm_map_set(r->arena, map, entry->key.data, entry->key.len, entry->value) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int read_merge(reader *r, celm_value *map, size_t *node_count)
{
    yaml_mark_t mark = r->event.start_mark;
    celm_value *source;
    size_t nodes;
    int status = next_event(r);
    if (status == CELM_OK)
        status = read_node(r, &source, &nodes);
    if (status != CELM_OK)
        return status;
    *node_count += nodes;
    if (source->kind != CELM_VALUE_LIST)
        return merge_into(r, map, source, &mark);
    /* Earlier maps in the list take precedence, so apply them last. */
    for (size_t i = source->as.list.count; i-- > 0;)
        if ((status = merge_into(r, map, source->as.list.items[i], &mark)) != CELM_OK)
            return status;
    return CELM_OK;
}

static int is_merge_key(const yaml_event_t *event)
{
    if (event->type != YAML_SCALAR_EVENT || event->data.scalar.length != 2 ||
        memcmp(event->data.scalar.value, "<<", 2) != 0)
        return 0;
    const char *tag = (const char *)event->data.scalar.tag;
    return event->data.scalar.plain_implicit || (tag && strcmp(tag, TAG_PREFIX "merge") == 0);
}

/* go-yaml v2's setMapIndex in strict mode: the line is the value's, the key printed with %#v. */
static void note_repeated_key(reader *r, const char *key, size_t len, int quoted)
{
    celm_buffer_printf(&r->repeated, "\n  line %d: key ", (int)r->event.start_mark.line + 1);
    if (quoted)
        celm_go_quote(&r->repeated, key, len);
    else
        celm_buffer_append(&r->repeated, key, len);
    celm_buffer_append_str(&r->repeated, " already set in map");
}

static int read_mapping(reader *r, celm_value **out, size_t *node_count)
{
    celm_value *map = celm_value_map(r->arena, 0);
    if (!map)
        return CELM_ENOMEM;
    int status;
    while ((status = next_event(r)) == CELM_OK && r->event.type != YAML_MAPPING_END_EVENT) {
        if (is_merge_key(&r->event)) {
            if ((status = read_merge(r, map, node_count)) != CELM_OK)
                return status;
            continue;
        }
        if (r->event.type != YAML_SCALAR_EVENT && r->event.type != YAML_ALIAS_EVENT)
            return fail_at(r, &r->event.start_mark, CELM_EPARSE, "yaml: %s",
                           "invalid map key: a mapping or sequence cannot be a key");
        celm_string key;
        celm_value *alias_key = NULL;
        size_t nodes = 1;
        if (r->event.type == YAML_ALIAS_EVENT) {
            if ((status = alias_value(r, &alias_key, &nodes)) != CELM_OK)
                return status;
            if (alias_key->kind != CELM_VALUE_STRING)
                return fail_at(r, &r->event.start_mark, CELM_EPARSE, "yaml: %s",
                               "invalid map key: an alias to a non-string cannot be a key");
            key = alias_key->as.string;
        } else if ((status = key_text(r, &r->event, &key)) != CELM_OK) {
            return status;
        } else if ((status = count_nodes(r, 1, 0, &r->event.start_mark)) != CELM_OK) {
            return status;
        }
        int quoted_key = r->event.type == YAML_ALIAS_EVENT || key.data == (const char *)r->event.data.scalar.value;
        char *key_copy = celm_arena_strndup(r->arena, key.data, key.len);
        celm_value *value;
        if (!key_copy || (status = next_event(r)) != CELM_OK)
            return key_copy ? status : CELM_ENOMEM;
        if ((r->flags & CELM_YAML_UNIQUE_KEYS) && celm_map_get(map, key_copy, key.len))
            note_repeated_key(r, key_copy, key.len, quoted_key);
        if ((status = read_node(r, &value, &nodes)) != CELM_OK)
            return status;
        *node_count += nodes + 1;
        if (celm_map_set(r->arena, map, key_copy, key.len, value) != CELM_OK)
            return CELM_ENOMEM;
    }
    *out = map;
    return status;
}

static int read_sequence(reader *r, celm_value **out, size_t *node_count)
{
    celm_value *list = celm_value_list(r->arena, 0);
    if (!list)
        return CELM_ENOMEM;
    int status;
    while ((status = next_event(r)) == CELM_OK && r->event.type != YAML_SEQUENCE_END_EVENT) {
        celm_value *item;
        size_t nodes;
        if ((status = read_node(r, &item, &nodes)) != CELM_OK)
            return status;
        *node_count += nodes;
        if (celm_list_append(r->arena, list, item) != CELM_OK)
            return CELM_ENOMEM;
    }
    *out = list;
    return status;
}

/* Reads the node that starts at the current event. */
static int read_node(reader *r, celm_value **out, size_t *node_count)
{
    yaml_event_t *event = &r->event;
    if (event->type == YAML_ALIAS_EVENT)
        return alias_value(r, out, node_count);
    const char *anchor_name = NULL;
    if (event->type == YAML_SCALAR_EVENT)
        anchor_name = (const char *)event->data.scalar.anchor;
    else if (event->type == YAML_SEQUENCE_START_EVENT)
        anchor_name = (const char *)event->data.sequence_start.anchor;
    else if (event->type == YAML_MAPPING_START_EVENT)
        anchor_name = (const char *)event->data.mapping_start.anchor;
    anchor *slot = NULL;
    if (anchor_name && !(slot = add_anchor(r, anchor_name)))
        return CELM_ENOMEM;
    if (++r->depth > YAML_MAX_DEPTH)
        return fail_at(r, &event->start_mark, CELM_ELIMIT, "yaml: %s", "document nesting is too deep");
    int status = count_nodes(r, 1, 0, &event->start_mark);
    *node_count = 1;
    if (status != CELM_OK)
        return status;
    if (event->type == YAML_SCALAR_EVENT) {
        *out = scalar_value(r, event);
        status = *out ? CELM_OK : (r->err && r->err->code ? r->err->code : CELM_ENOMEM);
    } else if (event->type == YAML_SEQUENCE_START_EVENT) {
        status = read_sequence(r, out, node_count);
    } else if (event->type == YAML_MAPPING_START_EVENT) {
        status = read_mapping(r, out, node_count);
    } else {
        status = fail_at(r, &event->start_mark, CELM_EPARSE, "yaml: %s", "unexpected event");
    }
    r->depth--;
    if (status == CELM_OK && slot) {
        slot->value = *out;
        slot->node_count = *node_count;
    }
    return status;
}

/* Reads one document; *out is NULL at the end of the stream. */
static int read_document(reader *r, celm_value **out)
{
    *out = NULL;
    int status = next_event(r);
    if (status != CELM_OK || r->event.type == YAML_STREAM_END_EVENT)
        return status;
    if ((status = next_event(r)) != CELM_OK)
        return status;
    size_t nodes;
    if ((status = read_node(r, out, &nodes)) != CELM_OK)
        return status;
    return next_event(r); /* document end */
}

static int read_stream(reader *r, celm_value **out)
{
    int status = next_event(r); /* stream start */
    if (status != CELM_OK)
        return status;
    if (!(r->flags & CELM_YAML_ALL_DOCUMENTS)) {
        if ((status = read_document(r, out)) == CELM_OK && !*out)
            *out = celm_value_null(r->arena);
        return status;
    }
    celm_value *documents = celm_value_list(r->arena, 1);
    if (!documents)
        return CELM_ENOMEM;
    for (;;) {
        celm_value *document;
        if ((status = read_document(r, &document)) != CELM_OK)
            return status;
        if (!document)
            break;
        if (celm_list_append(r->arena, documents, document) != CELM_OK)
            return CELM_ENOMEM;
    }
    *out = documents;
    return CELM_OK;
}

int celm_yaml_parse(celm_arena *arena, const char *text, size_t len, const char *origin,
                    unsigned flags, celm_value **out, celm_error *err)
{
    reader r;
    memset(&r, 0, sizeof r);
    r.arena = arena;
    r.origin = origin ? origin : "";
    r.flags = flags;
    r.err = err;
    if (!yaml_parser_initialize(&r.parser))
        return celm_error_set(err, CELM_ENOMEM, "out of memory starting the YAML parser");
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
    celm_buffer_init(&r.repeated);
    int status = read_stream(&r, out);
    if (status == CELM_OK && r.repeated.len)
        status = celm_error_set(err, CELM_EPARSE, "yaml: unmarshal errors:%s", r.repeated.data);
    celm_buffer_free(&r.repeated);
    if (r.have_event)
        yaml_event_delete(&r.event);
    yaml_parser_delete(&r.parser);
    if (status == CELM_ENOMEM && err && !err->code)
        celm_error_set(err, CELM_ENOMEM, "out of memory reading YAML");
    return status;
}
