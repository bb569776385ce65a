//! `build`: everything for the current data: the decks of the next meeting
//! on or after today, or else the most recent one (or `--meeting`), and the
//! annual report of the most recent year (or `--year` / `--fiscal`).

use std::path::PathBuf;

use super::{Document, Error, deck, load_cached, produce_all, record_build, report, resolve_date, today};
use crate::args::{BuildArgs, DEFAULT_MIN_CELL};
use crate::figures::deck::default_meeting;
use crate::progress::warn;
use crate::tables::{Dataset, ReadCache};
use crate::templates::Templates;

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
    run_documents(args, Documents::ALL, None)
}

/// Builds the chosen documents (`watch` rebuilds only those a change
/// affects, and keeps the files read in `cache` from one build to the next).
pub fn run_documents(args: &BuildArgs, which: Documents, cache: Option<&mut ReadCache>) -> Result<Vec<PathBuf>, Error> {
    let (data, _) = load_cached(&args.input, &args.output, cache)?;
    let templates = Templates::new(args.output.templates.clone());
    let docs = documents(&data, args, &templates, which)?;
    // The documents compile in parallel and are written in this order.
    let written = produce_all(&docs, &templates, &args.output)?;
    record_build(&data, &args.input, &args.output, &written);
    Ok(written)
}

/// The documents `build` makes from `data`, figures computed, ready to
/// render: the decks first, then the report.
pub fn documents(data: &Dataset, args: &BuildArgs, templates: &Templates, which: Documents) -> Result<Vec<Document<'static>>, Error> {
    let mut docs = Vec::new();
    if which.decks && which.report {
        super::check_content_files(templates, &[&format!("{}/content.toml", deck::TEMPLATE), &format!("{}/content.toml", report::TEMPLATE)])?;
    }
    let meeting = match resolve_date("--meeting", args.meeting, args.input.date_order)? {
        Some(date) => Some(date),
        None => default_meeting(data, today()),
    };
    if !which.decks {
        // Not asked for.
    } else if let Some(date) = meeting {
        docs.extend(deck::deck_documents(data, &args.input, templates, date, None, None)?);
    } else {
        warn(format_args!("no meetings table in the inputs; no deck was built"));
    }
    if !which.report {
        return Ok(docs);
    }
    match report::resolve_year(data, args.year) {
        Ok(year) => docs.push(report::report_document(data, &args.input, templates, year, args.min_cell.unwrap_or(DEFAULT_MIN_CELL))?),
        Err(err) if meeting.is_some() => warn(format_args!("{err}; no report was built")),
        Err(err) => return Err(err),
    }
    Ok(docs)
}
