//! Reading what can be read: an xlsx or xlsb whose workbook lists a sheet
//! calamine refuses to open (an Excel 4 macro sheet in `xl/macrosheets/`, a
//! part of a kind it does not know, a sheet whose part or relationship is
//! missing) would be refused whole. Such sheets are left out of the
//! workbook part, in a copy of the file given to calamine, and named in a
//! note; the other sheets are read.

use std::io::{Cursor, Read, Write};

use super::preflight::{attr, record_header, tag_name, unescape_xml, wide_string};

const WORKBOOK: &str = "xl/workbook.xml";
const RELS: &str = "xl/_rels/workbook.xml.rels";
const WORKBOOK_BIN: &str = "xl/workbook.bin";
const RELS_BIN: &str = "xl/_rels/workbook.bin.rels";
/// BrtBundleSh: one sheet of an xlsb workbook part.
const BUNDLE_SH: u16 = 0x009C;
const MISSING: &str = "a sheet whose part is missing from the file";
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
    let targets = relationships(&rels);
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
            None => Some(MISSING),
            rel => unreadable(archive, rel, false),
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
    let mended = without(archive, WORKBOOK, &workbook, &cut);
    (skipped, mended)
}

/// Relationship id → (target part, the type's last word), from a workbook
/// part's relationships; a target is relative to `xl/` unless absolute.
fn relationships(rels: &[u8]) -> std::collections::HashMap<Vec<u8>, (String, Vec<u8>)> {
    let mut targets = std::collections::HashMap::new();
    for (tag, _) in tags(rels) {
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
    targets
}

/// Why a sheet whose relationship is `rel` cannot be opened by calamine,
/// `None` if it can. An xlsb sheet is opened by its path (`xl/worksheets/…`),
/// an xlsx one by its relationship's type.
fn unreadable(archive: &zip::ZipArchive<Cursor<&[u8]>>, rel: Option<&(String, Vec<u8>)>, binary: bool) -> Option<&'static str> {
    let (path, kind) = rel?;
    let kind = if binary { path.split('/').nth(1).unwrap_or_default().trim_end_matches('s').as_bytes() } else { kind.as_slice() };
    match kind {
        b"worksheet" | b"chartsheet" | b"dialogsheet" if archive.index_for_name(path).is_some() => None,
        b"worksheet" | b"chartsheet" | b"dialogsheet" => Some(MISSING),
        k if k.ends_with(b"acrosheet") => Some("an Excel 4 macro sheet"),
        _ => Some("a part of a kind this tool does not read"),
    }
}

/// [`xlsx_sheets`] for an xlsb: its BrtBundleSh records (state and tab id,
/// then the relationship id and the name, each a length-prefixed UTF-16
/// string) whose sheet calamine cannot open are left out of
/// `xl/workbook.bin`.
pub(super) fn xlsb_sheets(archive: &mut zip::ZipArchive<Cursor<&[u8]>>) -> (Vec<(String, &'static str)>, Option<Vec<u8>>) {
    let (Some(workbook), Some(rels)) = (part(archive, WORKBOOK_BIN), part(archive, RELS_BIN)) else { return (Vec::new(), None) };
    let targets = relationships(&rels);
    let mut skipped = Vec::new();
    let mut cut: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    while at < workbook.len() {
        let mut pos = at;
        let mut byte = || {
            let b = workbook.get(pos).copied();
            pos += 1;
            b
        };
        let Some((typ, len)) = record_header(&mut byte) else { break };
        let (start, body) = (at, pos);
        let Some(end) = body.checked_add(len as usize).filter(|&e| e <= workbook.len()) else { break };
        at = end;
        if typ != BUNDLE_SH {
            continue;
        }
        // A sheet without a relationship id (null, 0xFFFFFFFF) is skipped
        // by calamine itself.
        let Some((id, rest)) = workbook.get(body + 8..end).and_then(wide_string) else { continue };
        // An id not found is a record this reader may misread (some
        // writers lay it out otherwise): calamine says the file is damaged.
        let why = unreadable(archive, targets.get(id.as_bytes()), true);
        if let Some(why) = why {
            skipped.push((wide_string(rest).map(|(name, _)| name).unwrap_or_default(), why));
            cut.push(start..end);
        }
    }
    if skipped.is_empty() {
        return (skipped, None);
    }
    let mended = without(archive, WORKBOOK_BIN, &workbook, &cut);
    (skipped, mended)
}

/// The archive with its part `name` (whose bytes are `part`) left without
/// the byte ranges `cut`, in order; `None` if it cannot be written again.
fn without(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, part: &[u8], cut: &[std::ops::Range<usize>]) -> Option<Vec<u8>> {
    let mut mended = Vec::with_capacity(part.len());
    let mut from = 0;
    for range in cut {
        mended.extend_from_slice(&part[from..range.start]);
        from = range.end;
    }
    mended.extend_from_slice(&part[from..]);
    rezip(archive, name, &mended).ok()
}

/// The archive with its part `name` replaced by `workbook`, every other
/// entry copied as it is (not inflated).
fn rezip(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, workbook: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i)?;
        if entry.name().is_ok_and(|n| n == name) {
            drop(entry);
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
            out.start_file(name, options)?;
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

    #[test]
    fn xlsb_macro_sheets_are_left_out() {
        // BrtBundleSh (type 0x9C, a two-byte varint): state, tab id, then
        // the relationship id and the name as XLWideStrings.
        let bundle = |id: &str, name: &str| {
            let wide = |s: &str| {
                let units: Vec<u16> = s.encode_utf16().collect();
                let mut out = (units.len() as u32).to_le_bytes().to_vec();
                units.iter().for_each(|u| out.extend(u.to_le_bytes()));
                out
            };
            let mut body = vec![0u8; 8];
            body.extend(wide(id));
            body.extend(wide(name));
            let mut record = vec![0x9C, 0x01, body.len() as u8];
            record.extend(body);
            record
        };
        let mut workbook = vec![0x83, 0x01, 0]; // BrtBeginBook
        workbook.extend(bundle("rId1", "Data"));
        workbook.extend(bundle("rId2", "Macro1"));
        workbook.extend([0x84, 0x01, 0]); // BrtEndBook
        let rels = br#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.bin"/><Relationship Id="rId2" Type="x/xlMacrosheet" Target="macrosheets/sheet1.bin"/></Relationships>"#;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, bytes) in [(WORKBOOK_BIN, &workbook[..]), (RELS_BIN, &rels[..]), ("xl/worksheets/sheet1.bin", b"")] {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(bytes).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        let (skipped, mended) = xlsb_sheets(&mut zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap());
        assert_eq!(skipped, [("Macro1".to_string(), "an Excel 4 macro sheet")]);
        let mended = mended.unwrap();
        let kept = part(&mut zip::ZipArchive::new(Cursor::new(mended.as_slice())).unwrap(), WORKBOOK_BIN).unwrap();
        let mut expected = vec![0x83, 0x01, 0];
        expected.extend(bundle("rId1", "Data"));
        expected.extend([0x84, 0x01, 0]);
        assert_eq!(kept, expected);
    }
}
