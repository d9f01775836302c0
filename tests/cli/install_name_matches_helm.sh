#!/usr/bin/env bash
# install_name_matches_helm.sh: `celm install --dry-run=client` names the release as helm v4.2.4 does:
# NAME, --name-template, --generate-name, and their errors (no cluster is contacted).
source "$(dirname "$0")/peer_lib.sh"
chart=$(cd "$(dirname "$0")/../../examples/hello" && pwd)
export KUBECONFIG=$scratch/no-kubeconfig

run() {  # run NAME TOOL ARGS...: into $scratch/NAME, stdout and stderr with times masked, and the exit code
    local name=$1 code=0
    shift
    "$@" >"$scratch/$name" 2>&1 || code=$?
    sed -i -E 's/-[0-9]{10}\b/-<time>/g; s/^LAST DEPLOYED: .*/LAST DEPLOYED: <time>/' "$scratch/$name"
    echo "exit $code" >>"$scratch/$name"
}

compare() {  # compare ARGS...
    run helm "$helm" install "$@"
    run celm "$celm" install "$@"
    if diff "$scratch/helm" "$scratch/celm" >"$scratch/diff"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: install $*"
        head -20 "$scratch/diff"
    fi
}

compare --dry-run=client --name-template '{{ "abc" | upper | lower }}-x' "$chart"
compare --dry-run=client --name-template '{{ "abc" }}' --generate-name "$chart"
compare --dry-run=client --name-template '{{ .Release.Name' "$chart"
compare --dry-run=client --name-template '{{ toYaml . }}' "$chart"
compare --dry-run=client --name-template 'Not_A_Name' "$chart"
compare --dry-run=client --name-template x named "$chart"
compare --dry-run=client --generate-name named "$chart"
compare --dry-run=client --generate-name "$chart/"
compare --dry-run=client "$chart"
compare --dry-run=client one "$chart" two three
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
