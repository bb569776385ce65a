//! The document templates: built into the binary, overridable file by file.
//!
//! Files are named by their path below the templates root, for example
//! `meeting-deck/main.typ.j2` or `theme.typ`. A file in the override folder
//! (`--templates DIR`, or `./report-templates` when present) wins over the
//! built-in copy. Nothing outside the override folder is ever read: no `..`,
//! no absolute path, no symlink that leads out.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};

/// The default templates, embedded at build time.
pub static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/report-templates");

/// The sample workbooks, embedded at build time, for `init`.
pub static SAMPLES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/samples/wecoss-2025");

/// The kinds of document made, each from its template folder. Every match
/// on it is exhaustive: a new document does not compile until every place
/// (its formats, its words, its template folder) handles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// The meeting deck, one per group meeting.
    Deck,
    /// The annual report.
    Report,
}

impl DocKind {
    /// Every kind, decks first.
    pub const ALL: [DocKind; 2] = [DocKind::Deck, DocKind::Report];

    /// The template folder: `meeting-deck`, `annual-report`.
    pub fn folder(self) -> &'static str {
        match self {
            DocKind::Deck => "meeting-deck",
            DocKind::Report => "annual-report",
        }
    }

    /// The document in words: `meeting deck`, `annual report`.
    pub fn title(self) -> &'static str {
        match self {
            DocKind::Deck => "meeting deck",
            DocKind::Report => "annual report",
        }
    }

    /// The command that makes this document alone: `deck`, `report`.
    pub fn command(self) -> &'static str {
        match self {
            DocKind::Deck => "deck",
            DocKind::Report => "report",
        }
    }
}

impl std::fmt::Display for DocKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.folder())
    }
}

/// The folder name looked for in the working directory.
pub const DEFAULT_DIR: &str = "report-templates";

/// A file as shown by [`Templates::display`] with a line number:
/// `dir/meeting-deck/main.typ.j2:12`, or `report-templates/…:12 (built in)`.
pub fn at_line(display: &str, line: Option<usize>) -> String {
    match line {
        None => display.to_string(),
        Some(line) => match display.strip_suffix(" (built in)") {
            Some(file) => format!("{file}:{line} (built in)"),
            None => format!("{display}:{line}"),
        },
    }
}

/// Why a template file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// Neither the override folder nor the built-in templates have it.
    #[error("template file `{path}` does not exist")]
    NotFound { path: String },
    /// The path leaves the templates folder.
    #[error("template file `{path}` is outside the templates folder; templates may only read files inside it")]
    OutsideRoot { path: String },
    /// The override file exists but could not be read.
    #[error("cannot read template file `{}`: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    /// A text template is not UTF-8.
    #[error("template file `{path}` is not UTF-8 text")]
    NotUtf8 { path: String },
}

/// Where templates come from.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// The override folder, if any.
    dir: Option<PathBuf>,
}

impl Templates {
    /// Templates from `dir` over the built-in ones; with `None`, from
    /// `./report-templates` when it exists.
    pub fn new(dir: Option<PathBuf>) -> Self {
        let dir = dir.or_else(|| {
            let local = PathBuf::from(DEFAULT_DIR);
            local.is_dir().then_some(local)
        });
        Self { dir }
    }

    /// Only the built-in templates.
    pub fn embedded() -> Self {
        Self { dir: None }
    }

    /// The override folder in use, if any.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Reads a file by its path below the templates root (`/` separated; a
    /// leading `/` is allowed).
    pub fn read(&self, path: &str) -> Result<Vec<u8>, TemplateError> {
        let rel = checked_relative(path)?;
        if let Some(dir) = &self.dir {
            let candidate = dir.join(&rel);
            if candidate.exists() {
                let root = dir.canonicalize().map_err(|source| TemplateError::Io { path: dir.clone(), source })?;
                let real = candidate.canonicalize().map_err(|source| TemplateError::Io { path: candidate.clone(), source })?;
                if !real.starts_with(&root) {
                    return Err(TemplateError::OutsideRoot { path: path.to_string() });
                }
                if real.is_file() {
                    return fs::read(&real).map_err(|source| TemplateError::Io { path: candidate, source });
                }
            }
        }
        let key = rel.to_string_lossy().replace('\\', "/");
        EMBEDDED.get_file(&key).map(|f| f.contents().to_vec()).ok_or(TemplateError::NotFound { path: key })
    }

    /// Reads a text file.
    pub fn read_string(&self, path: &str) -> Result<String, TemplateError> {
        String::from_utf8(self.read(path)?).map_err(|_| TemplateError::NotUtf8 { path: path.to_string() })
    }

    /// Where a file would be shown to a person: the override path if it has
    /// one, else `report-templates/<path>` (built in).
    pub fn display(&self, path: &str) -> String {
        let rel = path.trim_start_matches('/');
        match &self.dir {
            Some(dir) if dir.join(rel).is_file() => dir.join(rel).display().to_string(),
            _ => format!("{DEFAULT_DIR}/{rel} (built in)"),
        }
    }
}

/// Checks that a template path stays inside the root and returns it relative.
fn checked_relative(path: &str) -> Result<PathBuf, TemplateError> {
    let rel = Path::new(path.trim_start_matches('/'));
    let mut out = PathBuf::new();
    for comp in rel.components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::CurDir => {}
            _ => return Err(TemplateError::OutsideRoot { path: path.to_string() }),
        }
    }
    Ok(out)
}

/// Writes every embedded file of `dir` below `dest`, keeping existing files.
/// Returns the files written.
pub fn copy_out(dir: &Dir<'_>, dest: &Path) -> io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for entry in dir.entries() {
        match entry {
            include_dir::DirEntry::Dir(sub) => written.extend(copy_out(sub, dest)?),
            include_dir::DirEntry::File(file) => {
                let target = dest.join(file.path());
                if target.exists() {
                    continue;
                }
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&target, file.contents())?;
                written.push(target);
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_escapes() {
        assert!(matches!(checked_relative("../etc/passwd"), Err(TemplateError::OutsideRoot { .. })));
        assert!(matches!(checked_relative("a/../../b"), Err(TemplateError::OutsideRoot { .. })));
        assert_eq!(checked_relative("/theme.typ").unwrap(), PathBuf::from("theme.typ"));
    }

    #[test]
    fn embedded_theme_exists() {
        assert!(Templates::embedded().read("theme.typ").is_ok());
    }
}
