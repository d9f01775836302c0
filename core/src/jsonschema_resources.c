/* jsonschema_resources.c: schema documents, their resources ($id), anchors and drafts ($schema). */
#include <stdlib.h>
#include <string.h>

#include "jsonschema_compiler.h"

static const char *const draft4_paths[] = {
    "definitions/*", "not", "allOf/[]", "anyOf/[]", "oneOf/[]", "properties/*", "additionalProperties",
    "patternProperties/*", "items", "items/[]", "additionalItems", "dependencies/*", NULL};
static const char *const draft6_paths[] = {
    "definitions/*", "not", "allOf/[]", "anyOf/[]", "oneOf/[]", "properties/*", "additionalProperties",
    "patternProperties/*", "items", "items/[]", "additionalItems", "dependencies/*", "propertyNames",
    "contains", NULL};
static const char *const draft7_paths[] = {
    "definitions/*", "not", "allOf/[]", "anyOf/[]", "oneOf/[]", "properties/*", "additionalProperties",
    "patternProperties/*", "items", "items/[]", "additionalItems", "dependencies/*", "propertyNames",
    "contains", "if", "then", "else", NULL};
static const char *const draft2019_paths[] = {
    "definitions/*", "not", "allOf/[]", "anyOf/[]", "oneOf/[]", "properties/*", "additionalProperties",
    "patternProperties/*", "items", "items/[]", "additionalItems", "dependencies/*", "propertyNames",
    "contains", "if", "then", "else", "$defs/*", "dependentSchemas/*", "unevaluatedProperties",
    "unevaluatedItems", "contentSchema", NULL};
static const char *const draft2020_paths[] = {
    "definitions/*", "not", "allOf/[]", "anyOf/[]", "oneOf/[]", "properties/*", "additionalProperties",
    "patternProperties/*", "items", "items/[]", "additionalItems", "dependencies/*", "propertyNames",
    "contains", "if", "then", "else", "$defs/*", "dependentSchemas/*", "unevaluatedProperties",
    "unevaluatedItems", "contentSchema", "prefixItems/[]", NULL};
static const char *const no_vocabs[] = {NULL};
static const char *const vocabs2019[] = {"core", "applicator", "validation", "meta-data", "format", "content", NULL};
static const char *const defaults2019[] = {"core", "applicator", "validation", NULL};
static const char *const vocabs2020[] = {"core", "applicator", "unevaluated", "validation", "meta-data",
                                         "format-annotation", "format-assertion", "content", NULL};
static const char *const defaults2020[] = {"core", "applicator", "unevaluated", "validation", NULL};

const jsonschema_draft jsonschema_drafts[JSONSCHEMA_DRAFT_COUNT] = {
    {4, "http://json-schema.org/draft-04/schema", "id", draft4_paths, "", no_vocabs, no_vocabs, 0},
    {6, "http://json-schema.org/draft-06/schema", "$id", draft6_paths, "", no_vocabs, no_vocabs, 1},
    {7, "http://json-schema.org/draft-07/schema", "$id", draft7_paths, "", no_vocabs, no_vocabs, 2},
    {2019, "https://json-schema.org/draft/2019-09/schema", "$id", draft2019_paths,
     "https://json-schema.org/draft/2019-09/vocab/", vocabs2019, defaults2019, 3},
    {2020, "https://json-schema.org/draft/2020-12/schema", "$id", draft2020_paths,
     "https://json-schema.org/draft/2020-12/vocab/", vocabs2020, defaults2020, 4},
};

const jsonschema_draft *jsonschema_draft_latest(void)
{
    return &jsonschema_drafts[4];
}

const char *jsonschema_location(celm_arena *arena, const char *url, const char *pointer)
{
    celm_buffer out;
    celm_buffer_init(&out);
    celm_buffer_append_str(&out, url);
    celm_buffer_append_char(&out, '#');
    jsonschema_fragment_encode(&out, pointer, strlen(pointer));
    celm_string text;
    return celm_buffer_finish(&out, arena, &text) == 0 ? text.data : url;
}

static const char *string_member(const jsonschema_node *object, const char *key)
{
    const jsonschema_node *value = jsonschema_member_get(object, key);
    return value && value->kind == JSONSCHEMA_STRING ? value->text.data : NULL;
}

static const char *before_fragment(celm_arena *arena, const char *text)
{
    const char *hash = strchr(text, '#');
    return hash ? celm_arena_strndup(arena, text, (size_t)(hash - text)) : text;
}

static const jsonschema_draft *draft_from_url(const char *url)
{
    const char *hash = strchr(url, '#');
    if (hash && hash[1])
        return NULL;
    size_t len = hash ? (size_t)(hash - url) : strlen(url);
    if (strncmp(url, "http://", 7) == 0)
        url += 7, len -= 7;
    else if (strncmp(url, "https://", 8) == 0)
        url += 8, len -= 8;
    static const char *const names[] = {"json-schema.org/draft-04/schema", "json-schema.org/draft-06/schema",
                                        "json-schema.org/draft-07/schema", "json-schema.org/draft/2019-09/schema",
                                        "json-schema.org/draft/2020-12/schema", "json-schema.org/schema"};
    for (int i = 0; i < 6; i++)
        if (strlen(names[i]) == len && strncmp(names[i], url, len) == 0)
            return &jsonschema_drafts[i < 5 ? i : 4];
    return NULL;
}

static const char *draft_id(celm_arena *arena, const jsonschema_draft *draft, const jsonschema_node *object)
{
    if (draft->version < 2019 && jsonschema_member_get(object, "$ref"))
        return "";
    const char *id = string_member(object, draft->id_keyword);
    return id ? before_fragment(arena, id) : "";
}

/* --- loading documents ------------------------------------------------------------------------ */

static const char *load_from_loader(jsonschema_compiler *compiler, const char *url, jsonschema_node **out)
{
    celm_arena *arena = compiler->arena;
    const char *scheme = jsonschema_url_scheme(arena, url);
    const char *message = NULL;
    if (strcmp(scheme, "urn") == 0)
        return jsonschema_json_parse(arena, "true", 4, out, &message) == 0 ? NULL : message;
    if (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0)
        return "celm does not fetch remote schemas; make the schema self-contained";
    if (strcmp(scheme, "file") != 0)
        return celm_arena_printf(arena, "no URLLoader registered for %s", jsonschema_quoted_text(arena, url));
    const char *path = jsonschema_url_path(arena, url);
    celm_string bytes = {NULL, 0};
    if (!path || path[0] != '/' || !compiler->options.read_file ||
        compiler->options.read_file(compiler->options.payload, path + 1, &bytes) != 0 || !bytes.data)
        return celm_arena_printf(arena, "open %s: no such file or directory", path ? path : url);
    return jsonschema_json_parse(arena, bytes.data, bytes.len, out, &message) == 0 ? NULL : message;
}

static int load_document(jsonschema_compiler *compiler, const char *url, jsonschema_node **out, const char **message)
{
    celm_arena *arena = compiler->arena;
    if ((*out = jsonschema_map_get(&compiler->documents, url)) != NULL)
        return 0;
    const char *text = jsonschema_metaschema_text(url), *problem = NULL;
    if (text) {
        if (jsonschema_json_parse(arena, text, strlen(text), out, &problem) != 0)
            return *message = problem, CELM_EFAIL;
    } else {
        unsigned limit = compiler->options.max_documents ? compiler->options.max_documents : 32;
        if (++compiler->documents_loaded > limit)
            problem = celm_arena_printf(arena, "more than %u schema documents referenced", limit);
        else
            problem = load_from_loader(compiler, url, out);
        if (problem) {
            *message = celm_arena_printf(arena, "failing loading %s: %s", jsonschema_quoted_text(arena, url), problem);
            return CELM_EINVAL;
        }
    }
    return jsonschema_map_put(arena, &compiler->documents, url, *out);
}

static int get_draft(jsonschema_compiler *compiler, const char *url, const char *pointer, const jsonschema_node *doc,
                     const jsonschema_draft *fallback, int depth, const jsonschema_draft **out, const char **message)
{
    celm_arena *arena = compiler->arena;
    const char *schema = doc->kind == JSONSCHEMA_OBJECT ? string_member(doc, "$schema") : NULL;
    if (!schema)
        return *out = fallback, 0;
    if ((*out = draft_from_url(schema)) != NULL)
        return 0;
    const char *meta_url = before_fragment(arena, schema);
    if (!*pointer && strcmp(meta_url, url) == 0) {
        *message = celm_arena_printf(arena, "draft %s is not supported", jsonschema_quoted_text(arena, meta_url));
        return CELM_EINVAL;
    }
    if (depth > 16) {
        *message = celm_arena_printf(arena, "cycle in resolving $schema in %s", jsonschema_quoted_text(arena, meta_url));
        return CELM_EINVAL;
    }
    jsonschema_node *meta;
    if (load_document(compiler, meta_url, &meta, message) != 0)
        return CELM_EINVAL;
    return get_draft(compiler, meta_url, "", meta, fallback, depth + 1, out, message);
}

static int meta_vocabs(jsonschema_compiler *compiler, const jsonschema_node *doc, const jsonschema_draft *draft,
                       jsonschema_dialect *dialect, const char **message)
{
    celm_arena *arena = compiler->arena;
    const char *schema = string_member(doc, "$schema");
    dialect->vocabs = NULL;
    dialect->vocab_count = 0;
    if (!schema || draft_from_url(schema) || draft->version < 2019)
        return 0;
    const char *meta_url = before_fragment(arena, schema);
    jsonschema_node *meta;
    if (load_document(compiler, meta_url, &meta, message) != 0)
        return CELM_EINVAL;
    const jsonschema_node *vocabulary = jsonschema_member_get(meta, "$vocabulary");
    if (!vocabulary || vocabulary->kind != JSONSCHEMA_OBJECT)
        return 0;
    const char **names = celm_arena_alloc(arena, (vocabulary->count + 1) * sizeof *names);
    size_t count = 0, prefix = strlen(draft->vocab_prefix);
    for (size_t i = 0; names && i < vocabulary->count; i++) {
        const jsonschema_node *required = vocabulary->members[i].value;
        const char *vocab = vocabulary->members[i].key.data;
        if (required->kind != JSONSCHEMA_BOOL || !required->boolean)
            continue;
        int known = 0;
        for (const char *const *v = draft->all_vocabs; strncmp(vocab, draft->vocab_prefix, prefix) == 0 && *v; v++)
            known |= strcmp(*v, vocab + prefix) == 0;
        if (!known) {
            *message = celm_arena_printf(arena, "unsupported vocabulary %s in %s", jsonschema_quoted_text(arena, vocab),
                                         jsonschema_quoted_text(arena, meta_url));
            return CELM_EINVAL;
        }
        names[count++] = vocab + prefix;
    }
    int has_core = 0;
    for (size_t i = 0; i < count; i++)
        has_core |= strcmp(names[i], "core") == 0;
    if (names && !has_core)
        names[count++] = "core";
    dialect->vocabs = names;
    dialect->vocab_count = count;
    return 0;
}

int jsonschema_dialect_has_vocab(const jsonschema_dialect *dialect, const char *name)
{
    if (strcmp(name, "core") == 0 || dialect->draft->version < 2019)
        return 1;
    if (dialect->vocabs) {
        for (size_t i = 0; i < dialect->vocab_count; i++)
            if (strcmp(dialect->vocabs[i], name) == 0)
                return 1;
        return 0;
    }
    for (const char *const *v = dialect->draft->default_vocabs; *v; v++)
        if (strcmp(*v, name) == 0)
            return 1;
    return 0;
}

/* --- resources ------------------------------------------------------------------------------- */

jsonschema_resource *jsonschema_root_resource(const jsonschema_root *root, const char *pointer)
{
    size_t len = strlen(pointer);
    char *prefix = malloc(len + 1);
    if (!prefix)
        return jsonschema_map_get(&root->by_pointer, "");
    memcpy(prefix, pointer, len + 1);
    for (;;) {
        jsonschema_resource *resource = jsonschema_map_get(&root->by_pointer, prefix);
        char *slash = strrchr(prefix, '/');
        if (resource || !slash) {
            free(prefix);
            return resource ? resource : jsonschema_map_get(&root->by_pointer, "");
        }
        *slash = 0;
    }
}

static jsonschema_resource *resource_with_id(const jsonschema_root *root, const char *id)
{
    for (size_t i = 0; i < root->resource_count; i++)
        if (strcmp(root->resources[i]->id, id) == 0)
            return root->resources[i];
    return NULL;
}

static int add_resource(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_resource *resource)
{
    root->resources = jsonschema_grow(compiler->arena, root->resources, root->resource_count, sizeof *root->resources);
    if (!root->resources)
        return CELM_ENOMEM;
    root->resources[root->resource_count++] = resource;
    return jsonschema_map_put(compiler->arena, &root->by_pointer, resource->pointer, resource);
}

static jsonschema_resource *new_resource(celm_arena *arena, const char *pointer, const char *id)
{
    jsonschema_resource *resource = celm_arena_alloc(arena, sizeof *resource);
    if (resource) {
        memset(resource, 0, sizeof *resource);
        resource->pointer = pointer;
        resource->id = id;
    }
    return resource;
}

static int add_anchor(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_resource *resource,
                      const char *anchor, const char *pointer, const char **message)
{
    celm_arena *arena = compiler->arena;
    const char *existing = jsonschema_map_get(&resource->anchors, anchor);
    if (existing && strcmp(existing, pointer) != 0) {
        *message = celm_arena_printf(arena, "duplicate anchor %s in %s at %s and %s", jsonschema_quoted_text(arena, anchor),
                                     jsonschema_quoted_text(arena, root->url), jsonschema_quoted_text(arena, existing),
                                     jsonschema_quoted_text(arena, pointer));
        return CELM_EINVAL;
    }
    return existing ? 0 : jsonschema_map_put(arena, &resource->anchors, anchor, (void *)pointer);
}

static int collect_anchors(jsonschema_compiler *compiler, jsonschema_root *root, const jsonschema_node *node,
                           const char *pointer, jsonschema_resource *resource, const char **message)
{
    celm_arena *arena = compiler->arena;
    if (node->kind != JSONSCHEMA_OBJECT)
        return 0;
    int version = resource->dialect.draft->version;
    if (version < 2019) {
        if (jsonschema_member_get(node, "$ref"))
            return 0;
        const char *id = string_member(node, resource->dialect.draft->id_keyword);
        const char *hash = id ? strchr(id, '#') : NULL;
        if (hash) {
            const char *anchor = jsonschema_url_unescape(arena, hash + 1, strlen(hash + 1));
            if (!anchor) {
                *message = celm_arena_printf(arena, "error in parsing anchor at %s",
                                             jsonschema_quoted_text(arena, jsonschema_location(arena, root->url, pointer)));
                return CELM_EINVAL;
            }
            if (*anchor && *anchor != '/' && add_anchor(compiler, root, resource, anchor, pointer, message) != 0)
                return CELM_EINVAL;
        }
        return 0;
    }
    const char *anchor = string_member(node, "$anchor");
    if (anchor && add_anchor(compiler, root, resource, anchor, pointer, message) != 0)
        return CELM_EINVAL;
    const char *dynamic = version >= 2020 ? string_member(node, "$dynamicAnchor") : NULL;
    if (dynamic) {
        if (add_anchor(compiler, root, resource, dynamic, pointer, message) != 0)
            return CELM_EINVAL;
        resource->dynamic_anchors = jsonschema_grow(arena, resource->dynamic_anchors, resource->dynamic_anchor_count,
                                                    sizeof *resource->dynamic_anchors);
        if (!resource->dynamic_anchors)
            return CELM_ENOMEM;
        resource->dynamic_anchors[resource->dynamic_anchor_count++] = dynamic;
    }
    return 0;
}

static int collect_resources(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_node *node,
                             const char *base, const char *pointer, jsonschema_dialect fallback, const char **message);

/* Follows one subschema path (properties then every member, say) from node, collecting each schema. */
static int collect_path(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_node *node,
                        const char *path, const char *base, const char *pointer, jsonschema_dialect dialect,
                        const char **message)
{
    celm_arena *arena = compiler->arena;
    if (!*path)
        return collect_resources(compiler, root, node, base, pointer, dialect, message);
    const char *slash = strchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : strlen(path);
    const char *rest = slash ? slash + 1 : "";
    celm_buffer child;
    if (len == 1 && path[0] == '*' && node->kind == JSONSCHEMA_OBJECT) {
        for (size_t i = 0; i < node->count; i++) {
            celm_buffer_init(&child);
            celm_buffer_append_str(&child, pointer);
            celm_buffer_append_char(&child, '/');
            jsonschema_pointer_escape(&child, node->members[i].key.data, node->members[i].key.len);
            celm_string next;
            if (celm_buffer_finish(&child, arena, &next) != 0 ||
                collect_path(compiler, root, node->members[i].value, rest, base, next.data, dialect, message) != 0)
                return CELM_EINVAL;
        }
    } else if (len == 2 && path[0] == '[' && node->kind == JSONSCHEMA_ARRAY) {
        for (size_t i = 0; i < node->count; i++) {
            const char *next = celm_arena_printf(arena, "%s/%zu", pointer, i);
            if (collect_path(compiler, root, node->items[i], rest, base, next, dialect, message) != 0)
                return CELM_EINVAL;
        }
    } else if (node->kind == JSONSCHEMA_OBJECT) {
        const char *name = celm_arena_strndup(arena, path, len);
        jsonschema_node *value = jsonschema_member_get(node, name);
        if (value && collect_path(compiler, root, value, rest, base, celm_arena_printf(arena, "%s/%s", pointer, name),
                                  dialect, message) != 0)
            return CELM_EINVAL;
    }
    return 0;
}

static int place_resource(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_node *node,
                          const char *base, const char *pointer, const jsonschema_draft *draft, int has_schema,
                          jsonschema_dialect fallback, const char **message)
{
    celm_arena *arena = compiler->arena;
    jsonschema_resource *existing = resource_with_id(root, base);
    if (existing) {
        if (strcmp(existing->pointer, pointer) == 0)
            return 0;
        *message = celm_arena_printf(arena, "duplicate id %s in %s at %s and %s", jsonschema_quoted_text(arena, base),
                                     jsonschema_quoted_text(arena, root->url), jsonschema_quoted_text(arena, pointer),
                                     jsonschema_quoted_text(arena, existing->pointer));
        return CELM_EINVAL;
    }
    jsonschema_resource *resource = new_resource(arena, pointer, base);
    if (!resource)
        return CELM_ENOMEM;
    resource->dialect = fallback;
    if (has_schema) {
        resource->dialect.draft = draft;
        if (meta_vocabs(compiler, node, draft, &resource->dialect, message) != 0)
            return CELM_EINVAL;
    }
    return add_resource(compiler, root, resource);
}

static int collect_object(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_node *node,
                          const char *base, const char *pointer, jsonschema_dialect fallback, const char **message)
{
    celm_arena *arena = compiler->arena;
    int has_schema = string_member(node, "$schema") != NULL;
    const jsonschema_draft *draft;
    if (get_draft(compiler, root->url, pointer, node, fallback.draft, 0, &draft, message) != 0)
        return CELM_EINVAL;
    const char *id = draft_id(arena, draft, node);
    if (!*id && *pointer) {
        draft = fallback.draft;
        has_schema = 0;
        id = draft_id(arena, draft, node);
    }
    if (*id) {
        const char *fragment, *problem;
        const char *joined = jsonschema_url_join(arena, base, id, &fragment, &problem);
        if (!joined) {
            *message = celm_arena_printf(arena, "error in parsing id at %s",
                                         jsonschema_quoted_text(arena, jsonschema_location(arena, root->url, pointer)));
            return CELM_EINVAL;
        }
        base = joined;
    }
    if ((*id || !*pointer) &&
        place_resource(compiler, root, node, base, pointer, draft, has_schema, fallback, message) != 0)
        return CELM_EINVAL;
    jsonschema_resource *base_resource = resource_with_id(root, base);
    if (!base_resource) {
        *message = "internal error: no base resource";
        return CELM_EFAIL;
    }
    if (collect_anchors(compiler, root, node, pointer, base_resource, message) != 0)
        return CELM_EINVAL;
    for (const char *const *path = draft->subschema_paths; *path; path++)
        if (collect_path(compiler, root, node, *path, base, pointer, base_resource->dialect, message) != 0)
            return CELM_EINVAL;
    return 0;
}

static int collect_resources(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_node *node,
                             const char *base, const char *pointer, jsonschema_dialect fallback, const char **message)
{
    if (jsonschema_map_get(&root->processed, pointer))
        return 0;
    if (node->kind != JSONSCHEMA_OBJECT) {
        if (!*pointer) {
            jsonschema_resource *resource = new_resource(compiler->arena, pointer, base);
            if (!resource)
                return CELM_ENOMEM;
            resource->dialect = fallback;
            if (add_resource(compiler, root, resource) != 0)
                return CELM_ENOMEM;
        }
    } else if (collect_object(compiler, root, node, base, pointer, fallback, message) != 0) {
        return CELM_EINVAL;
    }
    return jsonschema_map_put(compiler->arena, &root->processed, pointer, (void *)"");
}

/* --- roots ----------------------------------------------------------------------------------- */

static int validate_against_dialect(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_node *node,
                                    const char *pointer, const char **message)
{
    celm_arena *arena = compiler->arena;
    jsonschema_resource *resource = jsonschema_root_resource(root, pointer);
    jsonschema_schema *meta = jsonschema_dialect_schema(compiler, &resource->dialect, message);
    if (!meta)
        return CELM_EINVAL;
    jsonschema_error *error = jsonschema_validate_meta(compiler, meta, node, root);
    if (compiler->limit_message)
        return *message = compiler->limit_message, CELM_ELIMIT;
    if (!error)
        return 0;
    celm_buffer out;
    celm_buffer_init(&out);
    celm_buffer_append_str(&out, jsonschema_quoted_text(arena, jsonschema_location(arena, root->url, pointer)));
    celm_buffer_append_str(&out, " is not valid against metaschema: ");
    jsonschema_error_print(&out, error);
    celm_string text;
    *message = celm_buffer_finish(&out, arena, &text) == 0 ? text.data : "out of memory";
    return CELM_EINVAL;
}

int jsonschema_roots_load(jsonschema_compiler *compiler, const char *url, jsonschema_root **out, const char **message)
{
    if ((*out = jsonschema_map_get(&compiler->roots, url)) != NULL)
        return 0;
    jsonschema_node *doc;
    if (load_document(compiler, url, &doc, message) != 0)
        return CELM_EINVAL;
    jsonschema_root *root = celm_arena_alloc(compiler->arena, sizeof *root);
    if (!root)
        return CELM_ENOMEM;
    memset(root, 0, sizeof *root);
    root->url = url;
    root->doc = doc;
    jsonschema_dialect fallback = {jsonschema_draft_latest(), NULL, 0};
    if (collect_resources(compiler, root, doc, url, "", fallback, message) != 0)
        return CELM_EINVAL;
    if (!jsonschema_is_metaschema_url(url) && validate_against_dialect(compiler, root, doc, "", message) != 0)
        return CELM_EINVAL;
    *out = root;
    return jsonschema_map_put(compiler->arena, &compiler->roots, url, root);
}

jsonschema_node *jsonschema_pointer_lookup(celm_arena *arena, jsonschema_node *doc, const char *pointer, int *bad_pointer)
{
    *bad_pointer = 0;
    const char *at = pointer;
    while (*at == '/') {
        at++;
        size_t len = strcspn(at, "/");
        const char *token = jsonschema_pointer_unescape(arena, at, len);
        at += len;
        if (!token)
            return *bad_pointer = 1, NULL;
        if (doc->kind == JSONSCHEMA_OBJECT) {
            if (!(doc = jsonschema_member_get(doc, token)))
                return NULL;
        } else if (doc->kind == JSONSCHEMA_ARRAY) {
            char *end;
            long index = strtol(token, &end, 10);
            if (!*token || *end || index < 0 || (size_t)index >= doc->count)
                return NULL;
            doc = doc->items[index];
        } else {
            return NULL;
        }
    }
    return doc;
}

static int resolve_in(jsonschema_compiler *compiler, jsonschema_root *root, jsonschema_resource *resource,
                      const char *fragment, const char **pointer, const char **message)
{
    celm_arena *arena = compiler->arena;
    if (!*fragment || *fragment == '/') {
        *pointer = celm_arena_printf(arena, "%s%s", resource->pointer, fragment);
        return 0;
    }
    if ((*pointer = jsonschema_map_get(&resource->anchors, fragment)) != NULL)
        return 0;
    celm_buffer reference;
    celm_buffer_init(&reference);
    celm_buffer_append_str(&reference, resource->id);
    celm_buffer_append_char(&reference, '#');
    jsonschema_fragment_encode(&reference, fragment, strlen(fragment));
    celm_string text;
    celm_buffer_finish(&reference, arena, &text);
    *message = celm_arena_printf(arena, "anchor in %s not found in schema %s",
                                 jsonschema_quoted_text(arena, text.data ? text.data : ""), jsonschema_quoted_text(arena, root->url));
    return CELM_EINVAL;
}

int jsonschema_root_resolve(jsonschema_compiler *compiler, jsonschema_root *root, const char *url,
                            const char *fragment, const char **pointer, const char **message)
{
    jsonschema_resource *resource = strcmp(url, root->url) == 0 ? jsonschema_root_resource(root, "")
                                                                : resource_with_id(root, url);
    *pointer = NULL;
    return resource ? resolve_in(compiler, root, resource, fragment, pointer, message) : 0;
}

int jsonschema_roots_resolve_fragment(jsonschema_compiler *compiler, const char *url, const char *fragment,
                                      const char **pointer, const char **message)
{
    jsonschema_root *root;
    if (jsonschema_roots_load(compiler, url, &root, message) != 0)
        return CELM_EINVAL;
    return resolve_in(compiler, root, jsonschema_root_resource(root, ""), fragment, pointer, message);
}

int jsonschema_roots_ensure_subschema(jsonschema_compiler *compiler, const char *url, const char *pointer,
                                      const char **message)
{
    celm_arena *arena = compiler->arena;
    jsonschema_root *root;
    if (jsonschema_roots_load(compiler, url, &root, message) != 0)
        return CELM_EINVAL;
    if (jsonschema_map_get(&root->processed, pointer))
        return 0;
    int bad;
    jsonschema_node *node = jsonschema_pointer_lookup(arena, root->doc, pointer, &bad);
    if (!node) {
        *message = celm_arena_printf(arena, bad ? "invalid json-pointer %s" : "json-pointer in %s not found",
                                     jsonschema_quoted_text(arena, jsonschema_location(arena, url, pointer)));
        return CELM_EINVAL;
    }
    jsonschema_resource *base = jsonschema_root_resource(root, pointer);
    if (collect_resources(compiler, root, node, base->id, pointer, base->dialect, message) != 0)
        return CELM_EINVAL;
    if (!jsonschema_map_get(&root->by_pointer, pointer) &&
        collect_anchors(compiler, root, node, pointer, jsonschema_root_resource(root, pointer), message) != 0)
        return CELM_EINVAL;
    if (jsonschema_is_metaschema_url(url))
        return 0;
    return validate_against_dialect(compiler, root, node, pointer, message);
}
