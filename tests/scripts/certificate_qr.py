#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The QR code on a printed certificate carries its signed record: each SVG is rendered by
headless Chromium, the QR code in the picture is read back with zbarimg, and what it holds
must verify as valid with `sqma certify verify`, and as invalid once a character changes.

usage: certificate_qr.py SQMA ROOT WORK CHROMIUM ZBARIMG"""
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pipeline import make_cycle, run  # noqa: E402


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    browser, zbarimg = sys.argv[4], sys.argv[5]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    _, sets = make_cycle(sqma, root, work)
    public = work / "public.pem"
    run(["openssl", "pkey", "-in", work / "key.pem", "-pubout", "-out", public])
    svgs = sorted(sets["certs"].glob("*.svg"))
    assert len(svgs) == 10, f"expected 10 certificates, found {len(svgs)}"
    for svg in svgs[:3]:
        png = work / (svg.stem + ".png")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--force-device-scale-factor=3", "--window-size=1123,794",
                        f"--screenshot={png}", svg.as_uri()], capture_output=True, timeout=120)
        scanned = run([zbarimg, "-q", "--raw", png]).stdout.decode("utf-8").rstrip("\n")
        record = work / (svg.stem + ".scanned.json")
        record.write_text(scanned, encoding="utf-8")
        out = run([sqma, "certify", "verify", "--public-key", public, record]).stdout.decode()
        assert f"valid: {svg.stem}" in out, out
        tampered = work / (svg.stem + ".tampered.json")
        tampered.write_text(scanned.replace("2025年上海市", "2026年上海市"), encoding="utf-8")
        result = subprocess.run([sqma, "certify", "verify", "--public-key", public, tampered],
                                capture_output=True)
        assert result.returncode == 1, f"tampered QR data verified: {result.stdout!r}"
        print(f"{svg.name}: QR code read back and verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
