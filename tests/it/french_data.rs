//! French text for the data (issue 31): the sample's French deck and report
//! hold none of the English data texts (the samples carry French for them),
//! English and French decks of every sample meeting feature the same
//! projects, a spell check of the French text finds no English word outside
//! a marked span but names of places and organisations, and, built from
//! English-only data, every English data text is marked as English: inside
//! `lang="en"` in the web page, in runs marked `en-CA` in the PowerPoint
//! deck, under structure elements with `/Lang (en-CA)` in the PDFs. `check
//! --lang fr` lists the texts without French, `build --lang fr` counts them
//! in one line, and two unmarked columns for one field are an error.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::html::{page_text, unescape};
use crate::pptx::parts;
use crate::support::*;

const MEETING: &str = "2025-10-07";
const DECK_FR: &str = "presentation-reunion-2025-10-07";
const REPORT_FR: &str = "rapport-annuel-2025";

/// Whitespace collapsed to single spaces, for text a PDF wraps.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds `inputs` in French for the sample meeting and year, as PDF, web
/// page and PowerPoint, into a new folder: the folder and the run.
fn build_fr(inputs: &Path, lang: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let result = run(&[
        "build",
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--meeting",
        MEETING,
        "--year",
        "2025",
        "--lang",
        lang,
        "--format",
        "pdf,html,pptx",
    ]);
    assert_ok(&result);
    (dir, result)
}

/// The text of every run of a PowerPoint deck's slides and notes, with the
/// language its run is marked with.
fn pptx_runs(pptx: &Path) -> Vec<(String, String)> {
    let run = regex::Regex::new(r"(?s)<a:r>(.*?)</a:r>").unwrap();
    let lang = regex::Regex::new(r#"<a:rPr[^>]*\slang="([^"]+)""#).unwrap();
    let text = regex::Regex::new(r"(?s)<a:t>(.*?)</a:t>").unwrap();
    let mut out = Vec::new();
    for (name, bytes) in parts(pptx) {
        if !(name.starts_with("ppt/slides/slide") || name.starts_with("ppt/notesSlides/")) {
            continue;
        }
        let xml = String::from_utf8(bytes).unwrap();
        for r in run.captures_iter(&xml) {
            let body = &r[1];
            let l = lang.captures(body).map(|c| c[1].to_string()).unwrap_or_default();
            let t: String = text.captures_iter(body).map(|c| unescape(&c[1])).collect();
            out.push((l, t));
        }
    }
    out
}

/// The Python with pikepdf (from `.ci/test`'s `target/ci-venv`, or
/// `WECOSS_PDF_PYTHON`).
fn pdf_python() -> PathBuf {
    let path = std::env::var_os("WECOSS_PDF_PYTHON").map(PathBuf::from).unwrap_or_else(|| root().join("target/ci-venv/bin/python"));
    assert!(path.exists(), "pikepdf is needed: run `bash .ci/test` (it makes target/ci-venv), or set WECOSS_PDF_PYTHON");
    path
}

/// A tagged PDF's text by the language its structure tree gives it: the
/// English (`en-CA`) text and the rest, each flattened.
fn pdf_by_lang(pdf: &Path) -> (String, String) {
    let out = Command::new(pdf_python()).arg(root().join("tests/it/pdf_lang.py")).arg(pdf).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let join = |k: &str| flat(&v[k].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect::<Vec<_>>().join(" "));
    (join("en-CA"), join("other"))
}

/// The places in `html` (byte offsets) where `needle` occurs in text, not
/// inside a tag.
fn text_occurrences(html: &str, needle: &str) -> Vec<usize> {
    html.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let open = html[..i].rfind('<');
            let close = html[..i].rfind('>');
            open.is_none() || close > open
        })
        .collect()
}

/// Whether the text at `at` in `html` is inside a `<span lang="en">`.
fn inside_english_span(html: &str, at: usize) -> bool {
    let open = html[..at].rfind("<span lang=\"en\">");
    let close = html[..at].rfind("</span>");
    open.is_some() && (close.is_none() || close < open)
}

/// The sample built in both languages, once.
struct Sample {
    _dir: tempfile::TempDir,
    out: PathBuf,
}

fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let (dir, _) = build_fr(&samples(), "en,fr");
        let out = dir.path().join("out");
        Sample { _dir: dir, out }
    })
}

/// The English texts of the sample's deck: activities (the steps), action
/// items, projects.
fn english_deck_texts() -> Vec<String> {
    let (data, _) = read_inputs(&samples(), None);
    let mut texts: BTreeSet<String> = BTreeSet::new();
    texts.extend(data.activities.iter().map(|a| a.activity.clone()));
    texts.extend(data.activities.iter().filter_map(|a| a.project.clone()));
    texts.extend(data.action_items.iter().map(|a| a.text.clone()));
    texts.into_iter().collect()
}

#[test]
fn the_sample_french_editions_hold_no_english_data_text() {
    let s = sample();
    let deck = flat(&pdf_text(&s.out.join(format!("{DECK_FR}.pdf"))));
    let report = flat(&pdf_text(&s.out.join(format!("{REPORT_FR}.pdf"))));
    let html = std::fs::read_to_string(s.out.join(format!("{REPORT_FR}.html"))).unwrap();
    let page = flat(&page_text(&html));
    let slides = flat(&pptx_runs(&s.out.join(format!("{DECK_FR}.pptx"))).into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" "));
    let english = english_deck_texts();
    assert!(english.len() >= 20, "{english:?}");
    for text in &english {
        let text = flat(text);
        for (edition, body) in
            [("French deck", &deck), ("French report", &report), ("French web page", &page), ("French PowerPoint", &slides)]
        {
            assert!(!body.contains(&text), "the {edition} prints the English `{text}`");
        }
    }
    // What is left in English is an organisation's or a sheet's name,
    // marked as such.
    let (data, _) = read_inputs(&samples(), None);
    let organisations: BTreeSet<String> = data
        .stakeholders
        .iter()
        .map(|s| s.organization.clone())
        .chain(data.distribution.iter().filter_map(|d| d.organization.as_ref().map(|o| o.to_string())))
        .chain(data.sheets.iter().filter_map(|s| s.sheet.clone()))
        .collect();
    let span = regex::Regex::new(r#"<span lang="en">([^<]*)</span>"#).unwrap();
    for c in span.captures_iter(&html) {
        let text = unescape(&c[1]);
        assert!(organisations.contains(&text), "the French web page has `{text}` in English, and it is no organisation's or sheet's name");
    }
}

#[test]
fn english_and_french_decks_of_every_sample_meeting_feature_the_same_projects() {
    let (data, _) = read_inputs(&samples(), None);
    let names: toml::Table =
        toml::from_str(&std::fs::read_to_string(root().join("report-templates/meeting-deck/content.fr.toml")).unwrap()).unwrap();
    let names = names["names"].as_table().unwrap();
    let french_of = |name: &str| {
        names
            .iter()
            .find(|(k, _)| normalize_name(k) == normalize_name(name))
            .map_or(name.to_string(), |(_, v)| v.as_str().unwrap().to_string())
    };
    let dates: BTreeSet<String> = data.meetings.iter().map(|m| m.date.to_string()).collect();
    assert!(dates.len() >= 10, "{dates:?}");
    for date in dates {
        let projects = |lang: &str| -> Vec<String> {
            let out = run(&["deck", "--inputs", samples().to_str().unwrap(), "--meeting", &date, "--lang", lang, "--format", "json"]);
            assert_ok(&out);
            let mut found = Vec::new();
            for doc in serde_json::Deserializer::from_str(&stdout(&out)).into_iter::<serde_json::Value>() {
                let doc = doc.unwrap();
                for p in doc["projects"].as_array().into_iter().flatten() {
                    found.push(p["name"].as_str().unwrap_or_default().to_string());
                }
            }
            found
        };
        let (en, fr) = (projects("en"), projects("fr"));
        let mut en_in_french: Vec<String> = en.iter().map(|p| french_of(p)).collect();
        let mut fr = fr;
        en_in_french.sort();
        fr.sort();
        assert_eq!(en_in_french, fr, "the decks of {date} feature other projects in English ({en:?}) and in French ({fr:?})");
    }
}

fn normalize_name(name: &str) -> String {
    wecoss_report::tables::normalize(name)
}

/// An inputs folder whose texts are all English, with none given French:
/// a meeting in a room, activities done and to do, an action item, events.
fn english_only(dir: &Path) -> (PathBuf, Vec<&'static str>) {
    let inputs = dir.join("inputs");
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group", "Start", "End", "Room"],
            &["2025-06-18", "Harm Reduction Working Group", "10:00", "12:00", "Riverside Hall East Room"],
            &["2025-10-07", "Harm Reduction Working Group", "10:00", "12:00", "Riverside Hall East Room"],
        ],
    );
    write_csv(
        &inputs.join("activities.csv"),
        &[
            &["Project", "Pillar", "Activity", "Status", "Start", "Due"],
            &["Safer Streets Outreach", "Harm Reduction", "Mapped the busiest outreach corners", "Completed", "2025-07-01", "2025-08-01"],
            &[
                "Safer Streets Outreach",
                "Harm Reduction",
                "Trained volunteers in overdose response",
                "Completed",
                "2025-08-04",
                "2025-09-12",
            ],
            &["Safer Streets Outreach", "Harm Reduction", "Open a weekend drop-in table", "Planned", "2025-10-15", "2025-12-01"],
        ],
    );
    write_csv(
        &inputs.join("action-items.csv"),
        &[&["Meeting Date", "Action Item"], &["2025-10-07", "Bring outreach schedules to the next meeting"]],
    );
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Plans Distributed", "Feedback Responses", "Felt More Confident", "Project"],
            &["2025-07-10", "Riverfront Summer Picnic", "10", "4", "3", "Safer Streets Outreach"],
            &["2025-08-14", "Harbour Street Block Party", "5", "4", "4", "Safer Streets Outreach"],
        ],
    );
    write_csv(
        &inputs.join("distribution.csv"),
        &[&["Date", "Quantity", "Plan"], &["2025-05-01", "40", "Riverside Safety Plan"], &["2025-07-10", "10", "Riverside Safety Plan"]],
    );
    let texts = vec![
        "Riverside Hall East Room",
        "Mapped the busiest outreach corners",
        "Trained volunteers in overdose response",
        "Open a weekend drop-in table",
        "Bring outreach schedules to the next meeting",
        "Riverfront Summer Picnic",
        "Harbour Street Block Party",
        "Safer Streets Outreach",
        "Riverside Safety Plan",
    ];
    (inputs, texts)
}

#[test]
fn english_only_data_is_marked_english_in_every_french_output() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, english) = english_only(dir.path());
    let (built, result) = build_fr(&inputs, "fr");
    let out = built.path().join("out");
    // One warning line, with the count and where to add the French.
    let err = stderr(&result);
    let gap: Vec<&str> = err.lines().filter(|l| l.contains("texts of the spreadsheets in English")).collect();
    assert_eq!(gap.len(), 1, "{err}");
    assert!(gap[0].contains("9 texts") && gap[0].contains("(FR)") && gap[0].contains("translations"), "{}", gap[0]);

    // The web page: every English text in an element marked `lang="en"`.
    let html = std::fs::read_to_string(out.join(format!("{REPORT_FR}.html"))).unwrap();
    let mut seen = 0;
    for text in &english {
        for at in text_occurrences(&html, text) {
            seen += 1;
            assert!(inside_english_span(&html, at), "`{text}` is not marked English in the web page at byte {at}");
        }
    }
    assert!(seen >= 4, "the web page prints too few of the data texts ({seen})");
    // The charts are drawn in HTML: an English label is marked English
    // where it prints, and no attribute (a name read as one string, which
    // cannot be marked) holds English data.
    assert!(html.contains(r#"<span lang="en">Riverside Safety Plan</span>"#), "the chart's English label is marked");
    let attrs = regex::Regex::new(r#"(?:aria-label|title|alt)="([^"]*)""#).unwrap();
    for c in attrs.captures_iter(&html) {
        assert!(!english.iter().any(|t| c[1].contains(*t)), "an attribute holds English data: {}", &c[1]);
    }
    // The PDF's chart descriptions hold no English data (no sentence
    // mixes the languages): the charts' tables, marked, give those values.
    let out_charts = std::process::Command::new(pdf_python())
        .arg(root().join("tests/it/pdf_charts.py"))
        .arg(out.join(format!("{REPORT_FR}.pdf")))
        .output()
        .unwrap();
    assert!(out_charts.status.success(), "{}", String::from_utf8_lossy(&out_charts.stderr));
    let charts: serde_json::Value = serde_json::from_slice(&out_charts.stdout).unwrap();
    let alts: Vec<&str> = charts["figures"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert!(alts.len() >= 2, "{alts:?}");
    for alt in &alts {
        assert!(!english.iter().any(|t| alt.contains(*t)), "a French chart description holds English data: {alt}");
    }
    assert!(alts.iter().any(|a| a.contains("Le tableau C")), "a description points to its table: {alts:?}");

    // The PowerPoint deck: every run holding English data is marked en-….
    let runs = pptx_runs(&out.join(format!("{DECK_FR}.pptx")));
    for text in &english[..5] {
        let holding: Vec<&(String, String)> = runs.iter().filter(|(_, t)| t.contains(text)).collect();
        assert!(!holding.is_empty(), "`{text}` is not in the PowerPoint deck");
        for (lang, t) in holding {
            assert!(lang.starts_with("en-"), "the run `{t}` is marked `{lang}`");
        }
    }
    assert!(runs.iter().any(|(lang, t)| lang == "fr-CA" && t.contains("Étapes")), "the deck's own words stay French");

    // The PDFs: the structure tree gives the English text /Lang (en-CA).
    let (deck_en, deck_other) = pdf_by_lang(&out.join(format!("{DECK_FR}.pdf")));
    for text in &english[..5] {
        assert!(deck_en.contains(text), "`{text}` is not under /Lang (en-CA) in the French deck:\n{deck_en}");
        assert!(!deck_other.contains(text), "`{text}` is also in French-tagged text of the deck");
    }
    assert!(deck_other.contains("Étapes réalisées") && !deck_en.contains("Étapes"), "the deck's own words are French-tagged");
    let (report_en, report_other) = pdf_by_lang(&out.join(format!("{REPORT_FR}.pdf")));
    let mut in_report = 0;
    for text in &english {
        if report_en.contains(text) {
            in_report += 1;
        }
        assert!(!report_other.contains(text), "`{text}` is French-tagged in the French report");
    }
    assert!(in_report >= 3, "the report prints too few of the data texts under /Lang (en-CA):\n{report_en}");
}

#[test]
fn check_lists_the_texts_without_french_and_french_columns_fill_them() {
    let dir = tempfile::tempdir().unwrap();
    let (inputs, _) = english_only(dir.path());
    let check = run(&["check", "--inputs", inputs.to_str().unwrap(), "--lang", "fr"]);
    let err = stderr(&check);
    assert!(err.contains("no French for `Mapped the busiest outreach corners`"), "{err}");
    assert!(err.contains("activities.csv › row 2"), "{err}");
    // A French column beside the activity, and a translations sheet for a
    // room, give them French.
    write_csv(
        &inputs.join("activities.csv"),
        &[
            &["Project", "Pillar", "Activity", "Activity (FR)", "Status", "Start", "Due"],
            &[
                "Safer Streets Outreach",
                "Harm Reduction",
                "Mapped the busiest outreach corners",
                "Repérage des coins les plus fréquentés",
                "Completed",
                "2025-07-01",
                "2025-08-01",
            ],
        ],
    );
    write_csv(
        &inputs.join("translations.csv"),
        &[
            &["English", "French"],
            &["Riverside Hall East Room", "Salle est du pavillon Riverside"],
            &["Mapped the busiest outreach corners", "Cartographie des coins"],
        ],
    );
    let check = run(&["check", "--inputs", inputs.to_str().unwrap(), "--lang", "fr"]);
    let err = stderr(&check);
    assert!(!err.contains("no French for `Mapped the busiest outreach corners`"), "{err}");
    assert!(!err.contains("no French for `Riverside Hall East Room`"), "{err}");
    assert!(err.contains("no French for `Bring outreach schedules to the next meeting`"), "{err}");
    // English only: nothing is listed.
    let check = run(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert!(!stderr(&check).contains("no French for"), "{}", stderr(&check));
    let (built, _) = build_fr(&inputs, "fr");
    let deck = flat(&pdf_text(&built.path().join("out").join(format!("{DECK_FR}.pdf"))));
    assert!(deck.contains("Repérage des coins les plus fréquentés") && deck.contains("Salle est du pavillon Riverside"), "{deck}");
    assert!(!deck.contains("Cartographie"), "the French column beside the text beats a translations row: {deck}");
}

#[test]
fn two_unmarked_columns_for_one_field_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Harm Reduction Working Group", &["Plan the fall campaign"]);
    write_csv(
        &inputs.join("activities.csv"),
        &[
            &["Project", "Activity", "Activité", "Status"],
            &["Safety Project", "Plan the fall campaign", "Planifier la campagne d’automne", "Planned"],
        ],
    );
    let check = run(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert!(!check.status.success(), "two columns for `activity` must not pass");
    let err = stderr(&check);
    assert!(err.contains("activities.csv › C1") && err.contains("names the column `activity` again"), "{err}");
    assert!(err.contains("Activity (FR)"), "the message says how to mark the French: {err}");
}

/// The words of `text` a French spell check rejects and an English one
/// accepts: English words. Numbers, file names, acronyms and links are not
/// words here.
fn english_words(text: &str) -> BTreeSet<String> {
    for dict in ["fr_CA", "en_US"] {
        assert!(
            Path::new(&format!("/usr/share/hunspell/{dict}.dic")).exists(),
            "hunspell and its {dict} dictionary are needed: run `bash .ci/test` (it installs hunspell, hunspell-fr and hunspell-en-us)"
        );
    }
    let words: Vec<String> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '(' | ')' | '«' | '»' | ',' | ';' | ':' | '!' | '?' | '"' | '“' | '”' | '›' | '·' | '–' | '—')
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '@' | '_')))
        .filter(|w| w.chars().any(|c| c.is_lowercase()))
        .collect();
    let spell = |dict: &str, flag: &str, input: &str| -> String {
        use std::io::Write;
        let mut child = Command::new("hunspell")
            .args(["-d", dict, flag])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("hunspell runs");
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap()
    };
    let not_french = spell("fr_CA", "-l", &words.join("\n"));
    let english = spell("en_US", "-G", &not_french);
    english.lines().map(str::to_string).collect()
}

#[test]
fn a_spell_check_of_the_sample_french_text_finds_no_english_word_outside_a_marked_span() {
    let s = sample();
    let html = std::fs::read_to_string(s.out.join(format!("{REPORT_FR}.html"))).unwrap();
    let unmarked_html = regex::Regex::new(r#"<span lang="en">[^<]*</span>"#).unwrap().replace_all(&html, " ");
    let runs = pptx_runs(&s.out.join(format!("{DECK_FR}.pptx")));
    let unmarked_runs: Vec<String> = runs.into_iter().filter(|(lang, _)| !lang.starts_with("en")).map(|(_, t)| t).collect();
    let text = format!("{}\n{}", page_text(&unmarked_html), unmarked_runs.join("\n"));
    // Allowed: the words of the data's name columns (municipality,
    // neighbourhood, organisation, venue), and the proper names the
    // French content files themselves use (the land acknowledgement's
    // First Nations, the coalition's name), which a reviewer reads there.
    let (data, _) = read_inputs(&samples(), None);
    let mut names: Vec<String> = Vec::new();
    for e in &data.events {
        names.extend([&e.municipality, &e.neighbourhood, &e.location].into_iter().flatten().map(|t| t.to_string()));
    }
    for d in &data.distribution {
        names.extend([&d.municipality, &d.organization].into_iter().flatten().map(|t| t.to_string()));
    }
    for st in &data.stakeholders {
        names.push(st.organization.clone());
        names.extend(st.municipality.clone());
    }
    names.extend(data.meetings.iter().filter_map(|m| m.location.clone()));
    names.extend(data.focus_groups.iter().filter_map(|f| f.municipality.clone()));
    for survey in &data.surveys {
        names.extend(survey.responses.iter().filter_map(|r| r.municipality.as_ref().map(|m| m.to_string())));
    }
    for file in ["meeting-deck/content.fr.toml", "annual-report/content.fr.toml"] {
        names.push(std::fs::read_to_string(root().join("report-templates").join(file)).unwrap());
    }
    let allowed: BTreeSet<String> = names.iter().flat_map(|n| n.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase)).collect();
    let english: Vec<String> = english_words(&text).into_iter().filter(|w| !allowed.contains(&w.to_lowercase())).collect();
    assert!(english.is_empty(), "English words outside a marked span in the sample French editions: {english:?}");
}
