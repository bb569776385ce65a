//! Stage 6: the output formats, peers behind one small interface.
//!
//! A document reaches a format as far along the pipeline as that format
//! needs ([`Format::needs`]): its figures (JSON), its rendered Typst source,
//! or the compiled pages (PDF, PNG). Each format is one module that turns
//! that into files in memory ([`Files`]); [`crate::output`] writes them.
//! Adding a format is a module here, a [`Format`] variant and its arm in
//! [`Format::needs`] and [`export`].

pub mod html;
pub mod pdf;
pub mod png;
pub mod pptx;

use std::path::{Path, PathBuf};

use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::compile::CompileError;
use crate::compile::Worlds;
use crate::render::Rendered;
use crate::templates::{DECK, REPORT, Templates};

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

    /// Whether the format is made for documents of `template` (the deck's
    /// or the report's template folder).
    pub fn applies_to(self, template: &str) -> bool {
        match self {
            Format::Pptx => template == DECK,
            Format::Html => template == REPORT,
            _ => true,
        }
    }
}

/// The formats of `asked` that apply to documents of `template`, or PDF when
/// none does (`--format pptx` still gives the report, as PDF).
pub fn formats_for(asked: &[Format], template: &str) -> Vec<Format> {
    let formats: Vec<Format> = asked.iter().copied().filter(|f| f.applies_to(template)).collect();
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
    /// The figures, as `--format json` prints them.
    pub figures: &'a serde_json::Value,
    /// What the templates receive: the figures, and `draft` when asked for.
    pub context: &'a serde_json::Value,
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
    /// The document's template folder, e.g. `annual-report`.
    pub template: &'a str,
    /// Whether the document's Typst template was rendered (and so its
    /// unprintable characters already warned of).
    pub rendered: bool,
    /// The Typst worlds kept between builds (the web page's charts
    /// compile in one).
    pub worlds: &'a Worlds,
}

/// Exports one document in `format`, in memory; warnings (unprintable
/// characters, Typst's) are added to `warnings`.
pub fn export(format: Format, made: &Made<'_>, warnings: &mut Vec<String>) -> Result<Files, ExportError> {
    let path = |ext: &str| made.out.join(made.name).with_extension(ext);
    match (format, made.source, made.pages) {
        (Format::Json, _, _) => {
            let mut bytes = serde_json::to_vec_pretty(made.figures).map_err(|e| CompileError::Export(e.to_string()))?;
            bytes.push(b'\n');
            Ok(vec![(path("json"), bytes)])
        }
        (Format::Typ, Some(source), _) => Ok(vec![(path("typ"), source.source.clone().into_bytes())]),
        (Format::Pdf, _, Some(pages)) => Ok(vec![(path("pdf"), pdf::export(pages, made.name, made.timestamp, made.pdf_standard)?)]),
        (Format::Png, _, Some(pages)) => {
            let images = png::export(pages, 2.0)?;
            let count = images.len();
            Ok(images.into_iter().enumerate().map(|(i, png)| (crate::output::page_path(&path("pdf"), i + 1, count), png)).collect())
        }
        (Format::Html, _, _) => {
            // Text no font can show is replaced, as for the PDF.
            let mut context = made.context.clone();
            let replaced = crate::glyphs::clean_json(&mut context);
            if !made.rendered {
                warnings.extend(replaced);
            }
            let page = html::html(made.template, &context, made.templates, made.worlds, made.timestamp, warnings)?;
            Ok(vec![(path("html"), page)])
        }
        (Format::Pptx, _, Some(pages)) => Ok(vec![(path("pptx"), pptx::deck(made.context, made.templates, &pptx::page_texts(pages))?)]),
        (format, _, _) => Err(CompileError::Export(format!("{format:?} was asked for before its stage was made")).into()),
    }
}
