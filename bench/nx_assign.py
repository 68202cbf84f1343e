#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Baseline for bench/assign.sh: the same round as a min-cost flow in networkx.

    nx_assign.py DIR

Reads DIR/cycle.toml, DIR/reviewers.toml and DIR/dossiers.jsonl as gen_assign.py writes
them, applies the same qualification (pledge signed), conflicts (employment, relations in
the window) and affinity, and solves the relaxation sqma solves first (panel sizes, loads,
one reviewer per employer; no lead rule, no load spreading) with networkx.min_cost_flow over
every candidate pair. Prints the wall time in seconds and the objective.
"""
import json
import sys
import time
import tomllib
from pathlib import Path

import networkx as nx


def main() -> None:
    d = Path(sys.argv[1])
    t0 = time.monotonic()
    cycle = tomllib.loads((d / "cycle.toml").read_text(encoding="utf-8"))
    reviewers = tomllib.loads((d / "reviewers.toml").read_text(encoding="utf-8"))["reviewer"]
    dossiers = [json.loads(line) for line in open(d / "dossiers.jsonl", encoding="utf-8")]
    size = cycle["panels"]["written"]["project"]
    w = cycle["affinity"]
    ref = cycle["dates"]["reference_date"]
    window = cycle["conflicts"]["relation_window_years"]
    since = ref.replace(year=ref.year - window)

    def affinity(r, ind):
        best = 0.0
        for a in r.get("industries", []):
            for b in ind:
                if a[0] == b[0]:
                    best = max(best, w["industry_division"] if a[:3] == b[:3] else w["industry_section"])
        return round(100 * (best + (w["lead_bonus"] if r.get("lead") else 0)))

    g = nx.DiGraph()
    total = 0
    for r in reviewers:
        if r["pledge"]["signed"]:
            g.add_edge(("r", r["id"]), "t", capacity=r["max_load"], weight=0)
    for x in dossiers:
        units = {x["applicant"]["organisation"]["credit_code"]} | {u["credit_code"] for u in x["applicant"].get("partners", [])}
        g.add_edge("s", ("d", x["id"]), capacity=size, weight=0)
        total += size
        for r in reviewers:
            if not r["pledge"]["signed"] or r["employer"]["credit_code"] in units:
                continue
            if any(rel["organisation"]["credit_code"] in units and rel.get("until", ref) >= since
                   for rel in r.get("relations", [])):
                continue
            e = ("e", x["id"], r["employer"]["credit_code"])
            g.add_edge(("d", x["id"]), e, capacity=1, weight=0)
            g.add_edge(e, ("r", r["id"]), capacity=1, weight=-affinity(r, x["applicant"]["industries"]))
    g.nodes["s"]["demand"] = -total
    g.nodes["t"]["demand"] = total
    flow = nx.min_cost_flow(g)
    cost = nx.cost_of_flow(g, flow)
    print(f"{time.monotonic() - t0:.2f} {-cost / 100:.2f}")


if __name__ == "__main__":
    main()
