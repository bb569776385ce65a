//! Helpers shared by the integration tests: run the binary, read PDF text,
//! and write fixture folders and workbooks.
//!
//! - here: the binary ([`run`], [`run_in`]), its output, PDF text, a minimal
//!   inputs folder, and the library's reading of a folder ([`read_inputs`]);
//! - [`watch`]: a running `watch` process;
//! - [`files`]: CSV and raw files ([`write_csv`], [`write_bytes`]);
//! - [`cell`]: the one cell type of every fixture workbook writer;
//! - [`fixtures`]: xlsx and ods fixture workbooks and the messy and bad folders;
//! - [`ods`] and [`xlsb`]: writers of the formats no crate writes;
//! - [`stress`]: the stress year.

#![allow(dead_code)]

pub mod bbox;
pub mod cell;
pub mod files;
pub mod fixtures;
pub mod ods;
pub mod stress;
pub mod watch;
pub mod xlsb;

pub use files::{write_bytes, write_csv};
pub use watch::{LIMIT, Watch};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wecoss_report::diag::Diagnostics;
use wecoss_report::tables::values::DateOrder;
use wecoss_report::tables::{self, Dataset, ReadOptions};

/// The project root (where `samples/` and `report-templates/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample inputs.
pub fn samples() -> PathBuf {
    root().join("samples/wecoss-2025")
}

/// Runs `wecoss-report` with `args` from the project root.
pub fn run(args: &[&str]) -> Output {
    run_in(&root(), args)
}

/// Runs `wecoss-report` with `args` from `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

/// The figures of each document that `--format json` printed (the one JSON
/// value's `documents`), in order.
pub fn json_documents(printed: impl AsRef<[u8]>) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_slice(printed.as_ref()).expect("`--format json` prints one JSON value");
    v["documents"].as_array().expect("its `documents`").iter().map(|d| d["figures"].clone()).collect()
}

/// The figures of the one document that `--format json` printed.
pub fn json_figures(printed: impl AsRef<[u8]>) -> serde_json::Value {
    let mut docs = json_documents(printed);
    assert_eq!(docs.len(), 1, "one document: {docs:#?}");
    docs.remove(0)
}

/// Runs, from `dir`, `deck` for the samples' meeting of 2025-10-07 with
/// the templates override folder `templates`, writing to `out` (relative
/// to `dir`, or absolute), with `extra` arguments after.
pub fn sample_deck_with_templates(dir: &Path, templates: &Path, out: &Path, extra: &[&str]) -> Output {
    let (samples, templates, out) = (samples(), templates.to_str().unwrap(), out.to_str().unwrap());
    let mut args = vec!["deck", "--meeting", "2025-10-07", "--inputs", samples.to_str().unwrap(), "--templates", templates, "--out", out];
    args.extend(extra);
    run_in(dir, &args)
}

/// Every XML part of a PowerPoint file (slides, notes, alt text,
/// relationships), joined.
pub fn pptx_xml(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            part.read_to_string(&mut text).unwrap();
            all.push_str(&text);
        }
    }
    all
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// What `check` printed: its report (stdout: the sheets and the counts),
/// then its problems (stderr: notes, warnings, errors).
pub fn check_text(out: &Output) -> String {
    format!("{}{}", stdout(out), stderr(out))
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Stderr with the temp folder `dir` replaced by `[TMP]`.
pub fn redacted(out: &Output, dir: &Path) -> String {
    stderr(out).replace(&dir.display().to_string(), "[TMP]")
}

/// Asserts the command succeeded, showing its output if not.
pub fn assert_ok(out: &Output) {
    assert!(out.status.success(), "command failed ({:?})\nstdout:\n{}\nstderr:\n{}", out.status.code(), stdout(out), stderr(out));
}

/// The text of a PDF in content order (poppler's `pdftotext -raw`), with every run of whitespace
/// collapsed to one space so line wrapping does not matter.
pub fn pdf_text(path: &Path) -> String {
    let out =
        Command::new("pdftotext").arg("-raw").arg(path).arg("-").output().expect("pdftotext is installed (Debian package poppler-utils)");
    assert!(out.status.success(), "pdftotext failed on {}", path.display());
    collapse(&String::from_utf8_lossy(&out.stdout))
}

/// Collapses whitespace runs to single spaces.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts that `needles` all occur in `haystack`, in this order.
pub fn assert_in_order(haystack: &str, needles: &[&str]) {
    let mut at = 0;
    for needle in needles {
        match haystack[at..].find(needle) {
            Some(i) => at += i + needle.len(),
            None => panic!("`{needle}` not found {}in:\n{haystack}", if haystack.contains(needle) { "in order " } else { "" }),
        }
    }
}

/// A minimal valid inputs folder: one meeting, events, distribution and
/// activities, as CSV files. Returns the folder.
pub fn minimal_inputs(dir: &Path, group: &str, activities: &[&str]) -> PathBuf {
    let inputs = dir.join("inputs");
    write_csv(
        &inputs.join("meetings.csv"),
        &[
            &["Meeting Date", "Working Group", "Start", "End"],
            &["2025-06-18", group, "10:00", "12:00"],
            &["2025-10-07", group, "10:00 AM", "12:00 PM"],
        ],
    );
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Plans Distributed", "Feedback Responses", "Felt More Confident"],
            &["2025-07-01", "Summer BBQ", "10", "4", "3"],
            &["2025-08-01", "Resource Fair", "5", "4", "4"],
        ],
    );
    write_csv(
        &inputs.join("distribution.csv"),
        &[&["Date", "Quantity"], &["2025-05-01", "40"], &["2025-07-01", "10"], &["2025-08-01", "5"]],
    );
    let mut rows: Vec<Vec<String>> =
        vec![vec!["Project".into(), "Pillar".into(), "Activity".into(), "Status".into(), "Start".into(), "Due".into()]];
    for a in activities {
        rows.push(vec!["Safety Project".into(), group.into(), a.to_string(), "Planned".into(), "2025-09-01".into(), "2025-12-01".into()]);
    }
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_csv(&inputs.join("activities.csv"), &slices);
    inputs
}

/// A count with commas between thousands (`1,420`), written here apart from
/// the program's own formatting so the tests count independently.
pub fn commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Reads an inputs folder through the library (files, then tables) with
/// this day/month order: the records and every diagnostic.
pub fn read_inputs(inputs: &Path, date_order: Option<DateOrder>) -> (Dataset, Diagnostics) {
    tables::read_folder(inputs, ReadOptions { date_order, ..Default::default() }, &mut |_, _, _| {})
}

/// Every diagnostic, one a line.
pub fn diagnostics_text(diags: &Diagnostics) -> String {
    diags.iter().map(|d| format!("{d}\n")).collect()
}

/// A templates folder in `dir` whose brand uses a logo image (`logo.png`,
/// a sample PNG) instead of the drawn word mark.
pub fn templates_with_logo(dir: &Path) -> PathBuf {
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let brand = std::fs::read_to_string(root().join("report-templates/brand.toml")).unwrap();
    assert!(brand.contains("file = \"\""));
    std::fs::write(templates.join("brand.toml"), brand.replace("file = \"\"", "file = \"logo.png\"")).unwrap();
    std::fs::copy(root().join("samples/previews/deck-title.png"), templates.join("logo.png")).unwrap();
    templates
}
