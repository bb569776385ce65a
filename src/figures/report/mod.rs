//! Figures for the annual report: headline tiles with the previous year,
//! the four pillars, charts and their alt text, with counts of people
//! under the privacy threshold suppressed.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::suppress::{self, Count};
use super::timeline::{self, Timeline};
use super::{Period, same_name, whole_percent};
use crate::diag::{Diagnostics, Location};
use crate::tables::values::Status;
use crate::tables::{Activity, Dataset, QuestionType, Survey, normalize};
use crate::words::thousands;

mod charts;
mod consultation;
mod data_table;
mod likert;
mod shapes;
mod wording;

pub use charts::{Bar, BarChart, MAX_BARS, top_and_others};
pub use data_table::{DataTable, MAX_LISTED};
pub use likert::{LikertChart, Segment};
pub use shapes::*;
pub use wording::*;
// Shared by the report's files (each `use super::*`).
use charts::{bar_chart, common_scale, paired_charts, ranked, ranked_in_order};
use consultation::consultation;
use data_table::listed;
use likert::{align_likert, likert_chart};

/// Above this many events, the year's events table is summarised by month
/// instead of printed row by row.
pub const MAX_EVENT_ROWS: usize = 400;

/// Above this many focus-group sessions, the year's focus-group table is
/// summarised by month instead of printed row by row, and says so.
pub const MAX_FOCUS_GROUP_ROWS: usize = 100;

/// Above this many events, the events table (about a page) moves to the
/// report's appendix, and the body shows the events by month.
pub const MAX_BODY_EVENT_ROWS: usize = 30;

/// Above this many focus-group sessions, their table moves to the
/// report's appendix, and the body shows the sessions by month.
pub const MAX_BODY_FOCUS_GROUP_ROWS: usize = 15;

/// Above this many activities (about a page), the workplan timeline moves
/// to the report's appendix, and the body says so under the status chart.
pub const MAX_BODY_TIMELINE_ROWS: usize = 24;

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
    /// the built-in file's (`Strategy-wide`), as every missing key does.
    #[serde(default)]
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
    /// The report's fixed words (`[words]`).
    #[serde(default)]
    pub words: ReportWords,
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

/// The most recent year with dated data (events, distribution, surveys or
/// focus groups). A row whose date is out of place (a typo such as 2052 in
/// a 2025 sheet, see [`crate::tables::plausible`]) makes no year.
pub fn latest_year(data: &Dataset) -> Option<i32> {
    let fits = |s: &crate::tables::Source| {
        data.out_of_place.is_empty() || !data.out_of_place.contains(&(s.file.to_string(), s.sheet.as_ref().map(|t| t.to_string()), s.row))
    };
    data.events
        .iter()
        .filter(|e| fits(&e.source))
        .map(|e| e.date)
        .chain(data.distribution.iter().filter(|d| fits(&d.source)).map(|d| d.date))
        .chain(data.focus_groups.iter().filter(|f| fits(&f.source)).map(|f| f.date))
        .chain(data.surveys.iter().flat_map(|s| {
            s.responses
                .iter()
                .filter(|r| data.out_of_place.is_empty() || !data.out_of_place.contains(&(s.file.clone(), s.sheet.clone(), r.row)))
                .map(|r| r.submitted.date())
        }))
        .max()
        .map(|d| d.year())
}

/// The rows of every sheet read as a table, counted and left out.
fn ledger_totals(data: &Dataset) -> LedgerTotals {
    use crate::tables::Bucket;
    let (mut counted, mut blank, mut totals, mut headers, mut repeats) = (0, 0, 0, 0, 0);
    for sheet in data.sheets.iter().filter(|s| s.kind.is_some() && s.skipped.is_none()) {
        for run in sheet.ledger.runs() {
            let n = run.len();
            match run.bucket {
                Bucket::Counted => counted += n,
                Bucket::Blank => blank += n,
                Bucket::Totals { .. } => totals += n,
                Bucket::RepeatedHeader => headers += n,
                Bucket::Repeat { .. } => repeats += n,
                Bucket::AboveHeader | Bucket::Header | Bucket::Hint | Bucket::Error => {}
            }
        }
    }
    let left_out =
        [("blank", blank), ("totals", totals), ("headers", headers), ("repeats", repeats)].into_iter().filter(|(_, n)| *n > 0).collect();
    LedgerTotals { counted, left_out }
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
    let words = &settings.words;
    let (titles, units, labels) = (&words.charts, &words.units, &words.labels);
    let title = |pattern: &str, year: &str| fill(pattern, &[("year", year)]);

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
                .map(|a| a.project.clone().unwrap_or_else(|| labels.other_activities.clone()))
                .collect(),
        ),
    };
    let previous = previous_year(data, &year, &dated, &words.changes, words.language);

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
    let mut by_month = bar_chart(words, &title(&titles.plans_by_month, label), &units.plans, plans_by_month(data, p, words), None, true);
    let previous_by_month = plans_last.map(|(prev, lp)| {
        let mut chart = bar_chart(words, &title(&titles.plans_by_month, prev), &units.plans, plans_by_month(data, *lp, words), None, true);
        common_scale(&mut by_month, &mut chart);
        chart
    });
    let dist_in = |q: Period| data.distribution.iter().filter(move |d| q.contains(d.date));
    let municipality = |d: &&crate::tables::Distribution| d.municipality.as_deref().unwrap_or(&labels.not_recorded).to_string();
    let plan = |d: &&crate::tables::Distribution| d.plan.as_deref().unwrap_or(&labels.not_recorded).to_string();
    let breakdown = |pattern: &str, key: &dyn Fn(&&crate::tables::Distribution) -> String| {
        let now = ranked(dist_in(p).map(|d| (key(&d), d.quantity)));
        match plans_last {
            None => (bar_chart(words, &title(pattern, label), &units.plans, now, None, false), None),
            Some((prev, lp)) => {
                let then = ranked(dist_in(*lp).map(|d| (key(&d), d.quantity)));
                let (a, b) = paired_charts(words, &title(pattern, label), &title(pattern, prev), &units.plans, now, then);
                (a, Some(b))
            }
        }
    };
    let (by_municipality, previous_by_municipality) = breakdown(&titles.plans_by_municipality, &municipality);
    let (by_plan, previous_by_plan) = breakdown(&titles.plans_by_plan, &plan);
    let too_many = events.len() > MAX_EVENT_ROWS;
    let events_in_appendix = !too_many && events.len() > MAX_BODY_EVENT_ROWS;
    let (mut events_by_month, previous_events_by_month) = match events_last {
        Some((prev, lp)) => {
            let mut now =
                bar_chart(words, &title(&titles.events_by_month, label), &units.events, events_by_month(data, p, words), None, true);
            let mut then =
                bar_chart(words, &title(&titles.events_by_month, prev), &units.events, events_by_month(data, *lp, words), None, true);
            common_scale(&mut now, &mut then);
            (Some(now), Some(then))
        }
        None if too_many || events_in_appendix => (
            Some(bar_chart(words, &title(&titles.events_by_month, label), &units.events, events_by_month(data, p, words), None, true)),
            None,
        ),
        None => (None, None),
    };
    let event_rows = if too_many {
        Vec::new()
    } else {
        events
            .iter()
            .map(|e| EventRow {
                date: e.date,
                event: e.name.to_string(),
                municipality: e.municipality.as_deref().map(str::to_string),
                plans: e.plans_distributed,
            })
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

    let mut consultation = consultation(data, &responses_in_year, &focus, min, label, words);
    consultation.focus_group_count = focus.len();
    let focus_in_appendix = focus.len() > MAX_BODY_FOCUS_GROUP_ROWS && focus.len() <= MAX_FOCUS_GROUP_ROWS;
    if focus.len() > MAX_BODY_FOCUS_GROUP_ROWS {
        // Sessions, not people, are counted: no small-count suppression.
        let by_month = ranked_in_order(
            focus.iter().map(|f| (fill(&words.month_year, &[("month", &words.month(f.date)), ("year", &f.date.year().to_string())]), 1)),
        );
        consultation.focus_groups_by_month =
            Some(bar_chart(words, &title(&titles.focus_groups_by_month, label), &units.sessions, by_month, None, true));
        if !focus_in_appendix {
            consultation.focus_groups.clear();
        }
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
            let n = a.project.clone().unwrap_or_else(|| labels.other_activities.clone());
            if !names.contains(&n) {
                names.push(n);
            }
        }
        let projects: Vec<ProjectBlock> = names
            .iter()
            .map(|name| {
                let of = |s: Status| {
                    acts.iter()
                        .filter(|a| a.status == s && a.project.as_deref().unwrap_or(&labels.other_activities) == name)
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
    let partners = partners(data, &labels.other_partners);

    let status_counts: Vec<(String, u64)> =
        [(Status::Completed, &labels.completed), (Status::InProgress, &labels.in_progress), (Status::Planned, &labels.planned)]
            .iter()
            .map(|(s, label)| (label.to_string(), data.activities.iter().filter(|a| a.status == *s).count() as u64))
            .collect();
    let status = bar_chart(words, &titles.activities_by_status, &units.activities, status_counts, None, true);
    let all: Vec<&Activity> = data.activities.iter().collect();
    let timeline = timeline::build(&all, None, &settings.words.timeline, settings.words.language);
    // "Looking ahead" is what is still to come after the year's last day
    // (the report's date): an activity due by then is left out, and
    // counted.
    let planned: Vec<&Activity> = data.activities.iter().filter(|a| a.status == Status::Planned).collect();
    let to_come = |a: &&&Activity| a.due.or(a.start).is_none_or(|d| d > p.end);
    let ahead_past_due = planned.iter().filter(|a| !to_come(a)).count();
    let mut ahead: Vec<Planned> = planned
        .iter()
        .filter(to_come)
        .map(|a| Planned { activity: a.activity.clone(), project: a.project.clone(), start: a.start, due: a.due })
        .collect();
    ahead.sort_by_key(|a| (a.start.or(a.due).is_none(), a.start.or(a.due)));
    let appendix = Appendix {
        events: events_in_appendix,
        focus_groups: focus_in_appendix,
        timeline: timeline.as_ref().is_some_and(|t| t.rows.len() > MAX_BODY_TIMELINE_ROWS),
    };

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
                        s.sheet.clone().unwrap_or_else(|| labels.csv_sheet.clone()),
                        s.kind.map(|k| words.kind(k.name())).unwrap_or_else(|| labels.skipped_sheet.clone()),
                        s.rows_used,
                    )
                })
                .collect(),
        })
        .collect();

    let timeline_table = timeline.as_ref().map(|t| data_table::of_timeline(words, t));
    let mut figures = ReportFigures {
        year,
        ledger: ledger_totals(data),
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
        timeline_table,
        chart_tables: Vec::new(),
        ahead,
        ahead_past_due,
        appendix,
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
    };
    data_table::number_tables(&mut figures, words);
    figures
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
fn previous_year(data: &Dataset, year: &Year, now: &DatedFigures, words: &ChangeWords, lang: Lang) -> Option<PreviousYear> {
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
            changes.insert(name.to_string(), Change::of(current, previous, false, words, lang));
        }
    };
    add("events", has_events, now.events, then.events);
    add("residents_reached", has_events, now.residents_reached, then.residents_reached);
    add("plans_year", has_plans, now.plans_year, then.plans_year);
    add("plans_total", has_plans, now.plans_total, then.plans_total);
    add("survey_responses", has_survey, now.survey_responses, then.survey_responses);
    add("focus_groups", has_focus, now.focus_groups, then.focus_groups);
    if let (Some(current), Some(previous)) = (now.confident_percent, then.confident_percent) {
        changes.insert("confident_percent".to_string(), Change::of(current, previous, true, words, lang));
    }
    (!changes.is_empty()).then_some(PreviousYear { label: prev.label, changes })
}

/// Organizations recorded as having taken part, grouped by sector (sectors
/// alphabetical, unrecorded last), each named once.
fn partners(data: &Dataset, other: &str) -> Vec<PartnerSector> {
    let mut by_sector: BTreeMap<String, (String, BTreeMap<String, String>)> = BTreeMap::new();
    for s in data.stakeholders.iter().filter(|s| s.participated == Some(true)) {
        let sector = s.sector.as_deref().map(str::trim).filter(|t| !t.is_empty()).unwrap_or(other);
        let key = if sector == other { "\u{10ffff}".to_string() } else { normalize(sector) };
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
fn plans_by_month(data: &Dataset, p: Period, words: &ReportWords) -> Vec<(String, u64)> {
    let mut months: Vec<(String, u64)> = Vec::new();
    let mut m = p.start;
    while m <= p.end {
        let total = data
            .distribution
            .iter()
            .filter(|d| p.contains(d.date) && d.date.year() == m.year() && d.date.month() == m.month())
            .map(|d| d.quantity)
            .sum();
        months.push((words.month(m), total));
        m = m.checked_add_months(chrono::Months::new(1)).unwrap_or(p.end.succ_opt().unwrap_or(p.end));
    }
    months
}

/// Events in each month of `p`, named by month.
fn events_by_month(data: &Dataset, p: Period, words: &ReportWords) -> Vec<(String, u64)> {
    let mut months: Vec<(String, u64)> = Vec::new();
    let mut m = p.start;
    while m <= p.end {
        let total =
            data.events.iter().filter(|e| p.contains(e.date) && e.date.year() == m.year() && e.date.month() == m.month()).count() as u64;
        months.push((words.month(m), total));
        m = m.checked_add_months(chrono::Months::new(1)).unwrap_or(p.end.succ_opt().unwrap_or(p.end));
    }
    months
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
        let words = ReportWords::builtin();
        let (kept, folded) = top_and_others(items.clone(), 20, &words.labels.others);
        assert_eq!(folded, Some(11));
        assert_eq!(kept.len(), 20);
        assert_eq!(kept[18].0, "Town 18");
        assert_eq!(kept[19], ("11 others".to_string(), (19..30).map(|i| 100 - i).sum()));
        assert_eq!(top_and_others(items[..20].to_vec(), 20, &words.labels.others).1, None);
        let chart = bar_chart(&words, "Plans by town", "plans", items, None, true);
        assert!(
            chart.alt.contains("The 11 largest of 30 are shown; the bar “19 others” adds up the other 19 (1,520 plans)."),
            "{}",
            chart.alt
        );
        assert_eq!(chart.total, "2,565");
        // The scale is the towns', the "others" bar cut at it.
        assert_eq!(chart.bars[0].length, 1.0);
        assert!(chart.bars[11].others && chart.bars[11].clipped && chart.bars[11].length == 1.0);
        // Every town is in the table, which the PDF prints in its appendix.
        assert_eq!(chart.table.rows.len(), 30);
        assert!(chart.table.in_appendix);
    }

    #[test]
    fn small_charts_list_every_value_and_one_category_is_a_sentence() {
        let words = ReportWords::builtin();
        let items: Vec<(String, u64)> =
            ["January", "February", "March"].iter().zip([115, 40, 7]).map(|(m, v)| (m.to_string(), v)).collect();
        let chart = bar_chart(&words, "Plans by month", "plans", items, None, true);
        assert_eq!(chart.alt, "Bar chart: Plans by month. January 115, February 40, March 7 (plans).");
        assert!(!chart.table.in_appendix && chart.drawn);
        let one = bar_chart(&words, "Plans by plan, 2025", "plans", vec![("Street plan".into(), 1234)], None, false);
        assert!(!one.drawn);
        assert_eq!(one.sentence, "Plans by plan, 2025: all 1,234 plans were Street plan.");
    }

    #[test]
    fn english_data_in_a_french_chart_is_left_to_its_table() {
        let mut words = ReportWords::builtin();
        words.language = Lang::Fr;
        let items = vec![(crate::marked::mark("Hospital"), 12), ("Bibliothèque".to_string(), 9)];
        let chart = bar_chart(&words, "Partenaires", "plans", items, None, false);
        assert!(!crate::marked::has_marks(&chart.alt) && !chart.alt.contains("Hospital"), "{}", chart.alt);
        assert!(chart.table.in_appendix);
        assert!(crate::marked::has_marks(&chart.table.rows[0][0]));
    }

    #[test]
    fn changes_are_signed_whole_percents_or_points() {
        let words = ReportWords::builtin().changes;
        let of = |current, previous, points| Change::of(current, previous, points, &words, Lang::En);
        let up = of(827, 612, false);
        assert_eq!((up.direction, up.change.as_str()), ("up", "+35%"));
        let down = of(827, 910, false);
        assert_eq!((down.direction, down.change.as_str()), ("down", "−9%"));
        assert_eq!(of(5, 0, false).change, "", "no percent of nothing");
        assert_eq!(of(7, 7, false).direction, "same");
        assert_eq!(of(96, 90, true).change, "+6 points");
        assert_eq!(of(89, 90, true).change, "−1 point");
    }

    #[test]
    fn alt_text_names_extremes() {
        let chart = bar_chart(
            &ReportWords::builtin(),
            "Plans distributed by month in 2025",
            "plans",
            vec![("January".into(), 38), ("July".into(), 412)],
            None,
            true,
        );
        assert_eq!(chart.alt, "Bar chart: Plans distributed by month in 2025. January 38, July 412 (plans).");
        let many: Vec<(String, u64)> = (1..=13).map(|i| (format!("Town {i}"), i * 10)).collect();
        let chart = bar_chart(&ReportWords::builtin(), "Plans by town", "plans", many, None, true);
        assert!(chart.alt.starts_with("Bar chart: Plans by town. Highest Town 13 (130 plans), lowest Town 3 (30)."), "{}", chart.alt);
    }
}
