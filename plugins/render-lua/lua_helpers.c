/* lua_helpers.c: the helper modules scripts see: yaml, json, base64, sha256, semver, include, tpl. */
#include <string.h>

#include <lauxlib.h>
#include <nettle/sha2.h>

#include "render_lua.h"

/* Raises the host's error (protected callers only). */
static int raise(lua_State *lua, const celm_error *err)
{
    return luaL_error(lua, "%s", err->message);
}

static void push_string(lua_State *lua, const celm_string *text)
{
    lua_pushlstring(lua, text->data, text->len);
}

celm_string render_lua_yaml(lua_State *lua, int index)
{
    const render_lua *r = render_lua_of(lua);
    celm_error err = CELM_ERROR_INIT;
    celm_string text = {"", 0};
    if (r->host->yaml_emit(r->arena, render_lua_to_value(lua, index), &text, &err) != CELM_OK)
        raise(lua, &err);
    return text;
}

/* A decoded document as plain, writable Lua tables. */
static void push_plain(lua_State *lua, const celm_value *value)
{
    luaL_checkstack(lua, 4, "a document nests too deep");
    if (!value || (value->kind != CELM_VALUE_LIST && value->kind != CELM_VALUE_MAP)) {
        render_lua_push_value(lua, value);
        return;
    }
    if (value->kind == CELM_VALUE_LIST) {
        lua_createtable(lua, (int)value->as.list.count, 0);
        for (size_t i = 0; i < value->as.list.count; i++)
            push_plain(lua, value->as.list.items[i]), lua_rawseti(lua, -2, (lua_Integer)i + 1);
        return;
    }
    lua_createtable(lua, 0, (int)value->as.map.count);
    for (size_t i = 0; i < value->as.map.count; i++) {
        push_string(lua, &value->as.map.entries[i].key);
        push_plain(lua, value->as.map.entries[i].value);
        lua_rawset(lua, -3);
    }
}

/* yaml.encode(value): Helm's toYaml (no trailing newline). */
static int yaml_encode(lua_State *lua)
{
    luaL_checkany(lua, 1);
    celm_string text = render_lua_yaml(lua, 1);
    if (text.len > 0 && text.data[text.len - 1] == '\n')
        text.len--;
    push_string(lua, &text);
    return 1;
}

/* A decoded document as writable tables: YAML as Helm's fromYaml (numbers float64, shown as Lua
 * integers when whole), or JSON. */
static int decode(lua_State *lua, int is_yaml)
{
    const render_lua *r = render_lua_of(lua);
    size_t len;
    const char *text = luaL_checklstring(lua, 1, &len);
    celm_value *value;
    celm_error err = CELM_ERROR_INIT;
    int status = is_yaml ? r->host->yaml_parse(r->arena, text, len, "yaml.decode", 0, &value, &err)
                         : r->host->json_parse(r->arena, text, len, "json.decode", &value, &err);
    if (status != CELM_OK)
        return raise(lua, &err);
    push_plain(lua, value);
    return 1;
}

static int yaml_decode(lua_State *lua)
{
    return decode(lua, 1);
}

/* json.encode(value [, {indent=true, html=false}]): Helm's toJson (toPrettyJson, toRawJson). */
static int json_encode(lua_State *lua)
{
    const render_lua *r = render_lua_of(lua);
    luaL_checkany(lua, 1);
    unsigned flags = 0;
    if (lua_istable(lua, 2)) {
        flags |= lua_getfield(lua, 2, "indent") != LUA_TNIL && lua_toboolean(lua, -1) ? CELM_JSON_INDENT : 0;
        flags |= lua_getfield(lua, 2, "html") != LUA_TNIL && !lua_toboolean(lua, -1) ? CELM_JSON_NO_HTML_ESCAPE : 0;
    }
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    if (r->host->json_emit(r->arena, render_lua_to_value(lua, 1), flags, &text, &err) != CELM_OK)
        return raise(lua, &err);
    push_string(lua, &text);
    return 1;
}

static int json_decode(lua_State *lua)
{
    return decode(lua, 0);
}

static int base64_encode(lua_State *lua)
{
    const render_lua *r = render_lua_of(lua);
    size_t len;
    const char *data = luaL_checklstring(lua, 1, &len);
    celm_string text;
    if (r->host->base64_encode(r->arena, data, len, &text) != CELM_OK)
        return luaL_error(lua, "out of memory");
    push_string(lua, &text);
    return 1;
}

static int base64_decode(lua_State *lua)
{
    const render_lua *r = render_lua_of(lua);
    size_t len;
    const char *text = luaL_checklstring(lua, 1, &len);
    celm_string data;
    celm_error err = CELM_ERROR_INIT;
    if (r->host->base64_decode(r->arena, text, len, &data, &err) != CELM_OK)
        return raise(lua, &err);
    push_string(lua, &data);
    return 1;
}

/* sha256(text): the hex digest, as sprig's sha256sum. */
static int sha256_hex(lua_State *lua)
{
    size_t len;
    const char *data = luaL_checklstring(lua, 1, &len);
    struct sha256_ctx context;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char hex[2 * SHA256_DIGEST_SIZE];
    sha256_init(&context);
    sha256_update(&context, len, (const uint8_t *)data);
    sha256_digest(&context, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) {
        hex[2 * i] = "0123456789abcdef"[digest[i] >> 4];
        hex[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
    }
    lua_pushlstring(lua, hex, sizeof hex);
    return 1;
}

static celm_semver check_semver(lua_State *lua, int index)
{
    const render_lua *r = render_lua_of(lua);
    size_t len;
    const char *text = luaL_checklstring(lua, index, &len);
    celm_semver version;
    celm_error err = CELM_ERROR_INIT;
    if (r->host->semver_parse(&version, text, len, &err) != CELM_OK)
        raise(lua, &err);
    return version;
}

/* semver.compare(a, b): -1, 0 or 1 by semantic-version precedence. */
static int semver_compare(lua_State *lua)
{
    celm_semver a = check_semver(lua, 1), b = check_semver(lua, 2);
    lua_pushinteger(lua, render_lua_of(lua)->host->semver_compare(&a, &b));
    return 1;
}

/* semver.satisfies(constraint, version): sprig's semverCompare. */
static int semver_satisfies(lua_State *lua)
{
    const render_lua *r = render_lua_of(lua);
    size_t constraint_len, version_len;
    const char *constraint = luaL_checklstring(lua, 1, &constraint_len);
    const char *version = luaL_checklstring(lua, 2, &version_len);
    celm_error err = CELM_ERROR_INIT;
    int satisfied = r->host->semver_satisfies(constraint, constraint_len, version, version_len, &err);
    if (satisfied < 0)
        return raise(lua, &err);
    lua_pushboolean(lua, satisfied);
    return 1;
}

static const celm_render_templates *lent_templates(lua_State *lua, const char *what)
{
    const render_lua *r = render_lua_of(lua);
    if (!r->templates)
        luaL_error(lua, "%s needs the Go-template renderer (render-gotmpl), which lent no templates", what);
    return r->templates;
}

/* include(name [, data]): the output of a Go-template define; data defaults to the chart's `.`. */
static int include(lua_State *lua)
{
    const render_lua *r = render_lua_of(lua);
    const celm_render_templates *templates = lent_templates(lua, "include");
    const char *name = luaL_checkstring(lua, 1);
    const celm_value *data = lua_isnoneornil(lua, 2) ? NULL : render_lua_to_value(lua, 2);
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    if (templates->include(templates->payload, r->arena, r->chart_path, name, data, &text, &err) != CELM_OK)
        return luaL_error(lua, "include \"%s\": %s", name, err.message);
    push_string(lua, &text);
    return 1;
}

/* tpl(text [, data]): text run as a Go template that sees the chart's defines. */
static int tpl(lua_State *lua)
{
    const render_lua *r = render_lua_of(lua);
    const celm_render_templates *templates = lent_templates(lua, "tpl");
    size_t len;
    const char *source = luaL_checklstring(lua, 1, &len);
    const celm_value *data = lua_isnoneornil(lua, 2) ? NULL : render_lua_to_value(lua, 2);
    celm_string text;
    celm_error err = CELM_ERROR_INIT;
    if (templates->tpl(templates->payload, r->arena, r->chart_path, source, len, data, &text, &err) != CELM_OK)
        return luaL_error(lua, "tpl: %s", err.message);
    push_string(lua, &text);
    return 1;
}

static void set_module(lua_State *lua, const char *name, const luaL_Reg *functions)
{
    lua_newtable(lua);
    luaL_setfuncs(lua, functions, 0);
    render_lua_freeze(lua);
    lua_setfield(lua, -2, name);
}

void render_lua_helpers_open(lua_State *lua)
{
    static const luaL_Reg yaml[] = {{"encode", yaml_encode}, {"decode", yaml_decode}, {NULL, NULL}};
    static const luaL_Reg json[] = {{"encode", json_encode}, {"decode", json_decode}, {NULL, NULL}};
    static const luaL_Reg base64[] = {{"encode", base64_encode}, {"decode", base64_decode}, {NULL, NULL}};
    static const luaL_Reg semver[] = {{"compare", semver_compare}, {"satisfies", semver_satisfies}, {NULL, NULL}};
    static const luaL_Reg functions[] = {{"sha256", sha256_hex}, {"include", include}, {"tpl", tpl}, {NULL, NULL}};
    set_module(lua, "yaml", yaml);
    set_module(lua, "json", json);
    set_module(lua, "base64", base64);
    set_module(lua, "semver", semver);
    luaL_setfuncs(lua, functions, 0);
}
