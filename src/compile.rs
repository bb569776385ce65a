//! Stage 5: the `typst` crate compiles the rendered source in-process.
//!
//! [`DocWorld`] is a thin [`World`] over typst-kit's [`FileStore`] and
//! [`FontStore`]: the main source comes from memory, every other file from
//! the templates folder only (see [`Templates`]), packages are refused, the
//! fonts are embedded in the binary, and `today()` is fixed.

use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Dict, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld};
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::templates::Templates;

/// Why a document did not compile or export.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// Typst reported errors; the text holds them with file, line and snippet.
    #[error("the template did not compile:\n{0}")]
    Typst(String),
    /// The PDF could not be written, e.g. a PDF/UA rule failed.
    #[error("the PDF could not be exported:\n{0}")]
    Export(String),
    /// The PDF standards given cannot be combined.
    #[error("invalid PDF standard: {0}")]
    Standard(String),
    /// A page could not be encoded as PNG.
    #[error("a page could not be encoded as PNG: {0}")]
    Png(String),
}

/// Which PDF standard to conform to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
pub enum PdfStandardChoice {
    /// Tagged, accessible PDF/UA-1 (the default).
    #[default]
    #[value(name = "ua-1")]
    Ua1,
    /// Archival PDF/A-2a.
    #[value(name = "a-2a")]
    A2a,
    /// No standard (still tagged).
    None,
}

/// The fonts, loaded once per process and shared by every compilation.
pub fn fonts() -> &'static FontStore {
    static FONTS: OnceLock<FontStore> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut store = FontStore::new();
        for data in [notosans::REGULAR_TTF, notosans::BOLD_TTF, notosans::ITALIC_TTF, notosans::BOLD_ITALIC_TTF] {
            if let Some(font) = Font::new(Bytes::new(data), 0) {
                let info = font.info().clone();
                store.push((font, info));
            }
        }
        store.extend(typst_kit::fonts::embedded());
        store
    })
}

/// Serves files to Typst: the main source from memory, the rest from the
/// templates; packages are refused.
struct Loader {
    templates: Templates,
    main: FileId,
    main_text: String,
}

impl FileLoader for Loader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.get();
        if let VirtualRoot::Package(spec) = path.root() {
            return Err(FileError::Other(Some(
                format!(
                    "package `{spec}` is not available: wecoss-report works offline with no packages; put the file in the templates folder and import it by path"
                )
                .into(),
            )));
        }
        if id == self.main {
            return Ok(Bytes::from_string(self.main_text.clone()));
        }
        let vpath = path.vpath().get_with_slash();
        self.templates.read(vpath).map(Bytes::new).map_err(|err| match err {
            crate::templates::TemplateError::NotFound { path } => FileError::NotFound(path.into()),
            crate::templates::TemplateError::OutsideRoot { .. } => FileError::AccessDenied,
            other => FileError::Other(Some(other.to_string().into())),
        })
    }
}

/// A Typst world for one document.
pub struct DocWorld {
    library: LazyHash<Library>,
    files: FileStore<Loader>,
    main: FileId,
    today: Datetime,
    templates: Templates,
}

impl DocWorld {
    /// A world whose main file is `main_path` (e.g. `/meeting-deck/main.typ`,
    /// inside the templates root) with the text `source`.
    pub fn new(templates: &Templates, main_path: &str, source: String, today: Datetime) -> Self {
        let vpath = VirtualPath::new(main_path).unwrap_or_else(|_| VirtualPath::new("/main.typ").expect("valid path"));
        let main = RootedPath::new(VirtualRoot::Project, vpath).intern();
        let loader = Loader { templates: templates.clone(), main, main_text: source };
        let library = Library::builder().with_inputs(Dict::new()).build();
        Self { library: LazyHash::new(library), files: FileStore::new(loader), main, today, templates: templates.clone() }
    }

    /// Compiles the document, returning it with Typst's warnings.
    pub fn compile(&self) -> Result<(PagedDocument, Vec<String>), CompileError> {
        let Warned { output, warnings } = typst::compile::<PagedDocument>(self);
        let warnings = warnings.iter().map(|w| w.message.to_string()).collect();
        output.map(|doc| (doc, warnings)).map_err(|errors| CompileError::Typst(self.emit(&errors)))
    }

    /// Formats diagnostics with file, line and snippet.
    pub fn emit(&self, diagnostics: &[SourceDiagnostic]) -> String {
        let mut buf = typst_kit::diagnostics::termcolor::NoColor::new(Vec::new());
        if typst_kit::diagnostics::emit(&mut buf, self, diagnostics, DiagnosticFormat::Human).is_err() {
            return diagnostics.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("\n");
        }
        String::from_utf8_lossy(&buf.into_inner()).into_owned()
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for DocWorld {
    fn name(&self, id: FileId) -> String {
        let vpath = id.get().vpath().get_with_slash().to_string();
        if id == self.main {
            format!("{} (generated from {}.j2)", vpath.trim_start_matches('/'), self.templates.display(&vpath))
        } else {
            self.templates.display(&vpath)
        }
    }
}

/// Exports a compiled document as PDF.
///
/// `ident` names the document stably (e.g. `meeting-deck-2025-10-07`) and
/// `timestamp` is its creation date: both fixed, so the same inputs give the
/// same bytes.
pub fn export_pdf(
    doc: &PagedDocument,
    ident: &str,
    timestamp: Datetime,
    standard: PdfStandardChoice,
) -> Result<Vec<u8>, CompileError> {
    let list: &[PdfStandard] = match standard {
        PdfStandardChoice::Ua1 => &[PdfStandard::Ua_1],
        PdfStandardChoice::A2a => &[PdfStandard::A_2a],
        PdfStandardChoice::None => &[],
    };
    let standards = PdfStandards::new(list).map_err(|e| CompileError::Standard(e.message().to_string()))?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("wecoss-report {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(timestamp)),
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        CompileError::Export(errors.iter().map(|e| format!("- {}", e.message)).collect::<Vec<_>>().join("\n"))
    })
}

/// Renders each page as PNG at `pixels_per_pt` (2.0 gives 1920 px wide slides).
pub fn export_png(doc: &PagedDocument, pixels_per_pt: f32) -> Result<Vec<Vec<u8>>, CompileError> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(pixels_per_pt as f64),
        render_bleed: false,
    };
    doc.pages()
        .iter()
        .map(|page| typst_render::render(page, &options).encode_png().map_err(|e| CompileError::Png(e.to_string())))
        .collect()
}

