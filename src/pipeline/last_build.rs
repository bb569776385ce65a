//! What the last build of each inputs folder read, kept in the output folder
//! (`out/.wecoss-last-build.json`) so that the next build can tell when a
//! table quietly disappeared: a sheet read as a table then and skipped now
//! is an error, and a table kind that had rows then and has none now stops
//! the documents from being replaced (unless `--allow-missing KIND`).
//!
//! The file is only ever a safeguard: a missing, unreadable or unknown file
//! is the same as no last build, so it can never block a first build. It is
//! written (atomically) after the documents, and only when some were written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::tables::{Dataset, Kind, SheetReport};

/// The file's name in the output folder.
pub const FILE: &str = ".wecoss-last-build.json";
/// The layout of the file; another version is ignored.
const VERSION: u32 = 1;

/// The whole file: one entry per inputs folder built into this output folder.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct LastBuilds {
    version: u32,
    /// By the inputs folder's absolute path.
    folders: BTreeMap<String, LastBuild>,
}

/// What one inputs folder's last build read.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct LastBuild {
    /// The sheets read as a table, and as which.
    sheets: Vec<SheetKind>,
    /// Rows used per table kind (by its name), kinds with rows only.
    rows: BTreeMap<String, usize>,
    /// The headline figures published, with the rows behind them, so the
    /// next build can say what changed (see [`crate::figures::headline`]).
    #[serde(default)]
    pub figures: Vec<crate::figures::headline::Figure>,
    /// The documents this tool wrote into the output folder from this
    /// inputs folder and has not moved away since, by file name: the only
    /// files there it replaces or tidies away (see [`known`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub documents: BTreeMap<String, WrittenDoc>,
}

/// A document as this tool wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenDoc {
    /// The SHA-256 of its bytes, in hex: a file that no longer has it was
    /// changed by someone, and is never overwritten.
    pub sha256: String,
    /// What it is: the document kind's folder, the language and the file's
    /// extension (`deck/en/pdf`). A build that makes a document of a slot
    /// supersedes the older ones of that slot.
    pub slot: String,
    /// For a copy written beside a document that was open in another
    /// program: that document's file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beside: Option<String>,
}

/// A sheet and the kind it was read as.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SheetKind {
    /// The file, relative to the inputs folder.
    file: String,
    /// The sheet, for a workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
    /// The kind's name.
    kind: String,
}

/// A table kind that had rows in the last build and has none now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gone {
    /// The kind.
    pub kind: Kind,
    /// Its rows in the last build.
    pub rows: usize,
}

/// The key of an inputs folder: its absolute path.
fn key(inputs: &Path) -> String {
    inputs.canonicalize().or_else(|_| std::path::absolute(inputs)).unwrap_or_else(|_| inputs.to_path_buf()).display().to_string()
}

/// A sheet's file relative to the inputs folder (as the key in the file).
fn relative(inputs: &Path, file: &str) -> String {
    Path::new(file).strip_prefix(inputs).map(|p| p.display().to_string()).unwrap_or_else(|_| file.to_string())
}

fn kind_named(name: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.name() == name)
}

/// The path of the file in `out`.
pub fn path(out: &Path) -> PathBuf {
    out.join(FILE)
}

/// Reads the file in `out`; anything wrong with it is no file.
fn read_all(out: &Path) -> LastBuilds {
    std::fs::read(path(out))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<LastBuilds>(&bytes).ok())
        .filter(|b| b.version == VERSION)
        .unwrap_or_default()
}

/// The last build of `inputs` into `out`, if there was one.
pub fn read(out: &Path, inputs: &Path) -> Option<LastBuild> {
    read_all(out).folders.remove(&key(inputs))
}

impl LastBuild {
    /// What `data`, read from `inputs`, holds.
    pub fn of(data: &Dataset, inputs: &Path) -> Self {
        let mut build = LastBuild::default();
        for s in data.sheets.iter().filter(|s| s.skipped.is_none()) {
            let Some(kind) = s.kind else { continue };
            build.sheets.push(SheetKind { file: relative(inputs, &s.file), sheet: s.sheet.clone(), kind: kind.name().to_string() });
            if s.rows_used > 0 {
                *build.rows.entry(kind.name().to_string()).or_default() += s.rows_used;
            }
        }
        build
    }

    /// The kind `sheet` (read now from `inputs`) was read as last time.
    pub fn kind_of(&self, inputs: &Path, sheet: &SheetReport) -> Option<Kind> {
        let file = relative(inputs, &sheet.file);
        self.sheets.iter().find(|s| s.file == file && s.sheet == sheet.sheet).and_then(|s| kind_named(&s.kind))
    }

    /// The kinds that had rows last time and have none in `now`, except
    /// those in `allowed`.
    pub fn gone(&self, now: &LastBuild, allowed: &[Kind]) -> Vec<Gone> {
        self.rows
            .iter()
            .filter(|(kind, rows)| **rows > 0 && !now.rows.contains_key(*kind))
            .filter_map(|(kind, rows)| Some(Gone { kind: kind_named(kind)?, rows: *rows }))
            .filter(|g| !allowed.contains(&g.kind))
            .collect()
    }
}

/// A file's name in the output folder `out`, as the record keys it.
fn name_in(out: &Path, path: &Path) -> String {
    path.strip_prefix(out).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// What the records in `out` say of the documents this tool wrote there,
/// for a build of `inputs` that makes `made` (each file with its slot):
/// the hash of every document any build recorded, and, of the documents
/// the last build of `inputs` wrote, those this build supersedes: of a slot
/// it makes, and that `tidies` says this build stands for (a build of the
/// latest documents, not of an older meeting's deck), but not made now; and
/// the copies written beside documents made now.
pub fn known(out: &Path, inputs: &Path, made: &[(PathBuf, String)], tidies: &dyn Fn(&str) -> bool) -> crate::output::Known {
    let all = read_all(out);
    let mut known = crate::output::Known::default();
    for build in all.folders.values() {
        for (name, doc) in &build.documents {
            known.written.insert(out.join(name), doc.sha256.clone());
        }
    }
    let Some(last) = all.folders.get(&key(inputs)) else { return known };
    let made_now = |path: &Path| made.iter().any(|(p, _)| p == path);
    for (name, doc) in &last.documents {
        let path = out.join(name);
        if made_now(&path) {
            continue;
        }
        match &doc.beside {
            Some(wanted) if made_now(&out.join(wanted)) => known.beside.push(path),
            Some(_) => {}
            None if made.iter().any(|(_, slot)| *slot == doc.slot) && tidies(&doc.slot) => known.superseded.push(path),
            None => {}
        }
    }
    known
}

impl LastBuild {
    /// Adds what `written` did in `out` to the documents of `last` (the
    /// last build of the same inputs), each document with its slot from
    /// `made`, and keeps them in this record.
    pub fn keep_documents(&mut self, out: &Path, last: Option<&LastBuild>, written: &crate::output::Written, made: &[(PathBuf, String)]) {
        let mut documents = last.map(|l| l.documents.clone()).unwrap_or_default();
        for gone in &written.gone {
            documents.remove(&name_in(out, gone));
        }
        for placed in &written.placed {
            let Some((_, slot)) = made.iter().find(|(p, _)| *p == placed.wanted) else { continue };
            let beside = (placed.at != placed.wanted).then(|| name_in(out, &placed.wanted));
            documents.insert(name_in(out, &placed.at), WrittenDoc { sha256: placed.sha256.clone(), slot: slot.clone(), beside });
        }
        // A document no longer there (deleted by staff) is no longer known.
        documents.retain(|name, _| out.join(name).is_file());
        self.documents = documents;
    }
}

/// Records `build` as the last build of `inputs` in `out`'s file, keeping
/// the other folders' entries. Written atomically; an error is returned for
/// the caller to warn about (the documents are already written).
pub fn write(out: &Path, inputs: &Path, build: LastBuild) -> Result<(), crate::output::WriteError> {
    let mut all = read_all(out);
    all.version = VERSION;
    all.folders.insert(key(inputs), build);
    let bytes = serde_json::to_vec_pretty(&all).unwrap_or_default();
    crate::output::write_atomic(&path(out), &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        use crate::tables::kind_named;
        assert_eq!(kind_named("events"), Ok(Kind::Events));
        assert_eq!(kind_named("focus-groups"), Ok(Kind::FocusGroups));
        assert_eq!(kind_named("Action Items"), Ok(Kind::ActionItems));
        assert_eq!(kind_named("meeting"), Ok(Kind::Meetings));
        assert!(kind_named("evnets").unwrap_err().contains("did you mean `events`?"));
    }

    #[test]
    fn a_missing_or_broken_file_is_no_last_build() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read(dir.path(), Path::new("inputs")).is_none());
        std::fs::write(path(dir.path()), b"{ not json").unwrap();
        assert!(read(dir.path(), Path::new("inputs")).is_none());
        // A broken file is replaced by the next build's.
        write(dir.path(), Path::new("inputs"), LastBuild::default()).unwrap();
        assert!(read(dir.path(), Path::new("inputs")).is_some());
    }
}
