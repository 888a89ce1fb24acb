#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Second command: build (if needed) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${XXGK_BUILD_DIR:-build}
cmake -S . -B "$build" -DXXGK_WERROR=ON ${XXGK_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" ${XXGK_CTEST_ARGS:-}
# The web page's tests (scripts/web.sh --test) when its build exists: they rebuild it first, so
# the wasm module is never older than lib/. .ci/run always runs them.
if [ "$build" = build ] && [ -d build-web ] && [ -z "${XXGK_SKIP_WEB:-}" ]; then
  bash scripts/web.sh --test
fi
