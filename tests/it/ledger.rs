//! Every row accounted for (issue 26): for every fixture folder, each sheet
//! read as a table has a ledger whose buckets add up to the rows the sheet
//! has, from its first row to its last non-empty one, as counted here
//! independently (calamine's range for a workbook, the csv crate for a
//! CSV), and whose counted rows are the rows used.

use std::path::Path;

use calamine::{Reader, open_workbook_auto};
use wecoss_report::tables::Bucket;

use crate::support::*;

/// The number of rows of a sheet up to its last non-empty one.
fn rows_in(file: &Path, sheet: Option<&str>) -> usize {
    match sheet {
        None => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(if std::fs::read(file).unwrap().starts_with(b"Date;") { b';' } else { b',' })
                .from_path(file)
                .unwrap();
            let mut last = 0;
            for (i, record) in reader.byte_records().enumerate() {
                if record.unwrap().iter().any(|f| !f.iter().all(u8::is_ascii_whitespace)) {
                    last = i + 1;
                }
            }
            last
        }
        Some(name) => {
            let mut book = open_workbook_auto(file).unwrap();
            let range = book.worksheet_range(name).unwrap();
            // The range starts at its first non-empty cell: rows above it count too.
            range.end().map_or(0, |(r, _)| r as usize + 1)
        }
    }
}

/// Checks every table sheet of the folder `inputs`; returns how many were checked.
fn check_folder(inputs: &Path) -> usize {
    let (data, _) = read_inputs(inputs, None);
    let mut checked = 0;
    for s in data.sheets.iter().filter(|s| s.kind.is_some() && s.skipped.is_none()) {
        let file = Path::new(&s.file);
        let rows = rows_in(file, s.sheet.as_deref());
        let ledger = &s.ledger;
        assert_eq!(ledger.rows(), rows, "{} › {:?}: the ledger {:?} does not cover its {rows} rows", s.file, s.sheet, ledger.describe());
        let counted: usize = ledger.runs().iter().filter(|r| r.bucket == Bucket::Counted).map(|r| r.len()).sum();
        assert_eq!(counted, s.rows_used, "{} › {:?}: {}", s.file, s.sheet, ledger.describe());
        // Runs follow each other with no gap and no overlap.
        let mut next = 1;
        for run in ledger.runs() {
            assert_eq!(run.first, next, "{} › {:?}: {:?}", s.file, s.sheet, ledger.runs());
            next = run.last + 1;
        }
        checked += 1;
    }
    checked
}

#[test]
fn every_row_of_every_fixture_is_in_one_bucket() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = check_folder(&samples());
    checked += check_folder(&crate::support::fixtures::messy_valid(&dir.path().join("messy")));
    checked += check_folder(&crate::support::fixtures::bad(&dir.path().join("bad")));
    let stress = dir.path().join("stress");
    crate::support::stress::write(&stress);
    checked += check_folder(&stress);
    assert!(checked >= 40, "{checked} sheets checked");
}

#[test]
fn about_the_data_says_every_row_is_accounted_for() {
    // A folder with a blank row, a totals row and a repeated row.
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Plans Distributed", "Feedback Responses", "Felt More Confident"],
            &["2025-07-01", "Summer BBQ", "10", "4", "3"],
            &["", "", "", "", ""],
            &["2025-08-01", "Resource Fair", "5", "4", "4"],
            &["2025-08-01", "Resource Fair", "5", "4", "4"],
            &["Total", "", "20", "12", "11"],
        ],
    );
    let (data, _) = read_inputs(&inputs, None);
    let counted: usize = data.sheets.iter().map(|s| s.rows_used).sum();
    let out = run_in(dir.path(), &["report", "--inputs", "inputs", "--out", "out", "--format", "pdf,html", "--lang", "en,fr"]);
    assert_ok(&out);
    let text = pdf_text(&dir.path().join("out/annual-report-2025.pdf"));
    let want = format!(
        "Every row of these spreadsheets is accounted for: {counted} rows counted. Left out, and never counted: 1 blank row, 1 totals row, 1 row that repeated another row exactly."
    );
    assert!(text.contains(&want), "{want}\n{text}");
    let html = std::fs::read_to_string(dir.path().join("out/annual-report-2025.html")).unwrap();
    assert!(html.contains(&want), "{want}");
    let text = pdf_text(&dir.path().join("out/rapport-annuel-2025.pdf"));
    assert!(text.contains(&format!("{counted} lignes comptées")), "{text}");
    assert!(text.contains("1 ligne vide, 1 ligne de totaux, 1 ligne qui répétait exactement une autre ligne."), "{text}");
}

#[test]
fn every_build_says_its_figures_and_what_changed_since_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Safety Working Group", &["Plan the fair"]);
    let build = || run_in(dir.path(), &["build", "--inputs", "inputs", "--out", "out", "--year", "2025", "--meeting", "2025-10-07"]);
    let out = build();
    assert_ok(&out);
    let err = stderr(&out);
    assert!(err.contains("figures: events in 2025 2, residents reached in 2025 0, plans distributed in 2025 55,"), "{err}");
    assert!(!err.contains("changed since the last build"), "a first build has nothing to compare: {err}");

    // Two events added, a quantity corrected: each change names its rows.
    write_csv(
        &inputs.join("events.csv"),
        &[
            &["Date", "Event", "Plans Distributed", "Feedback Responses", "Felt More Confident"],
            &["2025-07-01", "Summer BBQ", "10", "4", "3"],
            &["2025-08-01", "Resource Fair", "5", "4", "4"],
            &["2025-09-01", "Block Party", "7", "2", "2"],
            &["2025-09-15", "Harvest Fair", "3", "1", "1"],
        ],
    );
    write_csv(
        &inputs.join("distribution.csv"),
        &[&["Date", "Quantity"], &["2025-05-01", "40"], &["2025-07-01", "12"], &["2025-08-01", "5"]],
    );
    let out = build();
    assert_ok(&out);
    let err = stderr(&out);
    assert!(err.contains("changed since the last build: events in 2025 2 → 4 (+2): events.csv rows 4–5 added"), "{err}");
    assert!(err.contains("changed since the last build: plans distributed in 2025 55 → 57 (+2): distribution.csv row 3 10 → 12"), "{err}");
    assert!(err.contains("changed since the last build: events for the 2025-10-07 deck 2 → 4 (+2): events.csv rows 4–5 added"), "{err}");
    // The same inputs again: nothing changed.
    let err = stderr(&build());
    assert!(!err.contains("changed since the last build"), "{err}");
}

/// An unsorted log kept over two years, with a typed-ahead year in one row
/// of every 15: each row is counted, a year many rows share is data (no
/// warning per row), and the dates after today are named five times and
/// counted in one more line, not said 200 times.
#[test]
fn an_unsorted_two_year_log_gives_a_few_warnings_not_one_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows = vec![["Date".to_string(), "Plans".to_string(), "Municipality".to_string()]];
    for i in 0..3000u32 {
        // 2024 and 2025 interleaved, in no order; every row differs (its quantity).
        let year = if i % 15 == 0 {
            2099
        } else if (i * 7919) % 3 == 0 {
            2024
        } else {
            2025
        };
        let (month, day) = (1 + (i * 31) % 12, 1 + (i * 17) % 28);
        rows.push([format!("{year}-{month:02}-{day:02}"), (i + 1).to_string(), "Windsor".to_string()]);
    }
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    write_csv(&dir.path().join("distribution-2024-2025.csv"), &rows);

    let out = run(&["check", "--inputs", &dir.path().display().to_string()]);
    let (report, problems) = (stdout(&out), stderr(&out));
    assert!(out.status.success(), "{problems}");
    assert!(report.contains("distribution (3000 rows used)"), "{report}");
    let warnings: Vec<&str> = problems.lines().filter(|l| l.starts_with("  ")).collect();
    assert!(warnings.len() <= 8, "{} warning lines:\n{problems}", warnings.len());
    assert_eq!(warnings.iter().filter(|l| l.contains("is after today")).count(), 5, "{problems}");
    assert!(problems.contains("195 more dates after today"), "{problems}");
    // Neither year is a typo of the other.
    assert!(!problems.contains("a typo? It is counted in"), "{problems}");
}
