//! `check`: read the inputs and report, without building.

use std::fmt::Write;

use serde_json::json;

use wecoss_report::diag::{Diagnostics, Severity};
use wecoss_report::pipeline::{self, Error, Inputs, Session, last_build};
use wecoss_report::tables::Dataset;

use super::args::CheckArgs;
use super::printer::{Printer, print_json};

/// Runs `check`; returns whether the inputs are free of errors.
pub fn run(args: &CheckArgs, printer: &Printer) -> Result<bool, Error> {
    if !args.input.inputs.is_dir() {
        return Err(Error::NoInputs { dir: args.input.inputs.clone() });
    }
    let last = last_build::read(&args.out, &args.input.inputs);
    let (data, mut diags) = pipeline::read_against(&Inputs::from(&args.input), last.as_ref(), &mut Session::new(), printer);
    if !diags.has_errors() {
        untranslated(&data, args, &mut diags);
    }
    if args.input.json {
        let errors = diags.of(Severity::Error).count();
        print_json(
            &json!({ "sheets": data.sheets, "diagnostics": super::printer::for_json(&diags, printer.verbose()), "errors": errors }),
        )?;
    } else {
        // The report on stdout, the problems on stderr (as `build` prints
        // them), so `check > report.txt` keeps the report and shows the
        // problems. File and sheet names with control characters are escaped.
        let (report, problems) = summary(&data, &diags, printer.verbose());
        eprint!("{}", wecoss_report::diag::shown_lines(&problems));
        print!("{}", wecoss_report::diag::shown_lines(&report));
    }
    Ok(!diags.has_errors())
}

/// With a French edition asked for, a warning for each text of the data
/// it would print in English, at the row it comes from (a problem with
/// the content files is left to `build`).
fn untranslated(data: &Dataset, args: &CheckArgs, diags: &mut Diagnostics) {
    let templates = wecoss_report::templates::Templates::new(args.templates.clone());
    if let Ok(gap) = pipeline::documents::untranslated(data, &templates, &args.lang) {
        for (text, at) in &gap.texts {
            diags.add(wecoss_report::diag::Diagnostic::warning(
                wecoss_report::diag::Kind::Input,
                wecoss_report::diag::Location { file: at.clone(), ..Default::default() },
                format!("no French for `{text}`: the French edition prints it in English; add it in a `(FR)` column beside it, or in a `translations` sheet"),
            ));
        }
    }
}

/// The human-readable report: the sheets and the counts of errors and
/// warnings; and the problems: notes and warnings, then errors, one per
/// line (with `--verbose`, each followed by its detail, a library's words).
pub fn summary(data: &Dataset, diags: &Diagnostics, verbose: bool) -> (String, String) {
    let mut out = String::new();
    let mut problems = String::new();
    let _ = writeln!(out, "sheets:");
    for s in &data.sheets {
        let place = wecoss_report::diag::Location::in_sheet(&s.file, s.sheet.as_deref());
        match (&s.skipped, s.kind) {
            (Some(skipped), _) => {
                let _ = writeln!(out, "  {place}: {}", skipped.describe());
            }
            (None, Some(kind)) => {
                let _ = write!(out, "  {place}: {} ({} row{} used", kind.name(), s.rows_used, wecoss_report::words::s(s.rows_used as u64));
                if s.columns_dropped > 0 {
                    let _ = write!(
                        out,
                        "; {} identifying or metadata column{} dropped",
                        s.columns_dropped,
                        wecoss_report::words::s(s.columns_dropped as u64)
                    );
                }
                if !s.questions.is_empty() {
                    let kinds: Vec<String> = s.questions.iter().map(|(kind, n)| format!("{n} {}", kind.name())).collect();
                    let _ = write!(out, "; questions: {}", kinds.join(", "));
                }
                if !s.columns_unrecognised.is_empty() {
                    let cols: Vec<String> = s
                        .columns_unrecognised
                        .iter()
                        .map(|c| match c.nearest {
                            Some(name) => format!("`{}` (nearest accepted name: `{name}`)", c.header),
                            None => format!("`{}`", c.header),
                        })
                        .collect();
                    let _ = write!(out, "; ignored {}", cols.join(", "));
                } else if !s.columns_ignored.is_empty() {
                    let cols: Vec<String> = s.columns_ignored.iter().map(|c| format!("`{c}`")).collect();
                    let _ = write!(out, "; ignored {}", cols.join(", "));
                }
                let _ = writeln!(out, ")");
                let _ = writeln!(out, "    {}", s.ledger.describe());
            }
            (None, None) if diags.of(Severity::Error).any(|d| d.location == s.location()) => {
                let _ = writeln!(out, "  {place}: not read, see the error below");
            }
            (None, None) => {
                let _ = writeln!(out, "  {place}: skipped");
            }
        }
    }
    for (severity, title) in [(Severity::Note, "notes"), (Severity::Warning, "warnings"), (Severity::Error, "errors")] {
        let items: Vec<_> = diags.of(severity).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(problems, "{title}:");
        for d in items {
            let _ = writeln!(problems, "  {}: {}", d.location, d.message);
            if let Some(detail) = d.detail.as_deref().filter(|_| verbose) {
                let _ = writeln!(problems, "    detail: {detail}");
            }
        }
    }
    let errors = diags.of(Severity::Error).count();
    let warnings = diags.of(Severity::Warning).count();
    let _ = writeln!(
        out,
        "{errors} error{}, {warnings} warning{}",
        wecoss_report::words::s(errors as u64),
        wecoss_report::words::s(warnings as u64)
    );
    (out, problems)
}
