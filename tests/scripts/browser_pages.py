#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Every kind of HTML page sqma writes, opened in headless Chromium at 375 px (in a frame, as
headless windows are at least 500 px wide) and at 1280 px: the letter to an applicant
(check --letters), the round report (aggregate --html), the evaluation report and its index
(report evaluation), the applicant's feedback (report feedback) and the notice (publish). Each
page must carry a viewport meta, must not be wider than the viewport (scrollWidth <=
innerWidth: wide tables and charts scroll inside their own box), and its screenshot must not
be blank; the letter's Chinese text must be drawn with real CJK glyphs. A page with a 1500px
block added must be measured wider, so the measurement is shown to work.

usage: browser_pages.py SQMA ROOT WORK CHROMIUM"""
import pathlib
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from browser_notice import MEASURE, chromium, frame_widths, not_blank, widths  # noqa: E402
from browser_evaluation import PROBE, glyphs  # noqa: E402
from pipeline import make_cycle, run  # noqa: E402


def pages(sqma, root, work):
    """Writes one page of each kind below `work`; returns {name: path}."""
    cycle = root / "samples" / "cycle.toml"
    bundles = work / "bundles"
    run([sys.executable, root / "samples" / "make-bundles", bundles])
    # check exits 1: some dossiers are supplemented or returned, which is what gives letters.
    subprocess.run(
        [sqma, "check", "--cycle", cycle, "--bundle-dir", bundles, "--letters", work / "letters",
         "--letter-format", "html", "--out-dir", work / "checked", root / "samples" / "dossiers"],
        capture_output=True)
    run([sqma, "aggregate", "--round", "written", "--cycle", cycle, "--out-dir", work / "agg",
         "--html", work / "round.html",
         root / "tests" / "cli" / "aggregate" / "data" / "written-scored.jsonl"])
    run([sqma, "report", "evaluation", "--cycle", cycle, "-o", work / "committee",
         root / "tests" / "cli" / "report" / "data" / "aggregated.jsonl"])
    run([sqma, "report", "feedback", "--cycle", cycle, "-o", work / "feedback",
         root / "tests" / "cli" / "report" / "data" / "aggregated.jsonl"])
    (work / "cycle").mkdir()
    fixture_cycle, sets = make_cycle(sqma, root, work / "cycle")
    notice = work / "notice.html"
    notice.write_bytes(run([sqma, "publish", "--cycle", fixture_cycle, "--kind", "winners",
                            "--date", "2025-10-13", "--format", "html",
                            sets["awarded"]]).stdout)
    letters = sorted((work / "letters").glob("*.html"))
    assert letters, "check wrote no HTML letter"
    # A supplement letter (a deadline) and a project's (its lead unit as addressee).
    return {
        "letter": next(p for p in letters if "补充提交" in p.read_text(encoding="utf-8")),
        "letter-project": next(p for p in letters if "-P" in p.name),
        "round": work / "round.html",
        "evaluation": sorted((work / "committee").glob("*-evaluation.html"))[0],
        "evaluation-index": work / "committee" / "index.html",
        "feedback": sorted((work / "feedback").glob("*-feedback.html"))[0],
        "notice": notice,
    }


def main():
    sqma, root, work, browser = (sys.argv[1], pathlib.Path(sys.argv[2]),
                                 pathlib.Path(sys.argv[3]), sys.argv[4])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    failures = []
    for name, page in pages(sqma, root, work).items():
        html = page.read_text(encoding="utf-8")
        if 'name="viewport"' not in html:
            failures.append(f"{name}: no viewport meta in {page}")
        measured = page.with_name(f"measured-{page.name}")
        measured.write_text(html.replace("</body>", MEASURE + "\n</body>"), encoding="utf-8")
        wide = page.with_name(f"wide-{page.name}")
        wide.write_text(html.replace("</body>", '<div style="width:1500px">x</div>' + MEASURE +
                                     "\n</body>"), encoding="utf-8")
        scroll, inner = frame_widths(browser, page, 375)
        print(f"{name} at 375px: scrollWidth {scroll}, innerWidth {inner}")
        if scroll > 375 or scroll > inner:
            failures.append(f"{name}: {scroll}px wide in a 375px frame")
        scroll, _ = frame_widths(browser, wide, 375)
        if scroll <= 375:
            failures.append(f"{name}: a 1500px block went unmeasured at 375px")
        scroll, inner = widths(browser, measured, "1280,900")
        print(f"{name} at 1280px: scrollWidth {scroll}, innerWidth {inner}")
        if scroll > inner:
            failures.append(f"{name}: {scroll}px wide in a {inner}px window")
        shot = page.with_name(f"{page.stem}-1280.png")
        chromium(browser, "--window-size=1280,900", f"--screenshot={shot}", page.as_uri())
        if not shot.exists():
            failures.append(f"{name}: no screenshot")
        else:
            ink, colours = not_blank(shot)
            print(f"{name}: {ink:.1%} of pixels dark, {colours} colours")
            if ink < 0.003 or colours < 8:
                failures.append(f"{name}: the screenshot {shot} looks blank")
        if name.startswith("letter"):
            probe = page.with_name(f"probe-{page.name}")
            probe.write_text(html.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
            (chars, distinct, boxes, blank), (c_chars, _, c_boxes, c_blank) = glyphs(browser, probe)
            print(f"{name} glyphs: {chars} CJK characters, {distinct} distinct drawings, "
                  f"{boxes} tofu, {blank} blank")
            if chars < 50 or boxes > 0 or blank > 0 or distinct < chars * 0.9:
                failures.append(f"{name}: CJK characters drawn as tofu ({boxes} boxes, "
                                f"{blank} blank, {distinct} distinct of {chars})")
            if c_boxes + c_blank != c_chars:
                failures.append(f"{name}: the glyph probe does not see missing glyphs as tofu")
            for needed in ("盖章处", "联系人", "〔", "工作日" if name == "letter" else "退回"):
                if needed not in html:
                    failures.append(f"{name}: the letter lacks {needed}")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
