//! Sheets read into records as their rows arrive, so that no sheet is held
//! whole (see [`crate::ingest::SheetSink`]).
//!
//! A sheet's first rows are kept until its header is found (it must be in
//! the first [`HEADER_SEARCH_ROWS`]); after that each row becomes a record
//! as soon as it arrives, except while a date column's day/month order is
//! still open: a row whose date could read either way waits until a value
//! settles the order (or the sheet ends). A survey needs every answer to
//! tell a question's type, so its rows are kept, each distinct cell once.
//!
//! The records, located errors and their order are those of reading each
//! sheet whole: a column's date-order errors come before its rows' errors.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::*;
use crate::ingest::SheetSink;

/// The sheet being read: how messages name it, and the shared texts its
/// records cite.
pub(crate) struct SheetMeta {
    /// The file, as displayed.
    pub file: String,
    /// The sheet name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The zero-based column of the first cell of each row.
    pub first_col: u32,
    /// `file`, shared by every record of the sheet.
    pub file_text: Text,
    /// `sheet`, shared by every record of the sheet.
    pub sheet_text: Option<Text>,
}

impl SheetMeta {
    /// The location of the whole sheet.
    pub fn location(&self) -> Location {
        Location::in_sheet(&self.file, self.sheet.as_deref())
    }

    /// The location of one cell, from a row index and a position in the row.
    pub fn cell_location(&self, row: u32, pos: usize) -> Location {
        self.location().at_cell(row, self.first_col + pos as u32)
    }
}

/// Reads sheets into a [`Dataset`] row by row: the tables stage as an
/// [`ingest::SheetSink`](crate::ingest::SheetSink).
pub struct TableReader {
    options: ReadOptions,
    data: Dataset,
    diags: Diagnostics,
    texts: Texts,
    sheet: Option<SheetState>,
}

struct SheetState {
    meta: SheetMeta,
    phase: Phase,
}

enum Phase {
    /// The first rows, until the header is found.
    Head(Vec<RawRow>),
    /// No header: the rest is ignored.
    Skipped,
    /// A table other than a survey.
    Table(Box<TableState>),
    /// A survey, kept until it ends.
    Survey(Box<SurveyState>),
}

impl TableReader {
    /// A reader with nothing read yet.
    pub fn new(options: ReadOptions) -> Self {
        Self { options, data: Dataset::default(), diags: Diagnostics::new(), texts: Texts::default(), sheet: None }
    }

    /// The records and the diagnostics of the sheets read (one file's, to be
    /// merged with the others').
    fn into_parts(self) -> (Dataset, Diagnostics) {
        (self.data, self.diags)
    }

    /// Decides the header of the current sheet from its first rows.
    fn decide(&mut self) {
        let Some(state) = self.sheet.as_mut() else { return };
        if !matches!(state.phase, Phase::Head(_)) {
            return;
        }
        let Phase::Head(rows) = std::mem::replace(&mut state.phase, Phase::Skipped) else { return };
        let meta = &state.meta;
        if rows.is_empty() {
            return;
        }
        let raw = RawSheet { file: meta.file.clone(), sheet: meta.sheet.clone(), first_col: meta.first_col, rows };
        let header = match detect(&raw) {
            Ok(h) => h,
            Err(not) => {
                match not.meant {
                    Some(_) => self.diags.error(meta.location(), not.message),
                    None => self.diags.warning(meta.location(), not.message),
                }
                let mut report = SheetReport::new(&meta.file, meta.sheet.as_deref());
                report.lacks = not.lacks;
                self.data.sheets.push(report);
                return;
            }
        };
        if header.unmatched.len() > MAX_OTHER_COLUMNS {
            self.diags.error(
                meta.location().at_row(raw.rows[header.pos].index + 1),
                format!(
                    "this {} table has {} columns besides its own, more than the limit of {} (for a survey, {} questions); the sheet was not read",
                    header.kind.name(),
                    crate::words::thousands(header.unmatched.len() as i64),
                    crate::words::thousands(MAX_OTHER_COLUMNS as i64),
                    crate::words::thousands(MAX_OTHER_COLUMNS as i64),
                ),
            );
            return;
        }
        let head_index = raw.rows[header.pos].index;
        let mut report = SheetReport::new(&meta.file, meta.sheet.as_deref());
        report.kind = Some(header.kind);
        report.header_row = Some(head_index + 1);
        report.columns_ignored = header.unmatched.iter().map(|(_, h)| h.clone()).collect();
        report.columns_unrecognised = unrecognised(&header, |pos| meta.cell_location(head_index, pos));
        let mut rows = raw.rows;
        if header.kind == Kind::Survey {
            // A cell right of every header (and of SurveyMonkey's second
            // header row) answers no question: it is not kept.
            let width = rows[header.pos..].iter().take(2).map(|r| r.cells.len()).max().unwrap_or(0);
            let mut survey = SurveyState { rows: SurveyRows { width, ..SurveyRows::default() }, header, report };
            for row in rows {
                survey.rows.push(row);
            }
            state.phase = Phase::Survey(Box::new(survey));
            return;
        }
        let rest = rows.split_off(header.pos + 1);
        let head = rows.swap_remove(header.pos);
        let mut table = TableState::new(header, head, report, self.options);
        for row in rest {
            table.row(row, meta, &mut self.data, &mut self.texts);
        }
        state.phase = Phase::Table(Box::new(table));
    }
}

impl SheetSink for TableReader {
    fn start_sheet(&mut self, file: &str, sheet: Option<&str>, first_col: u32) {
        let meta = SheetMeta {
            file: file.to_string(),
            sheet: sheet.map(str::to_string),
            first_col,
            file_text: self.texts.get(file),
            sheet_text: sheet.map(|s| self.texts.get(s)),
        };
        self.sheet = Some(SheetState { meta, phase: Phase::Head(Vec::new()) });
    }

    fn row(&mut self, row: RawRow) {
        let Some(state) = self.sheet.as_mut() else { return };
        match &mut state.phase {
            Phase::Head(rows) => {
                rows.push(row);
                // One row past the search: a survey's second header row.
                if rows.len() > HEADER_SEARCH_ROWS {
                    self.decide();
                }
            }
            Phase::Skipped => {}
            Phase::Table(table) => table.row(row, &state.meta, &mut self.data, &mut self.texts),
            Phase::Survey(survey) => survey.rows.push(row),
        }
    }

    fn read_hidden(&self) -> bool {
        self.options.include_hidden
    }

    fn hidden_sheet(&mut self, file: &str, sheet: &str, very: bool) {
        let mut report = SheetReport::new(file, Some(sheet));
        report.skipped = Some(if very { Skipped::VeryHidden } else { Skipped::Hidden });
        self.data.sheets.push(report);
    }

    fn end_sheet(&mut self) {
        self.decide();
        let Some(state) = self.sheet.take() else { return };
        match state.phase {
            Phase::Head(_) | Phase::Skipped => {}
            Phase::Table(mut table) => {
                table.finish(&state.meta, &mut self.data, &mut self.texts, &mut self.diags);
                self.data.sheets.push(table.report);
            }
            Phase::Survey(survey) => {
                let SurveyState { mut rows, header, mut report } = *survey;
                rows.numbers = CellNumbers::default();
                survey::read_survey(
                    &state.meta,
                    &rows,
                    &header,
                    self.options,
                    &mut self.data,
                    &mut report,
                    &mut self.diags,
                    &mut self.texts,
                );
                self.data.sheets.push(report);
            }
        }
    }
}

/// Reads every spreadsheet under `dir` into records, each sheet row by row
/// as it is read, without holding any sheet whole. Files are read on as many threads as there are cores (up to
/// four) and merged in path order. `progress(i, n, path)` is called as the
/// `i`-th of `n` files is done.
pub fn read_folder(dir: &Path, options: ReadOptions, progress: &mut dyn FnMut(usize, usize, &Path)) -> (Dataset, Diagnostics) {
    read_folder_cached(dir, options, None, progress)
}

/// Files already read, kept between builds (by `watch`): a file whose stamp
/// (size, modification time, and on Unix inode and status-change time) is
/// the one it had when it was read, read with the same options, is not read
/// again; its records and diagnostics are taken
/// from here. Files that could not be read are not kept, so their errors
/// are reported again.
#[derive(Debug, Default)]
pub struct ReadCache {
    files: HashMap<PathBuf, CachedFile>,
    /// How many files the last read took from the cache.
    reused: usize,
}

impl ReadCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many files the last [`read_folder_cached`] took from the cache
    /// instead of reading them.
    pub fn reused(&self) -> usize {
        self.reused
    }
}

/// One file as it was read, and the stamp it had then.
#[derive(Debug)]
struct CachedFile {
    stamp: FileStamp,
    options: ReadOptions,
    read: FilePart,
}

/// What tells that a file changed: its size and modification time and, on
/// Unix, its inode and status-change time, which no copy can set back (a
/// file restored with its old modification time is still read again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: SystemTime,
    #[cfg(unix)]
    inode: (u64, u64),
    #[cfg(unix)]
    changed: (i64, i64),
}

impl FileStamp {
    /// The file's stamp, if it has one (`None` never matches).
    fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok()?,
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino()),
            #[cfg(unix)]
            changed: (meta.ctime(), meta.ctime_nsec()),
        })
    }
}

/// [`read_folder`], taking unchanged files from `cache` (when given) and
/// keeping the files read there for next time.
pub fn read_folder_cached(
    dir: &Path,
    options: ReadOptions,
    mut cache: Option<&mut ReadCache>,
    progress: &mut dyn FnMut(usize, usize, &Path),
) -> (Dataset, Diagnostics) {
    let mut ingest_diags = Diagnostics::new();
    let paths = match crate::ingest::find_files(dir) {
        Ok(paths) => paths,
        Err(err) => {
            ingest_diags.error(Location::file(dir.display().to_string()), format!("cannot read the inputs folder: {err}"));
            Vec::new()
        }
    };
    let count = paths.len();
    // Stamped before reading: a file changed while it is read is read again
    // next time.
    let stamps: Vec<Option<FileStamp>> = match cache {
        Some(_) => paths.iter().map(|p| FileStamp::of(p)).collect(),
        None => vec![None; count],
    };
    let mut reads: Vec<Option<FileRead>> = (0..count).map(|_| None).collect();
    let mut done = 0;
    if let Some(cache) = cache.as_deref_mut() {
        cache.files.retain(|path, _| paths.contains(path));
        for (i, path) in paths.iter().enumerate() {
            let kept = cache.files.get(path).filter(|c| Some(c.stamp) == stamps[i] && c.options == options);
            if let Some(kept) = kept {
                reads[i] = Some(Ok(kept.read.clone()));
                done += 1;
                progress(done, count, path);
            }
        }
        cache.reused = done;
    }
    let todo: Vec<usize> = (0..count).filter(|&i| reads[i].is_none()).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4).min(todo.len());
    if threads <= 1 {
        for &i in &todo {
            reads[i] = Some(read_file(&paths[i], options));
            done += 1;
            progress(done, count, &paths[i]);
        }
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let (next, todo, paths, done_tx) = (&next, &todo, &paths, done_tx.clone());
                scope.spawn(move || {
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = todo.get(k) else { break };
                        if done_tx.send((i, read_file(&paths[i], options))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            for (i, read) in done_rx {
                reads[i] = Some(read);
                done += 1;
                progress(done, count, &paths[i]);
            }
        });
    }
    if let Some(cache) = cache {
        for &i in &todo {
            match (&reads[i], stamps[i]) {
                (Some(Ok(read)), Some(stamp)) => {
                    cache.files.insert(paths[i].clone(), CachedFile { stamp, options, read: read.clone() });
                }
                _ => {
                    cache.files.remove(&paths[i]);
                }
            }
        }
    }
    // The files' problems, then the sheets'.
    let mut data = Dataset::default();
    let mut table_diags = Diagnostics::new();
    for (path, read) in paths.iter().zip(reads) {
        match read.expect("every file was read") {
            Ok((source, part, diags)) => {
                data.files.push(source);
                merge(&mut data, part);
                table_diags.extend(diags);
            }
            Err(err) => ingest_diags.error(err.location(&path.display().to_string()), err.to_string()),
        }
    }
    finish(data, ingest_diags, table_diags)
}

/// The checks across all the files read, then the diagnostics in order: the
/// files' problems, then the sheets'.
fn finish(mut data: Dataset, mut ingest_diags: Diagnostics, mut table_diags: Diagnostics) -> (Dataset, Diagnostics) {
    table_diags.one_error_per_cell();
    copies::count_once(&mut data, &mut table_diags);
    checks::plans_per_event(&data, &mut table_diags);
    ingest_diags.extend(table_diags);
    (data, ingest_diags)
}

/// Reads one file's bytes into records (`ext`, its extension, says its
/// format; `display` names it), as [`read_folder`] reads each file, with the
/// same checks and diagnostics. For tests and fuzzing of bytes that are not
/// in a folder.
pub fn read_bytes(ext: &str, bytes: Vec<u8>, display: &str, options: ReadOptions) -> (Dataset, Diagnostics) {
    let mut reader = TableReader::new(options);
    let mut ingest_diags = Diagnostics::new();
    let (data, table_diags) = match crate::ingest::stream_bytes(ext, bytes, display, &mut reader) {
        Ok(()) => reader.into_parts(),
        Err(err) => {
            ingest_diags.error(err.location(display), err.to_string());
            Default::default()
        }
    };
    finish(data, ingest_diags, table_diags)
}

/// One file read: its records and their diagnostics.
type FilePart = (crate::ingest::SourceFile, Dataset, Diagnostics);

/// One file read, or why it could not be read (then nothing of it is kept).
type FileRead = Result<FilePart, crate::ingest::IngestError>;

fn read_file(path: &Path, options: ReadOptions) -> FileRead {
    let mut reader = TableReader::new(options);
    let source = crate::ingest::stream_file(path, &path.display().to_string(), &mut reader)?;
    let (data, diags) = reader.into_parts();
    Ok((source, data, diags))
}

/// Appends one file's records to those of the files before it.
fn merge(data: &mut Dataset, part: Dataset) {
    /// `into` then `from`, without copying the longer of the two.
    fn append<T>(into: &mut Vec<T>, mut from: Vec<T>) {
        if from.len() > into.len() {
            from.splice(0..0, std::mem::take(into));
            *into = from;
        } else {
            into.append(&mut from);
        }
    }
    append(&mut data.events, part.events);
    append(&mut data.distribution, part.distribution);
    append(&mut data.surveys, part.surveys);
    append(&mut data.focus_groups, part.focus_groups);
    append(&mut data.stakeholders, part.stakeholders);
    append(&mut data.activities, part.activities);
    append(&mut data.action_items, part.action_items);
    append(&mut data.meetings, part.meetings);
    append(&mut data.sheets, part.sheets);
}

/// The most columns a table may have besides its kind's own (a survey's
/// questions, or columns ignored): more is a located error.
pub const MAX_OTHER_COLUMNS: usize = 1_000;

/// A table other than a survey, past its header.
struct TableState {
    header: Header,
    /// The header row.
    head: RawRow,
    /// For each column of the kind, how its dates are being read.
    scans: Vec<Option<DateScan>>,
    /// The orders as known so far.
    orders: Vec<ColumnDates>,
    /// Rows waiting for a date column's order.
    pending: Vec<RawRow>,
    /// The rows' diagnostics, which follow the date-order ones.
    row_diags: Diagnostics,
    report: SheetReport,
    options: ReadOptions,
}

impl TableState {
    fn new(header: Header, head: RawRow, report: SheetReport, options: ReadOptions) -> Self {
        let scans = header
            .kind
            .columns()
            .iter()
            .zip(&header.columns)
            .map(|(spec, pos)| pos.filter(|_| is_date_column(spec.name)).map(DateScan::new))
            .collect::<Vec<_>>();
        let orders = scans.iter().map(|_| ColumnDates { order: options.date_order, ambiguous: false }).collect();
        Self { header, head, scans, orders, pending: Vec::new(), row_diags: Diagnostics::new(), report, options }
    }

    /// Whether some date column has a value that reads either way and no
    /// value yet that settles its order.
    fn open(&self) -> bool {
        self.scans.iter().flatten().any(DateScan::open)
    }

    fn row(&mut self, row: RawRow, meta: &SheetMeta, data: &mut Dataset, texts: &mut Texts) {
        for (col, scan) in self.scans.iter_mut().enumerate() {
            if let Some(scan) = scan
                && scan.observe(&row, meta)
            {
                self.orders[col].order = scan.order(self.options);
            }
        }
        if self.pending.is_empty() && !self.open() {
            self.read(&row, meta, data, texts);
            return;
        }
        // A waiting row keeps only the cells under the header.
        let mut row = row;
        row.cells.truncate(self.head.cells.len());
        self.pending.push(row);
        if !self.open() {
            for row in std::mem::take(&mut self.pending) {
                self.read(&row, meta, data, texts);
            }
        }
    }

    /// Settles the orders, reads the rows still waiting, and adds the
    /// sheet's diagnostics to `diags`.
    fn finish(&mut self, meta: &SheetMeta, data: &mut Dataset, texts: &mut Texts, diags: &mut Diagnostics) {
        for (col, scan) in self.scans.iter_mut().enumerate() {
            if let Some(scan) = scan {
                self.orders[col] = scan.settle(meta, self.options);
            }
        }
        for row in std::mem::take(&mut self.pending) {
            self.read(&row, meta, data, texts);
        }
        for scan in self.scans.iter_mut().flatten() {
            diags.extend(std::mem::take(&mut scan.diags));
        }
        diags.extend(std::mem::take(&mut self.row_diags));
    }

    /// Reads one data row into a record.
    fn read(&mut self, row: &RawRow, meta: &SheetMeta, data: &mut Dataset, texts: &mut Texts) {
        let header = &self.header;
        let date_col = header.kind.columns().iter().position(|c| c.name == "date");
        if is_totals_row(row, date_col.and_then(|c| header.columns[c]), &self.orders, date_col) {
            self.row_diags.note(meta.location().at_row(row.index + 1), "totals row skipped; it is not counted");
            return;
        }
        let mut reader = RowReader {
            sheet: meta,
            head: &self.head,
            row,
            header,
            orders: &self.orders,
            diags: &mut self.row_diags,
            texts,
            ok: true,
        };
        let used = match header.kind {
            Kind::Events => reader.event().map(|r| data.events.push(r)),
            Kind::Distribution => reader.distribution().map(|r| data.distribution.push(r)),
            Kind::FocusGroups => reader.focus_group().map(|r| data.focus_groups.push(r)),
            Kind::Stakeholders => reader.stakeholder().map(|r| data.stakeholders.push(r)),
            Kind::Activities => reader.activity().map(|r| data.activities.push(r)),
            Kind::ActionItems => reader.action_item().map(|r| data.action_items.push(r)),
            Kind::Meetings => reader.meeting().map(|r| data.meetings.push(r)),
            Kind::Survey => None,
        };
        if used.is_some() {
            self.report.rows_used += 1;
        }
    }
}

/// How one date column's day/month order is being decided (a
/// value that can only be one order settles the column; a column that stays
/// ambiguous is an error unless `--date-order` is given).
pub(crate) struct DateScan {
    /// The column's position in a row.
    pub(crate) pos: usize,
    /// The first value that settled the order, and its row.
    forced: Option<(DateOrder, u32)>,
    /// The first value that reads either way, and its row.
    first_ambiguous: Option<(u32, String)>,
    /// Values in the other order.
    pub(crate) diags: Diagnostics,
}

impl DateScan {
    pub(crate) fn new(pos: usize) -> Self {
        Self { pos, forced: None, first_ambiguous: None, diags: Diagnostics::new() }
    }

    /// Looks at one row's value; returns whether it settled the order.
    pub(crate) fn observe_cell(&mut self, index: u32, cell: Option<&Cell>, meta: &SheetMeta) -> bool {
        let Some(Cell::Text(text)) = cell else { return false };
        let Some(date) = values::parse_text_date(text) else { return false };
        let mut settled = false;
        match (date.forced_order(), self.forced) {
            (Some(order), None) => {
                self.forced = Some((order, index));
                settled = true;
            }
            (Some(order), Some((seen, at))) if order != seen => {
                self.diags.error(
                    meta.cell_location(index, self.pos),
                    format!("found `{text}`, expected a date in the same day/month order as row {} of this column", at + 1),
                );
            }
            _ => {}
        }
        if !date.is_unambiguous() && self.first_ambiguous.is_none() {
            self.first_ambiguous = Some((index, text.to_string()));
        }
        settled
    }

    fn observe(&mut self, row: &RawRow, meta: &SheetMeta) -> bool {
        self.observe_cell(row.index, row.cells.get(self.pos), meta)
    }

    fn open(&self) -> bool {
        self.first_ambiguous.is_some() && self.forced.is_none()
    }

    fn order(&self, options: ReadOptions) -> Option<DateOrder> {
        self.forced.map(|f| f.0).or(options.date_order)
    }

    /// The column's order once every row was seen; an ambiguous column with
    /// no order is reported at its first ambiguous value.
    pub(crate) fn settle(&mut self, meta: &SheetMeta, options: ReadOptions) -> ColumnDates {
        let mut dates = ColumnDates { order: self.order(options), ambiguous: false };
        if dates.order.is_none()
            && let Some((row, text)) = self.first_ambiguous.take()
        {
            dates.ambiguous = true;
            self.diags.error(
                meta.cell_location(row, self.pos),
                format!(
                    "found `{text}`, expected a date whose day and month can be told apart; no value in this column settles the order, so write dates as `2025-06-19` or pass `--date-order dmy` (or `mdy`)"
                ),
            );
        }
        dates
    }
}

/// A survey sheet being read.
struct SurveyState {
    rows: SurveyRows,
    header: Header,
    report: SheetReport,
}

/// The number of each distinct cell of a survey.
type CellNumbers = HashMap<CellKey, u32, foldhash::fast::RandomState>;

/// A survey's rows, kept compactly until the sheet ends: each distinct
/// cell is stored once and a row is a list of cell numbers.
#[derive(Default)]
pub(crate) struct SurveyRows {
    /// The distinct cells; number 0 is the empty cell.
    cells: Vec<Cell>,
    numbers: CellNumbers,
    /// How many cells of a row are kept (those under a header).
    width: usize,
    /// The cell numbers of every row, one row after another.
    flat: Vec<u32>,
    /// Where each row ends in `flat`.
    ends: Vec<u32>,
    /// Each row's zero-based index in the sheet.
    index: Vec<u32>,
}

impl SurveyRows {
    fn push(&mut self, row: RawRow) {
        if self.cells.is_empty() {
            self.cells.push(Cell::Empty);
            self.numbers.insert(CellKey(Cell::Empty), 0);
        }
        for cell in row.cells.into_iter().take(self.width) {
            let next = self.cells.len() as u32;
            let key = CellKey(cell);
            let number = match self.numbers.get(&key) {
                Some(n) => *n,
                None => {
                    self.cells.push(key.0.clone());
                    self.numbers.insert(key, next);
                    next
                }
            };
            self.flat.push(number);
        }
        self.ends.push(self.flat.len() as u32);
        self.index.push(row.index);
    }

    /// How many rows.
    pub(crate) fn len(&self) -> usize {
        self.index.len()
    }

    /// Row `i`.
    pub(crate) fn get(&self, i: usize) -> RowRef<'_> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        RowRef { index: self.index[i], numbers: &self.flat[start..self.ends[i] as usize], cells: &self.cells }
    }

    /// The distinct cell numbered `number`.
    pub(crate) fn cell(&self, number: u32) -> &Cell {
        &self.cells[number as usize]
    }
}

/// One row of [`SurveyRows`].
#[derive(Clone, Copy)]
pub(crate) struct RowRef<'a> {
    /// Zero-based row index in the sheet.
    pub index: u32,
    numbers: &'a [u32],
    cells: &'a [Cell],
}

impl<'a> RowRef<'a> {
    /// The cell at `pos`, if the row reaches it.
    pub(crate) fn get(&self, pos: usize) -> Option<&'a Cell> {
        self.numbers.get(pos).map(|n| &self.cells[*n as usize])
    }

    /// The number of the distinct cell at `pos` (0 when empty or past the end).
    pub(crate) fn number(&self, pos: usize) -> u32 {
        self.numbers.get(pos).copied().unwrap_or(0)
    }

    /// How many cells.
    pub(crate) fn len(&self) -> usize {
        self.numbers.len()
    }

    /// The cells, left to right.
    pub(crate) fn cells(&self) -> impl Iterator<Item = &'a Cell> + '_ {
        self.numbers.iter().map(|n| &self.cells[*n as usize])
    }
}

/// A cell as a hash key: equal when the same kind and value (numbers bit
/// for bit, text when the same shared value: ingest shares equal texts).
struct CellKey(Cell);

impl PartialEq for CellKey {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Cell::Number(a), Cell::Number(b)) => a.to_bits() == b.to_bits(),
            (Cell::Text(a), Cell::Text(b)) => a.id() == b.id(),
            (a, b) => a == b,
        }
    }
}

impl Eq for CellKey {}

impl Hash for CellKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(&self.0).hash(state);
        match &self.0 {
            Cell::Empty => {}
            Cell::Text(s) => s.id().hash(state),
            Cell::Error(s) => s.hash(state),
            Cell::Number(n) => n.to_bits().hash(state),
            Cell::Bool(b) => b.hash(state),
            Cell::DateTime(dt) => dt.hash(state),
            Cell::Time(t) => t.hash(state),
        }
    }
}
