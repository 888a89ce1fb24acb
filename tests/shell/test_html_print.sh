#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The HTML page as a clerk prints it (headless Chromium to PDF, then pdftotext): the numbers
# that tie a finding to its cell survive printing, the notes (info findings) are folded
# away, column headers stay whole, table 三's header lines repeat on every page it runs onto, and its last row never
# stands alone at the top of a page (48 copies of the table, each after one more line).
source "$(dirname "$0")/cli_common.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null; then
    fail "chromium and pdftotext are needed (scripts/deps.sh installs chromium and poppler-utils)"
    finish
fi
print_pdf() { # HTML PDF
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
        --user-data-dir="$T/profile" --print-to-pdf="$2" "file://$1" >/dev/null 2>&1 || true
    [ -s "$2" ] || fail "chromium printed nothing for $1"
}
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
page() { pdftotext -f "$2" -l "$2" -layout "$1" -; }

# a report with two errors and notes: printed, its findings keep their numbers
"$XXGK" convert -q --to html --highlight -o "$T/h.html" tests/data/real/hongze-district-2023_pdftotext-layout.txt
print_pdf "$T/h.html" "$T/h.pdf"
page "$T/h.pdf" 1 >"$T/p1.txt"
grep -q '^ *1 \[T4.TOTAL\] 表四“行政复议”' "$T/p1.txt" || fail "finding 1 is not numbered in print"
grep -q '^ *2 \[T4.TOTAL\] 表四“行政诉讼”' "$T/p1.txt" || fail "finding 2 is not numbered in print"
grep -q '提示 [0-9]* 条' "$T/p1.txt" || fail "the notes are not summed up"
for p in $(seq 1 "$(pages "$T/h.pdf")"); do page "$T/h.pdf" "$p"; done >"$T/all.txt"
if grep -q 'READ\.ORDER' "$T/all.txt"; then fail "the notes are printed unfolded"; fi
# column headers are never broken mid-word (自然/人)
for word in 自然人 商业企业 科研机构 社会公益组织 法律服务机构 结果维持 尚未审结 本年制发件数; do
    grep -q "$word" "$T/all.txt" || fail "the header $word is broken in print"
done
# table 四's values: the two wrong totals carry their numbers (0, then 1 and 2)
grep -Eq '^ *10 +1 +0 +0 +01 +0 +0 +0 +0 +0 +5 +0 +0 +0 +02$' "$T/all.txt" ||
    fail "the marked cells lost their numbers in print: $(grep -E '^ *10 ' "$T/all.txt")"

# table 三 48 times, each after one more line of text, each copy from a new page
"$XXGK" convert --to html -o "$T/hz.html" examples/data/hongze-district-2023.json
python3 - "$T/hz.html" "$T/multi.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
head, body = html.split("<body>", 1)
t3 = re.search(r'<table class="t-applications">.*?</table>', body, re.S).group(0)
copies = ['<div style="break-before:page">%s<h2>copy %d</h2>%s</div>'
          % ("".join("<p>第%d行</p>" % k for k in range(i)), i, t3) for i in range(48)]
open(sys.argv[2], "w", encoding="utf-8").write(head + "<body>" + "".join(copies) + "</body></html>")
PY
print_pdf "$T/multi.html" "$T/multi.pdf"
alone=0 last=0 header=0 spans=0
for p in $(seq 1 "$(pages "$T/multi.pdf")"); do
    page "$T/multi.pdf" "$p" >"$T/page.txt"
    if grep -q '四、结转下年度继续办理' "$T/page.txt"; then
        last=$((last + 1))
        grep -q '（七）总计' "$T/page.txt" || alone=$((alone + 1))
    fi
    if grep -q '属于国家秘密\|（七）总计\|本年新收' "$T/page.txt"; then  # rows of table 三 on this page
        spans=$((spans + 1))
        grep -q '申请人情况' "$T/page.txt" && header=$((header + 1))
    fi
done
[ "$last" = 48 ] || fail "expected 48 copies of table 三, found $last"
[ "$alone" = 0 ] || fail "the last row of table 三 stood alone at the top of $alone page(s)"
[ "$spans" -gt 48 ] || fail "no copy of table 三 ran onto a second page ($spans pages)"
[ "$header" = "$spans" ] || fail "the header lines are missing on $((spans - header)) of $spans pages"

finish
