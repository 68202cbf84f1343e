#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Baseline for bench/assign.sh: the same round as a min-cost flow in networkx.

    nx_assign.py DIR

Reads DIR/cycle.toml, DIR/reviewers.toml and DIR/dossiers.jsonl as gen_assign.py writes
them, applies the same qualification (pledge signed), conflicts (employment, relations in
the window) and affinity (industry, lead bonus, bids), and solves the relaxation sqma solves
first (panel sizes, loads, one reviewer per employer; no lead rule, no load spreading) with
networkx.min_cost_flow over every candidate pair. Prints the wall time in seconds and the
objective. round_pairs() is shared with mip_assign.py.
"""
import json
import sys
import time
import tomllib
from pathlib import Path


def round_pairs(d):
    """(panel size, reviewers by id, dossier ids, pairs (dossier, reviewer, affinity in hundredths))."""
    cycle = tomllib.loads((d / "cycle.toml").read_text(encoding="utf-8"))
    reviewers = tomllib.loads((d / "reviewers.toml").read_text(encoding="utf-8"))["reviewer"]
    dossiers = [json.loads(line) for line in open(d / "dossiers.jsonl", encoding="utf-8")]
    size = cycle["panels"]["written"]["project"]
    w = cycle["affinity"]
    ref = cycle["dates"]["reference_date"]
    window = cycle["conflicts"]["relation_window_years"]
    since = ref.replace(year=ref.year - window)
    weight = {"willing": w.get("willing", 0.0), "unwilling": w.get("unwilling", 0.0)}

    def affinity(r, x):
        best = 0.0
        for a in r.get("industries", []):
            for b in x["applicant"]["industries"]:
                if a[0] == b[0]:
                    best = max(best, w["industry_division"] if a[:3] == b[:3] else w["industry_section"])
        best += w["lead_bonus"] if r.get("lead") else 0.0
        best += sum(weight.get(p["bid"], 0.0) for p in r.get("preferences", []) if p["dossier"] == x["id"])
        return round(100 * best)

    qualified = [r for r in reviewers if r["pledge"]["signed"] and r["max_load"] > 0]
    pairs = []
    for x in dossiers:
        units = {x["applicant"]["organisation"]["credit_code"]} | {u["credit_code"] for u in x["applicant"].get("partners", [])}
        for r in qualified:
            if r["employer"]["credit_code"] in units:
                continue
            if any(rel["organisation"]["credit_code"] in units and rel.get("until", ref) >= since
                   for rel in r.get("relations", [])):
                continue
            pairs.append((x["id"], r["id"], affinity(r, x)))
    return size, {r["id"]: r for r in qualified}, [x["id"] for x in dossiers], pairs


def main() -> None:
    import networkx as nx

    t0 = time.monotonic()
    size, reviewers, dossiers, pairs = round_pairs(Path(sys.argv[1]))
    g = nx.DiGraph()
    for rid, r in reviewers.items():
        g.add_edge(("r", rid), "t", capacity=r["max_load"], weight=0)
    for x in dossiers:
        g.add_edge("s", ("d", x), capacity=size, weight=0)
    for x, rid, a in pairs:
        e = ("e", x, reviewers[rid]["employer"]["credit_code"])
        g.add_edge(("d", x), e, capacity=1, weight=0)
        g.add_edge(e, ("r", rid), capacity=1, weight=-a)
    total = size * len(dossiers)
    g.nodes["s"]["demand"] = -total
    g.nodes["t"]["demand"] = total
    flow = nx.min_cost_flow(g)
    cost = nx.cost_of_flow(g, flow)
    print(f"{time.monotonic() - t0:.2f} {-cost / 100:.2f}")


if __name__ == "__main__":
    main()
