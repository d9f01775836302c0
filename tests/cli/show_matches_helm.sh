#!/usr/bin/env bash
# show_matches_helm.sh: `celm show` prints what helm v4.2.4's `helm show` prints, for every corpus chart.
source "$(dirname "$0")/peer_lib.sh"
[ -d "$corpus/stable" ] || { echo "no chart corpus at $corpus"; exit 1; }

compare() {  # compare PART CHART
    local h=0 c=0
    "$helm" show "$1" "$2" >"$scratch/helm.out" 2>"$scratch/helm.err" || h=$?
    "$celm" show "$1" "$2" >"$scratch/celm.out" 2>"$scratch/celm.err" || c=$?
    if [ "$h" != "$c" ] || ! cmp -s "$scratch/helm.out" "$scratch/celm.out"; then
        echo "DIFFERS: show $1 $2 (exit $h vs $c)"
        diff "$scratch/helm.out" "$scratch/celm.out" | head -5 || true
        return 1
    fi
}

checked=0 failed=0
for chart in "$corpus"/stable/* "$corpus"/incubator/*; do
    compare all "$chart" || failed=$((failed + 1))
    checked=$((checked + 1))
done
for chart in "$corpus"/stable/mysql "$corpus"/stable/prometheus-operator "$corpus"/stable/nginx-ingress; do
    for part in chart values readme crds; do
        compare "$part" "$chart" || failed=$((failed + 1))
        checked=$((checked + 1))
    done
done
echo "$((checked - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
