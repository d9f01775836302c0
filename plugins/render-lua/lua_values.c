/* lua_values.c: celm values as read-only Lua views, and Lua values back as celm values. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "render_lua.h"

#define VALUE_VIEW "celm.value"
#define TABLE_VIEW "celm.frozen"
#define MAX_DEPTH 200

static const celm_value *view_value(lua_State *lua, int index)
{
    return *(const celm_value **)luaL_checkudata(lua, index, VALUE_VIEW);
}

void render_lua_push_value(lua_State *lua, const celm_value *value)
{
    if (!value || value->kind == CELM_VALUE_NULL)
        lua_pushnil(lua);
    else if (value->kind == CELM_VALUE_BOOL)
        lua_pushboolean(lua, value->as.boolean);
    else if (value->kind == CELM_VALUE_INT)
        lua_pushinteger(lua, (lua_Integer)value->as.integer);
    else if (value->kind == CELM_VALUE_FLOAT && value->as.real == floor(value->as.real) && fabs(value->as.real) < 9007199254740992.0)
        lua_pushinteger(lua, (lua_Integer)value->as.real);
    else if (value->kind == CELM_VALUE_FLOAT)
        lua_pushnumber(lua, value->as.real);
    else if (value->kind == CELM_VALUE_STRING)
        lua_pushlstring(lua, value->as.string.data, value->as.string.len);
    else {
        const celm_value **view = lua_newuserdatauv(lua, sizeof *view, 0);
        *view = value;
        luaL_setmetatable(lua, VALUE_VIEW);
    }
}

static int value_index(lua_State *lua)
{
    const celm_value *value = view_value(lua, 1);
    const render_lua *r = render_lua_of(lua);
    if (value->kind == CELM_VALUE_MAP && lua_type(lua, 2) == LUA_TSTRING) {
        size_t len;
        const char *key = lua_tolstring(lua, 2, &len);
        render_lua_push_value(lua, r->host->map_get(value, key, len));
    } else if (value->kind == CELM_VALUE_LIST && lua_isinteger(lua, 2)) {
        lua_Integer at = lua_tointeger(lua, 2);
        render_lua_push_value(lua, at >= 1 && (size_t)at <= value->as.list.count ? value->as.list.items[at - 1] : NULL);
    } else
        lua_pushnil(lua);
    return 1;
}

static int value_length(lua_State *lua)
{
    const celm_value *value = view_value(lua, 1);
    lua_pushinteger(lua, (lua_Integer)(value->kind == CELM_VALUE_LIST ? value->as.list.count : value->as.map.count));
    return 1;
}

static int refuse_write(lua_State *lua)
{
    return luaL_error(lua, "attempt to modify a read-only table");
}

static int value_pairs(lua_State *lua)
{
    const celm_value *value = view_value(lua, 1);
    lua_newtable(lua);
    if (value->kind == CELM_VALUE_LIST) {
        for (size_t i = 0; i < value->as.list.count; i++)
            lua_pushinteger(lua, (lua_Integer)i + 1), lua_rawseti(lua, -2, (lua_Integer)i + 1);
        return render_lua_iterate_keys(lua, 1);
    }
    for (size_t i = 0; i < value->as.map.count; i++) {
        lua_pushlstring(lua, value->as.map.entries[i].key.data, value->as.map.entries[i].key.len);
        lua_pushboolean(lua, 1);
        lua_rawset(lua, -3);
    }
    render_lua_sorted_keys(lua, -1);
    return render_lua_iterate_keys(lua, 1);
}

static int frozen_index(lua_State *lua)
{
    lua_getiuservalue(lua, 1, 1);
    lua_pushvalue(lua, 2);
    lua_rawget(lua, -2);
    return 1;
}

static int frozen_length(lua_State *lua)
{
    lua_getiuservalue(lua, 1, 1);
    lua_pushinteger(lua, (lua_Integer)lua_rawlen(lua, -1));
    return 1;
}

static int frozen_pairs(lua_State *lua)
{
    lua_getiuservalue(lua, 1, 1);
    render_lua_sorted_keys(lua, -1);
    return render_lua_iterate_keys(lua, 1);
}

void render_lua_freeze(lua_State *lua)
{
    lua_newuserdatauv(lua, 0, 1);
    lua_insert(lua, -2);
    lua_setiuservalue(lua, -2, 1);
    luaL_setmetatable(lua, TABLE_VIEW);
}

static void new_view_metatable(lua_State *lua, const char *name, const luaL_Reg *methods)
{
    luaL_newmetatable(lua, name);
    luaL_setfuncs(lua, methods, 0);
    lua_pushliteral(lua, "read-only");
    lua_setfield(lua, -2, "__metatable");
    lua_pop(lua, 1);
}

void render_lua_values_open(lua_State *lua)
{
    static const luaL_Reg value_methods[] = {{"__index", value_index}, {"__newindex", refuse_write},
                                             {"__len", value_length}, {"__pairs", value_pairs}, {NULL, NULL}};
    static const luaL_Reg frozen_methods[] = {{"__index", frozen_index}, {"__newindex", refuse_write},
                                              {"__len", frozen_length}, {"__pairs", frozen_pairs}, {NULL, NULL}};
    new_view_metatable(lua, VALUE_VIEW, value_methods);
    new_view_metatable(lua, TABLE_VIEW, frozen_methods);
}

static celm_value *to_value_at(lua_State *lua, int index, int depth);

static celm_value *checked(lua_State *lua, celm_value *value)
{
    if (!value)
        luaL_error(lua, "out of memory building a value");
    return value;
}

/* A sequence 1..n with nothing else (n > 0) becomes a list. */
static size_t sequence_length(lua_State *lua, int index)
{
    size_t length = lua_rawlen(lua, index), keys = 0;
    for (lua_pushnil(lua); lua_next(lua, index); lua_pop(lua, 1))
        keys++;
    return length > 0 && keys == length ? length : 0;
}

static const char *key_text(lua_State *lua, int index, size_t *len)
{
    if (lua_type(lua, index) == LUA_TSTRING)
        return lua_tolstring(lua, index, len);
    if (lua_type(lua, index) != LUA_TNUMBER)
        luaL_error(lua, "a table key must be a string or a number to become a value, not a %s", luaL_typename(lua, index));
    lua_pushvalue(lua, index);
    const char *text = lua_tolstring(lua, -1, len);
    lua_replace(lua, index);
    return text;
}

static celm_value *table_to_value(lua_State *lua, int index, int depth)
{
    const render_lua *r = render_lua_of(lua);
    size_t length = sequence_length(lua, index);
    if (length) {
        celm_value *list = checked(lua, r->host->value_list(r->arena, length));
        for (size_t i = 1; i <= length; i++, lua_pop(lua, 1)) {
            lua_rawgeti(lua, index, (lua_Integer)i);
            r->host->list_append(r->arena, list, to_value_at(lua, -1, depth + 1));
        }
        return list;
    }
    render_lua_sorted_keys(lua, index);
    int keys = lua_gettop(lua);
    celm_value *map = checked(lua, r->host->value_map(r->arena, lua_rawlen(lua, keys)));
    for (lua_Integer i = 1; lua_rawgeti(lua, keys, i) != LUA_TNIL; i++, lua_pop(lua, 2)) {
        lua_pushvalue(lua, -1);
        lua_rawget(lua, index);
        size_t len;
        const char *key = key_text(lua, -2, &len);
        if (r->host->map_set(r->arena, map, key, len, to_value_at(lua, -1, depth + 1)) != CELM_OK)
            luaL_error(lua, "out of memory building a value");
    }
    lua_settop(lua, keys - 1);
    return map;
}

static celm_value *to_value_at(lua_State *lua, int index, int depth)
{
    const render_lua *r = render_lua_of(lua);
    index = lua_absindex(lua, index);
    luaL_checkstack(lua, 8, "a value nests too deep");
    if (depth > MAX_DEPTH)
        luaL_error(lua, "a table nests deeper than %d levels (does it contain itself?)", MAX_DEPTH);
    switch (lua_type(lua, index)) {
    case LUA_TNIL: return checked(lua, r->host->value_null(r->arena));
    case LUA_TBOOLEAN: return checked(lua, r->host->value_bool(r->arena, lua_toboolean(lua, index)));
    case LUA_TNUMBER:
        if (lua_isinteger(lua, index))
            return checked(lua, r->host->value_int(r->arena, (int64_t)lua_tointeger(lua, index)));
        return checked(lua, r->host->value_float(r->arena, lua_tonumber(lua, index)));
    case LUA_TSTRING: {
        size_t len;
        const char *text = lua_tolstring(lua, index, &len);
        return checked(lua, r->host->value_string(r->arena, text, len));
    }
    case LUA_TTABLE: return table_to_value(lua, index, depth);
    default: break;
    }
    if (luaL_testudata(lua, index, VALUE_VIEW))
        return (celm_value *)view_value(lua, index);
    if (luaL_testudata(lua, index, TABLE_VIEW)) {
        lua_getiuservalue(lua, index, 1);
        celm_value *value = table_to_value(lua, lua_gettop(lua), depth);
        lua_pop(lua, 1);
        return value;
    }
    return luaL_error(lua, "a %s cannot become a value", luaL_typename(lua, index)), NULL;
}

celm_value *render_lua_to_value(lua_State *lua, int index)
{
    return to_value_at(lua, index, 0);
}
