#!/usr/bin/env bash
# apply_modes.sh: one story of installs and upgrades told twice, by helm v4.2.4 and by celm, each
# in its own namespace: a client-side install, objects changed by another field manager, a
# client-side upgrade (strategic merge for built-in kinds, JSON merge for a custom resource),
# --force-replace, --cleanup-on-fail, a move to server-side apply, refused combinations, a
# rollback dry run and an uninstall that keeps the history with its own description.
# After every step the live objects (fields, managers) and the command's output must be the same.
# Arguments: celm binary, helm v4 binary, chart, CRD (JSON). Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
chart=$3
crd=$4
ns=apply-$$

api_send() {   # api_send METHOD PATH CONTENT_TYPE BODY
    curl -sf -o /dev/null -X "$1" -H "Content-Type: $3" --data-binary "$4" \
        --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$server$2"
}

ensure_crd() {
    api_send POST /apis/apiextensions.k8s.io/v1/customresourcedefinitions application/json "@$crd" || true
    for _ in $(seq 50); do
        [ "$(api_status /apis/test.celm.io/v1/widgets)" = 200 ] && return 0
        sleep 0.2
    done
    return 1
}

# The objects of release r in namespace $1, without what the server makes up (uids, times,
# versions, allocated IPs, status) and with the namespace written as NS, into file $2.
snapshot() {
    local base=/api/v1/namespaces/$1
    api_get "/apis/apps/v1/namespaces/$1/deployments/r-web" >"$scratch/deployment.json"
    api_get "$base/services/r-web" >"$scratch/service.json"
    api_get "$base/configmaps/r-data" >"$scratch/configmap.json"
    api_get "/apis/test.celm.io/v1/namespaces/$1/widgets/r-widget" >"$scratch/widget.json"
    python3 -c '
import json, sys
def clean(o):
    m = o["metadata"]
    for k in ("uid", "resourceVersion", "creationTimestamp", "generation"):
        m.pop(k, None)
    m["managedFields"] = sorted(({k: v for k, v in f.items() if k != "time"} for f in m.get("managedFields", [])),
                                key=lambda f: (f["manager"], f["operation"]))
    o.pop("status", None)
    for k in ("clusterIP", "clusterIPs"):
        o.get("spec", {}).pop(k, None)
    return o
for path in sys.argv[1:]:
    print(json.dumps(clean(json.load(open(path))), indent=1, sort_keys=True))
' "$scratch"/deployment.json "$scratch"/service.json "$scratch"/configmap.json "$scratch"/widget.json \
        | sed "s/$1/NS/g" >"$2"
    echo "extra: $(api_status "$base/configmaps/r-extra")" >>"$2"
    echo "broken: $(api_status "$base/services/r-broken")" >>"$2"
}

someone_else_edits() {   # another field manager changes the objects of release r in namespace $1
    api_send PATCH "/apis/apps/v1/namespaces/$1/deployments/r-web?fieldManager=other" \
        application/strategic-merge-patch+json \
        '{"metadata":{"annotations":{"other/touched":"yes"}},"spec":{"template":{"spec":{"containers":[{"name":"main","env":[{"name":"EXTERNAL","value":"x"}]}]}}}}'
    api_send PATCH "/api/v1/namespaces/$1/services/r-web?fieldManager=other" application/merge-patch+json \
        '{"metadata":{"labels":{"other":"yes"}}}'
    api_send PATCH "/apis/test.celm.io/v1/namespaces/$1/widgets/r-widget?fieldManager=other" \
        application/merge-patch+json '{"spec":{"owner":"other"}}'
}

story() {   # story TOOL NAMESPACE DIR
    local tool=$1 n=$2 dir=$3
    mkdir -p "$dir"
    step "$tool" "$n" "$dir" 1-install install r "$chart" --server-side=false --create-namespace
    someone_else_edits "$n"
    snapshot "$n" "$dir/1-objects"
    step "$tool" "$n" "$dir" 2-upgrade upgrade r "$chart" --set sidecar=true,volume=emptyDir,strategy=Recreate \
        --set labels.tier=api,data.two=null --set-json 'env=[{"name":"C","value":"3"},{"name":"B","value":"2b"}]' \
        --set-json 'ports=[443,8080]' --set-json 'widget={"size":4,"tags":["c"]}'
    snapshot "$n" "$dir/2-objects"
    step "$tool" "$n" "$dir" 3-replace upgrade r "$chart" --reuse-values --force-replace --set tag=1.26
    snapshot "$n" "$dir/3-objects"
    step "$tool" "$n" "$dir" 4-cleanup upgrade r "$chart" --reuse-values --set extra=true,broken=true --cleanup-on-fail
    snapshot "$n" "$dir/4-objects"
    step "$tool" "$n" "$dir" 5-server-side upgrade r "$chart" --server-side=true
    snapshot "$n" "$dir/5-objects"
    step "$tool" "$n" "$dir" 6-replace-ssa upgrade r "$chart" --force-replace
    step "$tool" "$n" "$dir" 7-exclusive upgrade r "$chart" --force-replace --force-conflicts
    step "$tool" "$n" "$dir" 8-strict upgrade r "$chart" --set bogusField=true
    step "$tool" "$n" "$dir" 9-rollback rollback r 2 --server-side=false
    snapshot "$n" "$dir/9-objects"
    step "$tool" "$n" "$dir" 10-rollback-dry-run rollback r 1 --dry-run=client
    step "$tool" "$n" "$dir" 11-uninstall uninstall r --keep-history --description "gone for now"
    "$tool" history r -n "$n" | sed -E "s/$n/NS/g; s/[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/<time>/" \
        >"$dir/history"
}

check "the Widget CRD is established" ensure_crd
twin_stories story "$ns"
check "the client-side upgrade kept the other manager's changes" \
    grep -q '"other/touched": "yes"' "$scratch/celm/2-objects"
check "--cleanup-on-fail removed the ConfigMap the failed upgrade created" grep -qx 'extra: 404' "$scratch/celm/4-objects"
echo "apply modes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
