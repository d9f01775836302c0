/* label_selector.h: Kubernetes label selectors, as `helm list --selector` evaluates them. */
#ifndef CELM_CLI_LABEL_SELECTOR_H
#define CELM_CLI_LABEL_SELECTOR_H

#include "cli.h"

typedef struct label_requirement label_requirement;

typedef struct label_selector {
    label_requirement *requirements;
    size_t count;
} label_selector;

/* Parses `text` into `out` (arena memory). Returns 0, or -1 with *error set. The empty text
 * selects everything. */
int label_selector_parse(celm_arena *arena, const char *text, label_selector *out, const char **error);
/* 1 when every requirement holds for the map of string labels. */
int label_selector_matches(const label_selector *selector, const celm_value *labels);

#endif
