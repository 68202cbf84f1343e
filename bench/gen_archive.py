#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a cycle folder of about SIZE bytes for benchmarking `sqma archive`.

Usage: gen_archive.py OUT SIZE

OUT/cycle.toml and OUT/reviewers.toml are the sample cycle's; OUT/evidence/<id>/ holds the
evidence of each dossier: incompressible .pdf files of 256 KiB to 8 MiB (like scanned
documents, stored in a zip) and one small Markdown file (deflated); OUT/dossiers.jsonl
holds one short record per dossier. The same arguments give the same bytes.
"""
import json
import random
import shutil
import sys
from pathlib import Path


def main() -> None:
    out, size = Path(sys.argv[1]), int(sys.argv[2])
    samples = Path(__file__).resolve().parent.parent / "samples"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(samples / "cycle.toml", out / "cycle.toml")
    shutil.copy(samples / "reviewers.toml", out / "reviewers.toml")
    rng = random.Random(20261202)
    written = 0
    dossier = 0
    with open(out / "dossiers.jsonl", "w", encoding="utf-8") as jsonl:
        while written < size:
            ident = f"SQMA-2025-B{dossier:04d}"
            folder = out / "evidence" / ident
            folder.mkdir(parents=True, exist_ok=True)
            for n in range(rng.randint(2, 6)):
                length = rng.randint(256 << 10, 8 << 20)
                (folder / f"{n + 1:02d}-证实性材料.pdf").write_bytes(rng.randbytes(length))
                written += length
            note = ("材料说明 evidence notes\n" * rng.randint(20, 200)).encode()
            (folder / "说明.md").write_bytes(note)
            written += len(note)
            jsonl.write(json.dumps({"id": ident, "stage": "submitted"}, ensure_ascii=False) + "\n")
            dossier += 1
    print(f"gen_archive: {dossier} dossiers, {written} bytes in {out}")


if __name__ == "__main__":
    main()
