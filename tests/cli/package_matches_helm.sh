#!/usr/bin/env bash
# package_matches_helm.sh: `celm package` archives of every corpus chart hold what helm v4.2.4's hold: the same entries, with
# the same bytes, modes and times (the deflate stream itself may differ). Entries are compared in
# order except that subcharts are sorted: helm writes them in Go map order, which varies by run.
source "$(dirname "$0")/peer_lib.sh"

compare() {  # compare ARGS...: helm package and celm package with the same arguments
    rm -rf "$scratch/h" "$scratch/c" && mkdir "$scratch/h" "$scratch/c"
    local hs=0 cs=0
    (cd "$scratch/h" && "$helm" package "$@") >"$scratch/h.out" 2>&1 || hs=$?
    (cd "$scratch/c" && "$celm" package "$@") >"$scratch/c.out" 2>&1 || cs=$?
    sed -i "s|$scratch/[hc]|DIR|g" "$scratch/h.out" "$scratch/c.out"
    local same=1
    [ "$hs" = "$cs" ] && cmp -s "$scratch/h.out" "$scratch/c.out" || same=0
    for archive in "$scratch"/h/*.tgz; do
        [ -e "$archive" ] || continue
        chart_listing "$archive" >"$scratch/h.list"
        chart_listing "$scratch/c/$(basename "$archive")" >"$scratch/c.list"
        cmp -s "$scratch/h.list" "$scratch/c.list" || { same=0; diff "$scratch/h.list" "$scratch/c.list" | head -5; }
    done
    if [ "$same" = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "DIFFERS: package $*"; diff "$scratch/h.out" "$scratch/c.out" || true; fi
}

for folder in "$corpus"/*/; do    # every corpus chart, counted per folder
    before=$passed
    for chart in "$folder"*/; do
        compare "${chart%/}"
    done
    echo "$(basename "$folder"): $((passed - before)) of $(ls -d "$folder"*/ | wc -l) charts packaged as helm packages them"
done
compare "$corpus/stable/mysql" --version 9.9.9 --app-version 1.2.3
compare "$corpus/stable/mysql" -d out/dir
compare "$corpus/stable/mysql" --version not-a-version
compare "$scratch/does-not-exist"
compare "$corpus/incubator/kafka" "$corpus/stable/redis"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
