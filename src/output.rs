//! Stage 6: writing results whole or not at all.
//!
//! Every output goes to a temporary file in the destination folder and is
//! then renamed over the target, so a failed or killed build never leaves a
//! half-written file and never damages the previous one.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The folder could not be created or the file written.
    #[error("cannot write `{}`: {source}", path.display())]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Writes `bytes` to `path` atomically (temp file in the same folder, then
/// rename), creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let err = |source| OutputError::Write { path: path.to_path_buf(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(err)?;
    let mut tmp = tempfile::Builder::new().prefix(".wecoss-").suffix(".tmp").tempfile_in(&dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    // Temp files are private (0600); a document is for sharing.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// The path of page `n` (one-based) of `total` in a PNG export, numbered so
/// the files sort in page order: `deck.pdf` → `deck-03.png`.
pub fn page_path(pdf_path: &Path, n: usize, total: usize) -> PathBuf {
    let stem = pdf_path.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
    let width = total.to_string().len().max(2);
    pdf_path.with_file_name(format!("{stem}-{n:0width$}.png"))
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
    fn page_names() {
        assert_eq!(page_path(Path::new("out/deck.pdf"), 3, 14), PathBuf::from("out/deck-03.png"));
        assert_eq!(page_path(Path::new("out/r.pdf"), 7, 120), PathBuf::from("out/r-007.png"));
    }
}
