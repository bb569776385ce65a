//! The zip check of a workbook before any parser sees it: inflated sizes
//! and compression ratio from the central directory (zip bombs), each
//! worksheet's declared dimension, the shared-string count, and a file cut
//! off by a copy still going.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::*;

/// Checks a zip-based spreadsheet before a parser sees it: the inflated sizes
/// from the central directory, the compression ratio, each worksheet's
/// declared dimension and the shared-string count.
pub(super) fn preflight_zip(bytes: &[u8], ext: &str, display: &str) -> Result<FormulaErrors, IngestError> {
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
            return Err(IngestError::Corrupt { format: "spreadsheet (zip)", detail: e.to_string() });
        }
    };
    let mut inflated = 0u64;
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| IngestError::Corrupt { format: "spreadsheet (zip)", detail: e.to_string() })?;
        let size = entry.size();
        let compressed = entry.compressed_size().max(1);
        inflated = inflated.saturating_add(size);
        if size > RATIO_CHECK_BYTES && size / compressed > MAX_RATIO {
            return Err(IngestError::ZipBomb { inflated: size, compressed });
        }
        names.push((entry.name().map(|n| n.to_string()).unwrap_or_default(), size));
    }
    if inflated > MAX_INFLATED_BYTES {
        return Err(IngestError::ZipBomb { inflated, compressed: bytes.len() as u64 });
    }
    // Tab names, read from the workbook part when first needed.
    let mut tabs = None;
    for (name, size) in &names {
        let size = *size;
        let is_sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let is_strings = name == "xl/sharedStrings.xml";
        if !is_sheet && !is_strings {
            continue;
        }
        let head = read_head(&mut archive, name, 4096);
        if is_sheet {
            if let Some(range) = attr_after(&head, "<dimension", "ref") {
                let cells = range_cells(&range);
                if cells > MAX_SHEET_CELLS {
                    let sheet = tab_name(&mut archive, &mut tabs, name);
                    return Err(IngestError::HugeSheet { sheet, range, cells, limit: MAX_SHEET_CELLS });
                }
            }
        } else if let Some(count) = attr_after(&head, "<sst", "uniqueCount").and_then(|c| c.parse::<u64>().ok()) {
            // Every shared string takes at least `<si><t/></si>` (12 bytes).
            if count > size / 12 + 16 {
                return Err(IngestError::AbsurdStrings { count, bytes: size });
            }
        }
    }
    // The extent of every xlsb sheet's and ods table's cells, whatever they
    // declare (see `preflight`), and the xlsb formula errors. An xlsx sheet is
    // streamed, never allocated as a box: its extent is measured as it is
    // read (see `stream_xlsx_sheet`).
    let mut formula_errors = FormulaErrors::new();
    for (name, _) in &names {
        if name.starts_with("xl/worksheets/") && name.ends_with(".bin") {
            let sheet = tab_name(&mut archive, &mut tabs, name);
            let Ok(entry) = archive.by_name(name) else { continue };
            let errors = preflight::xlsb_sheet(entry, &sheet)?;
            if !errors.is_empty() {
                formula_errors.insert(sheet, errors);
            }
        } else if name == "content.xml" {
            let Ok(entry) = archive.by_name(name) else { continue };
            preflight::ods_content(entry)?;
        }
    }
    Ok(formula_errors)
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

/// The number of cells in an A1 range such as `A1:XFD1048576` (a range it
/// cannot read counts as one cell).
pub(super) fn range_cells(range: &str) -> u64 {
    let corner = |r: &str| preflight::a1(r.as_bytes()).map(|(row, col)| (row.unwrap_or(0), col));
    let mut parts = range.split(':');
    let (Some(a), Some(b)) = (parts.next().and_then(corner), parts.next().and_then(corner)) else { return 1 };
    (b.0.abs_diff(a.0) + 1).saturating_mul(b.1.abs_diff(a.1) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(range_cells("A1:XFD1048576"), 16384 * 1048576);
        assert_eq!(range_cells("B2:C3"), 4);
        assert_eq!(range_cells("A1"), 1);
    }
}
