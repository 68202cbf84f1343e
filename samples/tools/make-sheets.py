#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Run the sample cycle's review rounds with the real sqma binary and write the score sheets.

Usage: make-sheets.py [--sqma BUILD/cmd/sqma] [--fixtures] [--keep WORK]

For each round (written, panel, onsite) it runs, from the repository root:

    sqma check → sqma assign → sqma score template → (fill the sheets) → sqma score → sqma aggregate

and the aggregated dossiers feed the next round's assign. The sheets are filled from a planted
model: every dossier has a quality (percent, from its id), every reviewer a leniency (from
theirs) and every item a little noise (from dossier, reviewer and item), so the same binary
gives the same sheets byte for byte. The strengths and opportunities come from a bank of
remarks per criteria set (REMARKS), one to three each, naming their category; some are
typed with other punctuation, as a second reviewer would write the same remark. The filled sheets are written to samples/sheets/<round>/
(replacing what was there), together with a few sheets that are wrong on purpose:

  written/  a sheet from a reviewer who is not on the panel (refused; it never counts),
            an incomplete sheet (an item unscored, no opportunities: refused), and a pair of
            reviewers who disagree strongly on one dossier (consensus needed);
  panel/    mutual-evaluation sheets (M-18): the applicants' ratings of their reviewers, one
            with a low integrity rating (an M-17 complaint), a reviewer's rating of an
            applicant's discipline, and a major objection (A1-11) that keeps one dossier
            from the simplified procedure.

With --fixtures it also writes the dossiers of each round as assigned and as scored to
tests/cli/score/data/<round>-assigned.jsonl and tests/cli/aggregate/data/<round>-scored.jsonl,
and seven dossiers after the last round to tests/cli/report/data/aggregated.jsonl, for the
golden tests. It prints the planted and the recovered leniency of every reviewer of
the written round (a check of aggregate's calibration).

Standard library only; no network.
"""

import argparse
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
CYCLE = "samples/cycle.toml"
REVIEWERS = "samples/reviewers.toml"
ROUNDS = ["written", "panel", "onsite"]
QUALIFIED = [f"R-{i:03d}" for i in range(1, 30)]

# The planted disagreements and mutual ratings, by round.
OUTSIDER = "SQMA-2025-O02"  # gets a sheet from the last qualified reviewer not on its panel
INCOMPLETE = "SQMA-2025-P02"  # its first reviewer leaves an item and the opportunities out
DISAGREE = "SQMA-2025-O03"  # its first two reviewers are 25 points apart either way
OBJECTION = "SQMA-2025-O07"  # one panel reviewer raises a major objection (A1-11)
RATED = ["SQMA-2025-O01", "SQMA-2025-O07", "SQMA-2025-P01"]  # applicants who rate reviewers


def unit(*parts):
    """A number in [0, 1) from the parts, stable across runs and platforms."""
    digest = hashlib.sha256("/".join(parts).encode()).hexdigest()
    return int(digest[:12], 16) / float(1 << 48)


def quality(dossier_id):
    return 42.0 + 36.0 * unit("quality", dossier_id)


def leniency(reviewer):
    return -8.0 + 16.0 * unit("leniency", reviewer)


def noise(*parts):
    return random.Random("/".join(parts)).gauss(0.0, 4.0)


def run(args, stdin=None, ok=(0,)):
    proc = subprocess.run(args, input=stdin, capture_output=True, cwd=ROOT, check=False)
    if proc.returncode not in ok:
        sys.exit(
            f"make-sheets: {' '.join(map(str, args))} exited {proc.returncode}:\n"
            + proc.stderr.decode()
        )
    return proc.stdout, proc.stderr.decode()


def read_jsonl(data):
    return [json.loads(line) for line in data.decode().splitlines() if line.strip()]


def write_jsonl(dossiers):
    return "".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in dossiers).encode()


# What reviewers write, by criteria set: (category or item, strength, opportunity). Each
# reviewer picks a few from their dossier's set, so reviewers of one dossier often write the
# same remark, sometimes with other punctuation; sqma report merges and counts them.
REMARKS = {
    "organisation": [
        ("4.1", "高层领导亲自推动卓越绩效模式，战略目标层层分解到部门。 Senior leaders drive the excellence model; goals cascade to every department.",
         "社会责任目标尚未纳入高层绩效考核。 Social-responsibility goals are not yet part of senior leaders' appraisal."),
        ("4.2", "战略制定过程系统，SWOT 分析覆盖主要竞争对手。 Strategy development is systematic, with a SWOT that covers the main competitors.",
         "战略目标与资源配置的关联不够清晰。 The link between strategic goals and resources is unclear."),
        ("4.3", "建立了覆盖全渠道的顾客投诉快速响应机制。 A rapid-response process handles complaints from every channel.",
         "顾客满意度测量缺少与竞争对手的对比。 Customer satisfaction is not measured against competitors."),
        ("4.4.2", "关键岗位人才梯队建设完善，培训与能力评价挂钩。 Succession for key posts is well built; training is tied to competence reviews.",
         "各信息系统之间的数据尚未打通。 Data do not yet flow between the information systems."),
        ("4.5", "关键过程识别清晰，过程指标按月监控。 Key processes are clearly identified and their indicators tracked monthly.",
         "供应商过程的绩效评价方法较为单一。 Supplier processes are judged by one narrow measure."),
        ("4.6", "绩效测量体系与战略指标对应，数据分析支撑决策。 Measures map to the strategic indicators, and analysis supports decisions.",
         "改进成果的横向推广尚不充分。 Improvements are not yet spread across units."),
        ("4.7", "近三年主营业务收入和利润保持增长。 Revenue and profit have grown for three years.",
         "部分结果指标缺少标杆对比数据。 Some results lack benchmark comparisons."),
    ],
    "project": [
        ("P1", "关键质量特性的过程能力指数显著提升。 Process capability of the key quality characteristics rose markedly.",
         "质量改进目标的设定依据不够充分。 The basis for the improvement targets is thin."),
        ("P2", "创新运用数字化手段实现过程实时监控。 Digital tools watch the process in real time, an innovative use.",
         "创新方法的适用范围论证不足。 Where the new method applies is not well argued."),
        ("P3", "项目团队形成了全员参与的质量文化。 The team built a culture in which everyone takes part in quality.",
         "质量理念向合作单位的传递不够。 The quality ethos is not yet shared with partner units."),
        ("P4", "经济效益和社会效益经第三方确认。 Economic and social benefits are confirmed by a third party.",
         "成果的持续性验证周期偏短。 The results have been tracked for too short a time."),
    ],
    "leader": [
        ("L1", "亲自主持管理体系建设，推动全面质量管理落地。 Personally led the management system and put TQM into practice.",
         "管理体系整合的成效缺少量化评价。 The benefit of integrating the systems is not measured."),
        ("L2", "系统推进精益与六西格玛项目，覆盖主要业务单元。 Lean and six-sigma projects run across the main business units.",
         "方法推进对中层管理者的辐射不足。 Middle managers are reached too little by the methods."),
        ("L3", "重视质量人才培养，建立了内部讲师队伍。 Builds quality talent, with a team of in-house trainers.",
         "质量文化建设缺少员工感知度调查。 Staff perception of the quality culture is not surveyed."),
        ("L4", "近三年组织绩效持续向好，获得多项质量荣誉。 Performance improved for three years, with several quality awards.",
         "绩效改善与个人贡献的关联论证不足。 The link between the gains and the applicant's own part is thin."),
        ("L5", "积极参与行业质量活动，社会影响力较大。 Active in industry quality events, with wide influence.",
         "对外经验分享的形式较为单一。 Experience is shared in few and similar ways."),
    ],
    "manager": [
        ("M1", "在质量管理实践中形成了可复制的方法。 Practice produced methods that others can copy.",
         "理论总结与发表成果偏少。 Little has been written up or published."),
        ("M2", "近三年推广先进质量方法，效益显著。 Advanced quality methods promoted over three years, with marked benefit.",
         "效益测算的口径需要进一步明确。 How the benefit is calculated needs stating."),
        ("M3", "创新实践解决了长期存在的质量问题。 Innovative practice solved a long-standing quality problem.",
         "创新成果的推广应用范围有限。 The innovation is applied in few places."),
        ("M4", "品行端正，在行业内有良好口碑。 Upright conduct and a good name in the industry.",
         "行业交流与带教活动可以进一步加强。 Industry exchange and mentoring could grow."),
    ],
    "craftsman": [
        ("C1", "技艺精湛，带徒传艺成效明显。 Masterly skill, and apprentices trained with clear results.",
         "技能传承缺少标准化的培训教材。 Passing on skills lacks standard training material."),
        ("C2", "运用先进方法攻克了多项工艺难题。 Advanced methods cracked several process problems.",
         "问题解决过程的记录不够完整。 How the problems were solved is not fully recorded."),
        ("C3", "取得多项创新成果和专利。 Several innovations and patents.",
         "创新成果转化为效益的证据不足。 Evidence that the innovations pay off is thin."),
        ("C4", "以顾客需求为导向改进工艺，顾客满意度提升。 Process improved around customer needs; satisfaction rose.",
         "顾客反馈的收集渠道较少。 Customer feedback comes through few channels."),
    ],
}
GENERAL_STRENGTH = "目标分解到岗位，关键指标按月跟踪。 Goals are cascaded to posts and tracked monthly."


def criteria_set(dossier):
    return dossier.get("kind") or dossier["class"]


def reworded(text):
    """The same remark as another reviewer types it: other punctuation and spacing."""
    return text.replace("，", ", ").replace("。 ", " ").replace("; ", ", ")


def remark_lines(dossier, reviewer, round_name, kind):
    """One to three remarks of one kind (0 strengths, 1 opportunities) as TOML lines."""
    bank = REMARKS[criteria_set(dossier)]
    draw = random.Random("/".join(("pick", kind, dossier["id"], reviewer, round_name)))
    picks = draw.sample(range(len(bank)), 1 + draw.randrange(3))
    lines = []
    for pick in picks:
        category, strength, opportunity = bank[pick]
        text = strength if kind == "strength" else opportunity
        if unit("reword", dossier["id"], reviewer, round_name, category, kind) < 0.3:
            text = reworded(text)
        lines.append(f'  {{ category = "{category}", text = "{text}" }},')
    if kind == "strength" and unit("general", dossier["id"], reviewer, round_name) < 0.4:
        lines.append(f'  "{GENERAL_STRENGTH}",')
    return lines


def fill(text, dossier, reviewer, round_name, shift=0.0, skip_item=None, no_opportunities=False):
    dossier_id = dossier["id"]
    q = quality(dossier_id) + leniency(reviewer) + shift
    lines = []
    item = None
    for line in text.splitlines():
        if line.startswith("id = "):
            item = line.split('"')[1]
        if line.startswith("max = "):
            maximum = float(line.split("=")[1])
        if line in ("# percent = ", "# points = ") and item != skip_item:
            value = q + noise(dossier_id, reviewer, item)
            if line.startswith("# percent"):
                line = f"percent = {int(min(100, max(0, round(value / 5) * 5)))}"
            else:
                line = f"points = {int(min(maximum, max(0, round(maximum * value / 100))))}"
        elif line == "strengths = [":
            line = "\n".join([line] + remark_lines(dossier, reviewer, round_name, "strength"))
        elif line == "opportunities = [" and not no_opportunities:
            line = "\n".join([line] + remark_lines(dossier, reviewer, round_name, "opportunity"))
        lines.append(line)
    return "\n".join(lines) + "\n"


def rate(text, values):
    for key, value in values.items():
        text = text.replace(f"# {key} = \n", f"{key} = {value}\n")
    return text.replace('# comment = ""', 'comment = "评审过程规范。 The review was orderly."')


def make_round(sqma, round_name, dossiers, work, dest):
    source = write_jsonl(dossiers)
    out, _ = run(
        [sqma, "assign", "--round", round_name, "--cycle", CYCLE, "--reviewers", REVIEWERS, "-"],
        stdin=source,
    )
    assigned = read_jsonl(out)
    assigned_file = work / f"{round_name}-assigned.jsonl"
    assigned_file.write_bytes(write_jsonl(assigned))

    blanks = work / f"{round_name}-blank"
    run([sqma, "score", "template", "--round", round_name, "--cycle", CYCLE, "--kind", "all",
         "--out-dir", blanks, assigned_file])
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    panels = {d["id"]: [m["reviewer"] for m in d["rounds"][round_name]["panel"]]
              for d in assigned if d["stage"] == round_name and round_name in d.get("rounds", {})}
    by_id = {d["id"]: d for d in assigned}
    for dossier_id, members in sorted(panels.items()):
        for k, reviewer in enumerate(members):
            blank = (blanks / f"{dossier_id}_{reviewer}.toml").read_text()
            shift, skip, bare = 0.0, None, False
            if round_name == "written" and dossier_id == DISAGREE and k < 2:
                shift = 25.0 if k == 0 else -25.0
            if round_name == "written" and dossier_id == INCOMPLETE and k == 0:
                skip, bare = "P3", True
            text = fill(blank, by_id[dossier_id], reviewer, round_name, shift, skip, bare)
            if round_name == "panel" and dossier_id == OBJECTION and k == 1:
                text = text.replace("objection = false", "objection = true")
            (dest / f"{dossier_id}_{reviewer}.toml").write_text(text)
            if round_name == "written" and (dossier_id, k) == (OUTSIDER, 0):
                other = [r for r in QUALIFIED if r not in members][-1]
                outsider = text.replace(f'reviewer = "{reviewer}"', f'reviewer = "{other}"')
                outsider = outsider.replace(f"评审员 reviewer: {reviewer}", f"评审员 reviewer: {other}")
                (dest / f"{dossier_id}_{other}.toml").write_text(outsider)
            if round_name == "panel" and dossier_id in RATED:
                low = dossier_id == RATED[0] and k == 2
                ratings = {"work_quality": 2 if low else 4 + (k % 2), "integrity": 2 if low else 5}
                blank = (blanks / f"{dossier_id}_{reviewer}_applicant_rating.toml").read_text()
                (dest / f"{dossier_id}_{reviewer}_applicant_rating.toml").write_text(rate(blank, ratings))
                if k == 0:
                    blank = (blanks / f"{dossier_id}_{reviewer}_reviewer_rating.toml").read_text()
                    discipline = 2 if dossier_id == RATED[1] else 5
                    (dest / f"{dossier_id}_{reviewer}_reviewer_rating.toml").write_text(
                        rate(blank, {"discipline": discipline}))
    out, err = run([sqma, "score", "--round", round_name, "--cycle", CYCLE, "--dossiers", assigned_file,
                    dest.relative_to(ROOT)], ok=(0, 1))
    if err:
        print(err, end="", file=sys.stderr)
    scored_file = work / f"{round_name}-scored.jsonl"
    scored_file.write_bytes(out)
    out, _ = run([sqma, "aggregate", "--round", round_name, "--cycle", CYCLE, scored_file,
                  "--reviewers", work / f"{round_name}-reviewers.json", "--force"])
    return read_jsonl(out), assigned_file, scored_file


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqma", default=str(ROOT / "build/dev/cmd/sqma"))
    parser.add_argument("--fixtures", action="store_true", help="also write the golden tests' inputs")
    parser.add_argument("--keep", help="keep the intermediate files in this folder")
    args = parser.parse_args()
    sqma = str(Path(args.sqma).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        run([sys.executable, SAMPLES / "make-bundles", work / "bundles"])
        out, _ = run([sqma, "check", "--cycle", CYCLE, "--bundle-dir", work / "bundles",
                      "samples/dossiers/"], ok=(0, 1))
        dossiers = [d for d in read_jsonl(out) if d["stage"] == "eligible"]
        for round_name in ROUNDS:
            dossiers, assigned, scored = make_round(sqma, round_name, dossiers, work,
                                                    SAMPLES / "sheets" / round_name)
            if args.fixtures:
                # The score goldens use the written and panel rounds; aggregate's all three.
                pairs = [(scored, ROOT / "tests/cli/aggregate/data")]
                if round_name != "onsite":
                    pairs.append((assigned, ROOT / "tests/cli/score/data"))
                for src, dest in pairs:
                    dest.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, dest / src.name)
        if args.fixtures:
            # sqma report's goldens: dossiers that show each part of its reports (the
            # simplified procedure, an objection, disagreements, an incomplete panel, one not
            # recommended and one that never finished its rounds).
            wanted = {"SQMA-2025-O01", "SQMA-2025-O03", "SQMA-2025-O07", "SQMA-2025-L03",
                      "SQMA-2025-M02", "SQMA-2025-P01", "SQMA-2025-P02"}
            dest = ROOT / "tests/cli/report/data"
            dest.mkdir(parents=True, exist_ok=True)
            (dest / "aggregated.jsonl").write_bytes(
                write_jsonl([d for d in dossiers if d["id"] in wanted]))
        table = json.loads((work / "written-reviewers.json").read_text())
        planted = {row["reviewer"]: leniency(row["reviewer"]) for row in table["rows"]}
        centre = sum(planted.values()) / len(planted)
        print("reviewer  planted  recovered  (written round; planted centred like the estimate)")
        for row in table["rows"]:
            print(f"{row['reviewer']}  {planted[row['reviewer']] - centre:+7.2f}  {row['leniency']:+9.2f}")
    count = sum(1 for _ in (SAMPLES / "sheets").rglob("*.toml"))
    print(f"make-sheets: {count} sheets in samples/sheets/")


if __name__ == "__main__":
    main()
