# SPDX-License-Identifier: Apache-2.0
"""Shared by the script tests of certify and publish: runs the real binary through decisions,
certificates and a revocation of the fixture cycle, with a key made at test time."""
import pathlib
import subprocess


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
                         f"{result.stderr.decode(errors='replace')}")
    return result


def make_cycle(sqma, root, work):
    """Returns the folders of the approved, awarded and revoked dossiers and of the
    certificates, all below `work`."""
    fixtures = pathlib.Path(root) / "tests" / "fixtures" / "certify"
    work = pathlib.Path(work)
    key = work / "key.pem"
    run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", key])
    cycle = fixtures / "cycle.toml"
    sets = {name: work / name for name in ("approved", "awarded", "revoked", "certs")}
    run([sqma, "certify", "--cycle", cycle, "--decisions", fixtures / "decisions.toml",
         "-o", sets["approved"], fixtures / "final"])
    run([sqma, "certify", "--cycle", cycle, "--decisions", fixtures / "decisions.toml",
         "--key", key, "--certificates", sets["certs"],
         "--date", "2025-10-20", "-o", sets["awarded"], sets["approved"]])
    run([sqma, "certify", "revoke", "--dossier", "SQMA-2025-L01", "--reason", "major_complaint",
         "--date", "2026-03-02", "--reference", "审定委员会〔2026〕2号", "-o", sets["revoked"],
         sets["awarded"]])
    return cycle, sets
