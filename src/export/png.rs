//! PNG: one image per page of the compiled document.

use std::path::{Path, PathBuf};

use typst_layout::PagedDocument;

use crate::compile::CompileError;

/// Renders each page as PNG at `pixels_per_pt` (2.0 gives 1920 px wide slides).
pub fn export(doc: &PagedDocument, pixels_per_pt: f32) -> Result<Vec<Vec<u8>>, CompileError> {
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(pixels_per_pt as f64), render_bleed: false };
    doc.pages().iter().map(|page| typst_render::render(page, &options).encode_png().map_err(|e| CompileError::Png(e.to_string()))).collect()
}

/// The path of page `n` (one-based) of `total` in a PNG export, numbered so
/// the files sort in page order: `deck.pdf` → `deck-03.png`.
pub fn page_path(pdf_path: &Path, n: usize, total: usize) -> PathBuf {
    let stem = pdf_path.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
    let width = total.to_string().len().max(2);
    pdf_path.with_file_name(format!("{stem}-{n:0width$}.png"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names() {
        assert_eq!(page_path(Path::new("out/deck.pdf"), 3, 14), PathBuf::from("out/deck-03.png"));
        assert_eq!(page_path(Path::new("out/r.pdf"), 7, 120), PathBuf::from("out/r-007.png"));
    }
}
