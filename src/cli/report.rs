//! `report`: the annual report for a calendar or fiscal year.

use std::path::PathBuf;

use wecoss_report::pipeline::{DEFAULT_MIN_CELL, Error, Selection, Session};

use super::args::ReportArgs;
use super::build::year_choice;
use super::printer::Printer;
use super::{build_documents, today};

/// Runs `report`.
pub fn run(args: &ReportArgs, printer: &Printer) -> Result<Vec<PathBuf>, Error> {
    let selection = Selection {
        decks: false,
        year: year_choice(args.year),
        min_cell: args.min_cell.unwrap_or(DEFAULT_MIN_CELL),
        strict: true,
        ..Selection::all(today())
    };
    build_documents(&args.input, &args.output, &selection, &mut Session::new(), printer)
}
