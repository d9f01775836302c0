#!/usr/bin/env bash
# cli_completion.sh: `celm completion SHELL` prints scripts that load and complete commands, aliases and flags.
source "$(dirname "$0")/lib.sh"
export CELM

top_commands="create dependency pull show lint package repo search verify get history install list test rollback
status template uninstall upgrade completion env plugin version registry push help"

# --- bash: loaded for real, then asked for completions as bash would ask --------------------------------
run completion bash
cp "$OUT" "$TEST_DIRECTORY/celm.bash"
assert "completion bash succeeds" test "$STATUS" = 0 -a ! -s "$ERR"
output=$(bash -c 'source <("$CELM" completion bash) && complete -p celm' 2>&1)
assert "bash: source <(celm completion bash) && complete -p celm" test "$output" = "complete -o default -F _celm celm"

# complete LINE: what _celm offers for the command line LINE (cursor at its end), space separated.
complete_bash() {
    bash -c 'source "$1"; COMP_LINE=$2; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _celm; echo "${COMPREPLY[*]}"' \
        _ "$TEST_DIRECTORY/celm.bash" "$1"
}
expect_bash() {
    local actual
    actual=$(complete_bash "$1")
    if [[ $actual == "$2" ]]; then pass; else fail "bash completion of '$1': got '$actual', expected '$2'"; fi
}
expect_bash "celm " "$(echo $top_commands)"
expect_bash "celm ge" "get"
expect_bash "celm get " "all hooks manifest metadata notes values"
expect_bash "celm get v" "values"
expect_bash "celm -n foo get m" "manifest metadata"
expect_bash "celm --namespace=foo --debug ge" "get"
expect_bash "celm dep " "build list update"
expect_bash "celm dependency u" "update"
expect_bash "celm plugin r" "rm remove"
expect_bash "celm show " "all chart crds readme values"
expect_bash "celm completion " "bash fish powershell zsh"
expect_bash "celm list --o" "--offset --output"
expect_bash "celm list -o " "table json yaml"
expect_bash "celm list --output=j" "json"
expect_bash "celm upgrade --server-side " "true false auto"
expect_bash "celm install --ver" "--verify --version"
expect_bash "celm version --kube-as" "--kube-as-group --kube-as-user"
expect_bash "celm plugin list --plugin" "--plugin-dir"

# --- zsh and fish: loaded for real (scripts/install-deps installs both) -------------------------------------
command -v zsh >/dev/null || { echo "zsh is missing: run scripts/install-deps"; exit 1; }
command -v fish >/dev/null || { echo "fish is missing: run scripts/install-deps"; exit 1; }
zsh_check='autoload -U compinit && compinit -u -d "$1/zcompdump" && source <("$CELM" completion zsh) &&
    __celm_walk -n foo dep up && print -r -- "$__celm_path" && __celm_describe "celm get" | head -1 &&
    __celm_walk list -o && print -r -- "$__celm_flag" && __celm_choices -o'
output=$(zsh -c "$zsh_check" _ "$TEST_DIRECTORY" 2>&1)
expected=$'celm dependency update\nall:download all information for a named release\n-o\ntable json yaml'
assert "zsh: the script loads and walks the command line" test "$output" = "$expected"
output=$(fish -c '$CELM completion fish | source; complete -C "celm -n foo get m"; complete -C "celm dep u";
                  complete -C "celm list -o "' 2>&1)
expected=$'manifest\tdownload the manifest for a named release\nmetadata\tfetch the metadata of a named release
update\tupdate charts/ based on the contents of Chart.yaml
json\toutput format, one of: table, json, yaml\ntable\toutput format, one of: table, json, yaml
yaml\toutput format, one of: table, json, yaml'
assert "fish: the script loads and completes" test "$output" = "$expected"

# --- every shell's script names every command, and --no-descriptions leaves the descriptions out ----------
for shell in bash zsh fish powershell; do
    run completion "$shell"
    assert "completion $shell succeeds" test "$STATUS" = 0 -a -s "$OUT"
    for command in $top_commands inspect fetch del delete un ls hist dep dependencies; do
        grep -q "\b$command\b" "$OUT" || fail "completion $shell does not know '$command'"
    done
done
run completion powershell
assert "powershell registers an argument completer" grep -q "^Register-ArgumentCompleter -CommandName 'celm' -Native" "$OUT"
run completion fish --no-descriptions
assert "fish --no-descriptions has no descriptions" test "$(grep -c -- " -d '" "$OUT")" = 0
run completion fish
assert "fish has descriptions by default" grep -q -- "-a 'install' -d 'install a chart'" "$OUT"
run completion zsh --no-descriptions
assert "zsh --no-descriptions lists bare names" grep -q "^        'celm get') print -rl -- 'all' 'hooks'" "$OUT"
check_error "completion takes no arguments" \
    $'"celm completion bash" accepts no arguments\n\nUsage:  celm completion bash [flags]' completion bash extra

finish
