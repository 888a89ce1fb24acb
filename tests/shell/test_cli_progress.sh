#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The progress bar: shown only when standard error is a terminal (script(1) gives one) and
# there are more than 20 files, erased before the summary; never in redirected output.
source "$(dirname "$0")/cli_common.sh"
command -v script >/dev/null || { fail "script(1) is needed to give the command a terminal"; finish; }

mkdir -p "$T/many"
for i in $(seq -w 1 25); do cp examples/data/kundulun-xinfang-2023.json "$T/many/r$i.json"; done
export XXGK T
script -qec '"$XXGK" check --lang en -j 2 "$T/many" >"$T/stdout"' "$T/tty" </dev/null >/dev/null
grep -q $'\r\033\\[K\\[##############################\\] 25/25 ' "$T/tty" || fail "no final progress bar on the terminal"
grep -q $'left\r\033\\[Kfiles 25, errors 0, warnings 0, unreadable 0' "$T/tty" || fail "bar not erased before the summary"
# standard output has the 25 reports' headings, nothing of the bar
[ "$(grep -c ': report "' "$T/stdout")" = 25 ] && [ "$(wc -l <"$T/stdout")" = 25 ] &&
    ! grep -q $'[\r\033]' "$T/stdout" || fail "progress on standard output"

# 20 files: no bar
rm "$T/many"/r2[1-5].json
script -qec '"$XXGK" check --lang en "$T/many" >"$T/stdout"' "$T/tty" </dev/null >/dev/null
if grep -q '20/20' "$T/tty"; then fail "bar shown for 20 files"; fi
grep -q 'files 20, errors 0' "$T/tty" || fail "summary on the terminal"

# redirected standard error: no trace
"$XXGK" check --lang en "$T/many" 2>"$T/err" >/dev/null
printf 'files 20, errors 0, warnings 0, unreadable 0\n' | cmp - "$T/err" || fail "redirected stderr"

finish
