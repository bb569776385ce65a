//! Stage 1: files → sheets → rows of raw cell values.
//!
//! [`read_folder`] finds every spreadsheet under a folder, checks it before
//! any parser sees it (size, zip structure, declared sheet dimensions), reads
//! it with calamine (or the `csv` crate), and returns its sheets as rows of
//! [`Cell`]s. A file that cannot be read is one located error; the other files
//! are still read.

use std::collections::HashMap;
use std::fs;
use std::io::{Cursor, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostics, Location};
use crate::text::Text;

pub mod biff12;
mod preflight;

/// The largest input file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes a spreadsheet's zip may inflate to, in total.
pub const MAX_INFLATED_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The highest compression ratio accepted for one zip entry of any size
/// above [`RATIO_CHECK_BYTES`].
pub const MAX_RATIO: u64 = 200;
/// Entries smaller than this inflated size skip the ratio check.
pub const RATIO_CHECK_BYTES: u64 = 16 * 1024 * 1024;
/// The most cells a sheet may declare (rows × columns of its dimension).
pub const MAX_SHEET_CELLS: u64 = 50_000_000;

/// The longest cell read, in bytes of text (Excel's own limit is 32,767
/// characters). A longer cell is a located error and the file is not read.
pub const MAX_CELL_BYTES: usize = 32 * 1024;
/// The most columns a row may span (Excel's own limit, column `XFD`).
pub const MAX_COLUMNS: usize = 16_384;

/// The spreadsheet formats read.
pub const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];

/// Why one file could not be read. Each becomes one located error.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read from disk.
    #[error("cannot read the file: {}", crate::output::io_words(.0))]
    Io(#[from] std::io::Error),
    /// Not a regular file: a named pipe, a device, a socket.
    #[error("`{name}` is {what}, not a file; only spreadsheet files are read")]
    NotAFile { name: String, what: &'static str },
    /// A zip-based workbook without its end (empty, or cut off by a copy).
    #[error("`{name}` is not a complete {format} file (empty or cut off); if it is still being copied, wait for the copy to finish")]
    Incomplete { name: String, format: &'static str },
    /// One cell holds more than [`MAX_CELL_BYTES`].
    #[error("this cell holds more than {} bytes of text, the most one cell may hold; the file was not read", crate::render::thousands(MAX_CELL_BYTES as i64))]
    LongCell { sheet: Option<String>, row: u32, col: u32 },
    /// A row spans more than [`MAX_COLUMNS`] columns.
    #[error("this row has more than {} columns, the most a sheet can have; the file was not read", crate::render::thousands(MAX_COLUMNS as i64))]
    WideRow { sheet: Option<String>, row: u32 },
    /// The file is bigger than [`MAX_FILE_BYTES`].
    #[error("the file is {size} bytes, more than the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    /// The file is encrypted.
    #[error("the workbook is password-protected; remove the password (File › Info › Protect Workbook in Excel) and save it again")]
    Password,
    /// The zip inflates to too much, or at too high a ratio.
    #[error("the file inflates to {inflated} bytes from {compressed} (a zip bomb or a damaged file); it was not opened")]
    ZipBomb { inflated: u64, compressed: u64 },
    /// A sheet declares more cells than [`MAX_SHEET_CELLS`].
    #[error("sheet `{sheet}` spans {range} ({} cells), more than the limit of {} cells", crate::render::thousands(*cells as i64), crate::render::thousands(*limit as i64))]
    HugeSheet { sheet: String, range: String, cells: u64, limit: u64 },
    /// The shared-string table claims more strings than its bytes could hold.
    #[error("the shared-string table claims {count} strings in {bytes} bytes; the file is damaged")]
    AbsurdStrings { count: u64, bytes: u64 },
    /// The spreadsheet library could not parse the file.
    #[error("not a readable {format} file: {detail}")]
    Corrupt { format: &'static str, detail: String },
    /// The parser failed badly on a damaged file.
    #[error("the file is damaged and could not be read ({detail})")]
    Crashed { detail: String },
    /// A CSV was neither UTF-8 nor plausibly Windows-1252.
    #[error("the CSV is not UTF-8 text; save it from Excel as \"CSV UTF-8\"")]
    Encoding,
}

impl IngestError {
    /// Where the error is: the file, or the cell or row at fault in it.
    pub fn location(&self, file: &str) -> Location {
        match self {
            IngestError::LongCell { sheet, row, col, .. } => Location::in_sheet(file, sheet.as_deref()).at_cell(*row, *col),
            IngestError::WideRow { sheet, row } => Location::in_sheet(file, sheet.as_deref()).at_row(row + 1),
            _ => Location::file(file),
        }
    }
}

/// A file's name, for messages.
fn file_name(path: &str) -> String {
    let name = Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned());
    crate::diag::shown(&name).into_owned()
}

/// One cell value as read, before any typing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Cell {
    /// No value.
    Empty,
    /// Text, trimmed, with control characters and byte-order marks removed.
    Text(Text),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A real date or date-time cell.
    DateTime(NaiveDateTime),
    /// A real time-of-day cell.
    Time(NaiveTime),
    /// An error cell such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the text a person would see, for messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.to_string(),
            Cell::Number(n) => format_number(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::DateTime(dt) => {
                if dt.time() == NaiveTime::MIN {
                    dt.date().to_string()
                } else {
                    dt.to_string()
                }
            }
            Cell::Time(t) => t.format("%H:%M").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// Prints a number without a needless `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// One row of a sheet: its zero-based row index and its cells from column
/// [`RawSheet::first_col`] on.
#[derive(Debug, Clone, Serialize)]
pub struct RawRow {
    /// Zero-based row index in the sheet.
    pub index: u32,
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

/// One sheet (or one CSV file) as rows of cells.
#[derive(Debug, Clone, Serialize)]
pub struct RawSheet {
    /// The file, as displayed in messages.
    pub file: String,
    /// The sheet name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The zero-based column index of the first cell of each row.
    pub first_col: u32,
    /// The non-empty rows, top to bottom.
    pub rows: Vec<RawRow>,
}

impl RawSheet {
    /// The location of the whole sheet.
    pub fn location(&self) -> Location {
        Location::in_sheet(&self.file, self.sheet.as_deref())
    }

    /// The location of one cell, from a row index and a position in the row.
    pub fn cell_location(&self, row: u32, pos: usize) -> Location {
        self.location().at_cell(row, self.first_col + pos as u32)
    }

    /// The name used to break classification ties: the sheet name, and the
    /// file name.
    pub fn names(&self) -> String {
        let stem = Path::new(&self.file).file_name().and_then(|s| s.to_str()).unwrap_or("");
        format!("{} {}", self.sheet.as_deref().unwrap_or(""), stem)
    }
}

/// A file that was read, for the "about the data" listing.
#[derive(Debug, Clone, Serialize)]
pub struct SourceFile {
    /// The file, as displayed.
    pub file: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
}

/// Everything read from an inputs folder.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Every sheet of every readable file, in file then sheet order.
    pub sheets: Vec<RawSheet>,
    /// Every readable file.
    pub files: Vec<SourceFile>,
    /// Problems found while reading.
    pub diagnostics: Diagnostics,
}

/// Lists the spreadsheet files under `dir`, recursively, sorted by path.
///
/// Lock files (`~$…`), hidden files and folders (`.…`) and other extensions
/// are skipped.
pub fn find_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let path = entry.path();
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(path);
            } else if is_spreadsheet(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Whether the path has one of the [`EXTENSIONS`].
pub fn is_spreadsheet(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads every spreadsheet under `dir`.
///
/// File names in messages are `dir` joined with the path below it, as the
/// user typed `dir`.
pub fn read_folder(dir: &Path) -> Ingested {
    read_folder_with(dir, &mut |_, _, _| {})
}

/// [`read_folder`], calling `progress(i, n, path)` before reading the
/// `i`-th (zero-based) of `n` files.
pub fn read_folder_with(dir: &Path, progress: &mut dyn FnMut(usize, usize, &Path)) -> Ingested {
    let mut out = Ingested::default();
    let files = match find_files(dir) {
        Ok(files) => files,
        Err(err) => {
            out.diagnostics.error(
                Location::file(dir.display().to_string()),
                format!("cannot read the inputs folder: {err}"),
            );
            return out;
        }
    };
    let count = files.len();
    for (i, path) in files.into_iter().enumerate() {
        progress(i, count, &path);
        let display = path.display().to_string();
        match read_file(&path, &display) {
            Ok((source, sheets)) => {
                out.files.push(source);
                out.sheets.extend(sheets);
            }
            Err(err) => out.diagnostics.error(err.location(&display), err.to_string()),
        }
    }
    out
}

/// Reads one file into its sheets.
pub fn read_file(path: &Path, display: &str) -> Result<(SourceFile, Vec<RawSheet>), IngestError> {
    let mut sheets = Collect::default();
    let source = stream_file(path, display, &mut sheets)?;
    Ok((source, sheets.0))
}

/// Reads a file's bytes, given its extension, into sheets.
pub fn read_bytes(ext: &str, bytes: Vec<u8>, display: &str) -> Result<Vec<RawSheet>, IngestError> {
    let mut sheets = Collect::default();
    stream_bytes(ext, bytes, display, &mut sheets)?;
    Ok(sheets.0)
}

/// Receives a file's sheets as they are read, one row at a time, so that no
/// sheet need be held whole ([`read_file`] collects them; the tables stage
/// consumes them as they come, see [`crate::tables::read_folder`]).
///
/// Each sheet is `start_sheet`, its non-empty rows top to bottom, then
/// `end_sheet`. When a file fails part-way, the calls stop (a sheet may be
/// left unended) and the error is returned: what was received from that
/// file is to be dropped.
pub trait SheetSink {
    /// A sheet begins. `first_col` is the zero-based column of the first cell
    /// of each of its rows.
    fn start_sheet(&mut self, file: &str, sheet: Option<&str>, first_col: u32);
    /// The next non-empty row of the current sheet.
    fn row(&mut self, row: RawRow);
    /// The current sheet is complete.
    fn end_sheet(&mut self);
    /// Whether hidden and very hidden sheets are to be read. When not, each
    /// is announced by [`Self::hidden_sheet`] instead.
    fn read_hidden(&self) -> bool {
        false
    }
    /// A hidden sheet (`very`: very hidden, which Excel's menus cannot show)
    /// that was not read.
    fn hidden_sheet(&mut self, _file: &str, _sheet: &str, _very: bool) {}
}

/// Collects whole sheets.
#[derive(Default)]
struct Collect(Vec<RawSheet>);

impl SheetSink for Collect {
    fn start_sheet(&mut self, file: &str, sheet: Option<&str>, first_col: u32) {
        self.0.push(RawSheet { file: file.to_string(), sheet: sheet.map(str::to_string), first_col, rows: Vec::new() });
    }

    fn row(&mut self, row: RawRow) {
        if let Some(sheet) = self.0.last_mut() {
            sheet.rows.push(row);
        }
    }

    fn end_sheet(&mut self) {}
}

/// [`read_file`], giving the sheets to `sink` row by row.
///
/// Only a regular file is opened (a named pipe would never end, a device
/// such as `/dev/zero` never ends either), and only after its size is
/// checked; no more than [`MAX_FILE_BYTES`] are read whatever it claims.
pub fn stream_file(path: &Path, display: &str, sink: &mut dyn SheetSink) -> Result<SourceFile, IngestError> {
    let not_a_file = |meta: &fs::Metadata| IngestError::NotAFile { name: file_name(display), what: kind_of(meta) };
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_a_file(&meta));
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge { size, limit: MAX_FILE_BYTES });
    }
    let file = fs::File::open(path)?;
    // The file opened may not be the one looked at (replaced meanwhile).
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(not_a_file(&opened));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge { size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    let source = SourceFile {
        file: display.to_string(),
        bytes: bytes.len() as u64,
        sha256: hex(&Sha256::digest(&bytes)),
    };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    stream_bytes(&ext, bytes, display, sink)?;
    Ok(source)
}

/// What a path that is not a regular file is, in words.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// [`read_bytes`], giving the sheets to `sink` row by row.
pub fn stream_bytes(ext: &str, bytes: Vec<u8>, display: &str, sink: &mut dyn SheetSink) -> Result<(), IngestError> {
    if ext == "csv" {
        return read_csv(&bytes, display, sink);
    }
    let zipped = matches!(ext, "xlsx" | "xlsm" | "xlsb" | "ods");
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && zipped {
        // An OLE container where a zip is expected: Office's encryption.
        return Err(IngestError::Password);
    }
    let formula_errors = if zipped { preflight_zip(&bytes, ext, display)? } else { FormulaErrors::new() };
    // calamine trusts its input; a damaged file must not take the process
    // down. A panic of the sink's own is not the file's fault: it goes on.
    let mut guarded = Guarded { sink, panicked: false };
    let result = quietly(|| read_workbook(ext, bytes, display, &formula_errors, &mut guarded));
    match result {
        Ok(inner) => inner,
        Err(payload) if guarded.panicked => {
            eprintln!("internal error while reading `{display}`: {}", panic_message(&*payload));
            panic::resume_unwind(payload)
        }
        Err(payload) => Err(IngestError::Crashed { detail: panic_message(&*payload) }),
    }
}

/// Runs `f`, catching a panic without printing it. Files may be read on
/// several threads at once: the panic hook is wrapped once, and stays quiet
/// only on a thread inside `quietly`.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result
}

/// A sink whose panics are told apart from the parser's.
struct Guarded<'a> {
    sink: &'a mut dyn SheetSink,
    panicked: bool,
}

impl Guarded<'_> {
    fn call(&mut self, f: impl FnOnce(&mut dyn SheetSink)) {
        if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| f(&mut *self.sink))) {
            self.panicked = true;
            panic::resume_unwind(payload);
        }
    }
}

impl SheetSink for Guarded<'_> {
    fn start_sheet(&mut self, file: &str, sheet: Option<&str>, first_col: u32) {
        self.call(|s| s.start_sheet(file, sheet, first_col));
    }

    fn row(&mut self, row: RawRow) {
        self.call(|s| s.row(row));
    }

    fn end_sheet(&mut self) {
        self.call(|s| s.end_sheet());
    }

    fn read_hidden(&self) -> bool {
        self.sink.read_hidden()
    }

    fn hidden_sheet(&mut self, file: &str, sheet: &str, very: bool) {
        self.call(|s| s.hidden_sheet(file, sheet, very));
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal parser failure".to_string())
}

/// The formulas whose result is an error, by sheet name, that calamine does
/// not read (see [`preflight::xlsb_sheet`]): (row, column, error text).
type FormulaErrors = HashMap<String, Vec<(u32, u32, String)>>;

fn read_workbook(
    ext: &str,
    bytes: Vec<u8>,
    display: &str,
    formula_errors: &FormulaErrors,
    sink: &mut dyn SheetSink,
) -> Result<(), IngestError> {
    use calamine::{Ods, Xls, Xlsb, Xlsx, open_workbook_from_rs};
    let cursor = Cursor::new(bytes);
    let format = match ext {
        "xls" => "Excel 97-2003 (.xls)",
        "xlsb" => "Excel binary (.xlsb)",
        "ods" => "OpenDocument (.ods)",
        _ => "Excel (.xlsx)",
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
    let mut inline = Interner::default();
    for name in book.sheet_names() {
        if let Some(&very) = hidden.get(&name)
            && !sink.read_hidden()
        {
            sink.hidden_sheet(display, &name, very);
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
        if let Some((r, c, _)) = range.cells().find(|(_, _, d)| matches!(d, Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) if s.len() > MAX_CELL_BYTES)) {
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
fn send_with_errors(
    display: &str,
    name: &str,
    first_col: Option<u32>,
    rows: impl Iterator<Item = (u32, Vec<Cell>)>,
    errors: &[(u32, u32, String)],
    sink: &mut dyn SheetSink,
) {
    let start = errors.iter().map(|e| e.1).chain(first_col).min().unwrap_or(0);
    let shift = first_col.map_or(0, |first| (first - start) as usize);
    let mut sheet: std::collections::BTreeMap<u32, Vec<Cell>> = rows
        .map(|(index, cells)| (index, std::iter::repeat_n(Cell::Empty, shift).chain(cells).collect()))
        .collect();
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
fn stream_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
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
    while let Some(cell) = cells.next_cell()? {
        let value = cell.get_value();
        if matches!(value, calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
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
                inline.cell(s)
            }
            other => convert_ref(other),
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
fn long_cell(name: &str, row: u32, col: usize) -> IngestError {
    IngestError::LongCell { sheet: Some(name.to_string()), row, col: col as u32 }
}

/// The cells made from a workbook's shared strings, by the strings'
/// addresses (stable while the workbook is open).
type SharedCells = HashMap<(usize, usize), Cell, std::hash::BuildHasherDefault<AddressHasher>>;

/// Hashes addresses: a multiply, as they are not chosen by the file.
#[derive(Default)]
struct AddressHasher(u64);

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
enum SheetError {
    Calamine(calamine::XlsxError),
    Refused(IngestError),
}

impl From<calamine::XlsxError> for SheetError {
    fn from(e: calamine::XlsxError) -> Self {
        SheetError::Calamine(e)
    }
}

/// Converts one calamine value, as read by the xlsx cell reader.
fn convert_ref(data: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match data {
        DataRef::SharedString(s) => text_cell(s),
        DataRef::String(s) => text_cell(s),
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => convert(&Data::DateTime(*dt)),
        DataRef::DateTimeIso(s) => parse_iso(s).unwrap_or_else(|| text_cell(s)),
        DataRef::DurationIso(s) => parse_iso_duration(s).map(Cell::Time).unwrap_or_else(|| text_cell(s)),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Converts one calamine value.
fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::String(s) => text_cell(s),
        Data::DateTime(dt) => {
            if dt.as_f64() < 1.0 && dt.as_f64() >= 0.0 {
                match dt.as_datetime() {
                    Some(v) => Cell::Time(v.time()),
                    None => Cell::Number(dt.as_f64()),
                }
            } else {
                dt.as_datetime().map(Cell::DateTime).unwrap_or(Cell::Number(dt.as_f64()))
            }
        }
        Data::DateTimeIso(s) => parse_iso(s).unwrap_or_else(|| text_cell(s)),
        Data::DurationIso(s) => parse_iso_duration(s).map(Cell::Time).unwrap_or_else(|| text_cell(s)),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A text cell, cleaned; empty text is [`Cell::Empty`]. Error texts such as
/// `#DIV/0!` (how some ODS files store error cells) become [`Cell::Error`].
pub fn text_cell(s: &str) -> Cell {
    let cleaned = clean_text(s);
    if cleaned.is_empty() {
        Cell::Empty
    } else if is_error_text(&cleaned) {
        Cell::Error(cleaned)
    } else {
        Cell::Text(Text::from(cleaned))
    }
}

/// The spreadsheet error values, as text.
const ERROR_TEXTS: [&str; 8] = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"];

fn is_error_text(s: &str) -> bool {
    ERROR_TEXTS.contains(&s) || s.starts_with("Err:") && s[4..].chars().all(|c| c.is_ascii_digit())
}

/// Trims text and removes control characters and byte-order marks.
/// Line breaks and tabs inside a cell become single spaces.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c == '\u{FEFF}' || (c.is_control() && !c.is_whitespace()) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

fn parse_iso(s: &str) -> Option<Cell> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Cell::DateTime(d.and_time(NaiveTime::MIN)));
    }
    let s = s.trim_end_matches('Z');
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(Cell::DateTime)
}

/// Parses an ISO-8601 duration of under a day, `PT10H30M00S`, as a time.
fn parse_iso_duration(s: &str) -> Option<NaiveTime> {
    let rest = s.strip_prefix("PT")?;
    let (mut h, mut m, mut sec) = (0u32, 0u32, 0f64);
    let mut num = String::new();
    for c in rest.chars() {
        match c {
            'H' => h = num.parse().ok()?,
            'M' => m = num.parse().ok()?,
            'S' => sec = num.parse().ok()?,
            _ => {
                num.push(c);
                continue;
            }
        }
        num.clear();
    }
    NaiveTime::from_hms_opt(h, m, sec as u32)
}

/// Reads a CSV file: UTF-8 (a byte-order mark is dropped) or, failing that,
/// Windows-1252 as Excel's plain "CSV" save writes it.
///
/// Field by field into a buffer of fixed size, so that neither a huge cell
/// nor a huge row is ever held: a cell longer than [`MAX_CELL_BYTES`] or a
/// row wider than [`MAX_COLUMNS`] stops the file with a located error.
fn read_csv(bytes: &[u8], display: &str, sink: &mut dyn SheetSink) -> Result<(), IngestError> {
    use csv_core::ReadFieldResult;
    let text = decode_csv(bytes)?;
    let input = text.as_bytes();
    let mut reader = csv_core::Reader::new();
    let mut field = vec![0u8; MAX_CELL_BYTES];
    let mut len = 0;
    let mut at = 0;
    // Each distinct value is cleaned once and shared, as an xlsx's shared strings are.
    let mut interner = Interner::default();
    let mut cells: Vec<Cell> = Vec::new();
    let mut record = 0u32;
    sink.start_sheet(display, None, 0);
    loop {
        // The input is whole: once it is used up, the empty rest ends it.
        let (result, used, written) = reader.read_field(&input[at..], &mut field[len..]);
        at += used;
        len += written;
        match result {
            ReadFieldResult::InputEmpty => {}
            ReadFieldResult::OutputFull => {
                return Err(IngestError::LongCell { sheet: None, row: record, col: cells.len() as u32 });
            }
            ReadFieldResult::Field { record_end } => {
                if cells.len() == MAX_COLUMNS {
                    return Err(IngestError::WideRow { sheet: None, row: record });
                }
                cells.push(interner.cell(&String::from_utf8_lossy(&field[..len])));
                len = 0;
                if record_end {
                    while cells.last().is_some_and(Cell::is_empty) {
                        cells.pop();
                    }
                    if !cells.is_empty() {
                        let width = cells.len();
                        sink.row(RawRow { index: record, cells: std::mem::replace(&mut cells, Vec::with_capacity(width)) });
                    }
                    record += 1;
                }
            }
            ReadFieldResult::End => break,
        }
    }
    sink.end_sheet();
    Ok(())
}

/// Cells made from text, each distinct short text cleaned once and shared
/// (up to a bound: a file of all-different values keeps no more than
/// [`Interner::MAX`]).
#[derive(Default)]
struct Interner {
    cells: HashMap<Box<str>, Cell, foldhash::fast::RandomState>,
}

impl Interner {
    /// The most texts kept.
    const MAX: usize = 1 << 16;
    /// Longer texts are not kept: they are seldom repeated.
    const LONGEST: usize = 256;

    fn cell(&mut self, text: &str) -> Cell {
        if text.len() > Self::LONGEST {
            return text_cell(text);
        }
        if let Some(cell) = self.cells.get(text) {
            return cell.clone();
        }
        let cell = text_cell(text);
        if self.cells.len() < Self::MAX {
            self.cells.insert(text.into(), cell.clone());
        }
        cell
    }
}

fn decode_csv(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(std::borrow::Cow::Borrowed(s));
    }
    if bytes.contains(&0) {
        // UTF-16 or binary: not a CSV we can read.
        return Err(IngestError::Encoding);
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(text)
}

/// Checks a zip-based spreadsheet before a parser sees it: the inflated sizes
/// from the central directory, the compression ratio, each worksheet's
/// declared dimension and the shared-string count.
fn preflight_zip(bytes: &[u8], ext: &str, display: &str) -> Result<FormulaErrors, IngestError> {
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        // Empty, or a zip's start without its end (its central directory):
        // cut off, as by a copy still going or one that failed.
        Err(e) if bytes.is_empty() || (bytes.starts_with(b"PK\x03\x04") && e.to_string().contains("Could not find EOCD")) => {
            let format = match ext {
                "ods" => "OpenDocument spreadsheet",
                "xlsb" => "Excel binary",
                _ => "Excel",
            };
            return Err(IngestError::Incomplete { name: file_name(display), format });
        }
        Err(e) => {
            return Err(IngestError::Corrupt { format: "spreadsheet (zip)", detail: e.to_string() });
        }
    };
    let mut inflated = 0u64;
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| IngestError::Corrupt {
            format: "spreadsheet (zip)",
            detail: e.to_string(),
        })?;
        let size = entry.size();
        let compressed = entry.compressed_size().max(1);
        inflated = inflated.saturating_add(size);
        if size > RATIO_CHECK_BYTES && size / compressed > MAX_RATIO {
            return Err(IngestError::ZipBomb { inflated: size, compressed });
        }
        names.push((entry.name().map(|n| n.to_string()).unwrap_or_default(), size));
    }
    if inflated > MAX_INFLATED_BYTES {
        return Err(IngestError::ZipBomb { inflated, compressed: bytes.len() as u64 });
    }
    // Tab names, read from the workbook part when first needed.
    let mut tabs = None;
    for (name, size) in &names {
        let size = *size;
        let is_sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let is_strings = name == "xl/sharedStrings.xml";
        if !is_sheet && !is_strings {
            continue;
        }
        let head = read_head(&mut archive, name, 4096);
        if is_sheet {
            if let Some(range) = attr_after(&head, "<dimension", "ref") {
                let cells = range_cells(&range);
                if cells > MAX_SHEET_CELLS {
                    let sheet = tab_name(&mut archive, &mut tabs, name);
                    return Err(IngestError::HugeSheet { sheet, range, cells, limit: MAX_SHEET_CELLS });
                }
            }
        } else if let Some(count) = attr_after(&head, "<sst", "uniqueCount").and_then(|c| c.parse::<u64>().ok()) {
            // Every shared string takes at least `<si><t/></si>` (12 bytes).
            if count > size / 12 + 16 {
                return Err(IngestError::AbsurdStrings { count, bytes: size });
            }
        }
    }
    // The extent of every xlsb sheet's and ods table's cells, whatever they
    // declare (see `preflight`), and the xlsb formula errors. An xlsx sheet is
    // streamed, never allocated as a box: its extent is measured as it is
    // read (see `stream_xlsx_sheet`).
    let mut formula_errors = FormulaErrors::new();
    for (name, _) in &names {
        if name.starts_with("xl/worksheets/") && name.ends_with(".bin") {
            let sheet = tab_name(&mut archive, &mut tabs, name);
            let Ok(entry) = archive.by_name(name) else { continue };
            let errors = preflight::xlsb_sheet(entry, &sheet)?;
            if !errors.is_empty() {
                formula_errors.insert(sheet, errors);
            }
        } else if name == "content.xml" {
            let Ok(entry) = archive.by_name(name) else { continue };
            preflight::ods_content(entry)?;
        }
    }
    Ok(formula_errors)
}

/// The tab name of a worksheet part (`xl/worksheets/sheet2.xml` → `Huge`),
/// else the part's own name (`sheet2`). The names are read from the
/// workbook part the first time one is asked for.
fn tab_name(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    tabs: &mut Option<HashMap<String, String>>,
    part: &str,
) -> String {
    let tabs = tabs.get_or_insert_with(|| preflight::sheet_names(archive));
    tabs.get(part).cloned().unwrap_or_else(|| {
        let file = part.rsplit('/').next().unwrap_or(part);
        file.rsplit_once('.').map_or(file, |(stem, _)| stem).to_string()
    })
}

fn read_head(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> String {
    let Ok(entry) = archive.by_name(name) else { return String::new() };
    let mut buf = Vec::new();
    let _ = entry.take(limit).read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The value of attribute `attr` in the first element starting with `tag`.
fn attr_after(xml: &str, tag: &str, attr: &str) -> Option<String> {
    let start = xml.find(tag)?;
    let end = xml[start..].find('>')? + start;
    let element = &xml[start..end];
    let key = format!("{attr}=\"");
    let at = element.find(&key)? + key.len();
    let len = element[at..].find('"')?;
    Some(element[at..at + len].to_string())
}

/// The number of cells in an A1 range such as `A1:XFD1048576`.
fn range_cells(range: &str) -> u64 {
    let parse = |r: &str| -> Option<(u64, u64)> {
        let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let digits = &r[letters.len()..];
        let col = letters.bytes().fold(0u64, |acc, b| acc * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u64);
        Some((digits.parse().ok()?, col))
    };
    let mut parts = range.split(':');
    let (Some(a), Some(b)) = (parts.next().and_then(parse), parts.next().and_then(parse)) else { return 1 };
    (b.0.abs_diff(a.0) + 1).saturating_mul(b.1.abs_diff(a.1) + 1)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_text() {
        assert_eq!(clean_text("\u{FEFF}  Glengarry\u{0007} Court \n "), "Glengarry Court");
        assert_eq!(clean_text("a\r\nb"), "a b");
    }

    #[test]
    fn error_texts() {
        assert_eq!(text_cell("#DIV/0!"), Cell::Error("#DIV/0!".into()));
        assert_eq!(text_cell("Err:502"), Cell::Error("Err:502".into()));
        assert_eq!(text_cell(" x "), Cell::Text("x".into()));
    }

    #[test]
    fn ranges() {
        assert_eq!(range_cells("A1:XFD1048576"), 16384 * 1048576);
        assert_eq!(range_cells("B2:C3"), 4);
        assert_eq!(range_cells("A1"), 1);
    }

    #[test]
    fn durations() {
        assert_eq!(parse_iso_duration("PT10H30M00S"), NaiveTime::from_hms_opt(10, 30, 0));
    }

    #[test]
    fn windows_1252_csv() {
        let text = decode_csv(b"Municipality\nSainte-Th\xe9r\xe8se\n").unwrap();
        assert!(text.contains("Sainte-Thérèse"));
    }
}
