//! A small, dependency-light OpenDocument Spreadsheet (`.ods`) writer for fixtures.
//!
//! Writes the minimum a reader needs: `mimetype` (stored, uncompressed, first entry),
//! `META-INF/manifest.xml` and `content.xml`. Cells are the fixtures' [`Cell`]: strings,
//! floats, booleans, dates (`office:date-value`), times (`office:time-value`) or empty; a
//! formula is written as its cached value, and an error value panics (ods has none: write its
//! text). Output is byte-stable: every zip entry carries a fixed modification time.
//!
//! ```ignore
//! use support::cell::Cell;
//! use support::ods::OdsBook;
//! OdsBook::new()
//!     .sheet("Log", vec![
//!         vec![Cell::text("Date"), Cell::text("Copies")],
//!         vec![Cell::date(2025, 6, 12), Cell::float(15.0)],
//!     ])
//!     .write("fixture.ods")?;
//! ```
#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{Seek, Write};
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::cell::Cell;

/// A workbook: named sheets of rows of cells, in order.
#[derive(Debug, Clone, Default)]
pub struct OdsBook {
    sheets: Vec<(String, Vec<Vec<Cell>>)>,
}

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

impl OdsBook {
    pub fn new() -> Self {
        Self::default()
    }

    /// Append a sheet. Rows may have different lengths; an empty row is a blank row.
    pub fn sheet(mut self, name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Self {
        self.sheets.push((name.into(), rows));
        self
    }

    /// Write the workbook to `path`.
    pub fn write(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        let file = std::fs::File::create(path)?;
        self.write_to(file)?;
        Ok(())
    }

    /// Write the workbook into memory.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        let mut cur = std::io::Cursor::new(Vec::new());
        self.write_to(&mut cur)?;
        Ok(cur.into_inner())
    }

    fn write_to<W: Write + Seek>(&self, w: W) -> std::io::Result<W> {
        let fixed = DateTime::from_date_and_time(2025, 10, 1, 0, 0, 0).map_err(|e| std::io::Error::other(format!("{e:?}")))?;
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).last_modified_time(fixed);
        let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(fixed);
        let mut zip = ZipWriter::new(w);
        zip.start_file("mimetype", stored).map_err(std::io::Error::other)?;
        zip.write_all(MIMETYPE.as_bytes())?;
        zip.start_file("META-INF/manifest.xml", deflated).map_err(std::io::Error::other)?;
        zip.write_all(manifest_xml().as_bytes())?;
        zip.start_file("content.xml", deflated).map_err(std::io::Error::other)?;
        zip.write_all(self.content_xml().as_bytes())?;
        zip.finish().map_err(std::io::Error::other)
    }

    /// The `content.xml` document.
    pub fn content_xml(&self) -> String {
        let mut x = String::new();
        x.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
        x.push('\n');
        x.push_str(concat!(
            r#"<office:document-content"#,
            r#" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0""#,
            r#" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0""#,
            r#" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0""#,
            r#" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0""#,
            r#" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0""#,
            r#" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0""#,
            r#" office:version="1.2">"#,
        ));
        x.push_str(concat!(
            "<office:automatic-styles>",
            r#"<number:date-style style:name="N37" number:automatic-order="true">"#,
            r#"<number:year number:style="long"/><number:text>-</number:text>"#,
            r#"<number:month number:style="long"/><number:text>-</number:text>"#,
            r#"<number:day number:style="long"/></number:date-style>"#,
            r#"<number:time-style style:name="N40"><number:hours/><number:text>:</number:text>"#,
            r#"<number:minutes number:style="long"/></number:time-style>"#,
            r#"<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N37"/>"#,
            r#"<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N40"/>"#,
            "</office:automatic-styles>",
        ));
        x.push_str("<office:body><office:spreadsheet>");
        for (name, rows) in &self.sheets {
            let _ = write!(x, r#"<table:table table:name="{}">"#, escape(name));
            let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
            let _ = write!(x, r#"<table:table-column table:number-columns-repeated="{width}"/>"#);
            for row in rows {
                x.push_str("<table:table-row>");
                if row.is_empty() {
                    x.push_str("<table:table-cell/>");
                }
                for cell in row {
                    write_cell(&mut x, cell);
                }
                x.push_str("</table:table-row>");
            }
            x.push_str("</table:table>");
        }
        x.push_str("</office:spreadsheet></office:body></office:document-content>\n");
        x
    }
}

fn write_cell(x: &mut String, cell: &Cell) {
    match cell {
        Cell::Empty => x.push_str("<table:table-cell/>"),
        Cell::Text(s) | Cell::InlineText(s) => {
            x.push_str(r#"<table:table-cell office:value-type="string">"#);
            for line in s.split('\n') {
                let _ = write!(x, "<text:p>{}</text:p>", escape(line));
            }
            x.push_str("</table:table-cell>");
        }
        Cell::Number(v) | Cell::Rk(v) => {
            let _ = write!(x, r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#);
        }
        Cell::Bool(b) => {
            let text = if *b { "TRUE" } else { "FALSE" };
            let _ = write!(
                x,
                r#"<table:table-cell office:value-type="boolean" office:boolean-value="{b}"><text:p>{text}</text:p></table:table-cell>"#
            );
        }
        Cell::Date { year, month, day } => {
            let d = format!("{year:04}-{month:02}-{day:02}");
            let _ = write!(
                x,
                r#"<table:table-cell table:style-name="ce1" office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#
            );
        }
        Cell::DateTime { year, month, day, hour, minute } => {
            let d = format!("{year:04}-{month:02}-{day:02}");
            let _ = write!(
                x,
                r#"<table:table-cell office:value-type="date" office:date-value="{d}T{hour:02}:{minute:02}:00"><text:p>{d} {hour:02}:{minute:02}</text:p></table:table-cell>"#
            );
        }
        Cell::Time { hour, minute, second } => {
            let _ = write!(
                x,
                r#"<table:table-cell table:style-name="ce2" office:value-type="time" office:time-value="PT{hour:02}H{minute:02}M{second:02}S"><text:p>{hour:02}:{minute:02}</text:p></table:table-cell>"#
            );
        }
        Cell::Error(e) => panic!("ods has no error cells: write `{e}` as text"),
        Cell::Formula(cached) => write_cell(x, cached),
    }
}

fn manifest_xml() -> String {
    concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        "\n",
        r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
        "</manifest:manifest>\n",
    )
    .to_string()
}

/// Escape text for XML content and attribute values; drops characters XML 1.0 forbids.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}
