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

use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some((ext, file, date_order)) = common::ingest_xml_input(data) {
        common::read(ext, file, date_order);
    }
});
