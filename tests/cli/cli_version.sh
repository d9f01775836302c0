#!/usr/bin/env bash
# cli_version.sh: `celm version` prints a helm-style BuildInfo, --short the version, --template a Go template.
# Arguments: celm binary, project version (e.g. 0.1.0), plugin ABI (e.g. 1.0), both from CMake.
source "$(dirname "$0")/lib.sh"
version=v${2:?project version}
abi=${3:?plugin ABI major.minor}
build_info="version.BuildInfo{Version:\"$version\", GitCommit:\"\", GitTreeState:\"\", PluginABI:\"$abi\"}"$'\n'

check "full version" 0 "$build_info" "" version
check "--short=false is the full version" 0 "$build_info" "" version --short=false
check "--short" 0 "$version"$'\n' "" version --short
check "global flags are accepted" 0 "$version"$'\n' "" --debug --kube-context x -n foo version --short
check "--template, without a newline as in helm" 0 "$version" "" version --template '{{.Version}}'
check "--template with blanks and every field" 0 "v=$version abi=$abi commit= tree=" "" \
    version --template 'v={{ .Version }} abi={{.PluginABI}} commit={{.GitCommit}} tree={{.GitTreeState}}'
check "--template wins over --short" 0 "x$version" "" version --short --template 'x{{.Version}}'
check "an unknown field fails as Go's template does, after the text before it" 1 "$version" \
    'Error: template: _:1:14: executing "_" at <.Nope>: can'"'"'t evaluate field Nope in type version.BuildInfo'$'\n' \
    version --template '{{.Version}}{{.Nope}}'
check "error positions are line:byte" 1 $'x\n ' \
    'Error: template: _:2:4: executing "_" at <.Nope>: can'"'"'t evaluate field Nope in type version.BuildInfo'$'\n' \
    version --template $'x\n {{ .Nope }}'
check_error "an unclosed action fails before anything is printed" "template: _:1: unclosed action" \
    version --template 'a{{.Version'

finish
