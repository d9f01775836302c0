/* manifest.h: from rendered templates to Helm's sorted manifests, hooks and `helm template` text. */
#ifndef CELM_MANIFEST_H
#define CELM_MANIFEST_H

#include <stddef.h>

#include "celm/chart.h"
#include "celm/coalesce.h"
#include "celm/sdk.h"

/* One regular document of the release manifest (Helm's releaseutil.Manifest). */
typedef struct celm_manifest {
    const char *path;           /* template path, e.g. "mychart/templates/a.yaml" */
    celm_string content;        /* the document, leading whitespace trimmed (trailing kept, as v4.2) */
    const char *api_version;    /* "" when absent */
    const char *kind;           /* "" when absent */
    const char *name;           /* metadata.name, "" when absent */
} celm_manifest;

/* A hook document (Helm's release.Hook before it runs). Lists are arena arrays of strings. */
typedef struct celm_hook {
    const char *name;
    const char *kind;
    const char *path;
    celm_string manifest;
    const char **events;            /* canonical names: "test-success" is recorded as "test" */
    size_t event_count;
    long long weight;               /* helm.sh/hook-weight read with Go's strconv.Atoi, else 0 */
    const char **delete_policies;
    size_t delete_policy_count;
    const char **output_log_policies;
    size_t output_log_policy_count;
} celm_hook;

typedef struct celm_sorted_release {
    celm_manifest *manifests;       /* sorted by kind (install order), then path, then position */
    size_t manifest_count;
    celm_hook *hooks;               /* sorted the same way (not by weight) */
    size_t hook_count;
    celm_string notes;              /* the top chart's NOTES.txt (or all, with subchart notes) */
} celm_sorted_release;

/* Helm's renderResources + SortManifests over rendered files: NOTES.txt taken out, partials and
 * blank files skipped, files in path order split into documents, each document's head read
 * (errors: "YAML parse error on <path>: ..."), hooks separated, both lists sorted by kind.
 * `chart_name` names the top chart (for NOTES). Unknown hook events drop the document with a
 * warning. Everything is allocated in `arena`. */
int celm_manifests_sort(celm_arena *arena, const celm_render_output *files, size_t count, const char *chart_name,
                        int subchart_notes, celm_warning_fn warn, void *payload, celm_sorted_release *out,
                        celm_error *err);

/* Helm's CRDObjects: the chart's crds/ files (.yaml, .yml, .json) in load order, then each
 * dependency's, each with its path "<chart full path>/crds/<file>" (an arena string). */
typedef void (*celm_crd_visit)(void *payload, const char *path, const char *data, size_t len);
void celm_chart_each_crd(celm_arena *arena, const celm_chart *chart, celm_crd_visit visit, void *payload);

/* The release manifest text ("---\n# Source: <path>\n<doc>\n" per document), preceded by the
 * chart's CRD files when `crd_chart` is not NULL (Helm's --include-crds). */
int celm_manifest_text(celm_arena *arena, const celm_sorted_release *release, const celm_chart *crd_chart,
                       celm_string *out);

typedef struct celm_template_output_options {
    int no_hooks;
    int skip_tests;
    const char *const *show_only;   /* --show-only patterns (Go filepath.Match against the path
                                     * without its first element), or NULL */
    size_t show_only_count;
    const char *output_dir;         /* --output-dir, or NULL: write files instead of printing */
    const char *release_dir;        /* with --release-name: the release name under output_dir */
} celm_template_output_options;

/* What `helm template` prints for a sorted release whose manifest text is `manifest`. */
int celm_template_output(celm_arena *arena, const celm_sorted_release *release, const celm_string *manifest,
                         const celm_template_output_options *options, celm_string *out, celm_error *err);

/* --output-dir: writes the CRDs (when `crd_chart` is not NULL) under output_dir, the manifests
 * and, unless no_hooks, the hooks (skip_tests honoured) under output_dir[/release_dir], each as
 * "---\n# Source: <path>\n<doc>\n", appending to a file already written by this run (hooks also to
 * one left by an earlier run), as helm template does. `wrote` gets the "wrote <file>\n" lines
 * helm prints, also those before an error. */
int celm_template_write_files(celm_arena *arena, const celm_sorted_release *release, const celm_chart *crd_chart,
                              const celm_template_output_options *options, celm_string *wrote, celm_error *err);

/* Helm's SplitManifests (v4.2 rules) on `text`: documents in order, as arena strings. */
size_t celm_manifest_split(celm_arena *arena, const char *text, size_t len, celm_string **out);

#endif
