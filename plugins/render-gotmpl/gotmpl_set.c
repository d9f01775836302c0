/* gotmpl_set.c: the templates of a render pass by name, across files (text/template's associate). */
#include <string.h>

#include "gotmpl.h"

struct celm_gotmpl_set {
    const celm_host *host;
    celm_arena *arena;
    const celm_gotmpl_tree **slots;  /* open addressing; capacity is a power of two */
    size_t capacity;
    size_t count;
};

static uint64_t hash_name(const char *name, size_t len)
{
    uint64_t hash = 14695981039346656037ull;  /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ (unsigned char)name[i]) * 1099511628211ull;
    return hash;
}

static size_t find_slot(const celm_gotmpl_tree **slots, size_t capacity, const char *name, size_t len)
{
    size_t mask = capacity - 1, i = (size_t)hash_name(name, len) & mask;
    while (slots[i] && !(slots[i]->name.len == len && memcmp(slots[i]->name.data, name, len) == 0))
        i = (i + 1) & mask;
    return i;
}

static int grow(celm_gotmpl_set *set)
{
    size_t capacity = set->capacity ? set->capacity * 2 : 64;
    const celm_gotmpl_tree **slots = set->host->arena_alloc(set->arena, capacity * sizeof *slots);
    if (!slots)
        return CELM_ENOMEM;
    memset(slots, 0, capacity * sizeof *slots);
    for (size_t i = 0; i < set->capacity; i++) {
        const celm_gotmpl_tree *tree = set->slots[i];
        if (tree)
            slots[find_slot(slots, capacity, tree->name.data, tree->name.len)] = tree;
    }
    set->slots = slots;
    set->capacity = capacity;
    return 0;
}

int celm_gotmpl_set_create(const celm_host *host, celm_arena *arena, celm_gotmpl_set **out)
{
    celm_gotmpl_set *set = host->arena_alloc(arena, sizeof *set);
    *out = NULL;
    if (!set)
        return CELM_ENOMEM;
    *set = (celm_gotmpl_set){host, arena, NULL, 0, 0};
    int status = grow(set);
    if (status == 0)
        *out = set;
    return status;
}

/* A tree joins the set unless it is empty and its name is already taken. */
static int add_tree(celm_gotmpl_set *set, const celm_gotmpl_tree *tree)
{
    if ((set->count + 1) * 4 > set->capacity * 3 && grow(set) != 0)
        return CELM_ENOMEM;
    size_t slot = find_slot(set->slots, set->capacity, tree->name.data, tree->name.len);
    if (set->slots[slot] && celm_gotmpl_is_empty(&tree->root->node))
        return 0;
    if (!set->slots[slot])
        set->count++;
    set->slots[slot] = tree;
    return 0;
}

int celm_gotmpl_set_add(celm_gotmpl_set *set, const celm_gotmpl_file *file)
{
    for (size_t i = 0; i < file->count; i++) {
        int status = add_tree(set, file->trees[i]);
        if (status != 0)
            return status;
    }
    return 0;
}

const celm_gotmpl_tree *celm_gotmpl_set_find(const celm_gotmpl_set *set, const char *name, size_t len)
{
    return set->slots[find_slot(set->slots, set->capacity, name, len)];
}

size_t celm_gotmpl_set_count(const celm_gotmpl_set *set)
{
    return set->count;
}
