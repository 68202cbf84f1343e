#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Crash safety of every file sqma writes, with the real binary.

Four runs that write many files each (check: dossiers in --out-dir, an XLSX report and
letters; certify: certificates and dossiers; publish: a notice in six formats; aggregate:
dossiers, two reports and an HTML page) are killed with SIGKILL at random moments, again
and again in the same folders, alternating between two variants whose outputs differ
(another --date). After every kill each target must hold, byte for byte, what one of the
two variants writes there (or be absent where that variant writes nothing): never a partial
file. Nothing else may be in the output folders but temporary files of the documented
pattern ".<name>.sqma-tmp-<pid>-<n>" of runs that were killed, and a reader given the
folder (sqma validate) must not see them. The next run that writes into a folder removes
them: once the trials are over, one more run of each variant must leave only its own files.

Then SIGINT, SIGTERM or SIGHUP (chosen at random) at random moments of the check run: the run either ends with 130 and leaves
every file as it was, without a temporary file, or (when the signal came after its first
rename) completes and leaves every new file: never a mix.

usage: crash_safety.py SQMA ROOT WORK [KILLS] [INTERRUPTS]
Prints the number of kills, how many left temporary files behind, and how many landed
during the final renames (some targets new, others old)."""
import os
import pathlib
import random
import re
import shutil
import signal
import subprocess
import sys
import time

TEMP = re.compile(r"^\.(.+)\.sqma-tmp-(\d+)-(\d+)$")


def run(args, ok=(0,), **kwargs):
    result = subprocess.run([str(a) for a in args], capture_output=True, **kwargs)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
                         f"{result.stderr.decode(errors='replace')}")
    return result


def snapshot(root):
    """Every file below `root`, by path relative to it, with its bytes."""
    root = pathlib.Path(root)
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() or p.is_symlink()}


class Scenario:
    """A command with two variants (old and new) that write the same targets below {out}."""

    def __init__(self, name, make_args, variants, ok=(0,)):
        self.name, self.make_args, self.variants, self.ok = name, make_args, variants, ok

    def args(self, out, variant):
        return self.make_args(out, self.variants[variant])

    def reference(self, sqma, work):
        """The files each variant writes, from a run into a fresh folder."""
        self.expected = []
        for i in range(len(self.variants)):
            out = work / f"{self.name}-ref{i}"
            shutil.rmtree(out, ignore_errors=True)
            start = time.monotonic()
            run([sqma, *self.args(out, i)], ok=self.ok)
            self.duration = time.monotonic() - start
            self.expected.append(snapshot(out))
        if self.expected[0] == self.expected[1]:
            raise SystemExit(f"{self.name}: the two variants write the same bytes")
        self.targets = sorted(set(self.expected[0]) | set(self.expected[1]))


def restore(scenario, out, variant):
    """Puts the targets as `variant` writes them, leaving any other file where it is."""
    for rel in scenario.targets:
        path = out / rel
        data = scenario.expected[variant].get(rel)
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def check_folder(scenario, out, pids):
    """Returns (temporary files, states): the state of each target is 0 or 1 when it holds
    only that variant's bytes (or is absent as in that variant), 'both' when the variants
    agree, and the check fails on anything else."""
    found = snapshot(out)
    temps = []
    states = {}
    for rel, data in found.items():
        name = pathlib.Path(rel).name
        match = TEMP.match(name)
        if match:
            assert int(match.group(2)) in pids, f"{scenario.name}: {rel} is no temporary file of ours"
            temps.append(rel)
            continue
        assert rel in scenario.targets, f"{scenario.name}: unexpected file {rel}"
    for rel in scenario.targets:
        data = found.get(rel)
        fits = [i for i, expected in enumerate(scenario.expected) if expected.get(rel) == data]
        assert fits, (f"{scenario.name}: {rel} is neither the old nor the new file "
                      f"({'absent' if data is None else f'{len(data)} bytes'})")
        states[rel] = fits[0] if len(fits) == 1 else "both"
    return temps, states


def kill_trials(sqma, scenarios, work, kills, rng):
    out_of = {s.name: work / f"{s.name}-trials" for s in scenarios}
    pids = {s.name: set() for s in scenarios}
    figures = {"kills": 0, "left_temps": 0, "mixed": 0, "finished": 0, "most_temps": 0}
    dossier_dirs = {"check": "dossiers", "aggregate": "dossiers", "certify": "awarded"}
    trial = 0
    while figures["kills"] < kills:
        scenario = scenarios[trial % len(scenarios)]
        variant = (trial // len(scenarios)) % 2
        trial += 1
        out = out_of[scenario.name]
        restore(scenario, out, 1 - variant)
        process = subprocess.Popen([str(a) for a in [sqma, *scenario.args(out, variant)]],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pids[scenario.name].add(process.pid)
        time.sleep(rng.uniform(0, scenario.duration * 1.1))
        process.send_signal(signal.SIGKILL)
        rc = process.wait()
        if rc != -signal.SIGKILL:
            assert rc in scenario.ok, f"{scenario.name}: exit status {rc}"
            figures["finished"] += 1
            continue
        figures["kills"] += 1
        temps, states = check_folder(scenario, out, pids[scenario.name])
        own = [t for t in temps if TEMP.match(pathlib.Path(t).name).group(2) == str(process.pid)]
        figures["left_temps"] += 1 if own else 0
        figures["most_temps"] = max(figures["most_temps"], len(temps))
        changed = {s for rel, s in states.items() if s != "both"}
        figures["mixed"] += 1 if changed == {0, 1} else 0
        assert changed <= {0, 1}
        folder = out / dossier_dirs.get(scenario.name, "")
        if scenario.name in dossier_dirs and folder.is_dir() and temps:
            # A reader given the folder sees the dossiers, never a temporary file.
            count = sum(1 for rel in states if rel.startswith(dossier_dirs[scenario.name] + "/")
                        and (out / rel).exists())
            result = run([sqma, "validate", folder], ok=(0, 1))
            line = result.stdout.decode().strip()
            assert line.startswith(f"{count} document"), f"{scenario.name}: validate saw {line!r}"
    # The next run into each folder removes what the killed runs left, and completes.
    for scenario in scenarios:
        for variant in (0, 1):
            run([sqma, *scenario.args(out_of[scenario.name], variant)], ok=scenario.ok)
            found = snapshot(out_of[scenario.name])
            assert found == scenario.expected[variant], (
                f"{scenario.name}: after a complete run the folder holds "
                f"{sorted(set(found) ^ set(scenario.expected[variant]))[:5]} besides its files")
    return figures


def interrupt_trials(sqma, scenario, work, interrupts, rng):
    out = work / f"{scenario.name}-interrupt"
    figures = {"interrupted": 0, "completed": 0}
    for trial in range(interrupts):
        # Start from the old files, then run the new variant and interrupt it.
        shutil.rmtree(out, ignore_errors=True)
        run([sqma, *scenario.args(out, 0)], ok=scenario.ok)
        process = subprocess.Popen([str(a) for a in [sqma, *scenario.args(out, 1)]],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0, scenario.duration * 1.1))
        stop = rng.choice([signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
        process.send_signal(stop)
        _, err = process.communicate()
        found = snapshot(out)
        if process.returncode in (130, -stop):
            assert found == scenario.expected[0], (
                f"interrupted {scenario.name} changed or left files: "
                f"{sorted(set(found) ^ set(scenario.expected[0]))[:5]}")
            figures["interrupted"] += 1
        else:
            assert process.returncode in scenario.ok, (
                f"{scenario.name}: exit status {process.returncode}: {err.decode()[-300:]}")
            assert found == scenario.expected[1], (
                f"{scenario.name} ended {process.returncode} after {stop.name} but did not write "
                f"every file: {sorted(set(found) ^ set(scenario.expected[1]))[:5]}")
            figures["completed"] += 1
    return figures


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    kills = int(sys.argv[4]) if len(sys.argv) > 4 else 120
    interrupts = int(sys.argv[5]) if len(sys.argv) > 5 else 20
    rng = random.Random(os.environ.get("SQMA_CRASH_SEED", str(time.time_ns())))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    samples = root / "samples"
    fixtures = root / "tests" / "fixtures" / "certify"
    run([sys.executable, samples / "make-bundles", work / "bundles"])
    key = samples / "keys" / "sample-private.pem"
    approved = work / "approved"
    run([sqma, "certify", "--cycle", fixtures / "cycle.toml", "--decisions",
         fixtures / "decisions.toml", "-o", approved, fixtures / "final"])
    awarded = work / "awarded"
    run([sqma, "certify", "--cycle", fixtures / "cycle.toml", "--decisions",
         fixtures / "decisions.toml", "--key", key, "--certificates",
         work / "awarded-certs", "--date", "2025-10-20", "-o", awarded, approved])

    scenarios = [
        Scenario("check", lambda out, date: [
            "check", "--cycle", samples / "cycle.toml", "--bundle-dir", work / "bundles",
            "--date", date, "--out-dir", out / "dossiers", "--report", out / "report.xlsx",
            "--letters", out / "letters", "--force", samples / "dossiers"],
            ["2025-07-15", "2025-07-16"], ok=(0, 1)),
        Scenario("certify", lambda out, date: [
            "certify", "--cycle", fixtures / "cycle.toml", "--decisions",
            fixtures / "decisions.toml", "--key", key, "--certificates", out / "certs", "--date", date, "-o", out / "awarded", "--force", approved],
            ["2025-10-20", "2025-10-21"]),
        Scenario("publish", lambda out, date: [
            "publish", "--cycle", fixtures / "cycle.toml", "--kind", "winners", "--date", date,
            "--out-dir", out / "notice", "--force", awarded],
            ["2025-11-28", "2025-12-01"]),
        Scenario("aggregate", lambda out, date: [
            "aggregate", "--round", "written", "--cycle", samples / "cycle.toml", "--date", date,
            "-o", out / "dossiers", "--report", out / "ranking.xlsx", "--reviewers",
            out / "reviewers.csv", "--html", out / "report.html", "--force",
            root / "tests" / "cli" / "aggregate" / "data" / "written-scored.jsonl"],
            ["2025-08-15", "2025-08-18"]),
    ]
    for scenario in scenarios:
        scenario.reference(sqma, work)
    started = time.monotonic()
    figures = kill_trials(sqma, scenarios, work, kills, rng)
    print(f"SIGKILL: {figures['kills']} kills ({figures['finished']} runs ended before their "
          f"kill); {figures['left_temps']} left temporary files, all removed by the next run; "
          f"{figures['mixed']} landed during the final renames; every target old or new; at most "
          f"{figures['most_temps']} temporary files in a folder at a time "
          f"({time.monotonic() - started:.0f} s)")
    started = time.monotonic()
    figures = interrupt_trials(sqma, scenarios[0], work, interrupts, rng)
    print(f"SIGINT: {figures['interrupted']} runs ended 130 leaving every file as it was, "
          f"{figures['completed']} completed every file; never a mix, never a temporary file "
          f"({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
