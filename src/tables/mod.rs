//! Stage 2: header matching, classification and typed, validated records.
//!
//! [`read_folder`] gives each file's sheets, row by row, to a [`TableReader`],
//! which finds each sheet's header row, decides which table kind
//! the sheet is, and reads its rows into records, collecting every bad cell
//! as a located error (file › sheet › cell, `found …, expected …`).

mod checks;
mod copies;
mod dates;
mod folder;
mod header;
pub mod kinds;
pub mod ledger;
pub mod plausible;
pub mod privacy;
mod reader;
pub mod records;
mod rows;
mod sheet;
pub mod staff_text;
mod survey;
mod survey_rows;
pub mod variants;
pub use folder::{ReadCache, read_bytes, read_folder, read_folder_cached};
pub use reader::TableReader;
// Shared by the stage's files (each `use super::*`).
use dates::{ColumnDates, is_date_column};
use header::{Header, detect, is_totals_row, rename_hint, unrecognised};
use rows::RowReader;
pub use survey::capitalize;
pub mod values;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diag::{Diagnostics, Location};
use crate::ingest::{Cell, RawRow, RawSheet};
pub use kinds::{Kind, normalize};
pub use ledger::{Bucket, Ledger, TotalsRule};
pub use records::*;
use values::{DateOrder, TextDate};

/// How many rows from the top a header row may be.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// Options that change how values are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The order for numeric dates that no value in their column settles.
    pub date_order: Option<DateOrder>,
    /// Whether hidden and very hidden sheets are read (by default they are
    /// listed and skipped).
    pub include_hidden: bool,
    /// Today, for the warning about dates after it (none when not given).
    pub today: Option<NaiveDate>,
    /// Rows that repeat another row exactly but are records of their own,
    /// as staff confirmed them in `wecoss.toml` (`count_repeats`): each as
    /// a warning names it, `file › sheet › row N` (or `rows N–M`); they
    /// are counted.
    pub count_repeats: std::sync::Arc<[String]>,
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
    /// What became of every row, from the sheet's first to its last.
    pub ledger: Ledger,
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
    /// For each column of its kind, its zero-based column in the sheet.
    #[serde(skip)]
    pub(crate) columns: Vec<Option<u32>>,
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
            ledger: Ledger::default(),
            columns_ignored: Vec::new(),
            columns_dropped: 0,
            questions: BTreeMap::new(),
            columns_unrecognised: Vec::new(),
            skipped: None,
            lacks: Vec::new(),
            columns: Vec::new(),
        }
    }

    /// The zero-based sheet column of its kind's column `name`, if it has one.
    pub fn column_of(&self, name: &str) -> Option<u32> {
        let kind = self.kind?;
        kind.columns().iter().zip(&self.columns).find(|(c, _)| c.name == name).and_then(|(_, col)| *col)
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

impl Skipped {
    /// Why the sheet's rows were not counted, as `check` and the preview
    /// page say it: `hidden, skipped (`--include-hidden` reads it)`.
    pub fn describe(&self) -> String {
        match self {
            Skipped::Hidden => "hidden, skipped (`--include-hidden` reads it)".to_string(),
            Skipped::VeryHidden => "very hidden, skipped (`--include-hidden` reads it)".to_string(),
            Skipped::Copy { of } => format!("skipped, a copy of `{of}` (counted there)"),
        }
    }
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
    /// The French of texts of the data: from French columns and
    /// `translations` tables.
    pub translations: Vec<Translation>,
    /// What happened to each sheet.
    pub sheets: Vec<SheetReport>,
    /// Every file read, with its hash.
    pub files: Vec<crate::ingest::SourceFile>,
    /// The rows whose dates are out of place (see [`plausible`]): they make
    /// no year of their own.
    #[serde(skip)]
    pub out_of_place: std::collections::HashSet<plausible::RowAt>,
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
        diags.retain(|d| !(d.location == location && d.kind == crate::diag::Kind::SkippedSheet));
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
