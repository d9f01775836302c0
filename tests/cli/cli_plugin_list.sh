#!/usr/bin/env bash
# cli_plugin_list.sh: `celm plugin list` shows every plugin on the search path, its ABI and load status.
# The celm of the build tree finds the build tree's plugins (lib/celm/plugins) by itself.
source "$(dirname "$0")/lib.sh"
build_plugins=$(cd "$(dirname "$CELM")/../lib/celm/plugins" && pwd)
abi_header="$(dirname "$0")/../../sdk/include/celm/abi.h"
abi_version=$(sed -n 's/^#define CELM_ABI_MAJOR \([0-9]*\)$/\1/p' "$abi_header").$(sed -n 's/^#define CELM_ABI_MINOR \([0-9]*\)$/\1/p' "$abi_header")

# cells ROW: the tab-separated cells of table line ROW of $OUT, padding removed, joined by '|'.
cells() {
    sed -n "${1}p" "$OUT" | awk -F'\t' '{ for (i = 1; i <= NF; i++) { sub(/ +$/, "", $i); printf "%s%s", $i, (i < NF ? "|" : "") } }'
}
# row_of NAME STATUS: the cells of the row of that plugin with that status.
row_of() {
    awk -F'\t' -v name="$1" -v status="$2" '{ n = $2; s = $5; sub(/ +$/, "", n); sub(/ +$/, "", s) }
        n == name && s == status' "$OUT"
}

run plugin list
assert "plugin list succeeds when every plugin loads" test "$STATUS" = 0 -a ! -s "$ERR"
assert "header" test "$(cells 1)" = "KIND|NAME|VERSION|ABI|STATUS|PATH"
memory=$(awk -F'\t' -v path="$build_plugins/celm-storage-memory.so" '$6 ~ "^" path " *$"' "$OUT")
assert "the memory storage plugin of the build tree is listed" test -n "$memory"
IFS=$'\t' read -r kind name version abi status path <<< "$memory"
assert "its kind" test "${kind%% *}" = storage
assert "its name" test "${name%% *}" = memory
assert "its version is read from its descriptor" test -n "${version%% *}" -a "${version%% *}" != -
assert "its ABI is major.minor" test "${abi%% *}" = "$abi_version"
assert "its status" test "${status%% *}" = loaded
widths=$(awk -F'\t' '{ line = ""; for (i = 1; i < NF; i++) line = line length($i) " "; print line }' "$OUT" | sort -u | wc -l)
assert "cells are padded to their column's width, as helm's tables" test "$widths" = 1

run plugin ls
assert "ls is list" test "$STATUS" = 0 -a -n "$(row_of memory loaded)"
run plugin list --type hook
assert "--type hook lists the hook executor only" test "$STATUS" = 0 -a "$(wc -l < "$OUT")" = 2 -a -n "$(row_of helm loaded)"
run plugin list --type render
assert "--type render lists render-gotmpl and render-lua only" test "$STATUS" = 0 -a "$(wc -l < "$OUT")" = 3 -a -n "$(row_of gotmpl loaded)" -a -n "$(row_of lua loaded)"
run plugin list --type storage
assert "--type keeps the kind asked for" test -n "$(row_of memory loaded)"

run plugin list -o json
assert "-o json succeeds" test "$STATUS" = 0
assert "-o json is one JSON document listing the memory plugin" python3 -c '
import json, sys
plugins = json.load(open(sys.argv[1]))
assert any(p["kind"] == "storage" and p["name"] == "memory" and p["status"] == "loaded" and p["abi"] == sys.argv[2]
           and p["path"].endswith("/celm-storage-memory.so") for p in plugins), plugins
' "$OUT" "$abi_version"
run plugin list --output=yaml
assert "-o yaml lists the memory plugin" grep -qx '  name: memory' "$OUT"
assert "-o yaml starts a list" grep -q '^- ' "$OUT"
check_error "-o checks the format" 'invalid argument "xml" for "-o, --output" flag: invalid format type' plugin list -o xml

# a file that is not a plugin is refused: listed, explained on stderr, and the exit status is 1
plugins=$TEST_DIRECTORY/plugins
mkdir -p "$plugins"
echo "not a shared object" > "$plugins/celm-storage-broken.so"
run plugin list --plugin-dir "$plugins"
assert "a refused plugin makes plugin list fail" test "$STATUS" = 1
assert "the refused plugin is listed with its status" test -n "$(row_of broken 'load failed')"
assert "its unknown ABI and version are shown as -" \
    test "$(row_of broken 'load failed' | cut -f3,4 | tr -d ' \t')" = "--"
assert "the loaded plugins are still listed" test -n "$(row_of memory loaded)"
assert "one stderr line says why, naming the file" \
    test "$(wc -l < "$ERR")" = 1 -a "$(grep -c "^$plugins/celm-storage-broken.so: " "$ERR")" = 1
run plugin list --plugin-dir "$plugins" -o json
assert "-o json still parses when a plugin is refused, with its message" python3 -c '
import json, sys
plugins = json.load(open(sys.argv[1]))
broken = [p for p in plugins if p["name"] == "broken"][0]
assert broken["status"] == "load failed" and broken["abi"] is None and broken["version"] is None
assert broken["message"].startswith(sys.argv[2]), broken
' "$OUT" "$plugins/celm-storage-broken.so"
assert "-o json fails too" test "$STATUS" = 1

# a plugin earlier in the search path shadows one of the same kind and name later in it
rm "$plugins/celm-storage-broken.so"
cp "$build_plugins/celm-storage-memory.so" "$plugins/"
run plugin list --plugin-dir "$plugins"
assert "shadowing is not a failure" test "$STATUS" = 0
assert "the --plugin-dir copy is the one loaded" \
    test "$(row_of memory loaded | cut -f6 | tr -d ' ')" = "$plugins/celm-storage-memory.so"
assert "the build tree's copy is shadowed" \
    test "$(row_of memory shadowed | cut -f6 | tr -d ' ')" = "$build_plugins/celm-storage-memory.so"
assert "the shadowing is explained on stderr" grep -q "^$build_plugins/celm-storage-memory.so: shadowed" "$ERR"
CELM_PLUGIN_PATH=$plugins run plugin list
assert "CELM_PLUGIN_PATH is searched too" \
    test "$(row_of memory loaded | cut -f6 | tr -d ' ')" = "$plugins/celm-storage-memory.so"

# render-gotmpl is also linked into celm, standing in for the module of celm's own plugin directories;
# a render-gotmpl earlier in the search path is still the one used.
chart=$TEST_DIRECTORY/chart
mkdir -p "$chart/templates"
printf 'apiVersion: v2\nname: chart\nversion: 0.1.0\n' > "$chart/Chart.yaml"
printf 'kind: {{ .Chart.Name }}\n' > "$chart/templates/kind.yaml"
run template "$chart"
assert "template renders with celm's own render-gotmpl" grep -qx 'kind: chart' "$OUT"
echo "not a shared object" > "$plugins/celm-render-gotmpl.so"
run template "$chart" --plugin-dir "$plugins"
assert "a render-gotmpl in --plugin-dir is preferred to the built-in one" \
    test "$STATUS" = 1 -a "$(grep -c "$plugins/celm-render-gotmpl.so: cannot be loaded" "$ERR")" = 1

finish
