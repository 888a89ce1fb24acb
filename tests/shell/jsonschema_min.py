#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A minimal JSON Schema (draft 2020-12) validator for the keywords the xxgk schemas use —
no PyPI. Any other keyword is an error, so the validator is never silently permissive.

    jsonschema_min.py SCHEMA FILE...     exit 0 if every FILE validates, 1 otherwise
"""
import json
import re
import sys

ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description"}
KEYWORDS = {"$ref", "type", "const", "anyOf", "not", "properties", "additionalProperties",
            "required", "minimum", "maximum", "minLength", "pattern"} | ANNOTATIONS


def _is_type(v, t):
    if t == "null":
        return v is None
    if t == "boolean":
        return isinstance(v, bool)
    if t == "integer":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == "string":
        return isinstance(v, str)
    if t == "object":
        return isinstance(v, dict)
    if t == "array":
        return isinstance(v, list)
    raise ValueError("unknown type %r" % t)


def _json_equal(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _resolve(root, ref):
    if not ref.startswith("#/"):
        raise ValueError("only local references are supported: %r" % ref)
    node = root
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def errors(instance, schema, root=None, path="$"):
    """The list of (json path, message) where instance breaks schema."""
    root = schema if root is None else root
    if schema is True:
        return []
    if schema is False:
        return [(path, "no value is allowed here")]
    unknown = set(schema) - KEYWORDS
    if unknown:
        raise ValueError("unsupported keyword(s) %s at %s" % (sorted(unknown), path))
    errs = []
    if "$ref" in schema:
        errs += errors(instance, _resolve(root, schema["$ref"]), root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(instance, t) for t in types):
            return errs + [(path, "expected %s, found %s" % (" or ".join(types), json.dumps(instance, ensure_ascii=False)[:40]))]
    if "const" in schema and not _json_equal(instance, schema["const"]):
        errs.append((path, "expected %s" % json.dumps(schema["const"], ensure_ascii=False)))
    if "anyOf" in schema and not any(not errors(instance, s, root, path) for s in schema["anyOf"]):
        errs.append((path, "matches none of the allowed forms: %s" % json.dumps(instance, ensure_ascii=False)[:40]))
    if "not" in schema and not errors(instance, schema["not"], root, path):
        errs.append((path, "matches a form that is not allowed"))
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        if "minimum" in schema and instance < schema["minimum"]:
            errs.append((path, "%s is below %s" % (instance, schema["minimum"])))
        if "maximum" in schema and instance > schema["maximum"]:
            errs.append((path, "%s is above %s" % (instance, schema["maximum"])))
    if isinstance(instance, str):
        if "minLength" in schema and len(instance) < schema["minLength"]:
            errs.append((path, "shorter than %d characters" % schema["minLength"]))
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            errs.append((path, "does not match %s" % schema["pattern"]))
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in instance:
                errs.append((path, "missing required key %r" % key))
        for key, value in instance.items():
            sub = path + "." + key
            if key in props:
                errs += errors(value, props[key], root, sub)
            elif "additionalProperties" in schema:
                if schema["additionalProperties"] is False:
                    errs.append((sub, "unknown key %r" % key))
                else:
                    errs += errors(value, schema["additionalProperties"], root, sub)
    return errs


def leaves(schema, metadata=("xxgk", "template", "year", "agency", "title", "sections")):
    """{cell path: def name} for every property whose schema is a $ref to a cell kind."""
    out = {}

    def walk(node, prefix):
        for key, sub in node.get("properties", {}).items():
            path = prefix + key
            if "$ref" in sub:
                out[path] = sub["$ref"].rsplit("/", 1)[1]
            elif sub.get("type") == "object":
                walk(sub, path + ".")
            else:
                raise ValueError("%s: neither a cell nor an object" % path)

    for key, sub in schema["properties"].items():
        if key not in metadata:
            walk({"properties": {key: sub}}, "")
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    bad = 0
    for name in argv[2:]:
        with open(name, encoding="utf-8-sig") as f:
            doc = json.load(f)
        for p, msg in errors(doc, schema):
            print("%s: %s: %s" % (name, p, msg))
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
