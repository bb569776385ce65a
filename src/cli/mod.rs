//! The command line: one module per command, each a thin adapter from its
//! [`args`] to the library's pipeline ([`wecoss_report::pipeline`]). This
//! one holds what they share: the conversions, printing diagnostics and
//! errors, and the build every document-writing command runs.

pub mod args;
pub mod build;
pub mod check;
pub mod deck;
pub mod init;
pub mod meetings;
pub mod preview;
pub mod printer;
pub mod report;
pub mod start;
pub mod watch;

use std::path::PathBuf;

use chrono::NaiveDate;
use wecoss_report::pipeline::{self, DocumentOptions, Error, Inputs, Request, Run, Selection, Session};
use wecoss_report::settings::Settings;
use wecoss_report::tables::ReadOptions;
use wecoss_report::tables::values::{DateOrder, TextDate};

use args::{Command, DocumentArgs, InputArgs};
use printer::Printer;

impl From<&InputArgs> for Inputs {
    fn from(args: &InputArgs) -> Self {
        Inputs {
            dir: args.inputs.clone(),
            read: ReadOptions {
                date_order: args.date_order,
                include_hidden: args.include_hidden,
                // Dates after the build's date are warned about: the fixed
                // date of a reproducible build (`SOURCE_DATE_EPOCH`) when set.
                today: Some(
                    printer::source_date_epoch()
                        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
                        .map_or_else(today, |t| t.date_naive()),
                ),
                count_repeats: args.count_repeats.clone().into(),
            },
        }
    }
}

impl From<&DocumentArgs> for DocumentOptions {
    fn from(args: &DocumentArgs) -> Self {
        let mut formats = Vec::new();
        for format in &args.format {
            if !formats.contains(format) {
                formats.push(*format);
            }
        }
        DocumentOptions {
            dir: args.out.clone(),
            templates: args.templates.clone(),
            formats,
            draft: args.draft,
            pdf_standard: args.pdf_standard,
            allow_missing: args.allow_missing.clone(),
        }
    }
}

/// Runs one build ([`pipeline::build`]) of the documents `selection` asks
/// for, `printer` showing its progress and diagnostics, then prints the
/// figures asked for as JSON on stdout. Returns the paths written.
pub fn build_documents(
    input: &InputArgs,
    output: &DocumentArgs,
    selection: &Selection,
    session: &mut Session,
    printer: &Printer,
) -> Result<Vec<PathBuf>, Error> {
    build_documents_then(input, output, selection, session, printer, &mut |_| {})
}

/// [`build_documents`], showing the whole [`pipeline::Build`] (its
/// diagnostics, figures, row ledgers, and the error that stopped it, if one
/// did) to `seen` once it is done: the preview page follows each build so.
pub fn build_documents_then(
    input: &InputArgs,
    output: &DocumentArgs,
    selection: &Selection,
    session: &mut Session,
    printer: &Printer,
    seen: &mut dyn FnMut(&pipeline::Build),
) -> Result<Vec<PathBuf>, Error> {
    if !input.inputs.is_dir() {
        return Err(Error::NoInputs { dir: input.inputs.clone() });
    }
    let selection = Selection { langs: output.lang.clone(), ..selection.clone() };
    if selection.langs.len() > 1 {
        // The editions share their data: a warning about it is said once,
        // not once per language.
        printer.warn_once();
    }
    let timings = printer::typst_timings();
    let request = Request {
        inputs: Inputs::from(input),
        options: DocumentOptions::from(output),
        selection,
        run: Run { epoch: printer::source_date_epoch(), timings: timings.as_deref(), observer: printer },
    };
    let build = pipeline::build(&request, session);
    seen(&build);
    printer.keep(&build.diagnostics);
    if build.error.is_none() {
        printer.figures(&build.headline, &build.changes);
    }
    // The figures go to stdout (`--format json`), the other files to disk.
    if !build.json.is_empty() {
        printer::print_json(&build.json_output())?;
    }
    Ok(build.into_result()?.written)
}

/// A date given on the command line, settled with the date order (from
/// `--date-order` or the settings) when it reads either way.
pub fn resolve_date(flag: &str, date: Option<TextDate>, order: Option<DateOrder>) -> Result<Option<NaiveDate>, Error> {
    let Some(date) = date else { return Ok(None) };
    date.resolve(order).map(|dt| Some(dt.date())).ok_or_else(|| {
        let TextDate::Numeric { a, b, year, .. } = date else {
            return Error::Usage(format!("`{flag}` is not a date"));
        };
        Error::Usage(format!(
            "`{flag} {a:02}/{b:02}/{year}` reads as a day then a month or a month then a day; write it as `{year}-MM-DD`, or set `date_order = \"dmy\"` (or `\"mdy\"`) in `wecoss.toml` (`--date-order dmy` for one command)"
        ))
    })
}

/// Today: the clock's local date, or `WECOSS_TODAY` (`YYYY-MM-DD`) when
/// set, so that tests can fix it.
pub fn today() -> NaiveDate {
    std::env::var("WECOSS_TODAY")
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Fills what `command`'s flags left unset from the settings file: a flag
/// always wins.
pub fn apply_settings(settings: &Settings, command: &mut Command) {
    let output = match command {
        Command::Build(a) => Some(&mut a.output),
        Command::Deck(a) => Some(&mut a.output),
        Command::Report(a) => Some(&mut a.output),
        Command::Watch(a) => Some(&mut a.build.output),
        Command::Preview(a) => Some(&mut a.watch.build.output),
        Command::Check(_) | Command::Meetings(_) | Command::Init(_) => None,
    };
    if let Some(output) = output
        && output.lang.is_empty()
    {
        output.lang = settings.lang.clone().unwrap_or_else(|| vec![wecoss_report::locale::Lang::En]);
    }
    if let Command::Check(a) = command
        && a.lang.is_empty()
    {
        a.lang = settings.lang.clone().unwrap_or_default();
    }
    let input = match command {
        Command::Build(a) => Some((&mut a.input, Some(&mut a.min_cell))),
        Command::Deck(a) => Some((&mut a.input, None)),
        Command::Report(a) => Some((&mut a.input, Some(&mut a.min_cell))),
        Command::Check(a) => Some((&mut a.input, None)),
        Command::Watch(a) => Some((&mut a.build.input, Some(&mut a.build.min_cell))),
        Command::Preview(a) => Some((&mut a.watch.build.input, Some(&mut a.watch.build.min_cell))),
        Command::Meetings(a) => Some((&mut a.input, None)),
        Command::Init(_) => None,
    };
    if let Some((input, min_cell)) = input {
        input.date_order = input.date_order.or(settings.date_order);
        input.count_repeats = settings.count_repeats.clone();
        if let Some(min_cell) = min_cell {
            *min_cell = min_cell.or(settings.min_cell);
        }
    }
}

/// Whether `command` reads the settings file (all but `init`).
pub fn reads_settings(command: &Command) -> bool {
    !matches!(command, Command::Init(_))
}

/// Whether the command was asked for `--json` diagnostics.
pub fn json_wanted(command: &Command) -> bool {
    match command {
        Command::Build(args) => args.input.json,
        Command::Deck(args) => args.input.json,
        Command::Report(args) => args.input.json,
        Command::Check(args) => args.input.json,
        Command::Watch(args) => args.build.input.json,
        Command::Preview(args) => args.watch.build.input.json,
        Command::Meetings(args) => args.input.json,
        Command::Init(_) => false,
    }
}
