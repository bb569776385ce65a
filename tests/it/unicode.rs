//! Any Unicode in a cell builds under PDF/UA-1: what the fonts can show
//! prints, the rest becomes a visible `□` with a warning naming the cell.

use std::path::Path;

use crate::support::*;

const CREE: &str = "ᓀᐦᐃᔭᐍᐏᐣ";

/// An inputs folder whose cells hold emoji, Arabic, Chinese, Cree syllabics,
/// zero-width and control characters, byte-order marks, a private-use
/// character and a 10,000-character paragraph.
fn unicode_inputs(dir: &Path) -> std::path::PathBuf {
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    // A CSV saved by Excel as "CSV UTF-8" starts with a byte-order mark.
    let meetings = "\u{FEFF}Meeting Date,Working Group,Start,End,Location\n\
                    2025-06-18,Enforcement and Justice Working Group,10:00,12:00,\n\
                    2025-10-07,Enforcement and Justice Working Group,10:00,12:00,Room 😀 101\n";
    std::fs::write(inputs.join("meetings.csv"), meetings).unwrap();

    // The workplan as a real workbook, so warnings name file › sheet › cell.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Workplan").unwrap();
    let rows: [[&str; 6]; 5] = [
        ["Project", "Pillar", "Activity", "Status", "Start", "Due"],
        ["Safety Project", "Enforcement and Justice", "Smile 😀 and wave 👋🏽 at residents", "Planned", "2025-09-01", "2025-11-01"],
        ["Safety Project", "Enforcement and Justice", "Translate into Arabic: مرحبا بالعالم", "Planned", "2025-09-02", "2025-11-02"],
        ["Safety Project", "Enforcement and Justice", "Translate into Chinese: 你好世界", "Planned", "2025-09-03", "2025-11-03"],
        [
            "Safety Project",
            "Enforcement and Justice",
            &format!("Translate into Cree: {CREE} with zero\u{200B}width\u{200D}join"),
            "Planned",
            "2025-09-04",
            "2025-11-04",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(inputs.join("workplan.xlsx")).unwrap();

    let paragraph: String = "Long paragraph text ".repeat(500);
    assert_eq!(paragraph.chars().count(), 10_000);
    write_csv(
        &inputs.join("action-items.csv"),
        &[
            &["Action Item", "Meeting"],
            &["Bell\u{7}and\u{1}controls removed", "2025-10-07"],
            &["Byte\u{FEFF}order mark inside", "2025-10-07"],
            &["Private \u{E000} use and flag 🇨🇦 and family 👨\u{200D}👩\u{200D}👧", "2025-10-07"],
            &[&paragraph, "2025-10-07"],
        ],
    );
    inputs
}

#[test]
fn any_unicode_builds_under_pdf_ua() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = unicode_inputs(dir.path());
    let out = dir.path().join("out");
    let result = run(&["deck", "--meeting", "2025-10-07", "--inputs", inputs.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_ok(&result);
    let pdf = out.join("meeting-deck-2025-10-07.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA-1 by default");

    let text = pdf_text(&pdf);
    for shown in [
        "Room □ 101",
        "Smile □ and wave □ at residents",
        "Translate into Arabic:",
        "مرحبا",
        "Translate into Chinese: □□□□",
        "Translate into Cree: □□□□□□□ with zero",
        "Bellandcontrols removed",
        "Byteorder mark inside",
        "Private □ use and flag □ and family □",
    ] {
        assert!(text.contains(shown), "`{shown}` missing from:\n{text}");
    }
    assert_eq!(text.matches("paragraph").count(), 500, "the long paragraph prints whole, over several pages");
    assert!(!text.contains('\u{FEFF}') && !text.contains('\u{7}'), "control characters and BOMs never print");

    let err = stderr(&result);
    let workplan = format!("{} › Workplan", inputs.join("workplan.xlsx").display());
    let action_items = inputs.join("action-items.csv").display().to_string();
    let meetings = inputs.join("meetings.csv").display().to_string();
    for expected in [
        format!("{meetings} › E3: character U+1F600 cannot be shown; printed as □"),
        format!("{workplan} › C2: characters U+1F600 and U+1F44B cannot be shown; printed as □"),
        format!("{workplan} › C4: characters U+4F60, U+597D, U+4E16 and U+754C cannot be shown; printed as □"),
        format!("{workplan} › C5: characters U+14C0, U+1426, U+1403, U+152D, U+140D, U+140F and 1 more cannot be shown; printed as □"),
        format!("{action_items} › A4: characters U+E000, U+1F1E8, U+1F1E6, U+1F468, U+1F469 and U+1F467 cannot be shown; printed as □"),
    ] {
        assert!(err.contains(&expected), "expected warning `{expected}` in:\n{err}");
    }
    // Arabic has a font; text without such characters is not warned about.
    assert!(!err.contains("› C3"), "{err}");
    assert!(!err.contains(&format!("{action_items} › A2")), "{err}");
    assert!(!err.contains(&format!("{action_items} › A5")), "{err}");
    // Typst itself never meets a glyph it cannot draw.
    assert!(!err.contains("could not be displayed") && !err.contains("glyph"), "{err}");
}

#[test]
fn unicode_builds_under_every_pdf_standard() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = unicode_inputs(dir.path());
    for standard in ["ua-1", "a-2a", "none"] {
        let out = dir.path().join(standard);
        let result = run(&[
            "deck",
            "--meeting",
            "2025-10-07",
            "--inputs",
            inputs.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--pdf-standard",
            standard,
        ]);
        assert_ok(&result);
        let text = pdf_text(&out.join("meeting-deck-2025-10-07.pdf"));
        assert!(text.contains("Private □ use"), "{standard}: {text}");
    }
}

/// The cells `check --json` warns about as not printable, sorted.
fn replaced_cells(inputs: &std::path::Path) -> Vec<String> {
    let result = run(&["check", "--inputs", inputs.to_str().unwrap(), "--json"]);
    assert_ok(&result);
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).unwrap();
    let mut cells: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["message"].as_str().unwrap_or("").contains("cannot be shown"))
        .map(|d| d["location"]["cell"].as_str().unwrap().to_string())
        .collect();
    cells.sort();
    cells
}

#[test]
fn check_lists_the_replaced_cells() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = unicode_inputs(dir.path());
    assert_eq!(replaced_cells(&inputs), ["A4", "C2", "C4", "C5", "E3"]);
}

#[test]
fn survey_text_that_prints_is_checked_and_free_text_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(
        &inputs.join("survey.csv"),
        &[
            &["Timestamp", "Municipality", "How did you hear about us? 📣", "Any other comments?"],
            &["2025/10/01 9:00:00 AM EST", "Windsor", "Poster 📌", "Great 😀"],
            &["2025/10/01 9:05:00 AM EST", "Leamington", "Poster 📌", "Thanks 🙏"],
            &["2025/10/01 9:10:00 AM EST", "Essex 🏠", "Friend", "Fine"],
            &["2025/10/01 9:15:00 AM EST", "Windsor", "Friend", "Good 👍"],
            &["2025/10/01 9:20:00 AM EST", "Windsor", "Poster 📌", ""],
            &["2025/10/01 9:25:00 AM EST", "Windsor", "Friend", ""],
            &["2025/10/01 9:30:00 AM EST", "Windsor", "Poster 📌", ""],
            &["2025/10/01 9:35:00 AM EST", "Windsor", "Friend", ""],
            &["2025/10/01 9:40:00 AM EST", "Windsor", "Poster 📌", ""],
            &["2025/10/01 9:45:00 AM EST", "Windsor", "Friend", ""],
        ],
    );
    // The question (C1), its answer options (C2, C3, C6, C8, C10) and a
    // municipality (B4); the comments in column D are never printed, so
    // they are not warned about.
    assert_eq!(replaced_cells(&inputs), ["B4", "C1", "C10", "C2", "C3", "C6", "C8"]);
}
