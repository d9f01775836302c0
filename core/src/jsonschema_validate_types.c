/* jsonschema_validate_types.c: the keywords of objects, arrays, strings and numbers. */
#include <string.h>

#include "jsonschema_validator.h"
#include "utf8.h"

static int has_member(const jsonschema_node *object, const char *name)
{
    return jsonschema_member_get(object, name) != NULL;
}

/* findMissing: NULL when nothing is missing; in bool mode an empty list is enough. */
static const char **find_missing(validator *vd, const char *const *names, size_t count, size_t *missing_count)
{
    const char **missing = NULL;
    *missing_count = 0;
    for (size_t i = 0; i < count; i++) {
        if (has_member(vd->value, names[i]))
            continue;
        if (!missing && !(missing = celm_arena_alloc(vd->run->arena, count * sizeof *missing)))
            return NULL;
        if (vd->bool_result)
            return missing;
        missing[(*missing_count)++] = names[i];
    }
    return missing;
}

static void check_counts_and_required(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    int64_t count = (int64_t)vd->value->count;
    if (s->min_properties.present && count < s->min_properties.value) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_MIN_PROPERTIES);
        error->numbers[0] = count;
        error->numbers[1] = s->min_properties.value;
    }
    if (s->max_properties.present && count > s->max_properties.value) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_MAX_PROPERTIES);
        error->numbers[0] = count;
        error->numbers[1] = s->max_properties.value;
    }
    size_t missing_count;
    const char **missing = s->required_count ? find_missing(vd, s->required, s->required_count, &missing_count) : NULL;
    if (missing) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_REQUIRED);
        error->names = missing;
        error->name_count = missing_count;
    }
}

static void check_dependencies(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    for (size_t i = 0; i < s->dependency_count; i++) {
        const jsonschema_named *dependency = &s->dependencies[i];
        if (!has_member(vd->value, dependency->name))
            continue;
        if (dependency->schema) {
            validator_add_error(vd, validator_validate_self(vd, dependency->schema, NULL, 0));
            continue;
        }
        size_t missing_count;
        const char **missing = find_missing(vd, dependency->names, dependency->name_count, &missing_count);
        if (missing) {
            jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_DEPENDENCY);
            error->text = dependency->name;
            error->names = missing;
            error->name_count = missing_count;
        }
    }
}

/* properties, patternProperties and additionalProperties, member by member. */
static void check_members(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    const jsonschema_node *object = vd->value;
    const char **additional = NULL;
    size_t additional_count = 0;
    for (size_t i = 0; i < object->count; i++) {
        if (vd->bool_result && vd->error_count)
            return;
        const char *name = object->members[i].key.data;
        const jsonschema_node *value = object->members[i].value;
        int evaluated = 0;
        for (size_t p = 0; p < s->property_count; p++) {
            if (strcmp(s->properties[p].name, name) == 0) {
                evaluated = 1;
                validator_add_error(vd, validator_validate_value(vd, s->properties[p].schema, value, name));
            }
        }
        for (size_t p = 0; p < s->pattern_property_count; p++) {
            if (celm_go_regex_match(s->pattern_properties[p].regex, name, object->members[i].key.len)) {
                evaluated = 1;
                validator_add_error(vd, validator_validate_value(vd, s->pattern_properties[p].schema, value, name));
            }
        }
        if (!evaluated && s->additional_properties != JSONSCHEMA_ADDITIONAL_NONE) {
            evaluated = 1;
            if (s->additional_properties == JSONSCHEMA_ADDITIONAL_FALSE) {
                if (!additional)
                    additional = celm_arena_alloc(vd->run->arena, object->count * sizeof *additional);
                if (additional)
                    additional[additional_count++] = name;
            } else if (s->additional_properties == JSONSCHEMA_ADDITIONAL_SCHEMA) {
                validator_add_error(vd, validator_validate_value(vd, s->additional_properties_schema, value, name));
            }
        }
        if (evaluated)
            unevaluated_mark_prop(vd->uneval, i);
    }
    if (additional_count) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_ADDITIONAL_PROPERTIES);
        error->names = additional;
        error->name_count = additional_count;
    }
}

static void check_property_names(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    const jsonschema_node *object = vd->value;
    for (size_t i = 0; s->property_names && i < object->count; i++) {
        jsonschema_node *name = jsonschema_node_string(vd->run->arena, object->members[i].key.data,
                                                       object->members[i].key.len);
        if (!name)
            return;
        jsonschema_error *error = validator_validate_fresh(vd, s->property_names, name);
        if (!error)
            continue;
        if (vd->bool_result) {
            validator_add_error(vd, &vd->run->placeholder);
            continue;
        }
        error->kind = JSONSCHEMA_KIND_PROPERTY_NAMES;
        error->text = name->text.data;
        validator_add_error(vd, error);
    }
}

static void check_dependents(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    for (size_t i = 0; i < s->dependent_schema_count; i++)
        if (has_member(vd->value, s->dependent_schemas[i].name))
            validator_add_error(vd, validator_validate_self(vd, s->dependent_schemas[i].schema, NULL, 0));
    for (size_t i = 0; i < s->dependent_required_count; i++) {
        const jsonschema_named *dependent = &s->dependent_required[i];
        if (!has_member(vd->value, dependent->name))
            continue;
        size_t missing_count;
        const char **missing = find_missing(vd, dependent->names, dependent->name_count, &missing_count);
        if (missing) {
            jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_DEPENDENT_REQUIRED);
            error->text = dependent->name;
            error->names = missing;
            error->name_count = missing_count;
        }
    }
}

void validator_check_object(validator *vd)
{
    check_counts_and_required(vd);
    if (vd->bool_result && vd->error_count)
        return;
    check_dependencies(vd);
    check_members(vd);
    if (vd->schema->draft == 4)
        return;
    check_property_names(vd);
    if (vd->schema->draft == 6)
        return;
    check_dependents(vd);
}

/* --- arrays --------------------------------------------------------------------------------------- */

static void check_unique(validator *vd)
{
    const jsonschema_node *array = vd->value;
    for (size_t i = 1; i < array->count; i++) {
        for (size_t j = 0; j < i; j++) {
            if (jsonschema_node_equal(array->items[i], array->items[j])) {
                jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_UNIQUE_ITEMS);
                error->numbers[0] = (int64_t)j;
                error->numbers[1] = (int64_t)i;
                return;
            }
        }
    }
}

/* Items after the evaluated ones are located by their index in the rest, as the library does. */
static void check_rest(validator *vd, jsonschema_schema *schema, size_t from)
{
    for (size_t i = from; i < vd->value->count; i++)
        validator_add_error(vd, validator_validate_value(vd, schema, vd->value->items[i],
                                                         validator_index_token(vd, i - from)));
}

static void check_items(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    const jsonschema_node *array = vd->value;
    if (s->draft >= 2020) {
        size_t evaluated = s->prefix_items.count < array->count ? s->prefix_items.count : array->count;
        for (size_t i = 0; i < evaluated; i++)
            validator_add_error(vd, validator_validate_value(vd, s->prefix_items.items[i], array->items[i],
                                                             validator_index_token(vd, i)));
        if (s->items_schema)
            check_rest(vd, s->items_schema, evaluated);
        return;
    }
    size_t evaluated = 0;
    if (s->items_schema) {
        for (size_t i = 0; i < array->count; i++)
            validator_add_error(vd, validator_validate_value(vd, s->items_schema, array->items[i],
                                                             validator_index_token(vd, i)));
        evaluated = array->count;
    } else if (s->has_items_list) {
        evaluated = s->items_list.count < array->count ? s->items_list.count : array->count;
        for (size_t i = 0; i < evaluated; i++)
            validator_add_error(vd, validator_validate_value(vd, s->items_list.items[i], array->items[i],
                                                             validator_index_token(vd, i)));
    }
    if (s->additional_items == JSONSCHEMA_ADDITIONAL_FALSE && evaluated != array->count) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_ADDITIONAL_ITEMS);
        error->numbers[0] = (int64_t)(array->count - evaluated);
    } else if (s->additional_items == JSONSCHEMA_ADDITIONAL_SCHEMA) {
        check_rest(vd, s->additional_items_schema, evaluated);
    }
}

static void check_contains(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    const jsonschema_node *array = vd->value;
    jsonschema_error **errors = celm_arena_alloc(vd->run->arena, (array->count + 1) * sizeof *errors);
    size_t *matched = celm_arena_alloc(vd->run->arena, (array->count + 1) * sizeof *matched);
    size_t error_count = 0, matched_count = 0;
    for (size_t i = 0; errors && matched && i < array->count; i++) {
        jsonschema_error *error = validator_validate_value(vd, s->contains, array->items[i], validator_index_token(vd, i));
        if (error) {
            errors[error_count++] = error;
        } else {
            matched[matched_count++] = i;
            if (s->draft >= 2020)
                unevaluated_mark_item(vd->uneval, i);
        }
    }
    if (s->min_contains.present) {
        if ((int64_t)matched_count < s->min_contains.value) {
            validator_add_errors(vd, errors, error_count, JSONSCHEMA_KIND_MIN_CONTAINS);
            jsonschema_error *error = vd->errors[vd->error_count - 1];
            error->indexes = matched;
            error->index_count = matched_count;
            error->numbers[1] = s->min_contains.value;
        }
    } else if (matched_count == 0) {
        validator_add_errors(vd, errors, error_count, JSONSCHEMA_KIND_CONTAINS);
    }
    if (s->max_contains.present && (int64_t)matched_count > s->max_contains.value) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_MAX_CONTAINS);
        error->indexes = matched;
        error->index_count = matched_count;
        error->numbers[1] = s->max_contains.value;
    }
}

void validator_check_array(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    int64_t count = (int64_t)vd->value->count;
    if (s->min_items.present && count < s->min_items.value) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_MIN_ITEMS);
        error->numbers[0] = count;
        error->numbers[1] = s->min_items.value;
    }
    if (s->max_items.present && count > s->max_items.value) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_MAX_ITEMS);
        error->numbers[0] = count;
        error->numbers[1] = s->max_items.value;
    }
    if (s->unique_items && count > 1)
        check_unique(vd);
    check_items(vd);
    if (s->contains)
        check_contains(vd);
}

/* --- strings and numbers ---------------------------------------------------------------------------- */

static int64_t rune_count(const jsonschema_node *string)
{
    int64_t count = 0;
    const unsigned char *bytes = (const unsigned char *)string->text.data;
    for (size_t at = 0; at < string->text.len; count++) {
        uint32_t rune;
        at += (size_t)celm_utf8_decode(bytes + at, string->text.len - at, &rune);
    }
    return count;
}

void validator_check_string(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    int64_t length = s->min_length.present || s->max_length.present ? rune_count(vd->value) : -1;
    if (s->min_length.present && length < s->min_length.value) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_MIN_LENGTH);
        error->numbers[0] = length;
        error->numbers[1] = s->min_length.value;
    }
    if (s->max_length.present && length > s->max_length.value) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_MAX_LENGTH);
        error->numbers[0] = length;
        error->numbers[1] = s->max_length.value;
    }
    if (s->pattern && !celm_go_regex_match(s->pattern, vd->value->text.data, vd->value->text.len)) {
        jsonschema_error *error = validator_add_kind(vd, JSONSCHEMA_KIND_PATTERN);
        error->text = vd->value->text.data;
        error->text2 = celm_go_regex_source(s->pattern);
    }
}

static void add_number_error(validator *vd, jsonschema_error_kind kind, const jsonschema_decimal *got,
                             const jsonschema_decimal *want)
{
    jsonschema_error *error = validator_add_kind(vd, kind);
    error->got_number = got;
    error->want_number = want;
}

void validator_check_number(validator *vd)
{
    jsonschema_schema *s = vd->schema;
    if (!s->minimum && !s->maximum && !s->exclusive_minimum && !s->exclusive_maximum && !s->multiple_of)
        return;
    jsonschema_decimal *number = validator_number(vd, vd->value);
    if (!number)
        return;
    if (s->minimum && jsonschema_decimal_compare(number, s->minimum) < 0)
        add_number_error(vd, JSONSCHEMA_KIND_MINIMUM, number, s->minimum);
    if (s->maximum && jsonschema_decimal_compare(number, s->maximum) > 0)
        add_number_error(vd, JSONSCHEMA_KIND_MAXIMUM, number, s->maximum);
    if (s->exclusive_minimum && jsonschema_decimal_compare(number, s->exclusive_minimum) <= 0)
        add_number_error(vd, JSONSCHEMA_KIND_EXCLUSIVE_MINIMUM, number, s->exclusive_minimum);
    if (s->exclusive_maximum && jsonschema_decimal_compare(number, s->exclusive_maximum) >= 0)
        add_number_error(vd, JSONSCHEMA_KIND_EXCLUSIVE_MAXIMUM, number, s->exclusive_maximum);
    if (s->multiple_of && s->multiple_of->digit_count && !jsonschema_decimal_divisible(number, s->multiple_of))
        add_number_error(vd, JSONSCHEMA_KIND_MULTIPLE_OF, number, s->multiple_of);
}
