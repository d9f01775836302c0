/* values_user_yaml.c: a values file as Helm v4 reads it (every document, merged) and MergeMaps. */
#include <string.h>

#include "buffer.h"
#include "go_quote.h"
#include "celm/values.h"
#include "strvals.h"

celm_value *celm_values_merge_maps(celm_arena *arena, const celm_value *base, const celm_value *overlay)
{
    celm_value *out = celm_value_map(arena, base->as.map.count + overlay->as.map.count);
    for (size_t i = 0; out && i < base->as.map.count; i++) {
        const celm_map_entry *entry = &base->as.map.entries[i];
        if (celm_map_set(arena, out, entry->key.data, entry->key.len, entry->value) != CELM_OK)
            return NULL;
    }
    for (size_t i = 0; out && i < overlay->as.map.count; i++) {
        const celm_map_entry *entry = &overlay->as.map.entries[i];
        celm_value *value = entry->value;
        celm_value *current = celm_map_get(out, entry->key.data, entry->key.len);
        if (value->kind == CELM_VALUE_MAP && current && current->kind == CELM_VALUE_MAP)
            value = celm_values_merge_maps(arena, current, value);
        if (!value || celm_map_set(arena, out, entry->key.data, entry->key.len, value) != CELM_OK)
            return NULL;
    }
    return out;
}

/* sigs.k8s.io/yaml's Unmarshal of one document into a map, merged over *values. */
static int merge_document(celm_arena *arena, const celm_buffer *document, int first_line,
                          const char *origin, celm_value **values, celm_error *err)
{
    celm_value *parsed;
    celm_error problem = CELM_ERROR_INIT;
    if (document->failed)
        return celm_error_set(err, CELM_ENOMEM, "out of memory reading values");
    if (celm_yaml_parse(arena, document->data, document->len, origin, 0, &parsed, &problem) != CELM_OK) {
        celm_error_set_at(err, problem.code, origin, problem.line ? problem.line + first_line - 1 : 0,
                          problem.column, "cannot unmarshal yaml document: error converting YAML to "
                          "JSON: %s", problem.message);
        return err ? err->code : problem.code;
    }
    if (parsed->kind == CELM_VALUE_NULL)
        return CELM_OK;
    if (parsed->kind != CELM_VALUE_MAP)
        return celm_error_set_at(err, CELM_EPARSE, origin, first_line, 0, "cannot unmarshal yaml "
                                 "document: error unmarshaling JSON: while decoding JSON: json: cannot "
                                 "unmarshal %s into Go value of type map[string]interface {}",
                                 celm_go_json_kind(parsed));
    /* A copy, so that YAML aliases do not leave two keys sharing one node that --set then
     * changes in place (Helm's detour through JSON copies them too). */
    celm_value *copy = celm_value_copy(arena, parsed);
    *values = copy ? celm_values_merge_maps(arena, *values, copy) : NULL;
    return *values ? CELM_OK : celm_error_set(err, CELM_ENOMEM, "out of memory reading values");
}

/* A line "---..." of the k8s YAML reader: 1 for a separator, -1 for a bad one, 0 for other text. */
static int separator_kind(const char *line, size_t len, const char *origin, int line_number,
                          celm_error *err)
{
    if (len < 3 || memcmp(line, "---", 3) != 0)
        return 0;
    size_t start, rest;
    celm_strvals_trim_space(line + 3, len - 3, &start, &rest);
    if (rest == 0 || line[3 + start] == '#')
        return 1;
    celm_error_set_at(err, CELM_EPARSE, origin, line_number, 1, "error reading yaml document: "
                      "invalid Yaml document separator: %.*s", (int)rest, line + 3 + start);
    return -1;
}

/* The k8s YAML reader feeds documents line by line: "\r\n" ends a line like "\n", every line
 * (even the last) gets a "\n", and a line starting with "---" separates documents. */
int celm_values_load(celm_arena *arena, const char *text, size_t len, const char *origin,
                     celm_value **out, celm_error *err)
{
    celm_buffer document;
    celm_buffer_init(&document);
    int status = CELM_OK, line_number = 0, first_line = 1;
    *out = celm_value_map(arena, 0);
    for (size_t at = 0; *out && status == CELM_OK && at < len;) {
        const char *newline = memchr(text + at, '\n', len - at);
        size_t line_len = newline ? (size_t)(newline - text - at) : len - at;
        size_t next = at + line_len + (newline ? 1 : 0);
        if (newline && line_len > 0 && text[at + line_len - 1] == '\r')
            line_len--;
        line_number++;
        int separator = separator_kind(text + at, line_len, origin, line_number, err);
        if (separator < 0) {
            status = err ? err->code : CELM_EPARSE;
        } else if (separator > 0) {
            if (document.len > 0)
                status = merge_document(arena, &document, first_line, origin, out, err);
            document.len = 0;
            first_line = line_number + 1;
        } else {
            celm_buffer_append(&document, text + at, line_len);
            celm_buffer_append_char(&document, '\n');
        }
        at = next;
    }
    if (*out && status == CELM_OK && document.len > 0)
        status = merge_document(arena, &document, first_line, origin, out, err);
    if (document.failed || (!*out && status == CELM_OK))
        status = celm_error_set(err, CELM_ENOMEM, "out of memory reading values");
    celm_buffer_free(&document);
    return status;
}
