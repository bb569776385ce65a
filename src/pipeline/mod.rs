//! The pipeline as a library, with no command line in it:
//!
//! 1. [`load`]: the inputs folder read and typed into a [`Dataset`], checked
//!    against the folder's last build;
//! 2. [`documents`]: the documents a [`Selection`] asks for, each with its
//!    figures;
//! 3. [`produce_all`]: each document rendered, compiled and exported in
//!    memory, in the [`Format`] asked for;
//! 4. [`write`]: the files written together, whole or not at all.
//!
//! [`build`] runs them all for one [`Request`] and returns a [`Build`]: what
//! was written, each document's figures (typed, and as JSON when asked
//! for), every diagnostic, and the
//! error that stopped it if one did. The library never prints and reads no
//! environment: the build time, Typst's timings file and a progress
//! [`Observer`] come in with the request ([`Run`]).
//!
//! A [`Session`] carries what is worth keeping from one build to the next
//! (`watch` keeps one): the records of unchanged files and Typst's worlds.
//! The commands (in the binary), `watch`, the benchmark and the tests all
//! call [`build`].

pub mod data_lang;
pub mod documents;
pub mod error;
pub mod last_build;
pub mod names;
pub mod observe;
pub mod produce;
pub mod slides;
pub mod translation;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use crate::locale::Lang;
pub use documents::{DEFAULT_MIN_CELL, DocKind, Document, Selection, YearChoice, documents};
pub use error::Error;
pub use observe::{Event, Observer, Silent};
pub use produce::{Produced, produce_all, write};

use crate::compile::Worlds;
use crate::diag::{Diagnostic, Diagnostics, Kind, Location, Severity, shown_path};
pub use crate::export::{Format, PdfStandard};
pub use crate::figures::Figures;
use crate::tables::{self, Dataset, ReadCache, ReadOptions};
use crate::templates::Templates;

/// Where the inputs are and how to read them.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// The inputs folder.
    pub dir: PathBuf,
    /// How to read it.
    pub read: ReadOptions,
}

/// Where and how documents are written.
#[derive(Debug, Clone)]
pub struct DocumentOptions {
    /// The output folder.
    pub dir: PathBuf,
    /// A templates folder whose files override the built-in ones.
    pub templates: Option<PathBuf>,
    /// The formats to write, each document in those that apply to it (see
    /// [`crate::export::formats_for`]).
    pub formats: Vec<Format>,
    /// Whether every page is marked DRAFT.
    pub draft: bool,
    /// The PDF standard to conform to.
    pub pdf_standard: PdfStandard,
    /// Tables whose rows may be gone since the last build of the inputs.
    pub allow_missing: Vec<tables::Kind>,
}

impl DocumentOptions {
    /// PDFs in `dir`, with the built-in templates.
    pub fn pdf(dir: impl Into<PathBuf>) -> Self {
        DocumentOptions {
            dir: dir.into(),
            templates: None,
            formats: vec![Format::Pdf],
            draft: false,
            pdf_standard: PdfStandard::default(),
            allow_missing: Vec::new(),
        }
    }

    /// Whether only the figures are asked for (as JSON, on stdout).
    pub fn figures_only(&self) -> bool {
        self.formats.iter().all(|f| *f == Format::Json)
    }

    /// The templates these documents are made with.
    pub fn templates(&self) -> Templates {
        Templates::new(self.templates.clone())
    }
}

/// What is kept from one build to the next in one process: the records of
/// every input file read (reused while the file is unchanged) and Typst's
/// worlds (whose caches make a recompile fast).
#[derive(Default)]
pub struct Session {
    /// The records of the files read, when kept (see [`Session::keeping`]).
    pub cache: Option<ReadCache>,
    /// The Typst worlds, one per document.
    pub worlds: Worlds,
}

impl Session {
    /// A session for one build: nothing read is kept.
    pub fn new() -> Self {
        Session::default()
    }

    /// A session that keeps the records of files read, for builds to come.
    pub fn keeping() -> Self {
        Session { cache: Some(ReadCache::new()), worlds: Worlds::default() }
    }
}

/// How one build runs, beside what it makes.
#[derive(Clone, Copy)]
pub struct Run<'a> {
    /// The timestamp of every document, in seconds since 1970
    /// (`SOURCE_DATE_EPOCH`), instead of each document's own date.
    pub epoch: Option<i64>,
    /// A file to write Typst's timings to, as a Chrome trace
    /// (`WECOSS_TYPST_TIMINGS`).
    pub timings: Option<&'a Path>,
    /// Told of the build's progress (see [`observe`]).
    pub observer: &'a dyn Observer,
}

impl Default for Run<'_> {
    fn default() -> Self {
        Run { epoch: None, timings: None, observer: &Silent }
    }
}

/// One build: which documents, from which inputs, written how and where.
pub struct Request<'a> {
    /// Where the inputs are and how to read them.
    pub inputs: Inputs,
    /// Where and how the documents are written.
    pub options: DocumentOptions,
    /// Which documents.
    pub selection: Selection,
    /// How the build runs.
    pub run: Run<'a>,
}

/// What one build did.
#[derive(Debug, Default)]
pub struct Build {
    /// The files written, in order.
    pub written: Vec<PathBuf>,
    /// Each document made: its name and its figures, typed.
    pub figures: Vec<(String, Figures)>,
    /// The figures asked for as JSON (`--format json`), one entry per
    /// document, labelled with its kind and language (see [`Build::json_output`]):
    /// for stdout, never written.
    pub json: Vec<serde_json::Value>,
    /// Every warning and note, in the order found: the inputs', the
    /// documents', then rendering and compiling each.
    pub diagnostics: Diagnostics,
    /// What stopped the build, if anything did (the diagnostics found
    /// before it are kept above).
    pub error: Option<Error>,
    /// The headline figures of the documents made, with the rows behind
    /// them (see [`crate::figures::headline`]).
    pub headline: Vec<crate::figures::headline::Figure>,
    /// What changed in them since the last build of the folder, and which
    /// rows changed it, one line per figure (none on a first build).
    pub changes: Vec<String>,
    /// Every sheet read, with its row ledger (also when the inputs had
    /// errors; empty when they could not be read at all).
    pub sheets: Vec<tables::SheetReport>,
}

impl Build {
    /// The build, or the error that stopped it.
    pub fn into_result(self) -> Result<Build, Error> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(self),
        }
    }
}

/// Builds the documents `request` asks for: loads the inputs, makes the
/// documents, writes them (the JSON figures are kept for the caller) and
/// records the build. Never prints: everything it has to say is in the
/// returned [`Build`].
pub fn build(request: &Request<'_>, session: &mut Session) -> Build {
    let mut build = Build::default();
    if let Err(error) = build_into(request, session, &mut build) {
        build.error = Some(error);
    }
    build
}

impl Build {
    /// What `--format json` prints: one JSON object whose `documents` hold
    /// one object per document made, in order, each with its `kind`
    /// (`deck`, `report`), `lang` (`en`, `fr`), file `name` and `figures`.
    pub fn json_output(&self) -> serde_json::Value {
        serde_json::json!({ "documents": self.json })
    }
}

/// Tells the observer of diagnostics just found, and keeps them.
fn found(build: &mut Build, run: &Run<'_>, diags: Diagnostics) {
    if !diags.is_empty() {
        run.observer.event(Event::Found(&diags));
        build.diagnostics.extend(diags);
    }
}

fn build_into(request: &Request<'_>, session: &mut Session, build: &mut Build) -> Result<(), Error> {
    let Request { inputs, options, selection, run } = request;
    // A killed build's temporary files go first, under the folder's lock,
    // even when this build then fails.
    if !options.figures_only() {
        crate::output::clear_stale_temps(&options.dir, &|dir| run.observer.event(Event::Waiting(dir)))
            .map_err(|source| crate::output::WriteError::Write { path: options.dir.clone(), source })?;
    }
    let (data, diags) = load_noting(inputs, options, session, run.observer, &mut build.sheets)?;
    found(build, run, diags);
    let templates = options.templates();
    let (mut docs, warnings) = documents(&data, selection, &templates, &inputs.dir)?;
    found(build, run, warnings);
    if let Some(doc) = docs.first()
        && let Some((format, only)) = options.formats.first().and_then(|f| Some((*f, f.only_for()?)))
        && docs.iter().all(|d| options.formats.iter().all(|f| !f.applies_to(d.kind)))
    {
        // Asked for only in a format none of these documents has.
        return Err(Error::Usage(format!(
            "`{}` has no {} edition; the {} has one: `wecoss-report {} --format {}`",
            doc.kind.folder(),
            format.edition(),
            only.title(),
            only.command(),
            format.flag()
        )));
    }
    for doc in &mut docs {
        found(build, run, std::mem::take(&mut doc.diagnostics));
    }
    let (mut made, diags) = produce_all(&docs, &templates, options, session, run);
    found(build, run, diags);
    for output in &made {
        found(build, run, output.warnings.clone());
    }
    // The figures are the caller's (for stdout), the other files are written.
    if options.formats.contains(&Format::Json) {
        for output in &mut made {
            let Some(doc) = docs.iter().find(|doc| doc.name == output.name) else { continue };
            if let Ok(files) = &mut output.files {
                for (_, bytes) in files.extract_if(.., |(path, _)| path.extension().is_some_and(|e| e == "json")) {
                    let figures: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
                    build.json.push(serde_json::json!({
                        "kind": doc.kind.command(),
                        "lang": doc.lang.code(),
                        "name": doc.name,
                        "figures": figures,
                    }));
                }
            }
        }
    }
    // Each document's slot, and whether this build stands for the latest
    // of its kind (and so supersedes the older ones it no longer makes).
    let slots: Vec<(String, String)> =
        docs.iter().map(|doc| (doc.name.clone(), format!("{}/{}", doc.kind.folder(), doc.lang.code()))).collect();
    let latest_decks = selection.meeting.is_none() && selection.group.is_none();
    let latest_report = selection.year == YearChoice::Latest;
    build.figures = docs.into_iter().map(|doc| (doc.name, doc.figures)).collect();
    build.headline = headline(&data, &build.figures, &inputs.dir);
    if let Some(last) = last_build::read(&options.dir, &inputs.dir) {
        build.changes = crate::figures::headline::changes(&last.figures, &build.headline);
    }
    if options.figures_only() {
        for output in made {
            output.files?;
        }
        return Ok(());
    }
    let slot = |name: &str| slots.iter().find(|(n, _)| n == name).map(|(_, s)| s.clone()).unwrap_or_default();
    let tidies = |slot: &str| {
        (slot.starts_with(DocKind::Deck.folder()) && latest_decks) || (slot.starts_with(DocKind::Report.folder()) && latest_report)
    };
    let known = |made: &[(PathBuf, String)]| last_build::known(&options.dir, &inputs.dir, made, &tidies);
    let (written, made_slots) = write(made, &slot, &known, run)?;
    build.written = written.placed.iter().map(|p| p.at.clone()).collect();
    let mut said = Diagnostics::new();
    for notice in &written.notices {
        let severity = if notice.is_warning() { Severity::Warning } else { Severity::Note };
        let name = notice.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        said.add(Diagnostic::new(severity, Kind::Output, Location::file(name), notice.to_string()));
    }
    found(build, run, said);
    let recorded = record_build(&data, &inputs.dir, &options.dir, &written, &made_slots, &build.headline);
    found(build, run, recorded);
    Ok(())
}

/// The headline figures of the documents made: the report's year and the
/// first deck's period, each figure with its rows (sheets named relative to
/// the inputs folder).
fn headline(data: &Dataset, figures: &[(String, Figures)], inputs: &Path) -> Vec<crate::figures::headline::Figure> {
    let year = figures.iter().find_map(|(_, f)| match f {
        Figures::Report(r) => Some((r.year.label.clone(), r.year.period)),
        Figures::Deck(_) => None,
    });
    let deck = figures.iter().find_map(|(_, f)| match f {
        Figures::Deck(d) => Some((d.meeting.date.to_string(), d.period)),
        Figures::Report(_) => None,
    });
    let place = |file: &str, sheet: Option<&str>| {
        let file = documents::relative_to(file, inputs);
        match sheet {
            Some(sheet) => format!("{file} › {sheet}"),
            None => file,
        }
    };
    crate::figures::headline::headline(
        data,
        year.as_ref().map(|(l, p)| (l.as_str(), *p)),
        deck.as_ref().map(|(l, p)| (l.as_str(), *p)),
        &place,
    )
}

/// Reads and types every input for documents to be written to `out`.
/// Returns the data and its diagnostics (warnings, notes) only if there were
/// no errors ([`Error::Data`] carries them otherwise) and no table that the
/// last build of the folder counted is gone (see [`last_build`]).
pub fn load(
    inputs: &Inputs,
    out: &DocumentOptions,
    session: &mut Session,
    observer: &dyn Observer,
) -> Result<(Dataset, Diagnostics), Error> {
    load_noting(inputs, out, session, observer, &mut Vec::new())
}

/// [`load`], keeping the sheets read (with their row ledgers) in `sheets`,
/// also when the inputs have errors.
fn load_noting(
    inputs: &Inputs,
    out: &DocumentOptions,
    session: &mut Session,
    observer: &dyn Observer,
    sheets: &mut Vec<tables::SheetReport>,
) -> Result<(Dataset, Diagnostics), Error> {
    let last = last_build::read(&out.dir, &inputs.dir);
    let (data, diags) = read_against(inputs, last.as_ref(), session, observer);
    sheets.clone_from(&data.sheets);
    if diags.has_errors() {
        return Err(Error::Data { diagnostics: diags });
    }
    // Nothing is replaced for figures alone: they go to stdout.
    if let Some(last) = last.filter(|_| !out.figures_only()) {
        let gone = last.gone(&last_build::LastBuild::of(&data, &inputs.dir), &out.allow_missing);
        if !gone.is_empty() {
            return Err(Error::MissingTables {
                kinds: gone,
                inputs: inputs.dir.display().to_string(),
                out: out.dir.display().to_string(),
                diagnostics: diags,
            });
        }
    }
    Ok((data, diags))
}

/// Records what `data` held as the last build of `inputs` into `out`, once
/// documents were written there. A failure is a warning (the documents are
/// written), returned.
pub fn record_build(
    data: &Dataset,
    inputs: &Path,
    out: &Path,
    written: &crate::output::Written,
    made: &[(PathBuf, String)],
    headline: &[crate::figures::headline::Figure],
) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    if written.placed.is_empty() {
        return warnings;
    }
    let mut build = last_build::LastBuild::of(data, inputs);
    build.figures = headline.to_vec();
    build.keep_documents(out, last_build::read(out, inputs).as_ref(), written, made);
    if let Err(err) = last_build::write(out, inputs, build) {
        let message = format!("{err}; the next build cannot compare its tables with this one");
        warnings.add(Diagnostic::warning(Kind::Output, Location::default(), message));
    }
    warnings
}

/// Reads and types every input (taking unchanged files from the session's
/// cache), then compares it with the last build of the folder: a sheet read
/// as a table then and skipped now is an error (see
/// [`tables::apply_last_build`]).
pub fn read_against(
    inputs: &Inputs,
    last: Option<&last_build::LastBuild>,
    session: &mut Session,
    observer: &dyn Observer,
) -> (Dataset, Diagnostics) {
    let (data, mut diags) = read(inputs, session, observer);
    if let Some(last) = last {
        tables::apply_last_build(&data, &mut diags, |sheet| last.kind_of(&inputs.dir, sheet));
    }
    (data, diags)
}

/// Reads and types every input, taking unchanged files from the session's
/// cache (see [`ReadCache`]).
pub fn read(inputs: &Inputs, session: &mut Session, observer: &dyn Observer) -> (Dataset, Diagnostics) {
    let started = Instant::now();
    let cache = session.cache.as_mut();
    let dir = inputs.dir.as_path();
    // Each sheet is typed row by row as it is read; none is held whole.
    let (data, diags) = tables::read_folder_cached(dir, inputs.read.clone(), cache, &mut |done, total, _| {
        observer.event(Event::Reading { dir, done, total })
    });
    observer.event(Event::Read);
    let reused = session.cache.as_ref().map_or(0, |c| c.reused());
    let took = format!(
        "read {} file{} from `{}` in {:.2} s{}",
        data.files.len(),
        crate::words::s(data.files.len() as u64),
        shown_path(dir),
        started.elapsed().as_secs_f64(),
        if reused > 0 { format!(" ({reused} unchanged since the last build)") } else { String::new() }
    );
    observer.event(Event::Timing(&took));
    (data, diags)
}
