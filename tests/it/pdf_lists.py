"""Prints, as JSON, the lists of a tagged PDF's structure tree: for each
list (L) element, the page it starts on (from 1), how many list items (LI)
it holds, and its text (through the fonts' ToUnicode maps, as
pdf_lang.py reads it). A list nested in an item is a list of its own,
after the list that holds it. Used by tests/it/deck_size.rs with pikepdf
(target/ci-venv)."""

import json
import os
import sys

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pdf_lang import page_mcid_texts  # noqa: E402


def main(path):
    pdf = pikepdf.open(path)
    page_texts = {}
    numbers = {}
    for n, page in enumerate(pdf.pages):
        page_texts[page.obj.objgen] = page_mcid_texts(page)
        numbers[page.obj.objgen] = n + 1
    lists = []

    def kids_of(node):
        kids = node.get("/K")
        if kids is None:
            return []
        return list(kids) if isinstance(kids, pikepdf.Array) else [kids]

    def text_of(node, page, where):
        """The text of `node`, and the first page it is on (in `where`)."""
        if isinstance(node, pikepdf.Dictionary):
            if "/Pg" in node:
                page = node.Pg.objgen
            if node.get("/Type") == "/MCR":
                pg = node.Pg.objgen if "/Pg" in node else page
                where.setdefault("page", numbers.get(pg))
                return page_texts.get(pg, {}).get(int(node.MCID), "")
            return "".join(text_of(k, page, where) for k in kids_of(node))
        if isinstance(node, int):
            where.setdefault("page", numbers.get(page))
            return page_texts.get(page, {}).get(int(node), "")
        return ""

    def walk(node, page):
        if not isinstance(node, pikepdf.Dictionary):
            return
        if "/Pg" in node:
            page = node.Pg.objgen
        if node.get("/S") == "/L":
            where = {}
            items = [k for k in kids_of(node) if isinstance(k, pikepdf.Dictionary) and k.get("/S") == "/LI"]
            text = text_of(node, page, where)
            lists.append({"page": where.get("page"), "items": len(items), "text": text})
        for k in kids_of(node):
            walk(k, page)

    walk(pdf.Root.StructTreeRoot, None)
    json.dump(lists, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
