#!/usr/bin/env bash
# create_matches_helm.sh: `celm create` writes the same files (bytes and modes) and messages as helm v4.2.4.
source "$(dirname "$0")/peer_lib.sh"

# run_both ARGS...: the same create in two fresh directories; outputs, statuses and trees must match.
run_both() {
    rm -rf "$scratch/h" "$scratch/c" && mkdir -p "$scratch/h" "$scratch/c"
    local hs=0 cs=0
    (cd "$scratch/h" && "$helm" create "$@") >"$scratch/h.out" 2>&1 || hs=$?
    (cd "$scratch/c" && "$celm" create "$@") >"$scratch/c.out" 2>&1 || cs=$?
    sed -i "s|$scratch/[hc]|DIR|g" "$scratch/h.out" "$scratch/c.out"
    if [ "$hs" = "$cs" ] && cmp -s "$scratch/h.out" "$scratch/c.out" && diff -r "$scratch/h" "$scratch/c" >/dev/null &&
        [ "$(cd "$scratch/h" && find . -printf '%M %p\n' | sort)" = "$(cd "$scratch/c" && find . -printf '%M %p\n' | sort)" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS: create $*"
        diff "$scratch/h.out" "$scratch/c.out" || true
        diff -r "$scratch/h" "$scratch/c" | head -5 || true
    fi
}

run_both demo
run_both my-app.v2_x
run_both 'bad name'
run_both ''
run_both missing/dir/chart
run_both "$(printf 'a%.0s' $(seq 251))"
mkdir -p "$scratch/pre" && run_both demo   # plain again, after other runs
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
