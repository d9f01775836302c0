/* render.c: Helm's ToRenderValues: the chart tree and built-in objects handed to the render plugins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capabilities_default.h"
#include "celm/celm.h"
#include "celm/render_chart.h"
#include "render_dispatch.h"

static int set_text(celm_arena *arena, celm_value *map, const char *key, const char *text)
{
    celm_value *value = celm_value_cstring(arena, text);
    return value ? celm_map_set(arena, map, key, strlen(key), value) : CELM_ENOMEM;
}

/* k8s.io/apimachinery's ParseGeneric: "v?N.N[.N...]" then anything; at least two components. */
int celm_kube_version_parse(celm_arena *arena, const char *text, celm_value **out, celm_error *err)
{
    const char *at = text;
    while (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r' || *at == '\f' || *at == '\v')
        at++;
    if (*at == 'v')
        at++;
    unsigned long long components[16];
    size_t count = 0;
    while (count < 16 && *at >= '0' && *at <= '9') {
        const char *start = at;
        while (*at >= '0' && *at <= '9')
            at++;
        if (count == 0 && *start == '0' && at - start > 1)
            return celm_error_set(err, CELM_EINVAL, "illegal zero-prefixed version component \"%.*s\" in \"%s\"",
                                  (int)(at - start), start, text);
        components[count++] = strtoull(start, NULL, 10);
        if (*at != '.' || at[1] < '0' || at[1] > '9')
            break;
        at++;
    }
    if (count == 0)
        return celm_error_set(err, CELM_EINVAL, "could not parse \"%s\" as version", text);
    if (count < 2)
        return celm_error_set(err, CELM_EINVAL, "illegal version string \"%s\"", text);
    char normalized[256] = "v";
    for (size_t i = 0; i < count; i++)
        snprintf(normalized + strlen(normalized), sizeof normalized - strlen(normalized), i ? ".%llu" : "%llu", components[i]);
    celm_value *map = celm_value_map(arena, 4);
    const char *version = text[0] == 'v' ? text : celm_arena_printf(arena, "v%s", text);
    if (!map || set_text(arena, map, "Version", version) || set_text(arena, map, "Normalized", normalized) ||
        set_text(arena, map, "Major", celm_arena_printf(arena, "%llu", components[0])) ||
        set_text(arena, map, "Minor", celm_arena_printf(arena, "%llu", components[1])))
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    *out = map;
    return CELM_OK;
}

static celm_value *api_versions(celm_arena *arena, const celm_render_options *options)
{
    celm_value *list = celm_value_list(arena, celm_default_api_version_count + options->api_version_count);
    for (size_t i = 0; list && i < options->api_version_count; i++)
        if (celm_list_append(arena, list, celm_value_cstring(arena, options->api_versions[i])) != CELM_OK)
            return NULL;
    for (size_t i = 0; list && i < celm_default_api_version_count; i++)
        if (celm_list_append(arena, list, celm_value_cstring(arena, celm_default_api_versions[i])) != CELM_OK)
            return NULL;
    return list;
}

static celm_value *helm_version(celm_arena *arena)
{
    celm_value *map = celm_value_map(arena, 5);
    if (!map || set_text(arena, map, "Version", CELM_HELM_VERSION) || set_text(arena, map, "GitCommit", "") ||
        set_text(arena, map, "GitTreeState", "") || set_text(arena, map, "GoVersion", CELM_HELM_GO_VERSION) ||
        set_text(arena, map, "KubeClientVersion", CELM_HELM_KUBE_CLIENT_VERSION))
        return NULL;
    return map;
}

/* .Capabilities as a plain map: {KubeVersion, APIVersions, HelmVersion}; the plugin gives it methods. */
static int build_capabilities(celm_arena *arena, const celm_render_options *options, celm_value **out, celm_error *err)
{
    celm_value *kube;
    int status = celm_kube_version_parse(arena, options->kube_version ? options->kube_version : CELM_DEFAULT_KUBE_VERSION,
                                         &kube, err);
    if (status != CELM_OK)
        return status;
    celm_value *map = celm_value_map(arena, 3), *apis = api_versions(arena, options), *helm = helm_version(arena);
    if (!map || !apis || !helm || celm_map_set(arena, map, "KubeVersion", 11, kube) ||
        celm_map_set(arena, map, "APIVersions", 11, apis) || celm_map_set(arena, map, "HelmVersion", 11, helm))
        return celm_error_set(err, CELM_ENOMEM, "out of memory");
    *out = map;
    return CELM_OK;
}

static celm_value *build_release(celm_arena *arena, const celm_render_options *options)
{
    celm_value *map = celm_value_map(arena, 6);
    if (!map || set_text(arena, map, "Name", options->release_name) ||
        set_text(arena, map, "Namespace", options->release_namespace) ||
        celm_map_set(arena, map, "IsUpgrade", 9, celm_value_bool(arena, options->is_upgrade)) ||
        celm_map_set(arena, map, "IsInstall", 9, celm_value_bool(arena, options->is_install)) ||
        celm_map_set(arena, map, "Revision", 8, celm_value_int(arena, options->revision)) ||
        set_text(arena, map, "Service", "Helm"))
        return NULL;
    return map;
}

static int is_library(const celm_chart *chart)
{
    const celm_value *type = celm_map_cget(chart->metadata, "type");
    return type && type->kind == CELM_VALUE_STRING && strcasecmp(type->as.string.data, "library") == 0;
}

static celm_render_file *render_files(celm_arena *arena, const celm_chart_file *files, size_t count)
{
    celm_render_file *out = celm_arena_alloc(arena, (count + 1) * sizeof *out);
    for (size_t i = 0; out && i < count; i++)
        out[i] = (celm_render_file){files[i].name, files[i].data, files[i].len};
    return out;
}

/* The render plugin's view of a chart and, recursively, its subcharts. */
static celm_render_chart *render_chart(celm_arena *arena, const celm_chart *chart, const celm_value *values)
{
    celm_render_chart *out = celm_arena_alloc(arena, sizeof *out);
    const celm_render_chart **subcharts = celm_arena_alloc(arena, (chart->dependency_count + 1) * sizeof *subcharts);
    if (!out || !subcharts)
        return NULL;
    memset(out, 0, sizeof *out);
    out->name = chart->name;
    out->full_path = celm_chart_full_path(chart);
    out->metadata = chart->metadata;
    out->values = values;
    out->templates = render_files(arena, chart->templates, chart->template_count);
    out->template_count = chart->template_count;
    out->files = render_files(arena, chart->files, chart->file_count);
    out->file_count = chart->file_count;
    out->is_library = is_library(chart);
    for (size_t i = 0; i < chart->dependency_count; i++) {
        const celm_value *sub_values = celm_map_cget(values, chart->dependencies[i]->name);
        if (!(subcharts[i] = render_chart(arena, chart->dependencies[i], sub_values)))
            return NULL;
    }
    out->subcharts = subcharts;
    out->subchart_count = chart->dependency_count;
    return (!out->templates || !out->files) ? NULL : out;
}

int celm_render(celm_registry *registry, celm_arena *arena, const celm_chart *chart, const celm_value *values,
                const celm_render_options *options, celm_render_output **out, size_t *count, celm_error *err)
{
    celm_render_request request;
    memset(&request, 0, sizeof request);
    request.size = sizeof request;
    request.strict = options->strict;
    request.cluster = options->cluster;
    request.lint = options->lint;
    request.lint_log = options->lint_log;
    request.lint_log_payload = options->lint_log_payload;
    int status = build_capabilities(arena, options, (celm_value **)&request.capabilities, err);
    if (status != CELM_OK)
        return status;
    if (!(request.release = build_release(arena, options)) || !(request.chart = render_chart(arena, chart, values)))
        return celm_error_set(err, CELM_ENOMEM, "out of memory preparing the render");
    return celm_render_dispatch(registry, arena, &request, out, count, err);
}

int celm_render_text(celm_registry *registry, celm_arena *arena, const char *name, const char *text, celm_string *out,
                     celm_error *err)
{
    celm_render_text_request request = {sizeof request, name, text, strlen(text), CELM_RENDER_FUNCTIONS_SPRIG};
    celm_plugin_instance plugin;
    int status = celm_registry_create(registry, "render", "gotmpl", NULL, &plugin, err);
    if (status != CELM_OK)
        return status;
    const celm_render_ops *ops = plugin.descriptor->ops;
    if (ops->version >= 2 && ops->render_text)
        status = ops->render_text(plugin.instance, arena, &request, out, err);
    else
        status = celm_error_set(err, CELM_EUNSUPPORTED, "the render plugin gotmpl (%s) cannot run a lone template: "
                                "it was built before plugin ABI 1.3", plugin.descriptor->version);
    celm_plugin_instance_destroy(&plugin);
    return status;
}
