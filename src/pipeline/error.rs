//! The one error type of the pipeline and the commands: every stage's
//! failure, with its exit code and its `--json` form.

use std::path::PathBuf;

use crate::compile::CompileError;
use crate::diag::Diagnostics;
use crate::figures::FiguresError;
use crate::output::OutputError;
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
    /// A file could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A folder could not be watched.
    #[error("cannot watch `{path}`: {detail}")]
    Watch {
        /// The folder.
        path: String,
        /// Why.
        detail: String,
    },
    /// `watch` was started where there is no inputs folder.
    #[error("there is no inputs folder `{}` here; run `wecoss-report init` to make one (with the templates), or name yours with `--inputs`", crate::diag::shown_path(dir))]
    NoInputs {
        /// The folder looked for.
        dir: PathBuf,
    },
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
    let each: Vec<String> = kinds
        .iter()
        .map(|g| format!("`{}` ({} row{})", g.kind.name(), g.rows, crate::words::s(g.rows as u64)))
        .collect();
    let names: Vec<&str> = kinds.iter().map(|g| g.kind.name()).collect();
    let flag = names.iter().map(|n| if n.contains(' ') { format!("\"{n}\"") } else { n.to_string() }).collect::<Vec<_>>().join(",");
    format!(
        "the last build of `{inputs}` counted rows of {} and now {} none, so the documents in `{out}` were not replaced (a renamed header or a moved file would print zeros); run `wecoss-report check` to see how each sheet was read, and if the table was removed on purpose, build again with `--allow-missing {flag}`",
        each.join(", "),
        if kinds.len() == 1 { "it has" } else { "they have" },
    )
}

impl Error {
    /// The process's exit code for this error: 2 for a usage mistake (a
    /// missing inputs folder, a bad option or settings file), 1 for
    /// anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::NoInputs { .. } | Error::Usage(_) | Error::Settings(_) => 2,
            _ => 1,
        }
    }

    /// The error as machine-readable diagnostics, for `--json`: the same
    /// shape as `check --json` (`severity`, `location`, `message`), with the
    /// template file and line in `location` for template and Typst errors.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        if let Error::Data { diagnostics } = self {
            return json!({ "diagnostics": diagnostics });
        }
        let diagnostics: Vec<serde_json::Value> = match self {
            Error::Compile(CompileError::Typst(errors)) => errors
                .diagnostics
                .iter()
                .map(|d| {
                    let mut v = json!({ "severity": d.severity, "kind": "typst", "message": d.message });
                    if let Some(t) = &d.template {
                        v["location"] = json!({ "file": t.file, "template": t.path, "line": t.line });
                    }
                    if let Some(file) = &d.file {
                        v["typst"] = json!({ "file": file, "line": d.line, "column": d.column });
                    }
                    if !d.hints.is_empty() {
                        v["hints"] = json!(d.hints);
                    }
                    v
                })
                .collect(),
            Error::Render(RenderError::Template { file, line, detail }) => {
                let message = detail.lines().next().unwrap_or_default();
                vec![json!({ "severity": "error", "kind": "template", "location": { "file": file, "line": line }, "message": message, "detail": detail })]
            }
            Error::ContentFile(problems) => content_json(std::slice::from_ref(problems)),
            Error::ContentFiles(files) => content_json(files),
            Error::Content { file, detail } => {
                vec![json!({ "severity": "error", "kind": "content", "location": { "file": file }, "message": detail })]
            }
            other => {
                let kind = match other {
                    Error::Data { .. } | Error::MissingTables { .. } => "data",
                    Error::Settings(_) => "settings",
                    Error::Usage(_) => "usage",
                    Error::Figures(_) => "figures",
                    Error::Template(_) => "template",
                    Error::Compile(_) => "export",
                    Error::Output(_) | Error::Stdout(_) => "output",
                    _ => "error",
                };
                vec![json!({ "severity": "error", "kind": kind, "message": other.to_string() })]
            }
        };
        json!({ "diagnostics": diagnostics, "errors": diagnostics.len() })
    }
}


/// The mistakes of content files as `--json` diagnostics.
fn content_json(files: &[crate::content::Problems]) -> Vec<serde_json::Value> {
    use serde_json::json;
    files
        .iter()
        .flat_map(|problems| {
            problems.problems.iter().map(|p| {
                let message = p.message.lines().next().unwrap_or_default();
                json!({ "severity": "error", "kind": "content", "location": { "file": problems.file, "line": p.line }, "message": message })
            })
        })
        .collect()
}
