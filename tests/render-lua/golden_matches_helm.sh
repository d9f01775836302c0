#!/usr/bin/env bash
# golden_matches_helm.sh: `celm template` of each case's Lua chart prints what helm v4.2.4 prints for
# its Go-template twin, byte for byte, once `# Source:` lines name the .lua files as .yaml.
source "$(dirname "$0")/../cli/peer_lib.sh" "$1" "$2" "$3"
for case in "$corpus"/*/; do
    name=$(basename "$case")
    "$helm" template rel "$case/go" >"$scratch/helm.out"
    "$celm" template rel "$case/lua" | sed -E 's|^(# Source: .*)\.lua$|\1.yaml|' >"$scratch/celm.out"
    if cmp -s "$scratch/helm.out" "$scratch/celm.out"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL $name"; diff "$scratch/helm.out" "$scratch/celm.out" | head -20; fi
    grep -q '^# Source: .*\.lua$' <("$celm" template rel "$case/lua") && passed=$((passed + 1)) ||
        { failed=$((failed + 1)); echo "FAIL $name: no template was rendered by render-lua"; }
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
