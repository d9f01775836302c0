/* test_chart_refusals.c: what the chart loader (chart_*.c) refuses, with helm v4.2.4's texts (each
 * checked against helm; compare_with_helm.sh re-checks many against it), its limits, and celm's
 * own guards (symlinks leaving the chart, cycles, entry count, nesting). */
#include <stdio.h>
#include <sys/stat.h>

#include "chart_test.h"

#define MIB (1024 * 1024)
#define CHART_YAML(name) FIXTURE_TEXT(name "/Chart.yaml", "apiVersion: v2\nname: a\nversion: 0.1.0\n")

static char *root;

static void fresh_root(void)
{
    if (root) {
        fixture_remove(root);
        free(root);
    }
    root = fixture_directory();
}

/* root/<relative>'s absolute path in a static buffer (root is absolute already). */
static const char *at(const char *relative)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", root, relative);
    return path;
}

static void chart_yaml_problems_read_as_helm_reports_them(void)
{
    static const char *const cases[][2] = {
        {"apiVersion: v2\nversion: 0.1.0\n", "validation: chart.metadata.name is required"},
        {"apiVersion: v2\nname: a/b\nversion: 1.0.0\n", "validation: chart.metadata.name \"a/b\" is invalid"},
        {"apiVersion: v2\nname: ..\nversion: 1.0.0\n", "validation: chart.metadata.name \"..\" is not allowed"},
        {"apiVersion: v2\nname: a\n", "validation: chart.metadata.version is required"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0-01\n", "validation: chart.metadata.version \"1.0.0-01\" is invalid"},
        {"apiVersion: v2\nname: a\nversion: 1.0\ntype: foo\n", "validation: chart.metadata.type must be application or library"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: d\n  alias: x.y\n",
         "validation: dependency \"d\" has disallowed characters in the alias"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: d\n- name: e\n  alias: d\n",
         "validation: more than one dependency with name or alias \"d\""},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies: [~]\n", "validation: dependencies must not contain empty or null nodes"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\nmaintainers: [~]\n", "validation: maintainers must not contain empty or null nodes"},
        {"apiVersion: v2\nname: [a]\nversion: 1.0.0\n", "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: "
         "json: cannot unmarshal array into Go struct field Metadata.name of type string"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\nmaintainers: [x]\n", "cannot load Chart.yaml: error unmarshaling JSON: while "
         "decoding JSON: json: cannot unmarshal string into Go struct field Metadata.maintainers of type v2.Maintainer"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies: [{tags: x}]\n", "cannot load Chart.yaml: error unmarshaling "
         "JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Dependency.dependencies.tags of type []string"},
        {"- a\n", "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go "
         "value of type loader.chartBase"},
        {"apiVersion: [v2]\n", "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array "
         "into Go struct field chartBase.apiVersion of type string"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\nx: .nan\n", "cannot load Chart.yaml: error converting YAML to JSON: json: "
         "unsupported value: NaN"},
        {"apiVersion: v2\nname: a\nversion: 1.0.0\n:\n", "cannot load Chart.yaml: error converting YAML to JSON: yaml: line 3: "
         "did not find expected key"},
        {"apiVersion: v3\nname: a\nversion: 1.0.0\n", "invalid chart apiVersion"},
        {"apiVersion: v9\nname: a\nversion: 1.0.0\n", "unsupported chart version"},
    };
    fresh_root();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture_write_text(root, "c/Chart.yaml", cases[i][0]);
        CHECK_STR(chart_test_error(at("c"), 0), cases[i][1]);
    }
    fixture_write_text(root, "c/Chart.yaml", "- a\n");
    CHECK_STR(chart_test_error(at("c"), 1), "cannot load Chart.yaml: error unmarshaling JSON: while decoding JSON: json: "
              "cannot unmarshal array into Go value of type v2.Metadata");
}

static void values_problems_read_as_helm_reports_them(void)
{
    static const char *const cases[][2] = {
        {"- x\n", "cannot load values.yaml: cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: "
                  "json: cannot unmarshal array into Go value of type map[string]interface {}"},
        {"a: 1\n---x\n", "cannot load values.yaml: error reading yaml document: invalid Yaml document separator: x"},
        {"a: 1\n---\nb: [\n", "cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: "
                              "yaml: line 1: did not find expected node content"},
        {"a: .nan\n", "cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: json: "
                      "unsupported value: NaN"},
    };
    fresh_root();
    fixture_chart_yaml(root, "c", "c");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fixture_write_text(root, "c/values.yaml", cases[i][0]);
        CHECK_STR(chart_test_error(at("c"), 0), cases[i][1]);
    }
}

static void missing_chart_yaml_reads_per_loader(void)
{
    fresh_root();
    fixture_write_text(root, "c/templates/t.yaml", "t");
    char expected[1200];
    snprintf(expected, sizeof expected, "unable to detect chart at %s/c/Chart.yaml: open %s/c/Chart.yaml: no such file "
             "or directory", root, root);
    CHECK_STR(chart_test_error(at("c"), 0), expected);
    CHECK_STR(chart_test_error(at("c"), 1), "Chart.yaml file is missing");
    fixture_write_text(root, "c/requirements.yaml", "dependencies: []\n");
    CHECK_STR(chart_test_error(at("c"), 1), "validation: chart.metadata.apiVersion is required");
    snprintf(expected, sizeof expected, "stat %s/none: no such file or directory", root);
    CHECK_STR(chart_test_error(at("none"), 0), expected);
}

static void subchart_entries_that_are_no_charts_are_refused(void)
{
    fresh_root();
    fixture_chart_yaml(root, "c", "c");
    fixture_write_text(root, "c/charts/README.md", "x");
    CHECK_STR(chart_test_error(at("c"), 0), "error unpacking subchart README.md in c: Chart.yaml file is missing");
    const fixture_entry entries[] = {CHART_YAML("a"), CHART_YAML("a/charts/x.tgz")};
    fixture_write_tgz(root, "t.tgz", entries, 2);
    CHECK_STR(chart_test_error(at("t.tgz"), 0), "error unpacking subchart tar in a: expected x.tgz, got x.tgz/Chart.yaml");
}

static void irregular_files_are_refused_unless_ignored(void)
{
    fresh_root();
    fixture_chart_yaml(root, "c", "c");
    fixture_fifo(root, "c/templates/f");
    char expected[1200];
    snprintf(expected, sizeof expected, "cannot load irregular file %s/c/templates/f as it has file mode type bits set", root);
    CHECK_STR(chart_test_error(at("c"), 0), expected);
    fixture_write_text(root, "c/.helmignore", "f\n");
    CHECK_STR(chart_test_error(at("c"), 0), "");
}

static void files_over_5_mib_are_refused(void)
{
    fresh_root();
    fixture_chart_yaml(root, "c", "c");
    fixture_write(root, "c/exact.bin", NULL, 0);
    char *data = calloc(1, 5 * MIB + 1);
    fixture_write(root, "c/exact.bin", data, 5 * MIB);
    CHECK_STR(chart_test_error(at("c"), 0), "");
    fixture_write(root, "c/big.txt", data, 5 * MIB + 1);
    CHECK_STR(chart_test_error(at("c"), 0), "chart file \"big.txt\" is larger than the maximum file size 5242880");
    remove(at("c/big.txt"));
    /* Helm names a symlink's target in this message. */
    fixture_write(root, "c/zz-big.bin", data, 5 * MIB + 1);
    fixture_write_text(root, "c/.helmignore", "zz-big.bin\n");
    fixture_symlink(root, "c/alink.txt", "zz-big.bin");
    CHECK_STR(chart_test_error(at("c"), 0), "chart file \"zz-big.bin\" is larger than the maximum file size 5242880");
    free(data);
}

static void archives_over_the_limits_are_refused(void)
{
    fixture_entry entries[24] = {CHART_YAML("a"), {FIXTURE_FILE, "a/big", NULL, 5 * MIB + 1}};
    CHECK_STR(chart_test_archive_error(entries, 2), "unable to load chart archive");
    fresh_root();
    fixture_write_tgz(root, "big.tgz", entries, 2);
    CHECK_STR(chart_test_error(at("big.tgz"), 1), "decompressed chart file \"a/big\" is larger than the maximum file size 5242880");
    /* 100 MiB in all is already too much (Helm stops when nothing is left), one byte less loads. */
    size_t chart_yaml = entries[0].len, i = 1;
    static char names[24][16];
    for (; i < 20; i++) {
        snprintf(names[i], sizeof names[i], "a/f%zu", i);
        entries[i] = (fixture_entry){FIXTURE_FILE, names[i], NULL, 5 * MIB};
    }
    entries[i] = (fixture_entry){FIXTURE_FILE, "a/last", NULL, 5 * MIB - chart_yaml};
    fixture_write_tgz(root, "total.tgz", entries, 21);
    CHECK_STR(chart_test_error(at("total.tgz"), 1), "decompressed chart is larger than the maximum size 104857600");
    entries[i].len--;
    CHECK_STR(chart_test_archive_error(entries, 21), "");
}

static void archive_paths_are_checked_as_helm_checks_them(void)
{
    static const char *const cases[][2] = {
        {"a//abs/x", "chart illegally contains absolute paths"},
        {"a/../x", "chart illegally references parent directory"},
        {"a/..x", "chart illegally references parent directory"},
        {"a\\..\\x", "chart illegally references parent directory"},
        {"a/c:/x", "chart contains illegally named files"},
        {"Chart.yaml", "chart illegally contains content outside the base directory: \"Chart.yaml\""},
        {"README", "chart illegally contains content outside the base directory: \"README\""},
        {"Chart.yaml/x", "chart yaml not in base directory"},
        {"a/./x/..", "chart illegally contains content outside the base directory: \"a/./x/..\""},
    };
    fresh_root();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const fixture_entry entries[] = {CHART_YAML("a"), FIXTURE_TEXT(cases[i][0], "x")};
        fixture_write_tgz(root, "p.tgz", entries, 2);
        CHECK_STR(chart_test_error(at("p.tgz"), 1), cases[i][1]);
        CHECK_STR(chart_test_error(at("p.tgz"), 0), "unable to load chart archive");
    }
}

static void odd_archive_entries_load_as_helm_loads_them(void)
{
    const fixture_entry entries[] = {
        CHART_YAML("a"), FIXTURE_TEXT("a\\templates\\w.yaml", "w"), {FIXTURE_SYMLINK, "a/templates/l", "/etc/passwd", 0},
        {FIXTURE_FIFO, "a/templates/f", NULL, 0}, FIXTURE_TEXT("top/templates/dup", "1"), FIXTURE_TEXT("a/templates/dup", "2"),
    };
    char *data;
    size_t len;
    fixture_tgz(entries, sizeof entries / sizeof entries[0], &data, &len);
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_chart_load_archive(&chart, data, len, "odd.tgz", &err), CELM_OK);
    if (chart) {
        CHECK_STR(chart_test_names(chart->templates, chart->template_count),
                  "templates/w.yaml,templates/l,templates/f,templates/dup,templates/dup");
        CHECK_INT(chart->templates[1].len, 0);
    }
    celm_chart_free(chart);
    free(data);
}

static void files_that_are_not_gzip_are_named(void)
{
    fresh_root();
    char text[600];
    memset(text, 'a', sizeof text);
    fixture_write_text(root, "plain.txt", "hello\n");
    fixture_write(root, "text.txt", text, sizeof text);
    fixture_write_text(root, "values.yaml", "a: 1\n");
    fixture_write_text(root, "page", "<html><body>");
    fixture_write(root, "image.png", "\x89PNG\r\n\x1a\n", 8);
    fixture_write(root, "empty", "", 0);
    static const char *const cases[][2] = {
        {"plain.txt", "does not appear to be a gzipped archive; got 'application/octet-stream'"},
        {"text.txt", "does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'"},
        {"values.yaml", "seems to be a YAML file, but expected a gzipped archive"},
        {"page", "does not appear to be a gzipped archive; got 'text/html; charset=utf-8'"},
        {"image.png", "does not appear to be a gzipped archive; got 'image/png'"},
        {"empty", "does not appear to be a gzipped archive; got 'application/octet-stream'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char expected[1200];
        snprintf(expected, sizeof expected, "file '%s' %s", at(cases[i][0]), cases[i][1]);
        CHECK_STR(chart_test_error(at(cases[i][0]), 0), expected);
    }
}

static void broken_archives_read_as_go_reads_them(void)
{
    fresh_root();
    fixture_write(root, "short.tgz", "\x1f\x8b\x08garbage", 10);
    CHECK_STR(chart_test_error(at("short.tgz"), 1), "unexpected EOF");
    CHECK_STR(chart_test_error(at("short.tgz"), 0), "unable to load chart archive");
    fixture_write_tgz(root, "empty.tgz", NULL, 0);
    CHECK_STR(chart_test_error(at("empty.tgz"), 1), "no files in chart archive");
    const fixture_entry no_chart[] = {FIXTURE_TEXT("a/templates/x.yaml", "x")};
    fixture_write_tgz(root, "none.tgz", no_chart, 1);
    CHECK_STR(chart_test_error(at("none.tgz"), 0), "unable to detect chart version, no Chart.yaml found");
    CHECK_STR(chart_test_error(at("none.tgz"), 1), "Chart.yaml file is missing");
    const fixture_entry nested[] = {CHART_YAML("top"), FIXTURE_TEXT("top/charts/bad.tgz", "not gzip at all")};
    fixture_write_tgz(root, "nested.tgz", nested, 2);
    char expected[1200];
    snprintf(expected, sizeof expected, "file '%s' does not appear to be a valid chart file (details: error unpacking "
             "subchart bad.tgz in a: gzip: invalid header)", at("nested.tgz"));
    CHECK_STR(chart_test_error(at("nested.tgz"), 0), expected);
}

static void symlinks_inside_the_chart_are_followed(void)
{
    fresh_root();
    fixture_chart_yaml(root, "c", "c");
    fixture_write_text(root, "c/shared/t.yaml", "kind: T\n");
    fixture_symlink(root, "c/templates/linked.yaml", "../shared/t.yaml");
    fixture_symlink(root, "c/templates/dir", "../shared");
    fixture_write_text(root, "outside.yaml", "x");
    fixture_symlink(root, "c/ignored", "../outside.yaml");
    fixture_write_text(root, "c/.helmignore", "ignored\n");
    celm_chart *chart = NULL;
    celm_error err = CELM_ERROR_INIT;
    CHECK_INT(celm_chart_load(&chart, at("c"), &err), CELM_OK);
    if (chart) {
        CHECK_STR(chart_test_names(chart->templates, chart->template_count), "templates/dir/t.yaml,templates/linked.yaml");
        CHECK_STR(chart->templates[1].data, "kind: T\n");
    }
    celm_chart_free(chart);
    /* Helm resolves a link before asking .helmignore, so an ignored broken one fails too. */
    fixture_symlink(root, "c/templates/broken.yaml", "../nowhere.yaml");
    fixture_write_text(root, "c/.helmignore", "ignored\nbroken.yaml\n");
    char expected[1200];
    snprintf(expected, sizeof expected, "error evaluating symlink %s/c/templates/broken.yaml: lstat %s/c/nowhere.yaml: no "
             "such file or directory", root, root);
    CHECK_STR(chart_test_error(at("c"), 0), expected);
}

static void symlinks_leaving_the_chart_or_looping_are_refused(void)
{
    fresh_root();
    fixture_chart_yaml(root, "c", "c");
    fixture_write_text(root, "outside.yaml", "x");
    fixture_symlink(root, "c/templates/out.yaml", "../../outside.yaml");
    char expected[1200];
    snprintf(expected, sizeof expected, "refusing symlink %s/c/templates/out.yaml: it resolves to %s/outside.yaml, outside the "
             "chart directory %s/c", root, root, root);
    CHECK_STR(chart_test_error(at("c"), 0), expected);
    remove(at("c/templates/out.yaml"));
    fixture_symlink(root, "c/templates/loop", "..");
    snprintf(expected, sizeof expected, "refusing symlink %s/c/templates/loop: it leads back into a directory being loaded",
             root);
    CHECK_STR(chart_test_error(at("c"), 0), expected);
}

static void hostile_archives_hit_celms_limits(void)
{
    size_t count = CELM_CHART_MAX_ENTRIES + 1;
    fixture_entry *entries = calloc(count, sizeof *entries);
    char (*names)[32] = calloc(count, sizeof *names);
    entries[0] = (fixture_entry)CHART_YAML("a");
    for (size_t i = 1; i < count; i++) {
        snprintf(names[i], sizeof names[i], "a/f%zu", i);
        entries[i] = (fixture_entry){FIXTURE_FILE, names[i], "", 0};
    }
    fresh_root();
    fixture_write_tgz(root, "many.tgz", entries, count);
    CHECK_STR(chart_test_error(at("many.tgz"), 1), "chart has more than 100000 files and directories (celm's limit)");
    CHECK_STR(chart_test_archive_error(entries, count - 1), "");
    free(entries);
    free(names);
}

static void subcharts_nest_at_most_16_deep(void)
{
    fresh_root();
    char path[1024] = "c";
    for (int depth = 0; depth <= CELM_CHART_MAX_NESTING; depth++) {
        fixture_chart_yaml(root, path, "sub");
        strcat(path, "/charts/sub");
    }
    CHECK_STR(chart_test_error(at("c"), 0), "");
    fixture_chart_yaml(root, path, "sub");
    const char *message = chart_test_error(at("c"), 0);
    CHECK(strstr(message, "error unpacking subchart sub in sub: subcharts are nested more than 16 levels deep (celm's limit)"));
}

static void cleanup(void)
{
    fresh_root();
    fixture_remove(root);
    free(root);
    root = NULL;
}

CHECK_CASES(CASE(chart_yaml_problems_read_as_helm_reports_them), CASE(values_problems_read_as_helm_reports_them),
            CASE(missing_chart_yaml_reads_per_loader), CASE(subchart_entries_that_are_no_charts_are_refused),
            CASE(irregular_files_are_refused_unless_ignored), CASE(files_over_5_mib_are_refused),
            CASE(archives_over_the_limits_are_refused), CASE(archive_paths_are_checked_as_helm_checks_them),
            CASE(odd_archive_entries_load_as_helm_loads_them), CASE(files_that_are_not_gzip_are_named),
            CASE(broken_archives_read_as_go_reads_them), CASE(symlinks_inside_the_chart_are_followed),
            CASE(symlinks_leaving_the_chart_or_looping_are_refused), CASE(hostile_archives_hit_celms_limits),
            CASE(subcharts_nest_at_most_16_deep), CASE(cleanup))
