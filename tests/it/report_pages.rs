//! The annual report stays designed at any size (issue 32): the stress year and the samples,
//! in English and in French, are built as PDF and web page, and checked for their page count
//! before the appendix, pages left mostly blank, headings at a page foot, "Looking ahead"
//! listing only what is to come, the technical provenance kept to the methods note, and the
//! cover title tagged as a heading.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::layout::{assert_page_flow, body_lines, header_section, headings, squeeze};
use crate::support::bbox::{Page, pages};
use crate::support::stress;
use crate::support::*;

/// The most pages the report may have before its appendix (covers and contents included).
const MAX_BODY_PAGES: usize = 24;

/// A page's body (between its running header and its page number), in points from its edges.
const TOP: f64 = 60.0;
const BOTTOM: f64 = 50.0;

/// The report's margins (report-layout.typ): where its text area starts and ends.
const MARGIN_TOP: f64 = 72.0;
const MARGIN_BOTTOM: f64 = 0.9 * 72.0;

/// One edition of the report, built.
struct Edition {
    pdf: PathBuf,
    html: String,
    figures: Value,
    /// The edition's content file (the built-in one), for its fixed words.
    content: toml::Value,
}

impl Edition {
    fn word(&self, path: &str) -> String {
        let mut v = &self.content;
        for key in path.split('.') {
            v = v.get(key).unwrap_or_else(|| panic!("no `{path}` in the content file"));
        }
        v.as_str().unwrap_or_else(|| panic!("`{path}` is not text")).to_string()
    }
}

/// Builds the 2025 report from `inputs` in English and French, PDF and web page.
fn build(inputs: &Path, out: &Path) -> Vec<Edition> {
    let i = inputs.to_str().unwrap();
    let o = out.to_str().unwrap();
    assert_ok(&run(&["report", "--inputs", i, "--out", o, "--year", "2025", "--lang", "en,fr", "--format", "pdf,html"]));
    let json = run(&["report", "--inputs", i, "--year", "2025", "--lang", "en,fr", "--format", "json"]);
    assert_ok(&json);
    let docs = json_documents(stdout(&json));
    assert_eq!(docs.len(), 2, "an English and a French report, in that order");
    [("annual-report-2025", "content.toml"), ("rapport-annuel-2025", "content.fr.toml")]
        .into_iter()
        .zip(&docs)
        .map(|((name, file), figures)| {
            let content = std::fs::read_to_string(root().join("report-templates/annual-report").join(file)).unwrap();
            Edition {
                pdf: out.join(format!("{name}.pdf")),
                html: std::fs::read_to_string(out.join(format!("{name}.html"))).unwrap(),
                figures: figures.clone(),
                content: toml::from_str(&content).unwrap(),
            }
        })
        .collect()
}

/// The index of the page the appendix starts on: the page whose body opens with its heading.
fn appendix_start(pages: &[Page], heading: &str) -> Option<usize> {
    let want = squeeze(heading);
    pages.iter().position(|p| {
        let lines = body_lines(p, TOP, BOTTOM);
        lines.iter().take(2).map(|l| l.1.as_str()).collect::<String>().starts_with(&want)
    })
}

/// How full a page's text area is: from its top to the lowest word of its body, 0 to 1.
fn fill(page: &Page) -> f64 {
    let lowest = page.words.iter().filter(|w| w.y0 > TOP && w.y1 < page.height - BOTTOM).map(|w| w.y1).fold(MARGIN_TOP, f64::max);
    (lowest - MARGIN_TOP) / (page.height - MARGIN_TOP - MARGIN_BOTTOM)
}

/// Asserts the page rules of one edition and returns its pages before the appendix and in it.
fn assert_pages(e: &Edition) -> (usize, usize) {
    let name = e.pdf.file_name().unwrap().to_string_lossy().to_string();
    let pages = pages(&e.pdf);
    let start = appendix_start(&pages, &e.word("words.headings.appendix"));
    let body = start.unwrap_or(pages.len());
    assert!(body <= MAX_BODY_PAGES, "{name}: {body} pages before the appendix (at most {MAX_BODY_PAGES})");

    // No page under a third full but at a section's end: the next page's running head names
    // another section (one opens at its top), or it is the back cover.
    for n in 1..pages.len() - 1 {
        let f = fill(&pages[n]);
        if f < 1.0 / 3.0 {
            let next = &pages[n + 1];
            assert!(
                n + 1 == pages.len() - 1 || header_section(next, TOP) != header_section(&pages[n], TOP),
                "{name} page {}: {:.0}% full, and the section goes on over the page:\n{}",
                n + 1,
                f * 100.0,
                pages[n].text()
            );
        }
    }
    // The timeline's words (in the body's workplan section, or in the appendix) and the
    // appendix's tables are 8 pt or more: a word box is about 1.36 times the text size.
    let workplan = squeeze(&e.word("words.headings.workplan")).to_uppercase();
    for (n, page) in pages.iter().enumerate().take(pages.len() - 1) {
        if n >= body || header_section(page, TOP).as_deref() == Some(workplan.as_str()) {
            let small = page.words.iter().filter(|w| w.y0 > TOP && w.y1 < page.height - BOTTOM).find(|w| w.height() < 8.0 * 1.35);
            assert!(small.is_none(), "{name} page {}: `{}` is set under 8 pt", n + 1, small.unwrap().text);
        }
    }
    // No heading is the last thing on its page (and each running head names its section).
    assert_page_flow(&e.pdf, TOP, BOTTOM);
    (body, pages.len() - body)
}

/// Asserts "Looking ahead" lists only planned activities still to come after the year's last
/// day, and says how many were due by then.
fn assert_looking_ahead(e: &Edition) {
    let f = &e.figures;
    let end = f["year"]["period"]["end"].as_str().unwrap();
    let when = |a: &Value| a["due"].as_str().or(a["start"].as_str()).map(str::to_string);
    for a in f["ahead"].as_array().unwrap() {
        assert!(when(a).is_none_or(|d| d.as_str() > end), "`{}` is in Looking ahead but was due by {end}", a["activity"]);
    }
    let rows: &[Value] = f["timeline"]["rows"].as_array().map_or(&[], Vec::as_slice);
    let past: Vec<&str> = rows
        .iter()
        .filter(|r| r["status"] == "planned" && when(r).is_some_and(|d| d.as_str() <= end))
        .map(|r| r["activity"].as_str().unwrap())
        .collect();
    assert_eq!(f["ahead_past_due"].as_u64().unwrap() as usize, past.len(), "the planned activities due by {end}");
    // The PDF's section, from its heading to the next section's.
    let text = squeeze(&pdf_text(&e.pdf));
    let heading = squeeze(&e.word("words.headings.looking_ahead"));
    let from = text.rfind(&heading).expect("a Looking ahead section");
    let to = text[from..].find(&squeeze(&e.word("partners.title"))).map_or(text.len(), |t| from + t);
    let section = &text[from..to];
    for a in f["ahead"].as_array().unwrap() {
        assert!(section.contains(&squeeze(a["activity"].as_str().unwrap())), "`{}` is missing from Looking ahead", a["activity"]);
    }
    let listed: Vec<String> = f["ahead"].as_array().unwrap().iter().map(|a| squeeze(a["activity"].as_str().unwrap())).collect();
    for p in past {
        let p = squeeze(p);
        // A past-due activity whose name is part of a listed one's cannot be told apart.
        if !listed.iter().any(|l| l.contains(&p)) {
            assert!(!section.contains(&p), "`{p}` was due by {end} but is in Looking ahead");
        }
    }
}

/// Asserts the SHA-256 of every source and the program's version are in the methods note and
/// nowhere before it.
fn assert_methods_note(e: &Edition) {
    let text = squeeze(&pdf_text(&e.pdf));
    let methods = squeeze(&e.word("words.headings.methods"));
    let at = text.rfind(&methods).expect("a methods note");
    let (body, note) = text.split_at(at);
    let note = note.split(&squeeze(&e.word("words.headings.appendix"))).next().unwrap();
    let version = squeeze(&format!("wecoss-report {}", env!("CARGO_PKG_VERSION")));
    assert!(note.contains(&version), "the methods note names the program's version");
    assert!(!body.contains(&version), "the body names the program's version");
    assert!(!body.contains("SHA-256"), "the body prints SHA-256 hashes");
    let sources = e.figures["sources"].as_array().unwrap();
    assert!(!sources.is_empty());
    // A long word's break points add no character to the text: a checksum copies as printed.
    let raw = pdf_text(&e.pdf);
    for s in sources {
        let sha = s["sha256"].as_str().unwrap();
        assert!(note.contains(sha), "the methods note lacks the SHA-256 of {}", s["file"]);
        assert!(raw.contains(sha), "the SHA-256 of {} does not copy whole from the PDF", s["file"]);
        assert!(!body.contains(&sha[..16]), "the body prints the SHA-256 of {}", s["file"]);
    }
}

/// Asserts the cover's title is the PDF's first heading, a level-1 one.
fn assert_cover_title(e: &Edition) {
    let heads = headings(&e.pdf);
    let title = squeeze(&format!("{} {}", e.word("title"), e.figures["year"]["label"].as_str().unwrap()));
    let first = heads.first().expect("headings in the structure tree");
    assert_eq!((first.0, squeeze(&first.1)), (1, title), "the cover's title is tagged H1: {heads:?}");
}

/// Asserts the web page's appendix holds what the PDF's does, in collapsed `<details>` boxes,
/// and that the body keeps a long table out.
fn assert_web_appendix(e: &Edition) {
    let appendix = &e.figures["appendix"];
    let moved = ["events", "focus_groups", "timeline"].iter().any(|k| appendix[k] == true);
    let (body, tail) = e.html.split_once("<section aria-labelledby=\"appendix\"").unwrap_or((&e.html, ""));
    assert_eq!(!tail.is_empty(), moved, "the web page has an appendix when a table moved to it");
    let caption = e.word("words.web.events_caption").replace("{year}", "2025");
    let caption = caption.replace('\'', "&#x27;");
    if appendix["events"] == true {
        assert!(tail.contains("<details>") && tail.contains(&caption), "the events table is in the appendix");
        assert!(!body.contains(&caption), "the events table is in the body too");
    } else if e.figures["safety"]["events"].as_array().is_some_and(|a| !a.is_empty()) {
        assert!(body.contains(&caption), "the short events table stays in the body");
    }
}

fn assert_report(inputs: &Path, out: &Path) -> Vec<(usize, usize)> {
    let editions = build(inputs, out);
    editions
        .iter()
        .map(|e| {
            assert_cover_title(e);
            assert_methods_note(e);
            assert_looking_ahead(e);
            assert_web_appendix(e);
            assert_pages(e)
        })
        .collect()
}

#[test]
fn the_stress_year_report_keeps_to_24_pages_before_its_appendix() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    stress::write(&inputs);
    let counts = assert_report(&inputs, &dir.path().join("out"));
    for ((body, appendix), lang) in counts.iter().zip(["en", "fr"]) {
        // The stress year's long tables are in the appendix.
        assert!(*appendix > 1, "{lang}: the stress year's appendix has {appendix} pages");
        eprintln!("stress report, {lang}: {body} pages before the appendix, {appendix} in it (with the back cover)");
    }
}

#[test]
fn the_sample_report_keeps_the_page_rules() {
    let dir = tempfile::tempdir().unwrap();
    let counts = assert_report(&samples(), &dir.path().join("out"));
    for ((body, appendix), lang) in counts.iter().zip(["en", "fr"]) {
        eprintln!("sample report, {lang}: {body} pages before the appendix, {appendix} in it (with the back cover)");
    }
}
