#!/usr/bin/env bash
# cli_errors.sh: unknown commands and flags, bad values and wrong argument counts fail exactly as helm's do.
# Every expected text was checked against helm v4.2.4 with "helm" read as "celm".
source "$(dirname "$0")/lib.sh"

usage_hint="Run 'celm --help' for usage."$'\n'
check "unknown command" 1 "" "Error: unknown command \"foo\" for \"celm\""$'\n'"$usage_hint" foo
check "unknown command with one suggestion" 1 "" \
    "Error: unknown command \"instal\" for \"celm\""$'\n\n'"Did you mean this?"$'\n\t'"install"$'\n\n'"$usage_hint" instal
check "suggestions follow helm's registration order" 1 "" \
    "Error: unknown command \"lst\" for \"celm\""$'\n\n'"Did you mean this?"$'\n\tlint\n\tget\n\tlist\n\ttest\n\n'"$usage_hint" lst
check "unknown command after a global flag and its value" 1 "" \
    "Error: unknown command \"nope\" for \"celm\""$'\n'"$usage_hint" --namespace foo nope

check_error "unknown long flag on the root" "unknown flag: --foo" --foo
check_error "unknown long flag on a command" "unknown flag: --foo" version --foo
check_error "unknown flag wins over extra arguments" "unknown flag: --foo" version extra --foo
check_error "unknown shorthand" "unknown shorthand flag: 'x' in -x" version -x
check_error "unknown shorthand in a group" "unknown shorthand flag: 'x' in -x" list -qx
check_error "bad flag syntax" "bad flag syntax: ---foo" env ---foo
check_error "missing value of a shorthand" "flag needs an argument: 'n' in -n" list -n
check_error "missing value of a long flag" "flag needs an argument: --namespace" list --namespace
check_error "missing value of a global string array" "flag needs an argument: --kube-as-group" --kube-as-group

check_error "invalid bool" \
    'invalid argument "maybe" for "--debug" flag: strconv.ParseBool: parsing "maybe": invalid syntax' --debug=maybe version
check_error "empty bool" \
    'invalid argument "" for "--short" flag: strconv.ParseBool: parsing "": invalid syntax' version --short=
check_error "invalid bool names the shorthand too" \
    'invalid argument "x" for "-h, --help" flag: strconv.ParseBool: parsing "x": invalid syntax' version --help=x
check_error "shorthand bool with =value" \
    'invalid argument "x" for "-q, --short" flag: strconv.ParseBool: parsing "x": invalid syntax' list -Aq=x
check_error "invalid int" \
    'invalid argument "abc" for "--burst-limit" flag: strconv.ParseInt: parsing "abc": invalid syntax' version --burst-limit abc
check_error "int out of range" \
    'invalid argument "99999999999999999999" for "-m, --max" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range' \
    list -m 99999999999999999999
check_error "a leading 0 means octal" \
    'invalid argument "08" for "--burst-limit" flag: strconv.ParseInt: parsing "08": invalid syntax' version --burst-limit 08
check_error "underscores only between digits" \
    'invalid argument "1__0" for "--burst-limit" flag: strconv.ParseInt: parsing "1__0": invalid syntax' version --burst-limit=1__0
check_error "a base prefix needs digits" \
    'invalid argument "0x" for "--burst-limit" flag: strconv.ParseInt: parsing "0x": invalid syntax' version --burst-limit=0x
check_error "hexadecimal floats need an exponent" \
    'invalid argument "0x10" for "--qps" flag: strconv.ParseFloat: parsing "0x10": invalid syntax' version --qps=0x10
check_error "negative uint" \
    'invalid argument "-1" for "--max-col-width" flag: strconv.ParseUint: parsing "-1": invalid syntax' search hub --max-col-width -1
check_error "float out of float32 range" \
    'invalid argument "1e50" for "--qps" flag: strconv.ParseFloat: parsing "1e50": value out of range' env --qps=1e50 HELM_QPS
check_error "invalid duration" \
    'invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"' test x --timeout abc
check_error "duration without unit" \
    'invalid argument "1" for "--timeout" flag: time: missing unit in duration "1"' test x --timeout 1
check_error "duration with an unknown unit" \
    'invalid argument "1x" for "--timeout" flag: time: unknown unit "x" in duration "1x"' test x --timeout 1x
check_error "invalid output format" \
    'invalid argument "xml" for "-o, --output" flag: invalid format type' list -o xml
check_error "invalid wait strategy" \
    'invalid argument "bogus" for "--wait" flag: invalid wait input "bogus". Valid inputs are watcher, hookOnly, and legacy' \
    install --wait=bogus a b
check_error "label without =" \
    'invalid argument "a" for "-l, --labels" flag: a must be formatted as key=value' install --labels a a b
check_error "invalid color mode" \
    'invalid color mode "bad": must be one of: never, auto, always' --color=bad version

check_error "no arguments accepted" $'"celm version" accepts no arguments\n\nUsage:  celm version [flags]' version extra
check_error "arguments after -- still count" $'"celm version" accepts no arguments\n\nUsage:  celm version [flags]' \
    version --short -- x
check_error "at most one argument" $'"celm env" accepts at most 1 argument\n\nUsage:  celm env [flags]' env a b
check_error "exactly two arguments" $'"celm repo add" requires 2 arguments\n\nUsage:  celm repo add [NAME] [URL] [flags]' repo add
check_error "exactly one argument" $'"celm history" requires 1 argument\n\nUsage:  celm history RELEASE_NAME [flags]' history
check_error "at least one argument" \
    $'"celm install" requires at least 1 argument\n\nUsage:  celm install [NAME] [CHART] [flags]' install
check_error "at least two arguments" \
    $'"celm push" requires at least 2 arguments\n\nUsage:  celm push [chart] [remote] [flags]' push a

run help foo
assert "help for an unknown topic goes to stderr and succeeds" \
    test "$STATUS" = 0 -a ! -s "$OUT"
assert "help for an unknown topic names it as cobra does" \
    test "$(head -3 "$ERR")" = $'Unknown help topic [`foo`]\nUsage:\n  celm [command]'
assert "the usage after an unknown help topic has no -h line, as cobra's" \
    test "$(grep -c -- '-h, --help' "$ERR")" = 0
run help foo bar
assert "several unknown help topics" test "$(head -1 "$ERR")" = 'Unknown help topic [`foo` `bar`]'

finish
