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
