/* gotmpl_toml_parse.h: the state BurntSushi/toml's parser keeps while it reads items, shared by the
 * parser (gotmpl_toml_decode.c) and the reading of scalar values (gotmpl_toml_values.c). */
#ifndef CELM_GOTMPL_TOML_PARSE_H
#define CELM_GOTMPL_TOML_PARSE_H

#include "gotmpl_time_ops.h"
#include "gotmpl_toml_lex.h"

/* The library's tomlType values, as far as the parser records them. */
typedef enum toml_type {
    TOML_TYPE_NONE, TOML_TYPE_INTEGER, TOML_TYPE_FLOAT, TOML_TYPE_DATETIME, TOML_TYPE_STRING, TOML_TYPE_BOOL,
    TOML_TYPE_ARRAY, TOML_TYPE_HASH, TOML_TYPE_ARRAY_HASH
} toml_type;

typedef struct toml_key {
    celm_string *parts;
    size_t count;
} toml_key;

typedef struct toml_parser {
    gotmpl_runtime *runtime;
    const toml_item *items;
    size_t count, at;
    toml_key context;               /* the table in scope */
    celm_string current_key;
    int position_line;              /* p.pos: the line of the last item read with nextPos */
    gotmpl_value mapping;           /* the document: maps, lists, scalars */
    gotmpl_value key_types;         /* Key.String() -> toml_type (GT_INT) */
    gotmpl_value implicits;         /* Key.String() -> true */
    gotmpl_list **table_arrays;     /* the lists in `mapping` that are [[arrays of tables]] */
    size_t table_array_count, table_array_capacity;
    const gotmpl_location *local_datetime, *local_date, *local_time;
    int depth;
    /* the ParseError, once raised */
    int failed;
    celm_string message, last_key;
    int line;
    int out_of_memory;
} toml_parser;

/* Raises a ParseError at `line` (printf-style message); returns -1. */
int gotmpl_toml_fail(toml_parser *p, int line, const char *format, ...) CELM_PRINTF(3, 4);
/* Key.String(): parts joined by dots, each quoted when it is not a bare key. Arena text. */
celm_string gotmpl_toml_key_string(toml_parser *p, const toml_key *key);
/* The value of a string, integer, float, boolean or datetime item. Returns 0 or -1 (failed). */
int gotmpl_toml_scalar(toml_parser *p, const toml_item *item, gotmpl_value *out, toml_type *type);

#endif
