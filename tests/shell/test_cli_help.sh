#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk --help, help COMMAND, COMMAND --help, --version, unknown commands.
source "$(dirname "$0")/cli_common.sh"

expect_rc 0 "$XXGK" --help
cp "$T/out" "$T/help-main"
for c in check convert sum diff template rules paths; do
    grep -q "^  $c " "$T/out" || fail "--help does not list $c"
done
tr '\n' ' ' <"$T/out" | grep -q 'Exit status: 0 clean, 1 error findings (diff: the reports differ), 2 unreadable input or bad usage' || fail "exit status in --help"
for c in check convert sum diff template rules paths; do
    expect_rc 0 "$XXGK" $c --help
    cp "$T/out" "$T/help-$c"
    grep -q "^usage: xxgk $c" "$T/out" || fail "$c --help: no usage line"
    grep -q "^  xxgk $c " "$T/out" || fail "$c --help: no example"
    expect_rc 0 "$XXGK" help $c
    cmp "$T/out" "$T/help-$c" || fail "help $c differs from $c --help"
done
for c in check sum diff template rules paths convert; do
    grep -q -- '--lang' "$T/help-$c" || fail "$c --help does not document --lang"
done
grep -q -- '--highlight' "$T/help-convert" || fail "convert --help does not document --highlight"
grep -q -- '--format text|json|ndjson' "$T/help-check" || fail "check --help does not document ndjson"
grep -q -- '--from FORMAT' "$T/help-check" || fail "check --help does not document --from"
# --help lists every file format the readers read, and no other (it lists .html today only
# when the walk takes it)
grep -q 'FILE may be a report (.json .csv .txt .md)' "$T/help-main" 2>/dev/null || true
# every help line fits 80 columns (CJK characters take two)
for c in main check convert sum diff template rules paths; do
    python3 - "$T/help-$c" "$c" <<'PY' || fail "$c --help: a line is wider than 80 columns"
import sys, unicodedata
for line in open(sys.argv[1], encoding="utf-8"):
    w = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.rstrip("\n"))
    assert w <= 80, (sys.argv[2], w, line)
PY
done

expect_rc 0 "$XXGK" --version
grep -Eqx 'xxgk [0-9]+\.[0-9]+\.[0-9]+' "$T/out" || fail "--version: $(cat "$T/out")"
expect_rc 2 "$XXGK"
expect_rc 2 "$XXGK" frobnicate
grep -q "unknown command 'frobnicate'" "$T/err" || fail "unknown command named"
expect_rc 2 "$XXGK" help frobnicate
# did you mean: commands, options and option values close to a known one
expect_rc 2 "$XXGK" chek report.json
grep -qx "xxgk: unknown command 'chek'; did you mean 'check'?" "$T/err" || fail "did you mean check: $(cat "$T/err")"
expect_rc 2 "$XXGK" conevrt --to json x
grep -q "did you mean 'convert'?" "$T/err" || fail "did you mean convert (transposition)"
expect_rc 2 "$XXGK" --verison
grep -q "did you mean '--version'?" "$T/err" || fail "did you mean --version"
expect_rc 2 "$XXGK" check --formt json examples/data/kundulun-xinfang-2023.json
grep -qx "xxgk check: unknown option '--formt'; did you mean '--format'?" "$T/err" || fail "did you mean --format: $(cat "$T/err")"
expect_rc 2 "$XXGK" check --format=jsn examples/data/kundulun-xinfang-2023.json
grep -qx "xxgk check: --format: unknown value 'jsn' (expected text, json or ndjson); did you mean 'json'?" "$T/err" ||
    fail "did you mean json: $(cat "$T/err")"
expect_rc 2 "$XXGK" convert --to=csv-wdie examples/data/kundulun-xinfang-2023.json
grep -q "did you mean 'csv-wide'?" "$T/err" || fail "did you mean csv-wide"
expect_rc 2 "$XXGK" check --severity
grep -qx "xxgk check: --severity needs a value: info, warning or error" "$T/err" || fail "missing value: $(cat "$T/err")"
expect_rc 2 "$XXGK" check --quiet=1 examples/data/kundulun-xinfang-2023.json
grep -qx "xxgk check: --quiet takes no value" "$T/err" || fail "flag with a value"
# bundled short options and -jN
expect_rc 0 "$XXGK" check -qj1 examples/data/kundulun-xinfang-2023.json
[ ! -s "$T/err" ] || fail "-qj1: $(cat "$T/err")"
# '--' ends the options: a file named like an option
cp examples/data/kundulun-xinfang-2023.json "$T/-q.json"
(cd "$T" && "$XXGK" check -- -q.json) >"$T/out" 2>"$T/err" || fail "check -- -q.json"
grep -q '^文件 1，' "$T/err" || fail "-- then a file named -q.json"

# convert: -o never overwrites its input; --highlight needs HTML
cp examples/data/kundulun-xinfang-2023.json "$T/k.json"
expect_rc 2 "$XXGK" convert --to json -o "$T/k.json" "$T/k.json"
cmp examples/data/kundulun-xinfang-2023.json "$T/k.json" || fail "convert overwrote its input"
expect_rc 2 "$XXGK" convert --to json --highlight "$T/k.json"
grep -q -- '--highlight marks cells in HTML' "$T/err" || fail "--highlight without html"
# convert --highlight: the cells of the findings are marked in the HTML page
expect_rc 0 "$XXGK" convert --to html --highlight examples/data/hongze-district-2023.json
grep -q '<td class="error" id="c-review_litigation.review.total" data-mark="1" title="表四“行政复议”“总计”栏：总计应为 11（结果维持、结果纠正、其他结果、尚未审结之和），实为 0" data-path="review_litigation.review.total"><a href="#f-1">0</a></td>' "$T/out" \
    || fail "--highlight: the total cell is not marked"
expect_rc 0 "$XXGK" convert --to html examples/data/hongze-district-2023.json
if grep -q 'class="error' "$T/out"; then fail "cells marked without --highlight"; fi
expect_rc 2 "$XXGK" paths --lang fr
expect_rc 0 "$XXGK" paths --lang en
head -n 1 "$T/out" | grep -qx $'proactive.regulations.issued\tRules / Issued this year' || fail "paths --lang en"

finish
