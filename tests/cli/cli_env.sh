#!/usr/bin/env bash
# cli_env.sh: `celm env` prints helm's variables, in helm's order and NAME="value" format, plus celm's own.
source "$(dirname "$0")/lib.sh"

# the names `helm env` (v4.2.4) prints, in its order, with CELM_DATA_HOME and CELM_PLUGIN_PATH sorted in
names="CELM_DATA_HOME CELM_PLUGIN_PATH HELM_BIN HELM_BURST_LIMIT HELM_CACHE_HOME HELM_CONFIG_HOME
HELM_CONTENT_CACHE HELM_DATA_HOME HELM_DEBUG HELM_KUBEAPISERVER HELM_KUBEASGROUPS HELM_KUBEASUSER
HELM_KUBECAFILE HELM_KUBECONTEXT HELM_KUBEINSECURE_SKIP_TLS_VERIFY HELM_KUBETLS_SERVER_NAME HELM_KUBETOKEN
HELM_MAX_HISTORY HELM_NAMESPACE HELM_PLUGINS HELM_QPS HELM_REGISTRY_CONFIG HELM_REPOSITORY_CACHE
HELM_REPOSITORY_CONFIG KUBECONFIG"

run env
assert "env succeeds quietly" test "$STATUS" = 0 -a ! -s "$ERR"
assert "every line is NAME=\"value\"" test "$(grep -cvE '^[A-Z_]+="[^"]*"$' "$OUT")" = 0
assert "the names and their order are helm's" test "$(cut -d= -f1 "$OUT" | tr '\n' ' ')" = "$(echo $names) "

# the defaults, exactly, for a HOME with nothing set
plugin_path=$("$CELM" env CELM_PLUGIN_PATH)
expected="CELM_DATA_HOME=\"$HOME/.local/share/celm\"
CELM_PLUGIN_PATH=\"$plugin_path\"
HELM_BIN=\"$CELM\"
HELM_BURST_LIMIT=\"100\"
HELM_CACHE_HOME=\"$HOME/.cache/helm\"
HELM_CONFIG_HOME=\"$HOME/.config/helm\"
HELM_CONTENT_CACHE=\"$HOME/.cache/helm/content\"
HELM_DATA_HOME=\"$HOME/.local/share/helm\"
HELM_DEBUG=\"false\"
HELM_KUBEAPISERVER=\"\"
HELM_KUBEASGROUPS=\"\"
HELM_KUBEASUSER=\"\"
HELM_KUBECAFILE=\"\"
HELM_KUBECONTEXT=\"\"
HELM_KUBEINSECURE_SKIP_TLS_VERIFY=\"false\"
HELM_KUBETLS_SERVER_NAME=\"\"
HELM_KUBETOKEN=\"\"
HELM_MAX_HISTORY=\"10\"
HELM_NAMESPACE=\"default\"
HELM_PLUGINS=\"$HOME/.local/share/helm/plugins\"
HELM_QPS=\"0.00\"
HELM_REGISTRY_CONFIG=\"$HOME/.config/helm/registry/config.json\"
HELM_REPOSITORY_CACHE=\"$HOME/.cache/helm/repository\"
HELM_REPOSITORY_CONFIG=\"$HOME/.config/helm/repositories.yaml\"
KUBECONFIG=\"\"
"
check "the whole environment" 0 "$expected" "" env
assert "the plugin search path starts with celm's data home" \
    test "${plugin_path%%:*}" = "$HOME/.local/share/celm/plugins"

# `env NAME` prints the one value, and an empty line for a name it does not know
check "one variable" 0 "100"$'\n' "" env HELM_BURST_LIMIT
check "one of celm's variables" 0 "$HOME/.local/share/celm"$'\n' "" env CELM_DATA_HOME
check "an unknown variable" 0 $'\n' "" env NOT_A_VARIABLE

run env -n other
assert "only the flag's variable changes" test "$(grep -c other "$OUT")" = 1

finish
