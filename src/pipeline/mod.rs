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
//! A [`Session`] carries what is worth keeping from one build to the next
//! (`watch` keeps one): the records of unchanged files and Typst's worlds.
//! The commands (in the binary) are thin adapters from the command line to
//! these functions; the benchmark and the tests call them directly.

pub mod documents;
pub mod error;
pub mod last_build;
pub mod names;
pub mod produce;
pub mod translation;

use std::path::{Path, PathBuf};
use std::time::Instant;

pub use crate::locale::Lang;
pub use documents::{DEFAULT_MIN_CELL, Document, Selection, YearChoice, documents};
pub use error::Error;
pub use produce::{Output, produce_all, write};

use crate::compile::Worlds;
use crate::diag::{Diagnostics, shown_path};
pub use crate::export::{Format, PdfStandard};
use crate::progress::{self, Progress};
use crate::tables::{self, Dataset, Kind, ReadCache, ReadOptions};
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
pub struct Outputs {
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
    pub allow_missing: Vec<Kind>,
}

impl Outputs {
    /// PDFs in `dir`, with the built-in templates.
    pub fn pdf(dir: impl Into<PathBuf>) -> Self {
        Outputs {
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

    /// The templates these outputs are made with.
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

/// Reads and types every input for documents to be written to `out`.
/// Returns the data and its diagnostics (warnings, notes) only if there were
/// no errors ([`Error::Data`] carries them otherwise) and no table that the
/// last build of the folder counted is gone (see [`last_build`]).
pub fn load(inputs: &Inputs, out: &Outputs, session: &mut Session) -> Result<(Dataset, Diagnostics), Error> {
    let last = last_build::read(&out.dir, &inputs.dir);
    let (data, diags) = read_against(inputs, last.as_ref(), session);
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
/// documents were written there (a failure is a warning: the documents are
/// written).
pub fn record_build(data: &Dataset, inputs: &Path, out: &Path, written: &[PathBuf]) {
    if written.is_empty() {
        return;
    }
    let build = last_build::LastBuild::of(data, inputs);
    if let Err(err) = last_build::write(out, inputs, build) {
        progress::warn(format_args!("{err}; the next build cannot compare its tables with this one"));
    }
}

/// Reads and types every input (taking unchanged files from the session's
/// cache), then compares it with the last build of the folder: a sheet read
/// as a table then and skipped now is an error (see
/// [`tables::apply_last_build`]).
pub fn read_against(inputs: &Inputs, last: Option<&last_build::LastBuild>, session: &mut Session) -> (Dataset, Diagnostics) {
    let (data, mut diags) = read(inputs, session);
    if let Some(last) = last {
        tables::apply_last_build(&data, &mut diags, |sheet| last.kind_of(&inputs.dir, sheet));
    }
    (data, diags)
}

/// Reads and types every input, taking unchanged files from the session's
/// cache (see [`ReadCache`]).
pub fn read(inputs: &Inputs, session: &mut Session) -> (Dataset, Diagnostics) {
    let started = Instant::now();
    let mut bar = None;
    let cache = session.cache.as_mut();
    let shown = shown_path(&inputs.dir);
    // Each sheet is typed row by row as it is read; none is held whole.
    let (data, diags) = tables::read_folder_cached(&inputs.dir, inputs.read.clone(), cache, &mut |i, n, _| {
        bar.get_or_insert_with(|| Progress::bar(n as u64, format!("reading `{shown}`"))).set(i as u64, n as u64)
    });
    drop(bar);
    let reused = session.cache.as_ref().map_or(0, |c| c.reused());
    progress::detail(format_args!(
        "read {} file{} from `{shown}` in {:.2} s{}",
        data.files.len(),
        crate::words::s(data.files.len() as u64),
        started.elapsed().as_secs_f64(),
        if reused > 0 { format!(" ({reused} unchanged since the last build)") } else { String::new() }
    ));
    (data, diags)
}
