/* values_coalesce.c: Helm's CoalesceValues/MergeValues: user values over chart defaults, globals down. */
#include <stdio.h>
#include <string.h>

#include "celm/celm.h"
#include "celm/celm.h"

#define GLOBAL_KEY "global"

typedef struct coalescer {
    celm_arena *arena;
    int merge;
    celm_warning_fn warn;
    void *payload;
    celm_error *err;
} coalescer;

/* Go's %v of a value, for warning texts. */
static const char *go_text(const coalescer *c, const celm_value *value)
{
    celm_string text = {"", 0};
    celm_format_go(c->arena, value, &text);
    return text.data ? text.data : "";
}

static void warn(const coalescer *c, const char *format, const char *a, const char *b)
{
    if (!c->warn)
        return;
    char message[1024];
    snprintf(message, sizeof message, format, a, b);
    /* Helm's log.Printf, which its slog logger takes over. */
    const char *line = celm_slog_line(c->arena, "INFO", message, NULL);
    if (line)
        c->warn(c->payload, line);
}

static int is_table(const celm_value *value)
{
    return value && value->kind == CELM_VALUE_MAP;
}

static int is_null(const celm_value *value)
{
    return value && value->kind == CELM_VALUE_NULL;
}

static const char *join_key(celm_arena *arena, const char *prefix, const char *key)
{
    return *prefix ? celm_arena_printf(arena, "%s.%s", prefix, key) : key;
}

static int set(const coalescer *c, celm_value *map, const celm_string *key, celm_value *value)
{
    return celm_map_set(c->arena, map, key->data, key->len, value);
}

/* Removes null entries from a map and its nested maps (Helm's cleanNilValues); lists untouched. */
static void clean_nulls(celm_value *map)
{
    for (size_t i = 0; i < map->as.map.count;) {
        celm_map_entry *entry = &map->as.map.entries[i];
        if (is_null(entry->value)) {
            celm_map_remove(map, entry->key.data, entry->key.len);
            continue;
        }
        if (is_table(entry->value))
            clean_nulls(entry->value);
        i++;
    }
}

/* Helm's coalesceTablesFullKey: merges src under dst in place; dst is authoritative. */
static int coalesce_tables(const coalescer *c, celm_value *dst, celm_value *src, const char *prefix, int merge)
{
    size_t count = src->as.map.count;
    unsigned char *src_had_value = celm_arena_alloc(c->arena, count + 1);
    if (!src_had_value)
        return CELM_ENOMEM;
    for (size_t i = 0; i < count; i++)
        src_had_value[i] = !is_null(src->as.map.entries[i].value);
    for (size_t i = 0; i < dst->as.map.count; i++)
        if (is_null(dst->as.map.entries[i].value) && set(c, src, &dst->as.map.entries[i].key, dst->as.map.entries[i].value) != CELM_OK)
            return CELM_ENOMEM;
    for (size_t i = 0; i < src->as.map.count; i++) {
        const celm_map_entry *entry = &src->as.map.entries[i];
        celm_value *dv = celm_map_get(dst, entry->key.data, entry->key.len);
        int had_value = i < count && src_had_value[i];
        if (dv && !merge && is_null(dv) && had_value) {
            celm_map_remove(dst, entry->key.data, entry->key.len);
        } else if (!dv) {
            if (set(c, dst, &entry->key, entry->value) != CELM_OK)
                return CELM_ENOMEM;
        } else if (is_table(entry->value)) {
            const char *full_key = join_key(c->arena, prefix, entry->key.data);
            if (!is_table(dv))
                warn(c, "warning: cannot overwrite table with non table for %s (%s)", full_key, go_text(c, entry->value));
            else if (coalesce_tables(c, dv, entry->value, full_key, merge) != CELM_OK)
                return CELM_ENOMEM;
        } else if (is_table(dv) && !is_null(entry->value)) {
            warn(c, "warning: destination for %s is a table. Ignoring non-table value (%s)",
                 join_key(c->arena, prefix, entry->key.data), go_text(c, entry->value));
        }
    }
    return CELM_OK;
}

static int is_dependency_name(const celm_chart *chart, const celm_string *key)
{
    for (size_t i = 0; i < chart->dependency_count; i++) {
        const char *name = chart->dependencies[i]->name;
        if (strlen(name) == key->len && memcmp(name, key->data, key->len) == 0)
            return 1;
    }
    return 0;
}

/* Helm's coalesceValues: the chart's own defaults (a fresh copy) under the values in v. */
static int coalesce_chart_values(const coalescer *c, const celm_chart *chart, celm_value *v, const char *prefix)
{
    if (!chart->values || !is_table(chart->values))
        return CELM_OK;
    const char *sub_prefix = join_key(c->arena, prefix, chart->name);
    celm_value *defaults = celm_value_copy(c->arena, chart->values);
    if (!defaults)
        return CELM_ENOMEM;
    for (size_t i = 0; i < defaults->as.map.count; i++) {
        const celm_map_entry *entry = &defaults->as.map.entries[i];
        celm_value *value = celm_map_get(v, entry->key.data, entry->key.len);
        if (!value) {
            if (!c->merge && is_null(entry->value))
                continue;
            if (!c->merge && is_table(entry->value))
                clean_nulls(entry->value);
            if (set(c, v, &entry->key, entry->value) != CELM_OK)
                return CELM_ENOMEM;
        } else if (is_null(value) && !c->merge) {
            celm_map_remove(v, entry->key.data, entry->key.len);
        } else if (is_table(value)) {
            if (!is_table(entry->value)) {
                if (!is_null(entry->value))
                    warn(c, "warning: skipped value for %s.%s: Not a table.", sub_prefix, entry->key.data);
                continue;
            }
            int merge = c->merge || is_dependency_name(chart, &entry->key);
            if (!merge)
                clean_nulls(entry->value);
            if (coalesce_tables(c, value, entry->value, join_key(c->arena, sub_prefix, entry->key.data), merge) != CELM_OK)
                return CELM_ENOMEM;
        }
    }
    return CELM_OK;
}

/* Helm's coalesceGlobals: the parent's globals copied into the subchart's values. */
static int coalesce_globals(const coalescer *c, celm_value *dest, const celm_value *src, const char *prefix)
{
    celm_value *dest_globals = celm_map_cget(dest, GLOBAL_KEY);
    const celm_value *src_globals = celm_map_cget(src, GLOBAL_KEY);
    if (dest_globals && !is_table(dest_globals)) {
        warn(c, "warning: skipping globals because destination %s is not a table.", GLOBAL_KEY, "");
        return CELM_OK;
    }
    if (src_globals && !is_table(src_globals)) {
        warn(c, "warning: skipping globals because source %s is not a table.", GLOBAL_KEY, "");
        return CELM_OK;
    }
    if (!dest_globals && !(dest_globals = celm_value_map(c->arena, 0)))
        return CELM_ENOMEM;
    for (size_t i = 0; src_globals && i < src_globals->as.map.count; i++) {
        const celm_map_entry *entry = &src_globals->as.map.entries[i];
        celm_value *existing = celm_map_get(dest_globals, entry->key.data, entry->key.len);
        celm_value *value = entry->value;
        if (is_table(value)) {
            if (!(value = celm_value_copy(c->arena, value)))
                return CELM_ENOMEM;
            if (existing && !is_table(existing)) {
                warn(c, "Conflict: cannot merge map onto non-map for \"%s\". Skipping.", entry->key.data, "");
                continue;
            }
            if (existing && coalesce_tables(c, value, existing, join_key(c->arena, prefix, entry->key.data), 1) != CELM_OK)
                return CELM_ENOMEM;
        } else if (is_table(existing)) {
            warn(c, "key %s is table. Skipping", entry->key.data, "");
            continue;
        }
        if (set(c, dest_globals, &entry->key, value) != CELM_OK)
            return CELM_ENOMEM;
    }
    return celm_map_set(c->arena, dest, GLOBAL_KEY, strlen(GLOBAL_KEY), dest_globals);
}

static int coalesce_chart(const coalescer *c, const celm_chart *chart, celm_value *dest, const char *prefix);

/* Go's %t of a non-bool value, as in "type mismatch on sub: %!t(string=x)". */
static const char *go_bad_bool(celm_arena *arena, const celm_value *value)
{
    static const char *const types[] = {"<nil>", "bool", "int64", "float64", "string", "[]interface {}", "map"};
    celm_string text = {"", 0};
    celm_format_go(arena, value, &text);
    if (value->kind == CELM_VALUE_NULL)
        return "%!t(<nil>)";
    return celm_arena_printf(arena, "%%!t(%s=%s)", types[value->kind], text.data);
}

static int coalesce_dependencies(const coalescer *c, const celm_chart *chart, celm_value *dest, const char *prefix)
{
    const char *sub_prefix = join_key(c->arena, prefix, chart->name);
    for (size_t i = 0; i < chart->dependency_count; i++) {
        const celm_chart *sub = chart->dependencies[i];
        celm_value *values = celm_map_cget(dest, sub->name);
        if (!values) {
            if (!(values = celm_value_map(c->arena, 0)) ||
                celm_map_set(c->arena, dest, sub->name, strlen(sub->name), values) != CELM_OK)
                return CELM_ENOMEM;
        } else if (!is_table(values)) {
            return celm_error_set(c->err, CELM_EINVAL, "type mismatch on %s: %s", sub->name, go_bad_bool(c->arena, values));
        }
        int status = coalesce_globals(c, values, dest, sub_prefix);
        if (status == CELM_OK)
            status = coalesce_chart(c, sub, values, sub_prefix);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}

static int coalesce_chart(const coalescer *c, const celm_chart *chart, celm_value *dest, const char *prefix)
{
    int status = coalesce_chart_values(c, chart, dest, prefix);
    return status == CELM_OK ? coalesce_dependencies(c, chart, dest, prefix) : status;
}

int celm_values_coalesce_tables(celm_arena *arena, celm_value *dst, celm_value *src, int merge, celm_warning_fn warn_fn,
                                void *payload)
{
    coalescer c = {arena, merge, warn_fn, payload, NULL};
    if (!is_table(dst) || !is_table(src))
        return CELM_OK;
    return coalesce_tables(&c, dst, src, "", merge);
}

int celm_values_coalesce(celm_arena *arena, const celm_chart *chart, const celm_value *user, int merge,
                         celm_warning_fn warn_fn, void *payload, celm_value **out, celm_error *err)
{
    coalescer c = {arena, merge, warn_fn, payload, err};
    celm_value *dest = user && is_table(user) ? celm_value_copy(arena, user) : celm_value_map(arena, 0);
    if (!dest)
        return celm_error_set(err, CELM_ENOMEM, "out of memory coalescing values");
    int status = coalesce_chart(&c, chart, dest, "");
    if (status == CELM_ENOMEM)
        return celm_error_set(err, CELM_ENOMEM, "out of memory coalescing values");
    if (status == CELM_OK)
        *out = dest;
    return status;
}
