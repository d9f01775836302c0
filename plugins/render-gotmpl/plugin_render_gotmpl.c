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

/* One use of an engine: parse and run what the request asks. */
typedef int (*engine_job)(gotmpl_exec *exec, const void *request, void *out, celm_error *err);

/* Runs the job on a fresh engine on the caller's own stack; when templates nest deeper than that
 * stack allows, runs it again from the start (values, randomness and all) on an engine that makes
 * itself a deep stack. */
static int run_engine(gotmpl_plugin *plugin, celm_arena *arena, gotmpl_exec_options *options, int cluster,
                      engine_job job, const void *request, void *out, celm_error *err)
{
    int status = CELM_OK;
    for (int deep = 0; deep < 2; deep++) {
        gotmpl_runtime *runtime;
        gotmpl_exec *exec;
        options->caller_stack_first = !deep;
        if (gotmpl_runtime_create(plugin->host, arena, &runtime) != CELM_OK ||
            gotmpl_exec_create(runtime, options, &exec) != CELM_OK)
            return plugin->host->error_set(err, CELM_ENOMEM, "out of memory starting the template engine");
        gotmpl_runtime_allow_cluster(runtime, cluster);
        status = job(exec, request, out, err);
        if (!gotmpl_exec_stack_exhausted(exec))
            break;
    }
    return status;
}

typedef struct render_result {
    celm_render_output **files;
    size_t *count;
} render_result;

static int render_job(gotmpl_exec *exec, const void *request, void *out, celm_error *err)
{
    render_result *result = out;
    return gotmpl_render(exec, request, result->files, result->count, err);
}

static int render(void *instance, celm_arena *arena, const celm_render_request *request, celm_render_output **out,
                  size_t *count, celm_error *err)
{
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    options.tables = gotmpl_helm_function_tables;
    options.missing_key_error = request->strict;
    if (request->size >= offsetof(celm_render_request, lint_log_payload) + sizeof request->lint_log_payload) {
        options.lint_mode = request->lint;
        options.lint_log = request->lint_log;
        options.lint_log_payload = request->lint_log_payload;
    }
    int has_cluster_field = request->size >= offsetof(celm_render_request, cluster) + sizeof request->cluster;
    render_result result = {out, count};
    return run_engine(instance, arena, &options, has_cluster_field && request->cluster, render_job, request, &result,
                      err);
}

static int render_text_job(gotmpl_exec *exec, const void *payload, void *out, celm_error *err)
{
    const celm_render_text_request *request = payload;
    gotmpl_value no_data = gotmpl_invalid();
    *(celm_string *)out = (celm_string){"", 0};
    int status = gotmpl_exec_add_file(exec, request->name, request->text, request->len, err);
    return status == CELM_OK ? gotmpl_exec_run(exec, request->name, strlen(request->name), &no_data, out, err) : status;
}

/* Go's template.New(name).Funcs(sprig.TxtFuncMap()).Parse(text), executed with nil data. */
static int render_text(void *instance, celm_arena *arena, const celm_render_text_request *request, celm_string *out,
                       celm_error *err)
{
    gotmpl_plugin *plugin = instance;
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    if (request->functions != CELM_RENDER_FUNCTIONS_SPRIG)
        return plugin->host->error_set(err, CELM_EINVAL, "render-gotmpl has no function set %d", request->functions);
    options.tables = gotmpl_sprig_function_tables;
    return run_engine(plugin, arena, &options, 0, render_text_job, request, out, err);
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
