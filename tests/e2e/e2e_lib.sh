# e2e_lib.sh: what the cluster tests share. Sourced with `celm helm` as arguments after
# KUBECONFIG and CELM_CLUSTER_DIR are set; adds pki, server, check, same and api_* to peer_lib's.
source "$(dirname "${BASH_SOURCE[0]}")/../cli/peer_lib.sh" "$1" "$2"
pki=$CELM_CLUSTER_DIR/pki
server=$(sed -n 's/^ *server: //p' "$KUBECONFIG")

check() {   # check DESCRIPTION COMMAND...: counts a pass when COMMAND succeeds
    local what=$1
    shift
    if "$@" >"$scratch/check.out" 2>&1; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: $what"; sed 's/^/    /' "$scratch/check.out" | head -20; fi
}
same() {   # same DESCRIPTION FILE_A FILE_B
    check "$1" diff "$2" "$3"
}
api_status() {   # the HTTP status of a GET of PATH on the cluster, as the admin
    curl -s -o /dev/null -w '%{http_code}' --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$server$1"
}
api_get() {
    curl -sf --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" "$server$1"
}
step() {   # step TOOL NAMESPACE DIR NAME ARGS...: runs TOOL ARGS -n NAMESPACE, keeps its output and
           # exit code in DIR/NAME.out and .err with the namespace written NS and times masked
    local tool=$1 namespace=$2 dir=$3 name=$4 code=0
    shift 4
    "$tool" "$@" -n "$namespace" >"$dir/$name.out" 2>"$dir/$name.err" || code=$?
    echo "exit $code" >>"$dir/$name.out"
    sed -i -E "s/$namespace/NS/g; s/^(LAST DEPLOYED|Last Started|Last Completed): .*/\1: <time>/" \
        "$dir/$name.out" "$dir/$name.err"
}
twin_stories() {   # twin_stories STORY NAMESPACE: STORY TOOL NS DIR told by helm, then by celm;
                   # every file helm's telling left must be the same in celm's
    "$1" "$helm" "$2-helm" "$scratch/helm"
    "$1" "$celm" "$2-celm" "$scratch/celm"
    local file
    for file in "$scratch/helm"/*; do
        same "$(basename "$file"): celm equals helm" "$file" "$scratch/celm/$(basename "$file")"
    done
}
