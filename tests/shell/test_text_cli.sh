# SPDX-License-Identifier: MIT
# xxgk convert and xxgk check on the published plain-text form and Markdown (issue #4).
source "$(dirname "$0")/cli_common.sh"
C="$XXGK_SOURCE_DIR/tests/data/real"

# text -> json: the reference report, title from two lines
expect_rc 0 "$XXGK" convert --to json "$C/kundulun-xinfang-2023.txt"
grep -q '"agency": "昆都仑区信访局"' "$T/out" || fail "kundulun agency"
grep -q '"year": 2023' "$T/out" || fail "kundulun year"

# text -> text -> json and text -> markdown -> json give the same JSON as text -> json
for f in kundulun-xinfang-2023 hongze-district-2023_pdftotext-layout shanghai-stcsm-2024_pdf2md \
         unknown-bureau-mirror-2019tpl_text-in-numeric-cell; do
    expect_rc 0 "$XXGK" convert --to json "$C/$f.txt"
    cp "$T/out" "$T/a.json"
    for to in text markdown; do
        ext=txt; [ $to = markdown ] && ext=md
        expect_rc 0 "$XXGK" convert --to $to -o "$T/b.$ext" "$C/$f.txt"
        expect_rc 0 "$XXGK" convert --to json "$T/b.$ext"
        cmp -s "$T/out" "$T/a.json" || { fail "$f: $to round trip differs"; diff "$T/a.json" "$T/out" | head -5 >&2; }
    done
    # sniffed from standard input
    expect_rc 0 "$XXGK" convert --to json - < "$T/b.txt"
    cmp -s "$T/out" "$T/a.json" || fail "$f: sniffed text from stdin differs"
done

# check prints the reader's diagnostics with the findings: 洪泽区 has its two 表四 inconsistencies
expect_rc 1 "$XXGK" check "$C/hongze-district-2023_pdftotext-layout.txt"
[ "$(grep -c 'T4.TOTAL' "$T/out")" = 2 ] || fail "hongze: expected two T4.TOTAL findings"
grep -q '表四“行政复议”“总计”栏：总计应为 11（.*），实为 0' "$T/out" || fail "hongze: review total 11 vs 0"
grep -q '表四“行政诉讼”“复议后起诉”“总计”栏：总计应为 5（.*），实为 0' "$T/out" || fail "hongze: after-review total 5 vs 0"
grep -q 'READ.SUBTOTAL' "$T/out" || fail "hongze: the subtotal diagnostic is not printed"

# strict reading fails on an excerpt, naming the place
expect_rc 2 "$XXGK" convert --strict --to json "$C/longgang-dept-2024.txt"
grep -q '32' "$T/err" || fail "strict: no line in the message"

# HTML inside text (a page's tables in a JavaScript string): read as the page
"$XXGK" convert --to json "$C/shanghai-govoffice-2019_html-in-js.txt" >"$T/out" 2>"$T/err" ||
  fail "HTML in text: $(cat "$T/err")"
grep -q '"new": {"natural_person": 821, "commercial": 35, .*"total": 859}' "$T/out" ||
  fail "HTML in text: table 三's first row not read"

finish
