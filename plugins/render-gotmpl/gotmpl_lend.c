/* gotmpl_lend.c: the named templates render-gotmpl lends other renderers: include and tpl. */
#include <string.h>

#include "gotmpl_lend.h"

static int dot_for(gotmpl_prepared *prepared, const char *chart, const celm_value *data, gotmpl_value *out,
                   celm_error *err)
{
    gotmpl_runtime *runtime = gotmpl_exec_runtime(gotmpl_prepared_exec(prepared));
    if (data)
        return *out = gotmpl_from_celm(runtime, data), CELM_OK;
    if (gotmpl_prepared_chart_dot(prepared, chart, out))
        return CELM_OK;
    return gotmpl_runtime_host(runtime)->error_set(err, CELM_ENOTFOUND, "no chart %s in this render", chart);
}

/* The run's output copied into the caller's arena with "<no value>" removed, or its error. */
static int finish(gotmpl_exec *exec, int status, celm_arena *arena, const celm_string *text, celm_string *out,
                  celm_error *err)
{
    const celm_host *host = gotmpl_runtime_host(gotmpl_exec_runtime(exec));
    if (status != CELM_OK) {
        celm_string message = gotmpl_exec_error_message(exec);
        return host->error_set(err, status, "%.*s", (int)message.len, message.data);
    }
    char *copy = host->arena_strndup(arena, text->data, text->len);
    if (!copy)
        return host->error_set(err, CELM_ENOMEM, "out of memory");
    *out = (celm_string){copy, gotmpl_strip_no_value(copy, text->len)};
    copy[out->len] = '\0';
    return CELM_OK;
}

/* Runs the template `name`, or with name NULL the text `source` (tpl), over `data`. */
static int run(gotmpl_prepared *prepared, celm_arena *arena, const char *chart, const char *name,
               const celm_string *source, const celm_value *data, celm_string *out, celm_error *err)
{
    gotmpl_exec *exec = gotmpl_prepared_exec(prepared);
    gotmpl_value dot;
    int status = dot_for(prepared, chart, data, &dot, err);
    if (status != CELM_OK)
        return status;
    celm_string text = {"", 0};
    status = name ? gotmpl_exec_run(exec, name, strlen(name), &dot, &text, err)
                  : gotmpl_exec_run_text(exec, source->data, source->len, &dot, &text, err);
    return finish(exec, status, arena, &text, out, err);
}

static int lent_include(void *payload, celm_arena *arena, const char *chart, const char *name,
                        const celm_value *data, celm_string *out, celm_error *err)
{
    return run(payload, arena, chart, name, NULL, data, out, err);
}

static int lent_tpl(void *payload, celm_arena *arena, const char *chart, const char *source, size_t len,
                    const celm_value *data, celm_string *out, celm_error *err)
{
    celm_string text = {source, len};
    return run(payload, arena, chart, NULL, &text, data, out, err);
}

void gotmpl_lend_templates(gotmpl_prepared *prepared, celm_render_templates *out)
{
    out->include = lent_include;
    out->tpl = lent_tpl;
    out->payload = prepared;
}
