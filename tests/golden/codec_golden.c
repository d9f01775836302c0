/* codec_golden.c: checks celm's YAML/JSON/%v codecs against outputs recorded from helm template.
 *
 * Each case directory holds values.yaml, a one-action template.yaml and expected.out (helm's
 * stdout). The action is one of {{ toYaml PATH }}, {{ toJson PATH }} or {{ PATH }}, with PATH
 * .Values[.key...]; this harness evaluates it with the codecs alone and frames the text the way
 * helm template v4 prints a single-document chart. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "celm/celm.h"

typedef enum action_kind { ACTION_TO_YAML, ACTION_TO_JSON, ACTION_PRINT } action_kind;

typedef struct template_action {
    action_kind kind;
    char path[256];
    size_t start, end;      /* byte range of "{{ ... }}" in the template */
} template_action;

static char *read_file(const char *path, size_t *len)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (data && fread(data, 1, (size_t)size, file) != (size_t)size) {
        free(data);
        data = NULL;
    }
    fclose(file);
    if (data) {
        data[size] = '\0';
        *len = (size_t)size;
    }
    return data;
}

static int parse_action(const char *text, template_action *action)
{
    const char *open = strstr(text, "{{");
    const char *close = open ? strstr(open, "}}") : NULL;
    if (!open || !close || strstr(close + 2, "{{"))
        return 0;
    char inner[512];
    size_t len = (size_t)(close - open - 2);
    if (len >= sizeof inner)
        return 0;
    memcpy(inner, open + 2, len);
    inner[len] = '\0';
    char word[64], path[256];
    action->start = (size_t)(open - text);
    action->end = (size_t)(close + 2 - text);
    if (sscanf(inner, " %63s %255s", word, path) == 2 && strcmp(word, "toYaml") == 0)
        action->kind = ACTION_TO_YAML;
    else if (sscanf(inner, " %63s %255s", word, path) == 2 && strcmp(word, "toJson") == 0)
        action->kind = ACTION_TO_JSON;
    else if (sscanf(inner, " %255s", path) == 1)
        action->kind = ACTION_PRINT;
    else
        return 0;
    snprintf(action->path, sizeof action->path, "%s", path);
    return strncmp(action->path, ".Values", 7) == 0;
}

/* Later documents override earlier ones; maps merge key by key (Helm v4 values files). */
static celm_value *merge_documents(celm_arena *arena, celm_value *base, const celm_value *over)
{
    if (over->kind == CELM_VALUE_NULL)
        return base;
    if (!base || base->kind != CELM_VALUE_MAP || over->kind != CELM_VALUE_MAP)
        return (celm_value *)over;
    for (size_t i = 0; i < over->as.map.count; i++) {
        const celm_map_entry *entry = &over->as.map.entries[i];
        celm_value *current = celm_map_get(base, entry->key.data, entry->key.len);
        celm_value *merged = current && current->kind == CELM_VALUE_MAP && entry->value->kind == CELM_VALUE_MAP
                                 ? merge_documents(arena, current, entry->value)
                                 : entry->value;
        celm_map_set(arena, base, entry->key.data, entry->key.len, merged);
    }
    return base;
}

/* Coalescing drops keys whose default is null (in nested maps, not inside lists). */
static void drop_null_keys(celm_value *value)
{
    if (value->kind != CELM_VALUE_MAP)
        return;
    for (size_t i = 0; i < value->as.map.count;) {
        celm_map_entry *entry = &value->as.map.entries[i];
        if (entry->value->kind == CELM_VALUE_NULL) {
            celm_map_remove(value, entry->key.data, entry->key.len);
            continue;
        }
        drop_null_keys(entry->value);
        i++;
    }
}

static const celm_value *lookup_path(const celm_value *values, const char *path)
{
    const celm_value *current = values;
    const char *cursor = path + strlen(".Values");
    while (current && *cursor == '.') {
        const char *next = strchr(cursor + 1, '.');
        size_t len = next ? (size_t)(next - cursor - 1) : strlen(cursor + 1);
        current = celm_map_get(current, cursor + 1, len);
        cursor += len + 1;
    }
    return current;
}

static celm_string evaluate(celm_arena *arena, const template_action *action, const celm_value *value)
{
    celm_string out = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    static const celm_value null_value = {CELM_VALUE_NULL, 0, {0}};
    if (!value)
        value = &null_value;
    if (action->kind == ACTION_PRINT && value->kind == CELM_VALUE_NULL)
        return out;
    if (action->kind == ACTION_PRINT) {
        celm_format_go(arena, value, &out);
    } else if (action->kind == ACTION_TO_JSON) {
        if (celm_json_emit(arena, value, 0, &out, &err) != CELM_OK)
            out.data = "", out.len = 0;
    } else if (celm_yaml_emit(arena, value, &out, &err) != CELM_OK) {
        out.data = "", out.len = 0;
    } else if (out.len && out.data[out.len - 1] == '\n') {
        out.len--;
    }
    return out;
}

static void append(char **buffer, size_t *len, const char *bytes, size_t count)
{
    *buffer = realloc(*buffer, *len + count + 1);
    memcpy(*buffer + *len, bytes, count);
    *len += count;
    (*buffer)[*len] = '\0';
}

/* Go's unicode.IsSpace for the runes a rendered file can start or end with. */
static size_t space_width(const char *s, size_t len)
{
    static const char *const spaces[] = {"\t", "\n", "\v", "\f", "\r", " ", "\xC2\x85", "\xC2\xA0",
                                         "\xE1\x9A\x80", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\xAF",
                                         "\xE2\x81\x9F", "\xE3\x80\x80"};
    for (size_t i = 0; i < sizeof spaces / sizeof spaces[0]; i++) {
        size_t width = strlen(spaces[i]);
        if (width <= len && memcmp(s, spaces[i], width) == 0)
            return width;
    }
    if (len >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] >= 0x80 && (unsigned char)s[2] <= 0x8A)
        return 3;
    return 0;
}

static size_t trailing_space(const char *s, size_t len)
{
    for (size_t width = 1; width <= 3 && width <= len; width++)
        if (space_width(s + len - width, width) == width)
            return width;
    return 0;
}

/* The template output with "<no value>" removed, framed as helm template prints one document. */
static char *frame_output(const char *rendered, size_t len, size_t *out_len)
{
    char *clean = NULL;
    size_t clean_len = 0;
    append(&clean, &clean_len, "", 0);
    for (size_t at = 0; at < len;) {
        if (len - at >= 10 && memcmp(rendered + at, "<no value>", 10) == 0) {
            at += 10;
            continue;
        }
        append(&clean, &clean_len, rendered + at, 1);
        at++;
    }
    size_t start = 0, width;
    while (start < clean_len && (width = space_width(clean + start, clean_len - start)))
        start += width;
    size_t end = clean_len;
    while (end > start && (width = trailing_space(clean + start, end - start)))
        end -= width;
    char *framed = NULL;
    *out_len = 0;
    if (end > start) {
        const char *header = "---\n# Source: golden/templates/t.yaml\n";
        append(&framed, out_len, header, strlen(header));
        append(&framed, out_len, clean + start, end - start);
    }
    append(&framed, out_len, "\n", 1);
    free(clean);
    return framed;
}

static int run_case(const char *directory, const char *name)
{
    char path[4096];
    size_t values_len, template_len, expected_len;
    snprintf(path, sizeof path, "%s/%s/values.yaml", directory, name);
    char *values_text = read_file(path, &values_len);
    snprintf(path, sizeof path, "%s/%s/template.yaml", directory, name);
    char *template_text = read_file(path, &template_len);
    snprintf(path, sizeof path, "%s/%s/expected.out", directory, name);
    char *expected = read_file(path, &expected_len);
    template_action action;
    int passed = 0;
    celm_arena *arena = celm_arena_create();
    celm_error err = CELM_ERROR_INIT;
    celm_value *documents = NULL;
    if (!values_text || !template_text || !expected || !parse_action(template_text, &action)) {
        fprintf(stderr, "FAIL %s: case files missing or template not understood\n", name);
    } else if (celm_yaml_parse(arena, values_text, values_len, "values.yaml", CELM_YAML_ALL_DOCUMENTS,
                               &documents, &err) != CELM_OK) {
        fprintf(stderr, "FAIL %s: %s\n", name, err.message);
    } else {
        celm_value *values = celm_value_map(arena, 0);
        for (size_t i = 0; i < documents->as.list.count; i++)
            values = merge_documents(arena, values, documents->as.list.items[i]);
        drop_null_keys(values);
        celm_string text = evaluate(arena, &action, lookup_path(values, action.path));
        char *rendered = NULL;
        size_t rendered_len = 0;
        append(&rendered, &rendered_len, template_text, action.start);
        append(&rendered, &rendered_len, text.data, text.len);
        append(&rendered, &rendered_len, template_text + action.end, template_len - action.end);
        size_t actual_len;
        char *actual = frame_output(rendered, rendered_len, &actual_len);
        passed = actual_len == expected_len && memcmp(actual, expected, actual_len) == 0;
        if (!passed)
            fprintf(stderr, "FAIL %s\n--- expected\n%s--- actual\n%s---\n", name, expected, actual);
        free(rendered);
        free(actual);
    }
    celm_arena_destroy(arena);
    free(values_text);
    free(template_text);
    free(expected);
    return passed;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: codec_golden CASES_DIRECTORY\n");
        return 2;
    }
    DIR *dir = opendir(argv[1]);
    if (!dir) {
        perror(argv[1]);
        return 2;
    }
    char *names[4096];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && count < 4096)
        if (entry->d_name[0] != '.' && entry->d_type == DT_DIR)
            names[count++] = strdup(entry->d_name);
    closedir(dir);
    qsort(names, count, sizeof names[0], compare_names);
    size_t passed = 0;
    for (size_t i = 0; i < count; i++) {
        passed += (size_t)run_case(argv[1], names[i]);
        free(names[i]);
    }
    printf("%zu passed, %zu failed\n", passed, count - passed);
    return count && passed == count ? 0 : 1;
}
