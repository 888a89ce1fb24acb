#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A long CSV of many reports is checked report by report: one ndjson object per report,
# memory that does not grow with the number of reports (beyond the input itself), and a
# report that cannot be read is named while the reports after it are still checked.
source "$(dirname "$0")/cli_common.sh"

# N small reports in one long CSV: a template and one row of table 三 whose total is wrong
long_csv() {
    python3 - "$1" "$2" <<'PY'
import sys
n, out = int(sys.argv[1]), sys.argv[2]
cols = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
with open(out, "w") as f:
    f.write("report,path,value\n")
    for i in range(n):
        f.write(f"r{i:06d},meta.template,2021\n")
        for c in cols:
            f.write(f"r{i:06d},applications.new.{c},1\n")
        f.write(f"r{i:06d},applications.new.total,{i % 5}\n")
PY
}
long_csv 1000 "$T/small.csv"
long_csv 5000 "$T/large.csv"

# one object per report, in file order, each with its id
expect_rc 1 "$XXGK" check --lang en --severity error --format ndjson "$T/large.csv"
python3 - "$T/out" <<'PY' || fail "one ndjson object per report"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1])]
assert len(objs) == 5000, len(objs)
assert [o["report"] for o in objs] == ["r%06d" % i for i in range(5000)]
assert all(o["errors"] == objs[0]["errors"] == len(o["findings"]) > 0 for o in objs), objs[0]
PY
tail -n 1 "$T/err" | grep -qx 'files 1 (reports 5000), errors [0-9]*, warnings [0-9]*, unreadable 0' || fail "summary: $(tail -n 1 "$T/err")"

# memory: the peak heap less the input's size is the same for 1,000 and 5,000 reports
# (each report's findings are written before the next report is read)
peak_heap() {
    valgrind --tool=massif --massif-out-file="$T/massif" "$@" >/dev/null 2>&1 || true
    grep -o 'mem_heap_B=[0-9]*' "$T/massif" | cut -d= -f2 | sort -n | tail -n 1
}
if grep -qa -e __asan_init -e __tsan_init "$XXGK"; then
    echo "note: sanitized build: peak heap not measured (valgrind cannot run it)"
elif command -v valgrind >/dev/null; then
    for fmt in ndjson json text; do
        small=$(peak_heap "$XXGK" check -q --severity error --format $fmt "$T/small.csv")
        large=$(peak_heap "$XXGK" check -q --severity error --format $fmt "$T/large.csv")
        grow=$(( (large - $(stat -c %s "$T/large.csv")) - (small - $(stat -c %s "$T/small.csv")) ))
        [ -n "$small" ] && [ -n "$large" ] && [ "$grow" -lt 65536 ] ||
            fail "$fmt: memory grows with the reports: ${small:-?} B for 1,000, ${large:-?} B for 5,000 ($grow B beyond the input)"
    done
else
    fail "valgrind is needed to measure the peak heap (scripts/deps.sh installs it)"
fi

# a report that cannot be read: named (json, ndjson and standard error), the others checked
python3 - "$T/mid.csv" <<'PY'
import sys
rows = ["report,path,value"]
for rid, total in (("a", "1"), ("b", "1.5"), ("c", "3")):
    rows += [f"{rid},meta.template,2021", f"{rid},applications.new.total,{total}", f"{rid},meta.year,2023",
             f"{rid},applications.new.natural_person,9"]
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
expect_rc 2 "$XXGK" check --lang en --severity error --format ndjson "$T/mid.csv"
python3 - "$T/out" <<'PY' || fail "a bad report in the middle"
import json, sys
a, b, c = [json.loads(l) for l in open(sys.argv[1])]
assert (a["report"], b["report"], c["report"]) == ("a", "b", "c")
assert b["error"] and b["error"]["line"] == 7 and "1.5" in b["error"]["message"], b
assert c["error"] is None and c["errors"] == a["errors"], c
PY
grep -q "^$T/mid.csv:7:[0-9]*: report 'b': " "$T/err" || fail "the bad report named on stderr: $(cat "$T/err")"
tail -n 1 "$T/err" | grep -qx 'files 1 (reports 2), errors [0-9]*, warnings [0-9]*, unreadable 1' || fail "mid summary: $(tail -n 1 "$T/err")"
# a malformed record (a stray quote) in the middle of a long CSV: that report is named, the
# reader goes on at the next report's line, and every report after it is checked
python3 - "$T/torn.csv" <<'PY'
import sys
rows = ["report,path,value"]
for i in range(1000):
    rows += [f"r{i:04d},meta.template,2021", f"r{i:04d},applications.new.total,{i % 5}"]
    if i == 500:
        rows += [f'r{i:04d},meta.agency,"x"y', f"r{i:04d},meta.year,2023"]
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
expect_rc 2 "$XXGK" check --lang en --severity error --format json "$T/torn.csv"
python3 - "$T/out" <<'PY' || fail "a malformed record"
import json, sys
objs = json.load(open(sys.argv[1]))["files"]
assert [o["report"] for o in objs] == ["r%04d" % i for i in range(1000)], len(objs)
bad = objs[500]
assert bad["error"] == {"message": "expected ',' or the end of the line after a closing quote; the reader goes on "
                                   "with the next report, at line 1006", "line": 1004, "column": 22}, bad
assert all(o["error"] is None for o in objs if o is not bad)
PY
tail -n 1 "$T/err" | grep -qx 'files 1 (reports 999), errors [0-9]*, warnings [0-9]*, unreadable 1' || fail "torn summary: $(tail -n 1 "$T/err")"
expect_rc 2 "$XXGK" check --severity error "$T/torn.csv"
grep -qx "$T/torn.csv:1004:22: 报告 r0500：右引号之后应为“,”或行尾；从第 1006 行的下一份报告起继续读取" "$T/err" ||
    fail "the malformed report named in Chinese: $(grep -v '^文件' "$T/err")"
tail -n 1 "$T/err" | grep -qx '文件 1（报告 999），错误 [0-9]*，警告 [0-9]*，无法读取 1' || fail "torn summary zh: $(tail -n 1 "$T/err")"
# sum and convert write nothing then, and name the report too
expect_rc 2 "$XXGK" sum --lang en "$T/torn.csv"
grep -q "^$T/torn.csv:1004:22: report 'r0500': expected ','" "$T/err" || fail "sum names the report: $(cat "$T/err")"
expect_rc 2 "$XXGK" convert --lang en --to csv -o "$T/torn.out.csv" "$T/torn.csv"
grep -q "^$T/torn.csv:1004:22: report 'r0500': expected ','" "$T/err" || fail "convert names the report: $(cat "$T/err")"
[ ! -e "$T/torn.out.csv" ] || fail "convert wrote a CSV without a report"

finish
