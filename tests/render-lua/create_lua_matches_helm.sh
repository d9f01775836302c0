#!/usr/bin/env bash
# create_lua_matches_helm.sh: the chart `celm create NAME --lua` writes renders the same resources
# (compared as parsed YAML) as helm v4.2.4's `helm create NAME`, and its workloads are Lua templates.
source "$(dirname "$0")/../cli/peer_lib.sh" "$1" "$2"
cd "$scratch"
"$helm" create shop >/dev/null && mkdir lua && (cd lua && "$celm" create shop --lua >/dev/null)
for file in deployment service serviceaccount; do
    if [ -f "lua/shop/templates/$file.lua" ] && [ ! -e "lua/shop/templates/$file.yaml" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL templates/$file.lua is not what --lua wrote"; fi
done
for values in "" "--set serviceAccount.create=false --set autoscaling.enabled=true --set podLabels.tier=web"; do
    # shellcheck disable=SC2086
    "$helm" template rel shop $values >helm.yaml && "$celm" template rel lua/shop $values >celm.yaml
    if python3 - helm.yaml celm.yaml <<'PY'
import sys, yaml
def resources(path):
    return sorted((d for d in yaml.safe_load_all(open(path)) if d), key=lambda d: (d["kind"], d["metadata"]["name"]))
sys.exit(0 if resources(sys.argv[1]) == resources(sys.argv[2]) else 1)
PY
    then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL resources differ with [$values]"; diff helm.yaml celm.yaml | head -20; fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
