#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk rules and xxgk template: golden output; the empty template reads back.
source "$(dirname "$0")/cli_common.sh"

# rules
expect_rc 0 "$XXGK" rules
golden rules-2021-zh.txt "$T/out"
expect_rc 0 "$XXGK" rules --template 2019 --lang en
golden rules-2019-en.txt "$T/out"
expect_rc 0 "$XXGK" rules --format json
golden rules-2021.json "$T/out"
python3 - "$T/out" <<'PY' || fail "rules json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["xxgk"] == 1 and d["template"] == "2021"
r = d["rules"][0]
assert r["id"] == "T3.BALANCE" and r["severity"] == "error" and r["scope"] == "自然人"
assert [(c["path"], c["coefficient"]) for c in r["cells"]] == [
    ("applications.new.natural_person", 1), ("applications.carried_over.natural_person", 1),
    ("applications.total.natural_person", -1), ("applications.carried_forward.natural_person", -1)]
assert any(c["previous"] for x in d["rules"] if x["id"].startswith("YOY.") for c in x["cells"])
rel = {x["id"]: x["relation"] for x in d["rules"]}
assert rel["T3.BALANCE"] == rel["YOY.CARRY"] == "equal" and rel["CELL.NONNEG"] == "each_nonnegative", rel
assert rel["TEXT.MATCH"] == rel["PLAUS.TOWN_REGULATIONS"] == rel["PLAUS.PERIOD_YEAR"] == "none", rel
assert all(x["cells"] == [] for x in d["rules"] if x["relation"] in ("none", "each_nonnegative"))
PY
# an "at least" rule is printed as one (2019: the total published is at least this year's)
"$XXGK" rules --template 2019 --format json | python3 -c '
import json, sys
r = [x for x in json.load(sys.stdin)["rules"] if x["id"] == "PLAUS.PUBLISHED_TOTAL"]
assert len(r) == 2 and all(x["relation"] == "at_least" for x in r), r
assert [(c["path"], c["coefficient"]) for c in r[0]["cells"]] == [
    ("proactive.regulations.total_published", 1), ("proactive.regulations.published", -1)], r[0]
' || fail "rules json: at least"
grep -qxF $'\t+proactive.regulations.total_published -proactive.regulations.published >= 0' \
    "$GOLDEN/rules-2019-en.txt" || fail "rules text: at least"
[ "$(grep -c ' >= 0$' "$GOLDEN/rules-2019-en.txt")" = 2 ] || fail "rules text: only the at-least rules say >="
expect_rc 2 "$XXGK" rules --template 2020
grep -q "unknown template '2020'" "$T/err" || fail "unknown template named"
expect_rc 2 "$XXGK" rules --format xml
expect_rc 2 "$XXGK" rules extra

# template: an empty report, every cell blank, which reads back unchanged
for id in 2021 2019; do
    expect_rc 0 "$XXGK" template --template $id
    golden template-$id.json "$T/out"
    cp "$T/out" "$T/t$id.json"
    expect_rc 0 "$XXGK" convert --to json "$T/t$id.json"
    cmp "$T/t$id.json" "$T/out" || fail "template $id does not read back"
    python3 - "$T/t$id.json" $id <<'PY' || fail "template $id is not empty"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["template"] == sys.argv[2] and d["year"] is None
def leaves(x):
    for v in x.values():
        if isinstance(v, dict):
            yield from leaves(v)
        else:
            yield v
vals = [v for t in ("proactive", "applications", "review_litigation") for v in leaves(d[t])]
assert vals and all(v is None for v in vals), vals[:5]
PY
done
# the other formats read back to the same empty report
for id in 2021 2019; do
    for fmt in csv csv-wide text markdown; do
        expect_rc 0 "$XXGK" template --template $id --to $fmt -o "$T/t$id.$fmt"
        expect_rc 0 "$XXGK" convert --from $fmt --to json "$T/t$id.$fmt"
        cmp "$T/t$id.json" "$T/out" || fail "template $id --to $fmt does not read back"
    done
done
expect_rc 0 "$XXGK" template -o "$T/t.json"
cmp "$T/t.json" "$T/t2021.json" || fail "template -o"
expect_rc 2 "$XXGK" template --template 2020
expect_rc 2 "$XXGK" template --to xml

finish
