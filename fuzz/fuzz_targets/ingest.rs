//! Arbitrary bytes through the whole ingest: `ingest::read_bytes` for one
//! format, then `tables::read_tables` on the sheets it returns.
//!
//! The first byte picks the format (its low bits index `ingest::EXTENSIONS`:
//! xlsx, xlsm, xlsb, xls, ods, csv) and the `--date-order`; the rest is the
//! file. Any panic outside calamine (whose panics `read_bytes` catches) or an
//! abort is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wecoss_report::diag::Diagnostics;
use wecoss_report::ingest::{self, Ingested};
use wecoss_report::tables::{self, ReadOptions, values::DateOrder};

fuzz_target!(|data: &[u8]| {
    let Some((&first, file)) = data.split_first() else { return };
    let ext = ingest::EXTENSIONS[usize::from(first & 0x07) % ingest::EXTENSIONS.len()];
    let date_order = match (first >> 3) & 0x03 {
        1 => Some(DateOrder::Dmy),
        2 => Some(DateOrder::Mdy),
        _ => None,
    };
    let mut ingested = Ingested::default();
    match ingest::read_bytes(ext, file.to_vec(), "fuzz") {
        Ok(sheets) => ingested.sheets = sheets,
        Err(err) => {
            // Every error must render as a message.
            let _ = err.to_string();
            return;
        }
    }
    let mut diags = Diagnostics::new();
    let data = tables::read_tables(ingested, ReadOptions { date_order }, &mut diags);
    // Every diagnostic must render as `check` prints it.
    for d in diags.iter() {
        let _ = d.to_string();
    }
    let _ = data.sheets.len();
});
