#!/usr/bin/env bash
# sandbox_refusals.sh: each way out of render-lua's sandbox, and each runaway script, fails the
# render with one Error line naming the script's file and line, and prints no manifest at all.
source "$(dirname "$0")/../cli/peer_lib.sh" "$1" "$2"
chart=$scratch/esc
mkdir -p "$chart/templates" "$chart/functions"
printf 'apiVersion: v2\nname: esc\nversion: 0.1.0\n' >"$chart/Chart.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n' >"$chart/templates/fine.yaml"
export CELM_RENDER_LUA_MAX_INSTRUCTIONS=2000000 CELM_RENDER_LUA_MAX_MEMORY=16000000

# refused WHAT EXPECTED_ERROR_REGEX LUA_LINE...: the template x.lua of those lines must fail so.
refused() {
    local what=$1 expected=$2
    shift 2
    printf '%s\n' "$@" >"$chart/templates/x.lua"
    local status=0
    "$celm" template rel "$chart" >"$scratch/out" 2>"$scratch/err" || status=$?
    if [ "$status" != 0 ] && [ ! -s "$scratch/out" ] && grep -Eq "^Error: $expected" "$scratch/err" &&
        ! grep -Eq "runtime error:|Sanitizer" "$scratch/err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "FAIL $what (exit $status)"; head -3 "$scratch/out" "$scratch/err"
    fi
}
at='esc/templates/x\.lua:[0-9]+: '
refused "os.execute" "${at}attempt to call a nil value \(field 'execute'\)" 'os.execute("id")'
refused "io.open" "${at}attempt to index a nil value \(global 'io'\)" 'return io.open("/etc/passwd")'
refused "require of a C module" "${at}require is not available" 'return require("socket.core")'
refused "package.loadlib" "${at}attempt to index a nil value \(global 'package'\)" 'return package.loadlib("libc.so.6", "system")'
refused "loading bytecode through load" "${at}attempt to load a binary chunk \(mode is 't'\)" \
    'local f, e = load("\27LuaT\0\25\147") assert(f, e)'
refused "loading bytecode with mode b" "${at}attempt to load a binary chunk" 'assert(load("\27Lua", "x", "b"))'
refused "a precompiled template" "esc/templates/x\.lua:1: precompiled Lua chunks are not allowed" $'\eLuaT'
refused "string.dump" "${at}attempt to call a nil value \(field 'dump'\)" 'return string.dump(print or tostring)'
refused "string.dump as a method" "${at}attempt to call a nil value \(method 'dump'\)" 'return ("x"):dump()'
refused "dofile" "${at}attempt to call a nil value \(global 'dofile'\)" 'return dofile("/etc/passwd")'
refused "loadfile" "${at}attempt to call a nil value \(global 'loadfile'\)" 'return loadfile("/etc/passwd")'
refused "debug" "${at}attempt to index a nil value \(global 'debug'\)" 'return debug.getinfo(1)'
refused "os.getenv" "${at}attempt to call a nil value \(field 'getenv'\)" 'return os.getenv("HOME")'
refused "an endless loop" "${at}instruction budget of 2000000 exceeded" 'while true do end'
refused "an endless loop caught by pcall" "${at}instruction budget of 2000000 exceeded" \
    'while true do pcall(function() while true do end end) end'
refused "a memory bomb" "${at}memory limit of 16000000 bytes exceeded" 'local s = "x" while true do s = s .. s end'
refused "a memory bomb caught by pcall" "${at}memory limit of 16000000 bytes exceeded" \
    'local t = {} while true do pcall(function() t[#t + 1] = string.rep("x", 1e6) end) end'
refused "deep recursion" "${at}(stack overflow|memory limit of 16000000 bytes exceeded)" 'local function f(n) return 1 + f(n + 1) end return f(1)'
refused "writing to Values" "${at}attempt to modify a read-only table" 'Values.x = 1'
refused "a runtime error" "${at}attempt to perform arithmetic" 'local x = nil' 'return x + 1'
refused "a syntax error" "${at}syntax error" 'this is not lua'
refused "a number returned" "esc/templates/x\.lua: a template returns a YAML string, a resource table or a list of them, not a number" 'return 42'
refused "an error object" "esc/templates/x\.lua: the script raised a table value" 'error({})'

# A chart function failing inside a Go template: helm's error, pointing at the Lua file and line.
rm "$chart/templates/x.lua"
printf 'return {boom = function()\n  error("no luck")\nend}\n' >"$chart/functions/f.lua"
printf 'x: {{ boom }}\n' >"$chart/templates/uses.yaml"
refused "a failing chart function" '.*error calling boom: esc/functions/f\.lua:2: no luck' 'return nil'
printf 'return {quote = function() return 1 end}\n' >"$chart/functions/f.lua"
refused "a chart function named like a template function" 'chart function "quote" of esc has the name of a template function' 'return nil'
printf 'return {["bad-name"] = function() return 1 end}\n' >"$chart/functions/f.lua"
refused "a chart function a template cannot call" 'esc/functions/f\.lua: "bad-name" is not a name a template can call' 'return nil'
rm "$chart/functions/f.lua" "$chart/templates/uses.yaml"
CELM_RENDER_LUA_MAX_MEMORY=lots refused "a bad setting" '.*celm-render-lua.so: create failed: render-lua: the setting max_memory must be a positive whole number' 'return nil'
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
