#!/usr/bin/env python3
"""Recompute the sha256 of every listed material from samples/evidence/.

For each dossier in samples/dossiers/ and samples/dossiers-checkchar/, every material whose
file exists under samples/evidence/<id>/<path> gets the SHA-256 of that file's bytes. Two
kinds of material are left alone on purpose, because the sample needs them:

- a listed file that is absent from the evidence folder (SQMA-2025-O27 lacks one file; the
  whole folder of SQMA-2025-O29 is absent): its registered digest is kept;
- the deliberate mismatch below: the registered digest is kept, and the script complains if
  it ever equals the file's digest (then the sample no longer shows a mismatch).

Dossiers are rewritten only when a digest changed, pretty-printed as generate.py writes them.

Usage: update_digests.py [--check] [--samples DIR]
  --check   change nothing; exit 1 if any digest would change
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

DELIBERATE_MISMATCH = {
    ("SQMA-2025-C05", "03-推荐意见.md"): "the applicant registered an earlier draft of the letter",
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--samples", default=str(Path(__file__).resolve().parent.parent))
    args = ap.parse_args()
    root = Path(args.samples)
    changed_files = changed = kept = 0
    problems = []
    for folder in ("dossiers", "dossiers-checkchar"):
        for path in sorted((root / folder).glob("*.json")):
            text = path.read_text(encoding="utf-8")
            dossier = json.loads(text)
            evidence = root / "evidence" / dossier["id"]
            dirty = False
            for material in dossier.get("materials", []):
                file = evidence / material["path"]
                if not file.is_file():
                    kept += 1
                    continue
                digest = hashlib.sha256(file.read_bytes()).hexdigest()
                if (dossier["id"], material["path"]) in DELIBERATE_MISMATCH:
                    if digest == material["sha256"]:
                        problems.append(f"{path}: {material['path']} should differ from its file on purpose")
                    kept += 1
                    continue
                if digest != material["sha256"]:
                    material["sha256"] = digest
                    dirty = True
                    changed += 1
                    print(f"{path.relative_to(root)}: {material['path']}: new digest", file=sys.stderr)
            if dirty:
                changed_files += 1
                if not args.check:
                    path.write_bytes((json.dumps(dossier, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    for problem in problems:
        print(f"update_digests: {problem}", file=sys.stderr)
    verb = "would change" if args.check else "changed"
    print(f"update_digests: {changed} digests in {changed_files} dossiers {verb}; {kept} kept on purpose")
    if problems or (args.check and changed):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
