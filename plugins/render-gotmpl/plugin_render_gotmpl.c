/* plugin_render_gotmpl.c: the render-gotmpl plugin: Go templates with Sprig and Helm's functions. */
#include <stdlib.h>

#include "celm/sdk.h"
#include "gotmpl_funcs_b.h"
#include "gotmpl_render.h"
#include "gotmpl_sprig.h"

typedef struct gotmpl_plugin {
    const celm_host *host;
} gotmpl_plugin;

/* Sprig's functions first, Helm's after them, so Helm's replace Sprig's as in engine.funcMap. */
static const gotmpl_func_table *const function_tables[] = {
    &gotmpl_funcs_sprig_strings, &gotmpl_funcs_sprig_lists, &gotmpl_funcs_sprig_dicts,
    &gotmpl_funcs_sprig_defaults, &gotmpl_funcs_sprig_convert, &gotmpl_funcs_sprig_math,
    &gotmpl_funcs_sprig_regex, &gotmpl_funcs_sprig_paths, &gotmpl_funcs_sprig_reflect,
    &gotmpl_funcs_sprig_encoding, &gotmpl_funcs_sprig_dates, &gotmpl_funcs_sprig_crypto,
    &gotmpl_funcs_sprig_random, &gotmpl_funcs_sprig_semver, &gotmpl_funcs_sprig_network,
    &gotmpl_funcs_helm_data, &gotmpl_funcs_engine, NULL,
};

static int render(void *instance, celm_arena *arena, const celm_render_request *request, celm_render_output **out,
                  size_t *count, celm_error *err)
{
    gotmpl_plugin *plugin = instance;
    gotmpl_runtime *runtime;
    gotmpl_exec *exec;
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    options.tables = function_tables;
    options.missing_key_error = request->strict;
    if (gotmpl_runtime_create(plugin->host, arena, &runtime) != CELM_OK ||
        gotmpl_exec_create(runtime, &options, &exec) != CELM_OK)
        return plugin->host->error_set(err, CELM_ENOMEM, "out of memory starting the template engine");
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
