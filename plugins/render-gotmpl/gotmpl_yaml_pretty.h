/* gotmpl_yaml_pretty.h: Helm's toYamlPretty: go-yaml v3's encoder with an indent of 2. */
#ifndef CELM_GOTMPL_YAML_PRETTY_H
#define CELM_GOTMPL_YAML_PRETTY_H

#include "gotmpl_value.h"

/* yaml.v3 NewEncoder(w).SetIndent(2).Encode(value): the document with its final newline (Helm trims
 * it). Returns CELM_OK, CELM_EINVAL when go-yaml fails, or CELM_ENOMEM. */
int gotmpl_yaml_pretty(gotmpl_runtime *runtime, const gotmpl_value *value, celm_string *out);

#endif
