#!/usr/bin/env bash
# create_starter_matches_helm.sh: `celm create NAME --starter S` prints, exits and writes (bytes, modes,
# subchart archives) what helm v4.2.4 does, for starters by name, by path, as archives and broken ones.
source "$(dirname "$0")/peer_lib.sh"

# run_both ARGS...: the same create in two fresh directories; outputs, statuses and trees must match.
run_both() {
    rm -rf "$scratch/h" "$scratch/c" && mkdir -p "$scratch/h" "$scratch/c"
    if [ -n "${prepare:-}" ]; then (cd "$scratch/h" && eval "$prepare") && (cd "$scratch/c" && eval "$prepare"); fi
    local hs=0 cs=0
    (cd "$scratch/h" && "$helm" create "$@") >"$scratch/h.out" 2>&1 || hs=$?
    (cd "$scratch/c" && "$celm" create "$@") >"$scratch/c.out" 2>&1 || cs=$?
    sed -i "s|$scratch/[hc]|DIR|g" "$scratch/h.out" "$scratch/c.out"
    if [ "$hs" = "$cs" ] && cmp -s "$scratch/h.out" "$scratch/c.out" && same_tree "$scratch/h" "$scratch/c"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS: create $* (exit $hs vs $cs)"
        diff "$scratch/h.out" "$scratch/c.out" || true
    fi
}

# A starter using the placeholder everywhere helm replaces it and in places it does not.
starters=$HELM_DATA_HOME/starters
mkdir -p "$starters" "$scratch/elsewhere"
(cd "$starters" && "$helm" create full >/dev/null && "$helm" create full/charts/inner >/dev/null)
printf 'name: <CHARTNAME>\nlist: ["<CHARTNAME>-a", 2]\n# <CHARTNAME> in a comment\n' >"$starters/full/values.yaml"
printf 'Read me, <CHARTNAME>.\n' >"$starters/full/README.md"
printf '{"title": "<CHARTNAME>"}\n' >"$starters/full/values.schema.json"
mkdir -p "$starters/full/templates/deep" && printf 'name: <CHARTNAME>-<CHARTNAME>\n' >"$starters/full/templates/deep/x.yaml"
printf 'secret.txt\n' >>"$starters/full/.helmignore" && echo hidden >"$starters/full/secret.txt"
printf 'dependencies: []\ndigest: sha256:0\ngenerated: "2020-01-01T00:00:00Z"\n' >"$starters/full/Chart.lock"
mkdir -p "$starters/group/nested" && cp -r "$starters/full" "$starters/group/nested/"
"$helm" package "$starters/full" -d "$scratch/elsewhere" >/dev/null
cp -r "$starters/full" "$scratch/elsewhere/dir"
(cd "$starters" && "$helm" create old >/dev/null && sed -i 's/^apiVersion: v2/apiVersion: v1/' old/Chart.yaml &&
    printf 'dependencies:\n- name: inner\n  version: 0.1.0\n' >old/requirements.yaml)
mkdir -p "$starters/nochart/templates" && echo 'a: <CHARTNAME>' >"$starters/nochart/values.yaml"
printf 'name: <CHARTNAME>\n' >"$starters/plain.yaml"

run_both demo --starter full
run_both demo -p full
run_both out/of/tree/demo -p full
run_both demo -p group/nested/full
run_both demo -p "$scratch/elsewhere/dir"
run_both demo -p "$scratch/elsewhere/full-0.1.0.tgz"
run_both demo -p old
run_both 'odd name' -p full
run_both 'a: b' -p full
run_both '' -p full
run_both demo -p missing
run_both demo -p "$scratch/missing"
run_both demo -p nochart
run_both demo -p plain.yaml
prepare='echo file >demo' run_both demo -p full
prepare='mkdir -p demo/templates && echo keep >demo/keep.txt && echo old >demo/values.yaml' run_both demo -p full
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
