/* dependencies.c: Helm's ProcessDependencies: aliases, tags, conditions, removal, import-values. */
#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "celm/celm.h"
#include "celm/celm.h"

typedef struct processor {
    celm_arena *arena;
    celm_warning_fn warn;
    void *payload;
    celm_error *err;
} processor;

static void warn(const processor *p, const char *message)
{
    if (p->warn && message)
        p->warn(p->payload, message);
}

static celm_value *declared_dependencies(const celm_chart *chart)
{
    celm_value *list = celm_map_cget(chart->metadata, "dependencies");
    return list && list->kind == CELM_VALUE_LIST ? list : NULL;
}

static const char *chart_version(const celm_chart *chart)
{
    return celm_map_string(chart->metadata, "version");
}

/* Helm's IsCompatibleRange: a version that parses and satisfies a constraint that parses. */
static int compatible(celm_arena *arena, const char *constraint, const char *version)
{
    celm_semver parsed;
    celm_semver_constraints *constraints;
    celm_error ignored = CELM_ERROR_INIT;
    if (celm_semver_parse(&parsed, version, strlen(version), &ignored) != CELM_OK)
        return 0;
    if (celm_semver_constraints_parse(arena, constraint, strlen(constraint), &constraints, &ignored) != CELM_OK)
        return 0;
    return celm_semver_constraints_check(constraints, &parsed);
}

static int set_text(const processor *p, celm_value *map, const char *key, const char *text)
{
    celm_value *value = celm_value_cstring(p->arena, text);
    return value ? celm_map_set(p->arena, map, key, strlen(key), value) : CELM_ENOMEM;
}

/* A copy of `source`'s metadata map whose dependency entries are copies too. */
static celm_value *copy_metadata(const processor *p, const celm_value *source)
{
    celm_value *copy = celm_value_map(p->arena, source->as.map.count);
    for (size_t i = 0; copy && i < source->as.map.count; i++) {
        const celm_map_entry *entry = &source->as.map.entries[i];
        celm_value *value = entry->value;
        if (strcmp(entry->key.data, "dependencies") == 0 && value->kind == CELM_VALUE_LIST)
            value = celm_value_copy(p->arena, value);
        if (!value || celm_map_set(p->arena, copy, entry->key.data, entry->key.len, value) != CELM_OK)
            return NULL;
    }
    return copy;
}

/* Helm's getAliasDependency: the loaded chart a declared dependency names, copied (with shallow
 * copies of its own subcharts) and renamed to the alias. NULL when none matches. */
static celm_chart *alias_copy(const processor *p, celm_chart *const *charts, size_t count, const celm_value *dependency)
{
    const char *name = celm_map_string(dependency, "name"), *version = celm_map_string(dependency, "version");
    for (size_t i = 0; i < count; i++) {
        const celm_chart *candidate = charts[i];
        if (strcmp(candidate->name, name) != 0 || !compatible(p->arena, version, chart_version(candidate)))
            continue;
        celm_chart *copy = celm_arena_alloc(p->arena, sizeof *copy);
        celm_chart **subcharts = celm_arena_alloc(p->arena, (candidate->dependency_count + 1) * sizeof *subcharts);
        if (!copy || !subcharts || !(*copy = *candidate, copy->metadata = copy_metadata(p, candidate->metadata)))
            return NULL;
        for (size_t s = 0; s < candidate->dependency_count; s++) {
            if (!(subcharts[s] = celm_arena_alloc(p->arena, sizeof **subcharts)))
                return NULL;
            *subcharts[s] = *candidate->dependencies[s];
            subcharts[s]->parent = copy;
        }
        copy->dependencies = subcharts;
        const char *alias = celm_map_string(dependency, "alias");
        if (*alias) {
            copy->name = alias;
            if (set_text(p, copy->metadata, "name", alias) != CELM_OK)
                return NULL;
        }
        return copy;
    }
    return NULL;
}

static int declared_match(celm_arena *arena, const celm_value *declared, const celm_chart *chart)
{
    for (size_t i = 0; i < declared->as.list.count; i++) {
        const celm_value *dependency = declared->as.list.items[i];
        if (strcmp(celm_map_string(dependency, "name"), chart->name) == 0 &&
            compatible(arena, celm_map_string(dependency, "version"), chart_version(chart)))
            return 1;
    }
    return 0;
}

/* Undeclared subcharts first, then one (possibly aliased) copy per declared dependency. */
static int resolve_aliases(const processor *p, celm_chart *chart, const celm_value *declared)
{
    size_t capacity = chart->dependency_count + declared->as.list.count + 1, count = 0;
    celm_chart **resolved = celm_arena_alloc(p->arena, capacity * sizeof *resolved);
    if (!resolved)
        return CELM_ENOMEM;
    for (size_t i = 0; i < chart->dependency_count; i++)
        if (!declared_match(p->arena, declared, chart->dependencies[i]))
            resolved[count++] = chart->dependencies[i];
    for (size_t i = 0; i < declared->as.list.count; i++) {
        celm_value *dependency = declared->as.list.items[i];
        celm_chart *copy = alias_copy(p, chart->dependencies, chart->dependency_count, dependency);
        if (copy) {
            copy->parent = chart;
            resolved[count++] = copy;
        }
        const char *alias = celm_map_string(dependency, "alias");
        if (*alias && set_text(p, dependency, "name", alias) != CELM_OK)
            return CELM_ENOMEM;
    }
    chart->dependencies = resolved;
    chart->dependency_count = count;
    return CELM_OK;
}

/* Helm's Values.Table: the map at a dotted path, or NULL with the key that is not a table in
 * *missing (when missing is not NULL). */
static celm_value *table_at(celm_arena *arena, celm_value *values, const char *path, const char **missing)
{
    celm_value *table = values;
    const char *start = path;
    for (;;) {
        const char *dot = strchr(start, '.');
        size_t len = dot ? (size_t)(dot - start) : strlen(start);
        celm_value *next = celm_map_get(table, start, len);
        if (!next || next->kind != CELM_VALUE_MAP) {
            if (missing)
                *missing = celm_arena_strndup(arena, start, len);
            return NULL;
        }
        table = next;
        if (!dot)
            return table;
        start = dot + 1;
    }
}

/* Helm's Values.PathValue: a non-table value at a dotted path, or NULL. */
static celm_value *path_value(celm_arena *arena, celm_value *values, const char *path)
{
    const char *dot = strrchr(path, '.');
    celm_value *table = values;
    if (dot && !(table = table_at(arena, values, celm_arena_strndup(arena, path, (size_t)(dot - path)), NULL)))
        return NULL;
    const char *key = dot ? dot + 1 : path;
    celm_value *value = celm_map_get(table, key, strlen(key));
    return value && value->kind != CELM_VALUE_MAP ? value : NULL;
}

static void set_enabled(const processor *p, celm_value *dependency, int enabled)
{
    celm_map_set(p->arena, dependency, "enabled", 7, celm_value_bool(p->arena, enabled));
}

static int is_enabled(const celm_value *dependency)
{
    const celm_value *enabled = celm_map_cget(dependency, "enabled");
    return enabled && enabled->kind == CELM_VALUE_BOOL && enabled->as.boolean;
}

/* Helm's processDependencyTags. */
static void apply_tags(const processor *p, const celm_value *declared, celm_value *values)
{
    celm_value *tags = celm_map_cget(values, "tags");
    if (!tags || tags->kind != CELM_VALUE_MAP)
        return;
    for (size_t i = 0; i < declared->as.list.count; i++) {
        celm_value *dependency = declared->as.list.items[i];
        const celm_value *wanted = celm_map_cget(dependency, "tags");
        int has_true = 0, has_false = 0;
        for (size_t t = 0; wanted && wanted->kind == CELM_VALUE_LIST && t < wanted->as.list.count; t++) {
            const celm_value *tag = wanted->as.list.items[t];
            const celm_value *value = tag->kind == CELM_VALUE_STRING ? celm_map_get(tags, tag->as.string.data, tag->as.string.len) : NULL;
            if (value && value->kind == CELM_VALUE_BOOL)
                value->as.boolean ? (has_true = 1) : (has_false = 1);
            else if (value)
                warn(p, celm_slog_line(p->arena, "WARN", "returned non-bool value",
                                       (const char *const[]){"tag", tag->as.string.data, "chart",
                                                             celm_map_string(dependency, "name"), NULL}));
        }
        set_enabled(p, dependency, !(!has_true && has_false));
    }
}

/* Helm's processDependencyConditions: the first condition path holding a bool decides. */
static void apply_conditions(const processor *p, const celm_value *declared, celm_value *values, const char *prefix)
{
    for (size_t i = 0; i < declared->as.list.count; i++) {
        celm_value *dependency = declared->as.list.items[i];
        const char *condition = celm_map_string(dependency, "condition");
        while (*condition == ' ' || *condition == '\t' || *condition == '\n' || *condition == '\r')
            condition++;
        size_t len = strlen(condition);
        while (len && strchr(" \t\n\r\v\f", condition[len - 1]))
            len--;
        for (const char *start = condition; start < condition + len;) {
            const char *comma = memchr(start, ',', (size_t)(condition + len - start));
            size_t part = comma ? (size_t)(comma - start) : (size_t)(condition + len - start);
            if (part) {
                const char *path = celm_arena_printf(p->arena, "%s%.*s", prefix, (int)part, start);
                celm_value *value = path_value(p->arena, values, path);
                if (value && value->kind == CELM_VALUE_BOOL) {
                    set_enabled(p, dependency, value->as.boolean);
                    break;
                }
                if (value)
                    warn(p, celm_slog_line(p->arena, "WARN", "returned non-bool value",
                                           (const char *const[]){"path", path + strlen(prefix), "chart",
                                                                 celm_map_string(dependency, "name"), NULL}));
            }
            if (!comma)
                break;
            start = comma + 1;
        }
    }
}

static int is_disabled_name(const celm_value *declared, const char *name)
{
    for (size_t i = 0; i < declared->as.list.count; i++)
        if (!is_enabled(declared->as.list.items[i]) && strcmp(celm_map_string(declared->as.list.items[i], "name"), name) == 0)
            return 1;
    return 0;
}

static int process_enabled(const processor *p, celm_chart *chart, const celm_value *values, const char *prefix);

/* Removes disabled dependencies (charts and declarations), then recurses into the rest. */
static int remove_disabled(const processor *p, celm_chart *chart, celm_value *declared, celm_value *values, const char *prefix)
{
    size_t kept = 0;
    for (size_t i = 0; i < chart->dependency_count; i++)
        if (!is_disabled_name(declared, chart->dependencies[i]->name))
            chart->dependencies[kept++] = chart->dependencies[i];
    chart->dependency_count = kept;
    celm_value *remaining = celm_value_list(p->arena, declared->as.list.count);
    for (size_t i = 0; remaining && i < declared->as.list.count; i++)
        if (is_enabled(declared->as.list.items[i]) && celm_list_append(p->arena, remaining, declared->as.list.items[i]) != CELM_OK)
            return CELM_ENOMEM;
    for (size_t i = 0; i < chart->dependency_count; i++) {
        const char *sub_prefix = celm_arena_printf(p->arena, "%s%s.", prefix, chart->dependencies[i]->name);
        int status = process_enabled(p, chart->dependencies[i], values, sub_prefix);
        if (status != CELM_OK)
            return status;
    }
    return remaining ? celm_map_set(p->arena, chart->metadata, "dependencies", 12, remaining) : CELM_ENOMEM;
}

/* Helm's processDependencyEnabled. */
static int process_enabled(const processor *p, celm_chart *chart, const celm_value *values, const char *prefix)
{
    celm_value *declared = declared_dependencies(chart);
    if (!declared)
        return CELM_OK;
    int status = resolve_aliases(p, chart, declared);
    if (status != CELM_OK)
        return status;
    for (size_t i = 0; i < declared->as.list.count; i++)
        set_enabled(p, declared->as.list.items[i], 1);
    celm_value *coalesced;
    if ((status = celm_values_coalesce(p->arena, chart, values, 0, p->warn, p->payload, &coalesced, p->err)) != CELM_OK)
        return status;
    apply_tags(p, declared, coalesced);
    apply_conditions(p, declared, coalesced, prefix);
    return remove_disabled(p, chart, declared, coalesced, prefix);
}

/* Helm's pathToMap: data placed at a dotted path ("." is the root). */
static celm_value *nest_at(celm_arena *arena, const char *path, celm_value *data)
{
    if (strcmp(path, ".") == 0)
        return data;
    celm_value *current = data;
    const char *end = path + strlen(path);
    while (current) {
        const char *dot = end;
        while (dot > path && dot[-1] != '.')
            dot--;
        celm_value *wrapper = celm_value_map(arena, 1);
        if (!wrapper || celm_map_set(arena, wrapper, dot, (size_t)(end - dot), current) != CELM_OK)
            return NULL;
        current = wrapper;
        if (dot == path)
            break;
        end = dot - 1;
    }
    return current;
}

/* Go's fmt %v of an import-values field (a missing one prints <nil>). */
static const char *field_text(celm_arena *arena, const celm_value *map, const char *key)
{
    const celm_value *value = celm_map_cget(map, key);
    celm_string text = {"<nil>", 5};
    if (value)
        celm_format_go(arena, value, &text);
    return text.data;
}

static celm_value *import_pair(celm_arena *arena, const char *child, const char *parent)
{
    celm_value *pair = celm_value_map(arena, 2);
    if (!pair || celm_map_set(arena, pair, "child", 5, celm_value_cstring(arena, child)) != CELM_OK ||
        celm_map_set(arena, pair, "parent", 6, celm_value_cstring(arena, parent)) != CELM_OK)
        return NULL;
    return pair;
}

/* One import-values entry of one dependency: merged into `imports`, normalised into `normal`. */
static int import_one(const processor *p, const celm_value *entry, const char *dependency, celm_value *values,
                      celm_value *imports, celm_value *normal)
{
    const char *child, *parent;
    if (entry->kind == CELM_VALUE_MAP) {
        child = field_text(p->arena, entry, "child"), parent = field_text(p->arena, entry, "parent");
    } else if (entry->kind == CELM_VALUE_STRING) {
        child = celm_arena_printf(p->arena, "exports.%s", entry->as.string.data), parent = ".";
    } else {
        return CELM_OK;
    }
    celm_value *pair = import_pair(p->arena, child, parent);
    if (!pair || celm_list_append(p->arena, normal, pair) != CELM_OK)
        return CELM_ENOMEM;
    const char *missing = "";
    celm_value *table = table_at(p->arena, values, celm_arena_printf(p->arena, "%s.%s", dependency, child), &missing);
    if (!table) {
        const char *error = celm_arena_printf(p->arena, "\"%s\" is not a table", missing);
        if (entry->kind == CELM_VALUE_MAP)
            warn(p, celm_slog_line(p->arena, "WARN", "ImportValues missing table from chart",
                                   (const char *const[]){"chart", dependency, "error", error, NULL}));
        else
            warn(p, celm_slog_line(p->arena, "WARN", "ImportValues missing table",
                                   (const char *const[]){"error", error, NULL}));
        return CELM_OK;
    }
    celm_value *placed = nest_at(p->arena, parent, celm_value_copy(p->arena, table));
    return placed ? celm_values_coalesce_tables(p->arena, imports, placed, 1, p->warn, p->payload) : CELM_ENOMEM;
}

/* Helm's processImportValues with merge set: the chart's defaults become MergeValues(chart)
 * with the imported tables merged underneath. */
static int import_values(const processor *p, celm_chart *chart)
{
    celm_value *declared = declared_dependencies(chart);
    if (!declared)
        return CELM_OK;
    celm_value *values, *imports = celm_value_map(p->arena, 0);
    int status = celm_values_coalesce(p->arena, chart, NULL, 1, p->warn, p->payload, &values, p->err);
    if (status != CELM_OK || !imports)
        return imports ? status : CELM_ENOMEM;
    for (size_t i = 0; i < declared->as.list.count; i++) {
        celm_value *dependency = declared->as.list.items[i];
        const celm_value *wanted = celm_map_cget(dependency, "import-values");
        if (!wanted || wanted->kind != CELM_VALUE_LIST)
            continue;
        celm_value *normal = celm_value_list(p->arena, wanted->as.list.count);
        for (size_t w = 0; normal && w < wanted->as.list.count; w++)
            if ((status = import_one(p, wanted->as.list.items[w], celm_map_string(dependency, "name"), values, imports, normal)) != CELM_OK)
                return status;
        if (!normal || celm_map_set(p->arena, dependency, "import-values", 13, normal) != CELM_OK)
            return CELM_ENOMEM;
    }
    if ((status = celm_values_coalesce_tables(p->arena, values, imports, 1, p->warn, p->payload)) != CELM_OK)
        return status;
    chart->values = values;
    return CELM_OK;
}

static int import_bottom_up(const processor *p, celm_chart *chart)
{
    for (size_t i = 0; i < chart->dependency_count; i++) {
        int status = import_bottom_up(p, chart->dependencies[i]);
        if (status != CELM_OK)
            return status;
    }
    return import_values(p, chart);
}

int celm_chart_process_dependencies(celm_chart *chart, const celm_value *user_values, celm_warning_fn warn_fn,
                                    void *payload, celm_error *err)
{
    processor p = {chart->arena, warn_fn, payload, err};
    int status = process_enabled(&p, chart, user_values, "");
    if (status == CELM_OK)
        status = import_bottom_up(&p, chart);
    if (status == CELM_ENOMEM)
        return celm_error_set(err, CELM_ENOMEM, "out of memory processing chart dependencies");
    return status;
}

int celm_chart_check_dependencies(const celm_chart *chart, celm_error *err)
{
    const celm_value *declared = declared_dependencies(chart);
    celm_buffer missing;
    celm_buffer_init(&missing);
    for (size_t i = 0; declared && i < declared->as.list.count; i++) {
        const char *name = celm_map_string(declared->as.list.items[i], "name");
        int found = 0;
        for (size_t c = 0; c < chart->dependency_count && !found; c++)
            found = strcmp(chart->dependencies[c]->name, name) == 0;
        if (!found) {
            if (missing.len)
                celm_buffer_append_str(&missing, ", ");
            celm_buffer_append_str(&missing, name);
        }
    }
    int status = CELM_OK;
    if (missing.len)
        status = celm_error_set(err, CELM_ENOTFOUND, "found in Chart.yaml, but missing in charts/ directory: %s", missing.data);
    celm_buffer_free(&missing);
    return status;
}
