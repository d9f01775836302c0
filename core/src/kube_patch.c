/* kube_patch.c: three-way patches for client-side apply, as helm computes them (strategic merge for
 * built-in kinds, JSON merge for the rest), in one pass over modified, current and original. */
#include <string.h>

#include "kube_internal.h"

typedef struct patch_pass {
    celm_arena *arena;
    int strategic;      /* lists follow the schema's patch strategy; else every list is atomic */
    celm_error *err;
} patch_pass;

static int diff_maps(patch_pass *pass, const celm_value *original, const celm_value *modified,
                     const celm_value *current, const kube_schema *schema, int retain_keys, celm_value **out);

static int is_number(const celm_value *v)
{
    return v->kind == CELM_VALUE_INT || v->kind == CELM_VALUE_FLOAT;
}

static double number_of(const celm_value *v)
{
    return v->kind == CELM_VALUE_INT ? (double)v->as.integer : v->as.real;
}

static int same_kind(const celm_value *a, const celm_value *b)
{
    return a->kind == b->kind || (is_number(a) && is_number(b));
}

/* Deep equality where JSON numbers compare by value (manifests keep integers, the server's JSON
 * gives floats). */
static int same_value(const celm_value *a, const celm_value *b)
{
    if (is_number(a) && is_number(b))
        return number_of(a) == number_of(b);
    if (a->kind != b->kind)
        return 0;
    if (a->kind == CELM_VALUE_LIST) {
        if (a->as.list.count != b->as.list.count)
            return 0;
        for (size_t i = 0; i < a->as.list.count; i++)
            if (!same_value(a->as.list.items[i], b->as.list.items[i]))
                return 0;
        return 1;
    }
    if (a->kind == CELM_VALUE_MAP) {
        if (a->as.map.count != b->as.map.count)
            return 0;
        for (size_t i = 0; i < a->as.map.count; i++) {
            const celm_value *other = celm_map_get(b, a->as.map.entries[i].key.data, a->as.map.entries[i].key.len);
            if (!other || !same_value(a->as.map.entries[i].value, other))
                return 0;
        }
        return 1;
    }
    return celm_value_equal(a, b);
}

static const celm_value *as_kind(const celm_value *value, celm_value_kind kind)
{
    return value && value->kind == kind ? value : NULL;
}

static void put(patch_pass *pass, celm_value *patch, const char *key, celm_value *value)
{
    celm_map_set(pass->arena, patch, key, strlen(key), value);
}

/* The element of a merge list whose merge key equals `wanted`. */
static const celm_value *find_element(const celm_value *list, const char *merge_key, const celm_value *wanted)
{
    for (size_t i = 0; list && i < list->as.list.count; i++) {
        const celm_value *key = as_kind(list->as.list.items[i], CELM_VALUE_MAP)
                                    ? celm_map_cget(list->as.list.items[i], merge_key) : NULL;
        if (key && same_value(key, wanted))
            return list->as.list.items[i];
    }
    return NULL;
}

static const celm_value *find_scalar(const celm_value *list, const celm_value *wanted)
{
    for (size_t i = 0; list && i < list->as.list.count; i++)
        if (same_value(list->as.list.items[i], wanted))
            return list->as.list.items[i];
    return NULL;
}

static const celm_value *element_key(const celm_value *item, const char *merge_key)
{
    if (!merge_key)
        return item;
    return as_kind(item, CELM_VALUE_MAP) ? celm_map_cget(item, merge_key) : NULL;
}

static int holds(const celm_value *list, const char *merge_key, const celm_value *key)
{
    return key && (merge_key ? find_element(list, merge_key, key) : find_scalar(list, key)) != NULL;
}

/* The elements both lists hold appear in a different order in `current` than in `modified`. */
static int order_differs(const celm_value *modified, const celm_value *current, const char *merge_key)
{
    size_t next = 0;
    for (size_t i = 0; current && i < current->as.list.count; i++) {
        const celm_value *key = element_key(current->as.list.items[i], merge_key);
        if (!holds(modified, merge_key, key))
            continue;
        while (next < modified->as.list.count &&
               !holds(current, merge_key, element_key(modified->as.list.items[next], merge_key)))
            next++;
        if (next == modified->as.list.count || !same_value(element_key(modified->as.list.items[next], merge_key), key))
            return 1;
        next++;
    }
    return 0;
}

static celm_value *element_order(patch_pass *pass, const celm_value *modified, const char *merge_key)
{
    celm_value *order = celm_value_list(pass->arena, modified->as.list.count);
    for (size_t i = 0; i < modified->as.list.count; i++) {
        celm_value *entry = celm_value_map(pass->arena, 1);
        put(pass, entry, merge_key, celm_map_cget(modified->as.list.items[i], merge_key));
        celm_list_append(pass->arena, order, entry);
    }
    return order;
}

static int merge_list_of_maps(patch_pass *pass, const char *key, const celm_value *original, const celm_value *modified,
                              const celm_value *current, const kube_schema *field, const char *merge_key,
                              celm_value *patch)
{
    kube_schema items = kube_schema_items(field);
    int retain_keys = strstr(kube_schema_patch_strategy(field), "retainKeys") != NULL;
    celm_value *entries = celm_value_list(pass->arena, modified->as.list.count);
    for (size_t i = 0; i < modified->as.list.count; i++) {
        const celm_value *element = as_kind(modified->as.list.items[i], CELM_VALUE_MAP);
        const celm_value *wanted = element ? celm_map_cget(element, merge_key) : NULL;
        if (!wanted)
            return celm_error_set(pass->err, CELM_EINVAL, "failed to create patch: map does not contain declared "
                                  "merge key: %s", merge_key);
        const celm_value *live = find_element(current, merge_key, wanted);
        if (!live) {
            celm_list_append(pass->arena, entries, (celm_value *)element);
            continue;
        }
        celm_value *sub;
        int status = diff_maps(pass, find_element(original, merge_key, wanted), element, live, &items, retain_keys,
                               &sub);
        if (status != CELM_OK)
            return status;
        if (sub->as.map.count) {
            put(pass, sub, merge_key, (celm_value *)wanted);
            celm_list_append(pass->arena, entries, sub);
        }
    }
    for (size_t i = 0; original && i < original->as.list.count; i++) {
        const celm_value *gone = as_kind(original->as.list.items[i], CELM_VALUE_MAP)
                                     ? celm_map_cget(original->as.list.items[i], merge_key) : NULL;
        if (!gone || find_element(modified, merge_key, gone))
            continue;
        celm_value *deletion = celm_value_map(pass->arena, 2);
        put(pass, deletion, merge_key, (celm_value *)gone);
        put(pass, deletion, "$patch", celm_value_cstring(pass->arena, "delete"));
        celm_list_append(pass->arena, entries, deletion);
    }
    if (entries->as.list.count)
        put(pass, patch, key, entries);
    if (entries->as.list.count || order_differs(modified, current, merge_key))
        put(pass, patch, celm_arena_printf(pass->arena, "$setElementOrder/%s", key),
            element_order(pass, modified, merge_key));
    return CELM_OK;
}

static void merge_list_of_scalars(patch_pass *pass, const char *key, const celm_value *original,
                                  const celm_value *modified, const celm_value *current, celm_value *patch)
{
    celm_value *added = celm_value_list(pass->arena, 4), *removed = celm_value_list(pass->arena, 4);
    for (size_t i = 0; i < modified->as.list.count; i++)
        if (!find_scalar(current, modified->as.list.items[i]))
            celm_list_append(pass->arena, added, modified->as.list.items[i]);
    for (size_t i = 0; original && i < original->as.list.count; i++)
        if (!find_scalar(modified, original->as.list.items[i]))
            celm_list_append(pass->arena, removed, original->as.list.items[i]);
    if (added->as.list.count)
        put(pass, patch, key, added);
    if (removed->as.list.count)
        put(pass, patch, celm_arena_printf(pass->arena, "$deleteFromPrimitiveList/%s", key), removed);
    if (added->as.list.count || removed->as.list.count || order_differs(modified, current, NULL))
        put(pass, patch, celm_arena_printf(pass->arena, "$setElementOrder/%s", key), (celm_value *)modified);
}

static int diff_lists(patch_pass *pass, const char *key, const celm_value *original, const celm_value *modified,
                      const celm_value *current, const kube_schema *field, celm_value *patch)
{
    const char *merge_key = pass->strategic ? kube_schema_merge_key(field) : NULL;
    int merge = pass->strategic && strstr(kube_schema_patch_strategy(field), "merge") != NULL;
    original = as_kind(original, CELM_VALUE_LIST);
    if (merge && merge_key)
        return merge_list_of_maps(pass, key, original, modified, current, field, merge_key, patch);
    int scalars = 1;
    for (size_t i = 0; i < modified->as.list.count; i++)
        scalars &= modified->as.list.items[i]->kind != CELM_VALUE_MAP && modified->as.list.items[i]->kind != CELM_VALUE_LIST;
    if (merge && scalars)
        merge_list_of_scalars(pass, key, original, modified, current, patch);
    else if (!same_value(current, modified))
        put(pass, patch, key, (celm_value *)modified);
    return CELM_OK;
}

static int diff_entry(patch_pass *pass, const char *key, const celm_value *original, const celm_value *modified,
                      const celm_value *current, const kube_schema *schema, celm_value *patch)
{
    if (!current || !same_kind(current, modified)) {
        put(pass, patch, key, (celm_value *)modified);
        return CELM_OK;
    }
    kube_schema field = kube_schema_field(schema, key);
    if (modified->kind == CELM_VALUE_LIST)
        return diff_lists(pass, key, original, modified, current, &field, patch);
    if (modified->kind != CELM_VALUE_MAP) {
        if (!same_value(current, modified))
            put(pass, patch, key, (celm_value *)modified);
        return CELM_OK;
    }
    int retain_keys = pass->strategic && strstr(kube_schema_patch_strategy(&field), "retainKeys") != NULL;
    celm_value *sub;
    int status = diff_maps(pass, as_kind(original, CELM_VALUE_MAP), modified, current, &field, retain_keys, &sub);
    if (status == CELM_OK && sub->as.map.count)
        put(pass, patch, key, sub);
    return status;
}

/* $retainKeys: the keys `modified` keeps, sorted, so the server clears the union members it dropped. */
static void add_retained_keys(patch_pass *pass, const celm_value *modified, const celm_value *current, celm_value *patch)
{
    int extra = 0;
    for (size_t i = 0; current && i < current->as.map.count; i++) {
        const celm_map_entry *entry = &current->as.map.entries[i];
        extra |= entry->value->kind != CELM_VALUE_NULL && !celm_map_get(modified, entry->key.data, entry->key.len);
    }
    if (!patch->as.map.count && !extra)
        return;
    const celm_map_entry **sorted = celm_map_sorted(pass->arena, modified);
    celm_value *keys = celm_value_list(pass->arena, modified->as.map.count);
    for (size_t i = 0; i < modified->as.map.count; i++)
        if (sorted[i]->value->kind != CELM_VALUE_NULL)
            celm_list_append(pass->arena, keys, celm_value_string(pass->arena, sorted[i]->key.data, sorted[i]->key.len));
    if (keys->as.list.count)
        put(pass, patch, "$retainKeys", keys);
}

static int diff_maps(patch_pass *pass, const celm_value *original, const celm_value *modified,
                     const celm_value *current, const kube_schema *schema, int retain_keys, celm_value **out)
{
    celm_value *patch = celm_value_map(pass->arena, 4);
    for (size_t i = 0; i < modified->as.map.count; i++) {
        const celm_map_entry *entry = &modified->as.map.entries[i];
        const char *key = entry->key.data;
        int status = diff_entry(pass, key, original ? celm_map_cget(original, key) : NULL, entry->value,
                                current ? celm_map_cget(current, key) : NULL, schema, patch);
        if (status != CELM_OK)
            return status;
    }
    for (size_t i = 0; original && i < original->as.map.count; i++) {
        const celm_map_entry *entry = &original->as.map.entries[i];
        if (!celm_map_get(modified, entry->key.data, entry->key.len))
            put(pass, patch, entry->key.data, celm_value_null(pass->arena));
    }
    if (retain_keys)
        add_retained_keys(pass, modified, current, patch);
    *out = patch;
    return CELM_OK;
}

int kube_three_way_patch(celm_arena *arena, const celm_value *original, const celm_value *modified,
                         const celm_value *current, const kube_schema *schema, celm_value **out, celm_error *err)
{
    patch_pass pass = {arena, schema && schema->node != NULL, err};
    kube_schema none = {NULL, NULL};
    return diff_maps(&pass, as_kind(original, CELM_VALUE_MAP), modified, as_kind(current, CELM_VALUE_MAP),
                     schema ? schema : &none, 0, out);
}
