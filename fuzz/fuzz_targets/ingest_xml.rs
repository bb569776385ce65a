//! Structure-aware variant of `ingest`: the input is one XML part of a real
//! workbook, zipped back into a copy of a sample file, so mutations reach the
//! XML parsers (and the preflight scanner) instead of failing the zip's CRC.
//!
//! First byte: the low three bits pick the part (0 `xl/worksheets/sheet1.xml`,
//! 1 `xl/sharedStrings.xml`, 2 the ods `content.xml`, 3 `xl/styles.xml`, and
//! of an xlsb: 4 `xl/worksheets/sheet1.bin`, 5 `xl/sharedStrings.bin`,
//! 6 `xl/workbook.bin`, 7 `xl/styles.bin`), bits 3–4 the `--date-order`.
//! The xlsb parts are BIFF12 records rather than XML; they are here so that
//! mutations reach calamine's xlsb reader and the preflight's record scan.
#![no_main]

use std::io::{Cursor, Read, Write};

use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

static XLSX: &[u8] = include_bytes!("../../samples/wecoss-2025/events-2025.xlsx");
static ODS: &[u8] = include_bytes!("../../samples/wecoss-2025/partner-distribution.ods");
static XLSB: &[u8] = include_bytes!("../../tests/fixtures/sample.xlsb");

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

fuzz_target!(|data: &[u8]| {
    let Some((&first, part)) = data.split_first() else { return };
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
    common::read(ext, file, common::date_order(first));
});
