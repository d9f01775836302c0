#!/usr/bin/env bash
# package_matches_helm.sh: `celm package` archives hold what helm v4.2.4's hold: the same entries, with
# the same bytes, modes and times (the deflate stream itself may differ). Entries are compared in
# order except that subcharts are sorted: helm writes them in Go map order, which varies by run.
source "$(dirname "$0")/peer_lib.sh"

listing() {  # listing ARCHIVE: entry order (subcharts sorted), then mode, time and path of every file
    tar -tzf "$1" | awk -F/ '{ print ($2 == "charts" ? $3 : "") "\t" NR "\t" $0 }' | sort -t "$(printf '\t')" -k1,1 -k2,2n |
        cut -f3
    rm -rf "$scratch/x" && mkdir "$scratch/x" && tar -xzf "$1" -C "$scratch/x"
    (cd "$scratch/x" && find . -type f -printf '%m %T@ %p\n' | sort -k3 && find . -type f -exec sha256sum {} + | sort -k2)
}

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
        listing "$archive" >"$scratch/h.list"
        listing "$scratch/c/$(basename "$archive")" >"$scratch/c.list"
        cmp -s "$scratch/h.list" "$scratch/c.list" || { same=0; diff "$scratch/h.list" "$scratch/c.list" | head -5; }
    done
    if [ "$same" = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "DIFFERS: package $*"; diff "$scratch/h.out" "$scratch/c.out" || true; fi
}

for chart in mysql nginx-ingress prometheus-operator jenkins redis; do
    compare "$corpus/stable/$chart"
done
compare "$corpus/stable/mysql" --version 9.9.9 --app-version 1.2.3
compare "$corpus/stable/mysql" -d out/dir
compare "$corpus/stable/mysql" --version not-a-version
compare "$scratch/does-not-exist"
compare "$corpus/incubator/kafka" "$corpus/stable/redis"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
