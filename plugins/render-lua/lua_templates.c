/* lua_templates.c: rendering a chart tree's .lua templates into manifests. */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "render_lua.h"

typedef struct template_run {
    const celm_render_chart *chart;
    const celm_render_request *request;
    const celm_render_file *file;
    const char *name;           /* "mychart/templates/a.lua" */
    celm_string text;           /* the rendered manifest */
} template_run;

typedef struct output_list {
    celm_render_output *items;
    size_t count, capacity;
} output_list;

static celm_string emit_yaml(lua_State *lua, const celm_value *value)
{
    const render_lua *r = render_lua_of(lua);
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    if (r->host->yaml_emit(r->arena, value, &text, &err) != CELM_OK)
        luaL_error(lua, "%s", err.message);
    return text;
}

/* A list of resources: their YAML documents separated by "---". */
static celm_string emit_documents(lua_State *lua, const celm_value *list)
{
    const render_lua *r = render_lua_of(lua);
    luaL_Buffer buffer;
    luaL_buffinit(lua, &buffer);
    for (size_t i = 0; i < list->as.list.count; i++) {
        celm_string document = emit_yaml(lua, list->as.list.items[i]);
        if (i > 0)
            luaL_addstring(&buffer, "---\n");
        luaL_addlstring(&buffer, document.data, document.len);
    }
    luaL_pushresult(&buffer);
    size_t len;
    const char *text = lua_tolstring(lua, -1, &len);
    char *copy = r->host->arena_strndup(r->arena, text, len);
    if (!copy)
        luaL_error(lua, "out of memory");
    return (celm_string){copy, len};
}

/* What a template returns: a YAML string, a resource table, a list of them, or nothing. */
static celm_string template_text(lua_State *lua, int index, const char *name)
{
    const render_lua *r = render_lua_of(lua);
    int type = lua_type(lua, index);
    if (type == LUA_TNIL)
        return (celm_string){"", 0};
    if (type == LUA_TSTRING) {
        size_t len;
        const char *text = lua_tolstring(lua, index, &len);
        char *copy = r->host->arena_strndup(r->arena, text, len);
        if (!copy)
            luaL_error(lua, "out of memory");
        return (celm_string){copy, len};
    }
    if (type != LUA_TTABLE && type != LUA_TUSERDATA)
        luaL_error(lua, "%s: a template returns a YAML string, a resource table or a list of them, not a %s", name,
                   luaL_typename(lua, index));
    const celm_value *value = render_lua_to_value(lua, index);
    return value->kind == CELM_VALUE_LIST ? emit_documents(lua, value) : emit_yaml(lua, value);
}

static int run_template(lua_State *lua)
{
    template_run *run = lua_touserdata(lua, 1);
    render_lua_push_env(lua, run->chart, run->request);
    lua_newtable(lua);
    lua_pushstring(lua, run->name);
    lua_setfield(lua, -2, "Name");
    lua_pushfstring(lua, "%s/templates", run->chart->full_path);
    lua_setfield(lua, -2, "BasePath");
    render_lua_freeze(lua);
    lua_setfield(lua, -2, "Template");
    render_lua_run_chunk(lua, run->name, run->file->data, run->file->len, -1);
    run->text = template_text(lua, lua_gettop(lua), run->name);
    return 0;
}

static int is_partial(const char *name)
{
    const char *slash = strrchr(name, '/');
    return (slash ? slash[1] : name[0]) == '_';
}

static int add_output(render_lua *r, output_list *list, const char *name, const celm_string *text)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        celm_render_output *grown = r->host->arena_alloc(r->arena, capacity * sizeof *grown);
        if (!grown)
            return CELM_ENOMEM;
        if (list->count)
            memcpy(grown, list->items, list->count * sizeof *grown);
        list->items = grown, list->capacity = capacity;
    }
    list->items[list->count++] = (celm_render_output){name, text->data, text->len};
    return CELM_OK;
}

static int render_chart(render_lua *r, const celm_render_request *request, const celm_render_chart *chart,
                        output_list *outputs, celm_error *err)
{
    r->chart_path = chart->full_path;
    for (size_t i = 0; i < chart->template_count; i++) {
        const celm_render_file *file = &chart->templates[i];
        if (is_partial(file->name) || chart->is_library)
            continue;
        template_run run = {chart, request, file, NULL, {"", 0}};
        size_t name_len = strlen(chart->full_path) + strlen(file->name) + 2;
        char *name = r->host->arena_alloc(r->arena, name_len);
        if (!name)
            return r->host->error_set(err, CELM_ENOMEM, "out of memory");
        snprintf(name, name_len, "%s/%s", chart->full_path, file->name);
        run.name = name;
        int status = render_lua_protected(r, name, run_template, &run, err);
        if (status == CELM_OK && add_output(r, outputs, name, &run.text) != CELM_OK)
            status = r->host->error_set(err, CELM_ENOMEM, "out of memory");
        if (status != CELM_OK)
            return status;
    }
    for (size_t i = 0; i < chart->subchart_count; i++) {
        int status = render_chart(r, request, chart->subcharts[i], outputs, err);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}

static int has_templates(const celm_render_chart *chart)
{
    if (chart->template_count)
        return 1;
    for (size_t i = 0; i < chart->subchart_count; i++)
        if (has_templates(chart->subcharts[i]))
            return 1;
    return 0;
}

int render_lua_templates(render_lua *r, const celm_render_request *request, celm_render_output **out,
                         size_t *count, celm_error *err)
{
    output_list outputs = {NULL, 0, 0};
    *out = NULL, *count = 0;
    if (!has_templates(request->chart))
        return CELM_OK;
    int status = render_lua_open(r, err);
    if (status == CELM_OK)
        status = render_chart(r, request, request->chart, &outputs, err);
    if (status == CELM_OK)
        *out = outputs.items, *count = outputs.count;
    return status;
}
