#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's Python install, run exactly as written (the sh block under "Installing the
# Python package") in a fresh temporary copy of what it needs — bindings/python,
# examples/data and build/libxxgk.so.0 — with a fresh HOME, no XXGK_LIBRARY, no PYTHONPATH
# and pip offline: the venv's xxgk must load the library its wheel carries.
set -euo pipefail
: "${XXGK_LIB:?path of libxxgk.so}" "${XXGK_SOURCE_DIR:?source tree}"
# a sanitized library cannot be loaded by a plain python3 (the python_binding test covers it)
if readelf -d "$XXGK_LIB" | grep -q 'lib[at]san'; then echo "skipped: sanitized library"; exit 77; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
repo="$tmp/xxgk"
mkdir -p "$repo/bindings" "$repo/examples" "$repo/build" "$tmp/home"
cp -r "$XXGK_SOURCE_DIR/bindings/python" "$repo/bindings/"
cp -r "$XXGK_SOURCE_DIR/examples/data" "$repo/examples/"
cp -L "$XXGK_LIB" "$repo/build/libxxgk.so.0"
find "$repo" -name __pycache__ -prune -exec rm -rf {} +

awk '/^### Installing the Python package/ { s = 1 } s && /^```sh$/ { c = 1; next } c && /^```$/ { exit } c' \
    "$XXGK_SOURCE_DIR/README.md" > "$tmp/steps.sh"
grep -q 'pip install' "$tmp/steps.sh" || { echo "FAIL: no pip install in the README's block"; exit 1; }
fail=0
clean_env=(env -u XXGK_LIBRARY -u PYTHONPATH -u VIRTUAL_ENV -u PIP_INDEX_URL HOME="$tmp/home"
           PATH=/usr/local/bin:/usr/bin:/bin)
if ! out=$(cd "$repo" && "${clean_env[@]}" bash -e "$tmp/steps.sh" 2> "$tmp/err"); then
    cat "$tmp/err"; echo "FAIL: the README's Python install steps failed"; exit 1
fi
want="2023 ['T4.TOTAL', 'T4.TOTAL']"
[ "$(printf '%s\n' "$out" | tail -1)" = "$want" ] ||
    { cat "$tmp/err"; echo "FAIL: the README's steps printed '$out', expected '$want'"; fail=1; }

# the library loaded is the wheel's copy, inside the venv, from any directory
venv="$tmp/home/.venvs/xxgk"
where=$(cd / && "${clean_env[@]}" "$venv/bin/python" -c 'import xxgk; print(xxgk.library_path)')
case "$where" in "$venv"/lib/python3*/site-packages/xxgk/libxxgk.so.0) ;; *)
    echo "FAIL: the installed xxgk loaded '$where', not the library in its package"; fail=1 ;; esac
cmp -s "$where" "$XXGK_LIB" || { echo "FAIL: the bundled library is not the built one"; fail=1; }
lic=$(cd / && "${clean_env[@]}" "$venv/bin/python" -c \
    'import importlib.metadata as m; print(m.metadata("xxgk")["License"])')
[ "$lic" = MIT ] || { echo "FAIL: the installed package's licence is '$lic'"; fail=1; }
[ "$fail" = 0 ] && echo "ok: the README's Python install works verbatim offline; xxgk loads $where"
exit "$fail"
