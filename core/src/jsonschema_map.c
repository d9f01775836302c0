/* jsonschema_map.c: a string-keyed hash map in an arena, for the schema engine's lookups. */
#include <string.h>

#include "jsonschema_internal.h"

static size_t hash_key(const char *key)
{
    size_t hash = 1469598103934665603u;
    for (const unsigned char *c = (const unsigned char *)key; *c; c++)
        hash = (hash ^ *c) * 1099511628211u;
    return hash;
}

static size_t find_slot(const jsonschema_map *map, const char *key)
{
    size_t slot = hash_key(key) & (map->slots - 1);
    while (map->keys[slot] && strcmp(map->keys[slot], key) != 0)
        slot = (slot + 1) & (map->slots - 1);
    return slot;
}

void *jsonschema_map_get(const jsonschema_map *map, const char *key)
{
    if (!map->slots)
        return NULL;
    size_t slot = find_slot(map, key);
    return map->keys[slot] ? map->values[slot] : NULL;
}

static int rehash(celm_arena *arena, jsonschema_map *map)
{
    jsonschema_map bigger = {NULL, NULL, map->slots ? map->slots * 2 : 16, 0};
    bigger.keys = celm_arena_alloc(arena, bigger.slots * sizeof *bigger.keys);
    bigger.values = celm_arena_alloc(arena, bigger.slots * sizeof *bigger.values);
    if (!bigger.keys || !bigger.values)
        return CELM_ENOMEM;
    memset(bigger.keys, 0, bigger.slots * sizeof *bigger.keys);
    for (size_t i = 0; i < map->slots; i++) {
        if (map->keys[i]) {
            size_t slot = find_slot(&bigger, map->keys[i]);
            bigger.keys[slot] = map->keys[i];
            bigger.values[slot] = map->values[i];
            bigger.count++;
        }
    }
    *map = bigger;
    return 0;
}

int jsonschema_map_put(celm_arena *arena, jsonschema_map *map, const char *key, void *value)
{
    if ((map->count + 1) * 2 > map->slots && rehash(arena, map) != 0)
        return CELM_ENOMEM;
    size_t slot = find_slot(map, key);
    if (!map->keys[slot]) {
        map->keys[slot] = key;
        map->count++;
    }
    map->values[slot] = value;
    return 0;
}
