/* test_exec_cases.c: every case of exec_cases.txt executed by celm's template executor and compared
 * with the output and error Go's text/template (or, for `mode: helm`, helm v4.2.4's engine) gave
 * for it, as goexec/main.go recorded them.
 *
 *     render_exec_cases exec_cases.txt [case-name]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "exec_test_data.h"
#include "gotmpl_exec.h"
#include "gotmpl_function_tables.h"
#include "gotmpl_text.h"
#include "test_host.h"

#define MAX_FILES 16
#define MAX_RESULTS 32

typedef struct named_text {
    char *name;
    char *text;
    size_t len;
} named_text;

/* One expectation or result: "output" (with a file name in helm mode) or "error". */
typedef struct result {
    const char *kind;
    char *name;
    char *text;
    size_t len;
} result;

typedef struct exec_case {
    char name[256];
    int line;
    named_text files[MAX_FILES];
    size_t file_count;
    char data[32];
    int missing_key_error, helm, lint;
    result expect[MAX_RESULTS];
    size_t expect_count;
} exec_case;

/* --- reading the case file ---------------------------------------------------------------------------- */
/* The Go-quoted string at the start of text; *end is set past it. The result is malloc'd. */
static char *unquote(const char *text, size_t *len, const char **end)
{
    size_t i = 1;
    while (text[0] == '"' && text[i] && text[i] != '"')
        i += text[i] == '\\' && text[i + 1] ? 2 : 1;
    if (text[0] != '"' || text[i] != '"') {
        fprintf(stderr, "not a quoted string: %s\n", text);
        exit(2);
    }
    char *scratch = malloc(3 * (i + 1) + 1);
    const char *value;
    if (!scratch || celm_gotmpl_unquote(text, i + 1, scratch, &value, len) < 0) {
        fprintf(stderr, "cannot unquote %.*s\n", (int)(i + 1), text);
        exit(2);
    }
    char *copy = malloc(*len + 1);
    memcpy(copy, value, *len);
    copy[*len] = '\0';
    free(scratch);
    if (end)
        *end = text + i + 1;
    return copy;
}

static void add_file(exec_case *c, const char *name, const char *quoted)
{
    if (c->file_count == MAX_FILES) {
        fprintf(stderr, "case %s: too many files\n", c->name);
        exit(2);
    }
    named_text *file = &c->files[c->file_count++];
    file->name = strdup(name);
    file->text = unquote(quoted, &file->len, NULL);
}

static void add_expectation(exec_case *c, const char *kind, const char *rest)
{
    result *r = &c->expect[c->expect_count++];
    const char *end;
    r->kind = kind;
    r->name = NULL;
    r->text = unquote(rest, &r->len, &end);
    if (c->helm && strcmp(kind, "output") == 0 && *end == ' ') {
        r->name = r->text;
        r->text = unquote(end + 1, &r->len, NULL);
    }
}

static void read_line(exec_case *c, char *line)
{
    const char *end;
    size_t len;
    if (strncmp(line, "template: ", 10) == 0) {
        add_file(c, "t", line + 10);
    } else if (strncmp(line, "file: ", 6) == 0) {
        char *name = unquote(line + 6, &len, &end);
        add_file(c, name, end + 1);
        free(name);
    } else if (strncmp(line, "data: ", 6) == 0) {
        snprintf(c->data, sizeof c->data, "%s", line + 6);
    } else if (strcmp(line, "missingkey: error") == 0) {
        c->missing_key_error = 1;
    } else if (strcmp(line, "mode: helm") == 0) {
        c->helm = 1;
    } else if (strcmp(line, "lint: true") == 0) {
        c->lint = 1;
    } else if (strncmp(line, "output: ", 8) == 0 && c->expect_count < MAX_RESULTS) {
        add_expectation(c, "output", line + 8);
    } else if (strncmp(line, "error: ", 7) == 0 && c->expect_count < MAX_RESULTS) {
        add_expectation(c, "error", line + 7);
    } else {
        fprintf(stderr, "case %s: unknown line %s\n", c->name, line);
        exit(2);
    }
}

static exec_case *read_cases(const char *path, size_t *count)
{
    FILE *file = fopen(path, "r");
    if (!file) {
        perror(path);
        exit(2);
    }
    size_t capacity = 64, line_number = 0;
    exec_case *cases = calloc(capacity, sizeof *cases);
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t got;
    *count = 0;
    while ((got = getline(&line, &line_capacity, file)) >= 0) {
        line_number++;
        if (got > 0 && line[got - 1] == '\n')
            line[--got] = '\0';
        if (strncmp(line, "== ", 3) == 0) {
            if (*count == capacity)
                cases = realloc(cases, (capacity *= 2) * sizeof *cases);
            exec_case *c = memset(&cases[(*count)++], 0, sizeof *cases);
            snprintf(c->name, sizeof c->name, "%s", line + 3);
            snprintf(c->data, sizeof c->data, "main");
            c->line = (int)line_number;
        } else if (*count && line[0] && line[0] != '#') {
            read_line(&cases[*count - 1], line);
        }
    }
    free(line);
    fclose(file);
    return cases;
}

/* --- running a case ----------------------------------------------------------------------------------- */
/* Results, with their texts copied into the case's arena. */
typedef struct results {
    celm_arena *arena;
    result items[MAX_RESULTS];
    size_t count;
} results;

static void add_result(results *r, const char *kind, const char *name, const char *text, size_t len)
{
    const celm_host *host = test_host();
    if (r->count < MAX_RESULTS)
        r->items[r->count++] = (result){kind, name ? host->arena_strndup(r->arena, name, strlen(name)) : NULL,
                                        host->arena_strndup(r->arena, text, len), len};
}

static gotmpl_exec *new_exec(gotmpl_runtime *runtime, const exec_case *c)
{
    static const gotmpl_func_table *go_tables[] = {&exec_test_functions, NULL};
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    options.tables = c->helm ? gotmpl_helm_function_tables : go_tables;
    options.missing_key_error = c->missing_key_error;
    options.lint_mode = c->lint;
    gotmpl_exec *exec = NULL;
    if (gotmpl_exec_create(runtime, &options, &exec) != CELM_OK)
        check_fail(__FILE__, __LINE__, "gotmpl_exec_create failed");
    return exec;
}

static void run_go_case(gotmpl_runtime *runtime, const exec_case *c, results *actual)
{
    gotmpl_exec *exec = new_exec(runtime, c);
    celm_error err = CELM_ERROR_INIT;
    for (size_t i = 0; exec && i < c->file_count; i++) {
        if (gotmpl_exec_add_file(exec, c->files[i].name, c->files[i].text, c->files[i].len, &err) != CELM_OK) {
            add_result(actual, "error", NULL, err.message, strlen(err.message));
            return;
        }
    }
    gotmpl_value data = exec_test_data(runtime, c->data);
    celm_string out = {"", 0};
    int status = exec ? gotmpl_exec_run(exec, "t", 1, &data, &out, &err) : CELM_EFAIL;
    add_result(actual, "output", NULL, out.data, out.len);
    if (status != CELM_OK) {
        celm_string message = gotmpl_exec_error_message(exec);
        add_result(actual, "error", NULL, message.data, message.len);
    }
}

/* Helm's render order (sortTemplates): deeper paths first, then reverse bytewise. */
static int helm_order(const void *left, const void *right)
{
    const char *a = *(char *const *)left, *b = *(char *const *)right;
    int depth_a = 0, depth_b = 0;
    for (const char *p = a; *p; p++)
        depth_a += *p == '/';
    for (const char *p = b; *p; p++)
        depth_b += *p == '/';
    if (depth_a != depth_b)
        return depth_b - depth_a;
    return strcmp(b, a);
}

static int by_name(const void *left, const void *right)
{
    return strcmp(((const result *)left)->name, ((const result *)right)->name);
}

static gotmpl_value helm_dot(gotmpl_runtime *runtime, const exec_case *c, const char *file)
{
    gotmpl_value dot = gotmpl_map_new(runtime, GT_MAP, 4);
    gotmpl_value release = gotmpl_map_new(runtime, GT_MAP, 1), template_info = gotmpl_map_new(runtime, GT_MAP, 2);
    gotmpl_map_set(runtime, release.as.map, "Name", 4, gotmpl_string("r", 1));
    gotmpl_map_set(runtime, template_info.as.map, "Name", 4, gotmpl_string(file, strlen(file)));
    gotmpl_map_set(runtime, template_info.as.map, "BasePath", 8, gotmpl_string("c/templates", 11));
    gotmpl_map_set(runtime, dot.as.map, "Values", 6, exec_test_data(runtime, c->data));
    gotmpl_map_set(runtime, dot.as.map, "Release", 7, release);
    gotmpl_map_set(runtime, dot.as.map, "Template", 8, template_info);
    return dot;
}

static const named_text *file_named(const exec_case *c, const char *full_name)
{
    for (size_t i = 0; i < c->file_count; i++)
        if (strcmp(full_name + 2, c->files[i].name) == 0)
            return &c->files[i];
    return NULL;
}

/* Helm's "<no value>" removal, in place. */
static size_t strip_no_value(char *text, size_t len)
{
    size_t kept = 0;
    for (size_t i = 0; i < len;) {
        if (len - i >= 10 && memcmp(text + i, "<no value>", 10) == 0) {
            i += 10;
            continue;
        }
        text[kept++] = text[i++];
    }
    return kept;
}

static void run_helm_case(gotmpl_runtime *runtime, const exec_case *c, results *actual)
{
    gotmpl_exec *exec = new_exec(runtime, c);
    char *names[MAX_FILES];
    for (size_t i = 0; i < c->file_count; i++) {
        names[i] = malloc(strlen(c->files[i].name) + 3);
        sprintf(names[i], "c/%s", c->files[i].name);
    }
    qsort(names, c->file_count, sizeof names[0], helm_order);
    celm_error err = CELM_ERROR_INIT;
    results outputs = {actual->arena, {{0}}, 0};
    size_t i = 0;
    for (; exec && i < c->file_count; i++) {
        const named_text *file = file_named(c, names[i]);
        if (gotmpl_exec_add_file(exec, names[i], file->text, file->len, &err) != CELM_OK) {
            char message[2048];
            celm_gotmpl_helm_parse_error(names[i], err.message, message, sizeof message);
            add_result(actual, "error", NULL, message, strlen(message));
            goto done;
        }
    }
    for (i = 0; exec && i < c->file_count; i++) {
        const char *base = strrchr(names[i], '/');
        if (base[1] == '_')
            continue;
        gotmpl_value dot = helm_dot(runtime, c, names[i]);
        celm_string out = {"", 0};
        if (gotmpl_exec_run(exec, names[i], strlen(names[i]), &dot, &out, &err) != CELM_OK) {
            celm_string message;
            gotmpl_exec_helm_error(exec, names[i], &message);
            add_result(actual, "error", NULL, message.data, message.len);
            goto done;
        }
        add_result(&outputs, "output", names[i], out.data, strip_no_value((char *)out.data, out.len));
    }
    qsort(outputs.items, outputs.count, sizeof outputs.items[0], by_name);
    for (i = 0; i < outputs.count; i++)
        actual->items[actual->count++] = outputs.items[i];
done:
    for (i = 0; i < c->file_count; i++)
        free(names[i]);
}

/* Returns 1 when the case's results differ from its expectations. */
static int compare(const exec_case *c, const results *actual)
{
    int differs = actual->count != c->expect_count;
    size_t count = actual->count > c->expect_count ? actual->count : c->expect_count;
    for (size_t i = 0; i < count; i++) {
        const result *want = i < c->expect_count ? &c->expect[i] : NULL;
        const result *got = i < actual->count ? &actual->items[i] : NULL;
        if (!want || !got || strcmp(want->kind, got->kind) != 0) {
            check_fail(__FILE__, __LINE__, "case %s (line %d): result %zu is %s, expected %s", c->name, c->line, i,
                       got ? got->kind : "missing", want ? want->kind : "nothing");
            if (got)
                fprintf(stderr, "  actual: %.*s\n", (int)got->len, got->text);
            differs = 1;
            continue;
        }
        differs |= got->len != want->len || memcmp(got->text, want->text, got->len) != 0;
        if (want->name && (!got->name || strcmp(want->name, got->name) != 0))
            check_fail(__FILE__, __LINE__, "case %s: output file %s, expected %s", c->name,
                       got->name ? got->name : "?", want->name);
        check_string_equal(c->name, c->line, want->kind, got->text, got->len, want->text, want->len);
    }
    return differs;
}

static const char *case_file;
static const char *only_case;

static void every_case_matches_go(void)
{
    size_t count, ran = 0, differing = 0;
    exec_case *cases = read_cases(case_file, &count);
    CHECK(count > 0);
    for (size_t i = 0; i < count; i++) {
        exec_case *c = &cases[i];
        if (only_case && strcmp(only_case, c->name) != 0)
            continue;
        celm_arena *arena = test_arena_create();
        gotmpl_runtime *runtime = NULL;
        results actual = {arena, {{0}}, 0};
        if (gotmpl_runtime_create(test_host(), arena, &runtime) != CELM_OK) {
            check_fail(__FILE__, __LINE__, "gotmpl_runtime_create failed");
        } else {
            if (c->helm)
                run_helm_case(runtime, c, &actual);
            else
                run_go_case(runtime, c, &actual);
            differing += (size_t)compare(c, &actual);
            ran++;
        }
        test_arena_destroy(arena);
    }
    CHECK(ran > 0);
    printf("%zu cases run, %zu differ from Go\n", ran, differing);
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < cases[i].file_count; j++) {
            free(cases[i].files[j].name);
            free(cases[i].files[j].text);
        }
        for (size_t j = 0; j < cases[i].expect_count; j++) {
            free(cases[i].expect[j].text);
            free(cases[i].expect[j].name);
        }
    }
    free(cases);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s exec_cases.txt [case-name]\n", argv[0]);
        return 2;
    }
    case_file = argv[1];
    only_case = argc > 2 ? argv[2] : NULL;
    static const check_case cases[] = {CASE(every_case_matches_go)};
    return check_run(cases, sizeof cases / sizeof cases[0]);
}
