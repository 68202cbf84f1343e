#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The whole sample cycle with the real binary, and the privacy of what it publishes.

The samples go through check, the written, panel and on-site rounds (panels from
samples/reviewers.toml, the committed sheets of samples/sheets/), the committee's decisions of
samples/decisions.toml, certificates signed with a key made here, and a revocation. Every
notice (each kind, order and format) and every certificate is then searched for the
identity numbers, phones, e-mail addresses and contact persons of the dossiers, the names
and ids of all reviewers, and every score: none may appear (issue 6).

usage: sample_cycle.py SQMA ROOT WORK"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from publish_privacy import pattern, text_of  # noqa: E402


def run(args, ok=(0,), stdin=None):
    result = subprocess.run([str(a) for a in args], capture_output=True, input=stdin)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
                         f"{result.stderr.decode(errors='replace')}")
    return result.stdout


def score_forms(value):
    """A score as a published file could print it: with two decimals, or as JSON does."""
    return {f"{value:.2f}", json.dumps(value)}


def forbidden_strings(dossiers, reviewers):
    found = {}
    for d in dossiers:
        applicant = d["applicant"]
        for key in ("id_number", "phone", "email"):
            if key in applicant.get("person", {}):
                found[applicant["person"][key]] = f"{d['id']} person.{key}"
        for key in ("name", "phone", "email"):
            if key in applicant.get("contact", {}):
                found[applicant["contact"][key]] = f"{d['id']} contact.{key}"
        for name, rnd in d.get("rounds", {}).items():
            for sheet in rnd.get("sheets", []):
                if "total" in sheet:
                    for form in score_forms(sheet["total"]):
                        found[form] = f"{d['id']} {name} sheet total"
            for key in ("total", "percent"):
                if key in rnd.get("result", {}):
                    for form in score_forms(rnd["result"][key]):
                        found[form] = f"{d['id']} {name} result.{key}"
    for r in reviewers:
        found[r["id"]] = "reviewer id"
        found[r["name"]] = "reviewer name"
        for key in ("phone", "email"):
            if key in r:
                found[r[key]] = f"reviewer {key}"
    return found


def review_rounds(sqma, root, work):
    """The samples through check and the written, panel and on-site rounds: the dossiers as
    JSON Lines after the last aggregate."""
    samples = root / "samples"
    cycle = samples / "cycle.toml"
    run([sys.executable, samples / "make-bundles", work / "bundles"])
    stream = run([sqma, "check", "--cycle", cycle, "--bundle-dir", work / "bundles",
                  samples / "dossiers"], ok=(1,))
    for name in ("written", "panel", "onsite"):
        stream = run([sqma, "assign", "--cycle", cycle, "--reviewers", samples / "reviewers.toml",
                      "--round", name, "--pass-unready", "-"], stdin=stream)
        # The samples hold a refused sheet or two on purpose: exit status 1.
        stream = run([sqma, "score", "--round", name, "--cycle", cycle, "--dossiers", "-",
                      samples / "sheets" / name], ok=(0, 1), stdin=stream)
        stream = run([sqma, "aggregate", "--round", name, "--cycle", cycle, "-"], stdin=stream)
    return stream


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    samples = root / "samples"
    cycle = samples / "cycle.toml"
    stream = review_rounds(sqma, root, work)
    key = work / "key.pem"
    run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", key])
    public = work / "public.pem"
    run(["openssl", "pkey", "-in", key, "-pubout", "-out", public])
    stream = run([sqma, "certify", "--cycle", cycle, "--decisions", samples / "decisions.toml",
                  "-"], stdin=stream)
    approved = stream
    awarded = run([sqma, "certify", "--cycle", cycle, "--decisions", samples / "decisions.toml",
                   "--key", key, "--certificates",
                   work / "certs", "--date", "2025-11-28", "-"], stdin=approved)
    revoked = run([sqma, "certify", "revoke", "--dossier", "SQMA-2025-L01", "--reason",
                   "major_complaint", "--date", "2026-03-02", "--reference",
                   "审定委员会〔2026〕2号", "-"], stdin=awarded)
    sets = {"candidates": approved, "winners": awarded, "revocation": revoked}

    dossiers = [json.loads(line) for line in revoked.decode().splitlines()]
    stages = {}
    for d in dossiers:
        stages[d["stage"]] = stages.get(d["stage"], 0) + 1
    approved_count = sum(1 for line in approved.decode().splitlines()
                         if json.loads(line)["stage"] == "approved")
    certificates = sorted((work / "certs").glob("*.svg"))
    # samples/decisions.toml approves 13 of the 14 proposals and rejects one.
    assert approved_count == 13, f"expected 13 approved dossiers, found {approved_count}"
    assert len(certificates) == 13, f"expected 13 certificates, found {len(certificates)}"
    assert stages.get("awarded") == 12 and stages.get("revoked") == 1, stages
    verdict = subprocess.run([sqma, "certify", "verify", "--public-key", public, "--dossiers", "-",
                              *certificates], input=revoked, capture_output=True)
    assert verdict.returncode == 5, f"a revoked certificate must answer 5, got {verdict.returncode}"
    assert verdict.stdout.decode().count(": valid:") == 12, verdict.stdout.decode()

    for kind, stream in sets.items():
        for order in ("rank", "stroke", "pinyin"):
            run([sqma, "publish", "--cycle", cycle, "--kind", kind, "--order", order, "--date",
                 "2025-12-01", "--out-dir", work / "published" / f"{kind}-{order}", "-"],
                stdin=stream)
    published = sorted((work / "published").rglob("*.*")) + sorted((work / "certs").glob("*"))
    assert len(published) == 9 * 6 + 2 * 13, f"expected 80 published files, found {len(published)}"

    with open(samples / "reviewers.toml", "rb") as f:
        reviewers = tomllib.load(f)["reviewer"]
    forbidden = forbidden_strings(dossiers, reviewers)
    patterns = {s: pattern(s) for s in forbidden}
    # The search finds these strings where they are: in the dossiers and the registry.
    haystack = revoked.decode() + (samples / "reviewers.toml").read_text(encoding="utf-8")
    missing = [s for s, p in patterns.items()
               if "score" not in forbidden[s] and "total" not in forbidden[s]
               and "percent" not in forbidden[s] and not p.search(haystack)]
    assert len(forbidden) > 200 and not missing, f"search self-test failed: {missing[:5]}"
    # Scores are looked for outside attributes that hold only a number, such as the
    # coordinates of an SVG (y="76.0"); everything else is looked for everywhere.
    numeric_attribute = re.compile(r'\s[\w:-]+="[-0-9. ]*"')
    leaks = []
    for path in published:
        text = text_of(path)
        assert text.strip(), f"{path} is empty"
        prose = numeric_attribute.sub("", text)
        leaks += [f"{path.relative_to(work)}: {s!r} ({why})" for s, why in forbidden.items()
                  if patterns[s].search(prose if "sheet" in why or "result" in why else text)]
    if leaks:
        print("personal data or scores in published files of the sample cycle:\n" + "\n".join(leaks))
        return 1
    print(f"sample cycle: {stages}; {len(published)} published files, none holds any of "
          f"{len(forbidden)} identity numbers, phones, e-mails, contacts, scores or reviewers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
