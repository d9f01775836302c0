/* test_json.c: JSON writing as Go's encoding/json and reading with Go's number rules. */
#include "celm/celm.h"
#include "check.h"

static celm_string emit(celm_arena *arena, const celm_value *value, unsigned flags)
{
    celm_string out = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_emit(arena, value, flags, &out, &err), CELM_OK);
    return out;
}

static celm_value *parse(celm_arena *arena, const char *text)
{
    celm_value *value = NULL;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_parse(arena, text, strlen(text), "test.json", &value, &err), CELM_OK);
    return value;
}

static void keys_are_sorted_bytewise_and_output_is_compact(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *value = parse(arena, "{\"b\": [1, 2.5, null], \"a\": {\"z\": true, \"B\": \"x\"}, \"A\": {}}");
    CHECK_STR(emit(arena, value, 0).data, "{\"A\":{},\"a\":{\"B\":\"x\",\"z\":true},\"b\":[1,2.5,null]}");
    celm_arena_destroy(arena);
}

static void strings_escape_like_go(void)
{
    celm_arena *arena = celm_arena_create();
    const char text[] = "<a href=\"x\">&</a>\\\n\r\t\b\f\x01\x1f\x7f\xe2\x80\xa8\xe2\x80\xa9\xff\xc3\xa9";
    celm_value *value = celm_value_string(arena, text, sizeof text - 1);
    CHECK_STR(emit(arena, value, 0).data,
              "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\x7f"
              "\\u2028\\u2029\\ufffd\xc3\xa9\"");
    CHECK_STR(emit(arena, celm_value_cstring(arena, "<&>"), CELM_JSON_NO_HTML_ESCAPE).data, "\"<&>\"");
    celm_arena_destroy(arena);
}

static void numbers_read_as_float64(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *value;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_parse(arena, "[1e400]", 7, "x.json", &value, &err), CELM_EPARSE);
    celm_value *ok = parse(arena, "[1, 1000000, 12345678901234567890, 1.5e-7]");
    CHECK_INT(ok->as.list.items[0]->kind, CELM_VALUE_FLOAT);
    CHECK_STR(emit(arena, ok, 0).data, "[1,1000000,12345678901234567000,1.5e-7]");
    celm_arena_destroy(arena);
}

static void indent_matches_marshal_indent(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *value = parse(arena, "{\"a\":[1,{}],\"b\":{},\"c\":[]}");
    CHECK_STR(emit(arena, value, CELM_JSON_INDENT).data,
              "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {},\n  \"c\": []\n}");
    celm_arena_destroy(arena);
}

static void nan_cannot_be_written(void)
{
    celm_arena *arena = celm_arena_create();
    celm_string out;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_emit(arena, celm_value_float(arena, 0.0 / 0.0), 0, &out, &err), CELM_EINVAL);
    CHECK_STR(err.message, "json: unsupported value: NaN");
    celm_arena_destroy(arena);
}

static void malformed_json_names_the_position(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *value;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_parse(arena, "{\n\"a\": }", 8, "x.json", &value, &err), CELM_EPARSE);
    CHECK_INT(err.line, 2);
    CHECK_STR(err.origin, "x.json");
    celm_arena_destroy(arena);
}

CHECK_CASES(CASE(keys_are_sorted_bytewise_and_output_is_compact), CASE(strings_escape_like_go),
            CASE(numbers_read_as_float64), CASE(indent_matches_marshal_indent), CASE(nan_cannot_be_written),
            CASE(malformed_json_names_the_position))
