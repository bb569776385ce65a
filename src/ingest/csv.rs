//! CSV files as staff save them: the encoding found (a byte-order mark,
//! UTF-8, UTF-16, else the legacy encoding `chardetng` guesses, which for
//! Excel's plain "CSV" save is Windows-1252), the separator found (`,`, `;`
//! as French-locale Excel writes, a tab, `|`), then split with `csv-core`
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
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter(input)).build();
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

/// The text of a CSV file, in whichever encoding it was saved.
pub(super) fn decode_csv(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, IngestError> {
    use std::borrow::Cow;
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(Cow::Borrowed).map_err(|_| IngestError::Encoding);
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        // UTF-16 (Excel's "Unicode Text", some survey exports).
        let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
        return if had_errors { Err(IngestError::Encoding) } else { Ok(text) };
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(s));
    }
    // UTF-16 without its mark: a zero byte in every other place.
    let head = &bytes[..bytes.len().min(4096) & !1];
    let zeros_at = |odd: usize| head.iter().skip(odd).step_by(2).filter(|&&b| b == 0).count();
    let pairs = head.len() / 2;
    for (odd, encoding) in [(1, encoding_rs::UTF_16LE), (0, encoding_rs::UTF_16BE)] {
        if pairs >= 2 && zeros_at(odd) * 10 >= pairs * 9 && zeros_at(1 - odd) == 0 {
            let (text, _, had_errors) = encoding.decode(bytes);
            return if had_errors { Err(IngestError::Encoding) } else { Ok(text) };
        }
    }
    if bytes.contains(&0) {
        // Binary: not a CSV we can read.
        return Err(IngestError::Encoding);
    }
    // A legacy encoding: Windows-1252 for Excel's plain "CSV" save in
    // English and French, or what the bytes say they are.
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(1 << 20)], true);
    let (text, _, _) = detector.guess(None, false).decode(bytes);
    Ok(text)
}

/// The separator of a CSV file: of `,` `;` tab and `|`, the one that splits
/// its first lines into the same number of fields (more than one), most
/// often; a comma when none does.
fn delimiter(input: &[u8]) -> u8 {
    const LINES: usize = 50;
    let mut best = (b',', 0usize, 0usize);
    for candidate in [b',', b';', b'\t', b'|'] {
        let mut reader = csv_core::ReaderBuilder::new().delimiter(candidate).build();
        let mut field = [0u8; 1024];
        let (mut at, mut fields, mut counts) = (0, 0usize, Vec::new());
        while counts.len() < LINES {
            let (result, used, _) = reader.read_field(&input[at..], &mut field);
            at += used;
            match result {
                csv_core::ReadFieldResult::Field { record_end } => {
                    fields += 1;
                    if record_end {
                        counts.push(fields);
                        fields = 0;
                    }
                }
                csv_core::ReadFieldResult::OutputFull => {}
                csv_core::ReadFieldResult::InputEmpty => {}
                csv_core::ReadFieldResult::End => break,
            }
        }
        // Lines with one field (blank, or a title) say nothing.
        let many: Vec<usize> = counts.into_iter().filter(|&n| n > 1).collect();
        let Some(&mode) = many.iter().max_by_key(|&&n| (many.iter().filter(|&&m| m == n).count(), n)) else { continue };
        let agreeing = many.iter().filter(|&&n| n == mode).count();
        if agreeing > best.1 || (agreeing == best.1 && mode > best.2) {
            best = (candidate, agreeing, mode);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_found() {
        assert_eq!(delimiter(b"Date;Event;Residents\r\n19/06/2025;Summer BBQ, Windsor;1 420\r\n"), b';');
        assert_eq!(delimiter(b"Date,Event\n2025-06-19,\"A; B\"\n"), b',');
        assert_eq!(delimiter(b"Date\tEvent\n2025-06-19\tBBQ\n"), b'\t');
        assert_eq!(delimiter(b"just one column\nand another line\n"), b',');
    }

    #[test]
    fn utf16_with_and_without_its_mark() {
        let text = "Date\tÉvénement\n2025-06-19\tFête\n";
        let mut le = vec![0xFF, 0xFE];
        let mut bare = Vec::new();
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            bare.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_csv(&le).unwrap(), text);
        assert_eq!(decode_csv(&bare).unwrap(), text);
    }

    #[test]
    fn windows_1252_csv() {
        let text = decode_csv(b"Municipality\nSainte-Th\xe9r\xe8se\n").unwrap();
        assert!(text.contains("Sainte-Thérèse"));
    }
}
