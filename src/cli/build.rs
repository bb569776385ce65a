//! `build`: everything for the current data: the decks of the next meeting
//! on or after today, or else the most recent one (or `--meeting`), and the
//! annual report of the most recent year (or `--year` / `--fiscal`).

use std::path::PathBuf;

use wecoss_report::pipeline::{DEFAULT_MIN_CELL, Error, Selection, Session, YearChoice};

use super::args::{BuildArgs, YearArgs};
use super::printer::Printer;
use super::{build_documents, resolve_date, today};

/// Runs `build`. A folder without meetings still gets its report, and one
/// without dated rows still gets its decks.
pub fn run(args: &BuildArgs, printer: &Printer) -> Result<Vec<PathBuf>, Error> {
    build_documents(&args.input, &args.output, &selection(args)?, &mut Session::new(), printer)
}

/// What `build` (and `watch`) make: both documents, for the meeting and
/// year asked for or the defaults.
pub fn selection(args: &BuildArgs) -> Result<Selection, Error> {
    Ok(Selection {
        meeting: resolve_date("--meeting", args.meeting.date, args.input.date_order)?,
        year: year_choice(args.year),
        min_cell: args.min_cell.unwrap_or(DEFAULT_MIN_CELL),
        ..Selection::all(today())
    })
}

/// `--year` or `--fiscal`, or the most recent year.
pub fn year_choice(args: YearArgs) -> YearChoice {
    match (args.year, args.fiscal) {
        (Some(y), _) => YearChoice::Calendar(y),
        (_, Some(y)) => YearChoice::Fiscal(y),
        _ => YearChoice::Latest,
    }
}
