//! Stage 3: the numbers and lists one document needs, computed from records.
//!
//! Each document has a figures struct that is `Serialize`: it is exactly what
//! the template receives, and what `--format json` prints. Figures keep where
//! they came from (file, sheet, row).

pub mod deck;
pub mod headline;
pub mod report;
pub mod suppress;
pub mod timeline;

use chrono::NaiveDate;
use serde::Serialize;

/// Why figures could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum FiguresError {
    /// No meeting on that date in the meetings table.
    #[error("no meeting on {date} in the meetings table{}; meetings on record: {}", suggestion.as_ref().map(|s| format!(" (did you mean {s}?)")).unwrap_or_default(), list_or_none(available))]
    MeetingNotFound {
        /// The date asked for.
        date: NaiveDate,
        /// The closest date on record.
        suggestion: Option<NaiveDate>,
        /// Every meeting on record, `date group`.
        available: Vec<String>,
    },
    /// A meeting on that date, but not of that group.
    #[error("no meeting of `{group}` on {date}; groups meeting that day: {}", list_or_none(groups))]
    GroupNotFound {
        /// The date asked for.
        date: NaiveDate,
        /// The group asked for.
        group: String,
        /// The groups that did meet that day.
        groups: Vec<String>,
    },
    /// No dated rows to choose a report year from.
    #[error(
        "no rows yet: the inputs have no dated rows (events, distribution, surveys or focus groups; a blank workbook has none until rows are typed below its hint row), so there is no year to report on; pass `--year YYYY`"
    )]
    NoYear,
    /// There are no meetings at all.
    #[error(
        "the inputs have no meetings table, so there is no meeting to build a deck for; add a sheet with `meeting date` and `working group` columns"
    )]
    NoMeetings,
}

/// One document's figures, typed: what its template is made from, and
/// what the exporters that draw without a template (the PowerPoint deck's
/// shapes) read.
#[derive(Debug, Clone)]
pub enum Figures {
    /// A meeting deck's.
    Deck(Box<deck::DeckFigures>),
    /// The annual report's.
    Report(Box<report::ReportFigures>),
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() { "none".to_string() } else { items.join(", ") }
}

/// An inclusive range of dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day.
    pub start: NaiveDate,
    /// The last day.
    pub end: NaiveDate,
}

impl Period {
    /// Whether `date` falls in the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Rounds `part / whole` to a whole percent, half up, in integers.
pub fn whole_percent(part: u64, whole: u64) -> Option<u64> {
    (whole > 0).then(|| (part * 200 + whole) / (whole * 2))
}

/// Compares two names ignoring case, punctuation and spacing.
pub fn same_name(a: &str, b: &str) -> bool {
    crate::tables::normalize(a) == crate::tables::normalize(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percents_round_half_up() {
        assert_eq!(whole_percent(144, 150), Some(96));
        assert_eq!(whole_percent(1, 8), Some(13));
        assert_eq!(whole_percent(0, 0), None);
    }
}
