//! Inputs found by the fuzz targets (`fuzz/`), kept as regression tests.
//! Each file in `tests/fuzz-cases/` is a raw fuzz input, decoded exactly as
//! its target does: `xml-*` files as `fuzz/fuzz_targets/ingest_xml.rs` (one
//! XML part zipped into a sample workbook), the others as
//! `fuzz/fuzz_targets/ingest.rs` (first byte: format and date order). Reading
//! one must return sheets or one error promptly, never panic, hang or abort.

use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use wecoss_report::diag::Diagnostics;
use wecoss_report::ingest::{self, Ingested};
use wecoss_report::tables::{self, ReadOptions, values::DateOrder};

fn date_order(first: u8) -> Option<DateOrder> {
    match (first >> 3) & 0x03 {
        1 => Some(DateOrder::Dmy),
        2 => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// What the `ingest` fuzz target does with one input.
fn ingest(data: &[u8]) {
    let Some((&first, file)) = data.split_first() else { return };
    let ext = ingest::EXTENSIONS[usize::from(first & 0x07) % ingest::EXTENSIONS.len()];
    read(ext, file.to_vec(), date_order(first));
}

/// `template` with the entry `part` replaced by `data`, as `ingest_xml` does.
fn rezip(template: &[u8], part: &str, data: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(template)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.start_file(name.as_str(), stored).unwrap();
        out.write_all(if name == part { data } else { &bytes }).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// What the `ingest_xml` fuzz target does with one input.
fn ingest_xml(data: &[u8]) {
    let Some((&first, part)) = data.split_first() else { return };
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/wecoss-2025");
    let xlsx = std::fs::read(samples.join("events-2025.xlsx")).unwrap();
    let ods = std::fs::read(samples.join("partner-distribution.ods")).unwrap();
    let (ext, file) = match first & 0x03 {
        0 => ("xlsx", rezip(&xlsx, "xl/worksheets/sheet1.xml", part)),
        1 => ("xlsx", rezip(&xlsx, "xl/sharedStrings.xml", part)),
        2 => ("ods", rezip(&ods, "content.xml", part)),
        _ => ("xlsx", rezip(&xlsx, "xl/styles.xml", part)),
    };
    read(ext, file, date_order(first));
}

fn read(ext: &str, file: Vec<u8>, date_order: Option<DateOrder>) {
    let sheets = match ingest::read_bytes(ext, file, "fuzz") {
        Ok(sheets) => sheets,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return;
        }
    };
    let mut diags = Diagnostics::new();
    let data = tables::read_tables(Ingested { sheets, ..Default::default() }, ReadOptions { date_order }, &mut diags);
    for d in diags.iter() {
        assert!(!d.to_string().contains('\n'), "one problem per line: {d}");
    }
    let _ = serde_json::to_string(&data).unwrap();
}

#[test]
fn every_saved_fuzz_case() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir).map(|d| d.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    cases.sort();
    for case in cases {
        let bytes = std::fs::read(&case).unwrap();
        let xml = case.file_name().unwrap().to_string_lossy().starts_with("xml-");
        // A hang is a failure too: run it on a thread and wait a while.
        let (done, wait) = std::sync::mpsc::channel();
        let started = Instant::now();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(|| if xml { ingest_xml(&bytes) } else { ingest(&bytes) });
            let _ = done.send(result.is_ok());
        });
        match wait.recv_timeout(Duration::from_secs(10)) {
            Ok(ok) => assert!(ok, "{} panicked", case.display()),
            Err(_) => panic!("{} still running after {:?}", case.display(), started.elapsed()),
        }
    }
}

/// Small hand-made edge cases in the fuzzer's encoding (first byte 5 is CSV).
#[test]
fn edge_cases() {
    let csv = |text: &[u8]| [&[5u8][..], text].concat();
    for text in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"Date,Event\n",
        b"Timestamp\n",
        b"Timestamp,Q\nResponse,Response\n",
        b"Timestamp,,,\n,a,b,c\n2025-01-01,x,,y\n",
        b"Date,Event\n0/0/2025,x\n99/99/9999,y\n2025-13-01,z\n",
        b"Date,Quantity\n1e400,1e400\n-0,NaN\ninf,-inf\n",
        b"Date,Group,Start,End\n2025-01-01,g,99:99,24:00\n2025-01-01,g,13 pm,0 am\n",
        b"Activity,Status,Start,Due\na,done,2025-02-01,2025-01-01\n",
        b"Total\nTotal,Total\n",
        b"\x00\x01\x02",
        b"Date,Event,Feedback Responses,Felt More Confident (%)\n2025-01-01,a,3,250\n2025-01-01,b,,96%\n",
    ] {
        ingest(&csv(text));
    }
    for format in 0u8..5 {
        ingest(&[format, b'P', b'K', 3, 4]);
        ingest(&[format, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    }
}
