#!/bin/bash
# compare_with_helm.sh: celm's chart loader against helm v4.2.4's, chart by chart and file by file.
#
# usage: compare_with_helm.sh HELM CHART_LIST CHART_FIXTURE TESTS_CHART_DIR CORPUS_DIR [CHART...]
# With CHART arguments, only compares those charts' listings (a tool for trying more charts).
#
# How helm's view is observed. `helm package DIR` runs helm's directory loader (LoadDir: the
# lexical walk, .helmignore, symlinks, BOM stripping, sorting files into their roles, subcharts
# from charts/) and then writes back exactly what it loaded (chartutil.Save): Chart.yaml
# (re-marshalled), Chart.lock, the raw values.yaml, values.schema.json, the templates and then the
# other files in load order, then every subchart the same way under charts/<its name>/. So the
# entry list of the package is helm's list of loaded files per chart, in helm's load order, and
# the entry bytes are the bytes helm loaded (BOM stripped). A charts/x.tgz subchart goes through
# helm's archive loader (LoadArchive), so putting an archive under charts/ of a small parent
# shows how helm loads archives too (tar order, first path element dropped, odd entries).
# Only the order of subcharts is normalised: helm's is random (it iterates a Go map).
# celm's side is chart_list, which prints the same layout from celm_chart_load and can dump the
# loaded bytes. Errors are compared as `helm template` prints them (the same loader entry point,
# pkg/chart/loader.Load, as celm_chart_load) against chart_list's.
set -u
HELM=$1 LIST=$2 FIXTURE=$3 HERE=$4 CORPUS=$5
shift 5
WORK=$(mktemp -d)
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
export HELM_CONFIG_HOME=$WORK/helm/config HELM_CACHE_HOME=$WORK/helm/cache HELM_DATA_HOME=$WORK/helm/data
failures=0 checks=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# Groups a listing by chart (the path up to its last charts/<name>), keeping order inside a chart.
by_chart() {
    awk '{
        n = split($0, part, "/"); key = part[1]; i = 2
        while (i + 2 <= n && part[i] == "charts") { key = key "/charts/" part[i + 1]; i += 2 }
        printf "%s\t%08d\t%s\n", key, NR, $0
    }' | sort -t "$(printf '\t')" -k1,1 -k2,2n | cut -f3
}

# Compares which files helm and celm load from chart directory $1, in which order, with which bytes.
compare_listing() {
    local chart=$1 label=$2 out=$WORK/cmp
    rm -rf "$out"
    mkdir -p "$out/helm" "$out/celm"
    checks=$((checks + 1))
    if ! "$HELM" package "$chart" -d "$out" >"$out/helm.log" 2>&1; then
        fail "$label: helm package failed: $(tail -1 "$out/helm.log")"
        return
    fi
    tar -tzf "$out"/*.tgz | by_chart >"$out/helm.list"
    tar -xzf "$out"/*.tgz -C "$out/helm" 2>/dev/null
    if ! "$LIST" --dump "$out/celm" "$chart" >"$out/celm.raw"; then
        fail "$label: celm: $(cat "$out/celm.raw")"
        return
    fi
    by_chart <"$out/celm.raw" >"$out/celm.list"
    if ! diff -u "$out/helm.list" "$out/celm.list" >"$out/list.diff"; then
        fail "$label: loaded files differ (- helm, + celm)"
        cat "$out/list.diff"
        return
    fi
    find "$out/helm" \( -name Chart.yaml -o -name Chart.lock \) -delete
    find "$out/helm" "$out/celm" -depth -type d -empty -delete
    if ! diff -r "$out/helm" "$out/celm" >"$out/bytes.diff"; then
        fail "$label: loaded bytes differ"
        head -20 "$out/bytes.diff"
    fi
}

# helm's last "Error: " line for `helm template` of $1, and chart_list's, must be the same.
compare_error() {
    local chart=$1 label=$2 helm_error celm_error
    checks=$((checks + 1))
    helm_error=$("$HELM" template x "$chart" 2>&1 >/dev/null | grep '^Error: ' | tail -1)
    celm_error=$("$LIST" "$chart" | grep '^Error: ')
    if [ -z "$helm_error" ]; then
        fail "$label: helm loaded it (celm: ${celm_error:-loaded it too})"
    elif [ "$helm_error" != "$celm_error" ]; then
        fail "$label: helm: $helm_error / celm: ${celm_error:-no error}"
    fi
}

chart_yaml() { # DIR [NAME] [APIVERSION]
    mkdir -p "$1"
    printf 'apiVersion: %s\nname: %s\nversion: 0.1.0\n' "${3:-v2}" "${2:-$(basename "$1")}" >"$1/Chart.yaml"
}

write() { # PATH TEXT (printf %b escapes)
    mkdir -p "$(dirname "$1")"
    printf '%b' "$2" >"$1"
}

if [ $# -gt 0 ]; then
    for chart in "$@"; do compare_listing "$chart" "$chart"; done
    echo "$checks charts compared, $failures failed"
    [ "$failures" -eq 0 ]
    exit
fi

. "$HERE/compare_with_helm_cases.sh"

echo "$checks checks against helm, $failures failed"
[ "$failures" -eq 0 ]
