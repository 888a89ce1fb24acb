#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Conventions users know from git, ripgrep and jq: -q, --severity, --color and NO_COLOR,
# a directory walk that skips what is not a report (and says how many) and --exclude,
# convert of many reports into one long CSV, a missing file named.
source "$(dirname "$0")/cli_common.sh"

H=examples/data/hongze-district-2023.json
K=examples/data/kundulun-xinfang-2023.json

# ---- -q: no summary; the findings themselves are unchanged ----
expect_rc 1 "$XXGK" check "$H"
cp "$T/out" "$T/plain.out"
expect_rc 1 "$XXGK" check -q "$H"
[ ! -s "$T/err" ] || fail "check -q wrote to stderr: $(cat "$T/err")"
cmp -s "$T/out" "$T/plain.out" || fail "check -q changed the findings"

# ---- --severity: the least severity shown; counts and exit status cover all ----
"$XXGK" template >"$T/empty.json"
for sev in info warning error; do
    expect_rc 1 "$XXGK" check --lang en --severity $sev "$T/empty.json"
    cp "$T/out" "$T/sev-$sev"
    tail -n 1 "$T/err" | grep -qx 'files 1, errors 3, warnings 0, unreadable 0' || fail "--severity $sev summary"
done
# one number in 表三: its identities over the blanks cannot be checked (info findings)
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["applications"]["new"]["natural_person"] = 1
json.dump(d, open(sys.argv[2], "w"))' "$T/empty.json" "$T/one.json"
expect_rc 1 "$XXGK" check --lang en --severity info "$T/one.json"
[ "$(grep -c ' info ' "$T/out")" -gt 30 ] || fail "--severity info shows the info findings"
expect_rc 1 "$XXGK" check --lang en --severity warning "$T/one.json"
grep -q ' info ' "$T/out" && fail "--severity warning shows info findings"
grep -q ' info ' "$T/sev-error" && fail "--severity error shows info findings"
[ "$(grep -c ' error TABLE.EMPTY: ' "$T/sev-error")" = 3 ] && [ "$(wc -l <"$T/sev-error")" = 4 ] &&
    head -n 1 "$T/sev-error" | grep -qx "$T/empty.json: report (agency: unknown; year: unknown; template: 2021)" ||
    fail "--severity error: the report's heading and exactly the three errors"
expect_rc 1 "$XXGK" check --format json --severity warning "$T/empty.json"
python3 - "$T/out" <<'PY' || fail "--severity in JSON"
import json, sys
f = json.load(open(sys.argv[1]))["files"][0]
assert f["errors"] == 3 and {x["severity"] for x in f["findings"]} == {"error"}, f
PY

# ---- --color: always, never, auto (a terminal, unless NO_COLOR) ----
expect_rc 1 "$XXGK" check --color always "$H"
grep -q $'\033\\[1;31m错误\033\\[0m T4.TOTAL' "$T/out" || fail "--color always: no red severity"
expect_rc 1 "$XXGK" check --color never "$H"
grep -q $'\033' "$T/out" && fail "--color never coloured"
expect_rc 1 "$XXGK" check "$H"
grep -q $'\033' "$T/out" && fail "colour in redirected output"
if command -v script >/dev/null; then
    export XXGK H
    script -qec '"$XXGK" check "$H"' "$T/tty" </dev/null >/dev/null || true
    grep -q $'\033\\[1;31m错误' "$T/tty" || fail "--color auto on a terminal"
    NO_COLOR=1 script -qec '"$XXGK" check "$H"' "$T/tty" </dev/null >/dev/null || true
    grep -q $'\033\\[1;31m' "$T/tty" && fail "NO_COLOR not honoured"
    NO_COLOR=1 script -qec '"$XXGK" check --color always "$H"' "$T/tty" </dev/null >/dev/null || true
    grep -q $'\033\\[1;31m' "$T/tty" || fail "--color always loses to NO_COLOR"
    NO_COLOR= script -qec '"$XXGK" check "$H"' "$T/tty" </dev/null >/dev/null || true
    grep -q $'\033\\[1;31m' "$T/tty" || fail "an empty NO_COLOR turned colour off"
else
    fail "script(1) is needed to give the command a terminal"
fi

# ---- the walk: files that are not reports are skipped and counted; --exclude ----
mkdir -p "$T/data/2023" "$T/data/old"
cp "$K" "$T/data/2023/a.json"
cp "$H" "$T/data/2023/b.json"
cp "$K" "$T/data/old/c.json"
printf '# 数据说明\n本目录为2023年各区县报告。\n' >"$T/data/README.md"
printf 'id,name\n1,x\n' >"$T/data/agencies.csv"
printf 'not a report' >"$T/data/scan.pdf"
expect_rc 1 "$XXGK" check --lang en "$T/data"
tail -n 1 "$T/err" | grep -qx 'files 3, errors 2, warnings 0, unreadable 0, skipped 3 (not reports)' ||
    fail "walk skips non-reports: $(cat "$T/err")"
expect_rc 1 "$XXGK" check "$T/data"
tail -n 1 "$T/err" | grep -qx '文件 3，错误 2，警告 0，无法读取 0，跳过 3（不是报告）' || fail "zh skipped: $(tail -n 1 "$T/err")"
# named on the command line, a file that is not a report is an error, not skipped
expect_rc 2 "$XXGK" check "$T/data/README.md"
grep -q "^$T/data/README.md:1:1: 文本中没有找到报告" "$T/err" || fail "a named non-report: $(cat "$T/err")"
# --exclude: a name anywhere, or a path below the directory given
expect_rc 0 "$XXGK" check --lang en --exclude b.json "$T/data"
tail -n 1 "$T/err" | grep -q '^files 2, errors 0,' || fail "--exclude NAME: $(tail -n 1 "$T/err")"
expect_rc 1 "$XXGK" check --lang en --exclude old --exclude '*.md' "$T/data"
tail -n 1 "$T/err" | grep -qx 'files 2, errors 2, warnings 0, unreadable 0, skipped 2 (not reports)' ||
    fail "--exclude DIR and GLOB: $(tail -n 1 "$T/err")"
expect_rc 1 "$XXGK" check --lang en --format ndjson --exclude '2023/a.*' "$T/data"
python3 -c 'import json,sys; print(" ".join(json.loads(l)["file"].rsplit("/",2)[-1] for l in open(sys.argv[1])))' "$T/out" \
    | grep -qx 'b.json c.json' || fail "--exclude PATH/GLOB"
expect_rc 1 "$XXGK" sum --lang en -o "$T/sum.json" "$T/data"
tail -n 1 "$T/err" | grep -q 'skipped 3 (not reports)$' || fail "sum skips non-reports: $(tail -n 1 "$T/err")"

# ---- convert many reports into one long CSV with its report column ----
expect_rc 0 "$XXGK" convert --to csv -o "$T/all.csv" "$T/data"
head -n 1 "$T/all.csv" | grep -qx 'report,path,value' || fail "stacked CSV header"
ids() { python3 -c 'import csv,sys,itertools; print(" ".join(k for k, _ in itertools.groupby(r[0] for r in list(csv.reader(open(sys.argv[1])))[1:])))' "$1"; }
[ "$(ids "$T/all.csv")" = "$T/data/2023/a.json $T/data/2023/b.json $T/data/old/c.json" ] ||
    fail "stacked CSV report ids: $(ids "$T/all.csv")"
expect_rc 1 "$XXGK" check --lang en "$T/all.csv"
tail -n 1 "$T/err" | grep -qx 'files 1 (reports 3), errors 2, warnings 0, unreadable 0' || fail "stacked CSV reads back: $(cat "$T/err")"
# a long CSV of many reports stacks with its own ids; --report picks one out
expect_rc 0 "$XXGK" convert --to csv -o "$T/again.csv" "$T/all.csv" "$K"
[ "$(ids "$T/again.csv")" = "$(ids "$T/all.csv") $K" ] || fail "restacked: $(ids "$T/again.csv")"
expect_rc 0 "$XXGK" convert --report "$T/data/2023/b.json" --to json "$T/all.csv"
cmp -s "$T/out" "$H" || fail "--report picks the report out, byte-identical"
expect_rc 2 "$XXGK" convert --to json "$T/all.csv"
grep -q "holds many reports (a \`report\` column): write them all with --to csv, or pick one with --report ID" "$T/err" ||
    fail "convert of a long CSV to JSON names the options to use: $(cat "$T/err")"
expect_rc 2 "$XXGK" convert --report nosuch --to json "$T/all.csv"
grep -qx "$T/all.csv: 文件中没有报告 nosuch" "$T/err" || fail "--report unknown id: $(cat "$T/err")"
expect_rc 2 "$XXGK" convert --lang en --report nosuch --to json "$T/all.csv"
grep -qx "$T/all.csv: no report 'nosuch' in the file" "$T/err" || fail "--report unknown id, en: $(cat "$T/err")"
expect_rc 2 "$XXGK" convert --to json "$K" "$H"
grep -q 'many reports go into one file only as a long CSV (--to csv)' "$T/err" || fail "many files, not CSV"
# a file or a report that cannot be read: nothing written; with -k the others are, exit 2
BADY=tests/data/cli/inputs/bad-year.json
sed "s|^$T/data/2023/b.json,applications\\.new\\.total,|$T/data/2023/b.json,applications.nope,|" "$T/all.csv" >"$T/one-bad.csv"
[ "$(grep -c ',applications.nope,' "$T/one-bad.csv")" = 1 ] || fail "one-bad.csv: one bad report"
rm -f "$T/kept.csv"
expect_rc 2 "$XXGK" convert --to csv -o "$T/kept.csv" "$K" "$BADY" "$T/one-bad.csv"
[ ! -e "$T/kept.csv" ] || fail "convert to one CSV wrote something although an input failed"
expect_rc 2 "$XXGK" convert -k --to csv -o "$T/kept.csv" "$K" "$BADY" "$T/one-bad.csv"
[ "$(ids "$T/kept.csv")" = "$K $T/data/2023/a.json $T/data/old/c.json" ] || fail "-k kept: $(ids "$T/kept.csv")"
grep -q "^$BADY:2:11: " "$T/err" || fail "-k names the unreadable file: $(cat "$T/err")"
grep -q "^$T/one-bad.csv:[0-9]*:[0-9]*: 报告 $T/data/2023/b.json：" "$T/err" || fail "-k names the bad report: $(cat "$T/err")"
tail -n 1 "$T/err" | grep -qx '文件 3，报告 3，无法读取 2' || fail "-k summary: $(tail -n 1 "$T/err")"
expect_rc 0 "$XXGK" convert --to csv -o "$T/good.csv" "$K" "$T/data/2023/a.json" "$T/data/old/c.json"
cmp -s "$T/good.csv" "$T/kept.csv" || fail "-k: the others' rows, unchanged"
# one report, --to csv: no report column, as before
expect_rc 0 "$XXGK" convert --to csv "$K"
head -n 1 "$T/out" | grep -qx 'path,value' || fail "one report to CSV has no report column"

# ---- convert prints the reader's diagnostics on standard error, as a compiler its warnings ----
P=tests/data/real/hongze-district-2023_pdftotext-layout.txt
expect_rc 0 "$XXGK" convert --to json -q "$P"
cp "$T/out" "$T/quiet.json"
[ ! -s "$T/err" ] || fail "convert -q printed diagnostics"
expect_rc 0 "$XXGK" convert --to json "$P"
cmp -s "$T/out" "$T/quiet.json" || fail "diagnostics changed standard output"
cp "$T/err" "$T/diag-zh"
[ -s "$T/diag-zh" ] && ! grep -qv "^$P:[0-9]*:[0-9]*: \(提示\|警告\|错误\) READ\.[A-Z_]*: " "$T/diag-zh" ||
    fail "convert diagnostics (zh): $(head -3 "$T/diag-zh")"
expect_rc 0 "$XXGK" convert --lang en --to json "$P"
[ "$(wc -l <"$T/err")" = "$(wc -l <"$T/diag-zh")" ] && ! grep -qv "^$P:[0-9]*:[0-9]*: \(info\|warning\|error\) READ\.[A-Z_]*: " "$T/err" ||
    fail "convert diagnostics (en): $(head -3 "$T/err")"
expect_rc 0 "$XXGK" convert --severity warning --to json "$P"
! grep -q ' 提示 ' "$T/err" || fail "convert --severity warning shows info diagnostics"

# ---- text with CR-only line ends (old Mac files) reads as with LF ----
tr '\n' '\r' <tests/data/real/kundulun-xinfang-2023.txt >"$T/cr.txt"
expect_rc 0 "$XXGK" convert --to json -q "$T/cr.txt"
"$XXGK" convert --to json -q tests/data/real/kundulun-xinfang-2023.txt | cmp -s - "$T/out" || fail "CR-only text"

# ---- spreadsheets: the wide CSV has a byte order mark (--no-bom: none), the long CSV none;
# text that a spreadsheet would run as a formula gets an apostrophe and reads back ----
starts() { # FILE BYTES...: FILE begins with these bytes
    head -c "$(printf "$2" | wc -c)" "$1" | cmp -s - <(printf "$2")
}
for cmd in "convert --to csv-wide $K" "template --to csv-wide" "sum --to csv-wide $K"; do
    "$XXGK" $cmd >"$T/w.csv" 2>/dev/null || true
    starts "$T/w.csv" '\xef\xbb\xbfxxgk,1\n' || fail "$cmd: no BOM"
    "$XXGK" $cmd --no-bom >"$T/w.csv" 2>/dev/null || true
    starts "$T/w.csv" 'xxgk,1\n' || fail "$cmd --no-bom"
done
"$XXGK" convert --to csv "$K" >"$T/l.csv"
starts "$T/l.csv" 'path,value\n' || fail "long CSV with a BOM"
sed 's/"agency": "[^"]*"/"agency": "=HYPERLINK(\\"http:\/\/x\\",\\"y\\")"/' "$K" >"$T/evil.json"
for to in csv csv-wide; do
    expect_rc 0 "$XXGK" convert --to $to -o "$T/evil.$to.csv" "$T/evil.json"
    grep -q "\"'=HYPERLINK(" "$T/evil.$to.csv" || fail "$to: the formula is not neutralised"
    expect_rc 0 "$XXGK" convert --to json "$T/evil.$to.csv"
    cmp -s "$T/out" "$T/evil.json" || fail "$to: the agency does not read back"
done

# ---- a missing file is named, whatever its extension and the command ----
for f in missing.csv missing.json; do
    expect_rc 2 "$XXGK" check "$T/$f"
    grep -qx "$T/$f: No such file or directory" "$T/err" || fail "check $f: $(cat "$T/err")"
    expect_rc 2 "$XXGK" sum "$T/$f"
    grep -qx "$T/$f: No such file or directory" "$T/err" || fail "sum $f: $(cat "$T/err")"
done
expect_rc 2 "$XXGK" diff "$K" "$T/missing.csv"
grep -qx "$T/missing.csv: No such file or directory" "$T/err" || fail "diff missing: $(cat "$T/err")"

finish
