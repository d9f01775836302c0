/* yaml_resolve.h: what a plain YAML scalar means under go-yaml v2's YAML 1.1 rules. */
#ifndef CELM_YAML_RESOLVE_H
#define CELM_YAML_RESOLVE_H

#include <stddef.h>
#include <stdint.h>

typedef enum yaml_resolved_kind {
    YAML_RESOLVED_STRING,
    YAML_RESOLVED_NULL,
    YAML_RESOLVED_BOOL,
    YAML_RESOLVED_INT,
    YAML_RESOLVED_UINT,
    YAML_RESOLVED_FLOAT,
    YAML_RESOLVED_TIMESTAMP
} yaml_resolved_kind;

typedef struct yaml_resolved {
    yaml_resolved_kind kind;
    int boolean;
    int64_t integer;
    uint64_t unsigned_integer;
    double real;
} yaml_resolved;

/* Resolves an untagged plain scalar. */
void celm_yaml_resolve_plain(const char *text, size_t len, yaml_resolved *out);
/* go-yaml v2's isBase60Float: text a YAML 1.1 parser would read as a sexagesimal float. */
int celm_yaml_is_base60_float(const char *text, size_t len);

#endif
