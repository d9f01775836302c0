#!/usr/bin/env bash
# cli_help.sh: --help, -h and `celm help` work on every command; aliases reach their command; cobra's layout.
source "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)

# Every command path of helm's tree, as recorded in golden/help (root.txt and help.txt aside).
paths=()
for golden in "$here"/golden/help/*.txt; do
    name=$(basename "$golden" .txt)
    [[ $name == root || $name == help ]] || paths+=("${name//_/ }")
done
assert "the command list is complete" test "${#paths[@]}" -ge 58

for path in "${paths[@]}"; do
    read -ra words <<< "$path"
    run "${words[@]}" --help
    cp "$OUT" "$TEST_DIRECTORY/long"
    if [[ $STATUS == 0 && ! -s $ERR ]] && grep -q "^  celm $path" "$OUT" && grep -q '^Global Flags:$' "$OUT"; then
        pass
    else
        fail "celm $path --help"
    fi
    run "${words[@]}" -h
    assert "celm $path -h prints the same help" cmp -s "$OUT" "$TEST_DIRECTORY/long"
    run help "${words[@]}"
    assert "celm help $path prints the same help" cmp -s "$OUT" "$TEST_DIRECTORY/long"
done

# helm's aliases: each reaches the command it names
aliases=(
    "uninstall:del" "uninstall:delete" "uninstall:un" "list:ls" "history:hist" "pull:fetch" "show:inspect"
    "dependency:dep" "dependency:dependencies" "dependency list:dep ls" "dependency update:dep up"
    "repo list:repo ls" "repo remove:repo rm" "repo update:repo up"
    "plugin install:plugin add" "plugin list:plugin ls" "plugin uninstall:plugin rm"
    "plugin uninstall:plugin remove" "plugin update:plugin up" "show values:inspect values"
)
for pair in "${aliases[@]}"; do
    read -ra command <<< "${pair%%:*}"
    read -ra alias <<< "${pair#*:}"
    run "${command[@]}" --help
    cp "$OUT" "$TEST_DIRECTORY/command"
    run "${alias[@]}" --help
    assert "celm ${pair#*:} is celm ${pair%%:*}" cmp -s "$OUT" "$TEST_DIRECTORY/command"
    if [[ ${command[-1]} != "${alias[-1]}" ]]; then
        assert "the help of ${pair%%:*} lists the alias ${alias[-1]}" \
            grep -q "^  ${command[-1]}, .*${alias[-1]}" "$TEST_DIRECTORY/command"
    fi
done
run repo ls
assert "an alias runs its command" \
    test "$(cat "$ERR")" = "Error: \"repo list\" is not implemented in celm yet"

# the root: no arguments, --help and `help` print the same help
run
cp "$OUT" "$TEST_DIRECTORY/root"
assert "celm alone prints the root help and succeeds" test "$STATUS" = 0 -a -s "$OUT" -a ! -s "$ERR"
run --help
assert "celm --help is the root help" cmp -s "$OUT" "$TEST_DIRECTORY/root"
run help
assert "celm help is the root help" cmp -s "$OUT" "$TEST_DIRECTORY/root"
assert "the root help lists help among the commands" grep -q '^  help        Help about any command$' "$TEST_DIRECTORY/root"
assert "the root help ends as cobra's" \
    test "$(tail -1 "$TEST_DIRECTORY/root")" = 'Use "celm [command] --help" for more information about a command.'

# a group run without (or with an unknown) subcommand prints its help and succeeds, as cobra does
run get --help
cp "$OUT" "$TEST_DIRECTORY/get"
run get
assert "celm get prints its help" cmp -s "$OUT" "$TEST_DIRECTORY/get"
run get nope
assert "celm get nope prints get's help" cmp -s "$OUT" "$TEST_DIRECTORY/get"
run help get nope
assert "celm help get nope prints get's help" cmp -s "$OUT" "$TEST_DIRECTORY/get"

# cobra's layout: sections in order, blank lines between them, descriptions aligned in each flag block
run get values --help
expected_sections=$'Usage:\nFlags:\nGlobal Flags:'
assert "sections of a command" test "$(grep -E '^[A-Z][A-Za-z ]*:$' "$OUT")" = "$expected_sections"
assert "usage line" test "$(sed -n '/^Usage:$/{n;p}' "$OUT")" = "  celm get values RELEASE_NAME [flags]"
run dependency --help
expected_sections=$'Usage:\nAliases:\nAvailable Commands:\nFlags:\nGlobal Flags:'
assert "sections of a group" test "$(grep -E '^[A-Z][A-Za-z ]*:$' "$OUT")" = "$expected_sections"
assert "aliases line" test "$(sed -n '/^Aliases:$/{n;p}' "$OUT")" = "  dependency, dep, dependencies"
assert "a subcommand line is padded like cobra's" grep -qx '  build       rebuild the charts/ directory based on the Chart.lock file' "$OUT"
run install --help
for block in "Flags:" "Global Flags:"; do
    columns=$(sed -n "/^$block\$/,/^\$/p" "$OUT" | grep '^  ' |
        awk '{ match($0, /^ *-[^ ]*( [^ ]+)* {3,}/); print RLENGTH }' | sort -u)
    assert "descriptions of install's $block start in one column" test "$(wc -l <<< "$columns")" = 1
done
assert "a flag with an optional value shows it as pflag does" grep -q -- '--dry-run string\[="unset"\] .*(default "none")$' "$OUT"
assert "a custom type with an optional value" grep -q -- '--wait WaitStrategy\[=watcher\] .*(default hookOnly)$' "$OUT"
assert "a bool defaulting to true shows its default" grep -q -- '--server-side .*(default true)$' "$OUT"
assert "the keyring default is under HOME" grep -q -- "--keyring string .*(default \"$HOME/.gnupg/pubring.gpg\")\$" "$OUT"
assert "help for the command itself" grep -q -- '-h, --help .* help for install$' "$OUT"

finish
