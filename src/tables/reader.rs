//! Sheets read into records as their rows arrive, so that no sheet is held
//! whole (see [`crate::ingest::SheetSink`]).
//!
//! A sheet's first rows are kept until its header is found (it must be in
//! the first [`HEADER_SEARCH_ROWS`]); after that each row becomes a record
//! as soon as it arrives, except while a date column's day/month order is
//! still open: a row whose date could read either way waits until a value
//! settles the order (or the sheet ends). A survey needs every answer to
//! tell a question's type, so its rows are kept, each distinct cell once.
//!
//! The records, located errors and their order are those of reading each
//! sheet whole: a column's date-order errors come before its rows' errors.

use super::dates::DateScan;
use super::ledger::{Bucket, TotalsRule};
use super::sheet::SheetMeta;
use super::survey_rows::{CellNumbers, SurveyRows, SurveyState};
use super::*;
use crate::ingest::SheetSink;

/// Reads sheets into a [`Dataset`] row by row: the tables stage as an
/// [`ingest::SheetSink`](crate::ingest::SheetSink).
pub struct TableReader {
    options: ReadOptions,
    data: Dataset,
    diags: Diagnostics,
    texts: Texts,
    sheet: Option<SheetState>,
}

struct SheetState {
    meta: SheetMeta,
    phase: Phase,
}

enum Phase {
    /// The first rows, until the header is found.
    Head(Vec<RawRow>),
    /// No header: the rest is ignored.
    Skipped,
    /// A table other than a survey.
    Table(Box<TableState>),
    /// A survey, kept until it ends.
    Survey(Box<SurveyState>),
}

impl TableReader {
    /// A reader with nothing read yet.
    pub fn new(options: ReadOptions) -> Self {
        Self { options, data: Dataset::default(), diags: Diagnostics::new(), texts: Texts::default(), sheet: None }
    }

    /// The records and the diagnostics of the sheets read (one file's, to be
    /// merged with the others').
    pub(super) fn into_parts(mut self) -> (Dataset, Diagnostics) {
        // A vector grown row by row holds up to twice its records; a large
        // one gives the rest back in place.
        let d = &mut self.data;
        d.events.shrink_to_fit();
        d.distribution.shrink_to_fit();
        d.focus_groups.shrink_to_fit();
        d.stakeholders.shrink_to_fit();
        d.activities.shrink_to_fit();
        d.action_items.shrink_to_fit();
        d.meetings.shrink_to_fit();
        (self.data, self.diags)
    }

    /// Decides the header of the current sheet from its first rows.
    fn decide(&mut self) {
        let Some(state) = self.sheet.as_mut() else { return };
        if !matches!(state.phase, Phase::Head(_)) {
            return;
        }
        let Phase::Head(rows) = std::mem::replace(&mut state.phase, Phase::Skipped) else { return };
        let meta = &state.meta;
        if rows.is_empty() {
            return;
        }
        let raw = RawSheet { file: meta.file.clone(), sheet: meta.sheet.clone(), first_col: meta.first_col, rows };
        let header = match detect(&raw) {
            Ok(h) => h,
            Err(not) => {
                match not.meant {
                    Some(_) => self.diags.error(meta.location(), not.message),
                    None => self.diags.add(crate::diag::Diagnostic::warning(crate::diag::Kind::SkippedSheet, meta.location(), not.message)),
                }
                let mut report = SheetReport::new(&meta.file, meta.sheet.as_deref());
                report.lacks = not.lacks;
                self.data.sheets.push(report);
                return;
            }
        };
        if header.unmatched.len() > MAX_OTHER_COLUMNS {
            self.diags.error(
                meta.location().at_row(raw.rows[header.pos].index + 1),
                format!(
                    "this {} table has {} columns besides its own, more than the limit of {} (for a survey, {} questions); the sheet was not read",
                    header.kind.name(),
                    crate::words::thousands(header.unmatched.len() as i64),
                    crate::words::thousands(MAX_OTHER_COLUMNS as i64),
                    crate::words::thousands(MAX_OTHER_COLUMNS as i64),
                ),
            );
            return;
        }
        let head_index = raw.rows[header.pos].index;
        let mut report = SheetReport::new(&meta.file, meta.sheet.as_deref());
        report.kind = Some(header.kind);
        report.header_row = Some(head_index + 1);
        report.columns = header.columns.iter().map(|p| p.map(|p| meta.first_col + p as u32)).collect();
        report.columns_ignored = header.unmatched.iter().map(|(_, h)| h.clone()).collect();
        report.columns_unrecognised = unrecognised(&header, |pos| meta.cell_location(head_index, pos));
        for (pos, text) in &header.unmatched {
            if let Some(name) = super::header::misspelt(&header, text) {
                self.diags.error(
                    meta.cell_location(head_index, *pos),
                    format!(
                        "the header `{}` is not a column name of `{}`, so its figures would not be counted; did you mean `{name}`? Rename the header to `{name}` (or, if the column is something else, to a name that does not look like it)",
                        text.trim(),
                        header.kind.name()
                    ),
                );
            }
        }
        for &(col, first, other) in &header.duplicates {
            let head = &raw.rows[header.pos];
            let shown = |pos: usize| head.cells.get(pos).map(|c| c.display().trim().to_string()).unwrap_or_default();
            let first_cell = meta.cell_location(head_index, first).cell.unwrap_or_default();
            self.diags.error(
                meta.cell_location(head_index, other),
                format!(
                    "the header `{}` names the column `{}` again (`{}` in {first_cell} names it too), and the tool will not pick one; if one holds the French text, end its header with `(FR)`, e.g. `{} (FR)`; otherwise rename or remove one",
                    shown(other),
                    header.kind.columns()[col].name,
                    shown(first),
                    shown(first)
                ),
            );
        }
        for row in &raw.rows[..header.pos] {
            report.ledger.push(row.index + 1, Bucket::AboveHeader);
        }
        report.ledger.push(head_index + 1, Bucket::Header);
        let mut rows = raw.rows;
        if header.kind == Kind::Survey {
            // A cell right of every header (and of SurveyMonkey's second
            // header row) answers no question: it is not kept.
            let width = rows[header.pos..].iter().take(2).map(|r| r.cells.len()).max().unwrap_or(0);
            let mut survey = SurveyState { rows: SurveyRows { width, ..SurveyRows::default() }, header, report };
            for row in rows {
                survey.rows.push(row);
            }
            state.phase = Phase::Survey(Box::new(survey));
            return;
        }
        let rest = rows.split_off(header.pos + 1);
        let head = rows.swap_remove(header.pos);
        let mut table = TableState::new(header, head, report, self.options.clone());
        for row in rest {
            table.row(row, meta, &mut self.data, &mut self.texts);
        }
        state.phase = Phase::Table(Box::new(table));
    }
}

impl SheetSink for TableReader {
    fn start_sheet(&mut self, file: &str, sheet: Option<&str>, first_col: u32) {
        let meta = SheetMeta {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            first_col,
            file_text: self.texts.get(file),
            sheet_text: sheet.map(|s| self.texts.get(s)),
        };
        self.sheet = Some(SheetState { meta, phase: Phase::Head(Vec::new()) });
    }

    fn row(&mut self, row: RawRow) {
        let Some(state) = self.sheet.as_mut() else { return };
        match &mut state.phase {
            Phase::Head(rows) => {
                rows.push(row);
                // One row past the search: a survey's second header row.
                if rows.len() > HEADER_SEARCH_ROWS {
                    self.decide();
                }
            }
            Phase::Skipped => {}
            Phase::Table(table) => table.row(row, &state.meta, &mut self.data, &mut self.texts),
            Phase::Survey(survey) => survey.rows.push(row),
        }
    }

    fn read_hidden(&self) -> bool {
        self.options.include_hidden
    }

    fn hidden_sheet(&mut self, file: &str, sheet: &str, very: bool) {
        let mut report = SheetReport::new(file, Some(sheet));
        report.skipped = Some(if very { Skipped::VeryHidden } else { Skipped::Hidden });
        self.data.sheets.push(report);
    }

    fn skipped_sheet(&mut self, file: &str, sheet: &str, why: &str) {
        self.diags
            .note(Location::sheet(file, sheet), format!("{why}, skipped: it holds no data this tool reads; the other sheets are read"));
    }

    fn end_sheet(&mut self) {
        self.decide();
        let Some(state) = self.sheet.take() else { return };
        match state.phase {
            Phase::Head(_) | Phase::Skipped => {}
            Phase::Table(mut table) => {
                table.finish(&state.meta, &mut self.data, &mut self.texts, &mut self.diags);
                self.data.sheets.push(table.report);
            }
            Phase::Survey(survey) => {
                let SurveyState { mut rows, header, mut report } = *survey;
                rows.numbers = CellNumbers::default();
                survey::read_survey(
                    &state.meta,
                    &rows,
                    &header,
                    self.options.clone(),
                    &mut self.data,
                    &mut report,
                    &mut self.diags,
                    &mut self.texts,
                );
                self.data.sheets.push(report);
            }
        }
    }
}

/// The most columns a table may have besides its kind's own (a survey's
/// questions, or columns ignored): more is a located error.
pub const MAX_OTHER_COLUMNS: usize = 1_000;

/// A table other than a survey, past its header.
struct TableState {
    header: Header,
    /// The header row.
    head: RawRow,
    /// For each column of the kind, how its dates are being read.
    scans: Vec<Option<DateScan>>,
    /// The orders as known so far.
    orders: Vec<ColumnDates>,
    /// Rows waiting for a date column's order.
    pending: Vec<RawRow>,
    /// The rows' diagnostics, which follow the date-order ones.
    row_diags: Diagnostics,
    report: SheetReport,
    options: ReadOptions,
    /// The last row read, held until the next comes: the last row of a
    /// sheet may be a totals row that only its numbers show.
    held: Option<RawRow>,
    /// The sums of the counted rows' numbers, by position in the row: all
    /// of them, and those since the last totals row.
    sums: Sums,
}

/// Column sums of the rows counted so far, to recognise and reconcile
/// totals rows.
#[derive(Default)]
struct Sums {
    /// By position: every counted row's numbers.
    all: Vec<f64>,
    /// By position: since the last totals row.
    block: Vec<f64>,
    /// How many rows are in `all`.
    rows: usize,
    /// The positions that take part: the kind's count columns ([`SUMMED`]).
    positions: Vec<usize>,
}

impl Sums {
    fn add(&mut self, row: &RawRow) {
        for &pos in &self.positions {
            if let Some(n) = row.cells.get(pos).and_then(number) {
                for sums in [&mut self.all, &mut self.block] {
                    if sums.len() <= pos {
                        sums.resize(pos + 1, 0.0);
                    }
                    sums[pos] += n;
                }
            }
        }
        self.rows += 1;
    }

    /// The row's numbers, by position, where the kind has a summed column.
    fn numbers(&self, row: &RawRow) -> Vec<(usize, f64)> {
        self.positions.iter().filter_map(|&pos| row.cells.get(pos).and_then(number).map(|n| (pos, n))).collect()
    }

    /// Whether every number of `row` equals the sum of its column over all
    /// the counted rows, or over those since the last totals row; `None`
    /// when the row has no number. With the first number that matches
    /// neither, and both sums.
    fn reconcile(&self, row: &RawRow) -> (Option<bool>, Option<(usize, f64, f64)>) {
        let numbers = self.numbers(row);
        if numbers.is_empty() {
            return (None, None);
        }
        let sum = |sums: &Vec<f64>, pos: usize| sums.get(pos).copied().unwrap_or(0.0);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6 * a.abs().max(1.0);
        for sums in [&self.all, &self.block] {
            if numbers.iter().all(|&(pos, n)| close(n, sum(sums, pos))) {
                return (Some(true), None);
            }
        }
        let first = numbers.iter().find(|&&(pos, n)| !close(n, sum(&self.all, pos))).map(|&(pos, n)| (pos, n, sum(&self.all, pos)));
        (Some(false), first)
    }
}

/// The columns a totals row adds up: the counts.
const SUMMED: [&str; 6] =
    ["residents reached", "plans distributed", "feedback responses", "felt more confident", "quantity", "participants"];

/// A cell's number: a number cell, or text that reads as one (`1,420`).
fn number(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => values::grouped_number(t),
        _ => None,
    }
}

impl TableState {
    fn new(header: Header, head: RawRow, report: SheetReport, options: ReadOptions) -> Self {
        let scans = header
            .kind
            .columns()
            .iter()
            .zip(&header.columns)
            .map(|(spec, pos)| pos.filter(|_| is_date_column(spec.name)).map(DateScan::new))
            .collect::<Vec<_>>();
        let orders = scans.iter().map(|_| ColumnDates { order: options.date_order, ambiguous: false }).collect();
        let positions = header
            .kind
            .columns()
            .iter()
            .zip(&header.columns)
            .filter(|(spec, _)| SUMMED.contains(&spec.name))
            .filter_map(|(_, pos)| *pos)
            .collect();
        let sums = Sums { positions, ..Sums::default() };
        Self { header, head, scans, orders, pending: Vec::new(), row_diags: Diagnostics::new(), report, options, held: None, sums }
    }

    /// Whether some date column has a value that reads either way and no
    /// value yet that settles its order.
    fn open(&self) -> bool {
        self.scans.iter().flatten().any(DateScan::open)
    }

    fn row(&mut self, row: RawRow, meta: &SheetMeta, data: &mut Dataset, texts: &mut Texts) {
        if row.index == self.head.index + 1
            && crate::blank::is_hint(row.cells.iter().map(Cell::display).collect::<Vec<_>>().iter().map(String::as_str))
        {
            self.report.ledger.push(row.index + 1, Bucket::Hint);
            self.row_diags.note(meta.location().at_row(row.index + 1), "a blank workbook's hint row (every cell starts `e.g.`): skipped");
            return;
        }
        for (col, scan) in self.scans.iter_mut().enumerate() {
            if let Some(scan) = scan
                && scan.observe(&row, meta)
            {
                self.orders[col].order = scan.order(self.options.clone());
            }
        }
        if self.pending.is_empty() && !self.open() {
            self.read(row, meta, data, texts);
            return;
        }
        // A waiting row keeps only the cells under the header.
        let mut row = row;
        row.cells.truncate(self.head.cells.len());
        self.pending.push(row);
        if !self.open() {
            for row in std::mem::take(&mut self.pending) {
                self.read(row, meta, data, texts);
            }
        }
    }

    /// Settles the orders, reads the rows still waiting, and adds the
    /// sheet's diagnostics to `diags`.
    fn finish(&mut self, meta: &SheetMeta, data: &mut Dataset, texts: &mut Texts, diags: &mut Diagnostics) {
        for (col, scan) in self.scans.iter_mut().enumerate() {
            if let Some(scan) = scan {
                self.orders[col] = scan.settle(meta, self.options.clone());
            }
        }
        for row in std::mem::take(&mut self.pending) {
            self.read(row, meta, data, texts);
        }
        if let Some(last) = self.held.take() {
            self.take(last, true, meta, data, texts);
        }
        for scan in self.scans.iter_mut().flatten() {
            diags.extend(std::mem::take(&mut scan.diags));
        }
        diags.extend(std::mem::take(&mut self.row_diags));
    }

    /// Takes one data row: the row before it is read now (the last row of
    /// the sheet waits for the end, see [`TableState::held`]).
    fn read(&mut self, row: RawRow, meta: &SheetMeta, data: &mut Dataset, texts: &mut Texts) {
        if let Some(before) = self.held.replace(row) {
            self.take(before, false, meta, data, texts);
        }
    }

    /// Whether `row` is the header row again: every column of the kind
    /// holds its header's words.
    fn is_header_again(&self, row: &RawRow) -> bool {
        let mut known = self.header.columns.iter().flatten().peekable();
        known.peek().is_some()
            && known.all(|&pos| {
                let head = self.head.cells.get(pos).map(Cell::display).unwrap_or_default();
                !head.is_empty() && row.cells.get(pos).is_some_and(|c| normalize(&c.display()) == normalize(&head))
            })
    }

    /// Reads one data row into a record, or skips it for a named reason,
    /// and records which in the sheet's ledger. `last`: the sheet's last row.
    fn take(&mut self, row: RawRow, last: bool, meta: &SheetMeta, data: &mut Dataset, texts: &mut Texts) {
        let row = &row;
        let number = row.index + 1;
        let at = meta.location().at_row(number);
        if self.is_header_again(row) {
            self.report.ledger.push(number, Bucket::RepeatedHeader);
            self.row_diags.note(at, "the header row again: skipped");
            return;
        }
        let header = &self.header;
        let date_col = header.kind.columns().iter().position(|c| c.name == "date");
        if is_totals_row(row, date_col.and_then(|c| header.columns[c]), &self.orders, date_col) {
            let (matches, off) = self.sums.reconcile(row);
            self.report.ledger.push(number, Bucket::Totals { rule: TotalsRule::Label, matches });
            match off {
                Some((pos, says, sum)) => self.row_diags.warning(
                    meta.cell_location(row.index, pos),
                    format!(
                        "this totals row says {} but the rows above add up to {}; totals rows are never counted, but one of the two is wrong",
                        crate::words::thousands(says as i64),
                        crate::words::thousands(sum as i64)
                    ),
                ),
                None => self.row_diags.note(at, "totals row skipped; it is not counted"),
            }
            self.sums.block.iter_mut().for_each(|s| *s = 0.0);
            return;
        }
        if last && self.sums.rows >= 2 {
            let numbers = self.sums.numbers(row);
            if numbers.iter().any(|&(_, n)| n != 0.0) && self.sums.reconcile(row).0 == Some(true) {
                self.report.ledger.push(number, Bucket::Totals { rule: TotalsRule::Sums, matches: Some(true) });
                self.row_diags.note(at, "totals row skipped (its numbers are the sums of the rows above); it is not counted");
                return;
            }
        }
        let mut reader =
            RowReader { sheet: meta, head: &self.head, row, header, orders: &self.orders, diags: &mut self.row_diags, texts, ok: true };
        let used = match header.kind {
            Kind::Events => reader.event().map(|r| data.events.push(r)),
            Kind::Distribution => reader.distribution().map(|r| data.distribution.push(r)),
            Kind::FocusGroups => reader.focus_group().map(|r| data.focus_groups.push(r)),
            Kind::Stakeholders => reader.stakeholder().map(|r| data.stakeholders.push(r)),
            Kind::Activities => reader.activity().map(|r| data.activities.push(r)),
            Kind::ActionItems => reader.action_item().map(|r| data.action_items.push(r)),
            Kind::Meetings => reader.meeting().map(|r| data.meetings.push(r)),
            Kind::Translations => reader.translation().map(|r| data.translations.push(r)),
            Kind::Survey => None,
        };
        if used.is_some() {
            data.translations.extend(reader.french());
            self.report.rows_used += 1;
            self.report.ledger.push(number, Bucket::Counted);
            self.sums.add(row);
        } else {
            self.report.ledger.push(number, Bucket::Error);
        }
    }
}
