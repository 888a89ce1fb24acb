#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run every fuzz target of a fuzz build for a bounded time on a copy of its seed corpus.
# Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]. A crash leaves its input in BUILD_DIR/crashes/
# and fails the run; add that input under tests/data/<reader>/regress/ with a test.
set -euo pipefail
build=${1:?build dir}
secs=${2:-60}
mkdir -p "$build/crashes"
status=0
for t in json csv text html; do
  work="$build/fuzz-corpus-$t"
  rm -rf "$work"
  cp -r "$build/seeds_$t" "$work"
  echo "== fuzz_$t for ${secs}s ($(ls "$work" | wc -l) seeds)"
  if ! "$build/fuzz_$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=1024 \
      -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" "$work" 2>"$build/fuzz-$t.log"; then
    status=1
    tail -40 "$build/fuzz-$t.log"
  fi
  grep -E "^stat::(number_of_executed_units|peak_rss_mb)|cov:" "$build/fuzz-$t.log" | tail -3 || true
done
exit $status
