#!/usr/bin/env bash
# dependency_update_matches_helm.sh: `celm dependency update` and `build` print, exit and leave charts/ and the
# lock file as helm v4.2.4 does for charts/ and file:// dependencies; remote repositories are refused plainly.
source "$(dirname "$0")/peer_lib.sh"

# The workspace every case starts from: dependency charts and parents declaring them in many ways.
fixture=$scratch/fixture
mkdir -p "$fixture" "$scratch/shared"
(
    cd "$fixture"
    "$helm" create sub1 >/dev/null && "$helm" create sub2 >/dev/null && "$helm" create "$scratch/shared/sub3" >/dev/null
    sed -i 's/^version: .*/version: 1.2.3/' sub2/Chart.yaml
    sed -i 's/^version: .*/version: not-semantic/' "$scratch/shared/sub3/Chart.yaml"
    declare() {  # declare CHART DEPENDENCIES-YAML: a new chart with the given dependencies block
        "$helm" create "$1" >/dev/null && printf '%s\n' "$2" >>"$1/Chart.yaml"
    }
    declare parent 'dependencies:
- name: sub1
  version: "~0.1.0"
  repository: "file://../sub1"
- name: sub2
  version: ">=1.0.0 <2.0.0"
  repository: file://../sub2
  alias: second
  condition: second.enabled
  tags: [a, "<b&c>"]
  import-values:
  - child: x
    parent: y
  - data'
    declare absolute "dependencies:
- name: sub3
  version: '>0.0.0-0'
  repository: file://$scratch/shared/sub3
- name: sub1
  version: 0.1.0
  repository: file://$fixture/sub1"
    declare mixed 'dependencies:
- name: sub1
  version: 0.1.0
  repository: file://../sub1
- name: local
  version: ">=0.1.0"'
    "$helm" create mixed/charts/local >/dev/null
    cp -a mixed/charts/local mixed/charts/.hidden
    "$helm" package sub1 --version 0.0.9 -d mixed/charts >/dev/null
    "$helm" package sub2 -d mixed/charts >/dev/null && mv mixed/charts/sub2-1.2.3.tgz mixed/charts/other-1.0.0.tgz
    echo not a chart >mixed/charts/_notes.txt && mkdir mixed/charts/_empty
    declare missing 'dependencies:
- name: sub9
  version: 0.1.0
  repository: file://../sub9'
    declare wrongversion 'dependencies:
- name: sub1
  version: 2.0.0
  repository: file://../sub1'
    declare badconstraint 'dependencies:
- name: sub1
  version: abc
  repository: file://../sub1'
    declare named 'dependencies:
- name: sub1
  version: 0.1.0
  repository: stable
- name: sub2
  version: 0.1.0
  repository: "@nowhere"'
    declare empty 'dependencies: []'
    "$helm" create none >/dev/null
    declare old 'dependencies:
- name: sub1
  version: 0.1.0
  repository: file://../sub1'
    sed -i 's/^apiVersion: v2/apiVersion: v1/; /^dependencies:/,$d' old/Chart.yaml
    printf 'dependencies:\n- name: sub1\n  version: 0.1.0\n  repository: file://../sub1\n' >old/requirements.yaml
    for chart in parent absolute mixed missing wrongversion badconstraint named empty none old; do
        touch -d '2024-05-06 07:08:09' "$chart/Chart.yaml"
    done
    cp -a parent locked && "$helm" dependency update locked >/dev/null && rm locked/charts/*
    sed -i 's/^generated: .*/generated: "2024-05-06T07:08:09.1Z"/' locked/Chart.lock
    touch -d '2024-05-06 07:08:09' locked/Chart.lock
)

# mask_generated TREE: the time of each lock's `generated:` becomes TIME (its zone stays); a line not
# in RFC 3339 form with nanoseconds as Go writes it stays as it is and so differs from helm's.
mask_generated() {
    find "$1" \( -name Chart.lock -o -name requirements.lock \) -type f -exec sed -i -E \
        's/^generated: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]*[1-9])?(Z|[+-][0-9]{2}:[0-9]{2})"$/generated: "TIME\2"/' {} +
}

# run_both SCRIPT: SCRIPT runs in a fresh copy of the workspace with `tool` calling helm, then again
# calling celm; exit statuses, output (paths masked) and the workspaces must match.
run_both() {
    local side status
    for side in h c; do
        rm -rf "${scratch:?}/$side" && cp -a "$fixture" "$scratch/$side"
        local binary=$helm
        [ "$side" = c ] && binary=$celm
        status=0
        (cd "$scratch/$side" && tool() { "$binary" "$@"; } && eval "$1") >"$scratch/$side.out" 2>&1 || status=$?
        echo "exit $status" >>"$scratch/$side.out"
        sed -i "s|$scratch/$side\\b|DIR|g; s|tmpcharts-[0-9]*|tmpcharts-PID|g" "$scratch/$side.out"
        mask_generated "$scratch/$side"
    done
    if cmp -s "$scratch/h.out" "$scratch/c.out" && same_tree "$scratch/h" "$scratch/c"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS: $1"
        diff "$scratch/h.out" "$scratch/c.out" || true
    fi
}

# celm_only SCRIPT EXPECTED: what celm alone prints for SCRIPT (helm would need the network).
celm_only() {
    rm -rf "${scratch:?}/c" && cp -a "$fixture" "$scratch/c"
    local status=0
    (cd "$scratch/c" && tool() { "$celm" "$@"; } && eval "$1") >"$scratch/c.out" 2>&1 || status=$?
    echo "exit $status" >>"$scratch/c.out"
    if cmp -s <(printf '%s\n' "$2") "$scratch/c.out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS from what celm should print: $1"
        diff <(printf '%s\n' "$2") "$scratch/c.out" || true
    fi
}

run_both 'tool dependency update parent'
run_both 'tool dep build parent'
run_both 'tool dep up parent --debug'
run_both 'cd parent && tool dep up'
run_both 'tool dep update ./parent/ && cp parent/Chart.lock kept && tool dep update parent && cmp kept parent/Chart.lock && rm kept && echo lock kept'
run_both 'tool dep update parent >/dev/null && rm parent/charts/* && tool dep build parent'
run_both 'tool dep update parent >/dev/null && sed -i "s/~0.1.0/^0.1.0/" parent/Chart.yaml && tool dep build parent'
run_both 'tool dep update parent >/dev/null && sed -i "s/^version: .*/version: 0.1.1/" sub1/Chart.yaml && tool dep build parent'
run_both 'TZ=Asia/Kolkata tool dep update absolute'
run_both 'tool dep update mixed'
run_both 'sed -i "s/>=0.1.0/>=9.0.0/" mixed/Chart.yaml && tool dep update mixed'
run_both 'tool dep update mixed >/dev/null && sed -i "s/>=0.1.0/>=9.0.0/" mixed/Chart.yaml && tool dep build mixed'
run_both 'tool dep update missing'
run_both 'tool dep update wrongversion'
run_both 'tool dep update badconstraint'
run_both 'tool dep update named'
run_both 'tool dep update empty && tool dep build empty'
run_both 'tool dep update none && tool dep build none'
run_both 'tool dep update none/Chart.yaml'
run_both 'tool dep build nowhere'
run_both 'rmdir parent/charts && echo file >parent/charts && tool dep update parent'
# helm's loader also logs that it followed the link, which celm's loader does not (yet).
run_both ': >parent/lock.real && ln -s lock.real parent/Chart.lock && tool dep update parent 2>&1 | grep -v "found symbolic link"'
run_both 'tool dep update old && tool dep build old'
run_both 'digest=$(printf %s "{\"dependencies\":[{\"name\":\"sub1\",\"version\":\"0.1.0\",\"repository\":\"file://../sub1\"}]}" | sha256sum | cut -c1-64) &&
          printf "dependencies: []\ndigest: sha256:%s\ngenerated: \"2020-01-02T03:04:05Z\"\n" "$digest" >old/requirements.lock && tool dep build old'

# package -u: the same update, quietly, on the chart's absolute path, before packaging.
run_both 'tool package -u locked -d out'
run_both 'tool package --dependency-update mixed -d out && tar -xzf out/mixed-0.1.0.tgz -C out --warning=no-timestamp && rm out/mixed-0.1.0.tgz'
run_both 'tool package -u missing'
run_both 'tool package -u wrongversion parent'
run_both 'tool package -u out/nothing'

# Configured repositories are refreshed first; helm reaches for the network there, celm says it cannot.
repositories="$HELM_CONFIG_HOME/repositories.yaml"
mkdir -p "$HELM_CONFIG_HOME" "$HELM_CACHE_HOME/repository"
printf 'apiVersion: ""\ngenerated: "0001-01-01T00:00:00Z"\nrepositories:\n- name: nearby\n  url: http://127.0.0.1:1/charts\n' >"$repositories"
printf 'apiVersion: v1\nentries: {}\n' >"$HELM_CACHE_HOME/repository/nearby-index.yaml"
run_both 'tool dep update parent --skip-refresh'
run_both 'tool dep update parent 2>&1 | grep -v "^	"'
run_both 'rm "$HELM_CACHE_HOME/repository/nearby-index.yaml" && tool dep build parent --skip-refresh; s=$?; echo "apiVersion: v1" >"$HELM_CACHE_HOME/repository/nearby-index.yaml"; exit $s'
celm_only 'tool dep update parent' 'Hang tight while we grab the latest from your chart repositories...
...Unable to get an update from the "nearby" chart repository (http://127.0.0.1:1/charts):
	celm cannot download repository indexes yet
Update Complete. ⎈Happy Helming!⎈
Saving 2 charts
Deleting outdated charts
exit 0'
celm_only 'sed -i "s|file://../sub1|@nearby|" parent/Chart.yaml && tool dep update parent --skip-refresh; ls parent/charts' \
    'Error: dependency "sub1" comes from the remote repository "http://127.0.0.1:1/charts": celm does not support remote chart repositories yet (only charts/ and file:// dependencies)
exit 0'
rm "$repositories"
celm_only 'sed -i "s|file://../sub2|oci://127.0.0.1:1/charts|" parent/Chart.yaml && tool dep update parent; ls parent' \
    'Error: dependency "sub2" comes from the remote repository "oci://127.0.0.1:1/charts": celm does not support remote chart repositories yet (only charts/ and file:// dependencies)
Chart.yaml
charts
templates
values.yaml
exit 0'
celm_only 'sed -i "s|file://../sub1|https://127.0.0.1:1/charts|" parent/Chart.yaml && echo "digest: x" >parent/Chart.lock && tool dep build parent' \
    'Error: dependency "sub1" comes from the remote repository "https://127.0.0.1:1/charts": celm does not support remote chart repositories yet (only charts/ and file:// dependencies)
exit 1'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
