#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Exact reference for bench/assign.sh: the whole round, lead rule included, as a 0/1 programme
solved by COIN-OR CBC (Debian package coinor-cbc).

    mip_assign.py DIR [TIME_LIMIT_SECONDS]

Builds the model from the same pairs as nx_assign.py: x[d,r] in {0,1}; every panel its size;
at most one reviewer per employer and panel; every reviewer within max_load; at least one
lead-qualified reviewer per panel. Maximises the total affinity. Prints the wall time in
seconds, the objective and CBC's status (optimal, or the gap when the limit stopped it).
"""
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from nx_assign import round_pairs


def main() -> None:
    t0 = time.monotonic()
    limit = sys.argv[2] if len(sys.argv) > 2 else "600"
    size, reviewers, dossiers, pairs = round_pairs(Path(sys.argv[1]))
    index = {x: i for i, x in enumerate(dossiers)}
    rindex = {r: i for i, r in enumerate(reviewers)}
    var = {}
    by_dossier = defaultdict(list)
    by_group = defaultdict(list)
    by_reviewer = defaultdict(list)
    leads = defaultdict(list)
    objective = []
    for x, rid, a in pairs:
        name = f"x{index[x]}_{rindex[rid]}"
        var[(x, rid)] = name
        by_dossier[x].append(name)
        by_group[(x, reviewers[rid]["employer"]["credit_code"])].append(name)
        by_reviewer[rid].append(name)
        if reviewers[rid].get("lead"):
            leads[x].append(name)
        objective.append(f"{a} {name}")
    lines = ["Maximize", " obj: " + " + ".join(objective), "Subject To"]
    for x in dossiers:
        lines.append(f" size{index[x]}: " + " + ".join(by_dossier[x]) + f" = {size}")
        lines.append(f" lead{index[x]}: " + (" + ".join(leads[x]) or "0 " + by_dossier[x][0]) + " >= 1")
    for k, (group, names) in enumerate(by_group.items()):
        if len(names) > 1:
            lines.append(f" emp{k}: " + " + ".join(names) + " <= 1")
    for rid, names in by_reviewer.items():
        lines.append(f" load{rindex[rid]}: " + " + ".join(names) + f" <= {reviewers[rid]['max_load']}")
    lines += ["Binary"] + [f" {v}" for v in var.values()] + ["End"]
    with tempfile.TemporaryDirectory() as tmp:
        lp = Path(tmp) / "round.lp"
        lp.write_text("\n".join(lines) + "\n")
        out = subprocess.run(["cbc", str(lp), "sec", limit, "solve", "solu", str(Path(tmp) / "sol")],
                             capture_output=True, text=True, check=False)
        first = (Path(tmp) / "sol").read_text().splitlines()[0] if (Path(tmp) / "sol").exists() else "no solution"
    status = "optimal" if first.startswith("Optimal") else first.split(" - ")[0].strip().lower()
    value = float(first.rsplit(" ", 1)[-1]) if "objective value" in first else float("nan")
    # CBC minimises the negated objective in LP files read as maximise: report it positive
    print(f"{time.monotonic() - t0:.2f} {abs(value) / 100:.2f} {status.replace(' ', '-')}")
    if out.returncode != 0:
        sys.stderr.write(out.stdout[-2000:])


if __name__ == "__main__":
    main()
