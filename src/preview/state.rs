//! What the preview page shows, made from each build of a watch session:
//! the documents of the latest good build, the problems and figures of the
//! latest build, and the row ledger of every sheet it read.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::diag::{Diagnostic, Location, Severity};
use crate::figures::Figures;
use crate::locale::Lang;
use crate::pipeline::{Build, Error};
use crate::tables::SheetReport;

use super::page::{Words, words};

/// Where the latest build is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The first build has not finished yet.
    Waiting,
    /// A build is running.
    Building,
    /// The latest build made its documents.
    Built,
    /// The latest build stopped on an error; the documents are the previous ones.
    Failed,
}

/// One document, with its files in the output folder (relative to it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DocFiles {
    /// Its name: `meeting-deck-2025-10-07`.
    pub name: String,
    /// The PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pdf: Option<String>,
    /// The PowerPoint deck.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pptx: Option<String>,
    /// The web page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The pages as PNG images, in order.
    pub pages: Vec<String>,
}

/// A problem, as the page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// Where: `inputs/events.xlsx › Events › B7` (empty for no one place).
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known.
    pub hints: Vec<String>,
}

/// A headline figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureLine {
    /// What it counts: `events in 2025`.
    pub name: String,
    /// Its value, as the page's language writes numbers.
    pub value: String,
}

/// One sheet's row ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetLine {
    /// `inputs/events.xlsx › Events`.
    pub place: String,
    /// The table it was read as (`events`), or why it was not.
    pub kind: String,
    /// Rows counted.
    pub rows: usize,
    /// What became of every row, in runs.
    pub ledger: String,
}

/// Everything the page shows.
#[derive(Debug, Clone, Serialize)]
pub struct State {
    /// Grows by one at each step of each build; the page redraws when it changes.
    pub version: u64,
    /// The page's language.
    pub lang: &'static str,
    /// The page's words.
    pub words: Words,
    /// Where the latest build is.
    pub status: Status,
    /// Why the latest build ran: `first build`, `events.xlsx changed`.
    pub reason: String,
    /// Grows by one each time the documents are replaced (their images
    /// and frame are loaded again only then).
    pub documents_version: u64,
    /// The meeting decks of the latest good build.
    pub decks: Vec<DocFiles>,
    /// The reports of the latest good build.
    pub reports: Vec<DocFiles>,
    /// The latest build's errors, then its warnings.
    pub problems: Vec<Problem>,
    /// The headline figures of the latest good build.
    pub figures: Vec<FigureLine>,
    /// What changed in them since the build before it.
    pub changes: Vec<String>,
    /// Every sheet the latest build read.
    pub sheets: Vec<SheetLine>,
    /// Whether the tool stopped (the page then stops asking).
    pub stopped: bool,
}

impl State {
    /// The state before the first build, in `lang`.
    pub fn new(lang: Lang) -> Self {
        State {
            version: 0,
            lang: lang.code(),
            words: words(lang),
            status: Status::Waiting,
            reason: String::new(),
            documents_version: 0,
            decks: Vec::new(),
            reports: Vec::new(),
            problems: Vec::new(),
            figures: Vec::new(),
            changes: Vec::new(),
            sheets: Vec::new(),
            stopped: false,
        }
    }

    /// A build starts, for `reason`.
    pub fn building(&mut self, reason: &str) {
        self.version += 1;
        if self.status != Status::Waiting {
            self.status = Status::Building;
        }
        self.reason = reason.to_string();
    }

    /// A build ran, writing into `out`: its problems, figures and ledgers
    /// replace the previous ones; its documents replace those of the same
    /// kind when it made any (a failed build keeps the previous ones).
    pub fn built(&mut self, build: &Build, out: &Path) {
        self.version += 1;
        let mut diags: Vec<Diagnostic> = build.diagnostics.iter().cloned().collect();
        if let Some(error) = &build.error {
            diags.extend(error.diagnostics());
        }
        self.problems = problems(&diags);
        if !build.sheets.is_empty() || build.error.is_none() {
            self.sheets = build.sheets.iter().map(sheet_line).collect();
        }
        if build.error.is_some() {
            self.status = Status::Failed;
            return;
        }
        self.status = Status::Built;
        let lang = Lang::from_code(self.lang).unwrap_or_default();
        self.figures = build.headline.iter().map(|f| FigureLine { name: f.name.clone(), value: lang.number(f.value as i64) }).collect();
        self.changes.clone_from(&build.changes);
        let (decks, reports) = documents(build, out);
        self.documents_version += 1;
        if build.figures.iter().any(|(_, f)| matches!(f, Figures::Deck(_))) {
            self.decks = decks;
        }
        if build.figures.iter().any(|(_, f)| matches!(f, Figures::Report(_))) {
            self.reports = reports;
        }
    }

    /// A build could not start: `error` is its one problem.
    pub fn failed(&mut self, error: &Error) {
        self.version += 1;
        self.status = Status::Failed;
        self.problems = problems(&error.diagnostics());
    }

    /// The tool stopped.
    pub fn stop(&mut self) {
        self.version += 1;
        self.stopped = true;
    }
}

/// Errors first, then warnings (notes are left to `--verbose` and the
/// ledger), each once.
fn problems(diags: &[Diagnostic]) -> Vec<Problem> {
    let mut list: Vec<Problem> = Vec::new();
    for severity in [Severity::Error, Severity::Warning] {
        for d in diags.iter().filter(|d| d.severity == severity) {
            let problem = Problem {
                severity,
                place: if d.location.is_empty() { String::new() } else { d.location.to_string() },
                message: d.message.clone(),
                hints: d.hints.clone(),
            };
            if !list.contains(&problem) {
                list.push(problem);
            }
        }
    }
    list
}

/// One sheet's line of the ledger.
fn sheet_line(s: &SheetReport) -> SheetLine {
    let place = Location::in_sheet(&s.file, s.sheet.as_deref()).to_string();
    let kind = match (&s.skipped, s.kind) {
        (Some(skipped), _) => skipped.describe(),
        (None, Some(kind)) => kind.name().to_string(),
        (None, None) => String::new(),
    };
    let ledger = if s.kind.is_some() && s.skipped.is_none() { s.ledger.describe() } else { String::new() };
    SheetLine { place, kind, rows: s.rows_used, ledger }
}

/// The build's documents, decks and reports, each with its files in
/// `out` (by name relative to it), in the build's order.
fn documents(build: &Build, out: &Path) -> (Vec<DocFiles>, Vec<DocFiles>) {
    let mut files: BTreeMap<&str, DocFiles> = BTreeMap::new();
    for (name, _) in &build.figures {
        files.insert(name, DocFiles { name: name.clone(), ..DocFiles::default() });
    }
    for path in &build.written {
        let relative = path.strip_prefix(out).ok().filter(|p| p.components().count() > 0).unwrap_or(path.as_path());
        let relative = match relative.to_str() {
            Some(r) if path.starts_with(out) => r.replace('\\', "/"),
            _ => match path.file_name().and_then(|n| n.to_str()) {
                Some(n) => n.to_string(),
                None => continue,
            },
        };
        let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        // The longest document name the file's name starts with.
        let Some(doc) = files.values_mut().filter(|d| file_name.starts_with(d.name.as_str())).max_by_key(|d| d.name.len()) else {
            continue;
        };
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => doc.pdf = Some(relative),
            Some("pptx") => doc.pptx = Some(relative),
            Some("html") => doc.html = Some(relative),
            Some("png") => doc.pages.push(relative),
            _ => {}
        }
    }
    let (mut decks, mut reports) = (Vec::new(), Vec::new());
    for (name, figures) in &build.figures {
        let Some(mut doc) = files.remove(name.as_str()) else { continue };
        doc.pages.sort();
        match figures {
            Figures::Deck(_) => decks.push(doc),
            Figures::Report(_) => reports.push(doc),
        }
    }
    (decks, reports)
}

/// The state, shared between the watch loop that changes it and the server
/// that shows it.
#[derive(Debug, Clone)]
pub struct Shared(Arc<Mutex<State>>);

impl Shared {
    /// A state before the first build, in `lang`.
    pub fn new(lang: Lang) -> Self {
        Shared(Arc::new(Mutex::new(State::new(lang))))
    }

    /// Changes the state.
    pub fn update(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// The state's version.
    pub fn version(&self) -> u64 {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).version
    }

    /// The state as JSON.
    pub fn json(&self) -> Vec<u8> {
        serde_json::to_vec(&*self.0.lock().unwrap_or_else(|e| e.into_inner())).unwrap_or_default()
    }

    /// The page's language.
    pub fn lang(&self) -> Lang {
        Lang::from_code(self.0.lock().unwrap_or_else(|e| e.into_inner()).lang).unwrap_or_default()
    }
}
