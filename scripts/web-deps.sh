#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cJSON and libxml2 compiled to WebAssembly from Debian's own source packages, fetched with
# `apt-get source` (scripts/deps.sh enables the deb-src entries) — never committed. Built once
# into DIR/deps/prefix (include/, lib/) and kept there: a rebuild of the page reuses them.
# Usage: scripts/web-deps.sh DIR
set -euo pipefail
dir=$(realpath -m "${1:?usage: web-deps.sh BUILD_DIR}")/deps
prefix=$dir/prefix
mkdir -p "$dir/src" "$prefix/include/cjson" "$prefix/lib"
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten runs its JS optimizer with node
jobs=$(nproc)

# Unpack a source package (patched by dpkg-source) into src/, once; print its directory.
fetch() {
  local pkg=$1 d
  d=$(find "$dir/src" -maxdepth 1 -type d -name "$pkg-*" | head -n1)
  if [ -z "$d" ]; then
    (cd "$dir/src" && apt-get source -qq "$pkg" >/dev/null 2>"$dir/src/$pkg.log") ||
      { cat "$dir/src/$pkg.log" >&2; echo "apt-get source $pkg failed (deb-src entries enabled? see scripts/deps.sh)" >&2; exit 1; }
    d=$(find "$dir/src" -maxdepth 1 -type d -name "$pkg-*" | head -n1)
  fi
  echo "$d"
}

if [ ! -f "$prefix/lib/libcjson.a" ]; then
  s=$(fetch cjson)
  echo "== cJSON for wasm: $(basename "$s")"
  emcc -O2 -c "$s/cJSON.c" -o "$dir/cJSON.o"
  emar rcs "$prefix/lib/libcjson.a" "$dir/cJSON.o"
  cp "$s/cJSON.h" "$prefix/include/cjson/"
fi

# libxml2: the HTML parser and the tree it builds, nothing else — no threads, network,
# compression, iconv (the library hands it UTF-8: lib/encoding.c converts GB18030/GBK and
# UTF-16 itself, and the HTML reader tells libxml2 to ignore the page's declared encoding),
# no output, XPath, validation, readers or writers. Rebuilt when this list changes.
off=(C14N CATALOG DEBUG DOCB FTP HTTP ICONV ICU ISO8859X LEGACY LZMA MODULES OUTPUT PATTERN PROGRAMS PUSH
     PYTHON READER REGEXPS SCHEMAS SCHEMATRON TESTS THREADS VALID WRITER XINCLUDE XPATH XPTR ZLIB)
args=()
for o in "${off[@]}"; do args+=("-DLIBXML2_WITH_$o=OFF"); done
if [ ! -f "$prefix/lib/libxml2.a" ] || [ "$(cat "$prefix/libxml2.options" 2>/dev/null)" != "${args[*]}" ]; then
  s=$(fetch libxml2)
  echo "== libxml2 for wasm: $(basename "$s")"
  rm -rf "$dir/libxml2-build" "$prefix/include/libxml2" "$prefix/lib/libxml2.a"
  log=$dir/libxml2-build.log
  checks=$(realpath "$(dirname "$0")/../cmake/wasm-libxml2-checks.cmake")  # its configure checks' results
  { emcmake cmake -S "$s" -B "$dir/libxml2-build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
      -DCMAKE_INSTALL_PREFIX="$prefix" -DHAVE_PTHREAD_H=OFF "${args[@]}" -C "$checks" &&
    cmake --build "$dir/libxml2-build" -j"$jobs" && cmake --install "$dir/libxml2-build"; } >"$log" 2>&1 ||
    { tail -n 40 "$log" >&2; echo "libxml2 for wasm failed: $log" >&2; exit 1; }
  echo "${args[*]}" >"$prefix/libxml2.options"
fi
