#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The office's files as the real binary writes them, opened as the office's programs would.

XLSX: the check report, the aggregate ranking, the panels and reviewer tasks of assign, the
status and the notice list, each unzipped and its XML read: A4 landscape fitted to one page
wide, the header row repeated (a Print_Titles name), an autofilter, wrapped text, ISO dates as
Excel dates, Chinese column headers, and the check outcomes shown in Chinese while the CSV
keeps the machine values.
DOCX letters: every part parses, the package names the main document, and the text holds the
letterhead, the document number, the addressee (a project's lead unit), each clause with its
title, the deadline, the contact person and the seal; no letter in any format carries a digest.
Packets: each reviewer's folder holds exactly the dossiers of the panels the reviewer sits on
and a blank sheet for each, the pledge (M-17) and the deadline.

usage: office_files.py SQMA ROOT WORK"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile
from xml.dom import minidom

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


def run(args, ok=(0,)):
    result = subprocess.run([str(a) for a in args], capture_output=True)
    if result.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
                         f"{result.stderr.decode(errors='replace')}")
    return result


def cjk(text):
    return bool(text) and "\u4e00" <= text[0] <= "\u9fff"


def xlsx_sheets(path):
    """{sheet xml name: text}, workbook.xml, styles.xml, shared strings."""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        sheets = {n: z.read(n).decode() for n in names if n.startswith("xl/worksheets/sheet")}
        strings = []
        if "xl/sharedStrings.xml" in names:
            doc = minidom.parseString(z.read("xl/sharedStrings.xml"))
            strings = ["".join(t.firstChild.data if t.firstChild else "" for t in
                               si.getElementsByTagName("t"))
                       for si in doc.getElementsByTagName("si")]
        return sheets, z.read("xl/workbook.xml").decode(), z.read("xl/styles.xml").decode(), strings


def header_and_cells(sheet_xml, strings):
    """The header row's texts and every cell as (ref, type, style, value)."""
    doc = minidom.parseString(sheet_xml)
    cells = []
    for c in doc.getElementsByTagName("c"):
        v = c.getElementsByTagName("v")
        cells.append((c.getAttribute("r"), c.getAttribute("t"), c.getAttribute("s"),
                      v[0].firstChild.data if v and v[0].firstChild else ""))
    header = [strings[int(v)] for r, t, s, v in cells if re.fullmatch(r"[A-Z]+1", r) and t == "s"]
    return header, cells


def check_xlsx(name, path):
    sheets, workbook, styles, strings = xlsx_sheets(path)
    expect(sheets, f"{name}: no worksheet")
    for sheet, text in sheets.items():
        where = f"{name} {sheet}"
        setup = re.search(r"<pageSetup [^>]*/>", text)
        expect(setup and 'orientation="landscape"' in setup.group(0), f"{where}: not landscape")
        expect(setup and 'paperSize="9"' in setup.group(0), f"{where}: not A4")
        # fitToWidth defaults to 1 in the schema (ECMA-376 18.3.1.64), so writers may leave it out.
        width = re.search(r'fitToWidth="(\d+)"', setup.group(0) if setup else "")
        expect(setup and (width is None or width.group(1) == "1") and
               'fitToHeight="0"' in setup.group(0), f"{where}: not fitted to one page wide")
        expect('<pageSetUpPr fitToPage="1"/>' in text, f"{where}: fit to page is off")
        expect("<autoFilter ref=" in text, f"{where}: no autofilter")
        header, _ = header_and_cells(text, strings)
        expect(header and all(cjk(h) for h in header), f"{where}: headers not Chinese first: {header}")
    expect("_xlnm.Print_Titles" in workbook, f"{name}: no repeated header row (Print_Titles)")
    expect('wrapText="1"' in styles, f"{name}: no wrapped text")
    return sheets, styles, strings


def date_styles(styles):
    """The indexes of cell formats (cellXfs) that show a yyyy-mm-dd date."""
    doc = minidom.parseString(styles)
    ids = {f.getAttribute("numFmtId") for f in doc.getElementsByTagName("numFmt")
           if f.getAttribute("formatCode") == "yyyy-mm-dd"}
    xfs = doc.getElementsByTagName("cellXfs")[0].getElementsByTagName("xf")
    return {str(i) for i, xf in enumerate(xfs) if xf.getAttribute("numFmtId") in ids}


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cycle = root / "samples" / "cycle.toml"
    bundles = work / "bundles"
    run([sys.executable, root / "samples" / "make-bundles", bundles])
    dossiers = [root / "samples" / "dossiers", root / "samples" / "dossiers-checkchar"]

    # The check report, in xlsx and in csv.
    run([sqma, "check", "--cycle", cycle, "--bundle-dir", bundles, "--out-dir", work / "checked",
         "--report", work / "check.xlsx", "--letters", work / "letters", *dossiers], ok=(1,))
    run([sqma, "check", "--cycle", cycle, "--bundle-dir", bundles, "--out-dir", work / "checked2",
         "--report", work / "check.csv", *dossiers], ok=(1,))
    sheets, styles, strings = check_xlsx("check report", work / "check.xlsx")
    dates = date_styles(styles)
    expect(dates, "check report: no yyyy-mm-dd date format")
    header, cells = header_and_cells(next(iter(sheets.values())), strings)
    deadline_col = "ABCDEFGHIJ"[header.index("补充截止 Deadline")]
    outcome_col = "ABCDEFGHIJ"[header.index("结论 Outcome")]
    deadlines = [c for c in cells if re.fullmatch(deadline_col + r"\d+", c[0]) and c[0] != deadline_col + "1"]
    expect(deadlines and all(t == "" and s in dates and 45000 < float(v) < 47000
                             for _, t, s, v in deadlines if v),
           "check report: deadlines are not Excel dates")
    outcomes = {strings[int(v)] for r, t, s, v in cells
                if re.fullmatch(outcome_col + r"\d+", r) and r != outcome_col + "1" and t == "s"}
    expect(outcomes and outcomes <= {"通过", "补充", "退回", "无法读取"},
           f"check report: outcomes not in Chinese: {outcomes}")
    csv = (work / "check.csv").read_text(encoding="utf-8-sig")
    expect(",supplement," in csv and ",return," in csv and "补充," not in csv,
           "check CSV: the machine values are not kept")

    # The ranking of a round, the panels and the reviewer tasks, the status, the notice list.
    run([sqma, "aggregate", "--round", "written", "--cycle", cycle, "--out-dir", work / "agg",
         "--report", work / "ranking.xlsx",
         root / "tests" / "cli" / "aggregate" / "data" / "written-scored.jsonl"])
    check_xlsx("ranking", work / "ranking.xlsx")
    run([sqma, "assign", "--cycle", cycle, "--reviewers", root / "samples" / "reviewers.toml",
         "--round", "written", "--date", "2025-08-01", "--out-dir", work / "assigned",
         "--report", work / "panels.xlsx", "--reviewer-report", work / "tasks.xlsx",
         "--audit", work / "audit.xlsx", root / "tests" / "cli" / "assign" / "data" / "eligible.jsonl"])
    for n in ("panels", "tasks", "audit"):
        check_xlsx(n, work / f"{n}.xlsx")
    run([sqma, "status", "--cycle", cycle, "--date", "2025-08-25", "--format", "xlsx", "-o",
         work / "status.xlsx", root / "tests" / "cli" / "score" / "data" / "written-assigned.jsonl"],
        ok=(0, 1))  # 1: sheets are overdue on that day
    check_xlsx("status", work / "status.xlsx")

    # Letters: DOCX structure and text, and no digest in any format.
    letters = work / "letters"
    docx = sorted(letters.glob("*.docx"))
    expect(len(docx) == len(list(letters.glob("*.md"))) == len(list(letters.glob("*.html"))) > 0,
           "letters: not one of each format per dossier")
    for path in docx:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            expect(names[0] == "[Content_Types].xml" and "word/document.xml" in names and
                   "word/styles.xml" in names and "_rels/.rels" in names,
                   f"{path.name}: parts missing: {names}")
            for n in names:
                minidom.parseString(z.read(n))
            types = z.read("[Content_Types].xml").decode()
            expect("wordprocessingml.document.main+xml" in types, f"{path.name}: no main part")
            doc = minidom.parseString(z.read("word/document.xml"))
            text = "".join(t.firstChild.data for t in doc.getElementsByTagName("w:t") if t.firstChild)
            for needed in ("上海市质量管理奖工作办公室", "沪质奖办〔2025〕", "盖章处", "联系人：王敏",
                           "2025年7月15日"):
                expect(needed in text, f"{path.name}: lacks {needed}")
            expect(re.search(r"A\d-\d+(\(\d\))?（[\u4e00-\u9fff]+", text),
                   f"{path.name}: no clause with its title")
            sz = doc.getElementsByTagName("w:pgSz")[0]
            expect(sz.getAttribute("w:w") == "11906", f"{path.name}: not A4")
    for path in sorted(letters.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                data = z.read("word/document.xml")
        expect(not re.search(rb"[0-9a-f]{64}", data) and b"SHA-256" not in data,
               f"{path.name}: carries a digest")
    supplement = (letters / "SQMA-2025-L05.md").read_text(encoding="utf-8")
    expect("2025年7月29日" in supplement and "10个工作日" in supplement,
           "supplement letter: no deadline as a date and in working days")
    project = next(p for p in sorted(letters.glob("SQMA-2025-P*.docx")))
    record = json.loads((work / "checked" / (project.stem + ".json")).read_text(encoding="utf-8"))
    with zipfile.ZipFile(project) as z:
        text = z.read("word/document.xml").decode()
    expect(record["applicant"]["organisation"]["name"] + "：" in text,
           f"{project.name}: not addressed to the lead unit")

    # Packets: exactly each reviewer's dossiers and sheets.
    assigned = root / "tests" / "cli" / "score" / "data" / "written-assigned.jsonl"
    packets = work / "packets"
    run([sqma, "score", "template", "--round", "written", "--packets", "--reviewers",
         root / "samples" / "reviewers.toml", "--cycle", cycle, "--out-dir", packets, assigned])
    panels = {}
    for line in assigned.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d.get("stage") != "written":
            continue
        for member in d.get("rounds", {}).get("written", {}).get("panel", []):
            panels.setdefault(member["reviewer"], set()).add(d["id"])
    expect(sorted(p.name for p in packets.iterdir()) == sorted(panels),
           "packets: not one folder per reviewer on a panel")
    for reviewer, ids in panels.items():
        folder = packets / reviewer
        got = {p.stem for p in (folder / "dossiers").iterdir()}
        expect(got == ids, f"{reviewer}: dossiers {sorted(got)} instead of {sorted(ids)}")
        sheets = {p.name for p in (folder / "sheets").iterdir()}
        expect(sheets == {f"{i}_{reviewer}.toml" for i in ids}, f"{reviewer}: sheets {sheets}")
        for p in (folder / "dossiers").iterdir():
            copy = json.loads(p.read_text(encoding="utf-8"))
            expect(not copy.get("rounds") and not copy.get("history"),
                   f"{reviewer}: {p.name} carries rounds or history")
        pledge = (folder / "pledge.md").read_text(encoding="utf-8")
        expect("公正廉洁保密承诺书" in pledge and "M-17" in pledge and "签字" in pledge,
               f"{reviewer}: no pledge to sign")
        note = (folder / "README.md").read_text(encoding="utf-8")
        expect("2025年8月22日" in note and all(i in note for i in ids),
               f"{reviewer}: the task note lacks the deadline or a dossier")

    # Packets as zips (--zip): one per reviewer, holding the folder's files byte for byte
    # under the reviewer's id, the task note first.
    zips = work / "packet-zips"
    run([sqma, "score", "template", "--round", "written", "--packets", "--zip", "--reviewers",
         root / "samples" / "reviewers.toml", "--cycle", cycle, "--out-dir", zips, assigned])
    expect(sorted(p.name for p in zips.iterdir()) == sorted(f"{r}.zip" for r in panels),
           "packet zips: not one zip per reviewer on a panel")
    for reviewer in panels:
        folder = packets / reviewer
        want = {p.relative_to(packets).as_posix(): p.read_bytes()
                for p in folder.rglob("*") if p.is_file()}
        with zipfile.ZipFile(zips / f"{reviewer}.zip") as z:
            expect(z.testzip() is None, f"{reviewer}.zip: a bad entry")
            names = z.namelist()
            got = {n: z.read(n) for n in names}
        expect(got == want, f"{reviewer}.zip: not the files of its folder "
                            f"({sorted(set(got) ^ set(want))})")
        expect(names[:2] == [f"{reviewer}/README.md", f"{reviewer}/pledge.md"],
               f"{reviewer}.zip: the task note and pledge do not come first: {names[:2]}")
    for f in failures:
        print(f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
