/* plugin_render_gotmpl.c: the render-gotmpl plugin: Go templates with Sprig and Helm's functions. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "celm/sdk.h"
#include "gotmpl_function_tables.h"
#include "gotmpl_funcs_chart.h"
#include "gotmpl_lend.h"
#include "gotmpl_render.h"

typedef struct gotmpl_plugin {
    const celm_host *host;
    gotmpl_prepared *prepared;  /* parsed by prepare, for the render of the same request */
} gotmpl_plugin;

#define REQUEST_HAS(request, member) \
    ((request)->size >= offsetof(celm_render_request, member) + sizeof (request)->member)

/* Helm's function map, with the functions other renderers lend in front of it. */
static int function_tables(gotmpl_plugin *plugin, celm_arena *arena, const celm_render_request *request,
                           const gotmpl_func_table *const **out)
{
    *out = gotmpl_helm_function_tables;
    if (!REQUEST_HAS(request, function_count) || request->function_count == 0)
        return CELM_OK;
    return gotmpl_chart_function_tables(plugin->host, arena, request->functions, request->function_count,
                                        gotmpl_helm_function_tables, out);
}

static int refuse_clash(gotmpl_plugin *plugin, const gotmpl_exec *exec, const gotmpl_exec_options *options,
                        celm_error *err)
{
    if (options->tables == gotmpl_helm_function_tables)
        return CELM_OK;
    const celm_render_function *clash = gotmpl_chart_function_clash(exec, options->tables[0]);
    if (!clash)
        return CELM_OK;
    return plugin->host->error_set(err, CELM_EINVAL, "chart function \"%s\" of %s has the name of a template function",
                                   clash->name, clash->chart);
}

static int start_exec(gotmpl_plugin *plugin, celm_arena *arena, const celm_render_request *request,
                      int caller_stack_first, gotmpl_exec **out, celm_error *err)
{
    gotmpl_runtime *runtime;
    gotmpl_exec_options options = GOTMPL_EXEC_OPTIONS_INIT;
    options.missing_key_error = request->strict;
    options.caller_stack_first = caller_stack_first;
    if (REQUEST_HAS(request, lint_log_payload)) {
        options.lint_mode = request->lint;
        options.lint_log = request->lint_log;
        options.lint_log_payload = request->lint_log_payload;
    }
    if (function_tables(plugin, arena, request, &options.tables) != CELM_OK ||
        gotmpl_runtime_create(plugin->host, arena, &runtime) != CELM_OK ||
        gotmpl_exec_create(runtime, &options, out) != CELM_OK)
        return plugin->host->error_set(err, CELM_ENOMEM, "out of memory starting the template engine");
    gotmpl_runtime_allow_cluster(runtime, REQUEST_HAS(request, cluster) && request->cluster);
    return refuse_clash(plugin, *out, &options, err);
}

static int prepare_render(gotmpl_plugin *plugin, celm_arena *arena, const celm_render_request *request,
                          int caller_stack_first, celm_error *err)
{
    gotmpl_exec *exec;
    int status = start_exec(plugin, arena, request, caller_stack_first, &exec, err);
    return status == CELM_OK ? gotmpl_render_prepare(exec, request, &plugin->prepared, err) : status;
}

static int prepare(void *instance, celm_arena *arena, const celm_render_request *request,
                   celm_render_templates *out, celm_error *err)
{
    gotmpl_plugin *plugin = instance;
    int status = prepare_render(plugin, arena, request, 0, err);    /* lent templates may run anywhere */
    if (status == CELM_OK)
        gotmpl_lend_templates(plugin->prepared, out);
    return status;
}

static int render(void *instance, celm_arena *arena, const celm_render_request *request, celm_render_output **out,
                  size_t *count, celm_error *err)
{
    gotmpl_plugin *plugin = instance;
    int prepared_before = plugin->prepared != NULL;
    int status = prepared_before ? CELM_OK : prepare_render(plugin, arena, request, 1, err);
    if (status == CELM_OK)
        status = gotmpl_render_execute(plugin->prepared, out, count, err);
    int exhausted = plugin->prepared && gotmpl_exec_stack_exhausted(gotmpl_prepared_exec(plugin->prepared));
    if (!prepared_before && exhausted) {
        /* deeper than the caller's stack: start again from the beginning on a deep stack */
        status = prepare_render(plugin, arena, request, 0, err);
        if (status == CELM_OK)
            status = gotmpl_render_execute(plugin->prepared, out, count, err);
    }
    plugin->prepared = NULL;
    return status;
}

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
    .prepare = prepare,
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
