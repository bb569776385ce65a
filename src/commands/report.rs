//! `report`: the annual report for a calendar or fiscal year.

use std::path::PathBuf;

use serde_json::json;

use super::{Document, Error, content_file, load, produce_all, record_build};
use crate::args::{DEFAULT_MIN_CELL, InputArgs, OutputArgs, ReportArgs, YearArgs};
use crate::figures::FiguresError;
use crate::figures::report::{self, ReportSettings, Year};
use crate::tables::Dataset;
use crate::templates::Templates;

/// The report's template folder.
pub const TEMPLATE: &str = "annual-report";

/// Runs `report`.
pub fn run(args: &ReportArgs) -> Result<Vec<PathBuf>, Error> {
    let (data, _) = load(&args.input, &args.output)?;
    let year = resolve_year(&data, args.year)?;
    let written = build_report(&data, &args.input, &args.output, year, args.min_cell.unwrap_or(DEFAULT_MIN_CELL))?;
    record_build(&data, &args.input, &args.output, &written);
    Ok(written)
}

/// The year asked for, or the most recent year with data.
pub fn resolve_year(data: &Dataset, args: YearArgs) -> Result<Year, Error> {
    let year = match (args.year, args.fiscal) {
        (Some(y), _) => Year::calendar(y),
        (_, Some(y)) => Year::fiscal(y),
        _ => report::latest_year(data).and_then(Year::calendar),
    };
    Ok(year.ok_or(FiguresError::NoYear)?)
}

/// Builds the report for `year`.
pub fn build_report(data: &Dataset, input: &InputArgs, output: &OutputArgs, year: Year, min_cell: u64) -> Result<Vec<PathBuf>, Error> {
    let templates = Templates::new(output.templates.clone());
    let doc = report_document(data, input, &templates, year, min_cell)?;
    produce_all(std::slice::from_ref(&doc), &templates, output)
}

/// The report document for `year`: its figures, ready to render.
pub fn report_document(data: &Dataset, input: &InputArgs, templates: &Templates, year: Year, min_cell: u64) -> Result<Document<'static>, Error> {
    let content_path = format!("{TEMPLATE}/content.toml");
    let content = content_file(templates, &content_path)?;
    let settings: ReportSettings = serde_json::from_value(content.clone())
        .map_err(|e| Error::Content { file: templates.display(&content_path), detail: e.to_string() })?;
    let mut diags = crate::diag::Diagnostics::new();
    let mut figures = report::compute(data, year.clone(), min_cell, &settings, &mut diags);
    // "About the data" names files as found in the inputs folder, never by
    // the path of the machine that built it.
    for source in &mut figures.sources {
        source.file = relative_to(&source.file, &input.inputs);
    }
    if !input.json {
        super::print_diagnostics(&diags, crate::diag::Severity::Warning);
    }
    let mut context = serde_json::to_value(&figures).map_err(std::io::Error::other)?;
    context["content"] = content;
    context["generator"] = json!({ "name": "wecoss-report", "version": env!("CARGO_PKG_VERSION") });
    context["cover_image"] = json!(super::cover_image(templates));
    let name = format!("{TEMPLATE}-{}", year.label.replace('–', "-"));
    Ok(Document { template: TEMPLATE, name, context, date: year.period.end })
}

/// `file` relative to the inputs folder `inputs` (with `/` separators), or
/// its file name when it is not inside it.
fn relative_to(file: &str, inputs: &std::path::Path) -> String {
    let path = std::path::Path::new(file);
    let join = |r: &std::path::Path| r.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
    if let Ok(r) = path.strip_prefix(inputs) {
        return join(r);
    }
    if let (Ok(p), Ok(i)) = (path.canonicalize(), inputs.canonicalize())
        && let Ok(r) = p.strip_prefix(&i)
    {
        return join(r);
    }
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| file.to_string())
}
