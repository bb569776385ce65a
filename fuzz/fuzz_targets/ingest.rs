//! Arbitrary bytes through the whole ingest: `ingest::read_bytes` for one
//! format, then `tables::read_tables` on the sheets it returns.
//!
//! The first byte picks the format (its low bits index `ingest::EXTENSIONS`:
//! xlsx, xlsm, xlsb, xls, ods, csv) and the `--date-order`; the rest is the
//! file. Any panic outside calamine (whose panics `read_bytes` catches) or an
//! abort is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/mod.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Some((ext, file, date_order)) = common::ingest_input(data) {
        common::read(ext, file, date_order);
    }
});
