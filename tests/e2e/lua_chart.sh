#!/usr/bin/env bash
# lua_chart.sh: celm installs a chart whose templates are partly Lua on the local cluster;
# helm v4.2.4 reads the release, and its manifest is the one helm installs from the Go-template twin.
# Arguments: celm binary, helm binary, the case folder (lua/ and go/ charts). Needs KUBECONFIG.
source "$(dirname "$0")/e2e_lib.sh" "$1" "$2"
case=$3
ns=lua-chart-$$
"$celm" install shop "$case/lua" -n "$ns" --create-namespace >"$scratch/celm-install.out" 2>&1
check "celm installs the Lua chart" grep -q '^STATUS: deployed' "$scratch/celm-install.out"
"$helm" install shop "$case/go" -n "$ns-twin" --create-namespace >/dev/null
"$helm" get manifest shop -n "$ns" | sed -E "s|^(# Source: .*)\.lua$|\1.yaml|; s/$ns/NS/g" >"$scratch/celm-manifest"
"$helm" get manifest shop -n "$ns-twin" | sed "s/$ns-twin/NS/g" >"$scratch/helm-manifest"
check "helm get manifest reads celm's release of the Lua chart" test -s "$scratch/celm-manifest"
same "its manifest is the manifest of helm's release of the Go twin" "$scratch/helm-manifest" "$scratch/celm-manifest"
"$helm" status shop -n "$ns" >"$scratch/status"
check "helm sees the release deployed" grep -q '^STATUS: deployed' "$scratch/status"
api_get "/api/v1/namespaces/$ns/configmaps/shop-config" >"$scratch/configmap.json"
check "the ConfigMap a Lua template made is on the cluster" python3 -c '
import json, sys
data = json.load(open(sys.argv[1]))["data"]
assert data["tpl"] == "shop-shop" and data["template"] == "demo/templates/config.lua", data' "$scratch/configmap.json"
"$celm" uninstall shop -n "$ns" >/dev/null
"$helm" uninstall shop -n "$ns-twin" >/dev/null
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
