#!/usr/bin/env bash
# cli_help_shape.sh: every command's usage, aliases, subcommands and flags (names, types, defaults) match helm's.
# golden/help holds the shapes recorded from helm v4.2.4 by record_help_golden.sh; descriptions are celm's own.
source "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
export HOME=/home/celm-golden   # the HOME the goldens were recorded with; nothing is written there

# Lines celm adds on purpose, listed in golden/celm-additions.txt.
additions_for() {
    awk -F'\t' -v file="$1" '!/^#/ && ($1 == "*" || $1 == file) { print $2 }' "$here/golden/celm-additions.txt"
}

count=0
for golden in "$here"/golden/help/*.txt; do
    file=$(basename "$golden")
    name=${file%.txt}
    [[ $name == root ]] && words=() || read -ra words <<< "${name//_/ }"
    run "${words[@]}" --help
    python3 "$here/help_shape.py" < "$OUT" | grep -vxF -f <(additions_for "$file"; echo '@@never@@') > "$TEST_DIRECTORY/shape" || true
    if same_text "shape of 'celm ${words[*]} --help'" "$(cat "$golden")"$'\n' "$TEST_DIRECTORY/shape" && [[ $STATUS == 0 ]]; then
        pass
    else
        fail "celm ${words[*]} --help does not have helm's shape ($file)"
    fi
    count=$((count + 1))
done
assert "every command of helm's tree was compared" test "$count" -ge 60

finish
