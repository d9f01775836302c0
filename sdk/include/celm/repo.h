/* repo.h: the repository kind, which fetches chart indexes and archives (HTTP repositories, OCI). */
#ifndef CELM_REPO_H
#define CELM_REPO_H

#include <stddef.h>
#include <stdint.h>

#include "celm/arena.h"
#include "celm/error.h"
#include "celm/value.h"

#define CELM_REPO_OPS_VERSION 1

/* Where and how to reach a repository. `options` is a map of settings (credentials, certificate
 * files, plain-http, ...) named as helm's flags are. Borrowed for the call. */
typedef struct celm_repo_request {
    const char *url;
    const celm_value *options;
} celm_repo_request;

typedef struct celm_repo_ops {
    uint32_t version;
    const char *const *schemes;     /* URL schemes served, NULL-terminated, e.g. "https" */
    /* The repository index (index.yaml bytes, or a tag list rendered as an index). */
    int (*fetch_index)(void *instance, celm_arena *arena, const celm_repo_request *request,
                       celm_string *out_index, celm_error *err);
    /* A chart archive; `reference` is the chart URL or name, `version` may be NULL for the
     * newest. `out_provenance` may be NULL; when given it receives the .prov bytes or an empty
     * string. */
    int (*fetch_chart)(void *instance, celm_arena *arena, const celm_repo_request *request,
                       const char *reference, const char *version, celm_string *out_archive,
                       celm_string *out_provenance, celm_error *err);
    /* Optional (NULL when the kind of repository cannot be written to). */
    int (*push_chart)(void *instance, celm_arena *arena, const celm_repo_request *request,
                      const char *archive, size_t archive_len, const char *provenance,
                      size_t provenance_len, celm_string *out_reference, celm_error *err);
} celm_repo_ops;

#endif
