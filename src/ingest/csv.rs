//! CSV files: decoded (UTF-8, else Windows-1252), split with `csv-core`
//! into rows of text cells, each line its own row.

use super::cells::Interner;
use super::*;

/// Reads a CSV file: UTF-8 (a byte-order mark is dropped) or, failing that,
/// Windows-1252 as Excel's plain "CSV" save writes it.
///
/// Field by field into a buffer of fixed size, so that neither a huge cell
/// nor a huge row is ever held: a cell longer than [`MAX_CELL_BYTES`] or a
/// row wider than [`MAX_COLUMNS`] stops the file with a located error.
pub(super) fn read_csv(bytes: &[u8], display: &str, sink: &mut dyn SheetSink) -> Result<(), IngestError> {
    use csv_core::ReadFieldResult;
    let text = decode_csv(bytes)?;
    let input = text.as_bytes();
    let mut reader = csv_core::Reader::new();
    let mut field = vec![0u8; MAX_CELL_BYTES];
    let mut len = 0;
    let mut at = 0;
    // Each distinct value is cleaned once and shared, as an xlsx's shared strings are.
    let mut interner = Interner::default();
    let mut cells: Vec<Cell> = Vec::new();
    let mut record = 0u32;
    sink.start_sheet(display, None, 0);
    loop {
        // The input is whole: once it is used up, the empty rest ends it.
        let (result, used, written) = reader.read_field(&input[at..], &mut field[len..]);
        at += used;
        len += written;
        match result {
            ReadFieldResult::InputEmpty => {}
            ReadFieldResult::OutputFull => {
                return Err(IngestError::LongCell { sheet: None, row: record, col: cells.len() as u32 });
            }
            ReadFieldResult::Field { record_end } => {
                if cells.len() == MAX_COLUMNS {
                    return Err(IngestError::WideRow { sheet: None, row: record });
                }
                cells.push(interner.cell(&String::from_utf8_lossy(&field[..len])));
                len = 0;
                if record_end {
                    while cells.last().is_some_and(Cell::is_empty) {
                        cells.pop();
                    }
                    if !cells.is_empty() {
                        let width = cells.len();
                        sink.row(RawRow { index: record, cells: std::mem::replace(&mut cells, Vec::with_capacity(width)) });
                    }
                    record += 1;
                }
            }
            ReadFieldResult::End => break,
        }
    }
    sink.end_sheet();
    Ok(())
}

pub(super) fn decode_csv(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(std::borrow::Cow::Borrowed(s));
    }
    if bytes.contains(&0) {
        // UTF-16 or binary: not a CSV we can read.
        return Err(IngestError::Encoding);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_csv() {
        let text = decode_csv(b"Municipality\nSainte-Th\xe9r\xe8se\n").unwrap();
        assert!(text.contains("Sainte-Thérèse"));
    }
}
