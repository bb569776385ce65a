"""Structure checks for PDF/UA-1 that pdfua does not make, or cannot make on
every PDF: title and language, the XMP identification, headings in order with
none skipped or empty, alt text on every figure, header cells in every table.

Usage: python check-pdf.py FILE...   (exit 1 on any problem)
"""

import os
import re
import sys

import pikepdf

HEADING = re.compile(r"^/H([1-6])$")


def role(node, rolemap):
    """The standard structure type of a structure element."""
    s = str(node.get("/S", ""))
    seen = set()
    while s in rolemap and s not in seen:
        seen.add(s)
        s = str(rolemap[s])
    return s


def kids(node):
    k = node.get("/K")
    if k is None:
        return []
    if isinstance(k, pikepdf.Array):
        return list(k)
    return [k]


def marks_content(node):
    """Whether a structure element reaches some marked content."""
    for k in kids(node):
        if isinstance(k, int) and not isinstance(k, bool):
            return True
        if isinstance(k, pikepdf.Dictionary):
            if k.get("/Type") in (pikepdf.Name("/MCR"), pikepdf.Name("/OBJR")) or marks_content(k):
                return True
        elif not isinstance(k, (pikepdf.Dictionary, pikepdf.Array)):
            try:
                int(k)
                return True
            except (TypeError, ValueError):
                pass
    return False


def walk(node, rolemap, out):
    """Structure elements in document (reading) order."""
    for k in kids(node):
        if isinstance(k, pikepdf.Dictionary) and "/S" in k:
            out.append((role(k, rolemap), k))
            walk(k, rolemap, out)


def check(path):
    problems = []
    pdf = pikepdf.open(path)
    root = pdf.Root

    title = str(pdf.docinfo.get("/Title", "")).strip()
    if not title:
        problems.append("no document title")
    prefs = root.get("/ViewerPreferences", {})
    if not bool(prefs.get("/DisplayDocTitle", False)):
        problems.append("DisplayDocTitle is not true")
    lang = str(root.get("/Lang", ""))
    # French editions are named from content.fr.toml's file_name.
    expected = "fr-CA" if os.path.basename(path).startswith(("rapport-", "presentation-")) else "en-CA"
    if lang != expected:
        problems.append(f"document language is `{lang}`, expected `{expected}`")
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        problems.append("not marked as tagged (/MarkInfo /Marked)")

    xmp = root.Metadata.read_bytes().decode("utf-8", "replace") if "/Metadata" in root else ""
    part = re.search(r"<pdfuaid:part>\s*(\d+)\s*</pdfuaid:part>|pdfuaid:part=\"(\d+)\"", xmp)
    if not part or (part.group(1) or part.group(2)) != "1":
        problems.append("XMP does not declare pdfuaid:part 1")

    tree = root.get("/StructTreeRoot")
    if tree is None:
        problems.append("no structure tree")
        return problems, {}
    rolemap = {str(k): v for k, v in tree.get("/RoleMap", {}).items()}
    elements = []
    walk(tree, rolemap, elements)

    levels = []
    previous = 0
    for s, node in elements:
        m = HEADING.match(s)
        if not m:
            continue
        level = int(m.group(1))
        if level > previous + 1:
            problems.append(f"heading H{level} follows H{previous}: a level is skipped")
        if not marks_content(node):
            problems.append(f"empty heading H{level}")
        levels.append(level)
        previous = level
    if not levels:
        problems.append("no headings")

    figures = [node for s, node in elements if s == "/Figure"]
    for node in figures:
        alt = str(node.get("/Alt", node.get("/ActualText", ""))).strip()
        if not alt:
            problems.append("a figure has no alt text")

    tables = [node for s, node in elements if s == "/Table"]
    for node in tables:
        inner = []
        walk(node, rolemap, inner)
        if not any(s == "/TH" for s, _ in inner):
            problems.append("a table has no header cells (TH)")

    counts = {f"H{n}": levels.count(n) for n in sorted(set(levels))}
    summary = {"headings": counts, "figures": len(figures), "tables": len(tables), "title": title, "lang": lang}
    return problems, summary


def main():
    failed = False
    for path in sys.argv[1:]:
        problems, summary = check(path)
        if problems:
            failed = True
            for p in problems:
                print(f"{path}: {p}")
        else:
            heads = ", ".join(f"{k} {v}" for k, v in summary["headings"].items())
            print(
                f"{path}: ok: title `{summary['title']}`, {summary['lang']}, pdfuaid:part 1, "
                f"headings in order ({heads}), {summary['figures']} figure(s) with alt text, "
                f"{summary['tables']} table(s) with header cells"
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
