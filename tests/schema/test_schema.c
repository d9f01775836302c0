/* test_schema.c: JSON Schema keywords of each draft, checked against the specification and the
 * message shapes of santhosh-tekuri/jsonschema v6 that helm v4.2.4 prints. */
#include <stdio.h>
#include <string.h>

#include "celm/celm.h"
#include "check.h"

#define D4 "\"$schema\": \"http://json-schema.org/draft-04/schema#\", "
#define D6 "\"$schema\": \"http://json-schema.org/draft-06/schema#\", "
#define D7 "\"$schema\": \"http://json-schema.org/draft-07/schema#\", "
#define D2019 "\"$schema\": \"https://json-schema.org/draft/2019-09/schema\", "

static celm_value *json(celm_arena *arena, const char *text)
{
    celm_value *value = NULL;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_parse(arena, text, strlen(text), "values.json", &value, &err), CELM_OK);
    return value;
}

/* The validator's text for values against schema, or "" when they conform. */
static const char *check_with(celm_arena *arena, const char *schema, const char *values,
                              const celm_schema_options *options)
{
    celm_string message = {"", 0};
    int status = celm_schema_check(arena, schema, strlen(schema), options, json(arena, values), &message);
    if (status == 0)
        return "";
    CHECK_INT(status, CELM_EINVAL);
    return celm_arena_strndup(arena, message.data, message.len);
}

static const char *check(celm_arena *arena, const char *schema, const char *values)
{
    return check_with(arena, schema, values, NULL);
}

static void type_integer_accepts_whole_floats_only(void)
{
    celm_arena *arena = celm_arena_create();
    const char *schema = "{\"properties\": {\"a\": {\"type\": \"integer\"}}}";
    CHECK_STR(check(arena, schema, "{\"a\": 3.0}"), "");
    CHECK_STR(check(arena, schema, "{\"a\": 3.5}"), "- at '/a': got number, want integer\n");
    CHECK_STR(check(arena, "{" D4 "\"properties\": {\"a\": {\"type\": \"integer\"}}}", "{\"a\": 1e2}"), "");
    celm_arena_destroy(arena);
}

static void type_lists_wanted_types_in_fixed_order(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"type\": [\"string\", \"null\", \"object\"]}}}", "{\"a\": true}"),
              "- at '/a': got boolean, want null or string or object\n");
    celm_arena_destroy(arena);
}

static void enum_and_const_messages(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"enum\": [\"x\", 1.50, null]}}}", "{\"a\": \"y\"}"),
              "- at '/a': value must be one of 'x', 1.50, <nil>\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"enum\": [[1], 2]}}}", "{\"a\": 3}"), "- at '/a': 'enum' failed\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"enum\": [1.0]}}}", "{\"a\": 1}"), "");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"const\": {\"k\": [1, 2]}}}}", "{\"a\": {\"k\": [2, 1]}}"),
              "- at '/a': 'const' failed\n");
    CHECK_STR(check(arena, "{" D6 "\"properties\": {\"a\": {\"const\": \"it's\"}}}", "{\"a\": 1}"),
              "- at '/a': value must be 'it\\'s'\n");
    celm_arena_destroy(arena);
}

static void numbers_print_like_go_english_printer(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"minimum\": 1234567}}}", "{\"a\": 1000}"),
              "- at '/a': minimum: got 1,000, want 1.234567\xc3\x97" "10\xe2\x81\xb0\xe2\x81\xb6\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"maximum\": 0.00001}}}", "{\"a\": 0.5}"),
              "- at '/a': maximum: got 0.5, want 1\xc3\x97" "10\xe2\x81\xbb\xe2\x81\xb0\xe2\x81\xb5\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"minimum\": -1.5}}}", "{\"a\": -2000.25}"),
              "- at '/a': minimum: got -2,000.25, want -1.5\n");
    celm_arena_destroy(arena);
}

static void exclusive_bounds_follow_each_draft(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{" D4 "\"properties\": {\"a\": {\"minimum\": 5, \"exclusiveMinimum\": true}}}", "{\"a\": 5}"),
              "- at '/a': exclusiveMinimum: got 5, want 5\n");
    CHECK_STR(check(arena, "{" D4 "\"properties\": {\"a\": {\"minimum\": 5}}}", "{\"a\": 5}"), "");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"exclusiveMaximum\": 5}}}", "{\"a\": 5}"),
              "- at '/a': exclusiveMaximum: got 5, want 5\n");
    celm_arena_destroy(arena);
}

static void multiple_of_is_exact_for_decimals(void)
{
    celm_arena *arena = celm_arena_create();
    const char *schema = "{\"properties\": {\"a\": {\"multipleOf\": 0.1}}}";
    CHECK_STR(check(arena, schema, "{\"a\": 0.3}"), "");
    CHECK_STR(check(arena, schema, "{\"a\": 0.35}"), "- at '/a': multipleOf: got 0.35, want 0.1\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"multipleOf\": 3}}}", "{\"a\": 1e30}"),
              "- at '/a': multipleOf: got 1\xc3\x97" "10\xc2\xb3\xe2\x81\xb0, want 3\n");
    celm_arena_destroy(arena);
}

static void string_lengths_count_runes(void)
{
    celm_arena *arena = celm_arena_create();
    const char *schema = "{\"properties\": {\"a\": {\"minLength\": 2, \"maxLength\": 2}}}";
    CHECK_STR(check(arena, schema, "{\"a\": \"\xc3\xa9\xc3\xa9\"}"), "");
    CHECK_STR(check(arena, schema, "{\"a\": \"h\xc3\xa9llo\"}"), "- at '/a': maxLength: got 5, want 2\n");
    celm_arena_destroy(arena);
}

static void pattern_uses_go_regexp_rules(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"pattern\": \"^abc$\"}}}", "{\"a\": \"abc\\n\"}"),
              "- at '/a': 'abc\\n' does not match pattern '^abc$'\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"pattern\": \"^\\\\s$\"}}}", "{\"a\": \"\\u000b\"}"),
              "- at '/a': '\\v' does not match pattern '^\\\\s$'\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"pattern\": \"^\\\\p{Ll}(?i:b{2,3})$\"}}}", "{\"a\": \"\xc3\xa9" "BB\"}"), "");
    CHECK_STR(check(arena, "{" D4 "\"properties\": {\"a\": {\"pattern\": \"(?=x)\"}}}", "{}"),
              "\"file:///values.schema.json#\" is not valid against metaschema: jsonschema validation failed with "
              "'http://json-schema.org/draft-04/schema#'\n- at '/properties/a/pattern': '(?=x)' is not valid regex: "
              "error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
    CHECK_STR(check(arena, "{" D4 "\"patternProperties\": {\"[z-a]\": {}}}", "{}"),
              "invalid regex \"[z-a]\" at \"file:///values.schema.json#/patternProperties\": "
              "error parsing regexp: invalid character class range: `z-a`");
    celm_arena_destroy(arena);
}

static void items_after_prefix_are_located_by_rest_index(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"prefixItems\": [{\"type\": \"string\"}], \"items\": {\"type\": \"integer\"}}}}",
                    "{\"a\": [\"x\", 1, 2.5]}"),
              "- at '/a/1': got number, want integer\n");
    CHECK_STR(check(arena, "{" D7 "\"properties\": {\"a\": {\"items\": [{}], \"additionalItems\": false}}}", "{\"a\": [1, 2, 3]}"),
              "- at '/a': last 2 additionalItem(s) not allowed\n");
    celm_arena_destroy(arena);
}

static void contains_counts_matches(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"contains\": {\"type\": \"string\"}}}}", "{\"a\": [1]}"),
              "- at '/a': no items match contains schema\n  - at '/a/0': got number, want string\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"contains\": {\"type\": \"number\"}, \"maxContains\": 1}}}",
                    "{\"a\": [1, \"x\", 2, 3]}"),
              "- at '/a': max 1 items required to match contains schema, but matched 3 items at 0 2 3\n");
    CHECK_STR(check(arena, "{" D6 "\"properties\": {\"a\": {\"contains\": {\"type\": \"number\"}, \"minContains\": 2}}}",
                    "{\"a\": [1]}"), "");
    celm_arena_destroy(arena);
}

static void unique_items_reports_first_equal_pair(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"uniqueItems\": true}", "[1, {\"a\": 1, \"b\": 2}, 3, {\"b\": 2, \"a\": 1.0}]"),
              "- at '': items at 1 and 3 are equal\n");
    celm_arena_destroy(arena);
}

static void required_and_dependencies(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"required\": [\"a\", \"b\"]}", "{\"b\": 1}"), "- at '': missing property 'a'\n");
    CHECK_STR(check(arena, "{\"required\": [\"a\", \"b\"]}", "{}"), "- at '': missing properties 'a', 'b'\n");
    CHECK_STR(check(arena, "{" D7 "\"dependencies\": {\"a\": [\"b\", \"c\"]}}", "{\"a\": 1, \"c\": 1}"),
              "- at '': properties 'b' required, if 'a' exists\n");
    CHECK_STR(check(arena, "{\"dependentRequired\": {\"a\": [\"b\"]}}", "{\"b\": 1}"), "");
    CHECK_STR(check(arena, "{" D7 "\"dependentRequired\": {\"a\": [\"b\"]}}", "{\"a\": 1}"), "");
    celm_arena_destroy(arena);
}

static void additional_and_pattern_properties(void)
{
    celm_arena *arena = celm_arena_create();
    const char *schema = "{\"properties\": {\"a\": {}}, \"patternProperties\": {\"^x-\": {\"type\": \"string\"}}, "
                         "\"additionalProperties\": false}";
    CHECK_STR(check(arena, schema, "{\"a\": 1, \"x-y\": \"s\"}"), "");
    CHECK_STR(check(arena, schema, "{\"a\": 1, \"b\": 2, \"c\": 3}"), "- at '': additional properties 'b', 'c' not allowed\n");
    CHECK_STR(check(arena, schema, "{\"x-y\": 2}"), "- at '/x-y': got number, want string\n");
    celm_arena_destroy(arena);
}

static void property_names_are_reported_at_the_root(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"properties\": {\"o\": {\"propertyNames\": {\"maxLength\": 2}}}}", "{\"o\": {\"long\": 1}}"),
              "- at '': invalid propertyName 'long'\n  - at '': maxLength: got 4, want 2\n");
    CHECK_STR(check(arena, "{" D4 "\"propertyNames\": {\"maxLength\": 2}}", "{\"long\": 1}"), "");
    celm_arena_destroy(arena);
}

static void combinators_nest_their_causes(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"anyOf\": [{\"type\": \"string\"}, {\"required\": [\"a\"]}]}", "{}"),
              "- at '': 'anyOf' failed\n  - at '': got object, want string\n  - at '': missing property 'a'\n");
    CHECK_STR(check(arena, "{\"oneOf\": [{\"type\": \"object\"}, {\"minProperties\": 0}]}", "{}"),
              "- at '': 'oneOf' failed, subschemas 0, 1 matched\n");
    CHECK_STR(check(arena, "{\"not\": {\"type\": \"object\"}}", "{}"), "- at '': 'not' failed\n");
    CHECK_STR(check(arena, "{\"allOf\": [{\"allOf\": [{\"required\": [\"z\"]}]}]}", "{}"),
              "- at '': 'allOf' failed\n  - at '': 'allOf' failed\n    - at '': missing property 'z'\n");
    celm_arena_destroy(arena);
}

static void if_then_else_choose_a_branch(void)
{
    celm_arena *arena = celm_arena_create();
    const char *schema = "{\"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}, \"else\": {\"required\": [\"c\"]}}";
    CHECK_STR(check(arena, schema, "{\"a\": 1}"), "- at '': missing property 'b'\n");
    CHECK_STR(check(arena, schema, "{}"), "- at '': missing property 'c'\n");
    CHECK_STR(check(arena, "{" D6 "\"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}", "{\"a\": 1}"), "");
    celm_arena_destroy(arena);
}

static void unevaluated_keywords_see_through_applicators(void)
{
    celm_arena *arena = celm_arena_create();
    const char *schema = "{\"allOf\": [{\"properties\": {\"a\": {}}}], \"unevaluatedProperties\": false}";
    CHECK_STR(check(arena, schema, "{\"a\": 1}"), "");
    CHECK_STR(check(arena, schema, "{\"a\": 1, \"b\": 2}"), "- at '/b': false schema\n");
    CHECK_STR(check(arena, "{\"prefixItems\": [{}], \"unevaluatedItems\": false}", "[1, 2]"), "- at '/1': false schema\n");
    CHECK_STR(check(arena, "{" D7 "\"unevaluatedProperties\": false}", "{\"a\": 1}"), "");
    celm_arena_destroy(arena);
}

static void references_resolve_inside_the_document(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"$ref\": \"#/$defs/s\", \"$defs\": {\"s\": {\"type\": \"string\", \"minLength\": 3, \"pattern\": \"^z\"}}}", "\"ab\""),
              "- at '': validation failed\n  - at '': minLength: got 2, want 3\n  - at '': 'ab' does not match pattern '^z'\n");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"$ref\": \"#p\"}}, \"$defs\": {\"x\": {\"$anchor\": \"p\", \"type\": \"integer\"}}}",
                    "{\"a\": \"x\"}"),
              "- at '/a': got string, want integer\n");
    CHECK_STR(check(arena, "{" D7 "\"properties\": {\"a\": {\"$ref\": \"#/definitions/s\", \"minLength\": 9}}, "
                    "\"definitions\": {\"s\": {\"type\": \"string\"}}}", "{\"a\": \"x\"}"), "");
    CHECK_STR(check(arena, "{\"properties\": {\"a\": {\"$ref\": \"#/$defs/none\"}}}", "{}"),
              "json-pointer in \"file:///values.schema.json#/$defs/none\" not found");
    celm_arena_destroy(arena);
}

static void dynamic_and_recursive_references(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{\"$dynamicAnchor\": \"n\", \"type\": \"object\", \"properties\": {\"k\": {\"items\": {\"$dynamicRef\": \"#n\"}}}}",
                    "{\"k\": [{\"k\": [1]}]}"),
              "- at '/k/0/k/0': got number, want object\n");
    CHECK_STR(check(arena, "{" D2019 "\"$recursiveAnchor\": true, \"type\": \"object\", \"properties\": {\"k\": {\"items\": {\"$recursiveRef\": \"#\"}}}}",
                    "{\"k\": [true]}"),
              "- at '/k/0': got boolean, want object\n");
    celm_arena_destroy(arena);
}

static int read_chart_file(void *payload, const char *path, celm_string *out)
{
    (void)payload;
    if (strcmp(path, "defs/common.json") != 0)
        return CELM_ENOTFOUND;
    out->data = "{\"$defs\": {\"port\": {\"type\": \"integer\"}}}";
    out->len = strlen(out->data);
    return 0;
}

static void references_to_chart_files_use_the_reader(void)
{
    celm_arena *arena = celm_arena_create();
    celm_schema_options options = CELM_SCHEMA_OPTIONS_INIT;
    options.read_file = read_chart_file;
    const char *schema = "{\"properties\": {\"a\": {\"$ref\": \"defs/common.json#/$defs/port\"}}}";
    CHECK_STR(check_with(arena, schema, "{\"a\": \"x\"}", &options), "- at '/a': got string, want integer\n");
    CHECK_STR(check(arena, schema, "{}"),
              "failing loading \"file:///defs/common.json\": open /defs/common.json: no such file or directory");
    CHECK(strstr(check(arena, "{\"$ref\": \"https://example.com/s.json\"}", "{}"), "celm does not fetch") != NULL);
    CHECK_STR(check(arena, "{\"$ref\": \"urn:example:anything\"}", "{}"), "");
    celm_arena_destroy(arena);
}

static void format_is_asserted_before_2019_only(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{" D7 "\"format\": \"ipv4\"}", "\"256.1.1.1\""),
              "- at '': '256.1.1.1' is not valid ipv4: decimal must be between 0 and 255\n");
    CHECK_STR(check(arena, "{" D7 "\"format\": \"date\"}", "\"2020-13-01\""),
              "- at '': '2020-13-01' is not valid date: parsing time \"2020-13-01\": month out of range\n");
    CHECK_STR(check(arena, "{\"format\": \"ipv4\"}", "\"256.1.1.1\""), "");
    celm_arena_destroy(arena);
}

static void bad_schemas_fail_against_their_metaschema(void)
{
    celm_arena *arena = celm_arena_create();
    CHECK_STR(check(arena, "{" D7 "\"minimum\": \"x\"}", "{}"),
              "\"file:///values.schema.json#\" is not valid against metaschema: jsonschema validation failed with "
              "'http://json-schema.org/draft-07/schema#'\n- at '/minimum': got string, want number");
    CHECK_STR(check(arena, "{\"type\": \"string\",}", "{}"),
              "invalid character '}' looking for beginning of object key string");
    CHECK_STR(check(arena, "", "{}"), "EOF");
    celm_arena_destroy(arena);
}

static void chart_walk_validates_each_subchart_by_name(void)
{
    celm_arena *arena = celm_arena_create();
    const char *top = "{\"required\": [\"t\"]}", *sub = "{\"required\": [\"s\"]}";
    celm_schema_chart charts[] = {
        {"top", top, strlen(top), -1, NULL},
        {"one", sub, strlen(sub), 0, NULL},
        {"two", sub, strlen(sub), 0, NULL},
        {"three", sub, strlen(sub), 0, NULL},
    };
    celm_string message = {"", 0};
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_schema_validate_charts(arena, charts, 4, json(arena, "{\"one\": {}, \"two\": 5, \"three\": null}"),
                                          &message, &err), CELM_EINVAL);
    CHECK_MEM(message.data, message.len,
              "values don't meet the specifications of the schema(s) in the following chart(s):\n"
              "top:\n- at '': missing property 't'\n"
              "one:\n- at '': missing property 's'\n"
              "two:\ninvalid type for values: expected object (map), got float64\n",
              strlen("values don't meet the specifications of the schema(s) in the following chart(s):\n"
                     "top:\n- at '': missing property 't'\n"
                     "one:\n- at '': missing property 's'\n"
                     "two:\ninvalid type for values: expected object (map), got float64\n"));
    CHECK_INT(celm_schema_validate_charts(arena, charts, 1, json(arena, "{\"t\": 1}"), &message, &err), CELM_OK);
    celm_arena_destroy(arena);
}

static void deep_nesting_stops_at_a_limit(void)
{
    celm_arena *arena = celm_arena_create();
    celm_value *value = celm_value_list(arena, 1);
    for (int i = 0; i < 3000; i++) {
        celm_value *outer = celm_value_list(arena, 1);
        celm_list_append(arena, outer, value);
        value = outer;
    }
    const char *schema = "{\"items\": {\"$ref\": \"#\"}}";
    celm_string message = {"", 0};
    CHECK_INT(celm_schema_check(arena, schema, strlen(schema), NULL, value, &message), CELM_EINVAL);
    CHECK(strstr(message.data, "nests too deeply") != NULL);
    celm_arena_destroy(arena);
}

CHECK_CASES(CASE(type_integer_accepts_whole_floats_only), CASE(type_lists_wanted_types_in_fixed_order),
            CASE(enum_and_const_messages), CASE(numbers_print_like_go_english_printer),
            CASE(exclusive_bounds_follow_each_draft), CASE(multiple_of_is_exact_for_decimals),
            CASE(string_lengths_count_runes), CASE(pattern_uses_go_regexp_rules),
            CASE(items_after_prefix_are_located_by_rest_index), CASE(contains_counts_matches),
            CASE(unique_items_reports_first_equal_pair), CASE(required_and_dependencies),
            CASE(additional_and_pattern_properties), CASE(property_names_are_reported_at_the_root),
            CASE(combinators_nest_their_causes), CASE(if_then_else_choose_a_branch),
            CASE(unevaluated_keywords_see_through_applicators), CASE(references_resolve_inside_the_document),
            CASE(dynamic_and_recursive_references), CASE(references_to_chart_files_use_the_reader),
            CASE(format_is_asserted_before_2019_only), CASE(bad_schemas_fail_against_their_metaschema),
            CASE(chart_walk_validates_each_subchart_by_name), CASE(deep_nesting_stops_at_a_limit))
