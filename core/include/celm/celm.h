/* celm.h: libcelm's embedding API, used by the celm CLI and the tests; stable within a major. */
#ifndef CELM_CELM_H
#define CELM_CELM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "celm/sdk.h"
#include "celm/chart.h"
#include "celm/values.h"
#include "celm/semver.h"
#include "celm/coalesce.h"
#include "celm/dependencies.h"
#include "celm/dependency_manager.h"
#include "celm/manifest.h"
#include "celm/render_chart.h"
#include "celm/schema.h"
#include "celm/kube_client.h"
#include "celm/release.h"

#define CELM_VERSION "0.1.0"

/* --- arena (arena.c) ------------------------------------------------------------------------ */
celm_arena *celm_arena_create(void);
void celm_arena_destroy(celm_arena *arena);
void *celm_arena_alloc(celm_arena *arena, size_t size);
char *celm_arena_strndup(celm_arena *arena, const char *text, size_t len);
char *celm_arena_printf(celm_arena *arena, const char *format, ...) CELM_PRINTF(2, 3);

/* --- errors (error.c) ----------------------------------------------------------------------- */
/* The message may quote err->message (it is formatted before being stored). */
int celm_error_set(celm_error *err, int code, const char *format, ...) CELM_PRINTF(3, 4);
int celm_error_vset(celm_error *err, int code, const char *format, va_list args);
int celm_error_set_at(celm_error *err, int code, const char *origin, int line, int column,
                      const char *format, ...) CELM_PRINTF(6, 7);
void celm_error_clear(celm_error *err);
/* Go's filepath.Clean of path[0..len): an arena string. */
char *celm_path_clean(celm_arena *arena, const char *path, size_t len);
/* Go's filepath.Abs: a relative path joined onto the working directory ($PWD when it names it, as
 * os.Getwd does), cleaned; an arena string, or NULL when the directory cannot be found. */
const char *celm_path_absolute(celm_arena *arena, const char *path);
/* Go's filepath.Ext: the last element's suffix from its last '.', or "" (a pointer into `path`). */
const char *celm_path_ext(const char *path);
/* Go's text for an errno (syscall.Errno.Error): glibc's, starting in lower case; returns buffer. */
const char *celm_errno_text(int errnum, char *buffer, size_t size);

/* --- values (value.c) ----------------------------------------------------------------------- */
celm_value *celm_value_null(celm_arena *arena);
celm_value *celm_value_bool(celm_arena *arena, int boolean);
celm_value *celm_value_int(celm_arena *arena, int64_t integer);
celm_value *celm_value_float(celm_arena *arena, double real);
celm_value *celm_value_string(celm_arena *arena, const char *text, size_t len);
celm_value *celm_value_cstring(celm_arena *arena, const char *text);
celm_value *celm_value_list(celm_arena *arena, size_t capacity_hint);
celm_value *celm_value_map(celm_arena *arena, size_t capacity_hint);
int celm_list_append(celm_arena *arena, celm_value *list, celm_value *item);
int celm_map_set(celm_arena *arena, celm_value *map, const char *key, size_t key_len, celm_value *value);
celm_value *celm_map_get(const celm_value *map, const char *key, size_t key_len);
celm_value *celm_map_cget(const celm_value *map, const char *key);
/* The string under `key` of a map, or "" when `map` is no map or holds no string there. */
const char *celm_map_string(const celm_value *map, const char *key);
int celm_map_remove(celm_value *map, const char *key, size_t key_len);
celm_value *celm_value_copy(celm_arena *arena, const celm_value *value);
/* Deep equality with Go's reflect.DeepEqual meaning for values (map order ignored). */
int celm_value_equal(const celm_value *a, const celm_value *b);
/* encoding/json's omitempty test: NULL, null, false, 0, "", an empty list or map. */
int celm_value_is_empty(const celm_value *value);
/* Entry pointers of `map` sorted bytewise by key (Go's sort of map keys); arena array. */
const celm_map_entry **celm_map_sorted(celm_arena *arena, const celm_value *map);
const char *celm_value_kind_name(int kind);

/* --- codecs (yaml_parse.c, yaml_emit.c, json_parse.c, json_emit.c, go_format.c) ------------- */
/* Reads YAML as Helm reads values files (see celm_yaml_flags in host.h). An empty document gives
 * null. Errors read like go-yaml's ("yaml: line 3: mapping values are not allowed ...") and carry
 * origin, line and column. */
int celm_yaml_parse(celm_arena *arena, const char *text, size_t len, const char *origin,
                    unsigned flags, celm_value **out, celm_error *err);
/* A core-only flag beside celm_yaml_flags: go-yaml v2's UnmarshalStrict, where a key repeated in one
 * mapping fails the document with "yaml: unmarshal errors:\n  line N: key \"k\" already set in map". */
#define CELM_YAML_UNIQUE_KEYS (1u << 16)
/* A core-only flag beside celm_json_flags: maps are written in insertion order (a Go struct's
 * field order) instead of sorted (a Go map's). */
#define CELM_JSON_KEEP_ORDER (1u << 16)
/* Helm's toYaml bytes before its trailing-newline trim: the value through Go JSON, then go-yaml
 * v2's Marshal. Fails (like Go JSON) on NaN or infinite floats. */
int celm_yaml_emit(celm_arena *arena, const celm_value *value, celm_string *out, celm_error *err);
int celm_json_parse(celm_arena *arena, const char *text, size_t len, const char *origin,
                    celm_value **out, celm_error *err);
int celm_json_emit(celm_arena *arena, const celm_value *value, unsigned flags, celm_string *out,
                   celm_error *err);
int celm_format_go(celm_arena *arena, const celm_value *value, celm_string *out);
/* Go strconv.FormatFloat(v, 'g', -1, 64) into buf (at least 32 bytes); returns the length. */
size_t celm_format_float_g(double value, char *buf);
/* The same at float32 precision (strconv.FormatFloat(v, 'g', -1, 32)). */
size_t celm_format_float32_g(double value, char *buf);
/* Go encoding/json's float64 text into buf (at least 32 bytes); returns the length. */
size_t celm_format_float_json(double value, char *buf);

/* --- logging (slog_line.c) ---------------------------------------------------------------- */
/* "level=LEVEL msg=MSG key=value ..." as helm's log/slog text handler prints it (no time);
 * `attributes` holds key, value pairs and ends with NULL. NULL when out of memory. */
const char *celm_slog_line(celm_arena *arena, const char *level, const char *message, const char *const *attributes);

/* --- bytes (base64.c, gzip.c) ------------------------------------------------------------- */
int celm_base64_encode(celm_arena *arena, const void *data, size_t len, celm_string *out);
int celm_base64_decode(celm_arena *arena, const char *text, size_t len, celm_string *out, celm_error *err);
int celm_gzip_compress(celm_arena *arena, const void *data, size_t len, int level, celm_string *out,
                       celm_error *err);
int celm_gzip_decompress(celm_arena *arena, const void *data, size_t len, celm_string *out, celm_error *err);

/* --- plugins (plugin_loader.c, plugin_registry.c) ------------------------------------------- */
typedef enum celm_plugin_status {
    CELM_PLUGIN_LOADED = 0,
    CELM_PLUGIN_NOT_FOUND,
    CELM_PLUGIN_DEPENDENCY_MISSING,
    CELM_PLUGIN_LOAD_FAILED,
    CELM_PLUGIN_SYMBOL_MISSING,
    CELM_PLUGIN_BAD_DESCRIPTOR,
    CELM_PLUGIN_ABI_MAJOR_MISMATCH,
    CELM_PLUGIN_ABI_MINOR_NEWER,
    CELM_PLUGIN_CREATE_FAILED,
    CELM_PLUGIN_SHADOWED
} celm_plugin_status;

/* What the loader knows of one plugin file. Strings are owned by the registry. */
typedef struct celm_plugin_info {
    char *path;
    char *kind;             /* from the file name */
    char *name;             /* from the file name */
    const char *version;    /* from the descriptor, or NULL when it could not be read */
    uint32_t abi_major;
    uint32_t abi_minor;
    celm_plugin_status status;
    char message[CELM_ERROR_MESSAGE_SIZE];  /* why it was refused, naming the file */
} celm_plugin_info;

typedef struct celm_registry celm_registry;

/* Directories are searched in the order given; callers build the order --plugin-dir,
 * CELM_PLUGIN_PATH, the configured directory, the installed directory (celm_plugin_search_path). */
int celm_registry_open(celm_registry **out, const char *const *directories, size_t count,
                       celm_error *err);
void celm_registry_close(celm_registry *registry);
/* Loads (once) and checks every plugin file found; entries stay valid until close. */
size_t celm_registry_scan(celm_registry *registry, const celm_plugin_info **out_infos);
/* Finds a loaded plugin of `kind` ("storage", ...) by name and creates an instance of it. */
typedef struct celm_plugin_instance {
    const celm_plugin_descriptor *descriptor;
    void *instance;
} celm_plugin_instance;
int celm_registry_create(celm_registry *registry, const char *kind, const char *name,
                         const celm_value *config, celm_plugin_instance *out, celm_error *err);
void celm_plugin_instance_destroy(celm_plugin_instance *instance);
/* The names of the plugins of `kind` along the search path, first-found order, without loading
 * them. *out is a malloc'd array of malloc'd names (free with celm_registry_names_free). */
size_t celm_registry_names(celm_registry *registry, const char *kind, char ***out);
void celm_registry_names_free(char **names, size_t count);
/* The storage plugin whose ops->driver_name is `driver` ("memory", "secret", ...). */
int celm_registry_create_storage(celm_registry *registry, const char *driver,
                                 celm_plugin_instance *out, celm_error *err);
const char *celm_plugin_status_text(celm_plugin_status status);

/* The default search path: `plugin_dirs` (from --plugin-dir), then $CELM_PLUGIN_PATH, then the
 * configured directory, then the build tree's plugin directory when the running binary is the
 * build tree's, then the installed directory. Returns an malloc'd NULL-terminated array of malloc'd
 * strings (free with celm_plugin_search_path_free). */
char **celm_plugin_search_path(const char *const *plugin_dirs, size_t count);
void celm_plugin_search_path_free(char **path);

/* The host table handed to plugins. */
const celm_host *celm_host_table(void);

#endif
