# lib.sh: what the cli test scripts share: a clean environment, running celm, exact assertions.
# A script sources it with the celm binary as $1, calls check/expect_* and ends with finish.
set -euo pipefail

CELM=${1:?usage: $0 path/to/celm}
TEST_DIRECTORY=$(mktemp -d)
trap 'rm -rf "$TEST_DIRECTORY"' EXIT
PASSED=0
FAILED=0

# Nothing from the caller's environment may change what celm prints.
for variable in $(env | sed -n 's/^\(\(HELM\|CELM\|XDG\)_[A-Z_]*\)=.*/\1/p'); do
    unset "$variable"
done
unset KUBECONFIG NO_COLOR
export HOME=$TEST_DIRECTORY/home

# run ARGS...: runs celm; leaves STATUS and the files $OUT and $ERR.
OUT=$TEST_DIRECTORY/stdout
ERR=$TEST_DIRECTORY/stderr
run() {
    set +e
    "$CELM" "$@" >"$OUT" 2>"$ERR"
    STATUS=$?
    set -e
}

pass() {
    PASSED=$((PASSED + 1))
}

fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL: $*"
}

# same_text NAME EXPECTED FILE: the file holds exactly EXPECTED (give trailing newlines explicitly).
same_text() {
    if ! cmp -s <(printf '%s' "$2") "$3"; then
        echo "  $1 differs (- expected, + actual):"
        diff <(printf '%s' "$2") "$3" | sed 's/^/    /' | head -40 || true
        return 1
    fi
}

# check DESCRIPTION STATUS STDOUT STDERR ARGS...: exact exit status, stdout and stderr.
check() {
    local description=$1 status=$2 stdout=$3 stderr=$4
    shift 4
    run "$@"
    local ok=1
    if [[ $STATUS != "$status" ]]; then
        echo "  exit status $STATUS, expected $status"
        ok=0
    fi
    same_text stdout "$stdout" "$OUT" || ok=0
    same_text stderr "$stderr" "$ERR" || ok=0
    if ((ok)); then pass; else fail "$description: celm $*"; fi
}

# check_error DESCRIPTION MESSAGE ARGS...: fails with status 1, nothing on stdout, "Error: MESSAGE".
check_error() {
    local description=$1 message=$2
    shift 2
    check "$description" 1 "" "Error: $message"$'\n' "$@"
}

# assert DESCRIPTION COMMAND...: the command succeeds.
assert() {
    local description=$1
    shift
    if "$@"; then pass; else fail "$description"; fi
}

finish() {
    echo "$PASSED passed, $FAILED failed"
    ((FAILED == 0))
}
