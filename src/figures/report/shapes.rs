//! What the report's template receives: the figures' shapes, serialized as
//! they are given to the Typst and HTML templates and printed by
//! `--format json`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::*;

/// Events table row.
#[derive(Debug, Clone, Serialize)]
pub struct EventRow {
    /// Date.
    pub date: NaiveDate,
    /// Event.
    pub event: String,
    /// Municipality.
    pub municipality: Option<String>,
    /// Plans handed out.
    pub plans: Option<u64>,
}

/// A focus-group session row.
#[derive(Debug, Clone, Serialize)]
pub struct FocusRow {
    /// Date.
    pub date: NaiveDate,
    /// Group.
    pub group: String,
    /// Municipality.
    pub municipality: Option<String>,
    /// Participants (suppressed when small).
    pub participants: Count,
}

/// Headline numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Kpis {
    /// Events attended in the year.
    pub events: u64,
    /// Residents reached at them.
    pub residents_reached: u64,
    /// Plans distributed in the year.
    pub plans_year: u64,
    /// Plans distributed since the first record, to the year's end.
    pub plans_total: u64,
    /// The first distribution record.
    pub plans_since: Option<NaiveDate>,
    /// % more confident over the year's events.
    pub confident_percent: Option<u64>,
    /// Survey responses received in the year.
    pub survey_responses: u64,
    /// Focus groups held in the year.
    pub focus_groups: u64,
    /// Stakeholder organisations that took part.
    pub stakeholders_engaged: u64,
    /// Stakeholder organisations contacted.
    pub stakeholders_contacted: u64,
    /// Projects in the workplan.
    pub projects: u64,
    /// Pillars in the workplan.
    pub pillars: u64,
    /// Cross-cutting (strategy-wide) projects, not counted in `projects`.
    pub cross_cutting_projects: u64,
}

/// One headline figure of the previous year, beside this year's.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// Last year's figure.
    pub previous: u64,
    /// `up`, `down` or `same`.
    pub direction: &'static str,
    /// The change in whole percent of last year's figure, signed (`+35%`,
    /// `−12%`); for a percentage figure, in points (`+6 points`). Empty
    /// when last year's figure is 0.
    pub change: String,
}

impl Change {
    /// `previous` → `current`; `points` when the figures are percentages.
    pub(super) fn of(current: u64, previous: u64, points: bool, words: &super::ChangeWords, lang: crate::locale::Lang) -> Self {
        let direction = match current.cmp(&previous) {
            std::cmp::Ordering::Greater => "up",
            std::cmp::Ordering::Less => "down",
            std::cmp::Ordering::Equal => "same",
        };
        let sign = |d: i128| {
            if d > 0 {
                "+"
            } else if d < 0 {
                "−"
            } else {
                ""
            }
        };
        let diff = current as i128 - previous as i128;
        let change = if points {
            let count = diff.unsigned_abs();
            super::fill(&words.points.shown(count as u64, &lang.number(count as i64), lang), &[("sign", sign(diff))])
        } else if previous == 0 {
            String::new()
        } else {
            // Rounded half away from zero, in whole percent.
            let pct = (diff.abs() * 200 + previous as i128) / (previous as i128 * 2);
            super::fill(&words.percent, &[("sign", sign(diff)), ("percent", &lang.number(pct as i64))])
        };
        Self { previous, direction, change }
    }
}

/// The previous year (or fiscal year), when the inputs hold it: its label
/// and, for each headline figure whose table has rows dated in it, the
/// change. Undated figures (stakeholders, projects) have none.
#[derive(Debug, Clone, Serialize)]
pub struct PreviousYear {
    /// `2024`, or `2024–25`.
    pub label: String,
    /// Changes by headline figure name (as in [`Kpis`]).
    pub changes: BTreeMap<String, Change>,
}

/// One sector of the partners page.
#[derive(Debug, Clone, Serialize)]
pub struct PartnerSector {
    /// The sector, or `Other partners` when none was recorded.
    pub sector: String,
    /// The organizations, alphabetical.
    pub organizations: Vec<String>,
}

/// The neighbourhood safety planning section.
#[derive(Debug, Clone, Serialize)]
pub struct Safety {
    /// Whether there is anything to show.
    pub has_data: bool,
    /// Plans by month.
    pub by_month: BarChart,
    /// Plans by month in the previous year, on the same scale as
    /// `by_month`, when the distribution log holds that year.
    pub previous_by_month: Option<BarChart>,
    /// Plans by municipality.
    pub by_municipality: BarChart,
    /// Plans by municipality in the previous year, in the same order and
    /// on the same scale as `by_municipality`, when the distribution log
    /// holds that year.
    pub previous_by_municipality: Option<BarChart>,
    /// Plans by plan.
    pub by_plan: BarChart,
    /// Plans by plan in the previous year, as `previous_by_municipality`.
    pub previous_by_plan: Option<BarChart>,
    /// The year's events, when few enough to print (in the appendix when
    /// more than [`MAX_BODY_EVENT_ROWS`], see [`Appendix::events`]).
    pub events: Vec<EventRow>,
    /// Events by month: when there are too many to print in the body, or
    /// when the events table holds the previous year (then beside it).
    pub events_by_month: Option<BarChart>,
    /// Events by month in the previous year, on the same scale as
    /// `events_by_month`, when the events table holds that year.
    pub previous_events_by_month: Option<BarChart>,
    /// How many events the year has.
    pub event_count: usize,
}

/// The community consultation section.
#[derive(Debug, Clone, Serialize)]
pub struct Consultation {
    /// Survey responses in the year.
    pub responses: u64,
    /// Respondents by municipality.
    pub by_municipality: Option<BarChart>,
    /// Respondents by role.
    pub by_role: Option<BarChart>,
    /// Likert questions.
    pub likert: Vec<LikertChart>,
    /// Single-choice questions.
    pub single: Vec<BarChart>,
    /// Multi-select questions, options ranked.
    pub multi: Vec<BarChart>,
    /// Yes/no questions.
    pub yes_no: Vec<BarChart>,
    /// Free-text questions, counted only.
    pub free_text_questions: u64,
    /// Free-text answers, counted only.
    pub free_text_answers: u64,
    /// Focus-group sessions in the year, when few enough to print (in the
    /// appendix when more than [`MAX_BODY_FOCUS_GROUP_ROWS`]).
    pub focus_groups: Vec<FocusRow>,
    /// Sessions by month, when there are too many to print in the body
    /// ([`MAX_BODY_FOCUS_GROUP_ROWS`]) or at all ([`MAX_FOCUS_GROUP_ROWS`]).
    pub focus_groups_by_month: Option<BarChart>,
    /// How many sessions the year has.
    pub focus_group_count: usize,
    /// Themes ranked by how many sessions raised them.
    pub themes: Option<BarChart>,
}

/// One project's activities by status.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectBlock {
    /// The project.
    pub name: String,
    /// Completed activities.
    pub completed: Vec<String>,
    /// In progress.
    pub in_progress: Vec<String>,
    /// Planned.
    pub planned: Vec<String>,
    /// Whether the safety-planning section sits under it.
    pub has_safety: bool,
    /// Whether the consultation section sits under it.
    pub has_consultation: bool,
}

/// A pillar with its projects.
#[derive(Debug, Clone, Serialize)]
pub struct PillarBlock {
    /// The pillar.
    pub name: String,
    /// Its position among the pillars, from 1 (0 for cross-cutting work).
    pub number: usize,
    /// Its projects (none for a pillar with no activities recorded).
    pub projects: Vec<ProjectBlock>,
    /// The pull quotes set in its section.
    pub quotes: Vec<Quote>,
}

/// A planned activity for "looking ahead".
#[derive(Debug, Clone, Serialize)]
pub struct Planned {
    /// The activity.
    pub activity: String,
    /// Its project.
    pub project: Option<String>,
    /// When it starts.
    pub start: Option<NaiveDate>,
    /// When it is due.
    pub due: Option<NaiveDate>,
}

/// The long tables printed in the report's appendix ("Appendix: data
/// tables", after the methods note) instead of in its body, where a chart
/// or a sentence sums them up.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Appendix {
    /// The year's events table (more than [`MAX_BODY_EVENT_ROWS`] rows).
    pub events: bool,
    /// The year's focus-group table (more than
    /// [`MAX_BODY_FOCUS_GROUP_ROWS`] rows).
    pub focus_groups: bool,
    /// The workplan timeline (more than [`MAX_BODY_TIMELINE_ROWS`] rows).
    pub timeline: bool,
}

/// A source file for "about the data".
#[derive(Debug, Clone, Serialize)]
pub struct SourceRow {
    /// The file.
    pub file: String,
    /// SHA-256.
    pub sha256: String,
    /// Its sheets: name, kind read as, rows used.
    pub sheets: Vec<(String, String, usize)>,
}

/// Every row of the sheets read as tables, in plain numbers for "About the
/// data": how many were counted, and how many were left out for each named
/// reason (see [`crate::tables::Ledger`]).
#[derive(Debug, Clone, Default, Serialize)]
pub struct LedgerTotals {
    /// Rows counted.
    pub counted: usize,
    /// Rows left out, by reason (`blank`, `totals`, `headers`, `repeats`),
    /// each with how many; only reasons with some rows.
    pub left_out: Vec<(&'static str, usize)>,
}

/// Everything the annual report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportFigures {
    /// The year.
    pub year: Year,
    /// Headline numbers.
    pub kpis: Kpis,
    /// Every row of the inputs accounted for.
    pub ledger: LedgerTotals,
    /// Neighbourhood safety planning.
    pub safety: Safety,
    /// Community consultation.
    pub consultation: Consultation,
    /// Pillars with their projects, every pillar of the content file
    /// included, in its order.
    pub pillars: Vec<PillarBlock>,
    /// Cross-cutting work (e.g. strategy-wide), after the pillars.
    pub cross_cutting: Vec<PillarBlock>,
    /// The previous year's headline figures, when the inputs hold that year.
    pub previous: Option<PreviousYear>,
    /// Organizations recorded as having taken part, by sector.
    pub partners: Vec<PartnerSector>,
    /// Pull quotes set outside the pillar sections, by place
    /// (`introduction`, `year_at_a_glance`, `looking_ahead`, `partners`).
    pub quotes: BTreeMap<String, Vec<Quote>>,
    /// Activities by status.
    pub status: BarChart,
    /// The workplan timeline.
    pub timeline: Option<Timeline>,
    /// The workplan timeline's data table (always in the PDF's appendix).
    pub timeline_table: Option<DataTable>,
    /// The data tables the PDF prints in its appendix of chart data, in
    /// their numbers' order.
    pub chart_tables: Vec<DataTable>,
    /// Planned activities still to come: due (or, without a due date,
    /// starting) after the year's last day, or undated.
    pub ahead: Vec<Planned>,
    /// Planned activities left out of `ahead` because they were due by
    /// the year's last day.
    pub ahead_past_due: usize,
    /// Which long tables the appendix holds instead of the body.
    pub appendix: Appendix,
    /// Source files.
    pub sources: Vec<SourceRow>,
    /// The latest dated record in the year: the data are "as of" this day.
    pub data_as_of: Option<NaiveDate>,
    /// The suppression threshold.
    pub min_cell: u64,
    /// Where each headline number came from.
    pub provenance: BTreeMap<String, Vec<String>>,
}
