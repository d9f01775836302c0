/* lua_functions.c: chart functions: each functions/NAME.lua returns a table of functions that the
 * chart's Go templates (and its parent's) call like any template function. */
#include <ctype.h>
#include <string.h>

#include <lauxlib.h>

#include "render_lua.h"

#define FUNCTIONS_DIRECTORY "functions/"

/* One lent function: the Lua function, kept in the registry. */
typedef struct lent_lua {
    render_lua *r;
    int reference;
    const char *chart_path;
    const char *file;           /* "mychart/functions/a.lua" */
} lent_lua;

typedef struct function_list {
    celm_render_function *items;
    size_t count, capacity;
} function_list;

typedef struct file_load {
    const celm_render_chart *chart;
    const celm_render_request *request;
    const celm_render_file *file;
    const char *name;           /* "mychart/functions/a.lua" */
    function_list *functions;
} file_load;

typedef struct lent_call {
    const lent_lua *lent;
    const celm_value *const *args;
    size_t count;
    celm_value *result;
} lent_call;

static int call_body(lua_State *lua)
{
    lent_call *call = lua_touserdata(lua, 1);
    luaL_checkstack(lua, (int)call->count + 4, "too many arguments");
    lua_rawgeti(lua, LUA_REGISTRYINDEX, call->lent->reference);
    for (size_t i = 0; i < call->count; i++)
        render_lua_push_value(lua, call->args[i]);
    lua_call(lua, (int)call->count, 1);
    call->result = render_lua_to_value(lua, -1);
    return 0;
}

static int call_lent(void *payload, celm_arena *arena, const celm_value *const *args, size_t count,
                     celm_value **out, celm_error *err)
{
    const lent_lua *lent = payload;
    lent_call call = {lent, args, count, NULL};
    lent->r->arena = arena;
    lent->r->chart_path = lent->chart_path;
    int status = render_lua_protected(lent->r, lent->file, call_body, &call, err);
    *out = call.result;
    return status;
}

static int is_identifier(const char *name)
{
    if (!isalpha((unsigned char)name[0]) && name[0] != '_')
        return 0;
    for (; *name; name++)
        if (!isalnum((unsigned char)*name) && *name != '_')
            return 0;
    return 1;
}

static void add_function(lua_State *lua, const file_load *load, const char *name)
{
    render_lua *r = render_lua_of(lua);
    function_list *list = load->functions;
    lent_lua *lent = r->host->arena_alloc(r->arena, sizeof *lent);
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        celm_render_function *grown = r->host->arena_alloc(r->arena, capacity * sizeof *grown);
        if (!grown)
            luaL_error(lua, "out of memory");
        if (list->count)
            memcpy(grown, list->items, list->count * sizeof *grown);
        list->items = grown, list->capacity = capacity;
    }
    char *kept = r->host->arena_strndup(r->arena, name, strlen(name));
    if (!lent || !kept)
        luaL_error(lua, "out of memory");
    *lent = (lent_lua){r, luaL_ref(lua, LUA_REGISTRYINDEX), load->chart->full_path, load->name};
    list->items[list->count++] = (celm_render_function){kept, load->chart->full_path, call_lent, lent};
}

/* Runs one functions file and lends every function of the table it returns. */
static int load_file(lua_State *lua)
{
    file_load *load = lua_touserdata(lua, 1);
    render_lua_push_env(lua, load->chart, load->request);
    render_lua_run_chunk(lua, load->name, load->file->data, load->file->len, -1);
    if (!lua_istable(lua, -1))
        return luaL_error(lua, "%s: a functions file returns a table of functions, not a %s", load->name,
                          luaL_typename(lua, -1));
    int table = lua_gettop(lua);
    render_lua_sorted_keys(lua, table);
    for (lua_Integer i = 1; lua_rawgeti(lua, -1, i) != LUA_TNIL; i++) {
        const char *name = lua_tostring(lua, -1);
        if (lua_type(lua, -1) != LUA_TSTRING || !is_identifier(name))
            return luaL_error(lua, "%s: \"%s\" is not a name a template can call", load->name, luaL_tolstring(lua, -1, NULL));
        lua_pushvalue(lua, -1);
        if (lua_rawget(lua, table) != LUA_TFUNCTION)
            return luaL_error(lua, "%s: %s is a %s, not a function", load->name, name, luaL_typename(lua, -1));
        add_function(lua, load, name);
        lua_pop(lua, 1);
    }
    return 0;
}

static int is_functions_file(const char *name)
{
    size_t len = strlen(name);
    return strncmp(name, FUNCTIONS_DIRECTORY, strlen(FUNCTIONS_DIRECTORY)) == 0 && len > 4 &&
           strcmp(name + len - 4, ".lua") == 0;
}

static int load_chart(render_lua *r, const celm_render_request *request, const celm_render_chart *chart,
                      function_list *functions, celm_error *err)
{
    for (size_t i = 0; i < chart->file_count; i++) {
        const celm_render_file *file = &chart->files[i];
        if (!is_functions_file(file->name))
            continue;
        int status = render_lua_open(r, err);
        char *name = r->host->arena_alloc(r->arena, strlen(chart->full_path) + strlen(file->name) + 2);
        if (status == CELM_OK && !name)
            status = r->host->error_set(err, CELM_ENOMEM, "out of memory");
        if (status != CELM_OK)
            return status;
        strcat(strcat(strcpy(name, chart->full_path), "/"), file->name);
        file_load load = {chart, request, file, name, functions};
        r->chart_path = chart->full_path;
        if ((status = render_lua_protected(r, name, load_file, &load, err)) != CELM_OK)
            return status;
    }
    for (size_t i = 0; i < chart->subchart_count; i++) {
        int status = load_chart(r, request, chart->subcharts[i], functions, err);
        if (status != CELM_OK)
            return status;
    }
    return CELM_OK;
}

int render_lua_functions(render_lua *r, const celm_render_request *request, celm_render_function **out,
                         size_t *count, celm_error *err)
{
    function_list functions = {NULL, 0, 0};
    int status = load_chart(r, request, request->chart, &functions, err);
    *out = functions.items, *count = status == CELM_OK ? functions.count : 0;
    return status;
}
