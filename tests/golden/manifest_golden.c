/* manifest_golden.c: checks manifest splitting, sorting, hooks and `helm template` printing against
 * outputs recorded from helm v4.2.4 (tests/golden/manifest). The charts' templates are static, so
 * their files stand for the rendered output and only what follows rendering is exercised. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "celm/celm.h"

typedef struct file_list {
    celm_render_output *files;
    size_t count;
    size_t capacity;
} file_list;

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

/* Every file under a templates/ directory of the chart or its subcharts, named as Helm names them. */
static void collect(celm_arena *arena, const char *root, const char *relative, file_list *list)
{
    char path[8192];
    snprintf(path, sizeof path, "%.4000s/%.2000s", root, relative);
    DIR *dir = opendir(path);
    if (!dir)
        return;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char child[2048];
        snprintf(child, sizeof child, "%.1000s%s%.255s", relative, *relative ? "/" : "", entry->d_name);
        snprintf(path, sizeof path, "%.4000s/%s", root, child);
        struct stat info;
        if (stat(path, &info) != 0)
            continue;
        if (S_ISDIR(info.st_mode)) {
            collect(arena, root, child, list);
        } else if (strstr(child, "templates/")) {
            size_t len;
            char *data = read_file(path, &len);
            if (list->count == list->capacity) {
                list->capacity = list->capacity ? list->capacity * 2 : 16;
                list->files = realloc(list->files, list->capacity * sizeof *list->files);
            }
            list->files[list->count++] = (celm_render_output){celm_arena_printf(arena, "golden/%s", child),
                                                              celm_arena_strndup(arena, data, len), len};
            free(data);
        }
    }
    closedir(dir);
}

static void parse_args(celm_arena *arena, const char *text, celm_template_output_options *options)
{
    const char **patterns = celm_arena_alloc(arena, 16 * sizeof *patterns);
    char word[256];
    int consumed;
    options->show_only = patterns;
    while (text && sscanf(text, "%255s%n", word, &consumed) == 1) {
        text += consumed;
        if (strcmp(word, "--skip-tests") == 0)
            options->skip_tests = 1;
        else if (strcmp(word, "--no-hooks") == 0)
            options->no_hooks = 1;
        else if (strcmp(word, "-s") == 0 && sscanf(text, "%255s%n", word, &consumed) == 1) {
            text += consumed;
            patterns[options->show_only_count++] = celm_arena_strndup(arena, word, strlen(word));
        }
    }
}

/* What `celm template` prints: stdout text, or the error line(s) as helm's CLI prints them. */
static void render_case(celm_arena *arena, const file_list *list, const char *args, celm_string *out,
                        const char **error)
{
    celm_sorted_release release;
    celm_error err = CELM_ERROR_INIT;
    celm_template_output_options options = {0};
    parse_args(arena, args, &options);
    *error = NULL;
    if (celm_manifests_sort(arena, list->files, list->count, "golden", 0, NULL, NULL, &release, &err) != CELM_OK) {
        *error = celm_arena_printf(arena, "Error: %s\n\nUse --debug flag to render out invalid YAML\n", err.message);
        return;
    }
    celm_string manifest;
    celm_manifest_text(arena, &release, NULL, &manifest);
    if (celm_template_output(arena, &release, &manifest, &options, out, &err) != CELM_OK)
        *error = celm_arena_printf(arena, "Error: %s\n", err.message);
}

static int run_case(const char *cases, const char *name)
{
    char path[4096];
    celm_arena *arena = celm_arena_create();
    file_list list = {0};
    snprintf(path, sizeof path, "%s/%s/chart", cases, name);
    collect(arena, path, "", &list);
    size_t args_len = 0, expected_len = 0, error_len = 0;
    snprintf(path, sizeof path, "%s/%s/args", cases, name);
    char *args = read_file(path, &args_len);
    snprintf(path, sizeof path, "%s/%s/expected.out", cases, name);
    char *expected = read_file(path, &expected_len);
    snprintf(path, sizeof path, "%s/%s/expected.err", cases, name);
    char *expected_error = read_file(path, &error_len);
    celm_string out = {"", 0};
    const char *error;
    render_case(arena, &list, args, &out, &error);
    int passed;
    if (expected_error)
        passed = error && strcmp(error, expected_error) == 0;
    else
        passed = !error && expected && out.len == expected_len && memcmp(out.data, expected, expected_len) == 0;
    if (!passed)
        fprintf(stderr, "FAIL %s\n--- expected\n%s--- actual\n%s---\n", name,
                expected_error ? expected_error : expected ? expected : "(missing)", error ? error : out.data);
    free(args), free(expected), free(expected_error), free(list.files);
    celm_arena_destroy(arena);
    return passed;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: manifest_golden CASES_DIRECTORY\n");
        return 2;
    }
    DIR *dir = opendir(argv[1]);
    if (!dir) {
        perror(argv[1]);
        return 2;
    }
    char *names[1024];
    size_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && count < 1024)
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
