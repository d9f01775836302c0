/* chart.h: the chart model of libcelm: a chart loaded from a directory or a .tgz, with its subcharts. */
#ifndef CELM_CHART_H
#define CELM_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "celm/sdk.h"

/* A modification time as Helm records it (File.ModTime, Chart.ModTime): seconds and nanoseconds
 * since the Unix epoch; `set` is 0 for Go's zero time. */
typedef struct celm_chart_time {
    int64_t seconds;
    int32_t nanoseconds;
    int32_t set;
} celm_chart_time;

/* One file of a chart, path relative to the chart root with '/' separators ("templates/a.yaml").
 * Data has its UTF-8 BOM stripped; data[len] == 0 for convenience. */
typedef struct celm_chart_file {
    const char *name;
    const char *data;
    size_t len;
    celm_chart_time modtime;    /* the file's mtime (directory) or the tar header's (archive) */
} celm_chart_file;

/* A loaded chart. Everything hangs off the arena of the top chart and is freed with
 * celm_chart_free(top). Subcharts are loaded from charts/<x>/ and charts/<x>.tgz recursively. */
typedef struct celm_chart celm_chart;
struct celm_chart {
    celm_arena *arena;              /* shared by the whole tree; owned by the top chart */
    const char *name;               /* metadata name (later replaced by an alias when one applies) */
    /* Chart.yaml (and requirements.yaml) as Helm's Metadata struct holds it after loading: only
     * Metadata's fields, keyed by their Chart.yaml names ("apiVersion", "appVersion", ...), with
     * Go's types (numbers and booleans written where a string belongs become strings, as
     * sigs.k8s.io/yaml converts them), sanitized as Metadata.Validate does, apiVersion defaulted
     * to "v1". A field Chart.yaml does not set is absent (Go's zero value). maintainers and
     * dependencies are lists of maps; import-values items keep integers as int64. */
    celm_value *metadata;
    const celm_chart_file *chart_yaml;      /* raw Chart.yaml */
    const celm_chart_file *lock;    /* the last of Chart.lock / requirements.lock read, NULL if empty */
    const celm_chart_file *requirements;    /* requirements.yaml, or NULL */
    celm_value *values;             /* values.yaml, all its documents merged (a map, possibly empty) */
    const celm_chart_file *values_file;     /* raw values.yaml, or NULL */
    const celm_chart_file *schema;  /* raw values.schema.json, or NULL */
    celm_chart_file *templates;     /* everything under templates/, in load order */
    size_t template_count;
    celm_chart_file *files;         /* everything else (.Files): README, crds/, .helmignore, charts/
                                     * *.prov, and requirements.yaml/.lock for apiVersion v1 */
    size_t file_count;
    celm_chart **dependencies;      /* loaded subcharts, in the order their charts/ entry was first
                                     * seen (Helm's order is random: a Go map) */
    size_t dependency_count;
    celm_chart *parent;             /* NULL for the top chart */
    celm_chart_time modtime;        /* Chart.yaml's (Chart.ModTime) */
    celm_chart_time schema_modtime; /* values.schema.json's (Chart.SchemaModTime) */
    /* `lock` as Helm's Lock struct holds it (generated, digest and dependencies, typed like the
     * metadata's), or NULL when there is no lock or it is empty. */
    celm_value *lock_data;
};

/* Limits. Helm's: */
#define CELM_CHART_MAX_FILE_SIZE (5 * 1024 * 1024)         /* any one file, directory or archive */
#define CELM_CHART_MAX_ARCHIVE_SIZE (100 * 1024 * 1024)    /* all files of one archive, decompressed */
/* celm's own, against hostile charts (Helm has none); far above any real chart: */
#define CELM_CHART_MAX_ENTRIES 100000      /* files and directories seen while loading one tree */
#define CELM_CHART_MAX_NESTING 16          /* subcharts inside subcharts */
#define CELM_CHART_MAX_TREE_SIZE (512 * 1024 * 1024)       /* bytes of all files of one tree */
#define CELM_CHART_MAX_DIRECTORY_DEPTH 256 /* directory levels below the chart root */

/* Loads a chart from a directory (honouring .helmignore) or a .tgz file, as `helm template`,
 * `install`, `upgrade` and `package` do (pkg/chart/loader: the apiVersion is read first), with
 * Helm's checks, limits and error texts. Symbolic links are followed like Helm follows them, but
 * one that resolves outside the chart directory, or back into a directory being walked, is
 * refused. On failure *out is NULL; err holds Helm's message, and its origin/line name the file
 * (and line) when known. On success free the tree with celm_chart_free(*out). */
int celm_chart_load(celm_chart **out, const char *path, celm_error *err);
/* The same through Helm's v2 loader directly, as `helm show` and `helm dependency` load: no
 * apiVersion dispatch, so some errors read differently (e.g. "Chart.yaml file is missing"). */
int celm_chart_load_v2(celm_chart **out, const char *path, celm_error *err);
/* Loads a chart from .tgz bytes held in memory, as celm_chart_load loads a .tgz file named
 * `origin` (which only names the bytes in errors). `data` is copied; the caller keeps it. */
int celm_chart_load_archive(celm_chart **out, const void *data, size_t len, const char *origin,
                            celm_error *err);
/* chartutil.LoadChartfile (strict: StrictLoadChartfile, helm lint's check): Chart.yaml's bytes onto
 * Helm's Metadata without validating it; errors read as sigs.k8s.io/yaml words them ("error
 * unmarshaling JSON: while decoding JSON: json: unknown field \"x\""). *out lives in `arena`. */
int celm_chartfile_decode(celm_arena *arena, const celm_chart_file *file, int strict, celm_value **out,
                          celm_error *err);
/* chartutil.Expand: the archive's files (gzip+tar bytes) written verbatim under
 * <directory>/<Chart.yaml name>, helm's refusals of names and paths included. */
int celm_chart_expand(const char *directory, const void *data, size_t len, celm_error *err);
/* Frees a tree loaded by the functions above; pass the top chart (or NULL). */
void celm_chart_free(celm_chart *chart);
/* Chart.yaml as Helm writes it (yaml.Marshal of Metadata: Go's JSON field rules, then toYaml
 * bytes). `without_dependencies` leaves them out, as Save does for apiVersion v1 charts. */
int celm_chart_metadata_yaml(celm_arena *arena, const celm_chart *chart, int without_dependencies, celm_string *out,
                             celm_error *err);
/* The Metadata map as encoding/json sees it (omitempty fields left out), a new map in `arena`;
 * NULL when out of memory. */
celm_value *celm_chart_metadata_value(celm_arena *arena, const celm_value *metadata);
/* Helm's chartutil.Save: <directory>/<name>-<version>.tgz with Chart.yaml rewritten, values,
 * schema, templates, files and subcharts (as directories), mode 0644, the files' times, and
 * helm's gzip header. *out_path is an arena string. Fails as Save does ("chart validation: ..."). */
int celm_chart_save(const celm_chart *chart, const char *directory, const char **out_path, celm_error *err);
/* Helm's chartutil.SaveDir: the chart as files in <dest>/<name> (directories 0755, files 0644 less
 * the umask): Chart.yaml rewritten, the raw values.yaml, the schema, templates and files, and each
 * subchart as an archive in charts/. A file name that would leave the chart directory is refused. */
int celm_chart_save_dir(const celm_chart *chart, const char *dest, celm_error *err);
/* "mychart" or "mychart/charts/sub": the prefix of this chart's template names, built from the
 * current names (so after aliasing). The text lives in the chart's arena. */
const char *celm_chart_full_path(const celm_chart *chart);

#endif
