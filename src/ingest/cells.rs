//! Cell values: calamine's cells converted to [`Cell`], text cleaned of
//! control characters and stray spaces, error texts (`#DIV/0!`) and ISO
//! dates and durations recognised.

use std::collections::HashMap;

use calamine::Data;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::*;

/// Prints a number without a needless `.0`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Converts one calamine value, as read by the xlsx cell reader.
pub(super) fn convert_ref(data: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match data {
        DataRef::SharedString(s) => text_cell(s),
        DataRef::String(s) => text_cell(s),
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => convert(&Data::DateTime(*dt)),
        DataRef::DateTimeIso(s) => parse_iso(s).unwrap_or_else(|| text_cell(s)),
        DataRef::DurationIso(s) => parse_iso_duration(s).map(Cell::Time).unwrap_or_else(|| text_cell(s)),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Converts one calamine value.
pub(super) fn convert(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::String(s) => text_cell(s),
        Data::DateTime(dt) => {
            if dt.as_f64() < 1.0 && dt.as_f64() >= 0.0 {
                match dt.as_datetime() {
                    Some(v) => Cell::Time(v.time()),
                    None => Cell::Number(dt.as_f64()),
                }
            } else {
                dt.as_datetime().map(Cell::DateTime).unwrap_or(Cell::Number(dt.as_f64()))
            }
        }
        Data::DateTimeIso(s) => parse_iso(s).unwrap_or_else(|| text_cell(s)),
        Data::DurationIso(s) => parse_iso_duration(s).map(Cell::Time).unwrap_or_else(|| text_cell(s)),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A text cell, cleaned; empty text is [`Cell::Empty`]. Error texts such as
/// `#DIV/0!` (how some ODS files store error cells) become [`Cell::Error`].
pub fn text_cell(s: &str) -> Cell {
    let cleaned = clean_text(s);
    if cleaned.is_empty() {
        Cell::Empty
    } else if is_error_text(&cleaned) {
        Cell::Error(cleaned)
    } else {
        Cell::Text(Text::from(cleaned))
    }
}

/// The spreadsheet error values, as text.
pub(super) const ERROR_TEXTS: [&str; 8] = ["#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA"];

pub(super) fn is_error_text(s: &str) -> bool {
    ERROR_TEXTS.contains(&s) || s.starts_with("Err:") && s[4..].chars().all(|c| c.is_ascii_digit())
}

/// Trims text and removes control characters and byte-order marks.
/// Line breaks and tabs inside a cell become single spaces.
pub fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c == '\u{FEFF}' || (c.is_control() && !c.is_whitespace()) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

pub(super) fn parse_iso(s: &str) -> Option<Cell> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(Cell::DateTime(d.and_time(NaiveTime::MIN)));
    }
    let s = s.trim_end_matches('Z');
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").ok().map(Cell::DateTime)
}

/// Parses an ISO-8601 duration of under a day, `PT10H30M00S`, as a time.
pub(super) fn parse_iso_duration(s: &str) -> Option<NaiveTime> {
    let rest = s.strip_prefix("PT")?;
    let (mut h, mut m, mut sec) = (0u32, 0u32, 0f64);
    let mut num = String::new();
    for c in rest.chars() {
        match c {
            'H' => h = num.parse().ok()?,
            'M' => m = num.parse().ok()?,
            'S' => sec = num.parse().ok()?,
            _ => {
                num.push(c);
                continue;
            }
        }
        num.clear();
    }
    NaiveTime::from_hms_opt(h, m, sec as u32)
}

/// Cells made from text, each distinct short text cleaned once and shared
/// (up to a bound: a file of all-different values keeps no more than
/// [`Interner::MAX`]).
#[derive(Default)]
pub(super) struct Interner {
    cells: HashMap<Box<str>, Cell, foldhash::fast::RandomState>,
}

impl Interner {
    /// The most texts kept.
    const MAX: usize = 1 << 16;
    /// Longer texts are not kept: they are seldom repeated.
    const LONGEST: usize = 256;

    pub(super) fn cell(&mut self, text: &str) -> Cell {
        if text.len() > Self::LONGEST {
            return text_cell(text);
        }
        if let Some(cell) = self.cells.get(text) {
            return cell.clone();
        }
        let cell = text_cell(text);
        if self.cells.len() < Self::MAX {
            self.cells.insert(text.into(), cell.clone());
        }
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_text() {
        assert_eq!(clean_text("\u{FEFF}  Glengarry\u{0007} Court \n "), "Glengarry Court");
        assert_eq!(clean_text("a\r\nb"), "a b");
    }

    #[test]
    fn error_texts() {
        assert_eq!(text_cell("#DIV/0!"), Cell::Error("#DIV/0!".into()));
        assert_eq!(text_cell("Err:502"), Cell::Error("Err:502".into()));
        assert_eq!(text_cell(" x "), Cell::Text("x".into()));
    }

    #[test]
    fn durations() {
        assert_eq!(parse_iso_duration("PT10H30M00S"), NaiveTime::from_hms_opt(10, 30, 0));
    }
}
