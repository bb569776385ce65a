//! Stage 2: header matching, classification and typed, validated records.
//!
//! [`read_folder`] gives each file's sheets, row by row, to a [`TableReader`],
//! which finds each sheet's header row, decides which table kind
//! the sheet is, and reads its rows into records, collecting every bad cell
//! as a located error (file › sheet › cell, `found …, expected …`).

mod checks;
mod copies;
pub mod kinds;
pub mod privacy;
pub mod records;
mod stream;
mod survey;
pub use stream::{ReadCache, TableReader, read_bytes, read_folder, read_folder_cached};
pub use survey::capitalize;
pub mod values;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::{Diagnostics, Location};
use crate::ingest::{Cell, RawRow, RawSheet};
pub use kinds::{Kind, normalize};
pub use records::*;
use values::{DateOrder, TextDate};

/// How many rows from the top a header row may be.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// Options that change how values are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The order for numeric dates that no value in their column settles.
    pub date_order: Option<DateOrder>,
    /// Whether hidden and very hidden sheets are read (by default they are
    /// listed and skipped).
    pub include_hidden: bool,
}

/// What happened to one sheet, for `check` and "about the data".
#[derive(Debug, Clone, Serialize)]
pub struct SheetReport {
    /// The file, as displayed.
    pub file: String,
    /// The sheet, if the file has sheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The kind it was read as; `None` if skipped.
    pub kind: Option<Kind>,
    /// The one-based header row.
    pub header_row: Option<u32>,
    /// How many data rows became records.
    pub rows_used: usize,
    /// Headers that matched no column and were ignored.
    pub columns_ignored: Vec<String>,
    /// How many identifying or metadata columns were dropped (surveys).
    pub columns_dropped: usize,
    /// How many questions of each type a survey has (never their answers).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<QuestionType, usize>,
    /// The ignored headers with the accepted column name nearest to each,
    /// so a renamed column (`Plans Given Out`) can be named back.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns_unrecognised: Vec<Unrecognised>,
    /// Why the sheet's rows were not counted, other than its header: it is
    /// hidden, or a copy of another sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<Skipped>,
    /// For a sheet not read as a table: what it lacks to be each kind it
    /// comes close to (see [`NotATable::lacks`]).
    #[serde(skip)]
    pub(crate) lacks: Vec<(Kind, String)>,
}

impl SheetReport {
    /// A sheet with nothing read from it yet.
    pub(crate) fn new(file: &str, sheet: Option<&str>) -> Self {
        Self {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            kind: None,
            header_row: None,
            rows_used: 0,
            columns_ignored: Vec::new(),
            columns_dropped: 0,
            questions: BTreeMap::new(),
            columns_unrecognised: Vec::new(),
            skipped: None,
            lacks: Vec::new(),
        }
    }

    /// The sheet's location.
    pub fn location(&self) -> Location {
        Location::in_sheet(&self.file, self.sheet.as_deref())
    }
}

/// An ignored header of a recognised table, and the accepted column name
/// nearest to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unrecognised {
    /// The header as typed.
    pub header: String,
    /// Its cell, e.g. `C1`.
    pub cell: String,
    /// The nearest accepted name (a column's name or one of its aliases),
    /// if any is close.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest: Option<&'static str>,
}

/// Why a sheet's rows were not counted, though it may have a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum Skipped {
    /// A hidden sheet (read with `--include-hidden`).
    Hidden,
    /// A very hidden sheet, which Excel's menus cannot show (read with
    /// `--include-hidden`).
    VeryHidden,
    /// The same rows as another sheet, or the same bytes as another file,
    /// read before it: counted once, there.
    Copy {
        /// The other sheet (or file), as displayed.
        of: String,
    },
}

/// Every record read from an inputs folder, merged across sheets and files.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dataset {
    /// Community events.
    pub events: Vec<Event>,
    /// Plan distribution rows.
    pub distribution: Vec<Distribution>,
    /// Survey exports.
    pub surveys: Vec<Survey>,
    /// Focus-group sessions.
    pub focus_groups: Vec<FocusGroup>,
    /// Stakeholder organisations.
    pub stakeholders: Vec<Stakeholder>,
    /// Workplan activities.
    pub activities: Vec<Activity>,
    /// Action items.
    pub action_items: Vec<ActionItem>,
    /// Working-group meetings.
    pub meetings: Vec<Meeting>,
    /// What happened to each sheet.
    pub sheets: Vec<SheetReport>,
    /// Every file read, with its hash.
    pub files: Vec<crate::ingest::SourceFile>,
}

/// Parses a table kind's name as typed on the command line (`events`,
/// `focus groups`, `focus-groups`, `meeting`), with a `did you mean` for a
/// near miss.
pub fn kind_named(text: &str) -> Result<Kind, String> {
    let wanted = normalize(text);
    if let Some(kind) = Kind::ALL.into_iter().find(|k| k.name() == wanted || k.name().trim_end_matches('s') == wanted) {
        return Ok(kind);
    }
    let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
    let hint = crate::diag::did_you_mean(&wanted, names.iter().copied()).map(|n| format!("did you mean `{n}`? ")).unwrap_or_default();
    let all: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Err(format!("`{text}` is not a table kind; {hint}the kinds are {}", all.join(", ")))
}

/// Turns a sheet skipped for want of a header into an error when the last
/// build read it as a table: `last(sheet)` is the kind it was read as then.
/// (A header typo must not quietly drop a table that was counted before.)
pub fn apply_last_build(data: &Dataset, diags: &mut Diagnostics, last: impl Fn(&SheetReport) -> Option<Kind>) {
    for sheet in data.sheets.iter().filter(|s| s.kind.is_none() && s.skipped.is_none()) {
        let Some(kind) = last(sheet) else { continue };
        let location = sheet.location();
        if diags.of(crate::diag::Severity::Error).any(|d| d.location == location) {
            continue; // already an error: meant as a table by its name or columns
        }
        let lack = match sheet.lacks.iter().find(|(k, _)| *k == kind) {
            Some((_, lack)) => lack.clone(),
            None => {
                let required: Vec<String> = kind.columns().iter().filter(|c| c.required).map(|c| format!("`{}`", c.name)).collect();
                format!("has none of its columns {} in its first {HEADER_SEARCH_ROWS} rows", required.join(" and "))
            }
        };
        diags.retain(|d| !(d.location == location && d.severity == crate::diag::Severity::Warning && d.message.starts_with("skipped: ")));
        diags.error(
            location,
            format!(
                "not read: this sheet was read as `{}` in the last build of this folder, but now it {lack}{}",
                kind.name(),
                rename_hint(&lack)
            ),
        );
    }
}

/// The header row and column mapping found for a sheet.
pub(crate) struct Header {
    /// Position in `sheet.rows` of the header row.
    pub pos: usize,
    /// The kind.
    pub kind: Kind,
    /// For each column of the kind, its position in a row.
    pub columns: Vec<Option<usize>>,
    /// Headers not matched, with their positions.
    pub unmatched: Vec<(usize, String)>,
}

/// Why a sheet was not read as a table.
#[derive(Debug, Clone)]
pub(crate) struct NotATable {
    /// Why, as the warning (or error) says it.
    pub message: String,
    /// The kind the sheet is clearly meant as, and why that is thought: then
    /// the sheet is an error, not a skipped sheet (a header typo must not
    /// quietly drop a table).
    pub meant: Option<(Kind, String)>,
    /// For each kind the sheet comes close to (a column matched, or a header
    /// close to a required one), what it lacks: for the check against the
    /// last build ([`apply_last_build`]).
    pub lacks: Vec<(Kind, String)>,
}

/// Finds the header row and kind of a sheet, or explains why none fits.
fn detect(sheet: &RawSheet) -> Result<Header, NotATable> {
    // Per kind, its best near miss: (required matched, matched, non-empty
    // cells of that row).
    let mut near: [Option<(usize, usize, usize)>; Kind::ALL.len()] = [None; Kind::ALL.len()];
    for (pos, row) in sheet.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let headers: Vec<String> = row.cells.iter().map(|c| normalize(&c.display())).collect();
        let nonempty = headers.iter().filter(|h| !h.is_empty()).count();
        let mut candidates = Vec::new();
        for (k, kind) in Kind::ALL.into_iter().enumerate() {
            let mut columns = vec![None; kind.columns().len()];
            for (i, h) in headers.iter().enumerate() {
                if let Some(col) = kinds::match_column(kind, h) {
                    columns[col].get_or_insert(i);
                }
            }
            // Survey: `submitted` also accepts its aliases, the first present
            // in the order of `kinds::SUBMITTED` winning.
            if kind == Kind::Survey {
                columns[0] = kinds::SUBMITTED.iter().find_map(|name| headers.iter().position(|h| h == name));
            }
            let required = kind.columns().iter().zip(&columns).filter(|(c, m)| c.required && m.is_some()).count();
            let all_required = kind.columns().iter().filter(|c| c.required).count();
            let matched = columns.iter().filter(|m| m.is_some()).count();
            if required == all_required {
                candidates.push((matched, kind, columns));
            } else if matched > 0 && near[k].is_none_or(|(r, m, _)| (required, matched) > (r, m)) {
                near[k] = Some((required, matched, nonempty));
            }
        }
        if candidates.is_empty() {
            continue;
        }
        let best = candidates.iter().map(|c| c.0).max().unwrap_or(0);
        candidates.retain(|c| c.0 == best);
        if candidates.len() > 1 {
            let names = normalize(&sheet.names());
            let hinted: Vec<_> = candidates
                .iter()
                .filter(|(_, kind, _)| kind.name_hints().iter().any(|h| names.contains(h)))
                .collect();
            if hinted.len() != 1 {
                let kinds: Vec<String> = candidates.iter().map(|c| format!("`{}`", c.1.name())).collect();
                return Err(NotATable {
                    message: format!(
                        "skipped: its header (row {}) fits {} equally; put the kind in the sheet name, e.g. `{}`",
                        row.index + 1,
                        kinds.join(" and "),
                        candidates[0].1.name()
                    ),
                    meant: None,
                    lacks: Vec::new(),
                });
            }
            let kind = hinted[0].1;
            candidates.retain(|c| c.1 == kind);
        }
        let (_, kind, columns) = candidates.swap_remove(0);
        let unmatched = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !h.is_empty() && !columns.contains(&Some(*i)))
            .map(|(i, _)| (i, row.cells[i].display()))
            .collect();
        return Ok(Header { pos, kind, columns, unmatched });
    }
    // No header: for each kind it comes close to, what is missing.
    let mut lacks = Vec::new();
    let mut meant: Option<(usize, usize, Kind, String)> = None;
    let mut closest: Option<(usize, usize, Kind)> = None;
    for (k, kind) in Kind::ALL.into_iter().enumerate() {
        let named = name_says(sheet, kind);
        if near[k].is_none() && named.is_none() {
            continue;
        }
        let (missing, hints) = missing_columns(sheet, kind);
        let (required, matched, nonempty) = near[k].unwrap_or((0, 0, 0));
        if near[k].is_none() && hints.is_empty() {
            continue;
        }
        lacks.push((kind, format!("has no column {} in its first {HEADER_SEARCH_ROWS} rows{hints}", missing.join(" or "))));
        if near[k].is_some() && closest.is_none_or(|(r, m, _)| (required, matched) > (r, m)) {
            closest = Some((required, matched, kind));
        }
        // Clearly meant as this kind: its name says so and it has more than
        // a stray match, or most of its headers (four at least) are this
        // kind's columns.
        let columns_say = matched >= 4 && 2 * matched > nonempty;
        let why = if let Some(whose) = named.filter(|_| matched >= 2 || !hints.is_empty()) {
            Some(format!("its {whose} name says so"))
        } else {
            columns_say.then(|| format!("{matched} of its {nonempty} headers are `{}` columns", kind.name()))
        };
        if let Some(why) = why
            && meant.as_ref().is_none_or(|(r, m, _, _)| (required, matched) > (*r, *m))
        {
            meant = Some((required, matched, kind, why));
        }
    }
    if let Some((_, _, kind, why)) = meant {
        let lack = &lacks.iter().find(|(k, _)| *k == kind).expect("a kind meant lacks something").1;
        return Err(NotATable {
            message: format!("not read: this sheet is meant as `{}` ({why}) but {lack}{}", kind.name(), rename_hint(lack)),
            meant: Some((kind, why)),
            lacks,
        });
    }
    let message = match closest {
        Some((_, _, kind)) => {
            let lack = &lacks.iter().find(|(k, _)| *k == kind).expect("the closest kind lacks something").1;
            format!("skipped: it looks like `{}` but {lack}", kind.name())
        }
        None => format!("skipped: no row in its first {HEADER_SEARCH_ROWS} rows is a header of a known table kind"),
    };
    Err(NotATable { message, meant: None, lacks })
}

/// What to do about a missing column, unless a `did you mean` already says.
fn rename_hint(lack: &str) -> &'static str {
    if lack.ends_with('?') { "" } else { "; add that column, or fix its header, so the table is counted" }
}

/// The required columns of `kind` found in no header cell of the sheet's
/// first rows, each as `` `name` (or `alias`, …) ``, and the `did you mean`
/// hints of header cells close to one of them.
fn missing_columns(sheet: &RawSheet, kind: Kind) -> (Vec<String>, String) {
    let mut hints = String::new();
    let missing = kind
        .columns()
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            c.required
                && !sheet.rows.iter().take(HEADER_SEARCH_ROWS).any(|row| {
                    row.cells.iter().any(|cell| kinds::match_column(kind, &normalize(&cell.display())) == Some(*i))
                })
        })
        .map(|(_, c)| {
            if let Some((header, name)) = near_miss_header(sheet, kind, c) {
                hints.push_str(&format!("; the header `{header}` is close: did you mean `{name}`?"));
            }
            if c.aliases.is_empty() {
                format!("`{}`", c.name)
            } else {
                format!("`{}` (or {})", c.name, c.aliases.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", "))
            }
        })
        .collect();
    (missing, hints)
}

/// Whether the sheet's name says it is `kind` (`Events`, `Meetings 2025`):
/// `Some("sheet")` or, for a CSV or a sheet with a default name such as
/// `Sheet1`, `Some("file")` when the file name says so.
fn name_says(sheet: &RawSheet, kind: Kind) -> Option<&'static str> {
    let says = |name: &str| {
        let name = format!(" {}", normalize(name));
        kind.name_hints().iter().any(|h| name.contains(&format!(" {h}")))
    };
    let default_name = |name: &str| {
        let n = normalize(name);
        let word = n.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        matches!(word, "sheet" | "feuil" | "tabelle" | "hoja" | "foglio" | "blad" | "table")
    };
    match sheet.sheet.as_deref() {
        Some(name) if says(name) => Some("sheet"),
        Some(name) if !default_name(name) => None,
        _ => {
            let file = Path::new(&sheet.file).file_stem().and_then(|s| s.to_str()).unwrap_or("");
            says(file).then_some("file")
        }
    }
}

/// The ignored headers of a table other than a survey (whose other columns
/// are questions), each with the nearest accepted name of a column the
/// sheet does not have yet; `cell` locates a position in the header row.
fn unrecognised(header: &Header, cell: impl Fn(usize) -> Location) -> Vec<Unrecognised> {
    if header.kind == Kind::Survey {
        return Vec::new();
    }
    header
        .unmatched
        .iter()
        .map(|(pos, text)| Unrecognised {
            header: text.clone(),
            cell: cell(*pos).cell.unwrap_or_default(),
            nearest: nearest_name(header, text),
        })
        .collect()
}

/// The accepted name (a column's name or alias) nearest to `text`, among
/// the columns `header` has not matched: within half the longer one's
/// length in edits, or sharing a word of four letters or more with it.
fn nearest_name(header: &Header, text: &str) -> Option<&'static str> {
    let word = normalize(text);
    let length = word.chars().count();
    if length == 0 || length > 60 {
        return None;
    }
    let words: Vec<&str> = word.split(' ').filter(|w| w.len() >= 4).collect();
    let mut best: Option<(usize, &'static str)> = None;
    for (column, found) in header.kind.columns().iter().zip(&header.columns) {
        if found.is_some() {
            continue;
        }
        for name in std::iter::once(column.name).chain(column.aliases.iter().copied()) {
            let accepted = normalize(name);
            let distance = crate::diag::edit_distance(&word, &accepted);
            let shares = accepted.split(' ').any(|w| words.contains(&w));
            let close = distance <= length.max(accepted.chars().count()) / 2 || shares;
            if close && best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, name));
            }
        }
    }
    best.map(|(_, name)| name)
}

/// A header cell in the first rows of `sheet` that matches no column of
/// `kind` but is a near miss of `column`'s name or an alias (a typo such as
/// `Evnt Name`): the cell as typed, and the name it is close to.
fn near_miss_header(sheet: &RawSheet, kind: Kind, column: &kinds::Column) -> Option<(String, &'static str)> {
    let names = || std::iter::once(column.name).chain(column.aliases.iter().copied());
    sheet.rows.iter().take(HEADER_SEARCH_ROWS).flat_map(|row| &row.cells).find_map(|cell| {
        let text = cell.display();
        let word = normalize(&text);
        if word.len() < 3 || word.len() > 40 || kinds::match_column(kind, &word).is_some() {
            return None;
        }
        crate::diag::did_you_mean(&word, names()).map(|name| (text.trim().to_string(), name))
    })
}

/// Whether a row is a totals row: its first non-empty cell says `total`,
/// `totals`, `grand total` or `sum`, and it has no valid date.
fn is_totals_row(row: &RawRow, date_pos: Option<usize>, orders: &[ColumnDates], date_col: Option<usize>) -> bool {
    let Some(first) = row.cells.iter().find(|c| !c.is_empty()) else { return false };
    // Only text can say `total` (a date or number row is the common case).
    if !matches!(first, Cell::Text(_)) {
        return false;
    }
    let word = normalize(&first.display());
    if !matches!(word.as_str(), "total" | "totals" | "grand total" | "sum") {
        return false;
    }
    let has_date = match (date_pos, date_col) {
        (Some(pos), Some(col)) => row.cells.get(pos).is_some_and(|c| orders[col].read(c).is_ok()),
        _ => false,
    };
    !has_date
}

/// How one column's dates are read.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ColumnDates {
    /// The order for numeric dates.
    order: Option<DateOrder>,
    /// Whether the column's ambiguity was already reported.
    ambiguous: bool,
}

impl ColumnDates {
    /// Reads a date cell: a real date, an Excel serial, or text.
    pub(crate) fn read(&self, cell: &Cell) -> Result<chrono::NaiveDateTime, &'static str> {
        const EXPECTED: &str = "a date such as `2025-06-19` or `June 19, 2025`";
        match cell {
            Cell::DateTime(dt) => Ok(*dt),
            Cell::Number(n) => values::excel_serial_date(*n).ok_or(EXPECTED),
            Cell::Text(t) => values::parse_text_date(t).and_then(|d| d.resolve(self.order)).ok_or(EXPECTED),
            _ => Err(EXPECTED),
        }
    }
}

fn is_date_column(name: &str) -> bool {
    matches!(name, "date" | "start" | "due" | "meeting" | "submitted")
}

/// Reads one data row's cells into typed values, recording bad cells.
struct RowReader<'a> {
    sheet: &'a stream::SheetMeta,
    /// The header row.
    head: &'a RawRow,
    row: &'a RawRow,
    header: &'a Header,
    orders: &'a [ColumnDates],
    diags: &'a mut Diagnostics,
    /// Shared texts, for the fields of the many-rowed tables.
    texts: &'a mut Texts,
    ok: bool,
}

impl<'a> RowReader<'a> {
    fn col(&self, name: &str) -> (usize, Option<usize>) {
        let col = self.header.kind.columns().iter().position(|c| c.name == name).expect("known column");
        (col, self.header.columns[col])
    }

    fn cell(&self, name: &str) -> (Option<usize>, &'a Cell) {
        let (_, pos) = self.col(name);
        let row: &'a RawRow = self.row;
        (pos, pos.and_then(|p| row.cells.get(p)).unwrap_or(&Cell::Empty))
    }

    fn fail(&mut self, pos: usize, cell: &Cell, expected: &str) {
        self.ok = false;
        let found = values::found(cell);
        self.diags.error(self.sheet.cell_location(self.row.index, pos), format!("found {found}, expected {expected}"));
    }

    /// Parses an optional cell with `parse`; empty is `None`.
    fn parsed<T>(&mut self, name: &str, parse: impl Fn(&Cell) -> Result<T, &'static str>) -> Option<T> {
        let (pos, cell) = self.cell(name);
        let pos = pos?;
        if cell.is_empty() {
            return None;
        }
        match parse(cell) {
            Ok(v) => Some(v),
            Err(expected) => {
                self.fail(pos, cell, expected);
                None
            }
        }
    }

    /// Like [`Self::parsed`], but an empty cell is an error too.
    fn required<T>(&mut self, name: &str, what: &str, parse: impl Fn(&Cell) -> Result<T, &'static str>) -> Option<T> {
        let (pos, cell) = self.cell(name);
        if cell.is_empty() {
            if let Some(pos) = pos {
                self.fail(pos, &Cell::Empty, what);
            }
            return None;
        }
        self.parsed(name, parse)
    }

    fn text(&mut self, name: &str) -> Option<String> {
        let text = self.parsed(name, |c| match c {
            Cell::Error(_) => Err("text"),
            other => Ok(other.display()),
        })?;
        Some(self.shown(name, text))
    }

    fn required_text(&mut self, name: &str, what: &str) -> Option<String> {
        let text = self.required(name, what, |c| match c {
            Cell::Error(_) => Err("text"),
            other => Ok(other.display()),
        })?;
        Some(self.shown(name, text))
    }

    /// [`Self::text`] as a shared value: for the tables with many rows.
    fn shared_text(&mut self, name: &str) -> Option<Text> {
        let (pos, cell) = self.cell(name);
        match cell {
            // Printable as it is (no warning to give): the cell's own value.
            Cell::Text(t) if crate::glyphs::replace(t).is_none() => {
                pos?;
                Some(t.clone())
            }
            _ => self.text(name).map(|t| self.texts.take(t)),
        }
    }

    /// The text of a cell as it will print: characters no font can show are
    /// replaced, with a warning naming the cell (see [`crate::glyphs`]).
    fn shown(&mut self, name: &str, text: String) -> String {
        let (pos, _) = self.cell(name);
        let (sheet, row) = (self.sheet, self.row.index);
        crate::glyphs::checked(text, || sheet.cell_location(row, pos.unwrap_or(0)), self.diags)
    }

    fn date_with(&mut self, name: &str, what: Option<&str>) -> Option<NaiveDate> {
        let (col, pos) = self.col(name);
        let dates = self.orders[col];
        let cell = pos.and_then(|p| self.row.cells.get(p)).unwrap_or(&Cell::Empty);
        // An ambiguous value in an ambiguous column was reported once already.
        if dates.ambiguous
            && let Cell::Text(t) = cell
            && values::parse_text_date(t).is_some_and(|d: TextDate| !d.is_unambiguous())
        {
            self.ok = false;
            return None;
        }
        let read = |c: &Cell| dates.read(c).map(|dt| dt.date());
        match what {
            Some(what) => self.required(name, what, read),
            None => self.parsed(name, read),
        }
    }

    fn date(&mut self, name: &str) -> Option<NaiveDate> {
        self.date_with(name, None)
    }

    fn required_date(&mut self, name: &str) -> Option<NaiveDate> {
        self.date_with(name, Some("a date"))
    }

    fn count(&mut self, name: &str) -> Option<u64> {
        self.parsed(name, values::parse_count)
    }

    fn yes_no(&mut self, name: &str) -> Option<bool> {
        self.parsed(name, values::parse_yes_no).flatten()
    }

    fn source(&self) -> Source {
        Source { file: self.sheet.file_text.clone(), sheet: self.sheet.sheet_text.clone(), row: self.row.index + 1 }
    }

    /// Returns the record only if every cell of the row was valid.
    fn finish<T>(&self, record: Option<T>) -> Option<T> {
        record.filter(|_| self.ok)
    }

    /// `felt more confident`: a count, or a percentage of the row's
    /// `feedback responses` (`96%`, or `0.96` and `96` in a column whose
    /// header says `%` or `percent`), turned into a count.
    fn confident(&mut self, responses: Option<u64>) -> Option<u64> {
        let (pos, cell) = self.cell("felt more confident");
        let pos = pos?;
        let header = self.head.cells.get(pos).map(Cell::display).unwrap_or_default();
        let percent_column = header.contains('%') || normalize(&header).contains("percent");
        let is_percent = percent_column || matches!(cell, Cell::Text(t) if t.ends_with('%'));
        if !is_percent {
            return self.count("felt more confident");
        }
        if cell.is_empty() {
            return None;
        }
        let cell = cell.clone();
        match (values::parse_percent(&cell), responses) {
            (Ok(fraction), Some(n)) => Some((fraction * n as f64).round() as u64),
            (Ok(_), None) => {
                self.fail(pos, &cell, "a count, or a percentage in a row that has its `feedback responses`");
                None
            }
            (Err(expected), _) => {
                self.fail(pos, &cell, expected);
                None
            }
        }
    }

    fn event(&mut self) -> Option<Event> {
        let date = self.required_date("date");
        let name = self.required_text("event", "the event's name");
        let responses = self.count("feedback responses");
        let record = Event {
            municipality: self.text("municipality"),
            neighbourhood: self.text("neighbourhood"),
            location: self.text("location"),
            event_type: self.text("event type"),
            residents_reached: self.count("residents reached"),
            plans_distributed: self.count("plans distributed"),
            feedback_responses: responses,
            felt_more_confident: self.confident(responses),
            source: self.source(),
            date: date.unwrap_or_default(),
            name: name.clone().unwrap_or_default(),
        };
        if let (Some(confident), Some(responses)) = (record.felt_more_confident, record.feedback_responses)
            && confident > responses
        {
            let (pos, cell) = self.cell("felt more confident");
            let cell = cell.clone();
            self.fail(pos.unwrap_or(0), &cell, &format!("at most the {responses} feedback responses of this row"));
        }
        self.finish(date.and(name).map(|_| record))
    }

    fn distribution(&mut self) -> Option<Distribution> {
        let date = self.required_date("date");
        let quantity = self.required("quantity", "a number of plans", values::parse_count);
        let record = Distribution {
            date: date.unwrap_or_default(),
            quantity: quantity.unwrap_or_default(),
            plan: self.shared_text("plan"),
            municipality: self.shared_text("municipality"),
            channel: self.shared_text("channel"),
            event: self.shared_text("event"),
            organization: self.shared_text("organization"),
            source: self.source(),
        };
        self.finish(date.and(quantity).map(|_| record))
    }

    fn focus_group(&mut self) -> Option<FocusGroup> {
        let date = self.required_date("date");
        let group = self.required_text("group", "the group consulted");
        let themes = self
            .text("themes")
            .map(|t| t.split([';', ',', '\n']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default();
        let record = FocusGroup {
            date: date.unwrap_or_default(),
            group: group.clone().unwrap_or_default(),
            municipality: self.text("municipality"),
            participants: self.count("participants"),
            themes,
            source: self.source(),
        };
        self.finish(date.and(group).map(|_| record))
    }

    fn stakeholder(&mut self) -> Option<Stakeholder> {
        let organization = self.required_text("organization", "an organisation's name")?;
        let record = Stakeholder {
            organization,
            sector: self.text("sector"),
            municipality: self.text("municipality"),
            contacted: self.yes_no("contacted"),
            participated: self.yes_no("participated"),
            source: self.source(),
        };
        self.finish(Some(record))
    }

    fn activity(&mut self) -> Option<Activity> {
        let activity = self.required_text("activity", "a description of the activity");
        let status = self.required("status", "a status such as `completed`, `in progress` or `planned`", |c| {
            values::parse_status(&c.display())
        });
        let record = Activity {
            activity: activity.clone().unwrap_or_default(),
            status: status.unwrap_or(values::Status::Planned),
            project: self.text("project"),
            pillar: self.text("pillar"),
            start: self.date("start"),
            due: self.date("due"),
            owner: self.text("owner"),
            source: self.source(),
        };
        if let (Some(start), Some(due)) = (record.start, record.due)
            && due < start
        {
            let (pos, cell) = self.cell("due");
            let cell = cell.clone();
            self.fail(pos.unwrap_or(0), &cell, &format!("a due date on or after the start date ({start})"));
        }
        self.finish(activity.and(status).map(|_| record))
    }

    fn action_item(&mut self) -> Option<ActionItem> {
        let text = self.required_text("action item", "the action item's text")?;
        let record = ActionItem {
            text,
            meeting: self.date("meeting"),
            audience: self.text("audience"),
            source: self.source(),
        };
        self.finish(Some(record))
    }

    fn meeting(&mut self) -> Option<Meeting> {
        let date = self.required_date("date");
        let group = self.required_text("group", "the working group's name");
        let record = Meeting {
            date: date.unwrap_or_default(),
            group: group.clone().unwrap_or_default(),
            start: self.parsed("start time", values::parse_time),
            end: self.parsed("end time", values::parse_time),
            location: self.text("location"),
            title: self.text("title"),
            source: self.source(),
        };
        self.finish(date.and(group).map(|_| record))
    }
}
