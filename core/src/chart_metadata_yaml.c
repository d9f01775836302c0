/* chart_metadata_yaml.c: Chart.yaml as Helm writes it back: yaml.Marshal of its Metadata struct. */
#include <string.h>

#include "celm/celm.h"

static celm_value *omit_empty(celm_arena *arena, const celm_value *source, int is_dependency);

static celm_value *omit_empty_list(celm_arena *arena, const celm_value *source, int is_dependency)
{
    celm_value *list = celm_value_list(arena, source->as.list.count);
    for (size_t i = 0; list && i < source->as.list.count; i++)
        celm_list_append(arena, list, omit_empty(arena, source->as.list.items[i], is_dependency));
    return list;
}

/* A Metadata-shaped map as encoding/json writes it: omitempty fields dropped, except a
 * dependency's name and repository, which have no omitempty. */
static celm_value *omit_empty(celm_arena *arena, const celm_value *source, int is_dependency)
{
    if (source->kind == CELM_VALUE_LIST)
        return omit_empty_list(arena, source, is_dependency);
    if (source->kind != CELM_VALUE_MAP)
        return (celm_value *)source;
    celm_value *map = celm_value_map(arena, source->as.map.count);
    for (size_t i = 0; map && i < source->as.map.count; i++) {
        const celm_map_entry *entry = &source->as.map.entries[i];
        int required = is_dependency && (!strcmp(entry->key.data, "name") || !strcmp(entry->key.data, "repository"));
        int dependencies = strcmp(entry->key.data, "dependencies") == 0;
        if (!required && celm_value_is_empty(entry->value))
            continue;
        celm_value *value = dependencies || !strcmp(entry->key.data, "maintainers")
                                ? omit_empty(arena, entry->value, dependencies)
                                : entry->value;
        celm_map_set(arena, map, entry->key.data, entry->key.len, value);
    }
    if (is_dependency && map) {
        if (!celm_map_cget(map, "name"))
            celm_map_set(arena, map, "name", 4, celm_value_cstring(arena, ""));
        if (!celm_map_cget(map, "repository"))
            celm_map_set(arena, map, "repository", 10, celm_value_cstring(arena, ""));
    }
    return map;
}

int celm_chart_metadata_yaml(celm_arena *arena, const celm_chart *chart, int without_dependencies, celm_string *out,
                             celm_error *err)
{
    celm_value *metadata = omit_empty(arena, chart->metadata, 0);
    if (metadata && without_dependencies)
        celm_map_remove(metadata, "dependencies", 12);
    if (!metadata)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    return celm_yaml_emit(arena, metadata, out, err);
}

celm_value *celm_chart_metadata_value(celm_arena *arena, const celm_value *metadata)
{
    return omit_empty(arena, metadata, 0);
}
