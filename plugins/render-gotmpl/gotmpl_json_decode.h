/* gotmpl_json_decode.h: Go's json.Unmarshal into interface{}, map[string]interface{} or
 * []interface{}, with encoding/json's error texts (fromJson, fromJsonArray, mustFromJson). */
#ifndef CELM_GOTMPL_JSON_DECODE_H
#define CELM_GOTMPL_JSON_DECODE_H

#include <stddef.h>

#include "gotmpl_value.h"

typedef enum gotmpl_json_target {
    GOTMPL_JSON_ANY,        /* var v interface{} */
    GOTMPL_JSON_MAP,        /* m := map[string]interface{}{} */
    GOTMPL_JSON_LIST        /* a := []interface{}{} */
} gotmpl_json_target;

/* json.Unmarshal(text, &target). *out is what the target holds afterwards: the decoded value; for a
 * syntax error or a top-level type mismatch the untouched target (nil, or an empty map or list);
 * for a number out of float64's range the decoded value with nil in that place. Returns CELM_OK,
 * CELM_EINVAL with Go's error text in *error_text (arena), or CELM_ENOMEM. */
int gotmpl_json_decode(gotmpl_runtime *runtime, const char *text, size_t len, gotmpl_json_target target,
                       gotmpl_value *out, celm_string *error_text);

#endif
