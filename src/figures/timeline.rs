//! The workplan timeline (Gantt-style) chart, laid out as fractions of the
//! axis so the Typst chart function only draws.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::locale::Lang;
use crate::tables::Activity;
use crate::tables::values::Status;
use crate::words::{Plural, fill};

/// The timeline's words, from the content file's `[words.timeline]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TimelineWords {
    /// The description for screen readers, with the fields `{activities}`,
    /// `{projects}`, `{first}`, `{last}` (months), `{completed}`,
    /// `{in_progress}`, `{planned}` (counts).
    pub alt: String,
    /// `{n} activity` / `{n} activities`.
    pub activities: Plural,
    /// `{n} project` / `{n} projects`.
    pub projects: Plural,
    /// Added to the description when a line marks a date: `{marker}` is the
    /// marker's label, `{date}` its date.
    pub marker_alt: String,
    /// The meeting marker's label, `{date}` the meeting's day.
    pub marker: String,
    /// The status of a completed activity, as printed beside its bar.
    pub completed: String,
    /// The status of an activity in progress.
    pub in_progress: String,
    /// The status of a planned activity.
    pub planned: String,
}

impl TimelineWords {
    /// The printed name of `status`.
    pub fn status(&self, status: Status) -> &str {
        match status {
            Status::Completed => &self.completed,
            Status::InProgress => &self.in_progress,
            Status::Planned => &self.planned,
        }
    }
}

/// A month tick on the axis.
#[derive(Debug, Clone, Serialize)]
pub struct MonthTick {
    /// `Oct`.
    pub label: String,
    /// The year, on the first tick and on each January.
    pub year: Option<i32>,
    /// The month's year, on every tick (for a chart trimmed to fewer months).
    pub in_year: i32,
    /// Where the month starts, 0 to 1.
    pub at: f64,
    /// The month's width, 0 to 1.
    pub width: f64,
}

/// One activity bar.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineRow {
    /// The project.
    pub project: String,
    /// The activity.
    pub activity: String,
    /// The activity as printed beside its bar: in full, wrapped.
    pub label: String,
    /// Its status.
    pub status: Status,
    /// The status as printed.
    pub status_label: String,
    /// Its start, if given.
    pub start: Option<NaiveDate>,
    /// Its due date, if given.
    pub due: Option<NaiveDate>,
    /// Where the bar starts, 0 to 1.
    pub from: f64,
    /// Where the bar ends, 0 to 1.
    pub to: f64,
}

/// A vertical marker, such as the meeting date.
#[derive(Debug, Clone, Serialize)]
pub struct Marker {
    /// Its label.
    pub label: String,
    /// Its date.
    pub date: NaiveDate,
    /// Where it is, 0 to 1.
    pub at: f64,
}

/// A timeline chart's data.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// The first day on the axis.
    pub start: NaiveDate,
    /// The day after the last day on the axis.
    pub end: NaiveDate,
    /// The month ticks.
    pub months: Vec<MonthTick>,
    /// The bars, grouped by project in the order projects first appear.
    pub rows: Vec<TimelineRow>,
    /// The marker, if it falls on the axis.
    pub marker: Option<Marker>,
    /// The chart's description for screen readers.
    pub alt: String,
    /// The activity rows drawn (for the PowerPoint deck's notes).
    pub rows_used: Vec<String>,
}

/// Builds the timeline of `activities` that have a start or a due date, in
/// `words`. Returns `None` when none has a date.
pub fn build(activities: &[&Activity], marker: Option<(NaiveDate, String)>, words: &TimelineWords, lang: Lang) -> Option<Timeline> {
    let dated: Vec<&&Activity> = activities.iter().filter(|a| a.start.is_some() || a.due.is_some()).collect();
    let first = dated.iter().filter_map(|a| a.start.or(a.due)).min()?;
    let last = dated.iter().filter_map(|a| a.due.or(a.start)).max()?;
    let (mut lo, mut hi) = (first, last);
    if let Some((date, _)) = &marker {
        lo = lo.min(*date);
        hi = hi.max(*date);
    }
    let start = lo.with_day(1)?;
    let end = hi.with_day(1)?.checked_add_months(Months::new(1))?;
    let span = (end - start).num_days().max(1) as f64;
    let frac = |d: NaiveDate| ((d - start).num_days() as f64 / span).clamp(0.0, 1.0);

    let mut months = Vec::new();
    let mut m = start;
    while m < end {
        let next = m.checked_add_months(Months::new(1))?;
        let year = (m == start || m.month() == 1).then_some(m.year());
        months.push(MonthTick { label: lang.short_month(m), year, in_year: m.year(), at: frac(m), width: frac(next) - frac(m) });
        m = next;
    }

    // Group by project in first-seen order, then by start date.
    let mut projects: Vec<String> = Vec::new();
    for a in &dated {
        let p = a.project.clone().unwrap_or_default();
        if !projects.contains(&p) {
            projects.push(p);
        }
    }
    let mut rows: Vec<TimelineRow> = dated
        .iter()
        .map(|a| {
            let from_date = a.start.or(a.due).unwrap_or(start);
            let to_date = a.due.or(a.start).unwrap_or(from_date);
            TimelineRow {
                project: a.project.clone().unwrap_or_default(),
                activity: a.activity.clone(),
                label: a.activity.clone(),
                status: a.status,
                status_label: words.status(a.status).to_string(),
                start: a.start,
                due: a.due,
                from: frac(from_date),
                to: frac(to_date.succ_opt().unwrap_or(to_date)),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let pa = projects.iter().position(|p| *p == a.project);
        let pb = projects.iter().position(|p| *p == b.project);
        pa.cmp(&pb).then(a.from.total_cmp(&b.from)).then(a.to.total_cmp(&b.to))
    });

    let marker = marker.map(|(date, label)| Marker { at: frac(date), date, label });
    let count = |s: Status| rows.iter().filter(|r| r.status == s).count();
    let n = |s: Status| lang.number(count(s) as i64);
    let mut alt = fill(
        &words.alt,
        &[
            ("activities", &words.activities.of(rows.len() as u64, lang)),
            ("projects", &words.projects.of(projects.len() as u64, lang)),
            ("first", &lang.month_year(start)),
            ("last", &lang.month_year(end - chrono::Days::new(1))),
            ("completed", &n(Status::Completed)),
            ("in_progress", &n(Status::InProgress)),
            ("planned", &n(Status::Planned)),
        ],
    );
    if let Some(m) = &marker {
        alt.push(' ');
        alt.push_str(&fill(&words.marker_alt, &[("marker", &m.label), ("date", &lang.long_date(m.date))]));
    }
    let rows_used = dated.iter().map(|a| a.source.cite()).collect();
    Some(Timeline { start, end, months, rows, marker, alt, rows_used })
}

/// The height a row takes on a deck slide, in points, estimated from its
/// label (at 18 pt in a label column about 520 pt wide, about 56
/// characters a line) and whether a project's name heads it.
fn deck_row_height(row: &TimelineRow, headed: bool) -> f64 {
    const PER_LINE: usize = 56;
    let mut lines = 1;
    let mut used = 0;
    for word in row.label.split_whitespace() {
        let n = word.chars().count();
        if used > 0 && used + 1 + n > PER_LINE {
            lines += 1;
            used = 0;
        }
        lines += n / (PER_LINE + 1);
        used += if used > 0 { 1 + n % (PER_LINE + 1) } else { n % (PER_LINE + 1) };
    }
    let label = (lines as f64 * 18.0 * 1.2 + 10.0).max(30.0);
    label + if headed { 36.0 } else { 0.0 }
}

/// Keeps the rows of `timeline` that fit about `slides` deck slides, those
/// nearest `today` first (work under way, then by how far the activity's
/// dates are from it), in their order; returns the rows left out, in
/// theirs. The axis stays the whole timeline's, so every slide of it, and
/// the appendix, share one time axis.
pub fn keep_for_slides(timeline: &mut Timeline, today: NaiveDate, slides: usize) -> Vec<TimelineRow> {
    const ROOM: f64 = 400.0;
    let budget = ROOM * slides as f64;
    let heights = |rows: &[&TimelineRow]| {
        let mut last: Option<&str> = None;
        rows.iter()
            .map(|r| {
                let headed = last != Some(r.project.as_str());
                last = Some(r.project.as_str());
                deck_row_height(r, headed)
            })
            .sum::<f64>()
    };
    let all: Vec<&TimelineRow> = timeline.rows.iter().collect();
    if heights(&all) <= budget {
        return Vec::new();
    }
    let distance = |r: &TimelineRow| -> i64 {
        if r.status == Status::InProgress {
            return 0;
        }
        let from = r.start.or(r.due);
        let to = r.due.or(r.start);
        match (from, to) {
            (Some(a), Some(b)) if a <= today && today <= b => 0,
            (Some(a), _) if a > today => (a - today).num_days(),
            (_, Some(b)) => (today - b).num_days() + 1,
            _ => i64::MAX,
        }
    };
    let mut order: Vec<usize> = (0..timeline.rows.len()).collect();
    order.sort_by_key(|&i| (distance(&timeline.rows[i]), i));
    let mut keep = vec![false; timeline.rows.len()];
    for i in order {
        keep[i] = true;
        let kept: Vec<&TimelineRow> = timeline.rows.iter().zip(&keep).filter(|(_, k)| **k).map(|(r, _)| r).collect();
        if heights(&kept) > budget {
            keep[i] = false;
        }
    }
    let rows = std::mem::take(&mut timeline.rows);
    let (kept, left): (Vec<_>, Vec<_>) = rows.into_iter().zip(keep).partition(|(_, k)| *k);
    timeline.rows = kept.into_iter().map(|(r, _)| r).collect();
    left.into_iter().map(|(r, _)| r).collect()
}
