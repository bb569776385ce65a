//! What a screen reader meets in the sample PDFs, read from their tag tree
//! with poppler's `pdfinfo -struct-text`, for the findings of the `outloud`
//! checker (run in `.ci/run`):
//!
//! - ORD-001: no tagged text follows an inline tag inside the same element
//!   (`Attended ` `[14]` ` community events`). Such text is painted in order,
//!   but a checker that reads the tree element by element reads it out of
//!   order; key figures are bold text instead of `strong` tags.
//! - PAG-001: the "Continued" above a continued slide is pagination, an
//!   artifact: printed, not tagged.
//! - HDG-010: no heading reads as a salutation ("Thank You!").

use std::path::Path;
use std::process::Command;

use crate::support::*;

/// The tag tree with its text, one node per line, indented by depth.
fn struct_text(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg("-struct-text").arg(pdf).output().expect("pdfinfo is installed (poppler-utils)");
    assert!(out.status.success(), "pdfinfo -struct-text failed on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Text lines of the tree that come after an inline child tag of the same
/// element, with that element's name.
fn text_after_inline_tags(tree: &str) -> Vec<String> {
    // (indent, element, whether it has had a child element yet)
    let mut open: Vec<(usize, String, bool)> = Vec::new();
    let mut found = Vec::new();
    for line in tree.lines() {
        let node = line.trim_start();
        let indent = line.len() - node.len();
        if node.is_empty() || node.starts_with('/') {
            continue; // attributes
        }
        while open.last().is_some_and(|(i, _, _)| *i >= indent) {
            open.pop();
        }
        if node.starts_with('"') {
            if let Some((_, name, true)) = open.last() {
                found.push(format!("{name}: {node}"));
            }
        } else {
            if let Some(parent) = open.last_mut() {
                parent.2 = true;
            }
            open.push((indent, node.split(' ').next().unwrap_or_default().to_string(), false));
        }
    }
    found
}

#[test]
fn sample_pdfs_read_in_order_without_furniture_or_salutations() {
    let dir = tempfile::tempdir().unwrap();
    let samples = samples();
    assert_ok(&run_in(dir.path(), &["build", "--quiet", "--inputs", samples.to_str().unwrap(), "--out", "out"]));
    let deck = dir.path().join("out/meeting-deck-2025-10-07.pdf");
    let report = dir.path().join("out/annual-report-2025.pdf");
    for pdf in [&deck, &report] {
        let tree = struct_text(pdf);
        assert!(tree.contains("Document"), "tagged: {}", pdf.display());
        let mixed = text_after_inline_tags(&tree);
        assert!(mixed.is_empty(), "{}: text after an inline tag:\n{}", pdf.display(), mixed.join("\n"));
        let salutations: Vec<&str> =
            tree.lines().map(str::trim_start).filter(|l| l.starts_with('H') && l.to_lowercase().contains(" \"thank you")).collect();
        assert!(salutations.is_empty(), "{}: headings that read as a salutation: {salutations:?}", pdf.display());
    }

    // The continued slides say so on the page, and not in the tags.
    let tree = struct_text(&deck);
    assert!(pdf_text(&deck).contains("CONTINUED"), "the sample deck has continued slides");
    assert!(!tree.contains("\"CONTINUED\""), "\"Continued\" is pagination, an artifact:\n{tree}");
    // The closing words are still read, as text.
    assert!(tree.contains("\"Thank You!\""), "{tree}");
}
