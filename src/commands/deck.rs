//! `deck`: the meeting deck for one date (one deck per group meeting then).

use std::path::PathBuf;

use chrono::NaiveDate;
use serde_json::json;

use super::{Document, Error, content_file, load, produce_all, record_build, resolve_date, slug, today};
use crate::args::{DeckArgs, InputArgs, OutputArgs};
use crate::figures::deck::{self, DeckSettings};
use crate::tables::Dataset;
use crate::templates::Templates;

/// The deck's template folder.
pub const TEMPLATE: &str = "meeting-deck";

/// Runs `deck`.
pub fn run(args: &DeckArgs) -> Result<Vec<PathBuf>, Error> {
    let order = args.input.date_order;
    let meeting = resolve_date("--meeting", args.meeting, order)?;
    let since = resolve_date("--since", args.since, order)?;
    let (data, _) = load(&args.input, &args.output)?;
    let date = match meeting.or_else(|| deck::default_meeting(&data, today())) {
        Some(date) => date,
        None => return Err(crate::figures::FiguresError::NoMeetings.into()),
    };
    let written = build_decks(&data, &args.input, &args.output, date, args.group.as_deref(), since)?;
    record_build(&data, &args.input, &args.output, &written);
    Ok(written)
}

/// Builds the decks of every group meeting on `date` (or of `group` only).
pub fn build_decks(
    data: &Dataset,
    input: &InputArgs,
    output: &OutputArgs,
    date: NaiveDate,
    group: Option<&str>,
    since: Option<NaiveDate>,
) -> Result<Vec<PathBuf>, Error> {
    let templates = Templates::new(output.templates.clone());
    let docs = deck_documents(data, input, &templates, date, group, since)?;
    produce_all(&docs, &templates, output)
}

/// The deck documents for every group meeting on `date` (or of `group`
/// only): their figures, ready to render.
pub fn deck_documents(
    data: &Dataset,
    input: &InputArgs,
    templates: &Templates,
    date: NaiveDate,
    group: Option<&str>,
    since: Option<NaiveDate>,
) -> Result<Vec<Document<'static>>, Error> {
    let content_path = format!("{TEMPLATE}/content.toml");
    let content = content_file(templates, &content_path)?;
    let settings: DeckSettings = serde_json::from_value(content.clone())
        .map_err(|e| Error::Content { file: templates.display(&content_path), detail: e.to_string() })?;
    let meetings = deck::meetings_on(data, date, group)?;
    let several = meetings.len() > 1;
    let mut docs = Vec::new();
    for meeting in meetings {
        let mut diags = crate::diag::Diagnostics::new();
        let figures = deck::compute(data, meeting, since, &settings, &mut diags);
        if !input.json {
            super::print_diagnostics(&diags, crate::diag::Severity::Warning);
        }
        let mut name = format!("{TEMPLATE}-{date}");
        if several {
            name = format!("{name}-{}", slug(&meeting.group));
        }
        let mut context = serde_json::to_value(&figures).map_err(std::io::Error::other)?;
        context["content"] = content.clone();
        context["generator"] = json!({ "name": "wecoss-report", "version": env!("CARGO_PKG_VERSION") });
        docs.push(Document { template: TEMPLATE, name, context, date });
    }
    Ok(docs)
}
