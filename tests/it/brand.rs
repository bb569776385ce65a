//! One brand from one place: `brand.toml` in a folder made by `init` is
//! the only file that writes the primary colour, and changing it there
//! recolours the PDFs, the PowerPoint deck and the web page. Contrast and
//! the logo's file name are checked on every build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::*;

/// The built-in primary colour.
const OLD: &str = "0b4f6c";

/// A working folder made by `init` in `dir`.
fn init(dir: &Path) -> PathBuf {
    assert_ok(&run_in(dir, &["init", "site"]));
    dir.join("site")
}

/// Every file below `dir` whose bytes hold `needle` (ASCII, any case).
fn files_holding(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path).unwrap().to_ascii_lowercase().windows(needle.len()).any(|w| w == needle.as_bytes()) {
                found.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    found
}

/// The fill and stroke colours of a PDF's content streams, as `rrggbb`
/// (decompressed by qpdf; `None` when qpdf is not installed).
fn pdf_colours(pdf: &Path) -> Option<BTreeSet<String>> {
    let out = std::process::Command::new("qpdf").args(["--qdf", "--object-streams=disable"]).arg(pdf).arg("-").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let op = regex::Regex::new(r"(?m)([0-9.]+) ([0-9.]+) ([0-9.]+) (rg|RG|sc|SC|scn|SCN)\b").unwrap();
    let channel = |s: &str| (s.parse::<f64>().unwrap() * 255.0).round() as u8;
    Some(op.captures_iter(&text).map(|c| format!("{:02x}{:02x}{:02x}", channel(&c[1]), channel(&c[2]), channel(&c[3]))).collect())
}

#[test]
fn init_writes_the_primary_colour_in_one_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path());
    assert_eq!(files_holding(&site, OLD), vec![PathBuf::from("report-templates/brand.toml")]);
    let brand = std::fs::read_to_string(site.join("report-templates/brand.toml")).unwrap();
    assert_eq!(brand.to_ascii_lowercase().matches(OLD).count(), 1, "the primary colour is written once:\n{brand}");
}

/// The staff walkthrough: change `primary` in `brand.toml` and build the
/// three formats; the new colour is in each and the old one in none.
#[test]
fn a_new_primary_colour_reaches_the_pdf_the_powerpoint_and_the_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path());
    let file = site.join("report-templates/brand.toml");
    let brand = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, brand.replace("primary = \"#0b4f6c\"", "primary = \"#5A1E6E\"")).unwrap();
    assert_ok(&run_in(&site, &["build", "--meeting", "2025-10-07", "--year", "2025", "--format", "pdf,html,pptx"]));
    let out = site.join("out");

    let new = "5a1e6e";
    for pdf in ["meeting-deck-2025-10-07.pdf", "annual-report-2025.pdf"] {
        let Some(colours) = pdf_colours(&out.join(pdf)) else {
            eprintln!("qpdf is not installed; the PDFs' colours were not checked");
            break;
        };
        assert!(colours.contains(new), "{pdf} draws in the new primary colour: {colours:?}");
        assert!(!colours.contains(OLD), "{pdf} still draws in the old primary colour");
    }
    let xml = pptx_xml(&out.join("meeting-deck-2025-10-07.pptx")).to_ascii_lowercase();
    assert!(xml.matches(new).count() >= 5, "the PowerPoint deck uses the new colour");
    assert!(!xml.contains(OLD), "the PowerPoint deck still writes the old colour");
    let html = std::fs::read_to_string(out.join("annual-report-2025.html")).unwrap().to_ascii_lowercase();
    assert!(html.contains(&format!("--primary: #{new};")), "the web page's stylesheet has the new colour");
    assert!(!html.contains(OLD), "the web page (its stylesheet or charts) still has the old colour");
}

/// A text colour too light on its background stops the build, naming the
/// key and its line in `brand.toml`, the ratio and what it needs.
#[test]
fn a_colour_under_wcag_aa_is_an_error_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path());
    let file = site.join("report-templates/brand.toml");
    let brand = std::fs::read_to_string(&file).unwrap();
    let line = brand.lines().position(|l| l.starts_with("muted =")).unwrap() + 1;
    std::fs::write(&file, brand.replace("muted = \"#4a5665\"", "muted = \"#a0a8b0\"")).unwrap();
    let result = run_in(&site, &["build", "--meeting", "2025-10-07"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let err = stderr(&result);
    assert!(err.contains(&format!("brand.toml:{line}: `colors.muted` (#a0a8b0) on `colors.paper`")), "{err}");
    assert!(err.contains("has a contrast of 2.41:1; text needs 4.5:1 (WCAG AA)"), "{err}");
    assert!(!site.join("out/meeting-deck-2025-10-07.pdf").exists(), "nothing is built");
}

/// A colour written as Typst or CSS writes it elsewhere gets a plain hint.
#[test]
fn a_colour_without_its_hash_or_quotes_gets_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path());
    let file = site.join("report-templates/brand.toml");
    let brand = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, brand.replace("accent = \"#b4481c\"", "accent = \"b4481c\"")).unwrap();
    let err = stderr(&run_in(&site, &["build", "--meeting", "2025-10-07"]));
    assert!(err.contains("`colors.accent = \"b4481c\"`: write a colour with its #: \"#b4481c\""), "{err}");
    assert!(err.lines().filter(|l| !l.trim().is_empty()).count() <= 4, "{err}");
}

/// `Logo.PNG` named where the file is `logo.png`: "did you mean", at the
/// line that names the logo.
#[test]
fn a_logo_name_in_the_wrong_case_says_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let site = init(dir.path());
    let templates = site.join("report-templates");
    std::fs::copy(root().join("samples/previews/deck-title.png"), templates.join("logo.png")).unwrap();
    let brand = std::fs::read_to_string(templates.join("brand.toml")).unwrap();
    let line = brand.lines().position(|l| l.starts_with("file = ")).unwrap() + 1;
    std::fs::write(templates.join("brand.toml"), brand.replace("file = \"\"", "file = \"Logo.PNG\"")).unwrap();
    let err = stderr(&run_in(&site, &["build", "--meeting", "2025-10-07"]));
    assert!(err.contains(&format!("brand.toml:{line}: `logo.file = \"Logo.PNG\"`")), "{err}");
    assert!(err.contains("did you mean logo.png?"), "{err}");

    // Written as the file is named, the logo is used.
    std::fs::write(templates.join("brand.toml"), brand.replace("file = \"\"", "file = \"logo.png\"")).unwrap();
    assert_ok(&run_in(&site, &["build", "--meeting", "2025-10-07", "--format", "pdf,pptx"]));
    let xml = pptx_xml(&site.join("out/meeting-deck-2025-10-07.pptx"));
    assert!(xml.contains("<p:pic>"), "the logo is a picture in the PowerPoint deck");
}
