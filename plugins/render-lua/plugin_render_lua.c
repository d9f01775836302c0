/* plugin_render_lua.c: the render-lua plugin: .lua templates and Lua chart functions, sandboxed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "render_lua.h"

/* A setting is a positive whole number, given as a number or as text (from the environment,
 * CELM_RENDER_LUA_<KEY>). */
static int read_setting(const celm_host *host, const celm_value *config, const char *key, uint64_t fallback,
                        uint64_t *out, celm_error *err)
{
    const celm_value *value = host->map_get(config, key, strlen(key));
    *out = fallback;
    if (!value)
        return CELM_OK;
    if (value->kind == CELM_VALUE_INT && value->as.integer > 0)
        return *out = (uint64_t)value->as.integer, CELM_OK;
    char *end = NULL;
    errno = 0;
    unsigned long long number = value->kind == CELM_VALUE_STRING ? strtoull(value->as.string.data, &end, 10) : 0;
    if (end && *end == '\0' && end != value->as.string.data && number > 0 && errno == 0)
        return *out = number, CELM_OK;
    return host->error_set(err, CELM_EINVAL, "render-lua: the setting %s must be a positive whole number", key);
}

static int create(const celm_host *host, const celm_value *config, celm_error *err, void **out_instance)
{
    uint64_t instructions, memory;
    int status = read_setting(host, config, "max_instructions", RENDER_LUA_DEFAULT_MAX_INSTRUCTIONS, &instructions, err);
    if (status == CELM_OK)
        status = read_setting(host, config, "max_memory", RENDER_LUA_DEFAULT_MAX_MEMORY, &memory, err);
    if (status != CELM_OK)
        return status;
    render_lua *r = calloc(1, sizeof *r);
    if (!r)
        return host->error_set(err, CELM_ENOMEM, "out of memory");
    r->host = host;
    r->max_instructions = instructions;
    r->max_memory = (size_t)memory;
    *out_instance = r;
    return CELM_OK;
}

static void destroy(void *instance)
{
    render_lua_close(instance);
    free(instance);
}

#define REQUEST_HAS(request, member) \
    ((request)->size >= offsetof(celm_render_request, member) + sizeof (request)->member)

static int render(void *instance, celm_arena *arena, const celm_render_request *request, celm_render_output **out,
                  size_t *count, celm_error *err)
{
    render_lua *r = instance;
    r->arena = arena;
    r->templates = REQUEST_HAS(request, templates) ? request->templates : NULL;
    return render_lua_templates(r, request, out, count, err);
}

static int functions(void *instance, celm_arena *arena, const celm_render_request *request,
                     celm_render_function **out, size_t *count, celm_error *err)
{
    render_lua *r = instance;
    r->arena = arena;
    return render_lua_functions(r, request, out, count, err);
}

static const char *const lua_suffixes[] = {".lua", NULL};

static const celm_render_ops render_ops = {
    .version = CELM_RENDER_OPS_VERSION,
    .suffixes = lua_suffixes,
    .render = render,
    .functions = functions,
};

static const celm_plugin_descriptor descriptor = {
    CELM_PLUGIN_DESCRIPTOR_HEADER,
    .kind = CELM_PLUGIN_RENDER,
    .name = "lua",
    .version = "0.1.0",
    .description = "Lua 5.4 templates and chart functions in a sandbox (instruction budget, memory cap)",
    .create = create,
    .destroy = destroy,
    .ops = &render_ops,
};

CELM_PLUGIN_ENTRY(render_lua, descriptor)
