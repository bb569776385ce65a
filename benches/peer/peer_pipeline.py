#!/usr/bin/env python3
"""The pipeline a capable analyst would write instead: pandas (openpyxl engine, or calamine with
--engine calamine) reads the workbooks, Jinja2 renders Typst, typst-py compiles the PDF.
Reads a WECOSS inputs folder (its events and distribution sheets), builds a deck of ~12 slides
and a report of ~10 pages: the yardstick for the benchmark's ratios. Prints a timing breakdown as JSON on stdout.

usage: peer_pipeline.py INPUTS OUTDIR [--engine openpyxl|calamine]

Copied from the team's shared `bench/peer_pipeline.py` for `cargo bench --bench pipeline`. Changed only so that
it reads the samples' own headers: "date of event" and "reviews completed" are accepted beside the names it
knew, and a repeated column name (a French column such as "Event Name (FR)" normalises like the English
one) keeps its first column. The work it does (read, aggregate, render, two typst-py compiles) is unchanged.
"""
import glob, json, os, sys, time
import jinja2, pandas as pd, typst

t0 = time.perf_counter()
inputs, outdir = sys.argv[1], sys.argv[2]
engine = sys.argv[sys.argv.index("--engine") + 1] if "--engine" in sys.argv else "openpyxl"
os.makedirs(outdir, exist_ok=True)


def norm(h):
    return " ".join("".join(c.lower() if c.isalnum() else " " for c in str(h).split("(")[0]).split())


frames = {"events": [], "distribution": []}
for path in sorted(glob.glob(os.path.join(inputs, "**", "*.*"), recursive=True)):
    base = os.path.basename(path)
    if base.startswith("~$") or not base.endswith((".xlsx", ".ods")):
        continue
    eng = engine if base.endswith(".xlsx") else ("odf" if engine == "openpyxl" else "calamine")
    for name, df in pd.read_excel(path, sheet_name=None, header=None, engine=eng).items():
        for hr in range(min(10, len(df))):
            cols = [norm(c) for c in df.iloc[hr].tolist()]
            if "qty" in cols or "copies" in cols or "quantity" in cols:
                kind = "distribution"
            elif "event name" in cols or "event" in cols:
                kind = "events"
            else:
                continue
            body = df.iloc[hr + 1:].copy()
            body.columns = cols
            body = body.loc[:, ~body.columns.duplicated()]
            frames[kind].append(body)
            break
t_read = time.perf_counter()


def col(df, *names):
    for n in names:
        if n in df.columns:
            return df[n]
    raise KeyError(names)


ev = pd.concat(frames["events"], ignore_index=True)
ev["date"] = pd.to_datetime(col(ev, "event date", "date of event", "date").astype(str), errors="coerce", format="mixed")
ev = ev.dropna(subset=["date"])
di = pd.concat(frames["distribution"], ignore_index=True)
di["date"] = pd.to_datetime(col(di, "date distributed", "date").astype(str), errors="coerce", format="mixed")
di["q"] = pd.to_numeric(col(di, "qty", "number of copies", "copies", "quantity"), errors="coerce")
di = di.dropna(subset=["date", "q"])
start, end = pd.Timestamp("2025-06-18"), pd.Timestamp("2025-10-07")
inp = ev[(ev.date >= start) & (ev.date <= end)]
resp = pd.to_numeric(col(inp, "feedback responses", "reviews completed"), errors="coerce").sum()
conf = pd.to_numeric(col(inp, "felt more confident"), errors="coerce").sum()
figs = {
    "events": int(len(inp)), "first": inp.date.min().strftime("%B %-d"), "last": inp.date.max().strftime("%B %-d"),
    "plans_in": int(di[(di.date >= start) & (di.date <= end)].q.sum()),
    "plans_before": int(di[di.date < start].q.sum()),
    "pct": round(100 * conf / resp) if resp else 0,
    "by_month": [(m.strftime("%b"), int(v)) for m, v in di[di.date.dt.year == 2025].groupby(di.date.dt.to_period("M")).q.sum().items()],
    "rows": [(r.date.strftime("%Y-%m-%d"), str(col(ev, "event name", "event")[i])) for i, r in ev.head(40).iterrows()],
}
t_agg = time.perf_counter()

DECK = r"""
#set page(width: 33.867cm, height: 19.05cm, margin: 1.5cm)
#set text(size: 24pt)
#let slide(title, body) = { pagebreak(weak: true); heading(title); body }
#align(center + horizon)[#text(40pt)[*WECOSS Enforcement and Justice Working Group Meeting*] \ October 7 · 10:00 a.m. – 12:00 p.m.]
{% for t in ["Project purpose", "Key activities", "Steps completed", "Next steps", "Action items", "Thank you", "Background", "Purpose", "Goals", "Focus group"] %}
#slide("{{ t }}")[- point one about {{ t }} \ - point two \ - point three]
{% endfor %}
#slide("Accomplishments")[
- Attended *{{ f.events }}* community events from {{ f.first }} to {{ f.last }}
- *{{ "{:,}".format(f.plans_in) }}* safety plans distributed, in addition to the *{{ "{:,}".format(f.plans_before) }}* prior
- *{{ f.pct }}%* felt more confident
]
#slide("Plans by month")[
#let data = ({% for m, v in f.by_month %}("{{ m }}", {{ v }}),{% endfor %})
#let mx = calc.max(..data.map(d => d.at(1)))
#grid(columns: data.len(), column-gutter: 8pt, align: bottom,
  ..data.map(d => stack(dir: ttb, spacing: 4pt, text(14pt)[#d.at(1)], rect(width: 1.4cm, height: 9cm * d.at(1) / mx, fill: purple), text(14pt, d.at(0)))))
]
"""
REPORT = r"""
#set page(paper: "us-letter", margin: 2cm, numbering: "1")
#set text(size: 11pt)
#set heading(numbering: "1.")
#align(center)[#text(28pt)[*Annual Report 2025*]]
#outline()
{% for s in range(8) %}
= Section {{ s + 1 }}
#lorem(300)
#table(columns: 2, [Date], [Event], {% for d, n in f.rows %}[{{ d }}], [{{ n }}],{% endfor %})
{% endfor %}
"""
env = jinja2.Environment()
deck_src = env.from_string(DECK).render(f=figs)
report_src = env.from_string(REPORT).render(f=figs)
t_render = time.perf_counter()
deck_pdf = typst.compile(deck_src.encode())
t_deck = time.perf_counter()
report_pdf = typst.compile(report_src.encode())
t_report = time.perf_counter()
open(os.path.join(outdir, "peer-deck.pdf"), "wb").write(deck_pdf)
open(os.path.join(outdir, "peer-report.pdf"), "wb").write(report_pdf)
t_end = time.perf_counter()
print(json.dumps({"figures": {k: figs[k] for k in ("events", "first", "last", "plans_in", "plans_before", "pct")},
                  "read_s": round(t_read - t0, 4), "aggregate_s": round(t_agg - t_read, 4),
                  "render_s": round(t_render - t_agg, 4), "compile_deck_s": round(t_deck - t_render, 4),
                  "compile_report_s": round(t_report - t_deck, 4), "total_s": round(t_end - t0, 4)}))
