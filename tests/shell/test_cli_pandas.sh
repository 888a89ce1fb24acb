#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk check --format ndjson in a DataFrame, as the README shows: every object has the same
# keys, so pd.json_normalize reads a run that has an unreadable file; numbers are numbers.
source "$(dirname "$0")/cli_common.sh"

# the Python that has pandas (scripts/deps.sh installs python3-pandas for the system's)
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import pandas' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { fail "pandas is needed (scripts/deps.sh installs python3-pandas)"; finish; }

mkdir -p "$T/run"
cp examples/data/hongze-district-2023.json examples/data/kundulun-xinfang-2023.json "$T/run/"
cp tests/data/cli/inputs/bad-year.json "$T/run/"
expect_rc 2 "$XXGK" check --format ndjson "$T/run"
cp "$T/out" "$T/findings.ndjson"
expect_rc 2 "$XXGK" check --format json "$T/run"
"$py" - "$T/findings.ndjson" "$T/out" <<'PY' || fail "pandas"
import json, sys
import pandas as pd

# the README's snippet
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
findings = pd.json_normalize(rows, "findings", ["file", "report", "template", "year", "agency"])
files = pd.json_normalize(rows)

assert len(findings) == 2, findings
assert list(findings["rule"]) == ["T4.TOTAL", "T4.TOTAL"]
for col in ("expected", "actual", "line", "column"):
    assert str(findings[col].dtype) == "int64", (col, findings[col].dtype)
assert list(findings["expected"]) == [11, 5] and list(findings["actual"]) == [0, 0]
assert all(f.endswith("/run/hongze-district-2023.json") for f in findings["file"])
assert len(files) == 3 and list(files["errors"]) == [0, 2, 0]
bad = files[files["file"].str.endswith("bad-year.json")].iloc[0]
assert bad["error.message"] == "$.year：应为年度（1949–9999）或 null" and bad["error.line"] == 2
assert files["error.message"].isna().sum() == 2
# the JSON document's files are the same rows
doc = json.load(open(sys.argv[2], encoding="utf-8"))
assert pd.json_normalize(doc["files"]).equals(files)
PY

finish
