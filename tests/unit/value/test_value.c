/* test_value.c: unit tests of the value model (value.c): maps, lists, copies, equality. */
#include <stdio.h>

#include "celm/celm.h"
#include "check.h"

static void map_keeps_insertion_order_and_replaces_in_place(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *map = celm_value_map(arena, 0);
    celm_map_set(arena, map, "b", 1, celm_value_int(arena, 1));
    celm_map_set(arena, map, "a", 1, celm_value_int(arena, 2));
    celm_map_set(arena, map, "b", 1, celm_value_int(arena, 3));
    CHECK_INT(map->as.map.count, 2);
    CHECK_STR(map->as.map.entries[0].key.data, "b");
    CHECK_INT(map->as.map.entries[0].value->as.integer, 3);
    CHECK_INT(celm_map_cget(map, "a")->as.integer, 2);
    CHECK(celm_map_cget(map, "c") == NULL);
    celm_arena_destroy(arena);
}

static void large_map_lookups_use_the_index(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *map = celm_value_map(arena, 0);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        int len = snprintf(key, sizeof key, "key-%d", i);
        CHECK_INT(celm_map_set(arena, map, key, (size_t)len, celm_value_int(arena, i)), CELM_OK);
    }
    CHECK(map->as.map.index != NULL);
    for (int i = 0; i < 5000; i += 7) {
        int len = snprintf(key, sizeof key, "key-%d", i);
        celm_value *found = celm_map_get(map, key, (size_t)len);
        CHECK(found && found->as.integer == i);
    }
    CHECK_INT(celm_map_remove(map, "key-10", 6), CELM_OK);
    CHECK(celm_map_cget(map, "key-10") == NULL);
    CHECK_INT(celm_map_cget(map, "key-4999")->as.integer, 4999);
    CHECK_INT(map->as.map.count, 4999);
    CHECK_INT(celm_map_remove(map, "key-10", 6), CELM_ENOTFOUND);
    celm_arena_destroy(arena);
}

static void keys_may_hold_nul_bytes(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *map = celm_value_map(arena, 0);
    celm_map_set(arena, map, "a\0b", 3, celm_value_bool(arena, 1));
    CHECK(celm_map_get(map, "a\0b", 3) != NULL);
    CHECK(celm_map_get(map, "a", 1) == NULL);
    celm_arena_destroy(arena);
}

static void copy_is_deep_and_equal(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *list = celm_value_list(arena, 0);
    celm_list_append(arena, list, celm_value_cstring(arena, "x"));
    celm_list_append(arena, list, celm_value_float(arena, 1.5));
    celm_value *map = celm_value_map(arena, 0);
    celm_map_set(arena, map, "list", 4, list);
    celm_value *copy = celm_value_copy(arena, map);
    CHECK(copy != map);
    CHECK(celm_map_cget(copy, "list") != list);
    CHECK(celm_value_equal(copy, map));
    celm_list_append(arena, list, celm_value_null(arena));
    CHECK(!celm_value_equal(copy, map));
    celm_arena_destroy(arena);
}

static void sorted_entries_are_bytewise(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *map = celm_value_map(arena, 0);
    const char *keys[] = {"b", "a10", "a9", "B", "", "ab"};
    for (size_t i = 0; i < 6; i++)
        celm_map_set(arena, map, keys[i], strlen(keys[i]), celm_value_null(arena));
    const celm_map_entry **sorted = celm_map_sorted(arena, map);
    const char *expected[] = {"", "B", "a10", "a9", "ab", "b"};
    for (size_t i = 0; i < 6; i++)
        CHECK_STR(sorted[i]->key.data, expected[i]);
    celm_arena_destroy(arena);
}

static void arena_serves_large_and_small_allocations(void)
{
    celm_arena *arena = celm_arena_create();
    char *big = celm_arena_alloc(arena, 3u << 20);
    char *small = celm_arena_alloc(arena, 16);
    CHECK(big && small);
    memset(big, 'x', 3u << 20);
    memset(small, 'y', 16);
    CHECK_STR(celm_arena_printf(arena, "%s-%d", "n", 42), "n-42");
    celm_arena_destroy(arena);
}

CHECK_CASES(CASE(map_keeps_insertion_order_and_replaces_in_place), CASE(large_map_lookups_use_the_index),
            CASE(keys_may_hold_nul_bytes), CASE(copy_is_deep_and_equal), CASE(sorted_entries_are_bytewise),
            CASE(arena_serves_large_and_small_allocations))
