#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every property of a file format's schema is described in its man page.

    man_schemas.py ROOT

For each pair of PAGES, every property of the schema (recursively: nested objects, array
items, definitions, anyOf alternatives, maps) must be an item (.It Cm NAME) of a section
(.Ss) of the page whose heading names the table that holds it: "Top level", [dates],
[[rule]], [rule.message], applicant.organisation. An upper-case part of a heading stands for
any key ([panels.ROUND] covers [panels.written] and [panels.onsite]), and a heading may name
several tables separated by commas. Each item must also give a type (.It Cm NAME Pq TYPE)
and the page must hold at least one example (.Bd -literal).
"""
import json
import os
import re
import sys

PAGES = {"cycle": "sqma-cycle.5", "decisions": "sqma-decisions.5",
         "dossier": "sqma-dossier.5", "reviewers": "sqma-reviewers.5",
         "rulebook": "sqma-rules.5", "scoresheet": "sqma-sheet.5"}


def tables(schema):
    """(path, property names) of every object in the schema; a path is a tuple of keys,
    "*" for any key of a map."""
    out = {}

    def resolve(s):
        seen = set()
        while isinstance(s, dict) and "$ref" in s and s["$ref"] not in seen:
            seen.add(s["$ref"])
            s = schema["definitions"][s["$ref"].split("/")[-1]]
        return s if isinstance(s, dict) else {}

    def walk(s, path, depth):
        if depth > 12:
            return
        s = resolve(s)
        for key in ("anyOf", "oneOf", "allOf"):
            for alt in s.get(key, []):
                walk(alt, path, depth + 1)
        for key in ("if", "then", "else"):
            if key in s:
                walk(s[key], path, depth + 1)
        props = s.get("properties", {})
        if props:
            out.setdefault(path, set()).update(props)
        for name, sub in props.items():
            walk(sub, path + (name,), depth + 1)
        if isinstance(s.get("items"), dict):
            walk(s["items"], path, depth + 1)
        if isinstance(s.get("additionalProperties"), dict):
            walk(s["additionalProperties"], path + ("*",), depth + 1)
        for sub in s.get("patternProperties", {}).values():
            walk(sub, path + ("*",), depth + 1)

    walk(schema, (), 0)
    return out


def heading_paths(heading):
    if heading.strip().lower() == "top level":
        return [()]
    paths = []
    for part in heading.split(","):
        part = re.sub(r'[\[\]"\s]|\\&', "", part)
        part = re.sub(r"\\[ef]\w?", "", part)
        if part:
            paths.append(tuple(part.split(".")))
    return paths


def matches(pattern, path):
    return len(pattern) == len(path) and all(
        p == q or (p.isupper() and p.isalpha()) or q == "*" and p.isupper()
        for p, q in zip(pattern, path))


def sections(page_text):
    out = []  # (paths, {name: has_type})
    current = None
    for line in page_text.splitlines():
        if line.startswith(".Ss "):
            current = (heading_paths(line[4:]), {})
            out.append(current)
        elif line.startswith(".Sh "):
            current = None
        elif line.startswith(".It ") and current is not None:
            names = re.findall(r"\bCm (\S+)", line)
            for name in names:
                current[1][name] = " Pq " in line
    return out


def main():
    root = sys.argv[1]
    failed = False
    for schema_name, page_name in PAGES.items():
        with open(os.path.join(root, "schemas", f"{schema_name}.v1.json"), encoding="utf-8") as f:
            schema = json.load(f)
        page_path = os.path.join(root, "man", page_name)
        if not os.path.exists(page_path):
            print(f"{page_name}: missing: the page of {schema_name}.v1.json")
            failed = True
            continue
        with open(page_path, encoding="utf-8") as f:
            text = f.read()
        secs = sections(text)
        if ".Bd -literal" not in text:
            print(f"{page_name}: no example (.Bd -literal)")
            failed = True
        count = 0
        for path, names in sorted(tables(schema).items()):
            described = {}
            for paths, items in secs:
                if any(matches(p, path) for p in paths):
                    described.update(items)
            where = ".".join(path) or "top level"
            for name in sorted(names):
                count += 1
                if name not in described:
                    print(f"{page_name}: {where}: property {name} of {schema_name}.v1.json is not "
                          f"described (.It Cm {name} in a section headed [{where}])")
                    failed = True
                elif not described[name]:
                    print(f"{page_name}: {where}: {name} gives no type (.It Cm {name} Pq TYPE)")
                    failed = True
        print(f"{page_name}: {count} properties of {schema_name}.v1.json")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
