#!/usr/bin/env bash
# release_interop.sh: celm and helm v4.2.4 take turns on the same releases of the local cluster.
# Arguments: celm binary, helm binary, chart, storage driver. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
chart=$3
export HELM_DRIVER=$4
ns=interop-$HELM_DRIVER-$$

mask_times() {   # dates and ages vary between runs
    sed -E 's/[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]{2} [0-9:]{8} [0-9]{4}/<time>/g; s/[0-9-]{10} [0-9:.]+ \+0000 UTC/<time>/g;
        s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/<time>/g'
}

# 1. celm installs; helm reads the release exactly as it reads its own twin.
"$celm" install web "$chart" -n "$ns" --create-namespace --set replicaCount=2 >"$scratch/celm-install.out" 2>"$scratch/celm-install.err"
"$helm" install web "$chart" -n "$ns-twin" --create-namespace --set replicaCount=2 >"$scratch/helm-install.out" 2>&1
sed "s/$ns-twin/$ns/g" "$scratch/helm-install.out" | mask_times >"$scratch/helm-install.masked"
mask_times <"$scratch/celm-install.out" >"$scratch/celm-install.masked"
same "install prints what helm's install prints" "$scratch/helm-install.masked" "$scratch/celm-install.masked"
for what in manifest values notes hooks; do
    "$helm" get "$what" web -n "$ns" >"$scratch/celm-$what" 2>&1
    "$helm" get "$what" web -n "$ns-twin" 2>&1 | sed "s/$ns-twin/$ns/g" >"$scratch/helm-$what"
    same "helm get $what of celm's release equals helm's own" "$scratch/helm-$what" "$scratch/celm-$what"
done
"$helm" history web -n "$ns" | mask_times >"$scratch/celm-history"
"$helm" history web -n "$ns-twin" | mask_times >"$scratch/helm-history"
same "helm history of celm's release equals helm's own" "$scratch/helm-history" "$scratch/celm-history"
"$celm" history web -n "$ns-twin" | mask_times >"$scratch/celm-reads-history"
same "celm history of helm's release equals helm's" "$scratch/helm-history" "$scratch/celm-reads-history"
for what in manifest notes values "values --all" "values -o json" "values -a -o yaml" hooks all metadata \
    "metadata -o json" "metadata -o yaml"; do
    "$celm" get $what web -n "$ns-twin" >"$scratch/celm-reads" 2>&1
    "$helm" get $what web -n "$ns-twin" >"$scratch/helm-reads" 2>&1
    same "celm get $what of helm's release equals helm's" "$scratch/helm-reads" "$scratch/celm-reads"
done
api_get "/apis/apps/v1/namespaces/$ns/deployments/web-hello" >"$scratch/deployment.json"
check "the Deployment carries helm's ownership metadata, applied server-side by helm" python3 -c '
import json, sys
meta = json.load(open(sys.argv[1]))["metadata"]
assert meta["labels"]["app.kubernetes.io/managed-by"] == "Helm", meta
assert meta["annotations"]["meta.helm.sh/release-name"] == "web", meta
assert meta["annotations"]["meta.helm.sh/release-namespace"] == sys.argv[2], meta
assert any(m["manager"] == "helm" and m["operation"] == "Apply" for m in meta["managedFields"]), meta
' "$scratch/deployment.json" "$ns"

# 1b. Dry runs print what helm prints; labels and descriptions are stored as helm stores them.
for mode in client server true; do
    "$helm" install dry "$chart" -n "$ns" --dry-run=$mode >"$scratch/helm-dry" 2>&1 || true
    "$celm" install dry "$chart" -n "$ns" --dry-run=$mode >"$scratch/celm-dry" 2>&1 || true
    mask_times <"$scratch/helm-dry" >"$scratch/helm-dry.masked"
    mask_times <"$scratch/celm-dry" >"$scratch/celm-dry.masked"
    same "install --dry-run=$mode" "$scratch/helm-dry.masked" "$scratch/celm-dry.masked"
done
check "a dry run stores nothing" bash -c "! '$helm' list -n '$ns' -q | grep -qx dry"
"$celm" install tagged "$chart" -n "$ns" --labels team=blue,tier=web --description "first of its kind" >/dev/null 2>&1
"$helm" install tagged "$chart" -n "$ns-twin" --labels team=blue,tier=web --description "first of its kind" >/dev/null 2>&1
same_as_twin() {   # same_as_twin DESCRIPTION HELM_COMMAND...: helm's view of celm's release equals its twin's
    local what=$1
    shift
    "$helm" "$@" -n "$ns" | mask_times >"$scratch/celm-view"
    "$helm" "$@" -n "$ns-twin" | sed "s/$ns-twin/$ns/g" | mask_times >"$scratch/helm-view"
    same "$what: helm $*" "$scratch/helm-view" "$scratch/celm-view"
}
same_as_twin "installed with --labels and --description" get metadata tagged --revision 1
same_as_twin "installed with --labels and --description" history tagged
"$helm" install bad-labels "$chart" -n "$ns" --labels owner=me >/dev/null 2>"$scratch/helm-sys" || true
"$celm" install bad-labels "$chart" -n "$ns" --labels owner=me >/dev/null 2>"$scratch/celm-sys" || true
same "a system label is refused" "$scratch/helm-sys" "$scratch/celm-sys"

for mode in client server; do
    "$helm" upgrade tagged "$chart" -n "$ns-twin" --dry-run=$mode --set replicaCount=3 2>&1 | sed "s/$ns-twin/$ns/g" |
        mask_times >"$scratch/helm-dry"
    "$celm" upgrade tagged "$chart" -n "$ns" --dry-run=$mode --set replicaCount=3 2>&1 | mask_times >"$scratch/celm-dry"
    same "upgrade --dry-run=$mode" "$scratch/helm-dry" "$scratch/celm-dry"
done
"$celm" upgrade tagged "$chart" -n "$ns" --labels tier=null,size=small --description "second" >/dev/null 2>&1
"$helm" upgrade tagged "$chart" -n "$ns-twin" --labels tier=null,size=small --description "second" >/dev/null 2>&1
same_as_twin "upgraded with --labels and --description" get metadata tagged --revision 2
same_as_twin "upgraded with --labels and --description" history tagged

# 1c. lookup reads the cluster under install and --dry-run=server, and finds nothing under template.
looker=$scratch/looker
mkdir -p "$looker/templates"
printf 'apiVersion: v2\nname: looker\nversion: 0.1.0\n' >"$looker/Chart.yaml"
cat >"$looker/templates/seen.yaml" <<'EOF2'
{{- $probe := lookup "v1" "ConfigMap" .Release.Namespace "probe" }}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-seen
data:
  color: {{ dig "data" "color" "none" $probe | quote }}
  missing: {{ lookup "v1" "ConfigMap" .Release.Namespace "nope" | len | quote }}
  listed: {{ (lookup "v1" "ConfigMap" .Release.Namespace "").items | default list | len | quote }}
  labels: {{ dig "metadata" "labels" dict $probe | toJson | quote }}
  port: {{ dig "spec" "ports" list (lookup "v1" "Service" .Release.Namespace "web-hello") | toJson | quote }}
EOF2
for where in "$ns" "$ns-twin"; do
    printf '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"probe","labels":{"n":"1"}},"data":{"color":"teal"}}' |
        curl -sf -o /dev/null --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
            -H 'Content-Type: application/json' --data-binary @- "$server/api/v1/namespaces/$where/configmaps"
done
"$helm" install look "$looker" -n "$ns-twin" --dry-run=server 2>&1 | sed "s/$ns-twin/$ns/g" | mask_times >"$scratch/helm-look"
"$celm" install look "$looker" -n "$ns" --dry-run=server 2>&1 | mask_times >"$scratch/celm-look"
same "lookup under install --dry-run=server" "$scratch/helm-look" "$scratch/celm-look"
check "lookup found the probe" grep -q 'color: "teal"' "$scratch/celm-look"
"$celm" install look "$looker" -n "$ns" >/dev/null 2>&1
"$helm" install look "$looker" -n "$ns-twin" >/dev/null 2>&1
same_as_twin "lookup under install" get manifest look
"$celm" template look "$looker" -n "$ns" >"$scratch/celm-look-template" 2>&1 || true
check "lookup finds nothing under template" grep -q 'color: "none"' "$scratch/celm-look-template"

# 2. Both list the same releases, in every output format.
for format in table json yaml; do
    "$celm" list -n "$ns" -o "$format" | mask_times >"$scratch/celm-list"
    "$helm" list -n "$ns" -o "$format" | mask_times >"$scratch/helm-list"
    same "list -o $format" "$scratch/helm-list" "$scratch/celm-list"
done
list_both() {   # list_both ARGS...: celm's and helm's list output into celm-list and helm-list
    "$celm" list -n "$ns" "$@" >"$scratch/celm-list.raw" 2>&1 || true
    "$helm" list -n "$ns" "$@" >"$scratch/helm-list.raw" 2>&1 || true
    mask_times <"$scratch/celm-list.raw" >"$scratch/celm-list"
    mask_times <"$scratch/helm-list.raw" >"$scratch/helm-list"
}
for selector in "team in (blue,red)" "team notin (blue)"; do
    list_both -l "$selector"
    same "list -l '$selector'" "$scratch/helm-list" "$scratch/celm-list"
done
for filter in "--filter ^t" "--filter web|look" "--filter [" "-l team=blue" "-l team==blue,size" "-l tier!=web" \
    "-l !team" "-l owner=helm,status=deployed" "-q -r" "-d" "--max 1 --offset 1"; do
    list_both $filter
    same "list $filter" "$scratch/helm-list" "$scratch/celm-list"
done

# 3. The name is taken: both refuse in the same words.
"$helm" install web "$chart" -n "$ns" >/dev/null 2>"$scratch/helm-reuse" || true
"$celm" install web "$chart" -n "$ns" >/dev/null 2>"$scratch/celm-reuse" || true
same "re-using a name fails as in helm" "$scratch/helm-reuse" "$scratch/celm-reuse"

# 4. helm's release, uninstalled by celm: records and objects are gone.
"$helm" install by-helm "$chart" -n "$ns" >/dev/null 2>&1
"$celm" status by-helm -n "$ns" >"$scratch/celm-status.full"
"$helm" status by-helm -n "$ns" >"$scratch/helm-status.full"
normalize_status() {   # ages masked, RESOURCES blocks sorted (helm prints them in Go map order)
    mask_times | python3 -c '
import re, sys
text = re.sub(r"\b[0-9]+[smhd]([0-9]+[smh])?$", "<age>", sys.stdin.read(), flags=re.M)
head, sep, rest = text.partition("RESOURCES:\n")
if sep:
    body, notes_sep, tail = rest.partition("\nTEST SUITE") if "\nTEST SUITE" in rest else rest.partition("\nNOTES:")
    blocks = sorted(b for b in body.split("==> ") if b)
    text = head + sep + "==> ".join([""] + blocks) + notes_sep + tail
sys.stdout.write(text)'
}
normalize_status <"$scratch/celm-status.full" >"$scratch/celm-status"
normalize_status <"$scratch/helm-status.full" >"$scratch/helm-status"
same "status of helm's release, with its live resources" "$scratch/helm-status" "$scratch/celm-status"
for format in json yaml; do   # a list's resourceVersion moves with every write to the cluster
    "$celm" status by-helm -n "$ns" -o $format | sed -E 's/("?resourceVersion"?: ?)"[0-9]+"/\1"<rv>"/g' >"$scratch/celm-status.$format"
    "$helm" status by-helm -n "$ns" -o $format | sed -E 's/("?resourceVersion"?: ?)"[0-9]+"/\1"<rv>"/g' >"$scratch/helm-status.$format"
    same "status -o $format of helm's release, with its live objects" "$scratch/helm-status.$format" "$scratch/celm-status.$format"
done
"$celm" uninstall by-helm -n "$ns" >"$scratch/celm-uninstall" 2>&1
echo 'release "by-helm" uninstalled' >"$scratch/expected-uninstall"
same "uninstall prints helm's line" "$scratch/expected-uninstall" "$scratch/celm-uninstall"
check "helm no longer lists it" bash -c "! '$helm' list -n '$ns' -q | grep -qx by-helm"
check "its Service is deleted" test "$(api_status "/api/v1/namespaces/$ns/services/by-helm-hello")" = 404

# 5. --keep-history leaves a record helm reads as uninstalled; helm then purges it.
"$celm" uninstall web -n "$ns" --keep-history >/dev/null
"$helm" history web -n "$ns" >"$scratch/kept"
check "helm sees the kept revision uninstalled" grep -q "uninstalled.*Uninstallation complete" "$scratch/kept"
check "celm refuses a second uninstall with --keep-history" bash -c \
    "'$celm' uninstall web -n '$ns' --keep-history 2>&1 | grep -qx 'Error: the release named \"web\" is already deleted'"
"$helm" uninstall web -n "$ns" >/dev/null
check "helm purged celm's kept record" bash -c "! '$celm' list -n '$ns' -q | grep -qx web"

# 6. A name of a missing release and a bad name fail with helm's texts.
"$helm" uninstall nothing -n "$ns" >/dev/null 2>"$scratch/helm-missing" || true
"$celm" uninstall nothing -n "$ns" >/dev/null 2>"$scratch/celm-missing" || true
same "uninstall of a missing release" "$scratch/helm-missing" "$scratch/celm-missing"
"$helm" install Bad_Name "$chart" -n "$ns" >/dev/null 2>"$scratch/helm-badname" || true
"$celm" install Bad_Name "$chart" -n "$ns" >/dev/null 2>"$scratch/celm-badname" || true
same "install with an invalid name" "$scratch/helm-badname" "$scratch/celm-badname"

# 7. Upgrades and rollbacks taking turns, against the same sequence done by helm alone.
turns() {   # turns FIRST SECOND NAMESPACE: install, upgrade, upgrade, rollback, rollback alternating tools
    "$1" install life "$chart" -n "$3" --create-namespace >/dev/null 2>&1
    "$2" upgrade life "$chart" -n "$3" --set replicaCount=2 >/dev/null 2>&1
    "$1" upgrade life "$chart" -n "$3" --reuse-values --set service.port=81 >/dev/null 2>&1
    "$2" rollback life 1 -n "$3" >/dev/null 2>&1
    "$1" rollback life -n "$3" >/dev/null 2>&1
    "$2" upgrade --install life "$chart" -n "$3" --reset-then-reuse-values --set image.tag=t >/dev/null 2>&1
}
turns "$celm" "$helm" "$ns-turns"
turns "$helm" "$helm" "$ns-turns-twin"
for what in history "get values" "get manifest"; do
    "$helm" $what life -n "$ns-turns" | mask_times >"$scratch/turns-celm"
    "$helm" $what life -n "$ns-turns-twin" | sed "s/$ns-turns-twin/$ns-turns/g" | mask_times >"$scratch/turns-helm"
    same "helm $what after turns of celm and helm equals helm alone" "$scratch/turns-helm" "$scratch/turns-celm"
done
api_get "/api/v1/namespaces/$ns-turns/services/life-hello" >"$scratch/service.json"
check "the Service port follows the revision rolled back to" python3 -c '
import json, sys
assert json.load(open(sys.argv[1]))["spec"]["ports"][0]["port"] == 81' "$scratch/service.json"
"$helm" upgrade nothing "$chart" -n "$ns" >/dev/null 2>"$scratch/helm-noupgrade" || true
"$celm" upgrade nothing "$chart" -n "$ns" >/dev/null 2>"$scratch/celm-noupgrade" || true
same "upgrade of a missing release" "$scratch/helm-noupgrade" "$scratch/celm-noupgrade"
"$helm" rollback life 99 -n "$ns-turns" >/dev/null 2>"$scratch/helm-norevision" || true
"$celm" rollback life 99 -n "$ns-turns" >/dev/null 2>"$scratch/celm-norevision" || true
same "rollback to a missing revision" "$scratch/helm-norevision" "$scratch/celm-norevision"

"$helm" uninstall web -n "$ns-twin" >/dev/null 2>&1 || true
echo "release interop ($HELM_DRIVER): $passed passed, $failed failed"
[ "$failed" -eq 0 ]
