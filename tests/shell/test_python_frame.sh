#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# xxgk.frame() (the Python binding's DataFrame of many reports) with a Python that has
# pandas: the python_binding test skips it where the Python on PATH has none.
set -euo pipefail
: "${XXGK_LIB:?}" "${XXGK_SOURCE_DIR:?}"
py=
for p in python3 /usr/bin/python3; do
    if "$p" -c 'import pandas' 2>/dev/null; then py=$p; break; fi
done
[ -n "$py" ] || { echo "FAIL: pandas is needed (scripts/deps.sh installs python3-pandas)"; exit 1; }
# a sanitized library needs its runtime loaded first (as the python_binding test does)
if readelf -d "$XXGK_LIB" | grep -q libtsan; then
    echo "note: ThreadSanitizer build: Python cannot load it; skipped"; exit 0
elif readelf -d "$XXGK_LIB" | grep -q libasan; then
    export LD_PRELOAD="$(${CC:-cc} -print-file-name=libasan.so) $(${CC:-cc} -print-file-name=libubsan.so)"
    export ASAN_OPTIONS=detect_leaks=0
fi
cd "$XXGK_SOURCE_DIR/bindings/python/tests"
XXGK_LIBRARY="$XXGK_LIB" PYTHONPATH="$XXGK_SOURCE_DIR/bindings/python" XXGK_REQUIRE_PANDAS=1 \
    PYTHONDONTWRITEBYTECODE=1 "$py" -m unittest -v test_pythonic.TestManyReports.test_frame
