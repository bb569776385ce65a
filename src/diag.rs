//! Located diagnostics: every problem found, with where it is. The one
//! model of the crate: a problem in an input cell (file › sheet › cell), a
//! content file or template line (file:line), or the generated Typst, and
//! every error that stops a build (see `pipeline::Error::diagnostics`), is
//! a [`Diagnostic`] with a [`Location`].
//!
//! Reading never stops at the first problem. Each stage pushes what it finds
//! into a [`Diagnostics`] list and returns it with its results; the library
//! never prints. The CLI renders them all in one place (as text, as
//! `--json`), and its exit code comes from the [`Kind`] of the errors.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational, e.g. a totals row that was skipped.
    Note,
    /// Something worth a look that does not block a build.
    Warning,
    /// Blocks every build until fixed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where a problem is: a file, optionally a sheet in it, optionally a cell;
/// or a line (and column) of a text file such as a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// The file as the user would type it, e.g. `inputs/events.xlsx`.
    pub file: String,
    /// The sheet name, if the problem is inside one sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cell in A1 notation, if the problem is one cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// For a template: its path below the templates root, e.g.
    /// `meeting-deck/main.typ.j2`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// The one-based line, in a text file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The one-based column on that line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), ..Self::default() }
    }

    /// A whole sheet.
    pub fn sheet(file: impl Into<String>, sheet: impl Into<String>) -> Self {
        Self { file: file.into(), sheet: Some(sheet.into()), ..Self::default() }
    }

    /// One cell, from zero-based row and column indices.
    pub fn cell(file: impl Into<String>, sheet: impl Into<String>, row: u32, col: u32) -> Self {
        Self { file: file.into(), sheet: Some(sheet.into()), cell: Some(cell_name(row, col)), ..Self::default() }
    }

    /// A whole sheet, or a whole file where it has none (a CSV).
    pub fn in_sheet(file: &str, sheet: Option<&str>) -> Self {
        Self { file: file.to_string(), sheet: sheet.map(str::to_string), ..Self::default() }
    }

    /// A line of a text file (when known), e.g. a content file.
    pub fn line(file: impl Into<String>, line: Option<usize>) -> Self {
        Self { file: file.into(), line, ..Self::default() }
    }

    /// A line of a template: `file` as shown to a person, `path` below the
    /// templates root.
    pub fn template(file: impl Into<String>, path: impl Into<String>, line: usize) -> Self {
        Self { file: file.into(), template: Some(path.into()), line: Some(line), ..Self::default() }
    }

    /// Whether the location says nothing (an error of no one place).
    pub fn is_empty(&self) -> bool {
        self.file.is_empty()
    }

    /// This place narrowed to one cell, from zero-based row and column.
    pub fn at_cell(self, row: u32, col: u32) -> Self {
        Self { cell: Some(cell_name(row, col)), ..self }
    }

    /// This place narrowed to one row, by its one-based number.
    pub fn at_row(self, row: u32) -> Self {
        Self { cell: Some(format!("row {row}")), ..self }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            // `dir/main.typ.j2:12`, or `report-templates/…:12 (built in)`.
            let (file, built_in) = match self.file.strip_suffix(" (built in)") {
                Some(file) => (file, " (built in)"),
                None => (self.file.as_str(), ""),
            };
            write!(f, "{}:{line}", shown(file))?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
            return f.write_str(built_in);
        }
        f.write_str(&shown(&self.file))?;
        if let Some(sheet) = &self.sheet {
            write!(f, " › {}", shown(sheet))?;
        }
        if let Some(cell) = &self.cell {
            write!(f, " › {cell}")?;
        }
        Ok(())
    }
}

/// The A1 name of a cell from zero-based indices: `(13, 2)` is `C14`.
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row as u64 + 1)
}

/// The letters of a zero-based column index: 0 is `A`, 27 is `AB`.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push((b'A' + rem) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// What a diagnostic is about: the stage or the input that has the problem.
/// Every match on it is exhaustive, so a new kind is handled everywhere or
/// does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A problem of the inputs found while reading them: a file, a sheet,
    /// a cell (what `check` lists).
    Input,
    /// A sheet read as no table (a warning; an error once the last build of
    /// the folder read it as one).
    SkippedSheet,
    /// Text that no font can show, replaced in a document.
    Unprintable,
    /// A Typst warning or error.
    Typst,
    /// A template that cannot be read or rendered.
    Template,
    /// A content file's mistake.
    Content,
    /// The inputs as a whole: errors in them, or tables gone since the last
    /// build.
    Data,
    /// The settings file.
    Settings,
    /// A command line that cannot be used.
    Usage,
    /// Figures that cannot be computed (no meeting, no year), or a document
    /// the data cannot give.
    Figures,
    /// A format that could not be exported.
    Export,
    /// A file that could not be written.
    Output,
    /// A folder that could not be watched.
    Watch,
}

impl Kind {
    /// The kind's name in `--json`. The problems of the inputs have none:
    /// `check --json` lists them by location only.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Kind::Input | Kind::SkippedSheet => return None,
            Kind::Unprintable => "unprintable",
            Kind::Typst => "typst",
            Kind::Template => "template",
            Kind::Content => "content",
            Kind::Data => "data",
            Kind::Settings => "settings",
            Kind::Usage => "usage",
            Kind::Figures => "figures",
            Kind::Export => "export",
            Kind::Output => "output",
            Kind::Watch => "watch",
        })
    }

    /// Whether the kind has no name in `--json` (see [`Kind::name`]).
    pub fn is_unnamed(&self) -> bool {
        self.name().is_none()
    }

    /// The process's exit code when an error of this kind stops a command:
    /// 2 for a usage mistake (a bad option or settings file, a missing
    /// inputs folder), 1 for anything else.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::Usage | Kind::Settings => 2,
            Kind::Input
            | Kind::SkippedSheet
            | Kind::Unprintable
            | Kind::Typst
            | Kind::Template
            | Kind::Content
            | Kind::Data
            | Kind::Figures
            | Kind::Export
            | Kind::Output
            | Kind::Watch => 1,
        }
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name().unwrap_or("input"))
    }
}

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// What it is about (see [`Kind`]).
    #[serde(skip_serializing_if = "Kind::is_unnamed")]
    pub kind: Kind,
    /// Where it is (empty for an error of no one place).
    #[serde(skip_serializing_if = "Location::is_empty")]
    pub location: Location,
    /// What is wrong, lowercase, with names in backticks.
    pub message: String,
    /// More: a snippet, the whole text of a many-line message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// How to fix it, when the tool that found it says.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<String>,
    /// For a Typst error: where it is in the generated Typst source (or the
    /// theme), beside the template line in `location` that wrote it.
    #[serde(rename = "typst", skip_serializing_if = "Option::is_none")]
    pub generated: Option<Location>,
}

impl Diagnostic {
    /// A diagnostic of `kind` and `severity`, at `location`.
    pub fn new(severity: Severity, kind: Kind, location: Location, message: impl Into<String>) -> Self {
        // A name an edition marks as English (see [`crate::marked`]) is
        // said without its marks.
        let mut message = message.into();
        let mut location = location;
        for text in [Some(&mut message), Some(&mut location.file), location.sheet.as_mut()].into_iter().flatten() {
            if crate::marked::has_marks(text) {
                *text = crate::marked::strip(text).into_owned();
            }
        }
        Diagnostic { severity, kind, location, message, detail: None, hints: Vec::new(), generated: None }
    }

    /// An error of `kind`, at `location`.
    pub fn error(kind: Kind, location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, kind, location, message)
    }

    /// A warning of `kind`, at `location`.
    pub fn warning(kind: Kind, location: Location, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, kind, location, message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            return write!(f, "{}: {}", self.severity, shown(&self.message));
        }
        write!(f, "{}: {}: {}", self.severity, self.location, shown(&self.message))
    }
}

/// All the diagnostics of one run, in the order found.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic about the inputs ([`Kind::Input`]).
    pub fn push(&mut self, severity: Severity, location: Location, message: impl Into<String>) {
        self.0.push(Diagnostic::new(severity, Kind::Input, location, message));
    }

    /// Adds one diagnostic of any kind.
    pub fn add(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds an error.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, location, message);
    }

    /// Adds a warning.
    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Warning, location, message);
    }

    /// Adds a note.
    pub fn note(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Note, location, message);
    }

    /// Appends every diagnostic of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// How many errors there are.
    pub fn errors(&self) -> usize {
        self.of(Severity::Error).count()
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// The diagnostics of one severity, in order.
    pub fn of(&self, severity: Severity) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(move |d| d.severity == severity)
    }

    /// All diagnostics, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// All diagnostics, in order, to change (e.g. to locate them).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Diagnostic> {
        self.0.iter_mut()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps only the diagnostics for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
    }

    /// The first error, if any.
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.of(Severity::Error).next()
    }

    /// Keeps one error per cell: a later error located at a cell that
    /// already has one is dropped (the first, usually the more specific
    /// message, stays), so a value is never reported twice.
    pub fn one_error_per_cell(&mut self) {
        let mut seen = std::collections::BTreeSet::new();
        self.0.retain(|d| d.severity != Severity::Error || d.location.cell.is_none() || seen.insert(d.location.clone()));
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        Diagnostics(list)
    }
}

/// Text for a terminal, with control characters escaped as `ls -b` shows
/// them (`\n`, `\t`, `\033`), so that a file or sheet
/// name cannot move the cursor, set the window title or split a line.
/// Text without control characters is returned as it is.
pub fn shown(text: &str) -> Cow<'_, str> {
    escape_controls(text, false)
}

/// A message of several lines for a terminal: [`shown`], keeping its line
/// breaks (names in it are escaped where they are put in).
pub fn shown_lines(text: &str) -> Cow<'_, str> {
    escape_controls(text, true)
}

fn escape_controls(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !(keep_lines && c == '\n');
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if keep_lines => out.push(c),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\{b:03o}"));
                }
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path for a terminal: as [`Path::display`], with control characters
/// escaped (see [`shown`]).
pub fn shown_path(path: &std::path::Path) -> String {
    shown(&path.display().to_string()).into_owned()
}

/// Finds the closest of `candidates` to `word`, for a "did you mean" hint.
///
/// Returns `None` unless the best candidate is within a third of the word's
/// length in edits.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance between two strings, by characters: insertions, deletions,
/// substitutions and swaps of two neighbours (`titel` → `title` is one edit).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 0..a.len() {
        let mut cur = vec![i + 1; b.len() + 1];
        for j in 0..b.len() {
            let cost = usize::from(a[i] != b[j]);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                cur[j + 1] = cur[j + 1].min(before[j - 1] + 1);
            }
        }
        before = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 2), "C14");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
    }

    #[test]
    fn location_display() {
        let loc = Location::cell("inputs/events.xlsx", "Events", 13, 2);
        assert_eq!(loc.to_string(), "inputs/events.xlsx › Events › C14");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(shown("\u{1b}]0;PWNED\u{7}\u{1b}[31mred.csv"), "\\033]0;PWNED\\a\\033[31mred.csv");
        assert_eq!(shown("two\nlines.csv"), "two\\nlines.csv");
        assert_eq!(shown("x\u{9b}.csv"), "x\\302\\233.csv");
        assert!(matches!(shown("Événements 2025.xlsx"), Cow::Borrowed(_)));
        let loc = Location::in_sheet("inputs/a\nb.csv", None);
        assert_eq!(loc.to_string(), "inputs/a\\nb.csv");
    }

    #[test]
    fn kinds_name_the_json_and_give_the_exit_code() {
        assert_eq!(Kind::Typst.name(), Some("typst"));
        assert_eq!(Kind::Input.name(), None);
        assert_eq!(Kind::Usage.exit_code(), 2);
        assert_eq!(Kind::Settings.exit_code(), 2);
        assert_eq!(Kind::Export.exit_code(), 1);
        let input = serde_json::to_value(Diagnostic::error(Kind::Input, Location::file("a.csv"), "x")).unwrap();
        assert!(input.get("kind").is_none(), "{input}");
        let typst = serde_json::to_value(Diagnostic::error(Kind::Typst, Location::default(), "x")).unwrap();
        assert_eq!(typst["kind"], "typst");
        assert!(typst.get("location").is_none(), "{typst}");
    }

    #[test]
    fn a_diagnostic_of_no_place_shows_no_place() {
        let d = Diagnostic::warning(Kind::Output, Location::default(), "could not write");
        assert_eq!(d.to_string(), "warning: could not write");
        let d = Diagnostic::warning(Kind::Input, Location::file("a.csv"), "empty");
        assert_eq!(d.to_string(), "warning: a.csv: empty");
    }

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("reprot", ["report", "deck", "check"]), Some("report"));
        assert_eq!(did_you_mean("zzzzzz", ["report", "deck"]), None);
        assert_eq!(did_you_mean("titel", ["title", "body"]), Some("title"));
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
