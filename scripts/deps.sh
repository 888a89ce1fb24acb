#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the Debian packages xxgk needs, only those that are missing. Run as root.
set -euo pipefail
# clang with libclang-rt-14-dev (only recommended by clang, so named here): the libFuzzer and
# sanitizer runtimes for the fuzz targets; valgrind for the memcheck label.
# The web page (scripts/web.sh): emscripten, node, chromium for its browser test, and dpkg-dev
# for `apt-get source`, which fetches cJSON and libxml2 to compile them to WebAssembly.
# dpkg-dev and file also serve cpack -G DEB (dpkg-shlibdeps works out the package's Depends);
# python3-venv: the README's Python install (a venv) is tested. libxml2-dev: the HTML reader's
# parser. poppler-utils: pdftotext, which the command and the Python binding run to read a PDF.
# zsh and man-db: the tests load the generated zsh completion and render the man page;
# python3-pandas: a test reads xxgk check's ndjson into a DataFrame, as the README shows.
pkgs=(build-essential cmake pkg-config libcjson-dev libxml2-dev libcmocka-dev python3 clang libclang-rt-14-dev
      valgrind emscripten nodejs chromium dpkg-dev file python3-venv zsh man-db poppler-utils python3-pandas)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm: Debian's package, unless the installed nodejs already brings its own npm.
command -v npm >/dev/null || missing+=(npm)
# Source packages: enable the deb-src entries of the Debian archive (deb822 or one-line form).
update=0
src=/etc/apt/sources.list.d/debian.sources
if [ -f "$src" ] && grep -q '^Types: deb$' "$src"; then
  sed -i 's/^Types: deb$/Types: deb deb-src/' "$src"
  update=1
fi
if [ -f /etc/apt/sources.list ] && grep -q '^deb http' /etc/apt/sources.list &&
   ! grep -q '^deb-src ' /etc/apt/sources.list; then
  sed -n 's/^deb \(http.*\)/deb-src \1/p' /etc/apt/sources.list >>/etc/apt/sources.list
  update=1
fi
if [ ${#missing[@]} -gt 0 ] || [ $update = 1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
