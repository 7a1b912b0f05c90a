#!/usr/bin/python3
"""Checks Hookscope's webhook JSON Schemas against their test data.

    /usr/bin/python3 tests/data/schemas/check_schemas.py [-v]

Uses Debian's python3-jsonschema (4.10, Draft7Validator + FormatChecker; `apt-get install -y
python3-jsonschema`). Layout (paths relative to the repository root):

    resources/schemas/<kind>.schema.json          one draft-07 schema per webhook kind
    resources/samples/<kind>[.<variant>].json      must validate against <kind>
    tests/data/schemas/<kind>/valid/*.json         must validate with no error
    tests/data/schemas/<kind>/mutations.json       [{name, base, op, path, value?, expectPointer, expectKeyword}]

Each mutation applies one RFC 6902 operation ("add" | "replace" | "remove", `path` an RFC 6901 pointer)
to a copy of valid/<base>. The result must have at least one error whose instance pointer (built from
error.absolute_path; for `required` / `additionalProperties` that is the object lacking or holding the
member) equals expectPointer and whose keyword (error.validator) equals expectKeyword. Errors nested in
anyOf/oneOf contexts count too.

`format: date-time` is checked as RFC 3339 section 5.6 by a checker in this file, because Debian ships
no rfc3339-validator module (jsonschema's own date-time check needs it and silently passes without).

The schemas are also linted for the rules Hookscope keeps: draft-07 `$schema`, `$id`
https://hookscope.dev/schemas/<kind>.schema.json, a `title` and a top-level `$comment`; only local
"#/definitions/..." references, nothing beside a `$ref`, no `pattern`, no draft 2019-09+ keywords.

Exits 0 when everything passes, 1 otherwise.
"""
import copy
import json
import re
import sys
from datetime import date
from importlib.metadata import version
from pathlib import Path

import jsonschema
from jsonschema import Draft7Validator, FormatChecker

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SCHEMAS = ROOT / "resources" / "schemas"
SAMPLES = ROOT / "resources" / "samples"
ID_PREFIX = "https://hookscope.dev/schemas/"
MIN_MUTATIONS = 12
VERBOSE = "-v" in sys.argv[1:]

# ----------------------------------------------------------------------------- date-time (RFC 3339 5.6)
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$", re.ASCII)


def is_rfc3339_date_time(instance):
    if not isinstance(instance, str):
        return True
    m = _DATE_TIME.match(instance)
    if not m:
        return False
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return False
    try:
        date(year, month, day)  # day exists in that month (leap years included)
    except ValueError:
        return False
    if hour > 23 or minute > 59 or second > 60:  # 60: leap second, allowed by the RFC's grammar
        return False
    if m.group(9) is not None and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return False
    return True


FORMAT_CHECKER = FormatChecker()
FORMAT_CHECKER.checks("date-time")(is_rfc3339_date_time)

# ----------------------------------------------------------------------------- JSON Pointer / Patch
def pointer_tokens(pointer):
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not an RFC 6901 pointer: {pointer!r}")
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer[1:].split("/")]


def to_pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _array_index(token, length, allow_end):
    if token == "-" and allow_end:
        return length
    if not re.fullmatch(r"0|[1-9]\d*", token):
        raise ValueError(f"bad array index {token!r}")
    i = int(token)
    if i > length or (i == length and not allow_end):
        raise ValueError(f"array index {i} out of range")
    return i


def apply_op(doc, op, path, value=None):
    """One RFC 6902 add/replace/remove on a deep copy of doc; returns the new document."""
    doc = copy.deepcopy(doc)
    tokens = pointer_tokens(path)
    if not tokens:
        if op in ("add", "replace"):
            return copy.deepcopy(value)
        raise ValueError("cannot remove the whole document")
    parent = doc
    for t in tokens[:-1]:
        if isinstance(parent, list):
            parent = parent[_array_index(t, len(parent), False)]
        elif isinstance(parent, dict):
            parent = parent[t]
        else:
            raise ValueError(f"path {path!r} goes through a scalar")
    last = tokens[-1]
    if isinstance(parent, dict):
        if op == "add":
            parent[last] = copy.deepcopy(value)
        elif last not in parent:
            raise ValueError(f"{op}: {path!r} does not exist")
        elif op == "replace":
            parent[last] = copy.deepcopy(value)
        else:
            del parent[last]
    elif isinstance(parent, list):
        i = _array_index(last, len(parent), op == "add")
        if op == "add":
            parent.insert(i, copy.deepcopy(value))
        elif op == "replace":
            parent[i] = copy.deepcopy(value)
        else:
            del parent[i]
    else:
        raise ValueError(f"path {path!r} goes through a scalar")
    return doc


# ----------------------------------------------------------------------------- schema lint
SCHEMA_MAP_KEYWORDS = ("properties", "patternProperties", "definitions")
SCHEMA_KEYWORDS = ("additionalProperties", "additionalItems", "contains", "propertyNames", "not",
                   "if", "then", "else")
SCHEMA_LIST_KEYWORDS = ("allOf", "anyOf", "oneOf")
FORBIDDEN_KEYWORDS = ("pattern", "$defs", "$anchor", "$recursiveRef", "$recursiveAnchor", "$dynamicRef",
                      "$dynamicAnchor", "$vocabulary", "unevaluatedProperties", "unevaluatedItems",
                      "dependentRequired", "dependentSchemas", "prefixItems", "minContains", "maxContains")


def resolve_local(root, ref):
    node = root
    for t in pointer_tokens(ref[1:]):
        node = node[t]
    return node


def lint_schema(root, kind):
    problems = []
    if root.get("$schema") != "http://json-schema.org/draft-07/schema#":
        problems.append("$schema is not draft-07")
    if root.get("$id") != f"{ID_PREFIX}{kind}.schema.json":
        problems.append(f"$id is {root.get('$id')!r}, expected {ID_PREFIX}{kind}.schema.json")
    for key in ("title", "$comment"):
        if not isinstance(root.get(key), str) or not root[key]:
            problems.append(f"top-level {key} missing")

    def walk(node, where):
        if isinstance(node, bool):
            return
        if not isinstance(node, dict):
            problems.append(f"{where or '/'}: subschema is not an object")
            return
        for kw in FORBIDDEN_KEYWORDS:
            if kw in node:
                problems.append(f"{where or '/'}: uses {kw!r}")
        if "$ref" in node:
            ref = node["$ref"]
            if len(node) != 1:
                problems.append(f"{where or '/'}: keywords beside $ref: {sorted(set(node) - {'$ref'})}")
            if not isinstance(ref, str) or not ref.startswith("#/definitions/"):
                problems.append(f"{where or '/'}: non-local $ref {ref!r}")
            else:
                try:
                    resolve_local(root, ref)
                except (KeyError, IndexError, ValueError):
                    problems.append(f"{where or '/'}: unresolvable $ref {ref!r}")
        for kw in SCHEMA_MAP_KEYWORDS:
            for name, sub in node.get(kw, {}).items():
                walk(sub, f"{where}/{kw}/{name}")
        for kw in SCHEMA_KEYWORDS:
            if kw in node:
                walk(node[kw], f"{where}/{kw}")
        for kw in SCHEMA_LIST_KEYWORDS:
            for i, sub in enumerate(node.get(kw, [])):
                walk(sub, f"{where}/{kw}/{i}")
        items = node.get("items")
        if isinstance(items, list):
            for i, sub in enumerate(items):
                walk(sub, f"{where}/items/{i}")
        elif items is not None:
            walk(items, f"{where}/items")
        for name, dep in node.get("dependencies", {}).items():
            if not isinstance(dep, list):
                walk(dep, f"{where}/dependencies/{name}")

    walk(root, "")
    return problems


# ----------------------------------------------------------------------------- validation helpers
def all_errors(validator, doc):
    out, stack = [], list(validator.iter_errors(doc))
    while stack:
        e = stack.pop()
        out.append(e)
        stack.extend(e.context or [])
    return out


def describe(e):
    return f"{to_pointer(e.absolute_path) or '(root)'} [{e.validator}] {e.message[:160]}"


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


# ----------------------------------------------------------------------------- main
def main():
    failures = []
    fail = failures.append
    print(f"jsonschema {version('jsonschema')} (Draft7Validator), date-time checked as RFC 3339 5.6")
    print(f"schemas: {SCHEMAS.relative_to(ROOT)}   tests: {HERE.relative_to(ROOT)}")

    schema_files = sorted(SCHEMAS.glob("*.schema.json"))
    if not schema_files:
        fail(f"no schemas in {SCHEMAS}")
    validators = {}
    for sf in schema_files:
        kind = sf.name[: -len(".schema.json")]
        try:
            schema = load_json(sf)
            Draft7Validator.check_schema(schema)
        except (ValueError, jsonschema.exceptions.SchemaError) as e:
            fail(f"{sf.name}: not a valid draft-07 schema: {e}")
            continue
        for p in lint_schema(schema, kind):
            fail(f"{sf.name}: {p}")
        validators[kind] = Draft7Validator(schema, format_checker=FORMAT_CHECKER)

    # test directories and schemas must match one to one
    test_kinds = sorted(p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    for kind in sorted(set(validators) - set(test_kinds)):
        fail(f"{kind}: schema has no test directory {HERE.name}/{kind}/")
    for kind in sorted(set(test_kinds) - set(validators)):
        fail(f"{kind}: test directory without schema resources/schemas/{kind}.schema.json")

    # samples
    sample_count = 0
    for sample in sorted(SAMPLES.glob("*.json")):
        stem = sample.name[: -len(".json")]
        kinds = [k for k in validators if stem == k or stem.startswith(k + ".")]
        if not kinds:
            fail(f"samples/{sample.name}: no schema for it")
            continue
        kind = max(kinds, key=len)
        errs = all_errors(validators[kind], load_json(sample))
        sample_count += 1
        if errs:
            fail(f"samples/{sample.name} ({kind}): {len(errs)} error(s): " + "; ".join(map(describe, errs[:5])))
    print(f"samples: {sample_count} checked")

    for kind in test_kinds:
        if kind not in validators:
            continue
        v = validators[kind]
        kdir = HERE / kind
        valid_docs = {}
        for f in sorted((kdir / "valid").glob("*.json")):
            rel = f"valid/{f.name}"
            try:
                doc = load_json(f)
            except ValueError as e:
                fail(f"{kind}/{rel}: not JSON: {e}")
                continue
            valid_docs[rel] = doc
            errs = all_errors(v, doc)
            if errs:
                fail(f"{kind}/{rel}: expected valid, got {len(errs)} error(s): "
                     + "; ".join(map(describe, errs[:5])))
        if not valid_docs:
            fail(f"{kind}: no valid/*.json")

        mpath = kdir / "mutations.json"
        mutations = load_json(mpath) if mpath.exists() else []
        if not isinstance(mutations, list):
            fail(f"{kind}/mutations.json: not an array")
            mutations = []
        if len(mutations) < MIN_MUTATIONS:
            fail(f"{kind}/mutations.json: {len(mutations)} mutations, need at least {MIN_MUTATIONS}")
        names, ok_count, keywords = set(), 0, {}
        for i, m in enumerate(mutations):
            label = f"{kind}/mutations.json[{i}] {m.get('name', '?')!r}"
            missing = [k for k in ("name", "base", "op", "path", "expectPointer", "expectKeyword") if k not in m]
            if m.get("op") in ("add", "replace") and "value" not in m:
                missing.append("value")
            if missing:
                fail(f"{label}: missing {missing}")
                continue
            if m["name"] in names:
                fail(f"{label}: duplicate name")
            names.add(m["name"])
            if m["op"] not in ("add", "replace", "remove"):
                fail(f"{label}: unknown op {m['op']!r}")
                continue
            if m["base"] not in valid_docs:
                fail(f"{label}: base {m['base']!r} is not one of valid/*.json")
                continue
            base = valid_docs[m["base"]]
            try:
                pointer_tokens(m["expectPointer"])
                mutated = apply_op(base, m["op"], m["path"], m.get("value"))
            except (KeyError, IndexError, ValueError) as e:
                fail(f"{label}: cannot apply {m['op']} {m['path']!r}: {e}")
                continue
            if mutated == base:
                fail(f"{label}: the operation does not change the document")
                continue
            errs = all_errors(v, mutated)
            hit = [e for e in errs
                   if to_pointer(e.absolute_path) == m["expectPointer"] and e.validator == m["expectKeyword"]]
            if VERBOSE:
                print(f"  {kind}: {m['name']}")
                for e in errs:
                    print(f"      {'*' if e in hit else ' '} {describe(e)}")
            if not errs:
                fail(f"{label}: mutated document is still valid")
            elif not hit:
                fail(f"{label}: no error at {m['expectPointer'] or '(root)'} [{m['expectKeyword']}]; got: "
                     + "; ".join(map(describe, errs[:5])))
            else:
                ok_count += 1
                keywords[m["expectKeyword"]] = keywords.get(m["expectKeyword"], 0) + 1
        kw = ", ".join(f"{k} {n}" for k, n in sorted(keywords.items()))
        print(f"{kind}: {len(valid_docs)} valid documents, {ok_count}/{len(mutations)} mutations caught ({kw})")

    if failures:
        print(f"\nFAILED ({len(failures)}):")
        for f in failures:
            print("  - " + f)
        return 1
    print("\nOK: all schemas, samples, valid documents and mutations check out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
