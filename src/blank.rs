//! Blank input workbooks, one per table kind, for staff to type into:
//! `init` writes them to `blank-workbooks/` beside `inputs/` (not into
//! `inputs/`, so an empty copy is never read as data by mistake).
//!
//! Each workbook has one sheet named after its kind, with:
//! - the header row: the kind's canonical columns (see [`crate::tables::Kind`]),
//!   bold, frozen, with widths that fit the header and its hint;
//! - a hint row under it, every cell starting `e.g.` (see [`is_hint`]): the
//!   reader skips it, and the row ledger says `hint`;
//! - each date column formatted `yyyy-mm-dd`, each time column `h:mm AM/PM`;
//! - drop-down lists (data validation) for status, pillar, municipality
//!   and, in the survey, Likert answers.

use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::tables::Kind;

/// The folder `init` writes them to, beside `inputs/`.
pub const DIR: &str = "blank-workbooks";

/// How many rows below the header the drop-downs and formats cover.
pub const ROWS: u32 = 1000;

/// The statuses offered for an activity (each is read as such; see
/// design.md, activity status).
pub const STATUSES: [&str; 3] = ["Completed", "In progress", "Planned"];

/// The answers offered for a survey statement: the agreement scale.
pub const LIKERT: [&str; 5] = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"];

/// The municipalities offered: Windsor-Essex's. Another name may still be
/// typed (the list warns, it does not refuse).
pub const MUNICIPALITIES: [&str; 9] =
    ["Amherstburg", "Essex", "Kingsville", "Lakeshore", "LaSalle", "Leamington", "Pelee", "Tecumseh", "Windsor"];

/// The survey's example statements (the sample survey's), each a Likert
/// question with its drop-down; staff rename or add columns for their own.
const STATEMENTS: [&str; 2] = ["I feel safe in my neighbourhood.", "I know where to get help for substance use in my community."];

/// Whether a row directly below a header is a blank workbook's hint row:
/// it has a cell, and every cell with something in it starts with `e.g.`.
pub fn is_hint<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    let mut any = false;
    for cell in cells {
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        if !cell.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("e.g.")) {
            return false;
        }
        any = true;
    }
    any
}

/// One column of a blank workbook.
struct Col {
    header: String,
    hint: String,
    kind: ColKind,
}

/// What a column holds, for its format and drop-down.
#[derive(Clone, Copy, PartialEq)]
enum ColKind {
    Text,
    Date,
    Time,
    Count,
    Status,
    Pillar,
    Municipality,
    Likert,
}

/// The file name of `kind`'s blank workbook: `events.xlsx`, `action-items.xlsx`.
pub fn file_name(kind: Kind) -> String {
    format!("{}.xlsx", kind.name().replace(' ', "-"))
}

/// The sheet name of `kind`'s blank workbook: `Events`, `Action items`.
pub fn sheet_name(kind: Kind) -> String {
    let name = kind.name();
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The header as written: the canonical name, capitalised.
fn header(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The columns of `kind`'s blank workbook, with their hints.
fn columns(kind: Kind, pillars: &[String]) -> Vec<Col> {
    let mut cols: Vec<Col> = kind
        .columns()
        .iter()
        .map(|c| {
            let (kind, hint) = match c.name {
                "date" | "start" | "due" | "submitted" => (ColKind::Date, "e.g. 2025-06-19".to_string()),
                "start time" => (ColKind::Time, "e.g. 10:00 AM".to_string()),
                "end time" => (ColKind::Time, "e.g. 12:00 PM".to_string()),
                "residents reached" | "plans distributed" | "feedback responses" | "felt more confident" | "quantity" | "participants" => {
                    (ColKind::Count, "e.g. 25".to_string())
                }
                "contacted" | "participated" => (ColKind::Text, "e.g. Yes".to_string()),
                "status" => (ColKind::Status, "e.g. In progress (pick from the list)".to_string()),
                "pillar" => {
                    (ColKind::Pillar, format!("e.g. {} (pick from the list)", pillars.first().map_or("Harm Reduction", |p| p.as_str())))
                }
                "municipality" => (ColKind::Municipality, "e.g. Windsor (pick from the list)".to_string()),
                "event" => (ColKind::Text, "e.g. Community Safety Fair".to_string()),
                "group" if kind == Kind::Meetings => (ColKind::Text, "e.g. Harm Reduction Working Group".to_string()),
                "group" => (ColKind::Text, "e.g. Youth".to_string()),
                "activity" => (ColKind::Text, "e.g. Host a focus group".to_string()),
                "action item" => (ColKind::Text, "e.g. Share the survey with your staff".to_string()),
                "organization" => (ColKind::Text, "e.g. Windsor Public Library".to_string()),
                "sector" => (ColKind::Text, "e.g. Health".to_string()),
                "meeting" => (ColKind::Date, "e.g. 2025-10-07".to_string()),
                "themes" => (ColKind::Text, "e.g. Housing; Stigma".to_string()),
                "role" => (ColKind::Text, "e.g. Resident".to_string()),
                "project" => (ColKind::Text, "e.g. Naloxone Training Expansion".to_string()),
                "owner" => (ColKind::Text, "e.g. Project Coordinator".to_string()),
                "notes" => (ColKind::Text, "e.g. Anything for the team (never printed)".to_string()),
                "title" => (ColKind::Text, "e.g. WECOSS Harm Reduction Working Group Meeting".to_string()),
                "location" => (ColKind::Text, "e.g. Boardroom 2, 1005 Ouellette Ave".to_string()),
                "neighbourhood" => (ColKind::Text, "e.g. Downtown".to_string()),
                "event type" => (ColKind::Text, "e.g. Community fair".to_string()),
                "plan" => (ColKind::Text, "e.g. Neighbourhood safety plan".to_string()),
                "channel" => (ColKind::Text, "e.g. Event".to_string()),
                "audience" => (ColKind::Text, "e.g. All members".to_string()),
                _ => (ColKind::Text, "e.g. …".to_string()),
            };
            Col { header: header(c.name), hint, kind }
        })
        .collect();
    if kind == Kind::Survey {
        cols.extend(STATEMENTS.iter().map(|s| Col {
            header: s.to_string(),
            hint: "e.g. Agree (pick from the list)".to_string(),
            kind: ColKind::Likert,
        }));
    }
    if let Some(first) = cols.first_mut() {
        first.hint.push_str(" · this hint row is skipped");
    }
    cols
}

/// The pillars the built-in annual report's `content.toml` lists, then its
/// work across the pillars (`cross_cutting`).
pub fn built_in_pillars() -> Vec<String> {
    let text = crate::templates::EMBEDDED.get_file("annual-report/content.toml").and_then(|f| f.contents_utf8()).unwrap_or_default();
    let table: toml::Table = text.parse().unwrap_or_default();
    ["pillars", "cross_cutting"]
        .iter()
        .filter_map(|key| table.get(*key).and_then(toml::Value::as_array))
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Every blank workbook: its file name and its bytes. The pillars offered
/// are `pillars` (the report's, then the work across them). The same
/// `pillars` give the same bytes.
pub fn workbooks(pillars: &[String]) -> Result<Vec<(String, Vec<u8>)>, XlsxError> {
    Kind::ALL.iter().map(|&kind| Ok((file_name(kind), workbook(kind, pillars)?))).collect()
}

/// The blank workbook of `kind`.
pub fn workbook(kind: Kind, pillars: &[String]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time, so the same inputs give the same bytes.
    let created = ExcelDateTime::from_ymd(2025, 1, 1)?;
    book.set_properties(&DocProperties::new().set_title(format!("WECOSS {} (blank)", kind.name())).set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(kind))?;
    let bold = Format::new().set_bold().set_background_color("D9E2EA");
    let hint = Format::new().set_italic().set_font_color("595959");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("h:mm AM/PM");
    let last = ROWS;
    for (i, col) in columns(kind, pillars).iter().enumerate() {
        let c = i as u16;
        sheet.write_string_with_format(0, c, &col.header, &bold)?;
        sheet.write_string_with_format(1, c, &col.hint, &hint)?;
        let width = col.header.chars().count().max(col.hint.chars().count()).clamp(10, 60);
        sheet.set_column_width(c, width as f64 + 2.0)?;
        match col.kind {
            ColKind::Date => {
                sheet.set_column_format(c, &date)?;
            }
            ColKind::Time => {
                sheet.set_column_format(c, &time)?;
            }
            _ => {}
        }
        let list: Option<(Vec<&str>, DataValidationErrorStyle)> = match col.kind {
            ColKind::Status => Some((STATUSES.to_vec(), DataValidationErrorStyle::Stop)),
            ColKind::Likert => Some((LIKERT.to_vec(), DataValidationErrorStyle::Stop)),
            ColKind::Pillar => Some((pillars.iter().map(String::as_str).collect(), DataValidationErrorStyle::Warning)),
            ColKind::Municipality => Some((MUNICIPALITIES.to_vec(), DataValidationErrorStyle::Warning)),
            _ => None,
        };
        if let Some((list, style)) = list {
            let message = match style {
                DataValidationErrorStyle::Stop => "Pick one of the list's answers.",
                _ => "Pick one from the list, or keep what you typed if it is right.",
            };
            let rule = DataValidation::new()
                .allow_list_strings(&list)?
                .set_error_style(style)
                .set_error_title("Not on the list")?
                .set_error_message(message)?;
            sheet.add_data_validation(1, c, last, c, &rule)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hint_rows() {
        assert!(is_hint(["e.g. 2025-06-19 · this hint row is skipped", "", "E.G. Windsor"]));
        assert!(!is_hint(["e.g. 2025-06-19", "Windsor"]));
        assert!(!is_hint(["", " "]));
    }

    #[test]
    fn names() {
        assert_eq!(file_name(Kind::ActionItems), "action-items.xlsx");
        assert_eq!(sheet_name(Kind::FocusGroups), "Focus groups");
    }
}
