"""Checks how LibreOffice draws a PowerPoint deck: every word it draws lies
inside a shape of the slide that holds text, and no two words overlap.

usage: words_in_shapes.py DECK.pptx LIBREOFFICE.pdf

LIBREOFFICE.pdf is LibreOffice's conversion of the deck (`soffice
--headless --convert-to pdf`), whose pages are the slides at 1 pt to the
point. The words and their boxes come from `pdftotext -bbox`. Prints one
JSON object with the problems found (an empty list when all is well).
"""
import html
import json
import re
import subprocess
import sys

from pptx import Presentation
from pptx.util import Emu

SLACK = 2.0  # points a word may pass its shape's edge (rounding, ink)


def words(pdf):
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", out, re.S):
        ws = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page):
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            # The box pdftotext gives spans the font's whole ascent and
            # descent, taller than the letters: keep its middle, where the
            # letters are (x-height and caps).
            mid, half = (y0 + y1) / 2, (y1 - y0) * 0.3
            ws.append((x0, mid - half, x1, mid + half, html.unescape(m.group(5))))
        pages.append(ws)
    return pages


def boxes(slide):
    out = []
    for shape in slide.shapes:
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            continue
        if shape.left is None or shape.width is None:
            continue
        x, y, w, h = (Emu(v).pt for v in (shape.left, shape.top, shape.width, shape.height))
        out.append((x, y, x + w, y + h, shape.name))
    return out


def main():
    deck, lo = sys.argv[1], sys.argv[2]
    prs = Presentation(deck)
    problems = []
    for n, (slide, ws) in enumerate(zip(prs.slides, words(lo)), 1):
        shapes = boxes(slide)
        for (x0, y0, x1, y1, t) in ws:
            inside = [s for s in shapes if x0 >= s[0] - SLACK and x1 <= s[2] + SLACK and y0 >= s[1] - SLACK and y1 <= s[3] + SLACK]
            if not inside:
                problems.append(f"slide {n}: “{t}” at ({x0:.0f}, {y0:.0f})–({x1:.0f}, {y1:.0f}) is outside every text shape")
        for i, a in enumerate(ws):
            for b in ws[i + 1:]:
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > SLACK and dy > SLACK:
                    problems.append(f"slide {n}: “{a[4]}” and “{b[4]}” overlap")
    print(json.dumps({"problems": problems}, ensure_ascii=False))


main()
