//! The cell extent of each sheet, measured by streaming its XML before
//! calamine sees it.
//!
//! calamine allocates a sheet's whole bounding box: for xlsx, the box around
//! its non-empty cells (whatever the `<dimension>` says), for ods, its rows
//! and columns after `number-rows-repeated` and `number-columns-repeated` are
//! expanded. Two cells at `A1` and `XFD1048576`, or one row repeated a
//! million times, make a file of a few hundred bytes ask for gigabytes, and a
//! failed allocation aborts the process. So each sheet's extent is measured
//! here, with a fixed-size buffer, and a sheet over
//! [`MAX_SHEET_CELLS`](super::MAX_SHEET_CELLS) is refused.

use std::io::Read;

use super::IngestError;
use super::biff12;

/// The longest tag kept for parsing; attributes past it are not looked at.
const TAG_LIMIT: usize = 4096;

/// Calls `on_tag` with the text between each `<` and `>` of `reader`.
fn scan_tags<R: Read>(mut reader: R, mut on_tag: impl FnMut(&[u8]) -> Result<(), IngestError>) -> Result<(), IngestError> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut tag = Vec::with_capacity(256);
    let mut in_tag = false;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // A damaged entry: calamine will say so.
            Err(_) => return Ok(()),
        };
        for &b in &buf[..n] {
            if in_tag {
                if b == b'>' {
                    in_tag = false;
                    on_tag(&tag)?;
                } else if tag.len() < TAG_LIMIT {
                    tag.push(b);
                } else if let Some(last) = tag.last_mut() {
                    // Keep the real last byte: a closing `/` says "empty".
                    *last = b;
                }
            } else if b == b'<' {
                in_tag = true;
                tag.clear();
            }
        }
    }
}

/// The element name of a tag without its namespace prefix (`x:row` → `row`),
/// and whether it closes an element (`/row`).
pub(super) fn tag_name(tag: &[u8]) -> (&[u8], bool) {
    let (closing, rest) = match tag.first() {
        Some(b'/') => (true, &tag[1..]),
        _ => (false, tag),
    };
    let end = rest.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').unwrap_or(rest.len());
    let name = &rest[..end];
    let local = name.iter().rposition(|b| *b == b':').map_or(name, |i| &name[i + 1..]);
    (local, closing)
}

/// The value of attribute `name` (with its prefix, if any) in a tag.
pub(super) fn attr<'t>(tag: &'t [u8], name: &[u8]) -> Option<&'t [u8]> {
    let mut from = 0;
    while let Some(i) = find(&tag[from..], name).map(|i| i + from) {
        let before_ok = i > 0 && tag[i - 1].is_ascii_whitespace();
        let rest = &tag[i + name.len()..];
        if before_ok && rest.first() == Some(&b'=') {
            let quote = *rest.get(1)?;
            let value = &rest[2..];
            let end = value.iter().position(|b| *b == quote)?;
            return Some(&value[..end]);
        }
        from = i + 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn number(v: &[u8]) -> Option<u64> {
    std::str::from_utf8(v).ok()?.trim().parse().ok()
}

/// A bounding box of cells, zero-based and inclusive.
#[derive(Default)]
pub(super) struct Extent {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Extent {
    pub(super) fn add(&mut self, row: u64, col: u64) {
        let grow = |r: &mut Option<(u64, u64)>, v: u64| {
            *r = Some(r.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        };
        grow(&mut self.rows, row);
        grow(&mut self.cols, col);
    }

    /// Whether the box already holds (row, col): then adding it changes
    /// nothing.
    pub(super) fn contains(&self, row: u64, col: u64) -> bool {
        matches!((self.rows, self.cols), (Some((r0, r1)), Some((c0, c1))) if (r0..=r1).contains(&row) && (c0..=c1).contains(&col))
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1).saturating_mul(c1 - c0 + 1),
            _ => 0,
        }
    }

    fn range(&self) -> String {
        let (Some((r0, r1)), Some((c0, c1))) = (self.rows, self.cols) else { return String::new() };
        let cell = |r: u64, c: u64| crate::diag::cell_name(r.min(u32::MAX as u64) as u32, c.min(u32::MAX as u64) as u32);
        format!("{}:{}", cell(r0, c0), cell(r1, c1))
    }

    pub(super) fn check(&self, sheet: &str) -> Result<(), IngestError> {
        let cells = self.cells();
        if cells > super::MAX_SHEET_CELLS {
            return Err(IngestError::HugeSheet { sheet: sheet.to_string(), range: self.range(), cells, limit: super::MAX_SHEET_CELLS });
        }
        Ok(())
    }
}

/// Splits an A1 reference into zero-based (row, column).
pub(super) fn a1(r: &[u8]) -> Option<(Option<u64>, u64)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 4 {
        return None;
    }
    let col = r[..letters].iter().fold(0u64, |acc, b| acc * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)) - 1;
    let row = number(&r[letters..]).and_then(|n| n.checked_sub(1));
    Some((row, col))
}

/// Measures one xlsx worksheet: the box around its `<c>` cells that have
/// content (a self-closing `<c …/>` is empty). Rows and cells without an `r`
/// follow the previous one, as calamine reads them.
///
/// Not called while reading: xlsx sheets are streamed, never allocated as a
/// box, and measured as they are read (`ingest::stream_xlsx_sheet`).
#[cfg_attr(not(test), allow(dead_code))]
pub(super) fn xlsx_sheet<R: Read>(reader: R, sheet: &str) -> Result<(), IngestError> {
    let mut extent = Extent::default();
    let mut row: Option<u64> = None;
    let mut col: Option<u64> = None;
    scan_tags(reader, |tag| {
        let (name, closing) = tag_name(tag);
        if closing {
            return Ok(());
        }
        match name {
            b"row" => {
                row = attr(tag, b"r").and_then(number).and_then(|n| n.checked_sub(1)).or(Some(row.map_or(0, |r| r + 1)));
                col = None;
            }
            b"c" => {
                let (r, c) = match attr(tag, b"r").and_then(a1) {
                    Some((r, c)) => (r.or(row).unwrap_or(0), c),
                    None => (row.unwrap_or(0), col.map_or(0, |c| c + 1)),
                };
                col = Some(c);
                if !tag.ends_with(b"/") {
                    extent.add(r, c);
                    extent.check(sheet)?;
                }
            }
            _ => {}
        }
        Ok(())
    })
}

/// Measures one xlsb worksheet (`xl/worksheets/sheet1.bin`): the box around
/// its value records (BrtCellRk … BrtFmlaError, types 2–11), each at the row
/// of the last BrtRowHdr and the column in its first four bytes.
///
/// Returns the formulas whose result is an error (BrtFmlaError, type 11:
/// the error code is the ninth byte), as (row, column, error text): calamine
/// 0.38 skips these records, so without them `=1/0` would read as an empty
/// cell instead of the located error it is in an xlsx.
pub(super) fn xlsb_sheet<R: Read>(reader: R, sheet: &str) -> Result<Vec<(u32, u32, String)>, IngestError> {
    let mut reader = std::io::BufReader::new(reader);
    let mut byte = || -> Option<u8> {
        let mut b = [0u8; 1];
        reader.read_exact(&mut b).ok().map(|_| b[0])
    };
    let mut extent = Extent::default();
    let mut row = 0u64;
    let mut head = [0u8; 16];
    let mut errors = Vec::new();
    loop {
        let Some((typ, len)) = record_header(&mut byte) else { return Ok(errors) };
        // The first four bytes of the record (nine of BrtFmlaError), then
        // skip the rest. The declared dimension (BrtWsDim) decides nothing:
        // calamine reserves at most a million cells from it.
        let want = match typ {
            biff12::FMLA_ERROR => 9,
            _ => 4,
        };
        let mut got = 0;
        while got < want && (got as u64) < len {
            let Some(v) = byte() else { return Ok(errors) };
            head[got] = v;
            got += 1;
        }
        for _ in got as u64..len {
            if byte().is_none() {
                return Ok(errors);
            }
        }
        let word = |i: usize| u64::from(u32::from_le_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]));
        let value = word(0);
        match typ {
            biff12::ROW_HDR if got == 4 => {
                row = value;
                if row > 0x0010_0000 {
                    return Ok(errors);
                }
            }
            biff12::CELL_RK..=biff12::FMLA_ERROR if got >= 4 => {
                extent.add(row, value);
                extent.check(sheet)?;
                // Only inside Excel's grid (XFD1048576), as calamine reads.
                if typ == biff12::FMLA_ERROR && got == 9 && row < 1 << 20 && value < 1 << 14 {
                    errors.push((row as u32, value as u32, error_text(head[8])));
                }
            }
            biff12::END_SHEET_DATA => return Ok(errors),
            _ => {}
        }
    }
}

/// An xlsb error code (BErr) as Excel shows it, as calamine names the same
/// codes in value cells.
fn error_text(code: u8) -> String {
    use biff12::err;
    use calamine::CellErrorType as E;
    let error = match code {
        err::NULL => E::Null,
        err::DIV0 => E::Div0,
        err::VALUE => E::Value,
        err::REF => E::Ref,
        err::NAME => E::Name,
        err::NUM => E::Num,
        err::NA => E::NA,
        err::GETTING_DATA => E::GettingData,
        other => return format!("error code {other:#04x}"),
    };
    error.to_string()
}

/// The type and length of the next BIFF12 record (each a little-endian
/// varint: the type in one or two bytes, the length in up to four).
pub(super) fn record_header(byte: &mut impl FnMut() -> Option<u8>) -> Option<(u16, u64)> {
    let b = byte()?;
    let typ = if b & 0x80 != 0 { u16::from(b & 0x7F) + (u16::from(byte()? & 0x7F) << 7) } else { u16::from(b) };
    let mut b = byte()?;
    let mut len = u64::from(b & 0x7F);
    for i in 1..4 {
        if b & 0x80 == 0 {
            break;
        }
        b = byte()?;
        len += u64::from(b & 0x7F) << (7 * i);
    }
    Some((typ, len))
}

/// The longest workbook part (`workbook.xml`, `workbook.bin` or its rels)
/// read for sheet names.
const WORKBOOK_PART_LIMIT: u64 = 16 << 20;

/// Each worksheet part's tab name (`xl/worksheets/sheet2.xml` → `Huge`),
/// from the workbook part and its relationships, so that a refused sheet is
/// named as staff see it. Parts it cannot name are left out.
pub(super) fn sheet_names<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> std::collections::HashMap<String, String> {
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let entry = archive.by_name(name).ok()?;
        let mut bytes = Vec::new();
        entry.take(WORKBOOK_PART_LIMIT).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    };
    // Relationship id → part path, from `xl/_rels/workbook.*.rels` (XML for
    // both formats); targets are relative to `xl/` unless absolute.
    let mut targets = std::collections::HashMap::new();
    let (rels, workbook) = match part("xl/_rels/workbook.xml.rels") {
        Some(rels) => (rels, part("xl/workbook.xml").map(Workbook::Xml)),
        None => (part("xl/_rels/workbook.bin.rels").unwrap_or_default(), part("xl/workbook.bin").map(Workbook::Bin)),
    };
    let _ = scan_tags(rels.as_slice(), |tag| {
        if tag_name(tag).0 == b"Relationship"
            && let (Some(id), Some(target)) = (attr(tag, b"Id"), attr(tag, b"Target"))
        {
            let target = String::from_utf8_lossy(target);
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            targets.insert(id.to_vec(), path);
        }
        Ok(())
    });
    // Tab name and relationship id of each sheet, in the workbook part.
    let mut sheets: Vec<(Vec<u8>, String)> = Vec::new();
    match workbook {
        Some(Workbook::Xml(xml)) => {
            let _ = scan_tags(xml.as_slice(), |tag| {
                if tag_name(tag).0 == b"sheet"
                    && let (Some(name), Some(id)) = (attr(tag, b"name"), attr(tag, b"r:id"))
                {
                    sheets.push((id.to_vec(), unescape_xml(&String::from_utf8_lossy(name))));
                }
                Ok(())
            });
        }
        Some(Workbook::Bin(bin)) => {
            let mut bytes = bin.iter().copied();
            let mut byte = || bytes.next();
            while let Some((typ, len)) = record_header(&mut byte) {
                let body: Vec<u8> = (0..len).map_while(|_| byte()).collect();
                // BrtBundleSh: state and tab id (4 bytes each), then the
                // relationship id and the name as length-prefixed UTF-16.
                if typ == 0x009C
                    && let Some((id, rest)) = wide_string(body.get(8..).unwrap_or_default())
                    && let Some((name, _)) = wide_string(rest)
                {
                    sheets.push((id.into_bytes(), name));
                }
            }
        }
        None => {}
    }
    sheets.into_iter().filter_map(|(id, name)| Some((targets.get(&id)?.clone(), name))).collect()
}

/// A workbook part, as its format stores it.
enum Workbook {
    Xml(Vec<u8>),
    Bin(Vec<u8>),
}

/// An XLWideString (a u32 count of UTF-16 units, then the units) at the
/// start of `bytes`, and what follows it.
pub(super) fn wide_string(bytes: &[u8]) -> Option<(String, &[u8])> {
    let count = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
    let units = bytes.get(4..4 + count.checked_mul(2)?)?;
    let text: Vec<u16> = units.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    Some((String::from_utf16_lossy(&text), &bytes[4 + count * 2..]))
}

/// The five predefined XML entities, decoded.
pub(super) fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// Measures every table of an ods `content.xml`: from its first to its last
/// row with a value, repeats expanded, by its widest such row.
pub(super) fn ods_content<R: Read>(reader: R) -> Result<(), IngestError> {
    #[derive(Default)]
    struct Table {
        name: String,
        /// Rows from the first row with a value to the last.
        rows: u64,
        /// Empty rows since the last row with a value.
        pending: u64,
        width: u64,
        /// The current row: its repeat count, columns so far, width to its
        /// last cell with a value.
        repeat: u64,
        col: u64,
        row_width: u64,
    }
    impl Table {
        fn check(&self) -> Result<(), IngestError> {
            let cells = self.rows.saturating_mul(self.width);
            if cells > super::MAX_SHEET_CELLS {
                let rows = self.rows.min(u32::MAX as u64) as u32;
                let cols = self.width.min(u32::MAX as u64) as u32;
                return Err(IngestError::HugeSheet {
                    sheet: self.name.clone(),
                    range: format!("A1:{}", crate::diag::cell_name(rows.saturating_sub(1), cols.saturating_sub(1))),
                    cells,
                    limit: super::MAX_SHEET_CELLS,
                });
            }
            Ok(())
        }
    }
    let mut table = Table::default();
    // The elements open. calamine reads ods without checking that end tags
    // match, and loops forever when the XML ends inside a table, row, cell
    // or annotation: a file whose tags do not nest is refused.
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut mismatched = false;
    scan_tags(reader, |tag| {
        let qname = |t: &[u8]| t.iter().position(|b| b.is_ascii_whitespace() || *b == b'/').map_or(t, |i| &t[..i]).to_vec();
        match tag.first() {
            Some(b'?' | b'!') => return Ok(()),
            Some(b'/') => mismatched |= open.pop().as_deref() != Some(&qname(&tag[1..])[..]),
            _ if !tag.ends_with(b"/") => open.push(qname(tag)),
            _ => {}
        }
        let (name, closing) = tag_name(tag);
        let repeated = |key: &[u8]| attr(tag, key).and_then(number).unwrap_or(1);
        match (name, closing) {
            (b"table", false) => {
                let name = attr(tag, b"table:name").map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default();
                table = Table { name, ..Table::default() };
            }
            (b"table-row", false) => {
                table.repeat = repeated(b"table:number-rows-repeated");
                table.col = 0;
                table.row_width = 0;
                if tag.ends_with(b"/") {
                    table.pending = table.pending.saturating_add(table.repeat);
                }
            }
            (b"table-cell" | b"covered-table-cell", false) => {
                table.col = table.col.saturating_add(repeated(b"table:number-columns-repeated"));
                if !tag.ends_with(b"/") {
                    table.row_width = table.col;
                }
            }
            (b"table-row", true) => {
                if table.row_width > 0 {
                    let before = if table.rows > 0 { table.pending } else { 0 };
                    table.rows = table.rows.saturating_add(before).saturating_add(table.repeat);
                    table.pending = 0;
                    table.width = table.width.max(table.row_width);
                    table.check()?;
                } else {
                    table.pending = table.pending.saturating_add(table.repeat);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    if mismatched || !open.is_empty() {
        return Err(IngestError::Corrupt {
            format: "an OpenDocument spreadsheet (.ods)",
            detail: "its content.xml has unclosed or mismatched elements; the file is cut short or damaged".to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
