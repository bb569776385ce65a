//! `build`: everything for the most recent data: the decks of the most
//! recent meeting date (or `--meeting`) and the annual report of the most
//! recent year (or `--year` / `--fiscal`).

use std::path::PathBuf;

use super::{Error, deck, load, report};
use crate::args::BuildArgs;
use crate::figures::deck::latest_meeting;

/// Which documents to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Documents {
    /// The meeting decks.
    pub decks: bool,
    /// The annual report.
    pub report: bool,
}

impl Documents {
    /// Every document.
    pub const ALL: Documents = Documents { decks: true, report: true };
}

/// Runs `build`. A folder without meetings still gets its report, and one
/// without dated rows still gets its decks.
pub fn run(args: &BuildArgs) -> Result<Vec<PathBuf>, Error> {
    run_documents(args, Documents::ALL)
}

/// Builds the chosen documents (`watch` rebuilds only those a change affects).
pub fn run_documents(args: &BuildArgs, which: Documents) -> Result<Vec<PathBuf>, Error> {
    let (data, _) = load(&args.input)?;
    let mut written = Vec::new();
    let meeting = args.meeting.or_else(|| latest_meeting(&data));
    if !which.decks {
        // Not asked for.
    } else if let Some(date) = meeting {
        written.extend(deck::build_decks(&data, &args.input, &args.output, date, None, None)?);
    } else {
        warn(format_args!("no meetings table in the inputs; no deck was built"));
    }
    if !which.report {
        return Ok(written);
    }
    match report::resolve_year(&data, args.year) {
        Ok(year) => written.extend(report::build_report(&data, &args.input, &args.output, year, args.min_cell)?),
        Err(err) if meeting.is_some() => warn(format_args!("{err}; no report was built")),
        Err(err) => return Err(err),
    }
    Ok(written)
}

/// Prints a warning unless `--quiet`.
fn warn(message: std::fmt::Arguments<'_>) {
    if !crate::progress::quiet() {
        eprintln!("warning: {message}");
    }
}
