//! The report's fixed words that the figures write (chart titles, bar
//! labels, descriptions for screen readers), read from the `[words]` tables
//! of the report's content file. The content file always holds them: a
//! missing key takes the built-in file's words, so nothing here has a
//! default of its own.

use serde::Deserialize;

pub use crate::locale::Lang;
pub use crate::words::{Plural, fill};

/// The content file's `[words]`: every fixed word of the report, the
/// figures' and the templates'. The figures read the parts below; the
/// templates read the rest through `content.words`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReportWords {
    /// The language the words are in (`language`): how numbers, dates and
    /// plurals are written.
    #[serde(default)]
    pub language: Lang,
    /// The months' names, January first (`months`); empty for the
    /// language's own.
    #[serde(default)]
    pub months: Vec<String>,
    /// A month of a year, `{month}` and `{year}` (`month_year`).
    #[serde(default)]
    pub month_year: String,
    /// Chart titles (`[words.charts]`).
    #[serde(default)]
    pub charts: ChartTitles,
    /// What a chart's bars count, in its description (`[words.units]`).
    #[serde(default)]
    pub units: Units,
    /// Bar and row labels the figures write (`[words.labels]`).
    #[serde(default)]
    pub labels: Labels,
    /// Descriptions of charts for screen readers (`[words.alt]`).
    #[serde(default)]
    pub alt: AltWords,
    /// Changes from last year on the headline tiles (`[words.changes]`).
    #[serde(default)]
    pub changes: ChangeWords,
    /// Survey answers the tool knows, as the data has them, and as the
    /// edition prints them (`[words.answers]`).
    #[serde(default)]
    pub answers: std::collections::BTreeMap<String, String>,
    /// The kinds of table, as "About the data" says how a sheet was read
    /// (`[words.kinds]`, keyed by the kind's name with `_` for spaces).
    #[serde(default)]
    pub kinds: std::collections::BTreeMap<String, String>,
    /// The workplan timeline's description and status words
    /// (`[words.timeline]`, as in the deck's content file).
    #[serde(default)]
    pub timeline: crate::figures::timeline::TimelineWords,
    /// The column headings of tables (`[words.columns]`), for the charts'
    /// data tables.
    #[serde(default)]
    pub columns: std::collections::BTreeMap<String, String>,
}

/// Chart titles; `{year}` is the year's label.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct ChartTitles {
    #[serde(default)]
    pub plans_by_month: String,
    #[serde(default)]
    pub plans_by_municipality: String,
    #[serde(default)]
    pub plans_by_plan: String,
    #[serde(default)]
    pub events_by_month: String,
    #[serde(default)]
    pub focus_groups_by_month: String,
    #[serde(default)]
    pub respondents_by_municipality: String,
    #[serde(default)]
    pub respondents_by_role: String,
    #[serde(default)]
    pub focus_group_themes: String,
    #[serde(default)]
    pub activities_by_status: String,
}

/// What the bars of a chart count, as its description says it.
#[derive(Debug, Clone, Default, Deserialize)]
#[allow(missing_docs)]
pub struct Units {
    #[serde(default)]
    pub plans: String,
    #[serde(default)]
    pub events: String,
    #[serde(default)]
    pub sessions: String,
    #[serde(default)]
    pub activities: String,
    #[serde(default)]
    pub respondents: String,
}

/// Labels the figures give to bars, rows and segments.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Labels {
    /// A CSV file's one "sheet" in "About the data".
    #[serde(default)]
    pub csv_sheet: String,
    /// A sheet that was not read, in "About the data".
    #[serde(default)]
    pub skipped_sheet: String,
    /// A distribution row with no municipality or plan recorded.
    #[serde(default)]
    pub not_recorded: String,
    /// Activities with no project.
    #[serde(default)]
    pub other_activities: String,
    /// Partners with no sector recorded.
    #[serde(default)]
    pub other_partners: String,
    /// The last bar of a chart with too many categories; `{count}`.
    #[serde(default)]
    pub others: String,
    /// Respondents who left a question blank.
    #[serde(default)]
    pub not_answered: String,
    /// Answers given by too few respondents to be named, together.
    #[serde(default)]
    pub other_answers: String,
    /// Focus-group themes raised in too few sessions to be named, together.
    #[serde(default)]
    pub other_themes: String,
    /// A focus group whose participants were not counted.
    #[serde(default)]
    pub participants_not_recorded: String,
    /// The pooled segment of a Likert bar; `{min}` is the privacy threshold.
    #[serde(default)]
    pub fewer_than: String,
    /// The workplan's statuses.
    #[serde(default)]
    pub completed: String,
    #[serde(default)]
    #[allow(missing_docs)]
    pub in_progress: String,
    #[serde(default)]
    #[allow(missing_docs)]
    pub planned: String,
}

/// The sentences of a chart's description.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AltWords {
    /// `{title}`.
    #[serde(default)]
    pub bar_chart: String,
    /// `{highest}`, `{highest_count}`, `{lowest}`, `{lowest_count}`, `{unit}`.
    #[serde(default)]
    pub highest_lowest: String,
    /// A chart with one bar shown: `{label}`, `{count}`, `{unit}`.
    #[serde(default)]
    pub single: String,
    /// Bars under the privacy threshold: `{n}`.
    #[serde(default)]
    pub hidden: Plural,
    /// The caption of a chart with its smallest bars folded: `{kept}`,
    /// `{categories}`, `{others}`, `{folded}`, `{total}`, `{unit}`.
    #[serde(default)]
    pub folded: String,
    /// Rare answers counted together: `{min}`, `{other_answers}`.
    #[serde(default)]
    pub pooled: String,
    /// Rare focus-group themes counted together: `{other_themes}`.
    #[serde(default)]
    pub themes_pooled: String,
    /// A multi-select question: `{n}` respondents answered.
    #[serde(default)]
    pub multi_select: Plural,
    /// A Likert chart: `{answered}`, `{question}`, `{segments}`.
    #[serde(default)]
    pub likert: String,
    /// One answer of a Likert chart: `{option}`, `{count}`, `{percent}`.
    #[serde(default)]
    pub likert_segment: String,
    /// The options under the threshold: `{options}`, `{min}`.
    #[serde(default)]
    pub likert_pooled: String,
    /// Respondents who did not answer: `{count}`.
    #[serde(default)]
    pub likert_not_answered: String,
    /// Between the segments of a Likert chart's description.
    #[serde(default)]
    pub list_separator: String,
    /// One value of a chart's description: `{label}`, `{count}`.
    #[serde(default)]
    pub value: String,
    /// Every value of a chart, listed: `{values}`, `{unit}`.
    #[serde(default)]
    pub listed: String,
    /// A bar chart's description when its title or labels are English data
    /// in another language's edition (its table, marked, gives them).
    #[serde(default)]
    pub bar_chart_plain: String,
    /// A Likert chart's description when its question or answers are
    /// English data in another language's edition.
    #[serde(default)]
    pub likert_plain: String,
    /// The sentence printed for a chart of one category, instead of the
    /// chart: `{title}`, `{label}`, `{count}`, `{unit}`.
    #[serde(default)]
    pub one_category: String,
    /// A data table's number in the appendix of chart data: `{n}`.
    #[serde(default)]
    pub table_number: String,
    /// The sentence that points a chart's description to its table:
    /// `{table}`.
    #[serde(default)]
    pub table_pointer: String,
    /// The caption of the workplan timeline's table.
    #[serde(default)]
    pub timeline_table: String,
    /// A data table's heading in the appendix: `{number}`, `{caption}`
    /// (read by the templates).
    #[serde(default)]
    pub table_heading: String,
    /// Between the last two options of a list.
    #[serde(default)]
    pub list_and: String,
}

/// A headline figure's change from last year.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ChangeWords {
    /// A count's change: `{sign}`, `{percent}`.
    #[serde(default)]
    pub percent: String,
    /// A percentage's change in points: `{sign}`, `{n}`.
    #[serde(default)]
    pub points: Plural,
}

impl ReportWords {
    /// How the edition prints a known survey answer (`Strongly agree` →
    /// `Tout à fait d’accord`); any other prints as the data has it.
    /// Compared without case, accents or apostrophes.
    pub fn answer(&self, label: &str) -> String {
        let wanted = crate::tables::normalize(label);
        self.answers.iter().find(|(k, _)| crate::tables::normalize(k) == wanted).map_or_else(|| label.to_string(), |(_, v)| v.clone())
    }

    /// A kind of table's name (`focus groups`) in the edition's words.
    pub fn kind(&self, name: &str) -> String {
        self.kinds.get(&name.replace(' ', "_")).cloned().unwrap_or_else(|| name.to_string())
    }

    /// The name of `date`'s month: the content file's, or the language's
    /// own when its list is empty or lacks it.
    pub fn month(&self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        self.months
            .get(date.month0() as usize)
            .filter(|m| !m.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| self.language.month(date.month0()))
    }
}

#[cfg(test)]
impl ReportWords {
    /// The built-in content file's words.
    pub fn builtin() -> Self {
        #[derive(Deserialize)]
        struct File {
            words: ReportWords,
        }
        let text = include_str!("../../../report-templates/annual-report/content.toml");
        toml::from_str::<File>(text).expect("the built-in content file has [words]").words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in content file gives every word the figures read (a key
    /// it lacked would print as nothing).
    #[test]
    fn builtin_words_are_complete() {
        let words = ReportWords::builtin();
        let shown = format!("{words:?}");
        assert!(!shown.contains("\"\""), "a word missing from annual-report/content.toml's [words]: {shown}");
    }

    #[test]
    fn fill_is_one_pass() {
        assert_eq!(fill("{a} and {b} {c}", &[("a", "{b}"), ("b", "2")]), "{b} and 2 {c}");
        let p = Plural { one: "{n} value".into(), other: "{n} values".into() };
        assert_eq!((p.shown(1, "1", Lang::En), p.shown(1420, "1,420", Lang::En)), ("1 value".to_string(), "1,420 values".to_string()));
    }
}
