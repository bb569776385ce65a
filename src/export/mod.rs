//! Stage 6: the output formats, peers behind one small interface.
//!
//! A document reaches a format as far along the pipeline as that format
//! needs ([`Format::needs`]): its figures (JSON), its rendered Typst source,
//! or the compiled pages (PDF, PNG). Each format is one module that turns
//! that into files in memory ([`Files`]); the output stage writes them.
//! Adding a format is a module here and a [`Format`] variant: every match
//! on it is exhaustive, so the compiler names each place to handle it
//! ([`Format::needs`], [`Format::only_for`], [`Format::flag`],
//! [`Format::edition`], [`export`]). The formats drawn without a template
//! (the PowerPoint deck's shapes) read the typed figures ([`Made::figures`]);
//! the others the context their templates receive.

pub mod html;
pub mod pdf;
pub mod png;
pub mod pptx;

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::compile::CompileError;
use crate::compile::Worlds;
use crate::diag::Diagnostics;
use crate::figures::Figures;
use crate::render::Rendered;
use crate::templates::{DocKind, Templates};

/// Why a document could not be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The PDF, PNG or Typst export failed.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// The PowerPoint deck could not be made.
    #[error(transparent)]
    Pptx(#[from] pptx::PptxError),
    /// The web page could not be made.
    #[error(transparent)]
    Html(#[from] html::HtmlError),
}

/// Files made in memory, to be written: paths and bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A tagged PDF document.
    Pdf,
    /// One PNG image per page.
    Png,
    /// The generated Typst source.
    Typ,
    /// The annual report as one self-contained, accessible web page, its
    /// charts drawn by the same Typst functions as the PDF's.
    Html,
    /// The figures the template receives, as JSON.
    Json,
    /// The meeting deck as an editable PowerPoint file, laid out on the
    /// PDF deck's pages.
    Pptx,
}

/// How far along the pipeline a format starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The figures, as the template receives them.
    Figures,
    /// The rendered Typst source.
    Source,
    /// The compiled pages.
    Pages,
}

impl Format {
    /// What the format is made from.
    pub fn needs(self) -> Stage {
        match self {
            Format::Json | Format::Html => Stage::Figures,
            Format::Typ => Stage::Source,
            Format::Pdf | Format::Png | Format::Pptx => Stage::Pages,
        }
    }

    /// The one kind of document that has an edition in this format, or
    /// `None` when every kind has one.
    pub fn only_for(self) -> Option<DocKind> {
        match self {
            Format::Pptx => Some(DocKind::Deck),
            Format::Html => Some(DocKind::Report),
            Format::Pdf | Format::Png | Format::Typ | Format::Json => None,
        }
    }

    /// Whether the format is made for documents of `kind`.
    pub fn applies_to(self, kind: DocKind) -> bool {
        self.only_for().is_none_or(|only| only == kind)
    }

    /// The format's name on the command line: `pdf`, `pptx`.
    pub fn flag(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Png => "png",
            Format::Typ => "typ",
            Format::Html => "html",
            Format::Json => "json",
            Format::Pptx => "pptx",
        }
    }

    /// The edition in words: `PowerPoint`, `HTML`.
    pub fn edition(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Png => "PNG",
            Format::Typ => "Typst",
            Format::Html => "HTML",
            Format::Json => "JSON",
            Format::Pptx => "PowerPoint",
        }
    }

    /// The file extension of the format's files.
    pub fn extension(self) -> &'static str {
        self.flag()
    }
}

/// The formats of `asked` that apply to documents of `kind`, or PDF when
/// none does (`--format pptx` still gives the report, as PDF).
pub fn formats_for(asked: &[Format], kind: DocKind) -> Vec<Format> {
    let formats: Vec<Format> = asked.iter().copied().filter(|f| f.applies_to(kind)).collect();
    if formats.is_empty() { vec![Format::Pdf] } else { formats }
}

/// Which PDF standard to conform to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PdfStandard {
    /// Tagged, accessible PDF/UA-1 (the default).
    #[default]
    Ua1,
    /// Archival PDF/A-2a.
    A2a,
    /// No standard (still tagged).
    None,
}

/// One document at the stage its format needs.
pub struct Made<'a> {
    /// The output file stem, e.g. `meeting-deck-2025-10-07`.
    pub name: &'a str,
    /// The folder the files are for.
    pub out: &'a Path,
    /// The figures as the templates receive them, before any text is
    /// replaced: what `--format json` prints.
    pub json: &'a serde_json::Value,
    /// What the templates receive: the figures with the text no font can
    /// show replaced, and `draft` when asked for.
    pub context: &'a serde_json::Value,
    /// The figures, typed, for what is drawn without a template.
    pub figures: &'a Figures,
    /// Whether every page is marked DRAFT.
    pub draft: bool,
    /// The rendered Typst source, when the format needs it.
    pub source: Option<&'a Rendered>,
    /// The compiled pages, when the format needs them.
    pub pages: Option<&'a PagedDocument>,
    /// The document's timestamp (never the clock).
    pub timestamp: Datetime,
    /// The PDF standard to conform to.
    pub pdf_standard: PdfStandard,
    /// The templates (formats with templates of their own read them).
    pub templates: &'a Templates,
    /// Which document it is.
    pub kind: DocKind,
    /// The Typst worlds kept between builds (the web page's charts
    /// compile in one).
    pub worlds: &'a Worlds,
}

/// Exports one document in `format`, in memory; warnings (Typst's) are
/// added to `warnings`.
pub fn export(format: Format, made: &Made<'_>, warnings: &mut Diagnostics) -> Result<Files, ExportError> {
    let path = |ext: &str| made.out.join(made.name).with_extension(ext);
    let unmade =
        |format: Format| -> ExportError { CompileError::Export(format!("{format:?} was asked for before its stage was made")).into() };
    match format {
        Format::Json => {
            let text = serde_json::to_string_pretty(made.json).map_err(|e| CompileError::Export(e.to_string()))?;
            // The figures as data: English text carries no language mark.
            let mut bytes = crate::marked::strip(&text).into_owned().into_bytes();
            bytes.push(b'\n');
            Ok(vec![(path("json"), bytes)])
        }
        Format::Typ => {
            let source = made.source.ok_or_else(|| unmade(format))?;
            Ok(vec![(path("typ"), source.source.clone().into_bytes())])
        }
        Format::Pdf => {
            let pages = made.pages.ok_or_else(|| unmade(format))?;
            Ok(vec![(path("pdf"), pdf::export(pages, made.name, made.timestamp, made.pdf_standard)?)])
        }
        Format::Png => {
            let pages = made.pages.ok_or_else(|| unmade(format))?;
            let images = png::export(pages, 2.0)?;
            let count = images.len();
            Ok(images.into_iter().enumerate().map(|(i, png)| (png::page_path(&path("pdf"), i + 1, count), png)).collect())
        }
        Format::Html => {
            let page = html::html(made.kind, made.context, made.templates, made.worlds, made.timestamp, warnings)?;
            Ok(vec![(path("html"), page)])
        }
        Format::Pptx => {
            let pages = made.pages.ok_or_else(|| unmade(format))?;
            let Figures::Deck(figures) = made.figures else {
                return Err(CompileError::Export(format!("the {} has no PowerPoint edition", made.kind.title())).into());
            };
            let deck = pptx::Deck { context: made.context, figures, draft: made.draft };
            Ok(vec![(path("pptx"), pptx::deck(&deck, made.templates, &pptx::page_texts(pages))?)])
        }
    }
}
