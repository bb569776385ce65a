//! Excel binary workbooks (`.xlsb`) read end to end, from files written by
//! [`support::xlsb`]: the writer read back cell by cell through calamine; the
//! same rows as xlsb and as xlsx (rust_xlsxwriter) give the same cells,
//! records and diagnostics; bad cells are located errors; `check` lists the
//! sheets; a sheet too big and a cut-short file are one located error each,
//! and the other files are still read.

use std::io::Cursor;
use std::path::Path;

use crate::support::cell::{Cell, t};
use crate::support::fixtures;
use crate::support::xlsb::{self, XlsbBook, XlsbSheet};
use crate::support::*;
use calamine::{CellErrorType, Data, Reader, SheetVisible, Xlsb};
use chrono::NaiveDate;
use wecoss_report::diag::{Diagnostics, Severity};
use wecoss_report::ingest;
use wecoss_report::tables::{Dataset, Kind};

/// `location: message` of each diagnostic of `severity`, with the inputs
/// folder taken off the front.
fn lines(diags: &Diagnostics, severity: Severity, inputs: &Path) -> Vec<String> {
    let prefix = format!("{}/", inputs.display());
    diags.of(severity).map(|d| format!("{}: {}", d.location, d.message).replacen(&prefix, "", 1)).collect()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A workbook of every value form the writer has: events, distribution and
/// stakeholders sheets, and a sheet that is no table.
fn sample_sheets() -> Vec<(&'static str, Vec<Vec<Cell>>)> {
    use Cell::*;
    vec![
        (
            "Events",
            vec![
                vec![t("Event Date"), t("Event Name"), t("Municipality"), t("Plans Distributed"), t("Residents Reached"), t("Notes")],
                vec![Cell::date(2025, 6, 19), t("Summer BBQ"), t("Windsor"), Rk(12.0), Number(120.0), InlineText("bring tables".into())],
                vec![t("2025-06-20"), t("Resource Fair"), t("Essex"), Number(4.0), Rk(80.0)],
                vec![],
                vec![Cell::datetime(2025, 7, 4, 18, 30), t("Evening Walk"), t("Windsor"), Cell::formula(Number(2.0))],
                vec![Number(45833.0), InlineText("Seniors Tea".into()), InlineText("Amherstburg".into()), t("6"), Empty, t("")],
                vec![t("Total"), Empty, Empty, Number(24.0), Number(200.0)],
            ],
        ),
        (
            "Distribution",
            vec![
                vec![t("Date Distributed"), t("Quantity"), t("Safety Plan"), t("Municipality"), t("Channel")],
                vec![Cell::date(2025, 5, 2), Rk(40.0), t("Glengarry"), t("Windsor"), t("Pickup")],
                vec![Cell::date(2025, 5, 9), t("1,000"), t("Downtown"), t("Windsor"), t("Mail-out")],
                vec![t("2025-07-01"), Number(10.0), t("Glengarry"), Empty, Cell::formula(Text("Event".into()))],
                vec![Cell::date(2025, 7, 3), Cell::formula(Number(5.0)), t("Downtown")],
            ],
        ),
        (
            "Partners",
            vec![
                vec![t("Organization"), t("Sector"), t("Contacted"), t("Participated")],
                vec![t("Windsor Police Service"), t("Police"), Bool(true), Bool(false)],
                vec![t("Family Services"), t("Social services"), Cell::formula(Bool(true)), t("no")],
            ],
        ),
        (
            "Scratch",
            vec![
                vec![t("Odds and ends")],
                vec![Rk(12.5), Rk(0.5), Rk(-7.0), Rk(1.23), Number(0.1), Number(-1e300)],
                vec![Cell::Error("#DIV/0!"), Cell::Error("#N/A"), Bool(false), Empty, Cell::date(1900, 3, 1)],
            ],
        ),
    ]
}

fn write_both(xlsb_path: &Path, xlsx_path: &Path, sheets: &[(&'static str, Vec<Vec<Cell>>)]) {
    xlsb::write_xlsb(xlsb_path, sheets).unwrap();
    fixtures::write_xlsx(xlsx_path, sheets.to_vec());
}

/// Every non-empty cell read, by sheet, zero-based row and column.
/// The sheets of one file as the reader gives them, row by row, collected.
fn raw_sheets(path: &Path) -> Vec<ingest::RawSheet> {
    #[derive(Default)]
    struct Collect(Vec<ingest::RawSheet>);
    impl ingest::SheetSink for Collect {
        fn start_sheet(&mut self, file: &str, sheet: Option<&str>, first_col: u32) {
            self.0.push(ingest::RawSheet { file: file.into(), sheet: sheet.map(str::to_string), first_col, rows: Vec::new() });
        }
        fn row(&mut self, row: ingest::RawRow) {
            self.0.last_mut().expect("a sheet started").rows.push(row);
        }
        fn end_sheet(&mut self) {}
    }
    let mut sheets = Collect::default();
    ingest::stream_file(path, &path.display().to_string(), &mut sheets).expect("the file reads");
    sheets.0
}

fn cells(sheets: &[ingest::RawSheet]) -> Vec<(String, u32, u32, ingest::Cell)> {
    let mut out = Vec::new();
    for s in sheets {
        for row in &s.rows {
            for (i, cell) in row.cells.iter().enumerate() {
                if !cell.is_empty() {
                    out.push((s.sheet.clone().unwrap_or_default(), row.index, s.first_col + i as u32, cell.clone()));
                }
            }
        }
    }
    out
}

/// The writer's output, read back through calamine itself: every record
/// kind gives the value it was written with.
#[test]
fn the_writer_reads_back_through_calamine() {
    let bytes = XlsbBook::new()
        .sheet(
            "Log",
            vec![
                vec![t("shared"), Cell::InlineText("inline".into()), Cell::Number(0.1), Cell::Rk(-7.0)],
                vec![],
                vec![Cell::Rk(12.5), Cell::Rk(0.5), Cell::Rk(1.23), Cell::Bool(true), Cell::Error("#DIV/0!")],
                vec![Cell::date(2025, 6, 19), Cell::datetime(2025, 7, 4, 18, 30), t("shared"), Cell::Empty, t("é — ✓")],
                vec![
                    Cell::formula(Cell::Number(2.5)),
                    Cell::formula(t("x")),
                    Cell::formula(Cell::Bool(false)),
                    Cell::formula(Cell::Error("#N/A")),
                ],
            ],
        )
        .push(XlsbSheet::new("Second", vec![vec![], vec![Cell::Empty, t("B2")]]))
        .to_bytes()
        .unwrap();
    let mut book: Xlsb<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert!(!book.has_1904_epoch());
    assert_eq!(book.sheet_names(), ["Log", "Second"]);
    assert!(book.sheets_metadata().iter().all(|s| s.visible == SheetVisible::Visible));

    let range = book.worksheet_range("Log").unwrap();
    assert_eq!(range.start(), Some((0, 0)));
    assert_eq!(range.end(), Some((4, 4)));
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("shared".into()));
    assert_eq!(at(0, 1), Data::String("inline".into()));
    assert_eq!(at(0, 2), Data::Float(0.1));
    assert_eq!(at(0, 3), Data::Int(-7), "an integer RK");
    assert_eq!(at(2, 0), Data::Float(12.5), "a float RK");
    assert_eq!(at(2, 1), Data::Float(0.5), "a float RK");
    assert_eq!(at(2, 2), Data::Float(1.23), "an integer RK × 1/100");
    assert_eq!(at(2, 3), Data::Bool(true));
    assert_eq!(at(2, 4), Data::Error(CellErrorType::Div0));
    let date = at(3, 0);
    let Data::DateTime(date) = date else { panic!("a date cell, not {date:?}") };
    assert_eq!(date.as_datetime(), Some(d(2025, 6, 19).and_hms_opt(0, 0, 0).unwrap()));
    let datetime = at(3, 1);
    let Data::DateTime(datetime) = datetime else { panic!("a date-time cell, not {datetime:?}") };
    assert_eq!(datetime.as_datetime(), Some(d(2025, 7, 4).and_hms_opt(18, 30, 0).unwrap()));
    assert_eq!(at(3, 2), Data::String("shared".into()));
    assert_eq!(at(3, 3), Data::Empty);
    assert_eq!(at(3, 4), Data::String("é — ✓".into()));
    assert_eq!(at(4, 0), Data::Float(2.5));
    assert_eq!(at(4, 1), Data::String("x".into()));
    assert_eq!(at(4, 2), Data::Bool(false));
    // calamine 0.38's cell reader skips BrtFmlaError (type 0x0B): a formula
    // whose cached value is an error reads as an empty cell.
    assert_eq!(at(4, 3), Data::Empty, "calamine now reads BrtFmlaError: see xlsb_formula_errors_are_read_as_empty");

    let formulas = book.worksheet_formula("Log").unwrap();
    let f = |r: u32, c: u32| formulas.get_value((r, c)).cloned().unwrap_or_default();
    assert_eq!([f(4, 0), f(4, 1), f(4, 2), f(4, 3)], ["2.5", "\"x\"", "FALSE", "#N/A"]);

    let second = book.worksheet_range("Second").unwrap();
    assert_eq!(second.start(), Some((1, 1)));
    assert_eq!(second.get_value((1, 1)), Some(&Data::String("B2".into())));
}

#[test]
fn rk_numbers_and_serials() {
    assert_eq!(xlsb::rk_number(1.0), Some(0b110));
    assert_eq!(xlsb::rk_number(-1.0), Some(0xFFFF_FFFE));
    // A double whose low 34 bits are zero is stored as its high 30 bits.
    assert_eq!(xlsb::rk_number(0.5), Some(0x3FE0_0000));
    assert_eq!(xlsb::rk_number(12.5), Some(0x4029_0000));
    // Else × 100 as an integer.
    assert_eq!(xlsb::rk_number(1.23), Some((123 << 2) | 0b11));
    assert_eq!(xlsb::rk_number(0.1), Some((10 << 2) | 0b11));
    assert_eq!(xlsb::rk_number(1.0 / 3.0), None);
    assert_eq!(xlsb::rk_number(1e300), None);
    assert_eq!(xlsb::serial(2025, 6, 19, 0, 0), 45827.0);
    assert_eq!(xlsb::serial(1900, 3, 1, 12, 0), 61.5);
}

/// The same rows as xlsb and as xlsx are read into the same cells, the same
/// records and the same diagnostics.
#[test]
fn xlsb_reads_into_the_same_cells_records_and_diagnostics_as_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let (bin_inputs, xml_inputs) = (dir.path().join("bin"), dir.path().join("xml"));
    let (bin, xml) = (bin_inputs.join("log.xlsb"), xml_inputs.join("log.xlsx"));
    write_both(&bin, &xml, &sample_sheets());

    let bin_cells = cells(&raw_sheets(&bin));
    let xml_cells = cells(&raw_sheets(&xml));
    assert_eq!(bin_cells, xml_cells);
    let has = |sheet: &str, r: u32, c: u32, cell: ingest::Cell| bin_cells.contains(&(sheet.to_string(), r, c, cell));
    assert!(has("Events", 1, 0, ingest::Cell::DateTime(d(2025, 6, 19).and_hms_opt(0, 0, 0).unwrap())), "a real date: {bin_cells:#?}");
    assert!(has("Events", 4, 0, ingest::Cell::DateTime(d(2025, 7, 4).and_hms_opt(18, 30, 0).unwrap())), "a real date-time");
    assert!(has("Scratch", 2, 0, ingest::Cell::Error("#DIV/0!".into())));
    assert!(has("Partners", 1, 2, ingest::Cell::Bool(true)));

    let (bin_data, bin_diags) = read_inputs(&bin_inputs, None);
    let (xml_data, xml_diags) = read_inputs(&xml_inputs, None);
    assert!(!bin_diags.has_errors(), "{}", diagnostics_text(&bin_diags));
    // Everything but the files' sizes and hashes, with the file names made one.
    let normalize = |data: &Dataset, diags: &Diagnostics, file: &Path| {
        let file = file.display().to_string();
        let mut data = serde_json::to_value(data).unwrap();
        data.as_object_mut().unwrap().remove("files");
        let data = serde_json::to_string_pretty(&data).unwrap().replace(&file, "BOOK");
        (data, diagnostics_text(diags).replace(&file, "BOOK"))
    };
    let (bin_json, bin_text) = normalize(&bin_data, &bin_diags, &bin);
    let (xml_json, xml_text) = normalize(&xml_data, &xml_diags, &xml);
    assert_eq!(bin_json, xml_json);
    assert_eq!(bin_text, xml_text);

    // And what was read is what was written.
    type Event<'a> = (NaiveDate, &'a str, Option<&'a str>, Option<u64>, Option<u64>);
    let events: Vec<Event> = bin_data
        .events
        .iter()
        .map(|e| (e.date, e.name.as_str(), e.municipality.as_deref(), e.plans_distributed, e.residents_reached))
        .collect();
    assert_eq!(
        events,
        [
            (d(2025, 6, 19), "Summer BBQ", Some("Windsor"), Some(12), Some(120)),
            (d(2025, 6, 20), "Resource Fair", Some("Essex"), Some(4), Some(80)),
            (d(2025, 7, 4), "Evening Walk", Some("Windsor"), Some(2), None),
            (d(2025, 6, 25), "Seniors Tea", Some("Amherstburg"), Some(6), None),
        ]
    );
    assert_eq!(bin_data.events[0].source.sheet.as_deref(), Some("Events"));
    assert_eq!(bin_data.events[3].source.row, 6);
    let distribution: Vec<(NaiveDate, u64)> = bin_data.distribution.iter().map(|r| (r.date, r.quantity)).collect();
    assert_eq!(distribution, [(d(2025, 5, 2), 40), (d(2025, 5, 9), 1000), (d(2025, 7, 1), 10), (d(2025, 7, 3), 5)]);
    let flags: Vec<(&str, Option<bool>, Option<bool>)> =
        bin_data.stakeholders.iter().map(|s| (s.organization.as_str(), s.contacted, s.participated)).collect();
    assert_eq!(flags, [("Windsor Police Service", Some(true), Some(false)), ("Family Services", Some(true), Some(false))]);
    let kinds: Vec<(Option<&str>, Option<Kind>)> = bin_data.sheets.iter().map(|s| (s.sheet.as_deref(), s.kind)).collect();
    assert_eq!(
        kinds,
        [
            (Some("Events"), Some(Kind::Events)),
            (Some("Distribution"), Some(Kind::Distribution)),
            (Some("Partners"), Some(Kind::Stakeholders)),
            (Some("Scratch"), None)
        ]
    );
    let notes = lines(&bin_diags, Severity::Note, &bin_inputs);
    assert!(notes.iter().any(|n| n.starts_with("log.xlsb › Events › row 7: totals row skipped")), "{notes:#?}");
}

/// Text in a count column and an error cell are located errors, with the
/// xlsb file, the sheet and the cell.
#[test]
fn bad_xlsb_cells_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    xlsb::write_xlsb(
        inputs.join("events.xlsb"),
        &[(
            "Events",
            vec![
                vec![t("Event Date"), t("Event Name"), t("Plans Distributed")],
                vec![Cell::date(2025, 6, 19), t("Summer BBQ"), Cell::Rk(12.0)],
                vec![Cell::date(2025, 6, 20), t("Resource Fair"), t("lots")],
                vec![Cell::date(2025, 6, 21), t("Block Party"), Cell::Error("#DIV/0!")],
                vec![t("June 31, 2025"), t("Library Pop-up"), Cell::Rk(3.0)],
            ],
        )],
    )
    .unwrap();
    let (data, diags) = read_inputs(&inputs, None);
    let errors = lines(&diags, Severity::Error, &inputs);
    let expected = [
        "events.xlsb › Events › C3: found `lots`, expected a whole number of 0 or more",
        "events.xlsb › Events › C4: found the error value `#DIV/0!`, expected a whole number of 0 or more",
        "events.xlsb › Events › A5: found `June 31, 2025`, expected a date",
    ];
    for want in expected {
        assert_eq!(errors.iter().filter(|e| e.starts_with(want)).count(), 1, "`{want}` once in {errors:#?}");
    }
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    assert_eq!(data.events.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Summer BBQ"]);
}

/// A formula whose result is an error (BrtFmlaError, how Excel stores
/// `=1/0`) is a located error, as the same cell is in an xlsx. calamine 0.38
/// skips these records; the preflight finds them and puts them back, also
/// where one lies outside the cells calamine read (a column further right,
/// a row further down, a column further left).
#[test]
fn xlsb_formula_errors_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let formula_error = |code| Cell::formula(Cell::Error(code));
    xlsb::write_xlsb(
        inputs.join("events.xlsb"),
        &[(
            "Events",
            vec![
                vec![Cell::Empty, t("Event Date"), t("Event Name"), t("Plans Distributed"), t("Residents Reached")],
                vec![Cell::Empty, Cell::date(2025, 6, 19), t("Summer BBQ"), formula_error("#DIV/0!")],
                vec![Cell::Empty, Cell::date(2025, 6, 20), t("Resource Fair"), Cell::Rk(4.0), formula_error("#REF!")],
                // Left of the table (no header above it): not read, as in an
                // xlsx; putting it back shifts every row by a column.
                vec![formula_error("#N/A"), Cell::date(2025, 6, 21), t("Block Party"), Cell::Rk(5.0)],
                // Below every cell calamine read: the row is added.
                vec![Cell::Empty, Cell::Empty, Cell::Empty, formula_error("#VALUE!")],
            ],
        )],
    )
    .unwrap();
    let (data, diags) = read_inputs(&inputs, None);
    let errors = lines(&diags, Severity::Error, &inputs);
    let count = "expected a whole number of 0 or more";
    assert_eq!(
        errors,
        [
            format!("events.xlsb › Events › D2: found the error value `#DIV/0!`, {count}"),
            format!("events.xlsb › Events › E3: found the error value `#REF!`, {count}"),
            "events.xlsb › Events › B5: found an empty cell, expected a date".to_string(),
            "events.xlsb › Events › C5: found an empty cell, expected the event's name".to_string(),
            format!("events.xlsb › Events › D5: found the error value `#VALUE!`, {count}"),
        ],
        "{}",
        diagnostics_text(&diags)
    );
    assert_eq!(data.events.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Block Party"]);
}

/// A sheet whose only cell is a formula error reads as a sheet with that
/// one cell (no header: skipped with a warning), without a panic.
#[test]
fn a_sheet_of_one_formula_error_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    let row = vec![Cell::Empty, Cell::Empty, Cell::formula(Cell::Error("#DIV/0!"))];
    xlsb::write_xlsb(inputs.join("only.xlsb"), &[("Only", vec![vec![], row])]).unwrap();
    let (_, diags) = read_inputs(&inputs, None);
    assert!(!diags.has_errors(), "{}", diagnostics_text(&diags));
    let warnings = lines(&diags, Severity::Warning, &inputs);
    assert!(warnings.iter().any(|w| w.starts_with("only.xlsb › Only")), "{warnings:#?}");
}

/// `check` lists each xlsb sheet with the kind it was recognized as.
#[test]
fn check_lists_xlsb_sheets_with_their_kind() {
    let dir = tempfile::tempdir().unwrap();
    xlsb::write_xlsb(dir.path().join("inputs/log.xlsb"), &sample_sheets()).unwrap();
    let out = run_in(dir.path(), &["check", "--inputs", "inputs"]);
    let text = check_text(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    for line in [
        "  inputs/log.xlsb › Events: events (4 rows used",
        "  inputs/log.xlsb › Distribution: distribution (4 rows used",
        "  inputs/log.xlsb › Partners: stakeholders (2 rows used",
        "  inputs/log.xlsb › Scratch: skipped",
    ] {
        assert!(text.lines().any(|l| l.starts_with(line)), "`{line}` in:\n{text}");
    }
    assert!(text.contains("0 errors"), "{text}");
}

/// A small good workbook, for the folders with a bad one beside it.
fn good_events(inputs: &Path) {
    xlsb::write_xlsb(
        inputs.join("events.xlsb"),
        &[("Events", vec![vec![t("Date"), t("Event")], vec![Cell::date(2025, 6, 19), t("Summer BBQ")]])],
    )
    .unwrap();
}

/// A sheet whose cells span `A1:XFD1048576` is refused as one located error
/// before calamine reads it; a sheet that only declares it is read (a claim
/// decides nothing); the other files are still read, and the process
/// neither panics nor aborts.
#[test]
fn a_huge_xlsb_sheet_is_one_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    good_events(&inputs);
    // Declared only: one cell, in a box of the whole grid.
    XlsbBook::new()
        .sheet("Notes", vec![vec![t("fine")]])
        .push(XlsbSheet::new("Huge", vec![vec![t("Date"), t("Event")]]).declaring("A1:XFD1048576"))
        .write(inputs.join("declared.xlsb"))
        .unwrap();
    // Spanned: cells at A1 and XFD1048576, under a dimension that says `A1`.
    let mut far = vec![Vec::new(); 1_048_576];
    far[0] = vec![Cell::Rk(1.0)];
    far[1_048_575] = vec![Cell::Empty; 16_383];
    far[1_048_575].push(Cell::Rk(2.0));
    XlsbBook::new().push(XlsbSheet::new("Far", far).declaring("A1")).write(inputs.join("spanned.xlsb")).unwrap();

    let (data, diags) = read_inputs(&inputs, None);
    let errors = lines(&diags, Severity::Error, &inputs);
    // Each sheet is named by its tab, as staff see it.
    let huge = "spans A1:XFD1048576 (17,179,869,184 cells), more than the limit of 50,000,000 cells";
    assert_eq!(errors.len(), 1, "{}", diagnostics_text(&diags));
    assert!(errors[0].starts_with(&format!("spanned.xlsb › Far: sheet `Far` {huge}")), "{errors:?}");
    assert_eq!(data.events.len(), 1, "the other file is read");
    assert!(data.sheets.iter().all(|s| !s.file.ends_with("spanned.xlsb")), "nothing of a refused file is kept");
    assert!(data.sheets.iter().any(|s| s.file.ends_with("declared.xlsb")), "a claim alone refuses nothing");

    // The binary too: exit 1, the errors listed, no panic.
    let out = run_in(dir.path(), &["check", "--inputs", "inputs"]);
    let text = check_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    assert!(text.contains(&format!("  inputs/spanned.xlsb › Far: sheet `Far` {huge}")), "{text}");
    assert!(text.contains("  inputs/events.xlsb › Events: events (1 row"), "{text}");
}

/// A file cut in half, and a file whose sheet or string table stops
/// mid-record, are one located error each; the other files are still read.
#[test]
fn a_truncated_xlsb_is_one_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    good_events(&inputs);
    let book = XlsbBook::new().sheet(
        "Events",
        vec![
            vec![t("Date"), t("Event"), t("Plans Distributed")],
            vec![Cell::date(2025, 7, 1), t("Pool Party"), Cell::Number(4.0)],
            vec![Cell::date(2025, 7, 2), t("Fair"), Cell::Number(3.0)],
        ],
    );
    let bytes = book.to_bytes().unwrap();
    write_bytes(&inputs.join("halved.xlsb"), &bytes[..bytes.len() / 2]);
    for (file, part) in [("cut-sheet.xlsb", "xl/worksheets/sheet1.bin"), ("cut-strings.xlsb", "xl/sharedStrings.bin")] {
        let mut parts = book.parts();
        let (_, data) = parts.iter_mut().find(|(name, _)| name == part).unwrap();
        let keep = data.len() / 2;
        data.truncate(keep);
        write_bytes(&inputs.join(file), &xlsb::zip_parts(&parts).unwrap());
    }

    let (data, diags) = read_inputs(&inputs, None);
    let errors = lines(&diags, Severity::Error, &inputs);
    let starts = [
        "cut-sheet.xlsb: the file is damaged and cannot be read as an Excel binary workbook (.xlsb); open it in Excel",
        "cut-strings.xlsb: the file is damaged and cannot be read as an Excel binary workbook (.xlsb); open it in Excel",
        "halved.xlsb: `halved.xlsb` is not a complete Excel binary file (empty or cut off)",
    ];
    assert_eq!(errors.len(), starts.len(), "{errors:#?}");
    for (error, start) in errors.iter().zip(starts) {
        assert!(error.starts_with(start), "`{start}…` in {errors:#?}");
    }
    assert_eq!(data.events.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["Summer BBQ"], "only the whole file");
}

/// `tests/fixtures/sample.xlsb` (the fuzz target `ingest_xml` mutates its
/// parts) is what the writer makes of [`sample_sheets`]: regenerate it with
/// `WECOSS_WRITE_FIXTURES=1 cargo test --test xlsb committed`.
#[test]
fn the_committed_xlsb_fixture_is_the_writers_output() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("sample.xlsb");
    xlsb::write_xlsb(&made, &sample_sheets()).unwrap();
    let made = std::fs::read(made).unwrap();
    let committed = root().join("tests/fixtures/sample.xlsb");
    if std::env::var_os("WECOSS_WRITE_FIXTURES").is_some() {
        std::fs::write(&committed, &made).unwrap();
    }
    assert!(std::fs::read(&committed).unwrap() == made, "tests/fixtures/sample.xlsb is out of date; see this test's comment");
}
