//! Figures for the annual report: headline tiles with the previous year,
//! the four pillars, charts and their alt text, with counts of people
//! under the privacy threshold suppressed.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::suppress::{self, Count};
use super::timeline::{self, Timeline};
use super::{Period, same_name, whole_percent};
use crate::diag::{Diagnostics, Location};
use crate::tables::values::Status;
use crate::tables::{Activity, Dataset, QuestionType, Survey, normalize};
use crate::words::thousands;

/// Above this many events, the year's events table is summarised by month
/// instead of printed row by row.
pub const MAX_EVENT_ROWS: usize = 400;

/// Above this many focus-group sessions, the year's focus-group table is
/// summarised by month instead of printed row by row, and says so.
pub const MAX_FOCUS_GROUP_ROWS: usize = 100;

/// The report's year.
#[derive(Debug, Clone, Serialize)]
pub struct Year {
    /// `2025`, or `2025–26` for a fiscal year.
    pub label: String,
    /// Whether it is a fiscal year (April 1 to March 31).
    pub fiscal: bool,
    /// The dates covered.
    pub period: Period,
}

impl Year {
    /// A calendar year.
    pub fn calendar(year: i32) -> Option<Self> {
        let period = Period { start: NaiveDate::from_ymd_opt(year, 1, 1)?, end: NaiveDate::from_ymd_opt(year, 12, 31)? };
        Some(Self { label: year.to_string(), fiscal: false, period })
    }

    /// The fiscal year starting April 1 of `year`.
    pub fn fiscal(year: i32) -> Option<Self> {
        let period = Period { start: NaiveDate::from_ymd_opt(year, 4, 1)?, end: NaiveDate::from_ymd_opt(year + 1, 3, 31)? };
        Some(Self { label: format!("{}–{:02}", year, (year + 1).rem_euclid(100)), fiscal: true, period })
    }
}

/// The parts of the report's content file that choose data.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReportSettings {
    /// The pillars in the order the report presents them. Each always has
    /// its section, an empty one saying so.
    #[serde(default)]
    pub pillars: Vec<String>,
    /// Names in the activities' pillar column that are work across the
    /// pillars (such as `Strategy-wide`): shown after the pillars, never
    /// counted as a pillar. A content file from before this setting gets
    /// `Strategy-wide`.
    #[serde(default = "default_cross_cutting")]
    pub cross_cutting: Vec<String>,
    /// The project that owns the neighbourhood safety planning section.
    #[serde(default)]
    pub safety_planning_project: Option<String>,
    /// The project that owns the community consultation section.
    #[serde(default)]
    pub consultation_project: Option<String>,
    /// Pull quotes, written by staff in the content file (never survey
    /// answers).
    #[serde(default)]
    pub quotes: Vec<QuoteSetting>,
}

/// The places a pull quote's `section` may name besides the pillars.
pub const QUOTE_PLACES: [&str; 4] = ["introduction", "year at a glance", "looking ahead", "partners"];

/// A pull quote as the content file gives it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct QuoteSetting {
    /// The words quoted.
    #[serde(default)]
    pub text: String,
    /// Who said them: a role or an organization.
    #[serde(default)]
    pub attribution: Option<String>,
    /// Where the quote goes: a pillar's name, or one of
    /// [`QUOTE_PLACES`]; none for the next pillar section
    /// without a quote.
    #[serde(default)]
    pub section: Option<String>,
}

/// A pull quote, placed.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The words quoted.
    pub text: String,
    /// Who said them (empty when not given).
    pub attribution: String,
}

fn default_cross_cutting() -> Vec<String> {
    vec!["Strategy-wide".to_string()]
}

/// One bar of a bar chart.
#[derive(Debug, Clone, Serialize)]
pub struct Bar {
    /// What the bar counts.
    pub label: String,
    /// The count.
    #[serde(flatten)]
    pub count: Count,
    /// The bar's length, 0 to 1 of the longest bar (0 when suppressed).
    pub length: f64,
}

/// A bar chart with its description.
#[derive(Debug, Clone, Serialize)]
pub struct BarChart {
    /// The chart's title.
    pub title: String,
    /// The bars, in display order.
    pub bars: Vec<Bar>,
    /// The total of all bars, as printed (empty when not shown).
    pub total: String,
    /// The description for screen readers, from the data.
    pub alt: String,
    /// A caption printed under the chart: empty, or what was folded into
    /// the "N others" bar.
    pub note: String,
    /// For a multi-select question, the respondents who answered it, as
    /// printed: each bar's percent is of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub respondents: Option<String>,
}

/// The most bars a chart draws. A chart with more categories shows the
/// `MAX_BARS - 1` largest and one bar "N others" carrying the rest's total.
pub const MAX_BARS: usize = 20;

/// Folds all but the `max - 1` largest items into one last item, "N
/// others", that carries their total. The kept items stay in their order.
/// Returns the items and, when folded, how many went into "others".
pub fn top_and_others(items: Vec<(String, u64)>, max: usize) -> (Vec<(String, u64)>, Option<usize>) {
    if items.len() <= max.max(2) {
        return (items, None);
    }
    let keep = max.max(2) - 1;
    let mut by_size: Vec<usize> = (0..items.len()).collect();
    by_size.sort_by(|&a, &b| items[b].1.cmp(&items[a].1).then(a.cmp(&b)));
    let mut kept = vec![false; items.len()];
    for &i in &by_size[..keep] {
        kept[i] = true;
    }
    let folded = items.len() - keep;
    let rest: u64 = items.iter().zip(&kept).filter(|(_, k)| !**k).map(|(i, _)| i.1).sum();
    let mut out: Vec<(String, u64)> = items.into_iter().zip(&kept).filter(|(_, k)| **k).map(|(i, _)| i).collect();
    out.push((format!("{folded} others"), rest));
    (out, Some(folded))
}

/// Builds a bar chart. `people` turns on suppression with `min`. Above
/// [`MAX_BARS`] categories, the smallest are folded into one "N others" bar,
/// and the caption and alt text say so.
fn bar_chart(title: &str, what: &str, items: Vec<(String, u64)>, people: Option<u64>, show_total: bool) -> BarChart {
    let categories = items.len();
    let (items, folded) = top_and_others(items, MAX_BARS);
    let values: Vec<u64> = items.iter().map(|(_, v)| *v).collect();
    let total: u64 = values.iter().sum();
    let counts = match people {
        Some(min) => suppress::people(&values, total, min, show_total),
        None => values.iter().map(|&v| suppress::plain(v, total)).collect(),
    };
    let max = counts.iter().filter_map(|c| c.value).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = items
        .iter()
        .zip(counts)
        .map(|((label, _), count)| Bar { length: count.value.map(|v| v as f64 / max as f64).unwrap_or(0.0), label: label.clone(), count })
        .collect();
    // The extremes are named among the categories, not the "others" bar.
    let mut alt = chart_alt(title, what, if folded.is_some() { &bars[..bars.len() - 1] } else { &bars });
    let mut note = String::new();
    if let (Some(folded), Some(others)) = (folded, bars.last()) {
        note = format!(
            "The {} largest of {} are shown; the bar “{}” adds up the other {} ({} {what}).",
            bars.len() - 1,
            thousands(categories as i64),
            others.label,
            thousands(folded as i64),
            others.count.shown,
        );
        alt.push(' ');
        alt.push_str(&note);
    }
    BarChart {
        title: title.to_string(),
        bars,
        total: if show_total { thousands(total as i64) } else { String::new() },
        alt,
        note,
        respondents: None,
    }
}

/// "Bar chart of plans distributed by month in 2025; highest July (412),
/// lowest January (38)." Suppressed bars are described as such.
fn chart_alt(title: &str, what: &str, bars: &[Bar]) -> String {
    let shown: Vec<&Bar> = bars.iter().filter(|b| !b.count.suppressed).collect();
    let stop = if title.ends_with(['.', '?', '!']) { "" } else { "." };
    let mut alt = format!("Bar chart: {title}{stop}");
    if let (Some(hi), Some(lo)) = (shown.iter().max_by_key(|b| b.count.value), shown.iter().rev().min_by_key(|b| b.count.value)) {
        if shown.len() > 1 {
            alt.push_str(&format!(" Highest {} ({} {what}), lowest {} ({}).", hi.label, hi.count.shown, lo.label, lo.count.shown));
        } else {
            alt.push_str(&format!(" {} ({} {what}).", hi.label, hi.count.shown));
        }
    }
    let hidden = bars.len() - shown.len();
    if hidden > 0 {
        alt.push_str(&format!(" {hidden} value{} under the privacy threshold not shown.", crate::words::s(hidden as u64)));
    }
    alt
}

/// One segment of a diverging Likert bar.
#[derive(Debug, Clone, Serialize)]
pub struct Segment {
    /// The option, `fewer than 5` (the privacy threshold) for the pooled
    /// small counts, or `Not answered`.
    pub label: String,
    /// Its count. For the pooled segment, `shown` is `<5` and `share` the
    /// pooled options' combined share.
    #[serde(flatten)]
    pub count: Count,
    /// Its position on the scale, 0 (most negative) to 1.
    pub tone: f64,
    /// `negative`, `neutral` or `positive` for a scale option; `pooled` for
    /// the suppressed options together; `not-answered`.
    pub kind: &'static str,
    /// For the pooled segment, the options it holds.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub holds: Vec<String>,
}

/// A Likert question as a bar diverging from the neutral answer. Shares
/// are of the respondents who answered; the pooled small counts and "Not
/// answered" are drawn apart, after the scale, in grey.
#[derive(Debug, Clone, Serialize)]
pub struct LikertChart {
    /// The question.
    pub question: String,
    /// Respondents who answered it.
    pub answered: String,
    /// The segments: the scale's options in order (negative, neutral,
    /// positive), then the pooled `fewer than 5` segment when any option is
    /// suppressed, then `Not answered`.
    pub segments: Vec<Segment>,
    /// The share drawn left of the centre line: the shown negative options
    /// and half the neutral one.
    pub left: f64,
    /// The largest `left` of the section's charts, so that their centre
    /// lines align and statements compare.
    pub left_extent: f64,
    /// The largest share right of the centre of the section's charts.
    pub right_extent: f64,
    /// The largest pooled plus not-answered share of the section's charts.
    pub side_extent: f64,
    /// The combined share of suppressed segments.
    pub suppressed_share: f64,
    /// The description for screen readers.
    pub alt: String,
}

/// A Likert chart of `values` (one per option of `options`, in scale
/// order), out of `answered`, with `not_answered` respondents who left the
/// question blank.
fn likert_chart(question: &str, options: &[String], values: &[u64], answered: u64, not_answered: u64, min: u64) -> LikertChart {
    let counts = suppress::people(values, answered, min, true);
    let n = options.len();
    let steps = (n.max(2) - 1) as f64;
    // The neutral option is the middle one of an odd scale; an even scale
    // has none and its centre falls between the two middle options.
    let kind_of = |i: usize| {
        if n % 2 == 1 && i == n / 2 {
            "neutral"
        } else if 2 * i + 1 < n {
            "negative"
        } else {
            "positive"
        }
    };
    let suppressed_share =
        values.iter().zip(&counts).filter(|(_, c)| c.suppressed).map(|(v, _)| *v as f64).sum::<f64>() / answered.max(1) as f64;
    let mut segments: Vec<Segment> = options
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(i, (o, count))| Segment { label: o.clone(), count, tone: i as f64 / steps, kind: kind_of(i), holds: Vec::new() })
        .collect();
    let left: f64 = segments
        .iter()
        .filter(|s| !s.count.suppressed)
        .map(|s| match s.kind {
            "negative" => s.count.share,
            "neutral" => s.count.share / 2.0,
            _ => 0.0,
        })
        .sum();
    let holds: Vec<String> = segments.iter().filter(|s| s.count.suppressed).map(|s| s.label.clone()).collect();
    let mut described: Vec<String> =
        segments.iter().filter(|s| !s.count.suppressed).map(|s| format!("{} {} ({})", s.label, s.count.shown, s.count.percent)).collect();
    if !holds.is_empty() {
        described.push(format!("{} fewer than {min} each", holds.join(" and ")));
        segments.push(Segment {
            label: format!("fewer than {min}"),
            count: Count { value: None, shown: format!("<{min}"), percent: String::new(), share: suppressed_share, suppressed: true },
            tone: 0.5,
            kind: "pooled",
            holds,
        });
    }
    let mut na = suppress::people(&[not_answered], not_answered, min, false).remove(0);
    // Drawn on the same scale as the answers (a share of those who
    // answered); when nobody answered there is no scale, only the legend.
    na.share = if na.suppressed || answered == 0 { 0.0 } else { not_answered as f64 / answered as f64 };
    na.percent = String::new();
    described.push(format!("{} {}", NOT_ANSWERED.to_lowercase(), na.shown));
    segments.push(Segment { label: NOT_ANSWERED.to_string(), count: na, tone: 0.5, kind: "not-answered", holds: Vec::new() });
    let alt = format!(
        "Bar diverging from the neutral answer, of {} answers to “{}”: {}.",
        thousands(answered as i64),
        question,
        described.join(", ")
    );
    LikertChart {
        question: question.to_string(),
        answered: thousands(answered as i64),
        segments,
        left,
        left_extent: 0.0,
        right_extent: 0.0,
        side_extent: 0.0,
        suppressed_share,
        alt,
    }
}

/// Gives every chart the section's common extents, so their centre lines
/// align.
fn align_likert(charts: &mut [LikertChart]) {
    let right = |c: &LikertChart| {
        c.segments
            .iter()
            .filter(|s| !s.count.suppressed)
            .map(|s| match s.kind {
                "positive" => s.count.share,
                "neutral" => s.count.share / 2.0,
                _ => 0.0,
            })
            .sum::<f64>()
    };
    let side =
        |c: &LikertChart| c.segments.iter().filter(|s| matches!(s.kind, "pooled" | "not-answered")).map(|s| s.count.share).sum::<f64>();
    let l = charts.iter().map(|c| c.left).fold(0.0, f64::max);
    let r = charts.iter().map(right).fold(0.0, f64::max);
    let sd = charts.iter().map(side).fold(0.0, f64::max);
    for c in charts {
        c.left_extent = l;
        c.right_extent = r;
        c.side_extent = sd;
    }
}

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
    fn of(current: u64, previous: u64, points: bool) -> Self {
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
            format!("{}{} point{}", sign(diff), diff.abs(), crate::words::s(diff.unsigned_abs() as u64))
        } else if previous == 0 {
            String::new()
        } else {
            // Rounded half away from zero, in whole percent.
            let pct = (diff.abs() * 200 + previous as i128) / (previous as i128 * 2);
            format!("{}{}%", sign(diff), pct)
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
    /// The year's events, when few enough to print.
    pub events: Vec<EventRow>,
    /// Events by month: when there are too many to print, or when the
    /// events table holds the previous year (then beside it).
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
    /// Focus-group sessions in the year, when few enough to print.
    pub focus_groups: Vec<FocusRow>,
    /// Sessions by month, when there are too many to print
    /// ([`MAX_FOCUS_GROUP_ROWS`]).
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

/// Everything the annual report shows.
#[derive(Debug, Clone, Serialize)]
pub struct ReportFigures {
    /// The year.
    pub year: Year,
    /// Headline numbers.
    pub kpis: Kpis,
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
    /// Planned activities.
    pub ahead: Vec<Planned>,
    /// Source files.
    pub sources: Vec<SourceRow>,
    /// The latest dated record in the year: the data are "as of" this day.
    pub data_as_of: Option<NaiveDate>,
    /// The suppression threshold.
    pub min_cell: u64,
    /// Where each headline number came from.
    pub provenance: BTreeMap<String, Vec<String>>,
}

/// The most recent year with dated data (events, distribution, surveys or
/// focus groups).
pub fn latest_year(data: &Dataset) -> Option<i32> {
    data.events
        .iter()
        .map(|e| e.date)
        .chain(data.distribution.iter().map(|d| d.date))
        .chain(data.focus_groups.iter().map(|f| f.date))
        .chain(data.surveys.iter().flat_map(|s| s.responses.iter().map(|r| r.submitted.date())))
        .max()
        .map(|d| d.year())
}

/// Computes the report's figures.
pub fn compute(data: &Dataset, year: Year, min_cell: u64, settings: &ReportSettings, diags: &mut Diagnostics) -> ReportFigures {
    let p = year.period;
    let min = min_cell.max(1);
    let mut provenance = BTreeMap::new();

    let events: Vec<_> = {
        let mut e: Vec<_> = data.events.iter().filter(|e| p.contains(e.date)).collect();
        e.sort_by_key(|e| e.date);
        e
    };
    let dist: Vec<_> = data.distribution.iter().filter(|d| p.contains(d.date)).collect();
    provenance.insert("events".into(), events.iter().map(|e| e.source.cite()).collect());
    let responses_in_year: Vec<_> =
        data.surveys.iter().flat_map(|s| s.responses.iter().map(move |r| (s, r))).filter(|(_, r)| p.contains(r.submitted.date())).collect();
    let focus: Vec<_> = {
        let mut f: Vec<_> = data.focus_groups.iter().filter(|f| p.contains(f.date)).collect();
        f.sort_by_key(|f| f.date);
        f
    };
    let is_cross = |pillar: &str| settings.cross_cutting.iter().any(|c| same_name(c, pillar));
    let in_pillars = |a: &&Activity| !a.pillar.as_deref().is_some_and(is_cross);
    let distinct = |items: Vec<String>| {
        let mut items = items;
        items.sort();
        items.dedup();
        items.len() as u64
    };
    let dated = dated_figures(data, p);

    let kpis = Kpis {
        events: dated.events,
        residents_reached: dated.residents_reached,
        plans_year: dated.plans_year,
        plans_total: dated.plans_total,
        plans_since: data.distribution.iter().map(|d| d.date).min(),
        confident_percent: dated.confident_percent,
        survey_responses: dated.survey_responses,
        focus_groups: dated.focus_groups,
        stakeholders_engaged: data.stakeholders.iter().filter(|s| s.participated == Some(true)).count() as u64,
        stakeholders_contacted: data.stakeholders.iter().filter(|s| s.contacted == Some(true)).count() as u64,
        projects: distinct(data.activities.iter().filter(in_pillars).filter_map(|a| a.project.clone()).collect()),
        pillars: distinct(data.activities.iter().filter(in_pillars).filter_map(|a| a.pillar.as_deref().map(normalize)).collect()),
        cross_cutting_projects: distinct(
            data.activities
                .iter()
                .filter(|a| !in_pillars(a))
                .map(|a| a.project.clone().unwrap_or_else(|| "Other activities".into()))
                .collect(),
        ),
    };
    let previous = previous_year(data, &year, &dated);

    // Neighbourhood safety planning. When a table holds last year, its
    // charts show last year beside this year, in the same order and on the
    // same scale.
    let label = &year.label;
    let last = previous.as_ref().and_then(|prev| {
        let start = p.start.with_year(p.start.year() - 1)?;
        let end = p.end.with_year(p.end.year() - 1)?;
        Some((prev.label.clone(), Period { start, end }))
    });
    let has = |name: &str| previous.as_ref().is_some_and(|prev| prev.changes.contains_key(name));
    let plans_last = last.as_ref().filter(|_| has("plans_year"));
    let events_last = last.as_ref().filter(|_| has("events"));
    let mut by_month = bar_chart(&format!("Plans distributed by month, {label}"), "plans", plans_by_month(data, p), None, true);
    let previous_by_month = plans_last.map(|(prev, lp)| {
        let mut chart = bar_chart(&format!("Plans distributed by month, {prev}"), "plans", plans_by_month(data, *lp), None, true);
        common_scale(&mut by_month, &mut chart);
        chart
    });
    let dist_in = |q: Period| data.distribution.iter().filter(move |d| q.contains(d.date));
    let municipality = |d: &&crate::tables::Distribution| d.municipality.as_deref().unwrap_or("Not recorded").to_string();
    let plan = |d: &&crate::tables::Distribution| d.plan.as_deref().unwrap_or("Not recorded").to_string();
    let breakdown = |what: &str, key: &dyn Fn(&&crate::tables::Distribution) -> String| {
        let title = format!("Plans distributed by {what}, {label}");
        let now = ranked(dist_in(p).map(|d| (key(&d), d.quantity)));
        match plans_last {
            None => (bar_chart(&title, "plans", now, None, false), None),
            Some((prev, lp)) => {
                let then = ranked(dist_in(*lp).map(|d| (key(&d), d.quantity)));
                let (a, b) = paired_charts(&title, &format!("Plans distributed by {what}, {prev}"), "plans", now, then);
                (a, Some(b))
            }
        }
    };
    let (by_municipality, previous_by_municipality) = breakdown("municipality", &municipality);
    let (by_plan, previous_by_plan) = breakdown("plan", &plan);
    let too_many = events.len() > MAX_EVENT_ROWS;
    let (mut events_by_month, previous_events_by_month) = match events_last {
        Some((prev, lp)) => {
            let mut now = bar_chart(&format!("Events attended by month, {label}"), "events", events_by_month(data, p), None, true);
            let mut then = bar_chart(&format!("Events attended by month, {prev}"), "events", events_by_month(data, *lp), None, true);
            common_scale(&mut now, &mut then);
            (Some(now), Some(then))
        }
        None if too_many => {
            (Some(bar_chart(&format!("Events attended by month, {label}"), "events", events_by_month(data, p), None, true)), None)
        }
        None => (None, None),
    };
    let event_rows = if too_many {
        Vec::new()
    } else {
        events
            .iter()
            .map(|e| EventRow { date: e.date, event: e.name.clone(), municipality: e.municipality.clone(), plans: e.plans_distributed })
            .collect()
    };
    if events.is_empty() && previous_events_by_month.is_none() {
        events_by_month = None;
    }
    let safety = Safety {
        has_data: !events.is_empty() || !dist.is_empty(),
        by_month,
        previous_by_month,
        by_municipality,
        previous_by_municipality,
        by_plan,
        previous_by_plan,
        events: event_rows,
        events_by_month,
        previous_events_by_month,
        event_count: events.len(),
    };

    let mut consultation = consultation(data, &responses_in_year, &focus, min, label);
    consultation.focus_group_count = focus.len();
    if focus.len() > MAX_FOCUS_GROUP_ROWS {
        // Sessions, not people, are counted: no small-count suppression.
        let by_month = ranked_in_order(focus.iter().map(|f| (f.date.format("%B %Y").to_string(), 1)));
        consultation.focus_groups_by_month =
            Some(bar_chart(&format!("Focus groups held by month, {label}"), "sessions", by_month, None, true));
        consultation.focus_groups.clear();
    }
    if kpis.survey_responses == 0 && !data.surveys.is_empty() {
        diags.warning(
            Location::file(data.surveys[0].file.clone()),
            format!("no survey response is dated in {label}; the report's consultation section has no survey results"),
        );
    }

    // Pillars with their projects: every pillar of the content file, then
    // any other pillar in the activities; cross-cutting work apart.
    let mut order: Vec<String> = settings.pillars.iter().filter(|p| !is_cross(p)).cloned().collect();
    let mut cross: Vec<String> = settings.cross_cutting.clone();
    for a in &data.activities {
        let Some(p) = a.pillar.as_deref() else { continue };
        let list = if is_cross(p) { &mut cross } else { &mut order };
        if !list.iter().any(|o| same_name(o, p)) {
            list.push(p.to_string());
        }
    }
    let owns = |project: &str, setting: &Option<String>| setting.as_deref().is_some_and(|s| same_name(s, project));
    let block = |pillar: &String, number: usize| {
        let acts: Vec<&Activity> = data.activities.iter().filter(|a| a.pillar.as_deref().is_some_and(|p| same_name(p, pillar))).collect();
        let mut names: Vec<String> = Vec::new();
        for a in &acts {
            let n = a.project.clone().unwrap_or_else(|| "Other activities".into());
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let projects: Vec<ProjectBlock> = names
            .iter()
            .map(|name| {
                let of = |s: Status| {
                    acts.iter()
                        .filter(|a| a.status == s && a.project.as_deref().unwrap_or("Other activities") == name)
                        .map(|a| a.activity.clone())
                        .collect()
                };
                ProjectBlock {
                    name: name.clone(),
                    completed: of(Status::Completed),
                    in_progress: of(Status::InProgress),
                    planned: of(Status::Planned),
                    has_safety: owns(name, &settings.safety_planning_project),
                    has_consultation: owns(name, &settings.consultation_project),
                }
            })
            .collect();
        // The content file's spelling names the section.
        PillarBlock { name: pillar.clone(), number, projects, quotes: Vec::new() }
    };
    let mut pillars: Vec<PillarBlock> = order.iter().enumerate().map(|(i, p)| block(p, i + 1)).collect();
    let mut cross_cutting: Vec<PillarBlock> = cross.iter().map(|p| block(p, 0)).filter(|b| !b.projects.is_empty()).collect();
    let quotes = place_quotes(&settings.quotes, &mut pillars, &mut cross_cutting);
    let partners = partners(data);

    let status_counts: Vec<(String, u64)> = [Status::Completed, Status::InProgress, Status::Planned]
        .iter()
        .map(|s| (s.label().to_string(), data.activities.iter().filter(|a| a.status == *s).count() as u64))
        .collect();
    let status = bar_chart("Workplan activities by status", "activities", status_counts, None, true);
    let all: Vec<&Activity> = data.activities.iter().collect();
    let timeline = timeline::build(&all, None);
    let mut ahead: Vec<Planned> = data
        .activities
        .iter()
        .filter(|a| a.status == Status::Planned)
        .map(|a| Planned { activity: a.activity.clone(), project: a.project.clone(), start: a.start, due: a.due })
        .collect();
    ahead.sort_by_key(|a| (a.start.or(a.due).is_none(), a.start.or(a.due)));

    let sources = data
        .files
        .iter()
        .map(|f| SourceRow {
            file: f.file.clone(),
            sha256: f.sha256.clone(),
            sheets: data
                .sheets
                .iter()
                .filter(|s| s.file == f.file)
                .map(|s| {
                    (
                        s.sheet.clone().unwrap_or_else(|| "(CSV)".into()),
                        s.kind.map(|k| k.name()).unwrap_or("skipped").to_string(),
                        s.rows_used,
                    )
                })
                .collect(),
        })
        .collect();

    ReportFigures {
        year,
        kpis,
        safety,
        consultation,
        pillars,
        cross_cutting,
        previous,
        partners,
        quotes,
        status,
        timeline,
        ahead,
        sources,
        data_as_of: events
            .iter()
            .map(|e| e.date)
            .chain(dist.iter().map(|d| d.date))
            .chain(focus.iter().map(|f| f.date))
            .chain(responses_in_year.iter().map(|(_, r)| r.submitted.date()))
            .max(),
        min_cell: min,
        provenance,
    }
}

/// Places the content file's pull quotes: each in the section its
/// `section` names (a pillar's, or one of [`QUOTE_PLACES`]),
/// else in the next pillar section, in the report's order, that has none
/// yet (once every section has one, from the first again). Returns the
/// quotes placed outside the pillar sections, by place (`year at a glance`
/// as `year_at_a_glance`).
fn place_quotes(settings: &[QuoteSetting], pillars: &mut [PillarBlock], cross: &mut [PillarBlock]) -> BTreeMap<String, Vec<Quote>> {
    // Every place has its list, empty or not, for the template.
    let mut elsewhere: BTreeMap<String, Vec<Quote>> = QUOTE_PLACES.iter().map(|p| (p.replace(' ', "_"), Vec::new())).collect();
    let mut unplaced = Vec::new();
    for q in settings.iter().filter(|q| !q.text.trim().is_empty()) {
        let quote = Quote { text: q.text.trim().to_string(), attribution: q.attribution.as_deref().unwrap_or("").trim().to_string() };
        let Some(section) = q.section.as_deref() else {
            unplaced.push(quote);
            continue;
        };
        if let Some(place) = QUOTE_PLACES.iter().find(|p| same_name(p, section)) {
            elsewhere.entry(place.replace(' ', "_")).or_default().push(quote);
        } else if let Some(b) = pillars.iter_mut().chain(cross.iter_mut()).find(|b| same_name(&b.name, section)) {
            b.quotes.push(quote);
        } else {
            // A pillar the report does not print (cross-cutting work with
            // no activities): the quote still appears.
            unplaced.push(quote);
        }
    }
    let sections = pillars.len() + cross.len();
    for quote in unplaced {
        if sections == 0 {
            elsewhere.entry("introduction".into()).or_default().push(quote);
            continue;
        }
        let fewest = pillars.iter().chain(cross.iter()).map(|b| b.quotes.len()).min().unwrap_or(0);
        if let Some(b) = pillars.iter_mut().chain(cross.iter_mut()).find(|b| b.quotes.len() == fewest) {
            b.quotes.push(quote);
        }
    }
    elsewhere
}

/// The headline figures that are counted from dated rows, for one period.
#[derive(Debug, Clone, Default)]
struct DatedFigures {
    events: u64,
    residents_reached: u64,
    plans_year: u64,
    plans_total: u64,
    confident_percent: Option<u64>,
    survey_responses: u64,
    focus_groups: u64,
}

/// Counts [`DatedFigures`] over `p`.
fn dated_figures(data: &Dataset, p: Period) -> DatedFigures {
    let events: Vec<_> = data.events.iter().filter(|e| p.contains(e.date)).collect();
    let with_feedback: Vec<(u64, u64)> = events.iter().filter_map(|e| Some((e.felt_more_confident?, e.feedback_responses?))).collect();
    DatedFigures {
        events: events.len() as u64,
        residents_reached: events.iter().filter_map(|e| e.residents_reached).sum(),
        plans_year: data.distribution.iter().filter(|d| p.contains(d.date)).map(|d| d.quantity).sum(),
        plans_total: data.distribution.iter().filter(|d| d.date <= p.end).map(|d| d.quantity).sum(),
        confident_percent: whole_percent(with_feedback.iter().map(|c| c.0).sum(), with_feedback.iter().map(|c| c.1).sum()),
        survey_responses: data.surveys.iter().flat_map(|s| &s.responses).filter(|r| p.contains(r.submitted.date())).count() as u64,
        focus_groups: data.focus_groups.iter().filter(|f| p.contains(f.date)).count() as u64,
    }
}

/// The year (or fiscal year) before `year`, with the change of each
/// headline figure whose table has rows dated in it; `None` when no table
/// has.
fn previous_year(data: &Dataset, year: &Year, now: &DatedFigures) -> Option<PreviousYear> {
    let start = year.period.start.year() - 1;
    let prev = if year.fiscal { Year::fiscal(start)? } else { Year::calendar(start)? };
    let p = prev.period;
    let then = dated_figures(data, p);
    let has_events = data.events.iter().any(|e| p.contains(e.date));
    let has_plans = data.distribution.iter().any(|d| p.contains(d.date));
    let has_survey = data.surveys.iter().flat_map(|s| &s.responses).any(|r| p.contains(r.submitted.date()));
    let has_focus = data.focus_groups.iter().any(|f| p.contains(f.date));
    let mut changes = BTreeMap::new();
    let mut add = |name: &str, held: bool, current: u64, previous: u64| {
        if held {
            changes.insert(name.to_string(), Change::of(current, previous, false));
        }
    };
    add("events", has_events, now.events, then.events);
    add("residents_reached", has_events, now.residents_reached, then.residents_reached);
    add("plans_year", has_plans, now.plans_year, then.plans_year);
    add("plans_total", has_plans, now.plans_total, then.plans_total);
    add("survey_responses", has_survey, now.survey_responses, then.survey_responses);
    add("focus_groups", has_focus, now.focus_groups, then.focus_groups);
    if let (Some(current), Some(previous)) = (now.confident_percent, then.confident_percent) {
        changes.insert("confident_percent".to_string(), Change::of(current, previous, true));
    }
    (!changes.is_empty()).then_some(PreviousYear { label: prev.label, changes })
}

/// Organizations recorded as having taken part, grouped by sector (sectors
/// alphabetical, unrecorded last), each named once.
fn partners(data: &Dataset) -> Vec<PartnerSector> {
    const OTHER: &str = "Other partners";
    let mut by_sector: BTreeMap<String, (String, BTreeMap<String, String>)> = BTreeMap::new();
    for s in data.stakeholders.iter().filter(|s| s.participated == Some(true)) {
        let sector = s.sector.as_deref().map(str::trim).filter(|t| !t.is_empty()).unwrap_or(OTHER);
        let key = if sector == OTHER { "\u{10ffff}".to_string() } else { normalize(sector) };
        let entry = by_sector.entry(key).or_insert_with(|| (sector.to_string(), BTreeMap::new()));
        entry.1.entry(normalize(&s.organization)).or_insert_with(|| s.organization.clone());
    }
    by_sector
        .into_values()
        .map(|(sector, orgs)| {
            let mut organizations: Vec<String> = orgs.into_values().collect();
            organizations.sort_by_key(|o| o.to_lowercase());
            PartnerSector { sector, organizations }
        })
        .collect()
}

/// Plans distributed in each month of `p`, named by month.
fn plans_by_month(data: &Dataset, p: Period) -> Vec<(String, u64)> {
    let mut months: Vec<(String, u64)> = Vec::new();
    let mut m = p.start;
    while m <= p.end {
        let total = data
            .distribution
            .iter()
            .filter(|d| p.contains(d.date) && d.date.year() == m.year() && d.date.month() == m.month())
            .map(|d| d.quantity)
            .sum();
        months.push((m.format("%B").to_string(), total));
        m = m.checked_add_months(chrono::Months::new(1)).unwrap_or(p.end.succ_opt().unwrap_or(p.end));
    }
    months
}

/// Events in each month of `p`, named by month.
fn events_by_month(data: &Dataset, p: Period) -> Vec<(String, u64)> {
    let mut months: Vec<(String, u64)> = Vec::new();
    let mut m = p.start;
    while m <= p.end {
        let total =
            data.events.iter().filter(|e| p.contains(e.date) && e.date.year() == m.year() && e.date.month() == m.month()).count() as u64;
        months.push((m.format("%B").to_string(), total));
        m = m.checked_add_months(chrono::Months::new(1)).unwrap_or(p.end.succ_opt().unwrap_or(p.end));
    }
    months
}

/// Draws two charts on one scale: each bar's length is of the longest
/// bar of either.
fn common_scale(a: &mut BarChart, b: &mut BarChart) {
    let max = a.bars.iter().chain(&b.bars).filter_map(|b| b.count.value).max().unwrap_or(0).max(1) as f64;
    for bar in a.bars.iter_mut().chain(b.bars.iter_mut()) {
        bar.length = bar.count.value.map(|v| v as f64 / max).unwrap_or(0.0);
    }
}

/// This year's and last year's breakdown (`now`, `then`) as two charts
/// with the same categories in the same order (this year's ranking, then
/// those only last year had) on one scale. Past [`MAX_BARS`] categories,
/// the same smallest ones are folded into "N others" in both, and each
/// chart's caption says so.
fn paired_charts(title_now: &str, title_then: &str, what: &str, now: Vec<(String, u64)>, then: Vec<(String, u64)>) -> (BarChart, BarChart) {
    let value = |items: &[(String, u64)], label: &str| items.iter().find(|(l, _)| l == label).map_or(0, |(_, v)| *v);
    let mut labels: Vec<String> = now.iter().map(|(l, _)| l.clone()).collect();
    let mut only_then: Vec<&(String, u64)> = then.iter().filter(|(l, _)| !labels.contains(l)).collect();
    only_then.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    labels.extend(only_then.into_iter().map(|(l, _)| l.clone()));
    let categories = labels.len();
    let keep = if categories > MAX_BARS.max(2) { MAX_BARS.max(2) - 1 } else { categories };
    let side = |items: &[(String, u64)]| {
        let mut out: Vec<(String, u64)> = labels[..keep].iter().map(|l| (l.clone(), value(items, l))).collect();
        if keep < categories {
            out.push((format!("{} others", categories - keep), labels[keep..].iter().map(|l| value(items, l)).sum()));
        }
        out
    };
    let mut a = bar_chart(title_now, what, side(&now), None, false);
    let mut b = bar_chart(title_then, what, side(&then), None, false);
    common_scale(&mut a, &mut b);
    if keep < categories {
        for chart in [&mut a, &mut b] {
            let others = chart.bars.last().map(|o| (o.label.clone(), o.count.shown.clone())).unwrap_or_default();
            chart.note = format!(
                "The {keep} largest of {} are shown; the bar “{}” adds up the other {} ({} {what}).",
                thousands(categories as i64),
                others.0,
                thousands((categories - keep) as i64),
                others.1
            );
            chart.alt.push(' ');
            chart.alt.push_str(&chart.note);
        }
    }
    (a, b)
}

/// Sums values by label and ranks them, largest first (ties by label).
fn ranked<K: Ord + Into<String>>(items: impl Iterator<Item = (K, u64)>) -> Vec<(String, u64)> {
    let mut sums: BTreeMap<K, u64> = BTreeMap::new();
    for (k, v) in items {
        *sums.entry(k).or_default() += v;
    }
    let mut out: Vec<(String, u64)> = sums.into_iter().map(|(k, v)| (k.into(), v)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Sums values by label, keeping first-seen order.
fn ranked_in_order(items: impl Iterator<Item = (String, u64)>) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for (k, v) in items {
        match out.iter_mut().find(|(l, _)| *l == k) {
            Some(e) => e.1 += v,
            None => out.push((k, v)),
        }
    }
    out
}

/// The label of respondents who left a breakdown's question blank.
const NOT_ANSWERED: &str = "Not answered";

/// The municipalities of Windsor-Essex, always named in a breakdown.
const REGION_MUNICIPALITIES: [&str; 9] =
    ["Amherstburg", "Essex", "Kingsville", "Lakeshore", "LaSalle", "Leamington", "Pelee", "Tecumseh", "Windsor"];

/// The municipalities a survey answer may be named as (normalized): the
/// region's, and those in the staff's own tables.
fn known_municipalities(data: &Dataset) -> BTreeSet<String> {
    let staff = data
        .events
        .iter()
        .map(|e| e.municipality.as_deref())
        .chain(data.distribution.iter().map(|d| d.municipality.as_deref()))
        .chain(data.focus_groups.iter().map(|f| f.municipality.as_deref()))
        .chain(data.stakeholders.iter().map(|s| s.municipality.as_deref()))
        .flatten();
    REGION_MUNICIPALITIES.into_iter().chain(staff).map(normalize).collect()
}

/// A bar chart of what respondents answered, with the answers given by
/// fewer than `min` pooled unnamed (see [`suppress::pool_rare`]) and the
/// pooling said in its description.
fn pooled_chart(title: &str, items: Vec<(String, u64)>, min: u64, show_total: bool, named: impl Fn(&str) -> bool) -> BarChart {
    let (items, pooled) = suppress::pool_rare(items, min, named);
    let mut chart = bar_chart(title, "respondents", items, Some(min), show_total);
    if pooled > 0 {
        chart
            .alt
            .push_str(&format!(" Answers given by fewer than {min} respondents are counted together as “{}”.", suppress::OTHER_ANSWERS));
    }
    chart
}

/// Gives a multi-select chart's bars their percent of the `answered`
/// respondents (who could choose several, so they add up to more than
/// 100%). Suppressed bars keep `<5` with no percent; the pooled "Other
/// answers" (and an "N others" bar) counts choices, not people, so it has
/// none either.
fn of_respondents(chart: &mut BarChart, answered: u64) {
    // The "N others" bar of a folded chart also counts choices.
    let folded = if chart.note.is_empty() { usize::MAX } else { chart.bars.len().saturating_sub(1) };
    for (i, b) in chart.bars.iter_mut().enumerate() {
        let pooled = b.label == suppress::OTHER_ANSWERS || i == folded;
        match b.count.value {
            Some(v) if !b.count.suppressed && !pooled => {
                let p = whole_percent(v, answered);
                b.count.percent = p.map(|p| format!("{p}%")).unwrap_or_default();
                b.count.share = if answered > 0 { v as f64 / answered as f64 } else { 0.0 };
            }
            _ => {
                b.count.percent = String::new();
            }
        }
    }
    let n = thousands(answered as i64);
    chart.alt.push_str(&format!(
        " {n} respondent{} answered; each could choose several options, so the percentages of respondents add up to more than 100%.",
        crate::words::s(answered)
    ));
    chart.respondents = Some(n);
}

/// The consultation section: survey breakdowns and focus groups, with
/// small counts of people suppressed.
fn consultation(
    data: &Dataset,
    responses: &[(&Survey, &crate::tables::Response)],
    focus: &[&crate::tables::FocusGroup],
    min: u64,
    label: &str,
) -> Consultation {
    let n = responses.len() as u64;
    // What respondents typed prints only as an answer many gave, or as a
    // municipality the region or the staff's own tables know.
    let known = known_municipalities(data);
    let breakdown = |title: &str, pick: &dyn Fn(&crate::tables::Response) -> Option<String>, named: &dyn Fn(&str) -> bool| {
        let items = ranked(responses.iter().map(|(_, r)| (pick(r).unwrap_or_else(|| NOT_ANSWERED.into()), 1)));
        (n > 0).then(|| pooled_chart(title, items, min, true, |l| l == NOT_ANSWERED || named(l)))
    };
    let by_municipality =
        breakdown(&format!("Survey respondents by municipality, {label}"), &|r| r.municipality.as_deref().map(str::to_string), &|l| {
            known.contains(&normalize(l))
        });
    let by_role = if responses.iter().any(|(_, r)| r.role.is_some()) {
        breakdown(&format!("Survey respondents by role, {label}"), &|r| r.role.as_deref().map(str::to_string), &|_| false)
    } else {
        None
    };

    let mut likert = Vec::new();
    let mut single = Vec::new();
    let mut multi = Vec::new();
    let mut yes_no = Vec::new();
    let mut free_text_questions = 0;
    let mut free_text_answers = 0;
    for survey in &data.surveys {
        let rows: Vec<_> = responses.iter().filter(|(s, _)| std::ptr::eq(*s, survey)).map(|(_, r)| *r).collect();
        if rows.is_empty() {
            continue;
        }
        for (qi, q) in survey.questions.iter().enumerate() {
            let answers: Vec<&crate::tables::Answer> = rows.iter().filter_map(|r| r.answers.get(qi).and_then(|a| a.as_ref())).collect();
            let answered = answers.len() as u64;
            let one = |a: &&crate::tables::Answer| match a {
                crate::tables::Answer::One(s) => Some(s.clone()),
                _ => None,
            };
            match q.kind {
                QuestionType::Likert => {
                    let values: Vec<u64> =
                        q.options.iter().map(|o| answers.iter().filter_map(one).filter(|a| a == o).count() as u64).collect();
                    let not_answered = rows.len() as u64 - answered;
                    likert.push(likert_chart(&q.text, &q.options, &values, answered, not_answered, min));
                }
                QuestionType::YesNo => {
                    let items = ranked(answers.iter().filter_map(one).map(|a| (a, 1)));
                    yes_no.push(bar_chart(&q.text, "respondents", items, Some(min), true));
                }
                QuestionType::SingleChoice => {
                    let items = ranked(answers.iter().filter_map(one).map(|a| (a, 1)));
                    single.push(pooled_chart(&q.text, items, min, true, |_| false));
                }
                QuestionType::MultiSelect => {
                    let items = ranked(
                        answers
                            .iter()
                            .flat_map(|a| match a {
                                crate::tables::Answer::Many(v) => v.clone(),
                                crate::tables::Answer::One(s) => vec![s.clone()],
                                _ => Vec::new(),
                            })
                            .map(|o| (o, 1)),
                    );
                    // Each option is its own count of people; no total of
                    // options is shown, so only primary suppression applies.
                    let mut chart = pooled_chart(&q.text, items, min, false, |_| false);
                    of_respondents(&mut chart, answered);
                    multi.push(chart);
                }
                QuestionType::FreeText => {
                    free_text_questions += 1;
                    free_text_answers += answered;
                }
                QuestionType::Number => {}
            }
        }
    }

    align_likert(&mut likert);
    let focus_groups = focus
        .iter()
        .map(|f| FocusRow {
            date: f.date,
            group: f.group.clone(),
            municipality: f.municipality.clone(),
            participants: match f.participants {
                Some(v) => suppress::people(&[v], v, min, false).remove(0),
                None => {
                    suppress::Count { value: None, shown: "not recorded".into(), percent: String::new(), share: 0.0, suppressed: false }
                }
            },
        })
        .collect();
    let themes = (!focus.is_empty() && focus.iter().any(|f| !f.themes.is_empty())).then(|| {
        let items = ranked(focus.iter().flat_map(|f| {
            let mut t: Vec<String> = f.themes.iter().map(|t| crate::tables::capitalize(t)).collect();
            t.sort();
            t.dedup();
            t.into_iter().map(|t| (t, 1))
        }));
        bar_chart(&format!("Focus-group themes by number of sessions that raised them, {label}"), "sessions", items, None, false)
    });

    Consultation {
        responses: n,
        by_municipality,
        by_role,
        likert,
        single,
        multi,
        yes_no,
        free_text_questions,
        free_text_answers,
        focus_groups,
        focus_groups_by_month: None,
        focus_group_count: 0,
        themes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_years() {
        let y = Year::fiscal(2025).unwrap();
        assert_eq!(y.label, "2025–26");
        assert_eq!(y.period.start, NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
        assert_eq!(y.period.end, NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    }

    #[test]
    fn many_bars_fold_into_others() {
        let items: Vec<(String, u64)> = (0..30).map(|i| (format!("Town {i}"), 100 - i as u64)).collect();
        let (kept, folded) = top_and_others(items.clone(), 20);
        assert_eq!(folded, Some(11));
        assert_eq!(kept.len(), 20);
        assert_eq!(kept[18].0, "Town 18");
        assert_eq!(kept[19], ("11 others".to_string(), (19..30).map(|i| 100 - i).sum()));
        assert_eq!(top_and_others(items[..20].to_vec(), 20).1, None);
        let chart = bar_chart("Plans by town", "plans", items, None, true);
        assert!(
            chart.alt.contains("The 19 largest of 30 are shown; the bar “11 others” adds up the other 11 (836 plans)."),
            "{}",
            chart.alt
        );
        assert_eq!(chart.total, "2,565");
    }

    #[test]
    fn changes_are_signed_whole_percents_or_points() {
        let up = Change::of(827, 612, false);
        assert_eq!((up.direction, up.change.as_str()), ("up", "+35%"));
        let down = Change::of(827, 910, false);
        assert_eq!((down.direction, down.change.as_str()), ("down", "−9%"));
        assert_eq!(Change::of(5, 0, false).change, "", "no percent of nothing");
        assert_eq!(Change::of(7, 7, false).direction, "same");
        assert_eq!(Change::of(96, 90, true).change, "+6 points");
        assert_eq!(Change::of(89, 90, true).change, "−1 point");
    }

    #[test]
    fn alt_text_names_extremes() {
        let chart =
            bar_chart("Plans distributed by month in 2025", "plans", vec![("January".into(), 38), ("July".into(), 412)], None, true);
        assert_eq!(chart.alt, "Bar chart: Plans distributed by month in 2025. Highest July (412 plans), lowest January (38).");
    }
}
