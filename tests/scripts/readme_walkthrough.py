#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs the README's walk-through of a whole cycle and compares what each command prints.

The walk-through is the part of README.md between the lines "<!-- walkthrough -->" and
"<!-- /walkthrough -->". Its ```sh blocks hold commands, as a user pastes them into a shell
in the repository's root, each followed by what it prints (standard output and standard
error, as a terminal shows them) as comment lines "# ..." ("#" alone for an empty line); a
command that exits with a status other than 0 ends its output with "# [exit status N]". A
command continues on the next line after a trailing backslash. Comment lines that begin
with "##" are notes, not output.

Each command runs with bash in a copy of the repository's samples/ and scripts/ (so the
README's relative paths hold), with the sqma under test first on PATH, one after the other
in the same folder, so that each sees what the earlier ones wrote. Every command must print
exactly what the README shows. With UPDATE_README=1 the README's outputs are rewritten
instead (review the diff).

usage: readme_walkthrough.py SQMA ROOT WORK"""
import os
import pathlib
import re
import shutil
import subprocess
import sys

BEGIN = "<!-- walkthrough -->"
END = "<!-- /walkthrough -->"


def parse_block(lines):
    """[(command, [expected lines])] of one ```sh block."""
    steps = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.startswith("##"):
            i += 1
            continue
        if line.startswith("#"):
            raise SystemExit(f"README walk-through: output without a command: {line!r}")
        command = [line]
        while command[-1].endswith("\\"):
            i += 1
            command.append(lines[i])
        i += 1
        expected = []
        while i < len(lines) and lines[i].startswith("#") and not lines[i].startswith("##"):
            expected.append(lines[i][2:] if lines[i].startswith("# ") else lines[i][1:])
            i += 1
        steps.append(("\n".join(command), expected))
    return steps


def blocks(text):
    """(start, end) line indexes of each ```sh block inside the walk-through."""
    lines = text.split("\n")
    try:
        begin, end = lines.index(BEGIN), lines.index(END)
    except ValueError:
        raise SystemExit(f"README.md has no {BEGIN} ... {END} section")
    found = []
    i = begin
    while i < end:
        if lines[i].strip() == "```sh":
            j = i + 1
            while lines[j].strip() != "```":
                j += 1
            found.append((i + 1, j))
            i = j
        i += 1
    return lines, found


def render(steps):
    out = []
    for command, printed in steps:
        out.extend(command.split("\n"))
        out.extend(("# " + line) if line else "#" for line in printed)
    return out


def main():
    sqma, root, work = (pathlib.Path(a).resolve() for a in sys.argv[1:4])
    readme = root / "README.md"
    lines, found = blocks(readme.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit("README walk-through: no ```sh blocks")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for name in ("samples", "scripts"):
        shutil.copytree(root / name, work / name, symlinks=True,
                        ignore=shutil.ignore_patterns("bundles", "__pycache__"))
    env = {"PATH": f"{sqma.parent}:/usr/local/bin:/usr/bin:/bin", "HOME": str(work),
           "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC", "COLUMNS": "100"}
    update = os.environ.get("UPDATE_README") == "1"
    failures = []
    rewritten = list(lines)
    results = []
    count = 0
    for start, end in found:
        steps = parse_block(lines[start:end])
        actual_steps = []
        for command, expected in steps:
            count += 1
            result = subprocess.run(["bash", "-c", command], cwd=work, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    timeout=120)
            printed = result.stdout.decode("utf-8", errors="replace").rstrip("\n")
            actual = printed.split("\n") if printed else []
            actual = [line.rstrip() for line in actual]
            if result.returncode != 0:
                actual.append(f"[exit status {result.returncode}]")
            actual = [line.replace(str(work), "WORK") for line in actual]
            if actual != expected:
                failures.append((command, expected, actual))
            actual_steps.append((command, actual))
        results.append((start, end, actual_steps))
    if update:
        # Later blocks first, so that rewriting one does not move the others.
        for start, end, steps in reversed(results):
            rewritten[start:end] = render(steps)
        readme.write_text("\n".join(rewritten), encoding="utf-8")
        print(f"README walk-through: {count} commands run, outputs rewritten")
        return 0
    for command, expected, actual in failures:
        print(f"--- README shows, for:\n{command}")
        print("\n".join(expected))
        print("--- but it printed:")
        print("\n".join(actual))
    if failures:
        print(f"README walk-through: {len(failures)} of {count} commands print something else "
              "(UPDATE_README=1 rewrites the README's outputs)")
        return 1
    print(f"README walk-through: {count} commands print what the README shows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
