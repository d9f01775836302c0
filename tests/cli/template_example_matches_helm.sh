#!/usr/bin/env bash
# template_example_matches_helm.sh: the demo's `celm template` of examples/hello prints what helm v4.2.4 prints.
set -euo pipefail
celm=$1 helm=$2 chart=$3
[ -x "$helm" ] || { echo "no helm at $helm (run scripts/test-peers)"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HELM_CONFIG_HOME=$scratch/config HELM_CACHE_HOME=$scratch/cache HELM_DATA_HOME=$scratch/data
failed=0
for flags in "" "--set replicaCount=2 --set service.type=NodePort" "--set ingress.enabled=true --skip-tests"; do
    # shellcheck disable=SC2086
    "$helm" template demo "$chart" $flags >"$scratch/h.out"
    # shellcheck disable=SC2086
    "$celm" template demo "$chart" $flags >"$scratch/c.out"
    if cmp -s "$scratch/h.out" "$scratch/c.out" && [ -s "$scratch/c.out" ]; then
        echo "ok: template demo examples/hello $flags"
    else
        echo "FAIL: template demo examples/hello $flags"
        diff "$scratch/h.out" "$scratch/c.out" | head -20
        failed=1
    fi
done
exit $failed
