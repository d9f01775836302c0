/* schema.h: validating values against charts' values.schema.json files as helm v4.2.4 does. */
#ifndef CELM_SCHEMA_H
#define CELM_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "celm/chart.h"
#include "celm/sdk.h"

/* Helm v4.2.4 validates with santhosh-tekuri/jsonschema v6: drafts 4, 6, 7, 2019-09 and 2020-12
 * chosen by "$schema" (2020-12 when absent), the schema's base URI file:///values.schema.json,
 * and format asserted only before 2019-09. Error texts here are that library's, byte for byte.
 *
 * $ref resolution never touches the network or the host's files. A relative reference such as
 * "common.json" resolves (as in helm) to file:///common.json; celm then asks `read_file` for
 * "common.json", i.e. a file of the chart. Without `read_file`, or when it has no such file, the
 * error is helm's own for a missing file ("failing loading \"file:///common.json\": open
 * /common.json: no such file or directory"), which is also what helm v4.2.4 prints for a chart
 * file, since it looks for the file at the root of the host's file system. http(s) references
 * fail with a message saying celm does not fetch them; urn: references are permissive (true)
 * schemas as in helm. */

/* Returns 0 and the file's bytes in *out (they must stay valid until the arena passed to the
 * compile call is destroyed), or CELM_ENOTFOUND. `path` is chart-relative, without a leading '/'. */
typedef int (*celm_schema_read_fn)(void *payload, const char *path, celm_string *out);

#define CELM_SCHEMA_OPTIONS_VERSION 1u

typedef struct celm_schema_options {
    uint32_t version;               /* CELM_SCHEMA_OPTIONS_VERSION */
    celm_schema_read_fn read_file;  /* NULL: no chart file can be referenced */
    void *payload;                  /* passed to read_file */
    unsigned max_documents;         /* schema documents one compile may load; 0 means 32 */
} celm_schema_options;

#define CELM_SCHEMA_OPTIONS_INIT {CELM_SCHEMA_OPTIONS_VERSION, NULL, NULL, 0}

typedef struct celm_schema celm_schema;

/* Compiles a values.schema.json (bytes need not be NUL-terminated; they are copied). On success
 * *out lives in `arena`. A schema helm refuses (bad JSON, not valid against its metaschema, a
 * $ref that cannot be resolved, a bad regex) gives CELM_EINVAL and, in *message, the exact text
 * helm prints for it under the chart's name (no trailing newline). `options` may be NULL. */
int celm_schema_compile(celm_arena *arena, const char *bytes, size_t len,
                        const celm_schema_options *options, celm_schema **out, celm_string *message);

/* Validates values (any celm_value; maps are objects, floats and ints numbers). Returns 0 when
 * they conform; otherwise CELM_EINVAL and *message holds what helm prints under the chart's
 * name: the validator's lines ("- at '/a': got string, want integer", nested causes indented
 * two spaces per level) followed by one newline. */
int celm_schema_validate(celm_arena *arena, const celm_schema *schema, const celm_value *values,
                         celm_string *message);

/* helm's ValidateAgainstSingleSchema: compile, then validate; *message as for either call. */
int celm_schema_check(celm_arena *arena, const char *bytes, size_t len,
                      const celm_schema_options *options, const celm_value *values,
                      celm_string *message);

/* One chart of a tree, for celm_schema_validate_charts. Charts are listed parent first; each
 * dependency names the index of its parent, in the order of the parent's dependencies. */
typedef struct celm_schema_chart {
    const char *name;               /* Chart.yaml name: helm looks values up by it, not by alias */
    const char *schema;             /* values.schema.json bytes, or NULL when there is none */
    size_t schema_len;
    int parent;                     /* index of the parent chart; -1 for the top chart */
    const celm_schema_options *options;     /* this chart's $ref files; may be NULL */
} celm_schema_chart;

/* helm's ValidateAgainstSchema: the top chart (charts[0]) against `values`, then each
 * dependency against values[<name>] when that is present and not null (a non-map gives
 * "invalid type for values: expected object (map), got <Go type>"), depth first. Returns 0
 * when everything conforms; otherwise CELM_EINVAL with *message = helm's error text, starting
 * "values don't meet the specifications of the schema(s) in the following chart(s):\n".
 * Other failures (CELM_ENOMEM, CELM_EINVAL for a malformed list) fill `err`. */
int celm_schema_validate_charts(celm_arena *arena, const celm_schema_chart *charts, size_t count,
                                const celm_value *values, celm_string *message, celm_error *err);

/* celm_schema_validate_charts over a loaded tree: its values.schema.json files, parents first. */
int celm_schema_validate_tree(celm_arena *arena, const celm_chart *chart, const celm_value *values,
                              celm_string *message, celm_error *err);

#endif
