#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Names removed before 1.0 (issue 11: one name shape for cell access, a cell flag that is not
# a cell state, an explicit sum) appear nowhere any more but in CHANGELOG.md, which records
# their removal: not in the header, the sources, the bindings, the tests or the documentation.
set -euo pipefail
root=${XXGK_SOURCE_DIR:-${1:?usage: test_removed_names.sh SOURCE_DIR}}
cd "$root"
removed='xxgk_report_(get_count|get_micros|set_count|set_micros|set_number_text|set_blank|set_token|add|sum_finish)\b|XXGK_CELL_OPTIONAL\b|\bCELL_OPTIONAL\b'
if hits=$(grep -rnE "$removed" . --exclude=CHANGELOG.md --exclude="$(basename "$0")" \
            --exclude-dir='build*' --exclude-dir=.git --exclude-dir=node_modules --exclude-dir=__pycache__); then
    echo "FAIL: removed names still used:"; echo "$hits"; exit 1
fi
echo "ok: no removed name outside CHANGELOG.md"
