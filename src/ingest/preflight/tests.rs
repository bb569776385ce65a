//! Unit tests of the sheet preflight.

use super::*;

fn sheet(xml: &str) -> Result<(), IngestError> {
    xlsx_sheet(xml.as_bytes(), "sheet1")
}

#[test]
fn sheets_are_named_by_their_tabs() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "xl/workbook.xml",
            r#"<workbook xmlns:r="r"><sheets><sheet name="Q&amp;A &lt;2025&gt;" sheetId="1" r:id="rId7"/><sheet name="Log" sheetId="2" r:id="rId8"/><sheet name="Lost" sheetId="3" r:id="rId9"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId7" Target="worksheets/sheet2.xml"/><Relationship Id="rId8" Target="/xl/worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let names = sheet_names(&mut zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap());
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names["xl/worksheets/sheet2.xml"], "Q&A <2025>");
    assert_eq!(names["xl/worksheets/sheet1.xml"], "Log");
}

#[test]
fn xlsx_far_apart_cells_are_refused() {
    let ok = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row><row r="9"><c r="C9"><v>1</v></c></row></sheetData></worksheet>"#;
    assert!(sheet(ok).is_ok());
    let bomb = r#"<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row><x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>"#;
    match sheet(bomb) {
        Err(IngestError::HugeSheet { range, cells, .. }) => {
            assert_eq!(range, "A1:XFD1048576");
            assert_eq!(cells, 16384 * 1048576);
        }
        other => panic!("{other:?}"),
    }
    // Empty styled cells far away do not count.
    let styled = r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" s="3"/></row>"#;
    assert!(sheet(styled).is_ok());
    // Cells without `r` follow the previous one.
    let implicit = r#"<row r="1048576"><c><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>"#;
    assert!(sheet(implicit).is_ok());
}

#[test]
fn ods_repeats_are_expanded() {
    let cell = r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    let ok = format!(
        r#"<office:spreadsheet><table:table table:name="Log"><table:table-row>{cell}<table:table-cell table:number-columns-repeated="1020"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet>"#
    );
    assert!(ods_content(ok.as_bytes()).is_ok());
    let bomb = r#"<table:table table:name="Bomb"><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#.to_string();
    match ods_content(bomb.as_bytes()) {
        Err(IngestError::HugeSheet { sheet, cells, .. }) => {
            assert_eq!(sheet, "Bomb");
            assert_eq!(cells, 1048576 * 1000);
        }
        other => panic!("{other:?}"),
    }
    // Empty rows between two rows with values are expanded too.
    let gap = format!(
        r#"<table:table table:name="Gap"><table:table-row>{cell}<table:table-cell table:number-columns-repeated="999"/>{cell}</table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell/></table:table-row><table:table-row>{cell}</table:table-row></table:table>"#
    );
    assert!(matches!(ods_content(gap.as_bytes()), Err(IngestError::HugeSheet { .. })));
    // Cut short inside a table: calamine would never return.
    let cut = format!(
        r#"<?xml version="1.0"?><!-- x --><office:spreadsheet><table:table table:name="Log"><table:table-row>{cell}</table:table-row></table:   e></office:spreadsheet>"#
    );
    match ods_content(cut.as_bytes()) {
        Err(IngestError::Corrupt { detail, .. }) => assert!(detail.contains("unclosed"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn xlsb_far_apart_cells_are_refused() {
    // BrtRowHdr (type 0) for row 0, BrtCellReal (type 5) at column 0,
    // BrtRowHdr for row 1048575, BrtCellBool (type 4) at column 4000000000.
    let mut bin = vec![0x00, 4, 0, 0, 0, 0, 0x05, 16];
    bin.extend([0u8; 16]);
    bin.extend([0x00, 4]);
    bin.extend(1_048_575u32.to_le_bytes());
    bin.extend([0x04, 9]);
    bin.extend(4_000_000_000u32.to_le_bytes());
    bin.extend([0u8; 5]);
    match xlsb_sheet(&bin[..], "sheet1") {
        Err(IngestError::HugeSheet { cells, .. }) => assert_eq!(cells, 1_048_576 * 4_000_000_001),
        other => panic!("{other:?}"),
    }
    // Blank cells (type 1) do not count; a truncated record ends the scan.
    let mut small = vec![0x00, 4, 0, 0, 0, 0, 0x05, 16];
    small.extend([0u8; 16]);
    small.extend([0x01, 8]);
    small.extend(4_000_000_000u32.to_le_bytes());
    small.extend([0u8; 4]);
    small.extend([0x05, 16, 1]);
    assert!(xlsb_sheet(&small[..], "sheet1").is_ok());
}

#[test]
fn xlsb_formula_errors_are_found_inside_the_grid_only() {
    // BrtFmlaError (type 0x0B): column, style and flags (8 bytes), the
    // error code, then the formula: at D3 (#DIV/0!), or at column
    // 4000000000 (not a cell Excel can hold), on row 3.
    let error_record = |col: u32, code: u8| {
        let mut r = vec![0x0B, 15];
        r.extend(col.to_le_bytes());
        r.extend([0u8; 4]);
        r.push(code);
        r.extend([0u8; 6]);
        r
    };
    let sheet = |records: &[Vec<u8>]| {
        let mut bin = vec![0x00, 4, 2, 0, 0, 0];
        records.iter().for_each(|r| bin.extend(r));
        bin.extend([0x92, 0x01, 0]);
        xlsb_sheet(&bin[..], "sheet1")
    };
    assert_eq!(sheet(&[error_record(3, 0x07)]).unwrap(), [(2, 3, "#DIV/0!".to_string())]);
    // Alone, the far one passes the size check (a box of one cell) and
    // is left out; beside D3 the box is too big.
    assert_eq!(sheet(&[error_record(4_000_000_000, 0x2A)]).unwrap(), []);
    assert!(matches!(sheet(&[error_record(3, 0x07), error_record(4_000_000_000, 0x2A)]), Err(IngestError::HugeSheet { .. })));
}

#[test]
fn xlsb_declared_dimension_decides_nothing() {
    // BrtWsDim (type 0x94, two-byte varint 0x94 0x01): rwFirst, rwLast,
    // colFirst, colLast, claiming the whole grid; then one cell.
    let mut bin = vec![0x94, 0x01, 16];
    for v in [0u32, 1_048_575, 0, 16_383] {
        bin.extend(v.to_le_bytes());
    }
    bin.extend([0x00, 4, 0, 0, 0, 0, 0x05, 16]);
    bin.extend([0u8; 16]);
    assert!(xlsb_sheet(&bin[..], "sheet1").is_ok());
}

#[test]
fn attributes() {
    assert_eq!(attr(b"c r=\"B2\" s=\"1\"", b"r"), Some(&b"B2"[..]));
    assert_eq!(attr(b"c s='1' r='C3'", b"r"), Some(&b"C3"[..]));
    assert_eq!(attr(b"c sr=\"1\"", b"r"), None);
    assert_eq!(a1(b"XFD1048576"), Some((Some(1048575), 16383)));
    assert_eq!(tag_name(b"/x:row"), (&b"row"[..], true));
}
