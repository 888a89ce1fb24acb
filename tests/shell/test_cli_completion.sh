#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The man page and the bash and zsh completions that the build generates from the
# command tables: they load, complete commands, options and their values, and render.
source "$(dirname "$0")/cli_common.sh"
: "${XXGK_BINARY_DIR:?}"
BASH_COMP="$XXGK_BINARY_DIR/xxgk.bash"
ZSH_COMP="$XXGK_BINARY_DIR/_xxgk"
MAN="$XXGK_BINARY_DIR/xxgk.1"

# the generated files are what the command generates now (the build keeps them current)
for kind in man bash zsh; do
    f=$MAN; [ $kind = bash ] && f=$BASH_COMP; [ $kind = zsh ] && f=$ZSH_COMP
    "$XXGK" --generate=$kind | cmp -s - "$f" || fail "$f is not what --generate=$kind writes"
done

# ---- bash: registered, and completes as a user types ----
out=$(bash -c "source '$BASH_COMP'; complete -p xxgk") || fail "sourcing the bash completion"
[ "$out" = "complete -F _xxgk xxgk" ] || fail "complete -p xxgk: $out"
# complete WORDS... : the completions for the last word
complete_bash() {
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _xxgk
             [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$BASH_COMP" "$@" | sort | tr '\n' ' '
}
[ "$(complete_bash xxgk ch)" = "check " ] || fail "bash: command: $(complete_bash xxgk ch)"
[ "$(complete_bash xxgk check --for)" = "--format " ] || fail "bash: option: $(complete_bash xxgk check --for)"
[ "$(complete_bash xxgk check --format '')" = "json ndjson text " ] || fail "bash: --format values"
[ "$(complete_bash xxgk check --format = nd)" = "ndjson " ] || fail "bash: --format=nd"
[ "$(complete_bash xxgk convert -t csv)" = "csv csv-wide " ] || fail "bash: -t values"
[ "$(complete_bash xxgk paths --template '')" = "2019 2021 " ] || fail "bash: templates: $(complete_bash xxgk paths --template '')"
[ "$(complete_bash xxgk help su)" = "sum " ] || fail "bash: help COMMAND"
mkdir -p "$T/c/dir"; touch "$T/c/r1.json" "$T/c/r2.txt"
[ "$(cd "$T/c" && complete_bash xxgk check r)" = "r1.json r2.txt " ] || fail "bash: operand files"
[ "$(cd "$T/c" && complete_bash xxgk check --previous r1)" = "r1.json " ] || fail "bash: --previous FILE"
[ "$(complete_bash xxgk rules '')" = "" ] || fail "bash: rules takes no operand"
# every option of every command is offered
for c in check convert sum diff template rules paths; do
    "$XXGK" $c --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/help-opts"
    complete_bash xxgk $c -- | tr ' ' '\n' | grep -- '^--' | sort -u >"$T/comp-opts"
    comm -3 "$T/help-opts" "$T/comp-opts" >"$T/extra" || true
    [ ! -s "$T/extra" ] || fail "$c: bash offers other options than --help lists: $(cat "$T/extra")"
done

# ---- zsh: registered by compinit, and completes in an interactive shell ----
if command -v zsh >/dev/null; then
    mkdir -p "$T/zfunc" && cp "$ZSH_COMP" "$T/zfunc/"
    zsh -n "$ZSH_COMP" || fail "zsh: syntax"
    out=$(zsh -fc "fpath=('$T/zfunc' \$fpath); autoload -Uz compinit; compinit -u -d '$T/zdump'; print -r -- \${_comps[xxgk]}")
    [ "$out" = "_xxgk" ] || fail "zsh: compinit does not register _xxgk ($out)"
    # type in a pseudo-terminal: "xxgk check --form<TAB>", then "xxgk check --format=nd<TAB>"
    cat >"$T/zpty.zsh" <<'ZSH'
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='%% '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -d $2; xxgk() { :; }"
zpty -w -n z $'xxgk check --form\t'
zpty -r z got '*--format*' && print FORMAT
zpty -w -n z $'\C-u'
zpty -w -n z $'xxgk convert --to=csv-w\t'
zpty -r z got '*csv-wide*' && print CSVWIDE
zpty -w -n z $'\C-u'
zpty -w -n z $'xxgk pa\t'
zpty -r z got '*paths*' && print PATHS
zpty -d z
ZSH
    got=$(timeout 30 zsh -f "$T/zpty.zsh" "$T/zfunc" "$T/zdump2" 2>/dev/null | tr '\n' ' ')
    [ "$got" = "FORMAT CSVWIDE PATHS " ] || fail "zsh: interactive completion gave '$got'"
else
    fail "zsh is needed to test the zsh completion (scripts/deps.sh installs it)"
fi

# ---- the man page renders, with every command and option ----
if command -v man >/dev/null; then
    LC_ALL=C.UTF-8 MANWIDTH=80 MANPAGER=cat man -l "$MAN" >"$T/man.txt" 2>"$T/man.err" || fail "man -l failed"
    [ ! -s "$T/man.err" ] || fail "man -l warned: $(head -3 "$T/man.err")"
    grep -q '^XXGK(1)' "$T/man.txt" || fail "man: no XXGK(1) header"
    for c in check convert sum diff template rules paths; do
        grep -q "^   xxgk $c \[OPTIONS\]" "$T/man.txt" || fail "man: no section for $c"
    done
    for o in --format --severity --color --quiet --exclude --previous --blank-as-zero --highlight --report --template; do
        grep -q -- "$o" "$T/man.txt" || fail "man: $o not documented"
    done
    grep -q '^EXIT STATUS' "$T/man.txt" && grep -q '^ENVIRONMENT' "$T/man.txt" && grep -q 'NO_COLOR' "$T/man.txt" ||
        fail "man: exit status and environment"
    if LC_ALL=C.UTF-8 man -l "$MAN" 2>/dev/null | grep -q $'\xe2\x88\x92'; then
        fail "man: options rendered with a minus sign (U+2212), not a hyphen one can paste"
    fi
else
    fail "man is needed to render the man page (scripts/deps.sh installs man-db)"
fi

finish
