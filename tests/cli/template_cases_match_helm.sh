#!/usr/bin/env bash
# template_cases_match_helm.sh: `celm template` of each chart in template_cases/ prints what helm v4.2.4 prints.
# A case is a folder with chart/ (or a link to one), args (extra flags: one run per line) and description.
source "$(dirname "$0")/peer_lib.sh"
cases=$corpus
# run_case CASE FLAGS...: one run of helm and of celm; statuses, stdout and the Error: line must match.
run_case() {
    local case=$1 hs=0 cs=0
    shift
    "$helm" template rel "$case/chart" "$@" >"$scratch/h.out" 2>"$scratch/h.err" || hs=$?
    "$celm" template rel "$case/chart" "$@" >"$scratch/c.out" 2>"$scratch/c.err" || cs=$?
    if [ "$hs" = "$cs" ] && cmp -s "$scratch/h.out" "$scratch/c.out" &&
        [ "$(grep '^Error:' "$scratch/h.err")" = "$(grep '^Error:' "$scratch/c.err")" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $(basename "$case") $* (exit helm=$hs celm=$cs)"
        diff "$scratch/h.out" "$scratch/c.out" | head -20 || true
        diff <(grep '^Error:' "$scratch/h.err") <(grep '^Error:' "$scratch/c.err") || true
    fi
}

for case in "$cases"/*/; do
    while IFS= read -r line || [ -n "$line" ]; do
        read -r -a flags <<< "$line"
        run_case "${case%/}" "${flags[@]}"
    done < "$case/args"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
