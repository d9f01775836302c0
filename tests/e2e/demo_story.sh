#!/usr/bin/env bash
# demo_story.sh: the README's demo story runs on the local cluster, and helm v4.2.4 agrees with
# what it left behind. Arguments: celm binary, helm binary. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
root=$(cd "$(dirname "$0")/../.." && pwd)
ns=demo-$$

check "the story runs to its end" "$root/scripts/demo-story" "$celm" "$ns"
"$root/scripts/demo-story" "$celm" "$ns-again" >"$scratch/story.out" 2>&1 || true
check "it shows the upgrade" grep -q 'Release "db" has been upgraded. Happy Helming!' "$scratch/story.out"
check "it shows the rollback" grep -q 'Rollback was a success! Happy Helming!' "$scratch/story.out"
check "it shows the NOTES about Pending claims" grep -q 'claims' "$scratch/story.out"
"$helm" history db -n "$ns" >"$scratch/history"
awk -F'\t' 'NR > 1 { gsub(/ /, "", $1); gsub(/ /, "", $3); printf "%s %s;", $1, $3 }' "$scratch/history" >"$scratch/states"
check "helm sees three revisions, the last uninstalled" grep -qx '1 superseded;2 superseded;3 uninstalled;' "$scratch/states"
check "the rollback restored two replicas in the kept revision" bash -c \
    "'$helm' get manifest db -n '$ns' | grep -qx '  replicas: 2'"
check "the StatefulSet is gone" test "$(api_status "/apis/apps/v1/namespaces/$ns/statefulsets/db-mysql-repl")" = 404
echo "demo story: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
