//! The PDF itself: the standard it declares (PDF/UA-1 by default, PDF/A-2a,
//! or none), its title and language, and that a failed build never touches
//! the previous PDF.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

const DECK: &str = "meeting-deck-2025-10-07.pdf";

fn build_deck(out: &Path, extra: &[&str]) -> std::process::Output {
    let samples = samples();
    let mut args = vec!["deck", "--meeting", "2025-10-07", "--inputs", samples.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

/// `pdfinfo`'s fields (poppler-utils, like `pdftotext`).
fn pdfinfo(path: &Path) -> String {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo is installed (Debian package poppler-utils)");
    assert!(out.status.success(), "pdfinfo failed on {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn field<'a>(info: &'a str, name: &str) -> &'a str {
    info.lines().find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(':'))).map(str::trim).unwrap_or("")
}

#[test]
fn every_standard_has_a_title_a_language_and_tags() {
    let dir = tempfile::tempdir().unwrap();
    for (standard, marker, absent) in [
        ("ua-1", "<pdfuaid:part>1</pdfuaid:part>", "pdfaid:"),
        ("a-2a", "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>", "pdfuaid:"),
        ("none", "", "pdfaid"),
    ] {
        let out = dir.path().join(standard);
        let result = build_deck(&out, &["--pdf-standard", standard]);
        assert_ok(&result);
        let pdf = out.join(DECK);
        let bytes = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
        assert!(bytes.contains(marker), "{standard}: XMP declares `{marker}`");
        assert!(!bytes.contains(absent), "{standard}: XMP does not declare `{absent}`");
        assert!(bytes.contains("/Lang(en-CA)"), "{standard}: document language en-CA");
        assert!(bytes.contains("<rdf:li>en-CA</rdf:li>"), "{standard}: XMP language en-CA");
        assert!(bytes.contains("/StructTreeRoot"), "{standard}: tagged");
        let info = pdfinfo(&pdf);
        assert_eq!(field(&info, "Title"), "WECOSS Enforcement and Justice Working Group Meeting, Tuesday, October 7th, 2025", "{standard}");
        assert_eq!(field(&info, "Tagged"), "yes", "{standard}");
        if standard == "ua-1" {
            assert!(bytes.contains("/DisplayDocTitle true"), "PDF/UA shows the title, not the file name");
        }
    }
}

#[test]
fn ua_1_is_the_default() {
    let dir = tempfile::tempdir().unwrap();
    assert_ok(&build_deck(dir.path(), &[]));
    let bytes = std::fs::read(dir.path().join(DECK)).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("<pdfuaid:part>1</pdfuaid:part>"));
}

/// The timeline is a figure whose alternative text is generated from the
/// activities; the PDF carries it.
#[test]
fn the_timeline_has_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let json = run(&["deck", "--meeting", "2025-10-07", "--inputs", samples().to_str().unwrap(), "--format", "json"]);
    assert_ok(&json);
    let v = crate::support::json_figures(stdout(&json));
    let alt = v["timeline"]["alt"].as_str().expect("the timeline has alt text");
    assert!(alt.starts_with("Timeline of "), "{alt}");
    assert_ok(&build_deck(dir.path(), &[]));
    let bytes = String::from_utf8_lossy(&std::fs::read(dir.path().join(DECK)).unwrap()).into_owned();
    assert!(bytes.contains("/S/Figure"), "a tagged figure");
    assert!(bytes.contains("/Alt(Timeline of "), "the figure's /Alt");
}

// ---------------------------------------------------------------- atomic

/// The files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// A templates folder whose deck template is `main`.
fn templates_with(dir: &Path, main: &str) -> PathBuf {
    let templates = dir.join("templates");
    std::fs::create_dir_all(templates.join("meeting-deck")).unwrap();
    std::fs::write(templates.join("meeting-deck/main.typ.j2"), main).unwrap();
    templates
}

/// Builds a good deck, then runs a build that must fail, and checks that the
/// good PDF is byte-identical and nothing else was left in the folder.
fn assert_failure_keeps_previous(failing: &[&str], expect_in_stderr: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_ok(&build_deck(&out, &[]));
    let before = std::fs::read(out.join(DECK)).unwrap();
    let samples = samples();
    let mut args = vec!["deck", "--meeting", "2025-10-07", "--out", out.to_str().unwrap()];
    if !failing.contains(&"--inputs") {
        args.extend(["--inputs", samples.to_str().unwrap()]);
    }
    args.extend_from_slice(failing);
    let result = run(&args);
    assert_eq!(result.status.code(), Some(1), "the build fails:\n{}", stderr(&result));
    assert!(stderr(&result).contains(expect_in_stderr), "`{expect_in_stderr}` in:\n{}", stderr(&result));
    assert!(std::fs::read(out.join(DECK)).unwrap() == before, "the previous PDF changed");
    // Beside the PDF, only the record of the last good build (see `last_build`).
    assert_eq!(listing(&out), [".wecoss-last-build.json", DECK], "no temporary files are left");
}

#[test]
fn a_template_error_keeps_the_previous_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let templates = templates_with(dir.path(), "{% if meeting.group %}\n#heading[unclosed block]\n");
    assert_failure_keeps_previous(&["--templates", templates.to_str().unwrap()], "main.typ.j2");
}

#[test]
fn a_typst_error_keeps_the_previous_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let templates = templates_with(
        dir.path(),
        "#import \"/theme.typ\": *\n#import \"/deck-layout.typ\": *\n#show: deck.with(title: \"x\")\n#no-such-function()\n",
    );
    assert_failure_keeps_previous(&["--templates", templates.to_str().unwrap()], "unknown variable: no-such-function");
}

#[test]
fn a_pdf_ua_validation_error_keeps_the_previous_pdf() {
    // No document title: Typst compiles it, but PDF/UA-1 export refuses.
    let dir = tempfile::tempdir().unwrap();
    let templates = templates_with(dir.path(), "#set text(lang: \"en\")\n= Heading\nText.\n");
    assert_failure_keeps_previous(&["--templates", templates.to_str().unwrap()], "PDF/UA-1 error");
}

#[test]
fn a_data_error_keeps_the_previous_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    write_csv(&inputs.join("events.csv"), &[&["Date", "Event", "Plans Distributed"], &["2025-07-01", "BBQ", "-5"]]);
    assert_failure_keeps_previous(&["--inputs", inputs.to_str().unwrap()], "events.csv");
}

/// Both sample documents set every character in the body font: no mark or
/// symbol falls back to another face (`pdffonts`, poppler-utils).
#[test]
fn the_samples_use_only_the_body_font() {
    let dir = tempfile::tempdir().unwrap();
    let samples = samples();
    assert_ok(&run(&["build", "--inputs", samples.to_str().unwrap(), "--out", dir.path().to_str().unwrap()]));
    for name in [DECK, "annual-report-2025.pdf"] {
        let out = Command::new("pdffonts").arg(dir.path().join(name)).output().expect("pdffonts is installed (poppler-utils)");
        assert!(out.status.success(), "pdffonts failed on {name}");
        let text = String::from_utf8_lossy(&out.stdout);
        // Two header lines, then one line per font: `ABCDEF+NotoSans-Bold …`.
        let fonts: Vec<&str> = text.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
        assert!(!fonts.is_empty(), "{name}: {text}");
        for font in &fonts {
            let face = font.split_once('+').map_or(*font, |(_, face)| face);
            assert!(face.starts_with("NotoSans"), "{name} embeds {face}:\n{text}");
        }
    }
}
