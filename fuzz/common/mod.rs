//! What both fuzz targets do with a file once they have it.

use wecoss_report::diag::Diagnostics;
use wecoss_report::ingest::{self, Ingested};
use wecoss_report::tables::{self, ReadOptions, values::DateOrder};

/// The `--date-order` picked by bits 3–4 of the input's first byte.
pub fn date_order(first: u8) -> Option<DateOrder> {
    match (first >> 3) & 0x03 {
        1 => Some(DateOrder::Dmy),
        2 => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// Reads `file` as an `ext` file, then its sheets into records. Any panic
/// outside calamine (whose panics `read_bytes` catches) or an abort is a
/// bug; every error and diagnostic must render as `check` prints it.
pub fn read(ext: &str, file: Vec<u8>, date_order: Option<DateOrder>) {
    let mut ingested = Ingested::default();
    match ingest::read_bytes(ext, file, "fuzz") {
        Ok(sheets) => ingested.sheets = sheets,
        Err(err) => {
            let _ = err.to_string();
            return;
        }
    }
    let mut diags = Diagnostics::new();
    let data = tables::read_tables(ingested, ReadOptions { date_order }, &mut diags);
    for d in diags.iter() {
        let _ = d.to_string();
    }
    let _ = data.sheets.len();
}
