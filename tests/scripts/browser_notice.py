#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Opens the HTML notice in headless Chromium, narrow and wide, and in 320px and 375px frames: the
screenshot must not be blank, and the page must not be wider than the viewport. A copy of
the page with a wide block added must be found wider, so the measurement is shown to work.

usage: browser_notice.py SQMA ROOT WORK CHROMIUM"""
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from pipeline import make_cycle, run  # noqa: E402

MEASURE = ("<script>document.body.setAttribute('data-widths', "
           "document.documentElement.scrollWidth + ' ' + window.innerWidth);</script>")


def chromium(browser, *args):
    return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", "--disable-dev-shm-usage", *args],
                          capture_output=True, timeout=120)


def png_pixels(path):
    """Width, height and rows of RGB(A) bytes of an 8-bit truecolour PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG format {depth}/{colour}"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def not_blank(path):
    width, height, bpp, rows = png_pixels(path)
    dark = 0
    colours = set()
    for row in rows[::2]:
        for x in range(0, width * bpp, bpp * 2):
            r, g, b = row[x], row[x + 1], row[x + 2]
            colours.add((r, g, b))
            dark += r + g + b < 384
    sampled = (height // 2) * (width // 2)
    return dark / sampled, len(colours)


def widths(browser, page, size):
    out = chromium(browser, f"--window-size={size}", "--dump-dom", page.as_uri())
    match = re.search(r'data-widths="(\d+) (\d+)"', out.stdout.decode("utf-8", "replace"))
    assert match, f"no measurement in the DOM of {page}: {out.stderr.decode()[-500:]}"
    return int(match.group(1)), int(match.group(2))


FRAME = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" src="{page}" style="width:{width}px;height:700px;border:0"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {{
  document.body.setAttribute('data-widths', this.contentDocument.documentElement.scrollWidth +
                             ' ' + this.contentWindow.innerWidth);
}});
</script></body></html>
"""


def frame_widths(browser, page, width):
    """Headless Chromium's window is at least 500px wide; a phone's width is measured with the
    page in an iframe of that width."""
    frame = page.with_name(f"frame-{width}-{page.name}")
    frame.write_text(FRAME.format(page=page.name, width=width), encoding="utf-8")
    out = chromium(browser, "--allow-file-access-from-files", "--virtual-time-budget=5000",
                   "--dump-dom", frame.as_uri())
    match = re.search(r'data-widths="(\d+) (\d+)"', out.stdout.decode("utf-8", "replace"))
    assert match, f"no measurement in the DOM of {frame}: {out.stderr.decode()[-500:]}"
    return int(match.group(1)), int(match.group(2))


def main():
    sqma, root, work, browser = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cycle, sets = make_cycle(sqma, root, work)
    page = work / "notice-winners.html"
    page.write_bytes(run([sqma, "publish", "--cycle", cycle, "--kind", "winners",
                          "--date", "2025-10-13", "--format", "html", sets["awarded"]]).stdout)
    html = page.read_text(encoding="utf-8")
    measured = work / "measured.html"
    measured.write_text(html.replace("</body>", MEASURE + "\n</body>"), encoding="utf-8")
    wide = work / "wide.html"
    wide.write_text(html.replace("</body>", '<div style="width:1500px">x</div>' + MEASURE +
                                 "\n</body>"), encoding="utf-8")
    failures = []
    for size in ("500,800", "1280,900"):
        shot = work / f"notice-{size.replace(',', 'x')}.png"
        chromium(browser, f"--window-size={size}", f"--screenshot={shot}", page.as_uri())
        if not shot.exists():
            failures.append(f"{size}: no screenshot")
            continue
        ink, colours = not_blank(shot)
        print(f"{size}: {ink:.1%} of pixels dark, {colours} colours")
        if ink < 0.005 or colours < 8:
            failures.append(f"{size}: the screenshot {shot} looks blank")
        scroll, inner = widths(browser, measured, size)
        print(f"{size}: scrollWidth {scroll}, innerWidth {inner}")
        if scroll > inner:
            failures.append(f"{size}: the page is {scroll}px wide in a {inner}px viewport")
        scroll, inner = widths(browser, wide, size)
        if scroll <= inner:
            failures.append(f"{size}: a 1500px block went unmeasured ({scroll} <= {inner})")
    for width in (320, 375):
        scroll, inner = frame_widths(browser, page, width)
        print(f"{width}px frame: scrollWidth {scroll}, innerWidth {inner}")
        if scroll > inner:
            failures.append(f"{width}px frame: the page is {scroll}px wide in {inner}px")
        scroll, inner = frame_widths(browser, wide, width)
        if scroll <= inner:
            failures.append(f"{width}px frame: a 1500px block went unmeasured")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
