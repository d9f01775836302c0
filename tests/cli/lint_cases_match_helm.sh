#!/usr/bin/env bash
# lint_cases_match_helm.sh: `celm lint` prints what helm v4.2.4's `helm lint` prints (stdout, stderr
# and exit status) for each line of lint_cases/cases.txt, run over the charts beside it.
# An argument "archive:NAME" lints NAME packed as a .tgz.
source "$(dirname "$0")/peer_lib.sh"
cases=$(cd "$(dirname "$0")/lint_cases" && pwd)
cp -r "$cases" "$scratch/cases"
cd "$scratch/cases"
tar czf json-doc.tgz json-doc
tar czf deps.tgz deps

run() {  # run PROGRAM OUTPUT_PREFIX ARGS...
    local program=$1 prefix=$2 status=0
    shift 2
    "$program" lint "$@" >"$prefix.out" 2>"$prefix.err" || status=$?
    echo "exit $status" >>"$prefix.out"
}

while IFS= read -r line; do
    case $line in '' | '#'*) continue ;; esac
    read -r -a args <<<"${line//archive:/}"
    for i in "${!args[@]}"; do
        [[ $line == *"archive:${args[$i]}"* ]] && args[$i]=${args[$i]}.tgz
    done
    run "$helm" "$scratch/helm" "${args[@]}"
    run "$celm" "$scratch/celm" "${args[@]}"
    # helm-lint temporary folders are random; helm lists missing dependencies in map order
    for f in "$scratch"/helm.* "$scratch"/celm.*; do
        sed -i -E 's#/helm-lint[^/]*/#/helm-lintX/#g' "$f"
        python3 - "$f" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r"(missing these dependencies: )([^\n]*)", lambda m: m.group(1) + ",".join(sorted(m.group(2).split(","))), text)
open(path, "w").write(text)
PY
    done
    if cmp -s "$scratch/helm.out" "$scratch/celm.out" && cmp -s "$scratch/helm.err" "$scratch/celm.err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS: lint $line"
        diff "$scratch/helm.out" "$scratch/celm.out" | head -10 || true
        diff "$scratch/helm.err" "$scratch/celm.err" | head -6 || true
    fi
done <"$cases/cases.txt"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
