/* jsonschema_validate.c: applying a compiled schema to a value, in the library's keyword order. */
#include <stdio.h>
#include <string.h>

#include "jsonschema_validator.h"

static const char *const type_names[] = {"null", "boolean", "number", "integer", "string", "array", "object"};

static const char *kind_type_name(jsonschema_kind kind)
{
    static const char *const names[] = {"null", "boolean", "number", "string", "array", "object"};
    return names[kind];
}

static unsigned kind_type_bit(jsonschema_kind kind)
{
    static const unsigned bits[] = {JSONSCHEMA_TYPE_NULL, JSONSCHEMA_TYPE_BOOLEAN, JSONSCHEMA_TYPE_NUMBER,
                                    JSONSCHEMA_TYPE_STRING, JSONSCHEMA_TYPE_ARRAY, JSONSCHEMA_TYPE_OBJECT};
    return bits[kind];
}

/* --- errors ------------------------------------------------------------------------------------ */

jsonschema_error *validator_new_error(validator *vd, jsonschema_error_kind kind)
{
    if (vd->bool_result)
        return &vd->run->placeholder;
    jsonschema_error *error = celm_arena_alloc(vd->run->arena, sizeof *error);
    if (!error)
        return &vd->run->placeholder;
    memset(error, 0, sizeof *error);
    error->kind = kind;
    error->instance_depth = vd->depth;
    error->instance_location = vd->location;
    return error;
}

void validator_add_error(validator *vd, jsonschema_error *error)
{
    if (!error)
        return;
    jsonschema_error **grown = jsonschema_grow(vd->run->arena, vd->errors, vd->error_count, sizeof *vd->errors);
    if (!grown)
        return;
    vd->errors = grown;
    vd->errors[vd->error_count++] = error;
}

jsonschema_error *validator_add_kind(validator *vd, jsonschema_error_kind kind)
{
    jsonschema_error *error = validator_new_error(vd, kind);
    validator_add_error(vd, error);
    return error;
}

void validator_add_errors(validator *vd, jsonschema_error **errors, size_t count, jsonschema_error_kind kind)
{
    jsonschema_error *error = validator_new_error(vd, kind);
    if (!vd->bool_result) {
        error->causes = errors;
        error->cause_count = count;
    }
    validator_add_error(vd, error);
}

/* --- bookkeeping of evaluated properties and items ------------------------------------------------ */

static unevaluated *unevaluated_from(validation_run *run, const jsonschema_node *value, jsonschema_schema *schema,
                                     int caller_needs)
{
    unevaluated *uneval = celm_arena_alloc(run->arena, sizeof *uneval);
    if (!uneval)
        return NULL;
    memset(uneval, 0, sizeof *uneval);
    if (value->kind == JSONSCHEMA_OBJECT && !schema->all_props_evaluated &&
        (caller_needs || schema->unevaluated_properties) && value->count) {
        uneval->props = celm_arena_alloc(run->arena, value->count);
        if (uneval->props) {
            memset(uneval->props, 1, value->count);
            uneval->props_left = value->count;
        }
    } else if (value->kind == JSONSCHEMA_ARRAY && !schema->all_items_evaluated &&
               (caller_needs || schema->unevaluated_items) && schema->items_evaluated < value->count) {
        uneval->items = celm_arena_alloc(run->arena, value->count);
        if (uneval->items) {
            memset(uneval->items, 0, value->count);
            memset(uneval->items + schema->items_evaluated, 1, value->count - schema->items_evaluated);
            uneval->items_left = value->count - schema->items_evaluated;
        }
    }
    return uneval;
}

void unevaluated_mark_prop(unevaluated *uneval, size_t index)
{
    if (uneval->props && uneval->props[index]) {
        uneval->props[index] = 0;
        uneval->props_left--;
    }
}

void unevaluated_mark_item(unevaluated *uneval, size_t index)
{
    if (uneval->items && uneval->items[index]) {
        uneval->items[index] = 0;
        uneval->items_left--;
    }
}

static int unevaluated_empty(const unevaluated *uneval)
{
    return uneval->props_left == 0 && uneval->items_left == 0;
}

/* Keeps as unevaluated only what the other validation left unevaluated too. */
static void unevaluated_merge(unevaluated *uneval, const unevaluated *other, size_t count)
{
    for (size_t i = 0; uneval->props && i < count; i++)
        if (uneval->props[i] && !(other->props && other->props[i]))
            unevaluated_mark_prop(uneval, i);
    for (size_t i = 0; uneval->items && i < count; i++)
        if (uneval->items[i] && !(other->items && other->items[i]))
            unevaluated_mark_item(uneval, i);
}

/* --- scopes ------------------------------------------------------------------------------------ */

static validation_scope *scope_child(validator *vd, jsonschema_schema *schema, const char *ref_keyword, int value_id)
{
    validation_scope *scope = celm_arena_alloc(vd->run->arena, sizeof *scope);
    if (scope) {
        scope->schema = schema;
        scope->ref_keyword = ref_keyword;
        scope->value_id = value_id;
        scope->parent = vd->scope;
    }
    return scope;
}

static validation_scope *scope_cycle(const validation_scope *scope)
{
    for (validation_scope *up = scope->parent; up && up->value_id == scope->value_id; up = up->parent)
        if (up->schema == scope->schema)
            return up;
    return NULL;
}

static const char *scope_keyword_location(celm_arena *arena, const validation_scope *scope)
{
    const char *location = "";
    for (; scope->parent; scope = scope->parent) {
        if (scope->ref_keyword && *scope->ref_keyword) {
            celm_buffer token;
            celm_buffer_init(&token);
            jsonschema_pointer_escape(&token, scope->ref_keyword, strlen(scope->ref_keyword));
            celm_string text;
            celm_buffer_finish(&token, arena, &text);
            location = celm_arena_printf(arena, "/%s%s", text.data ? text.data : "", location);
        } else {
            size_t parent_len = strlen(scope->parent->schema->location);
            const char *current = scope->schema->location;
            location = celm_arena_printf(arena, "%s%s", strlen(current) >= parent_len ? current + parent_len : current,
                                         location);
        }
    }
    return location;
}

/* --- child validations ------------------------------------------------------------------------- */

static jsonschema_error *run_validation(validator *vd, unevaluated **out);

/* When checking a schema document: the metaschema of the resource at the value's location. */
static jsonschema_schema *meta_at_location(validator *vd)
{
    celm_buffer pointer;
    celm_buffer_init(&pointer);
    for (size_t i = 0; i < vd->depth; i++) {
        celm_buffer_append_char(&pointer, '/');
        jsonschema_pointer_escape(&pointer, vd->location[i], strlen(vd->location[i]));
    }
    celm_string text;
    if (celm_buffer_finish(&pointer, vd->run->arena, &text) != 0)
        return NULL;
    jsonschema_resource *resource = jsonschema_map_get(&vd->run->meta_root->by_pointer, text.data);
    const char *message;
    return resource ? jsonschema_dialect_schema(vd->run->compiler, &resource->dialect, &message) : NULL;
}

static void handle_meta(validator *vd)
{
    if (!vd->run->meta_root || vd->schema != vd->meta)
        return;
    jsonschema_schema *meta = meta_at_location(vd);
    if (meta)
        vd->meta = vd->schema = meta;
}

static jsonschema_error *validate_child(validator *vd, validator *child, unevaluated **uneval)
{
    if (++vd->run->depth > vd->run->compiler->depth_limit) {
        vd->run->compiler->limit_message = "schema validation nests too deeply (more than 2000 levels)";
        vd->run->depth--;
        return &vd->run->placeholder;
    }
    handle_meta(child);
    jsonschema_error *error = run_validation(child, uneval);
    vd->run->depth--;
    return error;
}

jsonschema_error *validator_validate_self(validator *vd, jsonschema_schema *schema, const char *ref_keyword,
                                          int bool_result)
{
    validator child = *vd;
    child.schema = schema;
    child.scope = scope_child(vd, schema, ref_keyword, vd->scope->value_id);
    child.uneval = unevaluated_from(vd->run, vd->value, schema, !unevaluated_empty(vd->uneval));
    child.errors = NULL;
    child.error_count = 0;
    child.bool_result = vd->bool_result || bool_result;
    if (!child.scope || !child.uneval)
        return &vd->run->placeholder;
    unevaluated *result = NULL;
    jsonschema_error *error = validate_child(vd, &child, &result);
    if (!error && result)
        unevaluated_merge(vd->uneval, result, vd->value->count);
    return error;
}

jsonschema_error *validator_validate_value(validator *vd, jsonschema_schema *schema, const jsonschema_node *value,
                                           const char *token)
{
    validator child = *vd;
    child.value = value;
    child.location = celm_arena_alloc(vd->run->arena, (vd->depth + 1) * sizeof *child.location);
    if (!child.location)
        return &vd->run->placeholder;
    if (vd->depth)
        memcpy(child.location, vd->location, vd->depth * sizeof *child.location);
    child.location[vd->depth] = token;
    child.depth = vd->depth + 1;
    child.schema = schema;
    child.scope = scope_child(vd, schema, NULL, vd->scope->value_id + 1);
    child.uneval = unevaluated_from(vd->run, value, schema, 0);
    child.errors = NULL;
    child.error_count = 0;
    if (!child.scope || !child.uneval)
        return &vd->run->placeholder;
    unevaluated *ignored;
    return validate_child(vd, &child, &ignored);
}

static jsonschema_error *validate_top(validation_run *run, jsonschema_schema *schema, const jsonschema_node *value,
                                      jsonschema_schema *meta)
{
    validation_scope *scope = celm_arena_alloc(run->arena, sizeof *scope);
    if (!scope)
        return &run->placeholder;
    memset(scope, 0, sizeof *scope);
    scope->schema = schema;
    validator vd;
    memset(&vd, 0, sizeof vd);
    vd.run = run;
    vd.value = value;
    vd.schema = schema;
    vd.scope = scope;
    vd.meta = meta;
    vd.uneval = unevaluated_from(run, value, schema, 0);
    if (!vd.uneval)
        return &run->placeholder;
    unevaluated *ignored;
    jsonschema_error *error = run_validation(&vd, &ignored);
    if (!error)
        return NULL;
    jsonschema_error *top = celm_arena_alloc(run->arena, sizeof *top);
    if (!top)
        return &run->placeholder;
    memset(top, 0, sizeof *top);
    top->kind = JSONSCHEMA_KIND_SCHEMA;
    top->text = schema->location;
    if (error->kind == JSONSCHEMA_KIND_GROUP) {
        top->causes = error->causes;
        top->cause_count = error->cause_count;
    } else {
        top->causes = celm_arena_alloc(run->arena, sizeof *top->causes);
        if (top->causes) {
            top->causes[0] = error;
            top->cause_count = 1;
        }
    }
    return top;
}

jsonschema_error *validator_validate_fresh(validator *vd, jsonschema_schema *schema, const jsonschema_node *value)
{
    jsonschema_schema *meta = vd->meta;
    if (vd->run->meta_root && schema == vd->meta) {
        jsonschema_schema *dialect = meta_at_location(vd);
        if (dialect)
            meta = schema = dialect;
    }
    if (++vd->run->depth > vd->run->compiler->depth_limit) {
        vd->run->compiler->limit_message = "schema validation nests too deeply (more than 2000 levels)";
        vd->run->depth--;
        return &vd->run->placeholder;
    }
    jsonschema_error *error = validate_top(vd->run, schema, value, meta);
    vd->run->depth--;
    return error;
}

/* --- the keywords that apply to every type --------------------------------------------------- */

jsonschema_decimal *validator_number(validator *vd, const jsonschema_node *value)
{
    jsonschema_decimal *decimal = celm_arena_alloc(vd->run->arena, sizeof *decimal);
    if (!decimal || jsonschema_decimal_parse(vd->run->arena, value->text.data, value->text.len, decimal) != 0)
        return NULL;
    return decimal;
}

const char *validator_index_token(validator *vd, size_t index)
{
    return celm_arena_printf(vd->run->arena, "%zu", index);
}

static int check_type(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    const jsonschema_node *v = vd->value;
    if (!s->types)
        return 0;
    int matched = (s->types & kind_type_bit(v->kind)) != 0;
    if (!matched && (s->types & JSONSCHEMA_TYPE_INTEGER) && v->kind == JSONSCHEMA_NUMBER) {
        jsonschema_decimal *number = validator_number(vd, v);
        matched = number && jsonschema_decimal_is_integer(number);
    }
    if (matched)
        return 0;
    jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_TYPE);
    if (vd->bool_result)
        return 1;
    error->text = kind_type_name(v->kind);
    error->names = celm_arena_alloc(vd->run->arena, 7 * sizeof *error->names);
    for (unsigned i = 0; error->names && i < 7; i++)
        if (s->types & (1u << i))
            error->names[error->name_count++] = type_names[i];
    return 1;
}

static int check_enum_and_const(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    const jsonschema_node *v = vd->value;
    if (s->constant && !jsonschema_node_equal(v, s->constant)) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_CONST);
        error->got = v;
        error->want = s->constant;
        return 1;
    }
    if (!s->has_enum)
        return 0;
    int matched = 0;
    for (size_t i = 0; (s->enum_types & kind_type_bit(v->kind)) && !matched && i < s->enum_count; i++)
        matched = jsonschema_node_equal(v, s->enum_values[i]);
    if (matched)
        return 0;
    jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_ENUM);
    if (!vd->bool_result) {
        jsonschema_node *want = celm_arena_alloc(vd->run->arena, sizeof *want);
        if (want) {
            memset(want, 0, sizeof *want);
            want->kind = JSONSCHEMA_ARRAY;
            want->items = s->enum_values;
            want->count = s->enum_count;
        }
        error->got = v;
        error->want = want;
    }
    return 1;
}

static int check_format(validator *vd)
{
    const jsonschema_format *format = vd->schema->format;
    if (!format || vd->value->kind != JSONSCHEMA_STRING)
        return 0;
    const char *reason = format->check(vd->run->arena, vd->value->text.data, vd->value->text.len);
    if (!reason)
        return 0;
    jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_FORMAT);
    error->got = vd->value;
    error->text2 = format->name;
    error->text = reason;
    return 1;
}

static jsonschema_error *validate_reference(validator *vd, jsonschema_schema *target, const char *keyword)
{
    jsonschema_error *error = validator_validate_self(vd, target, keyword, 0);
    if (!error)
        return NULL;
    jsonschema_error *reference = validator_new_error(vd, JSONSCHEMA_KIND_REFERENCE);
    if (vd->bool_result)
        return reference;
    reference->text = keyword;
    if (error->kind == JSONSCHEMA_KIND_GROUP) {
        reference->causes = error->causes;
        reference->cause_count = error->cause_count;
    } else {
        reference->causes = celm_arena_alloc(vd->run->arena, sizeof *reference->causes);
        if (reference->causes) {
            reference->causes[0] = error;
            reference->cause_count = 1;
        }
    }
    return reference;
}

static void validate_dynamic_references(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    if (s->recursive_ref) {
        jsonschema_schema *target = s->recursive_ref;
        if (target->recursive_anchor)
            for (validation_scope *scope = vd->scope; scope; scope = scope->parent)
                if (scope->schema->resource && scope->schema->resource->recursive_anchor)
                    target = scope->schema;
        validator_add_error(vd, validate_reference(vd, target, "$recursiveRef"));
    }
    if (s->dynamic_ref) {
        jsonschema_schema *target = s->dynamic_ref;
        const char *anchor = s->dynamic_ref_anchor;
        if (*anchor && target->dynamic_anchor && strcmp(target->dynamic_anchor, anchor) == 0) {
            for (validation_scope *scope = vd->scope; scope; scope = scope->parent) {
                jsonschema_schema *resource = scope->schema->resource;
                for (size_t i = 0; resource && i < resource->dynamic_anchor_count; i++)
                    if (strcmp(resource->dynamic_anchors[i].name, anchor) == 0)
                        target = resource->dynamic_anchors[i].schema;
            }
        }
        validator_add_error(vd, validate_reference(vd, target, "$dynamicRef"));
    }
}

/* --- not, allOf, anyOf, oneOf, if/then/else ------------------------------------------------------ */

static void validate_conditions(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    if (s->not_schema && !validator_validate_self(vd, s->not_schema, NULL, 1))
        validator_add_kind(vd, JSONSCHEMA_KIND_NOT);
    if (s->all_of.count) {
        jsonschema_error **errors = celm_arena_alloc(vd->run->arena, s->all_of.count * sizeof *errors);
        size_t count = 0;
        for (size_t i = 0; errors && i < s->all_of.count; i++) {
            jsonschema_error *error = validator_validate_self(vd, s->all_of.items[i], NULL, 0);
            if (error) {
                errors[count++] = error;
                if (vd->bool_result)
                    break;
            }
        }
        if (count)
            validator_add_errors(vd, errors, count, JSONSCHEMA_KIND_ALL_OF);
    }
    if (s->any_of.count) {
        jsonschema_error **errors = celm_arena_alloc(vd->run->arena, s->any_of.count * sizeof *errors);
        size_t count = 0;
        int matched = 0;
        for (size_t i = 0; errors && i < s->any_of.count; i++) {
            jsonschema_error *error = validator_validate_self(vd, s->any_of.items[i], NULL, 0);
            if (error) {
                errors[count++] = error;
            } else {
                matched = 1;
                if (unevaluated_empty(vd->uneval))
                    break;   /* the rest matter only to unevaluated* keywords */
            }
        }
        if (!matched)
            validator_add_errors(vd, errors, count, JSONSCHEMA_KIND_ANY_OF);
    }
    if (s->one_of.count) {
        jsonschema_error **errors = celm_arena_alloc(vd->run->arena, s->one_of.count * sizeof *errors);
        size_t count = 0;
        long matched = -1;
        for (size_t i = 0; errors && i < s->one_of.count; i++) {
            jsonschema_error *error = validator_validate_self(vd, s->one_of.items[i], NULL, matched != -1);
            if (error) {
                if (matched == -1)
                    errors[count++] = error;
            } else if (matched == -1) {
                matched = (long)i;
            } else {
                jsonschema_error *both = validator_add_kind(vd, JSONSCHEMA_KIND_ONE_OF);
                both->numbers[0] = matched;
                both->numbers[1] = (int64_t)i;
                both->name_count = 2;
                break;
            }
        }
        if (matched == -1)
            validator_add_errors(vd, errors, count, JSONSCHEMA_KIND_ONE_OF);
    }
    if (s->if_schema) {
        if (!validator_validate_self(vd, s->if_schema, NULL, 1)) {
            if (s->then_schema)
                validator_add_error(vd, validator_validate_self(vd, s->then_schema, NULL, 0));
        } else if (s->else_schema) {
            validator_add_error(vd, validator_validate_self(vd, s->else_schema, NULL, 0));
        }
    }
}

static void validate_unevaluated(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    const jsonschema_node *v = vd->value;
    if (v->kind == JSONSCHEMA_OBJECT && s->unevaluated_properties) {
        for (size_t i = 0; vd->uneval->props && i < v->count; i++)
            if (vd->uneval->props[i])
                validator_add_error(vd, validator_validate_value(vd, s->unevaluated_properties, v->members[i].value,
                                                                 v->members[i].key.data));
        vd->uneval->props = NULL;
        vd->uneval->props_left = 0;
    }
    if (v->kind == JSONSCHEMA_ARRAY && s->unevaluated_items) {
        for (size_t i = 0; vd->uneval->items && i < v->count; i++)
            if (vd->uneval->items[i])
                validator_add_error(vd, validator_validate_value(vd, s->unevaluated_items, v->items[i],
                                                                 validator_index_token(vd, i)));
        vd->uneval->items = NULL;
        vd->uneval->items_left = 0;
    }
}

static jsonschema_error *finish(validator *vd, unevaluated **out)
{
    if (vd->error_count == 0) {
        *out = vd->uneval;
        return NULL;
    }
    if (vd->error_count == 1)
        return vd->errors[0];
    jsonschema_error *group = validator_new_error(vd, JSONSCHEMA_KIND_GROUP);
    if (!vd->bool_result) {
        group->causes = vd->errors;
        group->cause_count = vd->error_count;
    }
    return group;
}

static jsonschema_error *check_cycle(validator *vd)
{
    validation_scope *other = scope_cycle(vd->scope);
    if (!other)
        return NULL;
    jsonschema_error *error = validator_new_error(vd, JSONSCHEMA_KIND_REF_CYCLE);
    if (!vd->bool_result) {
        error->text = vd->schema->location;
        error->text2 = scope_keyword_location(vd->run->arena, vd->scope);
        error->text3 = scope_keyword_location(vd->run->arena, other);
    }
    return error;
}

static jsonschema_error *run_validation(validator *vd, unevaluated **out)
{
    jsonschema_schema *s = vd->schema;
    *out = NULL;
    if (s->is_bool) {
        if (s->bool_value)
            return *out = vd->uneval, NULL;
        return validator_new_error(vd, JSONSCHEMA_KIND_FALSE_SCHEMA);
    }
    jsonschema_error *cycle = check_cycle(vd);
    if (cycle)
        return cycle;
    if (check_type(vd) || check_enum_and_const(vd) || check_format(vd))
        return vd->errors[0];
    if (s->ref) {
        jsonschema_error *error = validate_reference(vd, s->ref, "$ref");
        if (s->draft < 2019) {
            if (!error)
                *out = vd->uneval;
            return error;
        }
        validator_add_error(vd, error);
    }
    switch (vd->value->kind) {
    case JSONSCHEMA_OBJECT: validator_check_object(vd); break;
    case JSONSCHEMA_ARRAY: validator_check_array(vd); break;
    case JSONSCHEMA_STRING: validator_check_string(vd); break;
    case JSONSCHEMA_NUMBER: validator_check_number(vd); break;
    default: break;
    }
    if (vd->error_count == 0 || !vd->bool_result) {
        if (s->draft >= 2019)
            validate_dynamic_references(vd);
        validate_conditions(vd);
        if (s->draft >= 2019)
            validate_unevaluated(vd);
    }
    return finish(vd, out);
}

/* --- entry points ------------------------------------------------------------------------------ */

jsonschema_error *jsonschema_validate(jsonschema_compiler *compiler, celm_arena *arena, jsonschema_schema *schema,
                                      const jsonschema_node *instance)
{
    validation_run run;
    memset(&run, 0, sizeof run);
    run.compiler = compiler;
    run.arena = arena;
    run.placeholder.kind = JSONSCHEMA_KIND_GROUP;
    jsonschema_error *error = validate_top(&run, schema, instance, NULL);
    return error == &run.placeholder ? NULL : error;
}

jsonschema_error *jsonschema_validate_meta(jsonschema_compiler *compiler, jsonschema_schema *meta,
                                           const jsonschema_node *doc, jsonschema_root *root)
{
    validation_run run;
    memset(&run, 0, sizeof run);
    run.compiler = compiler;
    run.arena = compiler->arena;
    run.meta_root = root;
    run.placeholder.kind = JSONSCHEMA_KIND_GROUP;
    jsonschema_error *error = validate_top(&run, meta, doc, meta);
    return error == &run.placeholder ? NULL : error;
}
