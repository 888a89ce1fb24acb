#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk diff: golden output (text zh/en, json), year-over-year findings only when B's year
# follows A's, exit codes.
source "$(dirname "$0")/cli_common.sh"

H=examples/data/hongze-district-2023.json
K=examples/data/kundulun-xinfang-2023.json
K24=tests/data/cli/inputs/kundulun-2024.json

# same year: differences only, no year-over-year check; reports that differ exit 1
expect_rc 1 "$XXGK" diff "$H" "$K"
golden diff-same-year-zh.out "$T/out"
golden diff-same-year-zh.err "$T/err"

# B follows A: differences, then YOY findings; an error among them gives exit 1
expect_rc 1 "$XXGK" diff --lang en "$K" "$K24"
golden diff-yoy-en.out "$T/out"
golden diff-yoy-en.err "$T/err"
expect_rc 1 "$XXGK" diff --format json "$K" "$K24"
golden diff-yoy.json "$T/out"
python3 - "$T/out" <<'PY' || fail "diff json"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["xxgk"] == 1 and d["a"].endswith("kundulun-xinfang-2023.json") and d["b"].endswith("kundulun-2024.json")
cells = {x["cell"]: (x["a"], x["b"]) for x in d["differences"]}
assert cells["meta.year"] == ("2023", "2024")
assert cells["applications.carried_over.natural_person"] == ("0", "3")
assert all(x["rule"].startswith("DIFF.") for x in d["differences"])
assert any(f["rule"] == "YOY.CARRY" and f["severity"] == "error" for f in d["yoy"])
PY
# the other way round: B does not follow A
expect_rc 1 "$XXGK" diff --format json "$K24" "$K"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["yoy"] is None' "$T/out" || fail "no yoy when years do not follow"

# identical reports: no difference, exit 0 (as cmp and diff)
expect_rc 0 "$XXGK" diff --lang en "$K" "$K"
[ ! -s "$T/out" ] || fail "identical reports differ"
grep -qx 'differences 0, errors 0, warnings 0 (no year-over-year check: B.s year does not follow A.s)' "$T/err" || fail "summary: $(cat "$T/err")"
# -q: nothing at all, only the exit status (as cmp -s)
expect_rc 1 "$XXGK" diff -q "$H" "$K"
[ ! -s "$T/out" ] && [ ! -s "$T/err" ] || fail "diff -q printed something"
expect_rc 0 "$XXGK" diff -q "$K" "$K"
cp "$K" "$T/k.txt.json"; "$XXGK" convert --to text "$K" >"$T/k.txt"
expect_rc 0 "$XXGK" diff -q "$K" "$T/k.txt"   # the same report in another format

# standard input as one side
expect_rc 1 "$XXGK" diff --lang en - "$K24" <"$K"
diff -u "$GOLDEN/diff-yoy-en.out" "$T/out" >&2 || fail "diff from standard input"

# usage and unreadable input
expect_rc 2 "$XXGK" diff "$K"
expect_rc 2 "$XXGK" diff "$K" "$K" "$K"
expect_rc 2 "$XXGK" diff - - <"$K"
expect_rc 2 "$XXGK" diff --format xml "$K" "$K"
expect_rc 2 "$XXGK" diff "$K" tests/data/cli/inputs/bad-year.json
grep -q '^tests/data/cli/inputs/bad-year.json:2:11: ' "$T/err" || fail "unreadable B named with its place"
[ ! -s "$T/out" ] || fail "no output for an unreadable input"

finish
