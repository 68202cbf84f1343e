#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The office's roster into skeleton dossiers, and each way a skeleton is completed, with the
real binary on the sample roster:

- import --roster writes one skeleton dossier per good row (O30 and L09 fail their check
  characters); the same roster saved in GB18030 gives the same skeletons but for the roster's
  digest in the history;
- validate accepts a skeleton and lists what it lacks, with clauses; check never passes it
  (a supplement finding intake.skeleton per missing part, with its clause);
- export-form of a skeleton is the pre-filled form import --roster --forms writes;
- the applicant's form imported into the folder of a checked skeleton completes it, keeping
  its history, and the dossier then passes the check;
- amend setting what a skeleton lacks completes it, and records that.

Usage: skeleton_intake.py SQMA SOURCE_DIR WORK_DIR
"""
import json
import pathlib
import shutil
import subprocess
import sys


def run(args, ok=(0,), **kw):
    done = subprocess.run([str(a) for a in args], capture_output=True, **kw)
    if done.returncode not in ok:
        sys.exit(f"{args}: exit {done.returncode}\n{done.stderr.decode()}")
    return done


def without_digests(dossier):
    for rec in dossier["history"]:
        rec["inputs"] = [i["name"] for i in rec["inputs"]]
    return dossier


def main(sqma, root, work):
    root, work = pathlib.Path(root), pathlib.Path(work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    samples = root / "samples"
    cycle = samples / "cycle.toml"
    run([sys.executable, samples / "make-bundles", work / "bundles"])

    # One skeleton per good row; the GB18030 roster imports alike.
    gb = work / "gb18030" / "roster.csv"
    gb.parent.mkdir()
    gb.write_bytes((samples / "roster.csv").read_text("utf-8-sig").encode("gb18030"))
    for name, roster in (("utf8", samples / "roster.csv"), ("gb", gb)):
        done = run([sqma, "import", "--cycle", cycle, "--register", work / f"ids-{name}.tsv",
                    "--roster", roster, "--out-dir", work / f"skeletons-{name}"], ok=(1,))
        assert b"60 skeleton dossiers written" in done.stdout, done.stdout
    utf8 = sorted((work / "skeletons-utf8").iterdir())
    assert len(utf8) == 60 and not (work / "skeletons-utf8" / "SQMA-2025-O30.json").exists()
    for path in utf8:
        a = without_digests(json.loads(path.read_text("utf-8")))
        b = without_digests(json.loads((work / "skeletons-gb" / path.name).read_text("utf-8")))
        assert a == b, path.name
    skeleton = work / "skeletons-utf8" / "SQMA-2025-O01.json"
    d = json.loads(skeleton.read_text("utf-8"))
    assert d["intake"] == {"roster": "roster.csv", "row": 21, "state": "skeleton"}, d["intake"]
    assert d["stage"] == "submitted" and d["materials"] == []

    # validate accepts it and names what is missing; check asks for it.
    out = run([sqma, "validate", skeleton]).stdout.decode()
    assert "SQMA-2025-O01 is a skeleton from the roster, still missing: certificates (A1-3(2)), " \
        "compliance (A1-3(2))" in out, out
    assert "materials (A1-5)" in out, out
    checked = work / "checked"
    run([sqma, "check", "--cycle", cycle, "--bundle-dir", work / "bundles", "-o", checked,
         skeleton], ok=(1,))
    c = json.loads((checked / "SQMA-2025-O01.json").read_text("utf-8"))
    assert c["stage"] == "supplement", c["stage"]
    findings = c["history"][-1]["details"]["findings"]
    assert {f["rule"] for f in findings} == {"intake.skeleton"}, findings
    assert {f["outcome"] for f in findings} == {"supplement"}
    assert [f["clause"] for f in findings] == ["A1-3(2)", "A1-3(2)", "A1-3(3)", "A1-3(4)",
                                               "A1-3(6)", "A1-3(2)", "A1-5"], findings

    # export-form gives the pre-filled form of import --roster --forms.
    run([sqma, "import", "--cycle", cycle, "--register", work / "ids-forms.tsv", "--roster",
         samples / "roster.csv", "--forms", "--out-dir", work / "forms"], ok=(1,))
    form = run([sqma, "export-form", skeleton]).stdout
    assert form == (work / "forms" / "SQMA-2025-O01.toml").read_bytes()

    # The applicant's form completes the checked skeleton in its folder; it then passes.
    run([sqma, "import", "--cycle", cycle, "--register", work / "ids-utf8.tsv", "--out-dir",
         checked, "--force", samples / "forms" / "SQMA-2025-O01.toml", "--evidence",
         samples / "evidence" / "SQMA-2025-O01"])
    full = json.loads((checked / "SQMA-2025-O01.json").read_text("utf-8"))
    assert "intake" not in full and full["stage"] == "submitted"
    assert [r["outcome"] for r in full["history"]] == [
        "skeleton from the roster", "supplement", "imported"], full["history"]
    run([sqma, "check", "--cycle", cycle, "--bundle-dir", work / "bundles", "-o",
         work / "passed", checked / "SQMA-2025-O01.json"])
    assert json.loads((work / "passed" / "SQMA-2025-O01.json").read_text())["stage"] == "eligible"

    # amend sets what a manager's skeleton lacks, from the sample dossier: complete.
    sample = json.loads((samples / "dossiers" / "SQMA-2025-M01.json").read_text("utf-8"))
    sets = []
    for field in ("recommendations", "declarations", "materials"):
        sets += ["--set", f"{field}={json.dumps(sample[field], ensure_ascii=False)}"]
    run([sqma, "amend", work / "skeletons-utf8" / "SQMA-2025-M01.json", "--cycle", cycle,
         *sets, "-o", work / "amended"])
    amended = json.loads((work / "amended" / "SQMA-2025-M01.json").read_text("utf-8"))
    assert "intake" not in amended
    assert amended["history"][-1]["details"]["skeleton"] == "completed"
    # One part missing: still a skeleton.
    run([sqma, "amend", work / "skeletons-utf8" / "SQMA-2025-M02.json", "--cycle", cycle,
         sets[0], sets[1], "-o", work / "partial"])
    partial = json.loads((work / "partial" / "SQMA-2025-M02.json").read_text("utf-8"))
    assert partial["intake"]["state"] == "skeleton"
    print("skeleton_intake: ok")


if __name__ == "__main__":
    main(*sys.argv[1:4])
