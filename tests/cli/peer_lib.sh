# peer_lib.sh: what the scripts comparing celm with helm share: arguments, a scratch folder, helm's homes.
# Sourced with `celm helm [corpus]` as arguments; sets celm, helm, corpus, scratch, passed, failed.
set -euo pipefail
celm=$1 helm=$2 corpus=${3:-}
[ -x "$helm" ] || { echo "no helm at $helm (run scripts/test-peers)"; exit 1; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HELM_CONFIG_HOME=$scratch/config HELM_CACHE_HOME=$scratch/cache HELM_DATA_HOME=$scratch/data
passed=0 failed=0

# chart_listing ARCHIVE: what a chart archive holds, not how it is compressed: the entries in order
# (subcharts sorted: helm writes them in Go map order, which varies by run), then the mode, time and
# checksum of every file.
chart_listing() {
    local unpacked
    unpacked=$(mktemp -d -p "$scratch")
    tar -tzf "$1" | awk -F/ '{ print ($2 == "charts" ? $3 : "") "\t" NR "\t" $0 }' | sort -t "$(printf '\t')" -k1,1 -k2,2n |
        cut -f3
    tar -xzf "$1" -C "$unpacked" --warning=no-timestamp
    (cd "$unpacked" && find . -type f -printf '%m %T@ %p\n' | sort -k3 && find . -type f -exec sha256sum {} + | sort -k2)
    rm -rf "$unpacked"
}

# same_tree A B: the same paths with the same modes and bytes below both directories, chart
# archives compared by chart_listing; prints the first difference.
same_tree() {
    local shape_a shape_b archive
    shape_a=$(cd "$1" && find . -printf '%M %p\n' | sort)
    shape_b=$(cd "$2" && find . -printf '%M %p\n' | sort)
    [ "$shape_a" = "$shape_b" ] || { diff <(echo "$shape_a") <(echo "$shape_b") | head -5; return 1; }
    diff -r -x '*.tgz' "$1" "$2" >/dev/null || { diff -r -x '*.tgz' "$1" "$2" | head -5; return 1; }
    while IFS= read -r archive; do
        cmp -s <(chart_listing "$1/$archive") <(chart_listing "$2/$archive") || { echo "archive $archive differs"; return 1; }
    done < <(cd "$1" && find . -name '*.tgz')
}
