#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every clause id sqma prints is in sqma-clauses(7).

    clauses_cited.py PAGE ROOT

The clause ids are searched in what the verbs print (every golden output under tests/cli,
the expectations of tests/corpus), in the sources that print them (lib/, cmd/) and in the
data, samples, schemas and man pages; each must be an entry (.It Sy ID) of the generated
page PAGE. Fails naming each missing id and one file that cites it.
"""
import os
import re
import sys

CLAUSE = re.compile(r"(?<![A-Za-z0-9])(?:M|A[123])-[0-9]+(?:\([0-9]+\))*")
SEARCHED = ["tests/cli", "tests/corpus", "lib", "cmd", "data", "samples", "schemas", "man",
            "README.md"]


def files(root, entry):
    path = os.path.join(root, entry)
    if os.path.isfile(path):
        yield path
        return
    for folder, _, names in os.walk(path):
        for name in sorted(names):
            yield os.path.join(folder, name)


def main():
    page, root = sys.argv[1], sys.argv[2]
    with open(page, encoding="utf-8") as f:
        entries = set(re.findall(r"^\.It Sy (\S+)$", f.read(), re.M))
    if len(entries) < 20:
        sys.exit(f"{page}: only {len(entries)} clause entries")
    cited = {}
    scanned = 0
    for entry in SEARCHED:
        for path in files(root, entry):
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except (UnicodeDecodeError, OSError):
                continue  # zips, xlsx and other binary outputs
            scanned += 1
            for cid in CLAUSE.findall(text):
                cited.setdefault(cid, os.path.relpath(path, root))
    goldens = [c for c, p in cited.items() if p.startswith("tests/cli/")]
    if scanned < 100 or len(goldens) < 20:
        sys.exit(f"only {scanned} files and {len(goldens)} clause ids in goldens: wrong ROOT?")
    missing = sorted(c for c in cited if c not in entries)
    for cid in missing:
        print(f"{cid} (cited in {cited[cid]}) is not in {page}")
    if missing:
        sys.exit(1)
    print(f"{len(cited)} clause ids cited in {scanned} files, all in sqma-clauses(7)")


if __name__ == "__main__":
    main()
