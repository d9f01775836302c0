#!/usr/bin/env bash
# plugin_list_refusals.sh: `celm plugin list` shows every fixture's status and names each refused file.
set -euo pipefail
celm=$1 fixtures=$2
minor=$(sed -n 's/^#define CELM_ABI_MINOR \([0-9]*\)$/\1/p' "$(dirname "$0")/../../sdk/include/celm/abi.h")
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

status=0
"$celm" plugin list --plugin-dir "$fixtures" >"$out" 2>"$err" || status=$?
[ "$status" -eq 1 ] || { echo "expected exit 1 when plugins are refused, got $status"; exit 1; }

expect_row() {  # expect_row NAME STATUS
    grep -qE "^storage[[:space:]]+$1[[:space:]].*[[:space:]]$2[[:space:]]+$fixtures/celm-storage-$1\.so" "$out" \
        || { echo "no row for $1 with status '$2'"; cat "$out"; exit 1; }
}
expect_reason() {  # expect_reason NAME TEXT
    grep -qF "$fixtures/celm-storage-$1.so: $2" "$err" \
        || { echo "no refusal line for $1 saying '$2'"; cat "$err"; exit 1; }
}

expect_row good loaded
expect_row badmajor "ABI major mismatch"
expect_row newerminor "newer ABI minor"
expect_row nosymbol "symbol missing"
expect_row createfails "create failed"
expect_row missingdep "dependency missing"
expect_row wrongname "bad descriptor"
expect_reason badmajor "ABI major mismatch: built for plugin ABI 2.0, this celm provides 1.$minor"
expect_reason newerminor "newer ABI minor than the core: built for plugin ABI 1.$((minor + 3))"
expect_reason nosymbol "does not export the entry symbol celm_plugin_storage_nosymbol"
expect_reason createfails "create failed: fixture refuses to start: no backend configured"
expect_reason missingdep "a library it depends on is missing (libcelm_fixture_dependency.so"
expect_reason wrongname "its descriptor names another kind or name than its file name"
if grep -q "celm-storage-good.so" "$err"; then echo "a loaded plugin was reported as refused"; exit 1; fi
echo "plugin list: 6 refusals named with their reasons, 1 fixture loaded"
