#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The clerk's page: build build-web/xxgk.html (one self-contained file) and the WebAssembly
# module build-web/xxgk.js that the page and the npm package share (copied to
# bindings/js/xxgk_wasm.cjs, where the package loads it).
#   scripts/web.sh          build (cJSON and libxml2 for wasm are fetched and built once)
#   scripts/web.sh --test   build, then the node tests (the binding; the C fixtures run through
#                           the wasm module) and the browser test in headless Chromium
# XXGK_WEB_DIR overrides the build directory (default build-web).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${XXGK_WEB_DIR:-build-web}
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten runs its JS optimizer with node
bash scripts/web-deps.sh "$build"
prefix=$(realpath "$build")/deps/prefix
# No -Werror: wasm32 is ILP32 (long is 32 bits), where -Wconversion flags what the native
# 64-bit build does not; those warnings are shown, the native CI build holds the line.
emcmake cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DXXGK_WERROR=OFF \
  -DXXGK_BUILD_TESTS=OFF -DXXGK_BUILD_BENCH=OFF \
  -DCJSON_INCLUDE_DIR="$prefix/include" -DCJSON_LIBRARY="$prefix/lib/libcjson.a" \
  -DLIBXML2_INCLUDE_DIR="$prefix/include/libxml2" -DLIBXML2_LIBRARY="$prefix/lib/libxml2.a" >/dev/null
cmake --build "$build" -j"$(nproc)"
# The npm package loads the module from beside itself (git-ignored; npm pack ships it).
cp "$build/xxgk.js" bindings/js/xxgk_wasm.cjs
echo "built $build/xxgk.html ($(stat -c %s "$build/xxgk.html") bytes) and $build/xxgk.js (= bindings/js/xxgk_wasm.cjs)"
[ "${1:-}" = --test ] || exit 0
# The native command, when there is a native build, for the native-against-wasm comparison.
if [ -f build/CMakeCache.txt ]; then
  cmake --build build -j"$(nproc)" --target xxgk-cli >/dev/null
fi
echo "== node: the npm package's tests; the C tests' fixtures, and native against wasm"
node --test bindings/js/test/ tests/web/fixtures.test.mjs
# The test dependencies from tests/web's lock file: playwright-core (which never downloads a
# browser: Debian's chromium is used) and typescript (tsc checks the package's .d.ts).
if [ ! -f tests/web/node_modules/.package-lock.json ] ||
   [ tests/web/package-lock.json -nt tests/web/node_modules/.package-lock.json ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix tests/web --no-audit --no-fund --loglevel=error
fi
echo "== the package's TypeScript types, and the page from disk in headless Chromium, offline"
XXGK_WEB_DIR="$build" node --test tests/web/types.test.mjs tests/web/page.test.mjs
echo "screenshot: $build/xxgk-page.png"
