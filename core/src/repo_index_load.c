/* repo_index_load.c: repo.LoadIndexFile: an index read back, invalid entries dropped as helm drops them. */
#include <string.h>

#include "celm/repo_index.h"
#include "chart_internal.h"
#include "os_file.h"

typedef struct index_reader {
    celm_arena *arena;
    const char *path;
    celm_warning_fn warn;
    void *payload;
} index_reader;

static void skip_warning(index_reader *r, const char *name, const celm_value *version, const char *why)
{
    celm_buffer message;
    celm_buffer_init(&message);
    celm_buffer_append_str(&message, "skipping loading invalid entry for chart ");
    celm_go_quote(&message, name, strlen(name));
    if (version) {
        const char *text = celm_map_string(version, "version");
        celm_buffer_append_char(&message, ' ');
        celm_go_quote(&message, text, strlen(text));
    }
    celm_buffer_printf(&message, " from %s: %s", r->path, why);
    const char *line = message.data ? celm_slog_line(r->arena, "WARN", message.data, NULL) : NULL;
    if (line && r->warn)
        r->warn(r->payload, line);
    celm_buffer_free(&message);
}

/* sigs.k8s.io/yaml turns scalars bound for a string field into text; the two booleans stay. */
static void strings_for_scalars(celm_arena *arena, celm_value *version)
{
    for (size_t i = 0; i < version->as.map.count; i++) {
        celm_map_entry *entry = &version->as.map.entries[i];
        int scalar = entry->value->kind == CELM_VALUE_INT || entry->value->kind == CELM_VALUE_FLOAT ||
                     entry->value->kind == CELM_VALUE_BOOL;
        celm_string text;
        if (scalar && strcmp(entry->key.data, "deprecated") != 0 && strcmp(entry->key.data, "removed") != 0 &&
            celm_format_go(arena, entry->value, &text) == CELM_OK)
            entry->value = celm_value_string(arena, text.data, text.len);
    }
}

/* Metadata.Validate of one entry; NULL when it passes (or fails only on duplicate aliases). */
static const char *entry_problem(index_reader *r, celm_value *version)
{
    celm_error err = CELM_ERROR_INIT;
    chart_loader loader;
    chart_loader_init(&loader, r->arena, &err);
    if (!*celm_map_string(version, "apiVersion"))
        celm_map_set(r->arena, version, "apiVersion", 10, celm_value_cstring(r->arena, "v1"));
    if (chart_validate_metadata(&loader, version) == CELM_OK ||
        strncmp(err.message, "validation: more than one dependency with name or alias", 56) == 0)
        return NULL;
    return celm_arena_strndup(r->arena, err.message, strlen(err.message));
}

/* Walked from the end, as loadIndex walks it, so the warnings come in helm's order. */
static void keep_valid(index_reader *r, const char *name, celm_value *list)
{
    size_t count = list->as.list.count;
    for (size_t i = count; i-- > 0;) {
        celm_value *version = list->as.list.items[i];
        const char *problem = version->kind == CELM_VALUE_MAP ? NULL : "empty entry";
        if (!problem) {
            strings_for_scalars(r->arena, version);
            problem = entry_problem(r, version);
        }
        if (!problem)
            continue;
        skip_warning(r, name, version->kind == CELM_VALUE_MAP ? version : NULL, problem);
        memmove(&list->as.list.items[i], &list->as.list.items[i + 1], (count - i - 1) * sizeof list->as.list.items[0]);
        count--;
    }
    list->as.list.count = count;
}

static int read_index(index_reader *r, const celm_string *bytes, celm_value **out, celm_error *err)
{
    if (bytes->len == 0)
        return celm_error_set(err, CELM_EPARSE, "error loading %s: empty index.yaml file", r->path);
    celm_error problem = CELM_ERROR_INIT;
    if (celm_yaml_parse(r->arena, bytes->data, bytes->len, r->path, CELM_YAML_UNIQUE_KEYS, out, &problem) != CELM_OK)
        return celm_error_set(err, CELM_EPARSE, "error loading %s: error converting YAML to JSON: %s", r->path,
                              problem.message);
    if ((*out)->kind != CELM_VALUE_MAP)
        return celm_error_set(err, CELM_EPARSE, "error loading %s: error unmarshaling JSON: while decoding JSON: json: "
                              "cannot unmarshal %s into Go value of type repo.IndexFile", r->path,
                              celm_go_json_kind(*out));
    celm_value *entries = celm_map_cget(*out, "entries");
    for (size_t i = 0; entries && entries->kind == CELM_VALUE_MAP && i < entries->as.map.count; i++)
        if (entries->as.map.entries[i].value->kind == CELM_VALUE_LIST)
            keep_valid(r, entries->as.map.entries[i].key.data, entries->as.map.entries[i].value);
    celm_repo_index_sort(*out);
    if (!*celm_map_string(*out, "apiVersion"))
        return celm_error_set(err, CELM_EPARSE, "error loading %s: no API version specified", r->path);
    return CELM_OK;
}

int celm_repo_index_load(celm_arena *arena, const char *path, celm_warning_fn warn, void *payload, celm_value **out,
                         celm_error *err)
{
    index_reader reader = {arena, path, warn, payload};
    celm_string bytes;
    int status = celm_os_read_file(arena, path, &bytes, err);
    return status == CELM_OK ? read_index(&reader, &bytes, out, err) : status;
}
