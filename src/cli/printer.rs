//! The one place the command line prints what the library tells: every
//! diagnostic (as text on stderr, or with `--json` as one JSON document on
//! stdout), errors, the files written, and progress (a bar and spinners on
//! stderr, only when stderr is a terminal and not `--quiet`; timings with
//! `--verbose`). The library itself never prints: it returns diagnostics
//! and tells a [`pipeline::Observer`] of its progress.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use wecoss_report::diag::{Diagnostics, Severity, shown_lines, shown_path};
use wecoss_report::pipeline::{self, Error, Event};

/// How much to print besides results and errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Results and errors only: no progress, no warnings.
    Quiet,
    /// Warnings too, and progress when stderr is a terminal.
    Normal,
    /// Notes and timings too.
    Verbose,
}

/// The most distinct warnings remembered; past it, the set starts afresh.
const SEEN_LIMIT: usize = 10_000;

/// The warnings shown so far, when each is said once, and how many repeats
/// of them were held back since last asked.
#[derive(Debug, Default)]
struct Seen {
    shown: HashSet<String>,
    hidden: usize,
}

/// Prints for one run of the command line.
pub struct Printer {
    /// How much to print.
    pub verbosity: Verbosity,
    /// Whether diagnostics go to stdout as JSON (`--json`).
    pub json: bool,
    /// With `--json`, the warnings to print with the result.
    pending: Mutex<Diagnostics>,
    /// When each warning is said once (`watch`, bilingual builds): those said.
    seen: Mutex<Option<Seen>>,
    /// The bar of files read.
    bar: Mutex<Option<Progress>>,
    /// The spinner of documents compiled.
    spinner: Mutex<Option<Progress>>,
}

impl Printer {
    /// A printer at `verbosity`, with diagnostics as JSON when `json`.
    pub fn new(verbosity: Verbosity, json: bool) -> Self {
        Printer { verbosity, json, pending: Mutex::default(), seen: Mutex::default(), bar: Mutex::default(), spinner: Mutex::default() }
    }

    /// Whether `--quiet` was given.
    pub fn quiet(&self) -> bool {
        self.verbosity == Verbosity::Quiet
    }

    /// Whether `--verbose` was given.
    pub fn verbose(&self) -> bool {
        self.verbosity == Verbosity::Verbose
    }

    /// Prints a line on stderr with `--verbose` only.
    pub fn detail(&self, message: impl std::fmt::Display) {
        if self.verbose() {
            eprintln!("{message}");
        }
    }

    /// Prints a line about the command's own progress on stderr, unless
    /// `--quiet`.
    pub fn say(&self, message: impl std::fmt::Display) {
        if !self.quiet() {
            eprintln!("{message}");
        }
    }

    /// The headline figures a build published, and what changed in them
    /// since the last build and which rows changed it, on stderr (not with
    /// `--quiet` or `--json`).
    pub fn figures(&self, headline: &[wecoss_report::figures::headline::Figure], changes: &[String]) {
        if self.json || headline.is_empty() {
            return;
        }
        self.say(format!("figures: {}", wecoss_report::figures::headline::summary(headline)));
        for change in changes {
            self.say(format!("changed since the last build: {}", shown_lines(change)));
        }
    }

    /// From now on, each warning (or note) is printed once: `watch`
    /// rebuilds again and again, and a warning that still applies is not
    /// repeated on every rebuild; a bilingual build's editions share their
    /// data, and a warning about it is said once, not once per language.
    pub fn warn_once(&self) {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(Seen::default);
    }

    /// How many repeated warnings were held back since the last call.
    pub fn take_hidden_warnings(&self) -> usize {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).as_mut().map(|s| std::mem::take(&mut s.hidden)).unwrap_or(0)
    }

    /// Whether a warning or note, as printed (`line`), is to be printed now:
    /// never with `--quiet`; once only after [`Printer::warn_once`].
    fn show_warning(&self, line: &str) -> bool {
        if self.quiet() {
            return false;
        }
        let mut guard = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let Some(seen) = guard.as_mut() else { return true };
        if seen.shown.len() >= SEEN_LIMIT {
            seen.shown.clear();
        }
        if seen.shown.insert(line.to_string()) {
            true
        } else {
            seen.hidden += 1;
            false
        }
    }

    /// The diagnostics of a whole build, with `--json`: kept for the JSON
    /// result (as text, they were printed as they were found, see
    /// [`Event::Found`]).
    pub fn keep(&self, diags: &Diagnostics) {
        if self.json {
            self.pending.lock().unwrap_or_else(|e| e.into_inner()).extend(diags.iter().cloned());
        }
    }

    /// Forgets the warnings kept for `--json` (a `watch` rebuild that
    /// printed its result).
    pub fn clear(&self) {
        *self.pending.lock().unwrap_or_else(|e| e.into_inner()) = Diagnostics::new();
    }

    /// Prints diagnostics of at least `min` severity to stderr, notes first,
    /// then warnings, then errors, one per line. `--quiet` leaves only
    /// errors; `--verbose` adds notes. After [`Printer::warn_once`], a
    /// warning or note already printed is not printed again; errors always
    /// are.
    pub fn print_diagnostics(&self, diags: &Diagnostics, min: Severity) {
        let min = match self.verbosity {
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
                if severity == Severity::Error || self.show_warning(&line) {
                    let _ = writeln!(err, "{line}");
                    // A library's own words, for those who ask (`--verbose`).
                    if let Some(detail) = d.detail.as_deref().filter(|_| self.verbose()) {
                        let _ = writeln!(err, "  detail: {}", shown_lines(detail));
                    }
                }
            }
        }
    }

    /// The files a build wrote: their paths on stdout, one per line, or with
    /// `--json` the build's result (the paths and every diagnostic) as JSON.
    pub fn written(&self, paths: &[PathBuf]) -> Result<(), Error> {
        if self.json {
            let diagnostics = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
            let errors = diagnostics.errors();
            let diagnostics = for_json(&diagnostics, self.verbose());
            return print_json(&serde_json::json!({ "written": paths, "diagnostics": diagnostics, "errors": errors }));
        }
        for p in paths {
            println!("{}", shown_path(p));
        }
        Ok(())
    }

    /// Prints an error of any command: the located diagnostics it carries,
    /// then (with `--json`) the error and the warnings found before it as
    /// JSON on stdout, then the error in plain words on stderr.
    pub fn error(&self, err: &Error) {
        match err {
            Error::Data { diagnostics } | Error::MissingTables { diagnostics, .. } if !self.json => {
                self.print_diagnostics(diagnostics, Severity::Warning)
            }
            _ => {}
        }
        if self.json {
            let mut diagnostics: Diagnostics = err.diagnostics().into();
            diagnostics.extend(std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner())));
            let errors = diagnostics.errors();
            let diagnostics = for_json(&diagnostics, self.verbose());
            let _ = print_json(&serde_json::json!({ "diagnostics": diagnostics, "errors": errors }));
        }
        eprintln!("error: {}", shown_lines(&err.to_string()));
    }
}

/// Diagnostics as `--json` gives them: an input's detail (a library's own
/// words about a file it could not read) only with `--verbose`, as in the
/// text output.
pub fn for_json(diags: &Diagnostics, verbose: bool) -> Diagnostics {
    let mut diags = diags.clone();
    if !verbose {
        for d in diags.iter_mut().filter(|d| d.kind == wecoss_report::diag::Kind::Input) {
            d.detail = None;
        }
    }
    diags
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json(value: &impl Serialize) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::other)?;
    writeln!(out)?;
    Ok(())
}

impl pipeline::Observer for Printer {
    fn event(&self, event: Event<'_>) {
        let lock = |slot: &'_ Mutex<Option<Progress>>| -> Option<Progress> { slot.lock().unwrap_or_else(|e| e.into_inner()).take() };
        match event {
            Event::Reading { dir, done, total } => {
                let mut bar = self.bar.lock().unwrap_or_else(|e| e.into_inner());
                bar.get_or_insert_with(|| Progress::bar(self, total as u64, format!("reading `{}`", shown_path(dir))))
                    .set(done as u64, total as u64);
            }
            Event::Read => drop(lock(&self.bar)),
            Event::Compiling(names) => {
                let spinner = Progress::spinner(self, format!("compiling {}", names.join(", ")));
                *self.spinner.lock().unwrap_or_else(|e| e.into_inner()) = Some(spinner);
            }
            Event::Compiled => drop(lock(&self.spinner)),
            Event::Waiting(dir) => self.say(format_args!("waiting for another build that is writing to `{}/` to finish", shown_path(dir))),
            Event::Timing(line) => self.detail(line),
            // Warnings (notes with `--verbose`) as soon as they are found;
            // with `--json` they go with the result.
            Event::Found(diags) if !self.json => self.print_diagnostics(diags, Severity::Warning),
            Event::Found(_) => {}
        }
    }
}

/// The timestamp of every document from `SOURCE_DATE_EPOCH`, when set.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok())
}

/// The file Typst's timings are written to, from `WECOSS_TYPST_TIMINGS`.
pub fn typst_timings() -> Option<PathBuf> {
    std::env::var_os("WECOSS_TYPST_TIMINGS").map(PathBuf::from)
}

/// A spinner or progress bar on stderr, drawn only when stderr is a terminal
/// and not `--quiet`; otherwise it does nothing. It disappears when dropped.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    fn shown(printer: &Printer) -> bool {
        !printer.quiet() && std::io::stderr().is_terminal()
    }

    /// A spinner with a message, e.g. `compiling meeting-deck-2025-10-07`.
    pub fn spinner(printer: &Printer, message: impl Into<String>) -> Self {
        if !Self::shown(printer) {
            return Self(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(ProgressStyle::with_template("{spinner} {msg} {elapsed}").unwrap_or_else(|_| ProgressStyle::default_spinner()));
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        Self(Some(bar))
    }

    /// A bar counting `len` steps, e.g. files read.
    pub fn bar(printer: &Printer, len: u64, message: impl Into<String>) -> Self {
        if !Self::shown(printer) {
            return Self(None);
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:24}] {pos}/{len}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(message.into());
        Self(Some(bar))
    }

    /// Sets the length and position of a bar.
    pub fn set(&self, pos: u64, len: u64) {
        if let Some(bar) = &self.0 {
            bar.set_length(len);
            bar.set_position(pos);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
