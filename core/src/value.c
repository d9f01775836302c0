/* value.c: building and reading values: scalars, lists, and insertion-ordered hashed maps. */
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"

#define MAP_INDEX_THRESHOLD 8

static celm_value *value_new(celm_arena *arena, celm_value_kind kind)
{
    celm_value *value = celm_arena_alloc(arena, sizeof *value);
    if (value) {
        memset(value, 0, sizeof *value);
        value->kind = kind;
    }
    return value;
}

celm_value *celm_value_null(celm_arena *arena)
{
    return value_new(arena, CELM_VALUE_NULL);
}

celm_value *celm_value_bool(celm_arena *arena, int boolean)
{
    celm_value *value = value_new(arena, CELM_VALUE_BOOL);
    if (value)
        value->as.boolean = boolean != 0;
    return value;
}

celm_value *celm_value_int(celm_arena *arena, int64_t integer)
{
    celm_value *value = value_new(arena, CELM_VALUE_INT);
    if (value)
        value->as.integer = integer;
    return value;
}

celm_value *celm_value_float(celm_arena *arena, double real)
{
    celm_value *value = value_new(arena, CELM_VALUE_FLOAT);
    if (value)
        value->as.real = real;
    return value;
}

celm_value *celm_value_string(celm_arena *arena, const char *text, size_t len)
{
    celm_value *value = value_new(arena, CELM_VALUE_STRING);
    if (!value)
        return NULL;
    char *copy = celm_arena_strndup(arena, text, len);
    if (!copy)
        return NULL;
    value->as.string.data = copy;
    value->as.string.len = len;
    return value;
}

celm_value *celm_value_cstring(celm_arena *arena, const char *text)
{
    return celm_value_string(arena, text, strlen(text));
}

celm_value *celm_value_list(celm_arena *arena, size_t capacity_hint)
{
    celm_value *value = value_new(arena, CELM_VALUE_LIST);
    if (value && capacity_hint) {
        value->as.list.items = celm_arena_alloc(arena, capacity_hint * sizeof(celm_value *));
        if (!value->as.list.items)
            return NULL;
        value->as.list.capacity = capacity_hint;
    }
    return value;
}

celm_value *celm_value_map(celm_arena *arena, size_t capacity_hint)
{
    celm_value *value = value_new(arena, CELM_VALUE_MAP);
    if (value && capacity_hint) {
        value->as.map.entries = celm_arena_alloc(arena, capacity_hint * sizeof(celm_map_entry));
        if (!value->as.map.entries)
            return NULL;
        value->as.map.capacity = capacity_hint;
    }
    return value;
}

int celm_list_append(celm_arena *arena, celm_value *list, celm_value *item)
{
    if (!list || list->kind != CELM_VALUE_LIST || !item)
        return CELM_EINVAL;
    if (list->as.list.count == list->as.list.capacity) {
        size_t capacity = list->as.list.capacity ? list->as.list.capacity * 2 : 4;
        celm_value **items = celm_arena_alloc(arena, capacity * sizeof *items);
        if (!items)
            return CELM_ENOMEM;
        if (list->as.list.count)
            memcpy(items, list->as.list.items, list->as.list.count * sizeof *items);
        list->as.list.items = items;
        list->as.list.capacity = capacity;
    }
    list->as.list.items[list->as.list.count++] = item;
    return CELM_OK;
}

static uint32_t key_hash(const char *key, size_t len)
{
    uint32_t hash = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        hash ^= (unsigned char)key[i];
        hash *= 16777619u;
    }
    return hash;
}

static int key_equal(const celm_string *a, const char *key, size_t len)
{
    return a->len == len && (len == 0 || memcmp(a->data, key, len) == 0);
}

/* Returns the entry position of key, or -1; with an index, *slot_out gets the slot it occupies
 * or the free slot where it would go. */
static long map_find(const celm_value *map, const char *key, size_t len, size_t *slot_out)
{
    const celm_map_entry *entries = map->as.map.entries;
    if (!map->as.map.index) {
        for (size_t i = 0; i < map->as.map.count; i++)
            if (key_equal(&entries[i].key, key, len))
                return (long)i;
        return -1;
    }
    size_t mask = map->as.map.index_slots - 1;
    size_t slot = key_hash(key, len) & mask;
    for (;;) {
        uint32_t stored = map->as.map.index[slot];
        if (stored == 0) {
            if (slot_out)
                *slot_out = slot;
            return -1;
        }
        if (stored != UINT32_MAX && key_equal(&entries[stored - 1].key, key, len)) {
            if (slot_out)
                *slot_out = slot;
            return (long)(stored - 1);
        }
        slot = (slot + 1) & mask;
    }
}

static int map_rebuild_index(celm_arena *arena, celm_value *map, size_t slots)
{
    uint32_t *index = celm_arena_alloc(arena, slots * sizeof *index);
    if (!index)
        return CELM_ENOMEM;
    memset(index, 0, slots * sizeof *index);
    for (size_t i = 0; i < map->as.map.count; i++) {
        const celm_string *key = &map->as.map.entries[i].key;
        size_t slot = key_hash(key->data, key->len) & (slots - 1);
        while (index[slot])
            slot = (slot + 1) & (slots - 1);
        index[slot] = (uint32_t)(i + 1);
    }
    map->as.map.index = index;
    map->as.map.index_slots = slots;
    return CELM_OK;
}

static int map_grow(celm_arena *arena, celm_value *map)
{
    size_t capacity = map->as.map.capacity ? map->as.map.capacity * 2 : 4;
    celm_map_entry *entries = celm_arena_alloc(arena, capacity * sizeof *entries);
    if (!entries)
        return CELM_ENOMEM;
    if (map->as.map.count)
        memcpy(entries, map->as.map.entries, map->as.map.count * sizeof *entries);
    map->as.map.entries = entries;
    map->as.map.capacity = capacity;
    return CELM_OK;
}

int celm_map_set(celm_arena *arena, celm_value *map, const char *key, size_t key_len, celm_value *value)
{
    if (!map || map->kind != CELM_VALUE_MAP || !value)
        return CELM_EINVAL;
    long found = map_find(map, key, key_len, NULL);
    if (found >= 0) {
        map->as.map.entries[found].value = value;
        return CELM_OK;
    }
    if (map->as.map.count == map->as.map.capacity && map_grow(arena, map) != CELM_OK)
        return CELM_ENOMEM;
    char *key_copy = celm_arena_strndup(arena, key, key_len);
    if (!key_copy)
        return CELM_ENOMEM;
    size_t position = map->as.map.count++;
    map->as.map.entries[position].key.data = key_copy;
    map->as.map.entries[position].key.len = key_len;
    map->as.map.entries[position].value = value;
    size_t count = map->as.map.count;
    if (count > MAP_INDEX_THRESHOLD && count * 2 > map->as.map.index_slots) {
        size_t slots = 32;
        while (slots < count * 4)
            slots *= 2;
        return map_rebuild_index(arena, map, slots);
    }
    if (map->as.map.index) {
        size_t slot = key_hash(key, key_len) & (map->as.map.index_slots - 1);
        while (map->as.map.index[slot] && map->as.map.index[slot] != UINT32_MAX)
            slot = (slot + 1) & (map->as.map.index_slots - 1);
        map->as.map.index[slot] = (uint32_t)count;
    }
    return CELM_OK;
}

celm_value *celm_map_get(const celm_value *map, const char *key, size_t key_len)
{
    if (!map || map->kind != CELM_VALUE_MAP)
        return NULL;
    long found = map_find(map, key, key_len, NULL);
    return found >= 0 ? map->as.map.entries[found].value : NULL;
}

celm_value *celm_map_cget(const celm_value *map, const char *key)
{
    return celm_map_get(map, key, strlen(key));
}

const char *celm_map_string(const celm_value *map, const char *key)
{
    const celm_value *value = celm_map_get(map, key, strlen(key));
    return value && value->kind == CELM_VALUE_STRING ? value->as.string.data : "";
}

int celm_map_remove(celm_value *map, const char *key, size_t key_len)
{
    if (!map || map->kind != CELM_VALUE_MAP)
        return CELM_EINVAL;
    long found = map_find(map, key, key_len, NULL);
    if (found < 0)
        return CELM_ENOTFOUND;
    size_t tail = map->as.map.count - (size_t)found - 1;
    memmove(&map->as.map.entries[found], &map->as.map.entries[found + 1], tail * sizeof(celm_map_entry));
    map->as.map.count--;
    if (map->as.map.index) {
        /* Positions shifted: renumber in place rather than allocate a new index. */
        memset(map->as.map.index, 0, map->as.map.index_slots * sizeof(uint32_t));
        size_t slots = map->as.map.index_slots;
        for (size_t i = 0; i < map->as.map.count; i++) {
            const celm_string *entry_key = &map->as.map.entries[i].key;
            size_t slot = key_hash(entry_key->data, entry_key->len) & (slots - 1);
            while (map->as.map.index[slot])
                slot = (slot + 1) & (slots - 1);
            map->as.map.index[slot] = (uint32_t)(i + 1);
        }
    }
    return CELM_OK;
}

int celm_value_is_empty(const celm_value *value)
{
    if (!value)
        return 1;
    switch (value->kind) {
    case CELM_VALUE_STRING: return value->as.string.len == 0;
    case CELM_VALUE_LIST: return value->as.list.count == 0;
    case CELM_VALUE_MAP: return value->as.map.count == 0;
    case CELM_VALUE_BOOL: return !value->as.boolean;
    case CELM_VALUE_INT: return value->as.integer == 0;
    case CELM_VALUE_FLOAT: return value->as.real == 0;
    default: return value->kind == CELM_VALUE_NULL;
    }
}

celm_value *celm_value_copy(celm_arena *arena, const celm_value *value)
{
    switch (value->kind) {
    case CELM_VALUE_STRING:
        return celm_value_string(arena, value->as.string.data, value->as.string.len);
    case CELM_VALUE_LIST: {
        celm_value *list = celm_value_list(arena, value->as.list.count);
        for (size_t i = 0; list && i < value->as.list.count; i++) {
            celm_value *item = celm_value_copy(arena, value->as.list.items[i]);
            if (!item || celm_list_append(arena, list, item) != CELM_OK)
                return NULL;
        }
        return list;
    }
    case CELM_VALUE_MAP: {
        celm_value *map = celm_value_map(arena, value->as.map.count);
        for (size_t i = 0; map && i < value->as.map.count; i++) {
            const celm_map_entry *entry = &value->as.map.entries[i];
            celm_value *item = celm_value_copy(arena, entry->value);
            if (!item || celm_map_set(arena, map, entry->key.data, entry->key.len, item) != CELM_OK)
                return NULL;
        }
        return map;
    }
    default: {
        celm_value *copy = celm_arena_alloc(arena, sizeof *copy);
        if (copy)
            *copy = *value;
        return copy;
    }
    }
}

int celm_value_equal(const celm_value *a, const celm_value *b)
{
    if (a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case CELM_VALUE_NULL:
        return 1;
    case CELM_VALUE_BOOL:
        return a->as.boolean == b->as.boolean;
    case CELM_VALUE_INT:
        return a->as.integer == b->as.integer;
    case CELM_VALUE_FLOAT:
        return a->as.real == b->as.real;
    case CELM_VALUE_STRING:
        return key_equal(&a->as.string, b->as.string.data, b->as.string.len);
    case CELM_VALUE_LIST:
        if (a->as.list.count != b->as.list.count)
            return 0;
        for (size_t i = 0; i < a->as.list.count; i++)
            if (!celm_value_equal(a->as.list.items[i], b->as.list.items[i]))
                return 0;
        return 1;
    case CELM_VALUE_MAP:
        if (a->as.map.count != b->as.map.count)
            return 0;
        for (size_t i = 0; i < a->as.map.count; i++) {
            const celm_map_entry *entry = &a->as.map.entries[i];
            const celm_value *other = celm_map_get(b, entry->key.data, entry->key.len);
            if (!other || !celm_value_equal(entry->value, other))
                return 0;
        }
        return 1;
    }
    return 0;
}

static int entry_compare_bytes(const void *left, const void *right)
{
    const celm_map_entry *a = *(const celm_map_entry *const *)left;
    const celm_map_entry *b = *(const celm_map_entry *const *)right;
    size_t shorter = a->key.len < b->key.len ? a->key.len : b->key.len;
    int order = shorter ? memcmp(a->key.data, b->key.data, shorter) : 0;
    if (order)
        return order;
    return (a->key.len > b->key.len) - (a->key.len < b->key.len);
}

const celm_map_entry **celm_map_sorted(celm_arena *arena, const celm_value *map)
{
    size_t count = map->as.map.count;
    const celm_map_entry **sorted = celm_arena_alloc(arena, (count ? count : 1) * sizeof *sorted);
    if (!sorted)
        return NULL;
    for (size_t i = 0; i < count; i++)
        sorted[i] = &map->as.map.entries[i];
    if (count > 1)
        qsort(sorted, count, sizeof *sorted, entry_compare_bytes);
    return sorted;
}

const char *celm_value_kind_name(int kind)
{
    static const char *const names[] = {"null", "bool", "int", "float", "string", "list", "map"};
    return kind >= 0 && kind <= CELM_VALUE_MAP ? names[kind] : "unknown";
}
