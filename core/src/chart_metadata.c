/* chart_metadata.c: Chart.yaml, requirements.yaml and the lock files onto Helm's Go structs, with
 * sigs.k8s.io/yaml's conversions (YAML -> JSON, scalars -> strings) and encoding/json's errors. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_internal.h"

typedef enum target_kind {
    TARGET_ANY,         /* interface{}: the value as it is */
    TARGET_STRING,
    TARGET_BOOL,
    TARGET_TIME,        /* time.Time, which decodes itself (UnmarshalJSON) */
    TARGET_LIST,
    TARGET_MAP,         /* map[string]<element> */
    TARGET_STRUCT
} target_kind;

typedef struct struct_type struct_type;

/* A Go type the JSON decoder fills; `go_type` is its reflect String() for error texts. */
typedef struct target {
    target_kind kind;
    const char *go_type;
    const struct target *element;       /* TARGET_LIST, TARGET_MAP */
    const struct_type *structure;       /* TARGET_STRUCT */
} target;

typedef struct field {
    const char *name;       /* the JSON name, which is also the metadata map's key */
    const target *type;
} field;

struct struct_type {
    const char *name;       /* UnmarshalTypeError.Struct */
    const field *fields;
    size_t count;
};

static const target any_target = {TARGET_ANY, "interface {}", NULL, NULL};
static const target string_target = {TARGET_STRING, "string", NULL, NULL};
static const target bool_target = {TARGET_BOOL, "bool", NULL, NULL};
static const target time_target = {TARGET_TIME, "time.Time", NULL, NULL};
static const target strings_target = {TARGET_LIST, "[]string", &string_target, NULL};
static const target any_list_target = {TARGET_LIST, "[]interface {}", &any_target, NULL};
static const target string_map_target = {TARGET_MAP, "map[string]string", &string_target, NULL};

static const field maintainer_fields[] = {
    {"name", &string_target}, {"email", &string_target}, {"url", &string_target},
};
static const struct_type maintainer_type = {"Maintainer", maintainer_fields, 3};
static const target maintainer_target = {TARGET_STRUCT, "v2.Maintainer", NULL, &maintainer_type};
static const target maintainers_target = {TARGET_LIST, "[]*v2.Maintainer", &maintainer_target, NULL};

static const field dependency_fields[] = {
    {"name", &string_target}, {"version", &string_target}, {"repository", &string_target},
    {"condition", &string_target}, {"tags", &strings_target}, {"enabled", &bool_target},
    {"import-values", &any_list_target}, {"alias", &string_target},
};
static const struct_type dependency_type = {"Dependency", dependency_fields, 8};
static const target dependency_target = {TARGET_STRUCT, "v2.Dependency", NULL, &dependency_type};
static const target dependencies_target = {TARGET_LIST, "[]*v2.Dependency", &dependency_target, NULL};

static const field metadata_fields[] = {
    {"name", &string_target}, {"home", &string_target}, {"sources", &strings_target},
    {"version", &string_target}, {"description", &string_target}, {"keywords", &strings_target},
    {"maintainers", &maintainers_target}, {"icon", &string_target},
    {"apiVersion", &string_target}, {"condition", &string_target}, {"tags", &string_target},
    {"appVersion", &string_target}, {"deprecated", &bool_target},
    {"annotations", &string_map_target}, {"kubeVersion", &string_target},
    {"dependencies", &dependencies_target}, {"type", &string_target},
};
static const struct_type metadata_type = {"Metadata", metadata_fields, 17};
static const target metadata_target = {TARGET_STRUCT, "v2.Metadata", NULL, &metadata_type};

static const field lock_fields[] = {
    {"generated", &time_target}, {"digest", &string_target}, {"dependencies", &dependencies_target},
};
static const struct_type lock_type = {"Lock", lock_fields, 3};
static const target lock_target = {TARGET_STRUCT, "v2.Lock", NULL, &lock_type};

static const field chart_base_fields[] = {{"apiVersion", &string_target}};
static const struct_type chart_base_type = {"chartBase", chart_base_fields, 1};
static const target chart_base_target = {TARGET_STRUCT, "loader.chartBase", NULL, &chart_base_type};

#define MAX_FIELD_DEPTH 8

/* encoding/json's decodeState as far as errors go: the field path, the first type error saved,
 * and an error of time.Time's own decoder, which stops decoding and wins over the saved one. */
typedef struct decoder {
    chart_loader *loader;
    const char *struct_name;
    const char *path[MAX_FIELD_DEPTH];
    int depth;
    int failed;
    int stopped;
    int disallow_unknown;   /* Decoder.DisallowUnknownFields (sigs.k8s.io/yaml's UnmarshalStrict) */
    celm_buffer message;
} decoder;

/* UnmarshalTypeError, kept only when it is the first. */
static void type_error(decoder *d, const celm_value *value, const target *type)
{
    if (d->failed)
        return;
    d->failed = 1;
    celm_buffer_printf(&d->message, "json: cannot unmarshal %s into Go ", celm_go_json_kind(value));
    if (d->depth == 0) {
        celm_buffer_printf(&d->message, "value of type %s", type->go_type);
        return;
    }
    celm_buffer_printf(&d->message, "struct field %s.", d->struct_name);
    for (int i = 0; i < d->depth; i++)
        celm_buffer_printf(&d->message, "%s%s", i ? "." : "", d->path[i]);
    celm_buffer_printf(&d->message, " of type %s", type->go_type);
}

/* DisallowUnknownFields' error, saved like a type error: only the first counts. */
static void unknown_field(decoder *d, const celm_string *key)
{
    if (d->failed)
        return;
    d->failed = 1;
    celm_buffer_append_str(&d->message, "json: unknown field ");
    celm_go_quote(&d->message, key->data, key->len);
}

static void stop_with(decoder *d, const char *text)
{
    d->message.len = 0;
    celm_buffer_append_str(&d->message, text);
    d->failed = d->stopped = 1;
}

static celm_value *nomem(decoder *d)
{
    stop_with(d, "out of memory");
    return NULL;
}

static celm_value *decode(decoder *d, const celm_value *value, const target *type, celm_value *existing);

/* sigs.k8s.io/yaml writes a number or boolean as a string where Go wants a string. */
static celm_value *as_string(decoder *d, const celm_value *value)
{
    char text[64];
    switch (value->kind) {
    case CELM_VALUE_STRING: return (celm_value *)value;
    case CELM_VALUE_BOOL: return celm_value_cstring(d->loader->arena, value->as.boolean ? "true" : "false");
    case CELM_VALUE_INT: snprintf(text, sizeof text, "%lld", (long long)value->as.integer); break;
    default: celm_format_float32_g(value->as.real, text); break;
    }
    celm_value *converted = celm_value_cstring(d->loader->arena, text);
    return converted ? converted : nomem(d);
}

/* time.Time.UnmarshalJSON of the JSON text Go would hold: the string as encoding/json wrote it. */
static void decode_time(decoder *d, const celm_value *value)
{
    if (value->kind != CELM_VALUE_STRING) {
        stop_with(d, "Time.UnmarshalJSON: input is not a JSON string");
        return;
    }
    celm_string json = {NULL, 0};
    celm_error ignored = CELM_ERROR_INIT;
    if (celm_json_emit(d->loader->arena, value, 0, &json, &ignored) != CELM_OK || json.len < 2) {
        nomem(d);
        return;
    }
    celm_buffer message;
    celm_buffer_init(&message);
    if (!chart_parse_rfc3339(json.data + 1, json.len - 2, &message)) {
        stop_with(d, message.data ? message.data : "");
    }
    celm_buffer_free(&message);
}

static celm_value *decode_scalar(decoder *d, const celm_value *value, const target *type,
                                 celm_value *existing)
{
    if (type->kind == TARGET_STRING)
        return as_string(d, value);
    if (type->kind == TARGET_BOOL && value->kind == CELM_VALUE_BOOL)
        return (celm_value *)value;
    type_error(d, value, type);
    return existing;
}

/* The zero value a new list element or map value has before JSON null leaves it alone. */
static celm_value *zero_value(decoder *d, const target *type)
{
    celm_arena *arena = d->loader->arena;
    celm_value *zero = type->kind == TARGET_STRING ? celm_value_cstring(arena, "")
                       : type->kind == TARGET_BOOL ? celm_value_bool(arena, 0)
                                                   : celm_value_null(arena);
    return zero ? zero : nomem(d);
}

/* A JSON array into a slice: elements already there are decoded into (Go reuses them). */
static celm_value *decode_list(decoder *d, const celm_value *value, const target *type,
                               celm_value *existing)
{
    celm_value *list = celm_value_list(d->loader->arena, value->as.list.count);
    if (!list)
        return nomem(d);
    for (size_t i = 0; i < value->as.list.count && !d->stopped; i++) {
        celm_value *old = existing && existing->kind == CELM_VALUE_LIST && i < existing->as.list.count
                              ? existing->as.list.items[i] : NULL;
        if (old && old->kind == CELM_VALUE_NULL)
            old = NULL;
        celm_value *item = decode(d, value->as.list.items[i], type->element, old);
        if (!item && !d->stopped)
            item = zero_value(d, type->element);
        if (item && celm_list_append(d->loader->arena, list, item) != CELM_OK)
            return nomem(d);
    }
    return list;
}

/* A JSON object into map[string]string: into the existing map, each value decoded afresh. */
static celm_value *decode_map(decoder *d, const celm_value *value, const target *type,
                              celm_value *existing)
{
    celm_arena *arena = d->loader->arena;
    celm_value *map = existing && existing->kind == CELM_VALUE_MAP ? existing : celm_value_map(arena, 0);
    const celm_map_entry **entries = map ? celm_map_sorted(arena, value) : NULL;
    if (!map || (value->as.map.count && !entries))
        return nomem(d);
    for (size_t i = 0; i < value->as.map.count && !d->stopped; i++) {
        celm_value *item = decode(d, entries[i]->value, type->element, NULL);
        if (!item && !d->stopped)
            item = zero_value(d, type->element);
        if (item && celm_map_set(arena, map, entries[i]->key.data, entries[i]->key.len, item) != CELM_OK)
            return nomem(d);
    }
    return map;
}

static int ascii_equal_fold(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x + 32);
        if (y >= 'A' && y <= 'Z')
            y = (char)(y + 32);
        if (x != y)
            return 0;
    }
    return 1;
}

/* The field a JSON key fills: the exact name, else one equal under case folding. */
static const field *find_field(const struct_type *structure, const celm_string *key)
{
    const field *folded = NULL;
    for (size_t i = 0; i < structure->count; i++) {
        const field *f = &structure->fields[i];
        if (strlen(f->name) != key->len)
            continue;
        if (memcmp(f->name, key->data, key->len) == 0)
            return f;
        if (!folded && ascii_equal_fold(f->name, key->data, key->len))
            folded = f;
    }
    return folded;
}

static void decode_field(decoder *d, celm_value *object, const field *f, const celm_value *value)
{
    celm_arena *arena = d->loader->arena;
    const char *saved_struct = d->struct_name;
    if (d->depth < MAX_FIELD_DEPTH)
        d->path[d->depth] = f->name;
    d->depth++;
    celm_value *old = celm_map_cget(object, f->name);
    celm_value *decoded = decode(d, value, f->type, old);
    d->depth--;
    d->struct_name = saved_struct;
    if (d->stopped)
        return;
    if (!decoded)
        celm_map_remove(object, f->name, strlen(f->name));
    else if (decoded != old && celm_map_set(arena, object, f->name, strlen(f->name), decoded) != CELM_OK)
        nomem(d);
}

/* A JSON object into a struct: keys in sorted order (the JSON sigs.k8s.io/yaml wrote), unknown
 * keys ignored, into the struct already there. */
static celm_value *decode_struct(decoder *d, const celm_value *value, const target *type,
                                 celm_value *existing)
{
    celm_arena *arena = d->loader->arena;
    celm_value *object = existing && existing->kind == CELM_VALUE_MAP ? existing : celm_value_map(arena, 0);
    const celm_map_entry **entries = object ? celm_map_sorted(arena, value) : NULL;
    if (!object || (value->as.map.count && !entries))
        return nomem(d);
    for (size_t i = 0; i < value->as.map.count && !d->stopped; i++) {
        const field *f = find_field(type->structure, &entries[i]->key);
        d->struct_name = type->structure->name;
        if (f)
            decode_field(d, object, f, entries[i]->value);
        else if (d->disallow_unknown)
            unknown_field(d, &entries[i]->key);
    }
    return object;
}

/* Decodes `value` into a Go value of `type` currently holding `existing` (NULL: the zero value).
 * Returns the new value, NULL for Go's nil/zero, or `existing` when nothing changes. */
static celm_value *decode(decoder *d, const celm_value *value, const target *type, celm_value *existing)
{
    if (d->stopped)
        return existing;
    if (type->kind == TARGET_TIME) {
        if (value->kind != CELM_VALUE_NULL)
            decode_time(d, value);
        return existing;
    }
    if (type->kind == TARGET_ANY)
        return (celm_value *)value;
    switch (value->kind) {
    case CELM_VALUE_NULL:
        return type->kind == TARGET_STRING || type->kind == TARGET_BOOL ? existing : NULL;
    case CELM_VALUE_LIST:
        if (type->kind == TARGET_LIST)
            return decode_list(d, value, type, existing);
        break;
    case CELM_VALUE_MAP:
        if (type->kind == TARGET_STRUCT)
            return decode_struct(d, value, type, existing);
        if (type->kind == TARGET_MAP)
            return decode_map(d, value, type, existing);
        break;
    default:
        if (type->kind == TARGET_STRING || type->kind == TARGET_BOOL)
            return decode_scalar(d, value, type, existing);
        break;
    }
    type_error(d, value, type);
    return existing;
}

/* --- the YAML -> JSON step: json.Marshal refuses NaN and infinities that stayed numbers --- */

static const target *field_type_of(const target *type, const celm_string *key)
{
    if (type && type->kind == TARGET_STRUCT) {
        const field *f = find_field(type->structure, key);
        return f ? f->type : NULL;
    }
    if (type && type->kind == TARGET_MAP)
        return type->element;
    return NULL;
}

/* The first NaN or infinity json.Marshal meets (keys sorted) outside a place for a string. */
static const celm_value *unsupported_number(celm_arena *arena, const celm_value *value, const target *type)
{
    if (value->kind == CELM_VALUE_FLOAT)
        return (!type || type->kind != TARGET_STRING) && !isfinite(value->as.real) ? value : NULL;
    if (value->kind == CELM_VALUE_LIST) {
        const target *element = type && type->kind == TARGET_LIST ? type->element : NULL;
        for (size_t i = 0; i < value->as.list.count; i++) {
            const celm_value *found = unsupported_number(arena, value->as.list.items[i], element);
            if (found)
                return found;
        }
    }
    if (value->kind == CELM_VALUE_MAP && value->as.map.count) {
        const celm_map_entry **entries = celm_map_sorted(arena, value);
        for (size_t i = 0; entries && i < value->as.map.count; i++) {
            const target *inner = field_type_of(type, &entries[i]->key);
            const celm_value *found = unsupported_number(arena, entries[i]->value, inner);
            if (found)
                return found;
        }
    }
    return NULL;
}

static const target *document_target(chart_document_kind kind)
{
    switch (kind) {
    case CHART_DOCUMENT_LOCK: return &lock_target;
    case CHART_DOCUMENT_API_VERSION: return &chart_base_target;
    case CHART_DOCUMENT_METADATA_STRICT: return &metadata_target;
    default: return &metadata_target;
    }
}

static int decode_document(chart_loader *loader, chart_document_kind kind, const celm_value *document,
                           celm_value **into)
{
    decoder d;
    memset(&d, 0, sizeof d);
    d.loader = loader;
    celm_buffer_init(&d.message);
    d.disallow_unknown = kind == CHART_DOCUMENT_METADATA_STRICT;
    const target *type = document_target(kind);
    celm_value *decoded = decode(&d, document, type, *into);
    int status = CELM_OK;
    if (d.failed)
        status = chart_fail(loader, d.message.failed ? CELM_ENOMEM : CELM_EPARSE,
                            "error unmarshaling JSON: while decoding JSON: %s",
                            d.message.data ? d.message.data : "out of memory");
    else if (document->kind != CELM_VALUE_NULL)
        *into = decoded;
    else if (kind == CHART_DOCUMENT_LOCK)
        *into = NULL;
    celm_buffer_free(&d.message);
    return status;
}

/* Decoding never changes the parsed document, and the apiVersion's decoding is thrown away: the
 * metadata's decoding of the same text may take its document over. */
static int parse_document(chart_loader *loader, chart_document_kind kind, const celm_chart_file *file,
                          const char *origin, const celm_value **out)
{
    chart_parsed_document *parsed = &loader->api_version_document;
    if (parsed->document && kind != CHART_DOCUMENT_METADATA_STRICT && parsed->len == file->len && memcmp(parsed->text, file->data, file->len) == 0) {
        *out = parsed->document;
        *parsed = (chart_parsed_document){NULL, 0, NULL};
        return CELM_OK;
    }
    celm_value *document = NULL;
    unsigned flags = CELM_YAML_KEEP_INTEGERS | (kind == CHART_DOCUMENT_METADATA_STRICT ? CELM_YAML_UNIQUE_KEYS : 0);
    int status = celm_yaml_parse(loader->arena, file->data, file->len, origin, flags, &document, loader->err);
    if (status == CELM_OK && kind == CHART_DOCUMENT_API_VERSION)
        *parsed = (chart_parsed_document){file->data, file->len, document};
    *out = document;
    return status;
}

int chart_decode_document(chart_loader *loader, chart_document_kind kind,
                          const celm_chart_file *file, const char *origin, celm_value **into)
{
    const celm_value *document = NULL;
    if (parse_document(loader, kind, file, origin, &document) != CELM_OK)
        return chart_wrap(loader->err, "error converting YAML to JSON");
    const celm_value *bad = unsupported_number(loader->arena, document, document_target(kind));
    if (bad) {
        char text[32];
        celm_format_float_g(bad->as.real, text);
        return chart_fail(loader, CELM_EPARSE,
                          "error converting YAML to JSON: json: unsupported value: %s", text);
    }
    if (!*into && !(*into = celm_value_map(loader->arena, 0)))
        return chart_fail(loader, CELM_ENOMEM, "out of memory");
    return decode_document(loader, kind, document, into);
}
