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
mod cfb;
mod csv;
mod guard;
mod mend;
mod preflight;
pub mod settle;
mod workbook;
mod xls;

use archive::preflight_zip;
pub use cells::{clean_text, format_number, text_cell};
use csv::read_csv;
use guard::{Guarded, panic_message, quietly};
use workbook::{FormulaErrors, Held, read_workbook};
pub use xls::{MAX_SPARSE_BLOCK, MAX_SPREAD};

/// The largest input file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes a spreadsheet's zip may inflate to, in total.
pub const MAX_INFLATED_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The highest compression ratio accepted for one zip entry of any size
/// above [`RATIO_CHECK_BYTES`].
pub const MAX_RATIO: u64 = 200;
/// Entries smaller than this inflated size skip the ratio check.
pub const RATIO_CHECK_BYTES: u64 = 16 * 1024 * 1024;
/// The same, for a part read as a stream of cells (a worksheet): its memory
/// follows its cells, not its bytes, so only a huge one at a bomb's ratio is
/// refused (a legitimate sheet of repetitive XML can pass 200:1).
pub const STREAMED_RATIO_CHECK_BYTES: u64 = 1024 * 1024 * 1024;
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

/// What kind of failure stopped a file, each with its plain words and what
/// to do (see [`IngestError::kind`]): every way reading a file can fail is
/// one of these, and a library's own text is kept apart, as the
/// diagnostic's `detail` (shown with `--verbose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// The file is damaged, cut off or not what its format says inside:
    /// open it in Excel and save it again.
    Damaged,
    /// The file is encrypted (a password to open it): remove the password.
    PasswordProtected,
    /// The file is not a spreadsheet (a text file, a Word document…).
    NotASpreadsheet,
    /// The file, a sheet, a row or a cell is over a limit, named in the
    /// message.
    TooLarge,
    /// A format, or a part of a workbook, this tool does not read. A part is
    /// skipped with a note and the rest is read.
    Unsupported,
    /// The file could not be read from disk, or is not a regular file.
    Unreadable,
}

impl FailureKind {
    /// Every kind, in order.
    pub const ALL: [FailureKind; 6] = [
        FailureKind::Damaged,
        FailureKind::PasswordProtected,
        FailureKind::NotASpreadsheet,
        FailureKind::TooLarge,
        FailureKind::Unsupported,
        FailureKind::Unreadable,
    ];

    /// The kind in a few words.
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::Damaged => "damaged",
            FailureKind::PasswordProtected => "password-protected",
            FailureKind::NotASpreadsheet => "not a spreadsheet",
            FailureKind::TooLarge => "too large",
            FailureKind::Unsupported => "unsupported",
            FailureKind::Unreadable => "unreadable",
        }
    }
}

/// What to do about a damaged file.
const RESAVE: &str = "open it in Excel (or LibreOffice Calc) and save it again";

/// The `.xls` format, as messages name it.
pub(crate) const XLS: &str = "an Excel 97-2003 workbook (.xls)";

/// Why one file could not be read. Each becomes one located error, in plain
/// words with what to do; [`IngestError::kind`] says which kind of failure
/// it is, and [`IngestError::detail`] keeps a library's own text.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read from disk.
    #[error("cannot read the file: {}", crate::words::io_words(.0))]
    Io(#[from] std::io::Error),
    /// Not a regular file: a named pipe, a device, a socket.
    #[error("`{name}` is {what}, not a file; only spreadsheet files are read")]
    NotAFile { name: String, what: &'static str },
    /// A zip-based workbook without its end (empty, or cut off by a copy).
    #[error(
        "`{name}` is not a complete {format} file (empty or cut off); if it is still being copied, wait for the copy to finish, else {RESAVE}"
    )]
    Incomplete { name: String, format: &'static str },
    /// One cell holds more than [`MAX_CELL_BYTES`].
    #[error("this cell holds more than {} bytes of text, the most one cell may hold; the file was not read: shorten the cell", crate::words::thousands(MAX_CELL_BYTES as i64))]
    LongCell { sheet: Option<String>, row: u32, col: u32 },
    /// A row spans more than [`MAX_COLUMNS`] columns.
    #[error("this row has more than {} columns, the most a sheet can have; the file was not read", crate::words::thousands(MAX_COLUMNS as i64))]
    WideRow { sheet: Option<String>, row: u32 },
    /// The file is bigger than [`MAX_FILE_BYTES`].
    #[error("the file is {} bytes, more than the limit of {} bytes; split it into smaller files (for example one per year)", crate::words::thousands(*size as i64), crate::words::thousands(*limit as i64))]
    TooLarge { size: u64, limit: u64 },
    /// The file is encrypted: an `.xls` with a FILEPASS record (XOR, RC4 or
    /// CryptoAPI), an `.xlsx` in an encrypted OLE envelope (standard or
    /// agile encryption), an `.ods` whose manifest has encryption data.
    #[error(
        "the workbook is password-protected (encrypted), so it cannot be read; remove the password (Excel: File › Info › Protect Workbook › Encrypt with Password, then clear it; LibreOffice: File › Save As without \"Save with password\") and save it again"
    )]
    Password,
    /// The zip inflates to too much, or at too high a ratio.
    #[error("the file would inflate to {} bytes from {} (a zip bomb, or a damaged file); the limits are {} bytes in all and, for a part read whole, {MAX_RATIO} times its packed size; it was not opened", crate::words::thousands(*inflated as i64), crate::words::thousands(*compressed as i64), crate::words::thousands(MAX_INFLATED_BYTES as i64))]
    ZipBomb { inflated: u64, compressed: u64 },
    /// A sheet's cells span more than [`MAX_SHEET_CELLS`].
    #[error("sheet `{sheet}` spans {range} ({} cells), more than the limit of {} cells; split it into several sheets or files", crate::words::thousands(*cells as i64), crate::words::thousands(*limit as i64))]
    HugeSheet { sheet: String, range: String, cells: u64, limit: u64 },
    /// An `.xls` sheet with few cells spread far apart: calamine reads an
    /// `.xls` sheet as one block from its first to its last cell.
    #[error("sheet `{sheet}` has {} cells spread over {range} ({} cells); an .xls sheet is read as one block, and a block this empty is refused above {} cells; open the file in Excel and save it as .xlsx (read cell by cell), or delete the far-off cells", crate::words::thousands(*present as i64), crate::words::thousands(*block as i64), crate::words::thousands(*limit as i64))]
    SparseSheet { sheet: String, range: String, present: u64, block: u64, limit: u64 },
    /// The shared-string table claims more strings than its bytes could hold.
    #[error("the file is damaged: its shared-string table claims {count} strings in {bytes} bytes; {RESAVE}")]
    AbsurdStrings { count: u64, bytes: u64 },
    /// The spreadsheet library could not parse the file.
    #[error("the file is damaged and cannot be read as {format}; {RESAVE}")]
    Corrupt { format: &'static str, detail: String },
    /// The parser failed badly on a damaged file.
    #[error("the file is damaged and could not be read; {RESAVE}")]
    Crashed { detail: String },
    /// The file is not a spreadsheet at all, whatever its name says.
    #[error("the file is not a spreadsheet: it is {what}; move it out of the inputs folder, or open it in Excel and save it as .xlsx")]
    NotASpreadsheet { what: String },
    /// A format too old to read (Excel 2.x to 4.x).
    #[error("the file is {what}, a format this tool does not read; open it in Excel and save it as .xlsx")]
    OldFormat { what: &'static str },
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
            IngestError::HugeSheet { sheet, .. } | IngestError::SparseSheet { sheet, .. } => Location::sheet(file, sheet.clone()),
            _ => Location::file(file),
        }
    }

    /// Which kind of failure it is.
    pub fn kind(&self) -> FailureKind {
        match self {
            IngestError::Io(_) | IngestError::NotAFile { .. } => FailureKind::Unreadable,
            IngestError::Incomplete { .. }
            | IngestError::AbsurdStrings { .. }
            | IngestError::Corrupt { .. }
            | IngestError::Crashed { .. } => FailureKind::Damaged,
            IngestError::LongCell { .. }
            | IngestError::WideRow { .. }
            | IngestError::TooLarge { .. }
            | IngestError::ZipBomb { .. }
            | IngestError::HugeSheet { .. }
            | IngestError::SparseSheet { .. } => FailureKind::TooLarge,
            IngestError::Password => FailureKind::PasswordProtected,
            IngestError::NotASpreadsheet { .. } => FailureKind::NotASpreadsheet,
            IngestError::OldFormat { .. } | IngestError::Encoding => FailureKind::Unsupported,
        }
    }

    /// The library's own text (a parser's error, a panic message), for
    /// `--verbose`: never in the message itself.
    pub fn detail(&self) -> Option<String> {
        match self {
            IngestError::Io(e) => Some(e.to_string()),
            IngestError::Corrupt { detail, .. } | IngestError::Crashed { detail } => Some(detail.clone()),
            _ => None,
        }
    }

    /// The error as a diagnostic of the file `file`: its plain words, and
    /// the library's text as the detail.
    pub fn diagnostic(&self, file: &str) -> crate::diag::Diagnostic {
        crate::diag::Diagnostic {
            detail: self.detail(),
            ..crate::diag::Diagnostic::new(crate::diag::Severity::Error, crate::diag::Kind::Input, self.location(file), self.to_string())
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
    /// A sheet that is not a worksheet (an Excel 4 macro sheet, a Visual
    /// Basic module, a part of a kind not read) and was skipped; `why` says
    /// what it is. The file's other sheets are read.
    fn skipped_sheet(&mut self, _file: &str, _sheet: &str, _why: &str) {}
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
    (&file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(IngestError::TooLarge { size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    let source = SourceFile { file: display.to_string(), bytes: bytes.len() as u64, sha256: hex(&Sha256::digest(&bytes)) };
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    stream_held(&ext, bytes, Some(file), display, sink)?;
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
///
/// The format is told from the bytes, not only the name: an `.xls` that is
/// really an `.xlsx` (or the other way round) is read as what it is, a text
/// file or a Word document named `.xlsx` is "not a spreadsheet", an
/// encrypted one is "password-protected".
pub fn stream_bytes(ext: &str, bytes: Vec<u8>, display: &str, sink: &mut dyn SheetSink) -> Result<(), IngestError> {
    stream_held(ext, bytes, None, display, sink)
}

/// [`stream_bytes`], given also the opened file the bytes were read from:
/// once the bytes are checked, a zip workbook that needed no mending is
/// read from the file, and its bytes are let go before its rows are read.
fn stream_held(ext: &str, mut bytes: Vec<u8>, file: Option<fs::File>, display: &str, sink: &mut dyn SheetSink) -> Result<(), IngestError> {
    if ext == "csv" {
        return read_csv(&bytes, display, sink);
    }
    let format = sniff(ext, &bytes, display)?;
    // calamine trusts its input; a damaged file must not take the process
    // down (nor may a slip of the preflight). A panic of the sink's own is
    // not the file's fault: it goes on.
    let mut guarded = Guarded { sink, panicked: false };
    let result = quietly(|| {
        let (format, formula_errors) = if format == "xls" {
            xls::preflight_xls(&mut bytes)?;
            (format, FormulaErrors::new())
        } else {
            let checked = preflight_zip(&bytes, format, display)?;
            for (sheet, why) in &checked.skipped {
                guarded.skipped_sheet(display, sheet, why);
            }
            if let Some(mended) = checked.mended {
                bytes = mended;
            } else if let Some(mut file) = file {
                use std::io::Seek;
                file.rewind()?;
                drop(std::mem::take(&mut bytes));
                return read_workbook(
                    checked.format,
                    Held::File(std::io::BufReader::new(file)),
                    display,
                    &checked.formula_errors,
                    &mut guarded,
                );
            }
            (checked.format, checked.formula_errors)
        };
        read_workbook(format, Held::Bytes(std::io::Cursor::new(bytes)), display, &formula_errors, &mut guarded)
    });
    match result {
        Ok(inner) => inner,
        // Our own bug: panics again, outside the guard, so that it is told.
        Err(payload) if guarded.panicked => panic!("internal error while reading `{display}`: {}", panic_message(&*payload)),
        Err(payload) => Err(IngestError::Crashed { detail: panic_message(&*payload) }),
    }
}

/// What a file's bytes are: `xls` (an OLE compound file), or a zip format
/// (`xlsx`, `xlsb`, `ods`, as its name says; the preflight looks inside);
/// or why it cannot be read at all.
fn sniff(ext: &str, bytes: &[u8], display: &str) -> Result<&'static str, IngestError> {
    let named: &'static str = match ext {
        "xls" => "xls",
        "xlsb" => "xlsb",
        "ods" => "ods",
        _ => "xlsx",
    };
    if bytes.starts_with(&cfb::MAGIC) {
        if named != "xls" && cfb::Cfb::open(bytes).is_err() {
            // An OLE container where a zip is expected, too damaged to look
            // inside: most likely Office's encryption envelope.
            return Err(IngestError::Password);
        }
        return Ok("xls");
    }
    if bytes.starts_with(b"PK") {
        return Ok(if named == "xls" { "xlsx" } else { named });
    }
    if bytes.is_empty() {
        let format = match named {
            "ods" => "OpenDocument spreadsheet",
            "xlsb" => "Excel binary",
            "xls" => "Excel 97-2003",
            _ => "Excel",
        };
        return Err(IngestError::Incomplete { name: file_name(display), format });
    }
    // Excel 2.x to 4.x worksheets are a bare BIFF stream: a BOF record.
    if let [0x09, 0x00 | 0x02 | 0x04, len, 0, ..] = bytes
        && (4..=16).contains(len)
    {
        return Err(IngestError::OldFormat { what: "an Excel 2.x, 3.x or 4.x worksheet" });
    }
    if let Some(what) = text_kind(bytes) {
        if what == "an Excel 2003 XML spreadsheet" {
            return Err(IngestError::OldFormat { what });
        }
        return Err(IngestError::NotASpreadsheet { what: what.to_string() });
    }
    let format = match named {
        "xls" => XLS,
        "ods" => "an OpenDocument spreadsheet (.ods)",
        "xlsb" => "an Excel binary workbook (.xlsb)",
        _ => "an Excel workbook (.xlsx)",
    };
    Err(IngestError::Corrupt {
        format,
        detail: format!("the file starts with neither an OLE nor a zip signature: {:02x?}", &bytes[..bytes.len().min(8)]),
    })
}

/// What a file of text is, from its start, or `None` if it is not text.
fn text_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.contains(&0) {
        return None;
    }
    let text = match std::str::from_utf8(head) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        // Cut inside a character, or Windows-1252: text if mostly printable.
        Err(e) if e.valid_up_to() + 4 >= head.len() => String::from_utf8_lossy(head),
        Err(_) if head.iter().filter(|b| b.is_ascii_graphic() || b.is_ascii_whitespace()).count() * 10 >= head.len() * 9 => {
            String::from_utf8_lossy(head)
        }
        Err(_) => return None,
    };
    let lower = text.trim_start().to_ascii_lowercase();
    Some(if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        "an Excel 2003 XML spreadsheet"
    } else if lower.starts_with("<!doctype html") || lower.contains("<html") || lower.contains("<table") {
        "a web page (HTML) with a spreadsheet's name"
    } else if lower.starts_with('<') {
        "an XML file"
    } else if lower.starts_with("%pdf") {
        "a PDF document"
    } else {
        "a text file (perhaps a CSV file with a spreadsheet's name)"
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// A sink that keeps the sheets' names and the sheets skipped.
    #[derive(Default)]
    struct Names(Vec<String>);

    impl SheetSink for Names {
        fn start_sheet(&mut self, _: &str, sheet: Option<&str>, _: u32) {
            self.0.push(sheet.unwrap_or_default().to_string());
        }
        fn row(&mut self, _: RawRow) {}
        fn end_sheet(&mut self) {}
        fn skipped_sheet(&mut self, _: &str, sheet: &str, why: &str) {
            self.0.push(format!("{sheet} ({why})"));
        }
    }

    fn read(ext: &str, bytes: Vec<u8>) -> Result<Vec<String>, IngestError> {
        let mut names = Names::default();
        stream_bytes(ext, bytes, "x", &mut names).map(|()| names.0)
    }

    fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
        for (name, bytes) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn not_a_spreadsheet() {
        for (ext, bytes, words) in [
            ("xlsx", &b"Date,Event\n2025-06-19,BBQ\n"[..], "a text file"),
            ("xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "a web page"),
            ("xls", b"%PDF-1.7\n", "a PDF document"),
        ] {
            let err = read(ext, bytes.to_vec()).unwrap_err();
            assert_eq!(err.kind(), FailureKind::NotASpreadsheet, "{err}");
            assert!(err.to_string().contains(words), "{err}");
        }
        let docx = zip(&[("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]);
        let err = read("xlsx", docx).unwrap_err();
        assert!(err.to_string().contains("a Word document"), "{err}");
    }

    #[test]
    fn unsupported_formats() {
        // An Excel 4.0 worksheet: a bare BIFF4 stream (BOF 0x0409).
        let err = read("xls", vec![0x09, 0x04, 6, 0, 0, 0, 0x10, 0, 0, 0]).unwrap_err();
        assert_eq!(err.kind(), FailureKind::Unsupported);
        assert!(err.to_string().contains("save it as .xlsx"), "{err}");
        let xml = br#"<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>"#;
        assert_eq!(read("xls", xml.to_vec()).unwrap_err().kind(), FailureKind::Unsupported);
    }

    #[test]
    fn damaged_files_say_so_and_keep_the_library_words_as_detail() {
        // A compound file cut to its header.
        let mut ole = cfb::MAGIC.to_vec();
        ole.resize(600, 0);
        let err = read("xls", ole).unwrap_err();
        assert_eq!(err.kind(), FailureKind::Damaged);
        assert!(err.to_string().contains("open it in Excel (or LibreOffice Calc) and save it again"), "{err}");
        assert!(err.detail().is_some());
        let err = read("xlsx", vec![0x13, 0x37, 0xBE, 0xEF, 1, 2, 3, 0]).unwrap_err();
        assert_eq!(err.kind(), FailureKind::Damaged, "{err}");
    }

    #[test]
    fn an_encrypted_ods_is_password_protected() {
        let manifest = br#"<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>"#;
        let ods = zip(&[
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", b"\x8f\x01 encrypted bytes"),
        ]);
        assert_eq!(read("ods", ods).unwrap_err().kind(), FailureKind::PasswordProtected);
    }

    #[test]
    fn a_large_streamed_sheet_is_not_a_zip_bomb_but_a_large_shared_string_table_is() {
        let workbook = br#"<workbook xmlns:r="r"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let rels = br#"<Relationships><Relationship Id="rId1" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
        // 24 MiB, mostly blank: a ratio of about 1000 to 1.
        let mut sheet = b"<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>x</t></is></c></row>".to_vec();
        sheet.resize(24 << 20, b' ');
        sheet.extend_from_slice(b"</sheetData></worksheet>");
        let parts = [("xl/workbook.xml", &workbook[..]), ("xl/_rels/workbook.xml.rels", &rels[..]), ("xl/worksheets/sheet1.xml", &sheet)];
        let checked = archive::preflight_zip(&zip(&parts), "xlsx", "x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.format, "xlsx");
        let strings = [&parts[..2], &[("xl/sharedStrings.xml", &sheet[..])]].concat();
        let err = archive::preflight_zip(&zip(&strings), "xlsx", "x").err().unwrap();
        assert!(matches!(err, IngestError::ZipBomb { .. }), "{err}");
        assert_eq!(err.kind(), FailureKind::TooLarge);
    }

    #[test]
    fn every_kind_has_words() {
        for kind in FailureKind::ALL {
            assert!(!kind.name().is_empty());
        }
    }
}
