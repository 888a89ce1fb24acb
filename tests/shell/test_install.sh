#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install into a temporary prefix, then build and run two tiny consumers against it: one
# with CMake's find_package(xxgk) -> xxgk::xxgk, one with pkg-config. Also: the SONAME is
# the ABI major, the CLI, the header and the JSON schemas are installed.
set -euo pipefail
: "${XXGK_BINARY_DIR:?build dir}" "${XXGK_SOURCE_DIR:?source tree}"
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
fail=0

cmake --install "$XXGK_BINARY_DIR" --prefix "$prefix" > "$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }

lib=$(find "$prefix" -name 'libxxgk.so.*.*' -type f | head -1)
[ -n "$lib" ] || { echo "FAIL: no libxxgk.so.X.Y.Z installed"; exit 1; }
libdir=$(dirname "$lib")
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
major=$(sed -n 's/^#define XXGK_VERSION_MAJOR \([0-9]*\).*/\1/p' "$XXGK_SOURCE_DIR/include/xxgk.h")
[ "$soname" = "libxxgk.so.$major" ] || { echo "FAIL: SONAME is '$soname', expected libxxgk.so.$major"; fail=1; }
[ "$soname" = "libxxgk.so.0" ] || { echo "FAIL: SONAME is '$soname', expected libxxgk.so.0"; fail=1; }
[ -L "$libdir/libxxgk.so.$major" ] && [ -L "$libdir/libxxgk.so" ] && [ -f "$libdir/libxxgk.a" ] ||
    { echo "FAIL: libxxgk.so.$major / libxxgk.so links or libxxgk.a missing in $libdir"; fail=1; }
for f in include/xxgk.h bin/xxgk share/xxgk/schema/xxgk-2021.schema.json share/xxgk/schema/xxgk-2019.schema.json; do
    [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
if [ -x "$prefix/bin/xxgk" ]; then
    n=$(LD_LIBRARY_PATH="$libdir" "$prefix/bin/xxgk" paths --template 2019 | wc -l)
    [ "$n" = 198 ] || { echo "FAIL: installed xxgk paths --template 2019 printed $n lines"; fail=1; }
fi

# Sanitized builds need the consumers sanitized too (the runtime must come first).
san=""
if readelf -d "$lib" | grep -q 'libasan'; then san="-fsanitize=address,undefined"; fi

cat > "$tmp/consumer.c" <<'C'
#include <xxgk.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    xxgk_report *r = NULL;
    size_t id;
    const char *doc = "{\"xxgk\": 1, \"template\": \"2021\", \"proactive\": {\"fees\": {\"amount\": 0.04}}}";
    if (xxgk_report_parse(&r, doc, strlen(doc), NULL) != 0) {
        printf("parse: %s\n", xxgk_error_message());
        return 1;
    }
    if (xxgk_report_cell_id(&id, r, "proactive.fees.amount") != 0)
        return 1;
    char buf[32];
    xxgk_report_cell_format(buf, sizeof buf, r, id);
    printf("%s %s %s\n", xxgk_version(), xxgk_template_id(xxgk_report_template(r)), buf);
    xxgk_report_free(r);
    return 0;
}
C
want="$(sed -n 's/^#define XXGK_VERSION_STRING "\(.*\)"/\1/p' "$XXGK_SOURCE_DIR/include/xxgk.h") 2021 0.04"

# 1. CMake package
mkdir -p "$tmp/cm"
cp "$tmp/consumer.c" "$tmp/cm/"
cat > "$tmp/cm/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.25)
project(consumer C)
find_package(xxgk 0.1 REQUIRED)
add_executable(consumer consumer.c)
target_link_libraries(consumer PRIVATE xxgk::xxgk)
CM
if cmake -S "$tmp/cm" -B "$tmp/cm/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$CC" \
        -DCMAKE_C_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="$san" > "$tmp/cm.log" 2>&1 &&
    cmake --build "$tmp/cm/build" >> "$tmp/cm.log" 2>&1; then
    out=$("$tmp/cm/build/consumer" 2>&1) || true
    [ "$out" = "$want" ] || { echo "FAIL: find_package consumer printed '$out', expected '$want'"; fail=1; }
    # the installed rpath-free library is the one found through the package
    grep -q "$prefix" "$tmp/cm/build/CMakeCache.txt" || { echo "FAIL: xxgk_DIR not in the prefix"; fail=1; }
else
    cat "$tmp/cm.log"; echo "FAIL: find_package(xxgk) consumer does not build"; fail=1
fi

# 2. pkg-config (prefix derived from where the .pc file is, as a relocated install needs)
pcdir=$(dirname "$(find "$prefix" -name xxgk.pc | head -1)")
export PKG_CONFIG_PATH="$pcdir"
if flags=$(pkg-config --define-prefix --cflags --libs xxgk) &&
    $CC -std=c99 -Wall -Werror $san "$tmp/consumer.c" -o "$tmp/pc-consumer" $flags; then
    case "$flags" in *"$prefix"*) ;; *) echo "FAIL: pkg-config flags '$flags' do not point into the prefix"; fail=1 ;; esac
    out=$(LD_LIBRARY_PATH="$libdir" "$tmp/pc-consumer" 2>&1) || true
    [ "$out" = "$want" ] || { echo "FAIL: pkg-config consumer printed '$out', expected '$want'"; fail=1; }
    v=$(pkg-config --modversion xxgk)
    [ "$v" = "${want%% *}" ] || { echo "FAIL: pkg-config --modversion says $v"; fail=1; }
else
    echo "FAIL: pkg-config consumer does not build"; fail=1
fi
[ "$fail" = 0 ] && echo "ok: installed; SONAME $soname; find_package and pkg-config consumers print '$want'"
exit "$fail"
