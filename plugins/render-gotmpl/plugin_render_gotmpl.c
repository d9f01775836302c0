/* plugin_render_gotmpl.c: the render-gotmpl plugin: Go templates with Sprig and Helm's functions. */
#include <stddef.h>
#include <stdlib.h>

#include "celm/sdk.h"
#include "gotmpl_function_tables.h"
#include "gotmpl_render.h"

typedef struct gotmpl_plugin {
    const celm_host *host;
} gotmpl_plugin;

static int render(void *instance, celm_arena *arena, const celm_render_request *request, celm_render_output **out,
                  size_t *count, celm_error *err)
{
    gotmpl_plugin *plugin = instance;
    gotmpl_runtime *runtime;
    gotmpl_exec *exec;
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    options.tables = gotmpl_helm_function_tables;
    options.missing_key_error = request->strict;
    if (request->size >= offsetof(celm_render_request, lint_log_payload) + sizeof request->lint_log_payload) {
        options.lint_mode = request->lint;
        options.lint_log = request->lint_log;
        options.lint_log_payload = request->lint_log_payload;
    }
    if (gotmpl_runtime_create(plugin->host, arena, &runtime) != CELM_OK ||
        gotmpl_exec_create(runtime, &options, &exec) != CELM_OK)
        return plugin->host->error_set(err, CELM_ENOMEM, "out of memory starting the template engine");
    int has_cluster_field = request->size >= offsetof(celm_render_request, cluster) + sizeof request->cluster;
    gotmpl_runtime_allow_cluster(runtime, has_cluster_field && request->cluster);
    return gotmpl_render(exec, request, out, count, err);
}

static int create(const celm_host *host, const celm_value *config, celm_error *err, void **out_instance)
{
    (void)config;
    gotmpl_plugin *plugin = calloc(1, sizeof *plugin);
    if (!plugin)
        return host->error_set(err, CELM_ENOMEM, "out of memory");
    plugin->host = host;
    *out_instance = plugin;
    return CELM_OK;
}

static void destroy(void *instance)
{
    free(instance);
}

static const char *const no_suffixes[] = {NULL};

static const celm_render_ops render_ops = {
    .version = CELM_RENDER_OPS_VERSION,
    .suffixes = no_suffixes,
    .render = render,
};

static const celm_plugin_descriptor descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_RENDER,
    .name = "gotmpl",
    .version = "0.1.0",
    .description = "Go text/template with Sprig and Helm's functions, as helm v4.2.4 renders charts",
    .create = create,
    .destroy = destroy,
    .ops = &render_ops,
};

CELM_PLUGIN_ENTRY(render_gotmpl, descriptor)
