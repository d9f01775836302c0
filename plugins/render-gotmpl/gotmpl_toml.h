/* gotmpl_toml.h: TOML as Helm's toToml and fromToml read and write it (BurntSushi/toml v1.6.0). */
#ifndef CELM_GOTMPL_TOML_H
#define CELM_GOTMPL_TOML_H

#include <stddef.h>

#include "gotmpl_value.h"

/* toml.NewEncoder(w).Encode(value). Returns CELM_OK with the document in *out, CELM_EINVAL with the
 * library's error text in *error_text (e.g. "toml: cannot encode array with nil element"),
 * CELM_EFAIL with the text of the runtime panic Go's encoder raises for a nil value, or CELM_ENOMEM.
 * Both strings live in the runtime's arena. */
int gotmpl_toml_encode(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out, celm_string *error_text);

/* toml.Unmarshal(text, &m) with m a map[string]interface{}: integers as int64, floats as float64,
 * dates and times as time.Time (local ones in the library's "datetime-local", "date-local" and
 * "time-local" zones), arrays as []interface{}, tables as maps. On a syntax error returns
 * CELM_EINVAL with the ParseError text ("toml: line 3 (last key \"a.b\"): ...") and *out an empty
 * map (the library decodes nothing when the text does not parse). */
int gotmpl_toml_decode(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_value *out,
                       celm_string *error_text);

#endif
