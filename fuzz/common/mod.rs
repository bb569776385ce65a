//! How the fuzz targets decode an input, and what they do with the file:
//! shared by both targets and by `tests/it/fuzz_regressions.rs`, which replays
//! the inputs they found exactly as they decode them. Each user takes what
//! it needs of it.
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

use wecoss_report::ingest;
use wecoss_report::tables::{self, ReadOptions, values::DateOrder};

static XLSX: &[u8] = include_bytes!("../../samples/wecoss-2025/events-2025.xlsx");
static ODS: &[u8] = include_bytes!("../../samples/wecoss-2025/partner-distribution.ods");
static XLSB: &[u8] = include_bytes!("../../tests/fixtures/sample.xlsb");

/// A decoded input: the file's extension, its bytes and the `--date-order`.
pub type Input = (&'static str, Vec<u8>, Option<DateOrder>);

/// The `--date-order` picked by bits 3–4 of the input's first byte.
pub fn date_order(first: u8) -> Option<DateOrder> {
    match (first >> 3) & 0x03 {
        1 => Some(DateOrder::Dmy),
        2 => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// The `ingest` target: the first byte's low bits index
/// `ingest::EXTENSIONS` (xlsx, xlsm, xlsb, xls, ods, csv); the rest is the
/// file.
pub fn ingest_input(data: &[u8]) -> Option<Input> {
    let (&first, file) = data.split_first()?;
    let ext = ingest::EXTENSIONS[usize::from(first & 0x07) % ingest::EXTENSIONS.len()];
    Some((ext, file.to_vec(), date_order(first)))
}

/// The `ingest_xml` target: the rest of the input replaces one part of a
/// sample workbook, picked by the first byte's low three bits.
pub fn ingest_xml_input(data: &[u8]) -> Option<Input> {
    let (&first, part) = data.split_first()?;
    let (ext, file) = match first & 0x07 {
        0 => ("xlsx", rezip(XLSX, "xl/worksheets/sheet1.xml", part)),
        1 => ("xlsx", rezip(XLSX, "xl/sharedStrings.xml", part)),
        2 => ("ods", rezip(ODS, "content.xml", part)),
        3 => ("xlsx", rezip(XLSX, "xl/styles.xml", part)),
        4 => ("xlsb", rezip(XLSB, "xl/worksheets/sheet1.bin", part)),
        5 => ("xlsb", rezip(XLSB, "xl/sharedStrings.bin", part)),
        6 => ("xlsb", rezip(XLSB, "xl/workbook.bin", part)),
        _ => ("xlsb", rezip(XLSB, "xl/styles.bin", part)),
    };
    Some((ext, file, date_order(first)))
}

/// `template` with the entry `part` replaced by `data` (stored, uncompressed).
fn rezip(template: &[u8], part: &str, data: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(template)).expect("template");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        out.start_file(name.as_str(), stored).expect("start");
        out.write_all(if name == part { data } else { &bytes }).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// Reads `file` as an `ext` file into records, as a file in the inputs
/// folder is read. Any panic outside calamine (whose panics the reader
/// catches) or an abort is a bug; every diagnostic must render as `check`
/// prints it.
pub fn read(ext: &str, file: Vec<u8>, date_order: Option<DateOrder>) {
    let (data, diags) = tables::read_bytes(ext, file, "fuzz", ReadOptions { date_order, ..Default::default() });
    for d in diags.iter() {
        let _ = d.to_string();
    }
    let _ = data.sheets.len();
}
