#!/usr/bin/env bash
# hooks.sh: a release's hooks for every event, run by helm v4.2.4 and by celm on the workload
# cluster, each in its own namespace: after every step the output, the recorded hooks (phases,
# policies, weights), the history and which hook objects exist must be the same. Also: a pre-install
# Job that takes its time holds the install back (nothing of the release exists until it is done),
# a failing or slow hook fails the release with helm's words, --no-hooks runs none, and `test` runs
# the test pods (filtered by name) and reports a failing one as helm does; a hook asking for its
# pod logs (hook-output-log-policy) gets them, or helm's line when the node cannot serve them.
# Arguments: celm binary, helm v4 binary, chart. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
chart=$3
ns=hooks-$$

# The release's hooks as recorded (times reduced to which ones are set), its status, and which
# objects of release r exist, into file $3.
recorded() {   # recorded TOOL NAMESPACE FILE
    {
        "$helm" status r -n "$2" -o json 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)
for h in r.get("hooks", []):
    run = h["last_run"]
    print(h["name"], h["kind"], h.get("weight"), h.get("delete_policies"), h["events"], run["phase"],
          sorted(k for k in run if run[k]))
print(r["info"]["status"], "|", r["info"]["description"])' || echo "no release"
        for object in pods/r-test-ok pods/r-test-bad configmaps/r-main configmaps/r-marker configmaps/r-post-install-post-upgrade \
            configmaps/r-pre-rollback configmaps/r-post-rollback configmaps/r-pre-delete configmaps/r-post-delete; do
            echo "$object: $(api_status "/api/v1/namespaces/$2/$object")"
        done
        echo "jobs/r-migrate: $(api_status "/apis/batch/v1/namespaces/$2/jobs/r-migrate")"
    } | sed "s/$2/NS/g" >"$3"
}

story() {   # story TOOL NAMESPACE DIR
    local tool=$1 n=$2 dir=$3
    mkdir -p "$dir"
    step "$tool" "$n" "$dir" 1-install install r "$chart" --create-namespace
    recorded "$tool" "$n" "$dir/1-recorded"
    step "$tool" "$n" "$dir" 2-upgrade upgrade r "$chart" --set generation=2,delay=0s
    recorded "$tool" "$n" "$dir/2-recorded"
    step "$tool" "$n" "$dir" 3-failing-upgrade upgrade r "$chart" --set generation=3,fail=true,delay=0s
    recorded "$tool" "$n" "$dir/3-recorded"
    step "$tool" "$n" "$dir" 4-rollback rollback r 2
    recorded "$tool" "$n" "$dir/4-recorded"
    step "$tool" "$n" "$dir" 4a-test test r
    recorded "$tool" "$n" "$dir/4a-recorded"
    step "$tool" "$n" "$dir" 4b-test-filtered test r --filter name=r-test-ok
    recorded "$tool" "$n" "$dir/4b-recorded"
    step "$tool" "$n" "$dir" 4c-test-excluded test r --filter '!name=r-test-ok'
    recorded "$tool" "$n" "$dir/4c-recorded"
    step "$tool" "$n" "$dir" 4d-test-logs test r --logs
    step "$tool" "$n" "$dir" 5-slow-upgrade upgrade r "$chart" --set delay=5s --timeout 1s
    recorded "$tool" "$n" "$dir/5-recorded"
    step "$tool" "$n" "$dir" 6-no-hooks upgrade r "$chart" --set generation=6,testFails=true --no-hooks
    recorded "$tool" "$n" "$dir/6-recorded"
    step "$tool" "$n" "$dir" 6a-test-failing test r
    recorded "$tool" "$n" "$dir/6a-recorded"
    step "$tool" "$n" "$dir" 7-uninstall uninstall r --keep-history
    recorded "$tool" "$n" "$dir/7-recorded"
    step "$tool" "$n" "$dir" 8-failing-install install r "$chart" --replace --set fail=true,delay=0s
    recorded "$tool" "$n" "$dir/8-recorded"
    sed -i -E 's/-migrate-[a-z0-9]{5}\b/-migrate-POD/g' "$dir"/*.err
    "$tool" history r -n "$n" | sed -E "s/$n/NS/g; s/[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/<time>/" \
        >"$dir/history"
}

twin_stories story "$ns"

# While the pre-install Job runs (it takes 3s), nothing of the release exists yet.
"$celm" install held "$chart" -n "$ns-celm" --set delay=3s >/dev/null 2>&1 &
installing=$!
job_running_alone() {
    for _ in $(seq 100); do
        if [ "$(api_status "/apis/batch/v1/namespaces/$ns-celm/jobs/held-migrate")" = 200 ]; then
            [ "$(api_status "/api/v1/namespaces/$ns-celm/configmaps/held-main")" = 404 ]
            return
        fi
        sleep 0.1
    done
    return 1
}
check "while the pre-install Job runs, the release's objects do not exist yet" job_running_alone
code=0
wait "$installing" || code=$?
check "the install completes once the Job is done" test "$code" -eq 0
check "then the release's objects exist" test "$(api_status "/api/v1/namespaces/$ns-celm/configmaps/held-main")" = 200
echo "hooks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
