/* lua_chart.c: a chart's built-in objects for scripts: Values, Release, Chart, Capabilities, Files,
 * Subcharts, as Helm gives them to Go templates. */
#include <ctype.h>
#include <string.h>

#include <lauxlib.h>

#include "gotmpl_glob.h"
#include "render_lua.h"

#define CONTEXTS "celm.contexts"

typedef struct file_list {
    size_t count;
    const celm_render_file *files[];
} file_list;

/* Files.Get("x") and Files:Get("x") both work: the name is the first string argument. */
static int name_index(lua_State *lua)
{
    return lua_type(lua, 1) == LUA_TSTRING ? 1 : 2;
}

static const celm_render_file *find_file(lua_State *lua, const char **name)
{
    const file_list *list = lua_touserdata(lua, lua_upvalueindex(1));
    *name = luaL_checkstring(lua, name_index(lua));
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->files[i]->name, *name) == 0)
            return list->files[i];
    return NULL;
}

static int files_get(lua_State *lua)
{
    const char *name;
    const celm_render_file *file = find_file(lua, &name);
    lua_pushlstring(lua, file ? file->data : "", file ? file->len : 0);
    return 1;
}

/* Helm's Lines: the file split at "\n", one final newline dropped; {} for a missing file. */
static int files_lines(lua_State *lua)
{
    const char *name;
    const celm_render_file *file = find_file(lua, &name);
    lua_newtable(lua);
    if (!file || file->len == 0)
        return 1;
    size_t len = file->data[file->len - 1] == '\n' ? file->len - 1 : file->len;
    lua_Integer line = 0;
    for (const char *at = file->data, *end = file->data + len;; ) {
        const char *stop = memchr(at, '\n', (size_t)(end - at));
        lua_pushlstring(lua, at, (size_t)((stop ? stop : end) - at));
        lua_rawseti(lua, -2, ++line);
        if (!stop)
            return 1;
        at = stop + 1;
    }
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* AsConfig / AsSecrets: {base name: content (or its base64)} through toYaml. */
static int files_as_map(lua_State *lua, int encode)
{
    const file_list *list = lua_touserdata(lua, lua_upvalueindex(1));
    const render_lua *r = render_lua_of(lua);
    lua_newtable(lua);
    for (size_t i = 0; i < list->count; i++) {
        celm_string text = {list->files[i]->data, list->files[i]->len};
        if (encode && r->host->base64_encode(r->arena, text.data, text.len, &text) != CELM_OK)
            return luaL_error(lua, "out of memory");
        lua_pushlstring(lua, text.data, text.len);
        lua_setfield(lua, -2, base_name(list->files[i]->name));
    }
    if (list->count == 0)
        return lua_pushliteral(lua, ""), 1;
    lua_getglobal(lua, "yaml");
    lua_getfield(lua, -1, "encode");
    lua_pushvalue(lua, -3);
    lua_call(lua, 1, 1);
    return 1;
}

static int files_as_config(lua_State *lua)
{
    return files_as_map(lua, 0);
}

static int files_as_secrets(lua_State *lua)
{
    return files_as_map(lua, 1);
}

static void push_files(lua_State *lua, const celm_render_file *const *files, size_t count);

/* Glob(pattern): the files whose names match, as gobwas/glob with '/' (Helm's Files.Glob). */
static int files_glob(lua_State *lua)
{
    const file_list *list = lua_touserdata(lua, lua_upvalueindex(1));
    const render_lua *r = render_lua_of(lua);
    size_t len;
    const char *pattern = luaL_checklstring(lua, name_index(lua), &len);
    gotmpl_glob *glob = gotmpl_glob_compile(r->host, r->arena, pattern, len);
    if (!glob)
        glob = gotmpl_glob_compile(r->host, r->arena, "**", 2);
    const celm_render_file **matched = r->host->arena_alloc(r->arena, (list->count + 1) * sizeof *matched);
    if (!glob || !matched)
        return luaL_error(lua, "out of memory");
    size_t count = 0;
    for (size_t i = 0; i < list->count; i++)
        if (gotmpl_glob_match(glob, list->files[i]->name, strlen(list->files[i]->name)))
            matched[count++] = list->files[i];
    push_files(lua, matched, count);
    return 1;
}

static void push_files(lua_State *lua, const celm_render_file *const *files, size_t count)
{
    static const luaL_Reg methods[] = {{"Get", files_get},       {"GetBytes", files_get},
                                       {"Glob", files_glob},     {"Lines", files_lines},
                                       {"AsConfig", files_as_config}, {"AsSecrets", files_as_secrets},
                                       {NULL, NULL}};
    lua_newtable(lua);
    file_list *list = lua_newuserdatauv(lua, sizeof *list + count * sizeof list->files[0], 0);
    list->count = count;
    memcpy(list->files, files, count * sizeof list->files[0]);
    luaL_setfuncs(lua, methods, 1);
    render_lua_freeze(lua);
}

static void push_chart_files(lua_State *lua, const celm_render_chart *chart)
{
    const render_lua *r = render_lua_of(lua);
    const celm_render_file **files = r->host->arena_alloc(r->arena, (chart->file_count + 1) * sizeof *files);
    if (!files)
        luaL_error(lua, "out of memory");
    for (size_t i = 0; i < chart->file_count; i++)
        files[i] = &chart->files[i];
    push_files(lua, files, chart->file_count);
}

/* .Chart: Chart.yaml's fields under Go's names (Name, Version, AppVersion, APIVersion, ...). */
static void push_chart_metadata(lua_State *lua, const celm_value *metadata)
{
    const render_lua *r = render_lua_of(lua);
    celm_value *chart = r->host->value_map(r->arena, metadata ? metadata->as.map.count : 0);
    for (size_t i = 0; chart && metadata && metadata->kind == CELM_VALUE_MAP && i < metadata->as.map.count; i++) {
        const celm_map_entry *entry = &metadata->as.map.entries[i];
        char *key = r->host->arena_strndup(r->arena, entry->key.data, entry->key.len);
        if (!key)
            luaL_error(lua, "out of memory");
        key[0] = (char)toupper((unsigned char)key[0]);
        if (strcmp(key, "ApiVersion") == 0)
            key = "APIVersion";
        r->host->map_set(r->arena, chart, key, strlen(key), entry->value);
    }
    if (!chart)
        luaL_error(lua, "out of memory");
    render_lua_push_value(lua, chart);
}

static void set_value(lua_State *lua, const char *field, const celm_value *value)
{
    const render_lua *r = render_lua_of(lua);
    if (!value || value->kind != CELM_VALUE_MAP)
        value = r->host->value_map(r->arena, 0);
    render_lua_push_value(lua, value);
    lua_setfield(lua, -2, field);
}

/* APIVersions.Has("apps/v1") (or :Has): Helm's VersionSet.Has, membership in the list. */
static int api_versions_has(lua_State *lua)
{
    const celm_value *list = lua_touserdata(lua, lua_upvalueindex(1));
    const char *wanted = luaL_checkstring(lua, name_index(lua));
    int found = 0;
    for (size_t i = 0; list && list->kind == CELM_VALUE_LIST && i < list->as.list.count && !found; i++) {
        const celm_value *item = list->as.list.items[i];
        found = item->kind == CELM_VALUE_STRING && strcmp(item->as.string.data, wanted) == 0;
    }
    lua_pushboolean(lua, found);
    return 1;
}

/* Capabilities with its fields as views, APIVersions a list that also has Has. */
static void push_capabilities(lua_State *lua, const celm_value *capabilities)
{
    lua_newtable(lua);
    for (size_t i = 0; capabilities && capabilities->kind == CELM_VALUE_MAP && i < capabilities->as.map.count; i++) {
        const celm_map_entry *entry = &capabilities->as.map.entries[i];
        if (strcmp(entry->key.data, "APIVersions") != 0) {
            render_lua_push_value(lua, entry->value);
            lua_setfield(lua, -2, entry->key.data);
            continue;
        }
        lua_newtable(lua);
        for (size_t v = 0; entry->value->kind == CELM_VALUE_LIST && v < entry->value->as.list.count; v++) {
            render_lua_push_value(lua, entry->value->as.list.items[v]);
            lua_rawseti(lua, -2, (lua_Integer)v + 1);
        }
        lua_pushlightuserdata(lua, (void *)entry->value);
        lua_pushcclosure(lua, api_versions_has, 1);
        lua_setfield(lua, -2, "Has");
        render_lua_freeze(lua);
        lua_setfield(lua, -2, "APIVersions");
    }
    render_lua_freeze(lua);
}

static void build_context(lua_State *lua, const celm_render_chart *chart, const celm_render_request *request)
{
    lua_newtable(lua);
    set_value(lua, "Values", chart->values);
    set_value(lua, "Release", request->release);
    push_capabilities(lua, request->capabilities);
    lua_setfield(lua, -2, "Capabilities");
    push_chart_metadata(lua, chart->metadata);
    lua_setfield(lua, -2, "Chart");
    push_chart_files(lua, chart);
    lua_setfield(lua, -2, "Files");
    lua_newtable(lua);
    for (size_t i = 0; i < chart->subchart_count; i++) {
        render_lua_push_chart_context(lua, chart->subcharts[i], request);
        render_lua_freeze(lua);
        lua_setfield(lua, -2, chart->subcharts[i]->name);
    }
    render_lua_freeze(lua);
    lua_setfield(lua, -2, "Subcharts");
}

void render_lua_push_chart_context(lua_State *lua, const celm_render_chart *chart,
                                   const celm_render_request *request)
{
    if (lua_getfield(lua, LUA_REGISTRYINDEX, CONTEXTS) == LUA_TNIL) {
        lua_pop(lua, 1);
        lua_newtable(lua);
        lua_pushvalue(lua, -1);
        lua_setfield(lua, LUA_REGISTRYINDEX, CONTEXTS);
    }
    if (lua_getfield(lua, -1, chart->full_path) == LUA_TNIL) {
        lua_pop(lua, 1);
        build_context(lua, chart, request);
        lua_pushvalue(lua, -1);
        lua_setfield(lua, -3, chart->full_path);
    }
    lua_remove(lua, -2);
}

void render_lua_push_env(lua_State *lua, const celm_render_chart *chart, const celm_render_request *request)
{
    render_lua_new_env(lua);
    render_lua_push_chart_context(lua, chart, request);
    for (lua_pushnil(lua); lua_next(lua, -2);) {
        lua_pushvalue(lua, -2);
        lua_insert(lua, -2);
        lua_rawset(lua, -5);
    }
    lua_pop(lua, 1);
}
