#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the Debian packages xxgk needs, only those that are missing. Run as root.
set -euo pipefail
# clang with libclang-rt-14-dev (only recommended by clang, so named here): the libFuzzer and
# sanitizer runtimes for the fuzz targets; valgrind for the memcheck label.
pkgs=(build-essential cmake pkg-config libcjson-dev libcmocka-dev python3 clang libclang-rt-14-dev valgrind)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
