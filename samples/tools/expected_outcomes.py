#!/usr/bin/env python3
"""A reference reading of the machine rules, for the sample cycle only.

Applies the condition-check rules of the regulation (as listed in samples/README.md) to the
sample dossiers and their evidence bundles, and the reviewer rules (M-15, M-17, M-18) to
samples/reviewers.toml, then prints Markdown tables. It is a cross-check of the README
tables, not an implementation of sqma: the golden tests compare sqma with the README.

Usage: expected_outcomes.py [--check] [--samples DIR]
  --check   also compare the outcomes with EXPECTED below; exit 1 on any difference

Run samples/make-bundles first: bundles are read from the cycle's bundle_dir.
"""

import argparse
import datetime
import hashlib
import json
import sys
import tomllib
import zipfile
from pathlib import Path

sys.dont_write_bytecode = True  # keep samples/tools free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gbcodes  # noqa: E402

# The outcome each sample dossier is built to have.
EXPECTED = {
    **{f"O{n:02d}": "pass" for n in range(1, 11)},
    "O11": "return", "O12": "return", "O13": "supplement", "O14": "return", "O15": "return",
    "O16": "return", "O17": "return", "O18": "supplement", "O19": "return", "O20": "supplement",
    "O21": "return", "O22": "return", "O23": "return", "O24": "return", "O25": "return",
    "O26": "return", "O27": "supplement", "O28": "supplement", "O29": "supplement", "O30": "supplement",
    **{f"P{n:02d}": "pass" for n in range(1, 6)},
    "P06": "return", "P07": "return", "P08": "supplement", "P09": "return", "P10": "return",
    "P11": "return", "P12": "return", "P13": "supplement",
    "L01": "pass", "L02": "pass", "L03": "pass", "L04": "return", "L05": "supplement", "L06": "return",
    "L07": "return", "L08": "return", "L09": "supplement",
    "M01": "pass", "M02": "pass", "M03": "pass", "M04": "return", "M05": "supplement",
    "C01": "pass", "C02": "pass", "C03": "pass", "C04": "return", "C05": "supplement",
}

REQUIRED = {
    "organisation": ("A1-5", ["registration_form", "application_form", "self_assessment", "best_practice_cases", "evidence"]),
    "project": ("A2-4", ["registration_form", "application_form", "project_report", "evidence"]),
    "individual": ("A3-8", ["application_form", "deeds", "recommendation_letter", "evidence"]),
}
ACCIDENT_KINDS = {"quality", "equipment", "casualty", "fire", "explosion"}
MANIFEST = "manifest-sha256.txt"


def d(value):
    """A date from a JSON string or a TOML date."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def years_before(ref, n):
    try:
        return ref.replace(year=ref.year - n)
    except ValueError:  # 29 February
        return ref.replace(year=ref.year - n, day=28)


class Finding:
    def __init__(self, clause, outcome, reason):
        self.clause, self.outcome, self.reason = clause, outcome, reason


def check_dossier(dos, ref, bundle_dir):
    cls, kind = dos["class"], dos.get("kind")
    f = []
    add = lambda clause, outcome, reason: f.append(Finding(clause, outcome, reason))  # noqa: E731
    org = dos["applicant"]["organisation"]
    window2, window3, window5 = years_before(ref, 2), years_before(ref, 3), ref.year - 5

    # Registration and check characters.
    reg_clause = {"organisation": "A1-3(1)", "project": "A2-2(1)", "individual": "A3-8"}[cls]
    if cls != "individual" and not org["credit_code"][2:4] == "31":
        add(reg_clause, "return", f"credit code division {org['credit_code'][2:8]} is not in Shanghai (31xxxx)")
    for u in [org] + dos["applicant"].get("partners", []):
        if not gbcodes.credit_valid(u["credit_code"]):
            add(reg_clause, "supplement", f"credit code {u['credit_code']} of {u['name']} fails its check character "
                f"(expected {gbcodes.credit_check(u['credit_code'][:17])})")
    person = dos["applicant"].get("person")
    if person and not gbcodes.id_valid(person["id_number"]):
        add("A3-8", "supplement", "identity number fails its GB 11643-1999 check character")

    if cls in ("organisation", "project"):
        c2 = "A1-3(2)" if cls == "organisation" else "A2-2(2)"
        certs = dos.get("certificates", [])
        comp = dos.get("compliance")
        for t in ("quality", "environment", "ohs"):
            of_type = [c for c in certs if c["type"] == t]
            if not of_type:
                add(c2, "return", f"no {t} management system certificate")
            elif not any(d(c["valid_from"]) <= ref <= d(c["valid_until"]) for c in of_type):
                last = max(of_type, key=lambda c: c["valid_until"])
                add(c2, "supplement", f"{t} certificate {last['number']} expired on {last['valid_until']}")
        if comp and comp["mandatory_certification_required"]:
            products = [c for c in certs if c["type"] == "product"]
            if not products:
                add(c2, "return", "mandatory product certification required but no product certificate")
            elif not any(d(c["valid_from"]) <= ref <= d(c["valid_until"]) for c in products):
                add(c2, "supplement", "product certificate not valid on the reference date")
        if comp and cls == "organisation":
            if not comp["products_meet_standards"]:
                add(c2, "return", "products_meet_standards is false")
            if not comp["waste_treatment_compliant"]:
                add(c2, "return", "waste_treatment_compliant is false")
            if comp["key_energy_user"]:
                if "energy_targets_met" not in comp:
                    add(c2, "supplement", "key energy user; energy_targets_met not stated")
                elif not comp["energy_targets_met"]:
                    add(c2, "return", "key energy user; energy_targets_met is false")
        c5 = "A1-3(5)" if cls == "organisation" else "A2-2(2)"
        for i in dos.get("incidents", []):
            if i["responsible"] and i["severity"] == "major" and i["kind"] in ACCIDENT_KINDS and window3 <= d(i["date"]) <= ref:
                add(c5, "return", f"responsible major {i['kind']} accident on {i['date']}")
        for r in dos.get("credit_records", []):
            removed = "removed_on" in r and d(r["removed_on"]) <= ref
            if r["kind"] == "serious_dishonesty" and d(r["date"]) <= ref and not removed:
                add(c5, "return", f"listed as seriously dishonest on {r['date']}, not removed")
            if r["kind"] in ("violation", "major_complaint") and window3 <= d(r["date"]) <= ref:
                add(c5, "return", f"{r['kind']} on {r['date']}")
        kinds = {r["kind"] for r in dos.get("recommendations", [])}
        if not kinds & {"industry_association", "group_company", "district_quality_association"}:
            add("A1-3(6)" if cls == "organisation" else "A2-2(4)", "return",
                "no recommendation by an industry association, group company or district quality association "
                f"(only {', '.join(sorted(kinds)) or 'none'})")
    if cls == "organisation":
        sr = dos.get("social_report")
        if not sr:
            add("A1-3(3)", "return", "no social responsibility report")
        elif sr["year"] < ref.year - 2:
            add("A1-3(3)", "supplement", f"latest social responsibility report is for {sr['year']}")
        if not any(a["organiser"] in ("caq", "saq") and window2 <= d(a["date"]) <= ref for a in dos.get("activities", [])):
            add("A1-3(4)", "return", f"no CAQ/SAQ activity since {window2}")
        for a in dos.get("awards", []):
            if a["level"] in ("national", "municipal", "district") and ref.year - 2 <= a["year"] < ref.year:
                add("A1-11", "notice", f"simplified procedure possible: {a['name']} {a['year']}")
                break
    if kind == "leader":
        lead = dos["leader"]
        if not any(a["level"] in ("international", "national", "municipal") and window5 <= a["year"] <= ref.year
                   for a in lead["awards"]):
            held = "; ".join(f"{a['level']} {a['year']}" for a in lead["awards"])
            add("A3-4(4)", "return", f"no international, national or municipal quality award since {window5} ({held})")
        years = {p["year"] for p in lead["performance"]}
        missing = [y for y in range(ref.year - 3, ref.year) if y not in years]
        if missing:
            add("A3-4(4)", "supplement", f"performance figures missing for {', '.join(map(str, missing))}")
        if not any(window3 <= d(a["date"]) <= ref for a in dos.get("activities", [])):
            add("A3-4(5)", "return", f"no quality activity since {window3}")
        kinds = {r["kind"] for r in dos.get("recommendations", [])}
        if "own_organisation" not in kinds or not kinds & {"superior_body", "industry_association", "group_company"}:
            add("A3-4(6)", "return", f"recommendations {', '.join(sorted(kinds))}: need own_organisation and one of "
                "superior_body, industry_association, group_company")
    if kind in ("manager", "craftsman"):
        kinds = {r["kind"] for r in dos.get("recommendations", [])}
        if not kinds & {"own_organisation", "industry_association"}:
            add("A3-5(4)" if kind == "manager" else "A3-6(5)", "return",
                f"recommended only by {', '.join(sorted(kinds))}; needs own_organisation or industry_association")

    # Materials and the evidence bundle.
    clause, types = REQUIRED[cls]
    listed = {m["type"] for m in dos["materials"]}
    for t in types:
        if t not in listed:
            add(clause, "supplement", f"no {t} among the materials")
    bundle = bundle_dir / dos["bundle"]["path"]
    if not bundle.is_file():
        add(clause, "supplement", f"bundle {dos['bundle']['path']} not received")
    else:
        with zipfile.ZipFile(bundle) as z:
            entries = {i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist() if not i.is_dir()}
        paths = set()
        for m in dos["materials"]:
            paths.add(m["path"])
            if m["path"] not in entries:
                add(clause, "supplement", f"bundle lacks listed file {m['path']}")
            elif entries[m["path"]] != m["sha256"]:
                add(clause, "supplement", f"{m['path']} differs from its registered SHA-256")
        for name in sorted(entries):
            if name != MANIFEST and name not in paths:
                add(clause, "notice", f"bundle holds unlisted file {name}")
    return f


def outcome(findings):
    kinds = {x.outcome for x in findings}
    return "return" if "return" in kinds else "supplement" if "supplement" in kinds else "pass"


def class_label(dos):
    return dos.get("kind", dos["class"])


def reviewer_findings(reg, dossiers, ref, cycle):
    emp_years = cycle.get("conflicts", {}).get("employment_window_years", 3)
    rel_years = cycle.get("conflicts", {}).get("relation_window_years", 3)
    by_code = {}
    for dos in dossiers:
        units = [dos["applicant"]["organisation"]] + dos["applicant"].get("partners", [])
        for u in units:
            by_code.setdefault(u["credit_code"], []).append(dos["id"].split("-")[-1])
    rows = []
    for r in reg["reviewer"]:
        reasons = []
        if r["education"] in ("secondary", "vocational", "college"):
            reasons.append(("M-15(2)", f"education {r['education']}, below bachelor"))
        if not r["tqm_training"]:
            reasons.append(("M-15(2)", "no systematic TQM training"))
        if r["experience_years"] < 10:
            reasons.append(("M-15(3)", f"{r['experience_years']} years of experience"))
        if not r["qualifications"]:
            reasons.append(("M-15(4)", "no reviewer qualification or training certificate"))
        if not r["pledge"]["signed"]:
            reasons.append(("M-15(5), M-17", "integrity pledge not signed"))
        conflicts = []
        if r["employer"]["credit_code"] in by_code:
            conflicts.append(("employed by " + r["employer"]["name"], by_code[r["employer"]["credit_code"]]))
        for rel in r.get("relations", []):
            window = years_before(ref, emp_years if rel["kind"] == "employment" else rel_years)
            until = rel.get("until")
            inside = until is None or d(until) >= window
            hit = by_code.get(rel["organisation"]["credit_code"], [])
            if hit:
                what = f"{rel['kind']} with {rel['organisation']['name']} {rel.get('from', '')}..{until or 'ongoing'}"
                conflicts.append((what + ("" if inside else " (outside the window: no conflict)"), hit if inside else []))
        for c in r.get("conflicts", []):
            conflicts.append((f"declared: {c['reason']} ({c['organisation']['name']})",
                              by_code.get(c["organisation"]["credit_code"], [])))
        if reasons or conflicts:
            rows.append((r, reasons, conflicts))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--samples", default=str(Path(__file__).resolve().parent.parent))
    args = ap.parse_args()
    root = Path(args.samples)
    cycle = tomllib.loads((root / "cycle.toml").read_text(encoding="utf-8"))
    ref = cycle["dates"]["reference_date"]
    bundle_dir = root / cycle["check"]["bundle_dir"]
    dossiers = []
    for folder in ("dossiers", "dossiers-checkchar"):
        for path in sorted((root / folder).glob("*.json")):
            dossiers.append(json.loads(path.read_text(encoding="utf-8")))
    order = {"O": 0, "P": 1, "L": 2, "M": 3, "C": 4}
    dossiers.sort(key=lambda x: (order[x["id"].split("-")[-1][0]], x["id"]))
    bad = 0
    print("| id | class / kind | applicant | outcome | deciding clauses and reasons | notices |")
    print("|---|---|---|---|---|---|")
    tally = {}
    for dos in dossiers:
        findings = check_dossier(dos, ref, bundle_dir)
        out = outcome(findings)
        tally[out] = tally.get(out, 0) + 1
        deciding = "; ".join(f"{x.clause} {x.outcome.upper()}: {x.reason}" for x in findings if x.outcome != "notice") or "-"
        notices = "; ".join(f"{x.clause}: {x.reason}" for x in findings if x.outcome == "notice") or "-"
        short = dos["id"].split("-")[-1]
        if args.check and EXPECTED.get(short) != out:
            bad += 1
            print(f"MISMATCH {dos['id']}: expected {EXPECTED.get(short)}, got {out}", file=sys.stderr)
        if args.check and out != "pass" and len([x for x in findings if x.outcome != "notice"]) != 1:
            print(f"NOTE {dos['id']}: {len(findings)} failing findings", file=sys.stderr)
        print(f"| {dos['id']} | {class_label(dos)} | {dos['applicant']['name']} | {out} | {deciding} | {notices} |")
    print()
    print("Totals: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.items())) + f", all {len(dossiers)}")
    print()
    reg = tomllib.loads((root / "reviewers.toml").read_text(encoding="utf-8"))
    print("| reviewer | name | employer | not qualified (clause: reason) | relations and conflicts (M-18) | excluded from |")
    print("|---|---|---|---|---|---|")
    for r, reasons, conflicts in reviewer_findings(reg, dossiers, ref, cycle):
        q = "; ".join(f"{c}: {t}" for c, t in reasons) or "-"
        cf = "; ".join(w for w, _ in conflicts) or "-"
        excluded = sorted({x for _, hits in conflicts for x in hits}, key=lambda s: (order[s[0]], s))
        ex = "all dossiers" if reasons else (", ".join(excluded) or "none")
        print(f"| {r['id']} | {r['name']} | {r['employer']['name']} | {q} | {cf} | {ex} |")
    print()
    print("| employer shared by | reviewers |")
    print("|---|---|")
    groups = {}
    for r in reg["reviewer"]:
        groups.setdefault((r["employer"]["credit_code"], r["employer"]["name"]), []).append(r["id"])
    for (code, name), ids in sorted(groups.items(), key=lambda kv: kv[1][0]):
        if len(ids) > 1:
            print(f"| {name} ({code}) | {', '.join(ids)} |")
    if args.check:
        print(f"expected_outcomes: {bad} mismatches", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
