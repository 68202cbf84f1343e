#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the bad-input corpus: damaged and hostile zips, JSON and TOML files, and the cases
that feed them (and bad command lines) to every verb.

usage: make_corpus.py ROOT OUT

ROOT is the source tree; OUT receives inputs/<kind>/<name> (the bad files themselves, also a
seed corpus for the fuzz targets) and cases.json, a list of cases:

  {"name": ..., "files": {"path in the case folder": "inputs/..." or "@samples/..." or
   "@base/..."}, "links": {"path": "target"}, "args": [...], "rc": N,
   "stderr": ["substring", ...], "stdout": ["substring", ...]}

run_corpus.py runs every case in a fresh folder and asserts the exit status, the messages
and that the folder is byte for byte as before. Deterministic: the same ROOT gives the same
bytes. Standard library only."""
import hashlib
import json
import pathlib
import struct
import sys
import unicodedata
import zlib

SAMPLE = "SQMA-2025-O01"
# JSON cases that parse and break the schema; the others do not parse.
# The staged dossiers each verb reads (run_corpus.py writes @base/<stage>.jsonl and
# @base/one-<stage>.json, the first of them).
STAGE_OF = {"check": "checked", "assign": "checked", "score": "written", "aggregate": "scored",
            "certify": "final", "publish": "approved"}
SCHEMA_LEVEL = {"int_past_2_63", "int_past_2_64", "wrong_type_cycle",
                "wrong_type_class", "unknown_class", "missing_id", "missing_applicant",
                "unknown_field", "bad_date", "nul_in_string", "long_values"}  # an organisation dossier with a bundle, passes the check
DOSSIER = f"@samples/dossiers/{SAMPLE}.json"

# ----------------------------------------------------------------------------------- zips


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def zip_bytes(entries, eocd=True, comment=b""):
    """entries: dicts with name (str or bytes), data, and optional overrides: method, flags,
    crc, csize, usize, local_name, attr, made_by, packed, extra_offset."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e["name"] if isinstance(e["name"], bytes) else e["name"].encode("utf-8")
        data = e.get("data", b"")
        method = e.get("method", 8)
        packed = e.get("packed", deflate(data) if method == 8 else data)
        crc = e.get("crc", zlib.crc32(data) & 0xFFFFFFFF)
        flags = e.get("flags", 0x0800)
        csize = e.get("csize", len(packed))
        usize = e.get("usize", len(data))
        offset = e.get("offset", len(out))
        local_name = e.get("local_name", name)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 33, crc,
                           e.get("local_csize", csize), e.get("local_usize", usize),
                           len(local_name), 0)
        out += local_name + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, e.get("made_by", 0x0314), 20,
                               flags, method, 0, 33, crc, csize, usize, len(name), 0, 0, 0, 0,
                               e.get("attr", 0o100644 << 16), offset)
        central += name
    start = len(out)
    out += central
    if eocd:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                           len(central), start, len(comment)) + comment
    return bytes(out)


def good_entries():
    return [{"name": "申报表.pdf", "data": b"%PDF-1.4 application form\n" * 20},
            {"name": "自评报告.md", "data": "自评报告\n".encode() * 50}]


def zips():
    """(name, bytes, what check must say) for every class of unsafe or damaged zip."""
    g = good_entries()
    two = g + [{"name": "证实性材料/a.pdf", "data": b"%PDF evidence"}]
    big = b"\0" * (4 << 20)
    z = {}
    z["traversal"] = (zip_bytes(g + [{"name": "../../etc/passwd", "data": b"x"}]), "path_traversal")
    z["traversal_inner"] = (zip_bytes(g + [{"name": "a/../../b.pdf", "data": b"x"}]),
                            "path_traversal")
    z["absolute"] = (zip_bytes(g + [{"name": "/etc/cron.d/x", "data": b"x"}]), "absolute_path")
    z["drive_letter"] = (zip_bytes(g + [{"name": "C:/Windows/x.dll", "data": b"x"}]),
                         "drive_letter")
    z["drive_backslash"] = (zip_bytes(g + [{"name": "D:\\x.pdf", "data": b"x"}]), "drive_letter")
    z["backslash"] = (zip_bytes(g + [{"name": "证实性材料\\a.pdf", "data": b"x"}]), "backslash")
    z["symlink"] = (zip_bytes(g + [{"name": "link", "data": b"/etc/passwd",
                                    "attr": 0o120777 << 16, "method": 0}]), "symlink")
    z["duplicate"] = (zip_bytes(g + [{"name": "申报表.pdf", "data": b"other"}]), "duplicate_name")
    z["duplicate_case"] = (zip_bytes(g + [{"name": "A.pdf", "data": b"1"},
                                          {"name": "a.PDF", "data": b"2"}]), "duplicate_name")
    nfc = unicodedata.normalize("NFC", "résumé.pdf")
    nfd = unicodedata.normalize("NFD", "résumé.pdf")
    z["duplicate_nfd"] = (zip_bytes(g + [{"name": nfc, "data": b"1"}, {"name": nfd, "data": b"2"}]),
                          "duplicate_name")
    z["duplicate_fullwidth"] = (zip_bytes(g + [{"name": "Ａ.pdf", "data": b"1"},
                                               {"name": "a.pdf", "data": b"2"}]), "duplicate_name")
    kernel = deflate(big)
    z["overlap_bomb"] = (zip_bytes([{"name": f"f{i}.bin", "data": big, "packed": kernel,
                                     "offset": 0} for i in range(3)]), "inconsistent")
    z["ratio_bomb"] = (zip_bytes(g + [{"name": "zeros.bin", "data": big}]), "ratio")
    z["lying_usize"] = (zip_bytes(g + [{"name": "x.pdf", "data": b"abc" * 100, "usize": 10}]),
                        "bundle")
    z["lying_csize"] = (zip_bytes(g + [{"name": "x.pdf", "data": b"abc" * 100, "csize": 5}]),
                        "bundle")
    z["encrypted"] = (zip_bytes(g + [{"name": "x.pdf", "data": b"secret", "flags": 0x0801}]),
                      "encrypted")
    z["aes"] = (zip_bytes(g + [{"name": "x.pdf", "data": b"secret", "method": 99}]), "encrypted")
    full = zip_bytes(two)
    z["truncated"] = (full[: len(full) // 2], "bundle")
    z["truncated_tail"] = (full[:-10], "bundle")
    z["no_central_directory"] = (zip_bytes(two, eocd=False), "bundle")
    z["local_name_mismatch"] = (zip_bytes(g + [{"name": "x.pdf", "data": b"abc",
                                                "local_name": b"y.pdf"}]), "inconsistent")
    z["crc"] = (zip_bytes(g + [{"name": "x.pdf", "data": b"abc", "crc": 1234}]), "crc")
    z["invalid_utf8_flag"] = (zip_bytes(g + [{"name": b"bad\xff\xfe.pdf", "data": b"abc"}]),
                              "invalid_name")
    z["control_name"] = (zip_bytes(g + [{"name": "a\nb.pdf", "data": b"abc"}]), "invalid_name")
    z["unsupported_method"] = (zip_bytes(g + [{"name": "x.pdf", "data": b"abc", "method": 14}]),
                               "bundle")
    z["not_a_zip"] = (b"%PDF-1.4 this is not a zip at all\n" * 10, "bundle")
    z["empty_file"] = (b"", "bundle")
    z["html"] = (b"<html><body>404 Not Found</body></html>\n", "bundle")
    return z


def bag_zip(top, payload, manifest_first=""):
    """A BagIt bag in a zip: `payload` maps paths below data/ to bytes; `manifest_first` is a
    line put before the payload manifest's own (a second, wrong line for a listed file)."""
    sha = lambda b: hashlib.sha256(b).hexdigest()
    files = {"bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"}
    files.update({f"data/{k}": v for k, v in payload.items()})
    files["manifest-sha256.txt"] = (manifest_first + "".join(
        f"{sha(v)}  data/{k}\n" for k, v in sorted(payload.items()))).encode()
    files["bag-info.txt"] = (f"Payload-Oxum: {sum(map(len, payload.values()))}."
                             f"{len(payload)}\n").encode()
    files["tagmanifest-sha256.txt"] = "".join(
        f"{sha(files[k])}  {k}\n" for k in ("bag-info.txt", "bagit.txt",
                                            "manifest-sha256.txt")).encode()
    return zip_bytes([{"name": f"{top}/{k}", "data": v} for k, v in files.items()])


def gbk_zip():
    entries = [{"name": "申报表.pdf".encode("gb18030"), "data": b"%PDF form", "flags": 0},
               {"name": "自评报告.md".encode("gb18030"), "data": "自评".encode(), "flags": 0}]
    return zip_bytes(entries)


# ----------------------------------------------------------------------------------- JSON


def dossier(root):
    return json.loads((root / "samples" / "dossiers" / f"{SAMPLE}.json").read_text("utf-8"))


def jsons(root):
    """(name, bytes, rc, what the message must say)."""
    d = dossier(root)
    text = json.dumps(d, ensure_ascii=False, indent=2)
    j = {}

    def variant(name, change, rc, says):
        copy = json.loads(text)
        change(copy)
        j[name] = (json.dumps(copy, ensure_ascii=False, indent=2).encode(), rc, says)

    j["utf16le_bom"] = (b"\xff\xfe" + text.encode("utf-16-le"), 3, "UTF-8")
    j["utf16be_bom"] = (b"\xfe\xff" + text.encode("utf-16-be"), 3, "UTF-8")
    j["utf16le"] = (text.encode("utf-16-le"), 3, "UTF-8")
    j["gbk"] = (text.encode("gb18030"), 3, "UTF-8")
    j["invalid_utf8_string"] = (text.replace('"dossier.v1"', '"dossier.v1\udcff"', 1)
                                .encode("utf-8", "surrogateescape"), 3, "UTF-8")
    j["duplicate_key"] = (text.replace('"cycle": 2025,', '"cycle": 2025,\n  "cycle": 2025,', 1)
                          .encode(), 3, "/cycle")
    # The applicant's own name (dossiers are written with their keys sorted, so the first
    # "name" of the text may belong to another object).
    applicant_name = '"name": ' + json.dumps(d["applicant"]["name"], ensure_ascii=False)
    j["duplicate_nested_key"] = (text.replace(applicant_name, '"name": "x", ' + applicant_name, 1)
                                 .encode(), 3, "/applicant/name")
    j["deep_array"] = (b"[" * 100000 + b"]" * 100000, 3, "nested deeper")
    j["deep_object"] = (b'{"a":' * 100000 + b"1" + b"}" * 100000, 3, "nested deeper")
    j["deep_inside"] = (text[:-2].encode() + b', "x": ' + b"[" * 5000 + b"]" * 5000 + b"\n}",
                        3, "nested deeper")
    j["int_past_2_63"] = (text.replace('"cycle": 2025', '"cycle": 9223372036854775808', 1)
                          .encode(), 3, "/cycle")
    j["int_past_2_64"] = (text.replace('"cycle": 2025', '"cycle": 18446744073709551617', 1)
                          .encode(), 3, "/cycle")
    j["big_exponent"] = (text.replace('"cycle": 2025', '"cycle": 1e400', 1).encode(), 3,
                         "a number out of range")
    j["nan"] = (text.replace('"cycle": 2025', '"cycle": NaN', 1).encode(), 3, "syntax error")
    j["infinity"] = (text.replace('"cycle": 2025', '"cycle": Infinity', 1).encode(), 3,
                   "syntax error")
    j["line_comment"] = (text.replace('"cycle": 2025,', '"cycle": 2025, // year', 1).encode(), 3,
                         "syntax error")
    j["block_comment"] = (("/* dossier */\n" + text).encode(), 3, "")
    j["trailing_comma_object"] = (text[:-2].encode() + b",\n}", 3, "syntax error")
    j["trailing_comma_array"] = (text.replace('"materials": [', '"materials": [\n', 1)
                                 .replace("\n  ],\n  \"bundle\"", ",\n  ],\n  \"bundle\"", 1)
                                 .encode(), 3, "")
    j["trailing_garbage"] = (text.encode() + b"\ngarbage", 3, "unexpected 'g'")
    j["truncated"] = (text.encode()[: len(text) // 2], 3, "")
    j["nul_in_string"] = (text.replace('"name": "', '"name": "\\u0000', 1).encode(), 3, "")
    j["raw_control"] = (text.replace('"dossier.v1"', '"dossier\x01.v1"', 1).encode(), 3,
                        "control character")
    j["empty"] = (b"", 3, "empty")
    j["whitespace_only"] = (b"  \n\n  \t\n", 3, "no dossier in it")
    j["null"] = (b"null\n", 3, "")
    j["array_of_numbers"] = (b"[1, 2, 3]\n", 3, "")
    j["string_top"] = (b'"dossier"\n', 3, "")
    variant("wrong_type_cycle", lambda c: c.update(cycle="2025"), 3, "/cycle")
    variant("wrong_type_class", lambda c: c.update({"class": 3}), 3, "/class")
    variant("unknown_class", lambda c: c.update({"class": "company"}), 3, "/class")
    variant("missing_id", lambda c: c.pop("id"), 3, "id")
    variant("missing_applicant", lambda c: c.pop("applicant"), 3, "applicant")
    variant("unknown_field", lambda c: c.update(extra_field=1), 3, "extra_field")
    variant("bad_date", lambda c: c["applicant"]["organisation"].update(founded="2021-02-30"),
            3, "")
    variant("other_cycle", lambda c: c.update(cycle=2024, id=c["id"].replace("2025", "2024")),
            3, "M-4")
    variant("other_cycle_id", lambda c: c.update(id=c["id"].replace("2025", "2023")), 3, "M-4")
    variant("long_values", lambda c: (c["applicant"]["organisation"].update(credit_code="9" * 500000),
                                      c.update({"class": "x" * 500000})), 3, "(500000 bytes)")
    variant("huge_string", lambda c: c["applicant"].update(name="申" * (20 << 20)), 3, "")
    return j


# ----------------------------------------------------------------------------------- TOML


def tomls(root):
    """(input kind, name, bytes, rc, says) for each TOML input sqma reads."""
    samples = root / "samples"
    sources = {
        "cycle": (samples / "cycle.toml").read_text("utf-8"),
        "reviewers": (samples / "reviewers.toml").read_text("utf-8"),
        "decisions": (samples / "decisions.toml").read_text("utf-8"),
        "rules": (root / "data" / "rules.toml").read_text("utf-8"),
        "calendar": (root / "data" / "cn_workdays.toml").read_text("utf-8"),
        "sheet": next((samples / "sheets" / "written").glob("*.toml")).read_text("utf-8"),
    }
    t = []
    for kind, text in sources.items():
        lines = text.splitlines(keepends=True)
        first_table = next(i for i, line in enumerate(lines) if line.startswith("["))
        table_line = lines[first_table]
        t.append((kind, "duplicate_table", (text + "\n" + table_line).encode(), 3, ""))
        t.append((kind, "bad_date", (text + "\nzz_bad_date = 1979-02-30\n").encode(), 3, ""))
        t.append((kind, "unterminated", (text + '\nzz = "no end\n').encode(), 3, ""))
        t.append((kind, "unknown_key", ("zz_unknown_key = 1\n" + text).encode(), 3,
                  "zz_unknown_key"))
        t.append((kind, "gbk", text.encode("gb18030"), 3, "UTF-8"))
        t.append((kind, "empty", b"", 3, ""))
        t.append((kind, "deep", ("zz = " + "[" * 2000 + "]" * 2000 + "\n" + text).encode(), 3, ""))
        t.append((kind, "huge", (text + "\n# " + "x" * (20 << 20) + "\n").encode(), 3, ""))
    # wrong types, one per input
    t.append(("cycle", "wrong_type", (sources["cycle"].replace("year = 2025", 'year = "2025"', 1))
              .encode(), 3, "year"))
    t.append(("reviewers", "wrong_type", sources["reviewers"].replace('id = "R-001"', "id = 1", 1)
              .encode(), 3, "id"))
    t.append(("decisions", "wrong_type", ("date = 5\n" + sources["decisions"]).encode(), 3, ""))
    t.append(("sheet", "wrong_type", sources["sheet"].replace("round = ", "round = 1 #", 1)
              .encode(), 3, ""))
    return t


# ----------------------------------------------------------------------------------- cases


def main():
    root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    inputs = out / "inputs"
    cases = []

    def put(rel, data):
        path = inputs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return f"inputs/{rel}"

    base_files = {"cycle.toml": "@samples/cycle.toml", "dossier.json": DOSSIER,
                  f"bundles/{SAMPLE}.zip": f"@base/bundles/{SAMPLE}.zip"}

    def case(name, args, rc, stderr=(), stdout=(), files=None, links=None, extra=None,
             stdin=None, full=False):
        f = dict(base_files if files is None else files)
        f.update(extra or {})
        cases.append({"name": name, "files": f, "links": links or {}, "args": args, "rc": rc,
                      "stderr": list(stderr), "stdout": list(stdout), "stdin": stdin,
                      "full": full})

    check = ["check", "--cycle", "cycle.toml", "dossier.json"]

    # Zips, as the evidence bundle of a dossier: the check finds them unsafe (exit 1) and
    # cites bundle.safe; nothing is extracted or written.
    for name, (data, says) in zips().items():
        src = put(f"zip/{name}.zip", data)
        case(f"zip.{name}", check, 1, stdout=["bundle.", says],
             extra={f"bundles/{SAMPLE}.zip": src})
    case("zip.gbk_names_read", check, 1, stdout=["bundle.encoding"],
         extra={f"bundles/{SAMPLE}.zip": put("zip/gbk_names.zip", gbk_zip())})
    case("zip.bundle_symlink_out", check, 1, stdout=["outside the bundle folder"],
         files={"cycle.toml": "@samples/cycle.toml", "dossier.json": DOSSIER,
                "elsewhere/x.zip": f"@base/bundles/{SAMPLE}.zip"},
         links={f"bundles/{SAMPLE}.zip": "../elsewhere/x.zip"})
    case("zip.bundle_is_folder", check, 1, stdout=["bundle.present"],
         files={"cycle.toml": "@samples/cycle.toml", "dossier.json": DOSSIER,
                f"bundles/{SAMPLE}.zip/x": DOSSIER})

    # JSON dossiers, read by every verb through one path: check and validate here.
    for name, (data, rc, says) in jsons(root).items():
        src = put(f"json/{name}.json", data)
        files = {"cycle.toml": "@samples/cycle.toml", "dossier.json": src}
        case(f"json.check.{name}", check, rc, stderr=["dossier.json", says], files=files)
        if name in ("other_cycle", "other_cycle_id"):
            continue
        # validate answers 1 for a document against its schema, 3 for one it cannot parse.
        case(f"json.validate.{name}", ["validate", "dossier.json"],
             1 if name in SCHEMA_LEVEL else 3, stderr=["dossier.json", says], files=files)

    # TOML inputs, each where a verb reads it.
    where = {
        "cycle": (["check", "--cycle", "input.toml", "dossier.json"], "input.toml"),
        "reviewers": (["assign", "--cycle", "cycle.toml", "--reviewers", "input.toml",
                       "--round", "written", "--pass-unready", "checked.jsonl"], "input.toml"),
        "decisions": (["certify", "--cycle", "cycle.toml", "--decisions", "input.toml",
                       "final.jsonl"], "input.toml"),
        "rules": (["check", "--cycle", "cycle.toml", "--rules", "input.toml", "dossier.json"],
                  "input.toml"),
        "calendar": (["calendar", "--calendar", "input.toml", "add", "2025-09-30", "7"],
                     "input.toml"),
        "sheet": (["score", "--round", "written", "--cycle", "cycle.toml", "--dossiers",
                   "written.jsonl", "input.toml"], "input.toml"),
    }
    for kind, name, data, rc, says in tomls(root):
        src = put(f"toml/{kind}/{name}.toml", data)
        args, file = where[kind]
        files = dict(base_files)
        files.update({"checked.jsonl": "@base/checked.jsonl", "written.jsonl": "@base/written.jsonl",
                      "final.jsonl": "@base/final.jsonl", "input.toml": src})
        case(f"toml.{kind}.{name}", args, rc, stderr=[file, says], files=files)

    # Command lines: outputs that are inputs, existing outputs, bad flags and counts.
    staged = dict(base_files)
    staged.update({"checked.jsonl": "@base/checked.jsonl", "written.jsonl": "@base/written.jsonl",
                   "scored.jsonl": "@base/scored.jsonl", "final.jsonl": "@base/final.jsonl",
                   "approved.jsonl": "@base/approved.jsonl",
                   "awarded.jsonl": "@base/awarded.jsonl", "reviewers.toml":
                   "@samples/reviewers.toml", "decisions.toml": "@samples/decisions.toml",
                   "private.pem": "@samples/keys/sample-private.pem",
                   "dossiers/a.json": DOSSIER, "sheets/x.toml": "@base/sheet.toml",
                   "report.csv": "@samples/cycle.toml"})
    over = "would write over the input"
    verbs = {
        "check": ["check", "--cycle", "cycle.toml", "dossier.json"],
        "assign": ["assign", "--cycle", "cycle.toml", "--reviewers", "reviewers.toml",
                   "--round", "written", "--pass-unready", "checked.jsonl"],
        "score": ["score", "--round", "written", "--cycle", "cycle.toml", "--dossiers",
                  "written.jsonl", "sheets"],
        "aggregate": ["aggregate", "--round", "written", "--cycle", "cycle.toml", "scored.jsonl"],
        "certify": ["certify", "--cycle", "cycle.toml", "--decisions", "decisions.toml",
                    "final.jsonl"],
        "publish": ["publish", "--cycle", "cycle.toml", "--kind", "candidates", "--date",
                    "2025-11-10", "--format=json", "approved.jsonl"],
    }
    clashes = [
        ("check", ["--report", "cycle.toml"], "--cycle"),
        ("check", ["--report", "dossier.json", "--force"], "dossier.json"),
        ("check", ["--report", f"bundles/{SAMPLE}.zip", "--force"], "bundle_dir in cycle.toml"),
        ("check", ["--report", "./sub/../cycle.toml", "--force"], "--cycle"),
        ("check", ["--report", "link.toml", "--force"], "--cycle"),
        ("check", ["--report", "hard.toml", "--force"], "--cycle"),
        ("check", ["--out-dir", ".", "--force"], "dossier.json"),
        ("check", ["--letters", ".", "--out-dir", "out", "--force", "--report", "out/../x.csv",
                   "--format", "csv", "--rules", "x.csv"], "--rules"),
        ("assign", ["--report", "reviewers.toml", "--force"], "--reviewers"),
        ("assign", ["--audit", "checked.jsonl", "--force"], "checked.jsonl"),
        ("assign", ["--reviewer-report", "cycle.toml", "--force"], "--cycle"),
        ("assign", ["--report", "r.csv", "--audit", "r.csv"], "name the same file"),
        ("assign", ["--out-dir", "in", "--force", "in/one.json"], "in/one.json"),
        ("score", ["--out-dir", ".", "--force", "--dossiers", "one.json"], "one.json"),
        ("score", ["--out-dir", "sheets", "--force"], "sheets"),
        ("aggregate", ["--html", "scored.jsonl", "--force"], "scored.jsonl"),
        ("aggregate", ["--report", "cycle.toml", "--force"], "--cycle"),
        ("aggregate", ["--reviewers", "scored.jsonl", "--force"], "scored.jsonl"),
        ("aggregate", ["--out-dir", "in", "--force", "in/one.json"], "in/one.json"),
        ("certify", ["--out-dir", "in", "--force", "in/one.json"], "in/one.json"),
        ("certify", ["--key", "private.pem", "--certificates", "in", "--date", "2025-12-01",
                     "--force", "in/one.json"], "in/one.json"),
        ("publish", ["--out-dir", "in", "--name", "one", "--force", "in/one.json"],
         "in/one.json"),
        ("publish", ["--out-dir", "out", "--calendar", "out/notice-candidates.json", "--force"],
         "--calendar"),
    ]
    links = {"link.toml": "cycle.toml"}
    for i, (verb, extra, says) in enumerate(clashes):
        args = verbs[verb] + extra
        case(f"cli.{verb}.overwrite_{i:02d}", args, 2, stderr=[over if "same" not in says else
                                                               says, says],
             files=staged, links=links,
             extra={"hard.toml": "@hardlink:cycle.toml",
                    "in/one.json": f"@base/one-{STAGE_OF[verb]}.json",
                    "one.json": f"@base/one-{STAGE_OF[verb]}.json"})
    case("cli.score_template.overwrite", ["score", "template", "--round", "written", "--cycle",
                                          "cycle.toml", "--out-dir", ".", "--force",
                                          "written.jsonl"], 2, stderr=[over, "--cycle"],
         files=staged)
    case("cli.certify_revoke.overwrite", ["certify", "revoke", "--dossier", SAMPLE, "--reason",
                                          "quality_accident", "--date", "2026-01-05", "--reference",
                                          "审定委员会〔2026〕1号", "--out-dir", "dossiers",
                                          "--force", "dossiers"], 2,
         stderr=[over], files=staged)
    # Standard input redirected from a file guards that file, as the file named would be.
    stdin_over = [
        ("export_form", ["export-form", "-", "-o", "dossier.json", "--force"], "dossier.json"),
        ("check", ["check", "--cycle", "cycle.toml", "-o", "ck", "--force", "-"],
         f"ck/{SAMPLE}.json"),
        ("status", ["status", "--cycle", "cycle.toml", "--date", "2025-07-16", "-o",
                    "dossier.json", "--force", "-"], "dossier.json"),
        ("amend", ["amend", "--set", "applicant.name=x", "--date", "2025-07-16", "-o", "ck",
                   "--force", "-"], f"ck/{SAMPLE}.json"),
    ]
    for verb, args, source in stdin_over:
        case(f"cli.{verb}.stdin_over_input", args, 2,
             stderr=[over, f"standard input, from", source], files=staged,
             extra={f"ck/{SAMPLE}.json": DOSSIER}, stdin=source)
    # Standard output that cannot be written (a full disk) fails the run, whatever verb.
    for name, args in {"validate": ["validate", "dossier.json"],
                       "calendar": ["calendar", "add", "2025-07-01", "10"],
                       "bundle_verify": ["bundle", "verify", f"bundles/{SAMPLE}.zip"],
                       "export_form": ["export-form", "dossier.json"],
                       "check": check}.items():
        case(f"cli.{name}.stdout_full", args, 4, stderr=["cannot write to standard output"],
             full=True)
    for i, name in enumerate(("n\nm", "../notice")):
        case(f"cli.publish.name_{i}", verbs["publish"] + ["--out-dir", "o", "--name", name], 2,
             stderr=["--name is a file name"], files=staged)
    # Bags: a file listed twice, its first digest wrong (sha256sum -c fails it), and a name
    # that carries a line break to pass for a verdict of its own: each on its own line.
    case("zip.bag_listed_twice", ["bundle", "verify", "b.zip"], 1,
         stdout=["data/a.txt is listed again"],
         files={"b.zip": put("zip/bag_listed_twice.zip", bag_zip("b", {"a.txt": b"a"},
                                                                 f"{'0' * 64}  data/a.txt\n"))})
    forged_line = f"{SAMPLE}.zip: valid: bag {SAMPLE}, 12 files, 4736 bytes"
    for name, args in {"verify": ["bundle", "verify", "b.zip"],
                       "normalize": ["bundle", "normalize", "b.zip", "-o", "n.zip", "--date",
                                     "2025-06-30"]}.items():
        case(f"zip.bag_name_line_break_{name}", args, 1,
             stdout=[f"x\\n{forged_line}\\n.txt"] if name == "verify" else [],
             stderr=[] if name == "verify" else [f"x\\n{forged_line}\\n.txt"],
             files={"b.zip": put("zip/bag_name_line_break.zip",
                                 bag_zip("b", {f"x\n{forged_line}\n.txt": b"x"}))})
    # A folder where a dossier is to go fails the run before any file is put in place.
    case("cli.check.folder_in_the_way", check + ["--report", "r.txt", "--format", "text", "-o",
                                                 "o", "--force"], 4,
         stderr=[f"o/{SAMPLE}.json: cannot write: a folder of that name is in the way"],
         extra={f"o/{SAMPLE}.json/x": DOSSIER})
    # An output that exists as a hard link to an input, under another name and extension.
    case("cli.export_form.out_dir_hard_link", ["export-form", "d/x.json", "--out-dir", "o",
                                               "--force"], 2,
         stderr=[over, f"o/{SAMPLE}.toml", "d/x.json"],
         files={"d/x.json": DOSSIER, f"o/{SAMPLE}.toml": "@hardlink:d/x.json"})
    case("cli.archive.output_hard_link", ["archive", "cyc", "-o", "z.zip", "--force"], 2,
         stderr=[over, "--output z.zip", "cyc (cycle_dir)"],
         files={"cyc/cycle.toml": "@samples/cycle.toml", "cyc/d.json": DOSSIER,
                "z.zip": "@hardlink:cyc/d.json"})
    # The id register is read and written again: never among the evidence it bags.
    case("cli.import.register_in_evidence",
         ["import", "--cycle", "cycle.toml", "--register", "ev/ids.tsv", "--evidence", "ev",
          "form.toml"], 2, stderr=[over, "--register ev/ids.tsv", "--evidence ev"],
         extra={"form.toml": f"@samples/forms/{SAMPLE}.toml", "ev/ids.tsv": put("register/empty.tsv", b""),
                "ev/a.pdf": DOSSIER})
    # The files the cycle config names are inputs of every verb that reads the config.
    cycle_text = (root / "samples" / "cycle.toml").read_text(encoding="utf-8")
    named = {
        "register": cycle_text + '\n[intake]\nregister = "ids.tsv"\n',
        "calendar": cycle_text.replace("\nyear = 2025\n", '\nyear = 2025\ncalendar = "w27.toml"\n'),
        "rules": cycle_text.replace("\n[check]\n", '\n[check]\nrules = "rules.toml"\n'),
    }
    for key, text in named.items():
        assert text != cycle_text
        named[key] = put(f"toml/cycle_{key}.toml", text.encode("utf-8"))
    named_files = dict(staged)
    named_files.update({"ids.tsv": "@samples/roster.csv", "w27.toml": put(
        "toml/calendar_2027.toml", b"[2027]\nholidays = []\nmakeup_workdays = []\n"),
        "rules.toml": put("toml/rules.toml", (root / "data" / "rules.toml").read_bytes())})
    config_named = [
        ("register", verbs["check"] + ["--report", "ids.tsv", "--format", "text", "--force"],
         "intake.register in cycle.toml"),
        ("register", verbs["aggregate"] + ["--html", "ids.tsv", "--force"],
         "intake.register in cycle.toml"),
        ("calendar", ["status", "--cycle", "cycle.toml", "--date", "2025-07-16", "-o",
                      "w27.toml", "--force", "dossiers"], "calendar in cycle.toml"),
        ("rules", verbs["assign"] + ["--report", "rules.toml", "--format", "text", "--force"],
         "rules in cycle.toml"),
    ]
    for i, (key, args, says) in enumerate(config_named):
        case(f"cli.config_named.{key}_{i}", args, 2, stderr=[over, says], files=named_files,
             extra={"cycle.toml": named[key]})
    case("cli.aggregate.report_over_bundle",
         verbs["aggregate"] + ["--report", f"bundles/{SAMPLE}.zip", "--format", "json", "--force"],
         2, stderr=[over, "bundle_dir in cycle.toml"], files=staged)
    # Two outputs naming one file, one of them a dossier's <id>.json in --out-dir.
    for verb in ("check", "aggregate"):
        for out_dir in ("out", "out/"):
            case(f"cli.{verb}.report_is_a_dossier{'_slash' if out_dir.endswith('/') else ''}",
                 verbs[verb] + ["--report", f"out/{SAMPLE}.json", "--format", "json", "-o",
                                out_dir],
                 2, stderr=[f"the file of dossier {SAMPLE} is also --report"], files=staged)
    existing = [("check", ["--report", "report.csv"]), ("assign", ["--audit", "report.csv"]),
                ("aggregate", ["--report", "report.csv"]), ("aggregate", ["--html", "report.csv"])]
    for i, (verb, extra) in enumerate(existing):
        case(f"cli.{verb}.exists_{i}", verbs[verb] + extra, 2, stderr=["report.csv", "--force"],
             files=staged)
    # Repeated --report: refusals named before any work, the folder left as it was.
    for verb in ("check", "aggregate"):
        case(f"cli.{verb}.report_empty", verbs[verb] + ["--report", ""], 2,
             stderr=["--report needs a file name"], files=staged)
        case(f"cli.{verb}.report_stdout_needs_out_dir", verbs[verb] + ["--report", "-", "--format",
                                                                      "csv"], 2,
             stderr=["--report - needs --out-dir"], files=staged)
        case(f"cli.{verb}.report_stdout_and_file", verbs[verb] + ["--out-dir", "o", "--report", "-",
                                                                 "--report", "r.txt"], 2,
             stderr=["--report - goes alone"], files=staged)
        case(f"cli.{verb}.report_stdout_xlsx", verbs[verb] + ["--out-dir", "o", "--report", "-",
                                                             "--format", "xlsx"], 2,
             stderr=["XLSX is binary"], files=staged)
    for verb, args in verbs.items():
        case(f"cli.{verb}.misspelt_flag", args + ["--cylce", "x"], 2,
             stderr=["--cylce", "did you mean --cycle"], files=staged)
        case(f"cli.{verb}.unknown_flag", args + ["--no-such-flag"], 2,
             stderr=["unknown option --no-such-flag"], files=staged)
        case(f"cli.{verb}.out_dir_is_file", args + ["--out-dir", "report.csv"], 4,
             stderr=["report.csv"], files=staged)
        case(f"cli.{verb}.out_dir_read_only", args + ["--out-dir", "/proc/sqma-corpus"], 4,
             stderr=["/proc/sqma-corpus"], files=staged)
        if verb == "score":
            case("cli.score.twice", args + [args[-1]], 1, stderr=["another score sheet"],
                 files=staged)
        else:
            case(f"cli.{verb}.twice", args[:-1] + ["one.json", "one.json"], 3,
                 stderr=["given twice", "first at one.json:1"], files=staged,
                 extra={"one.json": DOSSIER if verb == "check"
                        else f"@base/one-{STAGE_OF[verb]}.json"})
        case(f"cli.{verb}.newline_path", args + ["--out-dir", "out\nput"], 2,
             stderr=["line break"], files=staged)
    case("cli.misspelt_verb", ["chek", "--cycle", "cycle.toml"], 2, stderr=["did you mean check"])
    case("cli.jobs_zero", check + ["-j", "0"], 2, stderr=["--jobs"])
    case("cli.jobs_negative", check + ["--jobs", "-3"], 2, stderr=["--jobs"])
    case("cli.jobs_huge", check + ["--jobs", "100000"], 0,
         stderr=["--jobs 100000", "64 threads"])
    case("cli.working_days_negative", verbs["publish"] + ["--working-days", "-7"], 2,
         stderr=["--working-days"], files=staged)
    case("cli.working_days_zero", verbs["publish"] + ["--working-days", "0"], 2,
         stderr=["--working-days"], files=staged)
    # Wrong stage and wrong cycle, each a named error.
    case("cli.assign.wrong_stage", verbs["assign"][:-2] + ["dossier.json"], 3,
         stderr=["submitted"], files=staged)
    case("cli.aggregate.never_assigned", ["aggregate", "--round", "written", "--cycle",
                                          "cycle.toml", "checked.jsonl"], 1,
         stderr=["at the written stage"], files=staged)
    case("cli.certify.not_approved", ["certify", "--cycle", "cycle.toml", "--decisions",
                                      "decisions.toml", "--key", "private.pem",
                                      "--certificates", "certs", "--date", "2025-12-01",
                                      "checked.jsonl"], 1, stderr=["completed its rounds"],
         files=staged)
    case("cli.certify_revoke.not_awarded", ["certify", "revoke", "--dossier", SAMPLE, "--reason",
                                            "quality_accident", "--date", "2026-01-05", "--reference",
                                            "审定委员会〔2026〕1号", "checked.jsonl"],
         1, stderr=["M-22"], files=staged)
    case("cli.certify_verify.not_certificate", ["certify", "verify", "--public-key",
                                                "private.pem", "dossier.json"], 1,
         stdout=["dossier.json", "invalid"], files=staged)
    case("cli.certify_verify.tampered", ["certify", "verify", "--public-key", "public.pem",
                                         "cert.json"], 1, stdout=["invalid"],
         files={"public.pem": "@samples/keys/sample-public.pem", "cert.json": "@base/tampered.json"})
    for verb in ("check", "assign", "aggregate", "certify", "publish"):
        case(f"cli.{verb}.empty_folder", verbs[verb][:-1] + ["nothing"], 3,
             stderr=["nothing: the folder holds no *.json or *.jsonl file"], files=staged,
             extra={"nothing/readme.txt": "@samples/cycle.toml"})
        case(f"cli.{verb}.other_cycle", verbs[verb][:-1] + ["other.json"], 3, stderr=["M-4"],
             files=staged, extra={"other.json": "inputs/json/other_cycle.json"})

    (out / "cases.json").write_text(json.dumps(cases, ensure_ascii=False, indent=1), "utf-8")
    print(f"make_corpus: {len(cases)} cases, "
          f"{sum(1 for _ in inputs.rglob('*') if _.is_file())} input files in {out}")


if __name__ == "__main__":
    main()
