//! Real-world broken and unusual spreadsheets (`tests/corpus/`, from Apache
//! POI's and calamine's test files; see the README there): each is read or
//! refused in plain words, with a kind of failure, and no library's wording
//! ever reaches a message (it is kept as the diagnostic's detail, shown with
//! `--verbose`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use wecoss_report::ingest::{self, FailureKind, RawRow, SheetSink};
use wecoss_report::tables::{self, ReadOptions};

use crate::support::*;

/// Words of the libraries underneath (calamine, zip, quick-xml, the
/// standard library), which a staff member cannot act on.
pub(crate) const FORBIDDEN: [&str; 24] = [
    "Xls error",
    "Xlsx error",
    "Xlsb error",
    "Ods error",
    "Cfb error",
    "Zip archive",
    "zip error",
    "CDFH",
    "EOCD",
    "I/O error",
    "no entry found for key",
    "Xml error",
    "Codepage",
    "Unrecognized",
    "Unrecognised formula",
    "RelationshipNotFound",
    "Relationship not found",
    "failed to fill whole buffer",
    "declared uncompressed size",
    "Sector ",
    "points past end",
    "panicked",
    "os error",
    "index out of bounds",
];

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

fn files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(corpus()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e != "md")).collect();
    files.sort();
    files
}

/// A sink that keeps nothing but the notes about sheets skipped.
#[derive(Default)]
struct Skips(Vec<String>);

impl SheetSink for Skips {
    fn start_sheet(&mut self, _: &str, _: Option<&str>, _: u32) {}
    fn row(&mut self, _: RawRow) {}
    fn end_sheet(&mut self) {}
    fn skipped_sheet(&mut self, _: &str, sheet: &str, why: &str) {
        self.0.push(format!("{sheet}: {why}"));
    }
}

/// What reading one file gives: the kind of its failure (`None`: read),
/// and the sheets skipped. On a thread, with a time limit.
fn outcome(path: &Path) -> (Option<FailureKind>, Vec<String>) {
    let path = path.to_path_buf();
    let (done, wait) = std::sync::mpsc::channel();
    let name = path.display().to_string();
    std::thread::spawn(move || {
        let mut skips = Skips::default();
        let result = ingest::stream_file(&path, &path.display().to_string(), &mut skips);
        let _ = done.send((result.err().map(|e| e.kind()), skips.0));
    });
    wait.recv_timeout(Duration::from_secs(30)).unwrap_or_else(|_| panic!("{name}: still reading after 30 s"))
}

#[test]
fn every_corpus_file_is_read_or_refused_in_plain_words() {
    let mut kinds: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for path in files() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ext = path.extension().unwrap().to_string_lossy().to_ascii_lowercase();
        let (data, diags) = tables::read_bytes(&ext, std::fs::read(&path).unwrap(), &name, ReadOptions::default());
        let _ = serde_json::to_string(&data).unwrap();
        for d in diags.iter() {
            let line = d.to_string();
            for phrase in FORBIDDEN {
                assert!(!line.to_lowercase().contains(&phrase.to_lowercase()), "{name}: library wording `{phrase}` in: {line}");
            }
            assert!(!line.contains('\n'), "one line per problem: {line}");
        }
        let (kind, _) = outcome(&path);
        kinds.entry(kind.map_or("read", FailureKind::name)).or_default().push(name);
    }
    let total: usize = kinds.values().map(Vec::len).sum();
    eprintln!("corpus: {total} files");
    for (kind, names) in &kinds {
        eprintln!("  {kind}: {}", names.len());
        for n in names {
            eprintln!("    {n}");
        }
    }
    assert!(total >= 70, "{total} files");
}

/// Each kind of failure, on the corpus files that have it.
#[test]
fn each_kind_in_the_corpus() {
    let kind = |name: &str| outcome(&corpus().join(name)).0;
    // XOR obfuscation (no password needed to decode, but one to open),
    // RC4, agile and standard encryption, and an encrypted ods.
    for name in [
        "poi-xor-encryption-abc.xls",
        "poi-password.xls",
        "poi-protected_passtika.xlsx",
        "poi-protected_passtika.xlsb",
        "poi-poifs-protect.xlsx",
        "poi-poifs-protected_sha512.xlsx",
        "calamine-pass_protected.xlsx",
        "calamine-pass_protected.xlsb",
        "calamine-pass_protected.ods",
    ] {
        assert_eq!(kind(name), Some(FailureKind::PasswordProtected), "{name}");
    }
    // A Word document, and a line of text, with a spreadsheet's name.
    assert_eq!(kind("poi-document-PasswordProtected.xls"), Some(FailureKind::NotASpreadsheet));
    assert_eq!(kind("calamine-too_small.xls"), Some(FailureKind::NotASpreadsheet));
    // Fuzzed files: a compound file whose sector chain is broken, a zip cut
    // short.
    assert_eq!(kind("poi-clusterfuzz-testcase-minimized-POIHSSFFuzzer-6537773940867072.xls"), Some(FailureKind::Damaged));
    assert_eq!(kind("poi-xlsx-corrupted.xlsx"), Some(FailureKind::Damaged));
    // Cells far apart in an .xls, which calamine would allocate as one
    // block of 65,536 × 256: refused, naming the limit.
    assert_eq!(kind("poi-51535.xls"), Some(FailureKind::TooLarge));
    // The same for shared formulas spread over A1:DZ32770 (the issue's
    // "31 KB .xls with shared formulas", 378 MB before).
    assert_eq!(kind("poi-SharedFormulaTest.xls"), Some(FailureKind::TooLarge));
    // A chart sheet in an .xlsb is an empty sheet, not a damaged file.
    assert_eq!(kind("calamine-any_sheets.xlsb"), None);
    // An Excel 4.0 worksheet: a format too old.
    assert_eq!(kind("poi-testEXCEL_4.xls"), Some(FailureKind::Unsupported));
    // Parts named with backslashes and in another case are found.
    assert_eq!(kind("poi-49609.xlsx"), None);
    // An Excel 4 macro sheet in an .xls is skipped too.
    let (failed, skipped) = outcome(&corpus().join("poi-60405.xls"));
    assert_eq!(failed, None);
    assert!(skipped.iter().any(|s| s.ends_with("an Excel 4 macro sheet")), "{skipped:?}");
    // An Excel 4 macro sheet is skipped, the other sheets read.
    let (failed, skipped) = outcome(&corpus().join("poi-xlmmacro.xlsm"));
    assert_eq!(failed, None);
    assert!(skipped.iter().any(|s| s.ends_with("an Excel 4 macro sheet")), "{skipped:?}");
}

/// `check` on the whole corpus: exit 1 (some files cannot be read), every
/// problem in plain words on stderr, the library's words only with
/// `--verbose`, as a detail.
#[test]
fn check_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    for path in files() {
        std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    let out = run_in(dir.path(), &["check", "--inputs", "inputs"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (text, problems) = (stdout(&out), stderr(&out));
    for phrase in FORBIDDEN {
        assert!(!problems.to_lowercase().contains(&phrase.to_lowercase()), "`{phrase}` in:\n{problems}");
        assert!(!text.to_lowercase().contains(&phrase.to_lowercase()), "`{phrase}` in:\n{text}");
    }
    assert!(problems.contains("errors:") && !text.contains("errors:"), "problems on stderr, the report on stdout:\n{text}");
    assert!(problems.contains("inputs/poi-xor-encryption-abc.xls: the workbook is password-protected"), "{problems}");
    assert!(problems.contains("an Excel 4 macro sheet, skipped"), "{problems}");
    assert!(!problems.contains("detail:"), "{problems}");
    let verbose = run_in(dir.path(), &["check", "--inputs", "inputs", "--verbose"]);
    assert!(stderr(&verbose).contains("    detail: "), "{}", stderr(&verbose));
}
