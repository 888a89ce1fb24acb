#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk check: golden output (text zh/en, json, ndjson), exit codes, stdin, directories,
# --previous, --blank-as-zero, and 1,000 generated files with -j 1 and -j 2.
source "$(dirname "$0")/cli_common.sh"

H=examples/data/hongze-district-2023.json
K=examples/data/kundulun-xinfang-2023.json
K24=tests/data/cli/inputs/kundulun-2024.json
BAD=tests/data/cli/inputs/bad-year.json
MISSING=tests/data/cli/inputs/missing.json

# golden output, both languages; 2 wins over 1 when a file is unreadable
expect_rc 2 "$XXGK" check "$H" "$K" "$BAD" "$MISSING"
golden check-zh.out "$T/out"; golden check-zh.err "$T/err"
expect_rc 2 "$XXGK" check --lang en "$H" "$K" "$BAD" "$MISSING"
golden check-en.out "$T/out"; golden check-en.err "$T/err"
expect_rc 2 "$XXGK" check --format json "$H" "$K" "$BAD" "$MISSING"
golden check.json "$T/out"
cp "$T/out" "$T/check.json"
expect_rc 2 "$XXGK" check --format ndjson "$H" "$K" "$BAD" "$MISSING"
golden check.ndjson "$T/out"
# the ndjson lines are exactly the json document's files, one per line
python3 - "$T/check.json" "$T/out" <<'PY' || fail "json/ndjson structure"
import json, sys
doc = json.load(open(sys.argv[1]))
lines = open(sys.argv[2]).read().split("\n")
assert lines[-1] == "" and len(lines) == 5, lines
objs = [json.loads(l) for l in lines[:-1]]
assert doc["xxgk"] == 1 and doc["files"] == objs
h, k, bad, missing = objs
assert h["file"] == "examples/data/hongze-district-2023.json" and h["template"] == "2021"
assert h["year"] == 2023 and h["agency"] == "淮安市洪泽区人民政府" and h["title"] == ""
assert k["title"] == "昆都仑区信访局2023年政府信息公开工作年度报告", k
assert h["errors"] == 2 and h["warnings"] == 0 and len(h["findings"]) == 2
f = h["findings"][0]
assert f["rule"] == "T4.TOTAL" and f["severity"] == "error"
assert f["cells"][-1] == "review_litigation.review.total"
assert f["expected"] == 11 and f["actual"] == 0 and f["line"] == 64 and f["column"] == 72
assert f["message"].startswith("表四“行政复议”“总计”栏：") and "review_litigation" not in f["message"]
assert f["message_en"].startswith('table 4, "Administrative review" / "Total": ')
assert k["errors"] == 0 and k["findings"] == []
# every object has the same keys in the same order; null where there is no value
keys = ["file", "report", "template", "year", "agency", "title", "errors", "warnings", "findings", "error"]
assert all(list(o) == keys for o in objs), [list(o) for o in objs]
assert all(list(f) == ["rule", "severity", "cells", "expected", "actual", "message", "message_en", "line", "column"]
           for o in objs for f in o["findings"])
assert h["report"] is None and h["error"] is None
assert bad == {"file": "tests/data/cli/inputs/bad-year.json", "report": None, "template": None, "year": None,
               "agency": None, "title": None, "errors": 0, "warnings": 0, "findings": [],
               "error": {"message": "$.year：应为年度（1949–9999）或 null", "line": 2, "column": 11}}, bad
assert missing["findings"] == [] and missing["error"]["line"] is None and missing["error"]["column"] is None, missing
PY

# exit codes
expect_rc 0 "$XXGK" check "$K"
echo "$K: 报告《昆都仑区信访局2023年政府信息公开工作年度报告》（机关：昆都仑区信访局；年度：2023；模板：2021）" |
    cmp - "$T/out" || fail "a clean report prints its heading and no finding: $(cat "$T/out")"
grep -qx '文件 1，错误 0，警告 0，无法读取 0' "$T/err" || fail "zh summary of a clean report"
# the heading is the report's (on standard output: -q leaves it); --severity warning or error
# print a report's heading only above a finding shown
expect_rc 0 "$XXGK" check -q "$K"
[ "$(wc -l <"$T/out")" = 1 ] && [ ! -s "$T/err" ] || fail "-q: the heading stays, standard error is quiet"
expect_rc 0 "$XXGK" check --severity warning "$K"
[ ! -s "$T/out" ] || fail "--severity warning: a report without a warning prints nothing"
expect_rc 1 "$XXGK" check --severity error --lang en "$K" "$H"
head -n 3 "$GOLDEN/check-en.out" | cmp - "$T/out" || fail "--severity error: the heading above the errors"
# a web page (issue 14): its title, agency and year
P=tests/data/real/files/pingtan-zrz-2024.html
expect_rc 0 "$XXGK" check --lang en "$P"
echo "$P: report \"平潭综合实验区自然资源与生态环境局2024年政府信息公开工作年度报告\" (agency: 平潭综合实验区自然资源与生态环境局; year: 2024; template: 2021)" |
    cmp - "$T/out" || fail "the web page's heading: $(cat "$T/out")"
# what the reader did not find is said; a line break in a title is a space (one line each)
printf '{"xxgk": 1, "template": "2019", "title": "第一行\\n第二行"}' >"$T/bare.json"
expect_rc 0 "$XXGK" check --lang en "$T/bare.json"
head -n 1 "$T/out" | grep -qxF "$T/bare.json: report \"第一行 第二行\" (agency: unknown; year: unknown; template: 2019)" ||
    fail "heading of a report without agency or year: $(head -n 1 "$T/out")"
expect_rc 1 "$XXGK" check --lang en "$H"
grep -qx 'files 1, errors 2, warnings 0, unreadable 0' "$T/err" || fail "en summary"
expect_rc 2 "$XXGK" check "$BAD"
expect_rc 2 "$XXGK" check
expect_rc 2 "$XXGK" check --frobnicate "$K"
grep -q "unknown option '--frobnicate'" "$T/err" || fail "unknown option named"
expect_rc 2 "$XXGK" check --format xml "$K"
expect_rc 2 "$XXGK" check --lang fr "$K"
expect_rc 2 "$XXGK" check -j 0 "$K"
expect_rc 2 "$XXGK" check -j x "$K"
expect_rc 2 "$XXGK" check --previous "$MISSING" "$K"
expect_rc 2 "$XXGK" check --format
expect_rc 2 "$XXGK" check --formatx json "$K"   # a longer option is not --format
grep -q "unknown option '--formatx'" "$T/err" || fail "--formatx"
expect_rc 2 "$XXGK" check --langx en "$K"
expect_rc 1 "$XXGK" check --lang=en --format=ndjson --jobs=1 "$H"
head -n 1 "$GOLDEN/check.ndjson" | cmp - "$T/out" || fail "--opt=value forms"

# standard input gives the same findings as the file, under the name '-'
expect_rc 1 "$XXGK" check --lang en - <"$H"
sed "s|^$H:|-:|" "$GOLDEN/check-en.out" | head -3 >"$T/want"
diff -u "$T/want" "$T/out" >&2 || fail "stdin"

# a long CSV with a `report` column: one object per report, with its id; places are the CSV's
{ echo "report,path,value"
  "$XXGK" convert --to csv "$H" | tail -n +2 | sed 's/^/hz,/'
  "$XXGK" convert --to csv "$K" | tail -n +2 | sed 's/^/kd,/'; } >"$T/two.csv"
expect_rc 1 "$XXGK" check --format ndjson "$T/two.csv" "$K"
tail -n 1 "$T/err" | grep -qx '文件 2（报告 3），错误 2，警告 0，无法读取 0' || fail "multi-report summary: $(cat "$T/err")"
python3 - "$T/out" "$GOLDEN/check.ndjson" "$T/two.csv" <<'PY' || fail "multi-report CSV"
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
want = [json.loads(l) for l in open(sys.argv[2])]
assert [(o["file"], o.get("report")) for o in got] == [(sys.argv[3], "hz"), (sys.argv[3], "kd"),
                                                     ("examples/data/kundulun-xinfang-2023.json", None)]
for g, w in zip(got, want[:2]):
    for key in ("template", "year", "agency", "title", "errors", "warnings"):
        assert g[key] == w[key], key
    strip = lambda fs: [{k: v for k, v in f.items() if k not in ("line", "column")} for f in fs]
    assert strip(g["findings"]) == strip(w["findings"])
lines = open(sys.argv[3]).read().splitlines()
for f in got[0]["findings"]:  # the place is the CSV line of the cell the message names (the last)
    assert lines[f["line"] - 1].startswith("hz," + f["cells"][-1] + ","), f
PY

# an error in the second report: the first is checked, then the error with its CSV place
sed 's/^kd,meta.year,2023$/kd,meta.year,20233/' "$T/two.csv" >"$T/two-bad.csv"
line=$(grep -n '^kd,meta.year,20233$' "$T/two-bad.csv" | cut -d: -f1)
expect_rc 2 "$XXGK" check --format ndjson "$T/two-bad.csv"
python3 - "$T/out" "$line" <<'PY' || fail "multi-report CSV with an error"
import json, sys
hz, bad = [json.loads(l) for l in open(sys.argv[1])]
assert hz["report"] == "hz" and hz["errors"] == 2
assert bad["error"]["line"] == int(sys.argv[2]) and bad["error"]["column"] == 14, bad
assert "20233" in bad["error"]["message"]
PY
grep -q "^$T/two-bad.csv:$line:14: " "$T/err" || fail "multi-report error place on stderr"
# text: each report of the file has its heading, with its id, above its findings
expect_rc 1 "$XXGK" check "$T/two.csv"
grep -n ': 报告' "$T/out" | sed 's/（.*//' >"$T/heads"
printf '1:%s: 报告 hz\n4:%s: 报告 kd《昆都仑区信访局2023年政府信息公开工作年度报告》\n' "$T/two.csv" "$T/two.csv" |
    diff -u - "$T/heads" >&2 || fail "long CSV: a heading per report"

# last year's report
expect_rc 1 "$XXGK" check --lang en --previous "$K" "$K24"
golden check-previous-en.out "$T/out"
grep -q ' error YOY.CARRY: table 3, row "II. Applications carried over from last year", column "Natural persons": ' \
    "$T/out" || fail "YOY.CARRY"

# --blank-as-zero: identities over blank cells are evaluated (0 = 0), none is "cannot check"
# (a table with one number and blanks; an empty table's TABLE.EMPTY stands for its identities)
"$XXGK" template >"$T/empty.json"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["applications"]["new"]["natural_person"] = 1
json.dump(d, open(sys.argv[2], "w"))' "$T/empty.json" "$T/one.json"
expect_rc 1 "$XXGK" check --lang en "$T/one.json"
grep -q ' info T3.BALANCE: ' "$T/out" || fail "blank identities reported as uncheckable"
expect_rc 1 "$XXGK" check --lang en --blank-as-zero "$T/one.json"
if grep -q ' info T3.BALANCE' "$T/out"; then fail "--blank-as-zero"; fi
expect_rc 1 "$XXGK" check --lang en "$T/empty.json"
[ "$(grep -c ' info ' "$T/out")" = 0 ] || fail "an empty table's identities said one by one"
expect_rc 1 "$XXGK" check --lang en --blank-as-zero "$T/empty.json"
grep -c ' error TABLE.EMPTY: ' "$T/out" | grep -qx 3 || fail "TABLE.EMPTY with --blank-as-zero"

# a directory is walked recursively in sorted order, for known extensions only
mkdir -p "$T/dir/b" "$T/dir/a/z" "$T/dir/.hidden"
cp "$H" "$T/dir/b/2.json"; cp "$H" "$T/dir/a/z/1.json"; cp "$H" "$T/dir/a/0.json"
cp "$H" "$T/dir/c.JSON"; cp "$H" "$T/dir/report.docx"; cp "$H" "$T/dir/.hidden/x.json"
expect_rc 1 "$XXGK" check --format ndjson "$T/dir"
python3 -c 'import json,sys; print("\n".join(json.loads(l)["file"] for l in open(sys.argv[1])))' "$T/out" \
    | sed "s|^$T/||" >"$T/order"
printf 'dir/a/0.json\ndir/a/z/1.json\ndir/b/2.json\ndir/c.JSON\n' | diff -u - "$T/order" >&2 || fail "walk order"

# a directory without report files is bad usage, not a clean result
mkdir -p "$T/empty/sub"; cp "$H" "$T/empty/sub/report.docx"
expect_rc 2 "$XXGK" check "$T/empty"
grep -qx "xxgk: no report file (.json .csv .txt .md .html .htm .shtml .pdf) under $T/empty" "$T/err" || fail "empty directory: $(cat "$T/err")"
expect_rc 2 "$XXGK" sum "$T/empty"
[ ! -s "$T/out" ] || fail "sum of an empty directory wrote something"

# a long CSV of a header only holds no report: said in the --lang language
printf 'report,path,value\n' >"$T/header-only.csv"
expect_rc 2 "$XXGK" check "$T/header-only.csv"
grep -qx "$T/header-only.csv: 文件中没有报告" "$T/err" || fail "no report, zh: $(cat "$T/err")"
expect_rc 2 "$XXGK" check --lang en "$T/header-only.csv"
grep -qx "$T/header-only.csv: no report in the file" "$T/err" || fail "no report, en: $(cat "$T/err")"
expect_rc 2 "$XXGK" sum "$T/header-only.csv"
grep -qx "$T/header-only.csv: 文件中没有报告" "$T/err" || fail "sum: no report, zh: $(cat "$T/err")"

# bulk: 1,000 generated reports (some inconsistent, some unreadable) in nested directories
python3 - "$K" "$T/bulk" <<'PY'
import json, os, random, sys
random.seed(20231127)
base = json.load(open(sys.argv[1]))
def leaves(d, pre=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from leaves(v, pre + k + ".")
        else:
            yield pre + k
for i in range(1000):
    d = json.loads(json.dumps(base))
    d["agency"] = "机关%04d" % i
    if random.random() < 0.3:  # break one count cell
        node = d["applications"]
        path = random.choice(list(leaves(node)))
        *head, last = path.split(".")
        for p in head:
            node = node[p]
        node[last] = node[last] + random.randint(1, 9) if isinstance(node[last], int) else 1
    out = os.path.join(sys.argv[2], "d%02d" % (i % 13), "r%04d.json" % i)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        if i % 97 == 5:
            f.write('{"xxgk": 1, "template": "2021", "year": }')  # unreadable
        else:
            json.dump(d, f, ensure_ascii=False)
PY
for fmt in text ndjson json; do
    rc1=0; rc2=0
    "$XXGK" check -j 1 --format $fmt "$T/bulk" >"$T/j1.$fmt" 2>"$T/j1.$fmt.err" || rc1=$?
    "$XXGK" check -j 2 --format $fmt "$T/bulk" >"$T/j2.$fmt" 2>"$T/j2.$fmt.err" || rc2=$?
    [ "$rc1" = 2 ] && [ "$rc2" = 2 ] || fail "bulk $fmt exit codes $rc1 $rc2"
    cmp "$T/j1.$fmt" "$T/j2.$fmt" || fail "-j 1 and -j 2 stdout differ ($fmt)"
    cmp "$T/j1.$fmt.err" "$T/j2.$fmt.err" || fail "-j 1 and -j 2 stderr differ ($fmt)"
    if grep -q $'[\r\033]' "$T/j2.$fmt.err"; then fail "progress bar in redirected stderr"; fi
done
tail -n 1 "$T/j1.text.err" | grep -qx '文件 1000，错误 [1-9][0-9]*，警告 0，无法读取 11' || fail "bulk summary: $(tail -n 1 "$T/j1.text.err")"
python3 - "$T/j1.ndjson" "$T/j1.json" <<'PY' || fail "bulk ndjson"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1000, len(lines)
objs = [json.loads(l) for l in lines]
assert objs == json.load(open(sys.argv[2]))["files"]
names = [o["file"] for o in objs]
assert names == sorted(names), "input order"
assert sum(o["error"] is not None for o in objs) == 11
for o in objs:
    if o["error"] is None:
        n = int(o["file"][-9:-5])
        assert o["agency"] == "机关%04d" % n
PY

# memory does not grow with the number of files: peak heap (valgrind massif).
# -j 1 works on one file at a time, so its peak is the same on every run: from 77 files to 308
# it may grow by the list of file names only (each name, and two slots of the list, which
# doubles), far less than a report (5 kB) or an output (1.5 kB on average here) kept per file.
# With -j 2 which files are in flight depends on how the threads are scheduled (the cause of
# this check's old failures under load), so its peak over the 1,000 files is held to the worst
# case: -j 1's over 77, the 923 more names, a second worker at work (no more than a whole -j 1
# run), and the pool's window of results: 64 taken and 64 drained being printed, each an
# output buffer (doubled from 256 B: counted from the ndjson lines) and its record and messages
# (384 B). That is below every file's output kept, which the check would catch.
peak_heap() {
    rm -f "$T/massif"
    valgrind --tool=massif --massif-out-file="$T/massif" "$@" >/dev/null 2>&1 || true
    grep -o 'mem_heap_B=[0-9]*' "$T/massif" 2>/dev/null | cut -d= -f2 | sort -n | tail -n 1
}
if grep -qa -e __asan_init -e __tsan_init "$XXGK"; then
    echo "note: sanitized build: peak heap not measured (valgrind cannot run it; ASan checks leaks)"
elif command -v valgrind >/dev/null; then
    # bytes: the names of d01-d03's files and of d01-d12's, the outputs of d01-d03's files and
    # of all, and the window's results at their largest
    read -r names_mid names_all kept_mid kept_all window < <(python3 - "$T/j1.ndjson" <<'PY'
import json, sys
lines = open(sys.argv[1], "rb").read().splitlines()
files = [json.loads(l)["file"] for l in lines]
def name(f):  # the name (NUL included), two list slots (cli_input: 24 B)
    return len(f.encode()) + 1 + 2 * 24
def cap(l):   # a strbuf holding l and its NUL
    c = 256
    while c <= len(l):
        c *= 2
    return c
mid = [i for i, f in enumerate(files) if f.split("/")[-2] in ("d00", "d01", "d02", "d03")]
few = [i for i, f in enumerate(files) if f.split("/")[-2] == "d00"]
assert len(files) == 1000 and len(mid) == 308 and len(few) == 77, (len(mid), len(few))
slack = 16384
print(sum(name(files[i]) for i in mid if i not in few) + slack,
      sum(name(f) for i, f in enumerate(files) if i not in few) + slack,
      sum(cap(lines[i]) for i in mid if i not in few), sum(cap(l) for l in lines),
      sum(sorted((cap(l) for l in lines), reverse=True)[:128]) + 128 * 384)
PY
    )
    for cmd in "sum -j 1" "check --format json -j 1"; do
        small=$(peak_heap "$XXGK" $cmd "$T/bulk/d00")
        mid=$(peak_heap "$XXGK" $cmd "$T"/bulk/d0[0-3])
        [ -n "$small" ] && [ -n "$mid" ] && [ "$mid" -le $((small + names_mid)) ] ||
            fail "$cmd: peak heap grows with the files: ${small:-?} B for 77, ${mid:-?} B for 308 (names: $names_mid B)"
    done
    [ "$names_mid" -lt "$kept_mid" ] || fail "the -j 1 bound does not tell 231 more outputs kept ($kept_mid B)"
    two=$(peak_heap "$XXGK" check --format json -j 2 "$T"/bulk/d*)
    bound=$((small + names_all + small + window))
    [ -n "$two" ] && [ "$two" -le "$bound" ] ||
        fail "check -j 2: peak heap ${two:-?} B over 1,000 files, beyond the files in flight ($bound B)"
    [ "$bound" -lt "$kept_all" ] || fail "the -j 2 bound does not tell 1,000 outputs kept ($kept_all B)"
    echo "peak heap of check: -j 1 $small B for 77 files, $mid B for 308; -j 2 $two B for 1,000" \
         "(bound $bound B; every output: $kept_all B)"
else
    fail "valgrind is needed to measure the peak heap (scripts/deps.sh installs it)"
fi

# a file name is a JSON string whatever its bytes: escapes for '"', U+FFFD for what is not UTF-8
mkdir -p "$T/names"
cp "$K" "$T/names/a$(printf '\xff')\"b.json"
expect_rc 0 "$XXGK" check --format ndjson "$T/names"
head -n 1 "$T/out" | grep -qF '{"file": "'"$T"'/names/a'$'\xef\xbf\xbd''\"b.json"' ||
    fail "file name escaped in ndjson: $(head -c 80 "$T/out")"

finish
