/* gotmpl_yaml_emitter.h: go-yaml v3's emitter state for toYamlPretty, shared by the layout of
 * collections (gotmpl_yaml_pretty.c) and the representation and writing of scalars
 * (gotmpl_yaml_pretty_scalar.c). */
#ifndef CELM_GOTMPL_YAML_EMITTER_H
#define CELM_GOTMPL_YAML_EMITTER_H

#include <stddef.h>

#include "gotmpl_exec_buffer.h"
#include "gotmpl_value.h"

#define BEST_INDENT 2

/* The states on top of go-yaml's stack that matter for indentation. */
enum parent_state { PARENT_DOCUMENT, PARENT_SEQUENCE_ITEM, PARENT_OTHER };

typedef struct yaml_emitter {
    gotmpl_runtime *runtime;
    gotmpl_buffer out;
    int column, indent;
    int whitespace, indention, open_ended;
    int flow_level;
    int *indents;
    size_t indent_count, indent_capacity;
    int parent;                 /* enum parent_state of the node being emitted */
    int root_context, simple_key_context;
    int failed;
} yaml_emitter;

enum scalar_style { STYLE_PLAIN, STYLE_SINGLE_QUOTED, STYLE_DOUBLE_QUOTED, STYLE_LITERAL };

/* A scalar as the representer hands it to the emitter, with the emitter's analysis of its text. */
typedef struct yaml_scalar {
    const char *value;
    size_t len;
    const char *tag;            /* "!!binary" for invalid UTF-8, else NULL (implicit) */
    int style;                  /* the style asked for */
    int multiline, flow_plain_allowed, block_plain_allowed, single_quoted_allowed, block_allowed;
} yaml_scalar;

/* --- writing (gotmpl_yaml_pretty.c) ------------------------------------------------------------------ */
size_t gotmpl_yaml_char_width(unsigned char lead);
void gotmpl_yaml_put(yaml_emitter *e, char c);
void gotmpl_yaml_put_break(yaml_emitter *e);
void gotmpl_yaml_write(yaml_emitter *e, const char *value, size_t *i);
void gotmpl_yaml_write_break(yaml_emitter *e, const char *value, size_t *i);
void gotmpl_yaml_write_indent(yaml_emitter *e);
void gotmpl_yaml_write_indicator(yaml_emitter *e, const char *indicator, int need_whitespace, int is_whitespace,
                                 int is_indention);
void gotmpl_yaml_increase_indent(yaml_emitter *e, int flow);
void gotmpl_yaml_restore_indent(yaml_emitter *e);

/* --- scalars (gotmpl_yaml_pretty_scalar.c) --------------------------------------------------------------- */
/* The representer's stringv: a string and the style it asks for. */
int gotmpl_yaml_string_scalar(gotmpl_runtime *runtime, const char *text, size_t len, yaml_scalar *out);
/* Any other value that is a scalar (nil, bool, numbers, time, TextMarshalers). */
int gotmpl_yaml_value_scalar(gotmpl_runtime *runtime, const gotmpl_value *value, yaml_scalar *out);
/* yaml_emitter_check_simple_key for a scalar key. */
int gotmpl_yaml_simple_key(const yaml_scalar *scalar);
/* Selects the style, writes the tag and the scalar at the emitter's position. */
void gotmpl_yaml_scalar(yaml_emitter *e, const yaml_scalar *scalar);
/* Map keys in go-yaml's keyList order (numbers within text compare by value). Arena array. */
const celm_string *gotmpl_yaml_sort_keys(gotmpl_runtime *runtime, const celm_string *keys, size_t count);

#endif
