/* strvals_golden.c: checks celm's user values (-f and the --set family) against helm template's output.
 *
 * Each case directory holds `flags` (one "FLAG VALUE" a line), the files they name, an optional
 * `stdin`, and what helm v4.2.4 printed for `helm template t <chart> FLAGS...` over a chart whose
 * values.yaml is empty and whose one template is `v: {{ toJson .Values }}`: expected.out, and
 * expected.err when helm failed (see tests/strvals/record). This harness builds the values with
 * celm_values_merge_user inside the case directory and prints what helm would. The chart has no
 * defaults, so Helm's coalescing only copies the user values: nothing is removed, not even nulls. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "celm/celm.h"

#define MAX_FLAGS 64

typedef struct case_flags {
    const char *lists[6][MAX_FLAGS];    /* per flag kind, in command-line order */
    size_t counts[6];
} case_flags;

enum { FLAG_VALUES, FLAG_JSON, FLAG_SET, FLAG_STRING, FLAG_FILE, FLAG_LITERAL };

static const char *const flag_names[6] = {"-f", "--set-json", "--set", "--set-string", "--set-file",
                                          "--set-literal"};

static char *read_file(const char *path, size_t *len)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    char *data = NULL;
    size_t size = 0, capacity = 0, got;
    char chunk[4096];
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) {
        if (size + got + 1 > capacity) {
            capacity = (size + got + 1) * 2;
            data = realloc(data, capacity);
        }
        memcpy(data + size, chunk, got);
        size += got;
    }
    fclose(file);
    if (!data)
        data = calloc(1, 1);
    data[size] = '\0';
    *len = size;
    return data;
}

/* Splits the flags text in place; each line is "FLAG VALUE" (the value may be empty). */
static int parse_flags(char *text, case_flags *flags)
{
    memset(flags, 0, sizeof *flags);
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        char *next = end ? end + 1 : line + strlen(line);
        if (end)
            *end = '\0';
        char *space = strchr(line, ' ');
        if (space)
            *space = '\0';
        int kind = -1;
        for (int i = 0; i < 6; i++)
            if (strcmp(line, flag_names[i]) == 0)
                kind = i;
        if (kind < 0 || flags->counts[kind] == MAX_FLAGS)
            return 0;
        flags->lists[kind][flags->counts[kind]++] = space ? space + 1 : "";
        line = next;
    }
    return 1;
}

static void append(char **buffer, size_t *len, const char *bytes, size_t count)
{
    *buffer = realloc(*buffer, *len + count + 1);
    memcpy(*buffer + *len, bytes, count);
    *len += count;
    (*buffer)[*len] = '\0';
}

/* What helm prints: the one rendered document on stdout, or "Error: ..." on stderr. */
static void render(const case_flags *flags, FILE *input, char **out, size_t *out_len, char **err_text,
                   size_t *err_len)
{
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.value_files = flags->lists[FLAG_VALUES], options.value_file_count = flags->counts[FLAG_VALUES];
    options.json_values = flags->lists[FLAG_JSON], options.json_value_count = flags->counts[FLAG_JSON];
    options.values = flags->lists[FLAG_SET], options.value_count = flags->counts[FLAG_SET];
    options.string_values = flags->lists[FLAG_STRING], options.string_value_count = flags->counts[FLAG_STRING];
    options.file_values = flags->lists[FLAG_FILE], options.file_value_count = flags->counts[FLAG_FILE];
    options.literal_values = flags->lists[FLAG_LITERAL], options.literal_value_count = flags->counts[FLAG_LITERAL];
    options.standard_input = input;
    celm_arena *arena = celm_arena_create();
    celm_error err = CELM_ERROR_INIT;
    celm_value *values;
    celm_string json;
    append(out, out_len, "", 0);
    append(err_text, err_len, "", 0);
    if (celm_values_merge_user(arena, &options, &values, &err) != CELM_OK ||
        celm_json_emit(arena, values, 0, &json, &err) != CELM_OK) {
        append(err_text, err_len, "Error: ", 7);
        append(err_text, err_len, err.message, strlen(err.message));
        append(err_text, err_len, "\n", 1);
    } else {
        const char *header = "---\n# Source: strvals/templates/t.yaml\nv: ";
        append(out, out_len, header, strlen(header));
        append(out, out_len, json.data, json.len);
        append(out, out_len, "\n", 1);
    }
    celm_arena_destroy(arena);
}

static int same(const char *what, const char *name, const char *expected, size_t expected_len,
                const char *actual, size_t actual_len)
{
    if (expected_len == actual_len && memcmp(expected, actual, actual_len) == 0)
        return 1;
    fprintf(stderr, "FAIL %s (%s)\n--- expected\n%s--- actual\n%s---\n", name, what, expected, actual);
    return 0;
}

static int run_case(const char *directory, const char *name)
{
    char path[4096];
    size_t flags_len, out_len, err_len, actual_out_len = 0, actual_err_len = 0;
    snprintf(path, sizeof path, "%s/%s", directory, name);
    int home = open(".", O_RDONLY | O_DIRECTORY);
    if (home < 0 || chdir(path) != 0) {
        fprintf(stderr, "FAIL %s: cannot enter %s\n", name, path);
        if (home >= 0)
            close(home);
        return 0;
    }
    char *flags_text = read_file("flags", &flags_len);
    char *expected_out = read_file("expected.out", &out_len);
    char *expected_err = read_file("expected.err", &err_len);
    FILE *input = fopen(access("stdin", F_OK) == 0 ? "stdin" : "/dev/null", "rb");
    char *actual_out = NULL, *actual_err = NULL;
    case_flags flags;
    int passed = 0;
    if (!flags_text || !expected_out || !input || !parse_flags(flags_text, &flags)) {
        fprintf(stderr, "FAIL %s: flags, expected.out or stdin unreadable, or a flag not understood\n", name);
    } else {
        render(&flags, input, &actual_out, &actual_out_len, &actual_err, &actual_err_len);
        passed = same("stdout", name, expected_out, out_len, actual_out, actual_out_len) &&
                 same("stderr", name, expected_err ? expected_err : "", expected_err ? err_len : 0,
                      actual_err, actual_err_len);
    }
    if (input)
        fclose(input);
    if (fchdir(home) != 0)
        passed = 0;
    close(home);
    free(flags_text);
    free(expected_out);
    free(expected_err);
    free(actual_out);
    free(actual_err);
    return passed;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: strvals_golden CASES_DIRECTORY\n");
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
