#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes a round of N project dossiers and a registry of R reviewers for `sqma assign`.

    gen_assign.py OUT N R [LEADS]

Reviewers work for R/5 employers (five each); a share LEADS of them may lead (default a
third; a small share such as 0.15 makes the lead rule bind: then the lead bonus is 0 and every
reviewer bids willing or unwilling on a dozen dossiers, weighted 1 and -1), about 1% miss a
qualification. Each dossier's lead unit is its own, and its partners are employers of
reviewers, as many as make 2% of the reviewers conflicted by employment on average; one
reviewer in ten also has a consulting relation with a random applicant. Panels are five (`[panels.written] project = 5`)
and each reviewer may take 1.6 times the average load. Writes OUT/cycle.toml,
OUT/reviewers.toml and OUT/dossiers.jsonl; the same arguments give the same bytes.
"""
import json
import math
import random
import re
import sys
from pathlib import Path

CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
INDUSTRIES = ["C26", "C27", "C29", "C30", "C33", "C34", "C35", "C36", "C38", "C39", "C40",
              "E47", "E48", "F51", "G54", "G58", "I64", "I65", "M74", "Q84"]
PANEL = 5
CONFLICTED = 0.02


def credit_code(n: int) -> str:
    body = "91310115" + f"{n:09d}"
    total = sum(CODE_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + CODE_ALPHABET[(31 - total % 31) % 31]


def partners(rng: random.Random, employers: int) -> int:
    expected = CONFLICTED * employers
    return int(expected) + (1 if rng.random() < expected - int(expected) else 0)


def main() -> None:
    out, n, r = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    leads = float(sys.argv[4]) if len(sys.argv) > 4 else 1 / 3
    rng = random.Random(20251124)
    out.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parent.parent
    cycle = (root / "samples" / "cycle.toml").read_text(encoding="utf-8")
    cycle = re.sub(r"(\[panels\.written\][^\[]*?project = )3", r"\g<1>5", cycle)
    binding = len(sys.argv) > 4
    if binding:
        cycle = re.sub(r"(?m)^lead_bonus = [0-9.]+", "lead_bonus = 0.0", cycle)
        cycle = re.sub(r"(?m)^willing = [0-9.]+", "willing = 1.0", cycle)
        cycle = re.sub(r"(?m)^unwilling = [0-9.-]+", "unwilling = -1.0", cycle)
    (out / "cycle.toml").write_text(cycle, encoding="utf-8")

    employers = max(PANEL + 2, r // 5)
    units = [{"name": f"上海评审单位{e}有限公司", "credit_code": credit_code(500000 + e)}
             for e in range(employers)]
    load = math.ceil(1.6 * n * PANEL / r)
    lines = ['schema = "reviewers.v1"\n']
    for i in range(r):
        unit = units[i % employers]
        industries = ", ".join(f'"{c}"' for c in rng.sample(INDUSTRIES, 2))
        unqualified = rng.random() < 0.01
        lines.append(
            f'\n[[reviewer]]\nid = "R-{i:05d}"\nname = "评审员{i}"\n'
            f'employer = {{ name = "{unit["name"]}", credit_code = "{unit["credit_code"]}" }}\n'
            f'education = "master"\nexperience_years = {12 + i % 20}\n'
            f'tqm_training = true\nqualifications = [{{ award = "shanghai", kind = "qualification", year = 2018 }}]\n'
            f'pledge = {{ signed = {"false" if unqualified else "true"}, date = 2025-05-01 }}\n'
            f'lead = {"true" if rng.random() < leads else "false"}\nindustries = [{industries}]\n'
            f'max_load = {load}\n')
        if binding:
            bids = ", ".join(f'{{ dossier = "SQMA-2025-B{d:05d}", bid = "{rng.choice(("willing", "unwilling"))}" }}'
                             for d in sorted(rng.sample(range(n), min(n, 12))))
            lines.append(f"preferences = [{bids}]\n")
        if rng.random() < 0.1:
            a = rng.randrange(n)
            lines.append(
                f'relations = [{{ organisation = {{ name = "上海申报单位{a}有限公司", credit_code = "{credit_code(a)}" }}, '
                f'kind = "consulting", from = 2024-01-01, until = 2024-12-31 }}]\n')
    (out / "reviewers.toml").write_text("".join(lines), encoding="utf-8")

    template = json.loads((root / "samples" / "dossiers" / "SQMA-2025-P01.json").read_text(encoding="utf-8"))
    template["history"] = []
    template["stage"] = "eligible"
    with open(out / "dossiers.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            d = dict(template)
            d["id"] = f"SQMA-2025-B{i:05d}"
            d["applicant"] = {
                "name": f"基准测试项目{i}",
                "organisation": {"name": f"上海申报单位{i}有限公司", "credit_code": credit_code(i)},
                "partners": rng.sample(units, partners(rng, employers)),
                "industries": rng.sample(INDUSTRIES, 2),
            }
            f.write(json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
