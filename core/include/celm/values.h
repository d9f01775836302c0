/* values.h: the user values Helm builds from -f files and the --set family of flags. */
#ifndef CELM_VALUES_H
#define CELM_VALUES_H

#include <stddef.h>
#include <stdio.h>

#include "celm/sdk.h"

/* --- the --set grammars (strvals_parse.c; Helm's pkg/strvals) ------------------------------ */

/* What the text after `=` becomes. */
typedef enum celm_strvals_kind {
    CELM_STRVALS_TYPED = 0,     /* --set: true/false/null, int64 integers, otherwise strings */
    CELM_STRVALS_STRING,        /* --set-string: always strings */
    CELM_STRVALS_JSON,          /* --set-json key=<json>: one JSON value per key, numbers float64 */
    CELM_STRVALS_FILE,          /* --set-file: the value names a file; read_file turns it into a value */
    CELM_STRVALS_LITERAL        /* --set-literal: no escapes or commas; all after the first `=` is the value */
} celm_strvals_kind;

/* Turns the text of one --set-file value (a path; `len` bytes, NUL-terminated) into a value in
 * `arena`. Returns 0, or a negative CELM_E* with err's message the whole error text Helm shows
 * after "failed parsing --set-file data: ". */
typedef int (*celm_strvals_read_fn)(void *payload, celm_arena *arena, const char *text, size_t len,
                                    celm_value **out, celm_error *err);

/* Parses one flag value (`line`, `len` bytes) into `dest`, a map, the way Helm's strvals parsers
 * do: later keys overwrite, lists grow with null padding, maps nest. `read_file` is required for
 * CELM_STRVALS_FILE only. New values live in `arena`; `dest` and its maps and lists are modified
 * in place. On failure err holds Helm's message (without the "failed parsing --set data: "
 * prefix; for CELM_STRVALS_JSON the cause, which Helm's CLI replaces by the flag's text) and
 * `dest` may be partly modified, as in Helm. Invalid UTF-8 reads as U+FFFD. Unlike Helm, more
 * than 2000 nested keys and list indexes fail with CELM_ELIMIT instead of using up the stack. */
int celm_strvals_parse(celm_arena *arena, celm_value *dest, const char *line, size_t len,
                       celm_strvals_kind kind, celm_strvals_read_fn read_file, void *payload,
                       celm_error *err);

/* --- user values (values_user.c; Helm's pkg/cli/values Options.MergeValues) ------------------ */

#define CELM_VALUES_OPTIONS_VERSION 1

/* The values flags of one command. Each array lists one flag's values in command-line order
 * (-f already split at commas); Helm applies the kinds in this struct's order, whatever their
 * order on the command line. The caller owns every array and string. */
typedef struct celm_values_options {
    unsigned version;                   /* CELM_VALUES_OPTIONS_VERSION */
    const char *const *value_files;     /* -f/--values: paths, or "-" for standard input */
    size_t value_file_count;
    const char *const *json_values;     /* --set-json */
    size_t json_value_count;
    const char *const *values;          /* --set */
    size_t value_count;
    const char *const *string_values;   /* --set-string */
    size_t string_value_count;
    const char *const *file_values;     /* --set-file */
    size_t file_value_count;
    const char *const *literal_values;  /* --set-literal */
    size_t literal_value_count;
    FILE *standard_input;               /* what "-" reads; NULL means stdin */
} celm_values_options;

#define CELM_VALUES_OPTIONS_INIT {CELM_VALUES_OPTIONS_VERSION, NULL, 0, NULL, 0, NULL, 0, NULL, 0, \
                                  NULL, 0, NULL, 0, NULL}

/* Builds the user values: every -f file in order (all YAML documents of each, deep-merged), then
 * each --set-json, --set, --set-string, --set-file and --set-literal. *out is a new map in
 * `arena` that shares nothing with other values, so callers may modify it. On failure err holds
 * the text Helm prints after "Error: " (e.g. `failed parsing --set data: key "a" has no value`)
 * and err->origin names the flag or file. URLs (http, https, oci) are refused as unsupported. */
int celm_values_merge_user(celm_arena *arena, const celm_values_options *options, celm_value **out,
                           celm_error *err);

/* Helm's loader.LoadValues: reads a values file (every `---`-separated YAML document, each a map
 * or empty, merged in order) into a new map in `arena`. `origin` names the file in err->origin;
 * err->message is Helm's text ("cannot unmarshal yaml document: ..."), without the file name. */
int celm_values_load(celm_arena *arena, const char *text, size_t len, const char *origin,
                     celm_value **out, celm_error *err);

/* Helm's loader.MergeMaps: a new map holding `base` with `overlay` on top; where both hold a map
 * under one key the two merge recursively, anything else from `overlay` replaces. Subtrees of
 * the inputs are shared, not copied. Returns NULL when out of memory. */
celm_value *celm_values_merge_maps(celm_arena *arena, const celm_value *base, const celm_value *overlay);

/* Helm's readFile for values: "-" (after trimming spaces) reads `standard_input` (NULL: stdin),
 * anything else a local file; http, https and oci URLs fail as unsupported. *out is a copy in
 * `arena`. err's message is Go's text ("open x.yaml: no such file or directory"). */
int celm_values_read_source(celm_arena *arena, const char *path, FILE *standard_input,
                            celm_string *out, celm_error *err);

#endif
