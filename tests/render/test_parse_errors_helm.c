/* test_parse_errors_helm.c: celm's template parse errors, worded as Helm words them, against the
 * lines helm v4.2.4 printed for the same templates (parse_errors/, recorded by record-parse-errors). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_host.h"
#include "gotmpl.h"

/* The chart and template path record-parse-errors gives helm. */
#define TEMPLATE_NAME "c/templates/t.yaml"

typedef struct function_names {
    char *data;         /* the file, with each name NUL-terminated in place */
    char **names;
    size_t count;
} function_names;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (data && fread(data, 1, (size_t)size, f) != (size_t)size) {
        free(data);
        data = NULL;
    }
    if (data)
        data[size] = '\0';
    fclose(f);
    *len = (size_t)size;
    return data;
}

static function_names load_function_names(const char *path)
{
    function_names functions = {0};
    size_t len;
    functions.data = read_file(path, &len);
    if (!functions.data) {
        perror(path);
        exit(2);
    }
    functions.names = calloc(len + 1, sizeof *functions.names);
    char *rest = NULL;
    for (char *line = strtok_r(functions.data, "\n", &rest); line; line = strtok_r(NULL, "\n", &rest))
        if (line[0] != '#')
            functions.names[functions.count++] = line;
    return functions;
}

static int lookup(void *payload, const char *name, size_t len, const void **function)
{
    const function_names *functions = payload;
    for (size_t i = 0; i < functions->count; i++) {
        if (strlen(functions->names[i]) == len && memcmp(functions->names[i], name, len) == 0) {
            *function = functions->names[i];
            return 1;
        }
    }
    return 0;
}

/* The line celm prints for the template, as helm's `Error: ` line. */
static void celm_error_line(const char *text, size_t len, function_names *functions, char *out, size_t capacity)
{
    celm_arena *arena = test_arena_create();
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.lookup = lookup;
    options.lookup_payload = functions;
    celm_gotmpl_file file;
    celm_error err = CELM_ERROR_INIT;
    if (celm_gotmpl_parse(test_host(), arena, TEMPLATE_NAME, text, len, &options, &file, &err) == 0) {
        snprintf(out, capacity, "(celm parsed the template without error)\n");
    } else {
        char message[2048];
        celm_gotmpl_helm_parse_error(TEMPLATE_NAME, err.message, message, sizeof message);
        snprintf(out, capacity, "Error: %s\n", message);
    }
    test_arena_destroy(arena);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NNN-name.tpl files of the directory, sorted. */
static size_t list_templates(const char *directory, char ***out)
{
    DIR *dir = opendir(directory);
    if (!dir) {
        perror(directory);
        exit(2);
    }
    size_t count = 0, capacity = 0;
    char **names = NULL;
    for (struct dirent *entry; (entry = readdir(dir)) != NULL;) {
        size_t len = strlen(entry->d_name);
        if (len < 5 || strcmp(entry->d_name + len - 4, ".tpl") != 0)
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 128;
            names = realloc(names, capacity * sizeof *names);
        }
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, compare_names);
    *out = names;
    return count;
}

static int check_template(const char *directory, const char *name, function_names *functions)
{
    char path[4096], actual[4096];
    size_t text_len, expected_len;
    snprintf(path, sizeof path, "%s/%s", directory, name);
    char *text = read_file(path, &text_len);
    snprintf(path + strlen(path) - 4, 5, ".err");
    char *expected = read_file(path, &expected_len);
    if (!text || !expected) {
        fprintf(stderr, "FAIL %s: cannot read the template or its recorded .err\n", name);
        free(text);
        free(expected);
        return 0;
    }
    celm_error_line(text, text_len, functions, actual, sizeof actual);
    int same = strcmp(actual, expected) == 0;
    if (!same)
        fprintf(stderr, "FAIL %s\n  helm: %s  celm: %s", name, expected, actual);
    free(text);
    free(expected);
    return same;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s parse_errors/ helm_functions.txt\n", argv[0]);
        return 2;
    }
    function_names functions = load_function_names(argv[2]);
    char **templates;
    size_t count = list_templates(argv[1], &templates), passed = 0;
    for (size_t i = 0; i < count; i++) {
        passed += (size_t)check_template(argv[1], templates[i], &functions);
        free(templates[i]);
    }
    free(templates);
    free(functions.names);
    free(functions.data);
    printf("%zu passed, %zu failed\n", passed, count - passed);
    return count > 0 && passed == count ? 0 : 1;
}
