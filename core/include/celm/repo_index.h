/* repo_index.h: chart repository indexes as helm v4.2.4 builds, reads, merges and writes them. */
#ifndef CELM_REPO_INDEX_H
#define CELM_REPO_INDEX_H

#include "celm/coalesce.h"
#include "celm/sdk.h"

/* An index is a map shaped like helm's IndexFile: apiVersion, generated, entries (chart name ->
 * list of ChartVersion maps: the chart's Metadata fields, urls, created, digest, ...), and
 * optionally serverInfo, publicKeys and annotations. Everything lives in the arena given. */

/* NewIndexFile: apiVersion v1, generated now, no entries; NULL when out of memory. */
celm_value *celm_repo_index_new(celm_arena *arena);

/* repo.IndexDirectory: every archive (.tgz) in `dir` or one folder below it that loads as a chart, with its
 * sha256 digest and URL (joined onto base_url when given), created and generated now. */
int celm_repo_index_directory(celm_arena *arena, const char *dir, const char *base_url, celm_value **out,
                              celm_error *err);

/* repo.LoadIndexFile: YAML or JSON; entries that fail validation are dropped with helm's warning
 * (through `warn`, may be NULL); errors read "error loading <path>: ...". */
int celm_repo_index_load(celm_arena *arena, const char *path, celm_warning_fn warn, void *payload, celm_value **out,
                         celm_error *err);

/* IndexFile.Merge: the versions of `from` that `into` does not have yet are appended. */
int celm_repo_index_merge(celm_arena *arena, celm_value *into, const celm_value *from);

/* IndexFile.SortEntries: each chart's versions newest first (unparsable versions last). */
void celm_repo_index_sort(celm_value *index);

/* IndexFile.WriteFile (YAML) or WriteJSONFile (json = 1), mode 0644, replaced atomically. */
int celm_repo_index_write(celm_arena *arena, const celm_value *index, int json, const char *path, celm_error *err);

#endif
