#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Evidence bundles and cycle archives as BagIt bags, end to end with the real binary.

- determinism: the same folder gives the same zip bytes under another umask, other file
  times, another time zone and another working folder;
- names in Chinese, with spaces and with "%" go in (the manifest percent-encodes "%"), a
  name with a line break is refused with the name;
- `unzip` extracts the bag and an independent validator (bagit_validate.py, standard
  library only) accepts it; so do sha256sum -c and openssl for the archive, as its README
  says;
- tamper detection: a changed, a removed and an added file, in a bundle and in an
  archive, are each found and named by `bundle verify` / `archive verify` (exit 1), and
  the independent validator agrees;
- an archive whose certificate was re-signed by another key fails `archive verify`, and so
  does one with a certificate added after sealing, every manifest made to match;
- an interrupted archive leaves nothing at the target path; an existing target needs
  --force;
- sqma check reads a bag as it reads a plain zip, and reports a changed file of a bag.

usage: bags.py SQMA ROOT WORK"""
import hashlib
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
VALIDATOR = HERE / "bagit_validate.py"


def run(args, ok=(0,), env=None, cwd=None):
    result = subprocess.run([str(a) for a in args], capture_output=True, env=env, cwd=cwd)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, args))} exited {result.returncode}, expected "
                         f"{ok}:\n{result.stdout.decode(errors='replace')}"
                         f"{result.stderr.decode(errors='replace')}")
    return result.stdout.decode(errors="replace") + result.stderr.decode(errors="replace")


def expect(condition, message):
    if not condition:
        raise SystemExit(f"FAILED: {message}")


def unzip(zip_path, dest):
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    run(["unzip", "-q", zip_path, "-d", dest])
    tops = list(dest.iterdir())
    expect(len(tops) == 1 and tops[0].is_dir(), f"{zip_path}: not one top folder: {tops}")
    return tops[0]


def rezip(folder, zip_path):
    """Zips an extracted bag again with Info-ZIP's zip, as someone tampering would."""
    zip_path.unlink(missing_ok=True)
    run(["zip", "-q", "-r", zip_path.resolve(), folder.name], cwd=folder.parent)


def rehash(bag, manifest, path):
    """Rewrites the line of `path` in `manifest` with the file's present digest."""
    digest = hashlib.sha256((bag / path).read_bytes()).hexdigest()
    lines = (bag / manifest).read_text().splitlines()
    lines = [f"{digest}  {path}" if line.endswith(f"  {path}") else line for line in lines]
    (bag / manifest).write_text("\n".join(lines) + "\n")


def validator(bag, ok=(0,)):
    return run([sys.executable, VALIDATOR, bag], ok=ok)


def verify_resealed(sqma, bag, zip_path):
    """An archive changed with its manifests made to match: the independent validator finds
    the bag valid; zipped again, `archive verify` must not (exit 1). Returns what it said."""
    validator(bag)
    rezip(bag, zip_path)
    return run([sqma, "archive", "verify", zip_path], ok=(1,))


def make_evidence(folder, percent=True):
    files = {
        "01-申报表.md": "# 申报表\n上海擎宇智能装备股份有限公司\n" * 20,
        "02 自评报告 final.md": "自评报告 with spaces in its name\n" * 40,
        "03-100%达标.txt": "a name with a percent sign\n",
        "04-证实性材料/营业执照 副本.pdf": bytes(range(256)) * 64,
        "04-证实性材料/空文件.txt": "",
    }
    for name, content in files.items():
        if "%" in name and not percent:
            continue
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())


def test_bundle(sqma, work):
    work.mkdir()
    evidence = work / "evidence"
    make_evidence(evidence)
    first = work / "one" / "SQMA-2025-O01.zip"
    second = work / "two" / "SQMA-2025-O01.zip"
    first.parent.mkdir()
    second.parent.mkdir()
    run([sqma, "bundle", "create", evidence, "-o", first, "--date", "2025-06-30"])
    # Another machine: another umask, other file times, another time zone, another cwd.
    for path in evidence.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    env = dict(os.environ, TZ="America/Los_Angeles", SOURCE_DATE_EPOCH="1")
    old = os.umask(0o077)
    try:
        run([sqma, "bundle", "create", evidence.resolve(), "-o", second.resolve(), "--date",
             "2025-06-30"], env=env, cwd=work / "two")
    finally:
        os.umask(old)
    expect(first.read_bytes() == second.read_bytes(), "two runs gave different zips")
    out = run([sqma, "bundle", "create", evidence, "-o", first, "--date", "2025-06-30"], ok=(2,))
    expect("--force" in out, f"an existing zip was not refused for want of --force: {out}")
    run([sqma, "bundle", "create", evidence, "-o", first, "--date", "2025-06-30", "--force"])

    bag = unzip(first, work / "x")
    expect(bag.name == "SQMA-2025-O01", f"top folder {bag.name}")
    manifest = (bag / "manifest-sha256.txt").read_text()
    expect("data/03-100%25达标.txt" in manifest, "% is not percent-encoded in the manifest")
    expect((bag / "data/03-100%达标.txt").is_file(), "the file with % is not in data/")
    validator(bag)
    run([sqma, "bundle", "verify", first])

    listing = run(["zipinfo", first])
    expect("stor" in next(l for l in listing.splitlines() if l.endswith(".pdf")),
           "the PDF is not stored")
    expect("defN" in next(l for l in listing.splitlines() if l.endswith("01-申报表.md")),
           "the text is not deflated")

    bad = work / "bad"
    bad.mkdir()
    (bad / "line\nbreak.txt").write_text("x")
    out = run([sqma, "bundle", "create", bad, "-o", work / "bad.zip", "--date", "2025-06-30"],
              ok=(3,))
    expect("line" in out and "line break" in out, f"a CR/LF name was not refused by name: {out}")
    expect(not (work / "bad.zip").exists(), "a refused bag left a zip")

    tamper(sqma, first, work / "tamper-bundle", "data/01-申报表.md", "bundle")


def tamper(sqma, zip_path, work, victim, verb):
    """A changed, a removed and an added file: each found and named."""
    work.mkdir()
    cases = {
        "changed": lambda bag: (bag / victim).write_bytes((bag / victim).read_bytes() + b"!"),
        "missing": lambda bag: (bag / victim).unlink(),
        "extra": lambda bag: (bag / "data" / "added.txt").write_text("added\n"),
    }
    verify = [sqma, "bundle", "verify"] if verb == "bundle" else [sqma, "archive", "verify"]
    for kind, damage in cases.items():
        bag = unzip(zip_path, work / kind)
        damage(bag)
        validator(bag, ok=(1,))
        damaged = work / f"{kind}.zip"
        rezip(bag, damaged)
        out = run(verify + [damaged], ok=(1,))
        named = "data/added.txt" if kind == "extra" else victim
        expect(f"{kind}: {named}" in out, f"{verb} verify did not report {kind} {named}: {out}")


def test_archive(sqma, root, work):
    work.mkdir()
    cycle = work / "cycle-2025"
    cycle.mkdir()
    keys = work / "keys"
    keys.mkdir()
    private = keys / "private.pem"
    run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", private])
    (cycle / "keys").mkdir()
    public = cycle / "keys" / "public.pem"
    run(["openssl", "pkey", "-in", private, "-pubout", "-out", public])
    fixtures = root / "tests/fixtures/certify"
    shutil.copy(fixtures / "cycle.toml", cycle / "cycle.toml")
    shutil.copytree(fixtures / "final", cycle / "final")
    run([sqma, "certify", "--cycle", cycle / "cycle.toml", "--decisions",
         fixtures / "decisions.toml", "--key", private, "--certificates",
         cycle / "certificates", "--date", "2025-10-20", "-o", cycle / "awarded", cycle / "final"])
    # No "%" here: sha256sum -c (README.txt, step 1) reads manifest paths literally.
    make_evidence(cycle / "evidence" / "SQMA-2025-O01", percent=False)

    archive = work / "cycle-2025.zip"
    run([sqma, "archive", cycle, "-o", archive, "--date", "2026-03-31"])
    again = work / "again" / "cycle-2025.zip"
    again.parent.mkdir()
    old = os.umask(0o027)
    try:
        run([sqma, "archive", cycle, "-o", again, "--date", "2026-03-31"],
            env=dict(os.environ, TZ="Asia/Tokyo"))
    finally:
        os.umask(old)
    expect(archive.read_bytes() == again.read_bytes(), "two archives of a cycle differ")
    out = run([sqma, "archive", "verify", archive])
    expect("valid" in out and "certificates verified" in out, out)

    bag = unzip(archive, work / "archive-x")
    validator(bag)
    run(["sha256sum", "--quiet", "-c", "manifest-sha256.txt"], cwd=bag)
    run(["sha256sum", "--quiet", "-c", "tagmanifest-sha256.txt"], cwd=bag)
    info = (bag / "bag-info.txt").read_text()
    for line in ("Sqma-Cycle-Year: 2025", "Sqma-Public-Key: data/keys/public.pem",
                 "Bagging-Date: 2026-03-31", "Sqma-Stage-"):
        expect(line in info, f"bag-info.txt lacks {line!r}:\n{info}")
    expect("sha256sum -c" in (bag / "README.txt").read_text(), "README does not say how to check")
    record = sorted((bag / "data/certificates").glob("*.json"))[0]
    message = work / "message"
    signature = work / "signature"
    message.write_text(run([sys.executable, "-c",
                            "import json,sys; sys.stdout.write(json.dumps(json.load(open("
                            "sys.argv[1]))['certificate'], ensure_ascii=False, sort_keys=True,"
                            " separators=(',', ':')))", record]))
    subprocess.run([sys.executable, "-c", "import json,sys,base64; sys.stdout.buffer.write("
                    "base64.b64decode(json.load(open(sys.argv[1]))['signature']))", record],
                   stdout=signature.open("wb"), check=True)
    out = run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", bag / "data/keys/public.pem",
               "-rawin", "-in", message, "-sigfile", signature])
    expect("Verified Successfully" in out, f"openssl did not verify {record.name}: {out}")

    tamper(sqma, archive, work / "tamper-archive", "data/cycle.toml", "archive")

    # Another public key put in, its digests made to match in both manifests: the bag is
    # valid, the certificates are not.
    forged = unzip(archive, work / "forged")
    other = keys / "other.pem"
    run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", other])
    (forged / "data/keys/public.pem").write_bytes(
        subprocess.run(["openssl", "pkey", "-in", other, "-pubout"], capture_output=True,
                       check=True).stdout)
    rehash(forged, "manifest-sha256.txt", "data/keys/public.pem")
    rehash(forged, "tagmanifest-sha256.txt", "manifest-sha256.txt")
    out = verify_resealed(sqma, forged, work / "forged.zip")
    expect("certificate invalid" in out, f"a replaced key went unnoticed: {out}")

    # A certificate added after sealing, with every manifest and the Payload-Oxum made to
    # match: the bag is valid, the archive is not, as bag-info.txt does not list it.
    added = unzip(archive, work / "added")
    source = sorted((added / "data/certificates").glob("*.json"))[0]
    extra = source.with_name("SQMA-2025-X-999.json")
    extra.write_text(source.read_text(encoding="utf-8").replace(source.stem, extra.stem),
                     encoding="utf-8")
    relative = extra.relative_to(added).as_posix()
    digest = hashlib.sha256(extra.read_bytes()).hexdigest()
    with open(added / "manifest-sha256.txt", "a", encoding="utf-8") as manifest:
        manifest.write(f"{digest}  {relative}\n")
    info = (added / "bag-info.txt").read_text(encoding="utf-8")
    octets, count = re.search(r"Payload-Oxum: (\d+)\.(\d+)", info).groups()
    info = info.replace(f"Payload-Oxum: {octets}.{count}",
                        f"Payload-Oxum: {int(octets) + extra.stat().st_size}.{int(count) + 1}")
    (added / "bag-info.txt").write_text(info, encoding="utf-8")
    rehash(added, "tagmanifest-sha256.txt", "manifest-sha256.txt")
    rehash(added, "tagmanifest-sha256.txt", "bag-info.txt")
    out = verify_resealed(sqma, added, work / "added.zip")
    expect(f"{relative}: a certificate that bag-info.txt does not list" in out,
           f"an added certificate went unnoticed: {out}")

    # A file sealing does not look into for certificates (an SVG past its size limit) is not
    # looked into by verify either: no false alarm on a fresh archive.
    plain = work / "plain-cycle"
    shutil.copytree(cycle, plain)
    (plain / "poster.svg").write_text("<svg><!-- certificate.v1 -->" + " " * (5 << 20) + "</svg>")
    plain_zip = work / "plain.zip"
    run([sqma, "archive", plain, "-o", plain_zip, "--date", "2026-03-31"])
    out = run([sqma, "archive", "verify", plain_zip])
    expect("valid" in out, f"a fresh archive did not verify: {out}")

    private_in = work / "with-private"
    shutil.copytree(cycle, private_in)
    shutil.copy(private, private_in / "keys" / "private.pem")
    out = run([sqma, "archive", private_in, "-o", work / "private.zip"], ok=(3,))
    expect("private key" in out, f"a private key was not refused: {out}")
    expect(not (work / "private.zip").exists(), "a refused archive left a zip")

    out = run([sqma, "archive", cycle, "-o", archive], ok=(2,))
    expect("--force" in out, out)


def test_interrupted(sqma, work):
    work.mkdir()
    big = work / "big"
    big.mkdir()
    with open(big / "scan.pdf", "wb") as handle:
        handle.truncate(512 << 20)
    shutil.copy(pathlib.Path(__file__).resolve().parents[2] / "samples/cycle.toml",
                big / "cycle.toml")
    target = work / "big.zip"
    process = subprocess.Popen([sqma, "archive", big, "-o", target], stderr=subprocess.PIPE)
    # Interrupt it while it writes: once its temporary file is there.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.startswith(".big.zip") for p in work.iterdir()):
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate()
    expect(process.returncode == 130, f"interrupted archive exited {process.returncode}: {err}")
    expect(not target.exists(), "an interrupted archive left the target")
    left = [p.name for p in work.iterdir() if p.name.startswith(".big.zip")]
    expect(not left, f"an interrupted archive left {left}")

    # Verifying it stops as promptly: an interrupt in the middle of its one large entry.
    # Nothing shows when it has started reading, so the interrupt comes later and later
    # until it falls after start-up (a sanitizer build starts slowly), where it must give 130.
    run([sqma, "archive", big, "-o", target])
    for delay in (0.1, 0.3, 0.9, 2.7):
        process = subprocess.Popen([sqma, "archive", "verify", target], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate()
        if process.returncode != -signal.SIGINT:
            break
    expect(process.returncode == 130,
           f"interrupted archive verify exited {process.returncode}: {out} {err}")


def test_check(sqma, root, work):
    work.mkdir()
    bags = work / "bags"
    bags.mkdir()
    for folder in sorted((root / "samples/evidence").iterdir()):
        run([sqma, "bundle", "create", folder, "-o", bags / f"{folder.name}.zip", "--date",
             "2025-06-30"])
    plain = work / "plain"
    run([sys.executable, root / "samples/make-bundles", plain])
    dossiers = [root / "samples/dossiers", root / "samples/dossiers-checkchar"]
    reports = []
    for folder in (plain, bags):
        report = work / f"{folder.name}.csv"
        run([sqma, "check", "--cycle", root / "samples/cycle.toml", "--bundle-dir", folder,
             "--report", report] + dossiers, ok=(1,))
        reports.append(report.read_bytes())
    expect(reports[0] == reports[1], "check judges bags and plain zips differently")

    bag = unzip(bags / "SQMA-2025-O01.zip", work / "check-x")
    path = bag / "data/01-报名表.md"
    path.write_bytes(path.read_bytes() + b"changed\n")
    rezip(bag, bags / "SQMA-2025-O01.zip")
    out = run([sqma, "check", "--cycle", root / "samples/cycle.toml", "--bundle-dir", bags,
               root / "samples/dossiers/SQMA-2025-O01.json"], ok=(1,))
    expect("bag changed" in out and "01-报名表.md" in out, f"check missed a changed bag file: {out}")


def main(argv):
    sqma, root, work = pathlib.Path(argv[1]), pathlib.Path(argv[2]), pathlib.Path(argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    test_bundle(sqma, work / "bundle")
    test_archive(sqma, root, work / "archive")
    test_interrupted(sqma, work / "interrupted")
    test_check(sqma, root, work / "check")
    print("bags: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
