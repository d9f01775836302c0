/* json_parse.c: JSON text to values with Go's decoding rules (every number is a float64). */
#include <jansson.h>
#include <string.h>

#include "celm/celm.h"

#define JSON_MAX_DEPTH 10000

static celm_value *from_jansson(celm_arena *arena, json_t *node, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return NULL;
    switch (json_typeof(node)) {
    case JSON_NULL: return celm_value_null(arena);
    case JSON_TRUE: return celm_value_bool(arena, 1);
    case JSON_FALSE: return celm_value_bool(arena, 0);
    case JSON_INTEGER: return celm_value_float(arena, (double)json_integer_value(node));
    case JSON_REAL: return celm_value_float(arena, json_real_value(node));
    case JSON_STRING: return celm_value_string(arena, json_string_value(node), json_string_length(node));
    case JSON_ARRAY: {
        celm_value *list = celm_value_list(arena, json_array_size(node));
        for (size_t i = 0; list && i < json_array_size(node); i++) {
            celm_value *item = from_jansson(arena, json_array_get(node, i), depth + 1);
            if (!item || celm_list_append(arena, list, item) != CELM_OK)
                return NULL;
        }
        return list;
    }
    case JSON_OBJECT: {
        celm_value *map = celm_value_map(arena, json_object_size(node));
        const char *key;
        size_t key_len;
        json_t *member;
        json_object_keylen_foreach(node, key, key_len, member) {
            celm_value *item = map ? from_jansson(arena, member, depth + 1) : NULL;
            if (!item || celm_map_set(arena, map, key, key_len, item) != CELM_OK)
                return NULL;
        }
        return map;
    }
    }
    return NULL;
}

int celm_json_parse(celm_arena *arena, const char *text, size_t len, const char *origin,
                    celm_value **out, celm_error *err)
{
    json_error_t problem;
    json_t *root = json_loadb(text, len, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &problem);
    if (!root)
        return celm_error_set_at(err, CELM_EPARSE, origin, problem.line, problem.column, "json: %s",
                                 problem.text);
    *out = from_jansson(arena, root, 0);
    json_decref(root);
    if (!*out)
        return celm_error_set(err, CELM_ENOMEM, "out of memory (or nesting too deep) reading JSON");
    return CELM_OK;
}
