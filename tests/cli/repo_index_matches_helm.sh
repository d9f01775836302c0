#!/usr/bin/env bash
# repo_index_matches_helm.sh: `celm repo index` writes the index helm v4.2.4's `helm repo index` writes
# for the same folder of chart archives (times masked), with --url, --merge and --json.
source "$(dirname "$0")/peer_lib.sh"
[ -d "$corpus/stable" ] || { echo "no chart corpus at $corpus"; exit 1; }

# A repository folder: archives at the top and one level down, two versions of one chart, a file
# that is not a chart, and an archive two levels down that helm does not look at.
make_repo() {
    local repo=$1
    mkdir -p "$repo/sub/deeper" "$repo/.hidden"
    "$helm" package -d "$repo" "$corpus/stable/zetcd" "$corpus/stable/mysql" >/dev/null
    "$helm" package -d "$repo/sub" "$corpus/stable/redis" "$corpus/incubator/zookeeper" >/dev/null
    "$helm" package -d "$repo/sub" --version 9.9.9-beta.1 "$corpus/stable/zetcd" >/dev/null
    "$helm" package -d "$repo/sub/deeper" "$corpus/stable/memcached" >/dev/null
    "$helm" package -d "$repo/.hidden" "$corpus/stable/unbound" >/dev/null
    echo "not a chart" >"$repo/broken.tgz"
}

masked() {  # the index with its times replaced
    sed -E 's/(created|generated)(": |: )"?[0-9T:.+-]+Z?"?/\1\2TIME/' "$1"
}

check() {  # check NAME ARGS... (ARGS after the folder; a merge file named "MERGE" is copied per side)
    local name=$1 h=0 c=0
    shift
    local hargs=() cargs=()
    for a in "$@"; do
        hargs+=("${a//MERGE/$scratch/helm-merge.yaml}")
        cargs+=("${a//MERGE/$scratch/celm-merge.yaml}")
    done
    "$helm" repo index "$scratch/helm-repo" "${hargs[@]}" 2>"$scratch/helm.err" || h=$?
    "$celm" repo index "$scratch/celm-repo" "${cargs[@]}" 2>"$scratch/celm.err" || c=$?
    if [ "$h" = "$c" ] && cmp -s <(masked "$scratch/helm-repo/index.yaml") <(masked "$scratch/celm-repo/index.yaml") &&
        cmp -s <(sed "s#$scratch/helm-#X#g" "$scratch/helm.err") <(sed "s#$scratch/celm-#X#g" "$scratch/celm.err"); then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS: repo index $name (exit $h vs $c)"
        diff <(masked "$scratch/helm-repo/index.yaml") <(masked "$scratch/celm-repo/index.yaml") | head -10 || true
        diff "$scratch/helm.err" "$scratch/celm.err" | head -4 || true
    fi
}

make_repo "$scratch/helm-repo"
cp -a "$scratch/helm-repo" "$scratch/celm-repo"

check plain
check url --url https://charts.example.com/base/
check json --json
rm -f "$scratch"/*-merge.yaml
check "merge into a missing index" --merge MERGE
cp "$scratch/helm-repo/index.yaml" "$scratch/helm-merge.yaml"
cp "$scratch/helm-repo/index.yaml" "$scratch/celm-merge.yaml"
for side in helm celm; do    # an older release, an invalid entry and an entry helm keeps from the old index
    python3 - "$scratch/$side-merge.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
text = text.replace("entries:\n", "entries:\n  ancient:\n  - apiVersion: v1\n    name: ancient\n    version: 0.0.1\n    urls:\n    - https://old.example.com/ancient-0.0.1.tgz\n    created: \"2019-01-01T00:00:00Z\"\n  broken:\n  - name: broken\n    version: not-semver\n", 1)
open(path, "w").write(text)
PY
done
check "merge into an index" --merge MERGE --url http://127.0.0.1:8879
check "json merge" --json --merge MERGE
echo "apiVersion: [" >"$scratch/helm-merge.yaml"
cp "$scratch/helm-merge.yaml" "$scratch/celm-merge.yaml"
check "merge a malformed index" --merge MERGE
: >"$scratch/helm-merge.yaml"
: >"$scratch/celm-merge.yaml"
check "merge an empty index" --merge MERGE
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
