#!/usr/bin/env bash
# cli_reserved.sh: commands celm does not implement yet parse their flags and arguments, then fail plainly.
source "$(dirname "$0")/lib.sh"

# reserved "NAME" ARGS...: celm ARGS... fails with status 1 saying NAME is not implemented, and prints nothing else.
reserved() {
    local name=$1
    shift
    check_error "$name is reserved" "\"$name\" is not implemented in celm yet" "$@"
}

reserved pull pull repo/chart --untar --version 1.2.3
reserved pull fetch repo/chart
reserved push push chart.tgz oci://example.com/charts
reserved verify verify chart.tgz
check_error "show values --jsonpath is reserved" "--jsonpath is not implemented in celm yet" \
    inspect values ./chart --jsonpath '{.image}'
reserved "repo add" repo add name https://example.com/charts --force-update
reserved "repo list" repo ls
reserved "repo remove" repo rm name
reserved "repo update" repo up
reserved "search hub" search hub nginx --max-col-width 10
reserved "search repo" search repo nginx -l --regexp
reserved "registry login" registry login example.com -u me --password-stdin
reserved "registry logout" registry logout example.com
reserved "plugin install" plugin install ./plugin --verify=false
reserved "plugin package" plugin package ./plugin --sign=false
reserved "plugin uninstall" plugin rm name
reserved "plugin update" plugin up name
reserved "plugin verify" plugin verify ./plugin

# flags are checked before a reserved command refuses to run
check_error "a reserved command still rejects unknown flags" "unknown flag: --nope" install --nope a b
check_error "package --sign is reserved" "--sign is not implemented in celm yet" package ./chart --sign --key k

finish
