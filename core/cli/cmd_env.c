/* cmd_env.c: `celm env`, helm's client environment as NAME="value" lines, plus celm's own variables. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct environment_entry {
    const char *name;
    const char *value;
} environment_entry;

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const environment_entry *)a)->name, ((const environment_entry *)b)->name);
}

static const char *joined(celm_arena *arena, const char *const *items, size_t count, const char *separator)
{
    const char *text = "";
    for (size_t i = 0; i < count; i++)
        text = celm_arena_printf(arena, "%s%s%s", text, i ? separator : "", items[i]);
    return text;
}

/* The directories `celm plugin list` and every plugin lookup search, in order. */
static const char *plugin_search_path_text(celm_arena *arena, const cli_settings *settings)
{
    char **path = celm_plugin_search_path(settings->plugin_dirs, settings->plugin_dir_count);
    size_t count = 0;
    while (path && path[count])
        count++;
    const char *text = joined(arena, (const char *const *)path, count, ":");
    celm_plugin_search_path_free(path);
    return text;
}

/* Go's %.2f, which spells infinities and NaN its own way. */
static const char *fixed_two_decimals(celm_arena *arena, float value)
{
    if (isnan(value))
        return "NaN";
    if (isinf(value))
        return value > 0 ? "+Inf" : "-Inf";
    return celm_arena_printf(arena, "%.2f", (double)value);
}

static size_t collect(const cli_invocation *invocation, environment_entry *entries)
{
    const cli_settings *settings = invocation->settings;
    celm_arena *arena = invocation->arena;
    const environment_entry all[] = {
        {"CELM_DATA_HOME", settings->celm_data_home},
        {"CELM_PLUGIN_PATH", plugin_search_path_text(arena, settings)},
        {"HELM_BIN", invocation->program},
        {"HELM_BURST_LIMIT", celm_arena_printf(arena, "%lld", settings->burst_limit)},
        {"HELM_CACHE_HOME", settings->cache_home},
        {"HELM_CONFIG_HOME", settings->config_home},
        {"HELM_CONTENT_CACHE", settings->content_cache},
        {"HELM_DATA_HOME", settings->data_home},
        {"HELM_DEBUG", settings->debug ? "true" : "false"},
        {"HELM_KUBEAPISERVER", settings->kube_apiserver},
        {"HELM_KUBEASGROUPS", joined(arena, settings->kube_as_groups, settings->kube_as_group_count, ",")},
        {"HELM_KUBEASUSER", settings->kube_as_user},
        {"HELM_KUBECAFILE", settings->kube_ca_file},
        {"HELM_KUBECONTEXT", settings->kube_context},
        {"HELM_KUBEINSECURE_SKIP_TLS_VERIFY", settings->kube_insecure_skip_tls_verify ? "true" : "false"},
        {"HELM_KUBETLS_SERVER_NAME", settings->kube_tls_server_name},
        {"HELM_KUBETOKEN", settings->kube_token},
        {"HELM_MAX_HISTORY", celm_arena_printf(arena, "%d", settings->max_history)},
        {"HELM_NAMESPACE", cli_settings_namespace(settings)},
        {"HELM_PLUGINS", settings->plugins_directory},
        /* helm keeps QPS as a float32 and prints it with %.2f */
        {"HELM_QPS", fixed_two_decimals(arena, settings->qps)},
        {"HELM_REGISTRY_CONFIG", settings->registry_config},
        {"HELM_REPOSITORY_CACHE", settings->repository_cache},
        {"HELM_REPOSITORY_CONFIG", settings->repository_config},
        {"KUBECONFIG", settings->kubeconfig},
    };
    size_t count = sizeof all / sizeof all[0];
    memcpy(entries, all, sizeof all);
    qsort(entries, count, sizeof *entries, compare_entries);
    return count;
}

int cli_env_command(const cli_invocation *invocation)
{
    environment_entry entries[32];
    size_t count = collect(invocation, entries);
    if (invocation->argument_count == 1) {
        const char *value = "";
        for (size_t i = 0; i < count; i++)
            if (strcmp(entries[i].name, invocation->arguments[0]) == 0)
                value = entries[i].value;
        printf("%s\n", value ? value : "");
        return 0;
    }
    for (size_t i = 0; i < count; i++)
        printf("%s=\"%s\"\n", entries[i].name, entries[i].value ? entries[i].value : "");
    return 0;
}
