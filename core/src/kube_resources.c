/* kube_resources.c: the live objects of a manifest as kubectl tables, grouped as helm status
 * prints them under RESOURCES (with the pods of workloads as "v1/Pod(related)"). */
#include <string.h>

#include "buffer.h"
#include "celm/celm.h"
#include "kube_internal.h"

#define TABLE_ACCEPT "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"


typedef struct resource_group {
    const char *key;            /* "v1/Deployment" */
    celm_buffer rows;           /* printed tables */
    const char *last_kind;
} resource_group;

typedef struct groups {
    resource_group *items;
    size_t count;
} groups;

static resource_group *group_for(groups *all, const char *key)
{
    for (size_t i = 0; i < all->count; i++)
        if (!strcmp(all->items[i].key, key))
            return &all->items[i];
    resource_group *group = &all->items[all->count++];
    memset(group, 0, sizeof *group);
    group->key = key;
    celm_buffer_init(&group->rows);
    return group;
}

static const char *cell_text(celm_arena *arena, const celm_value *cell)
{
    if (!cell || cell->kind == CELM_VALUE_NULL)
        return "<none>";
    if (cell->kind == CELM_VALUE_STRING)
        return cell->as.string.data;
    celm_string text;
    return celm_format_go(arena, cell, &text) == CELM_OK ? text.data : "";
}

/* kubectl's tabwriter (minwidth 6, padding 3): every column but the last padded to its widest cell. */
static void print_table(celm_arena *arena, resource_group *group, const celm_value *table)
{
    const celm_value *columns = celm_map_cget(table, "columnDefinitions");
    const celm_value *rows = celm_map_cget(table, "rows");
    if (!columns || columns->kind != CELM_VALUE_LIST || !rows || rows->kind != CELM_VALUE_LIST || !rows->as.list.count)
        return;
    size_t column_count = columns->as.list.count, row_count = rows->as.list.count + 1;
    const char **cells = celm_arena_alloc(arena, column_count * row_count * sizeof *cells);
    int *shown = celm_arena_alloc(arena, column_count * sizeof *shown);
    size_t *widths = celm_arena_alloc(arena, column_count * sizeof *widths);
    for (size_t c = 0; c < column_count; c++) {
        const celm_value *priority = celm_map_cget(columns->as.list.items[c], "priority");
        shown[c] = !priority || (priority->kind == CELM_VALUE_FLOAT ? priority->as.real == 0 : priority->as.integer == 0);
        char *header = celm_arena_printf(arena, "%s", celm_release_text(columns->as.list.items[c], NULL, "name"));
        for (char *h = header; *h; h++)
            *h = (char)(*h >= 'a' && *h <= 'z' ? *h - 32 : *h);
        cells[c] = header;
        for (size_t r = 1; r < row_count; r++) {
            const celm_value *row_cells = celm_map_cget(rows->as.list.items[r - 1], "cells");
            cells[r * column_count + c] = cell_text(arena, row_cells && row_cells->kind == CELM_VALUE_LIST &&
                                                   c < row_cells->as.list.count ? row_cells->as.list.items[c] : NULL);
        }
    }
    size_t last = 0;
    for (size_t c = 0; c < column_count; c++) {
        widths[c] = 0;
        for (size_t r = 0; shown[c] && r < row_count; r++)
            widths[c] = strlen(cells[r * column_count + c]) > widths[c] ? strlen(cells[r * column_count + c]) : widths[c];
        if (shown[c])
            last = c;
    }
    int same_kind = group->last_kind != NULL;
    for (size_t r = same_kind ? 1 : 0; r < row_count; r++) {
        for (size_t c = 0; c < column_count; c++) {
            if (!shown[c])
                continue;
            const char *cell = cells[r * column_count + c];
            size_t width = widths[c] + 3 < 6 ? 6 : widths[c] + 3;
            if (c == last)
                celm_buffer_append_str(&group->rows, cell);
            else
                celm_buffer_printf(&group->rows, "%-*s", (int)width, cell);
        }
        celm_buffer_append_char(&group->rows, '\n');
    }
    group->last_kind = "table";
}

static void fetch_table(celm_kube *kube, celm_arena *arena, const char *path, resource_group *group)
{
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = path, .accept = TABLE_ACCEPT};
    celm_kube_response response;
    celm_error err = CELM_ERROR_INIT;
    celm_value *table;
    if (celm_kube_send(kube, arena, &request, &response, &err) == CELM_OK &&
        celm_yaml_parse(arena, response.body, response.body_len, path, CELM_YAML_KEEP_INTEGERS, &table, &err) == CELM_OK)
        print_table(arena, group, table);
}

/* A workload's pod selector as "k=v,k=v" (sorted), or NULL for kinds without one. */
static const char *pod_selector(celm_arena *arena, const kube_object *object)
{
    static const char *const workloads[] = {"Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job",
                                            "ReplicationController", NULL};
    int workload = 0;
    for (size_t i = 0; workloads[i]; i++)
        workload |= !strcmp(object->kind, workloads[i]);
    const celm_value *spec = workload ? celm_map_cget(object->body, "spec") : NULL;
    const celm_value *selector = spec ? celm_map_cget(spec, "selector") : NULL;
    if (selector && strcmp(object->kind, "ReplicationController") != 0)
        selector = celm_map_cget(selector, "matchLabels");
    if (!selector || selector->kind != CELM_VALUE_MAP || !selector->as.map.count)
        return NULL;
    const celm_map_entry **sorted = celm_map_sorted(arena, selector);
    const char *text = "";
    for (size_t i = 0; i < selector->as.map.count; i++)
        text = celm_arena_printf(arena, "%s%s%s%%3D%s", text, i ? "%2C" : "", sorted[i]->key.data,
                                 cell_text(arena, sorted[i]->value));
    return text;
}

/* helm's grouping key: the version (without the group) and the kind, e.g. "v1/Deployment". */
static const char *group_key(celm_arena *arena, const kube_object *object)
{
    const char *version = strchr(object->resource.group_version, '/');
    version = version ? version + 1 : object->resource.group_version;
    return celm_arena_printf(arena, "%s/%s", version, object->kind);
}

/* The pod list of a workload whose selector was not seen before (remembered in `selectors`). */
static const char *related_pods_path(celm_arena *arena, const kube_object *object, const char **selectors,
                                     size_t *selector_count)
{
    const char *selector = pod_selector(arena, object);
    for (size_t s = 0; selector && s < *selector_count; s++)
        if (!strcmp(selectors[s], selector))
            return NULL;
    if (!selector)
        return NULL;
    selectors[(*selector_count)++] = selector;
    return celm_arena_printf(arena, "/api/v1/namespaces/%s/pods?labelSelector=%s", object->namespace_name, selector);
}

int celm_kube_resource_tables(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list, celm_string *out,
                              celm_error *err)
{
    groups all = {celm_arena_alloc(arena, (2 * list->count + 1) * sizeof *all.items), 0};
    const char **selectors = celm_arena_alloc(arena, (list->count + 1) * sizeof *selectors);
    size_t selector_count = 0;
    if (!all.items || !selectors)
        return celm_error_set(err, CELM_ENOMEM, "out of memory printing resources");
    for (size_t i = 0; i < list->count; i++) {
        const kube_object *object = &list->objects[i];
        fetch_table(kube, arena, celm_kube_resource_path(arena, &object->resource, object->namespace_name, object->name),
                    group_for(&all, group_key(arena, object)));
        const char *pods = related_pods_path(arena, object, selectors, &selector_count);
        if (pods)
            fetch_table(kube, arena, pods, group_for(&all, "v1/Pod(related)"));
    }
    celm_buffer text;
    celm_buffer_init(&text);
    for (size_t g = 0; g < all.count; g++) {
        celm_buffer_printf(&text, "==> %s\n", all.items[g].key);
        celm_buffer_append(&text, all.items[g].rows.data ? all.items[g].rows.data : "", all.items[g].rows.len);
        celm_buffer_append_char(&text, '\n');
        celm_buffer_free(&all.items[g].rows);
    }
    return celm_buffer_finish(&text, arena, out) == CELM_OK ? CELM_OK
           : celm_error_set(err, CELM_ENOMEM, "out of memory printing resources");
}

static void append_object(celm_arena *arena, celm_value *groups_map, const char *key, celm_value *object)
{
    celm_value *list = celm_map_cget(groups_map, key);
    if (!list) {
        list = celm_value_list(arena, 4);
        celm_map_set(arena, groups_map, key, strlen(key), list);
    }
    celm_list_append(arena, list, object);
}

static celm_value *fetch_object(celm_kube *kube, celm_arena *arena, const char *path)
{
    celm_value *object = NULL;
    celm_error err = CELM_ERROR_INIT;
    celm_kube_request request = {.size = sizeof request, .method = "GET", .path = path};
    celm_kube_response response;
    if (celm_kube_send(kube, arena, &request, &response, &err) != CELM_OK ||
        celm_yaml_parse(arena, response.body, response.body_len, path, CELM_YAML_KEEP_INTEGERS, &object, &err) != CELM_OK)
        return NULL;
    return object;
}

int celm_kube_resource_objects(celm_kube *kube, celm_arena *arena, const celm_kube_object_list *list, celm_value **out,
                               celm_error *err)
{
    celm_value *groups_map = celm_value_map(arena, 8);
    const char **selectors = celm_arena_alloc(arena, (list->count + 1) * sizeof *selectors);
    size_t selector_count = 0;
    if (!groups_map || !selectors)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading resources");
    for (size_t i = 0; i < list->count; i++) {
        const kube_object *object = &list->objects[i];
        celm_value *live = fetch_object(kube, arena, celm_kube_resource_path(arena, &object->resource,
                                                                               object->namespace_name, object->name));
        if (!live)
            continue;
        append_object(arena, groups_map, group_key(arena, object), live);
        const char *path = related_pods_path(arena, object, selectors, &selector_count);
        celm_value *pods = path ? fetch_object(kube, arena, path) : NULL;
        if (pods)   /* helm keeps the PodList itself */
            append_object(arena, groups_map, "v1/Pod(related)", pods);
    }
    *out = groups_map;
    return CELM_OK;
}
