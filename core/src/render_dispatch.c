/* render_dispatch.c: handing each template to the render plugin that claims its suffix. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "render_dispatch.h"

extern char **environ;

#define CONFIG_PREFIX "CELM_RENDER_"

typedef struct renderer {
    celm_plugin_instance plugin;
    const celm_render_ops *ops;
    celm_render_request request;
} renderer;

typedef struct dispatch {
    renderer *renderers;
    size_t count;
    renderer *fallback;         /* the suffix-less renderer */
} dispatch;

static int has_suffix(const char *name, const char *suffix)
{
    size_t len = strlen(name), suffix_len = strlen(suffix);
    return len >= suffix_len && memcmp(name + len - suffix_len, suffix, suffix_len) == 0;
}

static const renderer *claimer(const dispatch *d, const char *template_name)
{
    for (size_t i = 0; i < d->count; i++)
        for (const char *const *suffix = d->renderers[i].ops->suffixes; suffix && *suffix; suffix++)
            if (has_suffix(template_name, *suffix))
                return &d->renderers[i];
    return d->fallback;
}

/* The chart tree as `owner` sees it: every chart, but only the templates it claims. */
static celm_render_chart *claimed_chart(celm_arena *arena, const celm_render_chart *chart, const dispatch *d,
                                        const renderer *owner)
{
    celm_render_chart *copy = celm_arena_alloc(arena, sizeof *copy);
    celm_render_file *templates = celm_arena_alloc(arena, (chart->template_count + 1) * sizeof *templates);
    const celm_render_chart **subcharts = celm_arena_alloc(arena, (chart->subchart_count + 1) * sizeof *subcharts);
    if (!copy || !templates || !subcharts)
        return NULL;
    *copy = *chart;
    copy->template_count = 0;
    for (size_t i = 0; i < chart->template_count; i++)
        if (claimer(d, chart->templates[i].name) == owner)
            templates[copy->template_count++] = chart->templates[i];
    for (size_t i = 0; i < chart->subchart_count; i++)
        if (!(subcharts[i] = claimed_chart(arena, chart->subcharts[i], d, owner)))
            return NULL;
    copy->templates = templates;
    copy->subcharts = subcharts;
    return copy;
}

/* CELM_RENDER_<NAME>_<KEY>=VALUE as the map {key: "VALUE"} for plugin NAME. */
static celm_value *plugin_config(celm_arena *arena, const char *name)
{
    celm_value *config = celm_value_map(arena, 2);
    char *prefix = celm_arena_printf(arena, CONFIG_PREFIX "%s_", name);
    if (!config || !prefix)
        return NULL;
    for (char *at = prefix; *at; at++)
        *at = (char)toupper((unsigned char)*at);
    for (char **entry = environ; *entry; entry++) {
        const char *equals = strchr(*entry, '=');
        size_t prefix_len = strlen(prefix);
        if (!equals || strncmp(*entry, prefix, prefix_len) != 0 || equals - *entry <= (long)prefix_len)
            continue;
        char *key = celm_arena_printf(arena, "%.*s", (int)(equals - *entry - prefix_len), *entry + prefix_len);
        for (char *at = key; at && *at; at++)
            *at = (char)tolower((unsigned char)*at);
        if (!key || celm_map_set(arena, config, key, strlen(key), celm_value_cstring(arena, equals + 1)) != CELM_OK)
            return NULL;
    }
    return config;
}

static int open_renderer(celm_registry *registry, celm_arena *arena, const char *name, renderer *out,
                         celm_error *err)
{
    celm_value *config = plugin_config(arena, name);
    if (!config)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    int status = celm_registry_create(registry, "render", name, config, &out->plugin, err);
    if (status == CELM_OK)
        out->ops = out->plugin.descriptor->ops;
    return status;
}

static void close_renderers(dispatch *d)
{
    for (size_t i = 0; i < d->count; i++)
        celm_plugin_instance_destroy(&d->renderers[i].plugin);
    free(d->renderers);
}

/* Whether a template's name ends the way Helm charts' templates do (.yaml, .tpl, NOTES.txt, ...). */
static int is_helm_template(const char *name)
{
    static const char *const usual[] = {".yaml", ".yml", ".tpl", ".txt", ".json"};
    const char *ext = celm_path_ext(name);
    for (size_t i = 0; i < sizeof usual / sizeof usual[0]; i++)
        if (strcmp(ext, usual[i]) == 0)
            return 1;
    return !*ext;
}

/* Whether any chart of the tree has templates other renderers may claim or ships functions/:
 * only then are render plugins besides gotmpl opened (loading them costs every render). */
static int wants_other_renderers(const celm_render_chart *chart)
{
    for (size_t i = 0; i < chart->template_count; i++)
        if (!is_helm_template(chart->templates[i].name))
            return 1;
    for (size_t i = 0; i < chart->file_count; i++)
        if (strncmp(chart->files[i].name, "functions/", 10) == 0)
            return 1;
    for (size_t i = 0; i < chart->subchart_count; i++)
        if (wants_other_renderers(chart->subcharts[i]))
            return 1;
    return 0;
}

static int open_renderers(celm_registry *registry, celm_arena *arena, const celm_render_chart *chart, dispatch *d,
                          celm_error *err)
{
    static char gotmpl[] = "gotmpl";
    char *only_gotmpl[] = {gotmpl};
    char **names = only_gotmpl;
    size_t name_count = wants_other_renderers(chart) ? celm_registry_names(registry, "render", &names) : 1;
    memset(d, 0, sizeof *d);
    d->renderers = calloc(name_count ? name_count : 1, sizeof *d->renderers);
    int status = d->renderers ? CELM_OK : celm_error_set(err, CELM_ENOMEM, "out of memory");
    for (size_t i = 0; status == CELM_OK && i < name_count; i++)
        if ((status = open_renderer(registry, arena, names[i], &d->renderers[i], err)) == CELM_OK)
            d->count++;
    if (names != only_gotmpl)
        celm_registry_names_free(names, name_count);
    for (size_t i = 0; status == CELM_OK && !d->fallback && i < d->count; i++)
        if (!d->renderers[i].ops->suffixes || !d->renderers[i].ops->suffixes[0])
            d->fallback = &d->renderers[i];
    if (status == CELM_OK && !d->fallback)
        status = celm_error_set(err, CELM_ENOTFOUND, "no render plugin for templates without a claimed suffix "
                                                     "(celm-render-gotmpl.so) in the plugin search path");
    return status;
}

static int has_lending_ops(const renderer *r)
{
    return r->ops->version >= 3;
}

/* Every function the other renderers lend, for the suffix-less renderer's templates. */
static int lend_functions(celm_arena *arena, dispatch *d, celm_error *err)
{
    celm_render_function *all = NULL;
    size_t total = 0;
    for (size_t i = 0; i < d->count; i++) {
        renderer *r = &d->renderers[i];
        celm_render_function *functions = NULL;
        size_t count = 0;
        if (r == d->fallback || !has_lending_ops(r) || !r->ops->functions)
            continue;
        int status = r->ops->functions(r->plugin.instance, arena, &r->request, &functions, &count, err);
        if (status != CELM_OK)
            return status;
        celm_render_function *grown = celm_arena_alloc(arena, (total + count + 1) * sizeof *grown);
        if (!grown)
            return celm_error_set(err, CELM_ENOMEM, "out of memory");
        if (total)
            memcpy(grown, all, total * sizeof *grown);
        if (count)
            memcpy(grown + total, functions, count * sizeof *grown);
        all = grown, total += count;
    }
    d->fallback->request.functions = all;
    d->fallback->request.function_count = total;
    return CELM_OK;
}

static int append_outputs(celm_arena *arena, const celm_render_output *more, size_t more_count,
                          celm_render_output **all, size_t *count)
{
    celm_render_output *grown = celm_arena_alloc(arena, (*count + more_count + 1) * sizeof *grown);
    if (!grown)
        return CELM_ENOMEM;
    if (*count)
        memcpy(grown, *all, *count * sizeof *grown);
    if (more_count)
        memcpy(grown + *count, more, more_count * sizeof *grown);
    *all = grown, *count += more_count;
    return CELM_OK;
}

static int render_one(celm_arena *arena, renderer *r, celm_render_output **all, size_t *count, celm_error *err)
{
    celm_render_output *outputs = NULL;
    size_t output_count = 0;
    int status = r->ops->render(r->plugin.instance, arena, &r->request, &outputs, &output_count, err);
    if (status == CELM_OK && append_outputs(arena, outputs, output_count, all, count) != CELM_OK)
        status = celm_error_set(err, CELM_ENOMEM, "out of memory");
    return status;
}

/* Functions first (the fallback's parse needs their names), then its templates are prepared and
 * lent to the others, which render before it does. */
static int render_all(celm_arena *arena, dispatch *d, celm_render_output **out, size_t *count, celm_error *err)
{
    celm_render_templates *templates = celm_arena_alloc(arena, sizeof *templates);
    if (!templates)
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    memset(templates, 0, sizeof *templates);
    int status = lend_functions(arena, d, err);
    renderer *fallback = d->fallback;
    if (status == CELM_OK && d->count > 1 && has_lending_ops(fallback) && fallback->ops->prepare)
        status = fallback->ops->prepare(fallback->plugin.instance, arena, &fallback->request, templates, err);
    for (size_t i = 0; status == CELM_OK && i < d->count; i++) {
        d->renderers[i].request.templates = templates->include ? templates : NULL;
        if (&d->renderers[i] != fallback)
            status = render_one(arena, &d->renderers[i], out, count, err);
    }
    return status == CELM_OK ? render_one(arena, fallback, out, count, err) : status;
}

int celm_render_dispatch(celm_registry *registry, celm_arena *arena, const celm_render_request *request,
                         celm_render_output **out, size_t *count, celm_error *err)
{
    dispatch d;
    int status = open_renderers(registry, arena, request->chart, &d, err);
    for (size_t i = 0; status == CELM_OK && i < d.count; i++) {
        d.renderers[i].request = *request;
        if (!(d.renderers[i].request.chart = claimed_chart(arena, request->chart, &d, &d.renderers[i])))
            status = celm_error_set(err, CELM_ENOMEM, "out of memory preparing the render");
    }
    *out = NULL, *count = 0;
    if (status == CELM_OK)
        status = render_all(arena, &d, out, count, err);
    close_renderers(&d);
    return status;
}
