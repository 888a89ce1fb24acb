#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `xxgk paths` prints exactly the template's cells (golden lists in tests/data/cli, checked
# against spec/report-format.md); `xxgk convert --to json` keeps every cell and a second pass
# changes no byte; bad input exits 2 with FILE:LINE:COLUMN: message on standard error.
set -uo pipefail
: "${XXGK:?the xxgk command}" "${XXGK_SOURCE_DIR:?source tree}"
cd "$XXGK_SOURCE_DIR"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
FAILS=0
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }

# run WANT_RC CMD... : stdout -> $T/out, stderr -> $T/err
run() {
    local want=$1 rc=0; shift
    "$@" > "$T/out" 2> "$T/err" || rc=$?
    [ "$rc" = "$want" ] || { fail "exit $rc, wanted $want: $*"; sed 's/^/  stderr: /' "$T/err" | head -3; }
}

# ---- paths ----
for t in 2021 2019; do
    run 0 "$XXGK" paths --template $t
    n=$(wc -l < "$T/out")
    want=$([ $t = 2021 ] && echo 200 || echo 198)
    [ "$n" = "$want" ] || fail "paths --template $t printed $n lines, expected $want"
    cmp -s "$T/out" tests/data/cli/paths-$t.txt || { fail "paths --template $t differs from tests/data/cli/paths-$t.txt"; diff "$T/out" tests/data/cli/paths-$t.txt | head -5; }
    [ ! -s "$T/err" ] || fail "paths --template $t wrote to stderr"
    # every line is PATH<TAB>LABEL, paths unique
    awk -F'\t' 'NF != 2 || $1 !~ /^(proactive|applications|review_litigation)(\.[a-z_]+)+$/ || $2 == "" { bad = 1 } END { exit bad }' "$T/out" ||
        fail "paths --template $t: a line is not PATH<TAB>LABEL"
    [ "$(cut -f1 "$T/out" | sort -u | wc -l)" = "$want" ] || fail "paths --template $t: duplicate paths"
done
run 0 "$XXGK" paths
cmp -s "$T/out" tests/data/cli/paths-2021.txt || fail "paths without --template is not the 2021 list"
run 0 "$XXGK" paths --template=2019
cmp -s "$T/out" tests/data/cli/paths-2019.txt || fail "paths --template=2019 is not the 2019 list"
grep -q $'^applications.denied.state_secret.natural_person\t（三）不予公开 1.属于国家秘密 / 自然人$' tests/data/cli/paths-2021.txt ||
    fail "golden 2021 list lacks applications.denied.state_secret.natural_person"
grep -q $'^proactive.licensing.change\t行政许可 / 本年增/减$' tests/data/cli/paths-2019.txt ||
    fail "golden 2019 list lacks proactive.licensing.change"
run 2 "$XXGK" paths --template 2020
grep -q "unknown template '2020'" "$T/err" || fail "paths --template 2020: no clear message"

# ---- convert --to json: byte-stable ----
for f in examples/data/*.json tests/data/json/valid/*/expected.json; do
    run 0 "$XXGK" convert --to json "$f"
    cmp -s "$T/out" "$f" || fail "convert --to json $f is not byte-identical to its (canonical) input"
    cp "$T/out" "$T/pass1.json"
    run 0 "$XXGK" convert --to json "$T/pass1.json"
    cmp -s "$T/out" "$T/pass1.json" || fail "second pass over $f changed bytes"
done
for f in tests/data/json/valid/*/input.json; do
    run 0 "$XXGK" convert --to json "$f"
    cmp -s "$T/out" "$(dirname "$f")/expected.json" || fail "convert --to json $f differs from expected.json"
done
# standard input and -o
ex=examples/data/kundulun-xinfang-2023.json
run 0 "$XXGK" convert --to json - < "$ex"
cmp -s "$T/out" "$ex" || fail "convert --to json - (stdin) differs"
run 0 "$XXGK" convert --to json -o "$T/o.json" "$ex"
cmp -s "$T/o.json" "$ex" || fail "convert -o FILE differs"
[ ! -s "$T/out" ] || fail "convert -o FILE also wrote to stdout"
# every cell intact: the values of all 200 cells as a flat list
python3 - "$ex" "$T/o.json" <<'PY' || fail "cells differ after convert"
import json, sys
def flat(o, p=""):
    for k, v in o.items():
        if isinstance(v, dict):
            yield from flat(v, p + k + ".")
        else:
            yield p + k, v
a, b = (dict(flat(json.load(open(f, encoding="utf-8")))) for f in sys.argv[1:3])
sys.exit(0 if a == b and len(a) > 200 else 1)
PY

# every corpus report the text reader reads: its JSON reads back to the same bytes
if true; then
    ok=0
    for f in "$XXGK_SOURCE_DIR"/tests/data/real/*.txt; do
        "$XXGK" convert --to json "$f" > "$T/c1.json" 2> /dev/null || continue
        run 0 "$XXGK" convert --to json "$T/c1.json"
        cmp -s "$T/out" "$T/c1.json" && ok=$((ok + 1)) || fail "JSON of $(basename "$f") is not a fixed point"
    done
    [ "$ok" -ge 8 ] || fail "only $ok corpus reports went through text -> JSON -> JSON"
fi

# ---- bad input: exit 2, FILE:LINE:COLUMN: message ----
expect_error() { # FILE EXPECTED-STDERR-LINE (in English)
    run 2 "$XXGK" convert --lang en --to json "$1"
    [ "$(cat "$T/err")" = "$2" ] || { fail "convert $1: stderr"; echo "  got:  $(cat "$T/err")"; echo "  want: $2"; }
    [ ! -s "$T/out" ] || fail "convert $1 wrote to stdout"
}
d=tests/data/json/invalid
expect_error $d/wrong_type_cell/input.json \
    "$d/wrong_type_cell/input.json:6:31: \$.applications.new.natural_person: expected a number, null or a string, found a boolean"
expect_error $d/wrong_type_year/input.json \
    "$d/wrong_type_year/input.json:4:11: \$.year: expected a year (1949..9999) or null"
expect_error $d/unknown_key_top/input.json "$d/unknown_key_top/input.json:6:3: \$.bogus: unknown key \"bogus\""
expect_error $d/unknown_key_row/input.json \
    "$d/unknown_key_row/input.json:6:49: \$.proactive.regulations.bogus: unknown key \"bogus\" (expected issued, repealed, in_force)"
expect_error $d/fractional_count/input.json \
    "$d/fractional_count/input.json:6:31: \$.applications.new.natural_person: expected an integer count, found 1.5"
expect_error $d/truncated/input.json \
    "$d/truncated/input.json:6:39: malformed JSON: unexpected end of input (truncated document?)"
# a real file cut short: the place is its end
head -n 15 "$ex" > "$T/cut.json"
expect_error "$T/cut.json" "$T/cut.json:16:1: malformed JSON: unexpected end of input (truncated document?)"
# the same from standard input names the place too
run 2 "$XXGK" convert --lang en --to json - < $d/fractional_count/input.json
grep -q ':6:31: \$.applications.new.natural_person: expected an integer count, found 1.5$' "$T/err" ||
    fail "stdin error lacks the place: $(cat "$T/err")"
# in Chinese by default
run 2 "$XXGK" convert --to json $d/wrong_type_cell/input.json
[ "$(cat "$T/err")" = "$d/wrong_type_cell/input.json:6:31: \$.applications.new.natural_person：应为数字、null 或字符串，实为布尔值" ] ||
    fail "the reader's error is not in Chinese: $(cat "$T/err")"
run 2 "$XXGK" convert --to json "$T/no-such-file.json"
grep -q "no-such-file.json" "$T/err" || fail "a missing file is not named"

[ "$FAILS" = 0 ] && echo "ok: paths (200/198 = golden), convert byte-stable on $(ls examples/data/*.json tests/data/json/valid/*/expected.json | wc -l) documents, errors with places"
exit $((FAILS > 0))
