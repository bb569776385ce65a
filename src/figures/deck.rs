//! Figures for a working-group meeting deck: accomplishments since the
//! group's last meeting, its projects' timeline, its action items.

use chrono::{Days, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::timeline::{self, Timeline, TimelineRow, TimelineWords};
use super::{FiguresError, Period, same_name, whole_percent};
use crate::diag::{Diagnostics, Location};
use crate::tables::values::Status;
use crate::tables::{Activity, Dataset, Meeting};

/// The parts of the deck's content file that choose data: which projects a
/// group's deck features, and which projects the timeline shows.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DeckSettings {
    /// Per working group, the projects its deck features.
    #[serde(default)]
    pub groups: Vec<GroupSettings>,
    /// The projects on the timeline slide; empty means the group's own: the
    /// projects its deck features and those whose pillar is the group.
    #[serde(default)]
    pub timeline_projects: Vec<String>,
    /// How many days either side of the meeting a focus group counts as
    /// "near" it.
    #[serde(default = "default_window")]
    pub focus_group_window_days: u64,
    /// The deck's fixed words that the figures write (the templates read
    /// the rest of `[words]` themselves).
    #[serde(default)]
    pub words: DeckWords,
    /// The projects' words; only which one says what its events were for
    /// (`events_purpose`) is read here: the events' figures are its.
    #[serde(default)]
    pub projects: Vec<ProjectSettings>,
}

/// A `[[projects]]` entry of the deck's content file, as the figures read it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProjectSettings {
    /// The project's name, as in the data.
    #[serde(default)]
    pub name: String,
    /// What its events were for: set, it says the events are this project's.
    #[serde(default)]
    pub events_purpose: Option<String>,
}

/// The `[words]` of the deck's content file that the figures write.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DeckWords {
    /// The language the words are in (`language`).
    #[serde(default)]
    pub language: crate::locale::Lang,
    /// The timeline's description, marker and status names.
    #[serde(default)]
    pub timeline: TimelineWords,
    /// Under a timeline that leaves activities out for the appendix
    /// (`more_activities`): `{n} more activities are listed in the appendix`.
    #[serde(default)]
    pub more_activities: crate::words::Plural,
    /// The word mark's lines, drawn where the theme has no logo.
    #[serde(default)]
    pub wordmark: Vec<String>,
}

fn default_window() -> u64 {
    45
}

/// One group's settings.
#[derive(Debug, Clone, Deserialize)]
pub struct GroupSettings {
    /// The group's name as in the meetings table.
    pub name: String,
    /// The projects featured in its decks.
    #[serde(default)]
    pub projects: Vec<String>,
}

/// The meeting the deck is for.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingInfo {
    /// Its date.
    pub date: NaiveDate,
    /// The working group.
    pub group: String,
    /// Start time.
    pub start: Option<NaiveTime>,
    /// End time.
    pub end: Option<NaiveTime>,
    /// Room or venue.
    pub location: Option<String>,
    /// Title, if the table gives one.
    pub title: Option<String>,
    /// The group's previous meeting, if any.
    pub previous: Option<NaiveDate>,
    /// Its row in the meetings table.
    pub source: String,
}

/// Events attended in the period.
#[derive(Debug, Clone, Serialize)]
pub struct EventFigures {
    /// How many.
    pub count: usize,
    /// The first event's date.
    pub first: Option<NaiveDate>,
    /// The last event's date.
    pub last: Option<NaiveDate>,
    /// Residents reached at them.
    pub residents_reached: u64,
    /// The rows counted.
    pub rows: Vec<String>,
}

/// Plans distributed.
#[derive(Debug, Clone, Serialize)]
pub struct PlanFigures {
    /// In the period (distribution table).
    pub in_period: u64,
    /// Before the period started.
    pub before: u64,
    /// The rows summed for `in_period`.
    pub rows_in_period: Vec<String>,
    /// How many rows were summed for `before`.
    pub rows_before: usize,
    /// The first distribution record up to the meeting: "since records
    /// began in …" when nothing was distributed before the period.
    pub first: Option<NaiveDate>,
}

/// The share who felt more confident after a review of the plans.
#[derive(Debug, Clone, Serialize)]
pub struct Confidence {
    /// Whole percent, rounded half up.
    pub percent: u64,
    /// Σ felt more confident.
    pub confident: u64,
    /// Σ feedback responses.
    pub responses: u64,
}

/// One featured project's steps.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectSteps {
    /// The project.
    pub name: String,
    /// Its pillar.
    pub pillar: Option<String>,
    /// Completed in the period (or undated), in full: the steps slides
    /// wrap them, shrink a very long one, or split it across slides.
    pub completed: Vec<String>,
    /// Planned and in progress.
    pub next: Vec<String>,
    /// The activity rows of the project (for the PowerPoint deck's notes).
    pub rows: Vec<String>,
}

/// An action item for this meeting.
#[derive(Debug, Clone, Serialize)]
pub struct ActionItemView {
    /// The ask.
    pub text: String,
    /// Who it is for.
    pub audience: Option<String>,
    /// Its row in the action items table.
    pub source: String,
}

/// A focus-group session near the meeting.
#[derive(Debug, Clone, Serialize)]
pub struct FocusGroupView {
    /// Its date.
    pub date: NaiveDate,
    /// The group.
    pub group: String,
    /// Where.
    pub municipality: Option<String>,
    /// Whether it is on the meeting day itself.
    pub during_meeting: bool,
    /// Its row in the focus groups table.
    pub source: String,
}

/// Everything a meeting deck shows.
#[derive(Debug, Clone, Serialize)]
pub struct DeckFigures {
    /// The meeting.
    pub meeting: MeetingInfo,
    /// The reporting period.
    pub period: Period,
    /// Events attended in the period.
    pub events: EventFigures,
    /// Plans distributed.
    pub plans: PlanFigures,
    /// % more confident; `None` when the period has no feedback.
    pub confidence: Option<Confidence>,
    /// The featured projects' steps.
    pub projects: Vec<ProjectSteps>,
    /// How they were chosen.
    pub projects_chosen_by: ProjectChoice,
    /// The featured project the events, plans and % more confident belong
    /// to: the one the period's event and distribution rows name in their
    /// `project` column, or else the one the content file says its events
    /// were for (`events_purpose`). `None`: they are the working group's,
    /// shown on a slide of the group's own.
    pub figures_project: Option<String>,
    /// This meeting's action items.
    pub action_items: Vec<ActionItemView>,
    /// The workplan timeline; `None` when no activity has a date. On a big
    /// year it holds the activities that fit the slides kept for it (see
    /// [`TIMELINE_SLIDES`]), those nearest the meeting.
    pub timeline: Option<Timeline>,
    /// Every activity of the timeline, for the appendix, which gives each
    /// one's project, status and dates in words (for screen readers, which
    /// do not read a chart's bars, and for those the timeline leaves out).
    pub timeline_all: Vec<TimelineRow>,
    /// How many activities the timeline left out, and the sentence under
    /// it that says so.
    pub timeline_more: Option<(usize, String)>,
    /// Focus groups for this group near the meeting date.
    pub focus_groups: Vec<FocusGroupView>,
    /// The word mark's lines, from the content file (which the templates
    /// receive whole: not serialised here).
    #[serde(skip)]
    pub wordmark: Vec<String>,
}

impl DeckFigures {
    /// Rewrites the file of every row reference (`file › sheet › row N`)
    /// with `file_of`, e.g. to name it relative to the inputs folder.
    pub fn relative_sources(&mut self, file_of: impl Fn(&str) -> String) {
        let fix = |cite: &mut String| {
            let (file, rest) = match cite.split_once(" › ") {
                Some((file, rest)) => (file.to_string(), format!(" › {rest}")),
                None => (cite.clone(), String::new()),
            };
            *cite = format!("{}{rest}", file_of(&file));
        };
        fix(&mut self.meeting.source);
        self.events.rows.iter_mut().for_each(fix);
        self.plans.rows_in_period.iter_mut().for_each(fix);
        self.projects.iter_mut().flat_map(|p| p.rows.iter_mut()).for_each(fix);
        self.action_items.iter_mut().for_each(|a| fix(&mut a.source));
        self.focus_groups.iter_mut().for_each(|f| fix(&mut f.source));
        if let Some(t) = &mut self.timeline {
            t.rows_used.iter_mut().for_each(fix);
        }
    }
}

/// About how many slides a deck's timeline may take: a big year's shows
/// the activities nearest the meeting, and lists every one in the appendix.
pub const TIMELINE_SLIDES: usize = 2;

/// The meetings on `date`, optionally of one `group` only.
pub fn meetings_on<'a>(data: &'a Dataset, date: NaiveDate, group: Option<&str>) -> Result<Vec<&'a Meeting>, FiguresError> {
    if data.meetings.is_empty() {
        return Err(FiguresError::NoMeetings);
    }
    let on_day: Vec<&Meeting> = data.meetings.iter().filter(|m| m.date == date).collect();
    if on_day.is_empty() {
        let mut available: Vec<(NaiveDate, String)> = data.meetings.iter().map(|m| (m.date, m.group.clone())).collect();
        available.sort();
        available.dedup();
        let suggestion = available.iter().map(|(d, _)| *d).min_by_key(|d| (*d - date).num_days().abs());
        return Err(FiguresError::MeetingNotFound {
            date,
            suggestion,
            available: available.iter().map(|(d, g)| format!("{d} {g}")).collect(),
        });
    }
    let Some(group) = group else { return Ok(dedup_groups(on_day)) };
    let chosen: Vec<&Meeting> = on_day.iter().copied().filter(|m| same_name(&m.group, group)).collect();
    if chosen.is_empty() {
        return Err(FiguresError::GroupNotFound {
            date,
            group: group.to_string(),
            groups: on_day.iter().map(|m| m.group.clone()).collect(),
        });
    }
    Ok(dedup_groups(chosen))
}

/// One meeting per group (a meeting listed twice builds one deck).
fn dedup_groups(meetings: Vec<&Meeting>) -> Vec<&Meeting> {
    let mut out: Vec<&Meeting> = Vec::new();
    for m in meetings {
        if !out.iter().any(|o| same_name(&o.group, &m.group)) {
            out.push(m);
        }
    }
    out
}

/// The most recent meeting date on record.
pub fn latest_meeting(data: &Dataset) -> Option<NaiveDate> {
    data.meetings.iter().map(|m| m.date).max()
}

/// The meeting a deck is for when none is named: the next one on or after
/// `today`, or else (none is to come) the most recent one.
pub fn default_meeting(data: &Dataset, today: NaiveDate) -> Option<NaiveDate> {
    let dates = || data.meetings.iter().map(|m| m.date);
    dates().filter(|d| *d >= today).min().or_else(|| dates().max())
}

/// Computes the deck figures for `meeting`. `since` overrides the period's
/// start. Data gaps become warnings in `diags`.
pub fn compute(
    data: &Dataset,
    meeting: &Meeting,
    since: Option<NaiveDate>,
    settings: &DeckSettings,
    diags: &mut Diagnostics,
) -> DeckFigures {
    let previous = data.meetings.iter().filter(|m| same_name(&m.group, &meeting.group) && m.date < meeting.date).map(|m| m.date).max();
    let earliest = data.events.iter().map(|e| e.date).chain(data.distribution.iter().map(|d| d.date)).min();
    let start =
        since.or_else(|| previous.and_then(|p| p.checked_add_days(Days::new(1)))).or(earliest).unwrap_or(meeting.date).min(meeting.date);
    let period = Period { start, end: meeting.date };
    let here = Location::in_sheet(meeting.source.file.as_str(), meeting.source.sheet.as_deref());

    // Events attended in the period.
    let mut events: Vec<_> = data.events.iter().filter(|e| period.contains(e.date)).collect();
    events.sort_by_key(|e| e.date);
    let event_figures = EventFigures {
        count: events.len(),
        first: events.first().map(|e| e.date),
        last: events.last().map(|e| e.date),
        residents_reached: events.iter().filter_map(|e| e.residents_reached).sum(),
        rows: events.iter().map(|e| e.source.cite()).collect(),
    };

    // Plans distributed, from the distribution table.
    let in_period: Vec<_> = data.distribution.iter().filter(|d| period.contains(d.date)).collect();
    let before: Vec<_> = data.distribution.iter().filter(|d| d.date < period.start).collect();
    let plans = PlanFigures {
        in_period: in_period.iter().map(|d| d.quantity).sum(),
        before: before.iter().map(|d| d.quantity).sum(),
        rows_in_period: in_period.iter().map(|d| d.source.cite()).collect(),
        rows_before: before.len(),
        first: data.distribution.iter().map(|d| d.date).filter(|d| *d <= period.end).min(),
    };

    // % who felt more confident, over events with both numbers.
    let with_feedback: Vec<_> = events.iter().filter_map(|e| Some((e.felt_more_confident?, e.feedback_responses?))).collect();
    let confident: u64 = with_feedback.iter().map(|(c, _)| c).sum();
    let responses: u64 = with_feedback.iter().map(|(_, r)| r).sum();
    let confidence = whole_percent(confident, responses).map(|percent| Confidence { percent, confident, responses });
    if confidence.is_none() {
        diags.warning(
            here.clone(),
            format!(
                "no event from {} to {} has both `feedback responses` and `felt more confident`; the deck leaves out the % more confident",
                period.start, period.end
            ),
        );
    }

    // Featured projects: from the content file, else the projects whose
    // pillar (working group) column names the group, else every project with
    // activities due or done in the period. Never silently none.
    let (projects, chosen_by) = featured_projects(data, meeting, settings, period);
    let figures_project = figures_owner(data, &projects, settings, period);
    let file = settings.words.language.content_file();
    match chosen_by {
        ProjectChoice::Content => {}
        ProjectChoice::Pillar => diags.warning(
            here.clone(),
            format!(
                "`{}` is not named in the deck's `{file}`; its deck features the projects whose `pillar` matches the group: {}",
                meeting.group,
                names_list(&projects)
            ),
        ),
        ProjectChoice::Period => diags.warning(
            here.clone(),
            format!(
                "`{}` is not named in the deck's `{file}` and no activity's `pillar` matches it; its deck features every project with activities due or done from {} to {}: {}",
                meeting.group,
                period.start,
                period.end,
                names_list(&projects)
            ),
        ),
        ProjectChoice::None => diags.warning(
            here.clone(),
            format!(
                "`{}` is not named in the deck's `{file}`, no activity's `pillar` matches it and no activity is due or done from {} to {}; its deck says it has no project update",
                meeting.group, period.start, period.end
            ),
        ),
    }
    if !projects.is_empty() && projects.iter().all(|p| p.completed.is_empty() && p.next.is_empty()) {
        diags.warning(here.clone(), format!("no activities found for the projects featured for `{}`", meeting.group));
    }

    let action_items = data
        .action_items
        .iter()
        .filter(|a| a.meeting == Some(meeting.date))
        .map(|a| ActionItemView { text: a.text.clone(), audience: a.audience.clone(), source: a.source.cite() })
        .collect();

    // The timeline shows the group's own projects: those named in
    // `timeline_projects`, else the projects the deck features and those
    // whose pillar is the group.
    let on_timeline: Vec<&str> = if settings.timeline_projects.is_empty() {
        let of_pillar = data
            .activities
            .iter()
            .filter(|a| a.pillar_typed.as_deref().is_some_and(|p| pillar_matches(p, &meeting.group_typed)))
            .filter_map(|a| a.project.as_deref());
        projects.iter().map(|p| p.name.as_str()).chain(of_pillar).collect()
    } else {
        settings.timeline_projects.iter().map(String::as_str).collect()
    };
    let shown: Vec<&Activity> =
        data.activities.iter().filter(|a| a.project.as_deref().is_some_and(|p| on_timeline.iter().any(|t| same_name(t, p)))).collect();
    let words = &settings.words.timeline;
    let lang = settings.words.language;
    let label = crate::words::fill(&words.marker, &[("date", &lang.day_month(meeting.date))]);
    let mut timeline = timeline::build(&shown, Some((meeting.date, label)), words, lang);
    let all_rows = timeline.as_ref().map(|t| t.rows.clone()).unwrap_or_default();
    let left_out = timeline.as_mut().map(|t| timeline::keep_for_slides(t, meeting.date, TIMELINE_SLIDES)).unwrap_or_default();
    let timeline_more = (!left_out.is_empty()).then(|| (left_out.len(), settings.words.more_activities.of(left_out.len() as u64, lang)));
    let timeline_all = all_rows;

    let window = Days::new(settings.focus_group_window_days);
    let mut focus_groups: Vec<FocusGroupView> = data
        .focus_groups
        .iter()
        .filter(|f| same_name(&f.group, &meeting.group) || pillar_matches(&f.group, &meeting.group))
        .filter(|f| {
            meeting.date.checked_sub_days(window).is_none_or(|lo| f.date >= lo)
                && meeting.date.checked_add_days(window).is_none_or(|hi| f.date <= hi)
        })
        .map(|f| FocusGroupView {
            date: f.date,
            group: f.group.clone(),
            municipality: f.municipality.clone(),
            during_meeting: f.date == meeting.date,
            source: f.source.cite(),
        })
        .collect();
    focus_groups.sort_by_key(|f| f.date);

    DeckFigures {
        meeting: MeetingInfo {
            date: meeting.date,
            group: meeting.group.clone(),
            start: meeting.start,
            end: meeting.end,
            location: meeting.location.clone(),
            title: meeting.title.clone(),
            previous,
            source: meeting.source.cite(),
        },
        period,
        events: event_figures,
        plans,
        confidence,
        projects,
        projects_chosen_by: chosen_by,
        figures_project,
        action_items,
        timeline,
        timeline_all,
        timeline_more,
        focus_groups,
        wordmark: settings.words.wordmark.clone(),
    }
}

/// How a deck's featured projects were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectChoice {
    /// Named for the group in the deck's `content.toml`.
    Content,
    /// Their activities' pillar (working group) column matches the group.
    Pillar,
    /// Every project with activities due or done in the period.
    Period,
    /// Nothing to feature.
    None,
}

/// The projects a group's deck features, and how they were chosen.
/// A group's pillar is matched as the data types both (whatever an edition
/// prints for them), so every edition of a deck features the same projects.
pub fn featured_projects(data: &Dataset, meeting: &Meeting, settings: &DeckSettings, period: Period) -> (Vec<ProjectSteps>, ProjectChoice) {
    let group = meeting.group.as_str();
    let configured: Vec<String> = settings.groups.iter().filter(|g| same_name(&g.name, group)).flat_map(|g| g.projects.clone()).collect();
    let unique = |names: Vec<String>| {
        let mut out: Vec<String> = Vec::new();
        for n in names {
            if !out.iter().any(|o| same_name(o, &n)) {
                out.push(n);
            }
        }
        out.sort();
        out
    };
    let (names, how) = if !configured.is_empty() {
        (configured, ProjectChoice::Content)
    } else {
        let by_pillar = unique(
            data.activities
                .iter()
                .filter(|a| a.pillar_typed.as_deref().is_some_and(|p| pillar_matches(p, &meeting.group_typed)))
                .filter_map(|a| a.project.clone())
                .collect(),
        );
        if !by_pillar.is_empty() {
            (by_pillar, ProjectChoice::Pillar)
        } else {
            let in_period = unique(
                data.activities
                    .iter()
                    .filter(|a| a.due.or(a.start).is_some_and(|d| period.contains(d)))
                    .filter_map(|a| a.project.clone())
                    .collect(),
            );
            let how = if in_period.is_empty() { ProjectChoice::None } else { ProjectChoice::Period };
            (in_period, how)
        }
    };
    (names.iter().map(|name| project_steps(data, name, period)).collect(), how)
}

/// The featured project the period's figures belong to (see
/// [`DeckFigures::figures_project`]). Rows that name a project decide; a
/// figure is never put under a project that nothing links it to.
fn figures_owner(data: &Dataset, projects: &[ProjectSteps], settings: &DeckSettings, period: Period) -> Option<String> {
    let named: Vec<&str> = data
        .events
        .iter()
        .filter(|e| period.contains(e.date))
        .filter_map(|e| e.project.as_deref())
        .chain(data.distribution.iter().filter(|d| period.contains(d.date)).filter_map(|d| d.project.as_deref()))
        .collect();
    if !named.is_empty() {
        // The featured project most rows name.
        return projects
            .iter()
            .map(|p| (named.iter().filter(|n| same_name(n, &p.name)).count(), &p.name))
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, _)| *n)
            .map(|(_, name)| name.clone());
    }
    projects
        .iter()
        .find(|p| {
            settings
                .projects
                .iter()
                .any(|c| same_name(&c.name, &p.name) && c.events_purpose.as_deref().is_some_and(|s| !s.trim().is_empty()))
        })
        .map(|p| p.name.clone())
}

fn names_list(projects: &[ProjectSteps]) -> String {
    projects.iter().map(|p| format!("`{}`", p.name)).collect::<Vec<_>>().join(", ")
}

/// Whether a pillar or group name refers to a working group: `Enforcement
/// and Justice` matches `Enforcement and Justice Working Group`.
fn pillar_matches(pillar: &str, group: &str) -> bool {
    let strip = |s: &str| {
        let n = crate::tables::normalize(&s.replace('&', " and "));
        n.trim_end_matches(" working group").trim_end_matches(" pillar").trim_end_matches(" group").to_string()
    };
    !strip(pillar).is_empty() && strip(pillar) == strip(group)
}

/// A project's completed steps in the period and its next steps.
fn project_steps(data: &Dataset, name: &str, period: Period) -> ProjectSteps {
    let mut rows: Vec<&Activity> = data.activities.iter().filter(|a| a.project.as_deref().is_some_and(|p| same_name(p, name))).collect();
    rows.sort_by_key(|a| (a.due.or(a.start), a.source.row));
    let completed: Vec<String> = rows
        .iter()
        .filter(|a| a.status == Status::Completed && a.due.is_none_or(|d| period.contains(d)))
        .map(|a| a.activity.clone())
        .collect();
    let next: Vec<String> = rows.iter().filter(|a| a.status != Status::Completed).map(|a| a.activity.clone()).collect();
    ProjectSteps {
        name: rows.first().and_then(|a| a.project.clone()).unwrap_or_else(|| name.to_string()),
        pillar: rows.first().and_then(|a| a.pillar.clone()),
        completed,
        next,
        rows: rows.iter().map(|a| a.source.cite()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pillars_match_their_working_groups() {
        assert!(pillar_matches("Enforcement and Justice", "Enforcement and Justice Working Group"));
        assert!(pillar_matches("Enforcement & Justice", "Enforcement and Justice Working Group"));
        assert!(pillar_matches("enforcement and justice working group", "Enforcement and Justice Working Group"));
        assert!(!pillar_matches("Harm Reduction", "Enforcement and Justice Working Group"));
    }
}
