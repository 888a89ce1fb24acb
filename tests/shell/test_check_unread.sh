# SPDX-License-Identifier: MIT
# Not read is not published empty (issue 16.3): an excerpt of a correct report checks clean
# (exit 0, no error, no blank-cell or empty-table finding); what it leaves out is said once
# per table; a cell not read survives JSON and long CSV as an absent key or row.
source "$(dirname "$0")/cli_common.sh"
C="$XXGK_SOURCE_DIR/tests/data/real"

# the reference report cut inside table 三, after its fifth row
head -n 38 "$C/kundulun-xinfang-2023.txt" >"$T/excerpt.txt"
expect_rc 0 "$XXGK" check "$T/excerpt.txt"
grep -q ' 错误 ' "$T/out" && fail "an excerpt gets an error: $(grep ' 错误 ' "$T/out")"
grep -Eq 'TABLE\.EMPTY|CELL\.BLANK' "$T/out" && fail "the excerpt's missing part blamed on the publisher"
[ "$(grep -c 'CHECK.UNREAD' "$T/out")" = 2 ] || fail "one CHECK.UNREAD for 表三 and one for 表四: $(cat "$T/out")"
grep -q '提示 CHECK.UNREAD: 表四：3 条勾稽关系未核对' "$T/out" || fail "表四 summary"
grep -q 'READ.MISSING: 未找到表四' "$T/out" || fail "表四 not in the text: one reader diagnostic"

# JSON and long CSV keep "not read" (absent) apart from blank (null / empty field)
expect_rc 0 "$XXGK" convert --to json "$T/excerpt.txt"
cp "$T/out" "$T/excerpt.json"
grep -q '"review_litigation": {}' "$T/excerpt.json" || fail "table 四 not read: an empty object"
grep -q '"carried_forward"' "$T/excerpt.json" && fail "a row not read is written"
for to in csv csv-wide; do
    expect_rc 0 "$XXGK" convert --to $to -o "$T/excerpt.$to.csv" "$T/excerpt.json"
    expect_rc 0 "$XXGK" convert --to json "$T/excerpt.$to.csv"
    cmp -s "$T/out" "$T/excerpt.json" || { fail "$to round trip of a report with cells not read"; diff "$T/excerpt.json" "$T/out" | head -5 >&2; }
done
grep -q '^review_litigation' "$T/excerpt.csv.csv" && fail "long CSV writes a cell not read"

# a table printed but left empty is still the publisher's: TABLE.EMPTY
python3 - "$T/excerpt.json" "$T/blank.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["review_litigation"] = {"review": {"upheld": None}}
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
expect_rc 1 "$XXGK" check "$T/blank.json"
grep -q '错误 TABLE.EMPTY: 表四（政府信息公开行政复议、行政诉讼情况）没有任何数字' "$T/out" || fail "TABLE.EMPTY on what was read"
finish
