/* jsonschema_validator.h: the validator's state, shared by jsonschema_validate*.c. */
#ifndef CELM_JSONSCHEMA_VALIDATOR_H
#define CELM_JSONSCHEMA_VALIDATOR_H

#include "jsonschema_compiler.h"

/* The chain of schemas being applied, to find reference cycles and dynamic anchors. */
typedef struct validation_scope {
    jsonschema_schema *schema;
    const char *ref_keyword;    /* set only where a $ref-like keyword jumped here */
    int value_id;               /* equal for scopes that validate the same value */
    struct validation_scope *parent;
} validation_scope;

/* Which properties and items of the value no keyword has evaluated yet. */
typedef struct unevaluated {
    unsigned char *props;       /* one flag per object member, or NULL */
    size_t props_left;
    unsigned char *items;       /* one flag per array item, or NULL */
    size_t items_left;
} unevaluated;

typedef struct validation_run {
    jsonschema_compiler *compiler;
    celm_arena *arena;
    jsonschema_root *meta_root;     /* the document being checked against its metaschema */
    jsonschema_error placeholder;   /* what errors are when only validity matters */
    int depth;
} validation_run;

typedef struct validator {
    validation_run *run;
    const jsonschema_node *value;
    const char **location;
    size_t depth;
    jsonschema_schema *schema;
    validation_scope *scope;
    unevaluated *uneval;
    jsonschema_error **errors;
    size_t error_count;
    int bool_result;
    jsonschema_schema *meta;
} validator;

jsonschema_error *validator_new_error(validator *vd, jsonschema_error_kind kind);
jsonschema_error *validator_add_kind(validator *vd, jsonschema_error_kind kind);
void validator_add_error(validator *vd, jsonschema_error *error);
void validator_add_errors(validator *vd, jsonschema_error **errors, size_t count, jsonschema_error_kind kind);
jsonschema_error *validator_validate_value(validator *vd, jsonschema_schema *schema, const jsonschema_node *value,
                                           const char *token);
jsonschema_error *validator_validate_self(validator *vd, jsonschema_schema *schema, const char *ref_keyword,
                                          int bool_result);
/* Schema.validate: a fresh validation of value (used for propertyNames). */
jsonschema_error *validator_validate_fresh(validator *vd, jsonschema_schema *schema, const jsonschema_node *value);
void unevaluated_mark_prop(unevaluated *uneval, size_t index);
void unevaluated_mark_item(unevaluated *uneval, size_t index);
jsonschema_decimal *validator_number(validator *vd, const jsonschema_node *value);
const char *validator_index_token(validator *vd, size_t index);

/* jsonschema_validate_types.c */
void validator_check_object(validator *vd);
void validator_check_array(validator *vd);
void validator_check_string(validator *vd);
void validator_check_number(validator *vd);

#endif
