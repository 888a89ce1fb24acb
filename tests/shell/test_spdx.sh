#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every source file carries the licence's SPDX line near its top, and LICENSE is there.
set -euo pipefail
root=${XXGK_SOURCE_DIR:-${1:?usage: test_spdx.sh SOURCE_DIR}}
cd "$root"
[ -f LICENSE ] && grep -q '^MIT License' LICENSE || { echo "LICENSE missing or not MIT"; exit 1; }
missing=0
while IFS= read -r -d '' f; do
  if ! head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT'; then
    echo "no SPDX line: $f"
    missing=$((missing + 1))
  fi
done < <(find . \( -path './build*' -o -path './.git' -o -path './tests/data' -o -path '*/node_modules' \
                   -o -path '*/__pycache__' -o -path '*.egg-info' \) -prune -o -type f \
                 \( -name '*.c' -o -name '*.h' -o -name '*.inc' -o -name '*.py' -o -name '*.sh' \
                    -o -name '*.tpl' -o -name '*.in' -o -name '*.js' -o -name '*.mjs' -o -name '*.ts' \
                    -o -name 'CMakeLists.txt' -o -name '*.cmake' -o -path './.ci/run' \) -print0)
[ "$missing" -eq 0 ] || { echo "$missing file(s) without 'SPDX-License-Identifier: MIT'"; exit 1; }
echo "every source file carries its SPDX line"
