//! Inputs found by the fuzz targets (`fuzz/`), kept as regression tests.
//! Each file in `tests/fuzz-cases/` is a raw fuzz input, decoded exactly as
//! its target does: `xml-*` files as `fuzz/fuzz_targets/ingest_xml.rs` (one
//! XML part zipped into a sample workbook), the others as
//! `fuzz/fuzz_targets/ingest.rs` (first byte: format and date order). Reading
//! one must return sheets or one error promptly, never panic, hang or abort.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use wecoss_report::tables::{self, ReadOptions, values::DateOrder};

/// The fuzz targets' own decoding (not their `read`: this test's checks are
/// stricter).
#[path = "../../fuzz/common/mod.rs"]
mod fuzz_common;

/// What the `ingest` fuzz target does with one input.
fn ingest(data: &[u8]) {
    if let Some((ext, file, date_order)) = fuzz_common::ingest_input(data) {
        read(ext, file, date_order);
    }
}

/// What the `ingest_xml` fuzz target does with one input.
fn ingest_xml(data: &[u8]) {
    if let Some((ext, file, date_order)) = fuzz_common::ingest_xml_input(data) {
        read(ext, file, date_order);
    }
}

fn read(ext: &str, file: Vec<u8>, date_order: Option<DateOrder>) {
    let (data, diags) = tables::read_bytes(ext, file, "fuzz", ReadOptions { date_order, ..Default::default() });
    for d in diags.iter() {
        assert!(!d.to_string().contains('\n'), "one problem per line: {d}");
        // A library's words are the detail, never the message.
        let line = d.to_string().to_lowercase();
        for phrase in crate::corpus::FORBIDDEN {
            assert!(!line.contains(&phrase.to_lowercase()), "library wording `{phrase}` in: {d}");
        }
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

/// Small hand-made edge cases in the fuzzers' encodings (for `ingest`, first
/// byte 5 is CSV; for `ingest_xml`, 4 to 7 are the xlsb parts).
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
    // Every xlsb part of `ingest_xml` emptied, cut to a record header, or
    // holding a record that claims more bytes than there are.
    for part in 4u8..8 {
        for body in [&[][..], &[0x00][..], &[0x9C, 0x01, 0xFF, 0xFF, 0xFF, 0x7F][..], &[0x0B, 0x09, 1, 0, 0, 0][..]] {
            ingest_xml(&[&[part][..], body].concat());
        }
    }
}
