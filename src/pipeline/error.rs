//! The one error type of the pipeline and the commands: every stage's
//! failure, with its exit code and its `--json` form.

use std::path::PathBuf;

use crate::compile::CompileError;
use crate::diag::{Diagnostic, Diagnostics, Kind, Location, Severity};
use crate::export::ExportError;
use crate::export::html::HtmlError;
use crate::export::pptx::PptxError;
use crate::figures::FiguresError;
use crate::output::WriteError;
use crate::render::RenderError;
use crate::templates::TemplateError;

use super::last_build;

/// Everything that can stop the pipeline or a command, from any stage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The inputs have errors.
    #[error("{} error{} in the inputs; nothing was built (run `wecoss-report check` for the full list)", .diagnostics.errors(), crate::words::s(.diagnostics.errors() as u64))]
    Data {
        /// Every diagnostic of the inputs, errors and warnings.
        diagnostics: Diagnostics,
    },
    /// Figures could not be computed.
    #[error(transparent)]
    Figures(#[from] FiguresError),
    /// A template file could not be read.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A content file has mistakes (syntax, unknown keys, wrong types).
    #[error(transparent)]
    ContentFile(#[from] crate::content::Problems),
    /// Several content files have mistakes: each is named, in one run.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\nerror: "))]
    ContentFiles(Vec<crate::content::Problems>),
    /// A content file's values do not fit the document's settings.
    #[error("{file}: {detail}")]
    Content {
        /// The content file.
        file: String,
        /// What is wrong.
        detail: String,
    },
    /// The template could not be rendered.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Typst could not compile or export.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// The PowerPoint deck could not be made.
    #[error(transparent)]
    Pptx(#[from] PptxError),
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A folder could not be watched.
    #[error("cannot watch `{path}`: {detail}")]
    Watch {
        /// The folder.
        path: String,
        /// Why.
        detail: String,
    },
    /// A command that reads the inputs was run where there is no inputs
    /// folder (outside the working folder).
    #[error(
        "there is no inputs folder `{}` here; run `wecoss-report init` to make one (with the templates), or run the command in the working folder `init` made (the one with `inputs/` and `wecoss.toml`), or name yours with `--inputs`",
        crate::diag::shown_path(dir)
    )]
    NoInputs {
        /// The folder looked for.
        dir: PathBuf,
    },
    /// A document's figures could not be serialised for its templates.
    #[error("the figures of the document could not be serialised: {0}")]
    Serialize(#[from] serde_json::Error),
    /// JSON could not be written to stdout.
    #[error("cannot write to stdout: {0}")]
    Stdout(#[from] std::io::Error),
    /// The settings file is malformed.
    #[error(transparent)]
    Settings(#[from] crate::settings::SettingsError),
    /// A value on the command line cannot be used.
    #[error("{0}")]
    Usage(String),
    /// Tables that had rows in the last build have none now: the documents
    /// were not replaced.
    #[error("{}", missing_message(kinds, inputs, out))]
    MissingTables {
        /// The kinds gone, with their rows in the last build.
        kinds: Vec<last_build::Gone>,
        /// The inputs folder, as typed.
        inputs: String,
        /// The output folder, as typed.
        out: String,
        /// The warnings of the inputs.
        diagnostics: Diagnostics,
    },
}

/// Why the documents were not replaced, and how to go on.
fn missing_message(kinds: &[last_build::Gone], inputs: &str, out: &str) -> String {
    let each: Vec<String> =
        kinds.iter().map(|g| format!("`{}` ({} row{})", g.kind.name(), g.rows, crate::words::s(g.rows as u64))).collect();
    let names: Vec<&str> = kinds.iter().map(|g| g.kind.name()).collect();
    let flag = names.iter().map(|n| if n.contains(' ') { format!("\"{n}\"") } else { n.to_string() }).collect::<Vec<_>>().join(",");
    format!(
        "the last build of `{inputs}` counted rows of {} and now {} none, so the documents in `{out}` were not replaced (a renamed header or a moved file would print zeros); run `wecoss-report check` to see how each sheet was read, and if the table was removed on purpose, build again with `--allow-missing {flag}`",
        each.join(", "),
        if kinds.len() == 1 { "it has" } else { "they have" },
    )
}

impl Error {
    /// What the error is about (see [`Kind`]), which gives the exit code.
    pub fn kind(&self) -> Kind {
        match self {
            Error::Data { .. } | Error::MissingTables { .. } => Kind::Data,
            Error::Figures(_) | Error::Serialize(_) => Kind::Figures,
            Error::Template(_) | Error::Render(_) => Kind::Template,
            Error::Pptx(PptxError::Template { .. }) => Kind::Template,
            Error::ContentFile(_) | Error::ContentFiles(_) | Error::Content { .. } => Kind::Content,
            Error::Compile(CompileError::Typst(_)) => Kind::Typst,
            Error::Compile(_) | Error::Pptx(_) => Kind::Export,
            Error::Write(_) | Error::Stdout(_) => Kind::Output,
            Error::Watch { .. } => Kind::Watch,
            Error::NoInputs { .. } | Error::Usage(_) => Kind::Usage,
            Error::Settings(_) => Kind::Settings,
        }
    }

    /// The error as located diagnostics, the crate's one model (see
    /// [`crate::diag`]): for inputs, every diagnostic found; for a Typst or
    /// template error, each at its template line; else one error of its
    /// kind.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Data { diagnostics } => diagnostics.iter().cloned().collect(),
            Error::Compile(CompileError::Typst(errors)) => errors.diagnostics.clone(),
            Error::Pptx(PptxError::Template { location, detail }) | Error::Render(RenderError::Template { location, detail }) => {
                vec![Diagnostic {
                    detail: Some(detail.clone()),
                    ..Diagnostic::error(self.kind(), (**location).clone(), detail.lines().next().unwrap_or_default())
                }]
            }
            Error::ContentFile(problems) => content_diagnostics(std::slice::from_ref(problems)),
            Error::ContentFiles(files) => content_diagnostics(files),
            Error::Content { file, detail } => vec![Diagnostic::error(self.kind(), Location::file(file.clone()), detail)],
            other => vec![Diagnostic::error(other.kind(), Location::default(), other.to_string())],
        }
    }

    /// The process's exit code for this error, from its kind (see
    /// [`Kind::exit_code`]): 2 for a usage mistake (a missing inputs folder,
    /// a bad option or settings file), 1 for anything else.
    pub fn exit_code(&self) -> u8 {
        self.kind().exit_code()
    }

    /// The error as machine-readable diagnostics, for `--json`: the same
    /// shape as `check --json` (`diagnostics`, each with `severity`,
    /// `location` and `message`, and `errors`).
    pub fn to_json(&self) -> serde_json::Value {
        let diagnostics = self.diagnostics();
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        serde_json::json!({ "diagnostics": diagnostics, "errors": errors })
    }
}

/// The mistakes of content files, each at its line.
fn content_diagnostics(files: &[crate::content::Problems]) -> Vec<Diagnostic> {
    files
        .iter()
        .flat_map(|problems| {
            problems.problems.iter().map(|p| {
                let message = p.message.lines().next().unwrap_or_default();
                Diagnostic::error(Kind::Content, Location::line(problems.file.clone(), p.line), message)
            })
        })
        .collect()
}

impl From<ExportError> for Error {
    fn from(err: ExportError) -> Self {
        match err {
            ExportError::Compile(err) => Error::Compile(err),
            ExportError::Pptx(err) => Error::Pptx(err),
            ExportError::Html(HtmlError::Render(err)) => Error::Render(err),
            ExportError::Html(HtmlError::Compile(err)) => Error::Compile(err),
        }
    }
}
