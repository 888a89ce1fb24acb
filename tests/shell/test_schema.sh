#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The JSON Schemas in schema/ hold against the templates: they are what tools/gen_schema.py
# makes of the library's templates today; the set of cell paths in each (leaves) equals the
# template's cell paths, optional ones included, with the same kinds, and nothing else; the
# example documents and the valid fixtures validate; documents the reader refuses for their
# structure are refused by the schema too.
set -euo pipefail
: "${XXGK_LIB:?path of libxxgk.so}" "${XXGK:?the xxgk command}" "${XXGK_SOURCE_DIR:?source tree}"
cd "$XXGK_SOURCE_DIR"
export ASAN_OPTIONS=detect_leaks=0
python3 tools/gen_schema.py --lib "$XXGK_LIB" --xxgk "$XXGK" --check
XXGK_LIB="$XXGK_LIB" XXGK="$XXGK" python3 - <<'PY'
import glob, json, os, subprocess, sys
sys.path.insert(0, "tools")
sys.path.insert(0, "tests/shell")
import gen_schema
import jsonschema_min as v

fails = []
def fail(msg):
    fails.append(msg)
    print("FAIL:", msg)

cells = gen_schema.template_cells(os.environ["XXGK_LIB"], os.environ.get("CC", "cc"))
if sorted(cells) != ["2019", "2021"]:
    fail("templates in the library: %s" % sorted(cells))
schemas = {}
for tid, t in cells.items():
    with open("schema/xxgk-%s.schema.json" % tid, encoding="utf-8") as f:
        s = json.load(f)
    schemas[tid] = s
    leaves = v.leaves(s)
    want = {p: k for p, k, _ in t["cells"]}
    printed = subprocess.run([os.environ["XXGK"], "paths", "--template", tid], check=True,
                             capture_output=True, text=True).stdout.splitlines()
    printed = [l.split("\t")[0] for l in printed]
    n_opt = sum(1 for _, _, o in t["cells"] if o)
    if set(leaves) != set(want):
        fail("%s: schema leaves differ from the template: only in schema %s, only in template %s"
             % (tid, sorted(set(leaves) - set(want))[:5], sorted(set(want) - set(leaves))[:5]))
    if set(printed) | {p for p, _, o in t["cells"] if o} != set(leaves):
        fail("%s: schema leaves are not `xxgk paths` plus the optional cells" % tid)
    bad_kind = [p for p in leaves if p in want and leaves[p] != want[p]]
    if bad_kind:
        fail("%s: kinds differ at %s" % (tid, bad_kind[:5]))
    expect_n = {"2021": (200, 7), "2019": (198, 0)}[tid]
    if (len(printed), n_opt) != expect_n:
        fail("%s: %d printed + %d optional cells, expected %d + %d" % ((tid, len(printed), n_opt) + expect_n))
    secs = list(s["properties"]["sections"]["properties"])
    if secs != t["sections"] or secs != ["preamble", "overview", "problems", "other"]:
        fail("%s: sections %s" % (tid, secs))
    # additionalProperties is false on every object
    def objects(node, where):
        if isinstance(node, dict):
            if node.get("type") == "object" and node.get("additionalProperties") is not False:
                fail("%s: %s allows additional properties" % (tid, where))
            for k, sub in node.items():
                objects(sub, where + "/" + k)
        elif isinstance(node, list):
            for i, sub in enumerate(node):
                objects(sub, "%s/%d" % (where, i))
    objects(s, "#")
    if s["$schema"] != "https://json-schema.org/draft/2020-12/schema":
        fail("%s: $schema is %s" % (tid, s["$schema"]))
    print("%s: %d cell paths (%d optional), kinds and sections agree" % (tid, len(leaves), n_opt))

def validate(name):
    with open(name, encoding="utf-8-sig") as f:
        doc = json.load(f)
    tid = doc.get("template") if isinstance(doc, dict) else None
    return v.errors(doc, schemas.get(tid, schemas["2021"]))

docs = sorted(glob.glob("examples/data/*.json")) + sorted(glob.glob("tests/data/json/valid/*/*.json"))
if len(docs) < 30:
    fail("only %d documents to validate" % len(docs))
for name in docs:
    for p, msg in validate(name):
        fail("%s: %s: %s" % (name, p, msg))
print("%d valid documents validate" % len(docs))

# The reader refuses these for their structure or types: the schema must refuse them too.
refused = """unknown_key_top unknown_key_table unknown_key_row unknown_key_group unknown_key_sections
unknown_table_2019_row_in_2021 wrong_type_cell wrong_type_cell_object wrong_type_year
year_out_of_range wrong_type_template wrong_type_section wrong_type_row wrong_type_table
wrong_type_agency fractional_count count_too_large count_too_small amount_string_7_decimals
numeric_string_in_count empty_string_cell unknown_template missing_template missing_xxgk
wrong_xxgk_version root_not_object unknown_2021_row_in_2019 fractional_signed_count_2019
amount_7_decimals_2019""".split()
for case in refused:
    if not validate("tests/data/json/invalid/%s/input.json" % case):
        fail("invalid/%s validates against the schema" % case)
print("%d refused documents are refused" % len(refused))

# the validator itself is not permissive
s = schemas["2021"]
for doc, why in [({"xxgk": True, "template": "2021"}, "true is not 1"),
                 ({"xxgk": 1, "template": "2021", "proactive": {"fees": {"amount": "1.2345678"}}}, "7 decimals"),
                 ({"xxgk": 1, "template": "2021", "proactive": {"fees": {"amount": False}}}, "boolean amount"),
                 ({"xxgk": 1, "template": "2021", "applications": {"other": {"total": "3"}}}, "numeric string count")]:
    if not v.errors(doc, s):
        fail("validator accepted: " + why)
for doc in [{"xxgk": 1, "template": "2021", "applications": {"other": {"total": 3, "other": {"total": "—"}}},
             "proactive": {"fees": {"amount": "7730.28"}}, "year": None}]:
    if v.errors(doc, s):
        fail("validator refused a valid document: %s" % v.errors(doc, s))
sys.exit(1 if fails else 0)
PY
