//! The French editions (issue 18, output side): the sample's deck and report
//! in French print their figures the French way (`1 420` and `96 %` with a
//! no-break space, `du 19 juin au 22 septembre 2025`, `10 h`), no English
//! fixed word is left in the PDF, web and PowerPoint editions, `--lang en,fr`
//! writes every edition in one run with the same bytes every time, a French
//! content file that lacks a key or names another language is refused
//! before anything is written, names typed in French print in each
//! edition's language, the French web page passes axe-core and the French
//! PowerPoint deck is marked `fr-CA`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;
use wecoss_report::tables::normalize;

use crate::html::{page_text, unescape};
use crate::pptx::{assert_no_problems, assert_package_sound, check_deck, parts, pdf_pages, python};
use crate::support::*;

const MEETING: &str = "2025-10-07";
const DECK_EN: &str = "meeting-deck-2025-10-07";
const DECK_FR: &str = "presentation-reunion-2025-10-07";
const REPORT_EN: &str = "annual-report-2025";
const REPORT_FR: &str = "rapport-annuel-2025";
const NBSP: char = '\u{a0}';

/// The sample built once with `--lang en,fr --format pdf,html,pptx`: every
/// file written (by name, with its bytes), the French PDFs' text, and the
/// French report's figures. Everything is read into memory; the folder goes
/// when the build is read.
struct Sample {
    files: BTreeMap<String, Vec<u8>>,
    deck_text: String,
    report_text: String,
    figures: Value,
}

/// The arguments that build the folder `inputs` for the sample's meeting
/// and year in `lang` into `out`.
fn build_of(inputs: &Path, out: &Path, lang: &str) -> Vec<String> {
    let (inputs, out) = (inputs.to_str().unwrap(), out.to_str().unwrap());
    ["build", "--inputs", inputs, "--out", out, "--meeting", MEETING, "--year", "2025", "--lang", lang].map(String::from).to_vec()
}

/// The arguments that build the whole sample, in both languages and every
/// format with a French edition, into `out`.
fn build_args(out: &Path) -> Vec<String> {
    let mut args = build_of(&samples(), out, "en,fr");
    args.extend(["--format", "pdf,html,pptx"].map(String::from));
    args
}

/// Every file of `dir` (not in sub-folders), by name.
fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let args = build_args(&out);
        let result = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_ok(&result);
        let deck_text = pdf_text(&out.join(format!("{DECK_FR}.pdf")));
        let report_text = pdf_text(&out.join(format!("{REPORT_FR}.pdf")));
        let json = run(&["report", "--inputs", samples().to_str().unwrap(), "--year", "2025", "--lang", "fr", "--format", "json"]);
        assert_ok(&json);
        let figures = crate::support::json_figures(stdout(&json));
        Sample { files: files_of(&out), deck_text, report_text, figures }
    })
}

/// The bytes of the sample's file `name`.
fn file(name: &str) -> &'static [u8] {
    sample().files.get(name).unwrap_or_else(|| panic!("`{name}` is written; the files are {:?}", sample().files.keys()))
}

/// The sample's web page `stem.html`.
fn page(stem: &str) -> &'static str {
    std::str::from_utf8(file(&format!("{stem}.html"))).expect("the page is UTF-8")
}

/// Writes the sample's file `name` into `dir` (for the tools that read a
/// file) and returns its path.
fn on_disk(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, file(name)).unwrap();
    path
}

/// A whole number as Canadian French writes it, grouped by threes with
/// no-break spaces (`1 420`), written here apart from the program's own
/// formatting so the tests count independently.
fn fr_number(n: u64) -> String {
    commas(n).replace(',', &NBSP.to_string())
}

/// `text` as poppler's `pdftotext` gives it: poppler reads a no-break space
/// as a word break, which [`pdf_text`] writes as a plain space.
fn as_pdf_text(text: &str) -> String {
    collapse(&text.replace(NBSP, " "))
}

/// A content file of the built-in templates, parsed.
fn content(doc: &str, file: &str) -> toml::Value {
    toml::from_str(&std::fs::read_to_string(root().join(format!("report-templates/{doc}/{file}"))).unwrap()).unwrap()
}

/// The string at a dotted path of a content file (`projects.0.purpose`).
fn word(content: &toml::Value, path: &str) -> String {
    path.split('.')
        .try_fold(content, |v, k| k.parse::<usize>().map_or_else(|_| v.get(k), |i| v.get(i)))
        .and_then(toml::Value::as_str)
        .unwrap_or_else(|| panic!("`{path}` is a string of the content file"))
        .to_string()
}

/// Every paragraph of the PowerPoint file's slides and speaker notes (its
/// `<a:t>` runs joined), the pictures' and shapes' descriptions, and the
/// document's title, each with the part it is in.
fn pptx_paragraphs(pptx: &[u8]) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deck.pptx");
    std::fs::write(&path, pptx).unwrap();
    let run = Regex::new(r"<a:t>([^<]*)</a:t>").unwrap();
    let other = Regex::new(r#"descr="([^"]*)"|<dc:title>([^<]*)</dc:title>"#).unwrap();
    let xml_text =
        |s: &str| s.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    let mut out = Vec::new();
    for (name, data) in parts(&path) {
        if !(name.starts_with("ppt/slides/slide") || name.starts_with("ppt/notesSlides/") || name == "docProps/core.xml") {
            continue;
        }
        let xml = String::from_utf8_lossy(&data);
        for para in xml.split("</a:p>") {
            let text: String = run.captures_iter(para).map(|c| xml_text(&c[1])).collect();
            if !text.is_empty() {
                out.push((name.clone(), text));
            }
        }
        for c in other.captures_iter(&xml) {
            out.push((name.clone(), xml_text(c.get(1).or(c.get(2)).unwrap().as_str())));
        }
    }
    out
}

/// The PowerPoint file's text by part: its paragraphs joined by spaces.
fn pptx_texts(pptx: &[u8]) -> Vec<(String, String)> {
    let mut by_part: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (part, text) in pptx_paragraphs(pptx) {
        by_part.entry(part).or_default().push(text);
    }
    by_part.into_iter().map(|(part, texts)| (part, texts.join(" "))).collect()
}

/// A web page's text as a reader meets it: the visible text, and the
/// charts' names and other attributes a screen reader speaks.
fn html_texts(html: &str) -> Vec<(String, String)> {
    let body = html.rsplit("</style>").next().unwrap();
    let attrs = Regex::new(r#"(?:aria-label|alt|title)="([^"]*)""#).unwrap();
    let spoken: Vec<String> = attrs.captures_iter(body).map(|c| unescape(&c[1])).collect();
    let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default();
    vec![("text".into(), page_text(body)), ("attributes".into(), spoken.join(" | ")), ("title".into(), unescape(title))]
}

// ------------------------------------------------------------ 1. figures

/// `pattern` with its `{fields}` filled in.
fn fill(pattern: &str, fields: &[(&str, &str)]) -> String {
    fields.iter().fold(pattern.to_string(), |text, (k, v)| text.replace(&format!("{{{k}}}"), v))
}

#[test]
fn the_french_deck_prints_the_seed_figures_the_french_way() {
    let text = &sample().deck_text;
    let fr = content("meeting-deck", "content.fr.toml");
    let w = |path: &str| word(&fr, path);
    let (since, range) = ("19 juin 2025", "du 19 juin au 22 septembre 2025");
    let (events, plans, before, percent) = ("14", "257", fr_number(1420), "96\u{a0}%");
    // The meeting's date and hours, then the accomplishments slide: its big
    // numbers with their words, then the sentences under them, each in the
    // French content file's words with the figures in French form.
    let expected = [
        "mardi 7 octobre 2025".to_string(),
        fill(&w("words.time_range"), &[("start", "10\u{a0}h"), ("end", "12\u{a0}h")]),
        format!("{events} {}", w("words.callouts.events.other")),
        format!("{plans} {}", fill(&w("words.callouts.plans_since.other"), &[("date", since)])),
        format!("{before} {}", fill(&w("words.callouts.plans_before"), &[("date", since)])),
        format!("{percent} {}", w("words.callouts.confidence")),
        fill(
            &w("words.accomplishments.events.other"),
            &[("count", events), ("range", range), ("purpose", &w("projects.0.events_purpose"))],
        ),
        fill(&w("words.accomplishments.plans_before.other"), &[("count", plans), ("before", &before), ("date", since)]),
        format!("{percent} {}", w("projects.0.confidence_text")),
    ];
    let expected: Vec<String> = expected.iter().map(|e| as_pdf_text(e)).collect();
    assert!(
        expected[1] == "de 10 h à 12 h"
            && expected[6].contains("Participation à 14 événements communautaires du 19 juin au 22 septembre 2025")
    );
    assert_in_order(text, &expected.iter().map(String::as_str).collect::<Vec<_>>());
    // The group's name as the French edition prints it.
    assert!(text.contains("Réunion du Groupe de travail Application de la loi et justice de WECOSS"), "{text}");
    // No English form of the same figures.
    for english in ["1,420", "96%", "10:00", "12:00", "October 7", "June 19", "Tuesday"] {
        assert!(!text.contains(english), "`{english}` in the French deck:\n{text}");
    }
    // pdftotext reads a no-break space as a space: the PDF itself maps a
    // glyph to U+00A0 in French (`1 420`, `96 %`, `10 h`), and in English
    // has none.
    let dir = tempfile::tempdir().unwrap();
    let unicode = |name: &str| {
        let out = std::process::Command::new("qpdf")
            .args(["--qdf", "--object-streams=disable"])
            .arg(on_disk(dir.path(), name))
            .arg("-")
            .output()
            .expect("qpdf is installed (Debian package qpdf)");
        String::from_utf8_lossy(&out.stdout).matches("<00A0>").count()
    };
    assert!(unicode(&format!("{DECK_FR}.pdf")) > 0, "the French deck's fonts map no glyph to U+00A0");
    assert_eq!(unicode(&format!("{DECK_EN}.pdf")), 0, "the English deck has no no-break space");
}

/// The PowerPoint deck holds the characters themselves: every no-break
/// space of the French figures and words, in its slides' paragraphs as in
/// its big numbers, so that PowerPoint never breaks `1 420` or `10 h` at a
/// line's end.
#[test]
fn the_french_powerpoint_deck_keeps_its_no_break_spaces() {
    let slides: Vec<(String, String)> =
        pptx_paragraphs(file(&format!("{DECK_FR}.pptx"))).into_iter().filter(|(part, _)| part.starts_with("ppt/slides/")).collect();
    let text: String = slides.iter().map(|(_, t)| t.clone() + " ").collect();
    for exact in [
        "de 10\u{a0}h à 12\u{a0}h",
        "en plus des 1\u{a0}420 distribués",
        "96\u{a0}% ont indiqué",
        "But du projet\u{a0}:",
        "du 19 juin au 22 septembre 2025",
        "mardi 7 octobre 2025",
    ] {
        assert!(text.contains(exact), "`{exact}` (with its U+00A0) in the French PowerPoint deck's slides:\n{text}");
    }
    // Any plain space before `%`, `h`, a group of three digits, `:`, `;`,
    // `!`, `?` or `»`, or after `«`, in a paragraph of a slide.
    let broken = Regex::new(r"\d %|\d h\b|\d \d{3}\b| [:;!?»]|« ").unwrap();
    let found: Vec<String> = slides
        .iter()
        .flat_map(|(part, t)| {
            broken.find_iter(t).map(move |m| format!("{part}: “{}”", &t[m.start().saturating_sub(30)..(m.end() + 10).min(t.len())]))
        })
        .collect();
    assert!(found.is_empty(), "a plain space where French puts a no-break space:\n{}", found.join("\n"));
}

#[test]
fn the_french_report_prints_its_figures_and_headings_in_french() {
    let s = sample();
    let text = &s.report_text;
    let html = page(REPORT_FR);
    let kpis = &s.figures["kpis"];
    // Every headline figure, grouped the French way, in the PDF (as
    // pdftotext reads it) and on the web page's tiles (with U+00A0).
    let figures = crate::html::headline_in(&s.figures, fr_number, |p| format!("{p}{NBSP}%"));
    assert!(figures.iter().any(|(_, f)| f.contains(NBSP) && f.len() > 5), "the sample has a figure of four digits: {figures:?}");
    for (name, shown) in &figures {
        assert!(text.contains(&as_pdf_text(shown)), "the PDF shows {name} = {shown}:\n{text}");
        assert!(html.contains(&format!("<p class=\"tile-value\">{shown}</p>")), "the page's tile {name} shows {shown:?}");
    }
    // Not the English forms: `1,737`, `95%`.
    for (name, _) in &figures {
        let n = kpis[name].as_u64().unwrap();
        let english = if *name == "confident_percent" { format!("{n}%") } else { commas(n) };
        if english.contains([',', '%']) {
            assert!(!text.contains(&english) && !html.contains(&english), "the English form {english} of {name}");
        }
    }
    // The headings of the French content file, Typst's own outline title
    // among them, and the pillars by their French names.
    let fr = content("annual-report", "content.fr.toml");
    let mut headings: Vec<String> =
        ["contents", "year_at_a_glance", "safety_planning", "workplan", "looking_ahead", "about", "definitions", "privacy"]
            .iter()
            .map(|k| word(&fr, &format!("words.headings.{k}")))
            .collect();
    headings.insert(0, word(&fr, "title"));
    assert_eq!(headings[1], "Table des matières");
    let refs: Vec<&str> = headings.iter().map(String::as_str).collect();
    assert_in_order(text, &refs);
    for pillar in ["Prévention et éducation", "Réduction des méfaits", "Traitement et rétablissement", "Application de la loi et justice"]
    {
        assert!(text.contains(pillar) && html.contains(pillar), "the pillar `{pillar}`");
    }
    let pillar = fill(&word(&fr, "words.headings.pillar"), &[("number", "2"), ("count", "4")]).to_uppercase();
    assert_eq!(pillar, "PILIER 2 SUR 4");
    assert_in_order(text, &[&pillar, "Réduction des méfaits"]);
}

// ------------------------------------------------------ 2. no English left

/// One English fixed word: its words and where they come from.
#[derive(Debug)]
struct English {
    words: String,
    source: String,
}

/// The English fixed words a French edition must not print: from the
/// built-in English content files, every piece of every string between its
/// `{fields}` and `**` marks that has two words or more, unless the French
/// file has the same piece at the same key (a name both editions print, such
/// as `WECOSS`); and the English locale's words (`from`, `a.m.`, months,
/// weekdays, `Continued`).
fn english_words() -> Vec<English> {
    let mut out = Vec::new();
    for doc in ["meeting-deck", "annual-report"] {
        let (en, fr) = (content(doc, "content.toml"), content(doc, "content.fr.toml"));
        english_pieces(&en, Some(&fr), &format!("{doc}/content.toml:"), &mut out);
    }
    let locale = ["from", "a.m.", "p.m.", "Continued"].into_iter().chain([
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]);
    out.extend(locale.map(|w| English { words: w.to_string(), source: "the English locale".into() }));
    // The speaker notes' citations of spreadsheet rows (`rows 9–22 (14
    // rows)`) are the program's words, not data.
    out.extend(["row", "rows"].map(|w| English { words: w.to_string(), source: "the speaker notes' row citations".into() }));
    // Each once, where it is first found.
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|e| seen.insert(fold(&e.words)));
    out
}

fn english_pieces(en: &toml::Value, fr: Option<&toml::Value>, at: &str, out: &mut Vec<English>) {
    match en {
        toml::Value::String(s) => {
            let french = fr.and_then(toml::Value::as_str);
            let marks = Regex::new(r"\{[a-z_]+\}|\*\*").unwrap();
            for piece in marks.split(s) {
                let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
                let words = piece.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
                if words >= 2 && !french.is_some_and(|f| f.contains(piece)) {
                    out.push(English { words: piece.to_string(), source: at.to_string() });
                }
            }
        }
        toml::Value::Table(table) => {
            for (k, v) in table {
                let sep = if at.ends_with(':') { "" } else { "." };
                english_pieces(v, fr.and_then(|f| f.get(k)), &format!("{at}{sep}{k}"), out);
            }
        }
        toml::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                english_pieces(v, fr.and_then(|f| f.get(i)), &format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Text as the search compares it: lower case, straight apostrophes,
/// no-break spaces as spaces, whitespace collapsed.
fn fold(text: &str) -> String {
    collapse(&text.to_lowercase().replace(['’', '‘'], "'").replace(NBSP, " "))
}

/// The sample's text cells of two words or more, folded, as printed as typed
/// in every edition: event and activity names, places, survey questions,
/// sheet names. Names the French edition
/// renames (`[names]`) and answers it translates (`[words.answers]`) are
/// not among them: those must print in French.
fn sample_data_strings() -> Vec<String> {
    let (data, _) = read_inputs(&samples(), None);
    let mut strings = Vec::new();
    fn all(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(items) => items.iter().for_each(|v| all(v, out)),
            Value::Object(map) => map.values().for_each(|v| all(v, out)),
            _ => {}
        }
    }
    all(&serde_json::to_value(&data).unwrap(), &mut strings);
    let mut translated = Vec::new();
    for doc in ["meeting-deck", "annual-report"] {
        let fr = content(doc, "content.fr.toml");
        for table in [fr.get("names"), fr.get("words").and_then(|w| w.get("answers"))].into_iter().flatten() {
            translated.extend(table.as_table().unwrap().keys().map(|k| normalize(k)));
        }
    }
    let mut strings: Vec<String> = strings
        .into_iter()
        .filter(|s| s.split_whitespace().count() >= 2 && !translated.contains(&normalize(s)))
        .map(|s| fold(&s))
        .collect();
    strings.sort();
    strings.dedup();
    strings
}

/// Where `needle` occurs in `haystack` as whole words, outside every
/// occurrence of the cells `data`.
fn english_at(haystack: &str, needle: &str, data: &[String]) -> Option<usize> {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let covered = |at: usize| {
        data.iter().any(|cell| {
            cell.contains(needle)
                && haystack.match_indices(cell.as_str()).any(|(from, _)| from <= at && at + needle.len() <= from + cell.len())
        })
    };
    haystack.match_indices(needle).map(|(at, _)| at).find(|&at| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        // Not inside a longer word: `from` is not `fromage`.
        let glued = alnum(before) && needle.starts_with(char::is_alphanumeric) || alnum(after) && needle.ends_with(char::is_alphanumeric);
        !glued && !covered(at)
    })
}

/// Every English fixed word found in the editions' texts: (edition, part,
/// English words, their source, the text around them). The sample's English
/// cells print as typed in French too: words found inside one of them (an
/// activity named `Applied for Community Safety and Policing grant`, a
/// survey question) are data, not the content file's words.
fn english_left(texts: &[(String, String)], english: &[English], data: &[String]) -> Vec<String> {
    let hyphenated = Regex::new(r"(\p{Ll})- (\p{Ll})").unwrap();
    let mut found = Vec::new();
    for (place, text) in texts {
        let text = fold(text);
        // A word hyphenated at a line's end, joined again.
        let joined = hyphenated.replace_all(&text, "$1$2").into_owned();
        for e in english {
            let words = fold(&e.words);
            for t in [&text, &joined] {
                if let Some(at) = english_at(t, &words, data) {
                    let from = t[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
                    let to = t[at..].char_indices().nth(words.chars().count() + 40).map_or(t.len(), |(i, _)| at + i);
                    found.push(format!("{place}: `{}` (from {}) in “…{}…”", e.words, e.source, &t[from..to]));
                    break;
                }
            }
        }
    }
    found
}

#[test]
fn no_english_fixed_word_is_left_in_the_french_editions() {
    let s = sample();
    let english = english_words();
    // The list is the content files' words, not a few picked by hand.
    assert!(english.len() > 200, "{} English pieces", english.len());
    for expected in ["Accomplishments to date", "Year at a glance", "Not recorded", "Strongly agree", "Harm Reduction", "Continued"] {
        assert!(english.iter().any(|e| e.words == expected), "`{expected}` is among the English words");
    }
    let mut texts: Vec<(String, String)> =
        vec![(format!("{DECK_FR}.pdf"), s.deck_text.clone()), (format!("{REPORT_FR}.pdf"), s.report_text.clone())];
    let html = page(REPORT_FR);
    texts.extend(html_texts(html).into_iter().map(|(part, t)| (format!("{REPORT_FR}.html {part}"), t)));
    texts.extend(pptx_texts(file(&format!("{DECK_FR}.pptx"))).into_iter().map(|(part, t)| (format!("{DECK_FR}.pptx {part}"), t)));
    let data = sample_data_strings();
    // The same search finds the words in the English editions: it is not
    // blind.
    let en_deck = pptx_texts(file(&format!("{DECK_EN}.pptx")));
    let en_html = html_texts(page(REPORT_EN));
    let seen = english_left(&[en_deck, en_html].concat(), &english, &data);
    for words in ["Accomplishments to date", "Year at a glance", "Key Activities & Timelines", "from", "October", "a.m."] {
        assert!(seen.iter().any(|f| f.contains(&format!("`{words}`"))), "the search finds `{words}` in the English editions");
    }
    // In French: none.
    let found = english_left(&texts, &english, &data);
    assert!(found.is_empty(), "{} English fixed words in the French editions:\n{}", found.len(), found.join("\n"));
}

// ----------------------------------------------------- 3. both in one run

#[test]
fn en_fr_writes_every_edition_in_one_run_with_the_same_bytes_each_time() {
    let first = &sample().files;
    let mut expected: Vec<String> = [DECK_EN, DECK_FR].iter().flat_map(|d| ["pdf", "pptx"].map(|e| format!("{d}.{e}"))).collect();
    expected.extend([REPORT_EN, REPORT_FR].iter().flat_map(|r| ["pdf", "html"].map(|e| format!("{r}.{e}"))));
    for name in &expected {
        assert!(first.get(name).is_some_and(|b| !b.is_empty()), "`{name}` is written; the files are {:?}", first.keys());
    }
    // The French editions are French, the English ones English.
    assert!(String::from_utf8_lossy(file(&format!("{REPORT_FR}.html"))).contains("Table des matières"));
    assert!(String::from_utf8_lossy(file(&format!("{REPORT_EN}.html"))).contains(">Contents<"));

    // A second run into another folder writes the same files, byte for byte.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("again");
    let args = build_args(&out);
    let result = run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_ok(&result);
    let second = files_of(&out);
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>(), "the same files");
    for (name, bytes) in first {
        assert!(second[name] == *bytes, "`{name}` differs between two runs on the same inputs");
    }
    // Each file the run wrote is named on its output, one a line.
    let said = stdout(&result);
    for name in &expected {
        assert!(said.lines().any(|l| l.ends_with(name.as_str())), "`{name}` is named:\n{said}");
    }
}

// ------------------------------------------------ 4. a missing French word

/// Writes `text` as `dir/templates/<doc>/<file>`.
fn write_template(dir: &Path, doc: &str, file: &str, text: &str) {
    let folder = dir.join("templates").join(doc);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(file), text).unwrap();
}

/// Builds the sample with `dir/templates` in `lang` into `dir/out`.
fn build_with_templates(dir: &Path, lang: &str) -> std::process::Output {
    let mut args = build_of(&samples(), Path::new("out"), lang);
    args.extend(["--templates", "templates"].map(String::from));
    run_in(dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The built-in content file `doc/file` as text.
fn builtin(doc: &str, file: &str) -> String {
    std::fs::read_to_string(root().join(format!("report-templates/{doc}/{file}"))).unwrap()
}

/// A quote, a pillar's introduction or a key activity added in English
/// only: the French file need not keep up. Each is a warning naming the
/// French file and the key, and the French edition goes out without it
/// (never with English words in it); the English edition has it.
#[test]
fn what_the_french_file_lacks_is_a_warning_and_the_edition_goes_out_without_it() {
    let dir = tempfile::tempdir().unwrap();
    // The English files gain a pillar's introduction, a quote and a key
    // activity that the built-in French files do not have.
    let report = builtin("annual-report", "content.toml");
    let intro = "[pillar_intros]\n";
    assert_eq!(report.matches(intro).count(), 1);
    let report = report.replacen(intro, &format!("{intro}\"Recovery Housing\" = \"Safe homes for people in recovery.\"\n"), 1);
    let quote = "[[quotes]]\ntext = \"Every building deserves a plan.\"\nattribution = \"A tenant\"\nsection = \"Harm Reduction\"\n\n";
    let report = report.replacen("[[quotes]]\n", &format!("{quote}[[quotes]]\n"), 1);
    write_template(dir.path(), "annual-report", "content.toml", &report);
    let deck = builtin("meeting-deck", "content.toml");
    let activity = "  \"Create neighbourhood safety plans for Leamington and Essex.\",\n";
    assert_eq!(deck.matches(activity).count(), 1);
    let deck = deck.replacen(activity, &format!("{activity}  \"Share the plans with every tenant association.\",\n"), 1);
    write_template(dir.path(), "meeting-deck", "content.toml", &deck);
    let quotes = report.matches("[[quotes]]").count();
    let activities = toml::from_str::<toml::Value>(&deck).unwrap()["projects"][0]["key_activities"].as_array().unwrap().len();

    for lang in ["fr", "en,fr"] {
        let _ = std::fs::remove_dir_all(dir.path().join("out"));
        let result = build_with_templates(dir.path(), lang);
        assert_ok(&result);
        let err = stderr(&result);
        // Every gap is named in one pass, in the French file, with its key
        // and the English file that has it.
        let report_fr = "report-templates/annual-report/content.fr.toml";
        let deck_fr = "report-templates/meeting-deck/content.fr.toml";
        for needed in [
            format!(
                "{report_fr} (built in): `pillar_intros.\"Recovery Housing\"` is in `templates/annual-report/content.toml` but not here: this edition goes out without it"
            ),
            format!(
                "{report_fr} (built in): `quotes` has {} items here but {quotes} in `templates/annual-report/content.toml`: this edition goes out with its own {}",
                quotes - 1,
                quotes - 1
            ),
            format!(
                "{deck_fr} (built in): `projects[1].key_activities` has {} items here but {activities} in `templates/meeting-deck/content.toml`",
                activities - 1
            ),
        ] {
            assert!(err.contains(&needed), "--lang {lang}: `{needed}` in:\n{err}");
        }
        assert!(err.contains("warning:"), "--lang {lang}: {err}");
        let report_fr = pdf_text(&dir.path().join(format!("out/{REPORT_FR}.pdf")));
        assert!(!report_fr.contains("Every building deserves a plan."), "no English quote in the French edition");
        assert!(!report_fr.contains("Safe homes for people in recovery."), "no English introduction in the French edition");
        let deck_fr = pdf_text(&dir.path().join(format!("out/{DECK_FR}.pdf")));
        assert!(!deck_fr.contains("Share the plans with every tenant association."), "no English activity in the French deck");
        if lang == "en,fr" {
            let text = pdf_text(&dir.path().join(format!("out/{REPORT_EN}.pdf")));
            assert!(text.contains("Every building deserves a plan."), "the English edition has the new quote");
        }
    }
    // The English editions alone need no French word, and say nothing of it.
    let _ = std::fs::remove_dir_all(dir.path().join("out"));
    let result = build_with_templates(dir.path(), "en");
    assert_ok(&result);
    assert!(!stderr(&result).contains("content.fr.toml"), "{}", stderr(&result));
    let text = pdf_text(&dir.path().join(format!("out/{REPORT_EN}.pdf")));
    assert!(text.contains("Every building deserves a plan."), "the English edition has the new quote");
    assert!(!dir.path().join(format!("out/{REPORT_FR}.pdf")).exists());

    // Given its French words, the French edition builds and prints them.
    let report_fr = builtin("annual-report", "content.fr.toml");
    let report_fr = report_fr.replacen(
        intro,
        &format!("{intro}\"Recovery Housing\" = \"Des logements sûrs pour les personnes en rétablissement.\"\n"),
        1,
    );
    let report_fr = report_fr.replacen(
        "[[quotes]]\n",
        "[[quotes]]\ntext = \"Chaque immeuble mérite un plan.\"\nattribution = \"Un locataire\"\nsection = \"Harm Reduction\"\n\n[[quotes]]\n",
        1,
    );
    write_template(dir.path(), "annual-report", "content.fr.toml", &report_fr);
    let deck_fr = builtin("meeting-deck", "content.fr.toml");
    let last = "  \"Élaborer des plans de sécurité de quartier pour Leamington et Essex.\",\n";
    assert_eq!(deck_fr.matches(last).count(), 1);
    let deck_fr = deck_fr.replacen(last, &format!("{last}  \"Présenter les plans à chaque association de locataires.\",\n"), 1);
    write_template(dir.path(), "meeting-deck", "content.fr.toml", &deck_fr);
    let result = build_with_templates(dir.path(), "fr");
    assert_ok(&result);
    assert!(pdf_text(&dir.path().join(format!("out/{REPORT_FR}.pdf"))).contains("Chaque immeuble mérite un plan."));
    assert!(pdf_text(&dir.path().join(format!("out/{DECK_FR}.pdf"))).contains("Présenter les plans à chaque association de locataires."));
}

// --------------------------------------------- 5. a French file in English

#[test]
fn a_french_file_whose_language_is_english_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fr = builtin("annual-report", "content.fr.toml");
    assert_eq!(fr.matches("\nlanguage = \"fr\"\n").count(), 1);
    write_template(dir.path(), "annual-report", "content.fr.toml", &fr.replacen("\nlanguage = \"fr\"\n", "\nlanguage = \"en\"\n", 1));
    let result = build_with_templates(dir.path(), "en,fr");
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(
        err.contains("templates/annual-report/content.fr.toml: `words.language` is `en`, but this is the French edition's file"),
        "the file and `language` are named:\n{err}"
    );
    assert!(err.contains("language = \"fr\""), "the fix is said:\n{err}");
    assert!(!dir.path().join("out").exists(), "nothing is written, in either language");
    // The English edition alone does not read the French file.
    assert_ok(&build_with_templates(dir.path(), "en"));
}

// ---------------------------------------------- 6. names typed in French

/// The French folder of `french_input` (French headers, dates, statuses,
/// answers), with its workplan's pillar typed in French and a meetings
/// table in French headers for that pillar's group.
fn french_named_folder(dir: &Path) -> PathBuf {
    let inputs = dir.join("fr");
    crate::french_input::write(&inputs, true);
    let pillar = "Réduction des méfaits";
    let rows: Vec<[&str; 6]> = vec![
        ["Activité", "Statut", "Projet", "Pilier", "Début", "Échéance"],
        ["Cartographier les trajets", "Terminé", "Sensibilisation au port", pillar, "6 janvier 2025", "28 mars 2025"],
        ["Former les bénévoles", "En cours", "Sensibilisation au port", pillar, "1er avril 2025", "31 octobre 2025"],
        ["Imprimer les cartes", "Prévu", "Sensibilisation au port", pillar, "3 novembre 2025", "19 décembre 2025"],
    ];
    let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    write_csv(&inputs.join("workplan.csv"), &rows);
    write_csv(
        &inputs.join("reunions.csv"),
        &[
            &["Date de la réunion", "Groupe de travail", "Lieu"],
            &["17 juin 2025", "Groupe de travail Réduction des méfaits", "Salle 2"],
            &["7 octobre 2025", "Groupe de travail Réduction des méfaits", "Salle 2"],
        ],
    );
    inputs
}

/// Every number of a figures document, in order: what the figures are,
/// whatever language their labels are in.
fn numbers(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| numbers(v, out)),
        Value::Object(map) => map.values().for_each(|v| numbers(v, out)),
        _ => {}
    }
}

#[test]
fn names_typed_in_french_print_in_each_editions_language() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = french_named_folder(dir.path());
    let out = dir.path().join("out");
    let mut figures = Vec::new();
    for lang in ["en", "fr"] {
        let result = run(&build_of(&inputs, &out, lang).iter().map(String::as_str).collect::<Vec<_>>());
        assert_ok(&result);
        let json = run(&["report", "--inputs", inputs.to_str().unwrap(), "--year", "2025", "--lang", lang, "--format", "json"]);
        assert_ok(&json);
        figures.push(crate::support::json_figures(stdout(&json)));
    }
    let (report_en, report_fr) = (pdf_text(&out.join(format!("{REPORT_EN}.pdf"))), pdf_text(&out.join(format!("{REPORT_FR}.pdf"))));
    let (deck_en, deck_fr) = (pdf_text(&out.join(format!("{DECK_EN}.pdf"))), pdf_text(&out.join(format!("{DECK_FR}.pdf"))));
    // The English editions: the English content file's `[names]`.
    assert!(report_en.contains("Harm Reduction") && !report_en.contains("Réduction des méfaits"), "{report_en}");
    assert!(deck_en.contains("WECOSS Harm Reduction Working Group Meeting"), "{deck_en}");
    assert!(!deck_en.contains("Réduction des méfaits"), "{deck_en}");
    // The French editions: the name as typed.
    assert!(report_fr.contains("Réduction des méfaits") && !report_fr.contains("Harm Reduction"), "{report_fr}");
    assert!(deck_fr.contains("Réunion du Groupe de travail Réduction des méfaits de WECOSS"), "{deck_fr}");
    assert!(!deck_fr.contains("Harm Reduction"), "{deck_fr}");
    // The pillar's section holds its activities in both.
    for text in [&report_en, &report_fr] {
        assert!(text.contains("Former les bénévoles") && text.contains("Cartographier les trajets"), "{text}");
    }
    // The same figures: every number of the two documents, in order.
    let (mut en, mut fr) = (Vec::new(), Vec::new());
    numbers(&figures[0], &mut en);
    numbers(&figures[1], &mut fr);
    assert!(en.len() > 20, "{en:?}");
    assert_eq!(en, fr, "the figures differ between the editions");
    assert_eq!(figures[0]["kpis"], figures[1]["kpis"]);
    assert_eq!(figures[0]["kpis"]["events"], 3);
}

// ------------------------------------------------------------ 7. the page

#[test]
fn the_french_page_is_fr_ca_and_passes_axe_core() {
    let html = page(REPORT_FR);
    assert!(html.contains("<html lang=\"fr-CA\""), "{}", &html[..200.min(html.len())]);
    // Only data left in English is marked English, each in a span of its
    // own (what it may hold: see `french_data`).
    assert_eq!(html.matches("lang=\"en").count(), html.matches("<span lang=\"en\">").count(), "only spans are marked English");
    let dir = tempfile::tempdir().unwrap();
    let page = on_disk(dir.path(), &format!("{REPORT_FR}.html"));
    let shots = std::env::var_os("WECOSS_SCREENSHOTS").map(PathBuf::from).unwrap_or_else(|| dir.path().join("shots"));
    let result = crate::html::browser_checks(&page, &shots.join("french"));
    // The browser's text has the French figures, with their no-break spaces.
    let text = result["text"].as_str().unwrap();
    let total = fr_number(sample().figures["kpis"]["plans_total"].as_u64().unwrap());
    assert!(text.contains(&total), "`{total}` in the page's text");
}

// ---------------------------------------------------------- 8. PowerPoint

#[test]
fn the_french_powerpoint_deck_is_fr_ca_and_opens_in_python_pptx() {
    let dir = tempfile::tempdir().unwrap();
    let pptx = on_disk(dir.path(), &format!("{DECK_FR}.pptx"));
    let pdf = on_disk(dir.path(), &format!("{DECK_FR}.pdf"));
    // Every run of text is marked fr-CA, and so is the document.
    let lang = Regex::new(r#"<a:(?:rPr|endParaRPr|defRPr)\b[^>]*?\blang="([^"]*)""#).unwrap();
    let fr_run = Regex::new(r#"<a:r><a:rPr\b[^>]*\blang="(?:fr|en)-CA""#).unwrap();
    let mut marked = 0;
    for (name, data) in parts(&pptx) {
        let xml = String::from_utf8_lossy(&data);
        if !name.ends_with(".xml") {
            continue;
        }
        for c in lang.captures_iter(&xml) {
            // English data is in runs of its own marked en-CA (see `french_data`).
            assert!(&c[1] == "fr-CA" || &c[1] == "en-CA", "{name}: a text run in `{}`", &c[1]);
            marked += 1;
        }
        if name.starts_with("ppt/slides/slide") {
            let runs = xml.matches("<a:r>").count();
            let with_lang = fr_run.find_iter(&xml).count();
            assert_eq!(with_lang, runs, "{name}: every run carries lang=\"fr-CA\"");
        }
        if name == "docProps/core.xml" {
            assert!(xml.contains("<dc:language>fr-CA</dc:language>"), "{xml}");
        }
    }
    assert!(marked > 50, "{marked} runs marked");
    assert_package_sound(&pptx);
    // python-pptx opens it: one slide per page of the French PDF deck, the
    // first titled in French.
    let script = "import sys\nfrom pptx import Presentation\np = Presentation(sys.argv[1])\nprint(len(p.slides))\nprint(p.slides[0].shapes.title.text_frame.text)";
    let opened = std::process::Command::new(python()).args(["-c", script]).arg(&pptx).output().expect("python runs");
    assert!(opened.status.success(), "python-pptx cannot open the French deck:\n{}", String::from_utf8_lossy(&opened.stderr));
    let said = String::from_utf8(opened.stdout).unwrap();
    let mut lines = said.lines();
    let pages = pdf_pages(&pdf);
    assert_eq!(lines.next(), Some(pages.to_string().as_str()), "one slide per page");
    assert!(lines.next().is_some_and(|t| t.starts_with("Réunion du Groupe de travail")), "{said}");
    // Its slides say what the French PDF's pages say, page by page.
    let report = check_deck(&pptx, &pdf, None);
    assert_no_problems(&report, "the French deck");
}

// -------------------------------------------------------------- 9. --lang

#[test]
fn a_language_without_an_edition_is_refused_with_the_list() {
    for lang in ["de", "en,de"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let result = run(&["build", "--inputs", samples().to_str().unwrap(), "--out", out.to_str().unwrap(), "--lang", lang]);
        assert_eq!(result.status.code(), Some(2), "--lang {lang}: {}", stderr(&result));
        let err = stderr(&result);
        assert!(err.contains("'de'") && err.contains("en") && err.contains("fr"), "the languages are listed:\n{err}");
        assert!(err.contains("possible values: en, fr"), "{err}");
        assert!(!out.exists(), "nothing is written");
    }
}

#[test]
fn the_languages_may_be_chosen_once_in_wecoss_toml() {
    let dir = tempfile::tempdir().unwrap();
    let samples = samples();
    let report = |extra: &[&str]| {
        let out_dir = dir.path().join("out");
        let _ = std::fs::remove_dir_all(&out_dir);
        let mut args = vec!["report", "--quiet", "--inputs", samples.to_str().unwrap(), "--out", "out", "--year", "2025"];
        args.extend_from_slice(extra);
        let out = run_in(dir.path(), &args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut names: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".pdf"))
            .collect();
        names.sort();
        names
    };
    assert_eq!(report(&[]), ["annual-report-2025.pdf"], "English without a setting");

    // `init` writes the setting, commented out; set, it makes both editions.
    let template = std::fs::read_to_string(root().join("src/cli/init-settings.toml")).unwrap();
    assert!(template.contains("# lang = \"en,fr\""), "{template}");
    std::fs::write(dir.path().join("wecoss.toml"), template.replace("# lang = \"en,fr\"", "lang = \"en,fr\"")).unwrap();
    assert_eq!(report(&[]), ["annual-report-2025.pdf", "rapport-annuel-2025.pdf"], "both from the setting");
    assert_eq!(report(&["--lang", "fr"]), ["rapport-annuel-2025.pdf"], "and a flag wins");

    std::fs::write(dir.path().join("wecoss.toml"), "lang = \"english\"\n").unwrap();
    let out = run_in(dir.path(), &["report", "--inputs", samples.to_str().unwrap(), "--out", "out"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("wecoss.toml: `lang` is \"english\", expected \"en\", \"fr\" or \"en,fr\""), "{err}");
}
