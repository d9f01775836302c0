#!/usr/bin/env bash
# wait.sh: --wait (helm 4's kstatus watcher) and --wait-for-jobs on the workload cluster, told by
# helm v4.2.4 and by celm: a release whose Deployment becomes available and whose Job completes
# after a delay, one whose Job fails, one whose pods can never be scheduled (timing out), and a
# rollback that waits, and --rollback-on-failure (--atomic) undoing a failed install and upgrade. The outputs, errors and histories must be the same; celm's own progress
# lines ("waiting for ...") are set aside before comparing, and must name what it waited for.
# Arguments: celm binary, helm v4 binary, chart. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
chart=$3
ns=wait-$$

story() {   # story TOOL NAMESPACE DIR
    local tool=$1 n=$2 dir=$3
    mkdir -p "$dir"
    step "$tool" "$n" "$dir" 1-ready install good "$chart" --create-namespace --wait --wait-for-jobs --timeout 60s
    step "$tool" "$n" "$dir" 2-job-fails install bad "$chart" --set jobFails=true,jobDelay=0s --wait --wait-for-jobs
    step "$tool" "$n" "$dir" 3-times-out install stuck "$chart" --set unschedulable=true,jobDelay=0s --wait \
        --timeout 4s
    step "$tool" "$n" "$dir" 4-upgrade-times-out upgrade good "$chart" --set unschedulable=true --wait --timeout 4s
    step "$tool" "$n" "$dir" 5-rollback-waits rollback good 1 --wait --timeout 60s
    step "$tool" "$n" "$dir" 6-install-rolled-back install gone "$chart" --set jobFails=true,jobDelay=0s \
        --wait-for-jobs --rollback-on-failure
    step "$tool" "$n" "$dir" 7-upgrade-rolled-back upgrade good "$chart" --set unschedulable=true --atomic --timeout 4s
    step "$tool" "$n" "$dir" 8-legacy-ready install lgood "$chart" --wait=legacy --wait-for-jobs --timeout 60s
    step "$tool" "$n" "$dir" 9-legacy-times-out install lstuck "$chart" --set unschedulable=true,jobDelay=0s \
        --wait=legacy --timeout 4s
    step "$tool" "$n" "$dir" 10-legacy-job-fails install lbad "$chart" --set jobFails=true,jobDelay=0s --wait=legacy \
        --wait-for-jobs --timeout 6s
    for release in good bad stuck gone lgood lstuck lbad; do
        { "$tool" history "$release" -n "$n" 2>&1 || true; } | sed -E "s/$n/NS/g; s/[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/<time>/"
    done >"$dir/histories"
    if [ "$tool" = "$celm" ]; then   # celm's progress lines, kept apart
        grep -h '^waiting for ' "$dir"/*.err >"$scratch/progress" || true
        sed -i '/^waiting for /d' "$dir"/*.err
    fi
}

twin_stories story "$ns"
check "celm showed what it was waiting for" grep -q '^waiting for Deployment/NS/stuck-web: ' "$scratch/progress"
echo "wait: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
