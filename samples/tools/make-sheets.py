#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Run the sample cycle's review rounds with the real sqma binary and write the score sheets.

Usage: make-sheets.py [--sqma BUILD/cmd/sqma] [--fixtures] [--keep WORK]

For each round (written, panel, onsite) it runs, from the repository root:

    sqma check → sqma assign → sqma score template → (fill the sheets) → sqma score → sqma aggregate

and the aggregated dossiers feed the next round's assign. The sheets are filled from a planted
model: every dossier has a quality (percent, from its id), every reviewer a leniency (from
theirs) and every item a little noise (from dossier, reviewer and item), so the same binary
gives the same sheets byte for byte. The filled sheets are written to samples/sheets/<round>/
(replacing what was there), together with a few sheets that are wrong on purpose:

  written/  a sheet from a reviewer who is not on the panel (refused; it never counts),
            an incomplete sheet (an item unscored, no opportunities: refused), and a pair of
            reviewers who disagree strongly on one dossier (consensus needed);
  panel/    mutual-evaluation sheets (M-18): the applicants' ratings of their reviewers, one
            with a low integrity rating (an M-17 complaint), a reviewer's rating of an
            applicant's discipline, and a major objection (A1-11) that keeps one dossier
            from the simplified procedure.

With --fixtures it also writes the dossiers of each round as assigned and as scored to
tests/cli/score/data/<round>-assigned.jsonl and tests/cli/aggregate/data/<round>-scored.jsonl
for the golden tests. It prints the planted and the recovered leniency of every reviewer of
the written round (a check of aggregate's calibration).

Standard library only; no network.
"""

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CYCLE = "samples/cycle.toml"
REVIEWERS = "samples/reviewers.toml"
ROUNDS = ["written", "panel", "onsite"]
QUALIFIED = [f"R-{i:03d}" for i in range(1, 30)]

# The planted disagreements and mutual ratings, by round.
OUTSIDER = "SQMA-2025-O02"  # gets a sheet from the last qualified reviewer not on its panel
INCOMPLETE = "SQMA-2025-P02"  # its first reviewer leaves an item and the opportunities out
DISAGREE = "SQMA-2025-O03"  # its first two reviewers are 25 points apart either way
OBJECTION = "SQMA-2025-O07"  # one panel reviewer raises a major objection (A1-11)
RATED = ["SQMA-2025-O01", "SQMA-2025-O07", "SQMA-2025-P01"]  # applicants who rate reviewers


def unit(*parts):
    """A number in [0, 1) from the parts, stable across runs and platforms."""
    digest = hashlib.sha256("/".join(parts).encode()).hexdigest()
    return int(digest[:12], 16) / float(1 << 48)


def quality(dossier_id):
    return 42.0 + 36.0 * unit("quality", dossier_id)


def leniency(reviewer):
    return -8.0 + 16.0 * unit("leniency", reviewer)


def noise(*parts):
    return random.Random("/".join(parts)).gauss(0.0, 4.0)


def run(args, stdin=None, ok=(0,)):
    proc = subprocess.run(args, input=stdin, capture_output=True, cwd=ROOT, check=False)
    if proc.returncode not in ok:
        sys.exit(
            f"make-sheets: {' '.join(map(str, args))} exited {proc.returncode}:\n"
            + proc.stderr.decode()
        )
    return proc.stdout, proc.stderr.decode()


def read_jsonl(data):
    return [json.loads(line) for line in data.decode().splitlines() if line.strip()]


def write_jsonl(dossiers):
    return "".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in dossiers).encode()


def fill(text, dossier_id, reviewer, shift=0.0, skip_item=None, no_opportunities=False):
    q = quality(dossier_id) + leniency(reviewer) + shift
    lines = []
    item = None
    for line in text.splitlines():
        if line.startswith("id = "):
            item = line.split('"')[1]
        if line.startswith("max = "):
            maximum = float(line.split("=")[1])
        if line in ("# percent = ", "# points = ") and item != skip_item:
            value = q + noise(dossier_id, reviewer, item)
            if line.startswith("# percent"):
                line = f"percent = {int(min(100, max(0, round(value / 5) * 5)))}"
            else:
                line = f"points = {int(min(maximum, max(0, round(maximum * value / 100))))}"
        elif line == "strengths = [":
            line += '\n  "目标分解到岗位，关键指标按月跟踪。 Goals are cascaded to posts and tracked monthly.",'
        elif line == "opportunities = [" and not no_opportunities:
            line += '\n  "改进成果的横向推广尚不充分。 Improvements are not yet spread across units.",'
        lines.append(line)
    return "\n".join(lines) + "\n"


def rate(text, values):
    for key, value in values.items():
        text = text.replace(f"# {key} = \n", f"{key} = {value}\n")
    return text.replace('# comment = ""', 'comment = "评审过程规范。 The review was orderly."')


def make_round(sqma, round_name, dossiers, work, dest):
    source = write_jsonl(dossiers)
    out, _ = run(
        [sqma, "assign", "--round", round_name, "--cycle", CYCLE, "--reviewers", REVIEWERS, "-"],
        stdin=source,
    )
    assigned = read_jsonl(out)
    assigned_file = work / f"{round_name}-assigned.jsonl"
    assigned_file.write_bytes(write_jsonl(assigned))

    blanks = work / f"{round_name}-blank"
    run([sqma, "score", "template", "--round", round_name, "--cycle", CYCLE, "--kind", "all",
         "--out-dir", blanks, assigned_file])
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    panels = {d["id"]: [m["reviewer"] for m in d["rounds"][round_name]["panel"]]
              for d in assigned if d["stage"] == round_name and round_name in d.get("rounds", {})}
    for dossier_id, members in sorted(panels.items()):
        for k, reviewer in enumerate(members):
            blank = (blanks / f"{dossier_id}_{reviewer}.toml").read_text()
            shift, skip, bare = 0.0, None, False
            if round_name == "written" and dossier_id == DISAGREE and k < 2:
                shift = 25.0 if k == 0 else -25.0
            if round_name == "written" and dossier_id == INCOMPLETE and k == 0:
                skip, bare = "P3", True
            text = fill(blank, dossier_id, reviewer, shift, skip, bare)
            if round_name == "panel" and dossier_id == OBJECTION and k == 1:
                text = text.replace("objection = false", "objection = true")
            (dest / f"{dossier_id}_{reviewer}.toml").write_text(text)
            if round_name == "written" and (dossier_id, k) == (OUTSIDER, 0):
                other = [r for r in QUALIFIED if r not in members][-1]
                outsider = text.replace(f'reviewer = "{reviewer}"', f'reviewer = "{other}"')
                outsider = outsider.replace(f"评审员 reviewer: {reviewer}", f"评审员 reviewer: {other}")
                (dest / f"{dossier_id}_{other}.toml").write_text(outsider)
            if round_name == "panel" and dossier_id in RATED:
                low = dossier_id == RATED[0] and k == 2
                ratings = {"work_quality": 2 if low else 4 + (k % 2), "integrity": 2 if low else 5}
                blank = (blanks / f"{dossier_id}_{reviewer}_applicant_rating.toml").read_text()
                (dest / f"{dossier_id}_{reviewer}_applicant_rating.toml").write_text(rate(blank, ratings))
                if k == 0:
                    blank = (blanks / f"{dossier_id}_{reviewer}_reviewer_rating.toml").read_text()
                    discipline = 2 if dossier_id == RATED[1] else 5
                    (dest / f"{dossier_id}_{reviewer}_reviewer_rating.toml").write_text(
                        rate(blank, {"discipline": discipline}))
    out, err = run([sqma, "score", "--round", round_name, "--cycle", CYCLE, "--dossiers", assigned_file,
                    dest.relative_to(ROOT)], ok=(0, 1))
    if err:
        print(err, end="", file=sys.stderr)
    scored_file = work / f"{round_name}-scored.jsonl"
    scored_file.write_bytes(out)
    out, _ = run([sqma, "aggregate", "--round", round_name, "--cycle", CYCLE, scored_file,
                  "--reviewers", work / f"{round_name}-reviewers.json", "--force"])
    return read_jsonl(out), assigned_file, scored_file


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqma", default=str(ROOT / "build/dev/cmd/sqma"))
    parser.add_argument("--fixtures", action="store_true", help="also write the golden tests' inputs")
    parser.add_argument("--keep", help="keep the intermediate files in this folder")
    args = parser.parse_args()
    sqma = str(Path(args.sqma).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        run([sys.executable, SAMPLES / "make-bundles", work / "bundles"])
        out, _ = run([sqma, "check", "--cycle", CYCLE, "--bundle-dir", work / "bundles",
                      "samples/dossiers/"], ok=(0, 1))
        dossiers = [d for d in read_jsonl(out) if d["stage"] == "eligible"]
        for round_name in ROUNDS:
            dossiers, assigned, scored = make_round(sqma, round_name, dossiers, work,
                                                    SAMPLES / "sheets" / round_name)
            if args.fixtures:
                # The score goldens use the written and panel rounds; aggregate's all three.
                pairs = [(scored, ROOT / "tests/cli/aggregate/data")]
                if round_name != "onsite":
                    pairs.append((assigned, ROOT / "tests/cli/score/data"))
                for src, dest in pairs:
                    dest.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, dest / src.name)
        table = json.loads((work / "written-reviewers.json").read_text())
        planted = {row["reviewer"]: leniency(row["reviewer"]) for row in table["rows"]}
        centre = sum(planted.values()) / len(planted)
        print("reviewer  planted  recovered  (written round; planted centred like the estimate)")
        for row in table["rows"]:
            print(f"{row['reviewer']}  {planted[row['reviewer']] - centre:+7.2f}  {row['leniency']:+9.2f}")
    count = sum(1 for _ in (SAMPLES / "sheets").rglob("*.toml"))
    print(f"make-sheets: {count} sheets in samples/sheets/")


if __name__ == "__main__":
    main()
