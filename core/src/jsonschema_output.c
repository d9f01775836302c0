/* jsonschema_output.c: validation errors printed as the library's ValidationError.Error(). */
#include <string.h>

#include "go_quote.h"
#include "jsonschema_internal.h"

static void append_quoted_list(celm_buffer *out, const char **names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (i)
            celm_buffer_append(out, ", ", 2);
        jsonschema_single_quote(out, names[i], strlen(names[i]));
    }
}

/* display(): strings quoted, numbers as written, containers as "value". */
static void append_display(celm_buffer *out, const jsonschema_node *value)
{
    switch (value->kind) {
    case JSONSCHEMA_STRING: jsonschema_single_quote(out, value->text.data, value->text.len); break;
    case JSONSCHEMA_NUMBER: celm_buffer_append(out, value->text.data, value->text.len); break;
    case JSONSCHEMA_BOOL: celm_buffer_append_str(out, value->boolean ? "true" : "false"); break;
    case JSONSCHEMA_NULL: celm_buffer_append_str(out, "<nil>"); break;
    default: celm_buffer_append_str(out, "value"); break;
    }
}

static int is_container(const jsonschema_node *value)
{
    return value->kind == JSONSCHEMA_ARRAY || value->kind == JSONSCHEMA_OBJECT;
}

static void append_enum(celm_buffer *out, const jsonschema_node *want)
{
    for (size_t i = 0; i < want->count; i++) {
        if (is_container(want->items[i])) {
            celm_buffer_append_str(out, "'enum' failed");
            return;
        }
    }
    celm_buffer_append_str(out, want->count == 1 ? "value must be " : "value must be one of ");
    for (size_t i = 0; i < want->count; i++) {
        if (i)
            celm_buffer_append(out, ", ", 2);
        append_display(out, want->items[i]);
    }
}

static void append_numbers(celm_buffer *out, const char *keyword, const jsonschema_error *error)
{
    celm_buffer_printf(out, "%s: got ", keyword);
    jsonschema_print_float(out, jsonschema_decimal_to_double(error->got_number));
    celm_buffer_append_str(out, ", want ");
    jsonschema_print_float(out, jsonschema_decimal_to_double(error->want_number));
}

static void append_counts(celm_buffer *out, const char *keyword, const jsonschema_error *error)
{
    celm_buffer_printf(out, "%s: got ", keyword);
    jsonschema_print_int(out, error->numbers[0]);
    celm_buffer_append_str(out, ", want ");
    jsonschema_print_int(out, error->numbers[1]);
}

static void append_contains(celm_buffer *out, const char *bound, const jsonschema_error *error)
{
    celm_buffer_printf(out, "%s ", bound);
    jsonschema_print_int(out, error->numbers[1]);
    if (error->index_count == 0) {
        celm_buffer_append_str(out, " items required to match contains schema, but none matched");
        return;
    }
    celm_buffer_append_str(out, " items required to match contains schema, but matched ");
    jsonschema_print_int(out, (int64_t)error->index_count);
    celm_buffer_append_str(out, " items at ");
    for (size_t i = 0; i < error->index_count; i++)
        celm_buffer_printf(out, i ? " %zu" : "%zu", error->indexes[i]);
}

static void append_dependency(celm_buffer *out, const jsonschema_error *error)
{
    celm_buffer_append_str(out, "properties ");
    append_quoted_list(out, error->names, error->name_count);
    celm_buffer_append_str(out, " required, if ");
    jsonschema_single_quote(out, error->text, strlen(error->text));
    celm_buffer_append_str(out, " exists");
}

static void append_message_simple(celm_buffer *out, const jsonschema_error *error)
{
    switch (error->kind) {
    case JSONSCHEMA_KIND_GROUP:
    case JSONSCHEMA_KIND_REFERENCE: celm_buffer_append_str(out, "validation failed"); break;
    case JSONSCHEMA_KIND_NOT: celm_buffer_append_str(out, "'not' failed"); break;
    case JSONSCHEMA_KIND_ALL_OF: celm_buffer_append_str(out, "'allOf' failed"); break;
    case JSONSCHEMA_KIND_ANY_OF: celm_buffer_append_str(out, "'anyOf' failed"); break;
    case JSONSCHEMA_KIND_FALSE_SCHEMA: celm_buffer_append_str(out, "false schema"); break;
    case JSONSCHEMA_KIND_CONTAINS: celm_buffer_append_str(out, "no items match contains schema"); break;
    case JSONSCHEMA_KIND_ONE_OF:
        if (error->name_count != 2) {
            celm_buffer_append_str(out, "'oneOf' failed, none matched");
        } else {
            celm_buffer_append_str(out, "'oneOf' failed, subschemas ");
            jsonschema_print_int(out, error->numbers[0]);
            celm_buffer_append_str(out, ", ");
            jsonschema_print_int(out, error->numbers[1]);
            celm_buffer_append_str(out, " matched");
        }
        break;
    case JSONSCHEMA_KIND_REF_CYCLE:
        celm_buffer_printf(out, "both %s and %s resolve to ", error->text2, error->text3);
        celm_go_quote(out, error->text, strlen(error->text));
        celm_buffer_append_str(out, " causing reference cycle");
        break;
    case JSONSCHEMA_KIND_TYPE:
        celm_buffer_printf(out, "got %s, want ", error->text);
        for (size_t i = 0; i < error->name_count; i++)
            celm_buffer_printf(out, i ? " or %s" : "%s", error->names[i]);
        break;
    default: break;
    }
}

static void append_message(celm_buffer *out, const jsonschema_error *error)
{
    switch (error->kind) {
    case JSONSCHEMA_KIND_ENUM: append_enum(out, error->want); break;
    case JSONSCHEMA_KIND_CONST:
        if (is_container(error->want)) {
            celm_buffer_append_str(out, "'const' failed");
        } else {
            celm_buffer_append_str(out, "value must be ");
            append_display(out, error->want);
        }
        break;
    case JSONSCHEMA_KIND_FORMAT:
        append_display(out, error->got);
        celm_buffer_printf(out, " is not valid %s: %s", error->text2, error->text);
        break;
    case JSONSCHEMA_KIND_MIN_PROPERTIES: append_counts(out, "minProperties", error); break;
    case JSONSCHEMA_KIND_MAX_PROPERTIES: append_counts(out, "maxProperties", error); break;
    case JSONSCHEMA_KIND_MIN_ITEMS: append_counts(out, "minItems", error); break;
    case JSONSCHEMA_KIND_MAX_ITEMS: append_counts(out, "maxItems", error); break;
    case JSONSCHEMA_KIND_MIN_LENGTH: append_counts(out, "minLength", error); break;
    case JSONSCHEMA_KIND_MAX_LENGTH: append_counts(out, "maxLength", error); break;
    case JSONSCHEMA_KIND_ADDITIONAL_ITEMS:
        celm_buffer_append_str(out, "last ");
        jsonschema_print_int(out, error->numbers[0]);
        celm_buffer_append_str(out, " additionalItem(s) not allowed");
        break;
    case JSONSCHEMA_KIND_REQUIRED:
        celm_buffer_append_str(out, error->name_count == 1 ? "missing property " : "missing properties ");
        append_quoted_list(out, error->names, error->name_count);
        break;
    case JSONSCHEMA_KIND_DEPENDENCY:
    case JSONSCHEMA_KIND_DEPENDENT_REQUIRED: append_dependency(out, error); break;
    case JSONSCHEMA_KIND_ADDITIONAL_PROPERTIES:
        celm_buffer_append_str(out, "additional properties ");
        append_quoted_list(out, error->names, error->name_count);
        celm_buffer_append_str(out, " not allowed");
        break;
    case JSONSCHEMA_KIND_PROPERTY_NAMES:
        celm_buffer_append_str(out, "invalid propertyName ");
        jsonschema_single_quote(out, error->text, strlen(error->text));
        break;
    case JSONSCHEMA_KIND_UNIQUE_ITEMS:
        celm_buffer_append_str(out, "items at ");
        jsonschema_print_int(out, error->numbers[0]);
        celm_buffer_append_str(out, " and ");
        jsonschema_print_int(out, error->numbers[1]);
        celm_buffer_append_str(out, " are equal");
        break;
    case JSONSCHEMA_KIND_MIN_CONTAINS: append_contains(out, "min", error); break;
    case JSONSCHEMA_KIND_MAX_CONTAINS: append_contains(out, "max", error); break;
    case JSONSCHEMA_KIND_PATTERN:
        jsonschema_single_quote(out, error->text, strlen(error->text));
        celm_buffer_append_str(out, " does not match pattern ");
        jsonschema_single_quote(out, error->text2, strlen(error->text2));
        break;
    case JSONSCHEMA_KIND_MINIMUM: append_numbers(out, "minimum", error); break;
    case JSONSCHEMA_KIND_MAXIMUM: append_numbers(out, "maximum", error); break;
    case JSONSCHEMA_KIND_EXCLUSIVE_MINIMUM: append_numbers(out, "exclusiveMinimum", error); break;
    case JSONSCHEMA_KIND_EXCLUSIVE_MAXIMUM: append_numbers(out, "exclusiveMaximum", error); break;
    case JSONSCHEMA_KIND_MULTIPLE_OF: append_numbers(out, "multipleOf", error); break;
    default: append_message_simple(out, error); break;
    }
}

static void append_location(celm_buffer *out, const jsonschema_error *error)
{
    celm_buffer pointer;
    celm_buffer_init(&pointer);
    for (size_t i = 0; i < error->instance_depth; i++) {
        celm_buffer_append_char(&pointer, '/');
        jsonschema_pointer_escape(&pointer, error->instance_location[i], strlen(error->instance_location[i]));
    }
    celm_buffer_append_str(out, "at ");
    jsonschema_single_quote(out, pointer.data ? pointer.data : "", pointer.len);
    celm_buffer_free(&pointer);
}

/* A reference with a single cause is not printed; the cause stands in its place. */
static void display(celm_buffer *out, const jsonschema_error *error, int indent)
{
    int skip = error->kind == JSONSCHEMA_KIND_REFERENCE && error->cause_count == 1;
    if (!skip) {
        if (indent > 0) {
            celm_buffer_append_char(out, '\n');
            for (int i = 0; i < indent - 1; i++)
                celm_buffer_append(out, "  ", 2);
            celm_buffer_append(out, "- ", 2);
        }
        indent++;
        if (error->kind == JSONSCHEMA_KIND_SCHEMA) {
            celm_buffer_append_str(out, "jsonschema validation failed with ");
            jsonschema_single_quote(out, error->text, strlen(error->text));
        } else {
            append_location(out, error);
            celm_buffer_append(out, ": ", 2);
            append_message(out, error);
        }
    }
    for (size_t i = 0; i < error->cause_count; i++)
        display(out, error->causes[i], indent);
}

void jsonschema_error_print(celm_buffer *out, const jsonschema_error *error)
{
    display(out, error, 0);
}
