/* jsonschema_compiler.h: the compiler's documents, resources and drafts, shared by its files. */
#ifndef CELM_JSONSCHEMA_COMPILER_H
#define CELM_JSONSCHEMA_COMPILER_H

#include "jsonschema_internal.h"

typedef struct jsonschema_draft {
    int version;
    const char *url;
    const char *id_keyword;
    const char *const *subschema_paths;     /* paths like properties/STAR and allOf/[] */
    const char *vocab_prefix;
    const char *const *all_vocabs;
    const char *const *default_vocabs;
    int index;                              /* into the compiler's metaschema cache */
} jsonschema_draft;

typedef struct jsonschema_dialect {
    const jsonschema_draft *draft;
    const char **vocabs;                    /* NULL: the draft's default vocabularies */
    size_t vocab_count;
} jsonschema_dialect;

/* A schema resource: the root of a document or a subschema with its own $id. */
typedef struct jsonschema_resource {
    const char *pointer;
    const char *id;
    jsonschema_dialect dialect;
    jsonschema_map anchors;                 /* anchor name -> pointer */
    const char **dynamic_anchors;
    size_t dynamic_anchor_count;
} jsonschema_resource;

typedef struct jsonschema_root {
    const char *url;
    jsonschema_node *doc;
    jsonschema_resource **resources;
    size_t resource_count;
    jsonschema_map by_pointer;              /* pointer -> resource */
    jsonschema_map processed;               /* pointers whose subschemas were collected */
} jsonschema_root;

#define JSONSCHEMA_DRAFT_COUNT 5

struct jsonschema_compiler {
    celm_arena *arena;
    celm_schema_options options;
    int assert_format;                      /* metaschemas are compiled with formats asserted */
    unsigned documents_loaded;
    jsonschema_map documents;               /* url -> jsonschema_node, added or loaded */
    jsonschema_map roots;                   /* url -> jsonschema_root */
    jsonschema_map schemas;                 /* location -> compiled schema */
    jsonschema_schema **queue;
    size_t queue_count;
    jsonschema_map queued;                  /* location -> queued schema */
    struct jsonschema_compiler *meta;       /* compiles the drafts' metaschemas */
    jsonschema_schema *draft_schemas[JSONSCHEMA_DRAFT_COUNT];
    const char *limit_message;
    int depth_limit;
};

extern const jsonschema_draft jsonschema_drafts[JSONSCHEMA_DRAFT_COUNT];
const jsonschema_draft *jsonschema_draft_latest(void);

/* resources (jsonschema_resources.c) */
int jsonschema_roots_load(jsonschema_compiler *compiler, const char *url, jsonschema_root **out,
                          const char **message);
jsonschema_resource *jsonschema_root_resource(const jsonschema_root *root, const char *pointer);
/* Resolves url#fragment to a document and pointer, loading the document when needed. */
int jsonschema_roots_resolve_fragment(jsonschema_compiler *compiler, const char *url,
                                      const char *fragment, const char **pointer, const char **message);
/* For a reference inside root: the pointer when uf names a resource of root, NULL otherwise. */
int jsonschema_root_resolve(jsonschema_compiler *compiler, jsonschema_root *root, const char *url,
                            const char *fragment, const char **pointer, const char **message);
int jsonschema_roots_ensure_subschema(jsonschema_compiler *compiler, const char *url,
                                      const char *pointer, const char **message);
jsonschema_node *jsonschema_pointer_lookup(celm_arena *arena, jsonschema_node *doc, const char *pointer,
                                           int *bad_pointer);
int jsonschema_dialect_has_vocab(const jsonschema_dialect *dialect, const char *name);
/* The metaschema that validates documents of this dialect. */
jsonschema_schema *jsonschema_dialect_schema(jsonschema_compiler *compiler, const jsonschema_dialect *dialect,
                                             const char **message);
const char *jsonschema_location(celm_arena *arena, const char *url, const char *pointer);

/* validation against a metaschema (jsonschema_validate.c) */
jsonschema_error *jsonschema_validate_meta(jsonschema_compiler *compiler, jsonschema_schema *meta,
                                           const jsonschema_node *doc, jsonschema_root *root);

#endif
