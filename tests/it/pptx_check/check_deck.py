"""Reads a PowerPoint deck with python-pptx and compares it with the PDF deck.

usage: check_deck.py DECK.pptx DECK.pdf [LIBREOFFICE.pdf]

Prints one JSON object: the slide count, each slide's title and every
problem found (an empty list when the deck is right). Checked:
- the deck has as many slides as the PDF has pages;
- every slide has a title placeholder with text, and no two titles are alike,
  none with a count such as " (2)" (PowerPoint's accessibility checker asks
  for unique titles);
- every shape has text, a description (alt text) or the decorative flag;
- no text is set under 12 pt (`sz` under 1200), in the slides and the notes;
- the speaker notes name no absolute path;
- every text paragraph of a slide (its title less what follows " — ",
  which tells it from a slide of the same title) is in the
  text of the PDF page of the same number, and the letters and digits of
  both are the same (so nothing is missing on either side);
- no slide body is a picture: a picture is only the logo, with a
  description (alt text), never larger than a quarter of the slide;
- with LIBREOFFICE.pdf (LibreOffice's conversion of the deck): it has as
  many pages, and each slide's paragraphs are in the same page's text.
"""
import collections
import json
import re
import subprocess
import sys

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE


def norm(text):
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return "".join(c for c in text if not c.isspace() and c not in "\u200b\u00ad\u2060\ufeff").lower()


def letters(text):
    return collections.Counter(c for c in norm(text) if c.isalnum())


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return [
        subprocess.run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"], capture_output=True, text=True, check=True).stdout
        for i in range(1, count + 1)
    ]


def main():
    deck, pdf = sys.argv[1], sys.argv[2]
    lo = sys.argv[3] if len(sys.argv) > 3 else None
    prs = Presentation(deck)
    ref = pages(pdf)
    problems = []
    slides = list(prs.slides)
    if len(slides) != len(ref):
        problems.append(f"{len(slides)} slides, but the PDF deck has {len(ref)} pages")
    area = prs.slide_width * prs.slide_height
    titles = []
    texts = []
    for n, slide in enumerate(slides, 1):
        title = slide.shapes.title
        if title is None or not title.text_frame.text.strip():
            problems.append(f"slide {n} has no title")
            titles.append("")
        else:
            titles.append(title.text_frame.text)
            if re.search(r"\(\d+\)\s*$", title.text_frame.text):
                problems.append(f"slide {n}: the title “{title.text_frame.text}” ends in a count")
        xml = slide.part.blob.decode("utf-8")
        for sz in re.findall(r'\bsz="(\d+)"', xml):
            if int(sz) < 1200:
                problems.append(f"slide {n}: text set at {int(sz) / 100} pt, under 12 pt")
        for el in slide.shapes._spTree.iterchildren():
            tag = el.tag.split("}")[1]
            if tag not in ("sp", "pic", "cxnSp", "grpSp", "graphicFrame"):
                continue
            c = el.xpath(".//p:cNvPr")[0]
            has_text = "".join(el.xpath(".//a:t/text()")).strip() != ""
            decorative = bool(el.xpath(".//p:cNvPr/a:extLst/a:ext/*[local-name()='decorative'][@val='1']"))
            if not has_text and not (c.get("descr") or "").strip() and not decorative:
                problems.append(f"slide {n}: shape `{c.get('name')}` has no text, no description and no decorative flag")
        if slide.has_notes_slide:
            notes = slide.notes_slide.notes_text_frame.text
            if re.search(r"(^|[\s(])(/[\w.-]+){2,}|[A-Za-z]:\\", notes):
                problems.append(f"slide {n}: the notes name an absolute path: {notes[:120]}")
        paras = []
        numbers = []
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE or shape.element.tag.endswith("}pic"):
                descr = shape.element.xpath("./p:nvPicPr/p:cNvPr/@descr")
                if not descr or not descr[0].strip():
                    problems.append(f"slide {n}: picture `{shape.name}` has no description")
                if shape.width * shape.height > area / 4:
                    problems.append(f"slide {n}: picture `{shape.name}` covers more than a quarter of the slide")
            if not shape.has_text_frame:
                continue
            for p in shape.text_frame.paragraphs:
                t = "".join(r.text for r in p.runs) + "".join(f.text for f in p._p.xpath("./a:fld/a:t"))
                if shape == title:
                    t = t.split(" — ")[0]
                if t.strip():
                    paras.append(t)
                # A numbered item's number is drawn by the list, not typed.
                for start in p._p.xpath("./a:pPr/a:buAutoNum/@startAt"):
                    numbers.append(start)
        texts.append(paras)
        if n <= len(ref):
            page = norm(ref[n - 1])
            for t in paras:
                if norm(t) not in page:
                    problems.append(f"slide {n}: “{t[:80]}” is not on page {n} of the PDF deck")
            a, b = letters(" ".join(paras + numbers)), letters(ref[n - 1])
            if a != b:
                extra = "".join(sorted((a - b).elements()))[:40]
                missing = "".join(sorted((b - a).elements()))[:40]
                problems.append(f"slide {n}: letters differ from page {n} of the PDF deck (only in the slide: `{extra}`, only in the PDF: `{missing}`)")
    seen = collections.Counter(titles)
    for t, k in seen.items():
        if k > 1 and t:
            problems.append(f"the title “{t}” is on {k} slides")
    if lo:
        got = pages(lo)
        if len(got) != len(slides):
            problems.append(f"LibreOffice made {len(got)} pages of {len(slides)} slides")
        for n, (paras, page) in enumerate(zip(texts, got), 1):
            for t in paras:
                if norm(t) not in norm(page):
                    problems.append(f"LibreOffice page {n}: “{t[:80]}” is missing")
    print(json.dumps({"slides": len(slides), "titles": titles, "problems": problems}, ensure_ascii=False))


main()
