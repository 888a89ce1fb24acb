#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# examples/check_report.c, the README's C example: the README shows the file as it is, and
# the program built by CMake prints exactly what it should for a clean report, a report with
# findings and an unreadable one.
set -euo pipefail
: "${XXGK_BINARY_DIR:?build dir}" "${XXGK_SOURCE_DIR:?source tree}"
prog="$XXGK_BINARY_DIR/examples/check_report"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$XXGK_SOURCE_DIR"

# the README's block after "A short C example" is the file, less its SPDX line
awk '/^## A short C example/ { s = 1 } s && /^```c$/ { c = 1; next } c && /^```$/ { exit } c' README.md > "$tmp/readme.c"
tail -n +2 examples/check_report.c > "$tmp/file.c"
diff -u "$tmp/file.c" "$tmp/readme.c" > "$tmp/diff" ||
    { echo "FAIL: README's C example differs from examples/check_report.c:"; cat "$tmp/diff"; fail=1; }

# expect NAME EXIT-STATUS ARGS... (expected standard output and error on stdin)
expect() {
    local name=$1 status=$2 rc=0
    shift 2
    cat > "$tmp/want"
    "$prog" "$@" > "$tmp/out" 2>&1 || rc=$?
    [ "$rc" = "$status" ] || { echo "FAIL: $name: exit status $rc, expected $status"; fail=1; }
    diff -u "$tmp/want" "$tmp/out" || { echo "FAIL: $name: output differs"; fail=1; }
}
expect "the sample report (the default)" 0 <<'OUT'
new applications: 0
OUT
expect "a report with findings" 0 examples/data/hongze-district-2023.json <<'OUT'
new applications: 21
T4.TOTAL 表四“行政复议”“总计”栏：总计应为 11（结果维持、结果纠正、其他结果、尚未审结之和），实为 0
T4.TOTAL 表四“行政诉讼”“复议后起诉”“总计”栏：总计应为 5（结果维持、结果纠正、其他结果、尚未审结之和），实为 0
OUT
printf '{"xxgk": 1, "template": "2021", "bogus": 1}\n' > "$tmp/bad.json"
expect "an unknown key" 2 "$tmp/bad.json" <<OUT
$tmp/bad.json:1:33: \$.bogus: unknown key "bogus"
OUT
expect "a missing file" 2 "$tmp/none.json" <<OUT
$tmp/none.json: No such file or directory
OUT
[ "$fail" = 0 ] && echo "ok: examples/check_report.c is the README's example and prints what it should"
exit "$fail"
