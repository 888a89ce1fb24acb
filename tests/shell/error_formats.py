#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The format strings of every xx_error() call in lib/*.c (the C literal, escapes kept), one per
line, sorted and unique: what lib/error_zh.c must translate."""
import glob
import os
import re
import sys


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


def sixth_argument(src, j):
    """The index where the 6th argument of the call whose '(' ends at j starts (-1 if none)."""
    depth, args = 1, 0
    while j < len(src) and depth:
        c = src[j]
        if c == '"':
            j = literal_run(src, j)[1]
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 1:
            args += 1
            if args == 5:
                j += 1
                while src[j] in " \t\n":
                    j += 1
                return j
        j += 1
    return -1


def formats(root):
    found = set()
    for path in sorted(glob.glob(os.path.join(root, "lib", "*.c"))):
        src = open(path, encoding="utf-8").read()
        src = re.sub(r"/\*.*?\*/", lambda m: " " * len(m.group(0)), src, flags=re.S)
        for m in re.finditer(r"\bxx_error\(", src):
            if src[m.start() - 4:m.start()] == "int ":  # the definition
                continue
            j = sixth_argument(src, m.end())
            if j >= 0 and src[j] == '"':
                found.add(literal_run(src, j)[0])
    return sorted(found)


if __name__ == "__main__":
    for f in formats(sys.argv[1] if len(sys.argv) > 1 else "."):
        print(f)
