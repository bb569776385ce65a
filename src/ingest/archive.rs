//! The zip check of a workbook before any parser sees it: inflated sizes
//! and compression ratio from the central directory (zip bombs), each
//! worksheet's declared dimension, the shared-string count, and a file cut
//! off by a copy still going.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::mend;
use super::*;

/// What the zip check found: the format inside, the xlsb formula errors,
/// the sheets skipped, and the file mended for calamine (`None`: as it is).
pub(super) struct Checked {
    /// `xlsx`, `xlsb` or `ods`, from the parts inside (whatever the name).
    pub format: &'static str,
    pub formula_errors: FormulaErrors,
    /// Sheets left out (tab name, what they are).
    pub skipped: Vec<(String, &'static str)>,
    /// The file with the sheets calamine cannot open left out of its
    /// workbook part.
    pub mended: Option<Vec<u8>>,
}

/// The parts calamine streams (an xlsx or xlsb worksheet, read cell by cell;
/// an ods `content.xml`, measured by the preflight first): their memory
/// follows their cells, not their bytes, so the ratio counts for them only
/// above [`STREAMED_RATIO_CHECK_BYTES`]. Every other part is read whole.
fn streamed(name: &str) -> bool {
    (name.starts_with("xl/worksheets/") && (name.ends_with(".xml") || name.ends_with(".bin"))) || name == "content.xml"
}

/// Checks a zip-based spreadsheet before a parser sees it: the inflated sizes
/// from the central directory and the compression ratio (zip bombs), the
/// format inside, encryption (ods), the shared-string count, each xlsb
/// sheet's and ods table's cell extent, and the sheets calamine cannot open.
pub(super) fn preflight_zip(bytes: &[u8], ext: &str, display: &str) -> Result<Checked, IngestError> {
    let zip_format = |ext: &str| match ext {
        "ods" => "an OpenDocument spreadsheet (.ods)",
        "xlsb" => "an Excel binary workbook (.xlsb)",
        _ => "an Excel workbook (.xlsx)",
    };
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        // Empty, or a zip's start without its end (its central directory):
        // cut off, as by a copy still going or one that failed.
        Err(e) if bytes.is_empty() || (bytes.starts_with(b"PK\x03\x04") && e.to_string().contains("Could not find EOCD")) => {
            let format = match ext {
                "ods" => "OpenDocument spreadsheet",
                "xlsb" => "Excel binary",
                _ => "Excel",
            };
            return Err(IngestError::Incomplete { name: file_name(display), format });
        }
        Err(e) => {
            return Err(IngestError::Corrupt { format: zip_format(ext), detail: format!("zip: {e}") });
        }
    };
    let mut inflated = 0u64;
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| IngestError::Corrupt { format: zip_format(ext), detail: format!("zip: {e}") })?;
        let size = entry.size();
        let compressed = entry.compressed_size().max(1);
        inflated = inflated.saturating_add(size);
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let checked_above = if streamed(&name) { STREAMED_RATIO_CHECK_BYTES } else { RATIO_CHECK_BYTES };
        if size > checked_above && size / compressed > MAX_RATIO {
            return Err(IngestError::ZipBomb { inflated: size, compressed });
        }
        names.push((name, size));
    }
    if inflated > MAX_INFLATED_BYTES {
        return Err(IngestError::ZipBomb { inflated, compressed: bytes.len() as u64 });
    }
    // The format inside, whatever the name says.
    // Compared as some writers store them: any case, `\` for `/`.
    let has = |part: &str| names.iter().any(|(n, _)| n.eq_ignore_ascii_case(part) || n.replace('\\', "/").eq_ignore_ascii_case(part));
    let format = if has("xl/workbook.bin") {
        "xlsb"
    } else if has("xl/workbook.xml") {
        "xlsx"
    } else if has("content.xml") && (has("mimetype") || has("META-INF/manifest.xml")) {
        "ods"
    } else if has("word/document.xml") {
        return Err(IngestError::NotASpreadsheet { what: "a Word document (.docx)".into() });
    } else if has("ppt/presentation.xml") {
        return Err(IngestError::NotASpreadsheet { what: "a PowerPoint presentation (.pptx)".into() });
    } else if !has("[Content_Types].xml")
        && !has("content.xml")
        && !names.iter().any(|(n, _)| n.starts_with("xl/") || n.starts_with("xl\\"))
    {
        return Err(IngestError::NotASpreadsheet { what: "a compressed folder (.zip) that holds no workbook".into() });
    } else if ext == "xls" {
        "xlsx"
    } else {
        match ext {
            "ods" => "ods",
            "xlsb" => "xlsb",
            _ => "xlsx",
        }
    };
    if format == "ods" && encrypted_ods(&mut archive) {
        return Err(IngestError::Password);
    }
    // Tab names, read from the workbook part when first needed.
    let mut tabs = None;
    if let Some((size, head)) = names.iter().find(|(n, _)| n == "xl/sharedStrings.xml").map(|(n, size)| (*size, read_head(&mut archive, n, 4096)))
        && let Some(count) = attr_after(&head, "<sst", "uniqueCount").and_then(|c| c.parse::<u64>().ok())
        // Every shared string takes at least `<si><t/></si>` (12 bytes).
        && count > size / 12 + 16
    {
        return Err(IngestError::AbsurdStrings { count, bytes: size });
    }
    // The extent of every xlsb sheet's and ods table's cells, whatever they
    // declare (see `preflight`), and the xlsb formula errors. An xlsx sheet is
    // streamed, never allocated as a box: its extent is measured as it is
    // read (see `stream_xlsx_sheet`). A declared dimension decides nothing.
    let mut formula_errors = FormulaErrors::new();
    for (name, _) in &names {
        if format == "xlsb" && name.starts_with("xl/worksheets/") && name.ends_with(".bin") {
            let sheet = tab_name(&mut archive, &mut tabs, name);
            let Ok(entry) = archive.by_name(name) else { continue };
            let errors = preflight::xlsb_sheet(entry, &sheet)?;
            if !errors.is_empty() {
                formula_errors.insert(sheet, errors);
            }
        } else if format == "ods" && name == "content.xml" {
            let Ok(entry) = archive.by_name(name) else { continue };
            preflight::ods_content(entry)?;
        }
    }
    let (skipped, mended) = match format {
        "xlsx" => mend::xlsx_sheets(&mut archive),
        "xlsb" => mend::xlsb_sheets(&mut archive),
        _ => (Vec::new(), None),
    };
    Ok(Checked { format, formula_errors, skipped, mended })
}

/// Whether an ods is encrypted: its manifest gives encryption data for a
/// part (`manifest:encryption-data`).
fn encrypted_ods(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> bool {
    read_head(archive, "META-INF/manifest.xml", 16 << 20).contains("encryption-data")
}

/// The tab name of a worksheet part (`xl/worksheets/sheet2.xml` → `Huge`),
/// else the part's own name (`sheet2`). The names are read from the
/// workbook part the first time one is asked for.
pub(super) fn tab_name(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, tabs: &mut Option<HashMap<String, String>>, part: &str) -> String {
    let tabs = tabs.get_or_insert_with(|| preflight::sheet_names(archive));
    tabs.get(part).cloned().unwrap_or_else(|| {
        let file = part.rsplit('/').next().unwrap_or(part);
        file.rsplit_once('.').map_or(file, |(stem, _)| stem).to_string()
    })
}

pub(super) fn read_head(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> String {
    let Ok(entry) = archive.by_name(name) else { return String::new() };
    let mut buf = Vec::new();
    let _ = entry.take(limit).read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The value of attribute `attr` in the first element starting with `tag`.
pub(super) fn attr_after(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let start = xml.find(tag)?;
    let end = xml[start..].find('>')? + start;
    let element = &xml[start..end];
    let key = format!("{attr}=\"");
    let at = element.find(&key)? + key.len();
    let len = element[at..].find('"')?;
    Some(element[at..at + len].to_string())
}
