#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Runs the bad-input corpus of make_corpus.py against the real binary.

usage: run_corpus.py SQMA ROOT WORK [--limits] [--only SUBSTRING]

Makes the corpus in WORK/gen, a small staged cycle in WORK/base (bundles, checked, assigned,
scored, final, approved and awarded dossiers of the sample cycle), then runs every case in
a fresh folder WORK/cases/<name> and asserts:
- the exit status;
- the messages: stderr (or stdout, for findings) holds each expected substring, a refusal
  has a first line "sqma ...: error: ..." and stderr stays under 4 KB (a message quotes a
  short prefix of an offending value, never the value);
- the folder is byte for byte as before: no file created, changed, removed or left behind
  (temporary files included).
With --limits (release builds) each case must also finish within 5 s and 256 MB.
Prints one line per failure and "N passed, N failed"."""
import concurrent.futures
import hashlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent


def run(args, ok=(0,), stdin=None, cwd=None):
    result = subprocess.run([str(a) for a in args], capture_output=True, input=stdin, cwd=cwd)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
                         f"{result.stderr.decode(errors='replace')}")
    return result.stdout


def stage(sqma, root, base):
    """The sample cycle up to certificates, as the cases need it."""
    samples = root / "samples"
    cycle = samples / "cycle.toml"
    reviewers = samples / "reviewers.toml"
    run([sys.executable, samples / "make-bundles", base / "bundles"])
    stream = run([sqma, "check", "--cycle", cycle, "--bundle-dir", base / "bundles",
                  samples / "dossiers"], ok=(1,))
    (base / "checked.jsonl").write_bytes(stream)
    for name in ("written", "panel", "onsite"):
        stream = run([sqma, "assign", "--cycle", cycle, "--reviewers", reviewers, "--round", name,
                      "--pass-unready", "-"], stdin=stream)
        if name == "written":
            (base / "written.jsonl").write_bytes(stream)
        stream = run([sqma, "score", "--round", name, "--cycle", cycle, "--dossiers", "-",
                      samples / "sheets" / name], ok=(0, 1), stdin=stream)
        if name == "written":
            (base / "scored.jsonl").write_bytes(stream)
        stream = run([sqma, "aggregate", "--round", name, "--cycle", cycle, "-"], ok=(0, 1),
                     stdin=stream)
    (base / "final.jsonl").write_bytes(stream)
    approved = run([sqma, "certify", "--cycle", cycle, "--decisions", samples / "decisions.toml",
                    "-"], stdin=stream)
    (base / "approved.jsonl").write_bytes(approved)
    awarded = run([sqma, "certify", "--cycle", cycle, "--decisions", samples / "decisions.toml",
                   "--key", samples / "keys" /
                   "sample-private.pem", "--certificates", base / "certs", "--date",
                   "2025-12-01", "-"], stdin=approved)
    (base / "awarded.jsonl").write_bytes(awarded)
    cert = sorted((base / "certs").glob("*.json"))[0]
    record = json.loads(cert.read_text("utf-8"))
    record["certificate"]["holder"] = record["certificate"]["holder"] + "X" \
        if "certificate" in record else record
    (base / "tampered.json").write_text(json.dumps(record, ensure_ascii=False), "utf-8")
    shutil.copyfile(sorted((samples / "sheets" / "written").glob("*.toml"))[0],
                    base / "sheet.toml")
    for name in ("checked", "written", "scored", "final", "approved", "awarded"):
        first = (base / f"{name}.jsonl").read_text("utf-8").splitlines()[0]
        text = json.dumps(json.loads(first), ensure_ascii=False, indent=2) + "\n"
        (base / f"one-{name}.json").write_text(text, "utf-8")


def snapshot(folder):
    state = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        if path.is_symlink():
            state[rel] = ("link", os.readlink(path))
        elif path.is_dir():
            state[rel] = ("dir",)
        else:
            info = path.stat()
            state[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), info.st_mode)
    return state


def lay_out(case, folder, gen, base, root):
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    hard = []
    for rel, src in case["files"].items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.startswith("@hardlink:"):
            hard.append((target, folder / src.split(":", 1)[1]))
            continue
        origin = (root / "samples" / src[len("@samples/"):] if src.startswith("@samples/")
                  else base / src[len("@base/"):] if src.startswith("@base/") else gen / src)
        shutil.copyfile(origin, target)
    for target, origin in hard:
        os.link(origin, target)
    if case["files"].get("cycle.toml") == "@samples/cycle.toml":
        # The samples' cycle reads bundles/ (which make-bundles fills): an empty one stands
        # for bundles not received yet, as check refuses a bundle folder that is not there.
        (folder / "bundles").mkdir(exist_ok=True)
    for rel, dest in case["links"].items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(dest, folder / rel)


def run_case(sqma, case, folder, limits):
    before = snapshot(folder)
    started = time.monotonic()
    # "stdin" names a file of the case folder that standard input is redirected from.
    stdin = open(folder / case["stdin"], "rb") if case.get("stdin") else subprocess.DEVNULL
    # "full": standard output is /dev/full, where every write fails (a full disk).
    full = open("/dev/full", "wb") if case.get("full") else None
    proc = subprocess.Popen([sqma] + case["args"], cwd=folder, stdin=stdin,
                            stdout=full or subprocess.PIPE, stderr=subprocess.PIPE)
    if stdin is not subprocess.DEVNULL:
        stdin.close()
    if full:
        full.close()
    timer = threading.Timer(60, proc.kill)
    timer.start()
    captured = {}
    captured["out"] = b""
    readers = [threading.Thread(target=lambda k=k, f=f: captured.__setitem__(k, f.read()))
               for k, f in (("out", proc.stdout), ("err", proc.stderr)) if f is not None]
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    timer.cancel()
    for r in readers:
        r.join()
    out, err = captured["out"], captured["err"]
    elapsed = time.monotonic() - started
    peak_mb = usage.ru_maxrss / 1024
    problems = []
    stdout = out.decode("utf-8", "replace")
    stderr = err.decode("utf-8", "replace")
    if proc.returncode != case["rc"]:
        problems.append(f"exit status {proc.returncode}, expected {case['rc']}")
    for want in case["stderr"]:
        if want not in stderr:
            problems.append(f"stderr lacks {want!r}")
    for want in case["stdout"]:
        if want not in stdout:
            problems.append(f"stdout lacks {want!r}")
    if case["rc"] >= 2 and not stderr.startswith("sqma"):
        problems.append("no message on stderr")
    if len(err) > 4096:
        problems.append(f"stderr holds {len(err)} bytes")
    after = snapshot(folder)
    if after != before:
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        problems.append(f"the folder changed: {changed[:5]}")
    if limits and elapsed > 5:
        problems.append(f"took {elapsed:.1f} s")
    if limits and peak_mb > 256:
        problems.append(f"took {peak_mb:.0f} MB")
    if problems:
        problems.append(f"stderr: {stderr[:600]!r}")
    return problems


def main():
    args = sys.argv[1:]
    limits = "--limits" in args
    only = args[args.index("--only") + 1] if "--only" in args else ""
    positional = [a for a in args if not a.startswith("--") and a != only]
    sqma, root, work = (pathlib.Path(positional[0]).resolve(), pathlib.Path(positional[1]),
                        pathlib.Path(positional[2]))
    shutil.rmtree(work, ignore_errors=True)
    (work / "base").mkdir(parents=True)
    run([sys.executable, HERE / "make_corpus.py", root, work / "gen"])
    stage(sqma, root, work / "base")
    cases = json.loads((work / "gen" / "cases.json").read_text("utf-8"))
    cases = [c for c in cases if only in c["name"]]

    def one(case):
        folder = work / "cases" / case["name"].replace("/", "_")
        lay_out(case, folder, work / "gen", work / "base", root)
        return case["name"], run_case(str(sqma), case, folder, limits)

    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for name, problems in pool.map(one, cases):
            if problems:
                failed += 1
                print(f"FAIL {name}: " + "; ".join(problems))
    print(f"{len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
