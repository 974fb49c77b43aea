#!/usr/bin/env python3
"""Checks every kind's sample requests, and the decisions and records the live service makes of
them, against the JSON Schemas shipped in schemas/ (zhengdi-rules/schemas/*.json).

    python3 check_schemas.py SCHEMAS_DIR SAMPLES.json [SERVICE_URL]

The Python standard library has no JSON Schema validator, so this file has a small one. It
implements only the keywords the generated schemas use (draft 2020-12): type, properties,
required, additionalProperties, propertyNames, items, enum, const, anyOf, oneOf, minLength,
maxLength, pattern, minimum, maximum, minItems, maxItems, $ref (local #/$defs/… only) and $defs;
title, description, default, format and $schema are annotations and are not checked (every
date also carries a pattern, which is). A schema with any other keyword is an error here, not
silently passed: when the generator starts using a new keyword, this check says so. Patterns are
matched with Python's re in ASCII mode, which agrees with JavaScript's for the patterns the
schemas use (character classes, \\d, anchors, quantifiers). minLength/maxLength count code points,
as JSON Schema says (zod counts UTF-16 units; the two differ only for characters outside the
BMP).

It also checks that the validator can fail: each sample mutated in three ways (a date that is
not YYYY-MM-DD, a required field removed, an unknown field added) must be refused.
"""
import copy
import json
import os
import re
import sys
import urllib.request

KNOWN = {
    "type", "properties", "required", "additionalProperties", "propertyNames", "items", "enum", "const", "anyOf", "oneOf",
    "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems", "$ref", "$defs",
    "title", "description", "default", "format", "$schema",
}
_patterns = {}


def _type_ok(t, v):
    if t == "object":
        return isinstance(v, dict)
    if t == "array":
        return isinstance(v, list)
    if t == "string":
        return isinstance(v, str)
    if t == "boolean":
        return isinstance(v, bool)
    if t == "null":
        return v is None
    if t == "integer":
        return (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    if t == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    raise ValueError(f"unknown type {t!r}")


def _equal(a, b):
    # JSON equality: true is not 1.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def validate(schema, value, root=None, path="$"):
    """The list of problems (empty when the value is valid)."""
    root = schema if root is None else root
    if schema is True:
        return []
    if schema is False:
        return [f"{path}: no value is allowed here"]
    unknown = set(schema) - KNOWN
    if unknown:
        raise ValueError(f"schema at {path} uses keywords this validator does not implement: {sorted(unknown)}")
    errors = []
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"only local $ref is supported, not {ref}")
        target = root
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        errors += validate(target, value, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(t, value) for t in types):
            return errors + [f"{path}: expected {'/'.join(types)}, got {type(value).__name__}"]
    if "const" in schema and not _equal(schema["const"], value):
        errors.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and not any(_equal(e, value) for e in schema["enum"]):
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, str):
        if "minLength" in schema and len(value) < schema["minLength"]:
            errors.append(f"{path}: shorter than {schema['minLength']}")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            errors.append(f"{path}: longer than {schema['maxLength']}")
        if "pattern" in schema:
            p = _patterns.setdefault(schema["pattern"], re.compile(schema["pattern"], re.ASCII))
            if not p.search(value):
                errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: less than {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: more than {schema['maximum']}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        if "items" in schema:
            for i, item in enumerate(value):
                errors += validate(schema["items"], item, root, f"{path}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                errors.append(f"{path}: missing required {k!r}")
        for k, v in value.items():
            if k in props:
                errors += validate(props[k], v, root, f"{path}.{k}")
            elif "additionalProperties" in schema:
                errors += validate(schema["additionalProperties"], v, root, f"{path}.{k}")
            if "propertyNames" in schema:
                errors += validate(schema["propertyNames"], k, root, f"{path} key {k!r}")
    for key in ("anyOf", "oneOf"):
        if key in schema:
            passing = sum(1 for s in schema[key] if not validate(s, value, root, path))
            if passing == 0 or (key == "oneOf" and passing > 1):
                errors.append(f"{path}: {passing} of the {key} alternatives match")
    return errors


def post(base, path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode("utf-8"), method="POST", headers={"Content-Type": "application/json"})
    token = os.environ.get("ZHENGDI_TOKEN")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as res:
        return json.loads(res.read().decode("utf-8"))


def first_date_path(schema, value, root):
    """A path (list of keys) to a string field whose schema has format: date, in value."""
    if "$ref" in schema:
        target = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        return first_date_path(target, value, root)
    if schema.get("format") == "date" and isinstance(value, str):
        return []
    if isinstance(value, dict):
        for k, v in value.items():
            sub = schema.get("properties", {}).get(k)
            if sub is not None:
                p = first_date_path(sub, v, root)
                if p is not None:
                    return [k] + p
    return None


def set_at(value, path, new):
    for k in path[:-1]:
        value = value[k]
    value[path[-1]] = new


def main():
    schemas_dir, samples_file = sys.argv[1], sys.argv[2]
    base = sys.argv[3].rstrip("/") if len(sys.argv) > 3 else None
    load = lambda name: json.load(open(os.path.join(schemas_dir, name + ".json"), encoding="utf-8"))
    samples = json.load(open(samples_file, encoding="utf-8"))
    counts = {}
    failures = []
    record_schema = load("record")
    for s in samples:
        kind = s["kind"]
        request = {k: s[k] for k in ("kind", "jurisdiction", "asOf", "input", "parameters") if k in s}
        input_schema, request_schema = load(f"{kind}.input"), load(f"{kind}.request")
        checks = [(f"{s['id']} input", input_schema, request["input"]), (f"{s['id']} request", request_schema, request)]
        if base:
            decision = post(base, "/v1/evaluate", request)
            checks.append((f"{s['id']} decision", load(f"{kind}.decision"), decision))
            record = post(base, "/v1/records?id=" + urllib.request.quote(s["id"], safe=""), request)
            checks.append((f"{s['id']} record", record_schema, record))
        for what, schema, value in checks:
            problems = validate(schema, value)
            if problems:
                failures.append(f"{what}: " + "; ".join(problems[:3]))
        # The validator refuses what the schemas forbid.
        date_path = first_date_path(input_schema, request["input"], input_schema)
        bad = []
        if date_path is not None:
            v = copy.deepcopy(request["input"])
            set_at(v, date_path, "2024-6-30")
            bad.append(("a date 2024-6-30 at " + ".".join(date_path), v))
        required = input_schema.get("required", [])
        if required:
            v = copy.deepcopy(request["input"])
            del v[required[0]]
            bad.append((f"without {required[0]}", v))
        if input_schema.get("additionalProperties") is False:
            v = copy.deepcopy(request["input"])
            v["unknownField"] = 1
            bad.append(("with an unknown field", v))
        for what, v in bad:
            if not validate(input_schema, v):
                failures.append(f"{s['id']} input {what} was not refused")
        counts[kind] = counts.get(kind, 0) + 1
    total = sum(counts.values())
    per = ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))
    print(f"JSON Schema check: {total} sample requests ({per}); inputs and requests"
          + (", the service's decisions and records" if base else "") + " checked, and each sample's mutations refused")
    if failures:
        print("\n".join("  FAIL " + f for f in failures))
        sys.exit(1)
    print("  all valid")


if __name__ == "__main__":
    main()
