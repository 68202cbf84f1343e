#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""sqma status after each stage of the sample cycle (the steps of scripts/demo), compared with
the goldens in tests/cli/status/stages/: the text on standard output and the exit status, and at
one stage the reminders, the JSON and the CSV too. UPDATE_GOLDEN=1 rewrites the goldens.

The cycle runs with the real binary from the committed samples: condition check, the written,
panel and on-site rounds (assign, the sheets of samples/sheets/, score, aggregate), the
committee's decisions, the notice of the candidates, certificates, the notice of the winners, a
revocation and its notice. Status runs after each step on a date of that step, with the
reviewer registry, the round's sheets folder while a round is open, and the notices published
so far.

usage: status_stages.py SQMA ROOT WORK"""
import difflib
import os
import pathlib
import shutil
import subprocess
import sys

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


class Cycle:
    def __init__(self, sqma, root, work):
        self.sqma, self.root, self.work = sqma, root, work
        self.goldens = root / "tests" / "cli" / "status" / "stages"
        self.failures = []
        self.notices = []

    def run(self, args, ok=(0,), stdin=None):
        result = subprocess.run([self.sqma, *map(str, args)], capture_output=True, cwd=self.work,
                                input=stdin)
        if result.returncode not in ok:
            raise SystemExit(f"sqma {' '.join(map(str, args))} failed ({result.returncode}):\n"
                             f"{result.stderr.decode(errors='replace')}")
        return result

    def shown(self, text):
        return text.replace(str(self.work), "@WORK@").replace(str(self.root), "@ROOT@")

    def compare(self, name, got):
        golden = self.goldens / name
        if UPDATE:
            golden.write_bytes(got.encode("utf-8"))
            return
        want = golden.read_bytes().decode("utf-8") if golden.exists() else ""
        if got != want:
            diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                                f"{name} (golden)", f"{name} (got)"))
            self.failures.append(f"{name} differs:\n{diff}")

    def status(self, name, date, dossiers, sheets=None, extra=()):
        args = ["status", "--cycle", "samples/cycle.toml", "--reviewers", "samples/reviewers.toml",
                "--date", date]
        if sheets:
            args += ["--sheets", f"samples/sheets/{sheets}"]
        for n in self.notices:
            args += ["--notices", n]
        args += [*extra, dossiers]
        result = self.run(args, ok=(0, 1))
        if result.stderr:
            self.failures.append(f"{name}: stderr is not empty: {result.stderr.decode()}")
        command = self.shown(" ".join(map(str, args)))
        text = self.shown(result.stdout.decode("utf-8"))
        self.compare(name, f"$ sqma {command}\n{text}[exit status {result.returncode}]\n")
        print(f"{name}: exit status {result.returncode}")
        return result


def main():
    sqma = pathlib.Path(sys.argv[1]).resolve()
    root = pathlib.Path(sys.argv[2]).resolve()
    work = pathlib.Path(sys.argv[3]).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    c = Cycle(sqma, root, work)
    # Everything runs in the work folder with relative paths, so that the reports are the same
    # wherever the build tree is.
    (work / "samples").symlink_to(root / "samples", target_is_directory=True)
    cycle = "samples/cycle.toml"
    subprocess.run([sys.executable, root / "samples" / "make-bundles", work / "bundles"],
                   check=True, capture_output=True)

    checked = work / "checked.jsonl"
    checked.write_bytes(c.run(["check", "--cycle", cycle, "--bundle-dir", "bundles",
                               "samples/dossiers/", "samples/dossiers-checkchar/"],
                              ok=(1,)).stdout)
    c.status("01-checked.txt", "2025-07-21", checked)

    stream = checked
    dates = {"written": ("2025-08-15", "2025-08-21", "2025-08-22"),
             "panel": ("2025-09-19", "2025-09-25", "2025-09-26"),
             "onsite": ("2025-10-17", "2025-10-28", "2025-10-24")}
    for n, name in enumerate(("written", "panel", "onsite")):
        assigned_on, waiting_on, scored_on = dates[name]
        assigned = work / f"{name}-assigned.jsonl"
        assigned.write_bytes(c.run(["assign", "--cycle", cycle, "--reviewers",
                                    "samples/reviewers.toml", "--round", name, "--pass-unready",
                                    stream]).stdout)
        step = 2 + 3 * n
        c.status(f"{step:02d}-{name}-assigned.txt", assigned_on, assigned)
        if name == "onsite":
            # Past the due date with nothing received: every on-site reviewer is overdue; each
            # gets a reminder.
            reminders = work / "reminders"
            c.status(f"{step:02d}-{name}-overdue.txt", waiting_on, assigned,
                     extra=["--reminders", reminders])
            for letter in sorted(reminders.iterdir()):
                c.compare(f"{step:02d}-reminder-{letter.name}", letter.read_text(encoding="utf-8"))
        else:
            c.status(f"{step:02d}-{name}-sheets-in.txt", waiting_on, assigned, sheets=name)
        scored = work / f"{name}-scored.jsonl"
        scored.write_bytes(c.run(["score", "--round", name, "--cycle", cycle, "--dossiers",
                                  assigned, f"samples/sheets/{name}/"], ok=(0, 1)).stdout)
        c.status(f"{step + 1:02d}-{name}-scored.txt", scored_on, scored, sheets=name)
        aggregated = work / f"{name}-aggregated.jsonl"
        aggregated.write_bytes(c.run(["aggregate", "--round", name, "--cycle", cycle,
                                      scored]).stdout)
        c.status(f"{step + 2:02d}-{name}-aggregated.txt", scored_on, aggregated)
        stream = aggregated

    approved = work / "approved.jsonl"
    approved.write_bytes(c.run(["certify", "--cycle", cycle, "--decisions",
                                "samples/decisions.toml", stream]).stdout)
    c.status("11-approved.txt", "2025-11-05", approved)
    c.run(["publish", "--cycle", cycle, "--kind", "candidates", "--date", "2025-11-10",
           "--out-dir", "notice-candidates", approved])
    c.notices.append("notice-candidates")
    c.status("12-candidates-notice.txt", "2025-11-12", approved)
    args = ["status", "--cycle", cycle, "--date", "2025-11-12", "--notices",
            "notice-candidates", approved]
    c.compare("12-candidates-notice.json",
              c.shown(c.run([*args, "--format", "json"], ok=(1,)).stdout.decode("utf-8")))
    c.compare("12-candidates-notice.csv",
              c.shown(c.run([*args, "--format", "csv"], ok=(1,)).stdout.decode("utf-8")))

    awarded = work / "awarded.jsonl"
    awarded.write_bytes(c.run(["certify", "--cycle", cycle, "--decisions",
                               "samples/decisions.toml", "--key",
                               "samples/keys/sample-private.pem", "--certificates",
                               work / "certificates", "--date", "2025-11-28", approved]).stdout)
    c.run(["publish", "--cycle", cycle, "--kind", "winners", "--date", "2025-11-28",
           "--out-dir", "notice-winners", awarded])
    c.notices.append("notice-winners")
    c.status("13-awarded.txt", "2025-12-03", awarded)

    final = work / "final.jsonl"
    final.write_bytes(c.run(["certify", "revoke", "--dossier", "SQMA-2025-L01", "--reason",
                             "major_complaint", "--date", "2026-03-02", "--reference",
                             "审定委员会〔2026〕2号", awarded]).stdout)
    c.run(["publish", "--cycle", cycle, "--kind", "revocation", "--date", "2026-03-09",
           "--out-dir", "notice-revocation", final])
    c.notices.append("notice-revocation")
    c.status("14-revoked.txt", "2026-03-10", final)

    for f in c.failures:
        print(f)
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
