#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Build the Debian package (cpack -G DEB) in build-deb/ and print its path: the command, the
# shared and static library, the header, the CMake package and xxgk.pc, installed under /usr.
# Depends (from the ELF files, dpkg-shlibdeps): libc6, libcjson1.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${XXGK_DEB_BUILD_DIR:-build-deb}
cmake -S . -B "$build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXXGK_WERROR=ON \
  -DXXGK_BUILD_TESTS=OFF -DXXGK_BUILD_EXAMPLES=OFF -DXXGK_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
rm -f "$build"/xxgk_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
ls "$PWD/$build"/xxgk_*.deb
