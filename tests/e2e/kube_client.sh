#!/usr/bin/env bash
# kube_client.sh: celm reaches the local cluster through every kind of kubeconfig helm accepts, and
# fails like helm v4.2.4 where helm fails. Arguments: celm binary, helm binary.
# Needs KUBECONFIG (the admin kubeconfig) and CELM_CLUSTER_DIR (for the PKI and tokens).
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
admin=$KUBECONFIG
token=$(cut -d, -f1 "$pki/tokens.csv")
b64() { base64 -w0 <"$1"; }

reaches() {   # reaches DESCRIPTION [ENV=VALUE...] [-- ARGS...]: celm list succeeds that way
    local what=$1 envs=()
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    check "$what" env "${envs[@]}" "$celm" list -n default "$@"
}
fails_like_helm() {   # fails_like_helm DESCRIPTION [ENV=VALUE...] -- ARGS...: same stderr and status as helm
    local what=$1 envs=() helm_status=0 celm_status=0
    shift
    while [ "$1" != -- ]; do envs+=("$1"); shift; done
    shift
    env "${envs[@]}" "$helm" list -n default "$@" >/dev/null 2>"$scratch/helm.err" || helm_status=$?
    env "${envs[@]}" "$celm" list -n default "$@" >/dev/null 2>"$scratch/celm.err" || celm_status=$?
    check "$what: exit $helm_status" test "$helm_status" = "$celm_status" -a "$helm_status" != 0
    check "$what: stderr" diff "$scratch/helm.err" "$scratch/celm.err"
}
kubeconfig() {   # kubeconfig FILE CLUSTER_LINES USER_LINES: one context over the given stanzas
    printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n%s\nusers:\n- name: u\n  user:\n%s\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n' \
        "$2" "$3" >"$1"
}

cluster_files="    server: $server
    certificate-authority: $pki/ca.crt"
cluster_data="    server: $server
    certificate-authority-data: $(b64 "$pki/ca.crt")"
cert_files="    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key"

# Ways in that work.
kubeconfig "$scratch/data" "$cluster_data" "    client-certificate-data: $(b64 "$pki/admin.crt")
    client-key-data: $(b64 "$pki/admin.key")"
reaches "certificate and key given as data" KUBECONFIG="$scratch/data"
kubeconfig "$scratch/token" "$cluster_files" "    token: $token"
reaches "bearer token" KUBECONFIG="$scratch/token"
echo "$token" >"$scratch/token.txt"
kubeconfig "$scratch/token-file" "$cluster_files" "    tokenFile: $scratch/token.txt"
reaches "token file" KUBECONFIG="$scratch/token-file"
mkdir -p "$scratch/relative"
cp "$pki/ca.crt" "$pki/admin.crt" "$pki/admin.key" "$scratch/relative/"
kubeconfig "$scratch/relative/config" "    server: $server
    certificate-authority: ca.crt" "    client-certificate: admin.crt
    client-key: admin.key"
reaches "paths relative to the kubeconfig's folder" KUBECONFIG="$scratch/relative/config" HOME=/nonexistent
printf '#!/bin/sh\nprintf %s\n' "'{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"$token\"}}'" \
    >"$scratch/credential-plugin"
chmod +x "$scratch/credential-plugin"
kubeconfig "$scratch/exec" "$cluster_files" "    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: $scratch/credential-plugin
      interactiveMode: Never"
reaches "exec credential plugin" KUBECONFIG="$scratch/exec"
kubeconfig "$scratch/insecure" "    server: $server
    insecure-skip-tls-verify: true" "$cert_files"
reaches "insecure-skip-tls-verify" KUBECONFIG="$scratch/insecure"
kubeconfig "$scratch/server-name" "$cluster_files
    tls-server-name: kubernetes.default" "$cert_files"
reaches "tls-server-name naming a certificate SAN" KUBECONFIG="$scratch/server-name"
# A KUBECONFIG list: clusters and the current context from the first file, users from the second.
printf 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n%s\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n' \
    "$cluster_files" >"$scratch/first"
printf 'apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n%s\ncurrent-context: elsewhere\n' "$cert_files" >"$scratch/second"
reaches "KUBECONFIG list merged first-wins" KUBECONFIG="$scratch/missing:$scratch/first:$scratch/second"
reaches "--kubeconfig flag over KUBECONFIG" KUBECONFIG=/nonexistent -- --kubeconfig "$admin"
reaches "--kube-token with --kube-ca-file and --kube-apiserver" KUBECONFIG=/nonexistent -- --kube-apiserver "$server" \
    --kube-ca-file "$pki/ca.crt" --kube-token "$token"

# Ways that fail, in helm's words.
fails_like_helm "a server nothing listens on" KUBECONFIG="$admin" -- --kube-apiserver https://127.0.0.1:1
kubeconfig "$scratch/bad-token" "$cluster_files" "    token: not-a-token"
fails_like_helm "a token the server does not know (401)" KUBECONFIG="$scratch/bad-token" --
fails_like_helm "a user without rights (403, the server's reason)" KUBECONFIG="$CELM_CLUSTER_DIR/restricted.kubeconfig" --
fails_like_helm "impersonating a user without rights" KUBECONFIG="$admin" -- --kube-as-user nobody --kube-as-group nogroup
fails_like_helm "a context that does not exist" KUBECONFIG="$admin" -- --kube-context nowhere
for command in "install x $(dirname "$0")/../../examples/hello" list "status x" "upgrade x $(dirname "$0")/../../examples/hello" \
    "upgrade -i x $(dirname "$0")/../../examples/hello" "uninstall x" "history x" "rollback x" "get values x"; do
    status_helm=0 status_celm=0
    KUBECONFIG=/nonexistent "$helm" $command >"$scratch/helm.out" 2>&1 || status_helm=$?
    KUBECONFIG=/nonexistent "$celm" $command >"$scratch/celm.out" 2>&1 || status_celm=$?
    echo "exit $status_helm" >>"$scratch/helm.out"
    echo "exit $status_celm" >>"$scratch/celm.out"
    same "no configuration at all: $command" "$scratch/helm.out" "$scratch/celm.out"
done
kubeconfig "$scratch/wrong-ca" "    server: $server
    certificate-authority: $pki/admin.crt" "$cert_files"
check "a CA that did not sign the server's certificate is refused" bash -c \
    "! KUBECONFIG='$scratch/wrong-ca' '$celm' list 2>&1 | grep -q '^NAME'"

echo "kube client: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
