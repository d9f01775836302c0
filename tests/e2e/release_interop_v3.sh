#!/usr/bin/env bash
# release_interop_v3.sh: celm and helm v3.21.4 take turns on the same releases: helm 3's records
# (client-side applied, no apply method) upgraded, rolled back and uninstalled by celm, and
# celm's records driven by helm 3. Each mixed sequence is compared with the same sequence done by
# helm 3 and helm v4.2.4 (celm renders as helm 4 does). Arguments: celm binary, helm v3 binary,
# helm v4 binary, chart. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
helm4=$3
chart=$4
ns=interop-v3-$$

mask_times() {
    sed -E 's/[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/<time>/g'
}
turns() {   # turns FIRST SECOND NAMESPACE: install, upgrade, upgrade, rollback, rollback, upgrade
    "$1" install life "$chart" -n "$3" --create-namespace >/dev/null 2>&1
    "$2" upgrade life "$chart" -n "$3" --set replicaCount=2 >/dev/null 2>&1
    "$1" upgrade life "$chart" -n "$3" --reuse-values --set service.port=81 >/dev/null 2>&1
    "$2" rollback life 1 -n "$3" >/dev/null 2>&1
    "$1" rollback life -n "$3" >/dev/null 2>&1
    "$2" upgrade life "$chart" -n "$3" --reset-then-reuse-values --set image.tag=t >/dev/null 2>&1
}
compare_with_twin() {   # compare_with_twin NAMESPACE TWIN_NAMESPACE DESCRIPTION
    for what in history "get values" "get manifest" "get notes" "get hooks"; do
        "$helm" $what life -n "$1" | mask_times >"$scratch/mixed"
        "$helm" $what life -n "$2" | sed "s/$2/$1/g" | mask_times >"$scratch/alone"
        same "helm 3 $what after $3 equals helm 3 and helm 4 doing the same" "$scratch/alone" "$scratch/mixed"
    done
}

turns "$helm" "$celm" "$ns-h3-first"
turns "$helm" "$helm4" "$ns-twin"
turns "$celm" "$helm" "$ns-celm-first"
turns "$helm4" "$helm" "$ns-twin-4"
compare_with_twin "$ns-h3-first" "$ns-twin" "helm 3 and celm taking turns (helm 3 first)"
compare_with_twin "$ns-celm-first" "$ns-twin-4" "celm and helm 3 taking turns (celm first)"
"$celm" history life -n "$ns-twin" | mask_times >"$scratch/celm-history"
"$helm" history life -n "$ns-twin" | mask_times >"$scratch/helm-history"
same "celm history of helm 3's release equals helm 3's" "$scratch/helm-history" "$scratch/celm-history"
"$celm" get values life -n "$ns-twin" --all >"$scratch/celm-values"
"$helm" get values life -n "$ns-twin" --all >"$scratch/helm-values"
same "celm get values --all of helm 3's release equals helm 3's" "$scratch/helm-values" "$scratch/celm-values"
api_get "/api/v1/namespaces/$ns-h3-first/services/life-hello" >"$scratch/service.json"
api_get "/api/v1/namespaces/$ns-twin/services/life-hello" >"$scratch/service-twin.json"
api_get "/apis/apps/v1/namespaces/$ns-h3-first/deployments/life-hello" >"$scratch/deployment.json"
api_get "/apis/apps/v1/namespaces/$ns-twin/deployments/life-hello" >"$scratch/deployment-twin.json"
check "celm applies helm 3's releases client-side as helm 4 does: same objects, same field managers" python3 -c '
import json, sys
def shape(path):
    o = json.load(open(path))
    managers = sorted({(m["manager"], m["operation"]) for m in o["metadata"]["managedFields"]})
    spec = dict(o["spec"]); spec.pop("clusterIP", None); spec.pop("clusterIPs", None)
    annotations = dict(o["metadata"].get("annotations", {}))
    annotations.pop("meta.helm.sh/release-namespace", None)
    annotations.pop("deployment.kubernetes.io/revision", None)
    return managers, spec, o["metadata"].get("labels"), annotations
for mixed, twin in ((sys.argv[1], sys.argv[2]), (sys.argv[3], sys.argv[4])):
    a, b = shape(mixed), shape(twin)
    assert a == b, (a, b)
    assert ("helm", "Update") in a[0] and ("helm", "Apply") not in a[0], a[0]
' "$scratch/service.json" "$scratch/service-twin.json" "$scratch/deployment.json" "$scratch/deployment-twin.json"
check "celm uninstalls helm 3's release" "$celm" uninstall life -n "$ns-twin"
check "helm 3 uninstalls celm's release" "$helm" uninstall life -n "$ns-celm-first"
check "no release is left behind in those namespaces" bash -c \
    "! '$helm' list -a -n '$ns-twin' -q | grep -q . && ! '$celm' list -n '$ns-celm-first' -q | grep -q ."
echo "release interop with helm 3: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
