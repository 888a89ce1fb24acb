# SPDX-License-Identifier: MIT
# Shared by tests/shell/test_cli_*.sh (sourced, not run by ctest).
# Runs with cwd = the source dir so that file names in the output are stable.
set -euo pipefail
: "${XXGK:?XXGK (the CLI) must be set}"
: "${XXGK_SOURCE_DIR:?}"
cd "$XXGK_SOURCE_DIR"
GOLDEN="$XXGK_SOURCE_DIR/tests/data/cli"
T=$(mktemp -d "${TMPDIR:-/tmp}/xxgk-cli-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
FAILS=0

fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# expect_rc WANT CMD... : run CMD (stdout -> $T/out, stderr -> $T/err), check its exit code.
expect_rc() {
    local want=$1; shift
    local rc=0
    "$@" >"$T/out" 2>"$T/err" || rc=$?
    if [ "$rc" != "$want" ]; then
        fail "exit $rc, wanted $want: $*"
        sed 's/^/  stderr: /' "$T/err" | head -5 >&2
    fi
}

# golden NAME FILE : FILE must equal tests/data/cli/NAME (UPDATE_GOLDEN=1 rewrites it).
golden() {
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        cp "$2" "$GOLDEN/$1"
    elif ! diff -u "$GOLDEN/$1" "$2" >&2; then
        fail "output differs from golden $1"
    fi
}

finish() {
    if [ "$FAILS" -ne 0 ]; then
        echo "$FAILS check(s) failed" >&2
        exit 1
    fi
    echo "all checks passed"
}
