#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `xxgk check` over many JSON reports: wall time and peak RSS for -j 1..cores.
# Usage: tests/bench/cli_scale.sh BUILD_DIR [N=100000]. Writes N synthetic reports (about
# 5.4 kB each) to a temporary directory, removed at the end. Prints figures; never fails on
# time (it fails only if a run fails to read a file: exit status 2).
set -euo pipefail
build=${1:?build dir}
n=${2:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/xxgk-bench" --write-json "$dir" --reports "$n"
echo "xxgk check over $n JSON reports ($(du -sh "$dir" | cut -f1))"
for j in $(seq 1 "$(nproc)"); do
  set +e
  /usr/bin/time -f "%e %M" -o "$dir.time" "$build/xxgk" check -j "$j" --format ndjson "$dir" >/dev/null 2>&1
  rc=$?
  set -e
  [ "$rc" -le 1 ] || { echo "xxgk check -j $j failed with $rc"; exit 1; }
  read -r wall rss < <(tail -n 1 "$dir.time")
  echo "-j $j: wall ${wall} s, peak RSS ${rss} kB"
done
rm -f "$dir.time"
