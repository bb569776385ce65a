//! `meetings`: the meetings in the inputs, one per line (date, group, time,
//! location), marking the one `build` makes the deck for.

use std::fmt::Write;

use serde_json::json;

use wecoss_report::diag::Severity;
use wecoss_report::figures::deck::default_meeting;
use wecoss_report::pipeline::{self, Error, Inputs, Session};
use wecoss_report::tables::Meeting;

use super::args::MeetingsArgs;
use super::printer::{Printer, print_json};
use super::today;

/// Runs `meetings`; returns whether the inputs are free of errors (the
/// meetings read are listed either way).
pub fn run(args: &MeetingsArgs, printer: &Printer) -> Result<bool, Error> {
    if !args.input.inputs.is_dir() {
        return Err(Error::NoInputs { dir: args.input.inputs.clone() });
    }
    let (data, diags) = pipeline::read(&Inputs::from(&args.input), &mut Session::new(), printer);
    let mut meetings: Vec<&Meeting> = data.meetings.iter().collect();
    meetings.sort_by(|a, b| (a.date, a.start, &a.group).cmp(&(b.date, b.start, &b.group)));
    let chosen = default_meeting(&data, today());
    if args.input.json {
        let list: Vec<_> = meetings
            .iter()
            .map(|m| {
                json!({
                    "date": m.date,
                    "group": m.group,
                    "start": m.start.map(|t| t.format("%H:%M").to_string()),
                    "end": m.end.map(|t| t.format("%H:%M").to_string()),
                    "location": m.location,
                    "default": Some(m.date) == chosen,
                })
            })
            .collect();
        let errors = diags.of(Severity::Error).count();
        print_json(&json!({ "meetings": list, "diagnostics": super::printer::for_json(&diags, printer.verbose()), "errors": errors }))?;
    } else {
        printer.print_diagnostics(&diags, Severity::Warning);
        print!("{}", table(&meetings, chosen));
    }
    Ok(!diags.has_errors())
}

/// The meetings as aligned columns, the default one marked.
fn table(meetings: &[&Meeting], chosen: Option<chrono::NaiveDate>) -> String {
    if meetings.is_empty() {
        return "no meetings in the inputs; add a sheet with `meeting date` and `working group` columns\n".to_string();
    }
    let time = |m: &Meeting| match (m.start, m.end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => s.format("%H:%M").to_string(),
        _ => String::new(),
    };
    let rows: Vec<[String; 4]> =
        meetings.iter().map(|m| [m.date.to_string(), m.group.clone(), time(m), m.location.clone().unwrap_or_default()]).collect();
    let header = ["date", "group", "time", "location"].map(str::to_string);
    let widths: Vec<usize> = (0..4).map(|i| rows.iter().chain([&header]).map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let line = |r: &[String; 4]| {
        let cells: Vec<String> = r.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        cells.join("  ").trim_end().to_string()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", line(&header));
    for (m, r) in meetings.iter().zip(&rows) {
        let mark = if Some(m.date) == chosen { "  ← the deck `build` makes" } else { "" };
        let _ = writeln!(out, "{}{mark}", line(r));
    }
    out
}
