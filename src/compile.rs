//! Stage 5: the `typst` crate compiles the rendered source in-process.
//!
//! [`DocWorld`] is a thin [`World`] over typst-kit's [`FileStore`] and
//! [`FontStore`](typst_kit::fonts::FontStore): the main source comes from memory, every other file from
//! the templates folder only (see [`Templates`]), packages are refused, the
//! fonts are embedded in the binary, and `today()` is fixed.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use typst::diag::{FileError, FileResult, SourceDiagnostic, Warned};
use typst::ecow::eco_vec;
use typst::foundations::{Bytes, Datetime, Dict};
use typst::syntax::{DiagSpan, FileId, RootedPath, Source, Spanned, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::diagnostics::{DiagnosticFormat, DiagnosticWorld};
use typst_kit::files::{FileLoader, FileStore};
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Kind, Location, Severity};
use crate::fonts::fonts;
use crate::render::{LineMap, Rendered};
use crate::templates::Templates;

/// Why a document did not compile or export.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// Typst reported errors; the text holds them with file, line and snippet,
    /// and the template file and line that produced each.
    #[error("the template did not compile:\n{0}")]
    Typst(TypstErrors),
    /// The PDF could not be written, e.g. a PDF/UA rule failed.
    #[error("the PDF could not be exported:\n{0}")]
    Export(String),
    /// The PDF standards given cannot be combined.
    #[error("invalid PDF standard: {0}")]
    Standard(String),
    /// A page could not be encoded as PNG.
    #[error("a page could not be encoded as PNG: {0}")]
    Png(String),
}

/// Typst's errors for one document: as text for a person, and as data.
#[derive(Debug, Clone)]
pub struct TypstErrors {
    /// Every diagnostic, formatted with file, line and snippet.
    pub text: String,
    /// Every diagnostic, as data (for `--json`), located at the template
    /// line that wrote it.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for TypstErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text.trim_end())
    }
}

/// Serves files to Typst: the main source from memory, the rest from the
/// templates; packages are refused.
struct Loader {
    templates: Templates,
    main: FileId,
    main_text: String,
}

impl FileLoader for Loader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.get();
        if let VirtualRoot::Package(spec) = path.root() {
            return Err(FileError::Other(Some(
                format!(
                    "package `{spec}` is not available: wecoss-report works offline with no packages; put the file in the templates folder and import it by path"
                )
                .into(),
            )));
        }
        if id == self.main {
            return Ok(Bytes::from_string(self.main_text.clone()));
        }
        let vpath = path.vpath().get_with_slash();
        self.templates.read(vpath).map(Bytes::new).map_err(|err| match err {
            crate::templates::TemplateError::NotFound { path } => FileError::NotFound(path.into()),
            crate::templates::TemplateError::OutsideRoot { .. } => FileError::AccessDenied,
            other => FileError::Other(Some(other.to_string().into())),
        })
    }
}

/// A template module (`theme.typ`, `charts.typ`…) parsed once per process
/// for each text it has: every document and edition imports the same
/// modules, and sharing one parsed source also lets Typst's caches see them
/// as the same. A file's text that changes (under `watch`) is parsed anew.
fn shared_source(id: FileId, bytes: &Bytes) -> FileResult<Source> {
    static PARSED: LazyLock<Mutex<HashMap<FileId, Source>>> = LazyLock::new(Mutex::default);
    const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";
    let text = std::str::from_utf8(bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)).map_err(|_| FileError::InvalidUtf8)?;
    let mut parsed = PARSED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(source) = parsed.get(&id).filter(|source| source.text() == text) {
        return Ok(source.clone());
    }
    let source = Source::new(id, text.into());
    parsed.insert(id, source.clone());
    Ok(source)
}

/// A Typst world for one document.
///
/// A world can be kept and given a new main source with [`DocWorld::replace`]
/// (as `watch` does): the file store is reset rather than rebuilt, so Typst's
/// caches carry over and a rebuild is much faster than the first build.
pub struct DocWorld {
    library: LazyHash<Library>,
    files: FileStore<Loader>,
    main: FileId,
    today: Datetime,
    templates: Templates,
    lines: LineMap,
    /// The brand given as `sys.inputs.brand` (JSON), see [`library`].
    brand: String,
}

/// Typst's standard library with `sys.inputs.brand` set to `brand` (the
/// resolved brand as JSON, read by `theme.typ`) when it is not empty.
fn library(brand: &str) -> LazyHash<Library> {
    let mut inputs = Dict::new();
    if !brand.is_empty() {
        inputs.insert("brand".into(), typst::foundations::Value::Str(brand.into()));
    }
    LazyHash::new(Library::builder().with_inputs(inputs).build())
}

impl DocWorld {
    /// A world whose main file is `main_path` (e.g. `/meeting-deck/main.typ`,
    /// inside the templates root) with the text `source`.
    pub fn new(templates: &Templates, main_path: &str, source: String, today: Datetime) -> Self {
        Self::with_brand(templates, main_path, source, today, String::new())
    }

    /// [`DocWorld::new`] with `sys.inputs.brand` set to `brand` (JSON).
    pub fn with_brand(templates: &Templates, main_path: &str, source: String, today: Datetime, brand: String) -> Self {
        let vpath = VirtualPath::new(main_path).unwrap_or_else(|_| VirtualPath::new("/main.typ").expect("valid path"));
        let main = RootedPath::new(VirtualRoot::Project, vpath).intern();
        let loader = Loader { templates: templates.clone(), main, main_text: source };
        Self {
            library: library(&brand),
            files: FileStore::new(loader),
            main,
            today,
            templates: templates.clone(),
            lines: LineMap::default(),
            brand,
        }
    }

    /// Sets the map from generated lines back to template lines, used to
    /// point errors at the template.
    pub fn with_lines(mut self, lines: LineMap) -> Self {
        self.lines = lines;
        self
    }

    /// Replaces the main source (and its line map and date) and marks every
    /// other file stale, keeping parsed sources for incremental compilation.
    /// A changed brand makes a new library (the rest of the cache stays).
    pub fn replace(&mut self, source: String, lines: LineMap, today: Datetime, brand: String) {
        if brand != self.brand {
            self.library = library(&brand);
            self.brand = brand;
        }
        self.files.loader_mut().main_text = source;
        self.files.reset();
        self.lines = lines;
        self.today = today;
    }

    /// Compiles the document, returning it with Typst's warnings (each at
    /// the template line that wrote it, when known, in `generated`'s
    /// place in the generated source).
    pub fn compile(&self) -> Result<(PagedDocument, Vec<Diagnostic>), CompileError> {
        let Warned { output, warnings } = typst::compile::<PagedDocument>(self);
        let warnings = self.describe(&warnings);
        output.map(|doc| (doc, warnings)).map_err(|errors| {
            // Only the first error, in plain words: the others nearly always
            // follow from it (one missing `)` gives dozens), and a cascade
            // hides the one line to fix.
            let Some(first) = errors.first() else {
                return CompileError::Typst(TypstErrors { text: String::new(), diagnostics: Vec::new() });
            };
            let first = self.plain(first);
            let mut text = self.emit(std::slice::from_ref(&first));
            let more = errors.len() - 1;
            if more > 0 {
                let s = crate::words::s(more as u64);
                text.push_str(&format!("({more} more error{s} came after this one, most likely because of it; fix this one first)\n"));
            }
            CompileError::Typst(TypstErrors { text, diagnostics: self.describe(std::slice::from_ref(&first)) })
        })
    }

    /// A Typst error in words staff can act on: an unclosed `(` is shown at
    /// the line that opens it and does not close it (Typst points at the
    /// outermost one, often lines above the edit); `rgb(#b4481c)` is told
    /// to quote the colour; hints that lead nowhere ("you are already in
    /// code mode") are dropped.
    fn plain(&self, d: &SourceDiagnostic) -> SourceDiagnostic {
        let mut d = d.clone();
        let Some((id, start)) = d.span.id().zip(self.range(d.span).map(|r| r.start)) else { return d };
        let Ok(source) = self.source(id) else { return d };
        let text = source.text();
        let line_range = |at: usize| {
            let from = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let to = text[at..].find('\n').map_or(text.len(), |i| at + i);
            from..to
        };
        if d.message.starts_with("unclosed delimiter") {
            let open = text[start..].chars().next().unwrap_or('(');
            let close = match open {
                '[' => ']',
                '{' => '}',
                '"' => '"',
                _ => ')',
            };
            let open_line = source.lines().byte_to_line(start).map_or(0, |l| l + 1);
            let culprit = unclosed_line(text, start, open, close);
            if let Some(range) = culprit.filter(|r| !r.contains(&start)) {
                d.span = DiagSpan::from_range(id, range);
                d.message = format!("a `{open}` on this line is not closed").into();
                d.hints = eco_vec![Spanned::detached(
                    format!(
                        "add its `{close}`: until it is closed, Typst reads the rest of the file as part of it (so it reports the `{open}` of line {open_line})"
                    )
                    .into()
                )];
            } else {
                d.message = format!("this `{open}` is not closed").into();
                d.hints = eco_vec![Spanned::detached(format!("add its `{close}`").into())];
            }
            return d;
        }
        if let Some(path) = d.message.strip_prefix("file not found (searched at ").and_then(|m| m.strip_suffix(')')) {
            // `Logo.PNG` named where the file is `logo.png`.
            let name = path.rsplit('/').next().unwrap_or(path);
            let folder = std::path::Path::new(path.trim_start_matches('/')).parent().map(std::path::Path::to_path_buf).unwrap_or_default();
            let near = self.templates.dir().and_then(|dir| std::fs::read_dir(dir.join(&folder)).ok()).and_then(|entries| {
                entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).find(|n| n.eq_ignore_ascii_case(name) && n != name)
            });
            if let Some(near) = near {
                d.hints.push(Spanned::detached(format!("did you mean {near}? (file names must match in capitals too)").into()));
            }
            return d;
        }
        let line = &text[line_range(start)];
        let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        if d.message.contains("is not valid in code") && hints.iter().any(|h| h.contains("try removing the `#`")) {
            let colour = regex::Regex::new(r"\(\s*#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\b")
                .ok()
                .and_then(|re| re.captures(line).map(|c| c[1].to_string()));
            let hint = match colour {
                Some(hex) => format!(
                    "a colour is written in quotes: rgb(\"#{hex}\"); the brand's colours are in `brand.toml`, where a template can use them by name (`colors.primary`)"
                ),
                None => "inside `( )`, `{ }` or after `#let`, a name is written without `#` (e.g. `colors.primary`, not `#colors.primary`)"
                    .to_string(),
            };
            d.hints = eco_vec![Spanned::detached(hint.into())];
        } else {
            d.hints.retain(|h| !h.v.contains("you are already in code mode"));
        }
        d
    }

    /// Formats diagnostics with file, line and snippet, each followed by the
    /// template line that produced it.
    pub fn emit(&self, diagnostics: &[SourceDiagnostic]) -> String {
        let mut out = String::new();
        for diagnostic in diagnostics {
            // A mistake in an imported file (`theme.typ`) is shown there; the
            // `#import` that reached it is not the place to fix.
            let mut shown = diagnostic.clone();
            if diagnostic.span.id() != Some(self.main) {
                shown.trace = eco_vec![];
            }
            let mut buf = typst_kit::diagnostics::termcolor::NoColor::new(Vec::new());
            if typst_kit::diagnostics::emit(&mut buf, self, std::slice::from_ref(&shown), DiagnosticFormat::Human).is_err() {
                out.push_str(&format!("{}: {}\n", severity_name(diagnostic), diagnostic.message));
            } else {
                out.push_str(String::from_utf8_lossy(&buf.into_inner()).trim_end());
                out.push('\n');
            }
            if let Some((at, path, line)) = self.template_line(diagnostic) {
                let text = self.templates.read_string(&path).ok().and_then(|t| t.lines().nth(line - 1).map(str::to_string));
                let via_import =
                    diagnostic.span.id() != Some(self.main) && text.as_deref().is_some_and(|t| t.trim_start().starts_with("#import"));
                if !via_import {
                    out.push_str(&format!("  = in template {at}\n"));
                    if let Some(text) = text {
                        out.push_str(&format!("  {line:>4} | {text}\n"));
                    }
                }
            }
            out.push('\n');
        }
        out
    }

    /// Diagnostics as data, each with its template line.
    pub fn describe(&self, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        diagnostics
            .iter()
            .map(|d| {
                let generated = d.span.id().and_then(|id| {
                    let range = self.range(d.span)?;
                    let (line, column) = self.source(id).ok()?.lines().byte_to_line_column(range.start)?;
                    Some(Location { column: Some(column + 1), ..Location::line(DiagnosticWorld::name(self, id), Some(line + 1)) })
                });
                Diagnostic {
                    severity: match d.severity {
                        typst::diag::Severity::Error => Severity::Error,
                        typst::diag::Severity::Warning => Severity::Warning,
                    },
                    hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
                    generated,
                    ..Diagnostic::error(Kind::Typst, self.template_line(d).map(|(at, _, _)| at).unwrap_or_default(), d.message.to_string())
                }
            })
            .collect()
    }

    /// The template line behind a diagnostic: where its span, or else the
    /// first step of its trace, falls in the generated main file.
    /// Returns its location, its path below the templates root and its line.
    fn template_line(&self, diagnostic: &SourceDiagnostic) -> Option<(Location, String, usize)> {
        let start = if diagnostic.span.id() == Some(self.main) {
            self.range(diagnostic.span)?.start
        } else {
            let point = diagnostic.trace.iter().find(|p| p.span.id() == Some(self.main))?;
            self.range(point.span)?.start
        };
        let source = self.source(self.main).ok()?;
        let line = source.lines().byte_to_line(start)?;
        let column = start - source.lines().line_to_byte(line)?;
        let (path, tline) = self.lines.lookup(line + 1, column)?;
        Some((Location::template(self.templates.display(path), path, tline), path.to_string(), tline))
    }
}

/// The line (as a byte range) that leaves open the `open` delimiter found
/// unclosed at `start`: the first line after it, inside it, that opens more
/// `open` than it closes without being the start of a block of its own
/// (a line ending with `open`). Strings and `//` comments are skipped.
/// `None` when no line stands out.
fn unclosed_line(text: &str, start: usize, open: char, close: char) -> Option<std::ops::Range<usize>> {
    let first_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut at = first_end + 1;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[at..end];
        let (mut depth, mut in_string, mut escaped, mut last) = (0i32, false, false, None);
        let mut chars = line.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => break,
                _ if c == open => depth += 1,
                _ if c == close => depth -= 1,
                _ => {}
            }
            if !c.is_whitespace() {
                last = Some(c);
            }
        }
        if depth > 0 && last != Some(open) {
            return Some(at..end);
        }
        at = end + 1;
    }
    None
}

fn severity_name(diagnostic: &SourceDiagnostic) -> &'static str {
    match diagnostic.severity {
        typst::diag::Severity::Error => "error",
        typst::diag::Severity::Warning => "warning",
    }
}

/// A kept world, locked on its own.
type Slot = Arc<Mutex<Option<DocWorld>>>;

/// The Typst worlds kept from one build to the next, by document, main file
/// and templates (see [`compile_kept`]). Keeping them across builds in one
/// process (as `watch` does) keeps Typst's caches warm.
#[derive(Default)]
pub struct Worlds(Mutex<HashMap<String, Slot>>);

/// Compiles a rendered document in the world of `worlds` kept for `name`
/// (the output name), creating it the first time.
pub fn compile_kept(
    worlds: &Worlds,
    name: &str,
    templates: &Templates,
    main_path: &str,
    rendered: Rendered,
    today: Datetime,
) -> Result<(PagedDocument, Vec<Diagnostic>), CompileError> {
    // One lock per world, so that different documents compile in parallel;
    // the map itself is locked only to find or add a world.
    let key = format!("{name}\u{0}{main_path}\u{0}{:?}", templates.dir());
    let slot = {
        let mut map = worlds.0.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(key).or_default().clone()
    };
    let mut slot = slot.lock().unwrap_or_else(|e| e.into_inner());
    let world = match &mut *slot {
        Some(world) => {
            world.replace(rendered.source, rendered.lines, today, rendered.brand);
            world
        }
        empty => {
            empty.insert(DocWorld::with_brand(templates, main_path, rendered.source, today, rendered.brand).with_lines(rendered.lines))
        }
    };
    world.compile()
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        fonts().book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            return self.files.source(id);
        }
        shared_source(id, &self.files.file(id)?)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

impl DiagnosticWorld for DocWorld {
    fn name(&self, id: FileId) -> String {
        let vpath = id.get().vpath().get_with_slash().to_string();
        if id == self.main {
            format!("{} (generated from {})", vpath.trim_start_matches('/'), self.templates.display(&format!("{vpath}.j2")))
        } else {
            self.templates.display(&vpath)
        }
    }
}

/// Starts recording Typst's timings when `path` names a file (a Chrome
/// trace, written by [`write_timings`], to open in `chrome://tracing` or
/// Perfetto): which template lines cost the time.
pub fn record_timings(path: Option<&std::path::Path>) {
    if path.is_some() {
        typst_timing::enable();
    }
}

/// Writes the timings recorded since [`record_timings`] to `path`, each span
/// with its file and line. A failure is a warning, returned.
pub fn write_timings(path: &std::path::Path, kept: &Worlds) -> Option<Diagnostic> {
    let warning = |message: String| Some(Diagnostic::warning(Kind::Output, Location::default(), message));
    match std::fs::File::create(path) {
        Ok(file) => {
            let worlds: Vec<Slot> = kept.0.lock().unwrap_or_else(|e| e.into_inner()).values().cloned().collect();
            let worlds: Vec<_> = worlds.iter().map(|w| w.lock().unwrap_or_else(|e| e.into_inner())).collect();
            let written = typst_timing::export_json(std::io::BufWriter::new(file), |raw| {
                let span = typst::syntax::Span::from_raw(raw);
                let file = span.id().map(|id| id.vpath().get_without_slash().to_string()).unwrap_or_default();
                let line = worlds.iter().flat_map(|w| w.as_ref()).find_map(|world| {
                    let source = world.source(span.id()?).ok()?;
                    source.lines().byte_to_line(world.range(span)?.start)
                });
                (file, line.map_or(0, |l| l as u32 + 1))
            });
            written.err().and_then(|err| warning(format!("could not write Typst's timings: {err}")))
        }
        Err(err) => warning(format!("could not write Typst's timings to {}: {err}", path.display())),
    }
}
