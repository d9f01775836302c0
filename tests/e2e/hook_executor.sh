#!/usr/bin/env bash
# hook_executor.sh: a third party's hook executor (tests/sdk/hook-ledger), built from the installed
# SDK alone, replaces celm's through $CELM_HOOK_EXECUTOR: celm hands it each event's hooks and
# records what it returns; nothing of the hooks reaches the cluster. Arguments: build dir, source
# dir, celm binary, helm binary, chart. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$3" "$4"
build_dir=$1 source_dir=$2 chart=$5
ns=ledger-$$

cmake --install "$build_dir" --prefix "$scratch/prefix" >/dev/null
cmake -S "$source_dir/tests/sdk/hook-ledger" -B "$scratch/ledger" -DCMAKE_PREFIX_PATH="$scratch/prefix" >/dev/null
cmake --build "$scratch/ledger" >/dev/null
check "the ledger executor was built from the installed SDK" test -f "$scratch/ledger/celm-hook-ledger.so"

export CELM_HOOK_EXECUTOR=ledger CELM_HOOK_LEDGER=$scratch/ledger.txt
check "celm installs with the ledger executor" "$celm" install r "$chart" -n "$ns" --create-namespace \
    --plugin-dir "$scratch/ledger"
check "upgrade too" "$celm" upgrade r "$chart" -n "$ns" --plugin-dir "$scratch/ledger" --set generation=2
printf '%s\n' "pre-install r-migrate" "post-install r-post-install-post-upgrade" "post-install r-marker" \
    "pre-upgrade r-migrate" "post-upgrade r-post-install-post-upgrade" >"$scratch/expected"
same "it was asked for each event's hooks in weight then name order" "$scratch/expected" "$scratch/ledger.txt"
"$helm" get hooks r -n "$ns" >/dev/null
check "helm reads the upgrade's hooks it recorded as succeeded, the others as not run" \
    bash -c "'$helm' status r -n '$ns' -o json | python3 -c '
import json, sys
hooks = {h[\"name\"]: h[\"last_run\"][\"phase\"] for h in json.load(sys.stdin)[\"hooks\"]}
assert hooks[\"r-migrate\"] == hooks[\"r-post-install-post-upgrade\"] == \"Succeeded\", hooks
assert hooks[\"r-marker\"] == \"\", hooks'"
check "no hook object reached the cluster" test "$(api_status "/apis/batch/v1/namespaces/$ns/jobs/r-migrate")" = 404
check "the release's own objects did" test "$(api_status "/api/v1/namespaces/$ns/configmaps/r-main")" = 200
echo "hook executor from the SDK: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
