//! The staff workflow outside `watch`: `init` makes a folder from which
//! `build` works, and a templates folder overrides the built-in templates
//! file by file.

use std::path::Path;

use crate::support::*;

#[test]
fn init_creates_a_folder_from_which_build_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("wecoss");
    let result = run_in(dir.path(), &["init", "wecoss"]);
    assert_ok(&result);
    for file in [
        "inputs/events-2025.xlsx",
        "inputs/workplan-2025.xlsx",
        "inputs/survey-google-forms.csv",
        "report-templates/theme.typ",
        "report-templates/brand.toml",
        "report-templates/meeting-deck/main.typ.j2",
        "report-templates/meeting-deck/content.toml",
        "README.txt",
    ] {
        assert!(site.join(file).is_file(), "`{file}` created");
        assert!(stdout(&result).contains(file), "`{file}` listed:\n{}", stdout(&result));
    }
    assert!(site.join("out").is_dir());
    let readme = std::fs::read_to_string(site.join("README.txt")).unwrap();
    assert!(readme.contains("wecoss-report watch") && readme.contains("inputs/"), "{readme}");
    assert!(readme.lines().count() < 70, "README.txt is one page");

    // `build` from inside the folder uses its inputs, templates and out.
    let built = run_in(&site, &["build"]);
    assert_ok(&built);
    assert!(stdout(&built).contains("out/meeting-deck-2025-10-07.pdf"), "{}", stdout(&built));
    let text = pdf_text(&site.join("out/meeting-deck-2025-10-07.pdf"));
    assert!(text.contains("Attended 14 community events"), "{text}");

    // A second `init` keeps every file, edited ones included.
    let theme = site.join("report-templates/theme.typ");
    std::fs::write(&theme, "// mine\n").unwrap();
    let again = run_in(dir.path(), &["init", "wecoss"]);
    assert_ok(&again);
    assert_eq!(std::fs::read_to_string(&theme).unwrap(), "// mine\n");
    assert!(stdout(&again).contains("already set up"), "{}", stdout(&again));
}

#[test]
fn init_fills_in_only_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs")).unwrap();
    std::fs::write(dir.path().join("inputs/events-2025.xlsx"), b"my own").unwrap();
    std::fs::write(dir.path().join("README.txt"), b"my notes").unwrap();
    let result = run_in(dir.path(), &["init"]);
    assert_ok(&result);
    assert_eq!(std::fs::read(dir.path().join("inputs/events-2025.xlsx")).unwrap(), b"my own");
    assert_eq!(std::fs::read(dir.path().join("README.txt")).unwrap(), b"my notes");
    assert!(dir.path().join("inputs/workplan-2025.xlsx").is_file());
    assert!(!stdout(&result).contains("README.txt"), "{}", stdout(&result));
}

const FOOTER: &str = "WECOSS · Windsor-Essex Community Opioid & Substance Strategy";
/// The first line of the word mark on the title slide (`words.wordmark` in
/// the deck's `content.toml`).
const MARK: &str = "WINDSOR-ESSEX";

/// Builds the sample deck with `templates` (if any) and returns its text.
fn deck_text(dir: &Path, templates: Option<&Path>) -> String {
    let out = dir.join("out");
    let samples = samples();
    let mut args = vec!["deck", "--meeting", "2025-10-07", "--inputs", samples.to_str().unwrap(), "--out", out.to_str().unwrap()];
    if let Some(t) = templates {
        args.extend(["--templates", t.to_str().unwrap()]);
    }
    let result = run_in(dir, &args);
    assert_ok(&result);
    pdf_text(&out.join("meeting-deck-2025-10-07.pdf"))
}

#[test]
fn a_folder_with_only_the_brand_changes_only_the_look() {
    let plain_dir = tempfile::tempdir().unwrap();
    let plain = deck_text(plain_dir.path(), None);
    assert!(plain.contains(MARK), "{plain}");

    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("look");
    std::fs::create_dir_all(&templates).unwrap();
    let brand = std::fs::read_to_string(root().join("report-templates/brand.toml")).unwrap();
    assert!(brand.contains("primary = \"#0b4f6c\""));
    let brand = brand.replace("primary = \"#0b4f6c\"", "primary = \"#5a1e6e\"");
    std::fs::write(templates.join("brand.toml"), brand).unwrap();
    let changed = deck_text(dir.path(), Some(&templates));

    // The look changed, and nothing else did: the words from `content.toml`
    // (the footer and the word mark's lines among them) still come from the
    // built-in copy.
    assert!(changed.contains(FOOTER), "{changed}");
    assert!(changed.contains(MARK), "{changed}");
    assert!(changed.contains("Sustain and expand the neighbourhood safety planning process"), "{changed}");
    assert_eq!(changed, plain);

    // The title slide's background is the theme's primary colour: the new one.
    assert_eq!(first_pixel(&plain_dir.path().join("out/meeting-deck-2025-10-07.pdf")), [0x0b, 0x4f, 0x6c]);
    assert_eq!(first_pixel(&dir.path().join("out/meeting-deck-2025-10-07.pdf")), [0x5a, 0x1e, 0x6e]);
}

/// The top-left pixel of a PDF's first page (poppler's `pdftoppm`, as PPM).
fn first_pixel(pdf: &Path) -> [u8; 3] {
    let dir = tempfile::tempdir().unwrap();
    let stem = dir.path().join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "10", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .status()
        .expect("pdftoppm is installed (Debian package poppler-utils)");
    assert!(status.success());
    let ppm = std::fs::read(stem.with_extension("ppm")).unwrap();
    // P6, width, height, maxval, each followed by one whitespace byte.
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        while !ppm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    [ppm[at + 1], ppm[at + 2], ppm[at + 3]]
}

#[test]
fn a_local_report_templates_folder_is_used_when_present() {
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("report-templates/meeting-deck");
    std::fs::create_dir_all(&local).unwrap();
    let content = std::fs::read_to_string(root().join("report-templates/meeting-deck/content.toml")).unwrap();
    std::fs::write(local.join("content.toml"), content.replace("title = \"Thank You!\"", "title = \"Merci beaucoup!\"")).unwrap();
    let text = deck_text(dir.path(), None);
    assert!(text.contains("Merci beaucoup!"), "{text}");
    assert!(!text.contains("Thank You!"), "{text}");
    assert!(text.contains(MARK), "the theme still comes from the built-in copy:\n{text}");
}

#[test]
fn typst_timings_name_the_template_lines_that_cost_time() {
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("timings.json");
    let samples = samples();
    let out = dir.path().join("out");
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(["-q", "report", "--inputs"])
        .arg(&samples)
        .arg("--out")
        .arg(&out)
        .env("WECOSS_TYPST_TIMINGS", &trace)
        .output()
        .unwrap();
    assert_ok(&result);
    let events: Vec<serde_json::Value> = serde_json::from_slice(&std::fs::read(&trace).unwrap()).unwrap();
    // Every scope opened is closed, and the report's charts are named by
    // file and line.
    let count = |ph: &str| events.iter().filter(|e| e["ph"] == ph).count();
    assert!(count("B") > 100 && count("B") == count("E"), "{} begins, {} ends", count("B"), count("E"));
    let in_theme = events.iter().filter(|e| e["args"]["file"] == "theme.typ" && e["args"]["line"].as_u64() > Some(1)).count();
    assert!(in_theme > 0, "spans in theme.typ with their lines");
    assert!(events.iter().any(|e| e["name"] == "layout_grid"), "layout is timed");
    assert!(out.join("annual-report-2025.pdf").is_file());
}
