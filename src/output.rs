//! Stage 6: writing results whole or not at all.
//!
//! Every output goes to a temporary file in the destination folder; only
//! when every document of a build is written there are they renamed over
//! their targets, so a failed or killed build never leaves a half-written
//! file, never damages the previous one, and never replaces one document of
//! a set but not the other. The folder is locked while a build writes into
//! it: a second build into the same folder waits (and says so), and the
//! temporary files a killed build left behind are removed.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::diag::shown_path;
use crate::words::io_words;

/// The prefix and suffix of the temporary files written in an output folder.
const TEMP_PREFIX: &str = ".wecoss-";
const TEMP_SUFFIX: &str = ".tmp";

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The folder could not be created or the file written.
    #[error("cannot write `{}`: {}", shown_path(path), io_words(source))]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The output folder is a file.
    #[error("`{}` is a file, not a folder; move it away or choose another folder with `--out`", shown_path(dir))]
    NotAFolder {
        /// The output folder.
        dir: PathBuf,
    },
    /// Some documents could not be written; none of them replaced the
    /// previous ones (or, if the failure came while renaming, those named).
    #[error("{}; not written: {} (the previous versions are kept)", failure(dir, path, source), names(not_written))]
    NotWritten {
        /// The folder written to.
        dir: PathBuf,
        /// The file whose write failed.
        path: PathBuf,
        /// Why.
        source: io::Error,
        /// Every file that was not written.
        not_written: Vec<PathBuf>,
    },
}

/// "cannot write to `out/`: permission denied" (the folder refused), or
/// "cannot write `out/report.pdf`: the disk is full".
fn failure(dir: &Path, path: &Path, source: &io::Error) -> String {
    if matches!(source.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem) {
        format!("cannot write to `{}/`: {}", shown_path(dir), io_words(source))
    } else {
        format!("cannot write `{}`: {}", shown_path(path), io_words(source))
    }
}

fn names(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| format!("`{}`", shown_path(p))).collect::<Vec<_>>().join(", ")
}

/// Writes `bytes` to `path` atomically (temp file in the same folder, then
/// rename), creating the folder if needed; waits quietly while another
/// build writes there.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_all(&[(path.to_path_buf(), bytes.to_vec())], &|_| {})
}

/// Writes every file whole or not at all: each to a temporary file in its
/// folder first, then, once all are written, each renamed over its target.
/// The folders are created if needed and locked while they are written
/// (see [`lock_folder`]); `waiting` is told of a folder that another build
/// holds, before this one waits for it. When something fails, the error
/// names every file that was not written; the previous versions of those
/// stay.
pub fn write_all(files: &[(PathBuf, Vec<u8>)], waiting: &dyn Fn(&Path)) -> Result<(), WriteError> {
    write_all_with(files, waiting, &mut |file, bytes| file.write_all(bytes))
}

/// The folders of `files` locked (created if needed, stale temporaries
/// removed), and every file written to a temporary beside its target with
/// `write`. Nothing is replaced yet.
type Prepared = (Vec<(PathBuf, File)>, Vec<tempfile::NamedTempFile>);

fn prepare(
    files: &[(PathBuf, Vec<u8>)],
    waiting: &dyn Fn(&Path),
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<Prepared, WriteError> {
    let all: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    // Each folder once, in order: created, locked, cleared of stale temps.
    let mut locks: Vec<(PathBuf, File)> = Vec::new();
    for (path, _) in files {
        let dir = folder_of(path);
        if locks.iter().any(|(d, _)| *d == dir) {
            continue;
        }
        if dir.exists() && !dir.is_dir() {
            return Err(WriteError::NotAFolder { dir });
        }
        std::fs::create_dir_all(&dir).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists | io::ErrorKind::NotADirectory => WriteError::NotAFolder { dir: dir.clone() },
            _ => not_written(&dir, path, e, &all),
        })?;
        let lock = lock_folder(&dir, waiting).map_err(|e| not_written(&dir, path, e, &all))?;
        remove_stale_temps(&dir);
        locks.push((dir, lock));
    }
    // A folder where a document goes would fail its rename: found first.
    if let Some((path, _)) = files.iter().find(|(path, _)| path.is_dir()) {
        let source = io::Error::new(io::ErrorKind::IsADirectory, "a folder has that name");
        return Err(not_written(&folder_of(path), path, source, &all));
    }
    // Every file to a temporary first.
    let mut temps = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let dir = folder_of(path);
        let written = (|| {
            let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX).tempfile_in(&dir)?;
            write(tmp.as_file_mut(), bytes)?;
            // Temp files are private (0600); a document is for sharing.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
            }
            tmp.as_file().sync_all()?;
            Ok::<_, io::Error>(tmp)
        })();
        match written {
            Ok(tmp) => temps.push(tmp),
            // The temporaries written so far are removed as they drop.
            Err(e) => return Err(not_written(&dir, path, e, &all)),
        }
    }
    Ok((locks, temps))
}

fn not_written(dir: &Path, path: &Path, source: io::Error, not_written: &[PathBuf]) -> WriteError {
    WriteError::NotWritten { dir: dir.to_path_buf(), path: path.to_path_buf(), source, not_written: not_written.to_vec() }
}

/// [`write_all`], writing each temporary file's bytes with `write` (a
/// failing writer stands in for a full disk in tests).
fn write_all_with(
    files: &[(PathBuf, Vec<u8>)],
    waiting: &dyn Fn(&Path),
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    let all: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let (locks, temps) = prepare(files, waiting, write)?;
    // Then every rename.
    for (i, (tmp, (path, _))) in temps.into_iter().zip(files).enumerate() {
        if let Err(e) = tmp.persist(path) {
            return Err(not_written(&folder_of(path), path, e.error, &all[i..]));
        }
    }
    drop(locks);
    Ok(())
}

/// What the last builds recorded of the documents this tool wrote in an
/// output folder (see [`crate::pipeline::last_build`]): only these files
/// are the tool's to replace or tidy away, never another file there.
#[derive(Debug, Default, Clone)]
pub struct Known {
    /// The SHA-256 (hex) of each document as this tool wrote it, by path.
    pub written: BTreeMap<PathBuf, String>,
    /// Documents this tool wrote that this build no longer makes (an older
    /// meeting's deck, a report of a mistyped year): moved to `previous/`.
    pub superseded: Vec<PathBuf>,
    /// New documents written beside one that was open in another program:
    /// removed once the document itself is replaced, unless changed since.
    pub beside: Vec<PathBuf>,
}

/// A document as written: where it was meant to go, where it went, and its
/// SHA-256 (hex).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// Its name in the output folder.
    pub wanted: PathBuf,
    /// Where it was written: `wanted`, or beside it when that was open in
    /// another program.
    pub at: PathBuf,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
}

/// Something a build did to the output folder other than replacing a
/// document, for staff to hear of.
#[derive(Debug)]
pub enum Notice {
    /// The document was open in another program, which would not let it be
    /// replaced: the new one was written beside it.
    InUse {
        /// The open document.
        wanted: PathBuf,
        /// The new one.
        beside: PathBuf,
    },
    /// The document was changed after this tool wrote it (or this tool has
    /// no record of writing it): kept in `previous/`, the new one written in
    /// its place.
    Changed {
        /// The document.
        path: PathBuf,
        /// Where the changed one now is.
        kept: PathBuf,
        /// Whether this tool has any record of having written it.
        known: bool,
    },
    /// A document this build no longer makes, moved to `previous/`.
    Superseded {
        /// Where it was.
        path: PathBuf,
        /// Where it now is.
        kept: PathBuf,
    },
    /// A document this build no longer makes could not be moved.
    NotMoved {
        /// The document.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl Notice {
    /// Whether staff should hear of it on every build (a warning), rather
    /// than only when they ask (a note): tidying a superseded document away
    /// is routine.
    pub fn is_warning(&self) -> bool {
        !matches!(self, Notice::Superseded { .. })
    }

    /// The document the notice is about.
    pub fn path(&self) -> &Path {
        match self {
            Notice::InUse { wanted: path, .. }
            | Notice::Changed { path, .. }
            | Notice::Superseded { path, .. }
            | Notice::NotMoved { path, .. } => path,
        }
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let kept = |p: &Path| {
            let parent = p.parent().and_then(|d| d.file_name()).map(|d| d.to_string_lossy().into_owned());
            format!("{}{}{}", parent.unwrap_or_default(), std::path::MAIN_SEPARATOR, name(p))
        };
        match self {
            Notice::InUse { wanted, beside } => write!(
                f,
                "close {} in {}: it is open there, so the new one was written beside it as {}; the next build puts it in place",
                name(wanted),
                program(wanted),
                name(beside)
            ),
            Notice::Changed { path, kept: to, known: true } => write!(
                f,
                "{} was changed after this tool wrote it; that version is kept as {} and the new one written in its place",
                name(path),
                kept(to)
            ),
            Notice::Changed { path, kept: to, known: false } => write!(
                f,
                "{} was not written by this tool (or before it kept a record); it is kept as {} and the new one written in its place",
                name(path),
                kept(to)
            ),
            Notice::Superseded { path, kept: to } => {
                write!(f, "{} is no longer made by this build; moved to {}", name(path), kept(to))
            }
            Notice::NotMoved { path, source } if in_use(source) => write!(
                f,
                "{} is no longer made by this build, but it is open in {}; close it and the next build moves it to previous/",
                name(path),
                program(path)
            ),
            Notice::NotMoved { path, source } => {
                write!(f, "{} is no longer made by this build, but it could not be moved to previous/: {}", name(path), io_words(source))
            }
        }
    }
}

/// The program a document of this kind is likely open in, for "close it in
/// ...".
fn program(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("pptx") => "PowerPoint",
        Some("pdf") => "your PDF reader (such as Acrobat)",
        Some("html") => "your web browser",
        Some("png") => "your picture viewer",
        _ => "the program that has it open",
    }
}

/// Whether an error replacing or moving a file means another program has it
/// open: Windows will not replace or move a file open without shared delete
/// access (`ERROR_ACCESS_DENIED`, `ERROR_SHARING_VIOLATION`,
/// `ERROR_LOCK_VIOLATION`).
fn in_use(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ResourceBusy)
        || (cfg!(windows) && matches!(err.raw_os_error(), Some(32 | 33)))
}

/// What [`write_documents`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// Every document, in order, and where it went.
    pub placed: Vec<Placed>,
    /// The documents this tool had written that are no longer in the folder
    /// (moved to `previous/`, or a copy written beside one removed).
    pub gone: Vec<PathBuf>,
    /// What staff should hear of.
    pub notices: Vec<Notice>,
}

/// The SHA-256 of `bytes`, in hex.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of the file at `path`, if it can be read.
fn file_sha256(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|bytes| sha256(&bytes))
}

/// Writes a build's documents, each whole (see [`write_all`]), minding
/// staff's work:
///
/// - a document that is open in another program, which will not let it be
///   replaced (Windows), is written beside it (`name (new).pptx`) and the
///   others go on;
/// - a document that differs from what this tool last wrote there (staff
///   polished it by hand), or that this tool has no record of writing, is
///   never overwritten: it is moved to `previous/` first, with its date in
///   its name;
/// - the documents this tool wrote that this build no longer makes
///   ([`Known::superseded`]) are moved to `previous/` too, so the folder
///   holds the current documents only.
///
/// A failure of any other kind stops the writing, as in [`write_all`].
pub fn write_documents(files: &[(PathBuf, Vec<u8>)], known: &Known, waiting: &dyn Fn(&Path)) -> Result<Written, WriteError> {
    write_documents_with(files, known, waiting, &mut |tmp, path| tmp.persist(path).map(|_| ()))
}

/// [`write_documents`], each temporary file put in place with `replace`
/// (a failing one stands in for a file another program holds open, which
/// Linux would let be replaced).
fn write_documents_with(
    files: &[(PathBuf, Vec<u8>)],
    known: &Known,
    waiting: &dyn Fn(&Path),
    replace: &mut dyn FnMut(tempfile::NamedTempFile, &Path) -> Result<(), tempfile::PersistError>,
) -> Result<Written, WriteError> {
    let all: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let (locks, temps) = prepare(files, waiting, &mut |file, bytes| file.write_all(bytes))?;
    let mut done = Written::default();
    for (i, (tmp, (path, bytes))) in temps.into_iter().zip(files).enumerate() {
        let dir = folder_of(path);
        let hash = sha256(bytes);
        // Free to replace: not there, or as this tool wrote it (or already
        // the new bytes). Otherwise staff changed it: kept in `previous/`.
        let mut free = true;
        if path.is_file() {
            let now = file_sha256(path);
            let recorded = known.written.get(path);
            if now.as_ref() == Some(&hash) {
                // Already these bytes: nothing to replace (and nothing to
                // fail on when another program has it open).
                done.placed.push(Placed { wanted: path.clone(), at: path.clone(), sha256: hash });
                continue;
            }
            if now.is_none() || now.as_ref() != recorded {
                match move_to_previous(&dir, path, false) {
                    Ok(kept) => done.notices.push(Notice::Changed { path: path.clone(), kept, known: recorded.is_some() }),
                    // Open in another program: the new one goes beside it.
                    Err(e) if in_use(&e) => free = false,
                    Err(e) => return Err(not_written(&dir, path, e, &all[i..])),
                }
            }
        }
        let tmp = if free {
            match replace(tmp, path) {
                Ok(()) => {
                    done.placed.push(Placed { wanted: path.clone(), at: path.clone(), sha256: hash });
                    continue;
                }
                Err(e) if in_use(&e.error) => e.file,
                Err(e) => return Err(not_written(&dir, path, e.error, &all[i..])),
            }
        } else {
            tmp
        };
        // Open in another program: the new one goes beside it, over the
        // copy an earlier build put there if that is unchanged.
        let (stem, ext) = split_name(path);
        let copy = dir.join(format!("{stem} (new){ext}"));
        let beside = if copy.is_file() && file_sha256(&copy).as_ref() == known.written.get(&copy) { copy } else { free_name(path, "new") };
        match replace(tmp, &beside) {
            Ok(()) => {
                done.notices.push(Notice::InUse { wanted: path.clone(), beside: beside.clone() });
                done.placed.push(Placed { wanted: path.clone(), at: beside, sha256: hash });
            }
            Err(e) => return Err(not_written(&dir, path, e.error, &all[i..])),
        }
    }
    let made: Vec<&PathBuf> = done.placed.iter().map(|p| &p.at).collect();
    // Copies written beside a document that was open, now put in place.
    for path in &known.beside {
        if made.contains(&path) || !path.is_file() {
            continue;
        }
        let wanted_in_place = done.placed.iter().any(|p| p.at == p.wanted && beside_of(path, &p.wanted));
        if wanted_in_place && file_sha256(path).as_ref() == known.written.get(path) && std::fs::remove_file(path).is_ok() {
            done.gone.push(path.clone());
        }
    }
    // Documents no longer made, out of the way.
    for path in known.superseded.iter().chain(&known.beside) {
        if made.contains(&path) || !path.is_file() {
            continue;
        }
        let unchanged = file_sha256(path).as_ref() == known.written.get(path);
        match move_to_previous(&folder_of(path), path, unchanged) {
            Ok(kept) => {
                done.gone.push(path.clone());
                done.notices.push(Notice::Superseded { path: path.clone(), kept });
            }
            Err(source) => done.notices.push(Notice::NotMoved { path: path.clone(), source }),
        }
    }
    drop(locks);
    Ok(done)
}

/// Whether `copy` is a copy written beside `doc` (`doc (new).ext`,
/// `doc (new 2).ext`, ...).
fn beside_of(copy: &Path, doc: &Path) -> bool {
    let (stem, ext) = split_name(doc);
    let Some(name) = copy.file_name().and_then(|n| n.to_str()) else { return false };
    name.strip_prefix(&format!("{stem} (new"))
        .and_then(|rest| rest.strip_suffix(&ext))
        .is_some_and(|mid| mid == ")" || mid.strip_prefix(' ').and_then(|n| n.strip_suffix(')')).is_some_and(|n| n.parse::<u32>().is_ok()))
        && copy.parent() == doc.parent()
}

/// A file name's stem and its extension with the dot (`""` for none).
fn split_name(path: &Path) -> (String, String) {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
    (stem, ext)
}

/// `path` with `(label)` added to its name (`deck (new).pptx`), or
/// `(label 2)`, `(label 3)`... when that exists too.
fn free_name(path: &Path, label: &str) -> PathBuf {
    let (stem, ext) = split_name(path);
    let dir = folder_of(path);
    let mut n = 1;
    loop {
        let tag = if n == 1 { label.to_string() } else { format!("{label} {n}") };
        let candidate = dir.join(format!("{stem} ({tag}){ext}"));
        if !candidate.exists() {
            return candidate;
        }
        n += 1;
    }
}

/// Moves the document `path` into `dir/previous/`, its name given the date
/// it was last written: `annual-report-2052 (written 2025-10-03).pdf`, or
/// `(edited ...)` when `unchanged` is false (staff saved it since this tool
/// wrote it). Returns where it went.
fn move_to_previous(dir: &Path, path: &Path, unchanged: bool) -> io::Result<PathBuf> {
    let previous = dir.join(PREVIOUS);
    std::fs::create_dir_all(&previous)?;
    let date = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let label = if unchanged { format!("written {date}") } else { format!("edited {date}") };
    let Some(name) = path.file_name() else { return Err(io::Error::from(io::ErrorKind::InvalidInput)) };
    let to = free_name(&previous.join(name), &label);
    std::fs::rename(path, &to)?;
    Ok(to)
}

/// The folder in an output folder where documents that are no longer
/// current are kept.
pub const PREVIOUS: &str = "previous";

/// The folder a file is written in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Locks an output folder for this process until the returned file is
/// dropped. If another build holds it, tells `waiting`, then waits.
pub fn lock_folder(dir: &Path, waiting: &dyn Fn(&Path)) -> io::Result<File> {
    let file = lock_file(dir)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            waiting(dir);
            file.lock()?;
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(e),
    }
    Ok(file)
}

/// What is locked: the folder itself where the system allows it (no file is
/// added to it), else a hidden lock file in it.
fn lock_file(dir: &Path) -> io::Result<File> {
    #[cfg(unix)]
    {
        File::open(dir)
    }
    #[cfg(not(unix))]
    {
        File::options().create(true).truncate(false).write(true).open(dir.join(".wecoss-report.lock"))
    }
}

/// Removes the temporary files a killed build left in the output folder
/// `dir`, under its lock (so none of a build still writing is touched).
/// Every command that writes there calls it first, before anything can
/// fail: a build that then fails leaves no stale file behind either. A
/// folder that does not exist yet has nothing to clear.
pub fn clear_stale_temps(dir: &Path, waiting: &dyn Fn(&Path)) -> io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    let lock = lock_folder(dir, waiting)?;
    remove_stale_temps(dir);
    drop(lock);
    Ok(())
}

/// Removes the temporary files a killed build left in `dir`. Called with
/// the folder locked, so no other build is writing one.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/out.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
        }
    }

    #[test]
    fn a_failed_write_replaces_nothing_and_names_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().join("deck.pdf");
        let report = dir.path().join("report.pdf");
        std::fs::write(&deck, b"old deck").unwrap();
        std::fs::write(&report, b"old report").unwrap();
        let files = vec![(deck.clone(), b"new deck".to_vec()), (report.clone(), b"new report".to_vec())];
        // The disk fills up while the second document is written.
        let mut calls = 0;
        let err = write_all_with(&files, &|_| {}, &mut |file, bytes| {
            calls += 1;
            if calls == 2 {
                file.write_all(&bytes[..3])?;
                return Err(io::Error::from(io::ErrorKind::StorageFull));
            }
            file.write_all(bytes)
        })
        .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("the disk is full"), "{message}");
        assert!(message.contains("deck.pdf") && message.contains("report.pdf"), "every file not written is named: {message}");
        assert!(!message.contains("os error"), "{message}");
        assert_eq!(std::fs::read(&deck).unwrap(), b"old deck", "the first document was not replaced alone");
        assert_eq!(std::fs::read(&report).unwrap(), b"old report");
        let names: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
    }

    #[test]
    fn stale_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".wecoss-Ab12Cd.tmp");
        std::fs::write(&stale, b"half a PDF from a killed build").unwrap();
        std::fs::write(dir.path().join("notes.tmp"), b"not ours").unwrap();
        write_atomic(&dir.path().join("deck.pdf"), b"deck").unwrap();
        assert!(!stale.exists(), "the killed build's temporary file is gone");
        assert!(dir.path().join("notes.tmp").exists(), "files not ours are kept");
    }

    #[test]
    fn stale_temps_are_cleared_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".wecoss-Zz99Yy.tmp");
        std::fs::write(&stale, b"half a deck").unwrap();
        std::fs::write(dir.path().join("deck.pdf"), b"the last deck").unwrap();
        clear_stale_temps(dir.path(), &|_| {}).unwrap();
        assert!(!stale.exists());
        assert_eq!(std::fs::read(dir.path().join("deck.pdf")).unwrap(), b"the last deck");
        clear_stale_temps(&dir.path().join("not-yet"), &|_| {}).unwrap();
        assert!(!dir.path().join("not-yet").exists(), "nothing is created");
    }

    #[test]
    fn an_output_folder_that_is_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::write(&out, b"").unwrap();
        let err = write_atomic(&out.join("deck.pdf"), b"deck").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("is a file, not a folder"), "{message}");
        assert!(!message.contains("os error"), "{message}");
    }

    #[test]
    fn permission_denied_in_words() {
        let err = WriteError::NotWritten {
            dir: "out".into(),
            path: "out/.wecoss-x1y2.tmp".into(),
            source: io::Error::from_raw_os_error(13),
            not_written: vec!["out/deck.pdf".into()],
        };
        let message = err.to_string();
        assert!(message.starts_with("cannot write to `out/`: permission denied"), "{message}");
        assert!(!message.contains(".tmp") && !message.contains("os error"), "{message}");
    }

    /// A replace step that fails as Windows does for a file another
    /// program holds open (`held`), and renames as usual otherwise.
    fn held_open(held: &Path) -> impl FnMut(tempfile::NamedTempFile, &Path) -> Result<(), tempfile::PersistError> + '_ {
        move |tmp, path| {
            if path == held {
                return Err(tempfile::PersistError { error: io::Error::from(io::ErrorKind::PermissionDenied), file: tmp });
            }
            tmp.persist(path).map(|_| ())
        }
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()).unwrap_or_default();
        names.sort();
        names
    }

    fn known_as_written(paths: &[&Path]) -> Known {
        let mut known = Known::default();
        for path in paths {
            known.written.insert(path.to_path_buf(), file_sha256(path).unwrap());
        }
        known
    }

    #[test]
    fn a_document_open_in_another_program_gets_its_new_one_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().join("meeting-deck-2025-10-07.pptx");
        let report = dir.path().join("annual-report-2025.pdf");
        std::fs::write(&deck, b"old deck").unwrap();
        std::fs::write(&report, b"old report").unwrap();
        let known = known_as_written(&[&deck, &report]);
        let files = vec![(deck.clone(), b"new deck".to_vec()), (report.clone(), b"new report".to_vec())];
        let written = write_documents_with(&files, &known, &|_| {}, &mut held_open(&deck)).unwrap();
        assert_eq!(std::fs::read(&deck).unwrap(), b"old deck", "the open one is left alone");
        let beside = dir.path().join("meeting-deck-2025-10-07 (new).pptx");
        assert_eq!(std::fs::read(&beside).unwrap(), b"new deck");
        assert_eq!(std::fs::read(&report).unwrap(), b"new report", "the others are replaced");
        assert_eq!(written.placed[0].at, beside);
        assert_eq!(written.placed[1].at, report);
        let said: Vec<String> = written.notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("close meeting-deck-2025-10-07.pptx in PowerPoint"), "{}", said[0]);
        assert!(said[0].contains("meeting-deck-2025-10-07 (new).pptx"), "{}", said[0]);
        assert!(written.notices[0].is_warning());

        // Still open at the next build: the copy beside it is replaced, not
        // a second one added.
        let mut known = known_as_written(&[&deck, &report, &beside]);
        known.beside.push(beside.clone());
        let files = vec![(deck.clone(), b"newer deck".to_vec())];
        write_documents_with(&files, &known, &|_| {}, &mut held_open(&deck)).unwrap();
        assert_eq!(std::fs::read(&beside).unwrap(), b"newer deck");
        assert_eq!(names_in(dir.path()).len(), 3, "{:?}", names_in(dir.path()));

        // Closed: the document is replaced and the copy removed.
        let known = Known { beside: vec![beside.clone()], ..known_as_written(&[&deck, &report, &beside]) };
        let written = write_documents(&[(deck.clone(), b"newest deck".to_vec())], &known, &|_| {}).unwrap();
        assert_eq!(std::fs::read(&deck).unwrap(), b"newest deck");
        assert!(!beside.exists());
        assert_eq!(written.gone, vec![beside]);
        assert!(written.notices.is_empty(), "{:?}", written.notices);
    }

    #[test]
    fn a_document_staff_changed_is_kept_in_previous() {
        let dir = tempfile::tempdir().unwrap();
        let deck = dir.path().join("meeting-deck-2025-10-07.pptx");
        std::fs::write(&deck, b"as the tool wrote it").unwrap();
        let known = known_as_written(&[&deck]);
        std::fs::write(&deck, b"polished by hand").unwrap();
        let written = write_documents(&[(deck.clone(), b"rebuilt".to_vec())], &known, &|_| {}).unwrap();
        assert_eq!(std::fs::read(&deck).unwrap(), b"rebuilt");
        let previous = names_in(&dir.path().join(PREVIOUS));
        assert_eq!(previous.len(), 1, "{previous:?}");
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        assert_eq!(previous[0], format!("meeting-deck-2025-10-07 (edited {today}).pptx"));
        assert_eq!(std::fs::read(dir.path().join(PREVIOUS).join(&previous[0])).unwrap(), b"polished by hand");
        let said = written.notices[0].to_string();
        assert!(said.contains("was changed after this tool wrote it") && said.contains(&format!("previous/{}", previous[0])), "{said}");

        // Unchanged since the tool wrote it: simply replaced.
        let known = known_as_written(&[&deck]);
        let written = write_documents(&[(deck.clone(), b"rebuilt again".to_vec())], &known, &|_| {}).unwrap();
        assert!(written.notices.is_empty());
        assert_eq!(names_in(&dir.path().join(PREVIOUS)).len(), 1);
    }

    #[test]
    fn a_file_the_tool_has_no_record_of_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("annual-report-2025.pdf");
        std::fs::write(&report, b"someone's own PDF").unwrap();
        let written = write_documents(&[(report.clone(), b"report".to_vec())], &Known::default(), &|_| {}).unwrap();
        assert_eq!(std::fs::read(&report).unwrap(), b"report");
        let said = written.notices[0].to_string();
        assert!(said.contains("was not written by this tool"), "{said}");
        assert_eq!(names_in(&dir.path().join(PREVIOUS)).len(), 1);
        // The same bytes again: nothing to keep.
        let written = write_documents(&[(report.clone(), b"report".to_vec())], &Known::default(), &|_| {}).unwrap();
        assert!(written.notices.is_empty());
    }

    #[test]
    fn superseded_documents_move_to_previous_and_staff_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let typo = dir.path().join("annual-report-2052.pdf");
        let notes = dir.path().join("notes for Maria.docx");
        std::fs::write(&typo, b"the year typo's report").unwrap();
        std::fs::write(&notes, b"staff's own").unwrap();
        let mut known = known_as_written(&[&typo]);
        known.superseded.push(typo.clone());
        let report = dir.path().join("annual-report-2025.pdf");
        let written = write_documents(&[(report.clone(), b"report".to_vec())], &known, &|_| {}).unwrap();
        assert_eq!(names_in(dir.path()), ["annual-report-2025.pdf", "notes for Maria.docx", "previous"]);
        let today = chrono::Local::now().format("%Y-%m-%d").to_string();
        assert_eq!(names_in(&dir.path().join(PREVIOUS)), [format!("annual-report-2052 (written {today}).pdf")]);
        assert_eq!(written.gone, vec![typo.clone()]);
        assert!(!written.notices[0].is_warning());
        assert!(written.notices[0].to_string().contains("annual-report-2052.pdf is no longer made"));
    }

    #[test]
    fn a_superseded_document_that_is_open_is_left_and_said() {
        let err = io::Error::from(io::ErrorKind::PermissionDenied);
        let notice = Notice::NotMoved { path: "out/meeting-deck-2025-09-02.pdf".into(), source: err };
        let said = notice.to_string();
        assert!(said.contains("open in your PDF reader") && said.contains("meeting-deck-2025-09-02.pdf"), "{said}");
    }
}
