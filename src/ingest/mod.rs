//! Stage 1: files → sheets → rows of raw cell values.
//!
//! [`find_files`] finds every spreadsheet under a folder; [`stream_file`]
//! checks each before any parser sees it (size, zip structure, declared
//! sheet dimensions), reads it with calamine (or the `csv` crate), and gives
//! its sheets row by row, as [`Cell`]s, to a [`SheetSink`] (the tables
//! stage). A file that cannot be read is one located error; the other files
//! are still read.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{NaiveDateTime, NaiveTime};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::diag::Location;
use crate::text::Text;

mod archive;
pub mod biff12;
mod cells;
mod csv;
mod guard;
mod preflight;
pub mod settle;
mod workbook;

use archive::preflight_zip;
pub use cells::{clean_text, format_number, text_cell};
use csv::read_csv;
use guard::{Guarded, panic_message, quietly};
use workbook::{FormulaErrors, read_workbook};

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

/// The error text of a cell holding a formula saved without its result
/// (see [`Cell::Error`]): its value is not known.
pub const FORMULA_WITHOUT_VALUE: &str = "=?";

/// The spreadsheet formats read.
pub const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xlsb", "xls", "ods", "csv"];

/// Why one file could not be read. Each becomes one located error.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read from disk.
    #[error("cannot read the file: {}", crate::words::io_words(.0))]
    Io(#[from] std::io::Error),
    /// Not a regular file: a named pipe, a device, a socket.
    #[error("`{name}` is {what}, not a file; only spreadsheet files are read")]
    NotAFile { name: String, what: &'static str },
    /// A zip-based workbook without its end (empty, or cut off by a copy).
    #[error("`{name}` is not a complete {format} file (empty or cut off); if it is still being copied, wait for the copy to finish")]
    Incomplete { name: String, format: &'static str },
    /// One cell holds more than [`MAX_CELL_BYTES`].
    #[error("this cell holds more than {} bytes of text, the most one cell may hold; the file was not read", crate::words::thousands(MAX_CELL_BYTES as i64))]
    LongCell { sheet: Option<String>, row: u32, col: u32 },
    /// A row spans more than [`MAX_COLUMNS`] columns.
    #[error("this row has more than {} columns, the most a sheet can have; the file was not read", crate::words::thousands(MAX_COLUMNS as i64))]
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
    #[error("sheet `{sheet}` spans {range} ({} cells), more than the limit of {} cells", crate::words::thousands(*cells as i64), crate::words::thousands(*limit as i64))]
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
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Receives a file's sheets as they are read, one row at a time, so that no
/// sheet need be held whole (the tables stage consumes them as they come,
/// see [`crate::tables::read_folder`]).
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

/// Reads the file at `path` (shown as `display`), giving its sheets to
/// `sink` row by row.
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
    let source = SourceFile { file: display.to_string(), bytes: bytes.len() as u64, sha256: hex(&Sha256::digest(&bytes)) };
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

/// Reads a file's bytes, given its extension, giving its sheets to `sink`
/// row by row.
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
        // Our own bug: panics again, outside the guard, so that it is told.
        Err(payload) if guarded.panicked => panic!("internal error while reading `{display}`: {}", panic_message(&*payload)),
        Err(payload) => Err(IngestError::Crashed { detail: panic_message(&*payload) }),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
