#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk sum: the sum of generated reports equals the sum computed here independently;
# golden output for the examples; templates must agree; -o never overwrites an input.
source "$(dirname "$0")/cli_common.sh"

H=examples/data/hongze-district-2023.json
K=examples/data/kundulun-xinfang-2023.json

# golden: the two examples
expect_rc 1 "$XXGK" sum "$H" "$K"
golden sum-examples.json "$T/out"
golden sum-examples-zh.err "$T/err"

# 60 generated reports: random counts and amounts, some blanks and tokens, in directories
python3 - "$K" "$T/gen" "$T/expected.json" <<'PY'
import json, os, random, sys
from decimal import Decimal
random.seed(6)
base = json.load(open(sys.argv[1]))
TABLES = ("proactive", "applications", "review_litigation")
def leaves(d, pre=""):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from leaves(v, pre + k + ".")
        else:
            yield pre + k
def put(d, path, v):
    *head, last = path.split(".")
    for p in head:
        d = d[p]
    d[last] = v
paths = [t + "." + p for t in TABLES for p in leaves(base[t])]
total = {p: None for p in paths}
for i in range(60):
    d = json.loads(json.dumps(base))
    d["agency"] = "单位%02d" % i
    for p in paths:
        r = random.random()
        if p == "applications.new.research":
            v = None                                # blank everywhere: stays blank
        elif p.endswith("fees.amount"):
            v = Decimal(random.randint(0, 10**8)) / 100 if r < 0.9 else None
        elif r < 0.05:
            v = None
        elif r < 0.08:
            v = "-"
        else:
            v = random.randint(0, 5000)
        put(d, p, float(v) if isinstance(v, Decimal) else v)
        if isinstance(v, (int, Decimal)) and not isinstance(v, bool):
            total[p] = (total[p] or 0) + v
    os.makedirs(os.path.join(sys.argv[2], "g%d" % (i % 4)), exist_ok=True)
    with open(os.path.join(sys.argv[2], "g%d" % (i % 4), "r%02d.json" % i), "w") as f:
        json.dump(d, f, ensure_ascii=False)
json.dump({p: (str(v) if v is not None else None) for p, v in total.items()}, open(sys.argv[3], "w"))
PY
for j in 1 2; do
    rc=0
    "$XXGK" sum -j $j --lang en -o "$T/sum$j.json" "$T/gen" 2>"$T/sum$j.err" || rc=$?
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "sum -j $j exit $rc"
done
cmp "$T/sum1.json" "$T/sum2.json" || fail "sum -j 1 and -j 2 differ"
cmp "$T/sum1.err" "$T/sum2.err" || fail "sum findings -j 1 and -j 2 differ"
python3 - "$T/sum1.json" "$T/expected.json" "$T/sum1.err" <<'PY' || fail "sum values"
import json, sys
from decimal import Decimal
got = json.load(open(sys.argv[1]), parse_float=Decimal)
want = json.load(open(sys.argv[2]))
assert got["template"] == "2021" and got["year"] == 2023 and got["agency"] == ""
n = 0
for p, w in want.items():
    node = got
    for k in p.split("."):
        node = node[k]
    if w is None:
        assert node is None, (p, node)
    else:
        assert Decimal(str(node)) == Decimal(w), (p, node, w)
        n += 1
assert n == 199, n
err = open(sys.argv[3]).read()
import re
assert re.search(r'\(sum\): warning SUM\.PARTIAL: table 3, row "I\. New applications this year", '
                 r'column "Natural persons": of 60 reports only \d+ give a number here', err), err[:300]
assert ('row "I. New applications this year", column "Legal persons or other organisations Research '
        'institutions":') not in err  # blank everywhere: not partial
assert err.splitlines()[-1].startswith("files 60, reports 60, errors "), err.splitlines()[-1]
PY

# standard input and -o - ; csv-less: the JSON read back equals itself
expect_rc 1 "$XXGK" sum -o - - "$K" <"$H"
cmp "$T/out" "$GOLDEN/sum-examples.json" || fail "sum from standard input"

# --to: the total in another format reads back to the same total
for fmt in csv csv-wide; do
    expect_rc 1 "$XXGK" sum --to $fmt -o "$T/sum.$fmt" "$H" "$K"
    expect_rc 0 "$XXGK" convert --from $fmt --to json "$T/sum.$fmt"
    cmp "$T/out" "$GOLDEN/sum-examples.json" || fail "sum --to $fmt does not read back"
done

# a long CSV with a `report` column holds many reports: each is added
{ echo "report,path,value"
  "$XXGK" convert --to csv "$H" | tail -n +2 | sed 's/^/hz,/'
  "$XXGK" convert --to csv "$K" | tail -n +2 | sed 's/^/kd,/'; } >"$T/two.csv"
expect_rc 1 "$XXGK" sum "$T/two.csv"
cmp "$T/out" "$GOLDEN/sum-examples.json" || fail "sum of a two-report CSV"
tail -n 1 "$T/err" | grep -qx '文件 1，报告 2，错误 2，警告 28，无法读取 0' || fail "two-report summary: $(tail -n 1 "$T/err")"

# templates must agree; nothing is written then
"$XXGK" template --template 2019 >"$T/t2019.json"
expect_rc 2 "$XXGK" sum --lang en "$K" "$T/t2019.json"
[ ! -s "$T/out" ] || fail "nothing written when templates differ"
grep -q "^$T/t2019.json: cannot add a report of template 2019 to a sum of template 2021$" "$T/err" || fail "template mismatch message: $(cat "$T/err")"

# an unreadable input: exit 2, nothing written
expect_rc 2 "$XXGK" sum "$K" tests/data/cli/inputs/bad-year.json
[ ! -s "$T/out" ] || fail "nothing written when an input is unreadable"
grep -q '^tests/data/cli/inputs/bad-year.json:2:11: ' "$T/err" || fail "unreadable input named with its place"

# --keep-going: the total of the inputs that can be read, written; each other one named and
# counted; still exit 2. The total is exactly that of the readable inputs alone.
expect_rc 1 "$XXGK" sum "$H" "$K"
cp "$T/out" "$T/good-total.json"
expect_rc 2 "$XXGK" sum -k "$H" tests/data/cli/inputs/bad-year.json "$K"
cmp "$T/out" "$T/good-total.json" || fail "--keep-going: the total of the readable inputs"
grep -q '^tests/data/cli/inputs/bad-year.json:2:11: ' "$T/err" || fail "--keep-going names what it left out"
tail -n 1 "$T/err" | grep -qx '文件 3，报告 2，错误 2，警告 28，无法读取 1' || fail "--keep-going summary: $(tail -n 1 "$T/err")"
expect_rc 2 "$XXGK" sum --keep-going --lang en -o "$T/kept.json" "$H" tests/data/cli/inputs/bad-year.json "$K"
cmp "$T/kept.json" "$T/good-total.json" || fail "--keep-going -o"
tail -n 1 "$T/err" | grep -qx 'files 3, reports 2, errors 2, warnings 28, unreadable 1' || fail "--keep-going summary, en: $(tail -n 1 "$T/err")"
# a long CSV whose middle report cannot be read: left out, the reports around it added
{ echo "report,path,value"
  "$XXGK" convert --to csv "$H" | tail -n +2 | sed 's/^/hz,/'
  "$XXGK" convert --to csv "$K" | tail -n +2 | sed 's/^/bad,/; s/^bad,applications\.new\.total,/bad,applications.nope,/'
  "$XXGK" convert --to csv "$K" | tail -n +2 | sed 's/^/kd,/'; } >"$T/three.csv"
grep -q '^bad,applications.nope,' "$T/three.csv" || fail "the bad report of three.csv"
expect_rc 2 "$XXGK" sum "$T/three.csv"
[ ! -s "$T/out" ] || fail "a long CSV with a bad report: nothing written without --keep-going"
expect_rc 2 "$XXGK" sum -k "$T/three.csv"
cmp "$T/out" "$T/good-total.json" || fail "--keep-going over a long CSV: hz + kd"
grep -q "^$T/three.csv:[0-9]*:[0-9]*: 报告 bad：" "$T/err" || fail "--keep-going names the bad report: $(cat "$T/err")"
tail -n 1 "$T/err" | grep -qx '文件 1，报告 2，错误 2，警告 28，无法读取 1' || fail "--keep-going long CSV summary: $(tail -n 1 "$T/err")"

# -o never overwrites an input, even one found in a directory
cp "$K" "$T/in.json"
expect_rc 2 "$XXGK" sum -o "$T/in.json" "$T"
cmp "$K" "$T/in.json" || fail "input overwritten"
grep -q "refusing to overwrite the input file" "$T/err" || fail "-o refusal message"

# usage
expect_rc 2 "$XXGK" sum
expect_rc 2 "$XXGK" sum --to xml "$K"
expect_rc 2 "$XXGK" sum -j 999 "$K"

finish
