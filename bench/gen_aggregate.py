#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Write a written round of N dossiers with their panels and filled score sheets for
bench/aggregate.sh: OUT/assigned.jsonl and OUT/sheets/*.toml, five sheets per dossier from a
pool of 300 reviewers, alternately organisation dossiers (23 GB/T 19580 items) and project
dossiers (4 items). The dossiers are clones of the sample cycle's, so they are valid.

Usage: gen_aggregate.py OUT N
"""
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main():
    out, n = Path(sys.argv[1]), int(sys.argv[2])
    (out / "sheets").mkdir(parents=True, exist_ok=True)
    seeds = {}
    for line in (ROOT / "tests/cli/score/data/written-assigned.jsonl").read_text().splitlines():
        d = json.loads(line)
        if d["id"] in ("SQMA-2025-O01", "SQMA-2025-P01"):
            seeds[d["class"]] = d
    blank = {}
    for cls, d in seeds.items():
        reviewer = d["rounds"]["written"]["panel"][0]["reviewer"]
        blank[cls] = (ROOT / "samples/sheets/written" / f"{d['id']}_{reviewer}.toml").read_text()
    rng = random.Random(n)
    pool = [f"B-R{i:03d}" for i in range(300)]
    leniency = {r: rng.uniform(-8, 8) for r in pool}
    with open(out / "assigned.jsonl", "w") as f:
        for i in range(n):
            cls = "organisation" if i % 2 == 0 else "project"
            d = json.loads(json.dumps(seeds[cls]))
            old = d["id"]
            d["id"] = f"B-{i:05d}"
            panel = rng.sample(pool, 5)
            d["rounds"]["written"]["panel"] = [
                {"reviewer": r, "role": "lead" if k == 0 else "member"} for k, r in enumerate(panel)]
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
            quality = rng.uniform(40, 80)
            for r in panel:
                lines = []
                for line in blank[cls].splitlines():
                    if line.startswith("dossier = "):
                        line = f'dossier = "{d["id"]}"'
                    elif line.startswith("reviewer = "):
                        line = f'reviewer = "{r}"'
                    elif line.startswith("percent = "):
                        v = quality + leniency[r] + rng.gauss(0, 4)
                        line = f"percent = {min(100, max(0, round(v / 5) * 5))}"
                    elif line.startswith("points = "):
                        line = "points = 10"
                    lines.append(line.replace(old, d["id"]))
                (out / "sheets" / f"{d['id']}_{r}.toml").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
