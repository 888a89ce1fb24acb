#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Only xxgk_* symbols leave the shared library, and exactly those in tests/exports.txt —
# which are exactly the functions the public header declares.
set -euo pipefail
: "${XXGK_LIB:?path of libxxgk.so}" "${XXGK_SOURCE_DIR:?source tree}"
want="$XXGK_SOURCE_DIR/tests/exports.txt"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

nm -D --defined-only "$XXGK_LIB" | awk 'NF == 3 { print $3 }' | LC_ALL=C sort > "$tmp/actual"
[ -s "$tmp/actual" ] || { echo "no symbols read from $XXGK_LIB"; exit 1; }

if ! LC_ALL=C sort -c "$want" 2>/dev/null; then
    echo "tests/exports.txt is not sorted (LC_ALL=C sort)"; fail=1
fi
if ! diff -u "$want" "$tmp/actual" > "$tmp/diff"; then
    echo "exported symbols differ from tests/exports.txt (- expected, + exported):"
    cat "$tmp/diff"; fail=1
fi
if grep -v '^xxgk_' "$tmp/actual"; then
    echo "the symbols above do not start with xxgk_"; fail=1
fi

# Every function declared XXGK_API in the header, and nothing else, is listed.
sed -n 's/^XXGK_API .*[ *]\(xxgk_[a-z0-9_]*\)(.*/\1/p' "$XXGK_SOURCE_DIR/include/xxgk.h" | LC_ALL=C sort > "$tmp/header"
if ! diff -u "$tmp/header" "$want" > "$tmp/diff2"; then
    echo "tests/exports.txt differs from the functions declared in include/xxgk.h (- header, + exports.txt):"
    cat "$tmp/diff2"; fail=1
fi
n=$(wc -l < "$tmp/actual")
[ "$fail" = 0 ] && echo "ok: $n exported symbols, all xxgk_*, equal to tests/exports.txt and the header"
exit "$fail"
