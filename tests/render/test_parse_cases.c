/* test_parse_cases.c: every case of parse_cases.txt (inputs with the trees or errors Go's
 * text/template/parse produces for them, recorded by gotree/main.go) parsed by celm_gotmpl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_host.h"
#include "gotmpl.h"
#include "tree_dump.h"

#define MAX_FUNCS 128
#define MAX_LINES 64

typedef struct parse_case {
    char name[256];
    char *input;
    size_t input_len;
    const char *funcs[MAX_FUNCS];
    size_t func_lens[MAX_FUNCS];
    size_t func_count;
    unsigned flags;
    char left[16], right[16];
    const char *expect[MAX_LINES];
    size_t expect_count;
    int line;               /* where the case starts in the file */
} parse_case;

static int lookup(void *payload, const char *name, size_t len, const void **function)
{
    const parse_case *c = payload;
    for (size_t i = 0; i < c->func_count; i++) {
        if (c->func_lens[i] == len && memcmp(c->funcs[i], name, len) == 0) {
            *function = c->funcs[i];
            return 1;
        }
    }
    return 0;
}

/* A Go-quoted string from the case file; the result is malloc'd. */
static char *unquote(const char *quoted, size_t *len)
{
    size_t quoted_len = strlen(quoted);
    char *scratch = malloc(3 * quoted_len + 1);
    const char *value;
    if (!scratch || celm_gotmpl_unquote(quoted, quoted_len, scratch, &value, len) < 0) {
        fprintf(stderr, "cannot unquote %s\n", quoted);
        exit(2);
    }
    char *copy = malloc(*len + 1);
    memcpy(copy, value, *len);
    copy[*len] = '\0';
    free(scratch);
    return copy;
}

/* Function names separated by spaces; the names stay in the file's buffer. */
static void set_funcs(parse_case *c, char *list)
{
    char *rest = NULL;
    c->func_count = 0;
    for (char *word = strtok_r(list, " ", &rest); word && c->func_count < MAX_FUNCS;
         word = strtok_r(NULL, " ", &rest)) {
        c->funcs[c->func_count] = word;
        c->func_lens[c->func_count++] = strlen(word);
    }
}

/* parse_test.go's function map, used unless a case has a `funcs:` line. */
static void set_default_funcs(parse_case *c)
{
    static const char *const defaults[] = {"printf", "contains"};
    c->func_count = 2;
    for (size_t i = 0; i < 2; i++) {
        c->funcs[i] = defaults[i];
        c->func_lens[i] = strlen(defaults[i]);
    }
}

static void set_flags(parse_case *c, const char *list)
{
    if (strstr(list, "comments"))
        c->flags |= CELM_GOTMPL_PARSE_COMMENTS;
    if (strstr(list, "skipfuncs"))
        c->flags |= CELM_GOTMPL_SKIP_FUNCTION_CHECK;
}

/* Two Go-quoted strings separated by a space. */
static void set_delims(parse_case *c, char *list)
{
    size_t end = 1, len;
    while (list[end] && list[end] != '"')
        end += list[end] == '\\' ? 2 : 1;
    list[end + 1] = '\0';
    char *left = unquote(list, &len), *right = unquote(list + end + 2, &len);
    snprintf(c->left, sizeof c->left, "%s", left);
    snprintf(c->right, sizeof c->right, "%s", right);
    free(left);
    free(right);
}

/* Reads one line of a case; returns 0 when the line starts the next case. */
static int read_case_line(parse_case *c, char *line)
{
    if (strncmp(line, "== ", 3) == 0)
        return 0;
    if (line[0] == '\0' || line[0] == '#')
        return 1;
    if (strncmp(line, "input: ", 7) == 0)
        c->input = unquote(line + 7, &c->input_len);
    else if (strncmp(line, "funcs:", 6) == 0)
        set_funcs(c, line + 6);
    else if (strncmp(line, "flags:", 6) == 0)
        set_flags(c, line + 6);
    else if (strncmp(line, "delims: ", 8) == 0)
        set_delims(c, line + 8);
    else if (c->expect_count < MAX_LINES)
        c->expect[c->expect_count++] = line;
    return 1;
}

static int compare_names(const void *a, const void *b)
{
    const celm_gotmpl_tree *x = *(celm_gotmpl_tree *const *)a, *y = *(celm_gotmpl_tree *const *)b;
    size_t n = x->name.len < y->name.len ? x->name.len : y->name.len;
    int order = memcmp(x->name.data, y->name.data, n);
    return order ? order : (x->name.len > y->name.len) - (x->name.len < y->name.len);
}

static void append_line(test_text *out, const char *prefix, const celm_gotmpl_tree *tree,
                        const celm_gotmpl_node *node, int as_dump)
{
    test_text value = {0};
    test_text_append(out, prefix, strlen(prefix));
    test_text_append_quoted(out, tree->name.data, tree->name.len);
    test_text_append(out, ": ", 2);
    test_text_append_node(&value, node, as_dump, CELM_GOTMPL_FORMAT_QUOTE_TEXT);
    test_text_append_quoted(out, value.data ? value.data : "", value.len);
    test_text_append(out, "\n", 1);
    test_text_free(&value);
}

/* What celm makes of the case, in the file's expectation syntax. */
static test_text run_case(parse_case *c)
{
    test_text out = {0};
    celm_arena *arena = test_arena_create();
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.flags = c->flags;
    options.lookup = lookup;
    options.lookup_payload = c;
    options.left_delimiter = c->left;
    options.right_delimiter = c->right;
    celm_gotmpl_file file;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_gotmpl_parse(test_host(), arena, c->name, c->input ? c->input : "",
                                   c->input_len, &options, &file, &err);
    if (status != 0) {
        test_text_append(&out, "error: ", 7);
        test_text_append_quoted(&out, err.message, strlen(err.message));
        test_text_append(&out, "\n", 1);
    } else {
        qsort(file.trees, file.count, sizeof *file.trees, compare_names);
        for (size_t i = 0; i < file.count; i++)
            append_line(&out, "tree ", file.trees[i], &file.trees[i]->root->node, 0);
        for (size_t i = 0; i < file.count; i++)
            append_line(&out, "nodes ", file.trees[i], &file.trees[i]->root->node, 1);
    }
    test_arena_destroy(arena);
    return out;
}

static int check_case(parse_case *c, const char *path)
{
    test_text expected = {0};
    for (size_t i = 0; i < c->expect_count; i++) {
        test_text_append(&expected, c->expect[i], strlen(c->expect[i]));
        test_text_append(&expected, "\n", 1);
    }
    test_text actual = run_case(c);
    int same = expected.len == actual.len && memcmp(expected.data, actual.data, actual.len) == 0;
    if (!same || c->expect_count == 0)
        fprintf(stderr, "FAIL %s:%d: %s\n  expected:\n%s  actual:\n%s", path, c->line, c->name,
                expected.data ? expected.data : "(nothing)\n", actual.data ? actual.data : "");
    test_text_free(&expected);
    test_text_free(&actual);
    free(c->input);
    return same && c->expect_count > 0;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)size + 1);
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size)
        exit(2);
    data[size] = '\0';
    fclose(f);
    return data;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s parse_cases.txt\n", argv[0]);
        return 2;
    }
    char *data = read_file(argv[1]);
    size_t passed = 0, failed = 0;
    int line_number = 0;
    parse_case *c = NULL;
    for (char *line = data; ; ) {
        char *newline = line ? strchr(line, '\n') : NULL;
        if (newline)
            *newline = '\0';
        line_number++;
        if (line && *line == '\0' && !newline)
            line = NULL;    /* the end of the file */
        if (line && c && read_case_line(c, line)) {
            line = newline ? newline + 1 : NULL;
            continue;
        }
        if (c) {
            check_case(c, argv[1]) ? passed++ : failed++;
            free(c);
            c = NULL;
        }
        if (!line)
            break;
        if (strncmp(line, "== ", 3) == 0) {
            c = calloc(1, sizeof *c);
            snprintf(c->name, sizeof c->name, "%s", line + 3);
            set_default_funcs(c);
            c->line = line_number;
        }
        line = newline ? newline + 1 : NULL;
    }
    free(data);
    printf("%zu passed, %zu failed\n", passed, failed);
    return failed || passed == 0 ? 1 : 0;
}
