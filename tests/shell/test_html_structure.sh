#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The HTML writer: every row of every table spans exactly the table's width (rowspan and
# colspan taken into account), the page is self-contained (no script, no external resource),
# and text from the report is escaped (a section containing <script> comes out inert).
set -euo pipefail
: "${XXGK:?}" "${XXGK_SOURCE_DIR:?}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # check PAGE.html REPORT.json...: structure of every table of each page
python3 - "$@" <<'PY'
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.row, self.stack = [], None, []
        self.scripts, self.external, self.text = 0, [], []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for k in ("src", "href"):
            if k in a:
                self.external.append((tag, a[k]))
        if tag == "link":
            self.external.append((tag, a.get("href")))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
            self.tables[-1].append(self.row)
        elif tag in ("td", "th"):
            self.row.append((int(a.get("rowspan", 1)), int(a.get("colspan", 1))))
    def handle_data(self, d):
        self.text.append(d)

def check(path):
    p = P()
    p.feed(open(path, encoding="utf-8").read())
    errors = []
    if p.scripts:
        errors.append("%d <script> element(s)" % p.scripts)
    if p.external:
        errors.append("external resources: %r" % p.external)
    # one table per table of the report that was read (a table not read is left out)
    want = sum(1 for t in ("proactive", "applications", "review_litigation") if read.get(path, {}).get(t))
    if len(p.tables) != want:
        errors.append("expected %d tables, found %d" % (want, len(p.tables)))
    for ti, rows in enumerate(p.tables):
        # lay the cells out on a grid: a cell occupies rowspan x colspan slots
        occupied = {}
        widths = []
        for ri, cells in enumerate(rows):
            c = 0
            for rs, cs in cells:
                while (ri, c) in occupied:
                    c += 1
                for dr in range(rs):
                    for dc in range(cs):
                        if (ri + dr, c + dc) in occupied:
                            errors.append("table %d row %d: overlapping cells" % (ti + 1, ri + 1))
                        occupied[(ri + dr, c + dc)] = 1
                c += cs
            widths.append(sum(1 for (r, _) in occupied if r == ri))
        if any(r >= len(rows) for (r, _) in occupied):
            errors.append("table %d: a rowspan reaches below the last row" % (ti + 1))
        if len(set(widths)) != 1:
            errors.append("table %d: row widths differ: %r" % (ti + 1, widths))
        else:
            print("%s: table %d: %d rows, width %d" % (path, ti + 1, len(rows), widths[0]))
    return ["%s: %s" % (path, e) for e in errors]

import json
read = {}  # page -> its report's JSON (each page is followed by the report it was written from)
args = sys.argv[1:]
for page, src in zip(args[0::2], args[1::2]):
    read[page] = json.load(open(src, encoding="utf-8"))
errors = []
for path in args[0::2]:
    errors += check(path)
if errors:
    print("\n".join(errors))
    sys.exit(1)
PY
}

pages=()
for f in "$XXGK_SOURCE_DIR"/examples/data/*.json "$XXGK_SOURCE_DIR"/tests/data/text/corpus/*/expected.json; do
    n=$((${#pages[@]} + 1))
    "$XXGK" convert --to html -o "$tmp/page$n.html" "$f"
    pages+=("$tmp/page$n.html" "$f")
done
[ "${#pages[@]}" -ge 22 ]

# Escaping: a section holding markup comes out as text.
python3 - "$XXGK_SOURCE_DIR/examples/data/kundulun-xinfang-2023.json" "$tmp/evil.json" "$tmp/subtotal.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["sections"]["overview"] = "<script>alert(1)</script>\n\"引号\" & 'x' <img src=x onerror=alert(2)>"
d["title"] = "</title><script>alert(3)</script>"
d["applications"]["new"]["total"] = "<b>x</b>"
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
# (六)其他处理 printed as one row: its optional subtotal filled, its sub-rows blank
d = json.load(open(sys.argv[1], encoding="utf-8"))
for k in ("overdue_correction", "overdue_fee", "other"):
    d["applications"]["other"][k] = {c: None for c in d["applications"]["other"][k]}
d["applications"]["other"].update({"natural_person": 2, "total": 2})
json.dump(d, open(sys.argv[3], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$XXGK" convert --to html -o "$tmp/evil.html" "$tmp/evil.json"
"$XXGK" convert --to html -o "$tmp/subtotal.html" "$tmp/subtotal.json"
check "${pages[@]}" "$tmp/evil.html" "$tmp/evil.json" "$tmp/subtotal.html" "$tmp/subtotal.json"
grep -q '<tr><th class="row" colspan="2">（六）其他处理</th><td data-path="applications.other.natural_person">2</td>' "$tmp/subtotal.html"
grep -q '<tr><th class="row" rowspan="3"></th><th class="row">1.申请人无正当理由逾期不补正' "$tmp/subtotal.html"
grep -q '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' "$tmp/evil.html"
grep -q '<p>&quot;引号&quot; &amp; &#39;x&#39; &lt;img src=x onerror=alert(2)&gt;</p>' "$tmp/evil.html"
grep -q '<title>&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>' "$tmp/evil.html"
grep -q 'data-path="applications.new.total">&lt;b&gt;x&lt;/b&gt;</td>' "$tmp/evil.html"
if grep -q '<script' "$tmp/evil.html"; then echo "unescaped <script"; exit 1; fi
if grep -q '<img' "$tmp/evil.html"; then echo "unescaped <img"; exit 1; fi
echo "escaping ok"

# The clerk's way (issue 17.4): one wrong cell, `convert --to html --highlight`, exactly one
# cell marked, the one the finding blames (the total of table 四, not the four cells it adds)
python3 - "$XXGK_SOURCE_DIR/examples/data/kundulun-xinfang-2023.json" "$tmp/one.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["review_litigation"]["review"]["total"] += 1
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
"$XXGK" convert -q --to html --highlight -o "$tmp/one.html" "$tmp/one.json"
marked=$(grep -o '<td class="[a-z]*" id="c-[^"]*" data-mark="[^"]*"' "$tmp/one.html")
[ "$marked" = '<td class="error" id="c-review_litigation.review.total" data-mark="1"' ] ||
    { echo "one wrong cell, marked cells: $marked"; exit 1; }
[ "$(grep -o 'data-mark=' "$tmp/one.html" | wc -l)" = 1 ] || { echo "more than one mark"; exit 1; }
echo "one wrong cell, one marked cell"
