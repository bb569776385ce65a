//! One module per command; this one holds what they share: loading the
//! inputs, the error type that reaches `main`, and the render → compile →
//! write steps every document goes through.

pub mod build;
pub mod check;
pub mod deck;
pub mod init;
pub mod last_build;
pub mod meetings;
pub mod watch;
pub mod report;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::args::{Format, InputArgs, OutputArgs};
use crate::compile::{self, CompileError};
use crate::diag::{Diagnostics, Severity};
use crate::figures::FiguresError;
use crate::output::{self, OutputError};
use crate::progress::{self, Progress, Verbosity};
use crate::render::{self, RenderError, Rendered};
use crate::tables::{self, Dataset, ReadCache, ReadOptions};
use crate::tables::values::{DateOrder, TextDate};
use crate::templates::{TemplateError, Templates};

/// Everything that can stop a command, from any stage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs have errors (already printed).
    #[error("{count} error{} in the inputs; nothing was built (run `wecoss-report check` for the full list)", if *count == 1 { "" } else { "s" })]
    Data {
        /// How many errors.
        count: usize,
    },
    /// Figures could not be computed.
    #[error(transparent)]
    Figures(#[from] FiguresError),
    /// A template file could not be read.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A content file has mistakes (syntax, unknown keys, wrong types).
    #[error(transparent)]
    ContentFile(#[from] crate::content::Problems),
    /// Several content files have mistakes: each is named, in one run.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\nerror: "))]
    ContentFiles(Vec<crate::content::Problems>),
    /// A content file's values do not fit the document's settings.
    #[error("{file}: {detail}")]
    Content {
        /// The content file.
        file: String,
        /// What is wrong.
        detail: String,
    },
    /// The template could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Typst could not compile or export.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// A file could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A folder could not be watched.
    #[error("cannot watch `{path}`: {detail}")]
    Watch {
        /// The folder.
        path: String,
        /// Why.
        detail: String,
    },
    /// `watch` was started where there is no inputs folder.
    #[error("there is no inputs folder `{}` here; run `wecoss-report init` to make one (with the templates), or name yours with `--inputs`", crate::diag::shown_path(dir))]
    NoInputs {
        /// The folder looked for.
        dir: PathBuf,
    },
    /// JSON could not be written to stdout.
    #[error("cannot write to stdout: {0}")]
    Stdout(#[from] std::io::Error),
    /// The settings file is malformed.
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    /// A value on the command line cannot be used.
    #[error("{0}")]
    Usage(String),
    /// Tables that had rows in the last build have none now: the documents
    /// were not replaced.
    #[error("{}", missing_message(kinds, inputs, out))]
    MissingTables {
        /// The kinds gone, with their rows in the last build.
        kinds: Vec<last_build::Gone>,
        /// The inputs folder, as typed.
        inputs: String,
        /// The output folder, as typed.
        out: String,
    },
}

/// Why the documents were not replaced, and how to go on.
fn missing_message(kinds: &[last_build::Gone], inputs: &str, out: &str) -> String {
    let each: Vec<String> = kinds
        .iter()
        .map(|g| format!("`{}` ({} row{})", g.kind.name(), g.rows, if g.rows == 1 { "" } else { "s" }))
        .collect();
    let names: Vec<&str> = kinds.iter().map(|g| g.kind.name()).collect();
    let flag = names.iter().map(|n| if n.contains(' ') { format!("\"{n}\"") } else { n.to_string() }).collect::<Vec<_>>().join(",");
    format!(
        "the last build of `{inputs}` counted rows of {} and now {} none, so the documents in `{out}` were not replaced (a renamed header or a moved file would print zeros); run `wecoss-report check` to see how each sheet was read, and if the table was removed on purpose, build again with `--allow-missing {flag}`",
        each.join(", "),
        if kinds.len() == 1 { "it has" } else { "they have" },
    )
}

impl Error {
    /// The process's exit code for this error: 2 for a usage mistake (a
    /// missing inputs folder, a bad option or settings file), 1 for
    /// anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::NoInputs { .. } | Error::Usage(_) | Error::Settings(_) => 2,
            _ => 1,
        }
    }

    /// The error as machine-readable diagnostics, for `--json`: the same
    /// shape as `check --json` (`severity`, `location`, `message`), with the
    /// template file and line in `location` for template and Typst errors.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let diagnostics: Vec<serde_json::Value> = match self {
            Error::Compile(CompileError::Typst(errors)) => errors
                .diagnostics
                .iter()
                .map(|d| {
                    let mut v = json!({ "severity": d.severity, "kind": "typst", "message": d.message });
                    if let Some(t) = &d.template {
                        v["location"] = json!({ "file": t.file, "template": t.path, "line": t.line });
                    }
                    if let Some(file) = &d.file {
                        v["typst"] = json!({ "file": file, "line": d.line, "column": d.column });
                    }
                    if !d.hints.is_empty() {
                        v["hints"] = json!(d.hints);
                    }
                    v
                })
                .collect(),
            Error::Render(RenderError::Template { file, line, detail }) => {
                let message = detail.lines().next().unwrap_or_default();
                vec![json!({ "severity": "error", "kind": "template", "location": { "file": file, "line": line }, "message": message, "detail": detail })]
            }
            Error::ContentFile(problems) => content_json(std::slice::from_ref(problems)),
            Error::ContentFiles(files) => content_json(files),
            Error::Content { file, detail } => {
                vec![json!({ "severity": "error", "kind": "content", "location": { "file": file }, "message": detail })]
            }
            other => {
                let kind = match other {
                    Error::Data { .. } | Error::MissingTables { .. } => "data",
                    Error::Settings(_) => "settings",
                    Error::Usage(_) => "usage",
                    Error::Figures(_) => "figures",
                    Error::Template(_) => "template",
                    Error::Compile(_) => "export",
                    Error::Output(_) | Error::Stdout(_) => "output",
                    _ => "error",
                };
                vec![json!({ "severity": "error", "kind": kind, "message": other.to_string() })]
            }
        };
        json!({ "diagnostics": diagnostics, "errors": diagnostics.len() })
    }
}

/// Reads and types every input for documents to be written to `out`,
/// printing diagnostics (warnings always, errors too); returns the data
/// only if there were no errors and no table that the last build of the
/// folder counted is gone (see [`last_build`]).
pub fn load(input: &InputArgs, out: &OutputArgs) -> Result<(Dataset, Diagnostics), Error> {
    load_cached(input, out, None)
}

/// [`load`], taking unchanged files from `cache` (see [`ReadCache`]).
pub fn load_cached(input: &InputArgs, out: &OutputArgs, cache: Option<&mut ReadCache>) -> Result<(Dataset, Diagnostics), Error> {
    let last = last_build::read(&out.out, &input.inputs);
    let (data, diags) = read_inputs_against(input, last.as_ref(), cache);
    if !input.json {
        print_diagnostics(&diags, Severity::Warning);
    }
    if diags.has_errors() {
        if input.json {
            print_json(&serde_json::json!({ "diagnostics": diags }))?;
        }
        return Err(Error::Data { count: diags.of(Severity::Error).count() });
    }
    // Nothing is replaced for JSON: it goes to stdout.
    if let Some(last) = last.filter(|_| !out.only(Format::Json)) {
        let gone = last.gone(&last_build::LastBuild::of(&data, &input.inputs), &out.allow_missing);
        if !gone.is_empty() {
            return Err(Error::MissingTables {
                kinds: gone,
                inputs: input.inputs.display().to_string(),
                out: out.out.display().to_string(),
            });
        }
    }
    Ok((data, diags))
}

/// Records what `data` held as the last build of `input`'s folder into
/// `out`, once documents were written there (a failure is a warning: the
/// documents are written).
pub fn record_build(data: &Dataset, input: &InputArgs, out: &OutputArgs, written: &[PathBuf]) {
    if written.is_empty() {
        return;
    }
    let build = last_build::LastBuild::of(data, &input.inputs);
    if let Err(err) = last_build::write(&out.out, &input.inputs, build)
        && !progress::quiet()
    {
        eprintln!("warning: {err}; the next build cannot compare its tables with this one");
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

/// Reads and types every input, without printing.
pub fn read_inputs(input: &InputArgs) -> (Dataset, Diagnostics) {
    read_inputs_cached(input, None)
}

/// [`read_inputs_cached`], then compared with the last build of the folder:
/// a sheet read as a table then and skipped now is an error (see
/// [`tables::apply_last_build`]).
pub fn read_inputs_against(
    input: &InputArgs,
    last: Option<&last_build::LastBuild>,
    cache: Option<&mut ReadCache>,
) -> (Dataset, Diagnostics) {
    let (data, mut diags) = read_inputs_cached(input, cache);
    if let Some(last) = last {
        tables::apply_last_build(&data, &mut diags, |sheet| last.kind_of(&input.inputs, sheet));
    }
    (data, diags)
}

/// [`read_inputs`], taking unchanged files from `cache` (see [`ReadCache`]).
pub fn read_inputs_cached(input: &InputArgs, mut cache: Option<&mut ReadCache>) -> (Dataset, Diagnostics) {
    let started = Instant::now();
    let mut bar = None;
    // Each sheet is typed row by row as it is read; none is held whole.
    let options = ReadOptions { date_order: input.date_order, include_hidden: input.include_hidden };
    let (data, diags) = tables::read_folder_cached(&input.inputs, options, cache.as_deref_mut(), &mut |i, n, _| {
        bar.get_or_insert_with(|| Progress::bar(n as u64, format!("reading `{}`", crate::diag::shown_path(&input.inputs)))).set(i as u64, n as u64)
    });
    drop(bar);
    let reused = cache.map_or(0, |c| c.reused());
    progress::detail(format_args!(
        "read {} file{} from `{}` in {:.2} s{}",
        data.files.len(),
        if data.files.len() == 1 { "" } else { "s" },
        crate::diag::shown_path(&input.inputs),
        started.elapsed().as_secs_f64(),
        if reused > 0 { format!(" ({reused} unchanged since the last build)") } else { String::new() }
    ));
    (data, diags)
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

/// One document to produce.
pub struct Document<'a> {
    /// The template folder, e.g. `meeting-deck`.
    pub template: &'a str,
    /// The output file stem, e.g. `meeting-deck-2025-10-07`.
    pub name: String,
    /// What the template receives.
    pub context: serde_json::Value,
    /// The document's date, for the PDF timestamp and Typst's `today()`.
    pub date: NaiveDate,
}

/// Renders, compiles and writes a document in the chosen format. Returns the
/// files written (none for JSON, which goes to stdout).
pub fn produce(doc: &Document<'_>, templates: &Templates, out: &OutputArgs) -> Result<Vec<PathBuf>, Error> {
    if out.wants(Format::Json) {
        print_json(&doc.context)?;
        if out.only(Format::Json) {
            return Ok(Vec::new());
        }
    }
    let spinner = Progress::spinner(format!("compiling {}", doc.name));
    let (warnings, made) = make(doc, templates, out);
    drop(spinner);
    print_warnings(doc, &warnings);
    write_files(&made?)
}

/// [`produce`] for several documents: they are rendered, compiled and
/// exported in parallel (one thread each), then written in order. As when
/// they are produced one after the other, the first document that fails
/// stops the rest from being written, and warnings print in document order.
///
/// With `WECOSS_TYPST_TIMINGS=FILE` set, Typst's timings of the work are
/// written to `FILE` as a Chrome trace (see [`compile::record_timings`]).
pub fn produce_all(docs: &[Document<'_>], templates: &Templates, out: &OutputArgs) -> Result<Vec<PathBuf>, Error> {
    compile::record_timings();
    let result = produce_in_parallel(docs, templates, out);
    compile::write_timings();
    result
}

/// [`produce_all`], untimed.
fn produce_in_parallel(docs: &[Document<'_>], templates: &Templates, out: &OutputArgs) -> Result<Vec<PathBuf>, Error> {
    if out.only(Format::Html) && !docs.is_empty() && !docs.iter().any(|d| crate::html::has_edition(templates, d.template)) {
        return Err(Error::Usage(format!(
            "`{}` has no HTML edition (no `{}/main.html.j2` in the templates); the annual report has one: `wecoss-report report --format html`",
            docs[0].template, docs[0].template
        )));
    }
    if docs.len() < 2 || out.wants(Format::Json) {
        let mut written = Vec::new();
        for doc in docs {
            written.extend(produce(doc, templates, out)?);
        }
        return Ok(written);
    }
    let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    let spinner = Progress::spinner(format!("compiling {}", names.join(", ")));
    let made: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .iter()
            .map(|doc| {
                let thread = std::thread::Builder::new().name(doc.name.clone());
                thread.spawn_scoped(scope, move || make(doc, templates, out)).expect("start a compile thread")
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    drop(spinner);
    // The files of every document up to the first that failed, written
    // together: all or none of them replace the previous ones.
    let mut files = Vec::new();
    let mut failed = None;
    for (doc, (warnings, made)) in docs.iter().zip(made) {
        print_warnings(doc, &warnings);
        match made {
            Ok(made) => files.extend(made),
            Err(err) => {
                failed = Some(err);
                break;
            }
        }
    }
    let written = write_files(&files)?;
    match failed {
        Some(err) => Err(err),
        None => Ok(written),
    }
}

/// Files made in memory, to be written: paths and bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// Renders, compiles and exports one document in memory (not JSON). Returns
/// the warnings to print, and the files or the error.
fn make(doc: &Document<'_>, templates: &Templates, out: &OutputArgs) -> (Vec<String>, Result<Files, Error>) {
    let mut warnings = Vec::new();
    let result = (|| {
        let draft;
        let doc = if out.draft {
            let mut context = doc.context.clone();
            context["draft"] = serde_json::Value::Bool(true);
            draft = Document { template: doc.template, name: doc.name.clone(), context, date: doc.date };
            &draft
        } else {
            doc
        };
        let mut files = Files::new();
        let typst = out.format.iter().any(|f| matches!(f, Format::Typ | Format::Pdf | Format::Png));
        if typst {
            let rendered = render_document(doc, templates, &mut warnings)?;
            if out.wants(Format::Typ) {
                let path = out.out.join(&doc.name).with_extension("typ");
                files.push((path, rendered.source.clone().into_bytes()));
            }
            if out.wants(Format::Pdf) || out.wants(Format::Png) {
                let document = compile_document(doc, templates, rendered, &mut warnings)?;
                files.extend(export_document(doc, &document, out)?);
            }
        }
        if out.wants(Format::Html) && crate::html::has_edition(templates, doc.template) {
            // Text no font can show is replaced, as for the PDF (warned once).
            let mut context = doc.context.clone();
            let replaced = crate::glyphs::clean_json(&mut context);
            if !typst {
                warnings.extend(replaced);
            }
            let page = crate::html::html(doc.template, &context, templates, timestamp(doc.date), &mut warnings)
                .map_err(|e| match e {
                    crate::html::HtmlError::Render(e) => Error::Render(e),
                    crate::html::HtmlError::Compile(e) => Error::Compile(e),
                })?;
            files.push((out.out.join(&doc.name).with_extension("html"), page));
        }
        Ok(files)
    })();
    (warnings, result)
}

/// Stage 4 for one document: its context with unprintable characters
/// replaced (warnings are added to `warnings`), rendered to Typst.
pub fn render_document(doc: &Document<'_>, templates: &Templates, warnings: &mut Vec<String>) -> Result<Rendered, Error> {
    // Cell text was already made printable by the tables stage; this catches
    // file names and content files, so no text can make the export fail.
    let mut context = doc.context.clone();
    warnings.extend(crate::glyphs::clean_json(&mut context));
    let started = Instant::now();
    let rendered = render::render_mapped(templates, &format!("{}/main.typ.j2", doc.template), &context)?;
    progress::detail(format_args!("{}: rendered the template in {:.2} s", doc.name, started.elapsed().as_secs_f64()));
    Ok(rendered)
}

/// Stage 5 for one document: compiles its rendered source (in the world
/// kept for it, see [`compile::compile_kept`]). Typst's warnings are added to
/// `warnings`.
pub fn compile_document(
    doc: &Document<'_>,
    templates: &Templates,
    rendered: Rendered,
    warnings: &mut Vec<String>,
) -> Result<PagedDocument, Error> {
    let started = Instant::now();
    let main = format!("/{}/main.typ", doc.template);
    let (document, typst_warnings) = compile::compile_kept(&doc.name, templates, &main, rendered, timestamp(doc.date))?;
    progress::detail(format_args!("{}: compiled in {:.2} s", doc.name, started.elapsed().as_secs_f64()));
    warnings.extend(typst_warnings);
    Ok(document)
}

/// Stage 6, in memory: the PDF (or PNG pages) of a compiled document, with
/// the paths they are to be written to.
pub fn export_document(doc: &Document<'_>, document: &PagedDocument, out: &OutputArgs) -> Result<Files, Error> {
    let pdf_path = out.out.join(&doc.name).with_extension("pdf");
    let mut files = Files::new();
    if out.wants(Format::Pdf) {
        let pdf = compile::export_pdf(document, &doc.name, timestamp(doc.date), out.pdf_standard)?;
        files.push((pdf_path.clone(), pdf));
    }
    if out.wants(Format::Png) {
        let pages = compile::export_png(document, 2.0)?;
        let count = pages.len();
        files.extend(pages.into_iter().enumerate().map(|(i, png)| (output::page_path(&pdf_path, i + 1, count), png)));
    }
    Ok(files)
}

/// Stage 6: writes the files whole or not at all, together: each to a
/// temporary file first, then all renamed (see [`output::write_all`]).
pub fn write_files(files: &Files) -> Result<Vec<PathBuf>, Error> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    output::write_all(files)?;
    Ok(files.iter().map(|(path, _)| path.clone()).collect())
}

fn print_warnings(doc: &Document<'_>, warnings: &[String]) {
    for w in warnings {
        progress::warn(format_args!("{}: {w}", doc.name));
    }
}

/// The document timestamp: `SOURCE_DATE_EPOCH` when set, else midnight UTC
/// of the document's own date. Never the clock.
pub fn timestamp(date: NaiveDate) -> Datetime {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|dt| dt.naive_utc());
    let dt = from_env.unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN));
    use chrono::Timelike;
    Datetime::from_ymd_hms(
        dt.year(),
        dt.month() as u8,
        dt.day() as u8,
        dt.hour() as u8,
        dt.minute() as u8,
        dt.second() as u8,
    )
    .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("valid date"))
}

/// The cover image in the templates folder (`cover.jpg`, `cover.jpeg` or
/// `cover.png`), as a path Typst can read, if there is one.
pub fn cover_image(templates: &Templates) -> Option<String> {
    ["cover.jpg", "cover.jpeg", "cover.png"].into_iter().find(|name| templates.read(name).is_ok()).map(|name| format!("/{name}"))
}

/// The mistakes of content files as `--json` diagnostics.
fn content_json(files: &[crate::content::Problems]) -> Vec<serde_json::Value> {
    use serde_json::json;
    files
        .iter()
        .flat_map(|problems| {
            problems.problems.iter().map(|p| {
                let message = p.message.lines().next().unwrap_or_default();
                json!({ "severity": "error", "kind": "content", "location": { "file": problems.file, "line": p.line }, "message": message })
            })
        })
        .collect()
}

/// Checks every named content file before any document is made, so one run
/// names the mistakes of all of them.
pub fn check_content_files(templates: &Templates, paths: &[&str]) -> Result<(), Error> {
    let mut files: Vec<crate::content::Problems> = Vec::new();
    for path in paths {
        match content_file(templates, path) {
            Ok(_) => {}
            Err(Error::ContentFile(problems)) => files.push(problems),
            Err(other) => return Err(other),
        }
    }
    match files.len() {
        0 => Ok(()),
        1 => Err(Error::ContentFile(files.remove(0))),
        _ => Err(Error::ContentFiles(files)),
    }
}

/// Reads a content file from the templates as JSON for the template,
/// checked against its built-in copy (see [`crate::content`]).
pub fn content_file(templates: &Templates, path: &str) -> Result<serde_json::Value, Error> {
    crate::content::load(templates, path).map_err(|e| match e {
        crate::content::ContentError::Read(e) => Error::Template(e),
        crate::content::ContentError::Invalid(problems) => Error::ContentFile(problems),
    })
}

/// Prints the paths written, one per line, on stdout.
pub fn report_written(paths: &[PathBuf]) {
    for p in paths {
        println!("{}", crate::diag::shown_path(p));
    }
}

/// A file-name-safe slug: `Enforcement and Justice` → `enforcement-and-justice`.
pub fn slug(text: &str) -> String {
    tables::normalize(text).replace(' ', "-")
}
