#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install with --prefix into a temporary directory, then MOVE that directory (an install must
# not depend on where it was made), and from the moved prefix: the installed xxgk runs with no
# LD_LIBRARY_PATH ($ORIGIN RUNPATH), and one tiny consumer builds and runs four ways —
# pkg-config (plain, no --define-prefix), find_package(xxgk) with xxgk::xxgk and with
# xxgk::xxgk_static, and add_subdirectory() of the source tree. Also: the SONAME is the ABI
# major; header, schemas and licence are installed; the exported CMake files hold no
# absolute path.
set -euo pipefail
: "${XXGK_BINARY_DIR:?build dir}" "${XXGK_SOURCE_DIR:?source tree}"
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
unset LD_LIBRARY_PATH PKG_CONFIG_PATH CMAKE_PREFIX_PATH

cmake --install "$XXGK_BINARY_DIR" --prefix "$tmp/made-here" > "$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1; }
mv "$tmp/made-here" "$tmp/prefix"
prefix="$tmp/prefix"

lib=$(find "$prefix" -name 'libxxgk.so.*.*' -type f | head -1)
[ -n "$lib" ] || { echo "FAIL: no libxxgk.so.X.Y.Z installed"; exit 1; }
libdir=$(dirname "$lib")
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
major=$(sed -n 's/^#define XXGK_VERSION_MAJOR \([0-9]*\).*/\1/p' "$XXGK_SOURCE_DIR/include/xxgk.h")
[ "$soname" = "libxxgk.so.$major" ] || { echo "FAIL: SONAME is '$soname', expected libxxgk.so.$major"; fail=1; }
[ "$soname" = "libxxgk.so.0" ] || { echo "FAIL: SONAME is '$soname', expected libxxgk.so.0"; fail=1; }
[ -L "$libdir/libxxgk.so.$major" ] && [ -L "$libdir/libxxgk.so" ] && [ -f "$libdir/libxxgk.a" ] ||
    { echo "FAIL: libxxgk.so.$major / libxxgk.so links or libxxgk.a missing in $libdir"; fail=1; }
for f in include/xxgk.h bin/xxgk share/xxgk/schema/xxgk-2021.schema.json \
         share/xxgk/schema/xxgk-2019.schema.json share/doc/xxgk/LICENSE \
         share/man/man1/xxgk.1 share/bash-completion/completions/xxgk share/zsh/site-functions/_xxgk; do
    [ -e "$prefix/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
cmp -s "$XXGK_SOURCE_DIR/LICENSE" "$prefix/share/doc/xxgk/LICENSE" || { echo "FAIL: installed LICENSE differs"; fail=1; }
grep -q '^# xxgk is released under the MIT licence' "$libdir/pkgconfig/xxgk.pc" ||
    { echo "FAIL: xxgk.pc does not name the licence"; fail=1; }
grep -q 'MIT licence' "$libdir/cmake/xxgk/xxgkConfig.cmake" ||
    { echo "FAIL: xxgkConfig.cmake does not name the licence"; fail=1; }
# no absolute path in the CMake package (comments aside): neither the build's prefix nor /usr
if bad=$(grep -v '^ *#' "$libdir"/cmake/xxgk/*.cmake | grep -E '"/[^"]|[ ;(]/(usr|tmp|home|work|opt)/|made-here'); then
    echo "FAIL: absolute paths in the installed CMake package:"; echo "$bad"; fail=1
fi

# the installed command finds its library by itself (RUNPATH $ORIGIN/../lib)
runpath=$(readelf -d "$prefix/bin/xxgk" | sed -n 's/.*Library runpath: \[\(.*\)\].*/\1/p')
[ "$runpath" = "\$ORIGIN/../${libdir#"$prefix/"}" ] || { echo "FAIL: bin/xxgk RUNPATH is '$runpath'"; fail=1; }
if n=$("$prefix/bin/xxgk" paths --template 2019 | wc -l) && [ "$n" = 198 ]; then :; else
    echo "FAIL: installed xxgk paths --template 2019 (no LD_LIBRARY_PATH) printed $n lines"; fail=1
fi

# Sanitized builds need the consumers sanitized too (the runtime must come first).
san=""
if readelf -d "$lib" | grep -q 'libasan'; then san="-fsanitize=address,undefined"; fi

mkdir -p "$tmp/src"
cat > "$tmp/src/consumer.c" <<'C'
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

# run WHAT BINARY [env...]: the consumer prints $want
run() {
    local what=$1 bin=$2 out
    shift 2
    out=$(env "$@" "$bin" 2>&1) || true
    [ "$out" = "$want" ] || { echo "FAIL: $what consumer printed '$out', expected '$want'"; fail=1; }
}

# 1. pkg-config, as a user would call it: no --define-prefix (the .pc file finds its prefix)
export PKG_CONFIG_PATH="$libdir/pkgconfig"
if flags=$(pkg-config --cflags --libs xxgk) &&
    $CC -std=c99 -Wall -Werror $san "$tmp/src/consumer.c" -o "$tmp/pc-consumer" $flags; then
    case "$flags" in *"-I$prefix/"*"-L$prefix/"*) ;; *)
        echo "FAIL: pkg-config flags '$flags' do not point into the prefix $prefix"; fail=1 ;; esac
    run pkg-config "$tmp/pc-consumer" LD_LIBRARY_PATH="$libdir"
    v=$(pkg-config --modversion xxgk)
    [ "$v" = "${want%% *}" ] || { echo "FAIL: pkg-config --modversion says $v"; fail=1; }
    case "$(pkg-config --static --libs xxgk)" in *-lcjson*) ;; *)
        echo "FAIL: pkg-config --static --libs does not name cJSON"; fail=1 ;; esac
else
    echo "FAIL: pkg-config consumer does not build"; fail=1
fi
unset PKG_CONFIG_PATH

# 2, 3. find_package(xxgk): xxgk::xxgk (shared) and xxgk::xxgk_static, each configured on its own
for target in xxgk xxgk_static; do
    d="$tmp/cm-$target"
    mkdir -p "$d"
    cp "$tmp/src/consumer.c" "$d/"
    cat > "$d/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.25)
project(consumer C)
find_package(xxgk ${want%% *} REQUIRED)
add_executable(consumer consumer.c)
target_link_libraries(consumer PRIVATE xxgk::$target)
CM
    if cmake -S "$d" -B "$d/build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$CC" \
            -DCMAKE_C_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="$san" > "$d.log" 2>&1 &&
        cmake --build "$d/build" >> "$d.log" 2>&1; then
        run "find_package xxgk::$target" "$d/build/consumer"
        grep -q "^xxgk_DIR:PATH=$prefix/" "$d/build/CMakeCache.txt" || { echo "FAIL: xxgk_DIR not in the prefix"; fail=1; }
        needs=$(readelf -d "$d/build/consumer" | grep -c 'NEEDED.*libxxgk' || true)
        [ "$needs" = "$([ $target = xxgk ] && echo 1 || echo 0)" ] ||
            { echo "FAIL: xxgk::$target consumer has $needs NEEDED libxxgk entries"; fail=1; }
    else
        cat "$d.log"; echo "FAIL: find_package(xxgk) consumer of xxgk::$target does not build"; fail=1
    fi
done

# 4. add_subdirectory(): the library only (no command, no tests), the same target names
d="$tmp/embed"
mkdir -p "$d"
cp "$tmp/src/consumer.c" "$d/"
cat > "$d/CMakeLists.txt" <<CM
cmake_minimum_required(VERSION 3.25)
project(embedder C)
enable_testing()
add_subdirectory("$XXGK_SOURCE_DIR" xxgk)
add_executable(consumer consumer.c)
target_link_libraries(consumer PRIVATE xxgk::xxgk)
CM
if cmake -S "$d" -B "$d/build" -DCMAKE_C_COMPILER="$CC" > "$d.log" 2>&1 &&
    cmake --build "$d/build" -j2 >> "$d.log" 2>&1; then
    run add_subdirectory "$d/build/consumer"
    [ ! -e "$d/build/xxgk/xxgk" ] || { echo "FAIL: embedded, the xxgk command was built"; fail=1; }
    tests=$(ctest --test-dir "$d/build" -N | sed -n 's/^Total Tests: //p')
    [ "$tests" = 0 ] || { echo "FAIL: embedded, $tests xxgk tests were added to the embedder's"; fail=1; }
else
    cat "$d.log"; echo "FAIL: add_subdirectory(xxgk) consumer does not build"; fail=1
fi

[ "$fail" = 0 ] && echo "ok: installed and moved; SONAME $soname; bin/xxgk RUNPATH $runpath;" \
    "pkg-config, find_package shared and static, add_subdirectory consumers print '$want'"
exit "$fail"
