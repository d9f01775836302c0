#!/usr/bin/env bash
# example_matches_go.sh: examples/mysql-repl-lua renders the same resources (parsed YAML) as the
# Go-template examples/mysql-repl, with its defaults and with other values.
source "$(dirname "$0")/../cli/peer_lib.sh" "$1" "$2" "$3"
for values in "" "--set replicas=3 --set persistence.storageClassName=fast --set readService.port=3307"; do
    # shellcheck disable=SC2086
    "$celm" template db "$corpus/mysql-repl" $values >"$scratch/go.yaml"
    "$celm" template db "$corpus/mysql-repl-lua" $values >"$scratch/lua.yaml"
    if python3 - "$scratch/go.yaml" "$scratch/lua.yaml" <<'PY'
import sys, yaml
def resources(path):
    return sorted((d for d in yaml.safe_load_all(open(path)) if d), key=lambda d: (d["kind"], d["metadata"]["name"]))
go, lua = resources(sys.argv[1]), resources(sys.argv[2])
sys.exit(0 if go == lua and len(go) == 4 else 1)
PY
    then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL resources differ with [$values]"; diff "$scratch/go.yaml" "$scratch/lua.yaml" | head -30; fi
done
grep -q '^# Source: mysql-repl/templates/statefulset.lua$' "$scratch/lua.yaml" && passed=$((passed + 1)) ||
    { failed=$((failed + 1)); echo "FAIL the StatefulSet was not rendered from Lua"; }
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
