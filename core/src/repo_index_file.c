/* repo_index_file.c: helm's IndexFile: new, add, load, merge, sort and write. */
#include <stdio.h>
#include <string.h>

#include "celm/chart.h"
#include "celm/release.h"
#include "celm/repo_index.h"
#include "celm/semver.h"
#include "os_file.h"
#include "repo_internal.h"

/* Go's declaration order of the structs the JSON form is written from. */
static const char *const index_fields[] = {"serverInfo", "apiVersion", "generated", "entries", "publicKeys",
                                           "annotations", NULL};
static const char *const version_fields[] = {
    "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiVersion",
    "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion", "dependencies", "type",
    "urls", "created", "removed", "digest", "checksum", "engine", "tillerVersion", "url", NULL};
static const char *const maintainer_fields[] = {"name", "email", "url", NULL};
static const char *const dependency_fields[] = {"name", "version", "repository", "condition", "tags", "enabled",
                                                "import-values", "alias", NULL};

celm_value *celm_repo_index_new(celm_arena *arena)
{
    celm_value *index = celm_value_map(arena, 4), *entries = celm_value_map(arena, 0);
    const char *now = celm_release_time_now(arena);
    if (!index || !entries || !now || celm_map_set(arena, index, "apiVersion", 10, celm_value_cstring(arena, "v1")) ||
        celm_map_set(arena, index, "generated", 9, celm_value_cstring(arena, now)) ||
        celm_map_set(arena, index, "entries", 7, entries))
        return NULL;
    return index;
}

int repo_index_add(celm_arena *arena, celm_value *entries, const celm_value *metadata, const char *url,
                   const char *created, const char *digest, celm_error *err)
{
    celm_value *fields = celm_chart_metadata_value(arena, metadata);
    celm_value *version = fields ? celm_value_copy(arena, fields) : NULL;    /* the chart's arena goes first */
    celm_value *urls = celm_value_list(arena, 1);
    const char *name = celm_map_string(metadata, "name");
    celm_value *list = celm_map_get(entries, name, strlen(name));
    if (!list && (list = celm_value_list(arena, 1)) && celm_map_set(arena, entries, name, strlen(name), list))
        list = NULL;
    if (!version || !urls || !list || celm_list_append(arena, urls, celm_value_cstring(arena, url)) ||
        celm_map_set(arena, version, "urls", 4, urls) ||
        celm_map_set(arena, version, "created", 7, celm_value_cstring(arena, created)) ||
        (*digest && celm_map_set(arena, version, "digest", 6, celm_value_cstring(arena, digest))) ||
        celm_list_append(arena, list, version))
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    return CELM_OK;
}

/* --- Merge and SortEntries ------------------------------------------------------------------ */

/* IndexFile.Has: an exact version string, else the version read as a constraint. */
static int has_version(celm_arena *arena, const celm_value *list, const char *version)
{
    for (size_t i = 0; list && i < list->as.list.count; i++)
        if (strcmp(celm_map_string(list->as.list.items[i], "version"), version) == 0)
            return 1;
    celm_semver_constraints *constraints;
    celm_error err = CELM_ERROR_INIT;
    if (!*version || celm_semver_constraints_parse(arena, version, strlen(version), &constraints, &err) != CELM_OK)
        return 0;
    for (size_t i = 0; list && i < list->as.list.count; i++) {
        const char *candidate = celm_map_string(list->as.list.items[i], "version");
        celm_semver parsed;
        if (celm_semver_parse(&parsed, candidate, strlen(candidate), &err) == CELM_OK &&
            celm_semver_constraints_check(constraints, &parsed))
            return 1;
    }
    return 0;
}

int celm_repo_index_merge(celm_arena *arena, celm_value *into, const celm_value *from)
{
    celm_value *entries = celm_map_cget(into, "entries");
    const celm_value *others = celm_map_cget(from, "entries");
    for (size_t i = 0; entries && others && others->kind == CELM_VALUE_MAP && i < others->as.map.count; i++) {
        const celm_value *versions = others->as.map.entries[i].value;
        for (size_t v = 0; versions->kind == CELM_VALUE_LIST && v < versions->as.list.count; v++) {
            celm_value *version = versions->as.list.items[v];
            const char *name = celm_map_string(version, "name");
            celm_value *list = celm_map_get(entries, name, strlen(name));
            if (has_version(arena, list, celm_map_string(version, "version")))
                continue;
            if (!list && (!(list = celm_value_list(arena, 1)) || celm_map_set(arena, entries, name, strlen(name), list)))
                return CELM_ENOMEM;
            if (celm_list_append(arena, list, version))
                return CELM_ENOMEM;
        }
    }
    return CELM_OK;
}

/* ChartVersions.Less: an unparsable version of `a` sorts first, of `b` last. */
static int version_less(const celm_value *a, const celm_value *b)
{
    celm_semver left, right;
    celm_error err = CELM_ERROR_INIT;
    const char *a_text = celm_map_string(a, "version"), *b_text = celm_map_string(b, "version");
    if (celm_semver_parse(&left, a_text, strlen(a_text), &err) != CELM_OK)
        return 1;
    if (celm_semver_parse(&right, b_text, strlen(b_text), &err) != CELM_OK)
        return 0;
    return celm_semver_compare(&left, &right) < 0;
}

/* sort.Sort(sort.Reverse(versions)): Go's insertion sort, which it uses for short lists. */
static void sort_versions(celm_value *list)
{
    celm_value **items = list->as.list.items;
    for (size_t i = 1; i < list->as.list.count; i++)
        for (size_t j = i; j > 0 && version_less(items[j - 1], items[j]); j--) {
            celm_value *swap = items[j];
            items[j] = items[j - 1];
            items[j - 1] = swap;
        }
}

void celm_repo_index_sort(celm_value *index)
{
    celm_value *entries = celm_map_cget(index, "entries");
    for (size_t i = 0; entries && entries->kind == CELM_VALUE_MAP && i < entries->as.map.count; i++)
        if (entries->as.map.entries[i].value->kind == CELM_VALUE_LIST)
            sort_versions(entries->as.map.entries[i].value);
}

/* --- WriteFile and WriteJSONFile ---------------------------------------------------------- */

static celm_value *struct_copy(celm_arena *arena, const celm_value *source, const char *const *fields);

/* A copy whose maps follow Go's field order for structs and sorted order for maps. */
static celm_value *ordered(celm_arena *arena, const celm_value *value, const char *const *fields)
{
    if (value->kind == CELM_VALUE_LIST) {
        celm_value *list = celm_value_list(arena, value->as.list.count);
        for (size_t i = 0; list && i < value->as.list.count; i++)
            if (celm_list_append(arena, list, ordered(arena, value->as.list.items[i], fields)))
                return NULL;
        return list;
    }
    if (value->kind != CELM_VALUE_MAP)
        return (celm_value *)value;
    if (fields)
        return struct_copy(arena, value, fields);
    const celm_map_entry **sorted = celm_map_sorted(arena, value);
    celm_value *map = celm_value_map(arena, value->as.map.count);
    for (size_t i = 0; map && sorted && i < value->as.map.count; i++)
        if (celm_map_set(arena, map, sorted[i]->key.data, sorted[i]->key.len, ordered(arena, sorted[i]->value, NULL)))
            return NULL;
    return map;
}

/* The struct fields each field of an index holds, for the JSON order. */
static const char *const *fields_inside(const char *const *fields, const char *key)
{
    if (fields == index_fields && strcmp(key, "entries") == 0)
        return version_fields;
    if (fields == version_fields && strcmp(key, "maintainers") == 0)
        return maintainer_fields;
    if (fields == version_fields && strcmp(key, "dependencies") == 0)
        return dependency_fields;
    return NULL;
}

static celm_value *struct_copy(celm_arena *arena, const celm_value *source, const char *const *fields)
{
    celm_value *map = celm_value_map(arena, source->as.map.count);
    for (size_t f = 0; map && fields[f]; f++) {
        const celm_value *value = celm_map_cget(source, fields[f]);
        if (!value)
            continue;
        const char *const *inner = fields_inside(fields, fields[f]);
        celm_value *copy = fields == index_fields && inner ? celm_value_map(arena, value->as.map.count) : NULL;
        if (copy) {    /* entries: a sorted map of lists of ChartVersion */
            const celm_map_entry **sorted = celm_map_sorted(arena, value);
            for (size_t i = 0; sorted && i < value->as.map.count; i++)
                celm_map_set(arena, copy, sorted[i]->key.data, sorted[i]->key.len, ordered(arena, sorted[i]->value, inner));
        } else {
            copy = ordered(arena, value, inner);
        }
        if (!copy || celm_map_set(arena, map, fields[f], strlen(fields[f]), copy))
            return NULL;
    }
    return map;
}

/* IndexFile's omitempty fields left out when empty. */
static celm_value *without_empty(celm_arena *arena, const celm_value *index)
{
    static const char *const optional[] = {"serverInfo", "publicKeys", "annotations"};
    celm_value *copy = celm_value_map(arena, index->as.map.count);
    for (size_t i = 0; copy && i < index->as.map.count; i++) {
        const celm_map_entry *entry = &index->as.map.entries[i];
        int skip = 0;
        for (size_t o = 0; o < sizeof optional / sizeof optional[0]; o++)
            skip |= strcmp(entry->key.data, optional[o]) == 0 && celm_value_is_empty(entry->value);
        if (!skip && celm_map_set(arena, copy, entry->key.data, entry->key.len, entry->value))
            return NULL;
    }
    return copy;
}

int celm_repo_index_write(celm_arena *arena, const celm_value *index, int json, const char *path, celm_error *err)
{
    celm_value *shown = without_empty(arena, index);
    if (shown && json)
        shown = struct_copy(arena, shown, index_fields);
    if (!shown)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    celm_string text;
    int status = json ? celm_json_emit(arena, shown, CELM_JSON_INDENT | CELM_JSON_KEEP_ORDER, &text, err)
                      : celm_yaml_emit(arena, shown, &text, err);
    return status == CELM_OK ? celm_os_write_file_atomic(arena, path, text.data, text.len, 0644, err) : status;
}
