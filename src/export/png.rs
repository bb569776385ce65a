//! PNG: one image per page of the compiled document.

use typst_layout::PagedDocument;

use crate::compile::CompileError;

/// Renders each page as PNG at `pixels_per_pt` (2.0 gives 1920 px wide slides).
pub fn export(doc: &PagedDocument, pixels_per_pt: f32) -> Result<Vec<Vec<u8>>, CompileError> {
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(pixels_per_pt as f64), render_bleed: false };
    doc.pages().iter().map(|page| typst_render::render(page, &options).encode_png().map_err(|e| CompileError::Png(e.to_string()))).collect()
}
