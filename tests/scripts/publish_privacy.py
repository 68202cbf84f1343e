#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Privacy of published files (issue 6): every notice kind in every order and
format, and every certificate, of a fixture cycle whose dossiers hold identity numbers,
phone numbers, e-mail addresses, scores and reviewer names, is searched for each of them.

usage: publish_privacy.py SQMA ROOT WORK"""
import json
import re
import pathlib
import shutil
import sys
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pipeline import make_cycle, run  # noqa: E402


def forbidden_strings(folder):
    """Every identity number, phone, e-mail, contact person, score and reviewer in the
    dossiers, each with what it is."""
    found = {}
    for path in sorted(pathlib.Path(folder).glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        applicant = d["applicant"]
        person = applicant.get("person", {})
        for key in ("id_number", "phone", "email"):
            if key in person:
                found[person[key]] = f"{d['id']} person.{key}"
        for key in ("name", "phone", "email"):
            if key in applicant.get("contact", {}):
                found[applicant["contact"][key]] = f"{d['id']} contact.{key}"
        for name, rnd in d.get("rounds", {}).items():
            for member in rnd.get("panel", []):
                # A reviewer id stands alone: "R-001" inside "SQMA-2025-PR-001" is none.
                found[member["reviewer"]] = f"{d['id']} reviewer id"
            for sheet in rnd.get("sheets", []):
                found[sheet["reviewer_name"]] = f"{d['id']} reviewer name"
                for item in sheet.get("items", []):
                    found[f"{item['points']:.2f}"] = f"{d['id']} {name} sheet points"
            result = rnd.get("result", {})
            for key in ("total", "percent"):
                if key in result:
                    found[f"{result[key]:.2f}"] = f"{d['id']} {name} result.{key}"
    return found


def pattern(text):
    """Matches `text` where it is not part of a longer id or number."""
    return re.compile(r"(?<![A-Za-z0-9.-])" + re.escape(text) + r"(?![0-9])")


def text_of(path):
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in sorted(z.namelist()))
    return path.read_bytes().decode("utf-8-sig")


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cycle, sets = make_cycle(sqma, root, work)
    forbidden = forbidden_strings(root / "tests" / "fixtures" / "certify" / "final")
    kinds = {"candidates": "approved", "winners": "awarded", "revocation": "revoked"}
    for kind, folder in kinds.items():
        for order in ("rank", "stroke", "pinyin"):
            run([sqma, "publish", "--cycle", cycle, "--kind", kind, "--order", order,
                 "--date", "2025-10-13", "--out-dir", work / "published" / f"{kind}-{order}",
                 sets[folder]])
    published = sorted((work / "published").rglob("*.*")) + sorted(sets["certs"].glob("*"))
    assert len(published) == 9 * 6 + 2 * 10, f"expected 74 published files, found {len(published)}"
    # The search finds these strings where they are: in the dossiers themselves.
    dossiers = "".join(p.read_text(encoding="utf-8") for p in sets["awarded"].glob("*.json"))
    patterns = {s: pattern(s) for s in forbidden}
    missing = [s for s, p in patterns.items() if not p.search(dossiers)]
    assert len(forbidden) > 40 and not missing, f"search self-test failed: {missing[:5]}"
    leaks = []
    for path in published:
        text = text_of(path)
        assert text.strip(), f"{path} is empty"
        leaks += [f"{path.relative_to(work)}: {s!r} ({why})"
                  for s, why in forbidden.items() if patterns[s].search(text)]
    if leaks:
        print("personal data or scores in published files:\n" + "\n".join(leaks))
        return 1
    print(f"{len(published)} published files, none holds any of {len(forbidden)} "
          "identity numbers, phones, e-mails, contacts, scores or reviewers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
