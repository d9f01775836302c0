/* jsonschema_internal.h: the types shared by the JSON Schema engine's files (jsonschema_*.c). */
#ifndef CELM_JSONSCHEMA_INTERNAL_H
#define CELM_JSONSCHEMA_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "celm/celm.h"
#include "celm/schema.h"
#include "go_regex.h"

/* The engine follows santhosh-tekuri/jsonschema v6.0.2 (what helm v4.2.4 links): the same
 * compile steps, the same validation order and the same error texts. Go iterates maps in random
 * order; where the library does, this engine uses document (insertion) order instead. */

/* --- JSON documents (jsonschema_json.c) --------------------------------------------------- */
typedef enum jsonschema_kind {
    JSONSCHEMA_NULL,
    JSONSCHEMA_BOOL,
    JSONSCHEMA_NUMBER,
    JSONSCHEMA_STRING,
    JSONSCHEMA_ARRAY,
    JSONSCHEMA_OBJECT
} jsonschema_kind;

typedef struct jsonschema_node jsonschema_node;
typedef struct jsonschema_member {
    celm_string key;
    jsonschema_node *value;
} jsonschema_member;

/* A JSON value that keeps number literals as text (Go's json.Number). Objects keep the first
 * position of a key with the last value given for it, as a Go map would hold it. */
struct jsonschema_node {
    jsonschema_kind kind;
    int boolean;
    celm_string text;               /* a string's bytes, or a number's literal */
    jsonschema_node **items;        /* arrays */
    jsonschema_member *members;     /* objects */
    size_t count;
};

/* Parses one JSON document like jsonschema.UnmarshalJSON; on failure *message is Go's text. */
int jsonschema_json_parse(celm_arena *arena, const char *text, size_t len, jsonschema_node **out,
                          const char **message);
/* The instance form of a values tree: floats become Go's %v text, ints their decimal text. */
jsonschema_node *jsonschema_node_from_value(celm_arena *arena, const celm_value *value);
jsonschema_node *jsonschema_member_get(const jsonschema_node *object, const char *key);
jsonschema_node *jsonschema_node_string(celm_arena *arena, const char *text, size_t len);
int jsonschema_node_equal(const jsonschema_node *a, const jsonschema_node *b);

/* --- exact decimal numbers (jsonschema_number.c) ------------------------------------------- */
/* value = (-1)^negative * digits * 10^exponent; digits has no leading or trailing zeros, and
 * is empty for zero. This is what big.Rat holds for the numbers JSON and Go's %v can write. */
typedef struct jsonschema_decimal {
    int negative;
    const char *digits;
    size_t digit_count;
    int64_t exponent;
} jsonschema_decimal;

/* 0, or -1 when big.Rat.SetString would refuse the text (including its exponent limit). */
int jsonschema_decimal_parse(celm_arena *arena, const char *text, size_t len, jsonschema_decimal *out);
int jsonschema_decimal_compare(const jsonschema_decimal *a, const jsonschema_decimal *b);
int jsonschema_decimal_is_integer(const jsonschema_decimal *value);
/* Whether value / divisor is an integer (divisor must not be zero). */
int jsonschema_decimal_divisible(const jsonschema_decimal *value, const jsonschema_decimal *divisor);
double jsonschema_decimal_to_double(const jsonschema_decimal *value);
/* int(n.Num().Int64()) for an integral decimal (wraps like Go for huge values). */
int64_t jsonschema_decimal_to_int64(const jsonschema_decimal *value);

/* --- text in Go's and golang.org/x/text's shapes (jsonschema_text.c) ------------------------ */
/* The library's quote(): %q with \" unescaped and ' escaped, between single quotes. */
void jsonschema_single_quote(celm_buffer *out, const char *text, size_t len);
/* message.Printer(language.English) %d and %v of an int and a float64. */
void jsonschema_print_int(celm_buffer *out, int64_t value);
void jsonschema_print_float(celm_buffer *out, double value);
/* JSON pointer token escaping (~0, ~1) and url.PathEscape of each token of a fragment. */
void jsonschema_pointer_escape(celm_buffer *out, const char *token, size_t len);
void jsonschema_fragment_encode(celm_buffer *out, const char *fragment, size_t len);
/* Unescapes one pointer token; returns NULL for a bad ~ escape. */
const char *jsonschema_pointer_unescape(celm_arena *arena, const char *token, size_t len);

/* --- URLs (jsonschema_url.c) ---------------------------------------------------------------- */
/* Resolves reference against base as Go's url.ResolveReference and String() do; the fragment
 * is split off, percent-decoded, into *fragment. NULL with *message set on a parse error. */
const char *jsonschema_url_join(celm_arena *arena, const char *base, const char *reference,
                                const char **fragment, const char **message);
/* The scheme of an absolute URL (lower case), or "" for a relative one. */
const char *jsonschema_url_scheme(celm_arena *arena, const char *url);
/* The percent-decoded path of a URL, or NULL when it is opaque. */
const char *jsonschema_url_path(celm_arena *arena, const char *url);
/* url.Parse for the uri formats: NULL when it parses (with whether it is absolute, its host with
 * any port, and its path as written), else Go's error text. */
const char *jsonschema_url_check(celm_arena *arena, const char *text, int *absolute, const char **host,
                                 const char **path);
/* Go's %q of text, in the arena. */
const char *jsonschema_quoted_text(celm_arena *arena, const char *text);
/* Percent-decodes text like url.PathUnescape; NULL on a bad escape. */
const char *jsonschema_url_unescape(celm_arena *arena, const char *text, size_t len);


/* --- formats (jsonschema_format.c, jsonschema_format_time.c) --------------------------------- */
/* NULL when value is valid for the named format (or the format is unknown), else the reason in
 * the library's words. */
typedef const char *(*jsonschema_format_check)(celm_arena *arena, const char *text, size_t len);
jsonschema_format_check jsonschema_format_find(const char *name);
const char *jsonschema_format_regex(celm_arena *arena, const char *text, size_t len);
const char *jsonschema_format_date(celm_arena *arena, const char *text, size_t len);
const char *jsonschema_format_time(celm_arena *arena, const char *text, size_t len);
const char *jsonschema_format_date_time(celm_arena *arena, const char *text, size_t len);
const char *jsonschema_format_duration(celm_arena *arena, const char *text, size_t len);
const char *jsonschema_format_period(celm_arena *arena, const char *text, size_t len);
const char *jsonschema_format_ipv4(celm_arena *arena, const char *text, size_t len);
const char *jsonschema_format_ipv6(celm_arena *arena, const char *text, size_t len);

/* --- schemas (jsonschema_compile.c) --------------------------------------------------------- */
typedef struct jsonschema_schema jsonschema_schema;

typedef struct jsonschema_optional_int {
    int present;
    int64_t value;
} jsonschema_optional_int;

typedef struct jsonschema_named {
    const char *name;
    jsonschema_schema *schema;
    const char **names;         /* dependencies given as a list of property names */
    size_t name_count;
} jsonschema_named;

typedef struct jsonschema_pattern_schema {
    celm_regex *regex;
    jsonschema_schema *schema;
} jsonschema_pattern_schema;

typedef enum jsonschema_additional {
    JSONSCHEMA_ADDITIONAL_NONE,
    JSONSCHEMA_ADDITIONAL_FALSE,
    JSONSCHEMA_ADDITIONAL_TRUE,
    JSONSCHEMA_ADDITIONAL_SCHEMA
} jsonschema_additional;

enum jsonschema_type_bits {
    JSONSCHEMA_TYPE_NULL = 1 << 0,
    JSONSCHEMA_TYPE_BOOLEAN = 1 << 1,
    JSONSCHEMA_TYPE_NUMBER = 1 << 2,
    JSONSCHEMA_TYPE_INTEGER = 1 << 3,
    JSONSCHEMA_TYPE_STRING = 1 << 4,
    JSONSCHEMA_TYPE_ARRAY = 1 << 5,
    JSONSCHEMA_TYPE_OBJECT = 1 << 6
};

typedef struct jsonschema_format {
    const char *name;
    jsonschema_format_check check;
} jsonschema_format;

typedef struct jsonschema_list {
    jsonschema_schema **items;
    size_t count;
} jsonschema_list;

struct jsonschema_schema {
    const char *url;            /* document URL */
    const char *pointer;        /* JSON pointer inside it */
    const char *location;       /* url#encoded-pointer */
    jsonschema_schema *resource;
    jsonschema_named *dynamic_anchors;
    size_t dynamic_anchor_count;
    int all_props_evaluated;
    int all_items_evaluated;
    size_t items_evaluated;
    int draft;

    int is_bool;
    int bool_value;
    jsonschema_schema *ref;
    jsonschema_schema *recursive_ref;
    int recursive_anchor;
    jsonschema_schema *dynamic_ref;
    const char *dynamic_ref_anchor;     /* "" when the $dynamicRef names no anchor */
    const char *dynamic_anchor;         /* "" when absent */
    unsigned types;
    int has_enum;
    jsonschema_node **enum_values;
    size_t enum_count;
    unsigned enum_types;
    jsonschema_node *constant;
    jsonschema_schema *not_schema;
    jsonschema_list all_of, any_of, one_of;
    jsonschema_schema *if_schema, *then_schema, *else_schema;
    const jsonschema_format *format;

    jsonschema_optional_int max_properties, min_properties;
    const char **required;
    size_t required_count;
    jsonschema_schema *property_names;
    jsonschema_named *properties;
    size_t property_count;
    jsonschema_pattern_schema *pattern_properties;
    size_t pattern_property_count;
    jsonschema_additional additional_properties;
    jsonschema_schema *additional_properties_schema;
    jsonschema_named *dependencies;
    size_t dependency_count;
    jsonschema_named *dependent_required;
    size_t dependent_required_count;
    jsonschema_named *dependent_schemas;
    size_t dependent_schema_count;
    jsonschema_schema *unevaluated_properties;

    jsonschema_optional_int min_items, max_items;
    int unique_items;
    jsonschema_schema *contains;
    jsonschema_optional_int min_contains, max_contains;
    jsonschema_schema *items_schema;    /* items as one schema (any draft) */
    int has_items_list;                 /* items as an array (before 2020-12) */
    jsonschema_list items_list;
    jsonschema_additional additional_items;
    jsonschema_schema *additional_items_schema;
    jsonschema_list prefix_items;
    jsonschema_schema *unevaluated_items;

    jsonschema_optional_int min_length, max_length;
    celm_regex *pattern;

    jsonschema_decimal *maximum, *minimum, *exclusive_maximum, *exclusive_minimum, *multiple_of;
};

/* --- errors (jsonschema_output.c) ------------------------------------------------------------ */
typedef enum jsonschema_error_kind {
    JSONSCHEMA_KIND_SCHEMA, JSONSCHEMA_KIND_GROUP, JSONSCHEMA_KIND_NOT, JSONSCHEMA_KIND_ALL_OF,
    JSONSCHEMA_KIND_ANY_OF, JSONSCHEMA_KIND_ONE_OF, JSONSCHEMA_KIND_FALSE_SCHEMA,
    JSONSCHEMA_KIND_REF_CYCLE, JSONSCHEMA_KIND_TYPE, JSONSCHEMA_KIND_ENUM, JSONSCHEMA_KIND_CONST,
    JSONSCHEMA_KIND_FORMAT, JSONSCHEMA_KIND_REFERENCE, JSONSCHEMA_KIND_MIN_PROPERTIES,
    JSONSCHEMA_KIND_MAX_PROPERTIES, JSONSCHEMA_KIND_MIN_ITEMS, JSONSCHEMA_KIND_MAX_ITEMS,
    JSONSCHEMA_KIND_ADDITIONAL_ITEMS, JSONSCHEMA_KIND_REQUIRED, JSONSCHEMA_KIND_DEPENDENCY,
    JSONSCHEMA_KIND_DEPENDENT_REQUIRED, JSONSCHEMA_KIND_ADDITIONAL_PROPERTIES,
    JSONSCHEMA_KIND_PROPERTY_NAMES, JSONSCHEMA_KIND_UNIQUE_ITEMS, JSONSCHEMA_KIND_CONTAINS,
    JSONSCHEMA_KIND_MIN_CONTAINS, JSONSCHEMA_KIND_MAX_CONTAINS, JSONSCHEMA_KIND_MIN_LENGTH,
    JSONSCHEMA_KIND_MAX_LENGTH, JSONSCHEMA_KIND_PATTERN, JSONSCHEMA_KIND_MINIMUM,
    JSONSCHEMA_KIND_MAXIMUM, JSONSCHEMA_KIND_EXCLUSIVE_MINIMUM, JSONSCHEMA_KIND_EXCLUSIVE_MAXIMUM,
    JSONSCHEMA_KIND_MULTIPLE_OF
} jsonschema_error_kind;

typedef struct jsonschema_error jsonschema_error;
struct jsonschema_error {
    jsonschema_error_kind kind;
    const char **instance_location;
    size_t instance_depth;
    jsonschema_error **causes;
    size_t cause_count;
    /* what the message needs, by kind */
    const char *text;               /* schema location, Got type, pattern text, format reason */
    const char *text2;              /* pattern source, format name, ref-cycle locations */
    const char *text3;
    const jsonschema_node *got;
    const jsonschema_node *want;    /* const value, or enum as an array node */
    const char **names;             /* missing / additional property names; want types */
    size_t name_count;
    int64_t numbers[2];             /* counts, indexes */
    const size_t *indexes;          /* contains matches */
    size_t index_count;
    const jsonschema_decimal *got_number, *want_number;
};

/* Writes the error tree as the library's ValidationError.Error() does. */
void jsonschema_error_print(celm_buffer *out, const jsonschema_error *error);

/* --- compiling and validating (jsonschema_compile.c, jsonschema_resources.c, *_validate*.c) -- */
typedef struct jsonschema_compiler jsonschema_compiler;

jsonschema_compiler *jsonschema_compiler_create(celm_arena *arena, const celm_schema_options *options);
/* Adds a document under url (like Compiler.AddResource). */
int jsonschema_compiler_add(jsonschema_compiler *compiler, const char *url, jsonschema_node *doc);
/* Compiles the schema at url (with an optional #fragment); NULL with *message on failure. */
jsonschema_schema *jsonschema_compiler_compile(jsonschema_compiler *compiler, const char *url,
                                               const char **message);
/* Validates instance against schema; NULL when valid, else the top error (kind SCHEMA). */
jsonschema_error *jsonschema_validate(jsonschema_compiler *compiler, celm_arena *arena, jsonschema_schema *schema,
                                      const jsonschema_node *instance);
celm_arena *jsonschema_compiler_arena(jsonschema_compiler *compiler);
/* Set when validation hit a safety limit (nesting too deep); the message says which. */
const char *jsonschema_compiler_limit_message(jsonschema_compiler *compiler);

/* The json-schema.org metaschema documents (jsonschema_meta.c). */
const char *jsonschema_metaschema_text(const char *url);
int jsonschema_is_metaschema_url(const char *url);

/* String-keyed hash maps in an arena (jsonschema_map.c); values are never NULL. */
typedef struct jsonschema_map {
    const char **keys;
    void **values;
    size_t slots;
    size_t count;
} jsonschema_map;

void *jsonschema_map_get(const jsonschema_map *map, const char *key);
int jsonschema_map_put(celm_arena *arena, jsonschema_map *map, const char *key, void *value);

/* Growable arrays in an arena: *items is replaced by a bigger copy as needed. */
void *jsonschema_grow(celm_arena *arena, void *items, size_t count, size_t item_size);

#endif
