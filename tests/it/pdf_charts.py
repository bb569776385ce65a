"""Prints, as JSON, what a screen reader gets of a tagged PDF's charts and
tables: {"figures": [alt, ...], "tables": [[cell text, ...], ...]}. Each
/Figure's /Alt (its description), and each /Table's cells (TH and TD), each
cell's text from the marked content it holds, decoded through the font's
ToUnicode map (pdf_lang.py). Used by tests/it/charts.rs with pikepdf
(target/ci-venv)."""

import json
import os
import sys

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_lang import page_mcid_texts  # noqa: E402


def main(path):
    pdf = pikepdf.open(path)
    page_texts = {page.obj.objgen: page_mcid_texts(page) for page in pdf.pages}
    out = {"figures": [], "tables": []}

    def text_of(node, page):
        """The text a structure element holds, its parts joined."""
        parts = []

        def walk(n, pg):
            if isinstance(n, pikepdf.Dictionary):
                if "/Pg" in n:
                    pg = n.Pg.objgen
                if n.get("/Type") == "/MCR":
                    parts.append(page_texts.get(n.Pg.objgen if "/Pg" in n else pg, {}).get(int(n.MCID), ""))
                    return
                kids = n.get("/K")
                if kids is None:
                    return
                for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(k, pg)
            elif isinstance(n, int):
                parts.append(page_texts.get(pg, {}).get(int(n), ""))

        walk(node, page)
        return "".join(parts)

    def walk(node, page):
        if not isinstance(node, pikepdf.Dictionary):
            return
        if "/Pg" in node:
            page = node.Pg.objgen
        s = node.get("/S")
        if s == "/Figure" and "/Alt" in node:
            out["figures"].append(str(node.Alt))
        if s == "/Table":
            cells = []

            def cells_of(n, pg):
                if not isinstance(n, pikepdf.Dictionary):
                    return
                if "/Pg" in n:
                    pg = n.Pg.objgen
                if n.get("/S") in ("/TH", "/TD"):
                    cells.append(" ".join(text_of(n, pg).split()))
                    return
                kids = n.get("/K")
                if kids is None:
                    return
                for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    cells_of(k, pg)

            cells_of(node, page)
            out["tables"].append(cells)
            return
        kids = node.get("/K")
        if kids is None:
            return
        for k in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(k, page)

    walk(pdf.Root.StructTreeRoot, None)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
