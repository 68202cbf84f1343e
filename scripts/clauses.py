#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes sqma-clauses(7), the clause reference, from the data sqma enforces.

    clauses.py DATA_DIR VERSION OUT VERB...

reads DATA_DIR/clauses.toml (the text and gloss of every clause sqma cites, and where the
verbs apply it), DATA_DIR/rules.toml (the rulebook of sqma check), DATA_DIR/criteria.toml
(the scoring criteria) and DATA_DIR/form.toml (the texts of the dossier form), and writes the
mdoc page OUT. It fails, naming the file, when the rulebook, the criteria or the form cite a
clause that clauses.toml lacks, when a clause is applied nowhere, or when a clause names a
verb that is not one of VERB.
"""
import os
import re
import sys
import tomllib

CLAUSE_ID = re.compile(r"^(M|A[123])-[0-9]+(\([0-9]+\))*$")
GROUPS = [("M", "The main measures", "管理办法"),
          ("A1", "Annex 1: the organisation award", "附件1 组织奖评审管理实施细则"),
          ("A2", "Annex 2: the project award", "附件2 项目奖评审管理实施细则"),
          ("A3", "Annex 3: the individual award", "附件3 个人奖评审管理实施细则")]


class DataError(Exception):
    pass


def load(path):
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise DataError(f"{path}: {e}") from e


def clause_ids(value):
    """The clause ids of a clause field: a string ("M-8, A2-3") or a table by group."""
    if isinstance(value, dict):
        out = []
        for v in value.values():
            out += clause_ids(v)
        return out
    return [part.strip() for part in str(value).split(",") if part.strip()]


def sort_key(clause_id):
    numbers = [int(n) for n in re.findall(r"[0-9]+", clause_id.split("-", 1)[1])]
    return (clause_id.split("-", 1)[0], numbers)


def roff(text):
    """Text for a text line of the page: backslashes escaped, no leading control character."""
    text = text.replace("\\", "\\e")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def main():
    if len(sys.argv) < 5:
        raise SystemExit("usage: clauses.py DATA_DIR VERSION OUT VERB...")
    data, version, out_path, verbs = sys.argv[1], sys.argv[2], sys.argv[3], set(sys.argv[4:])
    clauses_file = os.path.join(data, "clauses.toml")
    table = load(clauses_file)
    clauses = {}
    for i, c in enumerate(table.get("clause", [])):
        where = f"{clauses_file}: clause[{i}]"
        cid = c.get("id", "")
        if not CLAUSE_ID.match(cid):
            raise DataError(f"{where}: id {cid!r} is not a clause id such as A1-3(4)")
        if cid in clauses:
            raise DataError(f"{where}: {cid} is given twice")
        for key in ("zh", "en"):
            if not str(c.get(key, "")).strip():
                raise DataError(f"{where}: {cid} has no {key}")
        for use in c.get("cited_by", []):
            verb = use.split(":", 1)[0]
            if ":" not in use or verb not in verbs:
                raise DataError(f"{where}: {cid}: cited_by {use!r} is not \"VERB: what\" with a verb "
                                f"of sqma")
        clauses[cid] = c

    uses = {cid: [] for cid in clauses}  # cid -> [(kind, text)] in page order

    def cite(cid, source, kind, text):
        if cid not in clauses:
            raise DataError(f"{source}: cites {cid}, which {clauses_file} does not describe")
        uses[cid].append((kind, text))

    rules_file = os.path.join(data, "rules.toml")
    for rule in load(rules_file).get("rule", []):
        value = rule["clause"]
        by_clause = {}
        if isinstance(value, dict):
            for group, cid in value.items():
                by_clause.setdefault(cid, []).append(group)
        else:
            by_clause[value] = list(rule["applies"])
        for cid, groups in by_clause.items():
            cite(cid, f"{rules_file}: rule {rule['id']}", "rule",
                 (rule["id"], rule["check"], rule["outcome"], ", ".join(groups)))

    criteria_file = os.path.join(data, "criteria.toml")
    for s in load(criteria_file).get("set", []):
        for cid in clause_ids(s.get("clause", "")):
            cite(cid, f"{criteria_file}: set {s['id']}", "criteria",
                 f"the criteria of {s['name_en']} (set {s['id']}"
                 + (f", {s['source']})" if "source" in s else ")"))
        for item in s.get("items", []):
            for cid in clause_ids(item.get("clause", "")):
                cite(cid, f"{criteria_file}: item {item['id']}", "criteria",
                     f"item {item['id']} {item['name_en']} (set {s['id']})")

    form_file = os.path.join(data, "form.toml")
    fields = {}
    for name, field in load(form_file).get("field", {}).items():
        if "clause" in field:
            for cid in sorted(set(clause_ids(field["clause"]))):
                if cid not in clauses:
                    raise DataError(f"{form_file}: field {name} cites {cid}, which "
                                    f"{clauses_file} does not describe")
                fields.setdefault(cid, []).append(name)

    for cid, c in clauses.items():
        article = cid.split("(")[0]
        has_paragraphs = "(" not in cid and any(o.startswith(cid + "(") for o in clauses)
        if not (uses[cid] or c.get("cited_by") or fields.get(cid) or has_paragraphs):
            raise DataError(f"{clauses_file}: {cid} is applied nowhere: no rule, criterion, form "
                            f"field or cited_by names it")
        del article

    lines = [
        '.\\" SPDX-License-Identifier: Apache-2.0',
        '.\\" Written by scripts/clauses.py from data/clauses.toml, data/rules.toml,',
        '.\\" data/criteria.toml and data/form.toml: edit those, not this page.',
        f".Dd {table['date']}",
        ".Dt SQMA-CLAUSES 7",
        f".Os sqma {version}",
        ".Sh NAME",
        ".Nm sqma-clauses",
        ".Nd the clauses of the regulation that sqma cites",
        ".Sh DESCRIPTION",
        "Every finding, flag and decision that sqma prints names the clause of",
        roff(table["source"]),
        "that requires it.",
        "This page lists each clause id sqma prints: the text of the regulation in",
        "Chinese, a short English gloss, and what in sqma applies it:",
        "the rules of the condition check",
        ".Pq Xr sqma-check 1 , Xr sqma-rules 5 ,",
        "the scoring criteria",
        ".Pq Xr sqma-score 1 , Xr sqma-aggregate 1 ,",
        "the fields of the dossier form",
        ".Pq Xr sqma-form 5",
        "and the verbs.",
        ".Pp",
        "A clause id is",
        ".Li M- Ns Ar article",
        "for the main measures and",
        ".Li A1- Ns Ar article ,",
        ".Li A2- Ns Ar article",
        "and",
        ".Li A3- Ns Ar article",
        "for the annexes on the organisation, project and individual awards;",
        ".Li \\&( Ns Ar n Ns Li \\&)",
        "is the numbered paragraph （n） of the article, as in",
        ".Li A1-3(4) .",
        ".Pp",
        "A rule of the condition check has an outcome:",
        ".Cm return",
        "(not eligible: the dossier is returned with reasons, 退回),",
        ".Cm supplement",
        "(fixable by the deadline, 补充材料),",
        ".Cm confirm",
        "(a reviewer must confirm it, 待评审确认) or",
        ".Cm notice",
        "(for information, 提示).",
        "The rules listed here are those of the built-in rulebook; a cycle that",
        "replaces it cites the clauses its own rules name.",
    ]
    for prefix, title, title_zh in GROUPS:
        ids = sorted((cid for cid in clauses if cid.split("-")[0] == prefix), key=sort_key)
        if not ids:
            continue
        lines += [f".Ss {title}", roff(title_zh), ".Bl -tag -width Ds"]
        for cid in ids:
            c = clauses[cid]
            lines += [f".It Sy {cid}", roff(c["zh"].strip()), ".Pp", roff(c["en"].strip())]
            applied = []
            for kind, text in uses[cid]:
                if kind == "rule":
                    rule_id, check, outcome, groups = text
                    applied += [".It", "rule", f".Li {rule_id}",
                                "of", ".Xr sqma-check 1",
                                f"(check {check}, outcome {outcome}; {groups})"]
                else:
                    applied += [".It", roff(text), "in", ".Xr sqma-score 1",
                                "and", ".Xr sqma-aggregate 1"]
            if fields.get(cid):
                applied += [".It", "the form's", "fields " if len(fields[cid]) > 1 else "field "]
                names = sorted(fields[cid])
                for i, name in enumerate(names):
                    applied.append(f".Li {name}" + (" ," if i + 1 < len(names) else ""))
                applied += ["of", ".Xr sqma-form 5"]
            for use in c.get("cited_by", []):
                verb, what = use.split(":", 1)
                applied += [".It", f".Xr sqma-{verb} 1 :", roff(what.strip())]
            if "(" not in cid and any(o.startswith(cid + "(") for o in clauses):
                applied += [".It", "its paragraphs, below"]
            lines += [".Pp", "Applied by:", ".Bl -dash -compact"] + applied + [".El"]
        lines.append(".El")
    lines += [
        ".Sh FILES",
        ".Bl -tag -width Ds",
        ".It Pa data/clauses.toml",
        "The text and gloss of each clause, and where the verbs apply it.",
        ".It Pa data/rules.toml",
        "The built-in rulebook of the condition check.",
        ".It Pa data/criteria.toml",
        "The scoring criteria.",
        ".It Pa data/form.toml",
        "The texts of the dossier form.",
        ".El",
        ".Sh EXAMPLES",
        "The clause a finding cites, looked up:",
        ".Bd -literal -offset indent",
        "man 7 sqma-clauses | grep -A 12 '^ *A1-3(4)'",
        ".Ed",
        ".Sh SEE ALSO",
        ".Xr sqma 1 ,",
        ".Xr sqma-aggregate 1 ,",
        ".Xr sqma-assign 1 ,",
        ".Xr sqma-certify 1 ,",
        ".Xr sqma-check 1 ,",
        ".Xr sqma-publish 1 ,",
        ".Xr sqma-score 1 ,",
        ".Xr sqma-form 5 ,",
        ".Xr sqma-rules 5",
    ]
    os.makedirs(os.path.dirname(out_path) or ".", exist_ok=True)
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, out_path)


if __name__ == "__main__":
    try:
        main()
    except DataError as e:
        print(f"clauses.py: error: {e}", file=sys.stderr)
        sys.exit(1)
