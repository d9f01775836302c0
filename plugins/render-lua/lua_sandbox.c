/* lua_sandbox.c: the Lua state of a render: memory cap, instruction budget, the safe globals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "render_lua.h"

#define HOOK_EVERY 1000

render_lua *render_lua_of(lua_State *lua)
{
    void *instance;
    lua_getallocf(lua, &instance);
    return instance;
}

/* "file:line: " of the innermost running script, or "" (no allocation: safe in the allocator). */
static void note_where(render_lua *r)
{
    lua_Debug frame;
    r->abort_where[0] = '\0';
    for (int level = 0; r->lua && lua_getstack(r->lua, level, &frame); level++) {
        if (!lua_getinfo(r->lua, "Sl", &frame) || frame.currentline <= 0 || frame.source[0] != '@')
            continue;
        snprintf(r->abort_where, sizeof r->abort_where, "%s:%d: ", frame.source + 1, frame.currentline);
        return;
    }
}

static void *capped_alloc(void *instance, void *block, size_t old_size, size_t new_size)
{
    render_lua *r = instance;
    size_t old = block ? old_size : 0;
    if (new_size == 0) {
        free(block);
        r->memory -= old;
        return NULL;
    }
    if (new_size > old && r->memory + (new_size - old) > r->max_memory) {
        note_where(r);
        return NULL;
    }
    void *grown = realloc(block, new_size);
    if (grown)
        r->memory = r->memory - old + new_size;
    return grown;
}

static void count_instructions(lua_State *lua, lua_Debug *frame)
{
    (void)frame;
    render_lua *r = render_lua_of(lua);
    r->instructions += HOOK_EVERY;
    if (r->instructions <= r->max_instructions && r->aborted == RENDER_LUA_RUNNING)
        return;
    if (r->aborted == RENDER_LUA_RUNNING) {
        note_where(r);
        r->aborted = RENDER_LUA_OUT_OF_INSTRUCTIONS;
    }
    luaL_error(lua, "instruction budget exceeded");
}

/* A caught error stays caught unless a limit was hit: those unwind the whole script. */
static int rethrow_limits(lua_State *lua, int status)
{
    render_lua *r = render_lua_of(lua);
    if (status == LUA_ERRMEM && r->aborted == RENDER_LUA_RUNNING)
        r->aborted = RENDER_LUA_OUT_OF_MEMORY;
    return r->aborted != RENDER_LUA_RUNNING;
}

static int safe_pcall(lua_State *lua)
{
    luaL_checkany(lua, 1);
    lua_pushboolean(lua, 1);
    lua_insert(lua, 1);
    int status = lua_pcall(lua, lua_gettop(lua) - 2, LUA_MULTRET, 0);
    if (rethrow_limits(lua, status))
        return lua_error(lua);
    if (status == LUA_OK)
        return lua_gettop(lua);
    lua_pushboolean(lua, 0);
    lua_replace(lua, 1);
    return 2;
}

static int safe_xpcall(lua_State *lua)
{
    int count = lua_gettop(lua);
    luaL_checktype(lua, 2, LUA_TFUNCTION);
    lua_pushboolean(lua, 1);
    lua_pushvalue(lua, 1);
    lua_rotate(lua, 3, 2);
    int status = lua_pcall(lua, count - 2, LUA_MULTRET, 2);
    if (rethrow_limits(lua, status))
        return lua_error(lua);
    if (status == LUA_OK)
        return lua_gettop(lua) - 2;
    lua_pushboolean(lua, 0);
    lua_pushvalue(lua, -2);
    return 2;
}

/* load(chunk [, name [, mode [, env]]]) for text chunks only, whatever mode asks for. */
static int text_load(lua_State *lua)
{
    int has_env = lua_gettop(lua) >= 4;
    lua_settop(lua, 4);
    lua_pushvalue(lua, lua_upvalueindex(1));
    lua_pushvalue(lua, 1);
    lua_pushvalue(lua, 2);
    lua_pushliteral(lua, "t");
    if (has_env)
        lua_pushvalue(lua, 4);
    lua_call(lua, has_env ? 4 : 3, 2);
    return 2;
}

static int refuse_require(lua_State *lua)
{
    return luaL_error(lua, "require is not available: a chart's Lua cannot load modules");
}

static int next_of_keys(lua_State *lua)
{
    lua_Integer at = lua_tointeger(lua, lua_upvalueindex(3)) + 1;
    lua_pushinteger(lua, at);
    lua_replace(lua, lua_upvalueindex(3));
    if (lua_rawgeti(lua, lua_upvalueindex(2), at) == LUA_TNIL)
        return 1;
    lua_pushvalue(lua, -1);
    if (lua_istable(lua, lua_upvalueindex(1)))
        lua_rawget(lua, lua_upvalueindex(1));
    else
        lua_gettable(lua, lua_upvalueindex(1));
    return 2;
}

int render_lua_iterate_keys(lua_State *lua, int object_index)
{
    lua_pushvalue(lua, object_index);
    lua_insert(lua, -2);
    lua_pushinteger(lua, 0);
    lua_pushcclosure(lua, next_of_keys, 3);
    return 1;
}

/* pairs in sorted key order, so that output never depends on Lua's hash order. */
static int sorted_pairs(lua_State *lua)
{
    luaL_checkany(lua, 1);
    if (luaL_getmetafield(lua, 1, "__pairs") != LUA_TNIL) {
        lua_pushvalue(lua, 1);
        lua_call(lua, 1, 3);
        return 3;
    }
    luaL_checktype(lua, 1, LUA_TTABLE);
    render_lua_sorted_keys(lua, 1);
    return render_lua_iterate_keys(lua, 1);
}

typedef struct sort_key {
    int rank;
    lua_Number number;
    const char *text;
    size_t len;
    lua_Integer slot;
} sort_key;

static int compare_keys(const void *left, const void *right)
{
    const sort_key *a = left, *b = right;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->text) {
        int order = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
        return order ? order : (a->len > b->len) - (a->len < b->len);
    }
    if (a->number != b->number)
        return a->number < b->number ? -1 : 1;
    return (a->slot > b->slot) - (a->slot < b->slot);
}

static sort_key key_of(lua_State *lua, int index, lua_Integer slot)
{
    sort_key key = {4, 0, NULL, 0, slot};
    switch (lua_type(lua, index)) {
    case LUA_TNUMBER: key.rank = 1, key.number = lua_tonumber(lua, index); break;
    case LUA_TSTRING: key.rank = 2, key.text = lua_tolstring(lua, index, &key.len); break;
    case LUA_TBOOLEAN: key.rank = 3, key.number = lua_toboolean(lua, index); break;
    default: break;
    }
    return key;
}

void render_lua_sorted_keys(lua_State *lua, int index)
{
    index = lua_absindex(lua, index);
    lua_newtable(lua);
    int keys = lua_gettop(lua);
    lua_Integer count = 0;
    for (lua_pushnil(lua); lua_next(lua, index); lua_pop(lua, 1)) {
        lua_pushvalue(lua, -2);
        lua_rawseti(lua, keys, ++count);
    }
    sort_key *sorted = lua_newuserdatauv(lua, (size_t)count * sizeof *sorted + 1, 0);
    for (lua_Integer i = 1; i <= count; i++, lua_pop(lua, 1)) {
        lua_rawgeti(lua, keys, i);
        sorted[i - 1] = key_of(lua, -1, i);
    }
    qsort(sorted, (size_t)count, sizeof *sorted, compare_keys);
    lua_createtable(lua, (int)count, 0);
    for (lua_Integer i = 0; i < count; i++) {
        lua_rawgeti(lua, keys, sorted[i].slot);
        lua_rawseti(lua, -2, i + 1);
    }
    lua_replace(lua, keys);
    lua_settop(lua, keys);
}

static void keep_only(lua_State *lua, const char *library, const char *const *names)
{
    lua_newtable(lua);
    lua_getglobal(lua, library);
    for (const char *const *name = names; *name; name++) {
        lua_getfield(lua, -1, *name);
        lua_setfield(lua, -3, *name);
    }
    lua_pop(lua, 1);
    lua_setglobal(lua, library);
}

static void remove_globals(lua_State *lua, const char *const *names)
{
    for (const char *const *name = names; *name; name++) {
        lua_pushnil(lua);
        lua_setglobal(lua, *name);
    }
}

static void set_global_function(lua_State *lua, const char *name, lua_CFunction function)
{
    lua_pushcfunction(lua, function);
    lua_setglobal(lua, name);
}

static int open_sandbox(lua_State *lua)
{
    static const luaL_Reg libraries[] = {{LUA_GNAME, luaopen_base}, {LUA_STRLIBNAME, luaopen_string},
                                         {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
                                         {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_OSLIBNAME, luaopen_os},
                                         {NULL, NULL}};
    static const char *const unsafe[] = {"dofile", "loadfile", "collectgarbage", "print", "warn", NULL};
    static const char *const os_kept[] = {"time", "clock", "date", NULL};
    for (const luaL_Reg *library = libraries; library->name; library++) {
        luaL_requiref(lua, library->name, library->func, 1);
        lua_pop(lua, 1);
    }
    remove_globals(lua, unsafe);
    keep_only(lua, LUA_OSLIBNAME, os_kept);
    lua_getglobal(lua, LUA_STRLIBNAME);
    lua_pushnil(lua);
    lua_setfield(lua, -2, "dump");
    lua_pop(lua, 1);
    lua_getglobal(lua, "load");
    lua_pushcclosure(lua, text_load, 1);
    lua_setglobal(lua, "load");
    set_global_function(lua, "pcall", safe_pcall);
    set_global_function(lua, "xpcall", safe_xpcall);
    set_global_function(lua, "pairs", sorted_pairs);
    set_global_function(lua, "require", refuse_require);
    render_lua_values_open(lua);
    lua_pushglobaltable(lua);
    render_lua_helpers_open(lua);
    return 0;
}

int render_lua_open(render_lua *r, celm_error *err)
{
    if (r->lua)
        return CELM_OK;
    r->lua = lua_newstate(capped_alloc, r);
    if (!r->lua)
        return r->host->error_set(err, CELM_ENOMEM, "out of memory starting Lua");
    lua_sethook(r->lua, count_instructions, LUA_MASKCOUNT, HOOK_EVERY);
    return render_lua_protected(r, "render-lua", open_sandbox, NULL, err);
}

void render_lua_close(render_lua *r)
{
    if (r->lua)
        lua_close(r->lua);
    r->lua = NULL;
}

static int limit_error(render_lua *r, celm_error *err)
{
    if (r->aborted == RENDER_LUA_OUT_OF_INSTRUCTIONS)
        return r->host->error_set(err, CELM_ELIMIT,
                                  "%sinstruction budget of %llu exceeded: an endless loop? "
                                  "(CELM_RENDER_LUA_MAX_INSTRUCTIONS raises it)",
                                  r->abort_where, (unsigned long long)r->max_instructions);
    return r->host->error_set(err, CELM_ELIMIT,
                              "%smemory limit of %zu bytes exceeded (CELM_RENDER_LUA_MAX_MEMORY raises it)",
                              r->abort_where, r->max_memory);
}

/* The script's message, naming `origin` when Lua's position does not. */
static int script_error(render_lua *r, const char *origin, celm_error *err)
{
    lua_State *lua = r->lua;
    if (lua_type(lua, -1) != LUA_TSTRING)
        return r->host->error_set(err, CELM_EFAIL, "%s: the script raised a %s value instead of a message", origin,
                                  luaL_typename(lua, -1));
    const char *message = lua_tostring(lua, -1);
    size_t origin_len = strlen(origin);
    if (strncmp(message, origin, origin_len) == 0 && message[origin_len] == ':')
        return r->host->error_set(err, CELM_EFAIL, "%s", message);
    return r->host->error_set(err, CELM_EFAIL, "%s: %s", origin, message);
}

int render_lua_protected(render_lua *r, const char *origin, lua_CFunction body, void *payload, celm_error *err)
{
    lua_State *lua = r->lua;
    int top = lua_gettop(lua);
    if (r->aborted != RENDER_LUA_RUNNING)
        return limit_error(r, err);
    lua_pushcfunction(lua, body);
    lua_pushlightuserdata(lua, payload);
    int status = lua_pcall(lua, 1, 0, 0);
    if (status == LUA_ERRMEM && r->aborted == RENDER_LUA_RUNNING)
        r->aborted = RENDER_LUA_OUT_OF_MEMORY;
    if (status != LUA_OK && r->aborted != RENDER_LUA_RUNNING)
        status = limit_error(r, err);
    else if (status != LUA_OK)
        status = script_error(r, origin, err);
    lua_settop(lua, top);
    return status;
}

void render_lua_new_env(lua_State *lua)
{
    lua_newtable(lua);
    lua_createtable(lua, 0, 1);
    lua_pushglobaltable(lua);
    lua_setfield(lua, -2, "__index");
    lua_setmetatable(lua, -2);
}

void render_lua_run_chunk(lua_State *lua, const char *name, const char *text, size_t len, int env_index)
{
    env_index = lua_absindex(lua, env_index);
    if (len > 0 && text[0] == LUA_SIGNATURE[0])
        luaL_error(lua, "%s:1: precompiled Lua chunks are not allowed", name);
    const char *chunk_name = lua_pushfstring(lua, "@%s", name);
    if (luaL_loadbufferx(lua, text, len, chunk_name, "t") != LUA_OK)
        lua_error(lua);
    lua_remove(lua, -2);
    lua_pushvalue(lua, env_index);
    lua_setupvalue(lua, -2, 1);
    lua_call(lua, 0, 1);
}
