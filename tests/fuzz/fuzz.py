#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs one libFuzzer target of tests/fuzz on its seeds.

usage: fuzz.py replay FUZZER NAME ROOT WORK
       fuzz.py run FUZZER NAME ROOT WORK SECONDS

The seeds of a target are the repository's inputs of its kind: the samples, the data of the
golden CLI tests, the test fixtures, the bad inputs that tests/corpus/make_corpus.py writes
(when it is there), the built-in data, and the inputs that once made it fail
(tests/fuzz/regressions/NAME/). The bundle
target's seeds also include the sample bundles, built here with samples/make-bundles.

`replay` runs every seed once: a crash, leak, sanitizer finding, an input taking more than
TIMEOUT seconds or more than RSS_MB of memory fails. `run` copies the seeds to WORK/corpus
and fuzzes for SECONDS; a failure leaves the input as WORK/crash-*, leak-*, timeout-* or
oom-*, to be added to tests/fuzz/regressions/NAME/ with the fix."""
import os
import pathlib
import shutil
import subprocess
import sys

TIMEOUT = 10  # seconds for one input
RSS_MB = 2048

JSON = ("*.json", "*.jsonl")
TOML = ("*.toml",)
# The file patterns each target takes as seeds.
KINDS = {
    "bundle": ("*.zip",),
    "calendar": TOML,
    "cycle": TOML,
    "decisions": TOML,
    "dossier": JSON,
    "json": JSON,
    "registry": TOML,
    "rulebook": TOML,
    "sheet": TOML,
}
# Mutations of the largest seeds (JSON Lines files of half a megabyte, bad inputs of tens of
# megabytes) would run a few times a second; fuzzing takes their first MAX_LEN bytes, which
# still hold whole records. Replaying takes every seed whole.
MAX_LEN = {name: 65536 if name == "bundle" else 16384 for name in KINDS}
PLACES = ("samples", "tests/cli", "tests/fixtures", "tests/corpus", "data", "schemas")


def seeds(name, root, work):
    root = pathlib.Path(root)
    places = [root / p for p in PLACES]
    # The bad-input corpus is generated (tests/corpus/make_corpus.py), not committed.
    maker = root / "tests" / "corpus" / "make_corpus.py"
    if maker.is_file():
        generated = work / "bad-inputs"
        if not generated.is_dir():
            subprocess.run([sys.executable, maker, root, generated], check=True,
                           stdout=subprocess.DEVNULL)
        places.append(generated / "inputs")
    if name == "bundle":
        bundles = work / "sample-bundles"
        if not bundles.is_dir():
            subprocess.run([sys.executable, root / "samples" / "make-bundles", bundles],
                           check=True, stdout=subprocess.DEVNULL)
        places.append(bundles)
    found = set()
    for place in places:
        for pattern in KINDS[name]:
            found.update(p for p in place.rglob(pattern) if p.is_file())
    regressions = root / "tests" / "fuzz" / "regressions" / name
    if regressions.is_dir():
        found.update(p for p in regressions.iterdir() if p.is_file())
    return sorted(found)


def options(work):
    return [f"-timeout={TIMEOUT}", f"-rss_limit_mb={RSS_MB}", f"-artifact_prefix={work}/",
            "-print_final_stats=1"]


def main():
    mode, fuzzer, name, root, work = sys.argv[1:6]
    work = pathlib.Path(work)
    work.mkdir(parents=True, exist_ok=True)
    files = seeds(name, root, work)
    if not files:
        raise SystemExit(f"{name}: no seeds found below {root}")
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1")
    if mode == "replay":
        # Given files rather than folders, libFuzzer runs each once and changes nothing.
        result = subprocess.run([fuzzer, *options(work), *map(str, files)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if result.returncode != 0:
            sys.stderr.write(result.stderr.decode(errors="replace")[-20000:])
            raise SystemExit(f"{name}: a seed fails ({result.returncode})")
        print(f"{name}: {len(files)} seeds replayed")
        return 0
    seconds = int(sys.argv[6])
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir()
    for i, path in enumerate(files):
        shutil.copyfile(path, corpus / f"{i:05d}-{path.name}")
    limit = [f"-max_len={MAX_LEN[name]}"]
    result = subprocess.run([fuzzer, *options(work), *limit, f"-max_total_time={seconds}",
                             str(corpus)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = result.stderr.decode(errors="replace")
    stats = [line for line in log.splitlines() if line.startswith("stat::")]
    if result.returncode != 0:
        sys.stderr.write(log[-20000:])
        raise SystemExit(f"{name}: fuzzing found a failure ({result.returncode}); the input is "
                         f"in {work}/ (crash-*, leak-*, timeout-*, oom-*)")
    print(f"{name}: {seconds} s from {len(files)} seeds, no failure; " + ", ".join(
        line.split("::", 1)[1].replace(":", "").strip() for line in stats[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
