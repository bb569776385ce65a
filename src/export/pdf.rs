//! PDF: the compiled pages as a tagged PDF (PDF/UA-1 by default).

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandards, Timestamp};

use super::PdfStandard;
use crate::compile::CompileError;

/// Exports a compiled document as PDF.
///
/// `ident` names the document stably (e.g. `meeting-deck-2025-10-07`) and
/// `timestamp` is its creation date: both fixed, so the same inputs give the
/// same bytes.
pub fn export(doc: &PagedDocument, ident: &str, timestamp: Datetime, standard: PdfStandard) -> Result<Vec<u8>, CompileError> {
    let list: &[typst_pdf::PdfStandard] = match standard {
        PdfStandard::Ua1 => &[typst_pdf::PdfStandard::Ua_1],
        PdfStandard::A2a => &[typst_pdf::PdfStandard::A_2a],
        PdfStandard::None => &[],
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
    typst_pdf::pdf(doc, &options)
        .map_err(|errors| CompileError::Export(errors.iter().map(|e| format!("- {}", e.message)).collect::<Vec<_>>().join("\n")))
}
