//! Stage 6: writing results whole or not at all.
//!
//! Every output goes to a temporary file in the destination folder; only
//! when every document of a build is written there are they renamed over
//! their targets, so a failed or killed build never leaves a half-written
//! file, never damages the previous one, and never replaces one document of
//! a set but not the other. The folder is locked while a build writes into
//! it: a second build into the same folder waits (and says so), and the
//! temporary files a killed build left behind are removed.

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

/// [`write_all`], writing each temporary file's bytes with `write` (a
/// failing writer stands in for a full disk in tests).
fn write_all_with(
    files: &[(PathBuf, Vec<u8>)],
    waiting: &dyn Fn(&Path),
    write: &mut dyn FnMut(&mut File, &[u8]) -> io::Result<()>,
) -> Result<(), WriteError> {
    let all: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let fail = |dir: &Path, path: &Path, source: io::Error, not_written: &[PathBuf]| WriteError::NotWritten {
        dir: dir.to_path_buf(),
        path: path.to_path_buf(),
        source,
        not_written: not_written.to_vec(),
    };
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
            _ => fail(&dir, path, e, &all),
        })?;
        let lock = lock_folder(&dir, waiting).map_err(|e| fail(&dir, path, e, &all))?;
        remove_stale_temps(&dir);
        locks.push((dir, lock));
    }
    // A folder where a document goes would fail its rename: found first.
    if let Some((path, _)) = files.iter().find(|(path, _)| path.is_dir()) {
        let source = io::Error::new(io::ErrorKind::IsADirectory, "a folder has that name");
        return Err(fail(&folder_of(path), path, source, &all));
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
            Err(e) => return Err(fail(&dir, path, e, &all)),
        }
    }
    // Then every rename.
    for (i, (tmp, (path, _))) in temps.into_iter().zip(files).enumerate() {
        if let Err(e) = tmp.persist(path) {
            return Err(fail(&folder_of(path), path, e.error, &all[i..]));
        }
    }
    drop(locks);
    Ok(())
}

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
}
