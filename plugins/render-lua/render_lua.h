/* render_lua.h: what the files of render-lua share: one sandboxed Lua state per render. */
#ifndef CELM_RENDER_LUA_H
#define CELM_RENDER_LUA_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#include "celm/sdk.h"

#define RENDER_LUA_DEFAULT_MAX_INSTRUCTIONS 100000000ull
#define RENDER_LUA_DEFAULT_MAX_MEMORY (64u * 1024u * 1024u)

typedef enum render_lua_abort {
    RENDER_LUA_RUNNING = 0,
    RENDER_LUA_OUT_OF_INSTRUCTIONS,
    RENDER_LUA_OUT_OF_MEMORY
} render_lua_abort;

/* One plugin instance: its limits, and the state of the render it serves (the core makes an
 * instance per render). `arena` and `request` are the current call's, borrowed for that call. */
typedef struct render_lua {
    const celm_host *host;
    uint64_t max_instructions;
    size_t max_memory;
    lua_State *lua;             /* NULL until the render first needs Lua */
    uint64_t instructions;
    size_t memory;
    render_lua_abort aborted;   /* set once a limit is hit: nothing may catch that error */
    char abort_where[300];      /* "file:line: " of the script running when it was hit */
    celm_arena *arena;
    const celm_render_templates *templates;     /* include and tpl, when lent */
    const char *chart_path;     /* full_path of the chart whose script runs */
} render_lua;

/* --- lua_sandbox.c ---------------------------------------------------------------------------- */
/* Makes r->lua: the allocator with r->max_memory, the instruction hook, the sandboxed globals. */
int render_lua_open(render_lua *r, celm_error *err);
void render_lua_close(render_lua *r);
/* Runs body(lua) protected, `payload` its light userdata argument; a Lua error becomes err (one
 * line: file:line first, else `origin`), naming the limit when one was hit. The stack is left as
 * it was. */
int render_lua_protected(render_lua *r, const char *origin, lua_CFunction body, void *payload, celm_error *err);
/* Loads and runs `len` bytes of text as chunk `name` with environment table at `env_index`,
 * leaving its first result on the stack (protected callers only). */
void render_lua_run_chunk(lua_State *lua, const char *name, const char *text, size_t len, int env_index);
/* The instance of a state (protected callers only). */
render_lua *render_lua_of(lua_State *lua);
/* A new environment table for a script: reads fall through to the sandbox's globals. */
void render_lua_new_env(lua_State *lua);
/* Keys of the table at `index` in sorted order (numbers, then strings bytewise, then booleans),
 * as a new sequence on the stack. */
void render_lua_sorted_keys(lua_State *lua, int index);
/* Replaces the key sequence at the top by an iterator over those keys of the object at
 * `object_index` (a for-in's function); returns 1. */
int render_lua_iterate_keys(lua_State *lua, int object_index);

/* --- lua_values.c ----------------------------------------------------------------------------- */
/* Pushes a value: scalars as Lua scalars (whole floats as integers), lists and maps as read-only
 * views; NULL pushes nil. The value must outlive the render. */
void render_lua_push_value(lua_State *lua, const celm_value *value);
/* The Lua value at `index` as a value in r->arena; raises a Lua error when it cannot be one. */
celm_value *render_lua_to_value(lua_State *lua, int index);
/* Makes the table at the top read-only: replaces it with a view that reads it. */
void render_lua_freeze(lua_State *lua);
/* Registers the metatables of views (once per state). */
void render_lua_values_open(lua_State *lua);

/* --- lua_helpers.c ---------------------------------------------------------------------------- */
/* Sets the helper modules (yaml, json, base64, sha256, semver, include, tpl) in the table at the top. */
void render_lua_helpers_open(lua_State *lua);
/* Helm's toYaml text of the Lua value at `index` (protected callers only). */
celm_string render_lua_yaml(lua_State *lua, int index);

/* --- lua_chart.c ------------------------------------------------------------------------------ */
/* Pushes the read-only context of `chart` (Values, Release, Chart, Capabilities, Files,
 * Subcharts), made once per chart and render. */
void render_lua_push_chart_context(lua_State *lua, const celm_render_chart *chart,
                                   const celm_render_request *request);
/* Pushes a new environment for a script of `chart`: its context's objects as globals. */
void render_lua_push_env(lua_State *lua, const celm_render_chart *chart, const celm_render_request *request);

/* --- lua_templates.c, lua_functions.c ------------------------------------------------------- */
/* Renders the .lua templates of the request's chart tree (partials and library charts skipped). */
int render_lua_templates(render_lua *r, const celm_render_request *request, celm_render_output **out,
                         size_t *count, celm_error *err);
/* Loads every chart's functions/NAME.lua and lends the functions they return. */
int render_lua_functions(render_lua *r, const celm_render_request *request, celm_render_function **out,
                         size_t *count, celm_error *err);

#endif
