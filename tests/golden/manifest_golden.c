/* manifest_golden.c: checks what `helm template` does around rendering against outputs recorded
 * from helm v4.2.4. The charts' templates are static, so their text stands for the rendered output.
 *   manifest_golden DIR             splitting, sorting, hooks and printing (tests/golden/manifest)
 *   manifest_golden --pipeline DIR  also chart loading, user values and dependency processing:
 *                                   conditions, tags and aliases decide which templates appear */
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

static void add_file(file_list *list, const char *name, const char *data, size_t len)
{
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 16;
        list->files = realloc(list->files, list->capacity * sizeof *list->files);
    }
    list->files[list->count++] = (celm_render_output){name, data, len};
}

static void add_chart_templates(celm_arena *arena, const celm_chart *chart, file_list *list)
{
    const char *prefix = celm_chart_full_path(chart);
    for (size_t i = 0; i < chart->template_count; i++) {
        const celm_chart_file *file = &chart->templates[i];
        add_file(list, celm_arena_printf(arena, "%s/%s", prefix, file->name), celm_arena_strndup(arena, file->data, file->len),
                 file->len);
    }
    for (size_t i = 0; i < chart->dependency_count; i++)
        add_chart_templates(arena, chart->dependencies[i], list);
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
            add_file(list, celm_arena_printf(arena, "golden/%s", child), celm_arena_strndup(arena, data, len), len);
            free(data);
        }
    }
    closedir(dir);
}

typedef struct case_flags {
    celm_template_output_options output;
    const char *values[16];         /* --set */
    size_t value_count;
    const char *value_files[16];    /* -f, relative to the case directory */
    size_t value_file_count;
} case_flags;

static void parse_args(celm_arena *arena, const char *text, const char *case_dir, case_flags *flags)
{
    const char **patterns = celm_arena_alloc(arena, 16 * sizeof *patterns);
    char word[256], operand[256];
    int consumed;
    flags->output.show_only = patterns;
    while (text && sscanf(text, "%255s%n", word, &consumed) == 1) {
        text += consumed;
        if (strcmp(word, "--skip-tests") == 0)
            flags->output.skip_tests = 1;
        else if (strcmp(word, "--no-hooks") == 0)
            flags->output.no_hooks = 1;
        else if (sscanf(text, "%255s%n", operand, &consumed) == 1) {
            text += consumed;
            const char *copy = celm_arena_strndup(arena, operand, strlen(operand));
            if (strcmp(word, "-s") == 0)
                patterns[flags->output.show_only_count++] = copy;
            else if (strcmp(word, "--set") == 0)
                flags->values[flags->value_count++] = copy;
            else if (strcmp(word, "-f") == 0)
                flags->value_files[flags->value_file_count++] = celm_arena_printf(arena, "%s/%s", case_dir, copy);
        }
    }
}

/* Chart loading, dependency checks and processing, then each chart's templates under its full
 * path, as the renderer would name its output. Returns an error text as helm's CLI prints it. */
static const char *load_pipeline(celm_arena *arena, const char *case_dir, const case_flags *flags, file_list *list)
{
    celm_chart *chart;
    celm_error err = CELM_ERROR_INIT;
    const char *path = celm_arena_printf(arena, "%s/chart", case_dir);
    if (celm_chart_load(&chart, path, &err) != CELM_OK)
        return celm_arena_printf(arena, "Error: %s\n", err.message);
    const char *error = NULL;
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.values = flags->values, options.value_count = flags->value_count;
    options.value_files = flags->value_files, options.value_file_count = flags->value_file_count;
    celm_value *user;
    if (celm_chart_check_dependencies(chart, &err) != CELM_OK)
        error = celm_arena_printf(arena, "Error: an error occurred while checking for chart dependencies. You may need "
                                  "to run 'helm dependency build' to fetch missing dependencies: %s\n", err.message);
    else if (celm_values_merge_user(arena, &options, &user, &err) != CELM_OK)
        error = celm_arena_printf(arena, "Error: %s\n", err.message);
    else if (celm_chart_process_dependencies(chart, user, NULL, NULL, &err) != CELM_OK)
        error = celm_arena_printf(arena, "Error: chart dependencies processing failed: %s\n", err.message);
    else
        add_chart_templates(arena, chart, list);
    celm_chart_free(chart);
    return error;
}

/* What `celm template` prints: stdout text, or the error line(s) as helm's CLI prints them. */
static void render_case(celm_arena *arena, const file_list *list, const case_flags *flags, celm_string *out,
                        const char **error)
{
    celm_sorted_release release;
    celm_error err = CELM_ERROR_INIT;
    *error = NULL;
    if (celm_manifests_sort(arena, list->files, list->count, "golden", 0, NULL, NULL, &release, &err) != CELM_OK) {
        *error = celm_arena_printf(arena, "Error: %s\n\nUse --debug flag to render out invalid YAML\n", err.message);
        return;
    }
    celm_string manifest;
    celm_manifest_text(arena, &release, NULL, &manifest);
    if (celm_template_output(arena, &release, &manifest, &flags->output, out, &err) != CELM_OK)
        *error = celm_arena_printf(arena, "Error: %s\n", err.message);
}

static int pipeline_mode;

static int run_case(const char *cases, const char *name)
{
    char path[4096];
    celm_arena *arena = celm_arena_create();
    file_list list = {0};
    size_t args_len = 0, expected_len = 0, error_len = 0;
    snprintf(path, sizeof path, "%s/%s/args", cases, name);
    char *args = read_file(path, &args_len);
    snprintf(path, sizeof path, "%s/%s/expected.out", cases, name);
    char *expected = read_file(path, &expected_len);
    snprintf(path, sizeof path, "%s/%s/expected.err", cases, name);
    char *expected_error = read_file(path, &error_len);
    celm_string out = {"", 0};
    const char *error = NULL;
    case_flags flags = {0};
    const char *case_dir = celm_arena_printf(arena, "%s/%s", cases, name);
    parse_args(arena, args, case_dir, &flags);
    if (pipeline_mode) {
        error = load_pipeline(arena, case_dir, &flags, &list);
    } else {
        snprintf(path, sizeof path, "%s/%s/chart", cases, name);
        collect(arena, path, "", &list);
    }
    if (!error)
        render_case(arena, &list, &flags, &out, &error);
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
    pipeline_mode = argc == 3 && strcmp(argv[1], "--pipeline") == 0;
    if (argc != 2 + pipeline_mode) {
        fprintf(stderr, "usage: manifest_golden [--pipeline] CASES_DIRECTORY\n");
        return 2;
    }
    const char *cases_dir = argv[1 + pipeline_mode];
    DIR *dir = opendir(cases_dir);
    if (!dir) {
        perror(cases_dir);
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
        passed += (size_t)run_case(cases_dir, names[i]);
        free(names[i]);
    }
    printf("%zu passed, %zu failed\n", passed, count - passed);
    return count && passed == count ? 0 : 1;
}
