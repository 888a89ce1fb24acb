#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every error message has its Chinese form: each format string of an xx_error() call in lib/,
# and of the functions that forward their own format to it (tests/shell/error_formats.py), is
# in lib/error_zh.c, and each pair there converts alike (the same printf conversions in the
# same order), so the Chinese message is formatted from the very same arguments. A format that
# is not a literal, a printf-like function the list does not know, a catalog entry no call uses
# and a "Chinese" form without Chinese each fail. (test_errors_zh runs the readers on broken
# inputs and reads the Chinese messages they give.)
set -euo pipefail
: "${XXGK_SOURCE_DIR:?source tree}"
cd "$XXGK_SOURCE_DIR"
python3 - <<'PY'
import re, sys
sys.path.insert(0, "tests/shell")
import error_formats
src = open("lib/error_zh.c", encoding="utf-8").read()
pairs = re.findall(r'\{ "((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)" \}', src)
catalog = dict(pairs)
fails = []
spec = re.compile(r"%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp%]")
for en, zh in pairs:
    if spec.findall(en) != spec.findall(zh):
        fails.append(f"converts differently: '{en}' / '{zh}'")
    if not re.search(r"[\u4e00-\u9fff]", zh):
        fails.append(f"no Chinese in the Chinese form of '{en}'")
    if "$" in re.sub(r"^\$", "", zh):
        fails.append(f"a positional conversion in '{zh}' (keep the order instead)")
used = error_formats.formats(".")
for f in used:
    if f not in catalog:
        fails.append(f"no Chinese form in lib/error_zh.c for the error format '{f}'")
for en in catalog:
    if en not in used:
        fails.append(f"lib/error_zh.c translates '{en}', which no error uses")
fails += error_formats.problems(".")
for msg in fails:
    print("FAIL:", msg)
print(f"{len(pairs)} messages with their Chinese form")
sys.exit(1 if fails else 0)
PY
