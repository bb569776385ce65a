//! Reading a whole inputs folder: every file on up to four threads, merged
//! in path order, with the records of unchanged files kept between builds
//! ([`ReadCache`]), and the checks across all the files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::*;
use crate::diag::{Diagnostics, Location};

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
pub(super) struct CachedFile {
    stamp: FileStamp,
    options: ReadOptions,
    read: FilePart,
}

/// What tells that a file changed: its size and modification time and, on
/// Unix, its inode and status-change time, which no copy can set back (a
/// file restored with its old modification time is still read again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileStamp {
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

/// Files of this many bytes or more are read one at a time (see
/// [`read_folder_cached`]): a zipped workbook of 1 MB holds some 100,000
/// rows.
const LARGE_FILE_BYTES: u64 = 1 << 20;

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
            reads[i] = Some(read_file(&paths[i], &options));
            done += 1;
            progress(done, count, &paths[i]);
        }
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        // Large files are read one at a time, small ones beside them: two
        // large files read at once would hold both their records as they
        // grow, so the peak would depend on how the threads happen to meet.
        let large = std::sync::Mutex::new(());
        std::thread::scope(|scope| {
            for _ in 0..threads {
                let (next, todo, paths, done_tx, options, large) = (&next, &todo, &paths, done_tx.clone(), &options, &large);
                scope.spawn(move || {
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = todo.get(k) else { break };
                        let is_large = std::fs::metadata(&paths[i]).is_ok_and(|m| m.len() >= LARGE_FILE_BYTES);
                        let _one_at_a_time = is_large.then(|| large.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
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
                    cache.files.insert(paths[i].clone(), CachedFile { stamp, options: options.clone(), read: read.clone() });
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
            Err(err) => ingest_diags.add(err.diagnostic(&path.display().to_string())),
        }
    }
    finish(data, ingest_diags, table_diags, options)
}

/// The checks across all the files read, then the diagnostics in order: the
/// files' problems, then the sheets'.
pub(super) fn finish(
    mut data: Dataset,
    mut ingest_diags: Diagnostics,
    mut table_diags: Diagnostics,
    options: ReadOptions,
) -> (Dataset, Diagnostics) {
    table_diags.one_error_per_cell();
    variants::merge(&mut data, &mut table_diags);
    copies::count_once(&mut data, &mut table_diags, &options.count_repeats);
    checks::plans_per_event(&data, &mut table_diags);
    data.out_of_place = plausible::check(&data, options.today, &mut table_diags);
    ingest_diags.extend(table_diags);
    (data, ingest_diags)
}

/// Reads one file's bytes into records (`ext`, its extension, says its
/// format; `display` names it), as [`read_folder`] reads each file, with the
/// same checks and diagnostics. For tests and fuzzing of bytes that are not
/// in a folder.
pub fn read_bytes(ext: &str, bytes: Vec<u8>, display: &str, options: ReadOptions) -> (Dataset, Diagnostics) {
    let mut reader = TableReader::new(options.clone());
    let mut ingest_diags = Diagnostics::new();
    let (data, table_diags) = match crate::ingest::stream_bytes(ext, bytes, display, &mut reader) {
        Ok(()) => reader.into_parts(),
        Err(err) => {
            ingest_diags.add(err.diagnostic(display));
            Default::default()
        }
    };
    finish(data, ingest_diags, table_diags, options)
}

/// One file read: its records and their diagnostics.
pub(super) type FilePart = (crate::ingest::SourceFile, Dataset, Diagnostics);

/// One file read, or why it could not be read (then nothing of it is kept).
pub(super) type FileRead = Result<FilePart, crate::ingest::IngestError>;

pub(super) fn read_file(path: &Path, options: &ReadOptions) -> FileRead {
    let mut reader = TableReader::new(options.clone());
    let source = crate::ingest::stream_file(path, &path.display().to_string(), &mut reader)?;
    let (data, diags) = reader.into_parts();
    Ok((source, data, diags))
}

/// Appends one file's records to those of the files before it.
pub(super) fn merge(data: &mut Dataset, part: Dataset) {
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
    append(&mut data.translations, part.translations);
    append(&mut data.sheets, part.sheets);
}
