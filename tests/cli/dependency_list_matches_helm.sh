#!/usr/bin/env bash
# dependency_list_matches_helm.sh: `celm dependency list` prints what helm v4.2.4 prints, for every corpus chart.
source "$(dirname "$0")/peer_lib.sh"
[ -d "$corpus/stable" ] || { echo "no chart corpus at $corpus"; exit 1; }
for chart in "$corpus"/*/*; do
    hs=0 cs=0
    "$helm" dependency list "$chart" >"$scratch/h" 2>&1 || hs=$?
    "$celm" dependency list "$chart" >"$scratch/c" 2>&1 || cs=$?
    if [ "$hs" = "$cs" ] && cmp -s "$scratch/h" "$scratch/c"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1)); echo "DIFFERS: dependency list $chart"; diff "$scratch/h" "$scratch/c" | head -5 || true
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
