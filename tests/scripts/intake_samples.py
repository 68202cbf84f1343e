#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The sample dossiers are what sqma import makes of the sample forms, byte for byte.

samples/make-dossiers runs sqma import on samples/forms/ and samples/forms-checkchar/ with
their evidence into WORK; every dossier must equal the one committed in samples/, and
sqma export-form of every dossier must give its form back, byte for byte.

usage: intake_samples.py SQMA ROOT WORK"""
import pathlib
import shutil
import subprocess
import sys


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run([sys.executable, root / "samples" / "make-dossiers", sqma, work], check=True)
    problems = []
    count = 0
    for forms, dossiers in (("forms", "dossiers"), ("forms-checkchar", "dossiers-checkchar")):
        made = sorted((work / dossiers).glob("*.json"))
        committed = sorted((root / "samples" / dossiers).glob("*.json"))
        if [p.name for p in made] != [p.name for p in committed]:
            problems.append(f"{dossiers}: made {len(made)} dossiers, samples hold {len(committed)}")
        for dossier in made:
            count += 1
            sample = root / "samples" / dossiers / dossier.name
            if sample.exists() and sample.read_bytes() != dossier.read_bytes():
                problems.append(f"{dossiers}/{dossier.name} differs from the one sqma import makes")
            form = root / "samples" / forms / (dossier.stem + ".toml")
            back = subprocess.run([sqma, "export-form", dossier], capture_output=True, check=True)
            if back.stdout != form.read_bytes():
                problems.append(f"{forms}/{form.name} does not come back from export-form")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{count} dossiers: {count - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
