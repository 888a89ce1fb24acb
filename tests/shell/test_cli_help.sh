#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk --help, help COMMAND, COMMAND --help, --version, unknown commands.
source "$(dirname "$0")/cli_common.sh"

expect_rc 0 "$XXGK" --help
for c in check convert sum diff template rules paths; do
    grep -q "^  $c " "$T/out" || fail "--help does not list $c"
done
grep -q 'Exit status: 0 clean, 1 error findings, 2 unreadable input or bad usage' "$T/out" || fail "exit status in --help"
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
grep -q -- '--format ndjson' "$T/help-check" || fail "check --help does not document ndjson"

expect_rc 0 "$XXGK" --version
grep -Eqx 'xxgk [0-9]+\.[0-9]+\.[0-9]+' "$T/out" || fail "--version: $(cat "$T/out")"
expect_rc 2 "$XXGK"
expect_rc 2 "$XXGK" frobnicate
grep -q "unknown command 'frobnicate'" "$T/err" || fail "unknown command named"
expect_rc 2 "$XXGK" help frobnicate

# convert: -o never overwrites its input; --highlight needs HTML
cp examples/data/kundulun-xinfang-2023.json "$T/k.json"
expect_rc 2 "$XXGK" convert --to json -o "$T/k.json" "$T/k.json"
cmp examples/data/kundulun-xinfang-2023.json "$T/k.json" || fail "convert overwrote its input"
expect_rc 2 "$XXGK" convert --to json --highlight "$T/k.json"
grep -q -- '--highlight marks cells in HTML' "$T/err" || fail "--highlight without html"
# convert --highlight: the cells of the findings are marked in the HTML page
expect_rc 0 "$XXGK" convert --to html --highlight examples/data/hongze-district-2023.json
grep -q '<td class="error" title="表四“行政复议”“总计”栏：总计应为 11（结果维持、结果纠正、其他结果、尚未审结之和），实为 0" data-path="review_litigation.review.total">0</td>' "$T/out" \
    || fail "--highlight: the total cell is not marked"
expect_rc 0 "$XXGK" convert --to html examples/data/hongze-district-2023.json
if grep -q 'class="error' "$T/out"; then fail "cells marked without --highlight"; fi
expect_rc 2 "$XXGK" paths --lang fr
expect_rc 0 "$XXGK" paths --lang en
head -n 1 "$T/out" | grep -qx $'proactive.regulations.issued\tRules / Issued this year' || fail "paths --lang en"

finish
