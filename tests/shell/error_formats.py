#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The format strings of every error the library sets from a literal format: calls of xx_error()
and of the functions that forward their own format to it (FORWARDERS: name -> which argument is
the format), the C literal with its escapes kept, sorted and unique: what lib/error_zh.c must
translate. problems() names what the catalog cannot cover: a format that is not a literal, and a
printf-like function (a `const char *fmt` before `...` or a va_list) the table does not know."""
import glob
import os
import re
import sys

# function -> 1-based index of its format argument
FORWARDERS = {"xx_error": 6, "xx_verror": 6, "xx_csv_err": 4, "xx_csv_errp": 5, "fail_raw": 4, "jerr": 4,
              "unexpected": 3}
# printf-like functions that make no message (a buffer's printf)
OTHER = {"xb_printf"}
# the functions that pass the format they were given on (their body's calls use `fmt`)
FORWARDING = {"xx_error", "xx_verror", "cp_verr", "xx_csv_err", "xx_csv_errp", "fail_raw", "jerr", "unexpected"}


def literal_run(src, j):
    """The adjacent string literals starting at src[j] == '"', joined; and the index after."""
    out = ""
    while j < len(src) and src[j] == '"':
        k = j + 1
        while src[k] != '"':
            k += 2 if src[k] == "\\" else 1
        out += src[j + 1:k]
        j = k + 1
        while j < len(src) and src[j] in " \t\n":
            j += 1
    return out, j


def nth_argument(src, j, n):
    """The index where the n-th argument of the call whose '(' ends at j starts (-1 if none)."""
    if n == 1:
        while src[j] in " \t\n":
            j += 1
        return j
    depth, args = 1, 0
    while j < len(src) and depth:
        c = src[j]
        if c == '"':
            j = literal_run(src, j)[1]
            continue
        if c == "'":
            j += 4 if src[j + 1] == "\\" else 3
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 1:
            args += 1
            if args == n - 1:
                j += 1
                while src[j] in " \t\n":
                    j += 1
                return j
        j += 1
    return -1


def sources(root):
    for path in sorted(glob.glob(os.path.join(root, "lib", "*.c"))):
        src = open(path, encoding="utf-8").read()
        yield path, re.sub(r"/\*.*?\*/", lambda m: " " * len(m.group(0)), src, flags=re.S)


def calls(root):
    """(path, line, function, the format argument's text or None when it is not a literal)."""
    names = "|".join(FORWARDERS)
    for path, src in sources(root):
        for m in re.finditer(r"\b(%s)\(" % names, src):
            before = src[max(0, m.start() - 40):m.start()]
            if re.search(r"(int|size_t|\*)\s*$", before):  # a declaration or definition
                continue
            j = nth_argument(src, m.end(), FORWARDERS[m.group(1)])
            if j < 0:
                continue
            line = src.count("\n", 0, m.start()) + 1
            if src[j] == '"':
                yield path, line, m.group(1), literal_run(src, j)[0]
            else:
                word = re.match(r"\w+", src[j:])
                yield path, line, m.group(1), None if not word else ("=" + word.group(0))


def formats(root):
    return sorted({f for _, _, _, f in calls(root) if f is not None and not f.startswith("=")})


def problems(root):
    out = []
    for path, line, fn, f in calls(root):
        if f is None or (f.startswith("=") and f != "=fmt"):
            out.append(f"{path}:{line}: {fn}() with a format that is not a literal: the Chinese message cannot be "
                       "found (use a literal, or xx_error_texts with both messages)")
    for path, src in sources(root):
        for m in re.finditer(r"^(?:static\s+)?[\w\s\*]*?\b(\w+)\(([^)]*)\)\s*(?:__attribute__[^;{]*)?\{", src, re.M):
            name, params = m.group(1), m.group(2)
            printf_like = re.search(r"const char \*fmt\w*,\s*(\.\.\.|va_list)", params)
            # taking fmt_zh and fmt_en, the caller gives both languages
            if not printf_like or name in FORWARDING or name in OTHER or "fmt_zh" in params:
                continue
            line = src.count("\n", 0, m.start()) + 1
            out.append(f"{path}:{line}: {name}() takes a format: add it to FORWARDERS (its format is translated "
                       "by lib/error_zh.c), or give it fmt_zh and fmt_en, in tests/shell/error_formats.py")
    return out


if __name__ == "__main__":
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    for f in formats(root):
        print(f)
    for p in problems(root):
        print("PROBLEM:", p, file=sys.stderr)
