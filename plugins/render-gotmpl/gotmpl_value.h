/* gotmpl_value.h: the values templates compute with: Go's dynamic types over borrowed or native data.
 *
 * Templates see Go values, and Go's types show: `typeOf`, `eq`'s comparison rules, printing and
 * argument checks all depend on them (a template `1` is an int, `add` gives an int64, values
 * from YAML are float64). A gotmpl_value is a Go dynamic type plus its data.
 *
 * Lists and maps are native, mutable and shared by reference, as Go's are: `set` on a map is
 * seen by everyone holding it, including later templates of the same render. A list or map read
 * from the chart's values wraps the borrowed celm_value and materialises only when something
 * writes to it (or asks for an element, one level at a time); the runtime remembers the wrapper
 * of each celm_value so the same values map always has one identity. All memory comes from the
 * runtime's arena; nothing here is freed on its own.
 *
 * Only the accessor functions below touch list and map contents: code outside gotmpl_value.c
 * never reads gotmpl_list or gotmpl_map fields. */
#ifndef CELM_GOTMPL_VALUE_H
#define CELM_GOTMPL_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "celm/host.h"

typedef enum gotmpl_type {
    GT_INVALID = 0,     /* no value at all (Go's zero reflect.Value): a missing map key */
    GT_NIL,             /* a nil interface{}: null in values, the `nil` literal */
    GT_BOOL,
    GT_INT,             /* Go int: template number constants, len, atoi, int */
    GT_INT64,           /* int64: values from --set, add/sub/mul/div, int64, toDecimal */
    GT_INT32,           /* rune */
    GT_UINT8,           /* byte: index into a string */
    GT_UINT32,
    GT_UINT64,
    GT_FLOAT64,         /* values from YAML and JSON, float64, addf, ... */
    GT_STRING,
    GT_BYTES,           /* []byte: .Files.GetBytes */
    GT_LIST,            /* []interface{} */
    GT_STRING_LIST,     /* []string: splitList, keys, regexFindAll, .Files.Lines, toStrings */
    GT_INT_LIST,        /* []int: until, untilStep */
    GT_MAP,             /* map[string]interface{} */
    GT_STRING_MAP,      /* map[string]string: split, .Chart.Annotations-like data */
    GT_TIME,            /* time.Time */
    GT_OBJECT,          /* another Go value with fields and methods: .Files, .Capabilities, *semver.Version */
    GT_ANY = 255        /* only in function signatures: interface{} */
} gotmpl_type;

typedef struct gotmpl_runtime gotmpl_runtime;
typedef struct gotmpl_list gotmpl_list;
typedef struct gotmpl_map gotmpl_map;
typedef struct gotmpl_object gotmpl_object;
typedef struct gotmpl_value gotmpl_value;

/* time.Time: wall time, and the zone it is shown in. */
typedef struct gotmpl_time {
    int64_t unix_seconds;
    int32_t nanoseconds;
    int32_t zone_offset;        /* seconds east of UTC */
    const char *zone_name;      /* "UTC", "CET", ... */
    int64_t monotonic;          /* Go's m=+x.y reading in nanoseconds, or -1 when absent */
} gotmpl_time;

struct gotmpl_value {
    uint8_t type;               /* gotmpl_type */
    union {
        int boolean;
        int64_t integer;        /* INT, INT64, INT32, UINT8 */
        uint64_t unsigned_integer; /* UINT32, UINT64 */
        double real;
        celm_string string;     /* STRING, BYTES: never assume a NUL after len (literals, slices) */
        gotmpl_list *list;      /* LIST, STRING_LIST, INT_LIST */
        gotmpl_map *map;        /* MAP, STRING_MAP */
        const gotmpl_time *time;
        const gotmpl_object *object;
    } as;
};

/* A Go value of another kind, described by its class. Methods are ordinary functions (see
 * gotmpl_func.h) whose first argument is the receiver. */
typedef struct gotmpl_func gotmpl_func;
typedef struct gotmpl_class {
    const char *type_name;      /* Go's %T text, e.g. "*semver.Version", "common.Files" */
    /* A field or map key `name` (Go's evalField on a struct or map); 1 when it exists. */
    int (*field)(gotmpl_runtime *runtime, const gotmpl_object *object, const char *name, size_t len,
                 gotmpl_value *out);
    /* A method; NULL when the class has none of that name. */
    const gotmpl_func *(*method)(const gotmpl_object *object, const char *name, size_t len);
    /* Go's %v of the value into `out`. */
    void (*format)(gotmpl_runtime *runtime, const gotmpl_object *object, celm_string *out);
    /* What encoding/json makes of it, as a plain value (NULL: JSON null). */
    celm_value *(*to_plain)(gotmpl_runtime *runtime, const gotmpl_object *object);
} gotmpl_class;

struct gotmpl_object {
    const gotmpl_class *class_;
    void *data;
};

/* --- the runtime ----------------------------------------------------------------------------- */
int gotmpl_runtime_create(const celm_host *host, celm_arena *arena, gotmpl_runtime **out);
const celm_host *gotmpl_runtime_host(const gotmpl_runtime *runtime);
/* Whether Helm's lookup may query the cluster (only when the host offers it). */
void gotmpl_runtime_allow_cluster(gotmpl_runtime *runtime, int allowed);
int gotmpl_runtime_cluster(const gotmpl_runtime *runtime);
celm_arena *gotmpl_runtime_arena(const gotmpl_runtime *runtime);

/* --- constructors ------------------------------------------------------------------------------ */
gotmpl_value gotmpl_invalid(void);
gotmpl_value gotmpl_nil(void);
gotmpl_value gotmpl_bool(int boolean);
gotmpl_value gotmpl_int(gotmpl_type type, int64_t integer);   /* INT, INT64, INT32, UINT8 */
gotmpl_value gotmpl_uint(gotmpl_type type, uint64_t integer); /* UINT32, UINT64 */
gotmpl_value gotmpl_float(double real);
/* The string's bytes are borrowed: copy first (gotmpl_string_copy) unless they live in the arena
 * or in data that outlives the render. */
gotmpl_value gotmpl_string(const char *data, size_t len);
gotmpl_value gotmpl_string_copy(gotmpl_runtime *runtime, const char *data, size_t len);
gotmpl_value gotmpl_bytes(const char *data, size_t len);
gotmpl_value gotmpl_time_value(gotmpl_runtime *runtime, const gotmpl_time *time);   /* copies */
gotmpl_value gotmpl_object_value(const gotmpl_object *object);
/* A value read from the chart's values (or any celm_value): scalars by value (null is GT_NIL,
 * int64 GT_INT64, float64 GT_FLOAT64), lists and maps by reference, wrapped once per node. */
gotmpl_value gotmpl_from_celm(gotmpl_runtime *runtime, const celm_value *value);

/* --- lists ------------------------------------------------------------------------------------- */
/* A new empty list of `type` (GT_LIST, GT_STRING_LIST or GT_INT_LIST); NULL when out of memory. */
gotmpl_value gotmpl_list_new(gotmpl_runtime *runtime, gotmpl_type type, size_t capacity);
size_t gotmpl_list_len(const gotmpl_list *list);
/* Element i (i < len). For a []string it is a GT_STRING, for []int a GT_INT. */
gotmpl_value gotmpl_list_get(gotmpl_runtime *runtime, gotmpl_list *list, size_t i);
int gotmpl_list_append(gotmpl_runtime *runtime, gotmpl_list *list, gotmpl_value item);
int gotmpl_list_set(gotmpl_runtime *runtime, gotmpl_list *list, size_t i, gotmpl_value item);

/* --- maps -------------------------------------------------------------------------------------- */
gotmpl_value gotmpl_map_new(gotmpl_runtime *runtime, gotmpl_type type, size_t capacity); /* MAP, STRING_MAP */
size_t gotmpl_map_len(const gotmpl_map *map);
/* 1 and *out when the key exists, else 0. */
int gotmpl_map_get(gotmpl_runtime *runtime, gotmpl_map *map, const char *key, size_t len, gotmpl_value *out);
int gotmpl_map_set(gotmpl_runtime *runtime, gotmpl_map *map, const char *key, size_t len, gotmpl_value value);
int gotmpl_map_delete(gotmpl_runtime *runtime, gotmpl_map *map, const char *key, size_t len);
/* The keys sorted bytewise, as Go's range, fmt and sprig's `keys | sortAlpha` see them; an arena
 * array of *count strings (valid until the map changes size). */
const celm_string *gotmpl_map_keys(gotmpl_runtime *runtime, gotmpl_map *map, size_t *count);

/* --- named types ------------------------------------------------------------------------------ */
/* A list or map whose Go type has a name and methods (common.Values, engine.files,
 * common.VersionSet): the class gives its %T name and methods (its field hook is unused; keys are
 * the map's own). NULL for plain []interface{} / map[string]interface{}. */
void gotmpl_list_set_class(gotmpl_list *list, const gotmpl_class *named);
const gotmpl_class *gotmpl_list_class(const gotmpl_list *list);
void gotmpl_map_set_class(gotmpl_map *map, const gotmpl_class *named);
const gotmpl_class *gotmpl_map_class(const gotmpl_map *map);

/* --- conversions -------------------------------------------------------------------------------- */
/* Go's %T of a value ("float64", "map[string]interface {}", "[]string", "<nil>" for nil). */
/* Go's name of a plain type (bool, int64, []string, map[string]interface {}, time.Time, ...), or
 * NULL for objects and nil. */
const char *gotmpl_basic_type_name(uint8_t type);
const char *gotmpl_type_name(const gotmpl_value *value);
/* The plain value encoding/json would produce (for toYaml, toJson, ...): ints and floats as
 * numbers, []byte as base64, time as RFC 3339 text, objects through their class. NULL when out
 * of memory. Lists and maps are converted deeply. */
celm_value *gotmpl_to_plain(gotmpl_runtime *runtime, const gotmpl_value *value);
/* Go's truth: false, 0, nil, empty string/list/map are false; invalid is false. */
int gotmpl_is_true(gotmpl_runtime *runtime, const gotmpl_value *value);

#endif
