#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The public header compiles alone as C99 (pedantic, all warnings as errors) and as C++11;
# a program built against the shared library sees the same version in the macros and at
# run time.
set -euo pipefail
: "${XXGK_LIB:?path of libxxgk.so}" "${XXGK_SOURCE_DIR:?source tree}"
CC=${CC:-cc}
CXX=${CXX:-g++}
inc="$XXGK_SOURCE_DIR/include"
libdir=$(dirname "$XXGK_LIB")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# Sanitized builds need the programs sanitized too (the runtime must come first).
san=""
if readelf -d "$XXGK_LIB" | grep -q 'libasan'; then san="-fsanitize=address,undefined"; fi

printf '#include <xxgk.h>\n' > "$tmp/alone.c"
for std in c99 c11; do
    if ! "$CC" -std=$std -pedantic -Wall -Wextra -Werror -I"$inc" -c "$tmp/alone.c" -o "$tmp/alone.o"; then
        echo "FAIL: xxgk.h does not compile alone with $CC -std=$std -pedantic -Wall -Wextra -Werror"; fail=1
    fi
done
# twice in one unit: the include guard works
printf '#include <xxgk.h>\n#include <xxgk.h>\nint main(void) { return 0; }\n' > "$tmp/twice.c"
"$CC" -std=c99 -pedantic -Werror -I"$inc" -c "$tmp/twice.c" -o "$tmp/twice.o" || { echo "FAIL: included twice"; fail=1; }

cat > "$tmp/cxx.cpp" <<'CPP'
#include <xxgk.h>
#include <cstdio>
#include <cstring>
int main()
{
    const xxgk_template *t = xxgk_template_get("2021");
    if (!t || xxgk_template_cell_count(t) != 200)
        return 1;
    std::printf("%s\n", xxgk_template_cell_path(t, 0));
    return 0;
}
CPP
if command -v "$CXX" > /dev/null; then
    if ! "$CXX" -std=c++11 -pedantic -Wall -Wextra -Werror -I"$inc" $san "$tmp/cxx.cpp" -o "$tmp/cxx" \
        -L"$libdir" -lxxgk -Wl,-rpath,"$libdir"; then
        echo "FAIL: xxgk.h does not compile and link as C++11"; fail=1
    elif [ "$("$tmp/cxx")" != "proactive.regulations.issued" ]; then
        echo "FAIL: the C++ program did not run as expected"; fail=1
    fi
else
    echo "FAIL: no C++ compiler ($CXX)"; fail=1
fi

cat > "$tmp/version.c" <<'C'
#include <xxgk.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    char s[32];
    snprintf(s, sizeof s, "%d.%d.%d", XXGK_VERSION_MAJOR, XXGK_VERSION_MINOR, XXGK_VERSION_PATCH);
    if (strcmp(s, XXGK_VERSION_STRING) != 0) {
        printf("macros disagree: %s vs %s\n", s, XXGK_VERSION_STRING);
        return 1;
    }
    if (strcmp(xxgk_version(), XXGK_VERSION_STRING) != 0) {
        printf("xxgk_version() is %s, the header says %s\n", xxgk_version(), XXGK_VERSION_STRING);
        return 1;
    }
    if (xxgk_version_number() != XXGK_VERSION_NUMBER ||
        XXGK_VERSION_NUMBER != XXGK_VERSION_MAJOR * 10000 + XXGK_VERSION_MINOR * 100 + XXGK_VERSION_PATCH) {
        printf("xxgk_version_number() is %d, the header says %d\n", xxgk_version_number(), XXGK_VERSION_NUMBER);
        return 1;
    }
    printf("%s %d\n", xxgk_version(), xxgk_version_number());
    return 0;
}
C
if ! "$CC" -std=c99 -pedantic -Wall -Wextra -Werror -I"$inc" $san "$tmp/version.c" -o "$tmp/version" \
    -L"$libdir" -lxxgk -Wl,-rpath,"$libdir"; then
    echo "FAIL: the version program does not build against $XXGK_LIB"; fail=1
elif ! out=$("$tmp/version"); then
    echo "FAIL: $out"; fail=1
else
    # and the CMake project version (read from the header: the library's file name
    # libxxgk.so.X.Y.Z) and the Python package's version are the header's
    pv=${XXGK_LIB##*/libxxgk.so.}
    if [ "$out" != "$pv $(echo "$pv" | awk -F. '{ print $1 * 10000 + $2 * 100 + $3 }')" ]; then
        echo "FAIL: version program says '$out', the library file is $XXGK_LIB"; fail=1
    fi
    py=$(sed -n 's/^version = "\(.*\)"/\1/p' "$XXGK_SOURCE_DIR/bindings/python/pyproject.toml")
    [ "$py" = "$pv" ] || { echo "FAIL: bindings/python/pyproject.toml says version $py, the header $pv"; fail=1; }
fi
[ "$fail" = 0 ] && echo "ok: header alone (C99, C11, C++11), version macros = xxgk_version() = project version = Python package version"
exit "$fail"
