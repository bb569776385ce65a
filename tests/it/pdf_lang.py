"""Prints, as JSON, the text of a tagged PDF by the language its structure
tree gives it: {"en-CA": [texts...], "other": [texts...]}. Each structure
element's /Lang (or, failing that, its nearest ancestor's, then the
document's) is the language of the marked content it holds; the text of
that content is decoded through its font's ToUnicode map. A figure with a
description (/Alt) is left out: a screen reader reads its /Alt instead. Used by
tests/it/french_data.rs with pikepdf (target/ci-venv)."""

import json
import re
import sys

import pikepdf


def cmap_of(font):
    """The font's ToUnicode map: code (bytes) to text."""
    out = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return out
    data = tu.read_bytes().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[bytes.fromhex(src)] = bytes.fromhex(dst).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for src, end, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            a, b, d = int(src, 16), int(end, 16), int(dst, 16)
            width = len(src) // 2
            for i in range(b - a + 1):
                out[(a + i).to_bytes(width, "big")] = chr(d + i)
    return out


def decode(raw, cmap):
    width = 2 if any(len(k) == 2 for k in cmap) else 1
    return "".join(cmap.get(raw[i : i + width], "") for i in range(0, len(raw), width))


def page_mcid_texts(page):
    """For one page: MCID to its text."""
    fonts = {}
    resources = page.obj.get("/Resources", {})
    for name, font in resources.get("/Font", {}).items():
        fonts[str(name)] = cmap_of(font)
    texts = {}
    stack = []
    cmap = {}
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "BDC":
            props = operands[1]
            mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
            stack.append(int(mcid) if mcid is not None else None)
        elif op == "BMC":
            stack.append(None)
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op == "Tf":
            cmap = fonts.get(str(operands[0]), {})
        elif op in ("Tj", "TJ", "'", '"'):
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is None:
                continue
            parts = operands[0] if op == "TJ" else [operands[-1]]
            for part in parts:
                if isinstance(part, pikepdf.String):
                    texts[mcid] = texts.get(mcid, "") + decode(bytes(part), cmap)
    return texts


def main(path):
    pdf = pikepdf.open(path)
    page_texts = {}
    for page in pdf.pages:
        page_texts[page.obj.objgen] = page_mcid_texts(page)
    doc_lang = str(pdf.Root.get("/Lang", ""))
    out = {"en-CA": [], "other": []}

    def walk(node, lang, page):
        if isinstance(node, pikepdf.Dictionary):
            # A figure with a description is read by its /Alt, not its text.
            if node.get("/S") == "/Figure" and "/Alt" in node:
                return
            if "/Lang" in node:
                lang = str(node.Lang)
            if "/Pg" in node:
                page = node.Pg.objgen
            if node.get("/Type") == "/MCR":
                mcid = int(node.MCID)
                pg = node.Pg.objgen if "/Pg" in node else page
                text = page_texts.get(pg, {}).get(mcid, "")
                (out["en-CA"] if lang == "en-CA" else out["other"]).append(text)
                return
            kids = node.get("/K")
            if kids is None:
                return
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                walk(kid, lang, page)
        elif isinstance(node, int):
            text = page_texts.get(page, {}).get(int(node), "")
            (out["en-CA"] if lang == "en-CA" else out["other"]).append(text)

    walk(pdf.Root.StructTreeRoot, doc_lang, None)
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
