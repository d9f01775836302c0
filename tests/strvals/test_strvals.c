/* test_strvals.c: the --set family of grammars (strvals_*.c): values, lists, nesting, and every error text. */
#include <stdio.h>
#include <stdlib.h>

#include "go_quote.h"
#include "celm/celm.h"
#include "check.h"
#include "strvals.h"

static celm_arena *arena;

/* The JSON of the map one flag value parses into ("ERROR: <message>" on failure). */
static const char *parse_as(celm_strvals_kind kind, const char *line)
{
    celm_value *map = celm_value_map(arena, 0);
    celm_error err = CELM_ERROR_INIT;
    if (celm_strvals_parse(arena, map, line, strlen(line), kind, NULL, NULL, &err) != CELM_OK)
        return celm_arena_printf(arena, "ERROR: %s", err.message);
    celm_string json;
    CHECK_INT(celm_json_emit(arena, map, 0, &json, &err), CELM_OK);
    return json.data;
}

static const char *set(const char *line)
{
    return parse_as(CELM_STRVALS_TYPED, line);
}

static void begin(void)
{
    arena = celm_arena_create();
}

static void end(void)
{
    celm_arena_destroy(arena);
}

static void set_infers_bools_nulls_and_int64(void)
{
    begin();
    CHECK_STR(set("a=true,b=FALSE,c=null,d=0,e=-12,f=+5,g=9223372036854775807"),
              "{\"a\":true,\"b\":false,\"c\":null,\"d\":0,\"e\":-12,\"f\":5,\"g\":9223372036854775807}");
    celm_value *map = celm_value_map(arena, 0);
    CHECK_INT(celm_strvals_parse(arena, map, "n=7", 3, CELM_STRVALS_TYPED, NULL, NULL, NULL), CELM_OK);
    CHECK_INT(celm_map_cget(map, "n")->kind, CELM_VALUE_INT);
    end();
}

static void set_keeps_other_text_as_strings(void)
{
    begin();
    CHECK_STR(set("a=010,b=1.5,c=0x1,d=9223372036854775808,e=1e3,f=yes,g= 1,h=-,i=00"),
              "{\"a\":\"010\",\"b\":\"1.5\",\"c\":\"0x1\",\"d\":\"9223372036854775808\",\"e\":\"1e3\","
              "\"f\":\"yes\",\"g\":\" 1\",\"h\":\"-\",\"i\":\"00\"}");
    end();
}

static void set_folds_case_like_go(void)
{
    begin();
    CHECK_STR(set("a=TrUe,b=fal\xC5\xBF" "e,c=nULL,d=\xC5\xBF"), "{\"a\":true,\"b\":false,\"c\":null,\"d\":\"\xC5\xBF\"}");
    end();
}

static void string_and_literal_kinds_keep_text(void)
{
    begin();
    CHECK_STR(parse_as(CELM_STRVALS_STRING, "a=1,b=true,c={null,2}"), "{\"a\":\"1\",\"b\":\"true\",\"c\":[\"null\",\"2\"]}");
    CHECK_STR(parse_as(CELM_STRVALS_LITERAL, "a.b[1]=x,y=\\z{}"), "{\"a\":{\"b\":[null,\"x,y=\\\\z{}\"]}}");
    CHECK_STR(parse_as(CELM_STRVALS_LITERAL, "a\\.b=1"), "{\"a\\\\\":{\"b\":\"1\"}}");
    end();
}

static void json_kind_reads_one_json_value_per_key(void)
{
    begin();
    CHECK_STR(parse_as(CELM_STRVALS_JSON, "a={\"b\":[1,2.5]}, c=, d=\"x,y\",e[1]=null"),
              "{\" c\":null,\" d\":\"x,y\",\"a\":{\"b\":[1,2.5]},\"e\":[null,null]}");
    celm_value *map = celm_value_map(arena, 0);
    CHECK_INT(celm_strvals_parse(arena, map, "n=7", 3, CELM_STRVALS_JSON, NULL, NULL, NULL), CELM_OK);
    CHECK_INT(celm_map_cget(map, "n")->kind, CELM_VALUE_FLOAT);
    CHECK_STR(parse_as(CELM_STRVALS_JSON, "a=01=2"), "{\"1\":2,\"a\":0}");
    CHECK_STR(parse_as(CELM_STRVALS_JSON, "a=[1"), "ERROR: unexpected EOF");
    end();
}

static void escapes_take_the_next_rune(void)
{
    begin();
    CHECK_STR(set("a\\.b=x\\,y,c\\[0\\]=\\{1\\},d=\\\\,e=x\\"),
              "{\"a.b\":\"x,y\",\"c[0]\":\"{1}\",\"d\":\"\\\\\",\"e\":\"x\"}");
    CHECK_STR(set("a={x\\,y,z\\}}"), "{\"a\":[\"x,y\",\"z}\"]}");
    end();
}

static void braces_make_lists(void)
{
    begin();
    CHECK_STR(set("a={1,x,null},b={},c={,}"), "{\"a\":[1,\"x\",null],\"b\":[\"\"],\"c\":[\"\",\"\"]}");
    CHECK_STR(set("a={1}b=2"), "{\"a\":[1],\"b\":2}");
    end();
}

static void indexes_grow_lists_with_null_padding(void)
{
    begin();
    CHECK_STR(set("a[2]=x,a[0]=y"), "{\"a\":[\"y\",null,\"x\"]}");
    CHECK_STR(set("a[0][1]=x,a[1].b=1,a[1].c=2"), "{\"a\":[[null,\"x\"],{\"b\":1,\"c\":2}]}");
    CHECK_STR(set("a[0]=x,a[0].b=1"), "{\"a\":[{\"b\":1}]}");
    end();
}

static void index_limit_is_65536(void)
{
    begin();
    celm_value *map = celm_value_map(arena, 0);
    CHECK_INT(celm_strvals_parse(arena, map, "a[65536]=x", 10, CELM_STRVALS_TYPED, NULL, NULL, NULL), CELM_OK);
    CHECK_INT(celm_map_cget(map, "a")->as.list.count, 65537);
    CHECK_STR(set("a[65537]=x"), "ERROR: index of 65537 is greater than maximum supported index of 65536");
    CHECK_STR(set("a[65537]"), "{\"a\":[]}");
    end();
}

static void cut_off_input_ends_quietly(void)
{
    begin();
    CHECK_STR(set("a[0]"), "{\"a\":[]}");
    CHECK_STR(set("a[1"), "{}");
    CHECK_STR(set("a."), "{}");
    CHECK_STR(set("a="), "{\"a\":\"\"}");
    CHECK_STR(set("a.b[0]"), "{\"a\":{\"b\":[]}}");
    CHECK_STR(set("a[0][0]"), "{\"a\":[]}");
    CHECK_STR(set("=1,.b=2,[0]=3"), "{}");
    CHECK_STR(set(""), "{}");
    end();
}

static void nested_names_stop_at_level_30(void)
{
    begin();
    char line[256] = "k";
    for (int i = 0; i < 30; i++)
        strcat(line, ".k");
    strcat(line, "=1");
    CHECK(strncmp(set(line), "{\"k\":{\"k\":", 10) == 0);
    memmove(line + 2, line, strlen(line) + 1);
    memcpy(line, "k.", 2);
    const char *limit = "ERROR: value name nested level is greater than maximum supported nested level of 30";
    CHECK_STR(set(line), limit);
    CHECK_STR(parse_as(CELM_STRVALS_LITERAL, line), limit);
    end();
}

static void key_errors_read_like_helm(void)
{
    begin();
    CHECK_STR(set("a"), "ERROR: key \"a\" has no value");
    CHECK_STR(set("a,b=1"), "ERROR: key \"a\" has no value (cannot end with ,)");
    CHECK_STR(set("a.=1"), "ERROR: key map \"a\" has no value");
    CHECK_STR(set("a={1"), "ERROR: list must terminate with '}'");
    CHECK_STR(parse_as(CELM_STRVALS_LITERAL, "a"), "ERROR: key \"a\" has no value");
    end();
}

static void index_errors_read_like_helm(void)
{
    begin();
    CHECK_STR(set("a[-1]=x"), "ERROR: negative -1 index not allowed");
    CHECK_STR(set("a[x]=1"), "ERROR: error parsing index: strconv.Atoi: parsing \"x\": invalid syntax");
    CHECK_STR(set("a[]=1"), "ERROR: error parsing index: strconv.Atoi: parsing \"\": invalid syntax");
    CHECK_STR(set("a[99999999999999999999]=1"),
              "ERROR: error parsing index: strconv.Atoi: parsing \"99999999999999999999\": value out of range");
    CHECK_STR(set("a[0]xy=1"), "ERROR: unexpected data at end of array index: ['x' 'y']");
    CHECK_STR(set("a[0]\x01\xE2\x80\x8B'=1"), "ERROR: unexpected data at end of array index: ['\\x01' '\\u200b' '\\'']");
    end();
}

static void type_clashes_name_go_types(void)
{
    begin();
    const char *prefix = "ERROR: unable to parse key: interface conversion: interface {} is ";
    CHECK_STR(set("a=1,a.b=2"), celm_arena_printf(arena, "%sint64, not map[string]interface {}", prefix));
    CHECK_STR(set("a=null,a.b=2"), celm_arena_printf(arena, "%snil, not map[string]interface {}", prefix));
    CHECK_STR(set("a=true,a[0]=2"), celm_arena_printf(arena, "%sbool, not []interface {}", prefix));
    CHECK_STR(set("a=x,a[0]=2"), celm_arena_printf(arena, "%sstring, not []interface {}", prefix));
    CHECK_STR(set("a={1},a.b=2"), celm_arena_printf(arena, "%s[]interface {}, not map[string]interface {}", prefix));
    CHECK_STR(set("a.b=1,a[0]=2"), celm_arena_printf(arena, "%smap[string]interface {}, not []interface {}", prefix));
    CHECK_STR(parse_as(CELM_STRVALS_JSON, "a=1.5,a.b=2"), celm_arena_printf(arena, "%sfloat64, not map[string]interface {}", prefix));
    CHECK_STR(set("a[0]=1,a[0][0]=2"), celm_arena_printf(arena, "%sint64, not []interface {}", prefix));
    end();
}

static void keys_in_errors_are_quoted_like_go(void)
{
    begin();
    CHECK_STR(set("x\x01\xff\"\\\\\t\xC2\xA0\xE2\x80\x8B\xF3\xA0\x80\x81\xC3\xA9"),
              "ERROR: key \"x\\x01\xEF\xBF\xBD\\\"\\\\\\t\\u00a0\\u200b\\U000e0001\xC3\xA9\" has no value");
    celm_buffer out;
    celm_buffer_init(&out);
    celm_go_quote(&out, "\xff\x7f\a", 3);
    CHECK_MEM(out.data, out.len, "\"\\xff\\x7f\\a\"", 12);
    celm_buffer_free(&out);
    end();
}

static void values_accumulate_across_lines(void)
{
    begin();
    celm_value *map = celm_value_map(arena, 0);
    CHECK_INT(celm_strvals_parse(arena, map, "a.b=1,l[1]=x", 12, CELM_STRVALS_TYPED, NULL, NULL, NULL), CELM_OK);
    CHECK_INT(celm_strvals_parse(arena, map, "a.c=2,l[0]=y", 12, CELM_STRVALS_STRING, NULL, NULL, NULL), CELM_OK);
    celm_string json;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_emit(arena, map, 0, &json, &err), CELM_OK);
    CHECK_STR(json.data, "{\"a\":{\"b\":1,\"c\":\"2\"},\"l\":[\"y\",\"x\"]}");
    end();
}

static int read_upper(void *payload, celm_arena *into, const char *text, size_t len, celm_value **out,
                      celm_error *err)
{
    (void)payload;
    if (len == 0)
        return celm_error_set(err, CELM_ENOTFOUND, "open : no such file or directory");
    *out = celm_value_cstring(into, celm_arena_printf(into, "<%s>", text));
    return CELM_OK;
}

static void file_kind_reads_through_the_callback(void)
{
    begin();
    celm_value *map = celm_value_map(arena, 0);
    celm_error err = CELM_ERROR_INIT;
    const char *line = "a=x,b={y,z},c[1]=w";
    CHECK_INT(celm_strvals_parse(arena, map, line, strlen(line), CELM_STRVALS_FILE, read_upper, NULL, &err), CELM_OK);
    celm_string json;
    CHECK_INT(celm_json_emit(arena, map, 0, &json, &err), CELM_OK);
    CHECK_STR(json.data, "{\"a\":\"\\u003cx\\u003e\",\"b\":[\"\\u003cy\\u003e\",\"\\u003cz\\u003e\"],\"c\":[null,\"\\u003cw\\u003e\"]}");
    CHECK_INT(celm_strvals_parse(arena, map, "d={}", 4, CELM_STRVALS_FILE, read_upper, NULL, &err), CELM_ENOTFOUND);
    CHECK_STR(err.message, "open : no such file or directory");
    CHECK_INT(celm_strvals_parse(arena, map, "d=x", 3, CELM_STRVALS_FILE, NULL, NULL, &err), CELM_EINVAL);
    end();
}

static void deep_list_nesting_is_refused_before_the_stack_runs_out(void)
{
    begin();
    size_t levels = 2500;
    char *line = malloc(levels * 3 + 8);
    strcpy(line, "a");
    for (size_t i = 0; i < levels; i++)
        strcat(line, "[0]");
    strcat(line, "=1");
    CHECK_STR(set(line), "ERROR: value name nests more than 2000 keys and list indexes deep");
    celm_value *map = celm_value_map(arena, 0);
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_strvals_parse(arena, map, line, strlen(line), CELM_STRVALS_TYPED, NULL, NULL, &err), CELM_ELIMIT);
    free(line);
    end();
}

static void atoi_accepts_what_go_accepts(void)
{
    int64_t value = 0;
    celm_error err = CELM_ERROR_INIT;
    celm_string plus = {"+12", 3}, zero = {"-0", 2}, long_ok = {"0000000000000000000012", 22};
    celm_string overflow_then_junk = {"99999999999999999999x", 21}, junk = {"1x", 2};
    CHECK_INT(celm_strvals_atoi(&plus, &value, &err), CELM_OK);
    CHECK_INT(value, 12);
    CHECK_INT(celm_strvals_atoi(&zero, &value, &err), CELM_OK);
    CHECK_INT(value, 0);
    CHECK_INT(celm_strvals_atoi(&long_ok, &value, &err), CELM_OK);
    CHECK_INT(value, 12);
    CHECK_INT(celm_strvals_atoi(&overflow_then_junk, &value, &err), CELM_EPARSE);
    CHECK_STR(err.message, "strconv.Atoi: parsing \"99999999999999999999x\": value out of range");
    CHECK_INT(celm_strvals_atoi(&junk, &value, &err), CELM_EPARSE);
    CHECK_STR(err.message, "strconv.Atoi: parsing \"1x\": invalid syntax");
}

static const char *json_error(const char *text)
{
    celm_value *value;
    size_t used;
    celm_error err = CELM_ERROR_INIT;
    if (celm_strvals_json_decode(arena, text, strlen(text), &value, &used, &err) == CELM_OK)
        return "decoded";
    return celm_arena_printf(arena, "%s", err.message);
}

static void json_errors_read_like_go(void)
{
    begin();
    CHECK_STR(json_error("x"), "invalid character 'x' looking for beginning of value");
    CHECK_STR(json_error("[1 2]"), "invalid character '2' after array element");
    CHECK_STR(json_error("{\"a\" 1}"), "invalid character '1' after object key");
    CHECK_STR(json_error("{\"a\":1 \"b\"}"), "invalid character '\"' after object key:value pair");
    CHECK_STR(json_error("{1:2}"), "invalid character '1' looking for beginning of object key string");
    CHECK_STR(json_error("\"a\tb\""), "invalid character '\\t' in string literal");
    CHECK_STR(json_error("\"\\x\""), "invalid character 'x' in string escape code");
    CHECK_STR(json_error("\"\\u12g4\""), "invalid character 'g' in \\u hexadecimal character escape");
    CHECK_STR(json_error("-x"), "invalid character 'x' in numeric literal");
    CHECK_STR(json_error("1.e"), "invalid character 'e' after decimal point in numeric literal");
    CHECK_STR(json_error("1e+"), "unexpected EOF");
    CHECK_STR(json_error("1ex"), "invalid character 'x' in exponent of numeric literal");
    CHECK_STR(json_error("trux"), "invalid character 'x' in literal true (expecting 'e')");
    CHECK_STR(json_error("\xE9"), "invalid character '\xC3\xA9' looking for beginning of value");
    CHECK_STR(json_error("'"), "invalid character '\\'' looking for beginning of value");
    CHECK_STR(json_error("1e400"), "json: cannot unmarshal number 1e400 into Go value of type float64");
    CHECK_STR(json_error("[1"), "unexpected EOF");
    end();
}

static void json_nesting_stops_after_10000(void)
{
    begin();
    char *text = malloc(2 * 10001 + 1);
    memset(text, '[', 10001);
    memset(text + 10001, ']', 10001);
    text[20002] = '\0';
    CHECK_STR(json_error(text), "invalid character '[' exceeded max depth");
    CHECK_STR(json_error(text + 1), "decoded");
    free(text);
    end();
}

static void json_strings_replace_what_is_not_utf8(void)
{
    begin();
    celm_value *value;
    size_t used;
    celm_error err = CELM_ERROR_INIT;
    const char *text = "\"\\ud800x\\udc00\\ud83d\\ude00\xff\\u00e9\" rest";
    CHECK_INT(celm_strvals_json_decode(arena, text, strlen(text), &value, &used, &err), CELM_OK);
    CHECK_INT(used, strlen(text) - 5);
    CHECK_STR(value->as.string.data, "\xEF\xBF\xBDx\xEF\xBF\xBD\xF0\x9F\x98\x80\xEF\xBF\xBD\xC3\xA9");
    CHECK_INT(celm_strvals_json_object(arena, "{} x", 4, &value, &err), CELM_EPARSE);
    CHECK_STR(err.message, "invalid character 'x' after top-level value");
    CHECK_INT(celm_strvals_json_object(arena, "[]", 2, &value, &err), CELM_EPARSE);
    CHECK_STR(err.message, "json: cannot unmarshal array into Go value of type map[string]interface {}");
    end();
}

static void spaces_are_go_unicode_spaces(void)
{
    size_t start, len;
    const char *text = "\xC2\xA0\t x y\xE3\x80\x80\n";
    celm_strvals_trim_space(text, strlen(text), &start, &len);
    CHECK_INT(start, 4);
    CHECK_INT(len, 3);
    celm_strvals_trim_space(" \xE2\x80\x8B ", 5, &start, &len);
    CHECK_INT(len, 3);  /* U+200B is not a space */
    CHECK(celm_strvals_is_space(0x85) && celm_strvals_is_space(0x2000) && !celm_strvals_is_space(0x200B));
}

CHECK_CASES(CASE(set_infers_bools_nulls_and_int64), CASE(set_keeps_other_text_as_strings),
            CASE(set_folds_case_like_go), CASE(string_and_literal_kinds_keep_text),
            CASE(json_kind_reads_one_json_value_per_key), CASE(escapes_take_the_next_rune),
            CASE(braces_make_lists), CASE(indexes_grow_lists_with_null_padding), CASE(index_limit_is_65536),
            CASE(cut_off_input_ends_quietly), CASE(nested_names_stop_at_level_30),
            CASE(key_errors_read_like_helm), CASE(index_errors_read_like_helm),
            CASE(type_clashes_name_go_types), CASE(keys_in_errors_are_quoted_like_go),
            CASE(values_accumulate_across_lines), CASE(file_kind_reads_through_the_callback),
            CASE(deep_list_nesting_is_refused_before_the_stack_runs_out), CASE(atoi_accepts_what_go_accepts),
            CASE(json_errors_read_like_go), CASE(json_nesting_stops_after_10000),
            CASE(json_strings_replace_what_is_not_utf8), CASE(spaces_are_go_unicode_spaces))
