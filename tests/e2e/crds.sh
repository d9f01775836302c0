#!/usr/bin/env bash
# crds.sh: a chart's crds/ objects go on the cluster before the rest of an install, as helm v4.2.4
# puts them, and celm waits until they are Established so the chart's own objects of the new kind
# map at once; --skip-crds leaves them out, a server dry run only warns, and celm's opt-in
# `upgrade --upgrade-crds` applies a changed CRD that helm's upgrade leaves alone.
# Arguments: celm binary, helm v4 binary, chart. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
chart=$3
ns=crds-$$
crd=/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.crd.celm.io

check "the CRD does not exist yet" test "$(api_status "$crd")" = 404
mkdir -p "$scratch/helm" "$scratch/celm"
step "$celm" "$ns-celm" "$scratch/celm" skip-crds install skipped "$chart" --create-namespace --skip-crds
step "$helm" "$ns-helm" "$scratch/helm" skip-crds install skipped "$chart" --create-namespace --skip-crds
check "--skip-crds: the CRD is not created" test "$(api_status "$crd")" = 404
step "$celm" "$ns-celm" "$scratch/celm" dry-run install dry "$chart" --dry-run=server --create-namespace
step "$helm" "$ns-helm" "$scratch/helm" dry-run install dry "$chart" --dry-run=server --create-namespace
check "a server dry run does not create it either" test "$(api_status "$crd")" = 404
step "$celm" "$ns-celm" "$scratch/celm" install install r "$chart" --create-namespace
check "celm created the CRD" test "$(api_status "$crd")" = 200
check "and the chart's Gadget of that kind" test \
    "$(api_status "/apis/crd.celm.io/v1/namespaces/$ns-celm/gadgets/r-gadget")" = 200
step "$helm" "$ns-helm" "$scratch/helm" install install r "$chart" --create-namespace
cp -r "$chart" "$scratch/changed"
sed -i 's/    singular: gadget/    singular: gadget\n    shortNames: [gd]/' "$scratch/changed/crds/gadgets.yaml"
step "$celm" "$ns-celm" "$scratch/celm" upgrade upgrade r "$scratch/changed" --set size=2
step "$helm" "$ns-helm" "$scratch/helm" upgrade upgrade r "$scratch/changed" --set size=2
check "a plain upgrade leaves the CRD alone, as helm's" bash -c "! curl -sf --cacert '$pki/ca.crt' \
    --cert '$pki/admin.crt' --key '$pki/admin.key' '$server$crd' | grep -q shortNames"
check "upgrade --upgrade-crds applies the changed CRD" "$celm" upgrade r "$scratch/changed" -n "$ns-celm" \
    --upgrade-crds --set size=3
check "the CRD now has the short name" bash -c "curl -sf --cacert '$pki/ca.crt' --cert '$pki/admin.crt' \
    --key '$pki/admin.key' '$server$crd' | grep -q '\"gd\"'"
for file in "$scratch/helm"/*; do
    same "$(basename "$file"): celm equals helm" "$file" "$scratch/celm/$(basename "$file")"
done
"$celm" uninstall r -n "$ns-celm" >/dev/null && "$helm" uninstall r -n "$ns-helm" >/dev/null
check "uninstall keeps the CRD, as helm does" test "$(api_status "$crd")" = 200
curl -sf -o /dev/null -X DELETE --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$server$crd" || true
echo "crds: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
