/* test_values_user.c: user values from -f files and --set flags (values_user*.c), with Helm's wrappers. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "celm/celm.h"
#include "check.h"
#include "values_user.h"

static celm_arena *arena;
static char directory[] = "/tmp/celm-values-user-XXXXXX";
static const char *const file_names[] = {"order.yaml", "one.yaml", "two.yaml", "list.yaml"};

static void remove_directory(void)
{
    char path[256];
    for (size_t i = 0; i < sizeof file_names / sizeof file_names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", directory, file_names[i]);
        unlink(path);
    }
    rmdir(directory);
}

static const char *write_file(const char *name, const char *text)
{
    const char *path = celm_arena_printf(arena, "%s/%s", directory, name);
    FILE *file = fopen(path, "wb");
    CHECK(file != NULL);
    if (file) {
        fputs(text, file);
        fclose(file);
    }
    return path;
}

static const char *json_of(const celm_value *value)
{
    celm_string json;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_emit(arena, value, 0, &json, &err), CELM_OK);
    return json.data;
}

/* The merged values as JSON, or "ERROR: <message>". */
static const char *merge(const celm_values_options *options)
{
    celm_value *values;
    celm_error err = CELM_ERROR_INIT;
    if (celm_values_merge_user(arena, options, &values, &err) != CELM_OK)
        return celm_arena_printf(arena, "ERROR: %s", err.message);
    return json_of(values);
}

static void begin(void)
{
    arena = celm_arena_create();
    static bool created;
    if (!created) {
        CHECK(mkdtemp(directory) != NULL);
        created = true;
        atexit(remove_directory);
    }
}

static void end(void)
{
    celm_arena_destroy(arena);
}

static void kinds_apply_in_helm_order(void)
{
    begin();
    const char *files[] = {write_file("order.yaml", "a: yaml\nb: yaml\nc: yaml\nd: yaml\ne: yaml\nf: yaml\n")};
    const char *json[] = {"a=1,b=1,c=1,d=1,e=1"};
    const char *sets[] = {"b=2,c=2,d=2,e=2"};
    const char *strings[] = {"c=3,d=3,e=3"};
    const char *file_values[] = {celm_arena_printf(arena, "d=%s,e=%s", files[0], files[0])};
    const char *literals[] = {"e=lit,eral"};
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.value_files = files, options.value_file_count = 1;
    options.literal_values = literals, options.literal_value_count = 1;
    options.file_values = file_values, options.file_value_count = 1;
    options.string_values = strings, options.string_value_count = 1;
    options.values = sets, options.value_count = 1;
    options.json_values = json, options.json_value_count = 1;
    const char *yaml = "a: yaml\\nb: yaml\\nc: yaml\\nd: yaml\\ne: yaml\\nf: yaml\\n";
    CHECK_STR(merge(&options), celm_arena_printf(arena, "{\"a\":1,\"b\":2,\"c\":\"3\",\"d\":\"%s\",\"e\":\"lit,eral\","
                                                 "\"f\":\"yaml\"}", yaml));
    end();
}

static void files_merge_maps_and_replace_the_rest(void)
{
    begin();
    const char *files[] = {write_file("one.yaml", "a: {b: 1, c: [1]}\nd: 1\n---\na: {e: 2}\n"),
                           write_file("two.yaml", "a: {c: [2]}\nd: {x: 1}\n")};
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.value_files = files, options.value_file_count = 2;
    CHECK_STR(merge(&options), "{\"a\":{\"b\":1,\"c\":[2],\"e\":2},\"d\":{\"x\":1}}");
    end();
}

static void no_flags_give_an_empty_map(void)
{
    begin();
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    CHECK_STR(merge(&options), "{}");
    options.version = 0;
    CHECK_STR(merge(&options), "ERROR: celm_values_merge_user needs an arena and options");
    end();
}

static void whole_json_objects_merge_at_the_root(void)
{
    begin();
    const char *json[] = {"a.b=1,a.c=1", " {\"a\":{\"c\":2,\"d\":[1]},\"e\":null}\t"};
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.json_values = json, options.json_value_count = 2;
    CHECK_STR(merge(&options), "{\"a\":{\"b\":1,\"c\":2,\"d\":[1]},\"e\":null}");
    end();
}

static const char *error_of(celm_values_options *options, const char **origin)
{
    celm_value *values;
    static celm_error err;
    celm_error_clear(&err);
    CHECK(celm_values_merge_user(arena, options, &values, &err) != CELM_OK);
    *origin = err.origin;
    return celm_arena_printf(arena, "%s", err.message);
}

static void flag_errors_carry_helm_prefixes(void)
{
    begin();
    const char *bad[] = {"a"}, *origin;
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.values = bad, options.value_count = 1;
    CHECK_STR(error_of(&options, &origin), "failed parsing --set data: key \"a\" has no value");
    CHECK_STR(origin, "--set");
    options.value_count = 0, options.string_values = bad, options.string_value_count = 1;
    CHECK_STR(error_of(&options, &origin), "failed parsing --set-string data: key \"a\" has no value");
    options.string_value_count = 0, options.file_values = bad, options.file_value_count = 1;
    CHECK_STR(error_of(&options, &origin), "failed parsing --set-file data: key \"a\" has no value");
    options.file_value_count = 0, options.literal_values = bad, options.literal_value_count = 1;
    CHECK_STR(error_of(&options, &origin), "failed parsing --set-literal data: key \"a\" has no value");
    CHECK_STR(origin, "--set-literal");
    end();
}

static void set_json_errors_show_the_flag_not_the_cause(void)
{
    begin();
    const char *pairs[] = {"a=[1"}, *object[] = {"{\"a\":}"}, *origin;
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.json_values = pairs, options.json_value_count = 1;
    CHECK_STR(error_of(&options, &origin), "failed parsing --set-json data a=[1");
    options.json_values = object;
    CHECK_STR(error_of(&options, &origin), "failed parsing --set-json data JSON: {\"a\":}");
    CHECK_STR(origin, "--set-json");
    end();
}

static void file_errors_name_the_file(void)
{
    begin();
    const char *origin;
    const char *missing[] = {celm_arena_printf(arena, "%s/nope.yaml", directory)};
    celm_values_options options = CELM_VALUES_OPTIONS_INIT;
    options.value_files = missing, options.value_file_count = 1;
    CHECK_STR(error_of(&options, &origin), celm_arena_printf(arena, "open %s: no such file or directory", missing[0]));
    CHECK_STR(origin, missing[0]);
    const char *list[] = {write_file("list.yaml", "a: 1\n---\n- x\n")};
    options.value_files = list;
    CHECK_STR(error_of(&options, &origin),
              celm_arena_printf(arena, "failed to parse %s: cannot unmarshal yaml document: error unmarshaling JSON: "
                                "while decoding JSON: json: cannot unmarshal array into Go value of type "
                                "map[string]interface {}", list[0]));
    const char *dir[] = {directory};
    options.value_files = dir;
    CHECK_STR(error_of(&options, &origin), celm_arena_printf(arena, "read %s: is a directory", directory));
    end();
}

static void yaml_errors_count_lines_within_their_document(void)
{
    begin();
    celm_value *values;
    celm_error err = CELM_ERROR_INIT;
    const char *text = "a: 1\n---\nb: 2\nc: [\n";
    CHECK_INT(celm_values_load(arena, text, strlen(text), "v.yaml", &values, &err), CELM_EPARSE);
    CHECK_STR(err.message, "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: "
                           "did not find expected node content");
    CHECK_STR(err.origin, "v.yaml");
    CHECK(err.line >= 4);   /* the position points into the file, the message into the document */
    end();
}

static void documents_split_like_the_kubernetes_reader(void)
{
    begin();
    celm_value *values;
    celm_error err = CELM_ERROR_INIT;
    const char *text = "---\r\na: 1\r\n--- # x\r\n\r\n---\nb: 2\n---#\nc: 3";
    CHECK_INT(celm_values_load(arena, text, strlen(text), "v.yaml", &values, &err), CELM_OK);
    CHECK_STR(json_of(values), "{\"a\":1,\"b\":2,\"c\":3}");
    CHECK_INT(celm_values_load(arena, "a: 1\n--- x\n", 11, "v.yaml", &values, &err), CELM_EPARSE);
    CHECK_STR(err.message, "error reading yaml document: invalid Yaml document separator: x");
    CHECK_INT(err.line, 2);
    CHECK_INT(celm_values_load(arena, "true", 4, "v.yaml", &values, &err), CELM_EPARSE);
    CHECK(strstr(err.message, "cannot unmarshal bool into Go value") != NULL);
    CHECK_INT(celm_values_load(arena, "", 0, "v.yaml", &values, &err), CELM_OK);
    CHECK_STR(json_of(values), "{}");
    end();
}

static void merge_maps_leaves_its_inputs_alone(void)
{
    begin();
    celm_value *base, *overlay;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_json_parse(arena, "{\"a\":{\"b\":1,\"c\":2},\"d\":[1],\"e\":1}", 33, "b", &base, &err), CELM_OK);
    CHECK_INT(celm_json_parse(arena, "{\"a\":{\"c\":3},\"d\":{\"x\":1},\"e\":null}", 34, "o", &overlay, &err), CELM_OK);
    celm_value *merged = celm_values_merge_maps(arena, base, overlay);
    CHECK_STR(json_of(merged), "{\"a\":{\"b\":1,\"c\":3},\"d\":{\"x\":1},\"e\":null}");
    CHECK_STR(json_of(base), "{\"a\":{\"b\":1,\"c\":2},\"d\":[1],\"e\":1}");
    CHECK_STR(json_of(overlay), "{\"a\":{\"c\":3},\"d\":{\"x\":1},\"e\":null}");
    end();
}

static void oci_urls_are_refused_as_unsupported(void)
{
    begin();
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_values_read_source(arena, "oci://registry/v", NULL, &text, &err), CELM_EUNSUPPORTED);
    CHECK(strstr(err.message, "oci://registry/v") != NULL);
    CHECK(strstr(err.message, "not from OCI registries") != NULL);
    CHECK_INT(celm_values_read_source(arena, "http://a b/", NULL, &text, &err), CELM_EINVAL);
    CHECK_STR(err.message, "parse \"http://a b/\": invalid character \" \" in host name");
    end();
}

/* Any case of the scheme reaches the http getter; a closed loopback port answers at once, and the
 * error shows the URL as Go's url.Error does. */
static void http_urls_are_fetched(void)
{
    begin();
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_values_read_source(arena, "HTTP://me:secret@127.0.0.1:1/v.yaml", NULL, &text, &err), CELM_EIO);
    CHECK_STR(err.message, "Get \"http://me:***@127.0.0.1:1/v.yaml\": dial tcp 127.0.0.1:1: connect: connection refused");
    end();
}

static void dash_reads_the_given_standard_input(void)
{
    begin();
    FILE *input = tmpfile();
    fputs("s: 1\n", input);
    rewind(input);
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_values_read_source(arena, " -\t", input, &text, &err), CELM_OK);
    CHECK_STR(text.data, "s: 1\n");
    CHECK_INT(celm_values_read_source(arena, "-", input, &text, &err), CELM_OK);
    CHECK_INT(text.len, 0);
    fclose(input);
    end();
}

static const char *url_error(const char *raw)
{
    char scheme[16];
    celm_error err = CELM_ERROR_INIT;
    if (celm_values_url_scheme(raw, scheme, sizeof scheme, &err) == CELM_OK)
        return celm_arena_printf(arena, "scheme:%s", scheme);
    return celm_arena_printf(arena, "%s", err.message);
}

static void paths_are_checked_like_go_urls(void)
{
    begin();
    CHECK_STR(url_error("values.yaml"), "scheme:");
    CHECK_STR(url_error("S3://b/k"), "scheme:s3");
    CHECK_STR(url_error("C:%zz"), "scheme:c");
    CHECK_STR(url_error("%zz"), "parse \"%zz\": invalid URL escape \"%zz\"");
    CHECK_STR(url_error("a%2"), "parse \"a%2\": invalid URL escape \"%2\"");
    CHECK_STR(url_error(":x"), "parse \":x\": missing protocol scheme");
    CHECK_STR(url_error("1a:b"), "parse \"1a:b\": first path segment in URL cannot contain colon");
    CHECK_STR(url_error("a\x7f"), "parse \"a\\x7f\": net/url: invalid control character in URL");
    CHECK_STR(url_error("ok#%zz"), "parse \"ok#%zz\": invalid URL escape \"%zz\"");
    CHECK_STR(url_error("//h:x/p"), "parse \"//h:x/p\": invalid port \":x\" after host");
    CHECK_STR(url_error("//a:1:2/p"), "scheme:");
    CHECK_STR(url_error("https://a:1:2/p"), "parse \"https://a:1:2/p\": invalid port \":1:2\" after host");
    CHECK_STR(url_error("//[::1"), "parse \"//[::1\": missing ']' in host");
    CHECK_STR(url_error("//u^@h/p"), "parse \"//u^@h/p\": net/url: invalid userinfo");
    CHECK_STR(url_error("//h%41"), "parse \"//h%41\": invalid URL escape \"%41\"");
    CHECK_STR(url_error("///%zz"), "parse \"///%zz\": invalid URL escape \"%zz\"");
    CHECK_STR(url_error("x?%zz"), "scheme:");
    end();
}

CHECK_CASES(CASE(kinds_apply_in_helm_order), CASE(files_merge_maps_and_replace_the_rest),
            CASE(no_flags_give_an_empty_map), CASE(whole_json_objects_merge_at_the_root),
            CASE(flag_errors_carry_helm_prefixes), CASE(set_json_errors_show_the_flag_not_the_cause),
            CASE(file_errors_name_the_file), CASE(yaml_errors_count_lines_within_their_document),
            CASE(documents_split_like_the_kubernetes_reader), CASE(merge_maps_leaves_its_inputs_alone),
            CASE(oci_urls_are_refused_as_unsupported), CASE(http_urls_are_fetched), CASE(dash_reads_the_given_standard_input),
            CASE(paths_are_checked_like_go_urls))
