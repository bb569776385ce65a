//! A chart's data as a table: the one description of a chart's values that
//! every format prints. The web page shows it under the chart ("Show the
//! data as a table"); the PDF prints it in its appendix of chart data when
//! the chart's description cannot list every value itself (more than
//! [`MAX_LISTED`] values, a timeline, or English data in another
//! language's edition), and the chart's description points to it by its
//! number (`C3`).

use serde::Serialize;

use super::*;

/// The most values a chart's description lists one by one; a chart with
/// more has its data table in the PDF's appendix, and its description says
/// which.
pub const MAX_LISTED: usize = 12;

/// A chart's values as a table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DataTable {
    /// Its number in the PDF's appendix of chart data (`C3`), empty when
    /// the chart's description lists every value itself (the table is
    /// then only in the web page).
    pub number: String,
    /// What it shows: the chart's title.
    pub caption: String,
    /// The column headings; the first heads the row headers.
    pub columns: Vec<String>,
    /// Which columns hold numbers (set right-aligned).
    pub numeric: Vec<bool>,
    /// The rows, each cell as printed, the row's header first.
    pub rows: Vec<Vec<String>>,
    /// The total row, when the chart prints a total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<Vec<String>>,
    /// Whether the PDF prints it in its appendix (the chart's description
    /// points to it): set by [`number_tables`].
    pub in_appendix: bool,
}

impl DataTable {
    /// The table of a bar chart's bars: category, count and (when any bar
    /// has one) percent.
    pub(super) fn of_bars(words: &ReportWords, caption: &str, bars: &[(String, Count)], total: &str, answers: bool) -> Self {
        let with_percent = bars.iter().any(|(_, c)| !c.percent.is_empty());
        let column = |name: &str| words.columns.get(name).cloned().unwrap_or_else(|| name.to_string());
        let mut columns = vec![column(if answers { "answer" } else { "category" }), column("count")];
        if with_percent {
            columns.push(column("percent"));
        }
        let rows = bars
            .iter()
            .map(|(label, c)| {
                let mut row = vec![label.clone(), c.shown.clone()];
                if with_percent {
                    row.push(c.percent.clone());
                }
                row
            })
            .collect();
        let total = (!total.is_empty()).then(|| {
            let mut row = vec![column("total"), total.to_string()];
            if with_percent {
                row.push(String::new());
            }
            row
        });
        let numeric = columns.iter().enumerate().map(|(i, _)| i > 0).collect();
        Self { number: String::new(), caption: caption.to_string(), columns, numeric, rows, total, in_appendix: false }
    }
}

/// "January 115, February 40, March 412 (plans)." for a chart's
/// description, from its bars as printed.
pub(super) fn listed(words: &AltWords, bars: &[(String, Count)], unit: &str) -> String {
    let values: Vec<String> = bars.iter().map(|(label, c)| fill(&words.value, &[("label", label), ("count", &c.shown)])).collect();
    fill(&words.listed, &[("values", &values.join(&words.list_separator)), ("unit", unit)])
}

/// Numbers the data tables the PDF prints in its appendix (`C1`, `C2`, …,
/// in the order of the report's charts), adds to each such chart's
/// description the sentence that points to its table, and lists them in
/// [`ReportFigures::chart_tables`].
pub(super) fn number_tables(figures: &mut ReportFigures, words: &ReportWords) {
    let mut tables: Vec<(&mut DataTable, &mut String)> = Vec::new();
    let s = &mut figures.safety;
    let safety = [
        Some(&mut s.by_month),
        s.previous_by_month.as_mut(),
        Some(&mut s.by_municipality),
        s.previous_by_municipality.as_mut(),
        Some(&mut s.by_plan),
        s.previous_by_plan.as_mut(),
        s.events_by_month.as_mut(),
        s.previous_events_by_month.as_mut(),
    ];
    tables.extend(safety.into_iter().flatten().map(|c| (&mut c.table, &mut c.alt)));
    let c = &mut figures.consultation;
    tables.extend(c.by_municipality.iter_mut().chain(c.by_role.iter_mut()).map(|c| (&mut c.table, &mut c.alt)));
    tables.extend(c.likert.iter_mut().map(|c| (&mut c.table, &mut c.alt)));
    let rest = c.single.iter_mut().chain(c.multi.iter_mut()).chain(c.yes_no.iter_mut());
    let rest = rest.chain(c.focus_groups_by_month.iter_mut()).chain(c.themes.iter_mut());
    tables.extend(rest.map(|c| (&mut c.table, &mut c.alt)));
    tables.push((&mut figures.status.table, &mut figures.status.alt));
    if let (Some(timeline), Some(table)) = (figures.timeline.as_mut(), figures.timeline_table.as_mut()) {
        tables.push((table, &mut timeline.alt));
    }
    let mut appendix = Vec::new();
    for (table, alt) in tables.into_iter().filter(|(t, _)| t.in_appendix) {
        table.number = fill(&words.alt.table_number, &[("n", &(appendix.len() + 1).to_string())]);
        alt.push(' ');
        alt.push_str(&fill(&words.alt.table_pointer, &[("table", &table.number)]));
        appendix.push(table.clone());
    }
    figures.chart_tables = appendix;
}

/// The workplan timeline's table: each activity with its project, status,
/// start and due date. Always in the PDF's appendix: a timeline's dates
/// are too many for its description.
pub(super) fn of_timeline(words: &ReportWords, timeline: &Timeline) -> DataTable {
    let column = |name: &str| words.columns.get(name).cloned().unwrap_or_else(|| name.to_string());
    let columns: Vec<String> = ["activity", "project", "status", "start", "due"].iter().map(|c| column(c)).collect();
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| words.language.long_date(d)).unwrap_or_default();
    let rows = timeline
        .rows
        .iter()
        .map(|r| vec![r.activity.clone(), r.project.clone(), r.status_label.clone(), date(r.start), date(r.due)])
        .collect();
    DataTable {
        number: String::new(),
        caption: words.alt.timeline_table.clone(),
        numeric: vec![false; columns.len()],
        columns,
        rows,
        total: None,
        in_appendix: true,
    }
}
