//! Stages 4 to 6 for the pipeline: each document rendered, compiled and
//! exported in memory as far as its format needs, several documents in
//! parallel; then written together, whole or not at all.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{Datelike, NaiveDate, Timelike};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use super::{Document, Error, Outputs, Session};
use crate::compile;
use crate::export::{self, Files, Made, Stage};
use crate::progress::{self, Progress};
use crate::render::{self, Rendered};
use crate::templates::Templates;

/// One document made in memory: its files, or why it failed, and the
/// warnings to print either way.
pub struct Output {
    /// The document's name.
    pub name: String,
    /// Warnings from rendering and compiling (unprintable characters, Typst).
    pub warnings: Vec<String>,
    /// The files, or the error.
    pub files: Result<Files, Error>,
}

/// Renders, compiles and exports one document in memory, in the format of
/// `out`.
pub fn produce(doc: &Document, templates: &Templates, out: &Outputs, session: &Session) -> Output {
    let mut warnings = Vec::new();
    let files = make(doc, templates, out, session, &mut warnings);
    Output { name: doc.name.clone(), warnings, files }
}

/// [`produce`] for several documents: they are rendered, compiled and
/// exported in parallel (one thread each) and returned in order.
///
/// With `WECOSS_TYPST_TIMINGS=FILE` set, Typst's timings of the work are
/// written to `FILE` as a Chrome trace (see [`compile::record_timings`]).
pub fn produce_all(docs: &[Document], templates: &Templates, out: &Outputs, session: &Session) -> Vec<Output> {
    compile::record_timings();
    let outputs = if out.figures_only() {
        docs.iter().map(|doc| produce(doc, templates, out, session)).collect()
    } else if docs.len() < 2 {
        docs.iter()
            .map(|doc| {
                let _spinner = Progress::spinner(format!("compiling {}", doc.name));
                produce(doc, templates, out, session)
            })
            .collect()
    } else {
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        let spinner = Progress::spinner(format!("compiling {}", names.join(", ")));
        let outputs = std::thread::scope(|scope| {
            let handles: Vec<_> = docs
                .iter()
                .map(|doc| {
                    let thread = std::thread::Builder::new().name(doc.name.clone());
                    thread.spawn_scoped(scope, move || produce(doc, templates, out, session)).expect("start a compile thread")
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
        });
        drop(spinner);
        outputs
    };
    compile::write_timings(&session.worlds);
    outputs
}

/// Renders, compiles and exports one document, as far as the format needs.
fn make(doc: &Document, templates: &Templates, out: &Outputs, session: &Session, warnings: &mut Vec<String>) -> Result<Files, Error> {
    let mut context = std::borrow::Cow::Borrowed(&doc.context);
    if out.draft {
        context.to_mut()["draft"] = serde_json::Value::Bool(true);
    }
    let formats = export::formats_for(&out.formats, doc.template);
    let needs = formats.iter().map(|f| f.needs()).max().unwrap_or(Stage::Figures);
    let source = if needs >= Stage::Source { Some(render_document(doc, &context, templates, warnings)?) } else { None };
    let (source, pages) = match (source, needs) {
        (Some(source), Stage::Pages) => {
            // The source is kept only when a format writes it too.
            let keep = formats.iter().any(|f| f.needs() == Stage::Source).then(|| source.clone());
            (keep, Some(compile_document(doc, templates, source, session, warnings)?))
        }
        (source, _) => (source, None),
    };
    let made = Made {
        name: &doc.name,
        out: &out.dir,
        figures: &doc.context,
        context: &context,
        source: source.as_ref(),
        pages: pages.as_ref(),
        timestamp: timestamp(doc.date),
        pdf_standard: out.pdf_standard,
        templates,
        template: doc.template,
        rendered: needs >= Stage::Source,
        worlds: &session.worlds,
    };
    let mut files = Files::new();
    for format in formats {
        files.extend(export::export(format, &made, warnings)?);
    }
    Ok(files)
}

/// Stage 4 for one document: its context with unprintable characters
/// replaced (warnings are added to `warnings`), rendered to Typst.
pub fn render_document(
    doc: &Document,
    context: &serde_json::Value,
    templates: &Templates,
    warnings: &mut Vec<String>,
) -> Result<Rendered, Error> {
    // Cell text was already made printable by the tables stage; this catches
    // file names and content files, so no text can make the export fail.
    let mut context = context.clone();
    warnings.extend(crate::glyphs::clean_json(&mut context));
    let started = Instant::now();
    let rendered = render::render_mapped(templates, &format!("{}/main.typ.j2", doc.template), &context)?;
    progress::detail(format_args!("{}: rendered the template in {:.2} s", doc.name, started.elapsed().as_secs_f64()));
    Ok(rendered)
}

/// Stage 5 for one document: compiles its rendered source (in the world
/// `session` keeps for it, see [`compile::compile_kept`]). Typst's warnings
/// are added to `warnings`.
pub fn compile_document(
    doc: &Document,
    templates: &Templates,
    rendered: Rendered,
    session: &Session,
    warnings: &mut Vec<String>,
) -> Result<PagedDocument, Error> {
    let started = Instant::now();
    let main = format!("/{}/main.typ", doc.template);
    let (document, typst_warnings) = compile::compile_kept(&session.worlds, &doc.name, templates, &main, rendered, timestamp(doc.date))?;
    progress::detail(format_args!("{}: compiled in {:.2} s", doc.name, started.elapsed().as_secs_f64()));
    warnings.extend(typst_warnings);
    Ok(document)
}

/// Writes the files of every output up to the first that failed, together:
/// each to a temporary file first, then all renamed (see
/// [`crate::output::write_all`]), so all or none of them replace the
/// previous ones. Returns the paths written, or the first error.
pub fn write(outputs: Vec<Output>) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    let mut failed = None;
    for output in outputs {
        match output.files {
            Ok(made) => files.extend(made),
            Err(err) => {
                failed = Some(err);
                break;
            }
        }
    }
    if !files.is_empty() {
        crate::output::write_all(&files)?;
    }
    match failed {
        Some(err) => Err(err),
        None => Ok(files.into_iter().map(|(path, _)| path).collect()),
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
    Datetime::from_ymd_hms(dt.year(), dt.month() as u8, dt.day() as u8, dt.hour() as u8, dt.minute() as u8, dt.second() as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("valid date"))
}
