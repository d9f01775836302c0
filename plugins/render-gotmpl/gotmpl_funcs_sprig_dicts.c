/* gotmpl_funcs_sprig_dicts.c: Sprig's dictionary functions (dict, get, set, unset, hasKey, pluck, keys,
 * pick, omit, values, merge with dario.cat/mergo's rules, deepCopy, dig).
 *
 * Maps are shared by reference as in Go: set, unset and merge change the map they are given.
 * Where Go iterates a map in random order (keys, values), the keys are taken in sorted order. */
#include <string.h>

#include "gotmpl_sprig.h"

static gotmpl_runtime *runtime_of(gotmpl_call *call)
{
    return gotmpl_call_runtime(call);
}

static int is_map(const gotmpl_value *value)
{
    return value->type == GT_MAP || value->type == GT_STRING_MAP;
}

/* A map argument's keys in sorted order; a nil map has none. */
static const celm_string *sorted_keys(gotmpl_runtime *runtime, const gotmpl_value *map, size_t *count)
{
    static const celm_string none[1];
    *count = 0;
    if (!map->as.map)
        return none;
    return gotmpl_map_keys(runtime, map->as.map, count);
}

static int lookup(gotmpl_runtime *runtime, const gotmpl_value *map, const celm_string *key, gotmpl_value *out)
{
    return map->as.map && gotmpl_map_get(runtime, map->as.map, key->data, key->len, out);
}

static int new_map(gotmpl_call *call, gotmpl_value *out)
{
    *out = gotmpl_map_new(runtime_of(call), GT_MAP, 0);
    return out->type == GT_MAP ? CELM_OK : gotmpl_sprig_out_of_memory(call);
}

static int store(gotmpl_call *call, const gotmpl_value *map, const celm_string *key, gotmpl_value value)
{
    if (gotmpl_map_set(runtime_of(call), map->as.map, key->data, key->len, value) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

/* --- dict, get, set, unset, hasKey ----------------------------------------------------------------- */
/* dict K V ...: keys through strval; a key without a value maps to "". */
static int dict_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    if (new_map(call, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i += 2) {
        celm_string key;
        if (gotmpl_sprig_strval(runtime_of(call), &args[i], &key) != CELM_OK)
            return gotmpl_sprig_out_of_memory(call);
        if (store(call, out, &key, i + 1 < count ? args[i + 1] : gotmpl_string("", 0)) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int get_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    if (!lookup(runtime_of(call), &args[0], &args[1].as.string, out))
        *out = gotmpl_string("", 0);
    return CELM_OK;
}

static int set_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    if (!args[0].as.map)
        return gotmpl_call_panic(call, "assignment to entry in nil map");
    *out = args[0];
    return store(call, &args[0], &args[1].as.string, args[2]);
}

static int unset_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    *out = args[0];
    if (args[0].as.map &&
        gotmpl_map_delete(runtime_of(call), args[0].as.map, args[1].as.string.data, args[1].as.string.len) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

static int has_key_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    gotmpl_value found;
    *out = gotmpl_bool(lookup(runtime_of(call), &args[0], &args[1].as.string, &found));
    return CELM_OK;
}

/* --- pluck, keys, values, pick, omit --------------------------------------------------------------- */
static int new_list(gotmpl_call *call, gotmpl_type type, gotmpl_value *out)
{
    *out = gotmpl_list_new(runtime_of(call), type, 0);
    return out->type == type ? CELM_OK : gotmpl_sprig_out_of_memory(call);
}

static int append_item(gotmpl_call *call, gotmpl_value *list, gotmpl_value item)
{
    if (gotmpl_list_append(runtime_of(call), list->as.list, item) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    return CELM_OK;
}

/* pluck KEY DICT...: the key's value in each dictionary that has it. */
static int pluck_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    if (new_list(call, GT_LIST, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 1; i < count; i++) {
        gotmpl_value found;
        if (lookup(runtime_of(call), &args[i], &args[0].as.string, &found) && append_item(call, out, found) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int keys_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    if (new_list(call, GT_STRING_LIST, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        size_t key_count;
        const celm_string *keys = sorted_keys(runtime_of(call), &args[i], &key_count);
        if (!keys)
            return gotmpl_sprig_out_of_memory(call);
        for (size_t k = 0; k < key_count; k++)
            if (append_item(call, out, gotmpl_string(keys[k].data, keys[k].len)) != CELM_OK)
                return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int values_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    size_t key_count;
    const celm_string *keys = sorted_keys(runtime_of(call), &args[0], &key_count);
    if (!keys || new_list(call, GT_LIST, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    for (size_t k = 0; k < key_count; k++) {
        gotmpl_value item;
        lookup(runtime_of(call), &args[0], &keys[k], &item);
        if (append_item(call, out, item) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int pick_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    if (new_map(call, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 1; i < count; i++) {
        gotmpl_value found;
        if (lookup(runtime_of(call), &args[0], &args[i].as.string, &found) &&
            store(call, out, &args[i].as.string, found) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

static int listed(const gotmpl_value *names, size_t count, const celm_string *key)
{
    for (size_t i = 0; i < count; i++)
        if (names[i].as.string.len == key->len && !memcmp(names[i].as.string.data, key->data, key->len))
            return 1;
    return 0;
}

static int omit_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    size_t key_count;
    const celm_string *keys = sorted_keys(runtime_of(call), &args[0], &key_count);
    if (!keys || new_map(call, out) != CELM_OK)
        return gotmpl_sprig_out_of_memory(call);
    for (size_t k = 0; k < key_count; k++) {
        gotmpl_value item;
        if (listed(args + 1, count - 1, &keys[k]))
            continue;
        lookup(runtime_of(call), &args[0], &keys[k], &item);
        if (store(call, out, &keys[k], item) != CELM_OK)
            return CELM_ENOMEM;
    }
    return CELM_OK;
}

/* --- merge: mergo.Merge / MergeWithOverwrite on map[string]interface{} ----------------------------- */
/* mergo stores with reflect's SetMapIndex, which refuses an interface{} element for a
 * map[string]string. */
static int merge_store(gotmpl_call *call, const gotmpl_value *dst, const gotmpl_value *src, const celm_string *key,
                       gotmpl_value value)
{
    if (dst->type == GT_STRING_MAP && src->type == GT_MAP)
        return gotmpl_call_panic(call, "reflect.Value.SetMapIndex: value of type interface {} is not assignable to "
                                       "type string");
    return store(call, dst, key, value);
}

/* For each key of src: a nil value is copied only when overwriting; a map merges into a map that
 * dst holds there (which then stays, unless both are empty); otherwise the value replaces what
 * dst holds when overwriting, or when dst has nothing or an empty value there. */
static int merge_into(gotmpl_call *call, const gotmpl_value *dst, const gotmpl_value *src, int overwrite)
{
    gotmpl_runtime *runtime = runtime_of(call);
    size_t count;
    const celm_string *keys = sorted_keys(runtime, src, &count);
    if (!keys)
        return gotmpl_sprig_out_of_memory(call);
    for (size_t k = 0; k < count; k++) {
        gotmpl_value from, to;
        lookup(runtime, src, &keys[k], &from);
        int present = lookup(runtime, dst, &keys[k], &to);
        if (from.type == GT_NIL) {
            if (overwrite && merge_store(call, dst, src, &keys[k], from) != CELM_OK)
                return CELM_EINVAL;
            continue;
        }
        if (is_map(&from) && present && is_map(&to)) {
            if (merge_into(call, &to, &from, overwrite) != CELM_OK)
                return CELM_EINVAL;
            if (!gotmpl_sprig_empty(runtime, &to))
                continue;
        }
        if ((overwrite || !present || gotmpl_sprig_empty(runtime, &to)) &&
            merge_store(call, dst, src, &keys[k], from) != CELM_OK)
            return CELM_EINVAL;
    }
    return CELM_OK;
}

/* merge DST SRC...: DST itself is changed and returned (a nil DST starts as a new map). Sprig's
 * error branch is unreachable with these types, so the must* forms behave the same. */
static int merge_all(gotmpl_call *call, const gotmpl_value *args, size_t count, int overwrite, gotmpl_value *out)
{
    *out = args[0];
    if (!out->as.map && new_map(call, out) != CELM_OK)
        return CELM_ENOMEM;
    for (size_t i = 1; i < count; i++)
        if (args[i].as.map && merge_into(call, out, &args[i], overwrite) != CELM_OK)
            return CELM_EINVAL;
    return CELM_OK;
}

static int merge_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return merge_all(call, args, count, 0, out);
}

static int merge_overwrite_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    return merge_all(call, args, count, 1, out);
}

/* --- deepCopy, dig ----------------------------------------------------------------------------- */
/* copystructure.Copy: lists and maps copied all the way down, keeping their types; other values
 * are immutable here and shared. */
static int deep_copy(gotmpl_call *call, const gotmpl_value *value, gotmpl_value *out)
{
    gotmpl_runtime *runtime = runtime_of(call);
    *out = *value;
    if (gotmpl_sprig_is_slice(value) && value->type != GT_BYTES && value->as.list) {
        size_t len = gotmpl_list_len(value->as.list);
        *out = gotmpl_list_new(runtime, (gotmpl_type)value->type, len);
        for (size_t i = 0; out->type == value->type && i < len; i++) {
            gotmpl_value item = gotmpl_list_get(runtime, value->as.list, i), copy;
            if (deep_copy(call, &item, &copy) != CELM_OK || append_item(call, out, copy) != CELM_OK)
                return CELM_ENOMEM;
        }
    } else if (is_map(value) && value->as.map) {
        size_t count;
        const celm_string *keys = gotmpl_map_keys(runtime, value->as.map, &count);
        *out = gotmpl_map_new(runtime, (gotmpl_type)value->type, count);
        for (size_t k = 0; keys && out->type == value->type && k < count; k++) {
            gotmpl_value item, copy;
            lookup(runtime, value, &keys[k], &item);
            if (deep_copy(call, &item, &copy) != CELM_OK || store(call, out, &keys[k], copy) != CELM_OK)
                return CELM_ENOMEM;
        }
        if (!keys)
            return gotmpl_sprig_out_of_memory(call);
    }
    return out->type == value->type ? CELM_OK : gotmpl_sprig_out_of_memory(call);
}

static int deep_copy_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    (void)count;
    if (args[0].type == GT_NIL)
        return gotmpl_call_panic(call, "reflect: call of reflect.Value.Type on zero Value");
    return deep_copy(call, &args[0], out);
}

/* The panic of a failed Go type assertion x.(T) on an interface{}. */
static int assertion_panic(gotmpl_call *call, const gotmpl_value *value, const char *wanted)
{
    const char *actual = value->type == GT_NIL ? "nil" : gotmpl_type_name(value);
    return gotmpl_call_panic(call, "interface conversion: interface {} is %s, not %s", actual, wanted);
}

/* dig KEY... DEFAULT DICT: follows the keys through nested maps; DEFAULT when one is missing. */
static int dig_impl(gotmpl_call *call, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    if (count < 3)
        return gotmpl_call_panic(call, "dig needs at least three arguments");
    gotmpl_value step = args[count - 1];
    if (step.type != GT_MAP)
        return assertion_panic(call, &step, "map[string]interface {}");
    for (size_t i = 0; i < count - 2; i++)
        if (args[i].type != GT_STRING)
            return assertion_panic(call, &args[i], "string");
    for (size_t i = 0; i < count - 2; i++) {
        gotmpl_value map = step;
        if (!lookup(runtime_of(call), &map, &args[i].as.string, &step)) {
            *out = args[count - 2];
            return CELM_OK;
        }
        if (i + 1 < count - 2 && step.type != GT_MAP)
            return assertion_panic(call, &step, "map[string]interface {}");
    }
    *out = step;
    return CELM_OK;
}

#define MERGE_FUNC(name, impl, returns_error) {name, impl, 2, 1, {GT_MAP, GT_MAP}, GT_ANY, returns_error}

static const gotmpl_func dict_functions[] = {
    {"dict", dict_impl, 1, 1, {GT_ANY}, GT_MAP, 0},
    {"get", get_impl, 2, 0, {GT_MAP, GT_STRING}, GT_ANY, 0},
    {"set", set_impl, 3, 0, {GT_MAP, GT_STRING, GT_ANY}, GT_MAP, 0},
    {"unset", unset_impl, 2, 0, {GT_MAP, GT_STRING}, GT_MAP, 0},
    {"hasKey", has_key_impl, 2, 0, {GT_MAP, GT_STRING}, GT_BOOL, 0},
    {"pluck", pluck_impl, 2, 1, {GT_STRING, GT_MAP}, GT_LIST, 0},
    {"keys", keys_impl, 1, 1, {GT_MAP}, GT_STRING_LIST, 0},
    {"pick", pick_impl, 2, 1, {GT_MAP, GT_STRING}, GT_MAP, 0},
    {"omit", omit_impl, 2, 1, {GT_MAP, GT_STRING}, GT_MAP, 0},
    {"values", values_impl, 1, 0, {GT_MAP}, GT_LIST, 0},
    MERGE_FUNC("merge", merge_impl, 0),
    MERGE_FUNC("mustMerge", merge_impl, 1),
    MERGE_FUNC("mergeOverwrite", merge_overwrite_impl, 0),
    MERGE_FUNC("mustMergeOverwrite", merge_overwrite_impl, 1),
    {"deepCopy", deep_copy_impl, 1, 0, {GT_ANY}, GT_ANY, 0},
    {"mustDeepCopy", deep_copy_impl, 1, 0, {GT_ANY}, GT_ANY, 1},
    {"dig", dig_impl, 1, 1, {GT_ANY}, GT_ANY, 1},
    {NULL, NULL, 0, 0, {0}, 0, 0},
};

const gotmpl_func_table gotmpl_funcs_sprig_dicts = {"sprig/dicts", dict_functions};
