//! Broken and hostile files: each is one located error, the other files are
//! still read, and the process never panics or aborts.

use std::io::{Read, Write};
use std::path::Path;

use crate::support::*;

/// Rewrites one entry of a zip file with `edit`, keeping the others.
fn rewrite_zip(from: &Path, to: &Path, entry: &str, edit: impl Fn(String) -> String) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == entry {
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer.start_file(name, options).unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap();
}

/// A zip whose shared-string table (a part read whole) inflates from a few
/// hundred KiB to 300 MiB.
fn zip_bomb(to: &Path) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    writer.start_file("xl/sharedStrings.xml", options).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..300 {
        writer.write_all(&zeros).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn each_broken_file_is_one_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    let events = samples().join("events-2025.xlsx");
    let good = std::fs::read(&events).unwrap();

    std::fs::write(inputs.join("corrupt.xlsx"), b"PK\x03\x04 this is not really a zip file at all").unwrap();
    std::fs::write(inputs.join("truncated.xlsx"), &good[..good.len() / 2]).unwrap();
    std::fs::write(inputs.join("plain-text.xlsx"), "Date,Event\n2025-06-19,BBQ\n").unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 4096));
    std::fs::write(inputs.join("password-protected.xlsx"), &ole).unwrap();
    zip_bomb(&inputs.join("zip-bomb.xlsx"));
    rewrite_zip(&events, &inputs.join("huge-dimension.xlsx"), "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find("<dimension").unwrap();
        let end = start + xml[start..].find("/>").unwrap() + 2;
        format!("{}<dimension ref=\"A1:XFD1048576\"/>{}", &xml[..start], &xml[end..])
    });
    rewrite_zip(&events, &inputs.join("absurd-strings.xlsx"), "xl/sharedStrings.xml", |xml| {
        let xml = xml.replacen("uniqueCount=\"", "uniqueCount=\"4000000000", 1);
        xml.replacen(" count=\"", " count=\"4000000000", 1)
    });
    std::fs::write(inputs.join("~$events.xlsx"), b"lock file").unwrap();
    std::fs::write(inputs.join(".hidden.csv"), b"\x00\x01").unwrap();
    std::fs::write(inputs.join("notes.txt"), b"not a spreadsheet").unwrap();

    let result = run(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let text = check_text(&result);
    assert!(!stderr(&result).contains("panicked"), "no panic output: {}", stderr(&result));
    let expect = [
        ("corrupt.xlsx", "`corrupt.xlsx` is not a complete Excel file (empty or cut off)"),
        ("truncated.xlsx", "`truncated.xlsx` is not a complete Excel file (empty or cut off)"),
        ("plain-text.xlsx", "not a spreadsheet: it is a text file"),
        ("password-protected.xlsx", "password-protected"),
        ("zip-bomb.xlsx", "zip bomb"),
        ("absurd-strings.xlsx", "shared-string table"),
    ];
    for (file, words) in expect {
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(&format!("/{file}:"))).collect();
        assert_eq!(lines.len(), 1, "exactly one error for {file}:\n{text}");
        assert!(lines[0].contains(words), "{file}: expected `{words}` in {}", lines[0]);
    }
    assert!(text.contains("6 errors"), "{text}");
    // A claimed dimension of the whole grid decides nothing: the sheet is read.
    assert!(text.contains("huge-dimension.xlsx › Events: events (19 rows used"), "{text}");
    // The good files were still read.
    assert!(text.contains("meetings.csv: meetings (2 rows used)"), "{text}");
    assert!(text.contains("events.csv: events (2 rows used)"), "{text}");
    for skipped in ["~$events.xlsx", ".hidden.csv", "notes.txt"] {
        assert!(!text.contains(skipped), "{skipped} is skipped silently:\n{text}");
    }
}

#[test]
fn error_cells_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    write_csv(&inputs.join("events.csv"), &[&["Date", "Event", "Plans Distributed"], &["2025-07-01", "BBQ", "#DIV/0!"]]);
    let result = run(&["check", "--inputs", inputs.to_str().unwrap(), "--json"]);
    assert_eq!(result.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&result)).unwrap();
    let errors: Vec<&serde_json::Value> = v["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{v}");
    assert_eq!(errors[0]["location"]["cell"], "C2");
    assert!(errors[0]["message"].as_str().unwrap().contains("the error value `#DIV/0!`"), "{v}");
}

/// A zip holding `entries`, deflated.
fn write_zip(to: &Path, entries: &[(&str, &str)]) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for (name, text) in entries {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer.start_file(*name, options).unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
}

/// calamine allocates the box around a sheet's cells whatever its declared
/// dimension, and expands ODS repeats: tiny files that would ask for
/// gigabytes are each one located error.
#[test]
fn sheets_whose_cells_span_a_huge_box_are_one_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = minimal_inputs(dir.path(), "Enforcement and Justice Working Group", &["Plan the consultation"]);
    // Two cells, at A1 and XFD1048576, and no <dimension>.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Date").unwrap();
    sheet.write_string(1_048_575, 16_383, "far away").unwrap();
    let plain = dir.path().join("plain.xlsx");
    book.save(&plain).unwrap();
    rewrite_zip(&plain, &inputs.join("far-apart-cells.xlsx"), "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find("<dimension").unwrap();
        let end = start + xml[start..].find("/>").unwrap() + 2;
        format!("{}{}", &xml[..start], &xml[end..])
    });
    // One row of 60 values repeated 1,048,576 times: 63 million cells.
    let content = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Log"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="60" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    write_zip(
        &inputs.join("repeated-rows.ods"),
        &[("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", content)],
    );

    let started = std::time::Instant::now();
    let result = run(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert!(started.elapsed().as_secs() < 5, "refused before parsing");
    let text = check_text(&result);
    for (file, words) in [
        ("far-apart-cells.xlsx", "A1:XFD1048576"),
        ("repeated-rows.ods", "sheet `Log` spans A1:BH1048576 (62,914,560 cells), more than the limit of 50,000,000 cells"),
    ] {
        let lines: Vec<&str> = text.lines().filter(|l| l.contains(&format!("/{file} › "))).collect();
        assert_eq!(lines.len(), 1, "exactly one error for {file}, at its sheet:\n{text}");
        assert!(lines[0].contains(words), "{file}: expected `{words}` in {}", lines[0]);
    }
    assert!(text.contains("2 errors"), "{text}");
    assert!(text.contains("events.csv: events (2 rows used)"), "{text}");
}

#[test]
fn an_excel_97_workbook_reads_like_its_xlsx_original() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::copy(root().join("tests/fixtures/events-2025.xls"), inputs.join("events-2025.xls")).unwrap();
    let result = run(&["check", "--inputs", inputs.to_str().unwrap()]);
    assert_ok(&result);
    let text = check_text(&result);
    assert!(text.contains("events-2025.xls › Events: events (19 rows used)"), "{text}");
    assert!(text.contains("row 25: totals row skipped"), "{text}");
}
