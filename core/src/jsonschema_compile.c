/* jsonschema_compile.c: turning schema documents into compiled schemas, keyword by keyword. */
#include <string.h>

#include "jsonschema_compiler.h"

typedef struct compile_queue {
    jsonschema_schema **items;
    size_t count;
    jsonschema_map by_location;
} compile_queue;

/* What compiling one schema object needs (the library's objCompiler). */
typedef struct object_compiler {
    jsonschema_compiler *compiler;
    celm_arena *arena;
    const jsonschema_node *object;
    const char *url;
    const char *pointer;
    jsonschema_root *root;
    jsonschema_resource *resource;
    compile_queue *queue;
    const char *message;
} object_compiler;

jsonschema_compiler *jsonschema_compiler_create(celm_arena *arena, const celm_schema_options *options)
{
    jsonschema_compiler *compiler = celm_arena_alloc(arena, sizeof *compiler);
    if (!compiler)
        return NULL;
    memset(compiler, 0, sizeof *compiler);
    compiler->arena = arena;
    celm_schema_options defaults = CELM_SCHEMA_OPTIONS_INIT;
    compiler->options = options ? *options : defaults;
    compiler->depth_limit = 2000;
    return compiler;
}

celm_arena *jsonschema_compiler_arena(jsonschema_compiler *compiler)
{
    return compiler->arena;
}

const char *jsonschema_compiler_limit_message(jsonschema_compiler *compiler)
{
    return compiler->limit_message;
}

int jsonschema_compiler_add(jsonschema_compiler *compiler, const char *url, jsonschema_node *doc)
{
    return jsonschema_map_put(compiler->arena, &compiler->documents, url, doc);
}

static jsonschema_schema *enqueue(jsonschema_compiler *compiler, compile_queue *queue, const char *url,
                                  const char *pointer)
{
    celm_arena *arena = compiler->arena;
    const char *location = jsonschema_location(arena, url, pointer);
    jsonschema_schema *schema = jsonschema_map_get(&compiler->schemas, location);
    if (!schema)
        schema = jsonschema_map_get(&queue->by_location, location);
    if (schema)
        return schema;
    schema = celm_arena_alloc(arena, sizeof *schema);
    if (!schema)
        return NULL;
    memset(schema, 0, sizeof *schema);
    schema->url = url;
    schema->pointer = pointer;
    schema->location = location;
    queue->items = jsonschema_grow(arena, queue->items, queue->count, sizeof *queue->items);
    if (!queue->items || jsonschema_map_put(arena, &queue->by_location, location, schema) != 0)
        return NULL;
    queue->items[queue->count++] = schema;
    return schema;
}

/* --- keyword values ---------------------------------------------------------------------------- */

static const jsonschema_node *member(object_compiler *oc, const char *name)
{
    return jsonschema_member_get(oc->object, name);
}

static const jsonschema_node *member_of_kind(object_compiler *oc, const char *name, jsonschema_kind kind)
{
    const jsonschema_node *value = member(oc, name);
    return value && value->kind == kind ? value : NULL;
}

static int boolean(object_compiler *oc, const char *name)
{
    const jsonschema_node *value = member_of_kind(oc, name, JSONSCHEMA_BOOL);
    return value && value->boolean;
}

static jsonschema_decimal *number(object_compiler *oc, const char *name)
{
    const jsonschema_node *value = member_of_kind(oc, name, JSONSCHEMA_NUMBER);
    jsonschema_decimal *decimal = value ? celm_arena_alloc(oc->arena, sizeof *decimal) : NULL;
    if (!decimal || jsonschema_decimal_parse(oc->arena, value->text.data, value->text.len, decimal) != 0)
        return NULL;
    return decimal;
}

static jsonschema_optional_int integer(object_compiler *oc, const char *name)
{
    jsonschema_optional_int result = {0, 0};
    jsonschema_decimal *decimal = number(oc, name);
    if (decimal && jsonschema_decimal_is_integer(decimal)) {
        result.present = 1;
        result.value = jsonschema_decimal_to_int64(decimal);
    }
    return result;
}

static const char **strings_of(object_compiler *oc, const jsonschema_node *array, size_t *count)
{
    const char **names = celm_arena_alloc(oc->arena, (array->count + 1) * sizeof *names);
    *count = 0;
    for (size_t i = 0; names && i < array->count; i++)
        if (array->items[i]->kind == JSONSCHEMA_STRING)
            names[(*count)++] = array->items[i]->text.data;
    return names;
}

static const char *child_pointer(object_compiler *oc, const char *name)
{
    celm_buffer out;
    celm_buffer_init(&out);
    celm_buffer_append_str(&out, oc->pointer);
    celm_buffer_append_char(&out, '/');
    jsonschema_pointer_escape(&out, name, strlen(name));
    celm_string text;
    return celm_buffer_finish(&out, oc->arena, &text) == 0 ? text.data : "";
}

static jsonschema_schema *enqueue_pointer(object_compiler *oc, const char *pointer)
{
    return enqueue(oc->compiler, oc->queue, oc->url, pointer);
}

static jsonschema_schema *enqueue_property(object_compiler *oc, const char *name)
{
    return member(oc, name) ? enqueue_pointer(oc, child_pointer(oc, name)) : NULL;
}

static jsonschema_list enqueue_array(object_compiler *oc, const char *name)
{
    jsonschema_list list = {NULL, 0};
    const jsonschema_node *array = member_of_kind(oc, name, JSONSCHEMA_ARRAY);
    if (!array)
        return list;
    list.items = celm_arena_alloc(oc->arena, (array->count + 1) * sizeof *list.items);
    const char *base = child_pointer(oc, name);
    for (size_t i = 0; list.items && i < array->count; i++)
        list.items[list.count++] = enqueue_pointer(oc, celm_arena_printf(oc->arena, "%s/%zu", base, i));
    return list;
}

static jsonschema_named *enqueue_map(object_compiler *oc, const char *name, size_t *count)
{
    const jsonschema_node *object = member_of_kind(oc, name, JSONSCHEMA_OBJECT);
    *count = 0;
    if (!object)
        return NULL;
    jsonschema_named *named = celm_arena_alloc(oc->arena, (object->count + 1) * sizeof *named);
    const char *base = child_pointer(oc, name);
    for (size_t i = 0; named && i < object->count; i++) {
        celm_buffer pointer;
        celm_buffer_init(&pointer);
        celm_buffer_append_str(&pointer, base);
        celm_buffer_append_char(&pointer, '/');
        jsonschema_pointer_escape(&pointer, object->members[i].key.data, object->members[i].key.len);
        celm_string text;
        celm_buffer_finish(&pointer, oc->arena, &text);
        memset(&named[*count], 0, sizeof named[*count]);
        named[*count].name = object->members[i].key.data;
        named[(*count)++].schema = enqueue_pointer(oc, text.data ? text.data : base);
    }
    return named;
}

static jsonschema_additional enqueue_additional(object_compiler *oc, const char *name, jsonschema_schema **schema)
{
    const jsonschema_node *value = member(oc, name);
    *schema = NULL;
    if (!value)
        return JSONSCHEMA_ADDITIONAL_NONE;
    if (value->kind == JSONSCHEMA_BOOL)
        return value->boolean ? JSONSCHEMA_ADDITIONAL_TRUE : JSONSCHEMA_ADDITIONAL_FALSE;
    *schema = enqueue_property(oc, name);
    return JSONSCHEMA_ADDITIONAL_SCHEMA;
}

static int enqueue_reference(object_compiler *oc, const char *name, jsonschema_schema **out)
{
    const jsonschema_node *value = member_of_kind(oc, name, JSONSCHEMA_STRING);
    *out = NULL;
    if (!value)
        return 0;
    const char *fragment, *pointer;
    const char *url = jsonschema_url_join(oc->arena, oc->resource->id, value->text.data, &fragment, &oc->message);
    if (!url || jsonschema_root_resolve(oc->compiler, oc->root, url, fragment, &pointer, &oc->message) != 0)
        return CELM_EINVAL;
    if (pointer) {
        *out = enqueue_pointer(oc, pointer);
        return 0;
    }
    if (jsonschema_roots_resolve_fragment(oc->compiler, url, fragment, &pointer, &oc->message) != 0)
        return CELM_EINVAL;
    *out = enqueue(oc->compiler, oc->queue, url, pointer);
    return 0;
}

static int has_vocab(object_compiler *oc, const char *name)
{
    return jsonschema_dialect_has_vocab(&oc->resource->dialect, name);
}

static int compile_regex(object_compiler *oc, const char *keyword, const char *source, size_t len,
                         celm_regex **out)
{
    const char *problem;
    if ((*out = celm_go_regex_compile(oc->arena, source, len, &problem)) != NULL)
        return 0;
    const char *at = jsonschema_location(oc->arena, oc->url, child_pointer(oc, keyword));
    oc->message = celm_arena_printf(oc->arena, "invalid regex %s at %s: %s",
                                    jsonschema_quoted_text(oc->arena, celm_arena_strndup(oc->arena, source, len)),
                                    jsonschema_quoted_text(oc->arena, at), problem);
    return CELM_EINVAL;
}

/* --- drafts ------------------------------------------------------------------------------------- */

static int compile_applicators4(object_compiler *oc, jsonschema_schema *s)
{
    s->all_of = enqueue_array(oc, "allOf");
    s->any_of = enqueue_array(oc, "anyOf");
    s->one_of = enqueue_array(oc, "oneOf");
    s->not_schema = enqueue_property(oc, "not");
    const jsonschema_node *items = member(oc, "items");
    if (s->draft < 2020 && items) {
        if (items->kind == JSONSCHEMA_ARRAY) {
            s->has_items_list = 1;
            s->items_list = enqueue_array(oc, "items");
            s->additional_items = enqueue_additional(oc, "additionalItems", &s->additional_items_schema);
        } else {
            s->items_schema = enqueue_property(oc, "items");
        }
    }
    s->properties = enqueue_map(oc, "properties", &s->property_count);
    size_t count;
    jsonschema_named *patterns = enqueue_map(oc, "patternProperties", &count);
    if (patterns) {
        s->pattern_properties = celm_arena_alloc(oc->arena, (count + 1) * sizeof *s->pattern_properties);
        for (size_t i = 0; s->pattern_properties && i < count; i++) {
            s->pattern_properties[i].schema = patterns[i].schema;
            if (compile_regex(oc, "patternProperties", patterns[i].name, strlen(patterns[i].name),
                              &s->pattern_properties[i].regex) != 0)
                return CELM_EINVAL;
        }
        s->pattern_property_count = count;
    }
    s->additional_properties = enqueue_additional(oc, "additionalProperties", &s->additional_properties_schema);
    const jsonschema_node *dependencies = member_of_kind(oc, "dependencies", JSONSCHEMA_OBJECT);
    if (dependencies) {
        s->dependencies = celm_arena_alloc(oc->arena, (dependencies->count + 1) * sizeof *s->dependencies);
        const char *base = child_pointer(oc, "dependencies");
        for (size_t i = 0; s->dependencies && i < dependencies->count; i++) {
            jsonschema_named *d = &s->dependencies[s->dependency_count++];
            memset(d, 0, sizeof *d);
            d->name = dependencies->members[i].key.data;
            if (dependencies->members[i].value->kind == JSONSCHEMA_ARRAY) {
                d->names = strings_of(oc, dependencies->members[i].value, &d->name_count);
            } else {
                celm_buffer pointer;
                celm_buffer_init(&pointer);
                celm_buffer_printf(&pointer, "%s/", base);
                jsonschema_pointer_escape(&pointer, d->name, dependencies->members[i].key.len);
                celm_string text;
                celm_buffer_finish(&pointer, oc->arena, &text);
                d->schema = enqueue_pointer(oc, text.data ? text.data : base);
            }
        }
    }
    return 0;
}

static unsigned type_bit(const char *name)
{
    static const char *const names[] = {"null", "boolean", "number", "integer", "string", "array", "object"};
    for (unsigned i = 0; i < 7; i++)
        if (strcmp(name, names[i]) == 0)
            return 1u << i;
    return 0;
}

static unsigned node_type_bit(const jsonschema_node *node)
{
    static const unsigned bits[] = {JSONSCHEMA_TYPE_NULL, JSONSCHEMA_TYPE_BOOLEAN, JSONSCHEMA_TYPE_NUMBER,
                                    JSONSCHEMA_TYPE_STRING, JSONSCHEMA_TYPE_ARRAY, JSONSCHEMA_TYPE_OBJECT};
    return bits[node->kind];
}

static void compile_types(object_compiler *oc, jsonschema_schema *s)
{
    const jsonschema_node *type = member(oc, "type");
    if (!type)
        return;
    if (type->kind == JSONSCHEMA_STRING)
        s->types = type_bit(type->text.data);
    for (size_t i = 0; type->kind == JSONSCHEMA_ARRAY && i < type->count; i++)
        if (type->items[i]->kind == JSONSCHEMA_STRING)
            s->types |= type_bit(type->items[i]->text.data);
}

static int compile_validation4(object_compiler *oc, jsonschema_schema *s)
{
    compile_types(oc, s);
    const jsonschema_node *values = member_of_kind(oc, "enum", JSONSCHEMA_ARRAY);
    if (values) {
        s->has_enum = 1;
        s->enum_values = values->items;
        s->enum_count = values->count;
        for (size_t i = 0; i < values->count; i++)
            s->enum_types |= node_type_bit(values->items[i]);
    }
    s->multiple_of = number(oc, "multipleOf");
    s->maximum = number(oc, "maximum");
    if (boolean(oc, "exclusiveMaximum")) {
        s->exclusive_maximum = s->maximum;
        s->maximum = NULL;
    } else {
        s->exclusive_maximum = number(oc, "exclusiveMaximum");
    }
    s->minimum = number(oc, "minimum");
    if (boolean(oc, "exclusiveMinimum")) {
        s->exclusive_minimum = s->minimum;
        s->minimum = NULL;
    } else {
        s->exclusive_minimum = number(oc, "exclusiveMinimum");
    }
    s->min_length = integer(oc, "minLength");
    s->max_length = integer(oc, "maxLength");
    const jsonschema_node *pattern = member_of_kind(oc, "pattern", JSONSCHEMA_STRING);
    if (pattern && compile_regex(oc, "pattern", pattern->text.data, pattern->text.len, &s->pattern) != 0)
        return CELM_EINVAL;
    s->min_items = integer(oc, "minItems");
    s->max_items = integer(oc, "maxItems");
    s->unique_items = boolean(oc, "uniqueItems");
    s->max_properties = integer(oc, "maxProperties");
    s->min_properties = integer(oc, "minProperties");
    const jsonschema_node *required = member_of_kind(oc, "required", JSONSCHEMA_ARRAY);
    if (required)
        s->required = strings_of(oc, required, &s->required_count);
    return 0;
}

static int asserts_format(object_compiler *oc, int draft)
{
    if (oc->compiler->assert_format || draft < 2019)
        return 1;
    return has_vocab(oc, draft == 2019 ? "format" : "format-assertion");
}

static void compile_format(object_compiler *oc, jsonschema_schema *s)
{
    const jsonschema_node *format = member_of_kind(oc, "format", JSONSCHEMA_STRING);
    if (!format || !asserts_format(oc, s->draft))
        return;
    jsonschema_format_check check = strcmp(format->text.data, "regex") == 0 ? jsonschema_format_regex
                                                                            : jsonschema_format_find(format->text.data);
    if (!check)
        return;
    jsonschema_format *compiled = celm_arena_alloc(oc->arena, sizeof *compiled);
    if (compiled) {
        compiled->name = format->text.data;
        compiled->check = check;
    }
    s->format = compiled;
}

static int compile_draft4(object_compiler *oc, jsonschema_schema *s)
{
    if (enqueue_reference(oc, "$ref", &s->ref) != 0)
        return CELM_EINVAL;
    if (s->draft < 2019 && s->ref)
        return 0;   /* all other properties in a "$ref" object must be ignored */
    if (has_vocab(oc, "applicator") && compile_applicators4(oc, s) != 0)
        return CELM_EINVAL;
    if (has_vocab(oc, "validation") && compile_validation4(oc, s) != 0)
        return CELM_EINVAL;
    compile_format(oc, s);
    return 0;
}

static void compile_draft6_and_7(object_compiler *oc, jsonschema_schema *s)
{
    if (has_vocab(oc, "applicator")) {
        s->contains = enqueue_property(oc, "contains");
        s->property_names = enqueue_property(oc, "propertyNames");
    }
    if (has_vocab(oc, "validation") && member(oc, "const"))
        s->constant = (jsonschema_node *)member(oc, "const");
    if (s->draft < 7 || !has_vocab(oc, "applicator"))
        return;
    s->if_schema = enqueue_property(oc, "if");
    if (s->if_schema) {
        const jsonschema_node *condition = member_of_kind(oc, "if", JSONSCHEMA_BOOL);
        if (!condition || condition->boolean)
            s->then_schema = enqueue_property(oc, "then");
        if (!condition || !condition->boolean)
            s->else_schema = enqueue_property(oc, "else");
    }
}

static int compile_draft2019(object_compiler *oc, jsonschema_schema *s)
{
    if (enqueue_reference(oc, "$recursiveRef", &s->recursive_ref) != 0)
        return CELM_EINVAL;
    s->recursive_anchor = boolean(oc, "$recursiveAnchor");
    if (has_vocab(oc, "validation")) {
        if (s->contains) {
            s->min_contains = integer(oc, "minContains");
            s->max_contains = integer(oc, "maxContains");
        }
        const jsonschema_node *required = member_of_kind(oc, "dependentRequired", JSONSCHEMA_OBJECT);
        if (required) {
            s->dependent_required = celm_arena_alloc(oc->arena, (required->count + 1) * sizeof *s->dependent_required);
            for (size_t i = 0; s->dependent_required && i < required->count; i++) {
                if (required->members[i].value->kind != JSONSCHEMA_ARRAY)
                    continue;
                jsonschema_named *d = &s->dependent_required[s->dependent_required_count++];
                memset(d, 0, sizeof *d);
                d->name = required->members[i].key.data;
                d->names = strings_of(oc, required->members[i].value, &d->name_count);
            }
        }
    }
    if (has_vocab(oc, "applicator"))
        s->dependent_schemas = enqueue_map(oc, "dependentSchemas", &s->dependent_schema_count);
    if (has_vocab(oc, s->draft == 2019 ? "applicator" : "unevaluated")) {
        s->unevaluated_items = enqueue_property(oc, "unevaluatedItems");
        s->unevaluated_properties = enqueue_property(oc, "unevaluatedProperties");
    }
    return 0;
}

static int compile_draft2020(object_compiler *oc, jsonschema_schema *s)
{
    if (enqueue_reference(oc, "$dynamicRef", &s->dynamic_ref) != 0)
        return CELM_EINVAL;
    s->dynamic_ref_anchor = "";
    if (s->dynamic_ref) {
        const char *reference = member_of_kind(oc, "$dynamicRef", JSONSCHEMA_STRING)->text.data;
        const char *hash = strchr(reference, '#');
        const char *fragment = hash ? jsonschema_url_unescape(oc->arena, hash + 1, strlen(hash + 1)) : "";
        if (fragment && *fragment && *fragment != '/')
            s->dynamic_ref_anchor = fragment;
    }
    const jsonschema_node *anchor = member_of_kind(oc, "$dynamicAnchor", JSONSCHEMA_STRING);
    s->dynamic_anchor = anchor ? anchor->text.data : "";
    if (has_vocab(oc, "applicator")) {
        s->prefix_items = enqueue_array(oc, "prefixItems");
        s->items_schema = enqueue_property(oc, "items");
    }
    return 0;
}

static int compile_object(object_compiler *oc, jsonschema_schema *s)
{
    if (oc->object->count == 0) {
        s->is_bool = s->bool_value = 1;
        return 0;
    }
    if (compile_draft4(oc, s) != 0)
        return CELM_EINVAL;
    if (s->draft >= 6)
        compile_draft6_and_7(oc, s);
    if (s->draft >= 2019 && compile_draft2019(oc, s) != 0)
        return CELM_EINVAL;
    if (s->draft >= 2020 && compile_draft2020(oc, s) != 0)
        return CELM_EINVAL;
    return 0;
}

/* --- the compile loop ------------------------------------------------------------------------- */

static int collect_dynamic_anchors(jsonschema_compiler *compiler, compile_queue *queue, jsonschema_schema *s,
                                   jsonschema_resource *resource)
{
    if (s->draft < 2020 || s->resource != s)
        return 0;
    for (size_t i = 0; i < resource->dynamic_anchor_count; i++) {
        const char *name = resource->dynamic_anchors[i];
        const char *pointer = jsonschema_map_get(&resource->anchors, name);
        int seen = 0;
        for (size_t j = 0; j < s->dynamic_anchor_count; j++)
            seen |= strcmp(s->dynamic_anchors[j].name, name) == 0;
        if (!pointer || seen)
            continue;
        s->dynamic_anchors = jsonschema_grow(compiler->arena, s->dynamic_anchors, s->dynamic_anchor_count,
                                             sizeof *s->dynamic_anchors);
        if (!s->dynamic_anchors)
            return CELM_ENOMEM;
        jsonschema_named *anchor = &s->dynamic_anchors[s->dynamic_anchor_count++];
        memset(anchor, 0, sizeof *anchor);
        anchor->name = name;
        anchor->schema = enqueue(compiler, queue, s->url, pointer);
    }
    return 0;
}

static void settle_evaluation(jsonschema_schema *s)
{
    s->all_props_evaluated = s->additional_properties != JSONSCHEMA_ADDITIONAL_NONE;
    if (s->draft < 2020) {
        s->all_items_evaluated = s->additional_items != JSONSCHEMA_ADDITIONAL_NONE || s->items_schema != NULL;
        if (s->has_items_list)
            s->items_evaluated = s->items_list.count;
    } else {
        s->all_items_evaluated = s->items_schema != NULL;
        s->items_evaluated = s->prefix_items.count;
    }
}

static int compile_value(jsonschema_compiler *compiler, compile_queue *queue, jsonschema_schema *s,
                         jsonschema_root *root, const jsonschema_node *value, const char **message)
{
    jsonschema_resource *resource = jsonschema_root_resource(root, s->pointer);
    s->draft = resource->dialect.draft->version;
    s->resource = enqueue(compiler, queue, s->url, resource->pointer);
    if (!s->resource || collect_dynamic_anchors(compiler, queue, s, resource) != 0)
        return *message = "out of memory", CELM_ENOMEM;
    if (value->kind == JSONSCHEMA_BOOL) {
        s->is_bool = 1;
        s->bool_value = value->boolean;
    } else if (value->kind == JSONSCHEMA_OBJECT) {
        object_compiler oc = {compiler, compiler->arena, value, s->url, s->pointer, root, resource, queue, NULL};
        if (compile_object(&oc, s) != 0)
            return *message = oc.message ? oc.message : "out of memory", CELM_EINVAL;
    }
    settle_evaluation(s);
    return 0;
}

static jsonschema_schema *do_compile(jsonschema_compiler *compiler, const char *url, const char *pointer,
                                     const char **message)
{
    celm_arena *arena = compiler->arena;
    compile_queue queue;
    memset(&queue, 0, sizeof queue);
    jsonschema_schema *first = enqueue(compiler, &queue, url, pointer);
    if (!first)
        return *message = "out of memory", NULL;
    for (size_t compiled = 0; compiled < queue.count; compiled++) {
        jsonschema_schema *s = queue.items[compiled];
        if (jsonschema_roots_ensure_subschema(compiler, s->url, s->pointer, message) != 0)
            return NULL;
        jsonschema_root *root = jsonschema_map_get(&compiler->roots, s->url);
        int bad;
        jsonschema_node *value = jsonschema_pointer_lookup(arena, root->doc, s->pointer, &bad);
        if (!value) {
            *message = celm_arena_printf(arena, bad ? "invalid json-pointer %s" : "json-pointer in %s not found",
                                         jsonschema_quoted_text(arena, s->location));
            return NULL;
        }
        if (compile_value(compiler, &queue, s, root, value, message) != 0)
            return NULL;
    }
    for (size_t i = 0; i < queue.count; i++)
        if (jsonschema_map_put(arena, &compiler->schemas, queue.items[i]->location, queue.items[i]) != 0)
            return *message = "out of memory", NULL;
    return first;
}

jsonschema_schema *jsonschema_compiler_compile(jsonschema_compiler *compiler, const char *url, const char **message)
{
    const char *hash = strchr(url, '#');
    const char *fragment = hash ? jsonschema_url_unescape(compiler->arena, hash + 1, strlen(hash + 1)) : "";
    const char *document = hash ? celm_arena_strndup(compiler->arena, url, (size_t)(hash - url)) : url;
    const char *pointer;
    if (!fragment)
        return *message = "invalid fragment", NULL;
    if (jsonschema_roots_resolve_fragment(compiler, document, fragment, &pointer, message) != 0)
        return NULL;
    return do_compile(compiler, document, pointer, message);
}

/* --- metaschemas --------------------------------------------------------------------------------- */

static jsonschema_compiler *meta_compiler(jsonschema_compiler *compiler)
{
    if (!compiler->meta) {
        compiler->meta = jsonschema_compiler_create(compiler->arena, NULL);
        if (compiler->meta)
            compiler->meta->assert_format = 1;
    }
    return compiler->meta;
}

static jsonschema_schema *draft_schema(jsonschema_compiler *compiler, const jsonschema_draft *draft,
                                       const char **message)
{
    jsonschema_compiler *meta = meta_compiler(compiler);
    if (!meta)
        return *message = "out of memory", NULL;
    if (!meta->draft_schemas[draft->index])
        meta->draft_schemas[draft->index] = jsonschema_compiler_compile(meta, draft->url, message);
    return meta->draft_schemas[draft->index];
}

static jsonschema_schema *vocab_schema(jsonschema_compiler *compiler, const jsonschema_draft *draft,
                                       const char *vocab, const char **message)
{
    size_t base = strlen(draft->url) - strlen("schema");
    const char *url = celm_arena_printf(compiler->arena, "%.*smeta/%s", (int)base, draft->url, vocab);
    jsonschema_compiler *meta = meta_compiler(compiler);
    return meta ? jsonschema_compiler_compile(meta, url, message) : NULL;
}

/* A dialect with its own $vocabulary: the allOf of its vocabularies' metaschemas. */
jsonschema_schema *jsonschema_dialect_schema(jsonschema_compiler *compiler, const jsonschema_dialect *dialect,
                                             const char **message)
{
    if (!dialect->vocabs)
        return draft_schema(compiler, dialect->draft, message);
    jsonschema_schema *s = celm_arena_alloc(compiler->arena, sizeof *s);
    if (!s)
        return NULL;
    memset(s, 0, sizeof *s);
    s->url = s->location = "urn:mem:metaschema";
    s->pointer = "";
    s->draft = dialect->draft->version;
    s->resource = s;
    s->all_of.items = celm_arena_alloc(compiler->arena, (dialect->vocab_count + 1) * sizeof *s->all_of.items);
    for (size_t i = 0; s->all_of.items && i < dialect->vocab_count; i++)
        if (!(s->all_of.items[s->all_of.count++] = vocab_schema(compiler, dialect->draft, dialect->vocabs[i], message)))
            return NULL;
    s->dynamic_anchor = "";
    if (s->draft >= 2020) {
        s->dynamic_anchor = "meta";
        s->dynamic_anchors = celm_arena_alloc(compiler->arena, sizeof *s->dynamic_anchors);
        if (!s->dynamic_anchors)
            return NULL;
        memset(s->dynamic_anchors, 0, sizeof *s->dynamic_anchors);
        s->dynamic_anchors[0].name = "meta";
        s->dynamic_anchors[0].schema = s;
        s->dynamic_anchor_count = 1;
    }
    return s;
}
