#!/usr/bin/env bash
# record_help_golden.sh: records (or with --check, verifies) golden/help/*.txt, the shape of every helm command's --help.
#
# Usage: tests/cli/record_help_golden.sh [--check]
#   The shape (help_shape.py) is the usage, aliases, subcommand names and flags of a help text,
#   without descriptions. HOME is fixed to /home/celm-golden so the path defaults are stable.
#   --check records into a temporary directory and diffs it against golden/help.
# The helm binary is $HELM4 if set, else $HOME/.cache/celm-peers/helm-v4.2.4/helm (scripts/test-peers).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
helm=${HELM4:-$HOME/.cache/celm-peers/helm-v4.2.4/helm}
check=0
[[ ${1:-} == --check ]] && check=1

if [[ ! -x $helm ]]; then
    echo "record_help_golden: helm not found or not executable: $helm (run scripts/test-peers, or set HELM4)" >&2
    exit 2
fi
version=$("$helm" version --template '{{ .Version }}' 2>/dev/null || true)
if [[ $version != v4.2.4 ]]; then
    echo "record_help_golden: $helm reports version '$version', expected v4.2.4" >&2
    exit 2
fi

out=$here/golden/help
if ((check)); then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
rm -f "$out"/*.txt
run_helm() { env -i PATH=/usr/bin:/bin HOME=/home/celm-golden "$helm" "$@"; }

record() {
    local name=${*:-root} child
    run_helm "$@" --help | python3 "$here/help_shape.py" > "$out/${name// /_}.txt"
    # helm's help subcommand is cobra's, recorded once below; hidden commands are not listed
    for child in $(run_helm "$@" --help | sed -n '/^Available Commands:/,/^$/p' | awk 'NR > 1 && NF { print $1 }'); do
        [[ $child == help ]] || record "$@" "$child"
    done
}
record
run_helm help --help | python3 "$here/help_shape.py" > "$out/help.txt"

if ((check)); then
    diff -r "$here/golden/help" "$out"
    echo "golden/help matches helm $version ($(ls "$out" | wc -l) help shapes)"
else
    echo "recorded $(ls "$out" | wc -l) help shapes from helm $version"
fi
