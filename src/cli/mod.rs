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
pub mod report;
pub mod watch;

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;
use wecoss_report::diag::{Diagnostics, Severity, shown_lines, shown_path};
use wecoss_report::pipeline::{self, Error, Format, Inputs, Outputs, Selection, Session};
use wecoss_report::progress::{self, Verbosity};
use wecoss_report::settings::Settings;
use wecoss_report::tables::ReadOptions;
use wecoss_report::tables::values::{DateOrder, TextDate};

use args::{Command, InputArgs, OutputArgs};

impl From<&InputArgs> for Inputs {
    fn from(args: &InputArgs) -> Self {
        Inputs { dir: args.inputs.clone(), read: ReadOptions { date_order: args.date_order, include_hidden: args.include_hidden } }
    }
}

impl From<&OutputArgs> for Outputs {
    fn from(args: &OutputArgs) -> Self {
        let mut formats = Vec::new();
        for format in &args.format {
            if !formats.contains(format) {
                formats.push(*format);
            }
        }
        Outputs {
            dir: args.out.clone(),
            templates: args.templates.clone(),
            formats,
            draft: args.draft,
            pdf_standard: args.pdf_standard,
            allow_missing: args.allow_missing.clone(),
        }
    }
}

/// Loads the inputs, makes the documents `selection` asks for, writes them
/// (figures as JSON go to stdout) and records the build; diagnostics and
/// warnings are printed on the way. Returns the paths written.
pub fn build_documents(
    input: &InputArgs,
    output: &OutputArgs,
    selection: &Selection,
    session: &mut Session,
) -> Result<Vec<PathBuf>, Error> {
    let inputs = Inputs::from(input);
    let outputs = Outputs::from(output);
    // A killed build's temporary files go first, even if this one fails.
    if !outputs.figures_only() {
        wecoss_report::output::clear_stale_temps(&outputs.dir)
            .map_err(|source| wecoss_report::output::OutputError::Write { path: outputs.dir.clone(), source })?;
    }
    let (data, diags) = pipeline::load(&inputs, &outputs, session)?;
    if !input.json {
        print_diagnostics(&diags, Severity::Warning);
    }
    let templates = outputs.templates();
    let selection = Selection { langs: output.lang.clone(), ..selection.clone() };
    if selection.langs.len() > 1 {
        // The editions share their data: a warning about it is said once,
        // not once per language.
        progress::warn_once();
    }
    let docs = pipeline::documents(&data, &selection, &templates, &inputs.dir)?;
    if let Some(doc) = docs.first()
        && docs.iter().all(|d| outputs.formats.iter().all(|f| !f.applies_to(d.template)))
    {
        // Asked for only in a format none of these documents has.
        let (format, other) = match outputs.formats.first() {
            Some(Format::Html) => ("HTML", "the annual report has one: `wecoss-report report --format html`"),
            _ => ("PowerPoint", "the meeting deck has one: `wecoss-report deck --format pptx`"),
        };
        return Err(Error::Usage(format!("`{}` has no {format} edition; {other}", doc.template)));
    }
    if !input.json {
        for doc in &docs {
            print_diagnostics(&doc.diagnostics, Severity::Warning);
        }
    }
    let made = pipeline::produce_all(&docs, &templates, &outputs, session);
    for output in &made {
        for warning in &output.warnings {
            progress::warn(format_args!("{}: {warning}", output.name));
        }
    }
    // The figures go to stdout (`--format json`), the other files to disk.
    let mut made = made;
    if outputs.formats.contains(&Format::Json) {
        let mut stdout = std::io::stdout().lock();
        for output in &mut made {
            if let Ok(files) = &mut output.files {
                for (_, bytes) in files.extract_if(.., |(path, _)| path.extension().is_some_and(|e| e == "json")) {
                    stdout.write_all(&bytes)?;
                }
            }
        }
    }
    if outputs.figures_only() {
        for output in made {
            output.files?;
        }
        return Ok(Vec::new());
    }
    let written = pipeline::write(made)?;
    pipeline::record_build(&data, &inputs.dir, &outputs.dir, &written);
    Ok(written)
}

/// Prints an error of any command, as the one renderer of diagnostics does:
/// the located diagnostics it carries, then (with `--json`) the error as
/// JSON on stdout, then the error in plain words on stderr.
pub fn print_error(err: &Error, json: bool) {
    match err {
        Error::Data { diagnostics } if !json => print_diagnostics(diagnostics, Severity::Warning),
        Error::MissingTables { diagnostics, .. } if !json => print_diagnostics(diagnostics, Severity::Warning),
        _ => {}
    }
    if json {
        let _ = print_json(&err.to_json());
    }
    eprintln!("error: {}", shown_lines(&err.to_string()));
}

/// Prints diagnostics of at least `min` severity to stderr, warnings first,
/// one per line. `--quiet` leaves only errors; `--verbose` adds notes. In
/// `watch`, a warning or note already printed is not printed again (see
/// [`progress::warn_once`]); errors always are.
pub fn print_diagnostics(diags: &Diagnostics, min: Severity) {
    let min = match progress::level() {
        Verbosity::Quiet => Severity::Error,
        Verbosity::Normal => min,
        Verbosity::Verbose => Severity::Note,
    };
    let mut err = std::io::stderr().lock();
    for severity in [Severity::Note, Severity::Warning, Severity::Error] {
        if severity < min {
            continue;
        }
        for d in diags.of(severity) {
            let line = d.to_string();
            if severity == Severity::Error || progress::show_warning(&line) {
                let _ = writeln!(err, "{line}");
                // A library's own words (a parser's error), for engineers.
                if let Some(detail) = d.detail.as_deref().filter(|_| progress::verbose()) {
                    let _ = writeln!(err, "  detail: {}", shown_lines(detail));
                }
            }
        }
    }
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json(value: &impl Serialize) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}

/// Prints the paths written, one per line, on stdout.
pub fn report_written(paths: &[PathBuf]) {
    for p in paths {
        println!("{}", shown_path(p));
    }
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
            "`{flag} {a:02}/{b:02}/{year}` reads as a day then a month or a month then a day; write it as `{year}-MM-DD`, or give `--date-order dmy` (or `mdy`, or set `date_order` in `wecoss.toml`)"
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
        Command::Check(_) | Command::Meetings(_) | Command::Init(_) => None,
    };
    if let Some(output) = output
        && output.lang.is_empty()
    {
        output.lang = settings.lang.clone().unwrap_or_else(|| vec![wecoss_report::locale::Lang::En]);
    }
    let input = match command {
        Command::Build(a) => Some((&mut a.input, Some(&mut a.min_cell))),
        Command::Deck(a) => Some((&mut a.input, None)),
        Command::Report(a) => Some((&mut a.input, Some(&mut a.min_cell))),
        Command::Check(a) => Some((&mut a.input, None)),
        Command::Watch(a) => Some((&mut a.build.input, Some(&mut a.build.min_cell))),
        Command::Meetings(a) => Some((&mut a.input, None)),
        Command::Init(_) => None,
    };
    if let Some((input, min_cell)) = input {
        input.date_order = input.date_order.or(settings.date_order);
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
        Command::Meetings(args) => args.input.json,
        Command::Init(_) => false,
    }
}
