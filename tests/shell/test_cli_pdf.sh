#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# PDF: the command runs poppler's pdftotext (no shell, a time limit) and reads its text. Each
# committed PDF (tests/data/pdf: Chromium's print of the HTML writer's page, LibreOffice's
# export of a DOCX made from it) reads into exactly the cells, title, agency and year of the
# report it was made from; a scanned page, a damaged file and a missing pdftotext each get
# their own clear error (exit 2); findings name the page.
source "$(dirname "$0")/cli_common.sh"
if ! command -v pdftotext >/dev/null; then
    echo "SKIP: pdftotext (poppler-utils) is not installed"
    exit 0
fi
P=tests/data/pdf

same() { # same PDF SOURCE.json
    expect_rc 0 "$XXGK" convert --to json "$1"
    python3 tests/shell/same_report.py "$T/out" "$2" --meta >"$T/diff" || fail "$1: $(head -5 "$T/diff")"
}
same $P/hongze-district-2023.chromium.pdf $P/hongze-district-2023.json
same $P/kundulun-xinfang-2023.docx.pdf examples/data/kundulun-xinfang-2023.json

# standard input: the bytes go to pdftotext through a pipe
rc=0
"$XXGK" convert --to json - <$P/kundulun-xinfang-2023.docx.pdf >"$T/out" 2>"$T/err" || rc=$?
[ "$rc" = 0 ] || fail "PDF on standard input: exit $rc: $(cat "$T/err")"
python3 tests/shell/same_report.py "$T/out" examples/data/kundulun-xinfang-2023.json --meta >/dev/null ||
  fail "PDF on standard input: not the source report"

# the text pdftotext made, read as the PDF's (--from pdftext): findings name the page
expect_rc 1 "$XXGK" check --from pdftext $P/hongze-district-2023.chromium.raw.txt
grep -q "^$P/hongze-district-2023.chromium.raw.txt#page=2:30:1: 提示 READ.SUBTOTAL: 第2页第30行：" "$T/out" ||
  fail "--from pdftext: $(head -3 "$T/out")"

# a PDF by its content, whatever its name says
cp $P/kundulun-xinfang-2023.docx.pdf "$T/report.txt"
expect_rc 0 "$XXGK" convert --to json "$T/report.txt"
python3 tests/shell/same_report.py "$T/out" examples/data/kundulun-xinfang-2023.json --meta >/dev/null ||
  fail "a PDF named .txt: not the source report"

# findings name the page, and the line within it
expect_rc 1 "$XXGK" check $P/hongze-district-2023.chromium.pdf
grep -q "^$P/hongze-district-2023.chromium.pdf#page=2:30:1: 提示 READ.SUBTOTAL: 第2页第30行：" "$T/out" ||
  fail "no page in the findings: $(head -3 "$T/out")"
grep -q "^$P/hongze-district-2023.chromium.pdf#page=3:25:10: 错误 T4.TOTAL: " "$T/out" ||
  fail "no page in the check's findings: $(head -3 "$T/out")"
expect_rc 1 "$XXGK" check --format json $P/hongze-district-2023.chromium.pdf
grep -q '"page": 2, "line": 30, "column": 1' "$T/out" || fail "no page in the JSON findings"

# a failure to read a PDF names the page and the line within it, as findings do
A=$P/ambiguous-label.libreoffice.pdf
expect_rc 2 "$XXGK" convert --to json $A
[ "$(cat "$T/err")" = "$A#page=2:3:1: 标签“行政处罚 行政强制”同样符合表二的两行：“行政处罚”和“行政强制”" ] ||
  fail "read failure: $(cat "$T/err")"
expect_rc 2 "$XXGK" check --format json $A
grep -q '"error": {"message": "标签“行政处罚 行政强制”同样符合表二的两行：“行政处罚”和“行政强制”", "page": 2, "line": 3, "column": 1}}' "$T/out" ||
  fail "no page in the JSON error: $(cat "$T/out")"
expect_rc 2 "$XXGK" convert --strict --lang en --to json $P/spaced-title.libreoffice.pdf
[ "$(cat "$T/err")" = "$P/spaced-title.libreoffice.pdf#page=1:5:1: table 二 (主动公开政府信息情况) not found" ] ||
  fail "strict: $(cat "$T/err")"

# letter-spaced type: the title, agency and year without pdftotext's spaces
expect_rc 0 "$XXGK" check $P/spaced-title.libreoffice.pdf
grep -q "^$P/spaced-title.libreoffice.pdf: 报告《示例县统计局2023年度政府信息公开工作年度报告》（机关：示例县统计局；年度：2023；" "$T/out" ||
  fail "spaced title: $(head -1 "$T/out")"

# the blank official form (LibreOffice's PDF of it, and the 2019 form): read, every cell blank,
# no number invented anywhere; the checker sees three empty tables
for f in govnianbao-blank-template-2021.libreoffice blank-2019.libreoffice; do
    expect_rc 0 "$XXGK" convert --to json $P/$f.pdf
    python3 - "$T/out" <<'PY' || fail "$f.pdf: not all blank"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
def leaves(n):
    for v in n.values():
        yield from leaves(v) if isinstance(v, dict) else [v]
cells = [v for t in ("proactive", "applications", "review_litigation") for v in leaves(doc[t])]
sys.exit(0 if len(cells) >= 190 and all(v is None for v in cells) else 1)
PY
    expect_rc 1 "$XXGK" check $P/$f.pdf
    [ "$(grep -c 'TABLE.EMPTY' "$T/out")" = 3 ] || fail "$f.pdf: $(grep -c TABLE.EMPTY "$T/out") empty tables"
    # ... and says no more about them: no identity "cannot be checked" one by one
    if grep -q '无法核对' "$T/out"; then fail "$f.pdf: an empty table's identities said one by one"; fi
done

# a scan, a damaged file, no pdftotext: each says so, exit 2, in the --lang language
expect_rc 2 "$XXGK" check $P/scanned-page.pdf
[ "$(head -1 "$T/err")" = "$P/scanned-page.pdf: 这份 PDF 没有文字（扫描的页面是图片）：xxgk 读取 PDF 中的文字，不识别图像；请先对它做 OCR 文字识别" ] ||
  fail "scan: $(cat "$T/err")"
expect_rc 2 "$XXGK" check --lang en $P/scanned-page.pdf
[ "$(head -1 "$T/err")" = "$P/scanned-page.pdf: a PDF without text (scanned pages are pictures): xxgk reads a PDF's text, not its images; run OCR on it first" ] ||
  fail "scan, en: $(cat "$T/err")"
expect_rc 2 "$XXGK" check $P/damaged.pdf
grep -q "^$P/damaged.pdf: PDF 文件已损坏，或不是 PDF：pdftotext 无法打开它（pdftotext：.*）$" "$T/err" || fail "damaged: $(cat "$T/err")"
expect_rc 2 "$XXGK" check --lang en $P/damaged.pdf
grep -q "^$P/damaged.pdf: a damaged PDF, or not a PDF: pdftotext cannot open it (pdftotext: .*)$" "$T/err" ||
  fail "damaged, en: $(cat "$T/err")"
expect_rc 2 env PATH=/nonexistent "$XXGK" check $P/kundulun-xinfang-2023.docx.pdf
[ "$(head -1 "$T/err")" = "$P/kundulun-xinfang-2023.docx.pdf: 这是 PDF 文件：读取它需要 pdftotext，但它没有安装（Debian：apt-get install poppler-utils）" ] ||
  fail "no pdftotext: $(cat "$T/err")"
expect_rc 2 env PATH=/nonexistent "$XXGK" convert --lang en --to json $P/kundulun-xinfang-2023.docx.pdf
[ "$(head -1 "$T/err")" = "$P/kundulun-xinfang-2023.docx.pdf: a PDF: reading it needs pdftotext, which is not installed (Debian: apt-get install poppler-utils)" ] ||
  fail "no pdftotext, en: $(cat "$T/err")"

# pdftotext too slow, or refusing (a stand-in pdftotext first on PATH): each says so, exit 2
K=$P/kundulun-xinfang-2023.docx.pdf
mkdir -p "$T/bin"
printf '#!/bin/sh\nexec sleep 30\n' >"$T/bin/pdftotext"
chmod +x "$T/bin/pdftotext"
expect_rc 2 env PATH="$T/bin:$PATH" XXGK_PDFTOTEXT_TIMEOUT=1 "$XXGK" check --lang en $K
[ "$(head -1 "$T/err")" = "$K: a PDF: pdftotext took longer than 1 s (XXGK_PDFTOTEXT_TIMEOUT)" ] ||
  fail "time limit: $(cat "$T/err")"
printf '#!/bin/sh\necho "Permission Error: Copying of text from this document is not allowed." >&2\nexit 3\n' \
  >"$T/bin/pdftotext"
expect_rc 2 env PATH="$T/bin:$PATH" "$XXGK" convert --to json $K
[ "$(head -1 "$T/err")" = "$K: 这份 PDF 的权限禁止复制其中的文字（pdftotext：Permission Error: Copying of text from this document is not allowed.）" ] ||
  fail "permissions: $(cat "$T/err")"
finish
