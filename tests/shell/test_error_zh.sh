#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every error message has its Chinese form: each format string of an xx_error() call in lib/
# is in lib/error_zh.c, and each pair there converts alike (the same printf conversions in the
# same order), so the Chinese message is formatted from the very same arguments. And the
# library gives it: a reader error's xxgk_error_message_zh is Chinese.
set -euo pipefail
: "${XXGK_SOURCE_DIR:?source tree}" "${XXGK:?the xxgk command}"
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
T=$(mktemp -d "${TMPDIR:-/tmp}/xxgk-zh.XXXXXX")
trap 'rm -rf "$T"' EXIT
printf 'x\n二、主动公开政府信息情况\n规章 | 1 | 2 |\000\n' > "$T/nul.txt"
XXGK_LIB=${XXGK_LIB:-} python3 - "$T/nul.txt" <<'PY'
import ctypes, os, sys
lib = ctypes.CDLL(os.environ["XXGK_LIB"])
lib.xxgk_report_read_file.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p, ctypes.c_void_p]
lib.xxgk_error_message.restype = lib.xxgk_error_message_zh.restype = ctypes.c_char_p
r = ctypes.c_void_p()
rc = lib.xxgk_report_read_file(ctypes.byref(r), sys.argv[1].encode(), None)
en, zh = lib.xxgk_error_message().decode(), lib.xxgk_error_message_zh().decode()
print(rc, en, "/", zh)
sys.exit(0 if rc < 0 and en == "NUL byte in the text" and zh == "文本中有 NUL 字节" else 1)
PY
