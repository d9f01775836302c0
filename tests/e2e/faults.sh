#!/usr/bin/env bash
# faults.sh: celm or the apiserver killed in the middle of an install or upgrade, concurrent upgrades, and bad
# input leave records helm can read, with helm's states and errors. Arguments: celm binary, helm
# binary. Needs KUBECONFIG and CELM_CLUSTER_DIR.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
root=$(cd "$(dirname "$0")/../.." && pwd)
ns=faults-$$

# A chart with enough objects that applying them takes a while.
chart=$scratch/many
mkdir -p "$chart/templates"
printf 'apiVersion: v2\nname: many\nversion: 0.1.0\n' >"$chart/Chart.yaml"
printf 'count: 1500\ngeneration: 1\n' >"$chart/values.yaml"
cat >"$chart/templates/configmaps.yaml" <<'EOF'
{{- range $i := until (int .Values.count) }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $.Release.Name }}-{{ $i }}
data:
  generation: {{ $.Values.generation | quote }}
{{- end }}
EOF

kill_when_pending() {   # kill_when_pending PID NAME REVISION STATUS: SIGKILL once the record shows STATUS
    local path="/api/v1/namespaces/$ns/secrets/sh.helm.release.v1.$2.v$3"
    for _ in $(seq 2000); do
        if api_get "$path" 2>/dev/null | grep -qE "\"status\": ?\"$4\""; then
            kill -9 "$1" || return 1
            wait "$1" 2>/dev/null || true
            return 0
        fi
        kill -0 "$1" 2>/dev/null || return 1
    done
    return 1
}
history_states() {   # "1 superseded;2 failed;" from helm's history of NAME
    "$helm" history "$1" -n "$ns" | awk -F'\t' 'NR > 1 { gsub(/ /, "", $1); gsub(/ /, "", $3); printf "%s %s;", $1, $3 }'
}

# 1. SIGKILL during an upgrade: the new revision stays pending-upgrade and blocks upgrades, as in
#    helm; a rollback repairs it; every record still decodes.
"$celm" install up "$chart" -n "$ns" --create-namespace >/dev/null 2>&1
"$celm" upgrade up "$chart" -n "$ns" --set generation=2 >/dev/null 2>&1 &
check "celm was killed while the upgrade was pending" kill_when_pending $! up 2 pending-upgrade
check "helm sees the upgrade pending" test "$(history_states up)" = "1 deployed;2 pending-upgrade;"
"$helm" upgrade up "$chart" -n "$ns" >/dev/null 2>"$scratch/helm-pending" || true
"$celm" upgrade up "$chart" -n "$ns" >/dev/null 2>"$scratch/celm-pending" || true
same "a further upgrade is refused in helm's words" "$scratch/helm-pending" "$scratch/celm-pending"
check "rollback repairs the release" "$celm" rollback up 1 -n "$ns"
check "the history reads pending, then the rollback deployed" \
    test "$(history_states up)" = "1 superseded;2 pending-upgrade;3 deployed;"
check "an upgrade works again" "$celm" upgrade up "$chart" -n "$ns" --set generation=4

# 2. SIGKILL during an install: the name stays taken until the release is uninstalled.
"$celm" install half "$chart" -n "$ns" >/dev/null 2>&1 &
check "celm was killed while the install was pending" kill_when_pending $! half 1 pending-install
check "helm sees the install pending" test "$(history_states half)" = "1 pending-install;"
"$helm" install half "$chart" -n "$ns" >/dev/null 2>"$scratch/helm-taken" || true
"$celm" install half "$chart" -n "$ns" >/dev/null 2>"$scratch/celm-taken" || true
same "installing the name again is refused in helm's words" "$scratch/helm-taken" "$scratch/celm-taken"
check "uninstall clears the half-installed release" "$celm" uninstall half -n "$ns"
check "no object of it is left" test "$(api_status "/api/v1/namespaces/$ns/configmaps/half-0")" = 404

# 3. An upgrade while another is under way: it fails with helm's lock error; the first one wins.
wait_for_record() {   # wait_for_record NAME REVISION STATUS
    for _ in $(seq 2000); do
        api_get "/api/v1/namespaces/$ns/secrets/sh.helm.release.v1.$1.v$2" 2>/dev/null | grep -qE "\"status\": ?\"$3\"" &&
            return 0
    done
    return 1
}
before=$(history_states up)
"$celm" upgrade up "$chart" -n "$ns" --set generation=5 >/dev/null 2>"$scratch/first.err" &
first=$!
check "the first upgrade is under way" wait_for_record up 5 pending-upgrade
"$celm" upgrade up "$chart" -n "$ns" --set generation=6 >/dev/null 2>"$scratch/second.err" || true
check "the second one fails with helm's lock error" grep -qx \
    'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress' "$scratch/second.err"
check "the first one completes" wait $first
check "the history gained one deployed revision" test "$(history_states up)" = "${before/4 deployed;/4 superseded;}5 deployed;"

# 4. Bad input: helm's errors, nothing stored.
"$helm" install lost "$chart" -n "nowhere-$$" >/dev/null 2>"$scratch/helm-nons" || true
"$celm" install lost "$chart" -n "nowhere-$$" >/dev/null 2>"$scratch/celm-nons" || true
same "installing into a missing namespace" "$scratch/helm-nons" "$scratch/celm-nons"
restricted=$CELM_CLUSTER_DIR/restricted.kubeconfig
KUBECONFIG=$restricted "$helm" install denied "$chart" -n "$ns" >/dev/null 2>"$scratch/helm-rbac" || true
KUBECONFIG=$restricted "$celm" install denied "$chart" -n "$ns" >/dev/null 2>"$scratch/celm-rbac" || true
same "installing as a user RBAC forbids" "$scratch/helm-rbac" "$scratch/celm-rbac"
check "nothing was stored for them" bash -c "! '$helm' list -A -q | grep -qxE 'lost|denied'"
for bad in Upper under_score "$(printf 'x%.0s' $(seq 54))" -dash; do
    "$helm" upgrade --install "$bad" "$chart" -n "$ns" >/dev/null 2>"$scratch/helm-bad" || true
    "$celm" upgrade --install "$bad" "$chart" -n "$ns" >/dev/null 2>"$scratch/celm-bad" || true
    same "upgrade --install with the name '$bad'" "$scratch/helm-bad" "$scratch/celm-bad"
done

# 5. The apiserver killed during an upgrade, on a control plane of this test's own (so no other
#    test loses its server): celm fails naming the server, the revision stays pending-upgrade
#    (nothing could record more), and once the server is back a rollback repairs it.
private=$scratch/cluster
trap 'CELM_CLUSTER_DIR=$private "$root/scripts/cluster" stop >/dev/null 2>&1; rm -rf "$scratch"' EXIT
export CELM_CLUSTER_DIR=$private
eval "$("$root/scripts/cluster" start)"
pki=$private/pki
server=$(sed -n 's/^ *server: //p' "$KUBECONFIG")
kill_server_when_pending() {   # kill_server_when_pending REVISION: SIGKILL, then wait until it is gone
    local pid
    pid=$(cat "$CELM_CLUSTER_DIR/kube-apiserver.pid")
    wait_for_record up "$1" pending-upgrade && kill -9 "$pid" || return 1
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}
"$celm" install up "$chart" -n "$ns" --create-namespace >/dev/null 2>&1
"$celm" upgrade up "$chart" -n "$ns" --set generation=2 >/dev/null 2>"$scratch/server-gone.err" &
upgrading=$!
check "the apiserver was killed while the upgrade was pending" kill_server_when_pending 2
code=0
wait "$upgrading" || code=$?
check "celm's upgrade failed" test "$code" -ne 0
check "it says why, naming the server" grep -q "^Error: UPGRADE FAILED: .*$server" "$scratch/server-gone.err"
"$root/scripts/cluster" start >/dev/null
server=$(sed -n 's/^ *server: //p' "$KUBECONFIG")
check "helm sees the upgrade pending after the restart" test "$(history_states up)" = "1 deployed;2 pending-upgrade;"
check "rollback repairs the release" "$celm" rollback up 1 -n "$ns"
check "the release is deployed again at revision 3" test "$("$helm" status up -n "$ns" -o json |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["version"], r["info"]["status"])')" = "3 deployed"
check "its objects are back at generation 1" bash -c \
    "[ \"\$(curl -sf --cacert '$pki/ca.crt' --cert '$pki/admin.crt' --key '$pki/admin.key' \
        '$server/api/v1/namespaces/$ns/configmaps/up-0' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"data\"][\"generation\"])')\" = 1 ]"

echo "faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
