#!/usr/bin/env bash
# template_cases_match_helm.sh: `celm template` of each chart in template_cases/ prints what helm v4.2.4 prints.
# A case is a folder with chart/ (or a link to one), args (extra flags: one run per line, quoted as
# xargs reads them) and description; the runs name the release "rel" unless the case holds a file
# no-name. Each run starts in an empty working directory; files written there (--output-dir) must match too.
# stderr is compared by its Error: line, or whole when the case holds a file compare-stderr.
source "$(dirname "$0")/peer_lib.sh"
cases=$(cd "$corpus" && pwd) celm=$(realpath "$celm")
# run_case CASE FLAGS...: one run of helm and of celm; statuses, stdout and the Error: line must match.
run_case() {
    local case=$1 hs=0 cs=0 name=(rel)
    shift
    [ -e "$case/no-name" ] && name=()
    rm -rf "$scratch/h" "$scratch/c" && mkdir "$scratch/h" "$scratch/c"
    (cd "$scratch/h" && "$helm" template "${name[@]}" "$case/chart" "$@") >"$scratch/h.out" 2>"$scratch/h.err" || hs=$?
    (cd "$scratch/c" && "$celm" template "${name[@]}" "$case/chart" "$@") >"$scratch/c.out" 2>"$scratch/c.err" || cs=$?
    if [ "$hs" = "$cs" ] && cmp -s "$scratch/h.out" "$scratch/c.out" &&
        [ "$(grep "$stderr_lines" "$scratch/h.err")" = "$(grep "$stderr_lines" "$scratch/c.err")" ] &&
        diff -r "$scratch/h" "$scratch/c" >/dev/null; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $(basename "$case") $* (exit helm=$hs celm=$cs)"
        diff "$scratch/h.out" "$scratch/c.out" | head -20 || true
        diff <(grep "$stderr_lines" "$scratch/h.err") <(grep "$stderr_lines" "$scratch/c.err") || true
        diff -r "$scratch/h" "$scratch/c" | head -20 || true
    fi
}

for case in "$cases"/*/; do
    stderr_lines='^Error:'
    [ -e "$case/compare-stderr" ] && stderr_lines='.'
    while IFS= read -r line || [ -n "$line" ]; do
        flags=()
        [ -n "$line" ] && readarray -d '' flags < <(xargs printf '%s\0' <<< "$line")
        run_case "${case%/}" "${flags[@]}"
    done < "$case/args"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
