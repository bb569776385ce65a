//! Stages 4 to 6 for the pipeline: each document rendered, compiled and
//! exported in memory as far as its format needs, several documents in
//! parallel; then written together, whole or not at all.

use std::borrow::Cow;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{Datelike, NaiveDate, Timelike};
use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use super::observe::Event;
use super::{Document, DocumentOptions, Error, Run, Session};
use crate::compile;
use crate::diag::{Diagnostic, Diagnostics, Kind, Location};
use crate::export::{self, Files, Format, Made, Stage};
use crate::render::{self, Rendered};
use crate::templates::Templates;

/// One document made in memory: its files, or why it failed, and its
/// warnings either way.
pub struct Produced {
    /// The document's name.
    pub name: String,
    /// Warnings from rendering and compiling (unprintable characters,
    /// Typst's), each located at the document.
    pub warnings: Diagnostics,
    /// The files, or the error.
    pub files: Result<Files, Error>,
}

/// Renders, compiles and exports one document in memory, in the format of
/// `out`.
pub fn produce(doc: &Document, templates: &Templates, out: &DocumentOptions, session: &Session, run: &Run<'_>) -> Produced {
    let mut warnings = Diagnostics::new();
    let files = make(doc, templates, out, session, run, &mut warnings);
    for warning in warnings.iter_mut() {
        warning.location = Location::file(doc.name.clone());
    }
    Produced { name: doc.name.clone(), warnings, files }
}

/// [`produce`] for several documents: they are rendered, compiled and
/// exported in parallel (one thread each) and returned in order, with the
/// warnings of the build as a whole.
///
/// With [`Run::timings`] set, Typst's timings of the work are written to
/// that file as a Chrome trace (see [`compile::record_timings`]).
pub fn produce_all(
    docs: &[Document],
    templates: &Templates,
    out: &DocumentOptions,
    session: &Session,
    run: &Run<'_>,
) -> (Vec<Produced>, Diagnostics) {
    compile::record_timings(run.timings);
    let observer = run.observer;
    let outputs = if out.figures_only() {
        docs.iter().map(|doc| produce(doc, templates, out, session, run)).collect()
    } else if docs.len() < 2 {
        docs.iter()
            .map(|doc| {
                observer.event(Event::Compiling(&[doc.name.as_str()]));
                let produced = produce(doc, templates, out, session, run);
                observer.event(Event::Compiled);
                produced
            })
            .collect()
    } else {
        let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
        observer.event(Event::Compiling(&names));
        let outputs = std::thread::scope(|scope| {
            let handles: Vec<_> = docs
                .iter()
                .map(|doc| {
                    let thread = std::thread::Builder::new().name(doc.name.clone());
                    thread.spawn_scoped(scope, move || produce(doc, templates, out, session, run)).expect("start a compile thread")
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
        });
        observer.event(Event::Compiled);
        outputs
    };
    let mut diagnostics = Diagnostics::new();
    if let Some(path) = run.timings {
        diagnostics.extend(compile::write_timings(path, &session.worlds));
    }
    (outputs, diagnostics)
}

/// What the templates of `doc` receive: its figures with the text no font
/// can show replaced (warned of in `warnings`), and `draft` when asked
/// for. Made once for every format that starts from a template.
pub fn template_context<'a>(doc: &'a Document, draft: bool, warnings: &mut Diagnostics) -> Cow<'a, serde_json::Value> {
    // Cell text was already made printable by the tables stage; this catches
    // file names and content files, so no text can make the export fail.
    let mut context = doc.context.clone();
    for message in crate::glyphs::clean_json(&mut context) {
        warnings.add(Diagnostic::warning(Kind::Unprintable, Location::default(), message));
    }
    if draft {
        context["draft"] = serde_json::Value::Bool(true);
    }
    context["brand"] = doc.brand.clone();
    Cow::Owned(context)
}

/// Renders, compiles and exports one document, as far as the format needs.
fn make(
    doc: &Document,
    templates: &Templates,
    out: &DocumentOptions,
    session: &Session,
    run: &Run<'_>,
    warnings: &mut Diagnostics,
) -> Result<Files, Error> {
    let formats = export::formats_for(&out.formats, doc.kind);
    let needs = formats.iter().map(|f| f.needs()).max().unwrap_or(Stage::Figures);
    let timestamp = timestamp(doc.date, run.epoch);
    // The JSON figures are as computed; every other format starts from a
    // template, whose context is made once.
    let context = match formats.iter().all(|f| *f == Format::Json) {
        true => Cow::Borrowed(&doc.context),
        false => template_context(doc, out.draft, warnings),
    };
    let source = if needs >= Stage::Source { Some(render_document(doc, &context, templates, run)?) } else { None };
    let (source, pages) = match (source, needs) {
        (Some(source), Stage::Pages) => {
            // The source is kept only when a format writes it too.
            let keep = formats.iter().any(|f| f.needs() == Stage::Source).then(|| source.clone());
            (keep, Some(compile_document(doc, templates, source, session, run, warnings)?))
        }
        (source, _) => (source, None),
    };
    let made = Made {
        name: &doc.name,
        out: &out.dir,
        json: &doc.context,
        context: &context,
        figures: &doc.figures,
        draft: out.draft,
        source: source.as_ref(),
        pages: pages.as_ref(),
        timestamp,
        pdf_standard: out.pdf_standard,
        templates,
        kind: doc.kind,
        worlds: &session.worlds,
    };
    let mut files = Files::new();
    for format in formats {
        files.extend(export::export(format, &made, warnings)?);
    }
    Ok(files)
}

/// Stage 4 for one document: its template context (see
/// [`template_context`]) rendered to Typst.
pub fn render_document(doc: &Document, context: &serde_json::Value, templates: &Templates, run: &Run<'_>) -> Result<Rendered, Error> {
    let started = Instant::now();
    // The report's long words get their break points in Rust; the deck's
    // layout code (its timeline, its action items) still relies on its
    // templates' show rule.
    let long_words = match doc.kind {
        crate::templates::DocKind::Report => render::LongWords::Filters,
        crate::templates::DocKind::Deck => render::LongWords::Templates,
    };
    let mut rendered = render::render_mapped(templates, &format!("{}/main.typ.j2", doc.kind.folder()), context, long_words)?;
    rendered.brand = context.get("brand").map(ToString::to_string).unwrap_or_default();
    let took = format!("{}: rendered the template in {:.2} s", doc.name, started.elapsed().as_secs_f64());
    run.observer.event(Event::Timing(&took));
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
    run: &Run<'_>,
    warnings: &mut Diagnostics,
) -> Result<PagedDocument, Error> {
    let started = Instant::now();
    let main = format!("/{}/main.typ", doc.kind.folder());
    let (document, typst_warnings) =
        compile::compile_kept(&session.worlds, &doc.name, templates, &main, rendered, timestamp(doc.date, run.epoch))?;
    let took = format!("{}: compiled in {:.2} s", doc.name, started.elapsed().as_secs_f64());
    run.observer.event(Event::Timing(&took));
    warnings.extend(typst_warnings);
    Ok(document)
}

/// A file to write and its slot (`meeting-deck/en/pdf`; see
/// [`super::last_build::WrittenDoc::slot`]).
pub type Slotted = (PathBuf, String);

/// Writes the files of every output up to the first that failed, together:
/// each to a temporary file first, then all put in place (see
/// [`crate::output::write_documents`]), minding documents that are open in
/// another program or were changed by staff, and moving away those
/// `known` says this build supersedes. `slot` gives each document's slot
/// by its name (`deck/en`; the file's extension is added). Returns what was
/// written and each file with its slot, or the first error.
pub fn write(
    outputs: Vec<Produced>,
    slot: &dyn Fn(&str) -> String,
    known: &dyn Fn(&[Slotted]) -> crate::output::Known,
    run: &Run<'_>,
) -> Result<(crate::output::Written, Vec<Slotted>), Error> {
    let mut files = Vec::new();
    let mut slots = Vec::new();
    let mut failed = None;
    for output in outputs {
        match output.files {
            Ok(made) => {
                for (path, bytes) in made {
                    let ext = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
                    slots.push((path.clone(), format!("{}/{ext}", slot(&output.name))));
                    files.push((path, bytes));
                }
            }
            Err(err) => {
                failed = Some(err);
                break;
            }
        }
    }
    let mut written = crate::output::Written::default();
    if !files.is_empty() {
        let known = known(&slots);
        written = crate::output::write_documents(&files, &known, &|dir| run.observer.event(Event::Waiting(dir)))?;
    }
    match failed {
        Some(err) => Err(err),
        None => Ok((written, slots)),
    }
}

/// The document timestamp: `epoch` (from `SOURCE_DATE_EPOCH`, in seconds
/// since 1970) when given, else midnight UTC of the document's own date.
/// Never the clock.
pub fn timestamp(date: NaiveDate, epoch: Option<i64>) -> Datetime {
    let given = epoch.and_then(|secs| chrono::DateTime::from_timestamp(secs, 0)).map(|dt| dt.naive_utc());
    let dt = given.unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN));
    Datetime::from_ymd_hms(dt.year(), dt.month() as u8, dt.day() as u8, dt.hour() as u8, dt.minute() as u8, dt.second() as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("valid date"))
}
