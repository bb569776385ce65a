//! `check`: read the inputs and report, without building.

use std::fmt::Write;

use serde_json::json;

use super::{Error, print_json, read_inputs};
use crate::args::CheckArgs;
use crate::diag::{Diagnostics, Severity};
use crate::tables::Dataset;

/// Runs `check`; returns whether the inputs are free of errors.
pub fn run(args: &CheckArgs) -> Result<bool, Error> {
    let (data, diags) = read_inputs(&args.input);
    if args.input.json {
        print_json(&json!({ "sheets": data.sheets, "diagnostics": diags, "errors": diags.of(Severity::Error).count() }))?;
    } else {
        // File and sheet names with control characters are escaped.
        print!("{}", crate::diag::shown_lines(&summary(&data, &diags)));
    }
    Ok(!diags.has_errors())
}

/// The human-readable report: sheets, then notes and warnings, then errors,
/// one per line.
pub fn summary(data: &Dataset, diags: &Diagnostics) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "sheets:");
    for s in &data.sheets {
        let place = crate::diag::Location::in_sheet(&s.file, s.sheet.as_deref());
        match s.kind {
            Some(kind) => {
                let _ = write!(out, "  {place}: {} ({} row{} used", kind.name(), s.rows_used, if s.rows_used == 1 { "" } else { "s" });
                if s.columns_dropped > 0 {
                    let _ = write!(out, "; {} identifying or metadata column{} dropped", s.columns_dropped, if s.columns_dropped == 1 { "" } else { "s" });
                }
                if !s.columns_ignored.is_empty() {
                    let cols: Vec<String> = s.columns_ignored.iter().map(|c| format!("`{c}`")).collect();
                    let _ = write!(out, "; ignored {}", cols.join(", "));
                }
                let _ = writeln!(out, ")");
            }
            None => {
                let _ = writeln!(out, "  {place}: skipped");
            }
        }
    }
    for (severity, title) in [(Severity::Note, "notes"), (Severity::Warning, "warnings"), (Severity::Error, "errors")] {
        let items: Vec<_> = diags.of(severity).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{title}:");
        for d in items {
            let _ = writeln!(out, "  {}: {}", d.location, d.message);
        }
    }
    let errors = diags.of(Severity::Error).count();
    let warnings = diags.of(Severity::Warning).count();
    let _ = writeln!(out, "{errors} error{}, {warnings} warning{}", if errors == 1 { "" } else { "s" }, if warnings == 1 { "" } else { "s" });
    out
}
