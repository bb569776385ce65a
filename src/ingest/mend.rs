//! Reading what can be read: an xlsx whose workbook lists a sheet calamine
//! refuses to open (an Excel 4 macro sheet in `xl/macrosheets/`, a part of
//! a kind it does not know, a sheet whose part or relationship is missing)
//! would be refused whole. Such sheets are left out of the workbook part,
//! in a copy of the file given to calamine, and named in a note; the other
//! sheets are read.

use std::io::{Cursor, Read, Write};

use super::preflight::{attr, tag_name, unescape_xml};

const WORKBOOK: &str = "xl/workbook.xml";
const RELS: &str = "xl/_rels/workbook.xml.rels";
/// The longest workbook part (or its relationships) looked at.
const PART_LIMIT: u64 = 16 << 20;

fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let entry = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    entry.take(PART_LIMIT).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Each `<…>` tag of `xml`: its text between the brackets and its byte
/// range, brackets included.
fn tags(xml: &[u8]) -> impl Iterator<Item = (&[u8], std::ops::Range<usize>)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + xml.get(at..)?.iter().position(|&b| b == b'<')?;
        let end = start + xml[start..].iter().position(|&b| b == b'>')?;
        at = end + 1;
        Some((&xml[start + 1..end], start..end + 1))
    })
}

/// The value of a relationship-id attribute (`r:id`, whatever its prefix).
fn rel_id(tag: &[u8]) -> Option<&[u8]> {
    attr(tag, b"r:id").or_else(|| {
        let at = tag.windows(4).position(|w| w == b":id=")?;
        let start = tag[..at].iter().rposition(|b| b.is_ascii_whitespace())? + 1;
        attr(tag, &tag[start..at + 3])
    })
}

/// The sheets of an xlsx that calamine cannot open, with what each is, and
/// the file without them (`None` when every sheet can be opened, or the
/// workbook part cannot be read: then calamine says what is wrong).
pub(super) fn xlsx_sheets(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> (Vec<(String, &'static str)>, Option<Vec<u8>>) {
    let (Some(workbook), Some(rels)) = (part(archive, WORKBOOK), part(archive, RELS)) else { return (Vec::new(), None) };
    // Relationship id → (target part, type's last word).
    let mut targets = std::collections::HashMap::new();
    for (tag, _) in tags(&rels) {
        if tag_name(tag) == (&b"Relationship"[..], false)
            && let (Some(id), Some(target)) = (attr(tag, b"Id"), attr(tag, b"Target"))
        {
            let kind = attr(tag, b"Type").map(|t| t.rsplit(|b| *b == b'/').next().unwrap_or_default().to_vec()).unwrap_or_default();
            let target = String::from_utf8_lossy(target);
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id.to_vec(), (path, kind));
        }
    }
    let mut skipped = Vec::new();
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    for (tag, range) in tags(&workbook) {
        let (name, closing) = tag_name(tag);
        if name != b"sheet" {
            continue;
        }
        if closing {
            if let Some(start) = open.take() {
                cut.push(start..range.end);
            }
            continue;
        }
        let why = match rel_id(tag).and_then(|id| targets.get(id)) {
            None => Some("a sheet whose part is missing from the file"),
            Some((path, kind)) => match kind.as_slice() {
                b"worksheet" | b"chartsheet" | b"dialogsheet" if archive.index_for_name(path).is_some() => None,
                b"worksheet" | b"chartsheet" | b"dialogsheet" => Some("a sheet whose part is missing from the file"),
                k if k.ends_with(b"acrosheet") => Some("an Excel 4 macro sheet"),
                _ => Some("a part of a kind this tool does not read"),
            },
        };
        let Some(why) = why else { continue };
        let sheet = attr(tag, b"name").map(|n| unescape_xml(&String::from_utf8_lossy(n))).unwrap_or_default();
        skipped.push((sheet, why));
        if tag.ends_with(b"/") {
            cut.push(range);
        } else {
            open = Some(range.start);
        }
    }
    if skipped.is_empty() {
        return (skipped, None);
    }
    let mut mended = Vec::with_capacity(workbook.len());
    let mut at = 0;
    for range in &cut {
        mended.extend_from_slice(&workbook[at..range.start]);
        at = range.end;
    }
    mended.extend_from_slice(&workbook[at..]);
    (skipped, rezip(archive, &mended).ok())
}

/// The archive with its workbook part replaced by `workbook`, every other
/// entry copied as it is (not inflated).
fn rezip(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, workbook: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i)?;
        if entry.name().is_ok_and(|n| n == WORKBOOK) {
            drop(entry);
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            out.start_file(WORKBOOK, options)?;
            out.write_all(workbook)?;
        } else {
            out.raw_copy_file(entry)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_sheets_are_left_out() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let parts = [
            (
                WORKBOOK,
                r#"<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Macro1" sheetId="2" r:id="rId2"/><sheet name="Gone" sheetId="3" r:id="rId9"></sheet></sheets></workbook>"#,
            ),
            (
                RELS,
                r#"<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", "<worksheet/>"),
        ];
        for (name, text) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
        let (skipped, mended) = xlsx_sheets(&mut archive);
        assert_eq!(
            skipped,
            [("Macro1".to_string(), "an Excel 4 macro sheet"), ("Gone".to_string(), "a sheet whose part is missing from the file")]
        );
        let mended = mended.unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(mended.as_slice())).unwrap();
        let workbook = String::from_utf8(part(&mut archive, WORKBOOK).unwrap()).unwrap();
        assert_eq!(workbook, r#"<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>"#);
        assert_eq!(part(&mut archive, "xl/worksheets/sheet1.xml").unwrap(), b"<worksheet/>");
    }
}
