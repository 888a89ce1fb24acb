#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The real reports are the reader's own test: every report in tests/data/real (and its files/)
# with a hand-verified expectation is converted, no number may be wrong, and each report keeps
# at least the exact cells and right metadata fields recorded in tests/data/real/ratchet.txt.
set -euo pipefail
: "${XXGK:?the xxgk command}" "${XXGK_SOURCE_DIR:?source tree}"
cd "$XXGK_SOURCE_DIR"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
python3 tests/shell/corpus_score.py "$XXGK" tests/data/real tests/data/real/files \
    --ratchet tests/data/real/ratchet.txt
