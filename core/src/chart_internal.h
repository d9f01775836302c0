/* chart_internal.h: what the chart_*.c files share: the load context, file lists and Go's texts. */
#ifndef CELM_CHART_INTERNAL_H
#define CELM_CHART_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "buffer.h"
#include "go_quote.h"
#include "celm/celm.h"

/* One chart tree being loaded. Everything is allocated in `arena` (the top chart's); the budgets
 * are celm's guards against hostile charts and count down across the whole tree. */
/* Chart.yaml as parsed for its apiVersion, by its text: Helm reads it twice (for the apiVersion,
 * then for the metadata), celm parses it once. */
typedef struct chart_parsed_document {
    const char *text;
    size_t len;
    const celm_value *document;
} chart_parsed_document;

typedef struct chart_loader {
    celm_arena *arena;
    celm_error *err;
    size_t entries_left;        /* CELM_CHART_MAX_ENTRIES */
    int64_t bytes_left;         /* CELM_CHART_MAX_TREE_SIZE */
    int gzip_header_error;      /* Go's errors.Is(err, gzip.ErrHeader) for the error in err */
    chart_parsed_document api_version_document;    /* used once, by the metadata's decoding */
} chart_loader;

/* A growing list of files; items live in the loader's arena. */
typedef struct chart_file_list {
    celm_chart_file *items;
    size_t count;
    size_t capacity;
} chart_file_list;

/* A loader over `arena` with the tree's full budgets. */
void chart_loader_init(chart_loader *loader, celm_arena *arena, celm_error *err);

int chart_files_append(chart_loader *loader, chart_file_list *list, const celm_chart_file *file);
/* Counts one archive or directory entry, or `size` bytes, against the tree's budget. */
int chart_take_entry(chart_loader *loader);
int chart_take_bytes(chart_loader *loader, int64_t size);
/* Sets err to Helm's text; `code` is a CELM_E* code; returns it. */
int chart_fail(chart_loader *loader, int code, const char *format, ...) CELM_PRINTF(3, 4);
/* Go's fmt.Errorf("<prefix>: %w", err): puts the formatted prefix and ": " before err's message,
 * keeping its code, origin and position. Returns the code. */
int chart_wrap(celm_error *err, const char *format, ...) CELM_PRINTF(2, 3);
/* The message becomes before + message + after (Go's "...(details: %w)"). */
int chart_wrap_around(celm_error *err, const char *before, const char *after);
/* Go's *PathError text: "<op> <path>: <errno text>". */
int chart_fail_errno(chart_loader *loader, const char *op, const char *path, int errnum);

/* --- Go's text helpers (chart_text.c; go_quote.h has IsPrint and %q) --- */
/* strconv.Quote (%q) into the arena, NUL-terminated; NULL when memory runs out. */
const char *chart_quoted(celm_arena *arena, const char *text, size_t len);
/* strings.TrimSpace: the [start, end) of text without Unicode white space around it. */
void chart_trim_space(const char *text, size_t len, size_t *start, size_t *end);

/* --- Go's path and path/filepath on '/' paths (chart_path.c) --- */
/* path.Clean; result in the arena. */
char *chart_path_clean(celm_arena *arena, const char *path, size_t len);
/* filepath.Base / filepath.Ext on a '/' path; both point into `path` or a static text. */
void chart_path_base(const char *path, size_t len, const char **base, size_t *base_len);
const char *chart_path_ext(const char *path);
/* filepath.Abs: the path joined to the working directory (Go's os.Getwd, which prefers $PWD). */
int chart_path_absolute(chart_loader *loader, const char *path, char **out);
/* filepath.EvalSymlinks with Go's errors, wrapped in "error evaluating symlink <link>: ". */
int chart_path_resolve(chart_loader *loader, const char *link, char **out);

/* --- .helmignore (chart_ignore.c) --- */
typedef struct chart_ignore chart_ignore;
/* Parses .helmignore text like ignore.Parse (errors: "double-star (**) syntax is not supported",
 * "syntax error in pattern", "bufio.Scanner: token too long") and appends the default rule
 * `templates/.?*`. */
int chart_ignore_parse(chart_loader *loader, const char *text, size_t len, chart_ignore **out);
/* Rules.Ignore for a '/'-separated chart-relative path. */
int chart_ignore_match(const chart_ignore *rules, const char *path, int is_directory);

/* --- reading files (chart_directory.c, chart_archive.c, chart_sniff.c) --- */
/* LoadDir's walk: the loadable files of `directory`, lexical order, .helmignore applied. */
int chart_read_directory(chart_loader *loader, const char *directory, chart_file_list *out);
/* LoadArchiveFiles: the files of gzip+tar bytes, tar order, first path element stripped. */
int chart_read_archive(chart_loader *loader, const unsigned char *data, size_t len,
                       chart_file_list *out);
/* EnsureArchive: refuses bytes that do not start like gzip, naming `name`. */
int chart_ensure_archive(chart_loader *loader, const char *name, const unsigned char *data,
                         size_t len);
/* http.DetectContentType of Go's 512-byte sniffing buffer (zero-padded as EnsureArchive's is). */
const char *chart_detect_content_type(const unsigned char *data, size_t len);

/* --- from files to a chart (chart_files.c, chart_metadata.c, chart_validate.c) --- */
/* LoadFiles. `where` prefixes file names in error origins ("/path/mychart/"). */
int chart_from_files(chart_loader *loader, const chart_file_list *files, const char *where,
                     int nesting, celm_chart **out);
/* LoadArchive: chart_read_archive then chart_from_files. */
int chart_from_archive(chart_loader *loader, const unsigned char *data, size_t len,
                       const char *where, int nesting, celm_chart **out);

typedef enum chart_document_kind {
    CHART_DOCUMENT_METADATA,    /* Chart.yaml, requirements.yaml: v2.Metadata */
    CHART_DOCUMENT_LOCK,        /* Chart.lock, requirements.lock: v2.Lock */
    CHART_DOCUMENT_API_VERSION, /* Chart.yaml read for its apiVersion only: loader.chartBase */
    CHART_DOCUMENT_METADATA_STRICT  /* v2.Metadata through UnmarshalStrict (helm lint) */
} chart_document_kind;
/* sigs.k8s.io/yaml's Unmarshal of `file` onto the struct held in *into (a map, created when
 * NULL; set to NULL when the document is null and the struct is a pointer Helm replaces, the
 * lock). Errors read "error converting YAML to JSON: ..." or "error unmarshaling JSON: ...". */
int chart_decode_document(chart_loader *loader, chart_document_kind kind,
                          const celm_chart_file *file, const char *origin, celm_value **into);
/* Metadata.Validate: sanitizes strings in place and checks; errors start "validation: ". */
int chart_validate_metadata(chart_loader *loader, celm_value *metadata);
/* time.Time's UnmarshalJSON of a JSON string's raw text: Go 1.26 parses it with time.Parse and
 * the RFC 3339 layout (its stricter checks are disabled). On failure Go's message is appended to
 * `message` and 0 is returned. */
int chart_parse_rfc3339(const char *text, size_t len, celm_buffer *message);

#endif
