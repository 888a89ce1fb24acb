#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every error message has its Chinese form: each format string of an xx_error() call in lib/
# is in lib/error_zh.c, and each pair there converts alike (the same printf conversions in the
# same order), so the Chinese message is formatted from the very same arguments
# (test_text_real checks that a reader error gives it).
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
for f in error_formats.formats("."):
    if f not in catalog:
        fails.append(f"no Chinese form in lib/error_zh.c for xx_error format '{f}'")
for msg in fails:
    print("FAIL:", msg)
print(f"{len(pairs)} messages with their Chinese form")
sys.exit(1 if fails else 0)
PY
