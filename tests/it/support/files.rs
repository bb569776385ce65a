//! Files written byte for byte: a CSV from rows of cells, or raw bytes. Each
//! creates the file's folder first. (Shared with the `make-stress` example,
//! so it depends on nothing else in `support`.)
#![allow(dead_code)]

use std::path::Path;

/// Writes a CSV file from rows of cells.
pub fn write_csv(path: &Path, rows: &[&[&str]]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut w = csv::Writer::from_path(path).unwrap();
    for row in rows {
        w.write_record(*row).unwrap();
    }
    w.flush().unwrap();
}

/// Writes raw bytes (CSV with exactly these bytes).
pub fn write_bytes(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}
