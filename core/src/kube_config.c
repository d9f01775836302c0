/* kube_config.c: kubeconfig files merged as client-go merges them, and the --kube-* overrides. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kube_internal.h"
#include "os_file.h"

/* The merged view: the first file that names a cluster, user or context wins, and so does the
 * first non-empty current-context. Each entry remembers the directory of its file, because
 * relative paths in a kubeconfig are relative to the file. */
typedef struct named_entry {
    const char *name;
    const celm_value *body;
    const char *directory;
} named_entry;

typedef struct merged_config {
    named_entry *entries[3];    /* clusters, users, contexts */
    size_t counts[3];
    const char *current_context;
} merged_config;

enum { CLUSTERS, USERS, CONTEXTS };
static const char *const section_names[] = {"clusters", "users", "contexts"};
static const char *const body_keys[] = {"cluster", "user", "context"};

static const char *text_of(const celm_value *map, const char *key)
{
    const celm_value *value = celm_map_cget(map, key);
    return value && value->kind == CELM_VALUE_STRING && value->as.string.len ? value->as.string.data : NULL;
}

static const named_entry *find_entry(const merged_config *config, int section, const char *name)
{
    for (size_t i = 0; name && i < config->counts[section]; i++)
        if (!strcmp(config->entries[section][i].name, name))
            return &config->entries[section][i];
    return NULL;
}

static int add_section(celm_arena *arena, merged_config *config, int section, const celm_value *list,
                       const char *directory)
{
    if (!list || list->kind != CELM_VALUE_LIST)
        return CELM_OK;
    named_entry *grown = celm_arena_alloc(arena, (config->counts[section] + list->as.list.count) * sizeof *grown);
    if (!grown)
        return CELM_ENOMEM;
    if (config->counts[section])
        memcpy(grown, config->entries[section], config->counts[section] * sizeof *grown);
    config->entries[section] = grown;
    for (size_t i = 0; i < list->as.list.count; i++) {
        const celm_value *item = list->as.list.items[i];
        const char *name = item->kind == CELM_VALUE_MAP ? text_of(item, "name") : NULL;
        const celm_value *body = name ? celm_map_cget(item, body_keys[section]) : NULL;
        if (!body || body->kind != CELM_VALUE_MAP || find_entry(config, section, name))
            continue;
        grown[config->counts[section]++] = (named_entry){name, body, directory};
    }
    return CELM_OK;
}

static const char *directory_of(celm_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return ".";
    return slash == path ? "/" : celm_arena_strndup(arena, path, (size_t)(slash - path));
}

static int add_file(celm_arena *arena, merged_config *config, const char *path, int must_exist, celm_error *err)
{
    celm_string text;
    if (!must_exist && access(path, F_OK) != 0)
        return CELM_OK;
    int status = celm_os_read_file(arena, path, &text, err);
    if (status != CELM_OK)
        return status;
    celm_value *document;
    status = celm_yaml_parse(arena, text.data, text.len, path, CELM_YAML_KEEP_INTEGERS, &document, err);
    if (status != CELM_OK)
        return celm_error_set(err, status, "error loading config file \"%s\": %s", path, err->message);
    if (!document || document->kind != CELM_VALUE_MAP)
        return CELM_OK;
    const char *directory = directory_of(arena, path);
    for (int section = CLUSTERS; section <= CONTEXTS; section++)
        if (add_section(arena, config, section, celm_map_cget(document, section_names[section]), directory) != CELM_OK)
            return celm_error_set(err, CELM_ENOMEM, "out of memory reading %s", path);
    if (!config->current_context)
        config->current_context = text_of(document, "current-context");
    return CELM_OK;
}

/* --kubeconfig alone, else every existing file of the $KUBECONFIG list, else ~/.kube/config. */
static int load_files(celm_arena *arena, const celm_kube_options *options, merged_config *config, celm_error *err)
{
    if (options->kubeconfig && *options->kubeconfig)
        return add_file(arena, config, options->kubeconfig, 1, err);
    const char *list = getenv("KUBECONFIG");
    if (list && *list) {
        for (const char *at = list; *at;) {
            size_t len = strcspn(at, ":");
            if (len) {
                int status = add_file(arena, config, celm_arena_strndup(arena, at, len), 0, err);
                if (status != CELM_OK)
                    return status;
            }
            at += len + (at[len] == ':');
        }
        return CELM_OK;
    }
    const char *home = getenv("HOME");
    return home ? add_file(arena, config, celm_arena_printf(arena, "%s/.kube/config", home), 0, err) : CELM_OK;
}

static const char *resolve_path(celm_arena *arena, const char *path, const char *directory)
{
    if (!path || path[0] == '/')
        return path;
    return celm_arena_printf(arena, "%s/%s", directory, path);
}

static int decode_data(celm_arena *arena, const celm_value *map, const char *key, celm_string *out, celm_error *err)
{
    const char *text = text_of(map, key);
    if (!text)
        return CELM_OK;
    int status = celm_base64_decode(arena, text, strlen(text), out, err);
    return status == CELM_OK ? CELM_OK : celm_error_set(err, status, "kubeconfig %s: %s", key, err->message);
}

static int apply_cluster(celm_arena *arena, const named_entry *cluster, kube_target *target, celm_error *err)
{
    const celm_value *body = cluster->body;
    target->server = text_of(body, "server");
    target->ca_file = resolve_path(arena, text_of(body, "certificate-authority"), cluster->directory);
    target->tls_server_name = text_of(body, "tls-server-name");
    target->proxy_url = text_of(body, "proxy-url");
    const celm_value *insecure = celm_map_cget(body, "insecure-skip-tls-verify");
    target->insecure = insecure && insecure->kind == CELM_VALUE_BOOL && insecure->as.boolean;
    return decode_data(arena, body, "certificate-authority-data", &target->ca_data, err);
}

static void apply_impersonation(celm_arena *arena, const celm_value *body, kube_target *target)
{
    target->as_user = text_of(body, "as");
    const celm_value *groups = celm_map_cget(body, "as-groups");
    if (!groups || groups->kind != CELM_VALUE_LIST)
        return;
    target->as_groups = celm_arena_alloc(arena, (groups->as.list.count + 1) * sizeof *target->as_groups);
    for (size_t i = 0; target->as_groups && i < groups->as.list.count; i++)
        if (groups->as.list.items[i]->kind == CELM_VALUE_STRING)
            target->as_groups[target->as_group_count++] = groups->as.list.items[i]->as.string.data;
}

static int apply_user(celm_arena *arena, const named_entry *user, kube_target *target, celm_error *err)
{
    const celm_value *body = user->body;
    target->cert_file = resolve_path(arena, text_of(body, "client-certificate"), user->directory);
    target->key_file = resolve_path(arena, text_of(body, "client-key"), user->directory);
    target->token = text_of(body, "token");
    target->token_file = resolve_path(arena, text_of(body, "tokenFile"), user->directory);
    target->username = text_of(body, "username");
    target->password = text_of(body, "password");
    const celm_value *exec = celm_map_cget(body, "exec");
    target->exec = exec && exec->kind == CELM_VALUE_MAP ? exec : NULL;
    apply_impersonation(arena, body, target);
    int status = decode_data(arena, body, "client-certificate-data", &target->cert_data, err);
    return status == CELM_OK ? decode_data(arena, body, "client-key-data", &target->key_data, err) : status;
}

static void apply_options(const celm_kube_options *options, kube_target *target)
{
#define OVERRIDE(field, option) if (options->option && *options->option) target->field = options->option
    OVERRIDE(server, apiserver);
    OVERRIDE(ca_file, ca_file);
    OVERRIDE(token, token);
    OVERRIDE(as_user, as_user);
    OVERRIDE(tls_server_name, tls_server_name);
    OVERRIDE(namespace_name, namespace_name);
#undef OVERRIDE
    if (options->ca_file && *options->ca_file)
        target->ca_data = (celm_string){NULL, 0};
    if (options->as_group_count) {
        target->as_groups = (const char **)options->as_groups;
        target->as_group_count = options->as_group_count;
    }
    if (options->insecure_skip_tls_verify)
        target->insecure = 1;
}

static int apply_context(celm_arena *arena, const merged_config *config, const char *context_name,
                         kube_target *target, celm_error *err)
{
    const named_entry *context = find_entry(config, CONTEXTS, context_name);
    if (!context)
        return celm_error_set(err, CELM_EINVAL, "context \"%s\" does not exist", context_name);
    target->namespace_name = text_of(context->body, "namespace");
    const char *cluster_name = text_of(context->body, "cluster");
    const char *user_name = text_of(context->body, "user");
    const named_entry *cluster = find_entry(config, CLUSTERS, cluster_name);
    const named_entry *user = find_entry(config, USERS, user_name);
    int status = cluster ? apply_cluster(arena, cluster, target, err) : CELM_OK;
    if (status == CELM_OK && user)
        status = apply_user(arena, user, target, err);
    return status;
}

int kube_target_resolve(celm_arena *arena, const celm_kube_options *options, kube_target *target,
                        celm_error *err)
{
    merged_config config;
    memset(&config, 0, sizeof config);
    memset(target, 0, sizeof *target);
    int status = load_files(arena, options, &config, err);
    if (status != CELM_OK)
        return status;
    const char *context_name = options->context && *options->context ? options->context : config.current_context;
    if (context_name && (status = apply_context(arena, &config, context_name, target, err)) != CELM_OK)
        return status;
    apply_options(options, target);
    if (!target->server)
        target->server = "http://localhost:8080";   /* client-go's default when nothing is configured */
    size_t len = strlen(target->server);
    while (len > 1 && target->server[len - 1] == '/')
        len--;
    target->server = celm_arena_strndup(arena, target->server, len);
    return CELM_OK;
}
