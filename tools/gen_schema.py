#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate the JSON Schemas (draft 2020-12) of the xxgk report document, one per template,
from the templates compiled into libxxgk.

The cells and their kinds come from tools/xxgk_cells.c (compiled here against the library,
public API only); with --xxgk the printed cells are also checked against `xxgk paths`
output, line for line. Writes schema/xxgk-<template>.schema.json; with --check, compares
with the files there instead and fails if they differ (the schema test runs this).

    tools/gen_schema.py --lib build/libxxgk.so [--xxgk build/xxgk] [--out-dir schema] [--check]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
MAX_SAFE = 9007199254740991
# A JSON number written as text: what the reader takes for a number inside a string.
NUMBER_TEXT = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$"
# An amount given as a decimal string: at most 6 decimals.
DECIMAL_TEXT = r"^-?(0|[1-9][0-9]*)(\.[0-9]{1,6})?$"


def sanitizer_flags(lib):
    """A sanitized library needs its consumers sanitized too."""
    try:
        out = subprocess.run(["readelf", "-d", lib], check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return ["-fsanitize=address,undefined"] if "libasan" in out else []


def template_cells(lib, cc):
    """{template: {"sections": [...], "cells": [(path, kind, optional)]}} in template order."""
    libdir = os.path.dirname(os.path.abspath(lib))
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "xxgk_cells")
        cmd = [cc, "-std=c99", "-Wall", "-Werror", "-I", os.path.join(SRC, "include"),
               os.path.join(HERE, "xxgk_cells.c"), "-o", exe, "-L", libdir, "-lxxgk",
               "-Wl,-rpath," + libdir] + sanitizer_flags(lib)
        subprocess.run(cmd, check=True)
        env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
        out = subprocess.run([exe], check=True, capture_output=True, text=True, env=env).stdout
    result = {}
    for line in out.splitlines():
        f = line.split("\t")
        t = result.setdefault(f[0], {"sections": [], "cells": []})
        if f[1] == "section":
            t["sections"].append(f[2])
        else:
            t["cells"].append((f[1], f[2], f[3] == "1"))
    return result


def check_paths(xxgk, tid, cells):
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0")
    out = subprocess.run([xxgk, "paths", "--template", tid], check=True, capture_output=True,
                         text=True, env=env).stdout
    printed = [line.split("\t")[0] for line in out.splitlines()]
    want = [p for p, _, opt in cells if not opt]
    if printed != want:
        sys.exit("gen_schema: `xxgk paths --template %s` (%d lines) differs from the template's "
                 "printed cells (%d)" % (tid, len(printed), len(want)))


def schema_for(tid, sections, cells):
    tables = {}
    for path, kind, _ in cells:
        parts = path.split(".")
        node = tables
        for p in parts[:-1]:
            node = node.setdefault(p, {})
            if not isinstance(node, dict):
                sys.exit("gen_schema: %s: a cell and a row share a name" % path)
        if parts[-1] in node:
            sys.exit("gen_schema: %s: duplicate path" % path)
        node[parts[-1]] = kind

    def obj(node):
        props = {}
        for key, v in node.items():
            props[key] = obj(v) if isinstance(v, dict) else {"$ref": "#/$defs/" + v}
        return {"type": "object", "additionalProperties": False, "properties": props}

    props = {
        "xxgk": {"description": "document format version", "const": 1},
        "template": {"description": "the report template", "const": tid},
        "year": {"description": "report year, null when unknown",
                 "anyOf": [{"type": "integer", "minimum": 1949, "maximum": 9999}, {"type": "null"}]},
        "agency": {"type": "string"},
        "title": {"type": "string"},
        "sections": {"type": "object", "additionalProperties": False,
                     "properties": {s: {"type": "string"} for s in sections}},
    }
    for table, node in tables.items():
        props[table] = obj(node)
    token = {
        "description": "a non-numeric token kept as written (\"-\", \"/\", \"无\", \"251000元\")",
        "type": "string", "minLength": 1, "not": {"pattern": NUMBER_TEXT},
    }
    count = {
        "description": "a count: an integer within +-(2^53-1), null (blank) or a token",
        "anyOf": [{"type": "integer", "minimum": -MAX_SAFE, "maximum": MAX_SAFE},
                  {"type": "null"}, {"$ref": "#/$defs/token"}],
    }
    signed = dict(count, description="a signed count (2019 本年增/减): an integer within "
                  "+-(2^53-1), null (blank) or a token")
    amount = {
        "description": "an amount: an exact decimal with at most 6 decimal places, as a number "
                       "or a decimal string, null (blank) or a token",
        "anyOf": [{"type": "number"}, {"type": "string", "pattern": DECIMAL_TEXT},
                  {"type": "null"}, {"$ref": "#/$defs/token"}],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:xxgk:schema:report:" + tid,
        "title": "xxgk report document, template " + tid,
        "description": "政府信息公开工作年度报告 as an xxgk JSON document (template %s). A cell is "
                       "a number, null (blank: the source shows it empty) or a token; a missing key "
                       "is a cell not read (absent from the source, or not placed by the reader). "
                       "Generated by tools/gen_schema.py: do not edit." % tid,
        "type": "object",
        "required": ["xxgk", "template"],
        "additionalProperties": False,
        "properties": props,
        "$defs": {"count": count, "signed_count": signed, "amount": amount, "token": token},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lib", required=True, help="path of libxxgk.so")
    ap.add_argument("--xxgk", help="the xxgk command, to check the printed cells against `xxgk paths`")
    ap.add_argument("--out-dir", default=os.path.join(SRC, "schema"))
    ap.add_argument("--check", action="store_true", help="compare with the files instead of writing")
    args = ap.parse_args()
    cc = os.environ.get("CC", "cc")
    stale = 0
    for tid, t in sorted(template_cells(args.lib, cc).items()):
        if args.xxgk:
            check_paths(args.xxgk, tid, t["cells"])
        text = json.dumps(schema_for(tid, t["sections"], t["cells"]), ensure_ascii=False, indent=2) + "\n"
        path = os.path.join(args.out_dir, "xxgk-%s.schema.json" % tid)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except OSError:
                same = False
            if not same:
                print("gen_schema: %s is out of date (run tools/gen_schema.py)" % path, file=sys.stderr)
                stale = 1
        else:
            os.makedirs(args.out_dir, exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print("wrote %s (%d cells)" % (path, len(t["cells"])))
    return stale


if __name__ == "__main__":
    sys.exit(main())
