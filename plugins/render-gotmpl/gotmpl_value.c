/* gotmpl_value.c: Go-typed template values: lazily wrapped celm values, native lists and maps. */
#include <stdlib.h>
#include <string.h>

#include "gotmpl_time.h"
#include "gotmpl_value.h"

struct gotmpl_list {
    uint8_t type;
    const gotmpl_class *named;  /* a named Go type with methods, or NULL */
    const celm_value *source;   /* the wrapped celm list until something writes to it */
    void *parent;               /* the wrapper that handed this one out, materialised with it */
    uint8_t parent_is_list;
    gotmpl_value *items;
    size_t count, capacity;
};

struct gotmpl_map {
    uint8_t type;
    const gotmpl_class *named;  /* a named Go type with methods, or NULL */
    const celm_value *source;   /* the wrapped celm map until something writes to it */
    void *parent;               /* the wrapper that handed this one out, materialised with it */
    uint8_t parent_is_list;
    celm_string *keys;
    gotmpl_value *values;
    size_t count, capacity;
    uint32_t *index;            /* open addressing: entry position + 1, 0 when free */
    size_t slots;
    celm_string *sorted;        /* cached sorted keys; NULL when stale */
};

/* The one wrapper of each celm list or map seen so far, keyed by its address. */
typedef struct memo_entry {
    const celm_value *source;
    void *wrapper;
} memo_entry;

struct gotmpl_runtime {
    const celm_host *host;
    celm_arena *arena;
    int cluster;                /* lookup may query the cluster */
    memo_entry *memo;
    size_t memo_count, memo_slots;
};

static void *alloc(gotmpl_runtime *runtime, size_t size)
{
    return runtime->host->arena_alloc(runtime->arena, size ? size : 1);
}

int gotmpl_runtime_create(const celm_host *host, celm_arena *arena, gotmpl_runtime **out)
{
    gotmpl_runtime *runtime = host->arena_alloc(arena, sizeof *runtime);
    if (!runtime)
        return CELM_ENOMEM;
    memset(runtime, 0, sizeof *runtime);
    runtime->host = host;
    runtime->arena = arena;
    *out = runtime;
    return CELM_OK;
}

void gotmpl_runtime_allow_cluster(gotmpl_runtime *runtime, int allowed)
{
    runtime->cluster = allowed && CELM_HOST_HAS(runtime->host, kube_resource_path);
}

int gotmpl_runtime_cluster(const gotmpl_runtime *runtime)
{
    return runtime->cluster;
}

const celm_host *gotmpl_runtime_host(const gotmpl_runtime *runtime)
{
    return runtime->host;
}

celm_arena *gotmpl_runtime_arena(const gotmpl_runtime *runtime)
{
    return runtime->arena;
}

/* --- the memo of wrappers ------------------------------------------------------------------- */
static size_t pointer_hash(const void *pointer, size_t slots)
{
    uintptr_t bits = (uintptr_t)pointer;
    bits ^= bits >> 17;
    bits *= (uintptr_t)0x9E3779B97F4A7C15u;
    return (size_t)(bits >> 7) & (slots - 1);
}

static void memo_insert(memo_entry *table, size_t slots, const celm_value *source, void *wrapper)
{
    size_t slot = pointer_hash(source, slots);
    while (table[slot].source)
        slot = (slot + 1) & (slots - 1);
    table[slot].source = source;
    table[slot].wrapper = wrapper;
}

static int memo_grow(gotmpl_runtime *runtime)
{
    size_t slots = runtime->memo_slots ? runtime->memo_slots * 2 : 64;
    memo_entry *table = alloc(runtime, slots * sizeof *table);
    if (!table)
        return CELM_ENOMEM;
    memset(table, 0, slots * sizeof *table);
    for (size_t i = 0; i < runtime->memo_slots; i++)
        if (runtime->memo[i].source)
            memo_insert(table, slots, runtime->memo[i].source, runtime->memo[i].wrapper);
    runtime->memo = table;
    runtime->memo_slots = slots;
    return CELM_OK;
}

static void *memo_find(const gotmpl_runtime *runtime, const celm_value *source)
{
    if (!runtime->memo_slots)
        return NULL;
    for (size_t slot = pointer_hash(source, runtime->memo_slots);; slot = (slot + 1) & (runtime->memo_slots - 1)) {
        if (!runtime->memo[slot].source)
            return NULL;
        if (runtime->memo[slot].source == source)
            return runtime->memo[slot].wrapper;
    }
}

static int memo_add(gotmpl_runtime *runtime, const celm_value *source, void *wrapper)
{
    if ((runtime->memo_count + 1) * 2 > runtime->memo_slots && memo_grow(runtime) != CELM_OK)
        return CELM_ENOMEM;
    memo_insert(runtime->memo, runtime->memo_slots, source, wrapper);
    runtime->memo_count++;
    return CELM_OK;
}

/* --- constructors ------------------------------------------------------------------------------ */
gotmpl_value gotmpl_invalid(void)
{
    gotmpl_value value;
    memset(&value, 0, sizeof value);
    return value;
}

gotmpl_value gotmpl_nil(void)
{
    gotmpl_value value = gotmpl_invalid();
    value.type = GT_NIL;
    return value;
}

gotmpl_value gotmpl_bool(int boolean)
{
    gotmpl_value value = gotmpl_invalid();
    value.type = GT_BOOL;
    value.as.boolean = boolean != 0;
    return value;
}

gotmpl_value gotmpl_int(gotmpl_type type, int64_t integer)
{
    gotmpl_value value = gotmpl_invalid();
    value.type = (uint8_t)type;
    value.as.integer = integer;
    return value;
}

gotmpl_value gotmpl_uint(gotmpl_type type, uint64_t integer)
{
    gotmpl_value value = gotmpl_invalid();
    value.type = (uint8_t)type;
    value.as.unsigned_integer = integer;
    return value;
}

gotmpl_value gotmpl_float(double real)
{
    gotmpl_value value = gotmpl_invalid();
    value.type = GT_FLOAT64;
    value.as.real = real;
    return value;
}

gotmpl_value gotmpl_string(const char *data, size_t len)
{
    gotmpl_value value = gotmpl_invalid();
    value.type = GT_STRING;
    value.as.string.data = data;
    value.as.string.len = len;
    return value;
}

gotmpl_value gotmpl_string_copy(gotmpl_runtime *runtime, const char *data, size_t len)
{
    char *copy = runtime->host->arena_strndup(runtime->arena, data, len);
    return copy ? gotmpl_string(copy, len) : gotmpl_invalid();
}

gotmpl_value gotmpl_bytes(const char *data, size_t len)
{
    gotmpl_value value = gotmpl_string(data, len);
    value.type = GT_BYTES;
    return value;
}

gotmpl_value gotmpl_time_value(gotmpl_runtime *runtime, const gotmpl_time *time)
{
    gotmpl_time *copy = alloc(runtime, sizeof *copy);
    gotmpl_value value = gotmpl_invalid();
    if (!copy)
        return value;
    *copy = *time;
    value.type = GT_TIME;
    value.as.time = copy;
    return value;
}

gotmpl_value gotmpl_object_value(const gotmpl_object *object)
{
    gotmpl_value value = gotmpl_invalid();
    value.type = GT_OBJECT;
    value.as.object = object;
    return value;
}

static gotmpl_list *list_wrapper(gotmpl_runtime *runtime, gotmpl_type type, const celm_value *source)
{
    gotmpl_list *list = alloc(runtime, sizeof *list);
    if (!list)
        return NULL;
    memset(list, 0, sizeof *list);
    list->type = (uint8_t)type;
    list->source = source;
    list->count = source ? source->as.list.count : 0;
    return list;
}

static gotmpl_map *map_wrapper(gotmpl_runtime *runtime, gotmpl_type type, const celm_value *source)
{
    gotmpl_map *map = alloc(runtime, sizeof *map);
    if (!map)
        return NULL;
    memset(map, 0, sizeof *map);
    map->type = (uint8_t)type;
    map->source = source;
    map->count = source ? source->as.map.count : 0;
    return map;
}

gotmpl_value gotmpl_from_celm(gotmpl_runtime *runtime, const celm_value *value)
{
    gotmpl_value out = gotmpl_invalid();
    if (!value)
        return out;
    switch (value->kind) {
    case CELM_VALUE_NULL: return gotmpl_nil();
    case CELM_VALUE_BOOL: return gotmpl_bool(value->as.boolean);
    case CELM_VALUE_INT: return gotmpl_int(GT_INT64, value->as.integer);
    case CELM_VALUE_FLOAT: return gotmpl_float(value->as.real);
    case CELM_VALUE_STRING: return gotmpl_string(value->as.string.data, value->as.string.len);
    default: break;
    }
    int is_list = value->kind == CELM_VALUE_LIST;
    void *wrapper = memo_find(runtime, value);
    if (!wrapper) {
        wrapper = is_list ? (void *)list_wrapper(runtime, GT_LIST, value) : (void *)map_wrapper(runtime, GT_MAP, value);
        if (!wrapper || memo_add(runtime, value, wrapper) != CELM_OK)
            return out;
    }
    out.type = is_list ? GT_LIST : GT_MAP;
    if (is_list)
        out.as.list = wrapper;
    else
        out.as.map = wrapper;
    return out;
}

static int list_materialize(gotmpl_runtime *runtime, gotmpl_list *list);
static int map_materialize(gotmpl_runtime *runtime, gotmpl_map *map);

/* An element of a wrapped list or map. Its wrapper remembers the parent: a write to the element
 * materialises the parent too, so the parent no longer stands for its unchanged source. */
static gotmpl_value child_of(gotmpl_runtime *runtime, void *parent, int parent_is_list, const celm_value *value)
{
    gotmpl_value child = gotmpl_from_celm(runtime, value);
    if (child.type == GT_LIST && !child.as.list->parent) {
        child.as.list->parent = parent;
        child.as.list->parent_is_list = (uint8_t)parent_is_list;
    } else if (child.type == GT_MAP && !child.as.map->parent) {
        child.as.map->parent = parent;
        child.as.map->parent_is_list = (uint8_t)parent_is_list;
    }
    return child;
}

static int materialize_parent(gotmpl_runtime *runtime, void *parent, int parent_is_list)
{
    if (!parent)
        return CELM_OK;
    return parent_is_list ? list_materialize(runtime, parent) : map_materialize(runtime, parent);
}

/* --- lists ------------------------------------------------------------------------------------- */
gotmpl_value gotmpl_list_new(gotmpl_runtime *runtime, gotmpl_type type, size_t capacity)
{
    gotmpl_value value = gotmpl_invalid();
    gotmpl_list *list = list_wrapper(runtime, type, NULL);
    if (!list)
        return value;
    if (capacity && !(list->items = alloc(runtime, capacity * sizeof *list->items)))
        return value;
    list->capacity = capacity;
    value.type = (uint8_t)type;
    value.as.list = list;
    return value;
}

size_t gotmpl_list_len(const gotmpl_list *list)
{
    return list->count;
}

static int list_materialize(gotmpl_runtime *runtime, gotmpl_list *list)
{
    if (!list->source)
        return CELM_OK;
    size_t capacity = list->count + 4;
    gotmpl_value *items = alloc(runtime, capacity * sizeof *items);
    if (!items)
        return CELM_ENOMEM;
    for (size_t i = 0; i < list->count; i++)
        items[i] = child_of(runtime, list, 1, list->source->as.list.items[i]);
    list->items = items;
    list->capacity = capacity;
    list->source = NULL;
    return materialize_parent(runtime, list->parent, list->parent_is_list);
}

gotmpl_value gotmpl_list_get(gotmpl_runtime *runtime, gotmpl_list *list, size_t i)
{
    if (i >= list->count)
        return gotmpl_invalid();
    if (list->source)
        return child_of(runtime, list, 1, list->source->as.list.items[i]);
    return list->items[i];
}

int gotmpl_list_append(gotmpl_runtime *runtime, gotmpl_list *list, gotmpl_value item)
{
    if (list_materialize(runtime, list) != CELM_OK)
        return CELM_ENOMEM;
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 4;
        gotmpl_value *items = alloc(runtime, capacity * sizeof *items);
        if (!items)
            return CELM_ENOMEM;
        if (list->count)
            memcpy(items, list->items, list->count * sizeof *items);
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = item;
    return CELM_OK;
}

int gotmpl_list_set(gotmpl_runtime *runtime, gotmpl_list *list, size_t i, gotmpl_value item)
{
    if (i >= list->count)
        return CELM_EINVAL;
    if (list_materialize(runtime, list) != CELM_OK)
        return CELM_ENOMEM;
    list->items[i] = item;
    return CELM_OK;
}

/* --- maps -------------------------------------------------------------------------------------- */
gotmpl_value gotmpl_map_new(gotmpl_runtime *runtime, gotmpl_type type, size_t capacity)
{
    gotmpl_value value = gotmpl_invalid();
    gotmpl_map *map = map_wrapper(runtime, type, NULL);
    if (!map)
        return value;
    (void)capacity;
    value.type = (uint8_t)type;
    value.as.map = map;
    return value;
}

size_t gotmpl_map_len(const gotmpl_map *map)
{
    return map->count;
}

static uint32_t key_hash(const char *key, size_t len)
{
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ (unsigned char)key[i]) * 16777619u;
    return hash;
}

static long map_find(const gotmpl_map *map, const char *key, size_t len)
{
    if (!map->slots)
        return -1;
    for (size_t slot = key_hash(key, len) & (map->slots - 1);; slot = (slot + 1) & (map->slots - 1)) {
        uint32_t stored = map->index[slot];
        if (!stored)
            return -1;
        const celm_string *candidate = &map->keys[stored - 1];
        if (candidate->len == len && (len == 0 || memcmp(candidate->data, key, len) == 0))
            return (long)stored - 1;
    }
}

static int map_reindex(gotmpl_runtime *runtime, gotmpl_map *map, size_t slots)
{
    uint32_t *index = alloc(runtime, slots * sizeof *index);
    if (!index)
        return CELM_ENOMEM;
    memset(index, 0, slots * sizeof *index);
    for (size_t i = 0; i < map->count; i++) {
        size_t slot = key_hash(map->keys[i].data, map->keys[i].len) & (slots - 1);
        while (index[slot])
            slot = (slot + 1) & (slots - 1);
        index[slot] = (uint32_t)i + 1;
    }
    map->index = index;
    map->slots = slots;
    return CELM_OK;
}

static int map_reserve(gotmpl_runtime *runtime, gotmpl_map *map, size_t count)
{
    if (count > map->capacity) {
        size_t capacity = map->capacity ? map->capacity * 2 : 8;
        while (capacity < count)
            capacity *= 2;
        celm_string *keys = alloc(runtime, capacity * sizeof *keys);
        gotmpl_value *values = alloc(runtime, capacity * sizeof *values);
        if (!keys || !values)
            return CELM_ENOMEM;
        if (map->count) {
            memcpy(keys, map->keys, map->count * sizeof *keys);
            memcpy(values, map->values, map->count * sizeof *values);
        }
        map->keys = keys, map->values = values, map->capacity = capacity;
    }
    if (count * 2 > map->slots) {
        size_t slots = 16;
        while (slots < count * 2)
            slots *= 2;
        return map_reindex(runtime, map, slots);
    }
    return CELM_OK;
}

static int map_materialize(gotmpl_runtime *runtime, gotmpl_map *map)
{
    if (!map->source)
        return CELM_OK;
    const celm_value *source = map->source;
    map->source = NULL;
    map->count = 0;
    if (map_reserve(runtime, map, source->as.map.count) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < source->as.map.count; i++) {
        map->keys[i] = source->as.map.entries[i].key;
        map->values[i] = child_of(runtime, map, 0, source->as.map.entries[i].value);
    }
    map->count = source->as.map.count;
    if (map_reindex(runtime, map, map->slots) != CELM_OK)
        return CELM_ENOMEM;
    return materialize_parent(runtime, map->parent, map->parent_is_list);
}

int gotmpl_map_get(gotmpl_runtime *runtime, gotmpl_map *map, const char *key, size_t len, gotmpl_value *out)
{
    if (map->source) {
        const celm_value *found = runtime->host->map_get(map->source, key, len);
        if (found)
            *out = child_of(runtime, map, 0, found);
        return found != NULL;
    }
    long position = map_find(map, key, len);
    if (position < 0)
        return 0;
    *out = map->values[position];
    return 1;
}

int gotmpl_map_set(gotmpl_runtime *runtime, gotmpl_map *map, const char *key, size_t len, gotmpl_value value)
{
    if (map_materialize(runtime, map) != CELM_OK)
        return CELM_ENOMEM;
    long position = map_find(map, key, len);
    if (position >= 0) {
        map->values[position] = value;
        return CELM_OK;
    }
    char *copy = runtime->host->arena_strndup(runtime->arena, key, len);
    if (!copy || map_reserve(runtime, map, map->count + 1) != CELM_OK)
        return CELM_ENOMEM;
    size_t at = map->count++;
    map->keys[at].data = copy;
    map->keys[at].len = len;
    map->values[at] = value;
    size_t slot = key_hash(copy, len) & (map->slots - 1);
    while (map->index[slot])
        slot = (slot + 1) & (map->slots - 1);
    map->index[slot] = (uint32_t)at + 1;
    map->sorted = NULL;
    return CELM_OK;
}

int gotmpl_map_delete(gotmpl_runtime *runtime, gotmpl_map *map, const char *key, size_t len)
{
    if (map_materialize(runtime, map) != CELM_OK)
        return CELM_ENOMEM;
    long position = map_find(map, key, len);
    if (position < 0)
        return CELM_OK;
    size_t tail = map->count - (size_t)position - 1;
    memmove(&map->keys[position], &map->keys[position + 1], tail * sizeof *map->keys);
    memmove(&map->values[position], &map->values[position + 1], tail * sizeof *map->values);
    map->count--;
    map->sorted = NULL;
    return map_reindex(runtime, map, map->slots);
}

static int compare_strings(const void *left, const void *right)
{
    const celm_string *a = left, *b = right;
    size_t shorter = a->len < b->len ? a->len : b->len;
    int order = shorter ? memcmp(a->data, b->data, shorter) : 0;
    return order ? order : (a->len > b->len) - (a->len < b->len);
}

const celm_string *gotmpl_map_keys(gotmpl_runtime *runtime, gotmpl_map *map, size_t *count)
{
    *count = map->count;
    if (map->sorted)
        return map->sorted;
    celm_string *keys = alloc(runtime, (map->count + 1) * sizeof *keys);
    if (!keys)
        return NULL;
    for (size_t i = 0; i < map->count; i++)
        keys[i] = map->source ? map->source->as.map.entries[i].key : map->keys[i];
    qsort(keys, map->count, sizeof *keys, compare_strings);
    map->sorted = keys;
    return keys;
}

/* --- named types ------------------------------------------------------------------------------ */
void gotmpl_list_set_class(gotmpl_list *list, const gotmpl_class *named)
{
    list->named = named;
}

const gotmpl_class *gotmpl_list_class(const gotmpl_list *list)
{
    return list->named;
}

void gotmpl_map_set_class(gotmpl_map *map, const gotmpl_class *named)
{
    map->named = named;
}

const gotmpl_class *gotmpl_map_class(const gotmpl_map *map)
{
    return map->named;
}

/* --- conversions -------------------------------------------------------------------------------- */
const char *gotmpl_basic_type_name(uint8_t type)
{
    switch (type) {
    case GT_BOOL: return "bool";
    case GT_INT: return "int";
    case GT_INT64: return "int64";
    case GT_INT32: return "int32";
    case GT_UINT8: return "uint8";
    case GT_UINT32: return "uint32";
    case GT_UINT64: return "uint64";
    case GT_FLOAT64: return "float64";
    case GT_STRING: return "string";
    case GT_BYTES: return "[]uint8";
    case GT_LIST: return "[]interface {}";
    case GT_STRING_LIST: return "[]string";
    case GT_INT_LIST: return "[]int";
    case GT_MAP: return "map[string]interface {}";
    case GT_STRING_MAP: return "map[string]string";
    case GT_TIME: return "time.Time";
    default: return NULL;
    }
}

const char *gotmpl_type_name(const gotmpl_value *value)
{
    const gotmpl_class *named = NULL;
    if (value->type == GT_LIST || value->type == GT_STRING_LIST || value->type == GT_INT_LIST)
        named = value->as.list->named;
    else if (value->type == GT_MAP || value->type == GT_STRING_MAP)
        named = value->as.map->named;
    if (named)
        return named->type_name;
    if (value->type == GT_OBJECT)
        return value->as.object->class_->type_name;
    const char *basic = gotmpl_basic_type_name(value->type);
    return basic ? basic : "<nil>";
}

int gotmpl_is_true(gotmpl_runtime *runtime, const gotmpl_value *value)
{
    (void)runtime;
    switch (value->type) {
    case GT_BOOL: return value->as.boolean;
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: return value->as.integer != 0;
    case GT_UINT32: case GT_UINT64: return value->as.unsigned_integer != 0;
    case GT_FLOAT64: return value->as.real != 0;
    case GT_STRING: case GT_BYTES: return value->as.string.len != 0;
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return value->as.list->count != 0;
    case GT_MAP: case GT_STRING_MAP: return value->as.map->count != 0;
    case GT_TIME: case GT_OBJECT: return 1;
    default: return 0;
    }
}

static const char base64_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static celm_value *base64_plain(gotmpl_runtime *runtime, const celm_string *bytes)
{
    size_t len = (bytes->len + 2) / 3 * 4;
    char *text = alloc(runtime, len + 1);
    if (!text)
        return NULL;
    const unsigned char *in = (const unsigned char *)bytes->data;
    size_t at = 0;
    for (size_t i = 0; i < bytes->len; i += 3) {
        uint32_t chunk = (uint32_t)in[i] << 16;
        if (i + 1 < bytes->len)
            chunk |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < bytes->len)
            chunk |= in[i + 2];
        text[at++] = base64_alphabet[(chunk >> 18) & 63];
        text[at++] = base64_alphabet[(chunk >> 12) & 63];
        text[at++] = i + 1 < bytes->len ? base64_alphabet[(chunk >> 6) & 63] : '=';
        text[at++] = i + 2 < bytes->len ? base64_alphabet[chunk & 63] : '=';
    }
    return runtime->host->value_string(runtime->arena, text, at);
}



static celm_value *list_plain(gotmpl_runtime *runtime, gotmpl_list *list)
{
    if (list->source)
        return (celm_value *)list->source;
    celm_value *plain = runtime->host->value_list(runtime->arena, list->count);
    for (size_t i = 0; plain && i < list->count; i++) {
        celm_value *item = gotmpl_to_plain(runtime, &list->items[i]);
        if (!item || runtime->host->list_append(runtime->arena, plain, item) != CELM_OK)
            return NULL;
    }
    return plain;
}

static celm_value *map_plain(gotmpl_runtime *runtime, gotmpl_map *map)
{
    if (map->source)
        return (celm_value *)map->source;
    celm_value *plain = runtime->host->value_map(runtime->arena, map->count);
    for (size_t i = 0; plain && i < map->count; i++) {
        celm_value *item = gotmpl_to_plain(runtime, &map->values[i]);
        if (!item || runtime->host->map_set(runtime->arena, plain, map->keys[i].data, map->keys[i].len, item) != CELM_OK)
            return NULL;
    }
    return plain;
}

celm_value *gotmpl_to_plain(gotmpl_runtime *runtime, const gotmpl_value *value)
{
    const celm_host *host = runtime->host;
    switch (value->type) {
    case GT_BOOL: return host->value_bool(runtime->arena, value->as.boolean);
    case GT_INT: case GT_INT64: case GT_INT32: case GT_UINT8: return host->value_int(runtime->arena, value->as.integer);
    case GT_UINT32: case GT_UINT64:
        if (value->as.unsigned_integer <= (uint64_t)INT64_MAX)
            return host->value_int(runtime->arena, (int64_t)value->as.unsigned_integer);
        return host->value_float(runtime->arena, (double)value->as.unsigned_integer);
    case GT_FLOAT64: return host->value_float(runtime->arena, value->as.real);
    case GT_STRING: return host->value_string(runtime->arena, value->as.string.data, value->as.string.len);
    case GT_BYTES: return base64_plain(runtime, &value->as.string);
    case GT_LIST: case GT_STRING_LIST: case GT_INT_LIST: return list_plain(runtime, value->as.list);
    case GT_MAP: case GT_STRING_MAP: return map_plain(runtime, value->as.map);
    case GT_TIME: return gotmpl_time_plain(runtime, value->as.time);
    case GT_OBJECT:
        if (value->as.object->class_->to_plain)
            return value->as.object->class_->to_plain(runtime, value->as.object);
        return host->value_map(runtime->arena, 0);
    default: return host->value_null(runtime->arena);
    }
}
