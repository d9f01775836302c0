/* test_values_coalesce.c: Helm's coalescing of user values over chart defaults (values_coalesce.c). */
#include <stdio.h>

#include "celm/celm.h"
#include "check.h"

static celm_value *yaml(celm_arena *arena, const char *text)
{
    celm_value *value = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (celm_yaml_parse(arena, text, strlen(text), "test", 0, &value, &err) != CELM_OK)
        check_fail(__FILE__, __LINE__, "bad test YAML: %s", err.message);
    return value;
}

static const char *json(celm_arena *arena, const celm_value *value)
{
    celm_string out = {"<error>", 7};
    celm_error err = CELM_ERROR_INIT;
    celm_json_emit(arena, value, 0, &out, &err);
    return out.data;
}

static celm_chart *chart(celm_arena *arena, const char *name, const char *defaults)
{
    celm_chart *c = celm_arena_alloc(arena, sizeof *c);
    memset(c, 0, sizeof *c);
    c->arena = arena;
    c->name = name;
    c->values = yaml(arena, defaults);
    if (c->values->kind == CELM_VALUE_NULL)
        c->values = celm_value_map(arena, 0);
    return c;
}

static void add_dependency(celm_arena *arena, celm_chart *parent, celm_chart *sub)
{
    celm_chart **grown = celm_arena_alloc(arena, (parent->dependency_count + 1) * sizeof *grown);
    for (size_t i = 0; i < parent->dependency_count; i++)
        grown[i] = parent->dependencies[i];
    grown[parent->dependency_count++] = sub;
    parent->dependencies = grown;
    sub->parent = parent;
}

static const char *coalesce(celm_arena *arena, const celm_chart *top, const char *user, int merge)
{
    celm_value *out = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (celm_values_coalesce(arena, top, yaml(arena, user), merge, NULL, NULL, &out, &err) != CELM_OK)
        return celm_arena_printf(arena, "error: %s", err.message);
    return json(arena, out);
}

static void user_values_win_and_maps_merge(void)
{
    celm_arena *arena = celm_arena_create();
    celm_chart *top = chart(arena, "top", "a: 1\nb: {x: 1, w: 2}\nl: [1, 2]\n");
    CHECK_STR(coalesce(arena, top, "a: 2\nb: {w: 3, z: 4}\nl: [9]\n", 0),
              "{\"a\":2,\"b\":{\"w\":3,\"x\":1,\"z\":4},\"l\":[9]}");
    celm_arena_destroy(arena);
}

static void null_removes_a_default_unless_merging(void)
{
    celm_arena *arena = celm_arena_create();
    celm_chart *top = chart(arena, "top", "a: 1\nb: {x: 1, w: 2}\nc: 3\n");
    CHECK_STR(coalesce(arena, top, "a: null\nb: {x: null}\nd: null\n", 0), "{\"b\":{\"w\":2},\"c\":3,\"d\":null}");
    CHECK_STR(coalesce(arena, top, "a: null\nb: {x: null}\n", 1), "{\"a\":null,\"b\":{\"w\":2,\"x\":null},\"c\":3}");
    celm_arena_destroy(arena);
}

static void chart_default_nulls_do_not_leak(void)
{
    celm_arena *arena = celm_arena_create();
    celm_chart *top = chart(arena, "top", "a: null\nb: {x: null, w: 1}\nl: [null]\n");
    CHECK_STR(coalesce(arena, top, "", 0), "{\"b\":{\"w\":1},\"l\":[null]}");
    celm_arena_destroy(arena);
}

static void subcharts_see_their_section_and_globals(void)
{
    celm_arena *arena = celm_arena_create();
    celm_chart *top = chart(arena, "top", "global: {env: prod, tags: {a: 1}}\nsub: {port: 80}\n");
    celm_chart *sub = chart(arena, "sub", "port: 8080\nname: s\nglobal: {env: dev, tags: {b: 2}, own: 1}\n");
    add_dependency(arena, top, sub);
    CHECK_STR(coalesce(arena, top, "sub: {name: user}\n", 0),
              "{\"global\":{\"env\":\"prod\",\"tags\":{\"a\":1}},"
              "\"sub\":{\"global\":{\"env\":\"prod\",\"own\":1,\"tags\":{\"a\":1,\"b\":2}},\"name\":\"user\",\"port\":80}}");
    celm_arena_destroy(arena);
}

static void subchart_without_values_gets_an_empty_global(void)
{
    celm_arena *arena = celm_arena_create();
    celm_chart *top = chart(arena, "top", "x: 1\n");
    add_dependency(arena, top, chart(arena, "sub", ""));
    CHECK_STR(coalesce(arena, top, "", 0), "{\"sub\":{\"global\":{}},\"x\":1}");
    celm_arena_destroy(arena);
}

static void non_map_subchart_section_is_an_error(void)
{
    celm_arena *arena = celm_arena_create();
    celm_chart *top = chart(arena, "top", "");
    add_dependency(arena, top, chart(arena, "sub", ""));
    CHECK_STR(coalesce(arena, top, "sub: text\n", 0), "error: type mismatch on sub: %!t(string=text)");
    celm_arena_destroy(arena);
}

static void user_values_are_left_unchanged(void)
{
    celm_arena *arena = celm_arena_create();
    celm_chart *top = chart(arena, "top", "b: {x: 1}\n");
    celm_value *user = yaml(arena, "b: {w: 2}\na: null\n");
    celm_value *out;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_values_coalesce(arena, top, user, 0, NULL, NULL, &out, &err), CELM_OK);
    CHECK_STR(json(arena, user), "{\"a\":null,\"b\":{\"w\":2}}");
    celm_arena_destroy(arena);
}

CHECK_CASES(CASE(user_values_win_and_maps_merge), CASE(null_removes_a_default_unless_merging),
            CASE(chart_default_nulls_do_not_leak), CASE(subcharts_see_their_section_and_globals),
            CASE(subchart_without_values_gets_an_empty_global), CASE(non_map_subchart_section_is_an_error),
            CASE(user_values_are_left_unchanged))
