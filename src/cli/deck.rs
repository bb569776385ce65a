//! `deck`: the meeting deck for one date (one deck per group meeting then).

use std::path::PathBuf;

use wecoss_report::pipeline::{Error, Selection, Session};

use super::args::DeckArgs;
use super::printer::Printer;
use super::{build_documents, resolve_date, today};

/// Runs `deck`.
pub fn run(args: &DeckArgs, printer: &Printer) -> Result<Vec<PathBuf>, Error> {
    let order = args.input.date_order;
    let selection = Selection {
        report: false,
        meeting: resolve_date("--meeting", args.meeting.date, order)?,
        since: resolve_date("--since", args.since, order)?,
        group: args.group.clone(),
        strict: true,
        ..Selection::all(today())
    };
    build_documents(&args.input, &args.output, &selection, &mut Session::new(), printer)
}
