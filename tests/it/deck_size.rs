//! A deck for a two-hour meeting (issue 32): the stress year's deck keeps
//! to 20 slides before its appendix, in PDF and PowerPoint alike, with the
//! timeline's activities it leaves out listed, with their dates, on
//! appendix slides after the last slide; the samples' deck keeps its 13
//! slides, and its appendix slide lists the timeline's activities with
//! their dates.

use std::path::{Path, PathBuf};

use crate::pptx::{assert_no_problems, check_deck, libreoffice_pdf, pdf_pages, python};
use crate::support::stress;
use crate::support::*;

/// Builds the deck of `inputs` in `lang` as PDF and PowerPoint into `out`.
fn build(inputs: &Path, out: &Path, lang: &str) -> (PathBuf, PathBuf) {
    let result = run(&[
        "deck",
        "--meeting",
        stress::MEETING,
        "--inputs",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "pdf,pptx",
        "--lang",
        lang,
    ]);
    assert_ok(&result);
    let name = if lang == "fr" { "presentation-reunion" } else { "meeting-deck" };
    let pdf = out.join(format!("{name}-{}.pdf", stress::MEETING));
    (pdf.clone(), pdf.with_extension("pptx"))
}

/// Each page's text.
fn texts(pdf: &Path) -> Vec<String> {
    (1..=pdf_pages(pdf))
        .map(|i| {
            let out = std::process::Command::new("pdftotext")
                .args(["-raw", "-f", &i.to_string(), "-l", &i.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

/// How many slides come before the appendix (whose first slide's kicker
/// is `appendix`), and how many are in it.
fn main_and_appendix(pages: &[String], appendix: &str) -> (usize, usize) {
    let first = pages.iter().position(|p| p.lines().next().is_some_and(|l| l.trim() == appendix.to_uppercase()));
    match first {
        Some(at) => (at, pages.len() - at),
        None => (pages.len(), 0),
    }
}

#[test]
fn the_stress_deck_keeps_to_twenty_slides_before_its_appendix() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    stress::write(&inputs);
    for (lang, appendix, thanks, more) in
        [("en", "Appendix", "Thank You!", "more activities are listed in the appendix"), ("fr", "Annexe", "Merci", "figurent en annexe")]
    {
        let (pdf, pptx) = build(&inputs, &dir.path().join(lang), lang);
        let pages = texts(&pdf);
        let (main, extra) = main_and_appendix(&pages, appendix);
        eprintln!("stress deck ({lang}): {main} slides and {extra} in the appendix");
        assert!(main <= 20, "{lang}: {main} slides before the appendix");
        assert!(extra > 0, "{lang}: the activities the timeline leaves out are in an appendix");
        let closing = pages.iter().position(|p| p.contains(thanks)).expect("a closing slide");
        assert!(closing < main, "{lang}: the appendix comes after the closing slide");
        assert!(pages[..main].iter().any(|p| p.contains(more)), "{lang}: the timeline says how many activities the appendix adds");
        // Every activity is in the appendix, with its dates.
        let alnum = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        let all = alnum(&pages[main..].join(" "));
        let figures = figures_of(&inputs, lang);
        let rows = figures["timeline_all"].as_array().unwrap();
        assert!(rows.len() > figures["timeline"]["rows"].as_array().unwrap().len());
        for row in rows {
            let words = alnum(&row["activity"].as_str().unwrap().split_whitespace().take(4).collect::<Vec<_>>().join(" "));
            assert!(all.contains(&words), "{lang}: `{words}` is in the appendix");
        }
        // The timeline slides' speaker notes list every activity too.
        let parts = crate::pptx::parts(&pptx);
        let notes: String = parts
            .iter()
            .filter(|(k, _)| k.starts_with("ppt/notesSlides/notesSlide"))
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
            .collect();
        let notes = alnum(&notes);
        for row in rows {
            let words = alnum(&row["activity"].as_str().unwrap().split_whitespace().take(4).collect::<Vec<_>>().join(" "));
            assert!(notes.contains(&words), "{lang}: `{words}` is in the speaker notes");
        }
        // The PowerPoint deck has the same slides, and passes the checks.
        assert_eq!(crate::pptx::parts(&pptx).keys().filter(|k| k.starts_with("ppt/slides/slide")).count(), pages.len());
        // In French too, whose timeline's activity names are English
        // (marked as English, as the PDF marks them).
        assert_no_problems(&check_deck(&pptx, &pdf, None), &format!("the stress deck in PowerPoint ({lang})"));
        assert_words_in_shapes(&pptx);
        // The steps slides too: a step taller than a panel does not leave
        // what follows it alone on a continued slide.
        assert_continuations_filled(&pdf, if lang == "fr" { "SUITE" } else { "CONTINUED" });
        // Each accomplishments, goals and appendix slide's bullets one list.
        let marks: &[&str] = if lang == "fr" {
            &["RÉALISATIONS", "Objectifs", "ANNEXE", "SUITE"]
        } else {
            &["ACCOMPLISHMENTS", "Goals", "APPENDIX", "CONTINUED"]
        };
        let checked = assert_bullets_in_one_list(
            &pdf,
            marks,
            &[if lang == "fr" { "Étapes" } else { "Steps" }, if lang == "fr" { "Actions" } else { "Action Items" }],
            1,
        );
        assert!(checked >= 5, "{lang}: {checked} slides checked");
    }
}

fn figures_of(inputs: &Path, lang: &str) -> serde_json::Value {
    let result = run(&["deck", "--meeting", stress::MEETING, "--inputs", inputs.to_str().unwrap(), "--format", "json", "--lang", lang]);
    assert_ok(&result);
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).unwrap();
    v["documents"][0]["figures"].clone()
}

#[test]
fn the_sample_deck_keeps_its_thirteen_slides_and_lists_its_activities_in_an_appendix() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, appendix) in [("en", "Appendix"), ("fr", "Annexe")] {
        let (pdf, pptx) = build(&samples(), &dir.path().join(lang), lang);
        let pages = texts(&pdf);
        // The timeline's activities with their dates, in words, in an appendix.
        assert_eq!(main_and_appendix(&pages, appendix), (13, 1), "{lang}");
        let figures = figures_of(&samples(), lang);
        let alnum = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        for row in figures["timeline_all"].as_array().unwrap() {
            let words = alnum(&row["activity"].as_str().unwrap().split_whitespace().take(4).collect::<Vec<_>>().join(" "));
            assert!(alnum(&pages[13]).contains(&words), "{lang}: `{words}` is in the appendix");
        }
        assert!(
            !pages[..13].iter().any(|p| p.contains(if lang == "fr" { "figurent en annexe" } else { "listed in the appendix" })),
            "{lang}: the timeline leaves nothing out"
        );
        let report = check_deck(&pptx, &pdf, None);
        assert_no_problems(&report, "the sample deck in PowerPoint");
        let titles: Vec<&str> = report["titles"].as_array().unwrap().iter().filter_map(|t| t.as_str()).collect();
        assert!(titles.iter().all(|t| !t.trim_end().ends_with(')')), "{lang}: no title ends in a count: {titles:?}");
        assert_words_in_shapes(&pptx);
        assert_continuations_filled(&pdf, if lang == "fr" { "SUITE" } else { "CONTINUED" });
        // The accomplishments, the consultation's goals and the appendix:
        // each slide's bullets one list, read as "list, N items".
        let marks: &[&str] = if lang == "fr" {
            &["RÉALISATIONS À CE JOUR", "Objectifs", "ANNEXE"]
        } else {
            &["ACCOMPLISHMENTS TO DATE", "Goals", "APPENDIX"]
        };
        assert_eq!(assert_bullets_in_one_list(&pdf, marks, &[], 1), 3, "{lang}: an accomplishments, a goals and an appendix slide");
        // The steps slide: a list in each of its two panels.
        let steps = if lang == "fr" { "Étapes réalisées" } else { "Steps Completed" };
        assert_eq!(assert_bullets_in_one_list(&pdf, &[steps], &[], 2), 1, "{lang}: a steps slide");
    }
}

/// On each slide of `pdf` whose text has a line that starts with one of
/// `marks` and none with one of `except`, every bullet (■) is an item of
/// one of at most `lists` lists (L) of the tagged PDF
/// (`tests/it/pdf_lists.py`, with pikepdf): no slide of one-item lists a
/// screen reader announces one by one. Returns how many slides it checked.
fn assert_bullets_in_one_list(pdf: &Path, marks: &[&str], except: &[&str], lists: usize) -> usize {
    let most = lists;
    let python = std::env::var_os("WECOSS_PDF_PYTHON").map(PathBuf::from).unwrap_or_else(|| root().join("target/ci-venv/bin/python"));
    assert!(python.exists(), "pikepdf is needed: run `bash .ci/test` (it makes target/ci-venv), or set WECOSS_PDF_PYTHON");
    let out = std::process::Command::new(python).arg(root().join("tests/it/pdf_lists.py")).arg(pdf).output().expect("python runs");
    assert!(out.status.success(), "pdf_lists.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let lists: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let lists = lists.as_array().unwrap();
    let mut checked = 0;
    for (n, page) in texts(pdf).iter().enumerate() {
        let starts = |words: &[&str]| page.lines().any(|l| words.iter().any(|m| l.trim_start().starts_with(m)));
        if !starts(marks) || starts(except) || !page.contains('■') {
            continue;
        }
        checked += 1;
        let bullets = page.matches('■').count();
        let on_page: Vec<&serde_json::Value> =
            lists.iter().filter(|l| l["page"].as_u64() == Some(n as u64 + 1) && l["text"].as_str().unwrap().starts_with('■')).collect();
        assert!(on_page.len() <= most, "{}: slide {}'s bullets are {} lists, not at most {most}", pdf.display(), n + 1, on_page.len());
        assert_eq!(
            on_page.iter().map(|l| l["items"].as_u64().unwrap()).sum::<u64>(),
            bullets as u64,
            "{}: slide {}: every bullet is an item of a list",
            pdf.display(),
            n + 1
        );
    }
    checked
}

/// LibreOffice draws every word of `pptx` inside a shape that holds text,
/// and no two words overlap (`tests/it/pptx_check/words_in_shapes.py`).
/// The machines that run the tests have no Noto Sans installed, so this is
/// the deck as shown with LibreOffice's fallback font (DejaVu Sans, wider).
fn assert_words_in_shapes(pptx: &Path) {
    let lo = libreoffice_pdf(pptx, "pdf");
    let out = std::process::Command::new(python())
        .arg(root().join("tests/it/pptx_check/words_in_shapes.py"))
        .arg(pptx)
        .arg(&lo)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "words_in_shapes.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_no_problems(&report, &format!("{} as LibreOffice draws it", pptx.display()));
}

/// Every slide that continues another (its kicker `continued`) is at least
/// a third full: its lowest word is a third of the way down the body, from
/// under its title (about 130 pt from the top) to above the footer (494
/// pt), from `pdftotext -bbox`.
fn assert_continuations_filled(pdf: &Path, continued: &str) {
    let out = std::process::Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().expect("pdftotext runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (top, bottom) = (130.0, 494.0);
    for (n, page) in text.split("<page ").skip(1).enumerate() {
        let words: Vec<(f64, String)> = page
            .split("<word ")
            .skip(1)
            .filter_map(|w| {
                let y = w.split("yMax=\"").nth(1)?.split('"').next()?.parse::<f64>().ok()?;
                let t = w.split('>').nth(1)?.split('<').next()?.to_string();
                Some((y, t))
            })
            .collect();
        if words.first().is_none_or(|(_, t)| t != continued) {
            continue;
        }
        let title: String = words.iter().skip(1).take(4).map(|(_, t)| t.as_str()).collect::<Vec<_>>().join(" ");
        let lowest = words.iter().map(|(y, _)| *y).filter(|y| *y < bottom).fold(0.0, f64::max);
        let fill = (lowest - top) / (bottom - top);
        assert!(fill >= 1.0 / 3.0, "{}: slide {} (“{title}…”) continues another and is {:.0}% full", pdf.display(), n + 1, fill * 100.0);
    }
}

/// An activity named with one unbroken word of 800 letters (a pasted link
/// or code, say): the PDF deck breaks it over its timeline and appendix
/// slides, and the PowerPoint deck follows it there, so both are written
/// with the same slides and the whole word.
#[test]
fn an_unbroken_word_longer_than_a_slide_follows_the_pdf_into_powerpoint() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    stress::write(&inputs);
    let file = inputs.join("activities.csv");
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let headers = reader.headers().unwrap().clone();
    let mut rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // An activity under way at the meeting, which the deck shows (the
    // stress year's `Draft13`).
    let shown = rows.iter().position(|r| &r[2] == "Draft13").expect("the stress year's activity `Draft13`");
    let word = format!("Coordinate{}", "x".repeat(800));
    rows[shown] = rows[shown].iter().enumerate().map(|(i, v)| if i == 2 { word.as_str() } else { v }).collect();
    let mut writer = csv::Writer::from_path(&file).unwrap();
    writer.write_record(&headers).unwrap();
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();

    let (pdf, pptx) = build(&inputs, &dir.path().join("en"), "en");
    let pages = texts(&pdf);
    // Each slide's text (its `<a:t>` runs), in the slides' order.
    let mut slides: Vec<(usize, String)> = crate::pptx::parts(&pptx)
        .iter()
        .filter_map(|(k, v)| {
            let n = k.strip_prefix("ppt/slides/slide")?.strip_suffix(".xml")?.parse().ok()?;
            let xml = String::from_utf8_lossy(v);
            let text = xml.split("<a:t>").skip(1).filter_map(|run| run.split("</a:t>").next()).collect::<Vec<_>>().join(" ");
            Some((n, text))
        })
        .collect();
    slides.sort();
    assert_eq!(slides.len(), pages.len(), "the PowerPoint deck has the PDF's slides");
    // Each slide holds as much of the word as its PDF page: the x's in runs
    // of five or more, once the line breaks are taken out.
    let xs = |t: &str| {
        let joined: String = t.chars().filter(|c| !c.is_whitespace() && *c != '\u{200B}').collect();
        joined.split(|c| c != 'x').map(str::len).filter(|n| *n >= 5).sum::<usize>()
    };
    for (i, (page, (_, slide))) in pages.iter().zip(&slides).enumerate() {
        assert_eq!(xs(slide), xs(page), "slide {}: the same part of the word in PowerPoint as in the PDF", i + 1);
    }
    let total: usize = pages.iter().map(|p| xs(p)).sum();
    assert!(total >= 800, "the word is on the slides ({total} x's)");
}
