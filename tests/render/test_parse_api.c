/* test_parse_api.c: what the executor gets from the template front end: trees per file, function
 * handles, variable slots, Go's node texts and error positions, Helm's error wording, template sets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_host.h"
#include "check.h"
#include "gotmpl.h"

static const char *const known_functions[] = {"include", "quote", "printf", "toYaml", NULL};

static int lookup(void *payload, const char *name, size_t len, const void **function)
{
    (void)payload;
    for (size_t i = 0; known_functions[i]; i++) {
        if (strlen(known_functions[i]) == len && memcmp(known_functions[i], name, len) == 0) {
            *function = &known_functions[i];
            return 1;
        }
    }
    return 0;
}

static celm_gotmpl_parse_options helm_like_options(void)
{
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.lookup = lookup;
    return options;
}

/* Parses text and returns the tree named `name` (the main one when NULL); fails the case on error. */
static const celm_gotmpl_tree *parse_tree(celm_arena *arena, const char *text, const char *name)
{
    celm_gotmpl_parse_options options = helm_like_options();
    celm_gotmpl_file file;
    celm_error err = CELM_ERROR_INIT;
    if (celm_gotmpl_parse(test_host(), arena, "c/templates/t.yaml", text, strlen(text), &options,
                          &file, &err) != 0) {
        check_fail(__FILE__, __LINE__, "parse failed: %s", err.message);
        return NULL;
    }
    const char *wanted = name ? name : "c/templates/t.yaml";
    for (size_t i = 0; i < file.count; i++)
        if (file.trees[i]->name.len == strlen(wanted) && memcmp(file.trees[i]->name.data, wanted, strlen(wanted)) == 0)
            return file.trees[i];
    check_fail(__FILE__, __LINE__, "no tree named %s", wanted);
    return NULL;
}

static int parse_error(const char *text, const celm_gotmpl_parse_options *options, celm_error *err)
{
    celm_arena *arena = test_arena_create();
    celm_gotmpl_file file;
    int status = celm_gotmpl_parse(test_host(), arena, "t", text, strlen(text), options, &file, err);
    test_arena_destroy(arena);
    return status;
}

static const char *format(const celm_gotmpl_node *node, unsigned flags)
{
    static char buffer[1024];
    celm_gotmpl_node_format(node, flags, buffer, sizeof buffer);
    return buffer;
}

static const celm_gotmpl_pipe *action_pipe(const celm_gotmpl_tree *tree, size_t index)
{
    return ((const celm_gotmpl_action *)tree->root->items[index])->pipe;
}

static void a_file_yields_its_body_and_its_definitions(void)
{
    celm_arena *arena = test_arena_create();
    celm_gotmpl_parse_options options = helm_like_options();
    celm_gotmpl_file file;
    celm_error err = CELM_ERROR_INIT;
    const char *text = "{{define \"a\"}}A{{end}}x{{block \"b\" .}}B{{end}}";
    CHECK_INT(celm_gotmpl_parse(test_host(), arena, "f.yaml", text, strlen(text), &options, &file, &err), 0);
    CHECK_INT(file.count, 3);
    CHECK_MEM(file.trees[0]->name.data, file.trees[0]->name.len, "a", 1);
    CHECK_MEM(file.trees[1]->name.data, file.trees[1]->name.len, "b", 1);
    CHECK_MEM(file.trees[2]->name.data, file.trees[2]->name.len, "f.yaml", 6);
    for (size_t i = 0; i < file.count; i++) {
        CHECK_MEM(file.trees[i]->parse_name.data, file.trees[i]->parse_name.len, "f.yaml", 6);
        CHECK_MEM(file.trees[i]->text.data, file.trees[i]->text.len, text, strlen(text));
    }
    CHECK_STR(format(&file.trees[2]->root->node, 0), "x{{template \"b\" .}}");
    test_arena_destroy(arena);
}

static void the_text_is_copied(void)
{
    celm_arena *arena = test_arena_create();
    char text[] = "hello {{.X}}";
    const celm_gotmpl_tree *tree = parse_tree(arena, text, NULL);
    memset(text, '#', sizeof text - 1);
    CHECK_STR(format(&tree->root->node, 0), "hello {{.X}}");
    test_arena_destroy(arena);
}

static void identifiers_carry_the_looked_up_function(void)
{
    celm_arena *arena = test_arena_create();
    const celm_gotmpl_tree *tree = parse_tree(arena, "{{ quote .X | printf }}", NULL);
    const celm_gotmpl_pipe *pipe = action_pipe(tree, 0);
    CHECK(((const celm_gotmpl_identifier *)pipe->commands[0]->args[0])->function == &known_functions[1]);
    CHECK(((const celm_gotmpl_identifier *)pipe->commands[1]->args[0])->function == &known_functions[2]);
    test_arena_destroy(arena);
}

static void skipping_the_function_check_keeps_unknown_names(void)
{
    celm_arena *arena = test_arena_create();
    celm_gotmpl_parse_options options = helm_like_options();
    options.flags = CELM_GOTMPL_SKIP_FUNCTION_CHECK;
    celm_gotmpl_file file;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_gotmpl_parse(test_host(), arena, "t", "{{nope 1}}", 10, &options, &file, &err), 0);
    const celm_gotmpl_pipe *pipe = ((const celm_gotmpl_action *)file.trees[0]->root->items[0])->pipe;
    CHECK(((const celm_gotmpl_identifier *)pipe->commands[0]->args[0])->function == NULL);
    test_arena_destroy(arena);
}

static uint32_t slot_of(const celm_gotmpl_tree *tree, size_t action)
{
    return ((const celm_gotmpl_variable *)action_pipe(tree, action)->commands[0]->args[0])->scope_slot;
}

static void variables_carry_their_scope_slot(void)
{
    celm_arena *arena = test_arena_create();
    const celm_gotmpl_tree *tree = parse_tree(arena, "{{$a := 1}}{{$b := 2}}{{$a}}{{$b}}{{$}}{{$a := 3}}{{$a.x}}", NULL);
    CHECK_INT(action_pipe(tree, 0)->decls[0]->scope_slot, 1);
    CHECK_INT(action_pipe(tree, 1)->decls[0]->scope_slot, 2);
    CHECK_INT(slot_of(tree, 2), 1);
    CHECK_INT(slot_of(tree, 3), 2);
    CHECK_INT(slot_of(tree, 4), 0);
    CHECK_INT(slot_of(tree, 6), 3);     /* the innermost $a, through a field chain too */
    const celm_gotmpl_tree *defined = parse_tree(arena, "{{$x := 1}}{{define \"d\"}}{{$y := 2}}{{$y}}{{end}}", "d");
    CHECK_INT(slot_of(defined, 1), 1);  /* a definition starts with only $ in scope */
    test_arena_destroy(arena);
}

static void range_declarations_and_assignments(void)
{
    celm_arena *arena = test_arena_create();
    const celm_gotmpl_tree *tree = parse_tree(arena, "{{range $i, $v := .}}{{end}}{{$x := 0}}{{$x = 1}}", NULL);
    const celm_gotmpl_branch *range = (const celm_gotmpl_branch *)tree->root->items[0];
    CHECK_INT(range->node.kind, CELM_GOTMPL_NODE_RANGE);
    CHECK_INT(range->pipe->decl_count, 2);
    CHECK_INT(range->pipe->is_assign, 0);
    CHECK_INT(action_pipe(tree, 2)->is_assign, 1);
    CHECK_INT(action_pipe(tree, 2)->decls[0]->scope_slot, 2);  /* `=` also pushes the name, as in Go */
    celm_gotmpl_slice value = ((const celm_gotmpl_string *)
        action_pipe(parse_tree(arena, "{{\"a\\tb\"}}", NULL), 0)->commands[0]->args[0])->value;
    CHECK_MEM(value.data, value.len, "a\tb", 3);
    test_arena_destroy(arena);
}

static void nodes_print_as_go_prints_them(void)
{
    celm_arena *arena = test_arena_create();
    const celm_gotmpl_tree *tree = parse_tree(
        arena, "{{ .Values.image.tag }}{{ (include \"x\" .).a.b }}{{ $v := .X | quote }}{{ template `t` $v }}"
               "{{ if .A }}a\n{{ else if .B }}b{{ end }}", NULL);
    const celm_gotmpl_pipe *first = action_pipe(tree, 0);
    CHECK_STR(format(first->commands[0]->args[0], 0), ".Values.image.tag");
    CHECK_STR(format(tree->root->items[1], 0), "{{(include \"x\" .).a.b}}");
    CHECK_STR(format(tree->root->items[2], 0), "{{$v := .X | quote}}");
    CHECK_STR(format(tree->root->items[3], 0), "{{template \"t\" $v}}");
    CHECK_STR(format(tree->root->items[4], 0), "{{if .A}}a\n{{else}}{{if .B}}b{{end}}{{end}}");
    CHECK_STR(format(tree->root->items[4], CELM_GOTMPL_FORMAT_QUOTE_TEXT),
              "{{if .A}}\"a\\n\"{{else}}{{if .B}}\"b\"{{end}}{{end}}");
    test_arena_destroy(arena);
}

static void formatting_reports_the_full_length_when_truncated(void)
{
    celm_arena *arena = test_arena_create();
    const celm_gotmpl_tree *tree = parse_tree(arena, "{{ .Values.image.repository }}", NULL);
    char small[8];
    CHECK_INT(celm_gotmpl_node_format(tree->root->items[0], 0, small, sizeof small), 28);
    CHECK_STR(small, "{{.Valu");
    test_arena_destroy(arena);
}

static void error_context_is_line_and_byte_column(void)
{
    celm_arena *arena = test_arena_create();
    const celm_gotmpl_tree *tree = parse_tree(arena, "a: {{ .X.Y }}\nb:\n  c: {{ quote .Z }}", NULL);
    uint32_t line, column;
    const celm_gotmpl_node *field = action_pipe(tree, 1)->commands[0]->args[0];
    celm_gotmpl_error_context(tree, field, &line, &column);
    CHECK_INT(line, 1);
    CHECK_INT(column, 8);   /* a field chain sits at its second field, as in Go */
    const celm_gotmpl_node *argument = action_pipe(tree, 3)->commands[0]->args[1];
    celm_gotmpl_error_context(tree, argument, &line, &column);
    CHECK_INT(line, 3);
    CHECK_INT(column, 14);
    CHECK_INT(argument->line, 3);
    test_arena_destroy(arena);
}

static void parse_errors_fill_the_error(void)
{
    celm_gotmpl_parse_options options = helm_like_options();
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(parse_error("a\nb\n{{ nope }}", &options, &err), CELM_EPARSE);
    CHECK_STR(err.message, "template: t:3: function \"nope\" not defined");
    CHECK_INT(err.line, 3);
    CHECK_STR(err.origin, "t");
    CHECK_INT(parse_error("{{ .X ", NULL, &err), CELM_EPARSE);
    CHECK_STR(err.message, "template: t:1: unclosed action");
}

static void helm_rewords_parse_errors(void)
{
    char out[256];
    celm_gotmpl_helm_parse_error("c/t.yaml", "template: c/t.yaml:3: function \"x\" not defined", out, sizeof out);
    CHECK_STR(out, "parse error at (c/t.yaml:3): function \"x\" not defined");
    celm_gotmpl_helm_parse_error("c/t.yaml", "template: c/t.yaml:1: bad number syntax: \"3k\"", out, sizeof out);
    CHECK_STR(out, "parse error at (c/t.yaml:1): \"3k\"");
    celm_gotmpl_helm_parse_error("c/t.yaml", "no separator here", out, sizeof out);
    CHECK_STR(out, "parse error in (c/t.yaml): no separator here");
    CHECK_INT(celm_gotmpl_helm_parse_error("c/t.yaml", "template: c/t.yaml:1: x", out, 4), 30);
    CHECK_STR(out, "par");
}

static void go_s_paren_depth_limit_holds_without_overflowing(void)
{
    size_t depth = CELM_GOTMPL_MAX_PAREN_DEPTH;
    char *text = malloc(2 * depth + 8);
    memcpy(text, "{{", 2);
    memset(text + 2, '(', depth);
    text[2 + depth] = '1';
    memset(text + 3 + depth, ')', depth);
    strcpy(text + 3 + 2 * depth, "}}");
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(parse_error(text, NULL, &err), 0);
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.max_paren_depth = 3;   /* what parse_test.go sets */
    CHECK_INT(parse_error("{{ ((( 1 ))) }}", &options, &err), 0);
    CHECK_INT(parse_error("{{ (((( 1 )))) | printf }}", &options, &err), CELM_EPARSE);
    CHECK_STR(err.message, "template: t:1: max expression depth exceeded");
    free(text);
}

static void deep_nesting_stops_with_an_error_instead_of_overflowing(void)
{
    size_t depth = CELM_GOTMPL_MAX_NESTING_DEPTH;
    char *text = malloc(17 * (depth + 1) + 1), *p = text;
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "{{if .}}");
    for (size_t i = 0; i < depth; i++)
        p += sprintf(p, "{{end}}");
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(parse_error(text, NULL, &err), 0);
    p = text;
    for (size_t i = 0; i <= depth; i++)
        p += sprintf(p, "{{if .}}");
    CHECK_INT(parse_error(text, NULL, &err), CELM_EPARSE);
    CHECK_STR(err.message, "template: t:1: max nesting depth exceeded");
    free(text);
}

static void other_delimiters_and_comments(void)
{
    celm_arena *arena = test_arena_create();
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.left_delimiter = "[[";
    options.right_delimiter = "]]";
    options.flags = CELM_GOTMPL_PARSE_COMMENTS;
    celm_gotmpl_file file;
    celm_error err = CELM_ERROR_INIT;
    const char *text = "{{x}} [[- /* c */ -]] [[.Y]]";
    CHECK_INT(celm_gotmpl_parse(test_host(), arena, "t", text, strlen(text), &options, &file, &err), 0);
    CHECK_STR(format(&file.trees[0]->root->node, 0), "{{x}}{{/* c */}}{{.Y}}");
    CHECK_INT(file.trees[0]->root->items[1]->kind, CELM_GOTMPL_NODE_COMMENT);
    test_arena_destroy(arena);
}

static void emptiness_is_go_s(void)
{
    celm_arena *arena = test_arena_create();
    CHECK(celm_gotmpl_is_empty(&parse_tree(arena, " \t\n{{/* c */}}\xc2\xa0\xe3\x80\x80", NULL)->root->node));
    CHECK(!celm_gotmpl_is_empty(&parse_tree(arena, " x ", NULL)->root->node));
    CHECK(!celm_gotmpl_is_empty(&parse_tree(arena, "{{if .}}{{end}}", NULL)->root->node));
    CHECK(celm_gotmpl_is_empty(NULL));
    test_arena_destroy(arena);
}

static celm_gotmpl_file parse_file(celm_arena *arena, const char *name, const char *text)
{
    celm_gotmpl_parse_options options = helm_like_options();
    celm_gotmpl_file file = {0};
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_gotmpl_parse(test_host(), arena, name, text, strlen(text), &options, &file, &err), 0);
    return file;
}

static const char *body_of(const celm_gotmpl_set *set, const char *name)
{
    const celm_gotmpl_tree *tree = celm_gotmpl_set_find(set, name, strlen(name));
    return tree ? format(&tree->root->node, 0) : "(none)";
}

static void a_set_follows_text_template_s_associate(void)
{
    celm_arena *arena = test_arena_create();
    celm_gotmpl_set *set;
    CHECK_INT(celm_gotmpl_set_create(test_host(), arena, &set), 0);
    celm_gotmpl_file helpers = parse_file(arena, "c/templates/_helpers.tpl", "{{define \"x\"}}first{{end}}");
    celm_gotmpl_file later = parse_file(arena, "c/templates/a.yaml", "{{define \"x\"}}second{{end}}a");
    celm_gotmpl_file empty = parse_file(arena, "c/templates/b.yaml", "{{define \"x\"}} {{end}}");
    CHECK_INT(celm_gotmpl_set_add(set, &helpers), 0);
    CHECK_INT(celm_gotmpl_set_add(set, &later), 0);
    CHECK_INT(celm_gotmpl_set_add(set, &empty), 0);
    CHECK_STR(body_of(set, "x"), "second");     /* a later definition wins, an empty one never */
    CHECK_STR(body_of(set, "c/templates/a.yaml"), "a");
    CHECK_STR(body_of(set, "c/templates/_helpers.tpl"), "");
    CHECK_STR(body_of(set, "missing"), "(none)");
    CHECK_INT(celm_gotmpl_set_count(set), 4);
    test_arena_destroy(arena);
}

static void a_set_grows(void)
{
    celm_arena *arena = test_arena_create();
    celm_gotmpl_set *set;
    CHECK_INT(celm_gotmpl_set_create(test_host(), arena, &set), 0);
    char name[32], text[64];
    for (int i = 0; i < 500; i++) {
        snprintf(name, sizeof name, "f%d.yaml", i);
        snprintf(text, sizeof text, "{{define \"d%d\"}}%d{{end}}", i, i);
        celm_gotmpl_file file = parse_file(arena, name, text);
        CHECK_INT(celm_gotmpl_set_add(set, &file), 0);
    }
    CHECK_INT(celm_gotmpl_set_count(set), 1000);
    CHECK_STR(body_of(set, "d437"), "437");
    test_arena_destroy(arena);
}

CHECK_CASES(CASE(a_file_yields_its_body_and_its_definitions), CASE(the_text_is_copied),
            CASE(identifiers_carry_the_looked_up_function),
            CASE(skipping_the_function_check_keeps_unknown_names), CASE(variables_carry_their_scope_slot),
            CASE(range_declarations_and_assignments), CASE(nodes_print_as_go_prints_them),
            CASE(formatting_reports_the_full_length_when_truncated), CASE(error_context_is_line_and_byte_column),
            CASE(parse_errors_fill_the_error), CASE(helm_rewords_parse_errors),
            CASE(go_s_paren_depth_limit_holds_without_overflowing),
            CASE(deep_nesting_stops_with_an_error_instead_of_overflowing), CASE(other_delimiters_and_comments),
            CASE(emptiness_is_go_s), CASE(a_set_follows_text_template_s_associate), CASE(a_set_grows))
