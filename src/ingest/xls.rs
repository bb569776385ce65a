//! The `.xls` preflight: the workbook stream's BIFF records read before
//! calamine sees them.
//!
//! calamine reads every sheet of an `.xls` when the workbook is opened, and
//! trusts it: it reserves room for the whole grid a sheet's DIMENSIONS
//! record claims (a 42 KB file claiming 65,536 × 256 cells asks for a
//! gigabyte), lays each sheet out as one block spanning its outermost
//! cells, and reads an XOR-obfuscated workbook as if it were plain, then
//! fails on the garbage. So here, first:
//!
//! - a `FILEPASS` record (any encryption: XOR, RC4, CryptoAPI) is a
//!   password-protected workbook;
//! - each sheet's cells are measured; its DIMENSIONS record is rewritten to
//!   the cells' real extent, so a claim never decides the memory used;
//! - a sheet whose few cells are spread over a large block (which calamine
//!   would allocate whole) is refused, naming the limit.

use super::IngestError;
use super::cfb::{Cfb, Pieces};

/// The largest block of cells an `.xls` sheet may span when it holds far
/// fewer cells than that (see [`MAX_SPREAD`]): calamine allocates the block,
/// about 56 bytes a cell.
pub const MAX_SPARSE_BLOCK: u64 = 2_000_000;
/// A block up to this many times the cells present is allowed at any size.
pub const MAX_SPREAD: u64 = 8;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
/// The records calamine reads as one cell, each with its row and column in
/// its first four bytes: Formula, RString, LabelSst, Number, Label, BoolErr,
/// Rk.
const CELLS: [u16; 7] = [0x0006, 0x00D6, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E];

/// One BIFF record: its type, and where its data starts and ends in the
/// stream.
struct Record {
    typ: u16,
    start: usize,
    end: usize,
}

fn records(stream: &[u8], from: usize) -> impl Iterator<Item = Record> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let start = at + 4;
        let end = (start + len).min(stream.len());
        at = start + len;
        Some(Record { typ, start, end })
    })
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// Checks an `.xls` and mends its DIMENSIONS records in `bytes` (see the
/// module's notes).
pub(super) fn preflight_xls(bytes: &mut [u8]) -> Result<(), IngestError> {
    let damaged = |detail: String| IngestError::Corrupt { format: super::XLS, detail };
    let (stream, pieces) = {
        let cfb = Cfb::open(bytes).map_err(|e| damaged(format!("compound file: {e}")))?;
        if cfb.has("EncryptionInfo") || cfb.has("EncryptedPackage") {
            // An encrypted .xlsx (or .xlsb) in its OLE envelope.
            return Err(IngestError::Password);
        }
        let Some(entry) = cfb.stream("Workbook").or_else(|| cfb.stream("Book")) else {
            let what = if cfb.has("WordDocument") {
                "a Word document"
            } else if cfb.has("PowerPoint Document") {
                "a PowerPoint presentation"
            } else {
                "an Office file that holds no workbook"
            };
            return Err(IngestError::NotASpreadsheet { what: what.to_string() });
        };
        let pieces = cfb.pieces(entry).map_err(|e| damaged(format!("compound file: {e}")))?;
        (cfb.read(&pieces), pieces)
    };
    // The workbook globals: encryption, and where each sheet starts.
    let mut sheets = Vec::new();
    let mut wide = true;
    for r in records(&stream, 0) {
        let data = &stream[r.start..r.end];
        match r.typ {
            BOF => wide = u16_at(data, 0) == Some(0x0600),
            FILEPASS => return Err(IngestError::Password),
            BOUNDSHEET if data.len() >= 8 => {
                let pos = u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
                sheets.push((pos, sheet_name(&data[6..], wide)));
            }
            EOF => break,
            _ => {}
        }
    }
    let mut patches = Vec::new();
    for (pos, name) in sheets {
        let mut extent = Extent::default();
        let mut dims = Vec::new();
        let mut depth = 0usize;
        for r in records(&stream, pos) {
            let data = &stream[r.start..r.end];
            match r.typ {
                BOF => depth += 1,
                EOF => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                // Charts inside the sheet: calamine skips their records.
                _ if depth > 1 => {}
                DIMENSIONS => dims.push((r.start, data.len())),
                MULRK if data.len() >= 6 => {
                    let (row, first) = (u16_at(data, 0).unwrap_or(0), u16_at(data, 2).unwrap_or(0));
                    let last = u16_at(data, data.len() - 2).unwrap_or(first);
                    if last >= first {
                        extent.add(row, first, 0);
                        extent.add(row, last, u64::from(last - first) + 1);
                    }
                }
                t if CELLS.contains(&t) && data.len() >= 4 => {
                    extent.add(u16_at(data, 0).unwrap_or(0), u16_at(data, 2).unwrap_or(0), 1);
                }
                _ => {}
            }
        }
        let block = extent.block();
        if block > MAX_SPARSE_BLOCK && block > MAX_SPREAD.saturating_mul(extent.cells) {
            return Err(IngestError::SparseSheet {
                sheet: name,
                range: extent.range(),
                present: extent.cells,
                block,
                limit: MAX_SPARSE_BLOCK,
            });
        }
        for (at, len) in dims {
            patches.push((at, dimensions(&extent, len)));
        }
    }
    for (at, record) in patches {
        write(bytes, &pieces, at, &record);
    }
    Ok(())
}

/// A DIMENSIONS record's data saying `extent` (rows and columns past the
/// last), in the record's own layout: 14 or 16 bytes (BIFF8), or 10.
fn dimensions(extent: &Extent, len: usize) -> Vec<u8> {
    let (r0, r1, c0, c1) = match (extent.rows, extent.cols) {
        (Some((r0, r1)), Some((c0, c1))) => (u32::from(r0), u32::from(r1) + 1, c0, c1.saturating_add(1)),
        _ => (0, 0, 0, 0),
    };
    let mut out = Vec::with_capacity(len);
    if len >= 14 {
        out.extend(r0.to_le_bytes());
        out.extend(r1.to_le_bytes());
    } else {
        out.extend((r0 as u16).to_le_bytes());
        out.extend((r1.min(0xFFFF) as u16).to_le_bytes());
    }
    out.extend(c0.to_le_bytes());
    out.extend(c1.to_le_bytes());
    out.truncate(len);
    out
}

/// Writes `data` at stream position `at`, byte by byte where the stream's
/// sectors lie in the file.
fn write(bytes: &mut [u8], pieces: &Pieces, at: usize, data: &[u8]) {
    for (i, b) in data.iter().enumerate() {
        if let Some(slot) = pieces.file_offset(at + i).and_then(|o| bytes.get_mut(o)) {
            *slot = *b;
        }
    }
}

/// A BoundSheet8 name: a one-byte length, then (BIFF8) a flags byte and
/// Latin-1 or UTF-16 characters, or (BIFF5) bytes.
fn sheet_name(data: &[u8], wide: bool) -> String {
    let Some(&count) = data.first() else { return String::new() };
    let count = count as usize;
    if wide {
        let utf16 = data.get(1).is_some_and(|f| f & 1 == 1);
        let chars = &data[2.min(data.len())..];
        if utf16 {
            let units: Vec<u16> = chars.chunks_exact(2).take(count).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
            return String::from_utf16_lossy(&units);
        }
        return chars.iter().take(count).map(|&b| b as char).collect();
    }
    data[1..].iter().take(count).map(|&b| b as char).collect()
}

/// The cells of one sheet: their block (zero-based, inclusive) and count.
#[derive(Default)]
struct Extent {
    rows: Option<(u16, u16)>,
    cols: Option<(u16, u16)>,
    cells: u64,
}

impl Extent {
    fn add(&mut self, row: u16, col: u16, cells: u64) {
        let grow = |r: &mut Option<(u16, u16)>, v: u16| *r = Some(r.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        grow(&mut self.rows, row);
        grow(&mut self.cols, col);
        self.cells += cells;
    }

    fn block(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1) - u64::from(r0) + 1) * (u64::from(c1) - u64::from(c0) + 1),
            _ => 0,
        }
    }

    fn range(&self) -> String {
        let (Some((r0, r1)), Some((c0, c1))) = (self.rows, self.cols) else { return String::new() };
        let cell = |r: u16, c: u16| crate::diag::cell_name(r.into(), c.into());
        format!("{}:{}", cell(r0, c0), cell(r1, c1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_follow_the_cells() {
        let mut e = Extent::default();
        assert_eq!(dimensions(&e, 14), vec![0; 12]);
        e.add(2, 1, 1);
        e.add(4, 3, 1);
        assert_eq!(dimensions(&e, 14), [2, 0, 0, 0, 5, 0, 0, 0, 1, 0, 4, 0]);
        assert_eq!(dimensions(&e, 10), [2, 0, 5, 0, 1, 0, 4, 0]);
        assert_eq!(e.block(), 9);
        assert_eq!(e.range(), "B3:D5");
    }

    #[test]
    fn names() {
        assert_eq!(sheet_name(&[3, 0, b'L', b'o', b'g'], true), "Log");
        assert_eq!(sheet_name(&[2, 1, b'O', 0, b'K', 0], true), "OK");
        assert_eq!(sheet_name(&[2, b'O', b'K'], false), "OK");
    }

    #[test]
    fn a_claim_of_the_whole_grid_is_mended_to_the_cells() {
        let mut bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/events-2025.xls")).unwrap();
        let stream = |bytes: &[u8]| {
            let cfb = Cfb::open(bytes).unwrap();
            let pieces = cfb.pieces(cfb.stream("Workbook").unwrap()).unwrap();
            (cfb.read(&pieces), pieces)
        };
        let (before, pieces) = stream(&bytes);
        let claims: Vec<usize> = records(&before, 0).filter(|r| r.typ == DIMENSIONS).map(|r| r.start).collect();
        assert!(!claims.is_empty());
        // Every sheet claims 65,536 rows × 256 columns.
        for &at in &claims {
            write(&mut bytes, &pieces, at, &[0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
        }
        preflight_xls(&mut bytes).unwrap();
        let (after, _) = stream(&bytes);
        for &at in &claims {
            let rows = u32::from_le_bytes(after[at + 4..at + 8].try_into().unwrap());
            let cols = u16_at(&after, at + 10).unwrap();
            assert!(rows < 100 && cols < 30, "{rows} rows, {cols} columns");
        }
    }
}
