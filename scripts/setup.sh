#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# First command: install what is missing, build, and check the bundled sample report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXXGK_WERROR=ON
cmake --build build -j"$(nproc)"
echo "== xxgk check examples/data/kundulun-xinfang-2023.json"
./build/xxgk check examples/data/kundulun-xinfang-2023.json
