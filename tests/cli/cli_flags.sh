#!/usr/bin/env bash
# cli_flags.sh: flag syntax as pflag reads it, and settings resolved from the environment, then flags.
# `celm env NAME` shows the resolved value of each setting.
source "$(dirname "$0")/lib.sh"

# value EXPECTED ARGS...: `celm ARGS...` prints EXPECTED and a newline, and succeeds.
value() {
    local expected=$1
    shift
    check "celm $* prints $expected" 0 "$expected"$'\n' "" "$@"
}

value default env HELM_NAMESPACE
value foo env -n foo HELM_NAMESPACE
value foo env HELM_NAMESPACE -n foo
value foo env --namespace foo HELM_NAMESPACE
value foo env --namespace=foo HELM_NAMESPACE
value foo env -nfoo HELM_NAMESPACE
value foo env -n=foo HELM_NAMESPACE
value foo=bar env -nfoo=bar HELM_NAMESPACE
value foo --namespace foo env HELM_NAMESPACE
value foo -n foo env HELM_NAMESPACE
value default env --namespace= HELM_NAMESPACE
value last env -n first -n last HELM_NAMESPACE
value "" env -- -n
value "" env -
value "" env NO_SUCH_VARIABLE

value true env --debug HELM_DEBUG
value false env --debug=false HELM_DEBUG
value true env --debug=1 HELM_DEBUG
value true env --kube-insecure-skip-tls-verify HELM_KUBEINSECURE_SKIP_TLS_VERIFY
value a,b env --kube-as-group a --kube-as-group b HELM_KUBEASGROUPS
value a,b env --kube-as-group=a,b HELM_KUBEASGROUPS
value 16 env --burst-limit=0x10 HELM_BURST_LIMIT
value -1 env --burst-limit=-1 HELM_BURST_LIMIT
value 1000 env --burst-limit=1_000 HELM_BURST_LIMIT
value 5 env --burst-limit=0b101 HELM_BURST_LIMIT
value -16 env --burst-limit=-0x1_0 HELM_BURST_LIMIT
value 2.56 env --qps 2.555 HELM_QPS
value 10.00 env --qps=1_0 HELM_QPS
value 8.00 env --qps=0x1p3 HELM_QPS
value +Inf env --qps=inf HELM_QPS
value 1000.00 env --qps=1e3 HELM_QPS
value /k env --kubeconfig /k KUBECONFIG
value c env --kube-context=c HELM_KUBECONTEXT
value /r env --registry-config /r HELM_REGISTRY_CONFIG
value /r env --repository-cache /r HELM_REPOSITORY_CACHE
value /r env --repository-config /r HELM_REPOSITORY_CONFIG
value /c env --content-cache /c HELM_CONTENT_CACHE

HELM_NAMESPACE=envns value envns env HELM_NAMESPACE
HELM_NAMESPACE=envns value flagns env -n flagns HELM_NAMESPACE
HELM_DEBUG=true value true env HELM_DEBUG
HELM_DEBUG=true value false env --debug=false HELM_DEBUG
HELM_DEBUG=maybe value false env HELM_DEBUG
HELM_KUBEASGROUPS=" ,x,y, " value x,y env HELM_KUBEASGROUPS
HELM_KUBEASGROUPS=x,y value a env --kube-as-group a HELM_KUBEASGROUPS
HELM_QPS=2.555 value 2.56 env HELM_QPS
HELM_QPS=nope value 0.00 env HELM_QPS
HELM_BURST_LIMIT=7 value 7 env HELM_BURST_LIMIT
HELM_BURST_LIMIT=abc value 100 env HELM_BURST_LIMIT
HELM_MAX_HISTORY=5 value 5 env HELM_MAX_HISTORY
HELM_MAX_HISTORY=x value 10 env HELM_MAX_HISTORY
HELM_KUBECONTEXT=ctx value ctx env HELM_KUBECONTEXT
HELM_KUBETOKEN=t value t env HELM_KUBETOKEN
HELM_KUBEASUSER=u value u env HELM_KUBEASUSER
HELM_KUBEAPISERVER=api value api env HELM_KUBEAPISERVER
HELM_KUBECAFILE=ca value ca env HELM_KUBECAFILE
HELM_KUBETLS_SERVER_NAME=sn value sn env HELM_KUBETLS_SERVER_NAME
HELM_KUBEINSECURE_SKIP_TLS_VERIFY=true value true env HELM_KUBEINSECURE_SKIP_TLS_VERIFY
KUBECONFIG=/ignored value "" env KUBECONFIG

# helm's own locations, so a helm user's repositories and registry logins are shared
value "$HOME/.cache/helm" env HELM_CACHE_HOME
value "$HOME/.config/helm" env HELM_CONFIG_HOME
value "$HOME/.local/share/helm" env HELM_DATA_HOME
value "$HOME/.local/share/helm/plugins" env HELM_PLUGINS
value "$HOME/.config/helm/repositories.yaml" env HELM_REPOSITORY_CONFIG
value "$HOME/.config/helm/registry/config.json" env HELM_REGISTRY_CONFIG
value "$HOME/.cache/helm/repository" env HELM_REPOSITORY_CACHE
value "$HOME/.cache/helm/content" env HELM_CONTENT_CACHE
XDG_CONFIG_HOME=/xdg-config value /xdg-config/helm env HELM_CONFIG_HOME
XDG_CACHE_HOME=/xdg-cache value /xdg-cache/helm/repository env HELM_REPOSITORY_CACHE
XDG_DATA_HOME=/xdg-data value /xdg-data/helm/plugins env HELM_PLUGINS
HELM_CONFIG_HOME=/c/ value /c env HELM_CONFIG_HOME
HELM_CACHE_HOME=/c value /c/content env HELM_CONTENT_CACHE
HELM_DATA_HOME=/d value /d/plugins env HELM_PLUGINS
HELM_PLUGINS=/p1:/p2 value /p1:/p2 env HELM_PLUGINS
HELM_CONTENT_CACHE=/cc value /cc env HELM_CONTENT_CACHE
value "$HOME/.local/share/celm" env CELM_DATA_HOME
XDG_DATA_HOME=/xdg-data value /xdg-data/celm env CELM_DATA_HOME
CELM_DATA_HOME=/celm-data value /celm-data env CELM_DATA_HOME

# --plugin-dir comes first in the plugin search path, then $CELM_PLUGIN_PATH, then celm's data home
run --plugin-dir /a --plugin-dir /b env CELM_PLUGIN_PATH
assert "--plugin-dir directories lead the search path in order" \
    test "$(cut -d: -f1-3 "$OUT")" = "/a:/b:$HOME/.local/share/celm/plugins"
CELM_PLUGIN_PATH=/e1:/e2 run env --plugin-dir /a CELM_PLUGIN_PATH
assert "\$CELM_PLUGIN_PATH follows --plugin-dir" test "$(cut -d: -f1-3 "$OUT")" = "/a:/e1:/e2"

# help shows a global flag's default as the environment set it, as helm's does
HELM_NAMESPACE=envns run version --help
assert "help shows the namespace from the environment" grep -q -- '-n, --namespace string .*(default "envns")$' "$OUT"
HELM_QPS=1e6 run version --help
assert "help shows a float32 default as Go does" grep -q -- '--qps float32 .*(default 1e+06)$' "$OUT"
HELM_KUBEASGROUPS=a,b run version --help
assert "help shows a string array default" grep -q -- '--kube-as-group stringArray .*(default \[a,b\])$' "$OUT"

finish
