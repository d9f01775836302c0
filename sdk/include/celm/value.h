/* value.h: the value model (null, bool, int64, float64, string, list, map) shared by core and plugins. */
#ifndef CELM_VALUE_H
#define CELM_VALUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum celm_value_kind {
    CELM_VALUE_NULL = 0,
    CELM_VALUE_BOOL = 1,
    CELM_VALUE_INT = 2,     /* int64: --set integers, Chart.yaml-style fields */
    CELM_VALUE_FLOAT = 3,   /* float64: every number read from YAML or JSON values, as in Helm */
    CELM_VALUE_STRING = 4,
    CELM_VALUE_LIST = 5,
    CELM_VALUE_MAP = 6
} celm_value_kind;

/* A byte string with its length; `data` is also NUL-terminated (data[len] == 0) so it can be passed
 * to C string functions, but it may contain NUL bytes before `len`. */
typedef struct celm_string {
    const char *data;
    size_t len;
} celm_string;

typedef struct celm_value celm_value;

typedef struct celm_map_entry {
    celm_string key;
    celm_value *value;
} celm_map_entry;

/* Values live in an arena and are immutable once built: readers may share any subtree without
 * copying. Maps keep insertion order; writers that need Go's ordering sort at output time.
 * Plugins read the fields directly and build values only through the host table. */
struct celm_value {
    uint32_t kind;      /* celm_value_kind */
    uint32_t reserved;
    union {
        int boolean;
        int64_t integer;
        double real;
        celm_string string;
        struct {
            celm_value **items;
            size_t count;
            size_t capacity;
        } list;
        struct {
            celm_map_entry *entries;
            size_t count;
            size_t capacity;
            uint32_t *index;        /* private to the core: hash slots, or NULL for small maps */
            size_t index_slots;
        } map;
    } as;
};

#endif
