//! Workbooks (xlsx, xlsm, xlsb, xls, ods) read with calamine, sheet by sheet
//! and row by row: xlsx streamed cell by cell, the others through
//! calamine's ranges, with formula errors and merged cells placed.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};

use calamine::{Data, Reader};

use super::cells::{Interner, convert, convert_ref};
use super::*;

/// Where calamine reads a workbook from: its bytes in memory (a mended
/// copy, or a file given as bytes), or the file itself, already opened and
/// checked, so that a large workbook's bytes are not held while its rows
/// become records (memory is bounded by the cells read, not by the file).
pub(super) enum Held {
    /// The bytes, in memory.
    Bytes(Cursor<Vec<u8>>),
    /// The opened file, read through a buffer. It is the handle whose bytes
    /// were checked: a file saved over meanwhile is a new file, not this one.
    File(BufReader<std::fs::File>),
}

impl Read for Held {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Held::Bytes(c) => c.read(buf),
            Held::File(f) => f.read(buf),
        }
    }
}

impl Seek for Held {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match self {
            Held::Bytes(c) => c.seek(pos),
            Held::File(f) => f.seek(pos),
        }
    }
}

/// The formulas whose result is an error, by sheet name, that calamine does
/// not read (see [`preflight::xlsb_sheet`]): (row, column, error text).
pub(super) type FormulaErrors = HashMap<String, Vec<(u32, u32, String)>>;

pub(super) fn read_workbook(
    ext: &str,
    held: Held,
    display: &str,
    formula_errors: &FormulaErrors,
    sink: &mut dyn SheetSink,
) -> Result<(), IngestError> {
    use calamine::{Ods, Xls, Xlsb, Xlsx, open_workbook_from_rs};
    let cursor = held;
    let format = match ext {
        "xls" => super::XLS,
        "xlsb" => "an Excel binary workbook (.xlsb)",
        "ods" => "an OpenDocument spreadsheet (.ods)",
        _ => "an Excel workbook (.xlsx)",
    };
    let corrupt = |e: calamine::Error| match e.to_string() {
        s if s.to_lowercase().contains("password") => IngestError::Password,
        detail => IngestError::Corrupt { format, detail },
    };
    let mut book: calamine::Sheets<_> = match ext {
        "xls" => calamine::Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(cursor).map_err(|e| corrupt(e.into()))?),
        "xlsb" => calamine::Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(cursor).map_err(|e| corrupt(e.into()))?),
        "ods" => calamine::Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(cursor).map_err(|e| corrupt(e.into()))?),
        _ => calamine::Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(cursor).map_err(|e| corrupt(e.into()))?),
    };
    // The cell of each of the workbook's shared strings, made once.
    let mut shared = SharedCells::default();
    // Hidden sheets, by name: `true` when very hidden.
    let hidden: HashMap<String, bool> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| (s.name.clone(), s.visible == calamine::SheetVisible::VeryHidden))
        .collect();
    // Chart and dialog sheets: empty sheets (calamine cannot read an xlsb
    // one as a range).
    let no_cells: std::collections::HashSet<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| matches!(s.typ, calamine::SheetType::ChartSheet | calamine::SheetType::DialogSheet))
        .map(|s| s.name.clone())
        .collect();
    // Sheets that hold no data: skipped with a note.
    let not_data: HashMap<String, &'static str> = book
        .sheets_metadata()
        .iter()
        .filter_map(|s| match s.typ {
            calamine::SheetType::MacroSheet => Some((s.name.clone(), "an Excel 4 macro sheet")),
            calamine::SheetType::Vba => Some((s.name.clone(), "a Visual Basic module")),
            _ => None,
        })
        .collect();
    let mut inline = Interner::default();
    for name in book.sheet_names() {
        if let Some(why) = not_data.get(&name) {
            sink.skipped_sheet(display, &name, why);
            continue;
        }
        if let Some(&very) = hidden.get(&name)
            && !sink.read_hidden()
        {
            sink.hidden_sheet(display, &name, very);
            continue;
        }
        if no_cells.contains(&name) {
            sink.start_sheet(display, Some(&name), 0);
            sink.end_sheet();
            continue;
        }
        if let calamine::Sheets::Xlsx(xlsx) = &mut book {
            // Row by row from the XML: the sheet is never held whole.
            stream_xlsx_sheet(xlsx, &name, display, &mut shared, &mut inline, sink).map_err(|e| match e {
                SheetError::Calamine(e) => corrupt(e.into()),
                SheetError::Refused(e) => e,
            })?;
            continue;
        }
        let range = book.worksheet_range(&name).map_err(corrupt)?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        if let Some((r, c, _)) = range
            .cells()
            .find(|(_, _, d)| matches!(d, Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) if s.len() > MAX_CELL_BYTES))
        {
            return Err(long_cell(&name, first_row + r as u32, first_col as usize + c));
        }
        if let Some(errors) = formula_errors.get(&name) {
            let rows = range.rows().enumerate().map(|(i, row)| (first_row + i as u32, row.iter().map(convert).collect()));
            send_with_errors(display, &name, range.start().map(|s| s.1), rows, errors, sink);
            continue;
        }
        sink.start_sheet(display, Some(&name), first_col);
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<Cell> = row.iter().map(convert).collect();
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            sink.row(RawRow { index: first_row + i as u32, cells });
        }
        sink.end_sheet();
    }
    Ok(())
}

/// Gives a sheet's rows (each starting at column `first_col`, `None` if the
/// sheet had no cells) to `sink` with the error cells calamine left out put
/// in their places: rows and columns are added where an error lies outside
/// the cells read. The preflight keeps only errors inside Excel's grid, and
/// the box around all of them and the other cells within its cell limit.
pub(super) fn send_with_errors(
    display: &str,
    name: &str,
    first_col: Option<u32>,
    rows: impl Iterator<Item = (u32, Vec<Cell>)>,
    errors: &[(u32, u32, String)],
    sink: &mut dyn SheetSink,
) {
    let start = errors.iter().map(|e| e.1).chain(first_col).min().unwrap_or(0);
    let shift = first_col.map_or(0, |first| (first - start) as usize);
    let mut sheet: std::collections::BTreeMap<u32, Vec<Cell>> =
        rows.map(|(index, cells)| (index, std::iter::repeat_n(Cell::Empty, shift).chain(cells).collect())).collect();
    for (row, col, text) in errors {
        let cells = sheet.entry(*row).or_default();
        let at = (col - start) as usize;
        if cells.len() <= at {
            cells.resize(at + 1, Cell::Empty);
        }
        cells[at] = Cell::Error(text.clone());
    }
    sink.start_sheet(display, Some(name), start);
    for (index, cells) in sheet {
        if !cells.iter().all(Cell::is_empty) {
            sink.row(RawRow { index, cells });
        }
    }
    sink.end_sheet();
}

/// Streams one xlsx worksheet to `sink` with calamine's cell reader: the
/// same cells `worksheet_range` would give, as rows whose cells start at
/// column A (`first_col` 0). A chart sheet is an empty sheet, as there.
///
/// `shared` holds the cell made from each of the workbook's shared strings,
/// by address: a value repeated down a column is cleaned once and shared.
///
/// A sheet whose cells span a box of more than [`MAX_SHEET_CELLS`] is
/// refused as soon as it does, as the preflight refuses such sheets of the
/// other formats (each row is as long as its last cell: a row far to the
/// right is a long row).
pub(super) fn stream_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    name: &str,
    display: &str,
    shared: &mut SharedCells,
    inline: &mut Interner,
    sink: &mut dyn SheetSink,
) -> Result<(), SheetError> {
    let mut cells = match xlsx.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(calamine::XlsxError::NotAWorksheet(_)) => {
            sink.start_sheet(display, Some(name), 0);
            sink.end_sheet();
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    sink.start_sheet(display, Some(name), 0);
    let mut extent = preflight::Extent::default();
    let mut row = RawRow { index: 0, cells: Vec::new() };
    let flush = |row: &mut RawRow, sink: &mut dyn SheetSink| {
        if !row.cells.iter().all(Cell::is_empty) {
            let width = row.cells.len();
            let cells = std::mem::replace(&mut row.cells, Vec::with_capacity(width));
            sink.row(RawRow { index: row.index, cells });
        }
        row.cells.clear();
    };
    while let Some(cell) = cells.next_cell_with_formula_metadata()? {
        // A formula saved without its result (by a script, or a program
        // that does not compute formulas): its value is not known.
        let no_value = matches!(cell.value, calamine::DataRef::Empty) && cell.formula.is_some();
        if matches!(cell.value, calamine::DataRef::Empty) && !no_value {
            continue;
        }
        let (value, (r, c)) = (cell.value, cell.pos);
        // The box grows only with a cell outside it: checked then.
        if !extent.contains(r.into(), c.into()) {
            extent.add(r.into(), c.into());
            extent.check(name).map_err(SheetError::Refused)?;
        }
        if r != row.index {
            flush(&mut row, sink);
            row.index = r;
        }
        let c = c as usize;
        let value = match value {
            calamine::DataRef::SharedString(s) => {
                if s.len() > MAX_CELL_BYTES {
                    return Err(SheetError::Refused(long_cell(name, r, c)));
                }
                shared.entry((s.as_ptr() as usize, s.len())).or_insert_with(|| text_cell(s)).clone()
            }
            // An inline string (as openpyxl, xlsxwriter's constant-memory
            // mode and many exports write text): each distinct one is
            // cleaned once and shared, as a shared string is.
            calamine::DataRef::String(s) => {
                if s.len() > MAX_CELL_BYTES {
                    return Err(SheetError::Refused(long_cell(name, r, c)));
                }
                inline.cell(&s)
            }
            _ if no_value => Cell::Error(super::FORMULA_WITHOUT_VALUE.to_string()),
            other => convert_ref(&other),
        };
        // Cells come left to right: most often the next one.
        match row.cells.len().cmp(&c) {
            std::cmp::Ordering::Equal => row.cells.push(value),
            std::cmp::Ordering::Less => {
                row.cells.resize(c, Cell::Empty);
                row.cells.push(value);
            }
            std::cmp::Ordering::Greater => row.cells[c] = value,
        }
    }
    flush(&mut row, sink);
    sink.end_sheet();
    Ok(())
}

/// A cell longer than [`MAX_CELL_BYTES`] in sheet `name`.
pub(super) fn long_cell(name: &str, row: u32, col: usize) -> IngestError {
    IngestError::LongCell { sheet: Some(name.to_string()), row, col: col as u32 }
}

/// The cells made from a workbook's shared strings, by the strings'
/// addresses (stable while the workbook is open).
pub(super) type SharedCells = HashMap<(usize, usize), Cell, std::hash::BuildHasherDefault<AddressHasher>>;

/// Hashes addresses: a multiply, as they are not chosen by the file.
#[derive(Default)]
pub(super) struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// Why an xlsx sheet could not be streamed.
pub(super) enum SheetError {
    Calamine(calamine::XlsxError),
    Refused(IngestError),
}

impl From<calamine::XlsxError> for SheetError {
    fn from(e: calamine::XlsxError) -> Self {
        SheetError::Calamine(e)
    }
}
