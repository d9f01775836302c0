#!/usr/bin/env bash
# workloads.sh: the workload cluster (scripts/cluster start --workloads) makes workloads progress
# the way a real node would, with helm v4.2.4's --wait as the judge: Deployments become
# available, a Job's pod succeeds after its celm.test/delay, and one annotated celm.test/fail
# fails; claims bind to pre-made volumes. Arguments: celm binary, helm v4 binary, chart. Needs
# KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
chart=$3
ns=workloads-$$

waits_at_least() {   # waits_at_least SECONDS COMMAND...: COMMAND succeeds, taking SECONDS or more
    local least=$1 start=$SECONDS
    shift
    "$@" && [ $((SECONDS - start)) -ge "$least" ]
}
check "the fake node is Ready" bash -c "curl -sf --cacert '$pki/ca.crt' --cert '$pki/admin.crt' \
    --key '$pki/admin.key' '$server/api/v1/nodes/kwok-node-0' | grep -q '\"kwok.x-k8s.io/node\"'"
check "a Deployment becomes available and a Job completes after its delay" waits_at_least 3 \
    "$helm" install good "$chart" -n "$ns" --create-namespace --wait --wait-for-jobs --timeout 60s
"$helm" install bad "$chart" -n "$ns" --set jobFails=true,jobDelay=0s --wait --wait-for-jobs --timeout 60s \
    >/dev/null 2>"$scratch/bad.err" || true
check "a Job whose pod is annotated to fail fails" grep -q "Job/$ns/bad-job not ready. status: Failed" "$scratch/bad.err"
check "the failed pod exited with code 1" bash -c "curl -sf --cacert '$pki/ca.crt' --cert '$pki/admin.crt' \
    --key '$pki/admin.key' '$server/api/v1/namespaces/$ns/pods?labelSelector=job-name%3Dbad-job' |
    grep -q '\"exitCode\": *1'"
claim='{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
  "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"","resources":{"requests":{"storage":"1Gi"}}}}'
curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "$claim" --cacert "$pki/ca.crt" \
    --cert "$pki/admin.crt" --key "$pki/admin.key" "$server/api/v1/namespaces/$ns/persistentvolumeclaims"
claim_bound() {
    for _ in $(seq 100); do
        curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
            "$server/api/v1/namespaces/$ns/persistentvolumeclaims/data" | grep -q '"phase": *"Bound"' && return 0
        sleep 0.2
    done
    return 1
}
check "a claim without a storage class binds to a pre-made volume" claim_bound
"$helm" uninstall good bad -n "$ns" >/dev/null 2>&1 || true
echo "workloads: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
