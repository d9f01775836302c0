/* host.h: the const host-API table the core hands every plugin at create time. */
#ifndef CELM_HOST_H
#define CELM_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "celm/abi.h"
#include "celm/arena.h"
#include "celm/error.h"
#include "celm/kube.h"
#include "celm/semver_info.h"
#include "celm/value.h"

enum celm_log_level {
    CELM_LOG_DEBUG = 0,
    CELM_LOG_INFO = 1,
    CELM_LOG_WARNING = 2,
    CELM_LOG_ERROR = 3
};

/* Options of the YAML reader. Values files are read the way Helm reads them (sigs.k8s.io/yaml):
 * YAML 1.1 scalars, then JSON semantics, so every number becomes a float64. */
enum celm_yaml_flags {
    CELM_YAML_KEEP_INTEGERS = 1u << 0,  /* integers stay int64 instead of turning into float64 */
    CELM_YAML_ALL_DOCUMENTS = 1u << 1   /* return every document as a list instead of the first */
};

/* Flags of the JSON writer; the default is Go's encoding/json Marshal output (compact, sorted keys,
 * HTML-escaped). */
enum celm_json_flags {
    CELM_JSON_NO_HTML_ESCAPE = 1u << 0, /* like sprig's toRawJson */
    CELM_JSON_INDENT = 1u << 1          /* like json.MarshalIndent(v, "", "  ") */
};

/* A compiled regular expression in Go's RE2 syntax; lives in the arena it was compiled in. */
typedef struct celm_regex celm_regex;

/* The table only grows at the end. A plugin built for an older minor sees a prefix of it; a plugin
 * that wants an entry newer than its own ABI minor checks CELM_HOST_HAS first.
 *
 * Ownership: every pointer returned through the table points into the arena passed in (transfer
 * none: freed with the arena). Values passed in are borrowed for the duration of the call unless
 * the entry says it stores them; list_append and map_set store the given value pointer, so the
 * value must live in the same arena as the container or in one that outlives it. */
typedef struct celm_host {
    uint32_t size;          /* sizeof(celm_host) of the core that filled it */
    uint32_t abi_major;
    uint32_t abi_minor;
    const char *core_version;   /* e.g. "0.1.0"; static storage */

    /* errors and logging */
    int (*error_set)(celm_error *err, int code, const char *format, ...) CELM_PRINTF(3, 4);
    void (*log)(int level, const char *origin, const char *format, ...) CELM_PRINTF(3, 4);

    /* arena */
    celm_arena *(*arena_create)(void);
    void (*arena_destroy)(celm_arena *arena);
    void *(*arena_alloc)(celm_arena *arena, size_t size);
    char *(*arena_strndup)(celm_arena *arena, const char *text, size_t len);

    /* values: constructors return NULL only when memory runs out */
    celm_value *(*value_null)(celm_arena *arena);
    celm_value *(*value_bool)(celm_arena *arena, int boolean);
    celm_value *(*value_int)(celm_arena *arena, int64_t integer);
    celm_value *(*value_float)(celm_arena *arena, double real);
    celm_value *(*value_string)(celm_arena *arena, const char *text, size_t len);   /* copies text */
    celm_value *(*value_list)(celm_arena *arena, size_t capacity_hint);
    celm_value *(*value_map)(celm_arena *arena, size_t capacity_hint);
    int (*list_append)(celm_arena *arena, celm_value *list, celm_value *item);
    /* Sets key (copied) to value; an existing key keeps its position and gets the new value. */
    int (*map_set)(celm_arena *arena, celm_value *map, const char *key, size_t key_len, celm_value *value);
    /* Borrowed pointer to the value of key, or NULL when absent or `map` is not a map. */
    celm_value *(*map_get)(const celm_value *map, const char *key, size_t key_len);
    int (*map_remove)(celm_value *map, const char *key, size_t key_len);
    celm_value *(*value_copy)(celm_arena *arena, const celm_value *value);     /* deep copy */

    /* codecs; text in, values out (or the reverse), all in `arena` */
    int (*yaml_parse)(celm_arena *arena, const char *text, size_t len, const char *origin,
                      unsigned flags, celm_value **out, celm_error *err);
    /* Helm's toYaml bytes (go-yaml v2 through JSON), with the trailing newline kept. */
    int (*yaml_emit)(celm_arena *arena, const celm_value *value, celm_string *out, celm_error *err);
    int (*json_parse)(celm_arena *arena, const char *text, size_t len, const char *origin,
                      celm_value **out, celm_error *err);
    int (*json_emit)(celm_arena *arena, const celm_value *value, unsigned flags, celm_string *out,
                     celm_error *err);
    /* Go's fmt %v of the value (float64 1000000 prints 1e+06). */
    int (*format_go)(celm_arena *arena, const celm_value *value, celm_string *out);

    /* semantic versions, as Masterminds semver v3.5.0 (Helm's) reads them; errors carry Go's text */
    int (*semver_parse)(celm_semver *out, const char *text, size_t len, celm_error *err);
    int (*semver_compare)(const celm_semver *a, const celm_semver *b);     /* -1, 0 or 1 */
    /* 1 when version satisfies constraint, 0 when not, negative when either does not parse */
    int (*semver_satisfies)(const char *constraint, size_t constraint_len, const char *version,
                            size_t version_len, celm_error *err);

    /* regular expressions in Go's RE2 syntax; errors read "error parsing regexp: ..." */
    celm_regex *(*regex_compile)(celm_arena *arena, const char *pattern, size_t len, celm_error *err);
    /* Leftmost-first match at or after `start`: returns the number of groups written (group 0 is
     * the whole match) or 0 when there is none. groups[2i], groups[2i+1] are byte offsets of group
     * i, both SIZE_MAX when it did not take part; `group_slots` counts size_t entries. */
    size_t (*regex_search)(const celm_regex *regex, const char *text, size_t len, size_t start, size_t *groups,
                           size_t group_slots);
    size_t (*regex_group_count)(const celm_regex *regex);  /* capturing groups, without group 0 */

    /* --- ABI 1.1 ----------------------------------------------------------------------------- */
    /* Standard base64 with padding (Go's StdEncoding); decode skips newlines, refuses the rest. */
    int (*base64_encode)(celm_arena *arena, const void *data, size_t len, celm_string *out);
    int (*base64_decode)(celm_arena *arena, const char *text, size_t len, celm_string *out,
                         celm_error *err);
    /* gzip as Go's compress/gzip writes it (no name, mtime 0, OS 255); level 1-9 or -1. */
    int (*gzip_compress)(celm_arena *arena, const void *data, size_t len, int level,
                         celm_string *out, celm_error *err);
    int (*gzip_decompress)(celm_arena *arena, const void *data, size_t len, celm_string *out,
                           celm_error *err);
    /* Sends one request to the command's cluster. Returns CELM_OK for a 2xx answer. Otherwise
     * fills `err` with the server's message (a Status object's `message`) or the transport
     * failure, sets out->status, and returns CELM_ENOTFOUND for 404, CELM_EEXISTS for 409
     * AlreadyExists, CELM_ECONFLICT for other 409s, CELM_EIO when no answer arrived, CELM_EFAIL
     * for the rest. `out` is filled in every case where an answer arrived. */
    int (*kube_request)(celm_arena *arena, const celm_kube_request *request,
                        celm_kube_response *out, celm_error *err);
    /* The URL path of an object (or of its collection when `name` is "" or NULL) of apiVersion and
     * kind, through the cluster's discovery. A namespaced kind with namespace "" means every
     * namespace; cluster-scoped kinds ignore the namespace. CELM_ENOTFOUND when the cluster has
     * no such kind. *path lives in `arena`. */
    int (*kube_resource_path)(celm_arena *arena, const char *api_version, const char *kind,
                              const char *resource_namespace, const char *name, const char **path,
                              celm_error *err);

    /* --- ABI 1.2 ----------------------------------------------------------------------------- */
    /* The current time as release records write it (RFC 3339 with nanoseconds, local offset,
     * Go's time.Time JSON); an arena string. */
    const char *(*time_now)(celm_arena *arena);
} celm_host;

#define CELM_HOST_HAS(host, member) \
    (offsetof(celm_host, member) + sizeof(((const celm_host *)0)->member) <= (host)->size)

#endif
