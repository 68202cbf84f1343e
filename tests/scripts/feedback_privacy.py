#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The feedback reports of the sample cycle keep reviewers, scores and other applicants out.

The samples go through check and the three review rounds with the committed sheets; then
`sqma report feedback` writes the report of every applicant that was scored (HTML, Markdown,
JSON). Every feedback file is searched for the id, name, phone and e-mail of every reviewer of
samples/reviewers.toml, for each of its dossier's score sheets' own scores (totals, percents,
item points and percents, as a report would print them), for the dossier's combined scores, and
for the id and name of every other applicant; the JSON may hold no number but bands and the
criteria's points. The committee's evaluation reports are searched for the reviewers too: they
show combined scores and counts, never who gave what.

usage: feedback_privacy.py SQMA ROOT WORK"""
import json
import pathlib
import re
import shutil
import sys
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from publish_privacy import pattern  # noqa: E402
from sample_cycle import review_rounds, run  # noqa: E402


def number_forms(value):
    """A score as a report could print it."""
    forms = {f"{value:.2f}", f"{value:.1f}", json.dumps(value)}
    if float(value).is_integer():
        whole = int(value)
        forms = {f"{whole}.00", f"{whole}.0", f"{whole}分", f"{whole} 分", f"{whole}/", f"{whole} /"}
    return forms


def sheet_scores(dossier):
    """Every score of the dossier's own sheets and results, with where it comes from."""
    found = {}
    for name, rnd in dossier.get("rounds", {}).items():
        for sheet in rnd.get("sheets", []):
            if sheet.get("kind") != "score":
                continue
            where = f"{name} sheet of {sheet['reviewer']}"
            for key in ("total", "percent"):
                for form in number_forms(sheet[key]):
                    found[form] = f"{where}: {key}"
            for item, score in sheet.get("items", {}).items():
                for key, value in score.items():
                    for form in number_forms(value):
                        found.setdefault(form, f"{where}: {item} {key}")
        result = rnd.get("result", {})
        for key in ("total", "percent"):
            if key in result:
                for form in number_forms(result[key]):
                    found.setdefault(form, f"{name} result {key}")
    return found


def public_categories(root):
    """{category id: (name, points)} of every criteria set (data/), which feedback may show."""
    out = {}
    with open(root / "data" / "gbt19580-2012.toml", "rb") as f:
        for c in tomllib.load(f)["category"]:
            out[c["id"]] = (c["name"], sum(i["points"] for i in c["items"]))
    with open(root / "data" / "criteria.toml", "rb") as f:
        for s in tomllib.load(f)["set"]:
            for i in s.get("items", []):
                out[i["id"]] = (i["name"], i["points"])
    return out


def scrubbed(text, categories):
    """The text without what is public: the stylesheet, category ids next to their names, and
    the criteria's points in the JSON (checked apart)."""
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    for cid, (name, _) in categories.items():
        text = text.replace(f"{cid} {name}", name).replace(f'"{cid}"', '""')
    return re.sub(r'"points": [0-9.]+', '"points": _', text)


def numbers_in(value, path=""):
    """(path, number) for every number of a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from numbers_in(v, f"{path}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from numbers_in(v, f"{path}/{i}")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, value


def main():
    sqma, root, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cycle = root / "samples" / "cycle.toml"
    stream = review_rounds(sqma, root, work)
    (work / "aggregated.jsonl").write_bytes(stream)
    run([sqma, "report", "feedback", "--cycle", cycle, "-o", work / "feedback",
         work / "aggregated.jsonl"])
    run([sqma, "report", "evaluation", "--cycle", cycle, "-o", work / "evaluation",
         work / "aggregated.jsonl"])
    dossiers = {d["id"]: d for d in map(json.loads, stream.decode().splitlines())}
    with open(root / "samples" / "reviewers.toml", "rb") as f:
        reviewers = tomllib.load(f)["reviewer"]
    about_reviewers = {}
    for r in reviewers:
        about_reviewers[r["id"]] = "reviewer id"
        about_reviewers[r["name"]] = "reviewer name"
        for key in ("phone", "email"):
            if key in r:
                about_reviewers[r[key]] = f"reviewer {key}"

    categories = public_categories(root)
    scored = [d for d in dossiers.values()
              if any("result" in rnd for rnd in d.get("rounds", {}).values())]
    files = sorted((work / "feedback").iterdir())
    assert len(files) == 3 * len(scored), f"{len(files)} feedback files for {len(scored)} applicants"
    leaks, searched = [], 0
    for path in files:
        own = dossiers[path.name.split("-feedback")[0]]
        own_names = {own["applicant"]["name"], own["applicant"]["organisation"]["name"]}
        forbidden = dict(about_reviewers)
        forbidden.update(sheet_scores(own))
        for other in dossiers.values():
            if other["id"] != own["id"]:
                forbidden[other["id"]] = "another applicant's id"
                if other["applicant"]["name"] not in own_names:
                    forbidden[other["applicant"]["name"]] = f"{other['id']}'s name"
        text = path.read_text(encoding="utf-8")
        assert own["id"] in text and own["applicant"]["name"] in text, f"{path} is not about {own['id']}"
        searched += len(forbidden)
        prose = scrubbed(text, categories)
        leaks += [f"{path.name}: {s!r} ({why})" for s, why in forbidden.items()
                  if pattern(s).search(prose)]
        if path.suffix == ".json":
            doc = json.loads(text)
            leaks += [f"{path.name}: a number at {where}" for where, _ in numbers_in(doc)
                      if not re.search(r"/band/band$|^/overall/band$|^/categories/\d+/points$", where)]
            leaks += [f"{path.name}: {c['id']} has {c['points']} points, not the criteria's"
                      for c in doc["categories"] if c["points"] != categories[c["id"]][1]]
    for path in sorted((work / "evaluation").iterdir()):
        text = path.read_text(encoding="utf-8")
        leaks += [f"{path.name}: {s!r} ({why})" for s, why in about_reviewers.items()
                  if pattern(s).search(text)]
    # The search is shown to work: it finds the reviewers and the scores in the dossiers.
    haystack = stream.decode()
    sample = dossiers["SQMA-2025-O07"]
    on_panels = sum(1 for r in reviewers if pattern(r["id"]).search(haystack))
    assert on_panels > 25, f"self-test: only {on_panels} reviewer ids found in the dossiers"
    sheet = next(s for s in sample["rounds"]["panel"]["sheets"] if s.get("kind") == "score")
    assert pattern(json.dumps(sheet["total"])).search(haystack), "self-test: a sheet's total"
    if leaks:
        print("reviewers, scores or other applicants in feedback or evaluation reports:\n" +
              "\n".join(leaks))
        return 1
    print(f"{len(files)} feedback files of {len(scored)} applicants and "
          f"{len(list((work / 'evaluation').iterdir()))} evaluation files searched: none holds "
          f"any of {searched} reviewer, score or other-applicant strings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
