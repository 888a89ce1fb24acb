#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Failures an unlucky user meets: a full disk keeps the previous output file byte for byte,
# standard output that cannot be written, -o naming the file behind standard input, walks
# deeper than PATH_MAX and entries that cannot be examined, a directory given as a file.
source "$(dirname "$0")/cli_common.sh"

H=examples/data/hongze-district-2023.json
K=examples/data/kundulun-xinfang-2023.json

# ---- standard output that cannot be written: exit 2, with the reason ----
for cmd in "paths" "--help" "--version" "rules --format json" "check $H" "template" "convert --to json $K"; do
    rc=0
    "$XXGK" $cmd >/dev/full 2>"$T/err" || rc=$?
    [ "$rc" = 2 ] || fail "$cmd > /dev/full exits $rc"
    grep -q 'cannot write standard output: No space left on device' "$T/err" || fail "$cmd > /dev/full: $(cat "$T/err")"
done

# ---- -o never overwrites the file behind standard input ----
"$XXGK" convert --to text "$K" >"$T/in.txt"
cp "$T/in.txt" "$T/in.keep"
expect_rc 2 "$XXGK" convert --to json -o "$T/in.txt" - <"$T/in.txt"
grep -q "refusing to overwrite the input file '-'" "$T/err" || fail "stdin overwrite: $(cat "$T/err")"
cmp -s "$T/in.txt" "$T/in.keep" || fail "convert overwrote the file behind standard input"
expect_rc 2 "$XXGK" sum -o "$T/in.txt" - <"$T/in.txt"
cmp -s "$T/in.txt" "$T/in.keep" || fail "sum overwrote the file behind standard input"

# ---- -o replaces the file only once the output is complete ----
echo "old output" >"$T/out.json"
chmod 640 "$T/out.json"
expect_rc 0 "$XXGK" convert --to json -o "$T/out.json" "$K"
cmp -s "$T/out.json" "$K" || fail "-o did not write the report"
[ "$(stat -c %a "$T/out.json")" = 640 ] || fail "-o lost the old file's permissions"
ls -A "$T" | grep -q '^\.out\.json\.' && fail "a temporary file was left behind"
ln -s out.json "$T/link.json"
expect_rc 0 "$XXGK" convert --to json -o "$T/link.json" "$H"
[ -L "$T/link.json" ] || fail "-o replaced a symbolic link instead of the file it names"
cmp -s "$T/out.json" "$H" || fail "-o through a link did not replace the file it names"
# a full disk: a tmpfs of 64 KiB holding the previous output (mounted in a private mount
# namespace when the test may, else a file size limit stands in for it)
full_disk() { # DIR CMD... : run CMD with DIR on a nearly full file system
    local dir=$1; shift
    if unshare -m true 2>/dev/null || unshare -rm true 2>/dev/null; then
        local u="unshare -m"; unshare -m true 2>/dev/null || u="unshare -rm"
        $u sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && cp "$2/prev.json" "$1/" &&
                  { cat /dev/zero >"$1/filler" 2>/dev/null; true; } && shift 2 && "$@"' _ "$dir" "$T" "$@"
    else
        (ulimit -f 2; trap '' XFSZ; "$@")
    fi
}
"$XXGK" convert --to json "$H" >"$T/prev.json"
mkdir -p "$T/disk"
cp "$T/prev.json" "$T/disk/prev.json"
rc=0
full_disk "$T/disk" sh -c '"$1" sum -o "$2/prev.json" "$3" "$4" 2>"$5"; rc=$?; cmp -s "$2/prev.json" "$6" || echo CHANGED >>"$5"; exit $rc' \
    _ "$XXGK" "$T/disk" "$K" "$H" "$T/full.err" "$T/prev.json" || rc=$?
[ "$rc" = 2 ] || fail "sum -o on a full disk exits $rc"
grep -q 'CHANGED' "$T/full.err" && fail "a full disk changed the previous output file"
grep -q "xxgk sum: cannot write .*prev.json: \(No space left on device\|File too large\) (nothing changed there)" "$T/full.err" ||
    fail "full disk message: $(cat "$T/full.err")"
# a directory one cannot write in (not as root, who may), and -o to a device
if [ "$(id -u)" != 0 ]; then
    mkdir "$T/ro"; echo keep >"$T/ro/o.json"; chmod 555 "$T/ro"
    expect_rc 2 "$XXGK" convert --to json -o "$T/ro/o.json" "$K"
    grep -q "cannot write $T/ro/o.json: Permission denied" "$T/err" || fail "read-only dir: $(cat "$T/err")"
    [ "$(cat "$T/ro/o.json")" = keep ] || fail "read-only dir: the old file changed"
    chmod 755 "$T/ro"
fi
expect_rc 2 "$XXGK" convert --to json -o /dev/full "$K"
grep -q 'cannot write /dev/full: No space left on device' "$T/err" || fail "-o /dev/full: $(cat "$T/err")"

# ---- the walk: entries that cannot be examined are errors naming them ----
mkdir -p "$T/w"
cp "$K" "$T/w/a.json"
ln -s loop.json "$T/w/loop.json"
ln -s nowhere.json "$T/w/dangling.json"
expect_rc 2 "$XXGK" check --lang en "$T/w"
grep -qx "$T/w/dangling.json: cannot examine: No such file or directory" "$T/err" || fail "dangling link: $(cat "$T/err")"
grep -qx "$T/w/loop.json: cannot examine: Too many levels of symbolic links" "$T/err" || fail "link loop"
tail -n 1 "$T/err" | grep -qx 'files 3, errors 0, warnings 0, unreadable 2' || fail "walk errors counted: $(tail -n 1 "$T/err")"

# ---- a tree deeper than PATH_MAX (4096 bytes): walked and read ----
name=$(printf 'd%.0s' $(seq 1 200))
(cd "$T" && mkdir deep && cd deep && for i in $(seq 1 25); do mkdir "$name" && cd "$name"; done && cp "$XXGK_SOURCE_DIR/$H" r.json)
expect_rc 1 "$XXGK" check --lang en --format ndjson "$T/deep"
tail -n 1 "$T/err" | grep -qx 'files 1, errors 2, warnings 0, unreadable 0' || fail "deep tree: $(head -c 300 "$T/err")"
python3 -c 'import json,sys; o=json.loads(open(sys.argv[1]).read()); assert len(o["file"]) > 5000 and o["errors"] == 2, o["file"][-40:]' "$T/out" ||
    fail "deep tree: the file's object"

# ---- a directory or a special file given as a report: a reason ----
expect_rc 2 "$XXGK" diff "$K" "$T/w"
grep -qx "$T/w: Is a directory" "$T/err" || fail "directory as a report: $(cat "$T/err")"
expect_rc 2 "$XXGK" convert --to json "$T/w"
grep -q "many reports go into one file only as a long CSV" "$T/err" || fail "convert of a directory: $(cat "$T/err")"
mkfifo "$T/fifo.json"
(sleep 0.1; cat "$K" >"$T/fifo.json") &
expect_rc 0 "$XXGK" check "$T/fifo.json"   # a pipe is read like a file
wait

finish
