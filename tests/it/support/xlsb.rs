//! A small Excel binary workbook (`.xlsb`) writer for fixtures.
//!
//! Nothing on the test machines writes xlsb (rust_xlsxwriter writes xlsx only, LibreOffice
//! cannot export xlsb), so this writes the parts by hand: a zip holding
//! `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.bin`, `xl/_rels/workbook.bin.rels`,
//! `xl/styles.bin`, `xl/sharedStrings.bin` and one `xl/worksheets/sheetN.bin` per sheet.
//!
//! The `.bin` parts are BIFF12 record streams (MS-XLSB §2.1.4): each record is its type as a
//! 1–2 byte varint, its size as a 1–4 byte varint, then its payload. Written records:
//!
//! - `workbook.bin`: BrtBeginBook, BrtWbProp (1900 date system), BrtBeginBundleShs, one
//!   BrtBundleSh per sheet (state, tab id, relationship id, name), BrtEndBundleShs, BrtEndBook.
//! - `sharedStrings.bin`: BrtBeginSst (total and unique counts), one BrtSSTItem per distinct
//!   string, BrtEndSst.
//! - `styles.bin`: BrtBeginStyleSheet, BrtBeginFmts with two BrtFmt (164 `yyyy-mm-dd`, 165
//!   `yyyy-mm-dd hh:mm`), BrtEndFmts, BrtBeginCellXFs with three BrtXF ([`XF_GENERAL`],
//!   [`XF_DATE`], [`XF_DATETIME`]), BrtEndCellXFs, BrtEndStyleSheet.
//! - `sheetN.bin`: BrtBeginSheet, BrtWsDim (the box around the cells, or the dimension given
//!   with [`XlsbSheet::declaring`]), BrtWsFmtInfo, BrtBeginSheetData, then per row with a cell
//!   a BrtRowHdr and its cell records (see [`Cell`]), BrtEndSheetData, BrtEndSheet.
//!
//! The record types and error codes are the library's own (`wecoss_report::ingest::biff12`),
//! the numbers its preflight reads.
//!
//! Dates are real dates, as Excel stores them: the serial number (days since 1899-12-30) in a
//! cell whose XF has a date number format. calamine reads `xl/styles.bin` and gives such a cell
//! as a date.
//!
//! Honest limits: the records and fields are those calamine 0.38's xlsb reader
//! (`calamine/src/xlsb/`) reads, laid out as MS-XLSB describes them; parts Excel itself always
//! writes but calamine never reads (fonts, fills, borders, cell-style XFs, book views, calc
//! properties, `docProps/`) are left out. The output has been read by calamine only, never
//! opened in Excel. `styles.bin` in particular holds no record calamine does not parse:
//! calamine's style reader does not skip the payload of records it does not know.
//!
//! Output is byte-stable: every zip entry carries a fixed modification time.
//!
//! ```ignore
//! use support::cell::Cell;
//! use support::xlsb::{XlsbBook, XlsbSheet};
//! XlsbBook::new()
//!     .sheet("Log", vec![
//!         vec![Cell::text("Date"), Cell::text("Copies")],
//!         vec![Cell::date(2025, 6, 12), Cell::Rk(15.0)],
//!     ])
//!     .push(XlsbSheet::new("Huge", vec![vec![Cell::Number(1.0)]]).declaring("A1:XFD1048576"))
//!     .write("fixture.xlsb")?;
//! ```
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Seek, Write};
use std::path::Path;

use wecoss_report::ingest::biff12::{self as rt, err};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::cell::Cell;

/// The cell XF (style index) of cells with no number format.
pub const XF_GENERAL: u32 = 0;
/// The cell XF of dates: custom number format 164, `yyyy-mm-dd`.
pub const XF_DATE: u32 = 1;
/// The cell XF of date-times: custom number format 165, `yyyy-mm-dd hh:mm`.
pub const XF_DATETIME: u32 = 2;

/// The [`err`] code of an error text such as `#DIV/0!`.
pub fn error_code(text: &str) -> Option<u8> {
    Some(match text {
        "#NULL!" => err::NULL,
        "#DIV/0!" => err::DIV0,
        "#VALUE!" => err::VALUE,
        "#REF!" => err::REF,
        "#NAME?" => err::NAME,
        "#NUM!" => err::NUM,
        "#N/A" => err::NA,
        _ => return None,
    })
}

/// A box of cells, zero-based and inclusive, as BrtWsDim stores it (UncheckedRfX).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dimension {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u32,
    pub last_col: u32,
}

impl Dimension {
    /// Parses `A1:XFD1048576` (or a single cell, `B2`). Panics on anything else.
    pub fn parse(range: &str) -> Self {
        let cell = |r: &str| -> (u32, u32) {
            let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
            assert!(letters > 0, "bad cell `{r}` in `{range}`");
            let col = r[..letters].bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1));
            let row: u32 = r[letters..].parse().unwrap_or_else(|_| panic!("bad cell `{r}` in `{range}`"));
            (row - 1, col - 1)
        };
        let (a, b) = range.split_once(':').unwrap_or((range, range));
        let ((r0, c0), (r1, c1)) = (cell(a), cell(b));
        Dimension { first_row: r0, last_row: r1, first_col: c0, last_col: c1 }
    }
}

/// One sheet: its name, rows (an empty row is a blank row) and, optionally, a declared
/// dimension written in BrtWsDim instead of the box around its cells.
#[derive(Debug, Clone)]
pub struct XlsbSheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    pub dimension: Option<Dimension>,
}

impl XlsbSheet {
    pub fn new(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Self {
        XlsbSheet { name: name.into(), rows, dimension: None }
    }

    /// Declares `range` (e.g. `A1:XFD1048576`) in BrtWsDim, whatever the cells are.
    pub fn declaring(mut self, range: &str) -> Self {
        self.dimension = Some(Dimension::parse(range));
        self
    }

    /// The box around the non-empty cells; `A1` for a sheet with none (as Excel writes it).
    pub fn used_box(&self) -> Dimension {
        let mut dim: Option<Dimension> = None;
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if *cell == Cell::Empty {
                    continue;
                }
                let (r, c) = (r as u32, c as u32);
                dim = Some(match dim {
                    None => Dimension { first_row: r, last_row: r, first_col: c, last_col: c },
                    Some(d) => Dimension {
                        first_row: d.first_row.min(r),
                        last_row: d.last_row.max(r),
                        first_col: d.first_col.min(c),
                        last_col: d.last_col.max(c),
                    },
                });
            }
        }
        dim.unwrap_or(Dimension { first_row: 0, last_row: 0, first_col: 0, last_col: 0 })
    }
}

/// A workbook: sheets in order.
#[derive(Debug, Clone, Default)]
pub struct XlsbBook {
    sheets: Vec<XlsbSheet>,
}

/// Writes an xlsb workbook of plain sheets: `write_xlsb(path, &[("Log", rows)])`.
pub fn write_xlsb(path: impl AsRef<Path>, sheets: &[(&str, Vec<Vec<Cell>>)]) -> std::io::Result<()> {
    let mut book = XlsbBook::new();
    for (name, rows) in sheets {
        book = book.sheet(*name, rows.clone());
    }
    if let Some(parent) = path.as_ref().parent() {
        std::fs::create_dir_all(parent)?;
    }
    book.write(path)
}

impl XlsbBook {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a sheet whose BrtWsDim is the box around its cells.
    pub fn sheet(self, name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Self {
        self.push(XlsbSheet::new(name, rows))
    }

    /// Appends a sheet.
    pub fn push(mut self, sheet: XlsbSheet) -> Self {
        self.sheets.push(sheet);
        self
    }

    /// Writes the workbook to `path`.
    pub fn write(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, self.to_bytes()?)
    }

    /// The workbook as bytes.
    pub fn to_bytes(&self) -> std::io::Result<Vec<u8>> {
        zip_parts(&self.parts())
    }

    /// Every part of the package, by path in the zip, in writing order. A test may alter a part
    /// and zip them again with [`zip_parts`].
    pub fn parts(&self) -> Vec<(String, Vec<u8>)> {
        let strings = SharedStrings::collect(&self.sheets);
        let mut parts = vec![
            ("[Content_Types].xml".to_string(), self.content_types().into_bytes()),
            ("_rels/.rels".to_string(), ROOT_RELS.as_bytes().to_vec()),
            ("xl/workbook.bin".to_string(), self.workbook_bin()),
            ("xl/_rels/workbook.bin.rels".to_string(), self.workbook_rels().into_bytes()),
            ("xl/styles.bin".to_string(), styles_bin()),
            ("xl/sharedStrings.bin".to_string(), strings.to_bin()),
        ];
        for (i, sheet) in self.sheets.iter().enumerate() {
            parts.push((format!("xl/worksheets/sheet{}.bin", i + 1), sheet_bin(sheet, &strings)));
        }
        parts
    }

    fn content_types(&self) -> String {
        let mut x = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
            r#"<Default Extension="xml" ContentType="application/xml"/>"#,
            r#"<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>"#,
            r#"<Override PartName="/xl/styles.bin" ContentType="application/vnd.ms-excel.styles"/>"#,
            r#"<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/>"#,
        ));
        for i in 1..=self.sheets.len() {
            x.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{i}.bin" ContentType="application/vnd.ms-excel.worksheet"/>"#));
        }
        x.push_str("</Types>\n");
        x
    }

    /// Relationship `rId{n}` is sheet `n`; styles and shared strings follow.
    fn workbook_rels(&self) -> String {
        const NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        let mut x = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        ));
        let n = self.sheets.len();
        for i in 1..=n {
            x.push_str(&format!(r#"<Relationship Id="rId{i}" Type="{NS}/worksheet" Target="worksheets/sheet{i}.bin"/>"#));
        }
        x.push_str(&format!(r#"<Relationship Id="rId{}" Type="{NS}/styles" Target="styles.bin"/>"#, n + 1));
        x.push_str(&format!(r#"<Relationship Id="rId{}" Type="{NS}/sharedStrings" Target="sharedStrings.bin"/>"#, n + 2));
        x.push_str("</Relationships>\n");
        x
    }

    fn workbook_bin(&self) -> Vec<u8> {
        let mut w = Records::default();
        w.record(rt::BEGIN_BOOK, &[]);
        // BrtWbProp: flags (bit 0, fDate1904, clear), dwThemeVersion, strName (empty).
        let mut prop = Vec::new();
        prop.extend(0u32.to_le_bytes());
        prop.extend(0u32.to_le_bytes());
        wide_str(&mut prop, "");
        w.record(rt::WB_PROP, &prop);
        w.record(rt::BEGIN_BUNDLE_SHS, &[]);
        for (i, sheet) in self.sheets.iter().enumerate() {
            // BrtBundleSh: hsState (0, visible), iTabID, strRelID, strName.
            let mut sh = Vec::new();
            sh.extend(0u32.to_le_bytes());
            sh.extend((i as u32 + 1).to_le_bytes());
            wide_str(&mut sh, &format!("rId{}", i + 1));
            wide_str(&mut sh, &sheet.name);
            w.record(rt::BUNDLE_SH, &sh);
        }
        w.record(rt::END_BUNDLE_SHS, &[]);
        w.record(rt::END_BOOK, &[]);
        w.0
    }
}

/// Zips `parts` (path, bytes) into an xlsb package, every entry deflated with a fixed time.
pub fn zip_parts(parts: &[(String, Vec<u8>)]) -> std::io::Result<Vec<u8>> {
    let mut cur = std::io::Cursor::new(Vec::new());
    write_zip(&mut cur, parts)?;
    Ok(cur.into_inner())
}

fn write_zip<W: Write + Seek>(w: W, parts: &[(String, Vec<u8>)]) -> std::io::Result<W> {
    let fixed = DateTime::from_date_and_time(2025, 10, 1, 0, 0, 0).map_err(|e| std::io::Error::other(format!("{e:?}")))?;
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(fixed);
    let mut zip = ZipWriter::new(w);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), deflated).map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    zip.finish().map_err(std::io::Error::other)
}

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/>"#,
    "</Relationships>\n",
);

/// A BIFF12 record stream being written.
#[derive(Default)]
pub struct Records(pub Vec<u8>);

impl Records {
    /// Appends one record: type (1–2 byte varint), size (1–4 byte varint), payload.
    pub fn record(&mut self, typ: u16, payload: &[u8]) {
        assert!(typ < 1 << 14, "record type {typ:#x} does not fit two bytes");
        if typ < 0x80 {
            self.0.push(typ as u8);
        } else {
            self.0.push((typ & 0x7F) as u8 | 0x80);
            self.0.push((typ >> 7) as u8);
        }
        let mut len = payload.len();
        assert!(len < 1 << 28, "record of {len} bytes does not fit a four-byte size");
        loop {
            let b = (len & 0x7F) as u8;
            len >>= 7;
            if len == 0 {
                self.0.push(b);
                break;
            }
            self.0.push(b | 0x80);
        }
        self.0.extend_from_slice(payload);
    }
}

/// Appends an XLWideString: a u32 count of UTF-16 code units, then the units, little-endian.
fn wide_str(out: &mut Vec<u8>, s: &str) {
    let units: Vec<u16> = s.encode_utf16().collect();
    out.extend((units.len() as u32).to_le_bytes());
    for u in units {
        out.extend(u.to_le_bytes());
    }
}

/// The shared-string table: each distinct [`Cell::Text`] once, in order of first use.
#[derive(Default)]
struct SharedStrings {
    index: HashMap<String, u32>,
    list: Vec<String>,
    total: u32,
}

impl SharedStrings {
    fn collect(sheets: &[XlsbSheet]) -> Self {
        let mut sst = SharedStrings::default();
        for cell in sheets.iter().flat_map(|s| s.rows.iter().flatten()) {
            if let Cell::Text(s) = cell {
                sst.total += 1;
                if !sst.index.contains_key(s) {
                    sst.index.insert(s.clone(), sst.list.len() as u32);
                    sst.list.push(s.clone());
                }
            }
        }
        sst
    }

    fn to_bin(&self) -> Vec<u8> {
        let mut w = Records::default();
        // BrtBeginSst: cstTotal, cstUnique.
        let mut begin = Vec::new();
        begin.extend(self.total.to_le_bytes());
        begin.extend((self.list.len() as u32).to_le_bytes());
        w.record(rt::BEGIN_SST, &begin);
        for s in &self.list {
            // BrtSSTItem: a RichStr with no rich runs and no phonetic string (flags 0).
            let mut item = vec![0u8];
            wide_str(&mut item, s);
            w.record(rt::SST_ITEM, &item);
        }
        w.record(rt::END_SST, &[]);
        w.0
    }
}

fn styles_bin() -> Vec<u8> {
    let mut w = Records::default();
    w.record(rt::BEGIN_STYLE_SHEET, &[]);
    let formats = [(164u16, "yyyy-mm-dd"), (165u16, "yyyy-mm-dd hh:mm")];
    w.record(rt::BEGIN_FMTS, &(formats.len() as u32).to_le_bytes());
    for (id, code) in formats {
        // BrtFmt: ifmt, stFmtCode.
        let mut fmt = id.to_le_bytes().to_vec();
        wide_str(&mut fmt, code);
        w.record(rt::FMT, &fmt);
    }
    w.record(rt::END_FMTS, &[]);
    // XF_GENERAL, XF_DATE, XF_DATETIME: number formats 0 (General), 164, 165.
    let xfs = [0u16, 164, 165];
    w.record(rt::BEGIN_CELL_XFS, &(xfs.len() as u32).to_le_bytes());
    for ifmt in xfs {
        // BrtXF (16 bytes): ixfeParent, iFmt, iFont, iFill, ixBorder, trot, indent, then
        // alignment and protection flags, xfGrbitAtr; all but iFmt zero (ixfeParent 0 is the
        // Normal style's XF).
        let mut xf = Vec::with_capacity(16);
        xf.extend(0u16.to_le_bytes());
        xf.extend(ifmt.to_le_bytes());
        xf.extend([0u8; 12]);
        w.record(rt::XF, &xf);
    }
    w.record(rt::END_CELL_XFS, &[]);
    w.record(rt::END_STYLE_SHEET, &[]);
    w.0
}

fn sheet_bin(sheet: &XlsbSheet, strings: &SharedStrings) -> Vec<u8> {
    let mut w = Records::default();
    w.record(rt::BEGIN_SHEET, &[]);
    // BrtWsDim: rwFirst, rwLast, colFirst, colLast.
    let dim = sheet.dimension.unwrap_or_else(|| sheet.used_box());
    let mut d = Vec::with_capacity(16);
    for v in [dim.first_row, dim.last_row, dim.first_col, dim.last_col] {
        d.extend(v.to_le_bytes());
    }
    w.record(rt::WS_DIM, &d);
    // BrtWsFmtInfo: dxGCol (unset), cchDefColWidth 8, miyDefRwHeight 300 (15 pt), flags,
    // iOutLevelRw, iOutLevelCol.
    let mut info = Vec::with_capacity(12);
    info.extend(u32::MAX.to_le_bytes());
    info.extend(8u16.to_le_bytes());
    info.extend(300u16.to_le_bytes());
    info.extend(0u16.to_le_bytes());
    info.extend([0u8, 0]);
    w.record(rt::WS_FMT_INFO, &info);
    w.record(rt::BEGIN_SHEET_DATA, &[]);
    for (r, row) in sheet.rows.iter().enumerate() {
        let cols: Vec<u32> = (0..row.len() as u32).filter(|&c| row[c as usize] != Cell::Empty).collect();
        if cols.is_empty() {
            continue;
        }
        w.record(rt::ROW_HDR, &row_hdr(r as u32, &cols));
        for &c in &cols {
            let (typ, payload) = cell_record(c, &row[c as usize], strings);
            w.record(typ, &payload);
        }
    }
    w.record(rt::END_SHEET_DATA, &[]);
    w.record(rt::END_SHEET, &[]);
    w.0
}

/// BrtRowHdr: rw, ixfe (0), miyRw (300 twips), three flag bytes (0), ccolspan, then one ColSpan
/// (colMic, colLast) per 1024-column block that holds cells.
fn row_hdr(row: u32, cols: &[u32]) -> Vec<u8> {
    let mut spans: Vec<(u32, u32)> = Vec::new();
    for &c in cols {
        match spans.last_mut() {
            Some((first, last)) if *first / 1024 == c / 1024 => *last = c,
            _ => spans.push((c, c)),
        }
    }
    let mut h = Vec::with_capacity(17 + 8 * spans.len());
    h.extend(row.to_le_bytes());
    h.extend(0u32.to_le_bytes());
    h.extend(300u16.to_le_bytes());
    h.extend([0u8; 3]);
    h.extend((spans.len() as u32).to_le_bytes());
    for (first, last) in spans {
        h.extend(first.to_le_bytes());
        h.extend(last.to_le_bytes());
    }
    h
}

/// The Cell structure that starts every cell record: column, then iStyleRef (24 bits) and a
/// flags byte (fPhShow clear).
fn cell_head(col: u32, xf: u32) -> Vec<u8> {
    assert!(xf < 1 << 24);
    let mut c = Vec::with_capacity(24);
    c.extend(col.to_le_bytes());
    c.extend(xf.to_le_bytes());
    c
}

fn cell_record(col: u32, cell: &Cell, strings: &SharedStrings) -> (u16, Vec<u8>) {
    match cell {
        Cell::Empty => unreachable!("empty cells are not written"),
        Cell::Text(s) => {
            let mut c = cell_head(col, XF_GENERAL);
            c.extend(strings.index[s].to_le_bytes());
            (rt::CELL_ISST, c)
        }
        Cell::InlineText(s) => {
            let mut c = cell_head(col, XF_GENERAL);
            wide_str(&mut c, s);
            (rt::CELL_ST, c)
        }
        Cell::Number(v) => {
            let mut c = cell_head(col, XF_GENERAL);
            c.extend(v.to_le_bytes());
            (rt::CELL_REAL, c)
        }
        Cell::Rk(v) => {
            let rk = rk_number(*v).unwrap_or_else(|| panic!("{v} has no exact RK form"));
            let mut c = cell_head(col, XF_GENERAL);
            c.extend(rk.to_le_bytes());
            (rt::CELL_RK, c)
        }
        Cell::Bool(b) => {
            let mut c = cell_head(col, XF_GENERAL);
            c.push(u8::from(*b));
            (rt::CELL_BOOL, c)
        }
        Cell::Error(text) => {
            let mut c = cell_head(col, XF_GENERAL);
            c.push(code(text));
            (rt::CELL_ERROR, c)
        }
        Cell::Date { year, month, day } => {
            let serial = serial(*year, *month, *day, 0, 0);
            let mut c = cell_head(col, XF_DATE);
            c.extend(rk_number(serial).expect("a day's serial fits an RK integer").to_le_bytes());
            (rt::CELL_RK, c)
        }
        Cell::DateTime { year, month, day, hour, minute } => {
            let mut c = cell_head(col, XF_DATETIME);
            c.extend(serial(*year, *month, *day, *hour, *minute).to_le_bytes());
            (rt::CELL_REAL, c)
        }
        Cell::Time { .. } => panic!("the xlsb writer has no time-of-day style: write {cell:?} as a date-time or a number"),
        Cell::Formula(cached) => formula_record(col, cached),
    }
}

/// The [`err`] code of an error text; panics on an unknown text.
fn code(text: &str) -> u8 {
    error_code(text).unwrap_or_else(|| panic!("no xlsb error code for `{text}`"))
}

/// BrtFmlaNum / BrtFmlaString / BrtFmlaBool / BrtFmlaError: Cell, the cached value,
/// grbitFlags (0), then the CellParsedFormula: cce, rgce (one constant Ptg), cb (0).
fn formula_record(col: u32, cached: &Cell) -> (u16, Vec<u8>) {
    let mut c = cell_head(col, XF_GENERAL);
    let mut rgce = Vec::new();
    let typ = match cached {
        Cell::Number(v) => {
            c.extend(v.to_le_bytes());
            rgce.push(0x1F); // PtgNum
            rgce.extend(v.to_le_bytes());
            rt::FMLA_NUM
        }
        Cell::Text(s) | Cell::InlineText(s) => {
            wide_str(&mut c, s);
            let units: Vec<u16> = s.encode_utf16().collect();
            rgce.push(0x17); // PtgStr: cch (u16), then the UTF-16 units
            rgce.extend((units.len() as u16).to_le_bytes());
            for u in units {
                rgce.extend(u.to_le_bytes());
            }
            rt::FMLA_STRING
        }
        Cell::Bool(b) => {
            c.push(u8::from(*b));
            rgce.extend([0x1D, u8::from(*b)]); // PtgBool
            rt::FMLA_BOOL
        }
        Cell::Error(text) => {
            let code = code(text);
            c.push(code);
            rgce.extend([0x1C, code]); // PtgErr
            rt::FMLA_ERROR
        }
        other => panic!("a formula caches a number, text, boolean or error, not {other:?}"),
    };
    c.extend(0u16.to_le_bytes());
    c.extend((rgce.len() as u32).to_le_bytes());
    c.extend(rgce);
    c.extend(0u32.to_le_bytes());
    (typ, c)
}

/// The Excel serial number (1900 date system, days since 1899-12-30) of a date and time.
/// Panics before 1900-03-01, where Excel's serials count a 29 February 1900 that never was.
pub fn serial(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> f64 {
    use chrono::NaiveDate;
    let date = NaiveDate::from_ymd_opt(year, month, day).unwrap_or_else(|| panic!("no date {year}-{month}-{day}"));
    assert!(date >= NaiveDate::from_ymd_opt(1900, 3, 1).unwrap(), "{date}: serials before 1900-03-01 are off by one");
    assert!(hour < 24 && minute < 60, "no time {hour}:{minute}");
    let days = (date - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days() as f64;
    days + f64::from(hour * 60 + minute) / 1440.0
}

/// The RkNumber (MS-XLSB 2.5.122) holding exactly `v`, if there is one: bit 0 fX100 (divide by
/// 100), bit 1 fInt (the other 30 bits are a signed integer, else the high 30 bits of a double).
pub fn rk_number(v: f64) -> Option<u32> {
    let int = |x: f64| -> Option<u32> {
        let fits = x.fract() == 0.0 && (-(1i64 << 29) as f64..(1i64 << 29) as f64).contains(&x);
        fits.then_some(((x as i32) << 2) as u32 | 2)
    };
    let float = |x: f64| -> Option<u32> {
        let bits = x.to_bits();
        (bits & ((1u64 << 34) - 1) == 0).then_some((bits >> 32) as u32)
    };
    if let Some(rk) = int(v).or_else(|| float(v)) {
        return Some(rk);
    }
    let h = v * 100.0;
    if let Some(rk) = int(h).filter(|_| h / 100.0 == v) {
        return Some(rk | 1);
    }
    float(h).filter(|_| h / 100.0 == v).map(|rk| rk | 1)
}
