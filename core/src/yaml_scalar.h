/* yaml_scalar.h: go-yaml's view of a string: what styles it allows, and how it survives JSON. */
#ifndef CELM_YAML_SCALAR_H
#define CELM_YAML_SCALAR_H

#include <stddef.h>

#include "celm/celm.h"

typedef struct yaml_scalar_analysis {
    int multiline;
    int block_plain_allowed;
    int single_quoted_allowed;
    int block_allowed;
} yaml_scalar_analysis;

/* go-yaml's analyze_scalar for block context. */
void celm_yaml_analyze_scalar(const char *text, size_t len, yaml_scalar_analysis *out);
/* go-yaml's is_printable for the rune starting at text[at]. */
int celm_yaml_is_printable(const char *text, size_t len, size_t at);
/* The string as go-yaml reads it back out of Go's JSON text: invalid UTF-8 as U+FFFD, raw NEL
 * line breaks folded as a double-quoted scalar folds them. Fails where go-yaml's reader or
 * scanner would (control characters, a document marker after a break). */
int celm_yaml_json_reread(celm_arena *arena, const char *text, size_t len, celm_string *out, celm_error *err);
/* Whether Go's JSON text of this key is too long for go-yaml to take it as a simple key. */
int celm_yaml_json_key_too_long(const celm_string *key);

#endif
