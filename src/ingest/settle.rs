//! Whether a file is still being written by another program, so that
//! `watch` reads only complete files. A file whose size and time have not
//! changed for a while may still be half-written: a program can hold it open
//! and pause (a survey tool's export, a script, a slow network copy). Only
//! the operating system knows whether some process still holds it open for
//! writing:
//!
//! - Linux: a read lease (`fcntl(F_SETLEASE, F_RDLCK)`) is granted only when
//!   no process has the file open for writing; it is let go at once.
//! - Windows: opening the file while denying others the right to write
//!   fails with a sharing violation while a program has it open for writing.
//! - Elsewhere nothing tells; the file is taken as complete.

use std::path::Path;

/// Whether some process other than this one holds `path` open for writing.
/// A file that cannot be opened at all (removed, no permission) is not
/// being written: the build that reads it reports why.
pub fn being_written(path: &Path) -> bool {
    imp::being_written(path)
}

#[cfg(target_os = "linux")]
mod imp {
    use std::os::fd::AsRawFd;
    use std::path::Path;

    pub fn being_written(path: &Path) -> bool {
        let Ok(file) = std::fs::File::open(path) else { return false };
        let fd = file.as_raw_fd();
        // SAFETY: `fd` is an open descriptor owned by `file` for the whole
        // call; F_SETLEASE takes an int argument and touches no memory.
        let taken = unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) };
        if taken == 0 {
            // SAFETY: as above; the lease is let go before `file` closes.
            unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK) };
            return false;
        }
        // EAGAIN: a writer has it open. Anything else (a file system with no
        // leases, a file of another user without CAP_LEASE): nothing tells.
        std::io::Error::last_os_error().raw_os_error() == Some(libc::EAGAIN)
    }
}

#[cfg(windows)]
mod imp {
    use std::os::windows::fs::OpenOptionsExt;
    use std::path::Path;

    /// `FILE_SHARE_READ`: others may read while this handle is open, not write.
    const FILE_SHARE_READ: u32 = 0x0000_0001;
    /// `ERROR_SHARING_VIOLATION`.
    const SHARING_VIOLATION: i32 = 32;

    pub fn being_written(path: &Path) -> bool {
        match std::fs::OpenOptions::new().read(true).share_mode(FILE_SHARE_READ).open(path) {
            Ok(_) => false,
            Err(err) => err.raw_os_error() == Some(SHARING_VIOLATION),
        }
    }
}

#[cfg(not(any(target_os = "linux", windows)))]
mod imp {
    pub fn being_written(_path: &std::path::Path) -> bool {
        false
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_open_for_writing_is_being_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("survey.csv");
        let mut file = std::fs::File::create(&path).unwrap();
        file.write_all(b"Timestamp,Municipality\n").unwrap();
        // Held by this very process: a lease is refused all the same.
        assert!(being_written(&path));
        drop(file);
        assert!(!being_written(&path));
        assert!(!being_written(&dir.path().join("gone.csv")));
    }
}
