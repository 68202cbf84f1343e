#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Same inputs, same bytes; the order of the inputs changes nothing.

The whole sample cycle (check, the written, panel and on-site rounds with panels, blank and
filled sheets and rankings, the committee's decisions, certificates, a revocation and the
three notices) runs three times with every output written to files: reports in every
format, letters, HTML pages, certificates, notices, and the dossiers of each step in an
--out-dir. The second run must write the same files, byte for byte, as the first. The third
gets every input in another order: the dossier files, the score sheets and the certificates
named one by one in a shuffled order instead of by their folder, and the dossiers of a JSON
Lines input in shuffled lines. It must write the same files too, except what sqma(1)
documents to follow the input order: JSON Lines on standard output, which must then hold
the same lines.

usage: determinism.py SQMA ROOT WORK"""
import os
import pathlib
import random
import shutil
import subprocess
import sys
import time


def run(args, ok=(0,), stdin=None):
    result = subprocess.run([str(a) for a in args], capture_output=True, input=stdin)
    if result.returncode not in ok:
        command = " ".join(map(str, args))
        raise SystemExit(f"{command[:300]}{'...' if len(command) > 300 else ''} failed "
                         f"({result.returncode}):\n"
                         f"{result.stderr.decode(errors='replace')[:2000]}")
    return result.stdout


def repeat(flag, values):
    """The flag before each value: an option takes one value at a time."""
    return [item for value in values for item in (flag, value)]


class Cycle:
    """One run of the whole cycle into `out`; `rng` shuffles the inputs when given."""

    def __init__(self, sqma, root, out, bundles, rng=None):
        self.sqma, self.root, self.out, self.bundles, self.rng = sqma, root, out, bundles, rng
        self.samples = root / "samples"
        self.cycle = self.samples / "cycle.toml"
        self.streams = {}  # standard output of each step

    def files(self, *folders, pattern="*"):
        """The files of folders: the folders themselves, or their files one by one in a
        shuffled order."""
        if self.rng is None:
            return list(folders)
        found = [p for f in folders for p in sorted(pathlib.Path(f).rglob(pattern))
                 if p.is_file()]
        self.rng.shuffle(found)
        return found

    def lines(self, path):
        """A JSON Lines file as it is, or a shuffled copy of it."""
        if self.rng is None:
            return path
        rows = path.read_bytes().splitlines(keepends=True)
        self.rng.shuffle(rows)
        copy = path.with_name("shuffled-" + path.name)
        copy.write_bytes(b"".join(rows))
        return copy

    def step(self, name, args, ok=(0,)):
        self.streams[name] = run([self.sqma, *args], ok=ok)
        (self.out / "stdout").mkdir(parents=True, exist_ok=True)
        # certify verify names each file: the run's own folder is not an output.
        text = self.streams[name].replace(bytes(self.out), b"OUT")
        (self.out / "stdout" / f"{name}.txt").write_bytes(text)

    def run(self):
        o, c = self.out, self.cycle
        dossiers = self.files(self.samples / "dossiers", self.samples / "dossiers-checkchar",
                              pattern="*.json")
        check = ["check", "--cycle", c, "--bundle-dir", self.bundles]
        self.step("check", [*check, "--out-dir", o / "checked", "--report", o / "check.xlsx",
                            "--letters", o / "letters", *dossiers], ok=(1,))
        for ext in ("csv", "json", "txt"):
            self.step(f"check-{ext}", [*check, "--report", o / f"check.{ext}", *dossiers],
                      ok=(1,))
        (o / "checked.jsonl").write_bytes(self.streams["check-csv"])
        previous = None
        for name in ("written", "panel", "onsite"):
            r = o / name
            r.mkdir(parents=True)
            source = [self.lines(o / "checked.jsonl")] if previous is None else \
                self.files(previous)
            self.step(f"{name}-assign", [
                "assign", "--cycle", c, "--reviewers", self.samples / "reviewers.toml",
                "--round", name, "--pass-unready", "--report", r / "panels.xlsx",
                "--reviewer-report", r / "tasks.csv", "--audit", r / "audit.json",
                "-o", r / "assigned", *source])
            self.step(f"{name}-assign-text", [
                "assign", "--cycle", c, "--reviewers", self.samples / "reviewers.toml",
                "--round", name, "--pass-unready", "--report", r / "panels.txt",
                "--reviewer-report", r / "tasks.xlsx", "--audit", r / "audit.csv", *source])
            self.step(f"{name}-template", [
                "score", "template", "--round", name, "--cycle", c, "--kind", "all",
                "--out-dir", r / "blank", *self.files(r / "assigned")])
            self.step(f"{name}-score", [
                "score", *self.files(self.samples / "sheets" / name), "--round", name,
                "--cycle", c, "-o", r / "scored", *repeat("--dossiers", self.files(r / "assigned"))],
                ok=(0, 1))
            self.step(f"{name}-aggregate", [
                "aggregate", "--round", name, "--cycle", c, "-o", r / "aggregated",
                "--report", r / "ranking.xlsx", "--reviewers", r / "reviewers.csv",
                "--html", r / "report.html", *self.files(r / "scored")])
            for ext in ("csv", "json", "txt"):
                self.step(f"{name}-aggregate-{ext}", [
                    "aggregate", "--round", name, "--cycle", c, "--report",
                    r / f"ranking.{ext}", "--reviewers", r / f"reviewers-{ext}.{ext}",
                    *self.files(r / "scored")])
            previous = r / "aggregated"
        self.step("decide", ["certify", "--cycle", c, "--decisions",
                             self.samples / "decisions.toml", "-o", o / "approved",
                             *self.files(previous)])
        self.step("issue", ["certify", "--cycle", c, "--decisions",
                            self.samples / "decisions.toml", "--key",
                            self.samples / "keys" / "sample-private.pem", "--certificates",
                            o / "certs", "--date", "2025-11-28", "-o", o / "awarded",
                            *self.files(o / "approved")])
        self.step("revoke", ["certify", "revoke", "--dossier", "SQMA-2025-L01", "--reason",
                             "major_complaint", "--date", "2026-03-02", "--reference",
                             "审定委员会〔2026〕2号", "-o", o / "final",
                             *self.files(o / "awarded")])
        for kind, folder in (("candidates", "approved"), ("winners", "awarded"),
                             ("revocation", "final")):
            for order in ("rank", "stroke", "pinyin"):
                self.step(f"publish-{kind}-{order}", [
                    "publish", "--cycle", c, "--kind", kind, "--order", order, "--date",
                    "2025-12-01", "--out-dir", o / f"notice-{kind}-{order}",
                    *self.files(o / folder)])
        public = self.samples / "keys" / "sample-public.pem"
        certs = sorted((o / "certs").glob("*.svg"))
        if self.rng is not None:
            self.rng.shuffle(certs)
        self.step("verify", ["certify", "verify", *certs, "--public-key", public,
                             *repeat("--dossiers", self.files(o / "final"))], ok=(5,))
        self.step("validate", ["validate", *self.files(o / "final")], ok=(1,))
        return self


def outputs(out):
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith("shuffled-")}


# Standard output follows the input order by design (sqma(1)): JSON Lines of dossiers, and
# the one line per file of certify verify. With shuffled inputs it is compared as a set of
# lines.
ORDERED_BY_INPUT = ("checked.jsonl",)


def differences(a, b, shuffled):
    problems = []
    for rel in sorted(set(a) | set(b)):
        if rel not in a or rel not in b:
            problems.append(f"{rel}: only in {'the first' if rel in a else 'the other'} run")
            continue
        if a[rel] == b[rel]:
            continue
        by_input = rel in ORDERED_BY_INPUT or rel.startswith("stdout/")
        if shuffled and by_input and sorted(a[rel].splitlines()) == sorted(b[rel].splitlines()):
            continue
        problems.append(f"{rel}: differs")
    return problems


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    seed = int(os.environ.get("SQMA_SHUFFLE_SEED", time.time_ns() % 1_000_000))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    bundles = work / "bundles"
    run([sys.executable, root / "samples" / "make-bundles", bundles])
    first = outputs(Cycle(sqma, root, work / "first", bundles).run().out)
    second = outputs(Cycle(sqma, root, work / "second", bundles).run().out)
    shuffled = outputs(Cycle(sqma, root, work / "shuffled", bundles,
                             random.Random(seed)).run().out)
    problems = [f"second run: {p}" for p in differences(first, second, False)]
    problems += [f"shuffled inputs (SQMA_SHUFFLE_SEED={seed}): {p}"
                 for p in differences(first, shuffled, True)]
    if problems:
        print("\n".join(problems))
        return 1
    print(f"{len(first)} output files byte-identical in two runs and with shuffled inputs "
          f"(SQMA_SHUFFLE_SEED={seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
