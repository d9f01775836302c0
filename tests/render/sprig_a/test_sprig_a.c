/* test_sprig_a.c: Sprig's string, list, dict, default, conversion, math, regex, path, reflection and
 * encoding functions against Sprig v3.3.0 itself: its answers to cases.txt (expected.txt) and the Go
 * signature of every function (signatures.txt), both recorded by gosprig/main.go. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_call.h"
#include "celm/celm.h"
#include "check.h"
#include "gotmpl_call.h"
#include "gotmpl_fmt.h"
#include "gotmpl_sprig.h"

static const char *expected_path, *signatures_path;

/* The Sprig functions of the other half (dates, crypto, random, semver, network, URLs, JSON) and
 * the two Helm removes; every other TxtFuncMap name must be in this group's tables. */
static const char *const other_owners[] = {
    "ago", "date", "date_in_zone", "date_modify", "dateInZone", "dateModify", "duration", "durationRound",
    "htmlDate", "htmlDateInZone", "must_date_modify", "mustDateModify", "mustToDate", "now", "toDate",
    "unixEpoch", "randAlphaNum", "randAlpha", "randAscii", "randNumeric", "randBytes", "randInt", "shuffle",
    "sha1sum", "sha256sum", "sha512sum", "adler32sum", "bcrypt", "htpasswd", "genPrivateKey", "derivePassword",
    "buildCustomCert", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
    "genSignedCert", "genSignedCertWithKey", "encryptAES", "decryptAES", "uuidv4", "semver", "semverCompare",
    "getHostByName", "urlParse", "urlJoin", "fromJson", "toJson", "toPrettyJson", "toRawJson", "mustFromJson",
    "mustToJson", "mustToPrettyJson", "mustToRawJson", "env", "expandenv",
};

/* Functions whose Go result type the value model cannot name: [][]interface{} is built as a
 * []interface{} of []interface{} (same %v, but %T and typeOf say "[]interface {}"). */
static const char *const known_result_differences[] = {"chunk", "mustChunk"};

static int listed(const char *const *names, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

typedef void (*line_visitor)(const char *line, size_t number, void *state);

static size_t each_line(const char *path, line_visitor visit, void *state)
{
    FILE *file = fopen(path, "rb");
    CHECK(file != NULL);
    if (!file)
        return 0;
    static char line[1 << 16];
    size_t number = 0;
    while (fgets(line, sizeof line, file)) {
        size_t len = strlen(line);
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        visit(line, ++number, state);
    }
    fclose(file);
    return number;
}

/* --- expected.txt ------------------------------------------------------------------------------ */
static void check_case_line(const char *line, size_t number, void *state)
{
    (void)state;
    char *copy = strdup(line);
    char *arrow = strstr(copy, "\t=> ");
    if (!arrow) {
        check_fail(expected_path, (int)number, "no answer on the line");
        free(copy);
        return;
    }
    *arrow = '\0';
    const char *expected = arrow + 4;
    celm_arena *arena = celm_arena_create();
    gotmpl_runtime *runtime;
    gotmpl_runtime_create(celm_host_table(), arena, &runtime);
    celm_string answer;
    case_call(runtime, copy, &answer);
    /* chunk's [][]interface{} is a []interface{} of lists here: the %v must still be Sprig's. */
    const char *nested = "[][]interface {} ";
    if (strncmp(copy, "chunk ", 6) == 0 || strncmp(copy, "mustChunk ", 10) == 0)
        if (strncmp(expected, nested, strlen(nested)) == 0)
            expected += 2;
    if (strlen(expected) != answer.len || memcmp(expected, answer.data, answer.len) != 0)
        check_fail(expected_path, (int)number, "%s\n  sprig: %s\n  celm:  %.*s", copy, expected, (int)answer.len,
                   answer.data);
    celm_arena_destroy(arena);
    free(copy);
}

static void golden_cases_match_sprig(void)
{
    size_t cases = each_line(expected_path, check_case_line, NULL);
    CHECK(cases >= 400);
}

/* --- signatures.txt ---------------------------------------------------------------------------- */
static const char *go_type(uint8_t type)
{
    switch (type) {
    case GT_BOOL: return "bool";
    case GT_INT: return "int";
    case GT_INT64: return "int64";
    case GT_FLOAT64: return "float64";
    case GT_STRING: return "string";
    case GT_LIST: return "[]interface {}";
    case GT_STRING_LIST: return "[]string";
    case GT_INT_LIST: return "[]int";
    case GT_MAP: return "map[string]interface {}";
    case GT_STRING_MAP: return "map[string]string";
    case GT_ANY: return "interface {}";
    default: return "?";
    }
}

/* The declaration written as reflect.Type.String() writes a func type. */
static void declared_signature(const gotmpl_func *f, char *out, size_t size)
{
    size_t at = (size_t)snprintf(out, size, "func(");
    for (size_t i = 0; i < f->param_count; i++)
        at += (size_t)snprintf(out + at, size - at, "%s%s%s", i ? ", " : "",
                               f->variadic && i + 1 == f->param_count ? "..." : "", go_type(f->params[i]));
    const char *result = go_type(f->result);
    if (f->returns_error)
        snprintf(out + at, size - at, ") (%s, error)", result);
    else
        snprintf(out + at, size - at, ") %s", result);
}

typedef struct signature_state {
    size_t mine, others;
} signature_state;

static void check_signature_line(const char *line, size_t number, void *state)
{
    signature_state *counts = state;
    const char *tab = strchr(line, '\t');
    if (!tab) {
        check_fail(signatures_path, (int)number, "no signature on the line");
        return;
    }
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(tab - line), line);
    const gotmpl_func *f = case_find_function(name, strlen(name));
    if (!f) {
        if (!listed(other_owners, sizeof other_owners / sizeof other_owners[0], name) && strcmp(name, "hello"))
            check_fail(signatures_path, (int)number, "%s: a Sprig function nobody implements", name);
        counts->others++;
        return;
    }
    counts->mine++;
    char declared[256];
    declared_signature(f, declared, sizeof declared);
    int known = listed(known_result_differences, 2, name);
    if (strcmp(declared, tab + 1) != 0 && !known)
        check_fail(signatures_path, (int)number, "%s\n  sprig: %s\n  celm:  %s", name, tab + 1, declared);
    if (known && strcmp(declared, "func(int, interface {}) []interface {}") &&
        strcmp(declared, "func(int, interface {}) ([]interface {}, error)"))
        check_fail(signatures_path, (int)number, "%s: %s", name, declared);
}

/* Every Sprig function is declared with its Go signature, and none is left without an owner. */
static void signatures_match_sprig(void)
{
    signature_state counts = {0, 0};
    each_line(signatures_path, check_signature_line, &counts);
    CHECK_INT(counts.mine + counts.others, 211);
    CHECK_INT(counts.others, 56);
    CHECK_INT(counts.mine, 155);
}

/* --- behaviour a case line cannot show ---------------------------------------------------------- */
typedef struct fixture {
    celm_arena *arena;
    gotmpl_runtime *runtime;
} fixture;

static fixture fixture_open(void)
{
    fixture f = {celm_arena_create(), NULL};
    gotmpl_runtime_create(celm_host_table(), f.arena, &f.runtime);
    return f;
}

static int call_function(fixture *f, const char *name, const gotmpl_value *args, size_t count, gotmpl_value *out)
{
    gotmpl_call call;
    const gotmpl_func *function = case_find_function(name, strlen(name));
    gotmpl_call_init(&call, f->runtime, NULL, function);
    return function->impl(&call, args, count, out);
}

static const char *printed(fixture *f, const gotmpl_value *value)
{
    celm_string text = {"", 0};
    gotmpl_fmt_value(f->runtime, value, &text);
    return text.data;
}

/* set changes the map itself: everyone holding it sees the new key, as with Go maps. */
static void set_changes_the_shared_map(void)
{
    fixture f = fixture_open();
    gotmpl_value map = gotmpl_map_new(f.runtime, GT_MAP, 0), out;
    gotmpl_value args[3] = {map, gotmpl_string("k", 1), gotmpl_int(GT_INT, 7)};
    CHECK_INT(call_function(&f, "set", args, 3, &out), 0);
    CHECK(out.as.map == map.as.map);
    CHECK_STR(printed(&f, &map), "map[k:7]");
    celm_arena_destroy(f.arena);
}

/* sortAlpha on a []string sorts that very list, as sort.StringSlice does in Sprig. */
static void sort_alpha_sorts_a_string_list_in_place(void)
{
    fixture f = fixture_open();
    gotmpl_value list = gotmpl_list_new(f.runtime, GT_STRING_LIST, 2), out;
    gotmpl_list_append(f.runtime, list.as.list, gotmpl_string("b", 1));
    gotmpl_list_append(f.runtime, list.as.list, gotmpl_string("a", 1));
    CHECK_INT(call_function(&f, "sortAlpha", &list, 1, &out), 0);
    CHECK_STR(printed(&f, &list), "[a b]");
    CHECK(out.as.list == list.as.list);
    celm_arena_destroy(f.arena);
}

/* merge shares src's nested maps with dst rather than copying them, as mergo does. */
static void merge_shares_nested_maps(void)
{
    fixture f = fixture_open();
    gotmpl_value dst = gotmpl_map_new(f.runtime, GT_MAP, 0), src = gotmpl_map_new(f.runtime, GT_MAP, 0);
    gotmpl_value inner = gotmpl_map_new(f.runtime, GT_MAP, 0), out, found;
    gotmpl_map_set(f.runtime, src.as.map, "inner", 5, inner);
    gotmpl_value args[2] = {dst, src};
    CHECK_INT(call_function(&f, "merge", args, 2, &out), 0);
    CHECK(gotmpl_map_get(f.runtime, dst.as.map, "inner", 5, &found));
    CHECK(found.as.map == inner.as.map);
    celm_arena_destroy(f.arena);
}

/* A map read from chart values (a celm_value) works like a native one, and set writes through. */
static void functions_read_and_write_chart_values(void)
{
    fixture f = fixture_open();
    celm_value *values = NULL;
    celm_error err = CELM_ERROR_INIT;
    const char *yaml = "b: [2, 1]\na: {x: 1}\n";
    CHECK_INT(celm_yaml_parse(f.arena, yaml, strlen(yaml), "values", 0, &values, &err), 0);
    gotmpl_value map = gotmpl_from_celm(f.runtime, values), out;
    CHECK_INT(call_function(&f, "keys", &map, 1, &out), 0);
    CHECK_STR(printed(&f, &out), "[a b]");
    gotmpl_value args[3] = {map, gotmpl_string("c", 1), gotmpl_bool(1)};
    CHECK_INT(call_function(&f, "set", args, 3, &out), 0);
    gotmpl_value again = gotmpl_from_celm(f.runtime, values);
    CHECK_STR(printed(&f, &again), "map[a:map[x:1] b:[2 1] c:true]");
    celm_arena_destroy(f.arena);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s expected.txt signatures.txt\n", argv[0]);
        return 2;
    }
    expected_path = argv[1];
    signatures_path = argv[2];
    static const check_case cases[] = {
        CASE(golden_cases_match_sprig),
        CASE(signatures_match_sprig),
        CASE(set_changes_the_shared_map),
        CASE(sort_alpha_sorts_a_string_list_in_place),
        CASE(merge_shares_nested_maps),
        CASE(functions_read_and_write_chart_values),
    };
    return check_run(cases, sizeof cases / sizeof cases[0]);
}
