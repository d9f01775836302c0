/* plugin_render_gotmpl.c: the render-gotmpl plugin: Go templates with Sprig and Helm's functions. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "celm/sdk.h"
#include "gotmpl_function_tables.h"
#include "gotmpl_render.h"

typedef struct gotmpl_plugin {
    const celm_host *host;
} gotmpl_plugin;

static int start_engine(gotmpl_plugin *plugin, celm_arena *arena, const gotmpl_exec_options *options,
                        gotmpl_runtime **runtime, gotmpl_exec **exec, celm_error *err)
{
    if (gotmpl_runtime_create(plugin->host, arena, runtime) != CELM_OK ||
        gotmpl_exec_create(*runtime, options, exec) != CELM_OK)
        return plugin->host->error_set(err, CELM_ENOMEM, "out of memory starting the template engine");
    return CELM_OK;
}

static int render(void *instance, celm_arena *arena, const celm_render_request *request, celm_render_output **out,
                  size_t *count, celm_error *err)
{
    gotmpl_plugin *plugin = instance;
    gotmpl_runtime *runtime;
    gotmpl_exec *exec;
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    options.tables = gotmpl_helm_function_tables;
    options.missing_key_error = request->strict;
    if (start_engine(plugin, arena, &options, &runtime, &exec, err) != CELM_OK)
        return err->code;
    int has_cluster_field = request->size >= offsetof(celm_render_request, cluster) + sizeof request->cluster;
    gotmpl_runtime_allow_cluster(runtime, has_cluster_field && request->cluster);
    return gotmpl_render(exec, request, out, count, err);
}

/* Go's template.New(name).Funcs(sprig.TxtFuncMap()).Parse(text), executed with nil data. */
static int render_text(void *instance, celm_arena *arena, const celm_render_text_request *request, celm_string *out,
                       celm_error *err)
{
    gotmpl_plugin *plugin = instance;
    gotmpl_runtime *runtime;
    gotmpl_exec *exec;
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    if (request->functions != CELM_RENDER_FUNCTIONS_SPRIG)
        return plugin->host->error_set(err, CELM_EINVAL, "render-gotmpl has no function set %d", request->functions);
    options.tables = gotmpl_sprig_function_tables;
    int status = start_engine(plugin, arena, &options, &runtime, &exec, err);
    if (status == CELM_OK)
        status = gotmpl_exec_add_file(exec, request->name, request->text, request->len, err);
    gotmpl_value no_data = gotmpl_invalid();
    *out = (celm_string){"", 0};
    return status == CELM_OK ? gotmpl_exec_run(exec, request->name, strlen(request->name), &no_data, out, err) : status;
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
    .render_text = render_text,
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
