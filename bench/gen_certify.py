#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes N proposed dossiers (copies of tests/fixtures/certify/final/ under new ids) and a
decisions file that approves them all with a justified exception for every cap.

usage: gen_certify.py N OUT"""
import json
import pathlib
import sys

n, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
src = pathlib.Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "certify" / "final"
base = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(src.glob("*.json"))]
base = [d for d in base if d["stage"] != "rejected"]
(out / "in").mkdir(parents=True, exist_ok=True)
lines = ['schema = "decisions.v1"', "[meeting]", "date = 2025-09-26", 'reference = "bench"']
for i in range(n):
    d = dict(base[i % len(base)], id=f"B-{i + 1:05d}")
    (out / "in" / f"{d['id']}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    lines += ["[[decision]]", f'dossier = "{d["id"]}"', 'outcome = "approve"']
for cap in ("benchmark", "project", "leader", "manager", "craftsman"):
    lines += ["[[cap_exception]]", f'cap = "{cap}"', 'justification = "bench: every dossier wins"']
(out / "decisions.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
