/* gotmpl_exec_tpl.c: executing template text given at run time (Helm's tpl): each distinct text is
 * parsed once, as template "gotpl", and runs with its own defines over the templates it is
 * called among (Go's Clone, then New("gotpl").Parse). */
#include <string.h>

#include "gotmpl_exec_internal.h"

static const char tpl_name[] = "gotpl";

typedef struct tpl_entry {
    celm_string text;               /* the key: a copy of the template text */
    const celm_gotmpl_tree *main;   /* NULL when the text does not parse */
    celm_gotmpl_set *defines;       /* the text's own templates, main included */
    celm_string parse_error;        /* Go's parse error text */
} tpl_entry;

struct gotmpl_tpl_cache {
    tpl_entry **slots;
    size_t slot_count, used;
};

static size_t text_hash(const char *text, size_t len)
{
    uint64_t hash = 14695981039346656037ull;
    for (size_t i = 0; i < len; i++)
        hash = (hash ^ (unsigned char)text[i]) * 1099511628211ull;
    return (size_t)hash;
}

static tpl_entry **find_slot(tpl_entry **slots, size_t slot_count, const char *text, size_t len)
{
    size_t mask = slot_count - 1;
    for (size_t i = text_hash(text, len) & mask;; i = (i + 1) & mask) {
        tpl_entry *entry = slots[i];
        if (!entry || (entry->text.len == len && memcmp(entry->text.data, text, len) == 0))
            return &slots[i];
    }
}

static int cache_grow(gotmpl_exec *exec, gotmpl_tpl_cache *cache)
{
    size_t count = cache->slot_count ? cache->slot_count * 2 : 32;
    tpl_entry **slots = exec->host->arena_alloc(exec->arena, count * sizeof *slots);
    if (!slots)
        return CELM_ENOMEM;
    memset(slots, 0, count * sizeof *slots);
    for (size_t i = 0; i < cache->slot_count; i++)
        if (cache->slots[i])
            *find_slot(slots, count, cache->slots[i]->text.data, cache->slots[i]->text.len) = cache->slots[i];
    cache->slots = slots;
    cache->slot_count = count;
    return CELM_OK;
}

/* Parses text into a new entry. A parse error is kept in the entry, not returned. */
static int parse_entry(gotmpl_exec *exec, const char *text, size_t len, tpl_entry **out)
{
    tpl_entry *entry = exec->host->arena_alloc(exec->arena, sizeof *entry);
    char *copy = exec->host->arena_strndup(exec->arena, text, len);
    if (!entry || !copy)
        return CELM_ENOMEM;
    memset(entry, 0, sizeof *entry);
    entry->text.data = copy;
    entry->text.len = len;
    celm_gotmpl_parse_options options = CELM_GOTMPL_PARSE_OPTIONS_INIT;
    options.lookup = gotmpl_exec_lookup;
    options.lookup_payload = exec;
    options.flags = CELM_GOTMPL_BORROW_TEXT;    /* the cache's copy */
    celm_gotmpl_file file;
    celm_error err = CELM_ERROR_INIT;
    int status = celm_gotmpl_parse(exec->host, exec->arena, tpl_name, copy, len, &options, &file, &err);
    if (status == CELM_EPARSE) {
        entry->parse_error.data = exec->host->arena_strndup(exec->arena, err.message, strlen(err.message));
        entry->parse_error.len = strlen(err.message);
        *out = entry;
        return entry->parse_error.data ? CELM_OK : CELM_ENOMEM;
    }
    if (status == CELM_OK)
        status = celm_gotmpl_set_create(exec->host, exec->arena, &entry->defines);
    if (status == CELM_OK)
        status = celm_gotmpl_set_add(entry->defines, &file);
    if (status != CELM_OK)
        return status;
    for (size_t i = 0; i < file.count; i++)
        if (file.trees[i]->name.len == sizeof tpl_name - 1 && memcmp(file.trees[i]->name.data, tpl_name, sizeof tpl_name - 1) == 0)
            entry->main = file.trees[i];
    *out = entry;
    return CELM_OK;
}

static int cached_entry(gotmpl_exec *exec, const char *text, size_t len, tpl_entry **out)
{
    if (!exec->tpl_cache) {
        exec->tpl_cache = exec->host->arena_alloc(exec->arena, sizeof *exec->tpl_cache);
        if (!exec->tpl_cache)
            return CELM_ENOMEM;
        memset(exec->tpl_cache, 0, sizeof *exec->tpl_cache);
    }
    gotmpl_tpl_cache *cache = exec->tpl_cache;
    if ((cache->used + 1) * 2 > cache->slot_count && cache_grow(exec, cache) != CELM_OK)
        return CELM_ENOMEM;
    tpl_entry **slot = find_slot(cache->slots, cache->slot_count, text, len);
    if (!*slot) {
        int status = parse_entry(exec, text, len, slot);
        if (status != CELM_OK)
            return status;
        cache->used++;
    }
    *out = *slot;
    return CELM_OK;
}

int gotmpl_exec_run_text(gotmpl_exec *exec, const char *text, size_t len, const gotmpl_value *dot, celm_string *out,
                         celm_error *err)
{
    tpl_entry *entry = NULL;
    int status = cached_entry(exec, text, len, &entry);
    if (status == CELM_OK && !entry->main)
        status = gotmpl_exec_fail_plain(exec, CELM_EPARSE, &entry->parse_error, NULL);
    if (status != CELM_OK) {
        if (status == CELM_ENOMEM)
            gotmpl_exec_out_of_memory(exec);
        if (err)
            exec->host->error_set(err, status, "%s", exec->error_text.data);
        return status;
    }
    gotmpl_namespace namespace = {entry->defines, exec->namespace};
    return gotmpl_exec_run_parsed(exec, entry->main, &namespace, dot, out, err);
}
