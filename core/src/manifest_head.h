/* manifest_head.h: reading the head of a manifest document (Helm's releaseutil.SimpleHead). */
#ifndef CELM_MANIFEST_HEAD_H
#define CELM_MANIFEST_HEAD_H

#include "celm/celm.h"

typedef struct manifest_head {
    const char *api_version;
    const char *kind;
    const char *name;
    celm_value *annotations;    /* map of strings, or NULL when the document has none */
} manifest_head;

/* Reads the document's head; errors read "YAML parse error on <path>: ..." like Helm's. */
int celm_manifest_head_read(celm_arena *arena, const char *path, const celm_string *document, manifest_head *head,
                            celm_error *err);

#endif
