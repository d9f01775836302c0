/* test_yaml_parse.c: YAML reading as Helm reads values (go-yaml v2 scalars, then JSON rules). */
#include <stdio.h>

#include "celm/celm.h"
#include "check.h"

static celm_value *parse_flags(celm_arena *arena, const char *text, unsigned flags)
{
    celm_value *value = NULL;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_yaml_parse(arena, text, strlen(text), "values.yaml", flags, &value, &err);
    if (status != CELM_OK)
        check_fail(__FILE__, __LINE__, "parse failed: %s", err.message);
    return value;
}

static celm_value *parse(celm_arena *arena, const char *text)
{
    return parse_flags(arena, text, 0);
}

static const char *as_json(celm_arena *arena, const celm_value *value)
{
    celm_string out = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    if (!value || celm_json_emit(arena, value, 0, &out, &err) != CELM_OK)
        return "<error>";
    return out.data;
}

static void yaml_1_1_words_resolve(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v = parse(arena, "a: yes\nb: Off\nc: y\nd: ~\ne: NULL\nf: 'yes'\ng: TRUE\nh: nO\ni:\n");
    CHECK_STR(as_json(arena, v), "{\"a\":true,\"b\":false,\"c\":true,\"d\":null,\"e\":null,\"f\":\"yes\",\"g\":true,\"h\":\"nO\",\"i\":null}");
    celm_arena_destroy(arena);
}

static void numbers_become_float64(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v = parse(arena, "a: 010\nb: 0x1F\nc: 1_000\nd: 0b101\ne: 1e3\nf: .5\ng: +12\nh: 09\ni: -0\nj: 0o17\n");
    CHECK_INT(celm_map_cget(v, "a")->kind, CELM_VALUE_FLOAT);
    CHECK_STR(as_json(arena, v), "{\"a\":8,\"b\":31,\"c\":1000,\"d\":5,\"e\":1000,\"f\":0.5,\"g\":12,\"h\":9,\"i\":0,\"j\":15}");
    celm_value *kept = parse_flags(arena, "a: 3\nb: 1.5\n", CELM_YAML_KEEP_INTEGERS);
    CHECK_INT(celm_map_cget(kept, "a")->kind, CELM_VALUE_INT);
    CHECK_INT(celm_map_cget(kept, "b")->kind, CELM_VALUE_FLOAT);
    celm_arena_destroy(arena);
}

static void timestamps_and_odd_numbers_stay_strings(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v = parse(arena, "a: 2001-12-14\nb: 1:20\nc: 1.2.3\nd: 0x\ne: 12abc\n");
    CHECK_STR(as_json(arena, v), "{\"a\":\"2001-12-14\",\"b\":\"1:20\",\"c\":\"1.2.3\",\"d\":\"0x\",\"e\":\"12abc\"}");
    celm_arena_destroy(arena);
}

static void non_string_keys_become_json_keys(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v = parse(arena, "1: a\ntrue: b\n010: c\n3.14159265358979: d\n");
    CHECK_STR(as_json(arena, v), "{\"1\":\"a\",\"3.1415927\":\"d\",\"8\":\"c\",\"true\":\"b\"}");
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_yaml_parse(arena, "~: x\n", 5, "v.yaml", 0, &v, &err), CELM_EPARSE);
    CHECK(strstr(err.message, "unsupported map key of type") != NULL);
    celm_arena_destroy(arena);
}

static void anchors_aliases_and_merge_keys(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v = parse(arena,
                          "base: &base {a: 1, b: 2}\n"
                          "other: &other {b: 3, c: 4}\n"
                          "one:\n  <<: *base\n  b: 9\n"
                          "many:\n  <<: [*base, *other]\n"
                          "copy: *base\n");
    CHECK_STR(as_json(arena, celm_map_cget(v, "one")), "{\"a\":1,\"b\":9}");
    CHECK_STR(as_json(arena, celm_map_cget(v, "many")), "{\"a\":1,\"b\":2,\"c\":4}");
    CHECK_STR(as_json(arena, celm_map_cget(v, "copy")), "{\"a\":1,\"b\":2}");
    celm_arena_destroy(arena);
}

static void explicit_tags(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v = parse(arena, "a: !!str 123\nb: !!float 3\nc: !!binary aGVsbG8=\nd: !custom 5\n");
    CHECK_STR(as_json(arena, v), "{\"a\":\"123\",\"b\":3,\"c\":\"hello\",\"d\":\"5\"}");
    celm_value *bad;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_yaml_parse(arena, "a: !!int abc\n", 13, "v.yaml", 0, &bad, &err), CELM_EPARSE);
    CHECK_STR(err.message, "yaml: cannot decode !!str `abc` as a !!int");
    celm_arena_destroy(arena);
}

static void only_the_first_document_unless_asked(void)
{
    celm_arena *arena = celm_arena_create();
    const char *text = "a: 1\n---\nb: 2\n---\n";
    CHECK_STR(as_json(arena, parse(arena, text)), "{\"a\":1}");
    CHECK_STR(as_json(arena, parse_flags(arena, text, CELM_YAML_ALL_DOCUMENTS)), "[{\"a\":1},{\"b\":2},null]");
    CHECK_INT(parse(arena, "")->kind, CELM_VALUE_NULL);
    CHECK_INT(parse(arena, "# only a comment\n")->kind, CELM_VALUE_NULL);
    celm_arena_destroy(arena);
}

static void syntax_errors_read_like_go_yaml(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v;
    celm_error err = CELM_ERROR_INIT;
    const char *text = "a: 1\nb: c: d\n";
    CHECK_INT(celm_yaml_parse(arena, text, strlen(text), "values.yaml", 0, &v, &err), CELM_EPARSE);
    CHECK_STR(err.message, "yaml: line 2: mapping values are not allowed in this context");
    CHECK_STR(err.origin, "values.yaml");
    CHECK_INT(err.line, 2);
    celm_error_clear(&err);
    text = "a:\n  - b\n  c: d\n";
    CHECK_INT(celm_yaml_parse(arena, text, strlen(text), "values.yaml", 0, &v, &err), CELM_EPARSE);
    CHECK_STR(err.message, "yaml: line 2: did not find expected '-' indicator");
    celm_arena_destroy(arena);
}

static void alias_bombs_are_refused(void)
{
    celm_arena *arena = celm_arena_create();
    char text[4096];
    size_t at = (size_t)snprintf(text, sizeof text, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int level = 1; level < 10; level++)
        at += (size_t)snprintf(text + at, sizeof text - at,
                               "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n",
                               level, level, level - 1, level - 1, level - 1, level - 1, level - 1, level - 1,
                               level - 1, level - 1, level - 1, level - 1);
    celm_value *v;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_yaml_parse(arena, text, at, "bomb.yaml", 0, &v, &err), CELM_ELIMIT);
    CHECK_STR(err.message, "yaml: document contains excessive aliasing");
    celm_arena_destroy(arena);
}

static void unknown_anchor_is_an_error(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *v;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_yaml_parse(arena, "a: *nope\n", 9, "v.yaml", 0, &v, &err), CELM_EPARSE);
    CHECK_STR(err.message, "yaml: unknown anchor 'nope' referenced");
    celm_arena_destroy(arena);
}

CHECK_CASES(CASE(yaml_1_1_words_resolve), CASE(numbers_become_float64), CASE(timestamps_and_odd_numbers_stay_strings),
            CASE(non_string_keys_become_json_keys), CASE(anchors_aliases_and_merge_keys), CASE(explicit_tags),
            CASE(only_the_first_document_unless_asked), CASE(syntax_errors_read_like_go_yaml),
            CASE(alias_bombs_are_refused), CASE(unknown_anchor_is_an_error))
