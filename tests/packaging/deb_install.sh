#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install the .deb given (as root: dpkg -i), use it as a user would — `xxgk --version`, a
# check of the sample report, the README's C example built with pkg-config against the
# installed files — then remove it again (dpkg -P), whatever happened.
# Usage: tests/packaging/deb_install.sh xxgk_X.Y.Z_amd64.deb
set -euo pipefail
deb=$(realpath "${1:?usage: deb_install.sh PACKAGE.deb}")
cd "$(dirname "$0")/../.."
src=$PWD
if dpkg-query -W -f='${Status}' xxgk 2>/dev/null | grep -q 'install ok installed'; then
  echo "FAIL: a package xxgk is already installed; not touching it"; exit 1
fi
tmp=$(mktemp -d)
cleanup() { dpkg -P xxgk >/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
if ! dpkg -i "$deb"; then
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -qq --no-install-recommends  # its Depends
fi
dpkg-query -W -f='${Status}\n' xxgk | grep -q 'install ok installed' || { echo "FAIL: not installed"; exit 1; }
cd "$tmp"  # nothing of the source tree on any path
fail=0
want="xxgk $(sed -n 's/^#define XXGK_VERSION_STRING "\(.*\)"/\1/p' "$src/include/xxgk.h")"
v=$(/usr/bin/xxgk --version)
[ "$v" = "$want" ] || { echo "FAIL: xxgk --version says '$v', expected '$want'"; fail=1; }
/usr/bin/xxgk check "$src/examples/data/kundulun-xinfang-2023.json" ||
  { echo "FAIL: xxgk check of the sample report exited $?"; fail=1; }
if cc -std=c11 -Wall -Werror "$src/examples/check_report.c" -o check_report $(pkg-config --cflags --libs xxgk); then
  out=$(./check_report "$src/examples/data/kundulun-xinfang-2023.json")
  [ "$out" = "new applications: 0" ] || { echo "FAIL: check_report printed '$out'"; fail=1; }
else
  echo "FAIL: examples/check_report.c does not build against the installed package"; fail=1
fi
[ "$fail" = 0 ] && echo "ok: $(basename "$deb") installs, runs ($v), builds the C example; removed again"
exit "$fail"
