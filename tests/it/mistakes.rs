//! The staff-mistakes harness (issue 26): realistic mistakes and habits, each
//! made on a copy of one seed-like folder, each with the outcome it must have.
//!
//! The base folder is invented but shaped like the coalition's: an events
//! workbook, a distribution log, a Google Forms survey export (CSV), the
//! meetings, the workplan, focus groups and stakeholders. A [`Mistake`]
//! changes a copy of it the way a staff member would (paste a block twice,
//! save from French Excel, sort one column, type 2052 for 2025, …) and says
//! what must follow:
//!
//! - [`Expect::Same`]: the figures of the base folder, exactly, and `check`
//!   shows in the row ledger the row that was skipped or merged;
//! - [`Expect::Warn`]: `build` prints a warning naming the cell, and the
//!   figures change by exactly the amounts given (often none);
//! - [`Expect::Error`]: `build` stops with an error naming the cell, and
//!   writes nothing.
//!
//! Figures are read from `build --format json` (the deck for the meeting of
//! 2025-10-07 and the report for 2025); "today" is fixed to 2025-10-01.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output};

use crate::row;
use crate::support::cell::{Cell, t};
use crate::support::fixtures::write_xlsx;
use crate::support::*;

/// "Today" for every run.
const TODAY: &str = "2025-10-01";
/// The working group of the meetings.
const GROUP: &str = "Enforcement and Justice Working Group";

/// How one table is saved.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Saved {
    /// An Excel workbook.
    Xlsx,
    /// An Excel workbook whose data is an Excel Table with its Total Row
    /// (SUBTOTAL formulas under the numeric columns, "Total" under the first).
    XlsxTotalRow,
    /// A CSV as English Excel saves it (UTF-8, commas).
    Csv,
    /// A CSV as French-locale Excel saves it: `;` between fields, decimal
    /// commas, day-first dates, Windows-1252.
    FrenchCsv,
    /// Excel's "Unicode Text": UTF-16LE with a byte-order mark, tabs.
    Utf16Tabs,
}

/// One table: its file, sheet, how it is saved, and its rows (header first).
#[derive(Debug, Clone)]
struct Table {
    file: &'static str,
    sheet: &'static str,
    saved: Saved,
    rows: Vec<Vec<Cell>>,
    /// Cells written as formulas saved without their computed value, as
    /// scripts and some LibreOffice settings write them: (row, column).
    no_values: Vec<(usize, usize)>,
}

impl Table {
    fn new(file: &'static str, sheet: &'static str, saved: Saved, rows: Vec<Vec<Cell>>) -> Self {
        Table { file, sheet, saved, rows, no_values: Vec::new() }
    }

    /// The column named `header` (exactly as in the header row).
    fn col(&self, header: &str) -> usize {
        self.rows[0].iter().position(|c| *c == t(header)).unwrap_or_else(|| panic!("no column `{header}`"))
    }

    /// The file name under `inputs/`, with its extension for how it is saved.
    fn path(&self) -> String {
        match self.saved {
            Saved::Xlsx | Saved::XlsxTotalRow => format!("{}.xlsx", self.file),
            Saved::Csv | Saved::FrenchCsv => format!("{}.csv", self.file),
            Saved::Utf16Tabs => format!("{}.csv", self.file),
        }
    }

    fn write(&self, inputs: &Path) {
        let path = inputs.join(self.path());
        match self.saved {
            Saved::Xlsx => {
                write_xlsx(&path, vec![(self.sheet, self.rows.clone())]);
                if !self.no_values.is_empty() {
                    self.write_formulas_without_values(&path);
                }
            }
            Saved::XlsxTotalRow => write_table_with_total_row(&path, self),
            Saved::Csv => write_bytes(&path, &csv_text(&self.rows, ',', false).into_bytes()),
            Saved::FrenchCsv => {
                let text = csv_text(&self.rows, ';', true);
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                assert!(!unmappable, "the French CSV holds a letter Windows-1252 lacks");
                write_bytes(&path, &bytes);
            }
            Saved::Utf16Tabs => {
                let text = csv_text(&self.rows, '\t', false);
                let mut bytes = vec![0xFF, 0xFE];
                for unit in text.encode_utf16() {
                    bytes.extend_from_slice(&unit.to_le_bytes());
                }
                write_bytes(&path, &bytes);
            }
        }
    }

    /// Rewrites the workbook so that the cells in `no_values` are formulas
    /// (`=SUM(…)`-like) with no cached value, as openpyxl writes them.
    fn write_formulas_without_values(&self, path: &Path) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name(self.sheet).unwrap();
        write_cells(ws, &self.rows, |r, c| self.no_values.contains(&(r, c)));
        book.save(path).unwrap();
        strip_cached_values(path);
    }
}

/// Writes the harness's cells (text, numbers, dates) to a worksheet; a cell
/// `as_formula` picks is written as a formula giving its number.
fn write_cells(ws: &mut rust_xlsxwriter::Worksheet, rows: &[Vec<Cell>], as_formula: impl Fn(usize, usize) -> bool) {
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            match cell {
                Cell::Number(n) if as_formula(r, c) => {
                    ws.write_formula(r32, c16, rust_xlsxwriter::Formula::new(format!("={n}+0"))).unwrap();
                }
                _ if as_formula(r, c) => panic!("a formula cell must hold a number, not {cell:?}"),
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string(r32, c16, s).unwrap();
                }
                Cell::Number(n) => {
                    ws.write_number(r32, c16, *n).unwrap();
                }
                Cell::Date { year, month, day } => {
                    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(*year as u16, *month as u8, *day as u8).unwrap();
                    ws.write_datetime_with_format(r32, c16, d, &date).unwrap();
                }
                other => panic!("not used in the harness: {other:?}"),
            }
        }
    }
}

/// Removes every formula's cached value (`<f>…</f><v>…</v>` → `<f>…</f>`)
/// from the worksheets of an xlsx file.
fn strip_cached_values(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let cached = regex::Regex::new(r"(<f>[^<]*</f>)<v>[^<]*</v>").unwrap();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(data).unwrap();
            data = cached.replace_all(&text, "$1").into_owned().into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// Writes `table` as an Excel Table with its Total Row: "Total" under the
/// first column and `SUBTOTAL(109, …)` (with its cached sum) under each
/// numeric one.
fn write_table_with_total_row(path: &Path, table: &Table) {
    use rust_xlsxwriter::{TableColumn, TableFunction};
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(table.sheet).unwrap();
    write_cells(ws, &table.rows, |_, _| false);
    let width = table.rows[0].len();
    let numeric: Vec<bool> = (0..width).map(|c| table.rows[1..].iter().all(|r| matches!(r.get(c), Some(Cell::Number(_))))).collect();
    let columns: Vec<TableColumn> = (0..width)
        .map(|c| {
            let Cell::Text(header) = &table.rows[0][c] else { panic!("a header is text") };
            let column = TableColumn::new().set_header(header);
            // Excel's Total Row often has no label at all.
            if numeric[c] { column.set_total_function(TableFunction::Sum) } else { column }
        })
        .collect();
    let last = table.rows.len() as u32; // the total row, one below the data
    ws.add_table(0, 0, last, width as u16 - 1, &rust_xlsxwriter::Table::new().set_columns(&columns).set_total_row(true)).unwrap();
    // The total row's cached values, as Excel saves them.
    for c in (0..width).filter(|&c| numeric[c]) {
        let sum: f64 = table.rows[1..].iter().map(|r| if let Cell::Number(n) = r[c] { n } else { 0.0 }).sum();
        ws.set_formula_result(last, c as u16, sum.to_string());
    }
    book.save(path).unwrap();
}

/// The text of a CSV file: quoted where needed; French: day-first dates and
/// decimal commas.
fn csv_text(rows: &[Vec<Cell>], sep: char, french: bool) -> String {
    let mut text = String::new();
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|cell| {
                let s = match cell {
                    Cell::Empty => String::new(),
                    Cell::Text(s) => s.clone(),
                    Cell::Number(n) if french => n.to_string().replace('.', ","),
                    Cell::Number(n) => n.to_string(),
                    Cell::Date { year, month, day } if french => format!("{day:02}/{month:02}/{year}"),
                    Cell::Date { year, month, day } => format!("{year}-{month:02}-{day:02}"),
                    other => panic!("not used in the harness: {other:?}"),
                };
                if s.contains(sep) || s.contains('"') || s.contains('\n') { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
            })
            .collect();
        text.push_str(&fields.join(&sep.to_string()));
        text.push_str("\r\n");
    }
    text
}

/// The seed-like folder: every table, as staff keep them.
#[derive(Debug, Clone)]
struct Folder {
    events: Table,
    distribution: Table,
    survey: Table,
    meetings: Table,
    activities: Table,
    focus_groups: Table,
    stakeholders: Table,
    /// Other files, written as they are: (name under `inputs/`, table).
    extra: Vec<Table>,
}

fn d(year: i32, month: u32, day: u32) -> Cell {
    Cell::date(year, month, day)
}

fn n(v: f64) -> Cell {
    Cell::Number(v)
}

impl Folder {
    fn base() -> Self {
        let events = vec![
            row![
                "Date",
                "Event",
                "Municipality",
                "Location",
                "Residents Reached",
                "Plans Distributed",
                "Feedback Responses",
                "Felt More Confident"
            ],
            row![d(2025, 5, 10), "Spring Safety Walk", "Windsor", "Ford City", n(85.), n(20.), n(10.), n(8.)],
            row![d(2025, 6, 5), "Library Info Table", "Essex", "Essex Library", n(40.), n(12.), n(6.), n(5.)],
            row![d(2025, 6, 21), "Summer BBQ", "Windsor", "Drouillard Park", n(150.), n(35.), n(18.), n(16.)],
            row![d(2025, 6, 28), "Resource Fair", "Amherstburg", "Toddy Jones Park", n(120.), n(30.), n(15.), n(14.)],
            row![d(2025, 7, 9), "Farmers' Market Booth", "Kingsville", "Lakeside Park", n(95.), n(22.), n(11.), n(10.)],
            row![d(2025, 7, 16), "Neighbourhood Walk", "Windsor", "Glengarry", n(60.), n(18.), n(9.), n(9.)],
            row![d(2025, 7, 26), "Back to School Fair", "LaSalle", "Vollmer Centre", n(210.), n(40.), n(20.), n(18.)],
            row![d(2025, 8, 6), "Seniors' Tea", "Tecumseh", "Tecumseh Arena", n(45.), n(15.), n(8.), n(7.)],
            row![d(2025, 8, 16), "Community Picnic", "Essex", "Heritage Gardens", n(130.), n(28.), n(14.), n(13.)],
            row![d(2025, 8, 27), "Pop-up Clinic Table", "Leamington", "Seacliff Park", n(75.), n(19.), n(10.), n(9.)],
            row![d(2025, 9, 10), "Block Party", "Windsor", "Walkerville", n(180.), n(33.), n(16.), n(15.)],
            row![d(2025, 9, 20), "Harvest Festival", "Lakeshore", "Atlas Tube Centre", n(160.), n(31.), n(15.), n(14.)],
        ];
        let distribution = vec![
            row!["Date", "Quantity", "Plan", "Municipality", "Channel", "Event"],
            row![d(2024, 9, 15), n(200.), "Neighbourhood Safety Plan", "Windsor", "Partner office", ""],
            row![d(2024, 11, 2), n(150.), "Neighbourhood Safety Plan", "Essex", "Partner office", ""],
            row![d(2024, 12, 10), n(90.), "Youth Safety Plan", "Leamington", "School", ""],
            row![d(2025, 2, 14), n(120.), "Neighbourhood Safety Plan", "Windsor", "Partner office", ""],
            row![d(2025, 4, 3), n(80.), "Youth Safety Plan", "Essex", "School", ""],
            row![d(2025, 5, 10), n(20.), "Neighbourhood Safety Plan", "Windsor", "Event", "Spring Safety Walk"],
            row![d(2025, 6, 21), n(35.), "Neighbourhood Safety Plan", "Windsor", "Event", "Summer BBQ"],
            row![d(2025, 6, 28), n(30.), "Neighbourhood Safety Plan", "Amherstburg", "Event", "Resource Fair"],
            row![d(2025, 7, 26), n(40.), "Youth Safety Plan", "LaSalle", "Event", "Back to School Fair"],
            row![d(2025, 8, 16), n(28.), "Neighbourhood Safety Plan", "Essex", "Event", "Community Picnic"],
            row![d(2025, 9, 10), n(33.), "Neighbourhood Safety Plan", "Windsor", "Event", "Block Party"],
            row![d(2025, 9, 25), n(60.), "Neighbourhood Safety Plan", "Kingsville", "Library", ""],
        ];
        let places =
            ["Windsor", "Essex", "Windsor", "Leamington", "Kingsville", "Windsor", "LaSalle", "Tecumseh", "Windsor", "Amherstburg"];
        let roles = ["Resident", "Resident", "Business owner", "Resident", "Service provider"];
        let agree = ["Strongly agree", "Agree", "Agree", "Neutral", "Strongly agree", "Disagree", "Agree"];
        let mut survey = vec![row![
            "Timestamp",
            "Municipality",
            "Role",
            "The safety plan helps me feel prepared",
            "Have you shared the plan with a neighbour?"
        ]];
        for i in 0..30u32 {
            let day = 2 + (i % 27);
            let month = 7 + (i / 27);
            survey.push(row![
                format!("2025/{month:02}/{day:02} {}:{:02}:00 AM EST", 9 + i % 3, (i * 7) % 60),
                places[i as usize % places.len()],
                roles[i as usize % roles.len()],
                agree[i as usize % agree.len()],
                if i % 3 == 0 { "No" } else { "Yes" }
            ]);
        }
        let meetings = vec![
            row!["Meeting Date", "Working Group", "Start", "End", "Location"],
            row![d(2025, 6, 18), GROUP, "10:00 AM", "12:00 PM", "Community Room, City Hall"],
            row![d(2025, 10, 7), GROUP, "10:00 AM", "12:00 PM", "Community Room, City Hall"],
        ];
        let project = "Strengthening Community Safety and Wellbeing";
        let pillar = "Enforcement & Justice";
        let activities = vec![
            row!["Project", "Pillar", "Activity", "Status", "Start", "Due"],
            row![project, pillar, "Draft the neighbourhood safety plan", "Completed", d(2025, 1, 6), d(2025, 3, 31)],
            row![project, pillar, "Translate the plan into French and Arabic", "Completed", d(2025, 3, 1), d(2025, 5, 15)],
            row![project, pillar, "Distribute plans at summer events", "Completed", d(2025, 6, 1), d(2025, 9, 30)],
            row![project, pillar, "Train partner staff on the plan", "In progress", d(2025, 8, 1), d(2025, 11, 30)],
            row![project, pillar, "Evaluate the plan with residents", "Planned", d(2025, 10, 15), d(2026, 2, 28)],
            row![project, pillar, "Report to the working group", "Planned", d(2025, 12, 1), d(2026, 1, 15)],
        ];
        let focus_groups = vec![
            row!["Date", "Group", "Municipality", "Participants", "Themes"],
            row![d(2025, 3, 12), "Windsor residents", "Windsor", n(9.), "safety at night; lighting"],
            row![d(2025, 4, 9), "Essex service providers", "Essex", n(7.), "housing; transportation"],
            row![d(2025, 5, 14), "Youth", "Leamington", n(11.), "lighting; transportation"],
            row![d(2025, 9, 17), "Seniors", "Tecumseh", n(6.), "lighting; isolation"],
        ];
        let stakeholders = vec![
            row!["Organization", "Sector", "Municipality", "Contacted", "Participated"],
            row!["Windsor Regional Hospital", "Hospital", "Windsor", "Yes", "Yes"],
            row!["Essex County Library", "Library", "Essex", "Yes", "Yes"],
            row!["Downtown Mission", "Shelter", "Windsor", "Yes", "No"],
            row!["Leamington Community Services", "Community services", "Leamington", "Yes", "Yes"],
            row!["Kingsville Fire Department", "First responders", "Kingsville", "Yes", "Yes"],
            row!["LaSalle Youth Centre", "Community services", "LaSalle", "Yes", "No"],
            row!["Tecumseh Seniors Club", "Community services", "Tecumseh", "No", "No"],
            row!["Amherstburg Food Bank", "Community services", "Amherstburg", "Yes", "Yes"],
        ];
        Folder {
            events: Table::new("SSNAPP events 2025", "Events", Saved::Xlsx, events),
            distribution: Table::new("distribution log 2025", "Distribution", Saved::Xlsx, distribution),
            survey: Table::new("survey-google-forms", "", Saved::Csv, survey),
            meetings: Table::new("meetings", "", Saved::Csv, meetings),
            activities: Table::new("workplan 2025", "Activities", Saved::Xlsx, activities),
            focus_groups: Table::new("focus groups 2025", "Focus groups", Saved::Xlsx, focus_groups),
            stakeholders: Table::new("stakeholders", "", Saved::Csv, stakeholders),
            extra: Vec::new(),
        }
    }

    fn write(&self, dir: &Path) -> std::path::PathBuf {
        let inputs = dir.join("inputs");
        for table in
            [&self.events, &self.distribution, &self.survey, &self.meetings, &self.activities, &self.focus_groups, &self.stakeholders]
                .into_iter()
                .chain(&self.extra)
        {
            table.write(&inputs);
        }
        inputs
    }
}

/// What a mistake must lead to.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// The base folder's figures, exactly; `check` prints `ledger` (the row
    /// skipped or merged, in the sheet's ledger).
    Same { ledger: &'static str },
    /// `build` prints a warning whose line holds `at` (file › sheet › cell)
    /// and `says`; the figures change by exactly `change` (figure, amount).
    Warn { at: &'static str, says: &'static str, change: &'static [(&'static str, i64)] },
    /// `build` stops with an error whose line holds `at` and `says`, and
    /// writes nothing.
    Error { at: &'static str, says: &'static str },
}

/// One staff mistake: its class, what it is, the table it is made in, how
/// it is made, and what must follow.
struct Mistake {
    class: &'static str,
    name: &'static str,
    table: &'static str,
    make: fn(&mut Folder),
    expect: Expect,
}

/// Runs the binary in `dir` with today fixed.
fn run_at(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wecoss-report"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("WECOSS_TODAY", TODAY)
        .output()
        .expect("the binary runs")
}

/// The headline figures of the deck and the report, by name.
fn figures(out: &Output) -> BTreeMap<String, i64> {
    let mut all = BTreeMap::new();
    for value in crate::support::json_documents(&out.stdout) {
        let doc = value.get("figures").unwrap_or(&value);
        let num = |v: &serde_json::Value| v.as_i64().unwrap_or(-1);
        if let Some(kpis) = doc.get("kpis") {
            all.insert("report.year".into(), doc["year"]["label"].as_str().and_then(|y| y.parse().ok()).unwrap_or(-1));
            for key in [
                "events",
                "residents_reached",
                "plans_year",
                "plans_total",
                "confident_percent",
                "survey_responses",
                "focus_groups",
                "stakeholders_engaged",
            ] {
                all.insert(format!("report.{key}"), num(&kpis[key]));
            }
        } else if doc.get("meeting").is_some() {
            all.insert("deck.events".into(), num(&doc["events"]["count"]));
            all.insert("deck.residents".into(), num(&doc["events"]["residents_reached"]));
            all.insert("deck.plans".into(), num(&doc["plans"]["in_period"]));
            all.insert("deck.plans_before".into(), num(&doc["plans"]["before"]));
            all.insert("deck.confident".into(), num(&doc["confidence"]["percent"]));
        }
    }
    assert!(all.contains_key("report.events") && all.contains_key("deck.events"), "no figures in:\n{}", stdout(out));
    all
}

/// The lines of `text` holding both `at` and `says`.
fn line_with<'a>(text: &'a str, at: &str, says: &str) -> Option<&'a str> {
    text.lines().find(|l| l.contains(at) && l.contains(says))
}

/// Builds the figures of `folder` in `dir`: the output of `build --format json`.
fn build_json(dir: &Path) -> Output {
    run_at(dir, &["build", "--format", "json", "--inputs", "inputs", "--out", "out"])
}

/// Makes `mistake` on the base folder and checks its outcome. Returns a
/// line describing a failure, or `None`.
fn try_mistake(mistake: &Mistake, base: &BTreeMap<String, i64>) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut folder = Folder::base();
    (mistake.make)(&mut folder);
    folder.write(dir.path());
    let out = build_json(dir.path());
    let err = stderr(&out);
    let fail = |why: String| Some(format!("[{}] {} ({}): {why}\n--- stderr:\n{err}", mistake.class, mistake.name, mistake.table));
    match mistake.expect {
        Expect::Same { ledger } => {
            if !out.status.success() {
                return fail("build failed".into());
            }
            let got = figures(&out);
            if &got != base {
                return fail(format!("figures changed: {}", diff(base, &got)));
            }
            let check = run_at(dir.path(), &["check", "--inputs", "inputs"]);
            let text = format!("{}{}", stdout(&check), stderr(&check));
            if !text.contains(ledger) {
                return fail(format!("`check` does not show `{ledger}` in its ledger:\n{text}"));
            }
        }
        Expect::Warn { at, says, change } => {
            if !out.status.success() {
                return fail("build failed".into());
            }
            if line_with(&err, at, says).is_none() {
                return fail(format!("no warning at `{at}` saying `{says}`"));
            }
            let got = figures(&out);
            let mut want = base.clone();
            for (key, by) in change {
                *want.get_mut(*key).unwrap_or_else(|| panic!("no figure `{key}`")) += by;
            }
            if got != want {
                return fail(format!("figures: want {}, got {}", diff(base, &want), diff(base, &got)));
            }
        }
        Expect::Error { at, says } => {
            if out.status.code() != Some(1) {
                return fail(format!("exit {:?}, not 1", out.status.code()));
            }
            if line_with(&err, at, says).is_none() {
                return fail(format!("no error at `{at}` saying `{says}`"));
            }
            if !out.stdout.is_empty() {
                return fail("figures were printed though the inputs have errors".into());
            }
        }
    }
    None
}

/// The figures that differ, `name from → to`.
fn diff(a: &BTreeMap<String, i64>, b: &BTreeMap<String, i64>) -> String {
    let changed: Vec<String> = a.iter().filter(|(k, v)| b.get(*k) != Some(v)).map(|(k, v)| format!("{k} {v} → {:?}", b.get(k))).collect();
    if changed.is_empty() { "none".into() } else { changed.join(", ") }
}

// ---- the mistakes -------------------------------------------------------------

/// The data rows `from..=to` (1-based data rows; row 1 is the header) of `table`, copied.
fn rows(table: &Table, from: usize, to: usize) -> Vec<Vec<Cell>> {
    table.rows[from..=to].to_vec()
}

fn set(table: &mut Table, row: usize, header: &str, cell: Cell) {
    let c = table.col(header);
    table.rows[row][c] = cell;
}

/// Every mistake of the harness, by class.
fn mistakes() -> Vec<Mistake> {
    use Expect::*;
    vec![
        // ---- the same rows twice ----
        Mistake {
            class: "repeats",
            name: "a block of events pasted again below the table",
            table: "events",
            make: |f| {
                let block = rows(&f.events, 3, 6);
                f.events.rows.extend(block);
            },
            expect: Same { ledger: "rows 14–17 repeat rows 4–7" },
        },
        Mistake {
            class: "repeats",
            name: "one distribution row duplicated just below itself",
            table: "distribution",
            make: |f| {
                let row = f.distribution.rows[7].clone();
                f.distribution.rows.insert(8, row);
            },
            expect: Same { ledger: "row 9 repeats row 8" },
        },
        Mistake {
            class: "repeats",
            name: "the survey export appended to itself",
            table: "survey",
            make: |f| {
                let again = f.survey.rows[1..].to_vec();
                f.survey.rows.extend(again);
            },
            expect: Same { ledger: "rows 32–61 repeat rows 2–31" },
        },
        Mistake {
            class: "repeats",
            name: "the survey export appended to itself with its header",
            table: "survey",
            make: |f| {
                let again = f.survey.rows.clone();
                f.survey.rows.extend(again);
            },
            expect: Same { ledger: "row 32 repeated header" },
        },
        Mistake {
            class: "repeats",
            name: "a focus group entered twice",
            table: "focus groups",
            make: |f| {
                let row = f.focus_groups.rows[2].clone();
                f.focus_groups.rows.push(row);
            },
            expect: Same { ledger: "row 6 repeats row 3" },
        },
        Mistake {
            class: "repeats",
            name: "a quarter's events kept in a second workbook too",
            table: "events",
            make: |f| {
                let mut q3 = f.events.clone();
                q3.file = "events Q3 copy";
                q3.rows = std::iter::once(f.events.rows[0].clone()).chain(rows(&f.events, 5, 8)).collect();
                f.extra.push(q3);
            },
            expect: Same { ledger: "rows 2–5 repeat" },
        },
        Mistake {
            class: "repeats",
            name: "a stakeholder listed twice",
            table: "stakeholders",
            make: |f| {
                let row = f.stakeholders.rows[1].clone();
                f.stakeholders.rows.push(row);
            },
            expect: Same { ledger: "row 10 repeats row 2" },
        },
        Mistake {
            class: "repeats",
            name: "an event pasted again with a trailing space in its name",
            table: "events",
            make: |f| {
                let mut row = f.events.rows[4].clone();
                row[1] = t("Resource Fair ");
                f.events.rows.push(row);
            },
            expect: Same { ledger: "row 14 repeats row 5" },
        },
        // ---- totals rows ----
        Mistake {
            class: "totals",
            name: "a dated \"Year to date\" row with the sums",
            table: "events",
            make: |f| {
                let sums = sums(&f.events);
                let mut row = sums;
                row[0] = d(2025, 9, 30);
                row[1] = t("Year to date");
                f.events.rows.push(row);
            },
            expect: Same { ledger: "row 14 totals (no label: its numbers are the sums of the rows above)" },
        },
        Mistake {
            class: "totals",
            name: "an unlabelled sums row under the events",
            table: "events",
            make: |f| {
                let row = sums(&f.events);
                f.events.rows.push(row);
            },
            expect: Same { ledger: "row 14 totals (no label: its numbers are the sums of the rows above)" },
        },
        Mistake {
            class: "totals",
            name: "Excel's Format as Table with its Total Row",
            table: "distribution",
            make: |f| f.distribution.saved = Saved::XlsxTotalRow,
            expect: Same { ledger: "row 14 totals" },
        },
        Mistake {
            class: "totals",
            name: "a dated sums row at the foot of the distribution log",
            table: "distribution",
            make: |f| {
                let mut row = sums(&f.distribution);
                row[0] = d(2025, 9, 30);
                f.distribution.rows.push(row);
            },
            expect: Same { ledger: "row 14 totals (no label: its numbers are the sums of the rows above)" },
        },
        Mistake {
            class: "totals",
            name: "a Total row not updated after a row was added",
            table: "events",
            make: |f| {
                let mut row = sums(&f.events);
                row[0] = t("Total");
                let c = f.events.col("Residents Reached");
                row[c] = n(1_200.);
                f.events.rows.push(row);
            },
            expect: Warn { at: "SSNAPP events 2025.xlsx › Events › E14", says: "rows above add up to", change: &[] },
        },
        Mistake {
            class: "totals",
            name: "a Total row under the focus groups",
            table: "focus groups",
            make: |f| {
                let mut row = sums(&f.focus_groups);
                row[1] = t("Total");
                f.focus_groups.rows.push(row);
            },
            expect: Same { ledger: "row 6 totals (matches the sums)" },
        },
        // ---- dates outside the plausible window ----
        Mistake {
            class: "dates",
            name: "2052 typed for 2025",
            table: "events",
            make: |f| set(&mut f.events, 7, "Date", d(2052, 7, 26)),
            expect: Warn {
                at: "SSNAPP events 2025.xlsx › Events › A8",
                says: "2052",
                change: &[("report.events", -1), ("report.residents_reached", -210), ("deck.events", -1), ("deck.residents", -210)],
            },
        },
        Mistake {
            class: "dates",
            name: "2024 typed for 2025 in a 2025 workbook",
            table: "events",
            make: |f| set(&mut f.events, 9, "Date", d(2024, 8, 16)),
            expect: Warn {
                at: "SSNAPP events 2025.xlsx › Events › A10",
                says: "2024",
                change: &[("report.events", -1), ("report.residents_reached", -130), ("deck.events", -1), ("deck.residents", -130)],
            },
        },
        Mistake {
            class: "dates",
            name: "last year's focus groups saved under this year's name",
            table: "focus groups",
            make: |f| {
                for r in 1..f.focus_groups.rows.len() {
                    if let Cell::Date { year, .. } = &mut f.focus_groups.rows[r][0] {
                        *year = 2024;
                    }
                }
            },
            expect: Warn { at: "focus groups 2025.xlsx › Focus groups", says: "2024", change: &[("report.focus_groups", -4)] },
        },
        Mistake {
            class: "dates",
            name: "a survey response stamped 2015",
            table: "survey",
            make: |f| f.survey.rows[5][0] = t("2015/07/06 9:35:00 AM EST"),
            expect: Warn { at: "survey-google-forms.csv › A6", says: "2015", change: &[("report.survey_responses", -1)] },
        },
        Mistake {
            class: "dates",
            name: "a distribution dated after today",
            table: "distribution",
            make: |f| set(&mut f.distribution, 12, "Date", d(2025, 12, 25)),
            expect: Warn { at: "distribution log 2025.xlsx › Distribution › A13", says: "after", change: &[("deck.plans", -60)] },
        },
        // ---- values read as something else ----
        Mistake {
            class: "values",
            name: "the survey saved by French-locale Excel (; and Windows-1252)",
            table: "survey",
            make: |f| f.survey.saved = Saved::FrenchCsv,
            expect: Same { ledger: "rows 2–31 counted (30)" },
        },
        Mistake {
            class: "values",
            name: "the stakeholders saved by French-locale Excel",
            table: "stakeholders",
            make: |f| f.stakeholders.saved = Saved::FrenchCsv,
            expect: Same { ledger: "rows 2–9 counted (8)" },
        },
        Mistake {
            class: "values",
            name: "the events saved as a French CSV (; decimal commas, day-first dates)",
            table: "events",
            make: |f| {
                f.events.saved = Saved::FrenchCsv;
                set(&mut f.events, 5, "Location", t("Centre Sainte-Thérèse"));
            },
            expect: Same { ledger: "rows 2–13 counted (12)" },
        },
        Mistake {
            class: "values",
            name: "the events saved as Unicode Text (UTF-16, tabs)",
            table: "events",
            make: |f| f.events.saved = Saved::Utf16Tabs,
            expect: Same { ledger: "rows 2–13 counted (12)" },
        },
        Mistake {
            class: "values",
            name: "residents reached as formulas saved without their values",
            table: "events",
            make: |f| {
                let c = f.events.col("Residents Reached");
                f.events.no_values = (1..f.events.rows.len()).map(|r| (r, c)).collect();
            },
            expect: Error { at: "SSNAPP events 2025.xlsx › Events › E2", says: "formula" },
        },
        Mistake {
            class: "values",
            name: "one quantity a formula saved without its value",
            table: "distribution",
            make: |f| f.distribution.no_values = vec![(9, 1)],
            expect: Error { at: "distribution log 2025.xlsx › Distribution › B10", says: "formula" },
        },
        Mistake {
            class: "values",
            name: "a NUL byte inside a count",
            table: "events",
            make: |f| {
                f.events.saved = Saved::Csv;
                set(&mut f.events, 4, "Residents Reached", t("5\u{0} 0"));
            },
            expect: Error { at: "SSNAPP events 2025.csv › E5", says: "expected a whole number" },
        },
        Mistake {
            class: "values",
            name: "\"96%\" typed in a count column",
            table: "events",
            make: |f| set(&mut f.events, 6, "Felt More Confident", t("96%")),
            expect: Error { at: "SSNAPP events 2025.xlsx › Events › H7", says: "96%" },
        },
        Mistake {
            class: "values",
            name: "a count typed with its unit",
            table: "distribution",
            make: |f| set(&mut f.distribution, 4, "Quantity", t("120 plans")),
            expect: Error { at: "distribution log 2025.xlsx › Distribution › B5", says: "120 plans" },
        },
        Mistake {
            class: "values",
            name: "essex, ESSEX and Essex in one column",
            table: "distribution",
            make: |f| {
                set(&mut f.distribution, 5, "Municipality", t("essex"));
                set(&mut f.distribution, 10, "Municipality", t("ESSEX "));
            },
            expect: Same { ledger: "`Essex` (also written `essex`, `ESSEX`)" },
        },
        Mistake {
            class: "values",
            name: "a Likert answer typed \"Agre\"",
            table: "survey",
            make: |f| f.survey.rows[9][3] = t("Agre"),
            expect: Error { at: "survey-google-forms.csv › D10", says: "close to `Agree`" },
        },
        Mistake {
            class: "values",
            name: "Likert answers in another case and spacing",
            table: "survey",
            make: |f| {
                f.survey.rows[3][3] = t("strongly  agree");
                f.survey.rows[4][3] = t("AGREE");
            },
            expect: Same { ledger: "rows 2–31 counted (30)" },
        },
        Mistake {
            class: "values",
            name: "yes/no typed every way",
            table: "stakeholders",
            make: |f| {
                f.stakeholders.rows[1][4] = t("YES");
                f.stakeholders.rows[2][4] = t("y");
                f.stakeholders.rows[4][4] = t("Yes ");
            },
            expect: Same { ledger: "rows 2–9 counted (8)" },
        },
        // ---- a column renamed or misspelt ----
        Mistake {
            class: "columns",
            name: "\"Feedback Responces\"",
            table: "events",
            make: |f| f.events.rows[0][6] = t("Feedback Responces"),
            expect: Error { at: "SSNAPP events 2025.xlsx › Events › G1", says: "feedback responses" },
        },
        Mistake {
            class: "columns",
            name: "\"Felt more confident after?\"",
            table: "events",
            make: |f| f.events.rows[0][7] = t("Felt more confident after?"),
            expect: Error { at: "SSNAPP events 2025.xlsx › Events › H1", says: "felt more confident" },
        },
        Mistake {
            class: "columns",
            name: "\"Participents\"",
            table: "focus groups",
            make: |f| f.focus_groups.rows[0][3] = t("Participents"),
            expect: Error { at: "focus groups 2025.xlsx › Focus groups › D1", says: "participants" },
        },
        Mistake {
            class: "columns",
            name: "\"Quantty\"",
            table: "distribution",
            make: |f| f.distribution.rows[0][1] = t("Quantty"),
            expect: Error { at: "distribution log 2025.xlsx › Distribution", says: "quantity" },
        },
        Mistake {
            class: "columns",
            name: "\"Residents\" shortened",
            table: "events",
            make: |f| f.events.rows[0][4] = t("Residents"),
            expect: Error { at: "SSNAPP events 2025.xlsx › Events › E1", says: "residents reached" },
        },
        // ---- cross-checks ----
        Mistake {
            class: "cross-checks",
            name: "an event's plans disagree with the distribution log",
            table: "events",
            make: |f| set(&mut f.events, 3, "Plans Distributed", n(53.)),
            expect: Warn { at: "SSNAPP events 2025.xlsx › Events › row 4", says: "distribution rows", change: &[] },
        },
        Mistake {
            class: "cross-checks",
            name: "the confident column sorted on its own",
            table: "events",
            make: |f| {
                let c = f.events.col("Felt More Confident");
                let mut values: Vec<Cell> = f.events.rows[1..].iter().map(|r| r[c].clone()).collect();
                values.sort_by(|a, b| num(b).total_cmp(&num(a)));
                for (r, v) in values.into_iter().enumerate() {
                    f.events.rows[r + 1][c] = v;
                }
            },
            expect: Error { at: "SSNAPP events 2025.xlsx › Events › H", says: "expected at most" },
        },
        Mistake {
            class: "cross-checks",
            name: "residents reached typed with an extra zero",
            table: "events",
            make: |f| set(&mut f.events, 8, "Residents Reached", n(4_500.)),
            expect: Warn {
                at: "SSNAPP events 2025.xlsx › Events › E9",
                says: "times",
                change: &[("report.residents_reached", 4_455), ("deck.residents", 4_455)],
            },
        },
        Mistake {
            class: "cross-checks",
            name: "a quantity typed with two extra zeros",
            table: "distribution",
            make: |f| set(&mut f.distribution, 9, "Quantity", n(4_000.)),
            expect: Warn {
                at: "distribution log 2025.xlsx › Distribution › B10",
                says: "times",
                change: &[("report.plans_year", 3_960), ("report.plans_total", 3_960), ("deck.plans", 3_960)],
            },
        },
        Mistake {
            class: "cross-checks",
            name: "focus-group participants typed as 600",
            table: "focus groups",
            make: |f| set(&mut f.focus_groups, 2, "Participants", n(600.)),
            expect: Warn { at: "focus groups 2025.xlsx › Focus groups › D3", says: "times", change: &[] },
        },
        // ---- more habits ----
        Mistake {
            class: "layout",
            name: "the header row pasted again mid-sheet with a new block",
            table: "events",
            make: |f| {
                let header = f.events.rows[0].clone();
                f.events.rows.insert(7, header);
            },
            expect: Same { ledger: "row 8 repeated header" },
        },
        Mistake {
            class: "layout",
            name: "blank rows between blocks of events",
            table: "events",
            make: |f| {
                f.events.rows.insert(5, vec![]);
                f.events.rows.insert(9, vec![]);
            },
            expect: Same { ledger: "row 6 blank" },
        },
        Mistake {
            class: "layout",
            name: "a note typed under the distribution log",
            table: "distribution",
            make: |f| f.distribution.rows.push(row!["Updated by staff in September"]),
            expect: Error { at: "distribution log 2025.xlsx › Distribution › A14", says: "Updated by staff" },
        },
        Mistake {
            class: "layout",
            name: "an activity entered twice",
            table: "activities",
            make: |f| {
                let row = f.activities.rows[4].clone();
                f.activities.rows.push(row);
            },
            expect: Same { ledger: "row 8 repeats row 5" },
        },
        Mistake {
            class: "layout",
            name: "a meeting entered twice",
            table: "meetings",
            make: |f| {
                let row = f.meetings.rows[2].clone();
                f.meetings.rows.push(row);
            },
            expect: Same { ledger: "row 4 repeats row 3" },
        },
    ]
}

fn num(cell: &Cell) -> f64 {
    match cell {
        Cell::Number(v) => *v,
        _ => 0.0,
    }
}

/// A row holding the sums of `table`'s numeric columns (other cells empty).
fn sums(table: &Table) -> Vec<Cell> {
    let width = table.rows[0].len();
    (0..width)
        .map(|c| {
            let data = &table.rows[1..];
            if data.iter().all(|r| matches!(r.get(c), Some(Cell::Number(_)))) {
                n(data.iter().map(|r| num(&r[c])).sum())
            } else {
                Cell::Empty
            }
        })
        .collect()
}

#[test]
fn the_base_folder_builds_with_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    Folder::base().write(dir.path());
    let out = build_json(dir.path());
    assert_ok(&out);
    let err = stderr(&out);
    assert!(!err.contains("warning"), "the base folder has warnings:\n{err}");
    let f = figures(&out);
    assert_eq!(f["report.year"], 2025);
    assert_eq!(f["report.events"], 12);
    assert_eq!(f["report.residents_reached"], 1350);
    assert_eq!(f["deck.events"], 10);
}

#[test]
fn every_staff_mistake_has_its_outcome() {
    let dir = tempfile::tempdir().unwrap();
    Folder::base().write(dir.path());
    let base = figures(&build_json(dir.path()));
    let all = mistakes();
    // At least 40, at least 3 in each class.
    assert!(all.len() >= 40, "{} mistakes", all.len());
    let mut classes: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &all {
        *classes.entry(m.class).or_default() += 1;
    }
    assert!(classes.values().all(|&k| k >= 3), "{classes:?}");
    let failures: Vec<String> = all.iter().filter_map(|m| try_mistake(m, &base)).collect();
    let mut by_outcome: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &all {
        *by_outcome
            .entry(match m.expect {
                Expect::Same { .. } => "same figures",
                Expect::Warn { .. } => "warning",
                Expect::Error { .. } => "error",
            })
            .or_default() += 1;
    }
    eprintln!("staff mistakes: {} in all; by class {classes:?}; by outcome {by_outcome:?}", all.len());
    assert!(failures.is_empty(), "{} of {} mistakes went wrong:\n\n{}", failures.len(), all.len(), failures.join("\n\n"));
}

#[test]
fn a_repeat_confirmed_in_wecoss_toml_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut folder = Folder::base();
    // Two sessions of one event on one day, with the same figures.
    let again = folder.events.rows[4].clone();
    folder.events.rows.push(again);
    folder.write(dir.path());
    let base = figures(&build_json(dir.path()));
    let out = build_json(dir.path());
    assert!(
        stderr(&out).contains("SSNAPP events 2025.xlsx › Events › row 14: row 14 repeats row 5 exactly, so it is counted once"),
        "{}",
        stderr(&out)
    );

    std::fs::write(dir.path().join("wecoss.toml"), "count_repeats = [\"SSNAPP events 2025.xlsx › Events › row 14\"]\n").unwrap();
    let out = build_json(dir.path());
    assert_ok(&out);
    let err = stderr(&out);
    assert!(!err.contains("counted once"), "{err}");
    let got = figures(&out);
    assert_eq!(got["report.events"], base["report.events"] + 1, "{err}");
    let check = run_at(dir.path(), &["check", "--inputs", "inputs"]);
    let text = format!("{}{}", stdout(&check), stderr(&check));
    assert!(
        text.contains("row 14 repeats row 5 exactly, and is counted: `count_repeats` in `wecoss.toml` says it is a record of its own"),
        "{text}"
    );
    assert!(text.contains("rows 2–14 counted (13)"), "{text}");

    // A confirmation that names no repeated row is said.
    std::fs::write(dir.path().join("wecoss.toml"), "count_repeats = [\"SSNAPP events 2025.xlsx › Events › row 12\"]\n").unwrap();
    let err = stderr(&build_json(dir.path()));
    assert!(
        err.contains("`count_repeats` names `SSNAPP events 2025.xlsx › Events › row 12`, but that is not a row that repeats another"),
        "{err}"
    );
}
