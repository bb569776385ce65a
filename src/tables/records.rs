//! Typed records, one struct per table kind.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::values::Status;
pub use crate::text::{Text, Texts};

/// Where a record came from: file, sheet and one-based row number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The file, as displayed.
    pub file: Text,
    /// The sheet, if the file has sheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<Text>,
    /// The one-based row number.
    pub row: u32,
}

impl Source {
    /// A row reference such as `inputs/events.xlsx › Events › row 14`.
    pub fn cite(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{} › {} › row {}", self.file, sheet, self.row),
            None => format!("{} › row {}", self.file, self.row),
        }
    }
}

/// A community event attended.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// The event's date.
    pub date: NaiveDate,
    /// The event's name. The texts of an event are shared with the cells
    /// they came from (see [`Text`]): half a million rows naming nine
    /// municipalities hold nine strings.
    pub name: Text,
    /// Its municipality.
    pub municipality: Option<Text>,
    /// Its neighbourhood.
    pub neighbourhood: Option<Text>,
    /// Its venue.
    pub location: Option<Text>,
    /// Its type.
    pub event_type: Option<Text>,
    /// Residents reached.
    pub residents_reached: Option<u64>,
    /// Plans handed out at the event.
    pub plans_distributed: Option<u64>,
    /// Feedback responses (reviews completed).
    pub feedback_responses: Option<u64>,
    /// Of those, how many felt more confident.
    pub felt_more_confident: Option<u64>,
    /// The project it was for, when the sheet says.
    pub project: Option<String>,
    /// Where the row came from.
    pub source: Source,
}

/// Plans handed out on one date.
#[derive(Debug, Clone, Serialize)]
pub struct Distribution {
    /// The date.
    pub date: NaiveDate,
    /// How many plans.
    pub quantity: u64,
    /// Which plan.
    pub plan: Option<Text>,
    /// Where.
    pub municipality: Option<Text>,
    /// How (event, pickup, mail-out…).
    pub channel: Option<Text>,
    /// The event, if handed out at one.
    pub event: Option<Text>,
    /// The partner organisation.
    pub organization: Option<Text>,
    /// The project the plans were for, when the sheet says.
    pub project: Option<Text>,
    /// Where the row came from.
    pub source: Source,
}

/// A working-group meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    /// The date.
    pub date: NaiveDate,
    /// The working group.
    pub group: String,
    /// The working group as typed in the data, whatever an edition prints
    /// for it: what activities' pillars are matched against.
    #[serde(skip)]
    pub group_typed: String,
    /// When it starts.
    pub start: Option<NaiveTime>,
    /// When it ends.
    pub end: Option<NaiveTime>,
    /// The room or venue.
    pub location: Option<String>,
    /// A title, if given.
    pub title: Option<String>,
    /// Where the row came from.
    pub source: Source,
}

/// A workplan activity.
#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    /// What is to be done.
    pub activity: String,
    /// Its status.
    pub status: Status,
    /// The project it belongs to.
    pub project: Option<String>,
    /// The pillar or working group.
    pub pillar: Option<String>,
    /// The pillar as typed in the data, whatever an edition prints for it:
    /// what a working group is matched against.
    #[serde(skip)]
    pub pillar_typed: Option<String>,
    /// When it starts.
    pub start: Option<NaiveDate>,
    /// When it is due.
    pub due: Option<NaiveDate>,
    /// Who leads it.
    pub owner: Option<String>,
    /// Where the row came from.
    pub source: Source,
}

/// An action item for working-group members.
#[derive(Debug, Clone, Serialize)]
pub struct ActionItem {
    /// The ask.
    pub text: String,
    /// The meeting it is for.
    pub meeting: Option<NaiveDate>,
    /// Who it is for.
    pub audience: Option<String>,
    /// Where the row came from.
    pub source: Source,
}

/// A text of the data and its French, from a French column beside it
/// (`Activity (FR)`) or a row of a `translations` table.
#[derive(Debug, Clone, Serialize)]
pub struct Translation {
    /// The text as the data's own column has it.
    pub english: String,
    /// Its French.
    pub french: String,
    /// Where the French was typed: its cell, or its row.
    pub at: String,
    /// Whether it was typed beside the text, in a French column (which
    /// beats a row of a `translations` table).
    pub beside: bool,
}

/// A focus-group session.
#[derive(Debug, Clone, Serialize)]
pub struct FocusGroup {
    /// The date.
    pub date: NaiveDate,
    /// The group consulted.
    pub group: String,
    /// Where.
    pub municipality: Option<String>,
    /// How many took part.
    pub participants: Option<u64>,
    /// The themes raised.
    pub themes: Vec<String>,
    /// Where the row came from.
    pub source: Source,
}

/// A stakeholder organisation.
#[derive(Debug, Clone, Serialize)]
pub struct Stakeholder {
    /// The organisation.
    pub organization: String,
    /// Its sector.
    pub sector: Option<String>,
    /// Its municipality.
    pub municipality: Option<String>,
    /// Whether it was contacted.
    pub contacted: Option<bool>,
    /// Whether it took part.
    pub participated: Option<bool>,
    /// Where the row came from.
    pub source: Source,
}

/// The type of a survey question, inferred from its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    /// Agreement on a 3-, 4- or 5-point scale.
    Likert,
    /// Yes or no.
    YesNo,
    /// One of a dozen or fewer options.
    SingleChoice,
    /// Several options at once.
    MultiSelect,
    /// A number.
    Number,
    /// Anything else: never printed, only counted.
    FreeText,
}

impl QuestionType {
    /// The type as `check` names it.
    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Likert => "scale",
            QuestionType::YesNo => "yes/no",
            QuestionType::SingleChoice => "choice",
            QuestionType::MultiSelect => "multi-select",
            QuestionType::Number => "number",
            QuestionType::FreeText => "written (counted only)",
        }
    }
}

/// One survey question.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// The question as asked.
    pub text: String,
    /// Its inferred type.
    pub kind: QuestionType,
    /// The answer options, in scale order for Likert questions.
    pub options: Vec<String>,
}

/// One answer. Free-text answers keep no text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// One option (Likert, yes/no, single choice).
    One(Text),
    /// Several options (boxed: an answer is 16 bytes, and a survey holds
    /// one per question per response).
    Many(Box<Vec<Text>>),
    /// A number.
    Number(f64),
    /// A free-text answer was given (its text is not kept).
    Text,
}

// A survey holds an answer per question per response: keep it small.
const _: () = assert!(std::mem::size_of::<Option<Answer>>() == 16);

/// One survey response. Identifying and metadata columns are never stored.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    /// When it was submitted.
    pub submitted: NaiveDateTime,
    /// The respondent's municipality.
    pub municipality: Option<Text>,
    /// The respondent's role.
    pub role: Option<Text>,
    /// Answers, in the order of [`Survey::questions`].
    pub answers: Vec<Option<Answer>>,
    /// The one-based row it was read from.
    #[serde(skip)]
    pub row: u32,
}

/// One survey export: its questions and responses.
#[derive(Debug, Clone, Serialize)]
pub struct Survey {
    /// The file, as displayed.
    pub file: String,
    /// The sheet, if any.
    pub sheet: Option<String>,
    /// The questions, in column order.
    pub questions: Vec<Question>,
    /// The responses.
    pub responses: Vec<Response>,
}
