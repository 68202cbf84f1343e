#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The evaluation report in headless Chromium, as the notice page is tested: at A4 print size
(the page's print stylesheet applied, the printable width of A4 less its margins) and in a
375px phone frame the screenshot must not be blank and the page not wider than the page or
frame; printed to PDF it must give A4 pages; and its Chinese text must be drawn with real CJK
glyphs, not the empty boxes ("tofu") of a missing font.

The glyph check draws every distinct CJK character of the page on a canvas in the page's own
font and compares it with the drawing of code points no font has (Plane 16 private use): a
character drawn like them, or not at all, is tofu. The same check run on other code points that
no font has must find them all tofu, so the check is shown to work.

usage: browser_evaluation.py SQMA ROOT WORK CHROMIUM"""
import pathlib
import re
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from browser_notice import MEASURE, chromium, frame_widths, not_blank, widths  # noqa: E402

# A4 is 210 mm wide; the print stylesheet leaves 16 mm each side: 178 mm at 96 px per inch.
A4_PRINT_WIDTH = round(178 / 25.4 * 96)
A4_HEIGHT = round(297 / 25.4 * 96)

PROBE = """<script>
(function () {
  var text = document.body.innerText, seen = {}, chars = [];
  for (var i = 0; i < text.length; i++) {
    var c = text.charAt(i), code = c.charCodeAt(0);
    if (code >= 0x4E00 && code <= 0x9FFF && !seen[c]) { seen[c] = 1; chars.push(c); }
  }
  var canvas = document.createElement('canvas');
  canvas.width = 48; canvas.height = 48;
  var ctx = canvas.getContext('2d', {willReadFrequently: true});
  var font = '32px ' + getComputedStyle(document.body).fontFamily;
  function drawn(c) {
    ctx.clearRect(0, 0, 48, 48);
    ctx.font = font; ctx.fillStyle = '#000'; ctx.textBaseline = 'middle';
    ctx.fillText(c, 4, 24);
    var data = ctx.getImageData(0, 0, 48, 48).data, rows = [], ink = 0;
    for (var y = 0; y < 48; y++) {
      var sum = 0;
      for (var x = 0; x < 48; x++) sum += data[(y * 48 + x) * 4 + 3];
      rows.push(sum); ink += sum;
    }
    return {ink: ink, key: rows.join(',')};
  }
  var tofu = {};
  ['\\uDBFF\\uDFFD', '\\uDBFF\\uDFFC'].forEach(function (c) { tofu[drawn(c).key] = 1; });
  var missing = ['\\uDBFF\\uDFF0', '\\uDBFF\\uDFF1', '\\uDBFF\\uDFF2'];
  function count(list) {
    var keys = {}, distinct = 0, boxes = 0, blank = 0;
    list.forEach(function (c) {
      var d = drawn(c);
      if (d.ink === 0) blank++; else if (tofu[d.key]) boxes++;
      if (!keys[d.key]) { keys[d.key] = 1; distinct++; }
    });
    return list.length + ' ' + distinct + ' ' + boxes + ' ' + blank;
  }
  document.body.setAttribute('data-glyphs', count(chars.slice(0, 400)));
  document.body.setAttribute('data-control', count(missing));
})();
</script>"""


def glyphs(browser, page):
    out = chromium(browser, "--dump-dom", page.as_uri())
    dom = out.stdout.decode("utf-8", "replace")
    found = re.search(r'data-glyphs="(\d+) (\d+) (\d+) (\d+)"', dom)
    control = re.search(r'data-control="(\d+) (\d+) (\d+) (\d+)"', dom)
    assert found and control, f"no glyph probe in the DOM of {page}: {out.stderr.decode()[-500:]}"
    return [int(g) for g in found.groups()], [int(g) for g in control.groups()]


def pdf_pages(pdf):
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF"), f"{pdf} is not a PDF"
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    return pages, {(round(float(w)), round(float(h))) for w, h in boxes}


def main():
    sqma, root, work, browser = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run([sqma, "report", "evaluation", "--cycle", root / "samples" / "cycle.toml",
                    "--format", "html", "-o", work, root / "tests" / "cli" / "report" / "data" /
                    "aggregated.jsonl"], check=True)
    failures = []
    for name in ("SQMA-2025-O07-evaluation.html", "SQMA-2025-P01-evaluation.html", "index.html"):
        page = work / name
        html = page.read_text(encoding="utf-8")
        assert "@media print {" in html, f"{name} has no print stylesheet"
        # The print stylesheet applied on screen, at the printable width of an A4 page.
        printed = work / f"print-{name}"
        printed.write_text(html.replace("@media print {", "@media all {"), encoding="utf-8")
        measured = work / f"measured-{name}"
        measured.write_text(printed.read_text(encoding="utf-8").replace("</body>", MEASURE + "\n</body>"),
                            encoding="utf-8")
        wide = work / f"wide-{name}"
        wide.write_text(printed.read_text(encoding="utf-8").replace(
            "</body>", '<div style="width:1500px">x</div>' + MEASURE + "\n</body>"), encoding="utf-8")
        size = f"{A4_PRINT_WIDTH},{A4_HEIGHT}"
        shot = work / f"a4-{name}.png"
        chromium(browser, f"--window-size={size}", f"--screenshot={shot}", printed.as_uri())
        if not shot.exists():
            failures.append(f"{name} A4: no screenshot")
        else:
            ink, colours = not_blank(shot)
            print(f"{name} A4 ({size}): {ink:.1%} of pixels dark, {colours} colours")
            if ink < 0.005 or colours < 8:
                failures.append(f"{name} A4: the screenshot {shot} looks blank")
        scroll, inner = widths(browser, measured, size)
        print(f"{name} A4: scrollWidth {scroll}, innerWidth {inner}")
        if scroll > inner:
            failures.append(f"{name} A4: the page is {scroll}px wide on a {inner}px page")
        scroll, inner = widths(browser, wide, size)
        if scroll <= inner:
            failures.append(f"{name} A4: a 1500px block went unmeasured ({scroll} <= {inner})")

        pdf = work / f"{name}.pdf"
        chromium(browser, "--no-pdf-header-footer", "--print-to-pdf-no-header",
                 f"--print-to-pdf={pdf}", page.as_uri())
        if not pdf.exists():
            failures.append(f"{name}: no PDF")
        else:
            pages, boxes = pdf_pages(pdf)
            print(f"{name} PDF: {pages} page(s), media boxes {sorted(boxes)} (A4 is 595 x 842 pt)")
            if pages < 1 or boxes - {(595, 842), (596, 843)}:
                failures.append(f"{name}: the PDF is not on A4 pages: {pages} {boxes}")

        # A phone: the page in a 375px frame, measured and photographed.
        scroll, inner = frame_widths(browser, page, 375)
        print(f"{name} 375px frame: scrollWidth {scroll}, innerWidth {inner}")
        if scroll > inner:
            failures.append(f"{name} 375px: the page is {scroll}px wide in {inner}px")
        wide_phone = work / f"wide375-{name}"
        wide_phone.write_text(html.replace("</body>", '<div style="width:1500px">x</div>\n</body>'),
                              encoding="utf-8")
        scroll, inner = frame_widths(browser, wide_phone, 375)
        if scroll <= inner:
            failures.append(f"{name} 375px: a 1500px block went unmeasured")
        frame = page.with_name(f"frame-375-{name}")
        phone = work / f"phone-{name}.png"
        chromium(browser, "--allow-file-access-from-files", "--virtual-time-budget=5000",
                 "--window-size=500,800", f"--screenshot={phone}", frame.as_uri())
        if not phone.exists():
            failures.append(f"{name} 375px: no screenshot")
        else:
            ink, colours = not_blank(phone)
            print(f"{name} 375px: {ink:.1%} of pixels dark, {colours} colours")
            if ink < 0.005 or colours < 8:
                failures.append(f"{name} 375px: the screenshot {phone} looks blank")

        probe = work / f"probe-{name}"
        probe.write_text(html.replace("</body>", PROBE + "\n</body>"), encoding="utf-8")
        (chars, distinct, boxes, blank), (c_chars, _, c_boxes, c_blank) = glyphs(browser, probe)
        print(f"{name} glyphs: {chars} CJK characters, {distinct} distinct drawings, {boxes} "
              f"tofu, {blank} blank; control: {c_boxes + c_blank} of {c_chars} found tofu")
        if chars < 20:
            failures.append(f"{name}: only {chars} CJK characters on the page")
        if boxes or blank or distinct < chars * 0.95:
            failures.append(f"{name}: CJK characters drawn as tofu ({boxes} boxes, {blank} blank, "
                            f"{distinct} distinct of {chars})")
        if c_boxes + c_blank != c_chars:
            failures.append(f"{name}: the glyph probe does not see missing glyphs as tofu")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
