//! Cell value parsing: dates, times, whole numbers, percentages, yes/no and
//! the status vocabulary (done, under way, planned and their synonyms).
//!
//! Each parser returns `Err(expected)`, a phrase saying what was expected, so
//! the caller can build a located `found …, expected …` message.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::ingest::{Cell, format_number};

/// How to read a numeric date such as `03/04/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateOrder {
    /// Day first: `03/04/2025` is April 3.
    Dmy,
    /// Month first: `03/04/2025` is March 4.
    Mdy,
}

/// A date read from text before the day/month order is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TextDate {
    /// An unambiguous date (ISO, or with a month name).
    Known(NaiveDateTime),
    /// A numeric `a/b/yyyy` date whose order depends on the column.
    Numeric { a: u32, b: u32, year: i32, time: Option<NaiveTime> },
}

impl TextDate {
    /// The order this value forces, if any: a part above 12 can only be a day.
    pub fn forced_order(&self) -> Option<DateOrder> {
        match *self {
            TextDate::Numeric { a, b, .. } if a > 12 && b <= 12 => Some(DateOrder::Dmy),
            TextDate::Numeric { a, b, .. } if b > 12 && a <= 12 => Some(DateOrder::Mdy),
            _ => None,
        }
    }

    /// Whether the value reads the same either way (`05/05/2025`) or is not
    /// numeric at all.
    pub fn is_unambiguous(&self) -> bool {
        match *self {
            TextDate::Known(_) => true,
            TextDate::Numeric { a, b, .. } => a == b || a > 12 || b > 12,
        }
    }

    /// Resolves the value with an order (ignored for known dates).
    pub fn resolve(&self, order: Option<DateOrder>) -> Option<NaiveDateTime> {
        match *self {
            TextDate::Known(dt) => Some(dt),
            TextDate::Numeric { a, b, year, time } => {
                let order = order.or(self.forced_order()).or((a == b).then_some(DateOrder::Mdy))?;
                let (m, d) = match order {
                    DateOrder::Dmy => (b, a),
                    DateOrder::Mdy => (a, b),
                };
                NaiveDate::from_ymd_opt(year, m, d).map(|date| date.and_time(time.unwrap_or(NaiveTime::MIN)))
            }
        }
    }
}

/// The month names, in English and in French (without accents, as
/// compared), January first.
const MONTHS: [[&str; 2]; 12] = [
    ["january", "janvier"],
    ["february", "fevrier"],
    ["march", "mars"],
    ["april", "avril"],
    ["may", "mai"],
    ["june", "juin"],
    ["july", "juillet"],
    ["august", "aout"],
    ["september", "septembre"],
    ["october", "octobre"],
    ["november", "novembre"],
    ["december", "decembre"],
];

const WEEKDAYS: [&str; 14] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
];

/// A word as compared with month and day names: lowercase, no accents, no
/// abbreviation dot.
fn name_word(word: &str) -> String {
    super::kinds::fold_accents(&word.trim_end_matches('.').to_lowercase())
}

/// The month number of a month name or its abbreviation, in English or
/// French (`Sept`, `juil.`, `févr.` too); an abbreviation two months share
/// (`jui`) is none.
fn month_number(word: &str) -> Option<u32> {
    let w = name_word(word);
    if w.len() < 3 {
        return None;
    }
    let w = if w == "sept" { "sep".to_string() } else { w };
    let mut found = MONTHS.iter().enumerate().filter(|(_, names)| names.iter().any(|m| m.starts_with(&w))).map(|(i, _)| i as u32 + 1);
    let first = found.next()?;
    found.all(|other| other == first).then_some(first)
}

fn is_weekday(word: &str) -> bool {
    let w = name_word(word);
    w.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(&w))
}

/// A day number, allowing an ordinal suffix: `19`, `19th`, `2nd`, `1er`.
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_lowercase();
    if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th" | "er") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Parses a date or date-time written as text.
///
/// Accepts ISO `2025-06-19`, `2025/06/19`, `June 19, 2025`, `19 June 2025`,
/// `Jun 19 2025`, numeric `19/06/2025` (order settled by the column), each
/// optionally followed by a time (`9:00:00 AM`) and a zone label (`EST`,
/// `GMT-4`), which is ignored.
pub fn parse_text_date(text: &str) -> Option<TextDate> {
    let text = text.trim();
    // ISO date-time with a `T`.
    if let Some((d, t)) = text.split_once('T')
        && d.len() == 10
        && let (Some(TextDate::Known(date)), Some(time)) = (parse_text_date(d), parse_time_text(t.trim_end_matches('Z')))
    {
        return Some(TextDate::Known(date.date().and_time(time)));
    }
    let cleaned = text.replace(',', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let time_at = words.iter().position(|w| w.contains(':'));
    let (date_words, time) = match time_at {
        Some(i) => {
            let mut time_text = words[i].to_string();
            if let Some(next) = words.get(i + 1)
                && is_meridiem(next)
            {
                time_text.push(' ');
                time_text.push_str(next);
            }
            (&words[..i], Some(parse_time_text(&time_text)?))
        }
        None => (&words[..], None),
    };
    // Weekday names and French articles ("le 19 juin 2025") say nothing of the date.
    let date_words: Vec<&str> = date_words.iter().copied().filter(|w| !is_weekday(w) && !w.eq_ignore_ascii_case("le")).collect();
    let at = |date: NaiveDate| Some(TextDate::Known(date.and_time(time.unwrap_or(NaiveTime::MIN))));
    match date_words.as_slice() {
        [one] => {
            let parts: Vec<&str> = one.split(['-', '/', '.']).collect();
            let [p1, p2, p3] = parts.as_slice() else { return None };
            let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
            let nums = nums?;
            if p1.len() == 4 {
                at(NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2])?)
            } else if p3.len() == 4 && p1.len() <= 2 && p2.len() <= 2 {
                let (a, b) = (nums[0], nums[1]);
                if a == 0 || b == 0 || a > 31 || b > 31 || (a > 12 && b > 12) {
                    return None;
                }
                Some(TextDate::Numeric { a, b, year: nums[2] as i32, time })
            } else {
                None
            }
        }
        [m, d, y] if month_number(m).is_some() => at(NaiveDate::from_ymd_opt(year_number(y)?, month_number(m)?, day_number(d)?)?),
        [d, m, y] if month_number(m).is_some() => at(NaiveDate::from_ymd_opt(year_number(y)?, month_number(m)?, day_number(d)?)?),
        _ => None,
    }
}

fn year_number(word: &str) -> Option<i32> {
    (word.len() == 4).then(|| word.parse().ok()).flatten()
}

fn is_meridiem(word: &str) -> bool {
    matches!(word.to_lowercase().replace('.', "").as_str(), "am" | "pm")
}

/// The date of an Excel serial number (1900 date system).
pub fn excel_serial_date(serial: f64) -> Option<NaiveDateTime> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    let millis = (serial * 86_400_000.0).round() as i64;
    base.checked_add_signed(Duration::milliseconds(millis))
}

/// Parses a time of day: `10:00`, `10:00 AM`, `10 a.m.`, `13:30`, `9:00:00 PM`.
pub fn parse_time_text(text: &str) -> Option<NaiveTime> {
    let lower = text.trim().to_lowercase().replace('.', "");
    let compact: String = lower.split_whitespace().collect();
    let (clock, meridiem) = if let Some(c) = compact.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = compact.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (compact.as_str(), None)
    };
    let mut parts = clock.split(':');
    let h: u32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next().map(str::parse).transpose().ok()?.unwrap_or(0);
    let s: u32 = parts.next().map(str::parse).transpose().ok()?.unwrap_or(0);
    if parts.next().is_some() || (meridiem.is_none() && !clock.contains(':')) {
        return None;
    }
    let h = match meridiem {
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        Some(_) => return None,
        None => h,
    };
    NaiveTime::from_hms_opt(h, m, s)
}

/// Parses a time cell: a real time, a day fraction, or text.
pub fn parse_time(cell: &Cell) -> Result<NaiveTime, &'static str> {
    const EXPECTED: &str = "a time such as `10:00 AM` or `13:30`";
    match cell {
        Cell::Time(t) => Ok(*t),
        Cell::DateTime(dt) => Ok(dt.time()),
        Cell::Number(n) if (0.0..1.0).contains(n) => {
            let secs = (n * 86_400.0).round() as u32;
            NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).ok_or(EXPECTED)
        }
        Cell::Text(t) => parse_time_text(t).ok_or(EXPECTED),
        _ => Err(EXPECTED),
    }
}

/// Parses a whole, non-negative count: `257`, `1,420`, `257.0`.
pub fn parse_count(cell: &Cell) -> Result<u64, &'static str> {
    const EXPECTED: &str = "a whole number of 0 or more";
    let n = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => grouped_number(t).ok_or(EXPECTED)?,
        _ => return Err(EXPECTED),
    };
    if !n.is_finite() || n < 0.0 || n.fract() != 0.0 || n > 1e15 {
        return Err(EXPECTED);
    }
    Ok(n as u64)
}

/// A number typed as text: plain digits (`1420`, `257.0`, `12,5` with a
/// decimal comma), or digits grouped by threes with one separator (`1,420`,
/// `1 420` with a space or no-break space, `1_420`). Anything else (`5 0`,
/// `12,34,5`, `120 plans`) is not a number.
pub fn grouped_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let (int, frac) = match t.rsplit_once('.') {
        Some((int, frac)) if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) => (int, Some(frac)),
        Some(_) => return None,
        None => match t.rsplit_once(',') {
            // One comma and not three digits after it: a decimal comma.
            Some((int, frac)) if !int.contains(',') && frac.len() != 3 && !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) => {
                (int, Some(frac))
            }
            _ => (t, None),
        },
    };
    let int = int.strip_prefix('-').unwrap_or(int);
    if int.is_empty() {
        return None;
    }
    let separators = [',', ' ', '\u{00A0}', '\u{202F}', '_'];
    let groups: Vec<&str> = int.split(|c| separators.contains(&c)).collect();
    let plain = groups.len() == 1 && groups[0].bytes().all(|b| b.is_ascii_digit());
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && {
            // One kind of separator throughout.
            let mut seps = int.chars().filter(|c| separators.contains(c));
            let first = seps.next();
            seps.all(|c| Some(c) == first)
        };
    if !plain && !grouped {
        return None;
    }
    let digits: String = int.chars().filter(|c| c.is_ascii_digit()).collect();
    let number = match frac {
        Some(frac) => format!("{digits}.{frac}"),
        None => digits,
    };
    let n: f64 = number.parse().ok()?;
    Some(if t.starts_with('-') { -n } else { n })
}

/// Parses a percentage into a fraction: `96%`, `0.96`, and `96` all give 0.96.
pub fn parse_percent(cell: &Cell) -> Result<f64, &'static str> {
    const EXPECTED: &str = "a percentage such as `96%` or `0.96`";
    let (n, had_sign) = match cell {
        Cell::Number(n) => (*n, false),
        Cell::Text(t) => {
            let t = t.trim();
            let (num, sign) = match t.strip_suffix('%') {
                Some(n) => (n.trim(), true),
                None => (t, false),
            };
            // A decimal comma, as French writes it: `96,5 %`, `0,96`.
            let num = if num.matches(',').count() == 1 && !num.contains('.') { num.replace(',', ".") } else { num.to_string() };
            (num.parse::<f64>().map_err(|_| EXPECTED)?, sign)
        }
        _ => return Err(EXPECTED),
    };
    let fraction = if had_sign || n > 1.0 { n / 100.0 } else { n };
    if !fraction.is_finite() || !(0.0..=1.0).contains(&fraction) {
        return Err(EXPECTED);
    }
    Ok(fraction)
}

/// Parses yes/no; blank is `None`.
pub fn parse_yes_no(cell: &Cell) -> Result<Option<bool>, &'static str> {
    const EXPECTED: &str = "yes or no";
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Text(t) => match t.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "x" | "✓" | "✔" | "1" | "oui" | "vrai" => Ok(Some(true)),
            "no" | "n" | "false" | "0" | "non" | "faux" => Ok(Some(false)),
            _ => Err(EXPECTED),
        },
        _ => Err(EXPECTED),
    }
}

/// The status of a workplan activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Done.
    Completed,
    /// Under way.
    InProgress,
    /// Not started yet.
    Planned,
}

impl Status {
    /// The label printed in documents.
    pub fn label(self) -> &'static str {
        match self {
            Status::Completed => "Completed",
            Status::InProgress => "In progress",
            Status::Planned => "Planned",
        }
    }
}

/// Parses an activity status: completed, in progress, not started or
/// planned, each with the words staff use for it.
pub fn parse_status(text: &str) -> Result<Status, &'static str> {
    match super::kinds::fold_accents(&text.trim().to_lowercase()).as_str() {
        "done" | "completed" | "complete" | "finished" | "termine" | "terminee" | "completee" | "acheve" => Ok(Status::Completed),
        "in progress" | "in-progress" | "ongoing" | "underway" | "under way" | "started" | "en cours" | "commence" => {
            Ok(Status::InProgress)
        }
        "planned" | "not started" | "next" | "to do" | "todo" | "upcoming" | "prevu" | "prevue" | "a venir" | "non commence"
        | "a faire" => Ok(Status::Planned),
        _ => Err(
            "a status: completed (done, finished), in progress (ongoing, underway, started) or planned (not started, next, to do, upcoming)",
        ),
    }
}

/// A short, quoted rendering of a cell for `found …` messages.
pub fn found(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "an empty cell".to_string(),
        Cell::Number(n) => format_number(*n),
        Cell::Error(e) if e == crate::ingest::FORMULA_WITHOUT_VALUE => {
            "a formula saved without its result (open the file in Excel or LibreOffice and save it again, so that its formulas' results are saved)".to_string()
        }
        Cell::Error(e) => format!("the error value `{e}`"),
        other => {
            let text = other.display();
            // A bad cell's value is quoted, unless it holds personal details.
            if let Some(detail) = super::staff_text::personal_detail(&text, super::staff_text::Purpose::Label) {
                return format!("text with personal details ({detail}; not shown)");
            }
            let short: String = text.chars().take(60).collect();
            if short.len() < text.len() { format!("`{short}…`") } else { format!("`{short}`") }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_as_text_group_by_threes_or_not_at_all() {
        for (text, n) in [
            ("1420", 1420.0),
            ("1,420", 1420.0),
            ("1 420", 1420.0),
            ("1\u{00A0}420", 1420.0),
            ("257.0", 257.0),
            ("12,5", 12.5),
            ("1,234,567", 1_234_567.0),
            ("-3", -3.0),
        ] {
            assert_eq!(grouped_number(text), Some(n), "{text}");
        }
        for text in ["5 0", "12,34,5", "120 plans", "1, 420", "", "1.2.3", "1,420 000"] {
            assert_eq!(grouped_number(text), None, "{text}");
        }
        assert!(parse_count(&Cell::Text("5 0".into())).is_err());
    }

    #[test]
    fn french_values() {
        let known = |s: &str| match parse_text_date(s) {
            Some(TextDate::Known(dt)) => Some(dt.date()),
            _ => None,
        };
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(known("19 juin 2025"), d(2025, 6, 19));
        assert_eq!(known("1er février 2025"), d(2025, 2, 1));
        assert_eq!(known("14 août 2025"), d(2025, 8, 14));
        assert_eq!(known("2 déc. 2025"), d(2025, 12, 2));
        assert_eq!(known("le mardi 7 octobre 2025"), d(2025, 10, 7));
        assert_eq!(known("3 juil 2025"), d(2025, 7, 3));
        assert_eq!(known("3 jui 2025"), None, "juin or juillet");
        assert_eq!(known("March 3, 2025"), d(2025, 3, 3));
        assert_eq!(parse_status("Terminé"), Ok(Status::Completed));
        assert_eq!(parse_status("EN COURS"), Ok(Status::InProgress));
        assert_eq!(parse_status("À venir"), Ok(Status::Planned));
        assert_eq!(parse_status("non commencé"), Ok(Status::Planned));
        assert_eq!(parse_yes_no(&Cell::Text("Oui".into())), Ok(Some(true)));
        assert_eq!(parse_yes_no(&Cell::Text("non".into())), Ok(Some(false)));
        assert_eq!(parse_percent(&Cell::Text("96,5\u{a0}%".into())), Ok(0.965));
        assert_eq!(parse_percent(&Cell::Text("0,96".into())), Ok(0.96));
        assert_eq!(parse_count(&Cell::Text("1\u{a0}420".into())), Ok(1420));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, day).unwrap().and_time(NaiveTime::MIN)
    }

    fn known(text: &str) -> NaiveDateTime {
        match parse_text_date(text) {
            Some(TextDate::Known(dt)) => dt,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn date_forms() {
        assert_eq!(known("2025-06-19"), d(2025, 6, 19));
        assert_eq!(known("2025/06/19"), d(2025, 6, 19));
        assert_eq!(known("June 19, 2025"), d(2025, 6, 19));
        assert_eq!(known("19 June 2025"), d(2025, 6, 19));
        assert_eq!(known("Jun 19 2025"), d(2025, 6, 19));
        assert_eq!(known("Sept. 22nd, 2025"), d(2025, 9, 22));
        assert_eq!(known("Tuesday, October 7, 2025"), d(2025, 10, 7));
        assert_eq!(known("2025-10-07T10:30:00"), d(2025, 10, 7).date().and_hms_opt(10, 30, 0).unwrap());
    }

    #[test]
    fn google_forms_timestamp() {
        let dt = known("2025/10/01 9:00:00 AM EST");
        assert_eq!(dt, d(2025, 10, 1).date().and_hms_opt(9, 0, 0).unwrap());
        let dt = known("2025/10/01 9:00:00 PM GMT-4");
        assert_eq!(dt.time(), NaiveTime::from_hms_opt(21, 0, 0).unwrap());
    }

    #[test]
    fn numeric_order() {
        let v = parse_text_date("19/06/2025").unwrap();
        assert_eq!(v.forced_order(), Some(DateOrder::Dmy));
        assert_eq!(v.resolve(None), Some(d(2025, 6, 19)));
        let amb = parse_text_date("03/04/2025").unwrap();
        assert!(!amb.is_unambiguous());
        assert_eq!(amb.resolve(None), None);
        assert_eq!(amb.resolve(Some(DateOrder::Dmy)), Some(d(2025, 4, 3)));
        assert_eq!(amb.resolve(Some(DateOrder::Mdy)), Some(d(2025, 3, 4)));
        assert!(parse_text_date("next Tuesday").is_none());
        assert!(parse_text_date("2025-02-30").is_none());
    }

    #[test]
    fn serials() {
        assert_eq!(excel_serial_date(45827.0), Some(d(2025, 6, 19)));
    }

    #[test]
    fn times() {
        let t = |h, m| Some(NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(parse_time_text("10:00"), t(10, 0));
        assert_eq!(parse_time_text("10:00 AM"), t(10, 0));
        assert_eq!(parse_time_text("10 a.m."), t(10, 0));
        assert_eq!(parse_time_text("12 p.m."), t(12, 0));
        assert_eq!(parse_time_text("12:30 am"), t(0, 30));
        assert_eq!(parse_time_text("13:30"), t(13, 30));
        assert_eq!(parse_time_text("10"), None);
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count(&Cell::Text("1,420".into())), Ok(1420));
        assert_eq!(parse_count(&Cell::Number(257.0)), Ok(257));
        assert_eq!(parse_count(&Cell::Text("257.0".into())), Ok(257));
        assert!(parse_count(&Cell::Number(-3.0)).is_err());
        assert!(parse_count(&Cell::Number(12.5)).is_err());
    }

    #[test]
    fn percents_and_flags() {
        assert_eq!(parse_percent(&Cell::Text("96%".into())), Ok(0.96));
        assert_eq!(parse_percent(&Cell::Number(0.96)), Ok(0.96));
        assert_eq!(parse_percent(&Cell::Number(96.0)), Ok(0.96));
        assert_eq!(parse_yes_no(&Cell::Text("✓".into())), Ok(Some(true)));
        assert_eq!(parse_yes_no(&Cell::Text("N".into())), Ok(Some(false)));
        assert_eq!(parse_status("Underway"), Ok(Status::InProgress));
        assert_eq!(parse_status("to do"), Ok(Status::Planned));
    }
}
