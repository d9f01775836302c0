/* test_chart_load.c: what the chart loader (chart_*.c) makes of good charts: each file's role, load
 * order, BOM stripping, values, metadata, .helmignore. Expectations were checked against helm
 * v4.2.4; compare_with_helm.sh checks the ignore table and fixtures like these against it. */
#include <stdio.h>

#include "chart_test.h"

static celm_chart *load(const char *root, const char *relative)
{
    char *path = fixture_path(root, relative);
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load(&chart, path, &err) != CELM_OK)
        check_fail(__FILE__, __LINE__, "loading %s: %s", path, err.message);
    free(path);
    return chart;
}

static void files_are_sorted_into_their_roles(void)
{
    char *root = fixture_directory();
    fixture_write_text(root, "c/Chart.yaml", "apiVersion: v2\nname: c\nversion: 0.1.0\n");
    fixture_write_text(root, "c/Chart.lock", "digest: sha256:0\n");
    fixture_write_text(root, "c/values.yaml", "a: 1\n");
    fixture_write_text(root, "c/values.schema.json", "{}");
    fixture_write_text(root, "c/templates/z.yaml", "kind: Z\n");
    fixture_write_text(root, "c/templates/sub/a.yaml", "kind: A\n");
    fixture_write_text(root, "c/templates/.hidden", "x");
    fixture_write_text(root, "c/templates/sub/.kept", "x");
    fixture_write_text(root, "c/crds/crd.yaml", "kind: CustomResourceDefinition\n");
    fixture_write_text(root, "c/README.md", "# c\n");
    fixture_write_text(root, "c/.helmignore", "*.bak\n");
    fixture_write_text(root, "c/old.bak", "x");
    celm_chart *chart = load(root, "c");
    if (chart) {
        CHECK_STR(chart->name, "c");
        CHECK_STR(chart->chart_yaml->name, "Chart.yaml");
        CHECK(chart->lock && strcmp(chart->lock->name, "Chart.lock") == 0);
        CHECK(chart->schema && chart->schema->len == 2);
        CHECK(chart->values_file && chart->values->kind == CELM_VALUE_MAP);
        CHECK(chart->requirements == NULL);
        CHECK_STR(chart_test_names(chart->templates, chart->template_count),
                  "templates/sub/.kept,templates/sub/a.yaml,templates/z.yaml");
        CHECK_STR(chart_test_names(chart->files, chart->file_count), ".helmignore,README.md,crds/crd.yaml");
        CHECK_STR(celm_chart_full_path(chart), "c");
    }
    celm_chart_free(chart);
    fixture_remove(root);
    free(root);
}

static void templates_follow_the_lexical_walk(void)
{
    char *root = fixture_directory();
    fixture_chart_yaml(root, "c", "c");
    const char *names[] = {"templates/b.yaml", "templates/a/z.yaml", "templates/B.yaml",
                           "templates/_h.tpl", "templates/a.yaml", "templates/sub/.kept"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[128];
        snprintf(path, sizeof path, "c/%s", names[i]);
        fixture_write_text(root, path, "x");
    }
    celm_chart *chart = load(root, "c");
    if (chart)
        CHECK_STR(chart_test_names(chart->templates, chart->template_count),
                  "templates/B.yaml,templates/_h.tpl,templates/a/z.yaml,templates/a.yaml,"
                  "templates/b.yaml,templates/sub/.kept");
    celm_chart_free(chart);
    fixture_remove(root);
    free(root);
}

static void archives_keep_tar_order(void)
{
    char *root = fixture_directory();
    const fixture_entry entries[] = {
        FIXTURE_TEXT("any/templates/z.yaml", "z"), {FIXTURE_DIRECTORY, "any/", NULL, 0},
        FIXTURE_TEXT("any/Chart.yaml", "apiVersion: v2\nname: arch\nversion: 1.0.0\n"),
        FIXTURE_TEXT("any/templates/a.yaml", "a"), FIXTURE_TEXT("any/b.txt", "b"),
        FIXTURE_TEXT("any/a.txt", "a"), FIXTURE_TEXT("any/.helmignore", "*.txt\n"),
        FIXTURE_TEXT("any/templates/.dot", "d"),
    };
    fixture_write_tgz(root, "arch.tgz", entries, sizeof entries / sizeof entries[0]);
    celm_chart *chart = load(root, "arch.tgz");
    if (chart) {
        CHECK_STR(chart->name, "arch");
        CHECK_STR(chart_test_names(chart->templates, chart->template_count),
                  "templates/z.yaml,templates/a.yaml,templates/.dot");
        CHECK_STR(chart_test_names(chart->files, chart->file_count), "b.txt,a.txt,.helmignore");
        CHECK(chart->templates[0].modtime.set && chart->templates[0].modtime.seconds == 1700000000);
    }
    celm_chart_free(chart);
    fixture_remove(root);
    free(root);
}

static void subcharts_come_from_directories_and_archives(void)
{
    char *root = fixture_directory();
    fixture_chart_yaml(root, "top", "top");
    fixture_chart_yaml(root, "top/charts/dir", "dirchart");
    fixture_write_text(root, "top/charts/dir/templates/t.yaml", "t");
    fixture_write_text(root, "top/charts/dir/charts/inner/Chart.yaml", "apiVersion: v2\nname: inner\nversion: 1.0.0\n");
    const fixture_entry archived[] = {
        FIXTURE_TEXT("sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.2.0\n"),
        FIXTURE_TEXT("sub/templates/s.yaml", "s"),
    };
    fixture_write_tgz(root, "top/charts/sub-0.2.0.tgz", archived, 2);
    fixture_write_text(root, "top/charts/sub-0.2.0.tgz.prov", "signature");
    fixture_write_text(root, "top/charts/_skipped/Chart.yaml", "not: a chart");
    fixture_write_text(root, "top/charts/.hidden.tgz", "not an archive");
    celm_chart *top = load(root, "top");
    if (top && top->dependency_count == 2) {
        celm_chart *dir = top->dependencies[0], *sub = top->dependencies[1];
        CHECK_STR(dir->name, "dirchart");
        CHECK_STR(sub->name, "sub");
        CHECK(dir->parent == top && sub->parent == top && top->parent == NULL);
        CHECK(dir->arena == top->arena);
        CHECK_STR(chart_test_names(dir->templates, dir->template_count), "templates/t.yaml");
        CHECK_STR(chart_test_names(sub->templates, sub->template_count), "templates/s.yaml");
        CHECK_STR(chart_test_names(top->files, top->file_count), "charts/sub-0.2.0.tgz.prov");
        CHECK_INT(dir->dependency_count, 1);
        if (dir->dependency_count == 1)
            CHECK_STR(celm_chart_full_path(dir->dependencies[0]), "top/charts/dirchart/charts/inner");
        CHECK_STR(celm_chart_full_path(sub), "top/charts/sub");
    } else {
        check_fail(__FILE__, __LINE__, "expected 2 subcharts");
    }
    celm_chart_free(top);
    fixture_remove(root);
    free(root);
}

static void requirements_of_v1_charts_are_also_files(void)
{
    char *root = fixture_directory();
    fixture_write_text(root, "v1/Chart.yaml", "name: v1\nversion: 1.0.0\n");
    fixture_write_text(root, "v1/requirements.yaml", "dependencies:\n- name: db\n  version: 1.x\n  alias: data\n");
    fixture_write_text(root, "v1/requirements.lock", "digest: x\n");
    fixture_write_text(root, "v2/Chart.yaml", "apiVersion: v2\nname: v2\nversion: 1.0.0\n");
    fixture_write_text(root, "v2/requirements.yaml", "dependencies: [{name: db}]\n");
    celm_chart *v1 = load(root, "v1");
    celm_chart *v2 = load(root, "v2");
    if (v1) {
        CHECK_STR(chart_test_meta(v1, "apiVersion"), "v1");
        CHECK_STR(chart_test_names(v1->files, v1->file_count), "requirements.lock,requirements.yaml");
        CHECK(v1->requirements && v1->lock && strcmp(v1->lock->name, "requirements.lock") == 0);
        const celm_value *deps = celm_map_cget(v1->metadata, "dependencies");
        CHECK(deps && deps->kind == CELM_VALUE_LIST && deps->as.list.count == 1);
        if (deps && deps->as.list.count == 1)
            CHECK_STR(celm_map_cget(deps->as.list.items[0], "alias")->as.string.data, "data");
    }
    if (v2) {
        CHECK_INT(v2->file_count, 0);
        CHECK(v2->requirements != NULL);
    }
    celm_chart_free(v1);
    celm_chart_free(v2);
    fixture_remove(root);
    free(root);
}

static void utf8_bom_is_stripped_from_every_file(void)
{
    char *root = fixture_directory();
    fixture_write_text(root, "c/Chart.yaml", "\xEF\xBB\xBF" "apiVersion: v2\nname: c\nversion: 0.1.0\n");
    fixture_write_text(root, "c/values.yaml", "\xEF\xBB\xBF" "a: 1\n");
    fixture_write_text(root, "c/templates/t.yaml", "\xEF\xBB\xBF" "kind: T\n");
    fixture_write_text(root, "c/notes.txt", "\xEF\xBB\xBF\xEF\xBB\xBF" "twice\n");
    const fixture_entry archived[] = {
        FIXTURE_TEXT("a/Chart.yaml", "\xEF\xBB\xBF" "apiVersion: v2\nname: a\nversion: 0.1.0\n"),
        FIXTURE_TEXT("a/README", "\xEF\xBB\xBF" "read me"),
    };
    fixture_write_tgz(root, "a.tgz", archived, 2);
    celm_chart *chart = load(root, "c");
    celm_chart *archive = load(root, "a.tgz");
    if (chart) {
        CHECK_STR(chart->templates[0].data, "kind: T\n");
        CHECK_STR(chart_test_find(chart->files, chart->file_count, "notes.txt")->data, "\xEF\xBB\xBF" "twice\n");
        CHECK_STR(chart->chart_yaml->data, "apiVersion: v2\nname: c\nversion: 0.1.0\n");
        CHECK(celm_map_cget(chart->values, "a") != NULL);
    }
    if (archive)
        CHECK_MEM(archive->files[0].data, archive->files[0].len, "read me", 7);
    celm_chart_free(chart);
    celm_chart_free(archive);
    fixture_remove(root);
    free(root);
}

static void values_documents_are_merged(void)
{
    char *root = fixture_directory();
    fixture_chart_yaml(root, "c", "c");
    fixture_write_text(root, "c/values.yaml",
                       "a: &m {p: 1, q: 1}\nb: *m\nlist: [1]\n---\r\n--- # comment\n\n---\n"
                       "a: {q: 2, r: 2}\nlist: [2]\nc: null\n");
    celm_chart *chart = load(root, "c");
    if (chart) {
        celm_string json = {"", 0};
        celm_error err = CELM_ERROR_INIT;
        celm_json_emit(chart->arena, chart->values, 0, &json, &err);
        CHECK_STR(json.data, "{\"a\":{\"p\":1,\"q\":2,\"r\":2},\"b\":{\"p\":1,\"q\":1},\"c\":null,\"list\":[2]}");
    }
    celm_chart_free(chart);
    fixture_remove(root);
    free(root);
}

static void metadata_holds_what_helms_struct_holds(void)
{
    char *root = fixture_directory();
    fixture_write_text(root, "c/Chart.yaml",
                       "apiVersion: v2\nName: \"\\tc\\x01\"\nversion: 1.10\nappVersion: 2\n"
                       "deprecated: true\nannotations: {a: 1, b: yes}\nunknown: [1]\n"
                       "keywords: [\"a\\u2028b\", 3]\nkubeVersion: '>=1.20'\ntype: library\n");
    celm_chart *chart = load(root, "c");
    if (chart) {
        CHECK_STR(chart->name, " c");
        CHECK_STR(chart_test_meta(chart, "version"), "1.1");
        CHECK_STR(chart_test_meta(chart, "appVersion"), "2");
        CHECK(celm_map_cget(chart->metadata, "unknown") == NULL);
        CHECK(celm_map_cget(chart->metadata, "deprecated")->as.boolean);
        const celm_value *annotations = celm_map_cget(chart->metadata, "annotations");
        CHECK_STR(celm_map_cget(annotations, "a")->as.string.data, "1");
        CHECK_STR(celm_map_cget(annotations, "b")->as.string.data, "true");
        const celm_value *keywords = celm_map_cget(chart->metadata, "keywords");
        CHECK_STR(keywords->as.list.items[0]->as.string.data, "a b");
        CHECK_STR(keywords->as.list.items[1]->as.string.data, "3");
        CHECK_STR(chart_test_meta(chart, "type"), "library");
    }
    celm_chart_free(chart);
    fixture_remove(root);
    free(root);
}

/* printf %b's escapes, as compare_with_helm.sh writes the table's .helmignore text. */
static size_t unescape(const char *text, char *out)
{
    size_t len = 0;
    for (const char *at = text; *at; at++) {
        if (*at != '\\' || !at[1]) {
            out[len++] = *at;
            continue;
        }
        switch (*++at) {
        case 'n': out[len++] = '\n'; break;
        case 'r': out[len++] = '\r'; break;
        case 't': out[len++] = '\t'; break;
        case 'x': {
            unsigned value = 0;
            sscanf(at + 1, "%2x", &value);
            out[len++] = (char)value;
            at += 2;
            break;
        }
        default: out[len++] = *at; break;
        }
    }
    return len;
}

/* What loading does with `path` when .helmignore holds `rules`: "loaded", "ignored", "error:..". */
static const char *ignore_outcome(const char *rules, const char *path)
{
    static char outcome[CELM_ERROR_MESSAGE_SIZE + 8];
    char *root = fixture_directory();
    char text[1024], file[512];
    fixture_chart_yaml(root, "c", "c");
    snprintf(file, sizeof file, "c/%s", path);
    fixture_write_text(root, file, "x\n");
    fixture_write(root, "c/.helmignore", text, unescape(rules, text));
    char *chart_path = fixture_path(root, "c");
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    if (celm_chart_load(&chart, chart_path, &err) != CELM_OK)
        snprintf(outcome, sizeof outcome, "error:%s", err.message);
    else
        snprintf(outcome, sizeof outcome, "%s",
                 chart_test_find(chart->templates, chart->template_count, path) ||
                 chart_test_find(chart->files, chart->file_count, path) ? "loaded" : "ignored");
    celm_chart_free(chart);
    free(chart_path);
    fixture_remove(root);
    free(root);
    return outcome;
}

static void helmignore_follows_the_table_checked_against_helm(void)
{
    char table[1024];
    snprintf(table, sizeof table, "%s/ignore_cases.tsv", CELM_CHART_TEST_DATA);
    FILE *in = fopen(table, "r");
    CHECK(in != NULL);
    char line[2048];
    int cases = 0;
    while (in && fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = 0;
        char *path = strchr(line, '\t');
        char *expected = path ? strchr(path + 1, '\t') : NULL;
        if (line[0] == '#' || !expected)
            continue;
        *path++ = 0;
        *expected++ = 0;
        const char *outcome = ignore_outcome(line, path);
        if (strcmp(outcome, expected) != 0)
            check_fail(__FILE__, __LINE__, "[%s] on %s: %s, expected %s", line, path, outcome, expected);
        cases++;
    }
    if (in)
        fclose(in);
    CHECK(cases > 70);
}

static void helmignore_lines_of_64k_fail_the_scan(void)
{
    char *root = fixture_directory();
    fixture_chart_yaml(root, "c", "c");
    size_t len = 65536;
    char *line = malloc(len + 1);
    memset(line, 'a', len);
    line[len] = '\n';
    fixture_write(root, "c/.helmignore", line, len + 1);
    CHECK_STR(chart_test_error_at(root, "c", 0), "bufio.Scanner: token too long");
    fixture_write(root, "c/.helmignore", line, len - 1);
    CHECK_STR(chart_test_error_at(root, "c", 0), "");
    free(line);
    fixture_remove(root);
    free(root);
}

static void lock_times_parse_as_go_parses_them(void)
{
    /* Recorded from Go 1.26's time.Time.UnmarshalJSON (helm v4.2.4's toolchain). */
    static const char *const cases[][2] = {
        {"x", "parsing time \"x\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"x\" as \"2006\""},
        {"2019-01-01", "parsing time \"2019-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\""},
        {"2019-01-01T00:00:00Z", ""},
        {"2019-01-01T1:00:00.5+01:00", ""},
        {"2019-13-01T00:00:00Z", "parsing time \"2019-13-01T00:00:00Z\": month out of range"},
        {"2019-02-29T00:00:00Z", "parsing time \"2019-02-29T00:00:00Z\": day out of range"},
        {"2019-01-01T10:00:60Z", "parsing time \"2019-01-01T10:00:60Z\": second out of range"},
        {"2019-01-01T10:00:00+25:00", "parsing time \"2019-01-01T10:00:00+25:00\": time zone offset hour out of range"},
        {"2019-01-01T10:00:00Zjunk", "parsing time \"2019-01-01T10:00:00Zjunk\": extra text: \"junk\""},
        {"2019-1-01T00:00:00Z", "parsing time \"2019-1-01T00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": "
                                "cannot parse \"1-01T00:00:00Z\" as \"01\""},
        {"\xC3\xBC" "2019", "parsing time \"\\xc3\\xbc2019\" as \"2006-01-02T15:04:05Z07:00\": cannot parse "
                            "\"\\xc3\\xbc2019\" as \"2006\""},
    };
    char *root = fixture_directory();
    fixture_chart_yaml(root, "c", "c");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char lock[256], expected[512];
        snprintf(lock, sizeof lock, "generated: \"%s\"\n", cases[i][0]);
        fixture_write_text(root, "c/Chart.lock", lock);
        snprintf(expected, sizeof expected, "%s%s", cases[i][1][0] ? "cannot load Chart.lock: error "
                 "unmarshaling JSON: while decoding JSON: " : "", cases[i][1]);
        CHECK_STR(chart_test_error_at(root, "c", 0), expected);
    }
    fixture_write_text(root, "c/Chart.lock", "generated: 3\n");
    CHECK_STR(chart_test_error_at(root, "c", 0), "cannot load Chart.lock: error unmarshaling JSON: while "
              "decoding JSON: Time.UnmarshalJSON: input is not a JSON string");
    fixture_remove(root);
    free(root);
}

static void archives_load_from_memory(void)
{
    const fixture_entry entries[] = {
        FIXTURE_TEXT("m/Chart.yaml", "apiVersion: v2\nname: mem\nversion: 0.1.0\n"),
        FIXTURE_TEXT("m/templates/t.yaml", "t"),
    };
    char *data;
    size_t len;
    CHECK_INT(fixture_tgz(entries, 2, &data, &len), 0);
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_chart_load_archive(&chart, data, len, "mem.tgz", &err), CELM_OK);
    memset(data, 0, len);
    free(data);
    if (chart) {
        CHECK_STR(chart->name, "mem");
        CHECK_STR(chart->templates[0].data, "t");
    }
    celm_chart_free(chart);
}

CHECK_CASES(CASE(files_are_sorted_into_their_roles), CASE(templates_follow_the_lexical_walk),
            CASE(archives_keep_tar_order), CASE(subcharts_come_from_directories_and_archives),
            CASE(requirements_of_v1_charts_are_also_files), CASE(utf8_bom_is_stripped_from_every_file),
            CASE(values_documents_are_merged), CASE(metadata_holds_what_helms_struct_holds),
            CASE(helmignore_follows_the_table_checked_against_helm),
            CASE(helmignore_lines_of_64k_fail_the_scan), CASE(lock_times_parse_as_go_parses_them),
            CASE(archives_load_from_memory))
